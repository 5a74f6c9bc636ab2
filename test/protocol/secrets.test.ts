/**
 * The language server's own output while it talks to an org. Every connection kind
 * connects over stdio with distinctive secrets (answered here, as the client's
 * SecretStorage would), refreshes metadata, previews records, lives through an expired
 * session and fails with wrong secrets. Then nothing the server produced (stderr, log and
 * show messages, notifications, responses, its own requests, files under the workspace)
 * may hold a secret, an issued token or code, or key material. Refreshed tokens travel
 * only as the `value` of crmflow/secretUpdated, the channel meant for them.
 */
import '../unit/org/noProxy';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { Message } from 'vscode-languageserver-protocol/node';
import {
  BeginSignInRequest,
  CompleteSignInRequest,
  ConnectRequest,
  DisconnectRequest,
  OrgStatusNotification,
  PreviewRecordsRequest,
  ReadSecretRequest,
  RefreshMetadataRequest,
  SecretUpdatedNotification,
  TestConnectionRequest,
  type ConnectionRef,
  type OrgStatus,
  type SecretUpdatedParams,
} from '../../shared/protocol';
import { CONNECTION_KINDS, type ConnectionKind } from '../../server/salesforce/connections/connectionConfig';
import { startEmulator, type RunningEmulator } from '../../server/salesforce/emulator/server';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';
import { encodings, filesUnder, keyMaterial } from '../helpers/secretNeedles';

// The connected app's key pair (the emulator checks assertions with its public half) and a stranger's key.
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const PEM = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const WRONG_PEM = stranger.export({ type: 'pkcs8', format: 'pem' }).toString();
const BAD_KEY_MATERIAL = 'LSPBADKEYSECRETMATERIAL0123456789';
// +, &, /, = and <> change under URL, form and XML encoding: every encoded form is looked for too
const K = {
  username: 'lsp-secret@acme.example', clientId: '3MVG9LSPSECRETTESTCLIENT',
  password: 'Pw+LSP&SECRET/8d2c<1>', securityToken: 'TOKLSPSECRET4e7b90', clientSecret: 'CS+LSP/SECRET=a1b2c3', refreshToken: 'RT-LSP-SECRET-77aa01',
};
const WRONG = { password: 'WRONG+LSP&SECRET-pw', clientSecret: 'WRONG-LSP-SECRET-cs', refreshToken: 'WRONG-LSP-SECRET-rt', accessToken: 'WRONG-LSP-SECRET-at' };
const REDIRECT = 'vscode://crm-dataflows.crm-dataflows/oauth-callback';
const STDERR_PROBE = 'crmflow-test-stderr-probe';
/** the keys crmflow/secretUpdated may carry */
const STORED_KEYS = ['accessToken', 'refreshToken', 'instanceUrl'];

let ws: string;
let client: LspTestClient | undefined;
let emulator: RunningEmulator;
/** the client's SecretStorage: `<connection>.<key>` */
const store = new Map<string, string>();
const updates: SecretUpdatedParams[] = [];
const statuses: OrgStatus[] = [];
/** rejections of our requests, printed every way a client might */
const errorTexts: string[] = [];
/** authorization codes and PKCE challenges of the sign-ins */
const codes: string[] = [];
const challenges = new Set<string>();
const covered = new Set<ConnectionKind>();

const ref = (name: string): ConnectionRef => ({ project: fileUri(ws), name });
const lsp = () => client!.connection;
const connect = (name: string) => lsp().sendRequest(ConnectRequest.type, { connection: ref(name) });
const preview = (name: string) => lsp().sendRequest(PreviewRecordsRequest.type, { connection: ref(name), object: 'Contact' });
const logCount = (pattern: RegExp) => client!.messages.filter((m) => pattern.test(m)).length;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    errorTexts.push(String(e), JSON.stringify(e) ?? '', (e as Error).stack ?? '', inspect(e, { depth: 5 }));
    return e as Error;
  }
  throw new Error('expected the request to fail');
}

function setSecrets(name: string, secrets: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(secrets)) {
    if (value === undefined) store.delete(`${name}.${key}`);
    else store.set(`${name}.${key}`, value);
  }
}

