import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, isValidDatePattern, parseDateImplicit, parseDateWithPattern, toIsoString } from '../../../server/expr/catalogue/conversions';
import { IMPLICIT_DATE_FORMATS, ISO_FALLBACK, ZoneRules, isZonedDateTime, matchImplicitFormat, zonedFromEpoch, zonedFromLocal } from '../../../server/expr/catalogue/dates';
import type { Value, ZonedDateTimeLike } from '../../../server/expr/catalogue';
import { NOW_MS, assertFunctionError, call, catalogue } from './catalogue-helpers';

const rules = new ZoneRules();
const iso = (v: Value): string => {
  assert.ok(isZonedDateTime(v), `expected a date, got ${JSON.stringify(v)}`);
  return toIsoString(v);
};
const zone = (id: string) => rules.resolve(id)!;
const at = (isoText: string): ZonedDateTimeLike => parseDateImplicit(isoText)!;

describe('date functions', () => {
  it('now() is the run instant in UTC, timestamp() its epoch milliseconds', () => {
    assert.equal(iso(call('now')), '2021-10-26T10:10:24Z');
    assert.equal(call('timestamp'), NOW_MS);
    assert.equal(catalogue.get('now')!.pure, false);
    assert.equal(catalogue.get('timestamp')!.pure, false);
    // no arguments: extra nulls are ignored rather than breaking
    assert.equal(iso(catalogue.get('now')!.impl([null], { nowMs: 0, variables: {} })), '1970-01-01T00:00:00Z');
  });

  it('format', () => {
    assert.equal(call('format', at('2019-10-23T11:24:00+00:00'), 'yyyy-MM-dd HH:mm:ss'), '2019-10-23 11:24:00');
    assert.equal(call('format', '2019-10-23 11:24:00.000', "dd/MM/yy"), '23/10/19');
    assert.equal(call('format', call('zone_date_to_zone', at('2019-10-23T11:24:00Z'), 'Asia/Kolkata'), 'HH:mm xxx'), '16:54 +05:30');
    assert.equal(call('format', null, 'yyyy'), null);
    assert.equal(call('format', at('2019-10-23'), null), null);
    assertFunctionError(() => call('format', at('2019-10-23'), 'yyyy-bb'), /invalid date format "yyyy-bb": Unknown pattern letter: b/);
    assertFunctionError(() => call('format', 'not a date', 'yyyy'), /not a date in any of the implicit formats/);
  });

  it('dformat formats epoch milliseconds in UTC', () => {
    assert.equal(call('dformat', 1571829875000, "yyyy-MM-dd'T'HH:mm:ss.SSSX"), '2019-10-23T11:24:35.000Z');
    assert.equal(call('dformat', '1571829875000', 'yyyy'), '2019');
    assert.equal(call('dformat', null, 'yyyy'), null);
    assertFunctionError(() => call('dformat', 'yesterday', 'yyyy'), /TIMESTAMP must be a number/);
    assertFunctionError(() => call('dformat', 0, 'VVV'), /Pattern letter count must be 2: V/);
    assertFunctionError(() => call('dformat', 1e17, 'yyyy'), /outside the supported range/);
    assert.equal(parseDateImplicit('+999999-01-01'), undefined, 'out of range text is no date');
  });

  it('date with no, one and two further arguments', () => {
    assert.equal(iso(call('date', '2019-10-23 11:24', 'yyyy-MM-dd HH:mm', call('now'))), '2019-10-23T11:24:00Z');
    assert.equal(iso(call('date', '2019-10-23 11:24', 'yyyy-MM-dd HH:mm')), '2019-10-23T11:24:00Z');
    assert.equal(iso(call('date', '2019-10-23 11:24')), '2019-10-23T11:24:00Z');
    assert.equal(iso(call('date', '23.10.2019 11:24 +0200', 'dd.MM.yyyy HH:mm Z')), '2019-10-23T11:24:00+02:00');
    assert.equal(iso(call('date', 1571829875000)), '2019-10-23T11:24:35Z');
    const d = at('2020-01-01');
    assert.equal(call('date', d), d);
  });

  it('date returns DEFAULT_DATE for null (and empty) input, null without one', () => {
    assert.equal(iso(call('date', null, 'yyyy-MM-dd', '2000-01-01')), '2000-01-01T00:00:00Z');
    assert.equal(iso(call('date', '  ', 'yyyy-MM-dd', call('now'))), '2021-10-26T10:10:24Z');
    assert.equal(call('date', null), null);
    assert.equal(call('date', null, 'yyyy'), null);
  });

  it('date rejects text that does not match, and invalid patterns', () => {
    assertFunctionError(() => call('date', '2019/10/23', 'yyyy-MM-dd'), /"2019\/10\/23" does not match the format "yyyy-MM-dd"/);
    assertFunctionError(() => call('date', 'soon'), /not a date in any of the implicit formats/);
    assertFunctionError(() => call('date', '2019', "yyyy'"), /incomplete string literal/);
    assertFunctionError(() => call('date', ['2019']), /DATE must be a date, got array/);
  });

  it('date_part reads every component (and its abbreviations, case-insensitively)', () => {
    const d = at('2019-10-17 11:55:12.345'); // a Thursday
    const expected: Record<string, number> = {
      year: 2019, yyyy: 2019, yy: 2019, quarter: 4, qq: 4, q: 4, month: 10, MM: 10, m: 10, dayofyear: 290, dy: 290, y: 290,
      day: 17, dd: 17, d: 17, week: 42, ww: 42, w: 42, weekday: 4, dw: 4, hour: 11, hh: 11, hh24: 11, hh12: 11,
      minute: 55, mi: 55, n: 55, second: 12, ss: 12, s: 12, millisecond: 345, ms: 345, SSS: 345,
    };
    for (const [component, value] of Object.entries(expected)) assert.equal(call('date_part', component, d), value, component);
    assert.equal(call('date_part', 'MM', call('date', '2019-10-17 11:55:12')), 10);
    assert.equal(call('date_part', 'hh12', at('2019-10-17 00:05:00.000')), 12);
    assert.equal(call('date_part', 'hour', call('zone_date_to_zone', d, 'America/Los_Angeles')), 4, 'read in the date\'s zone');
    assert.equal(call('date_part', 'year', null), null);
    assertFunctionError(() => call('date_part', 'fortnight', d), /unknown COMPONENT "fortnight"/);
  });

  it('set_date_part replaces one component', () => {
    assert.equal(iso(call('set_date_part', 'm', 4, call('date', '2016-11-09T11:44:44.797'))), '2016-04-09T11:44:44.797Z');
    const d = at('2020-01-31');
    assert.equal(iso(call('set_date_part', 'month', 2, d)), '2020-02-29T00:00:00Z', 'day clamped into the month');
    assert.equal(iso(call('set_date_part', 'yyyy', 2021, at('2020-02-29'))), '2021-02-28T00:00:00Z');
    assert.equal(iso(call('set_date_part', 'hh', 23, d)), '2020-01-31T23:00:00Z');
    assert.equal(iso(call('set_date_part', 'mi', 7, d)), '2020-01-31T00:07:00Z');
    assert.equal(iso(call('set_date_part', 'ss', 9, d)), '2020-01-31T00:00:09Z');
    assert.equal(iso(call('set_date_part', 'd', 2, d)), '2020-01-02T00:00:00Z');
    const paris = call('zone_date_to_zone', at('2021-03-27T12:00:00Z'), 'Europe/Paris') as ZonedDateTimeLike;
    assert.equal(iso(call('set_date_part', 'day', 28, paris)), '2021-03-28T13:00:00+02:00', 'keeps the wall clock across DST');
    assert.equal(call('set_date_part', 'day', null, d), null);
    assertFunctionError(() => call('set_date_part', 'month', 13, d), /month must be between 1 and 12, got 13/);
    assertFunctionError(() => call('set_date_part', 'day', 30, at('2021-02-01')), /day must be between 1 and 28/);
    assertFunctionError(() => call('set_date_part', 'quarter', 1, d), /unknown COMPONENT/);
  });

  it('make_date_time / make_timestamp build a date in a zone', () => {
    assert.equal(iso(call('make_date_time', 2019, 10, 17, 11, 55, 12, 999, 'America/Los_Angeles')), '2019-10-17T11:55:12-07:00');
    assert.equal(iso(call('make_timestamp', 2019, 10, 17, 11, 55, 12, 250_000_000, 'UTC')), '2019-10-17T11:55:12.250Z');
    assert.equal(iso(call('make_date_time', 2021, 3, 14, 2, 30, 0, 0, 'America/New_York')), '2021-03-14T03:30:00-04:00', 'a gap moves forward');
    assert.equal(iso(call('make_date_time', 2021, 11, 7, 1, 30, 0, 0, 'America/New_York')), '2021-11-07T01:30:00-04:00', 'an overlap takes the earlier offset');
    assert.equal(iso(call('make_date_time', 2020, 1, 1, 0, 0, 0, 0, '+05:30')), '2020-01-01T00:00:00+05:30');
    assert.equal(iso(call('make_date_time', 2020, 1, 1, 0, 0, 0, 0, 'PST')), '2020-01-01T00:00:00-08:00');
    assert.equal(call('make_date_time', 2019, 10, 17, 11, 55, 12, 0, null), null);
    assertFunctionError(() => call('make_date_time', 2019, 2, 30, 0, 0, 0, 0, 'UTC'), /DAY must be between 1 and 28, got 30/);
    assertFunctionError(() => call('make_date_time', 2019, 1, 1, 0, 0, 0, 0, 'Mars/Olympus'), /not a known time zone/);
    assertFunctionError(() => call('make_date_time', 2019, 1, 1, 24, 0, 0, 0, 'UTC'), /HOUR must be between 0 and 23/);
    assertFunctionError(() => call('make_date_time', 300000, 1, 1, 0, 0, 0, 0, 'Europe/Paris'), /outside the supported range/);
  });

  it('zone_date_to_utc and zone_date_to_zone keep the instant', () => {
    // "PST" names the Los Angeles region (as Java's zone-text parsing does), so October is PDT.
    assert.equal(iso(call('zone_date_to_utc', call('date', '2019-10-17T11:55:12 PST'))), '2019-10-17T18:55:12Z');
    assert.equal(iso(call('zone_date_to_utc', call('make_date_time', 2019, 1, 17, 11, 55, 12, 0, 'PST'))), '2019-01-17T19:55:12Z');
    assert.equal(iso(call('zone_date_to_zone', at('2021-10-26T13:43:59Z'), 'Europe/Paris')), '2021-10-26T15:43:59+02:00');
    assert.equal(iso(call('zone_date_to_zone', at('2021-12-26T13:43:59Z'), 'Europe/Paris')), '2021-12-26T14:43:59+01:00');
    assert.equal((call('zone_date_to_zone', at('2021-12-26T13:43:59Z'), 'Europe/Paris') as ZonedDateTimeLike).zone, 'Europe/Paris');
    assert.equal(call('zone_date_to_utc', null), null);
    assert.equal(call('zone_date_to_zone', null, 'UTC'), null);
    assertFunctionError(() => call('zone_date_to_utc', 'garbage'), /not a date/);
    assertFunctionError(() => call('zone_date_to_zone', at('2021-01-01'), 'Nowhere/Land'), /ZONE "Nowhere\/Land" is not a known time zone/);
  });
});

