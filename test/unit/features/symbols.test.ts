/** Document symbols: the outline of dataflows and crmflow.yaml, over the example workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { FeatureRequest } from '../../../server/features/request';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { documentSymbols } from '../../../server/features/symbols';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'symbols-test.dataflow.yaml');
const CONTACTS = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8');

function request(text: string, file: string | undefined = FILE, offset = 0): FeatureRequest {
  const doc = TextDocument.create(file ? `file://${file}` : 'untitled:1', 'crm-dataflow', 1, text);
  const req: FeatureRequest = { doc, offset, service };
  if (file) req.path = file;
  if (service.kindOf(file) === 'dataflow') req.analysis = service.analyse(file ? { path: file, text } : { text });
  return req;
}

function blockCursor(marked: string): { text: string; offset: number } {
  const c = cursor(marked);
  return { text: c.text.replaceAll('§', '|'), offset: c.offset };
}

function names(symbols: readonly DocumentSymbol[] | undefined): string[] {
  return (symbols ?? []).map((s) => s.name);
}

function child(s: DocumentSymbol | undefined, name: string): DocumentSymbol {
  const found = s?.children?.find((c) => c.name === name);
  assert.ok(found, `no child ${name} in ${names(s?.children)}`);
  return found;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Clients reject symbols whose selection is outside the range, or with empty names. */
