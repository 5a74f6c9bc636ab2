import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFunctionError, call, callMethod, catalogue, ctx } from './catalogue-helpers';
import { compileText } from '../../../server/expr';
import { MAX_PADDED_LENGTH } from '../../../server/expr/catalogue/strings';
import { zonedFromEpoch } from '../../../server/expr/catalogue/dates';

describe('string functions', () => {
  it('concat joins values and skips nulls', () => {
    assert.equal(call('concat', 'Hi, ', 'there', '!'), 'Hi, there!');
    assert.equal(call('concat', 'a', null, 'b'), 'ab');
    assert.equal(call('concat', null, null), '');
    assert.equal(call('concat', 'n=', 12, ' ', true), 'n=12 true');
    assert.equal(call('concat', 'at ', zonedFromEpoch(0)), 'at 1970-01-01T00:00:00Z');
  });

  it('explode splits on a Java regex and keeps empty parts', () => {
    assert.deepEqual(call('explode', 'Hi, there!', ' '), ['Hi,', 'there!']);
    assert.deepEqual(call('explode', 'a,b,,c,'), ['a', 'b', '', 'c', '']);
    assert.deepEqual(call('explode', 'id1|id2', '\\|'), ['id1', 'id2']);
    assert.deepEqual(call('explode', 'a1b22c', '\\d+'), ['a', 'b', 'c']);
    assert.deepEqual(call('explode', 'a(b)c', '[()]'), ['a', 'b', 'c']);
    assert.deepEqual(call('explode', 'no-separator', ';'), ['no-separator']);
    assert.equal(call('explode', null, ','), null);
    assertFunctionError(() => call('explode', 'a|b', '('), /invalid regular expression/);
    assertFunctionError(() => call('explode', ['a'], ','), /STRING must be a string/);
  });

  it('instr finds the 0-based index of the n-th occurrence', () => {
    assert.equal(call('instr', 'adobe.com', 'com'), 6);
    assert.equal(call('instr', 'abcabcabc', 'bc', 0, 2), 4);
    assert.equal(call('instr', 'abcabcabc', 'bc', 2), 4);
    assert.equal(call('instr', 'abcabcabc', 'bc', 2, 2), 7);
    assert.equal(call('instr', 'abc', 'x'), -1);
    assert.equal(call('instr', null, 'x'), null);
    assert.equal(call('instr', 'abc', null), null);
    assertFunctionError(() => call('instr', 'abc', 'b', 'one'), /START_POSITION must be a number/);
    assertFunctionError(() => call('instr', 'abc', 'b', 0, 0), /OCCURRENCE must be 1 or more/);
  });

  it('replacestr replaces every literal occurrence', () => {
    assert.equal(call('replacestr', 'This is a string re test', 're', 'replace'), 'This is a string replace test');
    assert.equal(call('replacestr', 'a.b.c', '.', '-'), 'a-b-c');
    assert.equal(call('replacestr', 'aXbX', 'X', null), 'ab');
    assert.equal(call('replacestr', 'abc', null, 'z'), 'abc');
    assert.equal(call('replacestr', null, 'a', 'b'), null);
    assertFunctionError(() => call('replacestr', { a: 1 }, 'a', 'b'), /INPUT must be a string/);
  });

  it('substr takes LENGTH characters from a 0-based START_INDEX', () => {
    assert.equal(call('substr', 'This is a substring test', 7, 8), ' a subst');
    assert.equal(call('substr', 'abc', 1, 10), 'bc');
    assert.equal(call('substr', 'abc', 5, 1), '');
    assert.equal(call('substr', 'abcdef', -2, 2), 'ef');
    assert.equal(call('substr', 'abc', '1', '1'), 'b');
    assert.equal(call('substr', null, 1, 1), null);
    assert.equal(call('substr', 'abc', null, 1), null);
    assertFunctionError(() => call('substr', 'abc', 1.5, 1), /START_INDEX must be a whole number/);
  });

  it('lower/lcase and upper/ucase', () => {
    assert.equal(call('lower', 'HeLLo'), 'hello');
    assert.equal(call('lcase', 'HeLLo'), 'hello');
    assert.equal(call('upper', 'HeLLo'), 'HELLO');
    assert.equal(call('ucase', 'HeLLo'), 'HELLO');
    assert.equal(call('lower', null), null);
    assert.equal(call('upper', null), null);
    assertFunctionError(() => call('lower', ['A']), /^INPUT must be a string/);
    assertFunctionError(() => call('upper', new Map()), /^INPUT must be a string, got map/);
  });

  it('split splits on any separator character and drops empty parts', () => {
    assert.deepEqual(call('split', 'Hello world', ' '), ['Hello', 'world']);
    assert.deepEqual(call('split', 'a,,b;c', ',;'), ['a', 'b', 'c']);
    assert.deepEqual(call('split', 'a\\b', '\\'), ['a', 'b']);
    assert.deepEqual(call('split', ' a  b ', null), ['a', 'b']);
    assert.equal(call('split', null, ','), null);
    assertFunctionError(() => call('split', 'a', [',']), /SEPARATOR must be a string/);
  });

  it('join joins array elements', () => {
    assert.equal(call('join', ' ', ['Hello', 'world']), 'Hello world');
    assert.equal(call('join', ',', ['a', null, 1]), 'a,,1');
    assert.equal(call('join', null, ['a', 'b']), 'ab');
    assert.equal(call('join', ',', null), null);
    assertFunctionError(() => call('join', { x: 1 }, ['a']), /SEPARATOR must be a string/);
  });

  it('lpad and rpad pad to a length without truncating', () => {
    assert.equal(call('lpad', 'bat', 8, 'yz'), 'yzyzybat');
    assert.equal(call('rpad', 'bat', 8, 'yz'), 'batyzyzy');
    assert.equal(call('lpad', 'bat', 5, null), '  bat');
    assert.equal(call('rpad', 'bat', 5, ''), 'bat  ');
    assert.equal(call('lpad', 'battery', 3, 'x'), 'battery');
    assert.equal(call('lpad', null, 5, 'x'), null);
    assert.equal(call('rpad', null, 5, 'x'), null);
    assertFunctionError(() => call('lpad', 'a', 'many', 'x'), /COUNT must be a number/);
    assertFunctionError(() => call('rpad', 'a', 2.5, 'x'), /COUNT must be a whole number/);
  });

  it('lpad and rpad refuse a COUNT past MAX_PADDED_LENGTH instead of exhausting memory', () => {
    for (const name of ['lpad', 'rpad']) {
      assertFunctionError(() => call(name, 'a', 3e9, 'x'), /COUNT 3000000000 is more than the 1000000 characters/);
      assertFunctionError(() => call(name, 'a', '3000000000', 'x'), /more than the 1000000 characters/);
      assertFunctionError(() => call(name, 'a', MAX_PADDED_LENGTH + 1, 'x'), /COUNT/);
      assert.equal((call(name, 'a', MAX_PADDED_LENGTH, 'xy') as string).length, MAX_PADDED_LENGTH);
    }
    // nothing to pad: a long input is returned as is, whatever COUNT says
    const long = 'z'.repeat(MAX_PADDED_LENGTH + 5);
    assert.equal(call('lpad', long, MAX_PADDED_LENGTH + 2, 'x'), long);
  });

  it('a huge pad COUNT in an expression nulls the attribute with a warning', () => {
    const { compiled } = compileText('lpad("a", 3e9, "x")', catalogue);
    assert.ok(compiled);
    const r = compiled.evaluate({}, ctx);
    assert.equal(r.value, null);
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0]!.function, 'lpad');
    assert.doesNotMatch(r.warnings[0]!.message, /unexpected failure/);
  });

  it('left and right take characters from either end', () => {
    assert.equal(call('left', 'abcde', 2), 'ab');
    assert.equal(call('right', 'abcde', 2), 'de');
    assert.equal(call('left', 'ab', 5), 'ab');
    assert.equal(call('right', 'ab', 0), '');
    assert.equal(call('left', null, 2), null);
    assert.equal(call('right', null, 2), null);
    assertFunctionError(() => call('left', 'abc', true), /COUNT must be a number/);
    assertFunctionError(() => call('right', 'abc', 'x'), /COUNT must be a number/);
  });

  it('ltrim, rtrim and trim strip whitespace like Java', () => {
    assert.equal(call('ltrim', ' hello'), 'hello');
    assert.equal(call('rtrim', 'hello '), 'hello');
    assert.equal(call('trim', ' hello '), 'hello');
    assert.equal(call('trim', '\t\n hi \r\n'), 'hi');
    assert.equal(call('ltrim', '  a  '), 'a  ');
    assert.equal(call('ltrim', null), null);
    assert.equal(call('rtrim', null), null);
    assert.equal(call('trim', null), null);
    assertFunctionError(() => call('trim', [' a ']), /STRING must be a string/);
    assertFunctionError(() => call('ltrim', {}), /STRING must be a string/);
    assertFunctionError(() => call('rtrim', new Map()), /STRING must be a string/);
  });
});

describe('string methods', () => {
  it('equals is case-sensitive, equalsIgnoreCase is not; null is never equal', () => {
    assert.equal(callMethod('equals', 'string1', 'STRING1'), false);
    assert.equal(callMethod('equals', 'a', 'a'), true);
    assert.equal(callMethod('equalsIgnoreCase', 'string1', 'STRING1'), true);
    assert.equal(callMethod('equalsIgnoreCase', 'a', 'b'), false);
    assert.equal(callMethod('equals', null, 'a'), false);
    assert.equal(callMethod('equalsIgnoreCase', 'a', null), false);
  });
});