describe('ZonedDateTime values', () => {
  it('are frozen plain objects with instant, offset and zone', () => {
    const d = call('make_date_time', 2024, 7, 1, 12, 0, 0, 0, 'Europe/Paris') as ZonedDateTimeLike;
    assert.deepEqual({ ...d }, { kind: 'datetime', epochMs: Date.UTC(2024, 6, 1, 10), offsetMinutes: 120, zone: 'Europe/Paris' });
    assert.ok(Object.isFrozen(d));
    assert.equal(JSON.stringify(d), `{"kind":"datetime","epochMs":${Date.UTC(2024, 6, 1, 10)},"offsetMinutes":120,"zone":"Europe/Paris"}`);
  });

  it('print as ISO-8601 with offset, milliseconds only when set', () => {
    assert.equal(toIsoString(zonedFromEpoch(0)), '1970-01-01T00:00:00Z');
    assert.equal(toIsoString(zonedFromEpoch(1500)), '1970-01-01T00:00:01.500Z');
    assert.equal(toIsoString(zonedFromEpoch(0, zone('America/St_Johns'), rules)), '1969-12-31T20:30:00-03:30');
    assert.equal(toIsoString(zonedFromLocal({ year: 12345, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 })), '+012345-01-01T00:00:00Z');
  });
});

