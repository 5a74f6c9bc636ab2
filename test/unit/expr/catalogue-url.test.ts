import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, plain } from './catalogue-helpers';
import { zonedFromEpoch } from '../../../server/expr/catalogue/dates';

const SFTP = 'sftp://example.com//home/joe/employee.csv';
const FOO = 'foo://example.com:8042/over/there?name=ferret#nose';
const INVALID = 'http://exa mple.com/a b';

describe('URL functions (invalid URL → null)', () => {
  it('get_url_protocol', () => {
    assert.equal(call('get_url_protocol', 'https://platform.adobe.com/home'), 'https');
    assert.equal(call('get_url_protocol', '/relative/path'), null);
    assert.equal(call('get_url_protocol', null), null);
    assert.equal(call('get_url_protocol', INVALID), null);
    assert.equal(call('get_url_protocol', '1http://x'), null);
  });

  it('get_url_host', () => {
    assert.equal(call('get_url_host', 'https://platform.adobe.com/home'), 'platform.adobe.com');
    assert.equal(call('get_url_host', 'http://user:pw@[::1]:8080/x'), '[::1]');
    assert.equal(call('get_url_host', 'mailto:joe@example.com'), null);
    assert.equal(call('get_url_host', null), null);
    assert.equal(call('get_url_host', INVALID), null);
  });

  it('get_url_port gives the explicit or the default port', () => {
    assert.equal(call('get_url_port', SFTP), 22);
    assert.equal(call('get_url_port', FOO), 8042);
    assert.equal(call('get_url_port', 'https://a.com/'), 443);
    assert.equal(call('get_url_port', 'foo://a.com/'), null);
    assert.equal(call('get_url_port', null), null);
    assert.equal(call('get_url_port', 'http://a.com:80x/'), null);
  });

  it('get_url_path', () => {
    assert.equal(call('get_url_path', SFTP), '//home/joe/employee.csv');
    assert.equal(call('get_url_path', SFTP, false), 'employee.csv');
    assert.equal(call('get_url_path', 'http://a.com/x%20y?q=1'), '/x y');
    assert.equal(call('get_url_path', 'http://a.com'), '');
    assert.equal(call('get_url_path', null), null);
    assert.equal(call('get_url_path', INVALID), null);
    assert.equal(call('get_url_path', 'http://a.com/%zz'), null);
    assertFunctionError(() => call('get_url_path', SFTP, 'sometimes'), /FULL_PATH must be a boolean/);
  });

  it('get_url_query_str handles the anchor three ways', () => {
    assert.deepEqual(plain(call('get_url_query_str', FOO, 'retain')), { name: 'ferret#nose' });
    assert.deepEqual(plain(call('get_url_query_str', FOO, 'keep')), { name: 'ferret#nose' });
    assert.deepEqual(plain(call('get_url_query_str', FOO, 'remove')), { name: 'ferret' });
    assert.deepEqual(plain(call('get_url_query_str', FOO, 'append')), { name: 'ferret', _anchor_: 'nose' });
    assert.ok(call('get_url_query_str', FOO, 'remove') instanceof Map);
    assert.deepEqual(plain(call('get_url_query_str', 'http://a.com/?a=1&b=x%20y&a=2&flag', 'remove')), { a: '1', b: 'x y', flag: '' });
    assert.deepEqual(plain(call('get_url_query_str', 'http://a.com/', 'remove')), {});
    assert.equal(call('get_url_query_str', null, 'remove'), null);
    assert.equal(call('get_url_query_str', INVALID, 'remove'), null);
    assertFunctionError(() => call('get_url_query_str', FOO, 'drop'), /ANCHOR must be one of/);
  });

  it('get_url_encoded encodes everything but letters, digits, - _ .', () => {
    assert.equal(call('get_url_encoded', 'https://example.com/partneralliance_asia-pacific_2022'), 'https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022');
    assert.equal(call('get_url_encoded', 'a b!"#$%&\'()*+,;<=>?@[\\]^`~é'), 'a%20b%21%22%23%24%25%26%27%28%29%2A%2B%2C%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7E%C3%A9');
    assert.equal(call('get_url_encoded', null), null);
    assertFunctionError(() => call('get_url_encoded', ['x']), /URL must be a string/);
  });

  it('get_url_decoded decodes percent escapes; malformed input → null', () => {
    assert.equal(call('get_url_decoded', 'https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022'), 'https://example.com/partneralliance_asia-pacific_2022');
    assert.equal(call('get_url_decoded', 'a%20b+c%C3%A9'), 'a b+cé');
    assert.equal(call('get_url_decoded', null), null);
    assert.equal(call('get_url_decoded', '100%'), null);
    assert.equal(call('get_url_decoded', call('get_url_encoded', 'x/y?z=ä ö')), 'x/y?z=ä ö');
  });

  it('non-string input: scalars are read as their text, structures are an error', () => {
    const date = zonedFromEpoch(Date.UTC(2019, 9, 23, 11, 24));
    for (const name of ['get_url_protocol', 'get_url_host', 'get_url_port']) {
      // "42", "true" and an ISO date are not absolute URLs (a scheme cannot start with a digit)
      assert.equal(call(name, 42), null, name);
      assert.equal(call(name, true), null, name);
      assert.equal(call(name, date), null, name);
      assertFunctionError(() => call(name, ['http://a.com']), /URL must be a string, got array/);
      assertFunctionError(() => call(name, { url: 'http://a.com' }), /URL must be a string, got object/);
      assertFunctionError(() => call(name, new Map([['u', 'http://a.com']])), /URL must be a string, got map/);
    }
    assert.equal(call('get_url_decoded', 42), '42');
    assert.equal(call('get_url_decoded', -1.5), '-1.5');
    assert.equal(call('get_url_decoded', false), 'false');
    assert.equal(call('get_url_decoded', date), '2019-10-23T11:24:00Z');
    assertFunctionError(() => call('get_url_decoded', ['a%20b']), /URL must be a string, got array/);
    assertFunctionError(() => call('get_url_decoded', new Map()), /URL must be a string, got map/);
  });
});
