/**
 * Large files through the built server over stdio, launched as the extension launches it:
 * a file just under the analysis limit is analysed fully, files of ~1.9 MB and 10 MB get
 * the cheap answers. Either way open → diagnostics, an edit → diagnostics and one request
 * of every kind answer within the 1 s, and the server stays up.
 *
 * The machine is shared: each timing is the best of up to three tries (a request that
 * really takes longer than the bar fails all three).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DiagnosticSeverity,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  SemanticTokensRequest,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_ANALYSED_BYTES } from '../../server/dataflow/parse';
import { MAX_PUBLISHED_DIAGNOSTICS } from '../../server/lsp/diagnostics';
import { SERVER_NODE_FLAGS } from '../../shared/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

const BAR_MS = 1000;
const TRIES = 3;

let ws: string;
let client: LspTestClient;
/** what each test measured, reported with its result (`node --test` prints diagnostics) */
let timings: string[] = [];
let contacts: string;

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-large-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  contacts = readFileSync(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'), 'utf8');
  client = await LspTestClient.start(ws, { nodeFlags: SERVER_NODE_FLAGS });
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

/**
 * The contacts example with its mappings repeated up to `size` characters (never past
 * it): valid mappings whose repeated targets are duplicates, so the file has thousands
 * of problems, as a pasted or generated file would.
 */
function bigDataflow(size: number): string {
  const start = contacts.indexOf('mappings:\n') + 'mappings:\n'.length;
  const end = contacts.slice(start).search(/^\S/m) + start;
  const [head, block, tail] = [contacts.slice(0, start), contacts.slice(start, end), contacts.slice(end)];
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length + block.length <= size; i++) {
    const b = block.replace(/# the record id/, `# copy ${i}`);
    parts.push(b);
    length += b.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** The best of up to TRIES runs of `run`, stopping early once one is under the bar. */
async function best(run: (attempt: number) => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let attempt = 0; attempt < TRIES && min >= BAR_MS; attempt++) {
    const t0 = performance.now();
    await run(attempt);
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

interface Opened {
  uri: string;
  text: string;
  doc: TextDocument;
  diagnostics: Diagnostic[];
  version: number;
}

async function openTimed(name: string, text: string): Promise<Opened> {
  const uri = fileUri(path.join(ws, 'dataflows', name));
  let published: PublishDiagnosticsParams | undefined;
  const ms = await best(async (attempt) => {
    if (attempt > 0) client.close(uri);
    const wait = client.waitForDiagnostics(uri, (p) => p.version === 1, 30_000);
    client.open(uri, text, 1);
    published = await wait;
  });
  timings.push(`open ${ms.toFixed(0)}`);
  assert.ok(ms < BAR_MS, `${name}: open → diagnostics took ${ms.toFixed(0)} ms`);
  return { uri, text, doc: TextDocument.create(uri, 'crm-dataflow', 1, text), diagnostics: published!.diagnostics, version: 1 };
}

/** Types one character into a mapping in the middle of the file (and takes it out again on the next try). */
async function editTimed(f: Opened): Promise<Diagnostic[]> {
  const at = f.text.indexOf('  - source: LastName', f.text.length >> 1) + '  - source: '.length;
  const pos = f.doc.positionAt(at);
  let diagnostics: Diagnostic[] = [];
  const ms = await best(async () => {
    const insert = f.version % 2 === 1;
    const version = ++f.version;
    const wait = client.waitForDiagnostics(f.uri, (p) => p.version === version, 30_000);
    client.change(f.uri, version, [insert ? { range: { start: pos, end: pos }, text: 'X' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' }]);
    diagnostics = (await wait).diagnostics;
  });
  timings.push(`edit ${ms.toFixed(0)}`);
  assert.ok(ms < BAR_MS, `edit → diagnostics took ${ms.toFixed(0)} ms`);
  // the last try's text: a typed character or the original back
  if (f.version % 2 === 0) {
    f.text = f.text.slice(0, at) + 'X' + f.text.slice(at);
    f.doc = TextDocument.create(f.uri, 'crm-dataflow', f.version, f.text);
  }
  return diagnostics;
}

/** One request of every kind at a source value in the middle of the file, each timed; the answers by kind. */
async function requestsTimed(f: Opened): Promise<Record<string, unknown>> {
  const textDocument = { uri: f.uri };
  const at = f.text.indexOf('  - source: FirstName', f.text.length >> 1) + '  - source: Fi'.length;
  const position = f.doc.positionAt(at);
  const range = { start: position, end: position };
  const requests: Record<string, () => Promise<unknown>> = {
    completion: () => client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
    hover: () => client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
    folding: () => client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
    selectionRange: () => client.connection.sendRequest(SelectionRangeRequest.type, { textDocument, positions: [position] }),
    documentSymbol: () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
    formatting: () => client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } }),
    semanticTokens: () => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }),
    codeAction: () => client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [] } }),
    codeLens: () => client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
  };
  const answers: Record<string, unknown> = {};
  const slow: string[] = [];
  for (const [name, send] of Object.entries(requests)) {
    const ms = await best(async () => {
      answers[name] = await send();
    });
    timings.push(`${name} ${ms.toFixed(0)}`);
    if (ms >= BAR_MS) slow.push(`${name} ${ms.toFixed(0)} ms`);
  }
  assert.deepEqual(slow, [], 'requests over the bar');
  return answers;
}

