/**
 * Time zones: IANA ids through Intl (Node ships full ICU), fixed offsets, and the common
 * abbreviations Java resolves (PST → America/Los_Angeles, as ZoneId.SHORT_IDS does).
 * ZoneRules caches one Intl formatter per zone, so callers keep one instance per job.
 */
import { MS_PER_DAY, MS_PER_MINUTE, localToMs } from './calendar';

/** A resolved zone: `id` is what a ZonedDateTime carries; fixed zones know their offset. */
export interface Zone {
  readonly id: string;
  readonly fixedOffset?: number;
}

export const UTC: Zone = Object.freeze({ id: 'UTC', fixedOffset: 0 });

/**
 * Abbreviations and names accepted where a zone is expected (TIMEZONE arguments and the
 * `z` pattern letter). Like Java's zone-text parsing they name a region, so "PST" in July
 * yields the Pacific daylight offset.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
  'PACIFIC STANDARD TIME': 'America/Los_Angeles', 'PACIFIC DAYLIGHT TIME': 'America/Los_Angeles',
  MST: 'America/Denver', MDT: 'America/Denver', 'MOUNTAIN STANDARD TIME': 'America/Denver', 'MOUNTAIN DAYLIGHT TIME': 'America/Denver',
  CST: 'America/Chicago', CDT: 'America/Chicago', 'CENTRAL STANDARD TIME': 'America/Chicago', 'CENTRAL DAYLIGHT TIME': 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
  'EASTERN STANDARD TIME': 'America/New_York', 'EASTERN DAYLIGHT TIME': 'America/New_York',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu', AST: 'America/Halifax', ADT: 'America/Halifax',
  NST: 'America/St_Johns', NDT: 'America/St_Johns',
  GMT: 'UTC', UTC: 'UTC', UT: 'UTC', Z: 'UTC', 'COORDINATED UNIVERSAL TIME': 'UTC', 'GREENWICH MEAN TIME': 'UTC',
  BST: 'Europe/London', WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  CET: 'Europe/Paris', CEST: 'Europe/Paris', 'CENTRAL EUROPEAN STANDARD TIME': 'Europe/Paris', 'CENTRAL EUROPEAN SUMMER TIME': 'Europe/Paris',
  EET: 'Europe/Athens', EEST: 'Europe/Athens', MSK: 'Europe/Moscow',
  IST: 'Asia/Kolkata', PKT: 'Asia/Karachi', ICT: 'Asia/Bangkok', WIB: 'Asia/Jakarta', SGT: 'Asia/Singapore', HKT: 'Asia/Hong_Kong',
  CTT: 'Asia/Shanghai', JST: 'Asia/Tokyo', KST: 'Asia/Seoul',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide', AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland', SAST: 'Africa/Johannesburg', EAT: 'Africa/Nairobi', BRT: 'America/Sao_Paulo',
  ART: 'America/Argentina/Buenos_Aires',
};

const OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const MAX_OFFSET_MINUTES = 18 * 60;
const MAX_CACHED_TEXTS = 2048;

/** Minutes of an offset text such as "+02:00", "-0800", "+5"; undefined if malformed. */
export function parseOffset(text: string): number | undefined {
  const m = OFFSET_RE.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  const seconds = m[4] === undefined ? 0 : Number(m[4]);
  if (m[2]!.length === 1 && m[3] !== undefined && !text.includes(':')) return undefined;
  if (minutes > 59 || seconds !== 0) return undefined;
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return undefined;
  return m[1] === '-' ? -total : total;
}

