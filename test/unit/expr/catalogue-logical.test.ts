import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, callMethod } from './catalogue-helpers';
import { parseDateImplicit } from '../../../server/expr/catalogue/conversions';

describe('logical functions', () => {
  const states = (code: string | null) => call('decode', code, 'ca', 'California', 'pa', 'Pennsylvania', 'N/A');

  it('decode maps a key through pairs with an optional default', () => {
    assert.equal(states('ca'), 'California');
    assert.equal(states('pa'), 'Pennsylvania');
    assert.equal(states('ny'), 'N/A');
    assert.equal(states('CA'), 'N/A', 'case-sensitive');
    assert.equal(call('decode', 'x', 'a', 1), null, 'no default → null');
    assert.equal(call('decode', 2, 1, 'one', 2, 'two'), 'two');
    assert.equal(call('decode', '2', 2, 'two', 'other'), 'other', 'no type coercion');
    assert.equal(call('decode', parseDateImplicit('2020-01-01')!, parseDateImplicit('2020-01-01T00:00:00Z')!, 'same instant'), 'same instant');
  });

  it('decode with a null key matches a null search value, else the default', () => {
    assert.equal(states(null), 'N/A');
    assert.equal(call('decode', null, null, 'was null', 'other'), 'was null');
  });

  it('iif picks a branch; null condition is false; non-boolean is an error', () => {
    assert.equal(call('iif', callMethod('equalsIgnoreCase', 's', 'S'), 'True', 'False'), 'True');
    assert.equal(call('iif', false, 'T', 'F'), 'F');
    assert.equal(call('iif', null, 'T', 'F'), 'F');
    assert.equal(call('iif', 'yes', 'T', 'F'), 'T', 'AEP boolean strings');
    assert.equal(call('iif', true, null, 'F'), null);
    assertFunctionError(() => call('iif', 1, 'T', 'F'), /EXPRESSION must be a boolean, got number/);
    assertFunctionError(() => call('iif', 'perhaps', 'T', 'F'), /EXPRESSION must be a boolean/);
  });
});
