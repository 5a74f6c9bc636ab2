/**
 * Checks the JSON body of a REST insert or update against the object's describe, the way an org
 * does, and answers with the org's error codes and messages: INVALID_FIELD (unknown name),
 * JSON_PARSER_ERROR (wrong JSON type), INVALID_FIELD_FOR_INSERT_UPDATE (read-only field),
 * REQUIRED_FIELD_MISSING, STRING_TOO_LONG, INVALID_EMAIL_ADDRESS, restricted picklists, ids.
 * Valid values come back normalised (18-character ids, REST datetimes, numbers rounded to scale).
 */
import type { FieldDescribe } from '../../describeTypes';
import type { Row } from '../data/generators';
import { parseDateTime, restDateTime } from '../data/format';
import { decodeRecordId, idChecksum } from '../ids';
import type { CatalogObject } from '../metadata/catalog';

export interface WriteError {
  errorCode: string;
  message: string;
  fields?: string[];
}

export type WriteOperation = 'insert' | 'update';

/** What a referenced id points at, as far as the emulator's records go. */
export type ReferenceTarget = { object: string; deleted: boolean } | null;

const STRING_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring']);
const DECIMAL_TYPES = new Set(['double', 'currency', 'percent']);
const WELL_FORMED_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function jsonTypeName(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'string': return 'VALUE_STRING';
    case 'number': return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
    case 'boolean': return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default: return 'START_OBJECT';
  }
}

function parserError(javaType: string, value: unknown): WriteError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    errorCode: 'JSON_PARSER_ERROR',
    message: `Cannot deserialize instance of ${javaType} from ${jsonTypeName(value)} value ${shown} or request may be missing a required field`,
  };
}

function isRequired(f: FieldDescribe): boolean {
  return f.createable === true && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean';
}