/** "+02:00" / "-08:00" / "Z" for an offset in minutes (the ISO-8601 form). */
export function offsetId(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function fixedZone(minutes: number, id: string = offsetId(minutes)): Zone {
  return Object.freeze({ id, fixedOffset: minutes });
}

export class ZoneRules {
  private readonly formatters = new Map<string, Intl.DateTimeFormat>();
  private readonly nameFormatters = new Map<string, Intl.DateTimeFormat>();
  private readonly resolved = new Map<string, Zone | null>();

  /** A zone from an id: IANA ("Europe/Paris"), offset ("+02:00", "UTC+2", "GMT-08:00", "Z") or abbreviation ("PST"). */
  resolve(text: string): Zone | undefined {
    const key = text.trim();
    const cached = this.resolved.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const zone = this.resolveUncached(key);
    // Zone texts come from data; keep the cache bounded.
    if (this.resolved.size >= MAX_CACHED_TEXTS) this.resolved.clear();
    this.resolved.set(key, zone ?? null);
    return zone;
  }

  /** Offset from UTC, in minutes, of `zone` at the instant `epochMs`. */
  offsetAt(zone: Zone, epochMs: number): number {
    if (zone.fixedOffset !== undefined) return zone.fixedOffset;
    const seconds = Math.floor(epochMs / 1000) * 1000;
    const parts = this.formatter(zone.id).formatToParts(new Date(seconds));
    const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    let year = field('year');
    if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
    const wall = localToMs({ year, month: field('month'), day: field('day'), hour: field('hour') % 24, minute: field('minute'), second: field('second'), ms: 0 });
    return Math.round((wall - seconds) / MS_PER_MINUTE);
  }

  /**
   * The instant of a wall-clock time (given as ms of that wall clock read as UTC) in `zone`.
   * Like Java's ZonedDateTime.of: in an overlap the earlier offset wins; in a gap the time
   * moves forward by the gap's length.
   */
  wallToEpoch(zone: Zone, wallMs: number): number {
    if (zone.fixedOffset !== undefined) return wallMs - zone.fixedOffset * MS_PER_MINUTE;
    const before = this.offsetAt(zone, wallMs - MS_PER_DAY);
    const after = this.offsetAt(zone, wallMs + MS_PER_DAY);
    for (const offset of before === after ? [before] : [before, after]) {
      const candidate = wallMs - offset * MS_PER_MINUTE;
      if (this.offsetAt(zone, candidate) === offset) return candidate;
    }
    return wallMs - before * MS_PER_MINUTE;
  }

  /** Zone name for the `z` pattern letter: short ("PST", "CET") or long ("Pacific Standard Time"). */
  zoneName(zone: Zone, epochMs: number, style: 'short' | 'long'): string {
    if (zone.fixedOffset !== undefined) return zone.id === 'UTC' ? (style === 'long' ? 'Coordinated Universal Time' : 'UTC') : zone.id;
    const name = (locale: string): string =>
      this.nameFormatter(zone.id, locale, style).formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? zone.id;
    const us = name('en-US');
    // en-US prints "GMT+1" for European zones where Java prints "CET"; en-GB knows those.
    return style === 'short' && /^GMT[+-]/.test(us) ? name('en-GB') : us;
  }

  private resolveUncached(text: string): Zone | undefined {
    if (text === '') return undefined;
    const upper = text.toUpperCase();
    if (upper === 'Z') return fixedZone(0, 'Z');
    if (upper === 'UTC' || upper === 'GMT' || upper === 'UT' || upper === 'ETC/UTC' || upper === 'ETC/GMT') return UTC;
    const offset = parseOffset(text);
    if (offset !== undefined) return fixedZone(offset);
    const prefixed = /^(UTC|GMT|UT)([+-].*)$/i.exec(text);
    if (prefixed) {
      const minutes = parseOffset(prefixed[2]!);
      if (minutes === undefined) return undefined;
      return minutes === 0 ? UTC : fixedZone(minutes, `${prefixed[1]!.toUpperCase()}${offsetId(minutes)}`);
    }
    const iana = this.ianaId(text);
    if (iana !== undefined) return Object.freeze({ id: iana });
    const alias = ZONE_ABBREVIATIONS[upper];
    if (alias !== undefined) return alias === 'UTC' ? UTC : Object.freeze({ id: alias });
    return undefined;
  }

  private ianaId(text: string): string | undefined {
    if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) return undefined;
    try {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: text });
      return f.resolvedOptions().timeZone;
    } catch {
      return undefined;
    }
  }

  private formatter(id: string): Intl.DateTimeFormat {
    let f = this.formatters.get(id);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: id, hourCycle: 'h23', era: 'short',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
      this.formatters.set(id, f);
    }
    return f;
  }

  private nameFormatter(id: string, locale: string, style: 'short' | 'long'): Intl.DateTimeFormat {
    const key = `${id}|${locale}|${style}`;
    let f = this.nameFormatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: style });
      this.nameFormatters.set(key, f);
    }
    return f;
  }
}