describe('time zones', () => {
  it('resolves IANA ids, offsets, GMT/UTC forms and abbreviations', () => {
    assert.deepEqual(rules.resolve('Europe/Paris'), { id: 'Europe/Paris' });
    assert.equal(rules.resolve('europe/paris')!.id, 'Europe/Paris');
    assert.deepEqual(rules.resolve('+02:00'), { id: '+02:00', fixedOffset: 120 });
    assert.deepEqual(rules.resolve('-0830'), { id: '-08:30', fixedOffset: -510 });
    assert.deepEqual(rules.resolve('UTC+2'), { id: 'UTC+02:00', fixedOffset: 120 });
    assert.deepEqual(rules.resolve('GMT-08:00'), { id: 'GMT-08:00', fixedOffset: -480 });
    assert.deepEqual(rules.resolve('Z'), { id: 'Z', fixedOffset: 0 });
    assert.equal(rules.resolve('UTC')!.id, 'UTC');
    assert.equal(rules.resolve('PST')!.id, 'America/Los_Angeles');
    assert.equal(rules.resolve('Nowhere/Land'), undefined);
    assert.equal(rules.resolve('+19:00'), undefined);
    assert.equal(rules.resolve(''), undefined);
  });

  it('computes offsets across DST', () => {
    const la = zone('America/Los_Angeles');
    assert.equal(rules.offsetAt(la, Date.UTC(2024, 0, 15)), -480);
    assert.equal(rules.offsetAt(la, Date.UTC(2024, 6, 15)), -420);
    assert.equal(rules.offsetAt(zone('Australia/Sydney'), Date.UTC(2024, 0, 15)), 660);
    assert.equal(rules.offsetAt(zone('Asia/Kathmandu'), Date.UTC(2024, 0, 15)), 345);
  });
});