/** Connects, previews, expires every session and previews again: a refresh (logged) or a readable failure. */
async function lifeCycle(name: string, kind: ConnectionKind, refreshes: boolean): Promise<void> {
  const status = await connect(name);
  assert.equal(status.state, 'connected', name);
  assert.equal(status.orgId, emulator.orgId);
  assert.equal(status.username, K.username);
  assert.equal((await preview(name)).rows.length, 50);
  const refreshedLines = new RegExp(`^${name}: session refreshed \\(${kind}\\)`);
  const before = logCount(refreshedLines);
  emulator.expireSessions();
  if (refreshes) {
    assert.equal((await preview(name)).rows.length, 50, `${name} previews again after its session expired`);
    // the log notification is written before the response on the same stream
    assert.equal(logCount(refreshedLines), before + 1, `${name} refreshed its session once`);
  } else {
    const err = await rejection(preview(name));
    assert.match(err.message, new RegExp(`^${name}: query failed: INVALID_SESSION_ID: .*cannot refresh it`));
    assert.equal(statuses.at(-1)?.state, 'error');
  }
  covered.add(kind);
}

async function failsToConnect(name: string, code: RegExp): Promise<void> {
  const err = await rejection(connect(name));
  assert.match(err.message, new RegExp(`^${name}: \\w+ failed: ${code.source}`));
  assert.equal(statuses.at(-1)?.state, 'error');
  assert.equal(statuses.at(-1)?.message, err.message);
}

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-secrets-protocol-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  // a settings file the server could only reach through the client: it must come out as it went in
  mkdirSync(path.join(ws, '.vscode'));
  writeFileSync(path.join(ws, '.vscode', 'settings.json'), '{ "crmDataflows.trace.server": "verbose" }\n');
  emulator = await startEmulator({
    seed: 5, records: 80, now: '2025-06-01T12:00:00.000Z', credentials: K,
    jwtCertificate: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  const decl = (name: string, kind: ConnectionKind, extra: string[]) => [`  ${name}:`, `    kind: ${kind}`, `    loginUrl: ${emulator.url}`, '    apiVersion: "62.0"', ...extra].join('\n');
  const user = `    username: ${K.username}`;
  const app = `    clientId: ${K.clientId}`;
  const ours = [
    decl('live', 'password', [user, app]), decl('emu', 'emulator', [user, app]), decl('jwt', 'jwt', [user, app]), decl('cc', 'client-credentials', [app]),
    decl('rt', 'refresh-token', [app]), decl('at', 'access-token', []), decl('oa', 'oauth', [app]),
  ].join('\n');
  const yaml = readFileSync(path.join(ws, 'crmflow.yaml'), 'utf8');
  writeFileSync(path.join(ws, 'crmflow.yaml'), `${yaml.trimEnd()}\n`.replace('connections:\n', `connections:\n${ours}\n`));
  // a preload that writes one line to stderr as the server exits: proves stderr is captured to the end
  client = await LspTestClient.start(ws, { record: true, nodeFlags: [`--import=data:text/javascript,process.on("exit",()=>process.stderr.write("${STDERR_PROBE}\\n"))`] });
  lsp().onRequest(ReadSecretRequest.type, (p) => store.get(`${p.connection.name}.${p.key}`) ?? null);
  lsp().onNotification(SecretUpdatedNotification.type, (p) => {
    updates.push(p);
    // as the client does: keep the new value, forget on null
    if (p.value === null) store.delete(`${p.connection.name}.${p.key}`);
    else store.set(`${p.connection.name}.${p.key}`, p.value);
  });
  lsp().onNotification(OrgStatusNotification.type, (s) => statuses.push(s));
});

