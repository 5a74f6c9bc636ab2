/** Value formats as Salesforce REST writes them. */
import { civilDate, MS_PER_DAY as DAY_MS } from '../../../expr/catalogue/dates/calendar';

/** '00' … '99' */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? '0' + n : String(n)));

function pad2(n: number): string {
  return n < 100 ? TWO_DIGITS[n] : String(n);
}

/** `YYYY-MM-DD` of a UTC day number (days since 1970-01-01). */
function isoDay(days: number): string {
  const { year, month, day } = civilDate(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `T03:41:05.000+0000` of `rest` ms into the day. */
function restTimeOfDay(rest: number): string {
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${millis === 0 ? '000' : String(millis).padStart(3, '0')}+0000`;
}

/** REST datetime: `2024-01-05T03:41:05.000+0000`. */
export function restDateTime(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  return isoDay(days) + restTimeOfDay(ms - days * DAY_MS);
}

/** `restDateTime` that keeps the date of the previous call: rows read in stamp order share days. */
export class RestDateTimeFormatter {
  private day = Number.NaN;
  private date = '';

  format(ms: number): string {
    const days = Math.floor(ms / DAY_MS);
    if (days !== this.day) {
      this.day = days;
      this.date = isoDay(days);
    }
    return this.date + restTimeOfDay(ms - days * DAY_MS);
  }
}

/** Bulk API 2.0 datetime: `2024-01-05T03:41:05.000Z`. */
export function bulkDateTime(restValue: string): string {
  return restValue.endsWith('+0000') ? restValue.slice(0, -5) + 'Z' : restValue;
}

export function isoDate(ms: number): string {
  return isoDay(Math.floor(ms / DAY_MS));
}

/** An HTTP date (`Wed, 01 Jan 2025 00:00:00 GMT`), as used by If-Modified-Since / Last-Modified. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Parses a REST or SOQL datetime (`…+0000`, `…+05:30`, `…Z`) to epoch ms, or NaN. */
export function parseDateTime(text: string): number {
  const normalised = text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  return Date.parse(normalised);
}
