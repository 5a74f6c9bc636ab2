/**
 * Date and time functions (reference/aep.md §2.4, §2.5). A DATE argument may be a
 * ZonedDateTime, a string (read with the implicit formats of §2.5) or epoch milliseconds.
 * Built per catalogue so the functions share one ZoneRules cache.
 */
import type { FunctionSpec, Value, ZonedDateTimeLike } from './spec';
import { DATE_INPUT, anyNull, optional, param } from './build';
import { dayOfWeek, dayOfYear, isoWeek, monthLength } from './dates/calendar';
import { formatDate } from './dates/format';
import { parseDateImplicit } from './dates/implicit';
import { parseDateWithPattern } from './dates/parse';
import { compilePattern } from './dates/pattern';
import { localFields, zonedFromEpoch, zonedFromLocal } from './dates/zonedDateTime';
import { UTC, Zone, ZoneRules, fixedZone } from './dates/zones';
import { arg, asInteger, asNumber, asString, fail, isDateTime, isNull, preview, typeName } from './values';

/** date_part components (lower-case; matched case-insensitively) → what they read. */
export const DATE_PART_COMPONENTS: Readonly<Record<string, string>> = {
  year: 'year', yyyy: 'year', yy: 'year',
  quarter: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', mm: 'month', m: 'month',
  dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear',
  day: 'day', dd: 'day', d: 'day',
  week: 'week', ww: 'week', w: 'week',
  weekday: 'weekday', dw: 'weekday',
  hour: 'hour', hh: 'hour', hh24: 'hour', hh12: 'hour12',
  minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', ms: 'millisecond', sss: 'millisecond',
};

/** set_date_part components → the field they replace. */
export const SET_DATE_PART_COMPONENTS: Readonly<Record<string, string>> = {
  year: 'year', yyyy: 'year', yy: 'year',
  month: 'month', mm: 'month', m: 'month',
  day: 'day', dd: 'day', d: 'day',
  hour: 'hour', hh: 'hour',
  minute: 'minute', mi: 'minute', n: 'minute',
  second: 'second', ss: 'second', s: 'second',
};