after(async () => {
  await client?.stop();
  await emulator?.close();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

test('password: a wrong password, then connect, refresh metadata, preview, an expired session, a wrong password again', async () => {
  setSecrets('live', { password: WRONG.password, securityToken: K.securityToken, clientSecret: K.clientSecret });
  await failsToConnect('live', /invalid_grant/);
  setSecrets('live', { password: K.password });
  const tested = await lsp().sendRequest(TestConnectionRequest.type, { connection: ref('live') });
  assert.equal(tested.state, 'connected');
  const refreshed = await lsp().sendRequest(RefreshMetadataRequest.type, { connection: ref('live') });
  assert.ok(refreshed.refreshed.includes('Contact'));
  const flow = path.join(ws, 'dataflows', 'live-contacts.dataflow.yaml');
  writeFileSync(flow, readFileSync(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'), 'utf8').replace('connection: acme', 'connection: live'));
  const byDataflow = await lsp().sendRequest(PreviewRecordsRequest.type, { uri: fileUri(flow) });
  assert.equal(byDataflow.object, 'Contact');
  await lifeCycle('live', 'password', true);
  setSecrets('live', { clientSecret: WRONG.clientSecret });
  await failsToConnect('live', /invalid_client_id/);
  setSecrets('live', { clientSecret: K.clientSecret, password: WRONG.password });
  await failsToConnect('live', /invalid_grant/);
  await lsp().sendRequest(DisconnectRequest.type, { connection: ref('live') });
});

test('emulator kind with secrets of its own', async () => {
  setSecrets('emu', { password: K.password, securityToken: K.securityToken, clientSecret: K.clientSecret });
  await lifeCycle('emu', 'emulator', true);
  setSecrets('emu', { password: WRONG.password });
  await failsToConnect('emu', /invalid_grant/);
});

test('jwt: the private key signs in and again after expiry; a stranger key and an unreadable key fail', async () => {
  setSecrets('jwt', { privateKey: PEM });
  await lifeCycle('jwt', 'jwt', true);
  assert.ok((await lsp().sendRequest(RefreshMetadataRequest.type, { connection: ref('jwt'), objects: ['Account'] })).refreshed.includes('Account'));
  setSecrets('jwt', { privateKey: WRONG_PEM });
  await failsToConnect('jwt', /invalid_grant/);
  setSecrets('jwt', { privateKey: `-----BEGIN PRIVATE KEY-----\n${BAD_KEY_MATERIAL}\n-----END PRIVATE KEY-----\n` });
  await failsToConnect('jwt', /INVALID_PRIVATE_KEY/);
});

test('client-credentials: the grant is repeated after expiry; a wrong client secret fails', async () => {
  setSecrets('cc', { clientSecret: K.clientSecret });
  await lifeCycle('cc', 'client-credentials', true);
  setSecrets('cc', { clientSecret: WRONG.clientSecret });
  await failsToConnect('cc', /invalid_client/);
});

test('refresh-token: refreshed access tokens go to the client only as crmflow/secretUpdated; a wrong refresh token fails', async () => {
  setSecrets('rt', { refreshToken: K.refreshToken, clientSecret: K.clientSecret });
  await lifeCycle('rt', 'refresh-token', true);
  const tokens = updates.filter((u) => u.connection.name === 'rt' && u.key === 'accessToken');
  assert.equal(tokens.length, 2, 'one token at connect, one after the expiry');
  assert.equal(store.get('rt.accessToken'), tokens[1].value);
  setSecrets('rt', { refreshToken: WRONG.refreshToken, accessToken: undefined, instanceUrl: undefined });
  await failsToConnect('rt', /invalid_grant/);
});

test('access-token: a pasted token works until the session expires, then fails readably; a wrong token fails', async () => {
  // a live token of the org, as a user would paste it (the refresh-token connection's latest)
  setSecrets('at', { accessToken: updates.filter((u) => u.connection.name === 'rt' && u.key === 'accessToken').at(-1)?.value ?? undefined });
  await lifeCycle('at', 'access-token', false);
  setSecrets('at', { accessToken: WRONG.accessToken });
  await failsToConnect('at', /INVALID_SESSION_ID/);
});

test('oauth: browser sign-in with PKCE; a code exchanged with the wrong verifier fails; refresh after expiry; revoke', async () => {
  setSecrets('oa', { clientSecret: K.clientSecret });
  await failsToConnect('oa', /NOT_CONNECTED/);
  /** The browser: open the authorize URL; the emulator approves at once and redirects with a code. */
  const signIn = async () => {
    const { url } = await lsp().sendRequest(BeginSignInRequest.type, { connection: ref('oa'), redirectUri: REDIRECT });
    challenges.add(new URL(url).searchParams.get('code_challenge') as string);
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location') as string);
    const code = back.searchParams.get('code') as string;
    codes.push(code);
    return { code, state: back.searchParams.get('state') as string };
  };
  const a = await signIn();
  const b = await signIn();
  const unknown = await rejection(lsp().sendRequest(CompleteSignInRequest.type, { connection: ref('oa'), code: a.code, state: 'not-a-state-we-issued' }));
  assert.match(unknown.message, /was not started here/);
  // b's code with a's verifier: the challenge does not match
  const mismatch = await rejection(lsp().sendRequest(CompleteSignInRequest.type, { connection: ref('oa'), code: b.code, state: a.state }));
  assert.match(mismatch.message, /^oa: authorize failed: invalid_grant/);
  const c = await signIn();
  const status = await lsp().sendRequest(CompleteSignInRequest.type, { connection: ref('oa'), code: c.code, state: c.state });
  assert.equal(status.state, 'connected');
  assert.ok(store.get('oa.refreshToken')?.startsWith('5Aep'), 'the issued refresh token went to the client');
  await lifeCycle('oa', 'oauth', true);
  await lsp().sendRequest(DisconnectRequest.type, { connection: ref('oa') });
  assert.equal(store.get('oa.refreshToken'), undefined, 'disconnect forgets the revoked tokens');
  setSecrets('oa', { refreshToken: WRONG.refreshToken });
  await failsToConnect('oa', /invalid_grant/);
});

test('nothing the server wrote holds a secret, an issued token or code, or key material', async () => {
  // every token the client was handed is a needle everywhere else
  const issued = updates.filter((u) => u.key !== 'instanceUrl' && u.value).map((u) => u.value as string);
  const recorded = client!;
  await recorded.stop();
  client = undefined;
  const stderr = recorded.stderr.join('');
  assert.ok(stderr.includes(STDERR_PROBE), 'the server stderr was captured up to its exit');
  assert.deepEqual([...covered].sort(), [...CONNECTION_KINDS].sort(), 'every connection kind ran');
  assert.ok(issued.length >= 5, `tokens were issued to the client (${issued.length})`);
  assert.ok(recorded.messages.some((m) => /^live: logged in \(password\)/.test(m)), 'log messages were captured');
  const methods = new Set(recorded.received.map((m) => (Message.isRequest(m) || Message.isNotification(m) ? m.method : Message.isResponse(m) && m.error ? 'response error' : 'response')));
  for (const m of ['window/logMessage', 'crmflow/orgStatus', 'crmflow/secretUpdated', 'crmflow/readSecret', 'response', 'response error']) assert.ok(methods.has(m), `${m} traffic was recorded`);

  // the only place a token may travel: a secretUpdated value, of a key meant for it
  const traffic = recorded.received.map((m) => {
    if (!Message.isNotification(m) || m.method !== SecretUpdatedNotification.method) return m;
    const p = m.params as SecretUpdatedParams;
    assert.ok(STORED_KEYS.includes(p.key), `secretUpdated carries ${p.key}`);
    return { ...m, params: { ...p, value: p.value === null ? null : '<value>' } };
  });

  const needles = new Map<string, string>();
  const add = (label: string, values: readonly string[]) => {
    for (const v of values) for (const e of encodings(v)) if (e.length >= 8) needles.set(e, label);
  };
  add('a test secret', [K.password, K.securityToken, K.clientSecret, K.refreshToken, K.password + K.securityToken]);
  add('a wrong secret', [...Object.values(WRONG), BAD_KEY_MATERIAL]);
  add('the private key', keyMaterial(PEM, pair.privateKey));
  add("a stranger's private key", keyMaterial(WRONG_PEM, stranger));
  add('an issued token', issued);
  add('an authorization code', codes);
  const shapes: [string, RegExp][] = [
    ['something shaped like an access token of the emulator', new RegExp(`${emulator.orgId.slice(0, 15)}!`)],
    ['something shaped like an issued refresh token', /5Aep[A-Za-z0-9]{40,}/],
    ['something shaped like an authorization code', /aPrx[A-Za-z0-9]{30,}/],
    ['a signed JWT assertion', new RegExp(`${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}\\.`)],
    ['a PEM private key marker', /PRIVATE KEY-----/],
  ];
  const files = filesUnder(ws);
  assert.ok(files.includes(path.join(ws, '.crmflow', 'metadata', 'live', 'Contact.json')), 'refresh metadata wrote the cache');
  assert.equal(readFileSync(path.join(ws, '.vscode', 'settings.json'), 'utf8'), '{ "crmDataflows.trace.server": "verbose" }\n');
  const haystacks: [string, string][] = [
    ['server stderr', stderr],
    ['log messages', recorded.messages.join('\n')],
    ['server messages (notifications, responses, requests)', traffic.map((m) => JSON.stringify(m)).join('\n')],
    ['org statuses', JSON.stringify(statuses)],
    ['request errors as printed', errorTexts.join('\n')],
    ...files.map((f) => [f, readFileSync(f, 'utf8')] as [string, string]),
  ];
  for (const [where, text] of haystacks) {
    for (const [needle, label] of needles) assert.ok(!text.includes(needle), `${label} appears in ${where}`);
    for (const [label, shape] of shapes) assert.ok(!shape.test(text), `${label} appears in ${where}`);
    // the PKCE verifiers never left the server: no string there hashes to a challenge it sent
    for (const run of text.match(/[A-Za-z0-9_-]{43,128}/g) ?? []) {
      assert.ok(!challenges.has(createHash('sha256').update(run).digest('base64url')), `a PKCE code verifier appears in ${where}`);
    }
  }
});
