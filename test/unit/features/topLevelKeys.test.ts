/** Top-level keys by a linear line scan: what the outline of crmflow.yaml and of files too large to analyse are made of. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topLevelKeys } from '../../../server/features/topLevelKeys';

function sections(text: string, limit?: number): Array<[string, string]> {
  return topLevelKeys(text, limit).map((k) => [k.name, text.slice(k.span.start, k.end)]);
}

test('keys at column 0 with their sections; comments, items and markers are no keys and end a section', () => {
  const text = '# head\na: 1\nb:\n  x: 1\n# c\n- item\n  y\nc: |\n  z\n\n# tail\n"q k" : 2\r\nd:e\n%YAML 1.2\n---\n\'s\': [1,\n  2]\n';
  assert.deepEqual(sections(text), [
    ['a', 'a: 1'],
    ['b', 'b:\n  x: 1'],
    ['c', 'c: |\n  z'],
    ['q k', '"q k" : 2'],
    ['s', "'s': [1,\n  2]"],
  ]);
  assert.deepEqual(sections(text, 2).map(([k]) => k), ['a', 'b']);
  assert.deepEqual(sections(''), []);
  assert.deepEqual(sections('key:'), [['key', 'key:']]);
});

test('linear on hostile text: long lines, long runs of spaces, no line breaks', () => {
  const n = 2_000_000;
  for (const text of [`a${' '.repeat(n)}b`, `k:${' '.repeat(n)}v\n${'x'.repeat(n)}`, `"${'q'.repeat(n)}`, `${'a:'.repeat(n / 2)}`, '\n'.repeat(n)]) {
    const started = performance.now();
    topLevelKeys(text);
    assert.ok(performance.now() - started < 1000, `${(performance.now() - started).toFixed(0)} ms`);
  }
});
