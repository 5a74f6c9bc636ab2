/** A field dropped into a dataflow becomes a mapping item in the file's own layout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fieldDropEdit, snippetEscape } from '../../../server/features/org/fieldDrop';
import type { FeatureRequest } from '../../../server/features/request';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS } from '../../helpers/workspace';
import { service } from './orgFixtures';

const svc = service();
const FILE = path.join(DATAFLOWS, 'drop.dataflow.yaml');
const HEAD = 'dataflow: D\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\n';

function req(marked: string): FeatureRequest {
  const { text, offset } = cursor(marked);
  const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
  return { doc, path: FILE, offset, analysis: svc.analyse({ path: FILE, text }), service: svc };
}

/** Applies the drop as VS Code would, with the snippet's `$0` left visible as `|`. */
function dropped(marked: string, source = 'Email', object?: string): string {
  const r = req(marked);
  const edit = fieldDropEdit(r, source, object);
  assert.ok(edit, 'a mapping is offered');
  const text = r.doc.getText();
  const start = r.doc.offsetAt(edit.range.start);
  const end = r.doc.offsetAt(edit.range.end);
  const inserted = edit.snippet.replace('$0', '|').replace(/\\([\\$}])/g, '$1');
  return text.slice(0, start) + inserted + text.slice(end);
}

test('dropped on an item line: the new item goes before it', () => {
  const out = dropped(`${HEAD}mappings:\n  - source: Id\n    target: _id\n  - source: Fir|stName\n    target: person.name.firstName\n`);
  assert.equal(out, `${HEAD}mappings:\n  - source: Id\n    target: _id\n  - source: Email\n    target: |\n  - source: FirstName\n    target: person.name.firstName\n`);
});

test('dropped inside an item: after it; anywhere else in the file: after the last item', () => {
  const inside = dropped(`${HEAD}mappings:\n  - source: Id\n    tar|get: _id\n  - source: FirstName\n    target: person.name.firstName\n`);
  assert.ok(inside.includes('    target: _id\n  - source: Email\n    target: |\n  - source: FirstName'), inside);
  const elsewhere = dropped(`data|flow: D\nsource:\n  connection: acme\n  object: Contact\nmappings:\n  - source: Id\n    target: _id\nschedule: { frequency: hour }\n`);
  assert.ok(elsewhere.endsWith('    target: _id\n  - source: Email\n    target: |\nschedule: { frequency: hour }\n'), elsewhere);
});

test("the file's own indentation is kept (items at column 0, keys at 4)", () => {
  const out = dropped(`${HEAD}mappings:\n-   source: Id\n    target: _id\n|`);
  assert.ok(out.endsWith('-   source: Id\n    target: _id\n-   source: Email\n    target: |\n'), out);
});

test('an empty list, a missing list and a last line without a line break', () => {
  assert.equal(dropped(`${HEAD}mappings: []|\n`), `${HEAD}mappings:\n  - source: Email\n    target: |\n`);
  assert.equal(dropped(`${HEAD}mappings:\n|`), `${HEAD}mappings:\n  - source: Email\n    target: |\n`);
  assert.equal(dropped(`${HEAD.trimEnd()}|`), `${HEAD}mappings:\n  - source: Email\n    target: |\n`);
  assert.equal(dropped(`${HEAD}mappings:\n  - source: Id\n    target: _id|`), `${HEAD}mappings:\n  - source: Id\n    target: _id\n  - source: Email\n    target: |\n`);
});

test('relationship paths and names that need quoting are written as YAML strings', () => {
  assert.ok(dropped(`${HEAD}mappings: []|\n`, 'Account.Name').includes('- source: Account.Name\n'));
  const edit = fieldDropEdit(req(`${HEAD}mappings: []|\n`), 'Odd: $name}');
  assert.ok(edit?.snippet.includes("source: 'Odd: \\$name\\}'"), edit?.snippet);
  assert.equal(snippetEscape('a$b}c\\'), 'a\\$b\\}c\\\\');
});

test('no mapping for another object, a flow-style list, an empty source or a non-dataflow', () => {
  assert.equal(fieldDropEdit(req(`${HEAD}mappings: []|\n`), 'Name', 'Account'), undefined);
  assert.ok(fieldDropEdit(req(`${HEAD}mappings: []|\n`), 'Name', 'contact'), 'object names compare case-insensitively');
  assert.equal(fieldDropEdit(req(`${HEAD}mappings: [{ source: Id, target: _id }]|\n`), 'Email'), undefined);
  assert.equal(fieldDropEdit(req(`${HEAD}mappings: []|\n`), '  '), undefined);
  const r = req(`${HEAD}|`);
  delete r.analysis;
  assert.equal(fieldDropEdit(r, 'Email'), undefined);
});

test('CRLF files get CRLF items', () => {
  const crlf = `${HEAD}mappings:\n  - source: Id\n    target: _id\n|`.replace(/\n/g, '\r\n');
  const edit = fieldDropEdit(req(crlf), 'Email');
  assert.equal(edit?.snippet, '  - source: Email\r\n    target: $0\r\n');
});
