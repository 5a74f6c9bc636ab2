/**
 * Parses text with a DateTimeFormatter-style pattern into a ZonedDateTime, resolving like
 * Java's SMART resolver: day-of-month 29-31 past the month's end is clamped, fields parsed
 * twice must agree, E/u/Q/D/w must agree with the date. Deliberate leniencies (documented
 * in the catalogue): text is matched case-insensitively, a missing day or month defaults
 * to 1, and h/K without an AM/PM marker read as AM. Without zone or offset in the text the
 * default zone (UTC unless given) applies.
 */
import type { ZonedDateTimeLike } from '../spec';
import { dayOfWeek, dayOfYear, fromIsoWeek, isoWeek, isoWeeksInYear, LocalDateTime, monthLength, weekOfMonth, civilDate, epochDay, yearLength, dayOfWeekInMonth } from './calendar';
import {
  AM_PM, DAYS_FULL, DAYS_NARROW, DAYS_SHORT, ERAS_FULL, ERAS_NARROW, ERAS_SHORT, MONTHS_FULL, MONTHS_NARROW, MONTHS_SHORT,
  QUARTERS_FULL, QUARTERS_SHORT, textsFor,
} from './names';
import { ISO_OFFSET_SHAPES, OffsetShape } from './format';
import { PatternToken, compilePattern } from './pattern';
import { zonedFromLocal, zonedFromLocalAtOffset } from './zonedDateTime';
import { UTC, ZONE_ABBREVIATIONS, Zone, ZoneRules, fixedZone, offsetId } from './zones';

/** Fields read from the text, before resolution. */
export interface ParsedFields {
  era?: number;
  yearOfEra?: number;
  weekYear?: number;
  quarter?: number;
  month?: number;
  week?: number;
  weekOfMonth?: number;
  dayOfYear?: number;
  day?: number;
  dowInMonth?: number;
  dow?: number;
  ampm?: number;
  hourOfDay?: number;
  hourOfAmPm?: number;
  minute?: number;
  second?: number;
  ms?: number;
  offset?: number;
  zone?: Zone;
}

type FieldName = keyof ParsedFields;

const FAIL = -1;

class Cursor {
  constructor(readonly text: string, readonly rules: ZoneRules, public fields: ParsedFields) {}

  /** Records a field; false when it conflicts with an earlier value of the same field. */
  set<K extends FieldName>(name: K, value: NonNullable<ParsedFields[K]>): boolean {
    const old = this.fields[name];
    if (old !== undefined) {
      if (typeof old === 'object' && typeof value === 'object') return (old as Zone).id === (value as Zone).id;
      return old === value;
    }
    this.fields[name] = value;
    return true;
  }
}

/** Numeric width of a token when parsing, or undefined for text/zone tokens. */
function numericWidth(token: PatternToken): { min: number; max: number } | undefined {
  if (token.kind !== 'field') return undefined;
  const n = token.count;
  switch (token.letter) {
    case 'y': case 'Y':
      return n === 1 ? { min: 1, max: 10 } : n === 2 ? { min: 2, max: 2 } : n === 3 ? { min: 3, max: 10 } : { min: n, max: n };
    case 'S': return { min: n, max: n };
    case 'D': return n === 1 ? { min: 1, max: 3 } : n === 2 ? { min: 2, max: 3 } : { min: 3, max: 3 };
    case 'M': case 'L': case 'Q': case 'q':
      return n === 1 ? { min: 1, max: 10 } : n === 2 ? { min: 2, max: 2 } : undefined;
    case 'u': case 'w': case 'W': case 'd': case 'F': case 'H': case 'k': case 'K': case 'h': case 'm': case 's':
      return n === 1 ? { min: 1, max: 10 } : { min: n, max: n };
    default: return undefined;
  }
}

function countDigits(text: string, pos: number): number {
  let j = pos;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j - pos;
}

/** Index of the longest candidate matching at pos (case-insensitive), with its length. */
function matchText(text: string, pos: number, candidates: readonly string[]): { index: number; length: number } | undefined {
  let best: { index: number; length: number } | undefined;
  const lower = text.toLowerCase();
  candidates.forEach((c, index) => {
    if ((!best || c.length > best.length) && lower.startsWith(c.toLowerCase(), pos)) best = { index, length: c.length };
  });
  return best;
}

