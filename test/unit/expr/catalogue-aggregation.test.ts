import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoString } from '../../../server/expr/catalogue/conversions';
import { parseDateImplicit } from '../../../server/expr/catalogue/conversions';
import type { ZonedDateTimeLike } from '../../../server/expr/catalogue';
import { assertFunctionError, call } from './catalogue-helpers';

describe('aggregation functions', () => {
  it('min and max use natural ordering', () => {
    assert.equal(call('min', 3, 1, 4), 1);
    assert.equal(call('max', 3, 1, 4), 4);
    assert.equal(call('min', 'pear', 'apple', 'Zebra'), 'Zebra', 'code-unit order, upper case first');
    assert.equal(call('max', [2, 9, 5]), 9, 'one array argument');
    assert.equal(call('max', false, true), true);
    const dates = ['2020-05-01', '2019-01-01', '2021-12-31'].map((d) => parseDateImplicit(d)!);
    assert.equal(toIsoString(call('min', ...dates) as ZonedDateTimeLike), '2019-01-01T00:00:00Z');
    assert.equal(toIsoString(call('max', ...dates) as ZonedDateTimeLike), '2021-12-31T00:00:00Z');
  });

  it('ignore nulls; all null gives null', () => {
    assert.equal(call('min', null, 5, null, 2), 2);
    assert.equal(call('max', null, null), null);
    assert.equal(call('min', []), null);
  });

  it('reject values that cannot be compared', () => {
    assertFunctionError(() => call('min', 1, 'a'), /^cannot compare string "a" with number 1/);
    assertFunctionError(() => call('max', [1], [2]), /cannot compare array/);
  });
});
