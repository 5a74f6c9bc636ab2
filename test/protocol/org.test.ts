/**
 * The crmflow/* requests over stdio against the built server: connections, objects,
 * describe, the org tree, Create dataflow and field drops on a copy of examples/, then
 * connect / test / refresh / preview against the emulator with the secret served by
 * this client (ReadSecretRequest) and never echoed back.
 */
import '../unit/org/noProxy';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConnectRequest,
  CreateDataflowRequest,
  DescribeObjectRequest,
  DisconnectRequest,
  FieldDropRequest,
  ListConnectionsRequest,
  ListObjectsRequest,
  OrgStatusNotification,
  OrgTreeRequest,
  PreviewRecordsRequest,
  ReadSecretRequest,
  RefreshMetadataRequest,
  TestConnectionRequest,
  type ConnectionRef,
  type OrgStatus,
  type OrgTreeNode,
} from '../../shared/protocol';
import { startEmulator, type RunningEmulator } from '../../server/salesforce/emulator/server';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

const PASSWORD = 'protocol-secret-9f8e7d';
let ws: string;
let client: LspTestClient;
let emulator: RunningEmulator;
let acme: ConnectionRef;
const asked: string[] = [];
const statuses: OrgStatus[] = [];
const secrets = new Map<string, string>();

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-org-protocol-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  emulator = await startEmulator({ seed: 3, records: 80, now: '2025-06-01T12:00:00.000Z', credentials: { password: PASSWORD } });
  const yaml = readFileSync(path.join(ws, 'crmflow.yaml'), 'utf8');
  writeFileSync(path.join(ws, 'crmflow.yaml'), `${yaml.trimEnd()}\n`.replace('connections:\n', `connections:\n  live:\n    kind: password\n    loginUrl: ${emulator.url}\n    apiVersion: "62.0"\n    username: ${emulator.credentials.username}\n`));
  client = await LspTestClient.start(ws);
  client.connection.onRequest(ReadSecretRequest.type, (p) => {
    asked.push(`${p.connection.name}.${p.key}`);
    return secrets.get(`${p.connection.name}.${p.key}`) ?? null;
  });
  client.connection.onNotification(OrgStatusNotification.type, (s) => statuses.push(s));
  acme = { project: fileUri(ws), name: 'acme' };
});

