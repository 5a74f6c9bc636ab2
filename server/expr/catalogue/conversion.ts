/**
 * Type conversion functions (reference/aep.md §2.4 "Type conversion"): text → numbers with
 * Java's parsing rules. Numbers are JS doubles, so to_bigint refuses values beyond ±2^53
 * instead of silently rounding them.
 */
import type { FunctionSpec, Value } from './spec';
import { param } from './build';
import { arg, fail, isNull, preview, typeName } from './values';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;
const INTEGER = /^[+-]?\d+$/;

function numberFrom(fn: string, v: Value, syntax: RegExp, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return fail(fn, `STRING must be a string, got ${typeName(v)} ${preview(v)}`);
  const text = v.trim();
  if (!syntax.test(text)) return fail(fn, `${preview(v)} is not ${what}`);
  const n = Number(text.replace(/[dDfF]$/, ''));
  if (!Number.isFinite(n)) return fail(fn, `${preview(v)} is out of range`);
  return n;
}

/** The shortest decimal that reads back as the same 32-bit float (how Java prints a Float). */
export function toFloat32(n: number): number {
  const f = Math.fround(n);
  if (!Number.isFinite(f)) return f;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

function converter(name: string, doc: string, example: { call: string; result: Value }, convert: (v: Value) => number): FunctionSpec {
  return {
    name,
    category: 'conversion',
    params: [param('STRING', ['string', 'number'], 'The text to convert.')],
    returns: 'number',
    doc,
    examples: [example],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : convert(arg(args, 0))),
  };
}

export const conversionFunctions: readonly FunctionSpec[] = [
  converter('to_bigint', 'Converts text to a whole number (BigInteger): a decimal part is truncated; beyond ±2^53 is an error.', { call: 'to_bigint("1000000.34")', result: 1000000 }, (v) => {
    const n = Math.trunc(numberFrom('to_bigint', v, DECIMAL, 'a number'));
    if (!Number.isSafeInteger(n)) fail('to_bigint', `${preview(v)} is beyond ±2^53 and cannot be represented exactly`);
    return n === 0 ? 0 : n;
  }),
  converter('to_decimal', 'Converts text to a decimal number (Double).', { call: 'to_decimal("20.5")', result: 20.5 }, (v) => numberFrom('to_decimal', v, DOUBLE, 'a decimal number')),
  converter('to_float', 'Converts text to a single-precision number (Float), rounded to float precision.', { call: 'to_float("12.3456")', result: 12.3456 }, (v) => toFloat32(numberFrom('to_float', v, DOUBLE, 'a decimal number'))),
  converter('to_integer', 'Converts text of a whole number to an Integer (32-bit); decimals or out-of-range values are an error.', { call: 'to_integer("12")', result: 12 }, (v) => {
    const n = typeof v === 'number' ? Math.trunc(v) : numberFrom('to_integer', v, INTEGER, 'a whole number');
    if (n < -2147483648 || n > 2147483647) fail('to_integer', `${preview(v)} is outside the Integer range`);
    return n === 0 ? 0 : n;
  }),
];
