import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, catalogue } from './catalogue-helpers';

const NAMES = ['aa_get_event_id', 'aa_get_event_value', 'aa_get_product_categories', 'aa_get_product_names', 'aa_get_product_quantity', 'aa_get_product_prices', 'aa_get_product_event_values', 'aa_get_product_evars'];

describe('Adobe Analytics functions', () => {
  for (const name of NAMES) {
    it(`${name} is listed but unsupported in source dataflows`, () => {
      const spec = catalogue.get(name)!;
      assert.equal(spec.unsupported, 'Only for Adobe Analytics / Web SDK flows');
      assert.equal(spec.category, 'analytics');
      assert.ok(spec.examples && spec.examples.length > 0, 'keeps the documented example for hover');
      assertFunctionError(() => call(name, 'event101=5:123456,scOpen', 'event101'), /only available in Adobe Analytics/);
      assertFunctionError(() => call(name, null, null), /only available in Adobe Analytics/);
    });
  }

  it('aa_get_product_price is an alias of aa_get_product_prices', () => {
    assert.equal(catalogue.get('aa_get_product_price'), catalogue.get('aa_get_product_prices'));
  });
});
