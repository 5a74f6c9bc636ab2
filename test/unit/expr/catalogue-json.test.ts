import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, callMethod } from './catalogue-helpers';

describe('JSON functions', () => {
  it('json_to_object deserializes JSON text', () => {
    assert.deepEqual(call('json_to_object', '{"info":{"firstName":"John","lastName":"Doe"}}'), { info: { firstName: 'John', lastName: 'Doe' } });
    assert.deepEqual(call('json_to_object', '[1, {"a": null}]'), [1, { a: null }]);
    assert.equal(callMethod('get', call('json_to_object', '{"k": "v"}'), 'k'), 'v');
    const already = { a: 1 };
    assert.equal(call('json_to_object', already), already);
    const polluted = call('json_to_object', '{"__proto__": {"x": 1}}') as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>)['x'], undefined, 'no prototype pollution');
    assert.deepEqual(Object.keys(polluted), ['__proto__']);
  });

  it('json_to_object of null is null', () => {
    assert.equal(call('json_to_object', null), null);
  });

  it('json_to_object rejects invalid JSON', () => {
    assertFunctionError(() => call('json_to_object', '{info: 1}'), /invalid JSON/);
    assertFunctionError(() => call('json_to_object', 12), /STRING must be JSON text, got number/);
  });
});