describe('date patterns: validation', () => {
  it('accepts the AEP letters and literals', () => {
    for (const p of ['G y Y u Q q M L w W D d F E a H k K h m s S z Z X x VV O OOOO', "yyyy-MM-dd'T'HH:mm:ss.SSSX", "'o''clock' h", "yyyy-MM-dd['T'HH:mm]", ''])
      assert.equal(isValidDatePattern(p), undefined, p);
  });

  it('reports Java-like errors', () => {
    const cases: [string, RegExp][] = [
      ['yyyy-MM-dd bb', /Unknown pattern letter: b/],
      ['MMMMMM', /Too many pattern letters: M/],
      ['dd ddd', /Too many pattern letters: d/],
      ['aa', /Too many pattern letters: a/],
      ['V', /Pattern letter count must be 2: V/],
      ['OO', /Pattern letter count must be 1 or 4: O/],
      ["yyyy 'unclosed", /incomplete string literal/],
      ['yyyy#', /reserved character: '#'/],
      ['yyyy]', /\] without previous \[/],
      ['ee', /'e' is not supported/],
    ];
    for (const [p, re] of cases) assert.match(isValidDatePattern(p) ?? '', re, p);
  });
});

describe('date patterns: formatting', () => {
  const la = zonedFromEpoch(Date.UTC(2019, 9, 23, 11, 24, 35, 78), zone('America/Los_Angeles'), rules); // Wed 04:24:35.078 PDT

  it('prints every letter as Java does (en-US)', () => {
    const cases: [string, string][] = [
      ['G GGGG GGGGG', 'AD Anno Domini A'],
      ['y yy yyy yyyy yyyyy', '2019 19 2019 2019 02019'],
      ['Y YY', '2019 19'],
      ['u uu', '3 03'],
      ['Q QQ QQQ QQQQ QQQQQ q', '4 04 Q4 4th quarter 4 4'],
      ['M MM MMM MMMM MMMMM L LLL', '10 10 Oct October O 10 Oct'],
      ['w ww W D DD DDD d dd F', '43 43 4 296 296 296 23 23 4'],
      ['E EEE EEEE EEEEE', 'Wed Wed Wednesday W'],
      ['a H HH k K h hh m mm s ss', 'AM 4 04 4 4 4 04 24 24 35 35'],
      ['S SS SSS SSSS SSSSSSSSS', '0 07 078 0780 078000000'],
      ['z zzzz', 'PDT Pacific Daylight Time'],
      ['Z ZZZZ ZZZZZ', '-0700 GMT-07:00 -07:00'],
      ['X XX XXX XXXX XXXXX', '-07 -0700 -07:00 -0700 -07:00'],
      ['x xx xxx', '-07 -0700 -07:00'],
      ['VV O OOOO', 'America/Los_Angeles GMT-7 GMT-07:00'],
      ["'at' h 'o''clock' [yyyy]", "at 4 o'clock 2019"],
    ];
    for (const [p, expected] of cases) assert.equal(formatDate(la, p, rules), expected, p);
  });

  it('prints zero offsets and UTC', () => {
    const utc = zonedFromEpoch(Date.UTC(2020, 0, 1, 0, 0, 0));
    assert.equal(formatDate(utc, 'X XXX x Z ZZZZ ZZZZZ O z zzzz'), 'Z Z +00 +0000 GMT Z GMT UTC Coordinated Universal Time');
    assert.equal(formatDate(utc, 'h a K k'), '12 AM 0 24');
    assert.equal(formatDate(zonedFromEpoch(Date.UTC(2020, 0, 1, 0, 0, 0), zone('Europe/Paris'), rules), 'z'), 'CET');
    assert.equal(formatDate(zonedFromEpoch(0, zone('+05:30'), rules), 'z VV O'), '+05:30 +05:30 GMT+5:30');
  });

  it('uses ISO weeks: 2020-12-31 is week 53 of 2020, 2021-01-03 too', () => {
    assert.equal(formatDate(at('2020-12-31'), "YYYY-'W'ww-u"), '2020-W53-4');
    assert.equal(formatDate(at('2021-01-03'), "YYYY-'W'ww-u"), '2020-W53-7');
    assert.equal(formatDate(at('2021-01-04'), "YYYY-'W'ww-u"), '2021-W01-1');
    assert.equal(formatDate(at('2019-12-30'), 'YYYY yyyy'), '2020 2019');
  });
});

