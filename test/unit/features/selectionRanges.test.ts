/** Selection ranges: token → value → pair → mapping item → sequence → section → document, and inside expressions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import type { FeatureRequest } from '../../../server/features/request';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { selectionRanges } from '../../../server/features/selectionRanges';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'selection-test.dataflow.yaml');

function request(text: string, offset: number, file = FILE): FeatureRequest {
  const req: FeatureRequest = { doc: TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text), path: file, offset, service };
  if (service.kindOf(file) === 'dataflow') req.analysis = service.analyse({ path: file, text });
  return req;
}

/** The texts of the chain from the innermost range outwards. */
function chain(marked: string, file = FILE): string[] {
  const c = cursor(marked);
  const text = c.text.replaceAll('§', '|');
  const req = request(text, c.offset, file);
  const [sel] = selectionRanges(req, [c.offset]);
  const out: string[] = [];
  for (let s: SelectionRange | undefined = sel; s; s = s.parent) out.push(req.doc.getText(s.range));
  return out;
}

const HEAD = 'dataflow: Selection\nmappings:\n';

test('plain YAML: path segment → value → pair → mapping item → sequence → section → document', () => {
  const text = `${HEAD}  - source: FirstName\n    target: person.na|me.firstName\n  - source: Id\n    target: _id\n`;
  const plain = text.replace('|', '');
  assert.deepEqual(chain(text), [
    'name',
    'person.name.firstName',
    'target: person.name.firstName',
    'source: FirstName\n    target: person.name.firstName',
    '- source: FirstName\n    target: person.name.firstName',
    '- source: FirstName\n    target: person.name.firstName\n  - source: Id\n    target: _id',
    'mappings:\n  - source: FirstName\n    target: person.name.firstName\n  - source: Id\n    target: _id',
    plain.trimEnd(),
    plain,
  ]);
});

test('plain YAML: a key selects the key, then its pair', () => {
  assert.deepEqual(chain(`source:\n  conn|ection: acme\n  object: Contact\n`).slice(0, 4), [
    'connection',
    'connection: acme',
    'connection: acme\n  object: Contact',
    'source:\n  connection: acme\n  object: Contact',
  ]);
});

test('inside an expression: field → call → argument list → outer call → value → pair', () => {
  const got = chain(`${HEAD}  - expression: concat(upper(Fir|stName), " ", LastName)\n    target: person.name.fullName\n`);
  assert.deepEqual(got.slice(0, 5), [
    'FirstName',
    'upper(FirstName)',
    'upper(FirstName), " ", LastName',
    'concat(upper(FirstName), " ", LastName)',
    'expression: concat(upper(FirstName), " ", LastName)',
  ]);
});

test('inside a string literal: content, then the literal with quotes', () => {
  const got = chain(`${HEAD}  - expression: 'concat(Id, "@\${CRM_O|RG_ID}")'\n    target: a\n`);
  assert.deepEqual(got.slice(0, 5), [
    '"@${CRM_ORG_ID}"'.slice(1, -1),
    '"@${CRM_ORG_ID}"',
    'Id, "@${CRM_ORG_ID}"',
    'concat(Id, "@${CRM_ORG_ID}")',
    `'concat(Id, "@\${CRM_ORG_ID}")'`,
  ]);
});

test('inside a multi-line block scalar expression the ranges land on the right lines', () => {
  const got = chain(`${HEAD}  - target: a\n    expression: §\n      iif(IsDeleted,\n          null,\n          lower(Em|ail))\n`);
  assert.deepEqual(got.slice(0, 4), [
    'Email',
    'lower(Email)',
    'IsDeleted,\n          null,\n          lower(Email)',
    'iif(IsDeleted,\n          null,\n          lower(Email))',
  ]);
  assert.ok(got.includes('|\n      iif(IsDeleted,\n          null,\n          lower(Email))'), got.join('\n---\n'));
});

test('a double-quoted expression with escapes maps back onto the source characters', () => {
  const got = chain(`${HEAD}  - expression: "concat(\\"a\\", Na|me)"\n    target: a\n`);
  assert.deepEqual(got.slice(0, 3), ['Name', '\\"a\\", Name', 'concat(\\"a\\", Name)']);
});

test('several positions get one range each, in order; crmflow.yaml works without an analysis', () => {
  const file = path.join(EXAMPLES, 'crmflow.yaml');
  const text = readFileSync(file, 'utf8');
  const req = request(text, 0, file);
  const offsets = [text.indexOf('emulator'), text.indexOf('acme-prod'), 0];
  const result = selectionRanges(req, offsets);
  assert.equal(result.length, 3);
  assert.equal(req.doc.getText(result[0]!.range), 'emulator');
  assert.equal(req.doc.getText(result[0]!.parent!.range), 'kind: emulator');
  assert.equal(req.doc.getText(result[1]!.range), 'acme-prod');
});

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

test('every offset of broken documents: no throw, each parent contains its child and the position', () => {
  const texts = [...readdirSync(BROKEN).map((f) => readFileSync(path.join(BROKEN, f), 'utf8')), 'mappings:\n  - expression: concat(a, "b\n    target: [x, {y: ]\n  -\n- z: |\n  ${\n'];
  for (const text of texts) {
    const req = request(text, 0);
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
    const started = performance.now();
    const result = selectionRanges(req, offsets);
    assert.ok(performance.now() - started < 1000 + text.length, 'fast');
    assert.equal(result.length, offsets.length);
    result.forEach((sel, i) => {
      const at = req.doc.positionAt(offsets[i]!);
      assert.ok(contains(sel.range, { start: at, end: at }), `offset ${i}`);
      for (let s: SelectionRange = sel; s.parent; s = s.parent) assert.ok(contains(s.parent.range, s.range), `offset ${i}: parent does not contain child`);
    });
  }
});

test('past the analysis limit: the word, its line, the document', () => {
  const items = '  - source: Id\n    target: _id\n'.repeat(Math.ceil(MAX_ANALYSED_BYTES / 30));
  const marked = `dataflow: Big\nmappings:\n${items}  - source: Account.Na|me\r\n    target: x\n`;
  const started = performance.now();
  const texts = chain(marked);
  assert.ok(performance.now() - started < 1000);
  assert.equal(texts.length, 3);
  assert.deepEqual(texts.slice(0, 2), ['Name', '  - source: Account.Name']);
  assert.equal(texts[2], cursor(marked).text);
});
