/**
 * Fast lookups over a cached sObject describe: fields by name, relationships by
 * relationship name, and the expression type of each Salesforce field type.
 */
import type { ExprType } from '../expr/types';
import type { FieldDescribe, SObjectDescribe } from './describeTypes';

export class SObjectIndex {
  readonly fields = new Map<string, FieldDescribe>();
  /** reference fields by their relationshipName (`Account` for AccountId) */
  readonly relationships = new Map<string, FieldDescribe>();

  constructor(readonly describe: SObjectDescribe) {
    for (const f of Array.isArray(describe.fields) ? describe.fields : []) {
      if (!f || typeof f.name !== 'string') continue;
      this.fields.set(f.name, f);
      if (f.type === 'reference' && f.relationshipName) this.relationships.set(f.relationshipName, f);
    }
  }

  get name(): string {
    return this.describe.name;
  }

  field(name: string): FieldDescribe | undefined {
    return this.fields.get(name);
  }

  /** Field and relationship names, for did-you-mean and completion. */
  names(): string[] {
    return [...this.fields.keys(), ...this.relationships.keys()];
  }
}

/** Loads the describe of another object of the same connection (for relationship paths). */
export type DescribeLookup = (objectName: string) => SObjectIndex | undefined;

export interface ResolvedField {
  field: FieldDescribe;
  /** the object that owns the field */
  owner: SObjectIndex;
}

export type FieldResolution =
  | { ok: true; resolved: ResolvedField }
  /** `segment` is the index of the first segment that could not be resolved */
  | { ok: false; segment: number; candidates: string[]; reason: 'unknown' | 'not-a-relationship' | 'object-unavailable' };

/** Resolves `Account.Owner.Name`-style paths through relationship names. */
export function resolveFieldPath(root: SObjectIndex, path: readonly string[], lookup: DescribeLookup): FieldResolution {
  let obj = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (i === path.length - 1) {
      const f = obj.field(seg);
      if (f) return { ok: true, resolved: { field: f, owner: obj } };
      return { ok: false, segment: i, candidates: obj.names(), reason: 'unknown' };
    }
    const rel = obj.relationships.get(seg);
    if (!rel) {
      return { ok: false, segment: i, candidates: [...obj.relationships.keys()], reason: obj.field(seg) ? 'not-a-relationship' : 'unknown' };
    }
    const next = rel.referenceTo.map(lookup).find((x): x is SObjectIndex => x !== undefined);
    if (!next) return { ok: false, segment: i + 1, candidates: [], reason: 'object-unavailable' };
    obj = next;
  }
  return { ok: false, segment: 0, candidates: root.names(), reason: 'unknown' };
}

const EXPR_TYPE_OF: Readonly<Record<string, ExprType>> = {
  id: 'string', reference: 'string', string: 'string', textarea: 'string', email: 'string', phone: 'string', url: 'string',
  picklist: 'string', multipicklist: 'string', combobox: 'string', encryptedstring: 'string', base64: 'string', time: 'string',
  boolean: 'boolean',
  int: 'number', long: 'number', double: 'number', currency: 'number', percent: 'number',
  date: 'date', datetime: 'datetime',
  address: 'object', location: 'object', complexvalue: 'any', anyType: 'any', json: 'any',
};

export function exprTypeOfField(f: FieldDescribe): ExprType {
  return EXPR_TYPE_OF[f.type] ?? 'any';
}

/** `Text(80)`-style description of a field's type, as Salesforce Setup shows it. */
export function fieldTypeLabel(f: FieldDescribe): string {
  if (['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring'].includes(f.type) && f.length) return `${f.type}(${f.length})`;
  if (['double', 'currency', 'percent'].includes(f.type) && f.precision) return `${f.type}(${f.precision},${f.scale})`;
  if (f.type === 'reference' && f.referenceTo?.length) return `reference(${f.referenceTo.join(', ')})`;
  return f.type;
}
