import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidRegex } from '../../../server/expr/catalogue';
import { javaSplit, translateJavaRegex } from '../../../server/expr/catalogue/javaRegex';
import { assertFunctionError, call } from './catalogue-helpers';

describe('regex functions', () => {
  it('extract_regex returns the full match then the groups', () => {
    assert.deepEqual(call('extract_regex', 'E259,E259B_009,1_1', '([^,]+),[^,]*,([^,]+)'), ['E259,E259B_009,1_1', 'E259', '1_1']);
    assert.deepEqual(call('extract_regex', 'order 42 of 7', '(\\d+)(x)?'), ['42', '42', null]);
    assert.deepEqual(call('extract_regex', 'abc', '\\d'), []);
    assert.equal(call('extract_regex', null, '.'), null);
    assert.equal(call('extract_regex', 'a', null), null);
    assertFunctionError(() => call('extract_regex', 'abc', '[a-'), /invalid regular expression "\[a-"/);
  });

  it('matches_regex requires the whole string to match', () => {
    assert.equal(call('matches_regex', 'E259,E259B_009,1_1', '([^,]+),[^,]*,([^,]+)'), true);
    assert.equal(call('matches_regex', 'abc123', '\\d+'), false);
    assert.equal(call('matches_regex', '123', '\\d+'), true);
    assert.equal(call('matches_regex', 'A|B', 'a|b|A\\|B'), true);
    assert.equal(call('matches_regex', 'ABC', '(?i)abc'), true);
    assert.equal(call('matches_regex', null, '.'), null);
    assertFunctionError(() => call('matches_regex', 'abc', '(unclosed'), /^invalid regular expression/);
  });
});

describe('Java regex translation', () => {
  const matches = (re: string, s: string): boolean => {
    const t = translateJavaRegex(re);
    assert.ok(t.ok, `${re}: ${t.ok ? '' : t.error}`);
    return new RegExp(`^(?:${t.source})$`, t.flags).test(s);
  };

  it('rewrites Java-only syntax', () => {
    assert.ok(matches('\\p{Alpha}+\\p{Digit}', 'abc1'));
    assert.ok(matches('[\\p{Upper}_]+', 'AB_C'));
    assert.ok(!matches('\\P{Digit}', '5'));
    assert.ok(matches('\\Qa.b*\\E', 'a.b*'));
    assert.ok(!matches('\\Qa.b\\E', 'axb'));
    assert.ok(matches('\\Aabc\\z', 'abc'));
    assert.ok(matches('a++b', 'aab'));
    assert.ok(matches('(?>ab)c', 'abc'));
    assert.ok(matches('(?is)a.b', 'A\nB'));
    assert.ok(matches('\\p{L}+', 'Zoë'));
    assert.ok(matches('a\\,b', 'a,b'));
    assert.ok(matches('[]a]+', ']a'));
    assert.ok(matches('a{2}+b', 'aab'));
    assert.ok(matches('a+?b', 'aab'));
    assert.ok(matches('(?:ab)?+c', 'abc'));
    assert.ok(matches('x\\\\+', 'x\\\\'));
  });

  it('reports what JS cannot express', () => {
    assert.match(isValidRegex('[a-z&&[^aeiou]]')!, /nested character classes|intersection/);
    assert.match(isValidRegex('a(?i)b')!, /only at the start/);
    assert.match(isValidRegex('\\p{Nope}')!, /unknown character property/);
    assert.match(isValidRegex('abc\\')!, /lone backslash/);
    assert.match(isValidRegex('[abc')!, /unclosed/);
    assert.equal(isValidRegex('([^,]+),[^,]*'), undefined);
  });

  it('splits like Java String.split', () => {
    assert.deepEqual(javaSplit('a,b,,', ',', '', false), ['a', 'b']);
    assert.deepEqual(javaSplit('a,b,,', ',', '', true), ['a', 'b', '', '']);
    assert.deepEqual(javaSplit('abc', '', '', false), ['a', 'b', 'c']);
    assert.deepEqual(javaSplit(',a', ',', '', true), ['', 'a']);
    assert.deepEqual(javaSplit('a-b', '(-)', '', true), ['a', 'b']);
    assert.deepEqual(javaSplit('', ',', '', true), ['']);
  });
});