after(async () => {
  await client?.stop();
  await emulator?.close();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('listConnections: the project folder declares live, acme and acme-prod', async () => {
  const list = await client.connection.sendRequest(ListConnectionsRequest.type, { folders: [fileUri(ws)] });
  assert.deepEqual(list.map((c) => [c.name, c.kind, c.hasMetadata]), [['live', 'password', false], ['acme', 'emulator', true], ['acme-prod', 'oauth', false]]);
  assert.equal(list[1].objectCount, 14);
});

test('listObjects and describeObject read the describe cache', async () => {
  const objects = await client.connection.sendRequest(ListObjectsRequest.type, { connection: acme });
  assert.equal(objects.cached, true);
  assert.ok(objects.objects.some((o) => o.name === 'Contact' && o.hasDescribe && !o.custom));
  const contact = await client.connection.sendRequest(DescribeObjectRequest.type, { connection: acme, object: 'Contact' });
  assert.ok(contact);
  const email = contact.fields.find((f) => f.name === 'Email');
  assert.deepEqual([email?.type, email?.typeLabel], ['email', 'email(80)']);
  assert.equal(await client.connection.sendRequest(DescribeObjectRequest.type, { connection: acme, object: 'Nope' }), null);
  const none = await client.connection.sendRequest(ListObjectsRequest.type, { connection: { ...acme, name: 'missing' } });
  assert.deepEqual(none, { objects: [], cached: false, total: 0 });
});

test('orgTree: connection → group → Contact → AccountId → Account.Name', async () => {
  const level = (parent?: OrgTreeNode) => client.connection.sendRequest(OrgTreeRequest.type, { folders: [fileUri(ws)], ...(parent ? { parent: parent.ref } : {}) });
  const conn = (await level()).find((n) => n.label === 'acme')!;
  const group = (await level(conn))[0];
  const contact = (await level(group)).find((n) => n.label === 'Contact')!;
  const accountId = (await level(contact)).find((n) => n.label === 'AccountId')!;
  const name = (await level(accountId)).find((n) => n.label === 'Name')!;
  assert.equal(name.apiName, 'Account.Name');
  assert.equal(name.contextValue, 'field');
});

test('createDataflow returns a Contact dataflow that the server validates with zero errors', async () => {
  const draft = await client.connection.sendRequest(CreateDataflowRequest.type, { connection: acme, object: 'Contact' });
  assert.equal(draft.relativePath, 'dataflows/contact.dataflow.yaml');
  assert.equal(draft.schema, 'schemas/b2b-person.schema.json');
  const file = fileURLToPath(draft.uri);
  assert.equal(file, path.join(ws, 'dataflows', 'contact.dataflow.yaml'));
  writeFileSync(file, draft.text);
  const published = client.waitForDiagnostics(draft.uri);
  client.open(draft.uri, draft.text);
  const { diagnostics } = await published;
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`), []);
  const again = await client.connection.sendRequest(CreateDataflowRequest.type, { connection: acme, object: 'Contact' });
  assert.equal(again.relativePath, 'dataflows/contact-2.dataflow.yaml', 'an existing file is never proposed');

  const drop = await client.connection.sendRequest(FieldDropRequest.type, { uri: draft.uri, position: { line: 0, character: 0 }, source: 'Account.Name', object: 'Contact' });
  assert.ok(drop);
  assert.match(drop.snippet, /^ {2}- source: Account\.Name\n {4}target: \$0\n$/);
  assert.equal(drop.range.start.line, draft.text.split('\n').findIndex((l) => l.startsWith('schedule:')), 'appended after the last mapping');
  client.close(draft.uri);
  await assert.rejects(client.connection.sendRequest(CreateDataflowRequest.type, { connection: acme, object: 'Bad Name' }), /is not an sObject API name/);
});

test('connect, refresh metadata, preview and disconnect through the emulator; the secret never comes back', async () => {
  const live: ConnectionRef = { project: fileUri(ws), name: 'live' };
  await assert.rejects(client.connection.sendRequest(ConnectRequest.type, { connection: live }), /live: login failed: MISSING_SECRET/);
  secrets.set('live.password', PASSWORD);
  secrets.set('live.securityToken', emulator.credentials.securityToken);
  const status = await client.connection.sendRequest(ConnectRequest.type, { connection: live });
  assert.equal(status.state, 'connected');
  assert.equal(status.orgId, emulator.orgId);
  assert.ok(asked.includes('live.password'));
  const tested = await client.connection.sendRequest(TestConnectionRequest.type, { connection: live });
  assert.ok(tested.apiUsage && tested.apiUsage.used > 0);
  const refreshed = await client.connection.sendRequest(RefreshMetadataRequest.type, { connection: live });
  assert.ok(refreshed.refreshed.includes('Contact'));
  const tree = await client.connection.sendRequest(OrgTreeRequest.type, { folders: [fileUri(ws)] });
  assert.match(tree.find((n) => n.label === 'live')?.description ?? '', /connected/);
  const preview = await client.connection.sendRequest(PreviewRecordsRequest.type, { connection: live, object: 'Contact' });
  assert.equal(preview.rows.length, 50);
  assert.equal(preview.columns[0], 'Id');
  const liveFlow = path.join(ws, 'dataflows', 'live-contacts.dataflow.yaml');
  writeFileSync(liveFlow, readFileSync(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'), 'utf8').replace('connection: acme', 'connection: live'));
  const byDataflow = await client.connection.sendRequest(PreviewRecordsRequest.type, { uri: fileUri(liveFlow) });
  assert.deepEqual([byDataflow.connection.name, byDataflow.object], ['live', 'Contact']);
  assert.ok(byDataflow.columns.includes('Account.Name') && byDataflow.columns.includes('MailingCity'), 'the fields the dataflow maps');
  assert.match(byDataflow.soql, / WHERE \(IsDeleted = false\) LIMIT 50$/, "the dataflow's where");
  await client.connection.sendRequest(DisconnectRequest.type, { connection: live });
  assert.equal(statuses.at(-1)?.state, 'disconnected');
  const everything = JSON.stringify([status, tested, refreshed, tree, preview, statuses]);
  assert.ok(!everything.includes(PASSWORD) && !everything.includes(emulator.credentials.securityToken));
});
