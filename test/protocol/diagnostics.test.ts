/** The built server over stdio: what a real editor receives. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, fileUri, LspTestClient } from '../helpers/lspClient';
import { BROKEN, EXAMPLES, expectedCodes } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-protocol-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  client = await LspTestClient.start(ws);
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

test('the example dataflows open with no errors', async () => {
  for (const name of ['contacts.dataflow.yaml', 'accounts.dataflow.yaml']) {
    const file = path.join(ws, 'dataflows', name);
    const uri = fileUri(file);
    const wait = client.waitForDiagnostics(uri);
    client.open(uri, readFileSync(file, 'utf8'));
    const { diagnostics } = await wait;
    assert.deepEqual(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code}: ${d.message}`), []);
    client.close(uri);
  }
});

test('each broken fixture yields exactly its expected codes, with source and exact ranges', async () => {
  for (const name of readdirSync(BROKEN)) {
    const text = readFileSync(path.join(BROKEN, name), 'utf8');
    const uri = fileUri(path.join(ws, 'dataflows', name));
    const wait = client.waitForDiagnostics(uri);
    client.open(uri, text);
    const { diagnostics } = await wait;
    assert.deepEqual(codes(diagnostics), expectedCodes(text), name);
    for (const d of diagnostics) {
      assert.equal(d.source, 'crm-dataflow');
      assert.ok(d.range.end.line > 0, `${name}: ${d.code} must not sit on line 0`);
    }
    const unknown = diagnostics.find((d) => d.code === 'unknown-source-field');
    if (unknown) assert.equal(lineText(text, unknown.range), 'FirstNam');
    client.close(uri);
  }
});

test('edits re-check the document and stale versions are never published last', async () => {
  const file = path.join(ws, 'dataflows', 'contacts.dataflow.yaml');
  const uri = fileUri(file);
  const text = readFileSync(file, 'utf8');
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, text, 1);
  await opened;
  const broken = text.replace('source: FirstName', 'source: FirstNme');
  const fixed = text;
  // a burst of versions: only the last one's result may be the final state
  for (let v = 2; v <= 9; v++) client.change(uri, v, [{ text: v % 2 ? fixed : broken }]);
  const last = await client.waitForDiagnostics(uri, (p) => p.version === 9);
  assert.ok(!last.diagnostics.some((d) => d.code === 'unknown-source-field'));
  client.change(uri, 10, [{ text: broken }]);
  const after10 = await client.waitForDiagnostics(uri, (p) => p.version === 10);
  assert.deepEqual(after10.diagnostics.filter((d) => d.code === 'unknown-source-field').map((d) => d.range.start.line), [text.split('\n').findIndex((l) => l.includes('source: FirstName'))]);
  client.close(uri);
});

test('a changed describe cache on disk re-checks open dataflows', async () => {
  const file = path.join(ws, 'dataflows', 'contacts.dataflow.yaml');
  const uri = fileUri(file);
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, readFileSync(file, 'utf8'));
  assert.ok(!(await opened).diagnostics.some((d) => d.code === 'unknown-source-field'));
  const describe = path.join(ws, '.crmflow', 'metadata', 'acme', 'Contact.json');
  const json = JSON.parse(readFileSync(describe, 'utf8'));
  json.fields = json.fields.filter((f: { name: string }) => f.name !== 'Title');
  writeFileSync(describe, JSON.stringify(json));
  const wait = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-source-field'));
  client.filesChanged([{ uri: fileUri(describe), type: 2 }]);
  const { diagnostics } = await wait;
  assert.match(diagnostics.find((d) => d.code === 'unknown-source-field')!.message, /Title/);
  client.close(uri);
});

test('garbage never takes the server down', async () => {
  const uri = fileUri(path.join(ws, 'dataflows', 'garbage.dataflow.yaml'));
  let bytes = '';
  for (let i = 0; i < 5000; i++) bytes += String.fromCharCode((i * 7919) % 0x2fff);
  const wait = client.waitForDiagnostics(uri);
  client.open(uri, bytes);
  await wait;
  const wait2 = client.waitForDiagnostics(uri, (p) => p.version === 2);
  client.change(uri, 2, [{ text: 'dataflow: [[[[' + '{'.repeat(10000) }]);
  await wait2;
  client.close(uri);
  // still alive and answering
  const file = path.join(ws, 'dataflows', 'accounts.dataflow.yaml');
  const wait3 = client.waitForDiagnostics(fileUri(file), () => true, 2000);
  client.open(fileUri(file), readFileSync(file, 'utf8'));
  await wait3;
});

function lineText(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}
