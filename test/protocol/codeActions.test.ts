/** Code actions and CodeLens over stdio, against the built server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CodeLensRequest, type CodeAction, type Command, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { COMMANDS } from '../../shared/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { BROKEN, EXAMPLES } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;

before(async () => {
  delete process.env.http_proxy;
  delete process.env.https_proxy;
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-codeactions-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  client = await LspTestClient.start(ws);
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

function apply(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits = edit?.changes?.[uri];
  assert.ok(edits?.length, 'the action edits this document');
  return TextDocument.applyEdits(TextDocument.create(uri, 'crm-dataflow', 1, text), edits);
}

function isAction(x: Command | CodeAction): x is CodeAction {
  return !('command' in x && typeof x.command === 'string');
}

test('the server advertises code actions and CodeLens; a quick fix from a published diagnostic removes it', async () => {
  const text = readFileSync(path.join(BROKEN, 'broken-mappings.dataflow.yaml'), 'utf8');
  const uri = fileUri(path.join(ws, 'dataflows', 'broken-mappings.dataflow.yaml'));
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, text);
  const { diagnostics } = await opened;
  const unknown = diagnostics.find((d) => d.code === 'unknown-source-field') as Diagnostic;
  assert.ok(unknown);
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown], only: ['quickfix'] },
  });
  const actions = (result ?? []).filter(isAction);
  const fix = actions.find((a) => a.title === "Change to 'FirstName'");
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics, [unknown]);
  const fixed = apply(text, fix.edit, uri);
  const rechecked = client.waitForDiagnostics(uri, (p) => p.version === 2);
  client.change(uri, 2, [{ text: fixed }]);
  assert.ok(!(await rechecked).diagnostics.some((d) => d.code === 'unknown-source-field'));
  client.close(uri);
});

test('Suggest mappings comes back as one source action whose edit validates', async () => {
  const file = path.join(ws, 'dataflows', 'contacts.dataflow.yaml');
  const full = readFileSync(file, 'utf8');
  const text = full.slice(0, full.indexOf('mappings:')) + 'mappings:\n';
  const uri = fileUri(file);
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, text);
  await opened;
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] },
  });
  const actions = (result ?? []).filter(isAction);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.suggestMappings');
  const fixed = apply(text, actions[0].edit, uri);
  assert.ok(fixed.includes('# suggested by CRM Dataflows — review'));
  const rechecked = client.waitForDiagnostics(uri, (p) => p.version === 2);
  client.change(uri, 2, [{ text: fixed }]);
  const { diagnostics } = await rechecked;
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1 || d.code === 'required-unmapped').map((d) => d.code), []);
  client.close(uri);
});

test('CodeLens names the shared commands with the document uri, and garbage gets no error', async () => {
  const file = path.join(ws, 'dataflows', 'accounts.dataflow.yaml');
  const uri = fileUri(file);
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, readFileSync(file, 'utf8'));
  await opened;
  const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.deepEqual(lenses?.map((l) => l.command?.command).slice(0, 2), [COMMANDS.runTestIngestion, COMMANDS.previewRecords]);
  assert.deepEqual(lenses?.[0].command?.arguments, [uri]);
  assert.match(lenses?.[2].command?.title ?? '', /^\d+ mapped · 0 required missing · 1 identity$/);
  client.close(uri);

  const junk = fileUri(path.join(ws, 'dataflows', 'junk.dataflow.yaml'));
  const j = client.waitForDiagnostics(junk);
  client.open(junk, 'mappings:\n  - { source: [\n  -: - :\n\t"');
  await j;
  for (let line = 0; line < 4; line++) {
    const r = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: junk }, range: { start: { line, character: 0 }, end: { line, character: 3 } }, context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(r));
  }
  assert.ok(Array.isArray(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: junk } })));
  client.close(junk);
});
