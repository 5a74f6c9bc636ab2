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
