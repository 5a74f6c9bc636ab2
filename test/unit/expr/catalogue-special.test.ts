import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, catalogue } from './catalogue-helpers';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('special functions', () => {
  it('uuid / guid generate fresh random UUIDs and are impure', () => {
    const a = call('uuid');
    const b = call('guid');
    assert.match(String(a), UUID_V4);
    assert.match(String(b), UUID_V4);
    assert.notEqual(a, b);
    assert.equal(catalogue.get('guid')!.pure, false);
    assert.match(String(call('uuid', null)), UUID_V4, 'arguments are ignored');
  });

  it('fpid_to_ecid derives a stable 38-digit ECID', () => {
    const ecid = call('fpid_to_ecid', '4ed70bee-b654-420a-a3fd-b58b6b65e991');
    assert.equal(ecid, '73496863882001560886561324976578208773');
    assert.match(String(ecid), /^\d{38}$/);
    assert.equal(call('fpid_to_ecid', '4ED70BEE-B654-420A-A3FD-B58B6B65E991'), ecid, 'UUID case does not matter');
    assert.notEqual(call('fpid_to_ecid', 'another-fpid'), ecid);
    for (const fpid of ['x', 'y', 'z', 'a much longer first party id']) {
      const e = String(call('fpid_to_ecid', fpid));
      assert.match(e, /^\d{38}$/);
      assert.ok(BigInt(e.slice(0, 19)) < 2n ** 63n && BigInt(e.slice(19)) < 2n ** 63n, 'two 63-bit halves');
    }
  });

  it('fpid_to_ecid: null → null, empty → error', () => {
    assert.equal(call('fpid_to_ecid', null), null);
    assertFunctionError(() => call('fpid_to_ecid', '  '), /FPID is empty/);
    assertFunctionError(() => call('fpid_to_ecid', ['x']), /STRING must be a string/);
  });
});
