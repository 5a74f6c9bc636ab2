/**
 * Constructors for describe field entries. Each returns the full key set a real org sends
 * (alphabetical, as orgs order them), with type-dependent defaults, so object tables stay short.
 */
import type { FieldDescribe, PicklistEntry, SalesforceFieldType } from '../../describeTypes';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', email: 'xsd:string',
  phone: 'xsd:string', url: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string',
  combobox: 'xsd:string', encryptedstring: 'xsd:string', boolean: 'xsd:boolean', int: 'xsd:int',
  long: 'xsd:long', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double', date: 'xsd:date',
  datetime: 'xsd:dateTime', time: 'xsd:time', base64: 'xsd:base64Binary', address: 'urn:address',
  location: 'urn:location', anyType: 'xsd:anyType',
};

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring']);
const NOT_GROUPABLE = new Set(['textarea', 'multipicklist', 'double', 'currency', 'percent', 'datetime', 'address', 'location', 'base64', 'time']);
const NOT_SORTABLE = new Set(['multipicklist', 'address', 'location', 'base64']);
const NOT_AGGREGATABLE = new Set(['multipicklist', 'boolean', 'address', 'location', 'base64']);

/** Everything a field table may override; anything left out gets a type-dependent default. */
export type FieldOptions = Partial<Omit<FieldDescribe, 'name' | 'label' | 'type'>>;

export function field(name: string, label: string, type: SalesforceFieldType, options: FieldOptions = {}): FieldDescribe {
  const length = (options.length as number | undefined) ?? (TEXT_TYPES.has(type) ? 255 : type === 'id' || type === 'reference' ? 18 : 0);
  const custom = name.endsWith('__c') || name.endsWith('__s');
  const longText = type === 'textarea' && length > 255;
  const compound = type === 'address' || type === 'location';
  const base: FieldDescribe = {
    aggregatable: !NOT_AGGREGATABLE.has(type) && !longText,
    aiPredictionField: false,
    autoNumber: false,
    byteLength: type === 'id' || type === 'reference' ? 18 : TEXT_TYPES.has(type) ? length * 3 : 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: !compound,
    custom,
    defaultValue: type === 'boolean' ? false : null,
    defaultValueFormula: null,
    defaultedOnCreate: type === 'boolean',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    displayLocationInDecimal: type === 'location',
    encrypted: false,
    externalId: false,
    extraTypeInfo: type === 'textarea' ? 'plaintextarea' : null,
    filterable: !longText && type !== 'address',
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !NOT_GROUPABLE.has(type),
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: false,
    inlineHelpText: null,
    label,
    length: type === 'id' || type === 'reference' ? 18 : length,
    mask: null,
    maskType: null,
    name,
    nameField: false,
    namePointing: false,
    nillable: type !== 'boolean' && type !== 'id',
    permissionable: type !== 'boolean' && type !== 'id' && !compound,
    picklistValues: [],
    polymorphicForeignKey: false,
    precision: 0,
    queryByDistance: type === 'location',
    referenceTargetField: null,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: 0,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[type] ?? 'xsd:string',
    sortable: !NOT_SORTABLE.has(type) && !longText,
    type,
    unique: false,
    updateable: !compound,
    writeRequiresMasterRead: false,
  };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) base[key] = value;
  }
  base.length = type === 'id' || type === 'reference' ? 18 : length;
  return base;
}

/** Marks a field read-only and system-maintained (audit fields, formulas, roll-ups). */
export const SYSTEM: FieldOptions = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true, permissionable: false };

export function idField(label: string): FieldDescribe {
  return field('Id', label, 'id', { ...SYSTEM, idLookup: true, groupable: true });
}

export function text(name: string, label: string, length: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'string', { length, ...options });
}

export function textarea(name: string, label: string, length: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'textarea', { length, ...options });
}

export function email(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'email', { length: 80, ...options });
}

export function phone(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'phone', { length: 40, ...options });
}

export function url(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'url', { length: 255, ...options });
}

export function picklistEntries(values: readonly string[], defaultValue?: string): PicklistEntry[] {
  return values.map((value) => ({ active: true, defaultValue: value === defaultValue, label: value, validFor: null, value }));
}

export function picklist(name: string, label: string, values: readonly string[], options: FieldOptions & { default?: string } = {}): FieldDescribe {
  const { default: defaultValue, ...rest } = options;
  return field(name, label, 'picklist', {
    length: 255,
    picklistValues: picklistEntries(values, defaultValue),
    defaultedOnCreate: defaultValue !== undefined,
    ...rest,
  });
}