/** Reads an offset of the given shape at pos; returns minutes and the end, or undefined. */
function readOffset(text: string, pos: number, shape: OffsetShape, zeroText?: string): { minutes: number; end: number } | undefined {
  if (zeroText && text.slice(pos, pos + zeroText.length).toUpperCase() === zeroText.toUpperCase()) return { minutes: 0, end: pos + zeroText.length };
  const sign = text[pos];
  if (sign !== '+' && sign !== '-') return undefined;
  let p = pos + 1;
  const two = (): number | undefined => {
    if (countDigits(text, p) < 2) return undefined;
    const v = Number(text.slice(p, p + 2));
    p += 2;
    return v;
  };
  const hours = two();
  if (hours === undefined) return undefined;
  let minutes = 0;
  let seconds = 0;
  const colon = shape.includes(':');
  const minutesOptional = shape === '+HHmm';
  const readPart = (optional: boolean): number | undefined | null => {
    const save = p;
    if (colon) {
      if (text[p] !== ':') return optional ? null : undefined;
      p++;
    }
    const v = two();
    if (v === undefined) {
      p = save;
      return optional ? null : undefined;
    }
    return v;
  };
  const m = readPart(minutesOptional);
  if (m === undefined) return undefined;
  if (m !== null) minutes = m;
  if (m !== null && (shape === '+HHMMss' || shape === '+HH:MM:ss')) {
    const s = readPart(true);
    if (s === undefined) return undefined;
    if (s !== null) seconds = s;
  }
  if (hours > 18 || minutes > 59 || seconds !== 0) return undefined;
  const total = hours * 60 + minutes;
  return { minutes: sign === '-' ? -total : total, end: p };
}

/** "GMT", "GMT+8", "GMT+08:00", "GMT-5:30" (the O / ZZZZ letters). */
function readLocalizedOffset(text: string, pos: number): { minutes: number; end: number } | undefined {
  if (text.slice(pos, pos + 3).toUpperCase() !== 'GMT') return undefined;
  const m = /^([+-])(\d{1,2})(?::(\d{2}))?/.exec(text.slice(pos + 3));
  if (!m) return { minutes: 0, end: pos + 3 };
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 18 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return { minutes: m[1] === '-' ? -total : total, end: pos + 3 + m[0].length };
}

const ABBREVIATION_KEYS = Object.keys(ZONE_ABBREVIATIONS).sort((a, b) => b.length - a.length);

/** A zone id or name at pos: IANA id, GMT/UTC±offset, offset id, or (when allowed) an abbreviation/name. */
function readZone(c: Cursor, pos: number, allowNames: boolean): { zone: Zone; end: number } | undefined {
  const rest = c.text.slice(pos);
  const prefixed = /^(UTC|GMT|UT)([+-]\d{1,2}(?::?\d{2})?)?/i.exec(rest);
  if (prefixed && prefixed[2]) {
    const zone = c.rules.resolve(prefixed[0]);
    if (zone) return { zone, end: pos + prefixed[0].length };
  }
  const region = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+/.exec(rest);
  if (region) {
    const zone = c.rules.resolve(region[0]);
    if (zone) return { zone, end: pos + region[0].length };
  }
  const offset = readOffset(c.text, pos, '+HH:MM', 'Z') ?? readOffset(c.text, pos, '+HHmm');
  if (offset) return { zone: fixedZone(offset.minutes, offset.minutes === 0 ? 'Z' : offsetId(offset.minutes)), end: offset.end };
  const upper = rest.toUpperCase();
  for (const key of allowNames ? ABBREVIATION_KEYS : ['UTC', 'GMT', 'UT', 'Z']) {
    if (upper.startsWith(key) && !/[A-Za-z]/.test(rest[key.length] ?? '')) {
      const zone = c.rules.resolve(ZONE_ABBREVIATIONS[key]!);
      if (zone) return { zone, end: pos + key.length };
    }
  }
  return undefined;
}