describe('date patterns: parsing', () => {
  const p = (text: string, pattern: string, z?: string): string | undefined => {
    const d = parseDateWithPattern(text, pattern, z, rules);
    return d && toIsoString(d);
  };

  it('reads fields, texts (case-insensitively) and zones', () => {
    assert.equal(p('Wed, 23 Oct 2019 04:24:35 PDT', 'EEE, dd MMM yyyy HH:mm:ss z'), '2019-10-23T04:24:35-07:00');
    assert.equal(p('23 OCTOBER 2019', 'dd MMMM yyyy'), '2019-10-23T00:00:00Z');
    assert.equal(p('2019-10-23 04:24 America/Los_Angeles', 'yyyy-MM-dd HH:mm VV'), '2019-10-23T04:24:00-07:00');
    assert.equal(p('2019-10-23 04:24 GMT+5:30', 'yyyy-MM-dd HH:mm O'), '2019-10-23T04:24:00+05:30');
    assert.equal(p('2019-10-23 04:24 GMT-08:00', 'yyyy-MM-dd HH:mm ZZZZ'), '2019-10-23T04:24:00-08:00');
    assert.equal(p('2019-10-23 04:24 Z', 'yyyy-MM-dd HH:mm XXX'), '2019-10-23T04:24:00Z');
    assert.equal(p('2019-10-23 04:24 +0530', 'yyyy-MM-dd HH:mm xx'), '2019-10-23T04:24:00+05:30');
    assert.equal(p('2019-10-23 04:24', 'yyyy-MM-dd HH:mm', 'Asia/Tokyo'), '2019-10-23T04:24:00+09:00');
    assert.equal(p('2019-296', 'yyyy-DDD'), '2019-10-23T00:00:00Z');
    assert.equal(p('2019-W43-3', "YYYY-'W'ww-u"), '2019-10-23T00:00:00Z');
    assert.equal(p('Q4 2019', 'QQQ yyyy'), '2019-10-01T00:00:00Z');
    assert.equal(p('2019', 'yyyy'), '2019-01-01T00:00:00Z');
  });

  it('handles 12/24-hour clocks and two-digit years', () => {
    assert.equal(p('10/23/19 12:05 AM', 'MM/dd/yy hh:mm a'), '2019-10-23T00:05:00Z');
    assert.equal(p('10/23/19 12:05 pm', 'MM/dd/yy hh:mm a'), '2019-10-23T12:05:00Z');
    assert.equal(p('10/23/99 11:05', 'MM/dd/yy hh:mm'), '2099-10-23T11:05:00Z');
    assert.equal(p('2019-10-23 24:00', 'yyyy-MM-dd kk:mm'), '2019-10-23T00:00:00Z');
    assert.equal(p('2019-10-23 0:30 PM', 'yyyy-MM-dd K:mm a'), '2019-10-23T12:30:00Z');
  });

  it('uses adjacent value parsing and optional sections', () => {
    assert.equal(p('201910230424', 'yyyyMMddHHmm'), '2019-10-23T04:24:00Z');
    assert.equal(p('1012019', 'Mddyyyy'), '2019-01-01T00:00:00Z');
    assert.equal(p('10122019', 'Mddyyyy'), '2019-10-12T00:00:00Z');
    assert.equal(p('2019-10-23T04:24', "yyyy-MM-dd['T'HH:mm]"), '2019-10-23T04:24:00Z');
    assert.equal(p('2019-10-23', "yyyy-MM-dd['T'HH:mm]"), '2019-10-23T00:00:00Z');
    assert.equal(p('2019-10-23T04:24:00.5', "yyyy-MM-dd'T'HH:mm:ss.S"), '2019-10-23T04:24:00.500Z');
  });

  it('resolves like Java SMART: clamps day 29-31, rejects conflicts and junk', () => {
    assert.equal(p('2021-02-30', 'yyyy-MM-dd'), '2021-02-28T00:00:00Z');
    assert.equal(p('2021-02-32', 'yyyy-MM-dd'), undefined);
    assert.equal(p('2021-13-01', 'yyyy-MM-dd'), undefined);
    assert.equal(p('Monday 2019-10-23', 'EEEE yyyy-MM-dd'), undefined, 'the 23rd was a Wednesday');
    assert.equal(p('Wednesday 2019-10-23', 'EEEE yyyy-MM-dd'), '2019-10-23T00:00:00Z');
    assert.equal(p('2019-10-23 13:00 AM', 'yyyy-MM-dd HH:mm a'), undefined);
    assert.equal(p('2019-10-23x', 'yyyy-MM-dd'), undefined);
    assert.equal(p('19-10-23', 'yyyy-MM-dd'), undefined);
    assert.equal(p('04:24', 'HH:mm'), undefined, 'no date');
    assert.equal(p('2019-10-23 +05:30', 'yyyy-MM-dd X'), undefined, 'X reads +HHmm, not +HH:MM');
    assert.equal(p('2019-10-23', 'yyyy-MM-dd', 'Mars/Base'), undefined);
    assert.equal(p('2019-10-23', 'yyyy-MM-dd bb'), undefined, 'invalid pattern');
  });

  const ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Sydney', 'Asia/Kathmandu', 'America/St_Johns', '+03:00', '-09:30'];
  const INSTANTS = [
    Date.UTC(2019, 9, 23, 11, 24, 35, 78),
    Date.UTC(2024, 1, 29, 23, 59, 59, 999), // leap day
    Date.UTC(2020, 11, 31, 12, 0, 0, 1), // ISO week 53
    Date.UTC(1999, 0, 1, 0, 0, 0, 0),
    Date.UTC(2021, 2, 28, 1, 30, 0, 0), // Paris spring-forward hour (UTC)
    Date.UTC(2021, 10, 7, 9, 30, 0, 500), // LA fall-back overlap (01:30 PST)
    Date.UTC(1970, 0, 1, 0, 0, 0, 0),
    Date.UTC(2038, 0, 19, 3, 14, 8, 0),
  ];
  const PATTERNS_WITH_OFFSET = [
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    'dd MMM yyyy HH:mm:ss.SSS Z',
    'EEEE, MMMM d, yyyy h:mm:ss.SSS a xxx',
    'yyyyMMddHHmmssSSSxx',
    'G yyyy-DDD HH:mm:ss.SSS OOOO',
    "YYYY-'W'ww-u HH:mm:ss.SSS XXXXX",
    'MM/dd/yyyy KK:mm:ss.SSS a ZZZZZ',
    'd.M.yyyy k:mm:ss.SSS O',
    'QQQ yyyy-MM-dd HH:mm:ss.SSSSSS X',
  ];

  it('round-trips format → parse for many patterns and zones', () => {
    let checked = 0;
    for (const z of ZONES) {
      for (const ms of INSTANTS) {
        const d = zonedFromEpoch(ms, zone(z), rules);
        for (const pattern of PATTERNS_WITH_OFFSET) {
          const text = formatDate(d, pattern, rules);
          const back = parseDateWithPattern(text, pattern, undefined, rules);
          assert.ok(back, `${pattern} could not read back "${text}"`);
          assert.equal(back.epochMs, ms, `${z} ${pattern}: "${text}"`);
          assert.equal(back.offsetMinutes, d.offsetMinutes, `${z} ${pattern}: offset`);
          checked++;
        }
        // Zone ids round-trip with the zone itself.
        const withZone = parseDateWithPattern(formatDate(d, 'yyyy-MM-dd HH:mm:ss.SSS xxx VV', rules), 'yyyy-MM-dd HH:mm:ss.SSS xxx VV', undefined, rules)!;
        assert.deepEqual({ ...withZone }, { ...d }, `${z} VV`);
      }
    }
    assert.equal(checked, ZONES.length * INSTANTS.length * PATTERNS_WITH_OFFSET.length);
  });

  it('round-trips zone names (z) for zones with known abbreviations', () => {
    for (const z of ['UTC', 'America/Los_Angeles', 'America/New_York', 'Europe/Paris', 'Asia/Tokyo']) {
      for (const ms of INSTANTS.slice(0, 4)) {
        const d = zonedFromEpoch(ms, zone(z), rules);
        for (const pattern of ['yyyy-MM-dd HH:mm:ss.SSS z', 'yyyy-MM-dd HH:mm:ss.SSS zzzz']) {
          const text = formatDate(d, pattern, rules);
          const back = parseDateWithPattern(text, pattern, undefined, rules);
          if (pattern.endsWith('zzzz') && z === 'Asia/Tokyo') continue; // "Japan Standard Time" is not in the name table
          assert.ok(back, `${z} ${pattern} "${text}"`);
          assert.equal(back.epochMs, ms, `${z} ${pattern} "${text}"`);
        }
      }
    }
  });

  it('round-trips wall-clock patterns when the zone is given', () => {
    for (const z of ZONES) {
      for (const ms of INSTANTS.filter((m) => m !== Date.UTC(2021, 10, 7, 9, 30, 0, 500))) {
        const d = zonedFromEpoch(ms, zone(z), rules);
        for (const pattern of ['yyyy-MM-dd HH:mm:ss.SSS', 'M/d/yyyy h:mm:ss.SSS a', 'yyyyMMdd HHmmssSSS']) {
          const back = parseDateWithPattern(formatDate(d, pattern, rules), pattern, z, rules)!;
          assert.equal(back.epochMs, ms, `${z} ${pattern}`);
          assert.equal(back.zone, d.zone);
        }
      }
    }
  });
});