export function createDateTimeFunctions(rules: ZoneRules): FunctionSpec[] {
  const zoneOf = (fn: string, param: string, v: Value): Zone => {
    const text = asString(fn, param, v);
    return rules.resolve(text) ?? fail(fn, `${param} "${text}" is not a known time zone (use an IANA id such as "America/Los_Angeles" or an offset such as "+02:00")`);
  };

  /** The zone a ZonedDateTime lives in, for wall-clock arithmetic. */
  const zoneOfValue = (zdt: ZonedDateTimeLike): Zone => rules.resolve(zdt.zone) ?? fixedZone(zdt.offsetMinutes);

  const asDate = (fn: string, param: string, v: Value): ZonedDateTimeLike => {
    if (isDateTime(v)) return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(fn, `${param} must be a date, got ${v}`);
      return zonedFromEpoch(v, UTC, rules);
    }
    if (typeof v === 'string') {
      const d = parseDateImplicit(v, rules);
      if (d) return d;
      return fail(fn, `${param} ${preview(v)} is not a date in any of the implicit formats; convert it with date(value, "format")`);
    }
    return fail(fn, `${param} must be a date, got ${typeName(v)} ${preview(v)}`);
  };

  const checkPattern = (fn: string, pattern: string): void => {
    const c = compilePattern(pattern);
    if (!c.ok) fail(fn, `invalid date format "${pattern}": ${c.error}`);
  };

  const inRange = (fn: string, name: string, v: number, min: number, max: number): number => {
    if (v < min || v > max) fail(fn, `${name} must be between ${min} and ${max}, got ${v}`);
    return v;
  };

  return [
    {
      name: 'now',
      category: 'datetime',
      params: [],
      returns: 'datetime',
      doc: 'The current time (fixed for the whole run), in UTC.',
      examples: [{ call: 'now()', result: '2021-10-26T10:10:24Z' }],
      pure: false,
      impl: (_args, ctx) => zonedFromEpoch(ctx.nowMs, UTC, rules),
    },
    {
      name: 'timestamp',
      category: 'datetime',
      params: [],
      returns: 'number',
      doc: 'The current Unix time in milliseconds (fixed for the whole run).',
      examples: [{ call: 'timestamp()', result: 1571850624571 }],
      pure: false,
      impl: (_args, ctx) => ctx.nowMs,
    },
    {
      name: 'format',
      category: 'datetime',
      params: [
        param('DATE', DATE_INPUT, 'The date to format (a ZonedDateTime; strings are read with the implicit formats).'),
        param('FORMAT', 'string', 'The output pattern, e.g. "yyyy-MM-dd HH:mm:ss".', { literal: 'dateFormat' }),
      ],
      returns: 'string',
      doc: "Formats a date with a pattern (Java DateTimeFormatter letters), in the date's own zone.",
      examples: [{ call: 'format(date("2019-10-23T11:24:00+00:00"), "yyyy-MM-dd HH:mm:ss")', result: '2019-10-23 11:24:00' }],
      pure: true,
      impl: (args) => {
        if (anyNull(args, 2)) return null;
        const pattern = asString('format', 'FORMAT', arg(args, 1));
        checkPattern('format', pattern);
        return formatDate(asDate('format', 'DATE', arg(args, 0)), pattern, rules);
      },
    },
    {
      name: 'dformat',
      category: 'datetime',
      params: [
        param('TIMESTAMP', ['number', 'string', 'datetime'], 'Epoch milliseconds.'),
        param('FORMAT', 'string', 'The output pattern.', { literal: 'dateFormat' }),
      ],
      returns: 'string',
      doc: 'Formats a Unix timestamp in milliseconds with a pattern, in UTC.',
      examples: [{ call: `dformat(1571829875000, "yyyy-MM-dd'T'HH:mm:ss.SSSX")`, result: '2019-10-23T11:24:35.000Z' }],
      pure: true,
      impl: (args) => {
        if (anyNull(args, 2)) return null;
        const pattern = asString('dformat', 'FORMAT', arg(args, 1));
        checkPattern('dformat', pattern);
        const ts = arg(args, 0);
        const zdt = isDateTime(ts) ? ts : zonedFromEpoch(asNumber('dformat', 'TIMESTAMP', ts), UTC, rules);
        return formatDate(zdt, pattern, rules);
      },
    },
    {
      name: 'date',
      category: 'datetime',
      params: [
        param('DATE', DATE_INPUT, 'The date text (or epoch milliseconds, or a date).'),
        optional('FORMAT', 'string', 'The pattern the INPUT is written in (not the output format); omitted: the implicit formats are tried in order.', undefined, { literal: 'dateFormat' }),
        optional('DEFAULT_DATE', DATE_INPUT, 'Returned when DATE is null or empty.'),
      ],
      returns: 'datetime',
      doc: 'Converts a date string into a ZonedDateTime (UTC unless the text has a zone or offset).',
      examples: [
        { call: 'date("2019-10-23 11:24", "yyyy-MM-dd HH:mm", now())', result: '2019-10-23T11:24:00Z' },
        { call: 'date("2019-10-23 11:24", "yyyy-MM-dd HH:mm")', result: '2019-10-23T11:24:00Z' },
        { call: 'date("2019-10-23 11:24")', result: '2019-10-23T11:24:00Z' },
      ],
      overloads: [
        { params: [param('DATE', DATE_INPUT, 'The date text, read with the implicit formats of Data Prep.')], doc: 'Reads the date with the implicit formats, in order.' },
        { params: [param('DATE', DATE_INPUT, 'The date text.'), param('FORMAT', 'string', 'The pattern of the input.', { literal: 'dateFormat' })], doc: 'Reads the date with an explicit pattern.' },
        {
          params: [param('DATE', DATE_INPUT, 'The date text.'), param('FORMAT', 'string', 'The pattern of the input.', { literal: 'dateFormat' }), param('DEFAULT_DATE', DATE_INPUT, 'Returned when DATE is null.')],
          doc: 'As with a pattern, but returns DEFAULT_DATE when the input is null.',
        },
      ],
      pure: true,
      impl: (args) => {
        const input = arg(args, 0);
        if (isNull(input) || (typeof input === 'string' && input.trim() === '')) {
          return isNull(args[2]) ? null : asDate('date', 'DEFAULT_DATE', arg(args, 2));
        }
        if (isNull(args[1]) || typeof input !== 'string') return asDate('date', 'DATE', input);
        const pattern = asString('date', 'FORMAT', arg(args, 1));
        checkPattern('date', pattern);
        return parseDateWithPattern(input, pattern, undefined, rules) ?? fail('date', `${preview(input)} does not match the format "${pattern}"`);
      },
    },
    {
      name: 'date_part',
      category: 'datetime',
      params: [
        param('COMPONENT', 'string', 'Which part: year, quarter, month, dayofyear, day, week (ISO), weekday (1 = Monday), hour, hh12, minute, second, millisecond, or an abbreviation.', { values: Object.keys(DATE_PART_COMPONENTS) }),
        param('DATE', DATE_INPUT, 'The date.'),
      ],
      returns: 'number',
      doc: "Returns one part of a date, read in the date's own zone.",
      examples: [{ call: 'date_part("MM", date("2019-10-17 11:55:12"))', result: 10 }],
      pure: true,
      impl: (args) => {
        if (anyNull(args, 2)) return null;
        const component = asString('date_part', 'COMPONENT', arg(args, 0));
        const part = DATE_PART_COMPONENTS[component.toLowerCase()] ?? fail('date_part', `unknown COMPONENT "${component}"`);
        const t = localFields(asDate('date_part', 'DATE', arg(args, 1)));
        switch (part) {
          case 'year': return t.year;
          case 'quarter': return Math.floor((t.month - 1) / 3) + 1;
          case 'month': return t.month;
          case 'dayofyear': return dayOfYear(t.year, t.month, t.day);
          case 'day': return t.day;
          case 'week': return isoWeek(t.year, t.month, t.day).week;
          case 'weekday': return dayOfWeek(t.year, t.month, t.day);
          case 'hour': return t.hour;
          case 'hour12': return t.hour % 12 === 0 ? 12 : t.hour % 12;
          case 'minute': return t.minute;
          case 'second': return t.second;
          default: return t.ms;
        }
      },
    },
    {
      name: 'set_date_part',
      category: 'datetime',
      params: [
        param('COMPONENT', 'string', 'Which part to replace: year, month, day, hour, minute, second, or an abbreviation.', { values: Object.keys(SET_DATE_PART_COMPONENTS) }),
        param('VALUE', 'number', 'The new value of that part.'),
        param('DATE', DATE_INPUT, 'The date to change.'),
      ],
      returns: 'datetime',
      doc: "Replaces one part of a date (in the date's own zone); changing the month or year keeps the day within the month.",
      examples: [{ call: 'set_date_part("m", 4, date("2016-11-09T11:44:44.797"))', result: '2016-04-09T11:44:44.797Z' }],
      pure: true,
      impl: (args) => {
        if (anyNull(args, 3)) return null;
        const fn = 'set_date_part';
        const component = asString(fn, 'COMPONENT', arg(args, 0));
        const part = SET_DATE_PART_COMPONENTS[component.toLowerCase()] ?? fail(fn, `unknown COMPONENT "${component}"`);
        const value = asInteger(fn, 'VALUE', arg(args, 1));
        const zdt = asDate(fn, 'DATE', arg(args, 2));
        const t = localFields(zdt);
        switch (part) {
          case 'year': t.year = inRange(fn, 'year', value, -999_999, 999_999); break;
          case 'month': t.month = inRange(fn, 'month', value, 1, 12); break;
          case 'day': t.day = inRange(fn, 'day', value, 1, monthLength(t.year, t.month)); break;
          case 'hour': t.hour = inRange(fn, 'hour', value, 0, 23); break;
          case 'minute': t.minute = inRange(fn, 'minute', value, 0, 59); break;
          default: t.second = inRange(fn, 'second', value, 0, 59);
        }
        t.day = Math.min(t.day, monthLength(t.year, t.month));
        return zonedFromLocal(t, zoneOfValue(zdt), rules);
      },
    },
    {
      name: 'make_date_time',
      category: 'datetime',
      params: [
        param('YEAR', 'number', 'The year, in four digits.'),
        param('MONTH', 'number', 'The month, 1 to 12.'),
        param('DAY', 'number', 'The day, 1 to 31 (must exist in the month).'),
        param('HOUR', 'number', 'The hour, 0 to 23.'),
        param('MINUTE', 'number', 'The minute, 0 to 59.'),
        param('SECOND', 'number', 'The second, 0 to 59.'),
        param('NANOSECOND', 'number', 'The nanoseconds, 0 to 999999999 (kept to millisecond precision).'),
        param('TIMEZONE', 'string', 'The time zone: an IANA id such as "America/Los_Angeles", an offset such as "+02:00", or "UTC".'),
      ],
      returns: 'datetime',
      doc: 'Creates a date-time from its parts, in a time zone.',
      examples: [{ call: 'make_date_time(2019, 10, 17, 11, 55, 12, 999, "America/Los_Angeles")', result: '2019-10-17T11:55:12-07:00' }],
      aliases: ['make_timestamp'],
      pure: true,
      impl: (args) => {
        const fn = 'make_date_time';
        if (anyNull(args, 8)) return null;
        const n = (i: number, name: string, min: number, max: number): number => inRange(fn, name, asInteger(fn, name, arg(args, i)), min, max);
        const year = n(0, 'YEAR', -999_999, 999_999);
        const month = n(1, 'MONTH', 1, 12);
        const day = n(2, 'DAY', 1, monthLength(year, month));
        const local = { year, month, day, hour: n(3, 'HOUR', 0, 23), minute: n(4, 'MINUTE', 0, 59), second: n(5, 'SECOND', 0, 59), ms: Math.floor(n(6, 'NANOSECOND', 0, 999_999_999) / 1e6) };
        return zonedFromLocal(local, zoneOf(fn, 'TIMEZONE', arg(args, 7)), rules);
      },
    },
    {
      name: 'zone_date_to_utc',
      category: 'datetime',
      params: [param('DATE', DATE_INPUT, 'The date to convert.')],
      returns: 'datetime',
      doc: 'The same instant, expressed in UTC.',
      examples: [{ call: 'zone_date_to_utc(date("2019-10-17T11:55:12 PST"))', result: '2019-10-17T18:55:12Z' }],
      pure: true,
      impl: (args) => (isNull(args[0]) ? null : zonedFromEpoch(asDate('zone_date_to_utc', 'DATE', arg(args, 0)).epochMs, UTC, rules)),
    },
    {
      name: 'zone_date_to_zone',
      category: 'datetime',
      params: [param('DATE', DATE_INPUT, 'The date to convert.'), param('ZONE', 'string', 'The target time zone (IANA id, offset or UTC).')],
      returns: 'datetime',
      doc: 'The same instant, expressed in another time zone.',
      examples: [{ call: 'zone_date_to_zone(date("2021-10-26T13:43:59Z"), "Europe/Paris")', result: '2021-10-26T15:43:59+02:00' }],
      pure: true,
      impl: (args) => {
        if (anyNull(args, 2)) return null;
        const zdt = asDate('zone_date_to_zone', 'DATE', arg(args, 0));
        return zonedFromEpoch(zdt.epochMs, zoneOf('zone_date_to_zone', 'ZONE', arg(args, 1)), rules);
      },
    },
  ];
}
