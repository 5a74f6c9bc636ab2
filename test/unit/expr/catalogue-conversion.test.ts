import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringToBoolean } from '../../../server/expr/catalogue/conversions';
import { toFloat32 } from '../../../server/expr/catalogue/conversion';
import { assertFunctionError, call } from './catalogue-helpers';

describe('type conversion functions', () => {
  it('to_bigint truncates to a whole number', () => {
    assert.equal(call('to_bigint', '1000000.34'), 1000000);
    assert.equal(call('to_bigint', '-12.9'), -12);
    assert.equal(call('to_bigint', ' 42 '), 42);
    assert.equal(call('to_bigint', '9007199254740991'), 9007199254740991);
    assert.equal(call('to_bigint', null), null);
    assertFunctionError(() => call('to_bigint', '12abc'), /"12abc" is not a number/);
    // beyond ±2^53 the exact digits are carried as text, up to the range of a Java long
    assert.equal(call('to_bigint', '9007199254740993'), '9007199254740993');
    assert.equal(call('to_bigint', '9223372036854775807'), '9223372036854775807');
    assert.equal(call('to_bigint', '-9223372036854775808.9'), '-9223372036854775808');
    assert.equal(call('to_bigint', '1.2345678901234567891e18'), '1234567890123456789');
    assert.equal(call('to_bigint', '-0.5'), 0);
    assertFunctionError(() => call('to_bigint', '9223372036854775808'), /outside the range of a Java long/);
    assertFunctionError(() => call('to_bigint', '1e999999999'), /outside the range of a Java long/);
    assertFunctionError(() => call('to_bigint', 2 ** 63), /outside the range of a Java long/);
    assert.equal(call('to_bigint', -(2 ** 63)), -(2 ** 63));
    assertFunctionError(() => call('to_bigint', '.'), /is not a number/);
  });

  it('to_decimal parses a Double', () => {
    assert.equal(call('to_decimal', '20.5'), 20.5);
    assert.equal(call('to_decimal', '-1.5e3'), -1500);
    assert.equal(call('to_decimal', '.5'), 0.5);
    assert.equal(call('to_decimal', '2d'), 2, 'Java double suffix');
    assert.equal(call('to_decimal', null), null);
    assertFunctionError(() => call('to_decimal', 'twenty'), /not a decimal number/);
    assertFunctionError(() => call('to_decimal', '1e999'), /out of range/);
    assertFunctionError(() => call('to_decimal', true), /STRING must be a string, got boolean/);
  });

  it('to_float rounds to single precision, printed as Java prints a Float', () => {
    assert.equal(call('to_float', '12.3456'), 12.3456);
    assert.equal(call('to_float', '0.1'), 0.1);
    assert.equal(call('to_float', '16777217'), 16777216);
    assert.equal(call('to_float', '3.14159265358979'), 3.1415927);
    assert.equal(toFloat32(1 / 3), 0.33333334);
    assert.equal(call('to_float', null), null);
    assertFunctionError(() => call('to_float', '1,5'), /not a decimal number/);
  });

  it('to_integer parses an Integer', () => {
    assert.equal(call('to_integer', '12'), 12);
    assert.equal(call('to_integer', '-2147483648'), -2147483648);
    assert.equal(call('to_integer', 7.9), 7);
    assert.equal(call('to_integer', null), null);
    assertFunctionError(() => call('to_integer', '12.5'), /not a whole number/);
    assertFunctionError(() => call('to_integer', '2147483648'), /outside the Integer range/);
  });
});

describe('implicit string → boolean (§2.5)', () => {
  it('accepts exactly the documented texts', () => {
    for (const t of ['y', 'yes', 'Y', 'YES', 'on', 'ON', 'true', 'TRUE']) assert.equal(stringToBoolean(t), true, t);
    for (const f of ['n', 'N', 'no', 'NO', 'off', 'OFF', 'false', 'FALSE']) assert.equal(stringToBoolean(f), false, f);
    for (const other of ['True', 'Yes', '1', '0', '', ' yes', 'oui']) assert.equal(stringToBoolean(other), undefined, other);
  });
});
