/** Symbols, folding, selection ranges, semantic tokens and formatting through the built server over stdio. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  InitializeRequest,
  SelectionRangeRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentSymbol,
  type SelectionRange,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/features/semanticTokens';
import { fileUri, LspTestClient, SERVER } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;
let contactsUri: string;
let contactsText: string;

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-structure-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  client = await LspTestClient.start(ws);
  const file = path.join(ws, 'dataflows', 'contacts.dataflow.yaml');
  contactsUri = fileUri(file);
  contactsText = readFileSync(file, 'utf8');
  const opened = client.waitForDiagnostics(contactsUri);
  client.open(contactsUri, contactsText);
  await opened;
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

test('the server declares the five capabilities, with the semantic token legend', async () => {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  connection.listen();
  try {
    const { capabilities } = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: fileUri(ws), capabilities: {} });
    assert.ok(capabilities.documentSymbolProvider);
    assert.ok(capabilities.foldingRangeProvider);
    assert.ok(capabilities.selectionRangeProvider);
    assert.ok(capabilities.documentFormattingProvider);
    const tokens = capabilities.semanticTokensProvider;
    assert.ok(tokens && 'legend' in tokens);
    assert.deepEqual(tokens.legend, SEMANTIC_TOKENS_LEGEND);
    assert.equal(tokens.full, true);
    assert.equal(tokens.range, true);
  } finally {
    await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    if (proc.exitCode === null) proc.kill();
  }
});

test('documentSymbol: the dataflow outline', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: contactsUri } })) as DocumentSymbol[];
  assert.equal(symbols[0]?.name, 'Salesforce Contacts');
  const mappings = symbols[0]!.children!.find((s) => s.name === 'mappings')!;
  assert.ok(mappings.children!.some((s) => s.name === 'FirstName → person.name.firstName'));
});

test('foldingRange: sections and comments fold', async () => {
  const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: contactsUri } });
  const lines = contactsText.split('\n');
  assert.ok(ranges?.some((r) => lines[r.startLine] === 'mappings:' && lines[r.endLine] === '    target: isDeleted'));
  assert.ok(ranges?.some((r) => lines[r.startLine] === 'source:'));
});

test('selectionRange: inside an expression, then its YAML pair', async () => {
  const doc = TextDocument.create(contactsUri, 'crm-dataflow', 1, contactsText);
  const offset = contactsText.indexOf('trim(Email)') + 'trim(Em'.length;
  const [sel] = (await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: contactsUri }, positions: [doc.positionAt(offset)] })) ?? [];
  const texts: string[] = [];
  for (let s: SelectionRange | undefined = sel; s; s = s.parent) texts.push(doc.getText(s.range));
  assert.deepEqual(texts.slice(0, 4), ['Email', 'trim(Email)', 'lower(trim(Email))', 'expression: lower(trim(Email))']);
});

test('semanticTokens: full and range requests', async () => {
  const full = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: contactsUri } });
  assert.ok(full && full.data.length > 0 && full.data.length % 5 === 0);
  const lines = contactsText.split('\n');
  const line = lines.findIndex((l) => l.includes('lower(trim(Email))'));
  const range = await client.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri: contactsUri }, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } });
  // lower, trim, Email: the first is a catalogue function
  assert.equal(range?.data.length, 15);
  assert.equal(SEMANTIC_TOKENS_LEGEND.tokenTypes[range!.data[3]!], 'function');
  assert.equal(lines[line]!.substr(range!.data[1]!, range!.data[2]!), 'lower');
});

test('formatting: a messy document is normalised; a formatted one gets no edits', async () => {
  assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: contactsUri }, options: { tabSize: 2, insertSpaces: true } }), []);
  const uri = fileUri(path.join(ws, 'dataflows', 'messy.dataflow.yaml'));
  const messy = 'source:\n    object: Contact\n    connection: acme\ndataflow: Messy\n';
  client.open(uri, messy);
  const doc = TextDocument.create(uri, 'crm-dataflow', 1, messy);
  const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(TextDocument.applyEdits(doc, edits ?? []), 'dataflow: Messy\nsource:\n  connection: acme\n  object: Contact\n');
  // the editor's tab size is the indentation; tabs never (YAML forbids them in indentation)
  const wide = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
  assert.equal(TextDocument.applyEdits(doc, wide ?? []), 'dataflow: Messy\nsource:\n    connection: acme\n    object: Contact\n');
  client.close(uri);
});