function parseField(c: Cursor, token: Extract<PatternToken, { kind: 'field' }>, pos: number, width: { take: number } | undefined): number {
  const text = c.text;
  const n = token.count;
  if (width) {
    const value = Number(text.slice(pos, pos + width.take));
    const end = pos + width.take;
    let ok: boolean;
    switch (token.letter) {
      case 'y': ok = c.set('yearOfEra', n === 2 ? 2000 + value : value); break;
      case 'Y': ok = c.set('weekYear', n === 2 ? 2000 + value : value); break;
      case 'u': ok = value >= 1 && value <= 7 && c.set('dow', value); break;
      case 'Q': case 'q': ok = value >= 1 && value <= 4 && c.set('quarter', value); break;
      case 'M': case 'L': ok = value >= 1 && value <= 12 && c.set('month', value); break;
      case 'w': ok = value >= 1 && value <= 53 && c.set('week', value); break;
      case 'W': ok = value >= 0 && value <= 6 && c.set('weekOfMonth', value); break;
      case 'D': ok = value >= 1 && value <= 366 && c.set('dayOfYear', value); break;
      case 'd': ok = value >= 1 && value <= 31 && c.set('day', value); break;
      case 'F': ok = value >= 1 && value <= 5 && c.set('dowInMonth', value); break;
      case 'H': ok = value <= 23 && c.set('hourOfDay', value); break;
      case 'k': ok = value >= 1 && value <= 24 && c.set('hourOfDay', value % 24); break;
      case 'K': ok = value <= 11 && c.set('hourOfAmPm', value); break;
      case 'h': ok = value >= 1 && value <= 12 && c.set('hourOfAmPm', value % 12); break;
      case 'm': ok = value <= 59 && c.set('minute', value); break;
      case 's': ok = value <= 59 && c.set('second', value); break;
      case 'S': ok = c.set('ms', Math.floor(Number((text.slice(pos, pos + width.take) + '000').slice(0, 3)))); break;
      default: ok = false;
    }
    return ok ? end : FAIL;
  }
  const text1 = (candidates: readonly string[], field: FieldName, base: number): number => {
    const m = matchText(text, pos, candidates);
    if (!m) return FAIL;
    return c.set(field, (m.index + base) as never) ? pos + m.length : FAIL;
  };
  switch (token.letter) {
    case 'G': return text1(textsFor(n, ERAS_SHORT, ERAS_FULL, ERAS_NARROW), 'era', 0);
    case 'M': case 'L': return text1(textsFor(n, MONTHS_SHORT, MONTHS_FULL, MONTHS_NARROW), 'month', 1);
    case 'E': return text1(textsFor(n, DAYS_SHORT, DAYS_FULL, DAYS_NARROW), 'dow', 1);
    case 'Q': case 'q': return text1(n === 3 ? QUARTERS_SHORT : n === 4 ? QUARTERS_FULL : ['1', '2', '3', '4'], 'quarter', 1);
    case 'a': return text1(AM_PM, 'ampm', 0);
    case 'Z': {
      const r = n <= 3 ? readOffset(text, pos, '+HHMM') : n === 4 ? readLocalizedOffset(text, pos) : readOffset(text, pos, '+HH:MM:ss', 'Z');
      return r && c.set('offset', r.minutes) ? r.end : FAIL;
    }
    case 'X': case 'x': {
      const r = readOffset(text, pos, ISO_OFFSET_SHAPES[n - 1]!, token.letter === 'X' ? 'Z' : undefined);
      return r && c.set('offset', r.minutes) ? r.end : FAIL;
    }
    case 'O': {
      const r = readLocalizedOffset(text, pos);
      return r && c.set('offset', r.minutes) ? r.end : FAIL;
    }
    case 'z': case 'V': {
      const r = readZone(c, pos, token.letter === 'z');
      return r && c.set('zone', r.zone) ? r.end : FAIL;
    }
    default: return FAIL;
  }
}

function parseTokens(c: Cursor, tokens: readonly PatternToken[], start: number): number {
  let pos = start;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'literal') {
      if (c.text.slice(pos, pos + token.text.length) !== token.text) return FAIL;
      pos += token.text.length;
      continue;
    }
    if (token.kind === 'optional') {
      const saved = { ...c.fields };
      const end = parseTokens(c, token.tokens, pos);
      if (end === FAIL) c.fields = saved;
      else pos = end;
      continue;
    }
    const w = numericWidth(token);
    let width: { take: number } | undefined;
    if (w) {
      const available = countDigits(c.text, pos);
      let take = Math.min(w.max, available);
      if (w.min !== w.max) {
        // Adjacent value parsing: leave room for fixed-width numbers that follow directly.
        let reserved = 0;
        for (let j = i + 1; j < tokens.length; j++) {
          const next = numericWidth(tokens[j]!);
          if (!next || next.min !== next.max) break;
          reserved += next.min;
        }
        take = Math.min(w.max, available - reserved);
      }
      if (take < w.min) return FAIL;
      width = { take };
    }
    pos = parseField(c, token, pos, width);
    if (pos === FAIL) return FAIL;
  }
  return pos;
}

