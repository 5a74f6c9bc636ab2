/**
 * Proleptic Gregorian calendar arithmetic on plain numbers (the ISO chronology Java uses).
 * Days are counted from 1970-01-01 (epoch day 0); weeks follow ISO-8601 (Monday first,
 * week 1 holds the year's first Thursday) unless a function says otherwise.
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A wall-clock date and time without zone. `ms` is 0..999. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function monthLength(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function yearLength(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days since 1970-01-01 of a civil date (algorithm by H. Hinnant, valid for any year). */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of an epoch day. */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(year: number, month: number, day: number): number {
  const d = epochDay(year, month, day);
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

export function dayOfYear(year: number, month: number, day: number): number {
  return epochDay(year, month, day) - epochDay(year, 1, 1) + 1;
}

/** ISO-8601 week-based year and week of that year. */
export function isoWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const dow = dayOfWeek(year, month, day);
  // The Thursday of this week decides which year the week belongs to.
  const thursday = epochDay(year, month, day) + (4 - dow);
  const weekYear = civilDate(thursday).year;
  const week = Math.floor((thursday - epochDay(weekYear, 1, 1)) / 7) + 1;
  return { weekYear, week };
}

/** The date of an ISO week date (week-based year, week 1..53, ISO day of week). */
export function fromIsoWeek(weekYear: number, week: number, dow: number): { year: number; month: number; day: number } {
  const jan4 = epochDay(weekYear, 1, 4);
  const mondayOfWeek1 = jan4 - (dayOfWeek(weekYear, 1, 4) - 1);
  return civilDate(mondayOfWeek1 + (week - 1) * 7 + (dow - 1));
}

export function isoWeeksInYear(weekYear: number): number {
  return isoWeek(weekYear, 12, 28).week;
}

/**
 * Week of month with ISO week rules (Monday first, a week belongs to the month when at
 * least 4 of its days do); days before the first such week are week 0, as in Java's
 * WeekFields.ISO.weekOfMonth().
 */
export function weekOfMonth(year: number, month: number, day: number): number {
  const dow = dayOfWeek(year, month, day);
  const weekStart = (((day - dow) % 7) + 7) % 7;
  const offset = weekStart + 1 > 4 ? 7 - weekStart : -weekStart;
  return Math.floor((7 + offset + (day - 1)) / 7);
}

/** Which occurrence of its weekday the day is within the month (2 = second Tuesday). */
export function dayOfWeekInMonth(day: number): number {
  return Math.floor((day - 1) / 7) + 1;
}

/** Wall-clock fields → milliseconds as if the wall clock were UTC. */
export function localToMs(t: LocalDateTime): number {
  return epochDay(t.year, t.month, t.day) * MS_PER_DAY + t.hour * MS_PER_HOUR + t.minute * MS_PER_MINUTE + t.second * MS_PER_SECOND + t.ms;
}

/** Milliseconds of a UTC wall clock → fields. */
export function msToLocal(ms: number): LocalDateTime {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const { year, month, day } = civilDate(days);
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / MS_PER_SECOND);
  return { year, month, day, hour, minute, second, ms: rest - second * MS_PER_SECOND };
}
