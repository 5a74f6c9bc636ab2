/** Field paths inside expressions resolve through relationships exactly as `source:` paths do. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covered, HEADER, only, problemsOf } from './checkHelpers';

const expressionMapping = (expr: string) => `${HEADER}mappings:\n  - expression: ${expr}\n    target: b2b.companyName\n`;

test('an unknown field behind a relationship is reported on that segment, with the related object\'s fields', () => {
  const text = expressionMapping('upper(Account.Nme)');
  const problems = problemsOf(text);
  assert.deepEqual(covered(text, problems, ['expr-unknown-field']), ['expr-unknown-field: Nme']);
  const p = only(problems, 'expr-unknown-field');
  assert.match(p.message, /No field 'Nme' on 'Account'/);
  assert.ok((p.data?.suggestions as string[]).includes('Name'), JSON.stringify(p.data));
});

test('expression and source mappings point at the same segment', () => {
  const source = `${HEADER}mappings:\n  - source: Account.Nme\n    target: b2b.companyName\n`;
  assert.deepEqual(covered(source, problemsOf(source), ['unknown-source-field']), ['unknown-source-field: Nme']);
});

test('two relationships deep: Account.Owner.Nmae marks Nmae and suggests User fields', () => {
  const text = expressionMapping('lower(Account.Owner.Nmae)');
  const problems = problemsOf(text);
  assert.deepEqual(covered(text, problems, ['expr-unknown-field']), ['expr-unknown-field: Nmae']);
  assert.ok((only(problems, 'expr-unknown-field').data?.suggestions as string[]).includes('Name'));
  const clean = expressionMapping('lower(Account.Owner.Name)');
  assert.deepEqual(covered(clean, problemsOf(clean), ['expr-unknown-field']), []);
});

test('a misspelt relationship is marked, with relationship names as suggestions', () => {
  const text = expressionMapping('upper(Acount.Name)');
  const problems = problemsOf(text);
  assert.deepEqual(covered(text, problems, ['expr-unknown-field']), ['expr-unknown-field: Acount']);
  assert.deepEqual(only(problems, 'expr-unknown-field').data?.suggestions, ['Account']);
});

test('a field used as a relationship says so', () => {
  const text = expressionMapping('upper(AccountId.Name)');
  const p = only(problemsOf(text), 'expr-unknown-field');
  assert.equal(text.slice(p.span.start, p.span.end), 'AccountId');
  assert.match(p.message, /is a field, not a relationship/);
});
