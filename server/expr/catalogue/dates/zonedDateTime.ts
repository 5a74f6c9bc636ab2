/**
 * The runtime value of DT: a frozen plain object (instant + offset + zone id), so it can be
 * compared, copied and serialised like any other Value. Helpers here create and read it.
 */
import { FunctionError, type ZonedDateTimeLike } from '../spec';
import { LocalDateTime, MS_PER_MINUTE, localToMs, msToLocal } from './calendar';
import { UTC, Zone, ZoneRules, offsetId } from './zones';

export type ZonedDateTime = ZonedDateTimeLike;

/** The range of a JS Date (about ±273,790 years), minus a day of slack for zone offsets. */
const EPOCH_MS_LIMIT = 8.64e15 - 86_400_000;

export function isZonedDateTime(v: unknown): v is ZonedDateTimeLike {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Map) return false;
  const o = v as Record<string, unknown>;
  return o['kind'] === 'datetime' && typeof o['epochMs'] === 'number' && typeof o['offsetMinutes'] === 'number' && typeof o['zone'] === 'string';
}

function checkRange(ms: number): void {
  if (!Number.isFinite(ms) || Math.abs(ms) > EPOCH_MS_LIMIT) throw new FunctionError('the date is outside the supported range (about ±273,000 years)');
}

function freeze(epochMs: number, offsetMinutes: number, zone: string): ZonedDateTimeLike {
  checkRange(epochMs);
  return Object.freeze({ kind: 'datetime' as const, epochMs, offsetMinutes, zone });
}

/** The instant `epochMs` seen in `zone` (default UTC). */
export function zonedFromEpoch(epochMs: number, zone: Zone = UTC, rules?: ZoneRules): ZonedDateTimeLike {
  checkRange(epochMs);
  const offset = zone.fixedOffset ?? (rules ?? new ZoneRules()).offsetAt(zone, epochMs);
  return freeze(epochMs, offset, zone.id);
}

/** A wall-clock date-time in `zone`; gaps and overlaps resolve as in Java's ZonedDateTime.of. */
export function zonedFromLocal(local: LocalDateTime, zone: Zone = UTC, rules?: ZoneRules): ZonedDateTimeLike {
  const wall = localToMs(local);
  checkRange(wall);
  if (zone.fixedOffset !== undefined) return freeze(wall - zone.fixedOffset * MS_PER_MINUTE, zone.fixedOffset, zone.id);
  const r = rules ?? new ZoneRules();
  const epochMs = r.wallToEpoch(zone, wall);
  return freeze(epochMs, r.offsetAt(zone, epochMs), zone.id);
}

/** A wall-clock date-time at a fixed offset, keeping `zoneId` as the zone's name. */
export function zonedFromLocalAtOffset(local: LocalDateTime, offsetMinutes: number, zoneId: string = offsetId(offsetMinutes)): ZonedDateTimeLike {
  return freeze(localToMs(local) - offsetMinutes * MS_PER_MINUTE, offsetMinutes, zoneId);
}

/** The wall-clock fields of a ZonedDateTime. */
export function localFields(zdt: ZonedDateTimeLike): LocalDateTime {
  return msToLocal(zdt.epochMs + zdt.offsetMinutes * MS_PER_MINUTE);
}

/** The same instant in another zone (Java's withZoneSameInstant). */
export function withZoneSameInstant(zdt: ZonedDateTimeLike, zone: Zone, rules?: ZoneRules): ZonedDateTimeLike {
  return zonedFromEpoch(zdt.epochMs, zone, rules);
}

/**
 * ISO-8601 text with offset, e.g. "2019-10-23T11:24:00Z" or "2019-10-17T11:55:12.500-07:00":
 * seconds always, milliseconds only when non-zero (as Java prints them), offset "Z" for UTC.
 */
export function toIsoString(zdt: ZonedDateTimeLike): string {
  const t = localFields(zdt);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const year = t.year >= 0 && t.year <= 9999 ? String(t.year).padStart(4, '0') : (t.year < 0 ? '-' : '+') + String(Math.abs(t.year)).padStart(6, '0');
  const fraction = t.ms === 0 ? '' : '.' + String(t.ms).padStart(3, '0');
  return `${year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}${fraction}${offsetId(zdt.offsetMinutes)}`;
}
