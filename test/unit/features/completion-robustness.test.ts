/** Completion at every offset of broken documents: never throws, answers fast, every edit holds the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { COMPLETION_TRIGGER_CHARACTERS, DataflowCompletion } from '../../../server/features/completion';
import { BROKEN, DATAFLOWS } from '../../helpers/workspace';
import { CONTACTS, listingService } from './completionHelpers';

const service = listingService();
const feature = new DataflowCompletion();

/** Documents broken in the ways half-typed text is: cut lines, open quotes, stray brackets, tabs. */
const BROKEN_DOCS: Record<string, string> = {
  'cut in the middle': CONTACTS.slice(0, Math.floor(CONTACTS.length / 2)),
  'open quotes': CONTACTS.replace('concat(Id, "@', 'concat(Id, "@\'').replace('lower(trim(Email))', '"lower(trim(Email)'),
  'stray brackets': CONTACTS.replace('source: Id', 'source: [Id').replace('target: _id', 'target: {_id').replace('namespace: Email', 'namespace: ]'),
  'broken indentation': CONTACTS.replace(/\n {4}target:/g, '\n   target:').replace('  object: Contact', '\tobject: Contact'),
  'half-typed expressions': CONTACTS.replace('lower(trim(Email))', 'iif(${Acc.Na, "${CRM, trim(Email).eq(').replace('source: Account.Name', 'source: Account..Owner.'),
  'no sections': 'mappings:\n  - expression: concat(\n  - source:\n  -\n  - : x\n    target: .person..\n',
  'flow everywhere': '{ dataflow: x, source: { connection: acme, object: Contact }, mappings: [ { source: Id, target: _id } ] }\n',
  'crlf': CONTACTS.replace(/\n/g, '\r\n').slice(0, 900),
  // an empty first line once sent the walk up to the parents into an endless loop
  'leading empty line': `\n${CONTACTS.slice(0, 900)}`,
  'two leading empty lines': `\n\n${CONTACTS.slice(0, 600)}`,
  'only a line break': '\n',
};

function sweep(name: string, text: string, file: string): void {
  const doc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text);
  const analysis = service.analyse({ path: file, text });
  let worst = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const position = doc.positionAt(offset);
    for (const character of [undefined, ...COMPLETION_TRIGGER_CHARACTERS]) {
      // a trigger character is only typed where it now stands before the cursor
      if (character !== undefined && text[offset - 1] !== character) continue;
      const t0 = performance.now();
      const list = feature.complete({ doc, path: file, offset, analysis, service }, character ? { character } : {});
      worst = Math.max(worst, performance.now() - t0);
      for (const item of list.items) {
        const edit = item.textEdit;
        assert.ok(edit && 'range' in edit, `${name} @${offset}: '${item.label}' has a text edit`);
        const { start, end } = edit.range;
        assert.equal(start.line, end.line, `${name} @${offset}: '${item.label}' edits one line`);
        const s = doc.offsetAt(start);
        const e = doc.offsetAt(end);
        assert.ok(s <= offset && offset <= e, `${name} @${offset} (${position.line}:${position.character}): '${item.label}' range ${s}-${e} holds the cursor`);
      }
    }
  }
  assert.ok(worst < 1000, `${name}: slowest request ${worst.toFixed(0)} ms`);
}

test('every offset of the example dataflows and the broken fixtures', () => {
  for (const dir of [DATAFLOWS, BROKEN]) {
    for (const name of readdirSync(dir)) sweep(name, readFileSync(path.join(dir, name), 'utf8'), path.join(DATAFLOWS, name));
  }
});

test('every offset of half-typed and malformed documents', () => {
  for (const [name, text] of Object.entries(BROKEN_DOCS)) sweep(name, text, path.join(DATAFLOWS, `${name.replace(/\W+/g, '-')}.dataflow.yaml`));
});

test('past the analysis limit completion offers nothing, at once (the diagnostic explains why)', () => {
  const head = CONTACTS.slice(0, CONTACTS.indexOf('mappings:\n') + 'mappings:\n'.length);
  const text = `${head}${'  - source: FirstName\n    target: person.name.firstName\n'.repeat(6000)}  - source: \n`;
  assert.ok(text.length > MAX_ANALYSED_BYTES);
  const file = path.join(DATAFLOWS, 'big.dataflow.yaml');
  const doc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text);
  const started = performance.now();
  const list = feature.complete({ doc, path: file, offset: text.length - 1, service, analysis: service.analyse({ path: file, text }) });
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(list.items, []);
  // the same cursor in a file under the limit gets the fields
  const small = `${head}  - source: \n`;
  const smallDoc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, small);
  assert.ok(feature.complete({ doc: smallDoc, path: file, offset: small.length - 1, service, analysis: service.analyse({ path: file, text: small }) }).items.some((i) => i.label === 'FirstName'));
});
