/**
 * The subset of Salesforce's own describe JSON that the product reads. Files in the
 * describe cache (`.crmflow/metadata/<connection>/<Object>.json`) hold the full JSON
 * exactly as the org returned it; these types name only the keys we use.
 */

export type SalesforceFieldType =
  | 'id' | 'reference' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'multipicklist'
  | 'combobox' | 'boolean' | 'int' | 'long' | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'time'
  | 'address' | 'location' | 'encryptedstring' | 'base64' | 'anyType' | 'complexvalue' | 'json';

export interface PicklistEntry {
  active: boolean;
  defaultValue: boolean;
  label: string;
  value: string;
  validFor?: string | null;
}

export interface FieldDescribe {
  name: string;
  label: string;
  type: SalesforceFieldType | string;
  soapType?: string;
  length: number;
  precision: number;
  scale: number;
  digits?: number;
  byteLength?: number;
  nillable: boolean;
  unique?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  custom: boolean;
  calculated?: boolean;
  createable?: boolean;
  updateable?: boolean;
  filterable?: boolean;
  defaultedOnCreate?: boolean;
  inlineHelpText?: string | null;
  picklistValues: PicklistEntry[];
  referenceTo: string[];
  relationshipName: string | null;
  compoundFieldName?: string | null;
  [key: string]: unknown;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete?: boolean;
}

export interface SObjectDescribe {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  queryable: boolean;
  retrieveable?: boolean;
  replicateable?: boolean;
  createable?: boolean;
  fields: FieldDescribe[];
  childRelationships?: ChildRelationship[];
  urls?: Record<string, string>;
  [key: string]: unknown;
}

/** One entry of describeGlobal's `sobjects` array. */
export interface GlobalSObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  queryable: boolean;
  retrieveable?: boolean;
  replicateable?: boolean;
  urls?: Record<string, string>;
  [key: string]: unknown;
}

export interface DescribeGlobal {
  encoding: string;
  maxBatchSize: number;
  sobjects: GlobalSObject[];
}