export function multipicklist(name: string, label: string, values: readonly string[], options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'multipicklist', { length: 4099, picklistValues: picklistEntries(values), ...options });
}

export function bool(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'boolean', options);
}

export function int(name: string, label: string, digits: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'int', { digits, ...options });
}

export function double(name: string, label: string, precision: number, scale: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'double', { precision, scale, ...options });
}

export function currency(name: string, label: string, precision: number, scale: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'currency', { precision, scale, ...options });
}

export function percent(name: string, label: string, precision: number, scale: number, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'percent', { precision, scale, ...options });
}

export function date(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'date', options);
}

export function datetime(name: string, label: string, options: FieldOptions = {}): FieldDescribe {
  return field(name, label, 'datetime', options);
}

/** A lookup; `relationshipName` is how SOQL traverses it (`Account.Name`). */
export function reference(
  name: string, label: string, referenceTo: string[], relationshipName: string, options: FieldOptions = {},
): FieldDescribe {
  return field(name, label, 'reference', {
    referenceTo,
    relationshipName,
    namePointing: referenceTo.length > 1,
    polymorphicForeignKey: referenceTo.length > 1,
    searchPrefilterable: true,
    ...options,
  });
}

const GEOCODE_ACCURACY = ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'];

/** The parts of a compound address (`BillingStreet`, …) followed by the compound field itself; `label` is the prefix's label (`Billing`, or '' for Lead/User). */
export function address(prefix: string, label: string, options: FieldOptions = {}): FieldDescribe[] {
  const compoundFieldName = `${prefix}Address`;
  const partLabel = label ? `${label} ` : '';
  const part = (f: FieldDescribe): FieldDescribe => {
    f.compoundFieldName = compoundFieldName;
    for (const [key, value] of Object.entries(options)) if (value !== undefined) f[key] = value;
    return f;
  };
  return [
    part(textarea(`${prefix}Street`, `${partLabel}Street`, 255)),
    part(text(`${prefix}City`, `${partLabel}City`, 40)),
    part(text(`${prefix}State`, `${partLabel}State/Province`, 80)),
    part(text(`${prefix}PostalCode`, `${partLabel}Zip/Postal Code`, 20)),
    part(text(`${prefix}Country`, `${partLabel}Country`, 80)),
    part(double(`${prefix}Latitude`, `${partLabel}Latitude`, 18, 15)),
    part(double(`${prefix}Longitude`, `${partLabel}Longitude`, 18, 15)),
    part(picklist(`${prefix}GeocodeAccuracy`, `${partLabel}Geocode Accuracy`, GEOCODE_ACCURACY, { restrictedPicklist: true })),
    field(compoundFieldName, `${partLabel}Address`, 'address', { ...options, createable: false, updateable: false }),
  ];
}

/** A custom geolocation field `X__c` with its `X__Latitude__s` / `X__Longitude__s` parts. */
export function location(name: string, label: string): FieldDescribe[] {
  const stem = name.replace(/__c$/, '');
  return [
    double(`${stem}__Latitude__s`, `${label} (Latitude)`, 8, 5, { compoundFieldName: name }),
    double(`${stem}__Longitude__s`, `${label} (Longitude)`, 9, 5, { compoundFieldName: name }),
    field(name, label, 'location', { precision: 0, scale: 5 }),
  ];
}

/** Audit fields every standard object has, in the order orgs list them (IsDeleted comes first). */
export function auditFields(): FieldDescribe[] {
  return [
    datetime('CreatedDate', 'Created Date', SYSTEM),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', SYSTEM),
    datetime('LastModifiedDate', 'Last Modified Date', SYSTEM),
    reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', SYSTEM),
    datetime('SystemModstamp', 'System Modstamp', SYSTEM),
  ];
}

export function isDeletedField(): FieldDescribe {
  return bool('IsDeleted', 'Deleted', SYSTEM);
}

export function ownerField(referenceTo: string[] = ['User'], label = 'Owner ID'): FieldDescribe {
  return reference('OwnerId', label, referenceTo, 'Owner', { defaultedOnCreate: true, nillable: false, permissionable: false });
}

export function activityFields(): FieldDescribe[] {
  return [
    date('LastActivityDate', 'Last Activity', { createable: false, updateable: false }),
    datetime('LastViewedDate', 'Last Viewed Date', { createable: false, updateable: false }),
    datetime('LastReferencedDate', 'Last Referenced Date', { createable: false, updateable: false }),
  ];
}
