/** A target schema with any JSON name is watched: changing it on disk re-checks the dataflows that use it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistrationRequest, type Registration } from 'vscode-languageserver-protocol';
import { WATCHED_GLOBS } from '../../shared/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;
const registrations: Registration[] = [];

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-watch-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  cpSync(path.join(ws, 'schemas', 'b2b-person.schema.json'), path.join(ws, 'schemas', 'person.json'));
  client = await LspTestClient.start(ws, { watchers: true });
  // attached before the server's registration can arrive: that needs a read from its stdout
  client.connection.onRequest(RegistrationRequest.type, (p) => {
    registrations.push(...p.registrations);
  });
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

test('the server registers the protocol\'s watched globs', async () => {
  const deadline = Date.now() + 5000;
  while (!registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles') && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(watch, 'no watcher registration');
  const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  assert.deepEqual(globs, [...WATCHED_GLOBS]);
});

test('a changed schema named person.json re-checks the dataflow that targets it', async () => {
  const file = path.join(ws, 'dataflows', 'person.dataflow.yaml');
  const uri = fileUri(file);
  const text = 'dataflow: Person\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/person.json\nmappings:\n  - source: FirstName\n    target: person.name.firstName\n';
  writeFileSync(file, text);
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, text);
  assert.ok(!(await opened).diagnostics.some((d) => d.code === 'unknown-target-path'));
  const schema = path.join(ws, 'schemas', 'person.json');
  writeFileSync(schema, JSON.stringify({ title: 'Person', type: 'object', properties: { nickname: { type: 'string' } } }));
  const rechecked = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-target-path'));
  client.filesChanged([{ uri: fileUri(schema), type: 2 }]);
  const { diagnostics } = await rechecked;
  assert.match(diagnostics.find((d) => d.code === 'unknown-target-path')!.message, /'person' does not exist/);
  client.close(uri);
});
