/**
 * String → date without an explicit format (reference/aep.md §2.5): AEP's ordered list,
 * first match wins. AEP's own documented examples (date("2019-10-23 11:24"),
 * date("2016-11-09T11:44:44.797")) match none of the listed formats, so after the list an
 * ISO-8601-style fallback is tried: `yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]][offset|zone][[zone id]]`.
 */
import type { ZonedDateTimeLike } from '../spec';
import { compilePattern, PatternToken } from './pattern';
import { ParsedFields, parseWithTokens, resolveFields } from './parse';
import { UTC, ZoneRules } from './zones';

export const IMPLICIT_DATE_FORMATS: readonly string[] = [
  'yyyy-MM-dd HH:mm:ssZ',
  'yyyy-MM-dd HH:mm:ss.SSSZ',
  'yyyy-MM-dd HH:mm:ss.SSS',
  "yyyy-MM-dd'T'HH:mm:ss.SSSX",
  "yyyy-MM-dd'T'HH:mm:ss'Z'",
  'yyyy-MM-dd',
  'yyyy/MM/dd',
  'yyyy.MM.dd',
  'yyyy-MMM-dd',
  'yyyyMMdd',
  'MM-dd-yyyy',
  'MMddyyyy',
  'M/dd/yyyy',
  'dd.M.yyyy',
  'M/dd/yyyy hh:mm:ss a',
  'dd.M.yyyy hh:mm:ss a',
  'dd.MMM.yyyy',
  'dd-MMM-yyyy',
];

/** Name of the ISO-8601 fallback in matchImplicitFormat() results. */
export const ISO_FALLBACK = 'ISO-8601';

const COMPILED: readonly { pattern: string; tokens: readonly PatternToken[] }[] = IMPLICIT_DATE_FORMATS.map((pattern) => {
  const c = compilePattern(pattern);
  if (!c.ok) throw new Error(`bad built-in date format ${pattern}: ${c.error}`);
  return { pattern, tokens: c.tokens };
});

const ISO_RE = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z][A-Za-z0-9_/+:-]*))?(?:\[([^\]]+)\])?$/;

function parseIso(text: string, rules: ZoneRules): ZonedDateTimeLike | undefined {
  const m = ISO_RE.exec(text);
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const f: ParsedFields = { yearOfEra: Number(m[1]), month, day, hourOfDay: hour, minute, second, ms: m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3)) };
  if (f.yearOfEra! <= 0) {
    f.era = 0;
    f.yearOfEra = 1 - f.yearOfEra!;
  }
  if (m[8] !== undefined) {
    const zone = rules.resolve(m[8]);
    if (!zone) return undefined;
    if (zone.fixedOffset !== undefined && /^(Z|[+-])/.test(m[8])) f.offset = zone.fixedOffset;
    else f.zone = zone;
  }
  if (m[9] !== undefined) {
    const zone = rules.resolve(m[9]);
    if (!zone) return undefined;
    f.zone = zone;
  }
  return resolveFields(f, UTC, rules);
}

/** Which implicit format `text` matches first (a §2.5 pattern or ISO_FALLBACK), if any. */
export function matchImplicitFormat(text: string, rules?: ZoneRules): { format: string; value: ZonedDateTimeLike } | undefined {
  const r = rules ?? new ZoneRules();
  for (const { pattern, tokens } of COMPILED) {
    const value = parseWithTokens(text, tokens, UTC, r);
    if (value) return { format: pattern, value };
  }
  const value = parseIso(text, r);
  return value ? { format: ISO_FALLBACK, value } : undefined;
}

/** A date from a string without a format: the §2.5 list in order, then ISO-8601; UTC unless the text says otherwise. */
export function parseDateImplicit(text: string, rules?: ZoneRules): ZonedDateTimeLike | undefined {
  return matchImplicitFormat(text.trim(), rules)?.value;
}
