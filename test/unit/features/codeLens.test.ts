/** CodeLens above the dataflow: the two commands and the mapping summary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../../../shared/protocol';
import { codeLenses, SHOW_PROBLEMS_COMMAND } from '../../../server/features/codeLens';
import type { FeatureRequest } from '../../../server/features/request';
import { BROKEN, DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'test.dataflow.yaml');
const URI = `file://${FILE}`;
const contacts = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8');

function request(text: string): FeatureRequest {
  const doc = TextDocument.create(URI, 'crm-dataflow', 1, text);
  return { doc, path: FILE, offset: 0, analysis: service.analyse({ path: FILE, text }), service };
}

test('the example gets run, preview and a summary lens on its dataflow: line (plain YAML)', () => {
  const lenses = codeLenses(request(contacts));
  assert.equal(lenses.length, 3);
  const line = contacts.split('\n').findIndex((l) => l.startsWith('dataflow:'));
  assert.ok(line > 0, 'the example starts with a comment line');
  for (const l of lenses) assert.deepEqual(l.range, { start: { line, character: 0 }, end: { line, character: 0 } });
  assert.deepEqual(lenses[0].command, { title: 'Run test ingestion', command: COMMANDS.runTestIngestion, arguments: [URI] });
  assert.deepEqual(lenses[1].command, { title: 'Preview records', command: COMMANDS.previewRecords, arguments: [URI] });
  const mappings = contacts.split('\n').filter((l) => /^ {2}- (source|expression|value):/.test(l)).length;
  assert.equal(lenses[2].command?.title, `${mappings} mapped · 0 required missing · 2 identities`);
  assert.equal(lenses[2].command?.command, SHOW_PROBLEMS_COMMAND);
});

test('the summary counts missing required fields and skips invalid mappings', () => {
  const text = readFileSync(path.join(BROKEN, 'broken-structure.dataflow.yaml'), 'utf8');
  // mappings: Id→_id, a target-only item (invalid), and source+value (invalid)
  assert.equal(codeLenses(request(text))[2].command?.title, '1 mapped · 1 required missing · 0 identities');
});

test('expression mappings count as mapped; one identity is singular', () => {
  const text = 'dataflow: X\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\nidentities:\n  - path: _id\n    namespace: CRMID\n    primary: true\nmappings:\n  - expression: concat(Id, "@${CRM_ORG_ID}.Salesforce")\n    target: b2b.personKey.sourceKey\n  - expression: lower(Id)\n    target: _id\n';
  assert.equal(codeLenses(request(text))[2].command?.title, '2 mapped · 0 required missing · 1 identity');
});

test('a file without a dataflow: key anchors on its first section; an empty one has no lenses', () => {
  const text = '# just a comment\n\nmappings:\n  - source: Id\n    target: _id\n';
  const lenses = codeLenses(request(text));
  assert.equal(lenses.length, 3);
  assert.equal(lenses[0].range.start.line, 2);
  assert.deepEqual(codeLenses(request('')), []);
  assert.deepEqual(codeLenses({ ...request(''), analysis: undefined }), []);
});

test('broken and garbage documents never throw', () => {
  const docs = ['dataflow: [[[', '- - -\n: :', 'dataflow: x\nmappings: 5\nidentities: {a: 1}\n', '\u0000\u{1F600}'.repeat(50), contacts.slice(0, 400)];
  for (const text of docs) {
    const lenses = codeLenses(request(text));
    assert.ok(Array.isArray(lenses));
    for (const l of lenses) assert.ok(l.command?.title);
  }
});
