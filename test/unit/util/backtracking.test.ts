import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayBacktrackBadly } from '../../../server/util/backtracking';

test('nested quantifiers and quantified alternations are refused', () => {
  for (const p of ['^(a+)+$', '(a*)*', '(a|aa)*', '^(\\w+\\s?)*$', '((ab)+c)+', '(x+){2,}', '(?:a|b)+', '([a-z]+\\.)+com']) {
    assert.equal(mayBacktrackBadly(p), true, p);
  }
});

test('ordinary XDM patterns are accepted', () => {
  for (const p of ['^[A-Z]{3}$', '^\\d{4}-\\d{2}-\\d{2}$', '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', '^(ab)?c+$', '(a+)', '^\\(+\\)+$', '[(+)]+', '^(abc){1}x*$', '(a|b)c*']) {
    assert.equal(mayBacktrackBadly(p), false, p);
  }
});

test('a refused pattern really is slow, so the guard is not decorative', () => {
  const re = /^(a+)+$/;
  const t0 = performance.now();
  re.test(`${'a'.repeat(24)}!`);
  assert.ok(performance.now() - t0 > 5, 'the exponential case takes measurable time even at 24 characters');
  assert.equal(mayBacktrackBadly(re.source), true);
});
