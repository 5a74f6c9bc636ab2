/**
 * One record shape whichever API delivered it: flat, keyed by the requested field paths
 * (`Account.Name` included), typed by the describe. REST's nested parents are flattened
 * and `attributes` dropped; Bulk's all-string CSV cells are typed (numbers, booleans) and
 * empty cells become null (Salesforce stores no empty strings). Date-times are ISO UTC
 * with `Z` on both paths.
 */
import type { SObjectDescribe } from '../describeTypes';
import { normaliseDateTime } from './soql';

export type FieldValue = string | number | boolean | null | { [key: string]: FieldValue };
export type ExtractRecord = Record<string, FieldValue>;

type Kind = 'string' | 'number' | 'boolean' | 'datetime';

const NUMBER_TYPES = new Set(['int', 'long', 'double', 'currency', 'percent']);

function kindOf(type: string | undefined): Kind {
  if (type === undefined) return 'string';
  if (type === 'boolean') return 'boolean';
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === 'datetime') return 'datetime';
  return 'string';
}

function fromText(text: string, kind: Kind): FieldValue {
  if (text === '') return null;
  switch (kind) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'number': {
      const n = Number(text);
      return Number.isNaN(n) ? text : n;
    }
    case 'datetime':
      return normaliseDateTime(text);
    default:
      return text;
  }
}

function fromJson(value: unknown, kind: Kind): FieldValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return kind === 'string' ? value : fromText(value, kind);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const out: { [key: string]: FieldValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (k !== 'attributes') out[k] = fromJson(v, 'string');
    return out;
  }
  return String(value);
}

function lookup(record: Record<string, unknown>, key: string): unknown {
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k];
  return undefined;
}

export class RecordShaper {
  private readonly kinds: Kind[];
  private readonly paths: string[][];

  /** `fields` as requested; `describe` (when known) types the top-level fields. */
  constructor(readonly fields: readonly string[], describe?: SObjectDescribe) {
    const types = new Map<string, string>();
    for (const f of describe?.fields ?? []) types.set(f.name.toLowerCase(), String(f.type));
    this.kinds = fields.map((f) => (f.includes('.') ? 'string' : kindOf(types.get(f.toLowerCase()))));
    this.paths = fields.map((f) => f.split('.'));
  }

  /** A REST record (`attributes`, nested parents) as a flat typed record. */
  fromRest(raw: Record<string, unknown>): ExtractRecord {
    const out: ExtractRecord = {};
    for (let i = 0; i < this.fields.length; i++) {
      const path = this.paths[i];
      let value: unknown = raw;
      for (const part of path) {
        if (value === null || typeof value !== 'object') {
          value = null;
          break;
        }
        value = lookup(value as Record<string, unknown>, part);
      }
      out[this.fields[i]] = fromJson(value, this.kinds[i]);
    }
    return out;
  }

  /** A converter for the rows under one CSV header (columns are matched case-insensitively). */
  bulkRows(header: readonly string[]): (cells: readonly string[]) => ExtractRecord {
    const index = new Map<string, number>();
    header.forEach((h, i) => index.set(h.toLowerCase(), i));
    const columns = this.fields.map((f) => index.get(f.toLowerCase()) ?? -1);
    const fields = this.fields;
    const kinds = this.kinds;
    const n = fields.length;
    return (cells) => {
      const out: ExtractRecord = {};
      for (let i = 0; i < n; i++) {
        const c = columns[i];
        out[fields[i]] = c < 0 || c >= cells.length ? null : fromText(cells[c], kinds[i]);
      }
      return out;
    };
  }
}
