/**
 * Implicit conversions of AEP Data Prep (reference/aep.md §2.5), shared by the functions,
 * the checker (literal checks) and the ingestion layer (string → boolean/date targets).
 */
export { parseDateImplicit, matchImplicitFormat, IMPLICIT_DATE_FORMATS, ISO_FALLBACK } from './dates/implicit';
export { parseDateWithPattern } from './dates/parse';
export { formatDate } from './dates/format';
export { isValidDatePattern } from './dates/pattern';
export { toIsoString, isZonedDateTime } from './dates/zonedDateTime';
export { ZoneRules } from './dates/zones';

const TRUE_TEXTS: ReadonlySet<string> = new Set(['y', 'yes', 'Y', 'YES', 'on', 'ON', 'true', 'TRUE']);
const FALSE_TEXTS: ReadonlySet<string> = new Set(['n', 'N', 'no', 'NO', 'off', 'OFF', 'false', 'FALSE']);

/** AEP's string → boolean table, exactly as documented (case variants not listed are not accepted). */
export function stringToBoolean(s: string): boolean | undefined {
  if (TRUE_TEXTS.has(s)) return true;
  if (FALSE_TEXTS.has(s)) return false;
  return undefined;
}

/** The texts stringToBoolean accepts, for completion and messages. */
export const BOOLEAN_TEXTS: { readonly true: readonly string[]; readonly false: readonly string[] } = {
  true: [...TRUE_TEXTS],
  false: [...FALSE_TEXTS],
};

/**
 * Ranges of XDM's integral types. `long` (and a plain JSON `integer`) stops at ±(2^53 − 1),
 * the integers a JSON number read into JavaScript carries exactly.
 */
export const XDM_INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  integer: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * A value for an XDM numeric field (`number` or an integral type), or why it does not fit.
 * Text is read as Java reads it (Double.parseDouble / Long.parseLong, surrounding blanks
 * ignored): decimal digits only, an exponent only for `number`; `0x10`, `1e3` or `1.5` are
 * not integers, and nothing is silently truncated.
 */
export function toXdmNumber(v: unknown, xdmType: string): { ok: true; value: number } | { ok: false; why: string } {
  const range = XDM_INTEGER_RANGES[xdmType];
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const text = v.trim();
    if (!(range ? INTEGER_TEXT : DECIMAL_TEXT).test(text)) {
      return { ok: false, why: range && DECIMAL_TEXT.test(text) ? 'is not a whole number' : 'is not a number' };
    }
    n = Number(text);
  } else return { ok: false, why: 'is not a number' };
  if (!Number.isFinite(n)) return { ok: false, why: 'is not a finite number' };
  if (!range) return { ok: true, value: n };
  if (!Number.isInteger(n)) return { ok: false, why: 'is not a whole number' };
  if (n < range[0] || n > range[1]) return { ok: false, why: `is outside the ${xdmType} range ${range[0]} to ${range[1]}` };
  return { ok: true, value: n === 0 ? 0 : n };
}
