import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call } from './catalogue-helpers';

describe('array functions', () => {
  it('coalesce returns the first non-null value', () => {
    assert.equal(call('coalesce', null, null, null, 'first', null, 'second'), 'first');
    assert.equal(call('coalesce', null, 0), 0);
    assert.equal(call('coalesce', null, null), null);
    assert.deepEqual(call('coalesce', null, [1]), [1]);
  });

  it('first and last take values or one array', () => {
    assert.equal(call('first', '1', '2', '3'), '1');
    assert.equal(call('last', '1', '2', '3'), '3');
    assert.equal(call('first', ['a', 'b']), 'a');
    assert.equal(call('last', ['a', 'b']), 'b');
    assert.equal(call('first', null, 'x'), null);
    assert.equal(call('last', []), null);
    assert.equal(call('first', null), null);
  });

  it('add_to_array appends values', () => {
    assert.deepEqual(call('add_to_array', ['a', 'b'], 'c', 'd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(call('add_to_array', ['a'], ['b']), ['a', ['b']]);
    assert.deepEqual(call('add_to_array', null, 'x'), ['x']);
    const input = ['a'];
    call('add_to_array', input, 'b');
    assert.deepEqual(input, ['a'], 'input not mutated');
    assertFunctionError(() => call('add_to_array', 'a', 'b'), /ARRAY must be an array/);
  });

  it('join_arrays concatenates', () => {
    assert.deepEqual(call('join_arrays', ['a', 'b'], ['c'], ['d', 'e']), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(call('join_arrays', null, ['c'], null, 'd'), ['c', 'd']);
    assertFunctionError(() => call('join_arrays', { a: 1 }, ['c']), /ARRAY must be an array/);
  });

  it('to_array keeps or drops nulls', () => {
    assert.deepEqual(call('to_array', false, 1, null, 2, 3), [1, 2, 3]);
    assert.deepEqual(call('to_array', true, 1, null, 2), [1, null, 2]);
    assert.deepEqual(call('to_array', 'yes', null), [null]);
    assert.deepEqual(call('to_array', null, null, 1), [1]);
    assertFunctionError(() => call('to_array', 'maybe', 1), /INCLUDE_NULLS must be a boolean/);
  });

  it('size_of counts elements, keys or characters', () => {
    assert.equal(call('size_of', [1, 2, 3, 4]), 4);
    assert.equal(call('size_of', { a: 1, b: 2 }), 2);
    assert.equal(call('size_of', new Map([['a', 1]])), 1);
    assert.equal(call('size_of', 'abc'), 3);
    assert.equal(call('size_of', null), 0);
    assertFunctionError(() => call('size_of', 42), /INPUT must be an array, object, map or string, got number/);
  });

  it('upsert_array_append / upsert_array_replace return the input on insert', () => {
    assert.deepEqual(call('upsert_array_append', [123, 456]), [123, 456]);
    assert.deepEqual(call('upsert_array_replace', [123, 456], 1), [123, 456]);
    assert.equal(call('upsert_array_append', null), null);
    assert.equal(call('upsert_array_replace', null), null);
    assertFunctionError(() => call('upsert_array_append', 'x'), /ARRAY must be an array/);
    assertFunctionError(() => call('upsert_array_replace', 1), /ARRAY must be an array/);
  });

  for (const name of ['array_to_string', 'filterArray', 'transformArray', 'flattenArray']) {
    it(`${name} is destinations-only and raises`, () => {
      assertFunctionError(() => call(name, ',', ['a']), /only for destinations/);
      assertFunctionError(() => call(name, null), /only for destinations/);
    });
  }
});
