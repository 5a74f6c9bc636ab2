/** Things that must agree across files, tied by tests (one source of truth, or a check). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createCatalogue } from '../../server/expr/catalogue';
import { PROBLEM_CODES } from '../../server/util/problemCodes';
import { LANGUAGE_ID } from '../../shared/protocol';
import { ROOT } from '../helpers/workspace';

const json = (p: string) => JSON.parse(readFileSync(path.join(ROOT, p), 'utf8'));

test('the grammar highlights exactly the catalogue function names as known functions', () => {
  const grammar = json('syntaxes/dataprep.tmLanguage.json');
  const rule = grammar.repository['known-functions'];
  const source: string = rule.match ?? rule.begin;
  const inner = /\(\?:([^)]*)\)/.exec(source)![1];
  const inGrammar = new Set(inner.split('|'));
  const inCatalogue = new Set(createCatalogue().names());
  assert.deepEqual([...inCatalogue].filter((n) => !inGrammar.has(n)).sort(), [], 'catalogue functions the grammar does not know');
  assert.deepEqual([...inGrammar].filter((n) => !inCatalogue.has(n)).sort(), [], 'grammar functions the catalogue does not have');
});

test('the manifest language id is the one client and server use', () => {
  const pkg = json('package.json');
  assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === LANGUAGE_ID));
  assert.ok(pkg.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
});

test('every broken fixture expects only codes that exist', () => {
  for (const name of ['broken-mappings', 'broken-structure', 'broken-references']) {
    const text = readFileSync(path.join(ROOT, 'test', 'fixtures', 'broken', `${name}.dataflow.yaml`), 'utf8');
    const codes = /^# expect: (.*)$/m.exec(text)![1].split(',').map((s) => s.trim());
    for (const c of codes) assert.ok(c in PROBLEM_CODES, `${name}: unknown code ${c}`);
  }
});
