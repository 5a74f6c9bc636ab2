/**
 * Reading runtime Values inside function implementations: type tests, the coercions AEP
 * applies to arguments, and FunctionError messages that name the function and parameter.
 */
import { FunctionError, Value, ZonedDateTimeLike } from './spec';
import { isZonedDateTime, toIsoString } from './dates/zonedDateTime';
import { stringToBoolean } from './conversions';

export type ValueObject = { [key: string]: Value };
export type ValueMap = Map<string, Value>;

export const isNull = (v: Value | undefined): v is null | undefined => v === null || v === undefined;
export const isMap = (v: Value | undefined): v is ValueMap => v instanceof Map;
export const isDateTime = (v: Value | undefined): v is ZonedDateTimeLike => isZonedDateTime(v);

export function isPlainObject(v: Value | undefined): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !isZonedDateTime(v);
}

/** The ExprType-style name of a value, for messages. */
export function typeName(v: Value | undefined): string {
  if (isNull(v)) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'map';
  if (isZonedDateTime(v)) return 'datetime';
  return typeof v;
}

/** JSON-compatible copy: maps become objects, dates ISO strings. */
export function toJsonValue(v: Value | undefined): unknown {
  if (isNull(v)) return null;
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toJsonValue(x)]));
  if (isZonedDateTime(v)) return toIsoString(v);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

/** A short rendering of a value for error messages. */
export function preview(v: Value | undefined): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(toJsonValue(v)) ?? String(v);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Raises the FunctionError of a bad argument; callers (the compiler) prefix the function name. */
export function fail(fn: string, message: string): never {
  throw new FunctionError(message, fn);
}

/** Text of a scalar as Data Prep prints it: numbers as JS prints them, dates in ISO-8601, structures as JSON. */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isZonedDateTime(v)) return toIsoString(v);
  return JSON.stringify(toJsonValue(v));
}

/** A string argument; numbers, booleans and dates are converted, structures are an error. */
export function asString(fn: string, param: string, v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || isZonedDateTime(v)) return toText(v);
  return fail(fn, `${param} must be a string, got ${typeName(v)} ${preview(v)}`);
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number argument; numeric strings are converted (as JEXL does). */
export function asNumber(fn: string, param: string, v: Value): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMERIC_TEXT.test(v.trim())) return Number(v.trim());
  return fail(fn, `${param} must be a number, got ${typeName(v)} ${preview(v)}`);
}

export function asInteger(fn: string, param: string, v: Value): number {
  const n = asNumber(fn, param, v);
  if (!Number.isInteger(n)) fail(fn, `${param} must be a whole number, got ${n}`);
  return n;
}

/** A boolean argument; strings use AEP's boolean table (yes/no, on/off, true/false …). */
export function asBoolean(fn: string, param: string, v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const b = stringToBoolean(v);
    if (b !== undefined) return b;
  }
  return fail(fn, `${param} must be a boolean, got ${typeName(v)} ${preview(v)}`);
}

export function asArray(fn: string, param: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  return fail(fn, `${param} must be an array, got ${typeName(v)} ${preview(v)}`);
}

/** Key/value pairs of an object or a map. */
export function asEntries(fn: string, param: string, v: Value): [string, Value][] {
  if (v instanceof Map) return [...v];
  if (isPlainObject(v)) return Object.entries(v);
  return fail(fn, `${param} must be an object or a map, got ${typeName(v)} ${preview(v)}`);
}

/** The argument at `i`, with missing trailing arguments read as null. */
export const arg = (args: readonly Value[], i: number): Value => args[i] ?? null;

/** Structural equality; dates compare by instant, maps and objects by entries. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNull(a) || isNull(b)) return false;
  if (isZonedDateTime(a) || isZonedDateTime(b)) return isZonedDateTime(a) && isZonedDateTime(b) && a.epochMs === b.epochMs;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]!));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ea = a instanceof Map ? [...a] : Object.entries(a);
    const eb = new Map(b instanceof Map ? [...b] : Object.entries(b));
    return ea.length === eb.size && ea.every(([k, x]) => eb.has(k) && valuesEqual(x, eb.get(k)!));
  }
  return false;
}

/** Natural ordering of two comparable scalars (numbers, strings, booleans, dates); an error otherwise. */
export function compareValues(fn: string, a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (isZonedDateTime(a) && isZonedDateTime(b)) return a.epochMs - b.epochMs;
  return fail(fn, `cannot compare ${typeName(a)} ${preview(a)} with ${typeName(b)} ${preview(b)}`);
}