function assertWellFormed(symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(s.name.trim().length > 0, 'empty symbol name');
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection outside range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${s.name} outside ${parent.name}`);
    assertWellFormed(s.children ?? [], s);
  }
}

/** The innermost symbol whose range holds the offset, as breadcrumbs show it. */
function symbolPath(req: FeatureRequest): string[] {
  const at = req.doc.positionAt(req.offset);
  const out: string[] = [];
  let level = documentSymbols(req);
  for (;;) {
    const hit = level.find((s) => contains(s.range, { start: at, end: at }));
    if (!hit) return out;
    out.push(hit.name);
    level = hit.children ?? [];
  }
}

test('the outline of a dataflow: name, sections, identities and mappings in document order', () => {
  const symbols = documentSymbols(request(CONTACTS));
  assert.deepEqual(names(symbols), ['Salesforce Contacts']);
  const root = symbols[0]!;
  assert.equal(root.kind, SymbolKind.Module);
  assert.deepEqual(names(root.children), ['description', 'source', 'target', 'identities', 'mappings', 'schedule', 'ingestion']);
  assert.equal(child(root, 'source').detail, 'acme · Contact');
  assert.deepEqual(names(child(root, 'source').children), ['connection', 'object', 'where', 'incremental']);
  assert.equal(child(root, 'target').detail, 'b2b-person.schema.json · Salesforce Contacts');
  assert.equal(child(root, 'schedule').detail, 'every hour');
  assertWellFormed(symbols);
});

test('identities read `path (namespace)`; the primary one is marked', () => {
  const identities = child(documentSymbols(request(CONTACTS))[0], 'identities');
  assert.equal(identities.detail, '2 identities');
  assert.deepEqual(identities.children?.map((s) => [s.name, s.detail ?? '']), [
    ['b2b.personKey.sourceKey (b2b_person)', 'primary'],
    ['workEmail.address (Email)', ''],
  ]);
});

test('mappings read `source → target`, with the kind of mapping as symbol kind', () => {
  const mappings = child(documentSymbols(request(CONTACTS))[0], 'mappings');
  const byName = new Map(mappings.children!.map((s) => [s.name, s]));
  assert.equal(byName.get('FirstName → person.name.firstName')?.kind, SymbolKind.Field);
  assert.equal(byName.get('"Salesforce" → b2b.personKey.sourceType')?.kind, SymbolKind.Constant);
  assert.equal(byName.get('concat(Id, "@${CRM_ORG_ID}.Salesforce") → b2b.personKey.sourceKey')?.kind, SymbolKind.Function);
  const long = mappings.children!.find((s) => s.name.endsWith('→ b2b.accountKey'));
  assert.ok(long && long.name.startsWith('iif(AccountId != null') && long.name.includes('…'), long?.name);
  assert.equal(mappings.detail, `${mappings.children!.length} mappings`);
  // the selection is the target, so picking a mapping in the outline reveals what it writes
  const first = byName.get('FirstName → person.name.firstName')!;
  const doc = TextDocument.create('file:///x', 'crm-dataflow', 1, CONTACTS);
  assert.equal(doc.getText(first.selectionRange), 'person.name.firstName');
  assert.equal(doc.getText(first.range), '- source: FirstName\n    target: person.name.firstName');
});

test('the symbol path at a cursor in plain YAML', () => {
  const { text, offset } = cursor(CONTACTS.replace('connection: acme', 'connection: ac|me'));
  assert.deepEqual(symbolPath(request(text, FILE, offset)), ['Salesforce Contacts', 'source', 'connection']);
});

test('the symbol path at a cursor inside an expression, also in a multi-line block scalar', () => {
  // § stands for the block scalar's `|`, which the cursor helper would take for the cursor
  const { text, offset } = blockCursor(`dataflow: X
mappings:
  - target: person.name.fullName
    expression: §
      concat(FirstName, " ",
             La|stName)
    name: full name
`);
  const req = request(text, FILE, offset);
  assert.deepEqual(symbolPath(req), ['X', 'mappings', 'concat(FirstName, " ", LastName) → person.name.fullName']);
  const mapping = child(documentSymbols(req)[0], 'mappings').children![0]!;
  assert.equal(mapping.detail, 'full name');
  assert.equal(mapping.kind, SymbolKind.Function);
});

test('static values show as constants; missing parts are a question mark', () => {
  const text = `dataflow: Y
mappings:
  - value: 42
    target: a.b
  - value: true
  - source: Id
  - target: c.d
`;
  const mappings = child(documentSymbols(request(text))[0], 'mappings');
  assert.deepEqual(names(mappings.children), ['42 → a.b', 'true → ?', 'Id → ?', '? → c.d']);
});

test('a broken file still has an outline of whatever could be read', () => {
  const text = readFileSync(path.join(BROKEN, 'broken-structure.dataflow.yaml'), 'utf8');
  const symbols = documentSymbols(request(text));
  assertWellFormed(symbols);
  assert.deepEqual(names(symbols[0]?.children), ['source', 'target', 'mappings', 'schedule']);
  assert.deepEqual(names(child(symbols[0], 'mappings').children), ['Id → _id', '? → person.name.firstName', 'LastName → person.name.lastName']);
});

test('a file without a dataflow name is named after the file; an empty file has no symbols', () => {
  const symbols = documentSymbols(request('mappings:\n  - source: Id\n    target: _id\n'));
  assert.deepEqual(names(symbols), ['symbols-test']);
  assert.deepEqual(documentSymbols(request('')), []);
  assert.deepEqual(documentSymbols(request('# only a comment\n')), []);
});

test('crmflow.yaml: connections, namespaces and datasets', () => {
  const file = path.join(EXAMPLES, 'crmflow.yaml');
  const symbols = documentSymbols(request(readFileSync(file, 'utf8'), file));
  assert.deepEqual(names(symbols), ['version', 'tenant', 'connections', 'namespaces', 'datasets', 'lake']);
  const connections = symbols.find((s) => s.name === 'connections')!;
  assert.deepEqual(connections.children?.map((c) => [c.name, c.detail]), [
    ['acme', 'emulator · http://127.0.0.1:6110'],
    ['acme-prod', 'oauth · https://acme.my.salesforce.com'],
  ]);
  assert.deepEqual(symbols.find((s) => s.name === 'namespaces')!.children?.map((c) => [c.name, c.detail]), [['acme_loyalty', 'Acme Loyalty Member · CROSS_DEVICE']]);
  assert.deepEqual(names(symbols.find((s) => s.name === 'datasets')!.children), ['Salesforce Contacts', 'Salesforce Accounts']);
  assert.equal(symbols.find((s) => s.name === 'tenant')!.detail, 'acme');
  assert.equal(symbols.find((s) => s.name === 'lake')!.detail, '.crmflow/lake');
  assertWellFormed(symbols);
});

test('every truncation of broken and example files: no throw, well-formed symbols, fast', () => {
  const texts = [...readdirSync(BROKEN).map((f) => readFileSync(path.join(BROKEN, f), 'utf8')), CONTACTS, 'mappings:\n  - source: "a\n  - [\n'];
  for (const full of texts) {
    for (let i = 0; i <= full.length; i += 1) {
      const text = full.slice(0, i);
      const started = performance.now();
      const symbols = documentSymbols(request(text));
      assert.ok(performance.now() - started < 1000);
      assertWellFormed(symbols);
    }
  }
  const project = readFileSync(path.join(EXAMPLES, 'crmflow.yaml'), 'utf8');
  for (let i = 0; i <= project.length; i++) assertWellFormed(documentSymbols(request(project.slice(0, i), path.join(EXAMPLES, 'crmflow.yaml'))));
});

test('past the analysis limit the outline lists the top-level sections only', () => {
  const items = '  - source: Id\n    target: _id\n'.repeat(Math.ceil(MAX_ANALYSED_BYTES / 30));
  const text = `# header\ndataflow: Big\nsource:\n  connection: acme\nmappings:\n${items}"quoted key": 1\nschedule: { frequency: hour }\n- not a key\n`;
  assert.ok(text.length > MAX_ANALYSED_BYTES);
  const started = performance.now();
  const symbols = documentSymbols(request(text));
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(names(symbols), ['dataflow', 'source', 'mappings', 'quoted key', 'schedule']);
  assertWellFormed(symbols);
  const doc = TextDocument.create('file:///x', 'crm-dataflow', 1, text);
  const mappings = symbols.find((s) => s.name === 'mappings')!;
  assert.equal(doc.getText(mappings.selectionRange), 'mappings');
  assert.ok(doc.getText(mappings.range).endsWith('target: _id'));
  assert.match(mappings.detail ?? '', /too large/);
});

test('crmflow.yaml with long runs of spaces: the outline answers at once (no backtracking scan)', () => {
  const file = path.join(EXAMPLES, 'crmflow.yaml');
  const text = `version: 1\ntenant:${' '.repeat(120_000)}x\nlake${' '.repeat(120_000)}y\n`;
  const started = performance.now();
  const symbols = documentSymbols(request(text, file));
  assert.ok(performance.now() - started < 1000, `${(performance.now() - started).toFixed(0)} ms`);
  assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['version', '1'], ['tenant', 'x']]);
});