/** Turns parsed fields into a ZonedDateTime, or undefined when they do not make a valid date. */
export function resolveFields(f: ParsedFields, defaultZone: Zone, rules: ZoneRules): ZonedDateTimeLike | undefined {
  let year: number | undefined;
  if (f.yearOfEra !== undefined) year = f.era === 0 ? 1 - f.yearOfEra : f.yearOfEra;
  let month = f.month;
  let day = f.day;
  if (year !== undefined && month === undefined && day === undefined && f.dayOfYear !== undefined) {
    if (f.dayOfYear > yearLength(year)) return undefined;
    const d = civilDate(epochDay(year, 1, 1) + f.dayOfYear - 1);
    month = d.month;
    day = d.day;
  } else if (year === undefined && f.weekYear !== undefined && f.week !== undefined && f.dow !== undefined) {
    if (f.week > isoWeeksInYear(f.weekYear)) return undefined;
    ({ year, month, day } = fromIsoWeek(f.weekYear, f.week, f.dow));
  }
  if (year === undefined) return undefined;
  if (month === undefined) {
    if (day !== undefined) return undefined;
    month = f.quarter !== undefined ? (f.quarter - 1) * 3 + 1 : 1;
  }
  day = Math.min(day ?? 1, monthLength(year, month));
  // Cross-checks, as Java reports "Conflict found" for disagreeing fields.
  if (f.dow !== undefined && dayOfWeek(year, month, day) !== f.dow) return undefined;
  if (f.quarter !== undefined && Math.floor((month - 1) / 3) + 1 !== f.quarter) return undefined;
  if (f.dayOfYear !== undefined && dayOfYear(year, month, day) !== f.dayOfYear) return undefined;
  if (f.weekYear !== undefined && isoWeek(year, month, day).weekYear !== f.weekYear) return undefined;
  if (f.week !== undefined && isoWeek(year, month, day).week !== f.week) return undefined;
  if (f.weekOfMonth !== undefined && weekOfMonth(year, month, day) !== f.weekOfMonth) return undefined;
  if (f.dowInMonth !== undefined && dayOfWeekInMonth(day) !== f.dowInMonth) return undefined;

  let hour = f.hourOfDay;
  if (f.hourOfAmPm !== undefined) {
    const h = f.hourOfAmPm + (f.ampm === 1 ? 12 : 0);
    if (hour !== undefined && hour !== h) return undefined;
    hour = h;
  } else if (hour !== undefined && f.ampm !== undefined && (hour >= 12 ? 1 : 0) !== f.ampm) {
    return undefined;
  }
  const local: LocalDateTime = { year, month, day, hour: hour ?? 0, minute: f.minute ?? 0, second: f.second ?? 0, ms: f.ms ?? 0 };
  try {
    if (f.offset !== undefined) {
      if (!f.zone) return zonedFromLocalAtOffset(local, f.offset);
      const atOffset = zonedFromLocalAtOffset(local, f.offset);
      return Object.freeze({ ...atOffset, offsetMinutes: rules.offsetAt(f.zone, atOffset.epochMs), zone: f.zone.id });
    }
    return zonedFromLocal(local, f.zone ?? defaultZone, rules);
  } catch {
    return undefined;
  }
}

/** Parses with already-compiled tokens; the whole text must be consumed. */
export function parseWithTokens(text: string, tokens: readonly PatternToken[], defaultZone: Zone, rules: ZoneRules): ZonedDateTimeLike | undefined {
  const c = new Cursor(text, rules, {});
  const end = parseTokens(c, tokens, 0);
  if (end !== text.length) return undefined;
  return resolveFields(c.fields, defaultZone, rules);
}

/**
 * Parses `text` with `pattern`. `zone` (id, offset or abbreviation; default UTC) applies when
 * the text carries no zone or offset. Never throws: returns undefined when the text does not
 * match, and also for an invalid pattern or zone (check those with isValidDatePattern() and
 * ZoneRules.resolve() when the difference matters).
 */
export function parseDateWithPattern(text: string, pattern: string, zone?: string, rules?: ZoneRules): ZonedDateTimeLike | undefined {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) return undefined;
  const r = rules ?? new ZoneRules();
  const z = zone === undefined ? UTC : r.resolve(zone);
  if (!z) return undefined;
  return parseWithTokens(text, compiled.tokens, z, r);
}
