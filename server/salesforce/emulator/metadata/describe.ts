/**
 * Turns the object tables into Salesforce's own describe JSON: `GET …/sobjects` (describeGlobal)
 * and `GET …/sobjects/{Name}/describe`, with the top-level keys a real org returns.
 */
import type { ChildRelationship, DescribeGlobal, GlobalSObject, SObjectDescribe } from '../../describeTypes';
import { CASCADE_DELETE, CHILD_RELATIONSHIP_NAMES, ObjectDefinition, STANDARD_OBJECTS } from './standardObjects';

const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

function objectUrls(name: string, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    uiDetailTemplate: `https://emulator.my.salesforce.com/{ID}`,
    uiEditTemplate: `https://emulator.my.salesforce.com/{ID}/e`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    describe: `${base}/describe`,
    uiNewRecord: `https://emulator.my.salesforce.com/${'{keyPrefix}'}/e`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** The flags shared by describeGlobal entries and full describes, in org order. */
function globalEntry(def: ObjectDefinition, version: string): GlobalSObject {
  const urls = objectUrls(def.name, version);
  urls.uiNewRecord = urls.uiNewRecord.replace('{keyPrefix}', def.keyPrefix);
  return {
    activateable: def.flags.activateable,
    associateEntityType: null,
    associateParentEntity: null,
    createable: def.flags.createable,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    deletable: def.flags.deletable,
    deprecatedAndHidden: false,
    feedEnabled: def.flags.feedEnabled,
    hasSubtypes: false,
    idEnabled: true,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: def.flags.layoutable,
    mergeable: def.flags.mergeable,
    mruEnabled: def.flags.mruEnabled,
    name: def.name,
    queryable: true,
    replicateable: def.flags.replicateable ?? true,
    retrieveable: true,
    searchable: def.flags.searchable,
    triggerable: def.flags.triggerable,
    undeletable: def.flags.undeletable,
    updateable: def.flags.updateable,
    urls,
  };
}

export function describeGlobal(version: string): DescribeGlobal {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: STANDARD_OBJECTS.map((def) => globalEntry(def, version)) };
}

function childRelationships(parent: string): ChildRelationship[] {
  const children: ChildRelationship[] = [];
  for (const child of STANDARD_OBJECTS) {
    for (const f of child.fields) {
      if (f.type !== 'reference' || !f.referenceTo.includes(parent)) continue;
      const key = `${child.name}.${f.name}`;
      children.push({
        cascadeDelete: CASCADE_DELETE.has(key),
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: f.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: CHILD_RELATIONSHIP_NAMES[key] ?? null,
        restrictedDelete: false,
      } as ChildRelationship);
    }
  }
  return children.sort((a, b) => a.childSObject.localeCompare(b.childSObject) || a.field.localeCompare(b.field));
}

export function describeSObject(def: ObjectDefinition, version: string): SObjectDescribe {
  const g = globalEntry(def, version);
  const describe: SObjectDescribe = {
    actionOverrides: [],
    activateable: def.flags.activateable,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: childRelationships(def.name),
    compactLayoutable: def.flags.layoutable,
    createable: def.flags.createable,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: def.flags.deletable,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: def.flags.feedEnabled,
    fields: def.fields.map((f) => ({ ...f, picklistValues: f.picklistValues.map((p) => ({ ...p })), referenceTo: [...f.referenceTo] })),
    hasSubtypes: false,
    idEnabled: true,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: def.flags.layoutable,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: def.flags.mergeable,
    mruEnabled: def.flags.mruEnabled,
    name: def.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: true,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID,
        urls: { layout: `/services/data/v${version}/sobjects/${def.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}` },
      },
    ],
    replicateable: def.flags.replicateable ?? true,
    retrieveable: true,
    searchLayoutable: def.flags.searchable,
    searchable: def.flags.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: `All ${def.labelPlural.toLowerCase()}`, name: 'everything' },
      { label: `My ${def.labelPlural.toLowerCase()}`, name: 'mine' },
    ],
    triggerable: def.flags.triggerable,
    undeletable: def.flags.undeletable,
    updateable: def.flags.updateable,
    urls: g.urls,
  };
  return describe;
}