describe('implicit string → date formats (§2.5), first match wins', () => {
  const EXAMPLES: [string, string, string][] = [
    ['2019-10-23 11:24:00+0200', 'yyyy-MM-dd HH:mm:ssZ', '2019-10-23T11:24:00+02:00'],
    ['2019-10-23 11:24:00.123-0800', 'yyyy-MM-dd HH:mm:ss.SSSZ', '2019-10-23T11:24:00.123-08:00'],
    ['2019-10-23 11:24:00.123', 'yyyy-MM-dd HH:mm:ss.SSS', '2019-10-23T11:24:00.123Z'],
    ['2019-10-23T11:24:00.123Z', "yyyy-MM-dd'T'HH:mm:ss.SSSX", '2019-10-23T11:24:00.123Z'],
    ['2019-10-23T11:24:00.123+0530', "yyyy-MM-dd'T'HH:mm:ss.SSSX", '2019-10-23T11:24:00.123+05:30'],
    ['2019-10-23T11:24:00Z', "yyyy-MM-dd'T'HH:mm:ss'Z'", '2019-10-23T11:24:00Z'],
    ['2019-10-23', 'yyyy-MM-dd', '2019-10-23T00:00:00Z'],
    ['2019/10/23', 'yyyy/MM/dd', '2019-10-23T00:00:00Z'],
    ['2019.10.23', 'yyyy.MM.dd', '2019-10-23T00:00:00Z'],
    ['2019-Oct-23', 'yyyy-MMM-dd', '2019-10-23T00:00:00Z'],
    ['20191023', 'yyyyMMdd', '2019-10-23T00:00:00Z'],
    ['10-23-2019', 'MM-dd-yyyy', '2019-10-23T00:00:00Z'],
    ['10232019', 'MMddyyyy', '2019-10-23T00:00:00Z'],
    ['1/23/2019', 'M/dd/yyyy', '2019-01-23T00:00:00Z'],
    ['23.1.2019', 'dd.M.yyyy', '2019-01-23T00:00:00Z'],
    ['1/23/2019 01:02:03 PM', 'M/dd/yyyy hh:mm:ss a', '2019-01-23T13:02:03Z'],
    ['23.1.2019 11:02:03 AM', 'dd.M.yyyy hh:mm:ss a', '2019-01-23T11:02:03Z'],
    ['23.Jan.2019', 'dd.MMM.yyyy', '2019-01-23T00:00:00Z'],
    ['23-Jan-2019', 'dd-MMM-yyyy', '2019-01-23T00:00:00Z'],
  ];

  it('lists the documented formats in order', () => {
    assert.equal(IMPLICIT_DATE_FORMATS.length, 18);
    assert.equal(IMPLICIT_DATE_FORMATS[0], 'yyyy-MM-dd HH:mm:ssZ');
    assert.equal(IMPLICIT_DATE_FORMATS[17], 'dd-MMM-yyyy');
    for (const f of IMPLICIT_DATE_FORMATS) assert.equal(isValidDatePattern(f), undefined, f);
    assert.deepEqual(new Set(EXAMPLES.map(([, f]) => f)), new Set(IMPLICIT_DATE_FORMATS), 'every format has an example');
  });

  for (const [text, format, expected] of EXAMPLES) {
    it(`${format}: "${text}"`, () => {
      const m = matchImplicitFormat(text);
      assert.ok(m, text);
      assert.equal(m.format, format);
      assert.equal(toIsoString(m.value), expected);
      assert.equal(toIsoString(parseDateImplicit(text)!), expected);
    });
  }

  it('reads the ambiguous 12112020 as MMddyyyy, as Adobe warns', () => {
    assert.equal(matchImplicitFormat('12112020')!.format, 'MMddyyyy');
    assert.equal(toIsoString(parseDateImplicit('12112020')!), '2020-12-11T00:00:00Z');
  });

  it('falls back to ISO-8601 for AEP examples outside the list', () => {
    const cases: [string, string][] = [
      ['2019-10-23 11:24', '2019-10-23T11:24:00Z'],
      ['2019-10-17 11:55:12', '2019-10-17T11:55:12Z'],
      ['2016-11-09T11:44:44.797', '2016-11-09T11:44:44.797Z'],
      ['2019-10-23T11:24:00+02:00', '2019-10-23T11:24:00+02:00'],
      ['2024-05-05 20:39:00.005 PST', '2024-05-05T20:39:00.005-07:00'],
      ['2024-05-05T20:39:00+02:00[Europe/Paris]', '2024-05-05T20:39:00+02:00'],
    ];
    for (const [text, expected] of cases) {
      assert.equal(matchImplicitFormat(text)!.format, ISO_FALLBACK, text);
      assert.equal(toIsoString(parseDateImplicit(text)!), expected, text);
    }
  });

  it('rejects text that matches nothing', () => {
    for (const text of ['', 'yesterday', '2019-13-45', '32.1.2019', '2019-10-23T25:00', '10/23', '2019-10-23 11:24 Mars/Base']) assert.equal(parseDateImplicit(text), undefined, text);
  });

  it('trims surrounding whitespace', () => {
    assert.equal(toIsoString(parseDateImplicit('  2019-10-23 ')!), '2019-10-23T00:00:00Z');
  });
});
