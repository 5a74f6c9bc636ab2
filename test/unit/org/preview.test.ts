/** Which fields "Preview records" selects, and how values are shown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cellText, dataflowPreviewFields, objectPreviewFields, previewRows } from '../../../server/features/org/preview';
import { DATAFLOWS, EXAMPLES } from '../../helpers/workspace';
import { service } from './orgFixtures';

const svc = service();

test('an object preview shows Id and Name first, no compound fields, at most 30 columns', () => {
  const account = svc.workspace.describe(EXAMPLES, 'acme', 'Account')!;
  const fields = objectPreviewFields(account);
  assert.deepEqual(fields.slice(0, 2), ['Id', 'Name']);
  assert.ok(!fields.includes('BillingAddress'), 'address is compound');
  assert.ok(fields.length <= 30);
});

test('a dataflow preview selects the fields its mappings read, relationship paths included', () => {
  const file = path.join(DATAFLOWS, 'contacts.dataflow.yaml');
  const a = svc.analyse({ path: file, text: readFileSync(file, 'utf8') });
  const fields = dataflowPreviewFields(a.parsed.model, a.context.object!, a.context.lookup);
  assert.equal(fields[0], 'Id');
  assert.ok(fields.includes('Account.Name') && fields.includes('MailingCity'));
  assert.equal(new Set(fields).size, fields.length);
  const empty = svc.analyse({ path: file, text: 'dataflow: x\nsource:\n  connection: acme\n  object: Contact\nmappings:\n  - source: Nope\n    target: a\n' });
  assert.deepEqual(dataflowPreviewFields(empty.parsed.model, empty.context.object!, empty.context.lookup), objectPreviewFields(empty.context.object!), 'nothing valid mapped: the object preview');
});

test('cells are display text', () => {
  assert.deepEqual([null, undefined, 'a', 3, false, { City: 'Paris' }].map(cellText), ['', '', 'a', '3', 'false', '{"City":"Paris"}']);
  assert.deepEqual(previewRows([{ Id: '1', Name: null }, { Id: '2' }], ['Id', 'Name']), [['1', ''], ['2', '']]);
});