/** The body's JSON object, or the parser error an org gives for anything else. */
function parseBody(body: string, objectName: string): { record: Record<string, unknown> } | { error: WriteError } {
  let value: unknown;
  try {
    value = body.trim() === '' ? {} : JSON.parse(body);
  } catch (e) {
    return { error: { errorCode: 'JSON_PARSER_ERROR', message: `Unexpected character in the request body: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { error: { errorCode: 'JSON_PARSER_ERROR', message: `Cannot deserialize instance of ${objectName} from ${jsonTypeName(value)} value or request may be missing a required field` } };
  }
  return { record: value as Record<string, unknown> };
}

export class SObjectWriteValidator {
  constructor(
    private readonly object: CatalogObject,
    private readonly locate: (id: string) => ReferenceTarget,
  ) {}

  /**
   * The fields to write (canonical names, normalised values) or the first error an org would report.
   * `recordId` is the record an update addresses.
   */
  validate(body: string, operation: WriteOperation, recordId?: string): { fields: Row } | { error: WriteError } {
    const parsed = parseBody(body, this.object.name);
    if ('error' in parsed) return parsed;
    const entries: [FieldDescribe, unknown][] = [];
    for (const [key, value] of Object.entries(parsed.record)) {
      if (key === 'attributes') continue;
      const f = this.object.fieldByLowerName.get(key.toLowerCase());
      if (!f) return { error: { errorCode: 'INVALID_FIELD', message: `No such column '${key}' on sobject of type ${this.object.name}` } };
      entries.push([f, value]);
    }
    const fields: Row = {};
    for (const [f, value] of entries) {
      const typed = this.jsonType(f, value);
      if (typed && 'errorCode' in typed) return { error: typed };
      fields[f.name] = typed ? typed.value : value;
    }
    if ('Id' in fields) {
      const sameRecord = operation === 'update' && typeof fields.Id === 'string' && recordId !== undefined
        && fields.Id.slice(0, 15) === recordId.slice(0, 15);
      if (!sameRecord) {
        return { error: { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: `cannot specify Id in an ${operation} call`, fields: ['Id'] } };
      }
      delete fields.Id;
    }
    const readOnly = Object.keys(fields).filter((name) => {
      const f = this.object.fieldByLowerName.get(name.toLowerCase()) as FieldDescribe;
      return operation === 'insert' ? !f.createable : !f.updateable;
    });
    if (readOnly.length) {
      return {
        error: {
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: readOnly,
        },
      };
    }
    const missing = this.object.fields.filter((f) => isRequired(f) && (operation === 'insert' ? fields[f.name] === undefined || fields[f.name] === null : fields[f.name] === null));
    if (missing.length) {
      const names = missing.map((f) => f.name);
      return { error: { errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${names.join(', ')}]`, fields: names } };
    }
    for (const [name, value] of Object.entries(fields)) {
      if (value === null) continue;
      const problem = this.valueProblem(this.object.fieldByLowerName.get(name.toLowerCase()) as FieldDescribe, value);
      if (problem) return { error: problem };
      const f = this.object.fieldByLowerName.get(name.toLowerCase()) as FieldDescribe;
      if ((f.type === 'reference' || f.type === 'id') && typeof value === 'string' && value.length === 15) fields[name] = value + idChecksum(value);
    }
    return { fields };
  }

  /**
   * The value in the field's own type, or the parser error for a JSON value of the wrong type;
   * undefined when the value is kept as it is.
   */
  private jsonType(f: FieldDescribe, value: unknown): { value: unknown } | WriteError | undefined {
    if (value === null) return f.type === 'boolean' ? { value: false } : undefined;
    switch (f.type) {
      case 'boolean':
        if (typeof value === 'boolean') return undefined;
        if (value === 'true' || value === 'false') return { value: value === 'true' };
        return parserError('boolean', value);
      case 'int': case 'long': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isInteger(n)) return parserError(f.type, value);
        return { value: n };
      }
      case 'double': case 'currency': case 'percent': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n !== 'number' || !Number.isFinite(n)) return parserError('double', value);
        const factor = 10 ** (f.scale ?? 0);
        return { value: Math.round(n * factor) / factor };
      }
      case 'date': {
        const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
          && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
        return ok ? undefined : parserError('date', value);
      }
      case 'datetime': {
        const ms = typeof value === 'string' ? parseDateTime(value) : NaN;
        return Number.isNaN(ms) ? parserError('datetime', value) : { value: restDateTime(ms) };
      }
      default:
        if (STRING_TYPES.has(f.type) || f.type === 'reference' || f.type === 'id') {
          if (typeof value === 'string') return undefined;
          if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
          return parserError('String', value);
        }
        return undefined;
    }
  }

  private valueProblem(f: FieldDescribe, value: unknown): WriteError | null {
    const fields = [f.name];
    if (typeof value === 'string' && STRING_TYPES.has(f.type) && f.length > 0 && value.length > f.length) {
      return { errorCode: 'STRING_TOO_LONG', message: `${f.label}: data value too large: ${value} (max length=${f.length})`, fields };
    }
    if (f.type === 'email' && typeof value === 'string' && !EMAIL.test(value)) {
      return { errorCode: 'INVALID_EMAIL_ADDRESS', message: `${f.label}: invalid email address: ${value}`, fields };
    }
    if (f.type === 'picklist' && f.restrictedPicklist === true && !f.picklistValues.some((p) => p.active && p.value === value)) {
      return { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: `${f.label}: bad value for restricted picklist field: ${String(value)}`, fields };
    }
    if ((f.type === 'int' || f.type === 'long') && typeof value === 'number' && f.digits && Math.abs(value) >= 10 ** Number(f.digits)) {
      return { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: `${f.label}: value outside of valid range on numeric field: ${value}`, fields };
    }
    if (DECIMAL_TYPES.has(f.type) && typeof value === 'number' && f.precision > 0 && Math.abs(value) >= 10 ** (f.precision - f.scale)) {
      return { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: `${f.label}: value outside of valid range on numeric field: ${value}`, fields };
    }
    if (f.type === 'reference' && typeof value === 'string') return this.referenceProblem(f, value);
    return null;
  }

  private referenceProblem(f: FieldDescribe, id: string): WriteError | null {
    const fields = [f.name];
    const wellFormed = WELL_FORMED_ID.test(id) && (id.length === 15 || idChecksum(id.slice(0, 15)).toUpperCase() === id.slice(15).toUpperCase());
    if (!wellFormed) return { errorCode: 'MALFORMED_ID', message: `${f.label}: id value of incorrect type: ${id}`, fields };
    const decoded = decodeRecordId(id);
    const target = decoded ? this.locate(id) : null;
    if (!target) return { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id`, fields };
    if (!f.referenceTo.includes(target.object)) {
      return { errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: `${f.label}: id value of incorrect type: ${id}`, fields };
    }
    if (target.deleted) return { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields };
    return null;
  }
}
