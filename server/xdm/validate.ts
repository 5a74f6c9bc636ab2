/**
 * Record validation against an XDM schema, the way ingestion rejects rows: required,
 * type, enum, format, pattern and range violations, every one of them (ajv allErrors).
 *
 * ajv compiles `XdmSchema.validationSchema` (already free of $ref/allOf/meta:* keywords),
 * once per schema: compiled validators live in an `XdmValidatorCache` keyed by
 * `$id` + version + content hash, so an edited schema file compiles again.
 *
 * Values: a `null` property counts as absent (AEP stores XDM nulls as missing fields), so a
 * required field set to null is reported as missing. Date and date-time fields hold ISO
 * strings: `date` is `YYYY-MM-DD`, `date-time` is RFC 3339 and needs a zone offset.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { XdmSchema } from './schema';

export type RecordErrorCode = 'required' | 'type' | 'enum' | 'format' | 'pattern' | 'range' | 'unknown';

export interface RecordError {
  /** dot path into the record; array items as `[n]`, e.g. `personComponents[0].workEmail.address` */
  path: string;
  code: RecordErrorCode;
  message: string;
}

export interface XdmValidatorOptions {
  /**
   * Also report fields the schema does not define (code 'unknown'). Default false: then only
   * objects that declare `additionalProperties: false` reject extra fields.
   */
  rejectUnknownFields?: boolean;
}

export interface XdmRecordValidator {
  /** the cache key: schema id, version, content hash and options */
  readonly key: string;
  /** every violation in `record`; [] when it is valid. Never throws. */
  validateRecord(record: unknown): RecordError[];
}

export interface XdmValidatorCacheOptions {
  /** compiled schemas kept; the least recently used is dropped beyond this (default 32) */
  maxEntries?: number;
}

interface CacheEntry {
  validator: XdmRecordValidator;
  /** the object ajv compiled, to drop it from ajv's own cache on eviction */
  compiled?: object;
}

export class XdmValidatorCache {
  private readonly ajv: Ajv;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly maxEntries: number;
  private compilations = 0;

  constructor(options: XdmValidatorCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 32);
    this.ajv = new Ajv({
      allErrors: true,
      strict: true,
      // The schema is generated from XDM, which legitimately leaves types implicit in places.
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      addUsedSchema: false,
      logger: false,
    });
    addFormats(this.ajv);
  }

  /** The compiled validator for `schema`, compiling it on first use. Never throws. */
  validatorFor(schema: XdmSchema, options: XdmValidatorOptions = {}): XdmRecordValidator {
    const key = [schema.id, schema.version, schema.contentHash, options.rejectUnknownFields ? 'strict' : 'open'].join('\n');
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.validator;
    }
    const entry = this.compile(key, schema, options);
    this.entries.set(key, entry);
    this.evict();
    return entry.validator;
  }

  /** How many times ajv compiled a schema (cache hits do not count). */
  get compileCount(): number {
    return this.compilations;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    for (const entry of this.entries.values()) this.forget(entry);
    this.entries.clear();
  }

  private compile(key: string, schema: XdmSchema, options: XdmValidatorOptions): CacheEntry {
    this.compilations++;
    const prepared = this.prepare(schema.validationSchema, options.rejectUnknownFields === true);
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(prepared);
    } catch (e) {
      const message = `The schema cannot be compiled for validation: ${(e as Error).message}`;
      return { validator: { key, validateRecord: () => [{ path: '', code: 'unknown', message }] } };
    }
    const validator: XdmRecordValidator = {
      key,
      validateRecord: (record) => runValidation(validate, record),
    };
    return { validator, compiled: prepared };
  }

  /** A copy ajv accepts in strict mode: unknown formats dropped, optionally closed objects. */
  private prepare(node: unknown, closeObjects: boolean): Record<string, unknown> {
    const source = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(source)) {
      if (key === 'format' && typeof value === 'string' && !(value in this.ajv.formats)) continue;
      if (key === 'properties' && isPlainObject(value)) {
        const properties: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(value)) properties[name] = this.prepare(sub, closeObjects);
        out.properties = properties;
      } else if ((key === 'items' || key === 'additionalProperties') && isPlainObject(value)) {
        out[key] = this.prepare(value, closeObjects);
      } else {
        out[key] = value;
      }
    }
    if (closeObjects && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CacheEntry];
      this.entries.delete(oldestKey);
      this.forget(oldest);
    }
  }

  private forget(entry: CacheEntry): void {
    if (entry.compiled) this.ajv.removeSchema(entry.compiled);
  }
}

function runValidation(validate: ValidateFunction, record: unknown): RecordError[] {
  try {
    const data = withoutNulls(record);
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => toRecordError(e, data));
  } catch (e) {
    return [{ path: '', code: 'unknown', message: `The record cannot be validated: ${(e as Error).message}` }];
  }
}

/** `value` with null-valued object properties removed; shares everything that has none. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const cleaned = withoutNulls(item);
      if (cleaned !== item) (copy ??= value.slice())[i] = cleaned;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === null) {
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const cleaned = withoutNulls(item);
    if (cleaned !== item) (copy ??= { ...value })[key] = cleaned;
  }
  return copy ?? value;
}

const RANGE_KEYWORDS: ReadonlySet<string> = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
]);

function toRecordError(error: ErrorObject, record: unknown): RecordError {
  const { path, value } = locate(error.instancePath, record);
  const params = error.params as Record<string, unknown>;
  const shown = path === '' ? 'The record' : `'${path}'`;
  switch (error.keyword) {
    case 'required': {
      const missing = joinPath(path, String(params.missingProperty));
      return { path: missing, code: 'required', message: `Missing required field '${missing}'.` };
    }
    case 'type':
      return { path, code: 'type', message: `${shown} must be ${withArticle(String(params.type))}, not ${describeValue(value)}.` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { path, code: 'enum', message: `${shown} must be one of ${allowed}; got ${JSON.stringify(value)}.` };
    }
    case 'format':
      return { path, code: 'format', message: `${shown} is not a valid ${String(params.format)}: ${JSON.stringify(value)}.` };
    case 'pattern':
      return { path, code: 'pattern', message: `${shown} must match /${String(params.pattern)}/; got ${JSON.stringify(value)}.` };
    case 'additionalProperties': {
      const extra = joinPath(path, String(params.additionalProperty));
      return { path: extra, code: 'unknown', message: `'${extra}' is not a field of the schema.` };
    }
    default:
      if (RANGE_KEYWORDS.has(error.keyword)) {
        return { path, code: 'range', message: `${shown} ${error.message ?? 'is out of range'}; got ${JSON.stringify(value)}.` };
      }
      return { path, code: 'unknown', message: `${shown} ${error.message ?? 'is not valid'}.` };
  }
}

/** Turns ajv's JSON pointer into our dot path, using the data to tell array indices from keys. */
function locate(pointer: string, record: unknown): { path: string; value: unknown } {
  let path = '';
  let value: unknown = record;
  if (pointer === '') return { path, value };
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      path += `[${segment}]`;
      value = value[Number(segment)];
    } else {
      path = joinPath(path, segment);
      value = isPlainObject(value) ? value[segment] : undefined;
    }
  }
  return { path, value };
}

function joinPath(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

function withArticle(type: string): string {
  const name = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
