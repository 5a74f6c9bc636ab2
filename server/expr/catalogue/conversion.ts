/**
 * Type conversion functions (reference/aep.md §2.4 "Type conversion"): text → numbers with
 * Java's parsing rules. Numbers are JS doubles, exact only up to ±2^53, so to_bigint works
 * on the exact decimal text (BigInt) and carries a result beyond ±2^53 as its exact digits
 * in a string rather than rounding it; past a Java long (±2^63) it is an error.
 */
import type { FunctionSpec, Value } from './spec';
import { param } from './build';
import { arg, fail, isNull, preview, typeName } from './values';

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

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** to_bigint: the truncated value of decimal text, computed exactly; see the module comment for how it is carried. */
function toBigint(v: Value): number | string {
  const outOfRange = (): never => fail('to_bigint', `${preview(v)} is outside the range of a Java long (-2^63 to 2^63-1)`);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('to_bigint', `${preview(v)} is not a number`);
    const n = Math.trunc(v);
    // already a double: kept as one (2^63 itself is one past the largest long)
    if (n >= 2 ** 63 || n < -(2 ** 63)) outOfRange();
    return n === 0 ? 0 : n;
  }
  if (typeof v !== 'string') return fail('to_bigint', `STRING must be a string, got ${typeName(v)} ${preview(v)}`);
  const m = DECIMAL_PARTS.exec(v.trim());
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m ?? [];
  const digits = whole + fraction;
  if (!m || digits === '') return fail('to_bigint', `${preview(v)} is not a number`);
  // where the decimal point sits in `digits` once the exponent is applied
  const point = whole.length + Number(exponent);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  if (point - leadingZeros > 19) outOfRange();
  const integerText = point <= 0 ? '0' : point <= digits.length ? digits.slice(0, point) : digits + '0'.repeat(point - digits.length);
  const n = (sign === '-' ? -1n : 1n) * BigInt(integerText);
  if (n < LONG_MIN || n > LONG_MAX) outOfRange();
  const asNumber = Number(n);
  return Number.isSafeInteger(asNumber) ? (asNumber === 0 ? 0 : asNumber) : n.toString();
}

/** Decimal text (as Java reads it) split into sign, whole digits, fraction digits and exponent. */
const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function converter(name: string, doc: string, example: { call: string; result: Value }, convert: (v: Value) => Value): FunctionSpec {
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
  converter(
    'to_bigint',
    'Converts text to a whole number (BigInteger): a decimal part is truncated. Up to ±2^53 the result is a number; beyond that, up to the range of a Java long (±2^63), it is the exact digits as text, since a number would round them; further out is an error.',
    { call: 'to_bigint("1000000.34")', result: 1000000 },
    toBigint,
  ),
  converter('to_decimal', 'Converts text to a decimal number (Double).', { call: 'to_decimal("20.5")', result: 20.5 }, (v) => numberFrom('to_decimal', v, DOUBLE, 'a decimal number')),
  converter('to_float', 'Converts text to a single-precision number (Float), rounded to float precision.', { call: 'to_float("12.3456")', result: 12.3456 }, (v) => toFloat32(numberFrom('to_float', v, DOUBLE, 'a decimal number'))),
  converter('to_integer', 'Converts text of a whole number to an Integer (32-bit); decimals or out-of-range values are an error.', { call: 'to_integer("12")', result: 12 }, (v) => {
    const n = typeof v === 'number' ? Math.trunc(v) : numberFrom('to_integer', v, INTEGER, 'a whole number');
    if (n < -2147483648 || n > 2147483647) fail('to_integer', `${preview(v)} is outside the Integer range`);
    return n === 0 ? 0 : n;
  }),
];