function report(t: { diagnostic(message: string): void }, text: string): void {
  t.diagnostic(`${(text.length / 1024).toFixed(0)} KB; ms: ${timings.join(', ')}`);
  timings = [];
}

function assertAlive(): void {
  assert.equal(client.proc.exitCode, null, 'the server process is still running');
  assert.equal(client.proc.signalCode, null);
}

test('a file just under the analysis limit is analysed fully, with diagnostics capped, every request within 1 s', async (t) => {
  // room for the one character the edit types
  const text = bigDataflow(MAX_ANALYSED_BYTES - 1);
  assert.ok(text.length < MAX_ANALYSED_BYTES && text.length > MAX_ANALYSED_BYTES - contacts.length);
  const f = await openTimed('near-limit.dataflow.yaml', text);
  // thousands of duplicate targets: the worst are shown, and a last note counts the rest
  assert.equal(f.diagnostics.length, MAX_PUBLISHED_DIAGNOSTICS + 1);
  const note = f.diagnostics[f.diagnostics.length - 1]!;
  assert.equal(note.severity, DiagnosticSeverity.Information);
  assert.equal(note.code, 'diagnostics-truncated');
  assert.match(note.message, /^[\d,]+ more problems are not shown/);
  const shown = f.diagnostics.slice(0, -1);
  assert.ok(shown.every((d) => d.severity === DiagnosticSeverity.Error), 'errors come first');
  assert.ok(shown.some((d) => d.code === 'duplicate-target'));
  const edited = await editTimed(f);
  assert.ok(edited.length > 0 && edited.length <= MAX_PUBLISHED_DIAGNOSTICS + 1);
  const answers = await requestsTimed(f);
  // still fully analysed: field completion, a hover, mapping-level folding and outline, formatting checked
  assert.ok(((answers.completion as CompletionList).items ?? []).some((i) => i.label === 'FirstName'));
  assert.ok(answers.hover !== null);
  assert.ok((answers.folding as unknown[]).length > 1000, 'every multi-line mapping folds');
  const [root] = answers.documentSymbol as DocumentSymbol[];
  assert.ok((root?.children?.find((s) => s.name === 'mappings')?.children?.length ?? 0) > 1000);
  assert.ok(Array.isArray(answers.formatting));
  assertAlive();
  report(t, text);
  client.close(f.uri);
});

for (const [label, size] of [['~1.9 MB', 1.9 * 1024 * 1024], ['10 MB', 10 * 1024 * 1024]] as const) {
  test(`a ${label} file is not analysed: one warning, cheap answers within 1 s, the server stays up`, async (t) => {
    const text = bigDataflow(size);
    const name = `big-${Math.round(size / 1024)}k.dataflow.yaml`;
    const f = await openTimed(name, text);
    assert.deepEqual(f.diagnostics.map((d) => [d.code, d.severity]), [['yaml-too-large', DiagnosticSeverity.Warning]]);
    assert.match(f.diagnostics[0]!.message, /not analysed.*folding and the outline show its top-level sections/s);
    const edited = await editTimed(f);
    assert.deepEqual(edited.map((d) => d.code), ['yaml-too-large']);
    const answers = await requestsTimed(f);
    assert.deepEqual((answers.completion as CompletionList).items, []);
    assert.equal(answers.hover, null);
    assert.deepEqual(answers.formatting, []);
    assert.deepEqual(answers.codeLens, []);
    // the top-level sections still fold and make the outline
    const sections = ['dataflow', 'description', 'source', 'target', 'identities', 'mappings', 'schedule', 'ingestion'];
    assert.deepEqual((answers.documentSymbol as DocumentSymbol[]).map((s) => s.name), sections);
    const lines = f.text.split('\n');
    assert.deepEqual((answers.folding as Array<{ startLine: number }>).map((r) => lines[r.startLine]), ['source:', 'target:', 'identities:', 'mappings:']);
    assertAlive();
    report(t, text);
    client.close(f.uri);
  });
}

test('after the large files the server still answers a small one', async () => {
  const uri = fileUri(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'));
  const wait = client.waitForDiagnostics(uri);
  client.open(uri, contacts);
  const { diagnostics } = await wait;
  assert.deepEqual(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  assertAlive();
});
