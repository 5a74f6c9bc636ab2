/** Completion inside `expression:` values: functions, fields, relationships, methods, `${…}`, literals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import { EXAMPLES } from '../../helpers/workspace';
import { completeAt, CONTACTS, listingService, rank } from './completionHelpers';

/** The contacts dataflow with the expression of `target` replaced by `expr` (with a `|`). */
function expr(e: string, target = 'workEmail.address'): string {
  const line = CONTACTS.split('\n').findIndex((l) => l.trim() === `target: ${target}`);
  const lines = CONTACTS.split('\n');
  lines[line - 1] = `  - expression: ${e}`;
  return lines.join('\n');
}

test('an argument: fields first, then functions; accepting a field completes the word', () => {
  const c = completeAt(expr('concat(Fi|'));
  assert.equal(c.item('FirstName').kind, CompletionItemKind.Field);
  assert.equal(c.item('concat').kind, CompletionItemKind.Function);
  const order = c.ordered();
  assert.ok(order.indexOf('FirstName') < order.indexOf('concat'));
  assert.match(c.apply('FirstName'), /- expression: concat\(FirstName\n/);
  for (const k of ['true', 'false', 'null']) assert.equal(c.item(k).kind, CompletionItemKind.Keyword);
});

test('functions insert a snippet for their required parameters and ask for parameter hints', () => {
  const c = completeAt(expr('|'));
  const concat = c.item('concat');
  assert.equal(concat.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal((concat.textEdit as { newText: string }).newText, 'concat(${1:STRING})');
  assert.equal(concat.command?.command, 'editor.action.triggerParameterHints');
  assert.match(concat.detail ?? '', /^concat\(STRING: ANY\.\.\.\): STRING$/);
  assert.equal((c.item('now').textEdit as { newText: string }).newText, 'now()');
  assert.match(c.apply('iif'), /- expression: iif\(EXPRESSION, TRUE_VALUE, FALSE_VALUE\)\n/);
  // an existing call keeps its parentheses: only the name is replaced
  const named = completeAt(expr('con|(Id)'));
  assert.match(named.apply('concat'), /- expression: concat\(Id\)\n/);
});

test('functions are ranked by the type the target expects', () => {
  const date = completeAt(expr('|', 'person.birthDate').replace('  - source: Birthdate\n', ''));
  assert.equal(rank(date.item('now')), 0);
  assert.ok(rank(date.item('concat')) > 0, 'a string is only converted to a date');
  assert.ok(date.ordered().indexOf('now') < date.ordered().indexOf('concat'));
  const str = completeAt(expr('|'));
  assert.equal(rank(str.item('concat')), 0);
  assert.ok(str.ordered().indexOf('concat') < str.ordered().indexOf('now'));
  // inside a call, the parameter's type decides: iif's condition is a boolean
  const cond = completeAt(expr('iif(|'));
  assert.equal(rank(cond.item('IsDeleted')), 0);
  assert.ok(rank(cond.item('FirstName')) > 0);
});

test('functions that cannot run in source ingestion are tagged and ranked last', () => {
  const c = completeAt(expr('|'));
  const unsupported = c.list.items.filter((i) => i.tags?.includes(CompletionItemTag.Deprecated));
  assert.ok(unsupported.length > 0);
  for (const u of unsupported) assert.equal(rank(u), 3, u.label);
});

test('relationships: `Account.` lists the parent fields, `Email.` the string methods', () => {
  const rel = completeAt(expr('lower(Account.|)'));
  assert.ok(rel.labels.includes('Industry'));
  assert.ok(!rel.labels.includes('Birthdate'));
  assert.match(rel.apply('Industry'), /- expression: lower\(Account\.Industry\)\n/);
  const owner = completeAt(expr('Account.Owner.Ema|'));
  assert.ok(owner.labels.includes('Email'));
  const method = completeAt(expr('Email.|'));
  assert.ok(method.labels.includes('equalsIgnoreCase'));
  assert.equal(method.item('equalsIgnoreCase').kind, CompletionItemKind.Method);
});

test('methods of a computed receiver', () => {
  const c = completeAt(expr('trim(Email).eq|'));
  assert.match(c.apply('equalsIgnoreCase'), /- expression: trim\(Email\)\.equalsIgnoreCase\(STRING2\)\n/);
  assert.deepEqual(completeAt(expr('(1 + 2).|')).labels.filter((l) => l === 'equalsIgnoreCase'), []);
});

test('`${…}` names: fields inside, closing brace added; names that need quoting are inserted quoted', () => {
  const inside = completeAt(expr('concat(${Acc|'));
  assert.match(inside.apply('AccountId'), /- expression: concat\(\$\{AccountId\}\n/);
  const rel = completeAt(expr('${Account.Ind|}'));
  assert.match(rel.apply('Industry'), /- expression: \$\{Account\.Industry\}\n/);
  // a describe with a field named like a reserved word and one named like a function
  const describeFile = path.join(EXAMPLES, '.crmflow', 'metadata', 'acme', 'Contact.json');
  const describe = JSON.parse(readFileSync(describeFile, 'utf8'));
  const base = describe.fields.find((f: { name: string }) => f.name === 'Title');
  describe.fields.push({ ...base, name: 'size', label: 'Size' }, { ...base, name: 'trim', label: 'Trim' });
  const service = listingService({ [describeFile]: JSON.stringify(describe) });
  const c = completeAt(expr('concat(si|'), { service });
  assert.match(c.apply('size'), /- expression: concat\(\$\{size\}\n/);
  assert.match(c.apply('trim', CompletionItemKind.Field), /- expression: concat\(\$\{trim\}\n/);
  assert.match(c.apply('Title'), /- expression: concat\(Title\n/);
});

test('string literals: ${CRM_ORG_ID} after `${`, allowed values of the parameter', () => {
  const v = completeAt(expr('concat(Id, "@${CR|")'));
  assert.deepEqual(v.labels, ['CRM_ORG_ID']);
  assert.match(v.apply('CRM_ORG_ID'), /concat\(Id, "@\$\{CRM_ORG_ID\}"\)\n/);
  const arg = completeAt(expr('sha256(Email, |'));
  assert.equal(arg.ordered()[0], '"UTF-8"');
  assert.match(arg.apply('"UTF-8"'), /- expression: sha256\(Email, "UTF-8"\n/);
  const inString = completeAt(expr('sha256(Email, "U|")'));
  assert.match(inString.apply('UTF-16'), /- expression: sha256\(Email, "UTF-16"\)\n/);
  // inside a double-quoted YAML scalar the literal uses single quotes
  const yamlQuoted = completeAt(expr('"sha256(Email, |)"'));
  assert.ok(yamlQuoted.labels.includes("'UTF-8'"));
  assert.deepEqual(completeAt(expr('concat("plain te|xt")')).labels, []);
});

test('quoted and block YAML scalars: edits land on the right characters', () => {
  const single = completeAt(expr(`'concat(''a'', Fi|)'`));
  assert.match(single.apply('FirstName'), /- expression: 'concat\(''a'', FirstName\)'\n/);
  const block = completeAt(expr('>-\n      concat(Id,\n        Fi|)'));
  assert.match(block.apply('FirstName'), /\n {8}FirstName\)\n/);
});

test('after a complete operand nothing is offered; after an operator everything is', () => {
  assert.deepEqual(completeAt(expr('concat(Id |')).labels, []);
  assert.deepEqual(completeAt(expr('"x" |')).labels, []);
  const after = completeAt(expr('Id + |'));
  assert.ok(after.labels.includes('FirstName') && after.labels.includes('concat'));
});

test('trigger characters inside expressions', () => {
  assert.ok(completeAt(expr('concat(|'), { trigger: { character: '(' } }).labels.includes('FirstName'));
  assert.ok(completeAt(expr('concat(Id, |'), { trigger: { character: ' ' } }).labels.includes('LastName'));
  assert.ok(completeAt(expr('Account.|'), { trigger: { character: '.' } }).labels.includes('Industry'));
  assert.ok(completeAt(expr('${|'), { trigger: { character: '{' } }).labels.includes('Email'));
});
