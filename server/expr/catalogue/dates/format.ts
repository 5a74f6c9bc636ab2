/** Formats a ZonedDateTime with a DateTimeFormatter-style pattern (see ./pattern). */
import type { ZonedDateTimeLike } from '../spec';
import { FunctionError } from '../spec';
import { dayOfWeek, dayOfWeekInMonth, dayOfYear, isoWeek, weekOfMonth } from './calendar';
import {
  AM_PM, DAYS_FULL, DAYS_NARROW, DAYS_SHORT, ERAS_FULL, ERAS_NARROW, ERAS_SHORT, MONTHS_FULL, MONTHS_NARROW, MONTHS_SHORT,
  QUARTERS_FULL, QUARTERS_SHORT, textsFor,
} from './names';
import { PatternToken, compilePattern } from './pattern';
import { localFields } from './zonedDateTime';
import { ZoneRules } from './zones';

/** Offset shapes of the X/x/Z letters; lower-case parts are printed only when non-zero. */
export type OffsetShape = '+HHmm' | '+HHMM' | '+HH:MM' | '+HHMMss' | '+HH:MM:ss';

export function formatOffset(minutes: number, shape: OffsetShape, zeroText: string): string {
  if (minutes === 0) return zeroText;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  switch (shape) {
    case '+HHmm': return abs % 60 === 0 ? `${sign}${hh}` : `${sign}${hh}${mm}`;
    case '+HHMM': case '+HHMMss': return `${sign}${hh}${mm}`;
    case '+HH:MM': case '+HH:MM:ss': return `${sign}${hh}:${mm}`;
  }
}

/** X/x letter count → offset shape (count 1..5). */
export const ISO_OFFSET_SHAPES: readonly OffsetShape[] = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'];

/** "GMT+8" (short, O) or "GMT+08:00" (full, OOOO/ZZZZ); "GMT" for zero. */
export function formatLocalizedOffset(minutes: number, full: boolean): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (full) return `GMT${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return m === 0 ? `GMT${sign}${h}` : `GMT${sign}${h}:${String(m).padStart(2, '0')}`;
}

const pad = (n: number, width: number): string => (n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0'));

function formatYear(year: number, count: number): string {
  if (count === 2) return pad(((year % 100) + 100) % 100, 2);
  return pad(year, count);
}

/**
 * Formats `zdt` with `pattern`. Throws FunctionError when the pattern is invalid.
 * Zone names (z) need zone rules; pass the caller's ZoneRules to reuse its cache.
 */
export function formatDate(zdt: ZonedDateTimeLike, pattern: string, rules?: ZoneRules): string {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) throw new FunctionError(`invalid date format "${pattern}": ${compiled.error}`);
  return formatTokens(zdt, compiled.tokens, rules ?? new ZoneRules());
}

function formatTokens(zdt: ZonedDateTimeLike, tokens: readonly PatternToken[], rules: ZoneRules): string {
  const t = localFields(zdt);
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') { out += token.text; continue; }
    if (token.kind === 'optional') { out += formatTokens(zdt, token.tokens, rules); continue; }
    const n = token.count;
    switch (token.letter) {
      case 'G': out += textsFor(n, ERAS_SHORT, ERAS_FULL, ERAS_NARROW)[t.year > 0 ? 1 : 0]; break;
      case 'y': out += formatYear(t.year > 0 ? t.year : 1 - t.year, n); break;
      case 'Y': out += formatYear(isoWeek(t.year, t.month, t.day).weekYear, n); break;
      case 'u': out += pad(dayOfWeek(t.year, t.month, t.day), n); break;
      case 'Q': case 'q': {
        const q = Math.floor((t.month - 1) / 3) + 1;
        out += n <= 2 ? pad(q, n) : n === 3 ? QUARTERS_SHORT[q - 1] : n === 4 ? QUARTERS_FULL[q - 1] : String(q);
        break;
      }
      case 'M': case 'L': out += n <= 2 ? pad(t.month, n) : textsFor(n, MONTHS_SHORT, MONTHS_FULL, MONTHS_NARROW)[t.month - 1]; break;
      case 'w': out += pad(isoWeek(t.year, t.month, t.day).week, n); break;
      case 'W': out += String(weekOfMonth(t.year, t.month, t.day)); break;
      case 'D': out += pad(dayOfYear(t.year, t.month, t.day), n); break;
      case 'd': out += pad(t.day, n); break;
      case 'F': out += String(dayOfWeekInMonth(t.day)); break;
      case 'E': out += textsFor(n, DAYS_SHORT, DAYS_FULL, DAYS_NARROW)[dayOfWeek(t.year, t.month, t.day) - 1]; break;
      case 'a': out += AM_PM[t.hour < 12 ? 0 : 1]; break;
      case 'H': out += pad(t.hour, n); break;
      case 'k': out += pad(t.hour === 0 ? 24 : t.hour, n); break;
      case 'K': out += pad(t.hour % 12, n); break;
      case 'h': out += pad(t.hour % 12 === 0 ? 12 : t.hour % 12, n); break;
      case 'm': out += pad(t.minute, n); break;
      case 's': out += pad(t.second, n); break;
      case 'S': out += String(t.ms).padStart(3, '0').padEnd(n, '0').slice(0, n); break;
      case 'z': {
        const zone = rules.resolve(zdt.zone);
        out += zone ? rules.zoneName(zone, zdt.epochMs, n === 4 ? 'long' : 'short') : zdt.zone;
        break;
      }
      case 'Z':
        out += n <= 3 ? formatOffset(zdt.offsetMinutes, '+HHMM', '+0000') : n === 4 ? formatLocalizedOffset(zdt.offsetMinutes, true) : formatOffset(zdt.offsetMinutes, '+HH:MM:ss', 'Z');
        break;
      case 'X': out += formatOffset(zdt.offsetMinutes, ISO_OFFSET_SHAPES[n - 1]!, 'Z'); break;
      case 'x': {
        const shape = ISO_OFFSET_SHAPES[n - 1]!;
        out += formatOffset(zdt.offsetMinutes, shape, shape === '+HHmm' ? '+00' : shape.includes(':') ? '+00:00' : '+0000');
        break;
      }
      case 'V': out += zdt.zone; break;
      case 'O': out += formatLocalizedOffset(zdt.offsetMinutes, n === 4); break;
    }
  }
  return out;
}
