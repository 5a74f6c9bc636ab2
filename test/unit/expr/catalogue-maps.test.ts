import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '../../../server/expr/catalogue';
import { assertFunctionError, call, plain } from './catalogue-helpers';

const book = { author: 'George R. R. Martin', price: 17.99, ISBN: 'ISBN-978-0553801477' };
const book2 = { author: 'Neil Gaiman', price: 17.99, ISBN: 'ISBN-0-380-97365-0', publisher: 'William Morrow' };
const addresses: Value[] = [
  { line1: '345 park ave', type: 'home' },
  { line1: '1 main st', type: 'work' },
  { line1: 'no type' },
  { line1: 'second home', type: 'home' },
];

describe('map functions', () => {
  it('map_get_values reads one key or several', () => {
    assert.equal(call('map_get_values', book, 'author'), 'George R. R. Martin');
    assert.equal(call('map_get_values', new Map(Object.entries(book)), 'price'), 17.99);
    assert.deepEqual(call('map_get_values', { a: 1, b: 1, c: 2 }, ['a', 'b', 'c', 'z']), [1, 2], 'distinct values of present keys');
    assert.equal(call('map_get_values', book, 'missing'), null);
    assert.equal(call('map_get_values', null, 'author'), null);
    assertFunctionError(() => call('map_get_values', 'not a map', 'a'), /MAP must be an object or a map/);
  });

  it('map_has_keys checks one key or any of several', () => {
    assert.equal(call('map_has_keys', book, 'author'), true);
    assert.equal(call('map_has_keys', book, ['nope', 'ISBN']), true);
    assert.equal(call('map_has_keys', book, ['nope']), false);
    assert.equal(call('map_has_keys', { '1': 'x' }, 1), true, 'non-string keys are used as text');
    assert.equal(call('map_has_keys', null, 'a'), false);
    assertFunctionError(() => call('map_has_keys', [1], 'a'), /MAP must be an object or a map/);
  });

  it('add_to_map merges, first occurrence wins', () => {
    const merged = call('add_to_map', book, book2);
    assert.ok(merged instanceof Map);
    assert.deepEqual(plain(merged), { ...book, publisher: 'William Morrow' });
    assert.deepEqual(plain(call('add_to_map', null, { a: 1 })), { a: 1 });
    assert.equal(call('add_to_map', null, null), null);
    assertFunctionError(() => call('add_to_map', book, 'x'), /MAP must be an object or a map/);
  });

  it('object_to_map in its three forms', () => {
    assert.deepEqual(plain(call('object_to_map', 'firstName', 'John', 'lastName', 'Doe')), { firstName: 'John', lastName: 'Doe' });
    assert.deepEqual(plain(call('object_to_map', { line1: '345 park ave', City: 'san jose' })), { line1: '345 park ave', City: 'san jose' });
    assert.deepEqual(plain(call('object_to_map', addresses, 'type')), { home: addresses[0], work: addresses[1] });
    assert.equal(call('object_to_map', null), null);
    assert.equal(call('object_to_map', null, 'type'), null);
    assertFunctionError(() => call('object_to_map', 'lonely'), /a single argument must be an object/);
    assertFunctionError(() => call('object_to_map', 'a', 1, 'b'), /KEY, VALUE pairs/);
    assertFunctionError(() => call('object_to_map', [1, 2], 'type'), /elements must be objects/);
  });

  it('array_to_map keys objects by an attribute', () => {
    assert.deepEqual(plain(call('array_to_map', addresses, 'type')), { home: addresses[0], work: addresses[1] });
    assert.equal(call('array_to_map', null, 'type'), null);
    assertFunctionError(() => call('array_to_map', { a: 1 }, 'type'), /INPUTS must be an array/);
  });

  it('to_map builds a map from pairs', () => {
    const m = call('to_map', 'firstName', 'John', 'lastName', 'Doe', 'n', 1);
    assert.ok(m instanceof Map);
    assert.deepEqual(plain(m), { firstName: 'John', lastName: 'Doe', n: 1 });
    assert.deepEqual(plain(call('to_map', 1, null)), { '1': null });
    assertFunctionError(() => call('to_map', null, 'x'), /a map key is null/);
    assertFunctionError(() => call('to_map', ['k'], 'x'), /a map key must be a string/);
  });
});
