import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, callMethod, catalogue, plain } from './catalogue-helpers';

describe('object functions', () => {
  it('is_empty', () => {
    assert.equal(call('is_empty', [1, null, 2, 3]), false);
    for (const empty of [null, '', [], {}, new Map()]) assert.equal(call('is_empty', empty), true, JSON.stringify(empty));
    for (const full of ['x', 0, false, { a: null }, new Map([['k', null]])]) assert.equal(call('is_empty', full), false);
  });

  it('arrays_to_object / arrays_to_objects zip parallel arrays', () => {
    assert.deepEqual(call('arrays_to_objects', 'sku', call('explode', 'id1|id2', '\\|'), 'price', [22.5, 14.35]), [{ sku: 'id1', price: 22.5 }, { sku: 'id2', price: 14.35 }]);
    assert.deepEqual(call('arrays_to_object', 'a', [1, 2], 'b', [3]), [{ a: 1, b: 3 }, { a: 2, b: null }]);
    assert.deepEqual(call('arrays_to_object', 'a', null), []);
    assertFunctionError(() => call('arrays_to_object', 'a', [1], 'b'), /KEY, ARRAY pairs/);
    assertFunctionError(() => call('arrays_to_object', 'a', 'not an array'), /ARRAY must be an array/);
    assertFunctionError(() => call('arrays_to_object', null, [1]), /KEY 1 is null/);
  });

  it('to_object builds an object from pairs', () => {
    assert.deepEqual(call('to_object', 'firstName', 'John', 'lastName', 'Doe'), { firstName: 'John', lastName: 'Doe' });
    assert.deepEqual(call('to_object', 'a', null, 'a', 2), { a: 2 });
    assertFunctionError(() => call('to_object', null, 1), /KEY 1 is null/);
    assertFunctionError(() => call('to_object', 'a'), /KEY, VALUE pairs/);
    assertFunctionError(() => call('to_object', ['k'], 1), /KEY must be a string/);
  });

  it('str_to_object parses delimited key/value text', () => {
    assert.deepEqual(call('str_to_object', 'firstName=John,lastName=Doe,phone=123 456 7890', '=', ','), { firstName: 'John', lastName: 'Doe', phone: '123 456 7890' });
    assert.deepEqual(call('str_to_object', 'a:1, b : 2,junk,:x'), { a: '1', b: '2' });
    assert.deepEqual(call('str_to_object', 'a|1;b|2', '|', ';'), { a: '1', b: '2' }, 'delimiters are literal, not regexes');
    assert.equal(callMethod('get', call('str_to_object', 'firstName - John ; lastName - Doe', '-', ';'), 'firstName'), 'John');
    assert.equal(call('str_to_object', null), null);
    assertFunctionError(() => call('str_to_object', ['a:1']), /STRING must be a string/);
  });

  it('contains_key and deprecated is_set check the source record', () => {
    assert.equal(call('contains_key', 'evars.evar.field1'), true);
    assert.equal(call('contains_key', 'evars.evar.field2'), false);
    assert.equal(call('is_set', 'Account.Name'), true);
    assert.equal(call('contains_key', null), false);
    assertFunctionError(() => catalogue.get('contains_key')!.impl(['a'], { nowMs: 0, variables: {} }), /source record is not available/);
    assertFunctionError(() => call('contains_key', { path: 'a' }), /PATH must be a string/);
  });

  it('nullify always returns null', () => {
    assert.equal(call('nullify'), null);
    assert.equal(call('nullify', 'ignored'), null);
  });

  it('get_keys lists keys of objects and maps', () => {
    assert.deepEqual(call('get_keys', { book1: 'Pride and Prejudice', book2: '1984' }), ['book1', 'book2']);
    assert.deepEqual(call('get_keys', new Map([['x', 1]])), ['x']);
    assert.equal(call('get_keys', null), null);
    assertFunctionError(() => call('get_keys', 'book1'), /OBJECT must be an object or a map/);
  });

  it('get_values reads one key of delimited text', () => {
    assert.equal(call('get_values', 'firstName - John , lastName - Cena , phone - 555 420 8692', 'firstName', '-', ','), 'John');
    assert.equal(call('get_values', 'a:1,b:2', 'b', null), '2', 'null delimiters default to : and ,');
    assert.equal(call('get_values', 'a:1;b:2', 'b', '', ';'), '2');
    assert.equal(call('get_values', 'a:1', 'z', ':'), null);
    assert.equal(call('get_values', null, 'a', ':'), null);
    assertFunctionError(() => call('get_values', 'a:1', ['a'], ':'), /KEY must be a string/);
  });
});

describe('get(key) method', () => {
  it('reads objects and maps', () => {
    assert.equal(callMethod('get', { a: 1 }, 'a'), 1);
    assert.equal(catalogue.methodFor('get', 'map')!.impl(new Map([['a', 2]]), ['a'], { nowMs: 0, variables: {} }), 2);
    assert.equal(callMethod('get', { a: 1 }, 'b'), null);
    assert.equal(callMethod('get', { a: 1 }, 'toString'), null, 'no prototype keys');
    assert.equal(callMethod('get', null, 'a'), null);
    assertFunctionError(() => callMethod('get', 'text', 'a'), /cannot read a key of string/);
    assert.deepEqual(plain(callMethod('get', { a: new Map([['x', 1]]) }, 'a')), { x: 1 });
  });
});
