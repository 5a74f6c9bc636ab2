/**
 * Case-insensitive lookups over the emulator's objects: what SOQL validation, record generation
 * and the REST routes ask of the metadata (objects by name or key prefix, fields, relationships).
 */
import type { FieldDescribe, SObjectDescribe } from '../../describeTypes';
import { describeGlobal, describeSObject } from './describe';
import { ObjectDefinition, STANDARD_OBJECTS } from './standardObjects';

export interface CatalogObject {
  definition: ObjectDefinition;
  name: string;
  keyPrefix: string;
  fields: readonly FieldDescribe[];
  fieldByLowerName: ReadonlyMap<string, FieldDescribe>;
  /** reference fields by lower-cased relationship name (`account` → AccountId) */
  relationshipByLowerName: ReadonlyMap<string, FieldDescribe>;
  /** child relationships by lower-cased name (`contacts` → Contact.AccountId) */
  childByLowerName: ReadonlyMap<string, { childObject: string; field: string; relationshipName: string }>;
  hasField(name: string): boolean;
}

export class Catalog {
  private readonly byLowerName = new Map<string, CatalogObject>();
  private readonly byPrefix = new Map<string, CatalogObject>();

  constructor(definitions: readonly ObjectDefinition[] = STANDARD_OBJECTS) {
    for (const definition of definitions) {
      const fieldByLowerName = new Map(definition.fields.map((f) => [f.name.toLowerCase(), f] as const));
      const relationshipByLowerName = new Map<string, FieldDescribe>();
      for (const f of definition.fields) {
        if (f.type === 'reference' && f.relationshipName) relationshipByLowerName.set(f.relationshipName.toLowerCase(), f);
      }
      const entry: CatalogObject = {
        definition,
        name: definition.name,
        keyPrefix: definition.keyPrefix,
        fields: definition.fields,
        fieldByLowerName,
        relationshipByLowerName,
        childByLowerName: new Map(),
        hasField: (name) => fieldByLowerName.has(name.toLowerCase()),
      };
      this.byLowerName.set(definition.name.toLowerCase(), entry);
      this.byPrefix.set(definition.keyPrefix, entry);
    }
    for (const describe of this.objects()) {
      for (const child of describeSObject(describe.definition, '62.0').childRelationships ?? []) {
        if (!child.relationshipName) continue;
        const parent = describe.childByLowerName as Map<string, { childObject: string; field: string; relationshipName: string }>;
        parent.set(child.relationshipName.toLowerCase(), { childObject: child.childSObject, field: child.field, relationshipName: child.relationshipName });
      }
    }
  }

  objects(): CatalogObject[] {
    return [...this.byLowerName.values()];
  }

  object(name: string): CatalogObject | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  objectByPrefix(keyPrefix: string): CatalogObject | undefined {
    return this.byPrefix.get(keyPrefix);
  }

  describe(name: string, version: string): SObjectDescribe | undefined {
    const entry = this.object(name);
    return entry ? describeSObject(entry.definition, version) : undefined;
  }

  describeGlobal(version: string) {
    return describeGlobal(version);
  }
}
