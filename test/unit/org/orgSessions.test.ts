/**
 * Org sessions through the real gateway against the local emulator: secrets asked from
 * the host and never kept or shown, status with API usage, describe cache refresh (and
 * 304s), record preview, refreshed tokens handed back, readable failures.
 */
import { loadSalesforceRuntime } from '../../../server/salesforce/loadRuntime';
import './noProxy';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectionRef, OrgStatus } from '../../../shared/protocol';
import { resolveConnection, type ResolvedConnection } from '../../../server/features/org/location';
import { listObjects } from '../../../server/features/org/objects';
import { OrgError, OrgSessions, type OrgHost } from '../../../server/features/org/sessions';
import { startEmulator, type RunningEmulator } from '../../../server/salesforce/emulator/server';
import { service } from './orgFixtures';

let emulator: RunningEmulator;
let root: string;
const PASSWORD = 'p4ssw0rd-NOT-TO-LEAK';

before(async () => {
  emulator = await startEmulator({ seed: 7, records: 120, now: '2025-06-01T12:00:00.000Z', credentials: { password: PASSWORD } });
  root = mkdtempSync(path.join(tmpdir(), 'crmflow-org-sessions-'));
  const c = emulator.credentials;
  writeFileSync(path.join(root, 'crmflow.yaml'), [
    'connections:',
    '  emu:', '    kind: password', `    loginUrl: ${emulator.url}`, '    apiVersion: "62.0"', `    username: ${c.username}`,
    '  rt:', '    kind: refresh-token', `    loginUrl: ${emulator.url}`, '    apiVersion: "62.0"', `    clientId: ${c.clientId}`,
    '  down:', '    kind: emulator', '    loginUrl: http://127.0.0.1:9', '    apiVersion: "62.0"',
    '  web:', '    kind: oauth', `    loginUrl: ${emulator.url}`, '    apiVersion: "62.0"', `    clientId: ${c.clientId}`,
    '',
  ].join('\n'));
});

after(async () => {
  await emulator?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Recorder extends OrgHost {
  asked: string[];
  stored: Array<[string, string, string | null]>;
  statuses: OrgStatus[];
  lines: string[];
}

function host(secrets: Record<string, Record<string, string>>): Recorder {
  const r: Recorder = {
    asked: [], stored: [], statuses: [], lines: [],
    async readSecret(ref, key) {
      r.asked.push(`${ref.name}.${key}`);
      return secrets[ref.name]?.[key];
    },
    storeSecret(ref, key, value) {
      r.stored.push([ref.name, key, value]);
      (secrets[ref.name] ??= {})[key] = value ?? '';
    },
    status(s) {
      r.statuses.push(s);
    },
    log(line) {
      r.lines.push(line);
    },
  };
  return r;
}

function setup(secrets: Record<string, Record<string, string>>) {
  const svc = service();
  const h = host(secrets);
  const sessions = new OrgSessions(svc.workspace, h, () => loadSalesforceRuntime(__dirname));
  const ref = (name: string): ConnectionRef => ({ project: pathToFileURL(root).href, name });
  const conn = (name: string): ResolvedConnection => {
    const r = resolveConnection(svc.workspace, ref(name));
    assert.ok(r.ok, r.ok ? '' : r.message);
    return r.value;
  };
  return { svc, h, sessions, ref, conn };
}

function assertNoLeak(h: Recorder, ...more: unknown[]): void {
  const all = JSON.stringify([h.statuses, h.lines, ...more]);
  assert.ok(!all.includes(PASSWORD), 'the password never appears in statuses, logs or results');
  assert.ok(!all.includes(emulator.credentials.securityToken) && !all.includes(emulator.credentials.refreshToken));
}

test('connect asks for the password, logs in and reports the org and API usage', async () => {
  const { h, sessions, conn, ref } = setup({ emu: { password: PASSWORD, securityToken: emulator.credentials.securityToken } });
  const status = await sessions.connect(conn('emu'));
  assert.equal(status.state, 'connected');
  assert.equal(status.orgId, emulator.orgId);
  assert.equal(status.username, emulator.credentials.username);
  assert.ok(status.apiUsage && status.apiUsage.max > 0 && status.apiUsage.used > 0, JSON.stringify(status.apiUsage));
  assert.ok(h.asked.includes('emu.password'));
  assert.equal(sessions.isConnected(ref('emu').project, 'emu'), true);
  assert.equal(h.statuses.at(-1)?.state, 'connected');
  await sessions.disconnect(ref('emu'));
  assert.equal(sessions.isConnected(ref('emu').project, 'emu'), false);
  assert.equal(h.statuses.at(-1)?.state, 'disconnected');
  assertNoLeak(h, status);
  sessions.dispose();
});

test('a wrong password is a readable error without the secret, and marks the status', async () => {
  const { h, sessions, conn } = setup({ emu: { password: 'wrong-password-123', securityToken: 'nope-token' } });
  await assert.rejects(sessions.connect(conn('emu')), (e: unknown) => {
    assert.ok(e instanceof OrgError);
    assert.match(e.message, /^emu: login failed: INVALID_LOGIN/);
    assert.ok(!e.message.includes('wrong-password-123'));
    return true;
  });
  assert.equal(h.statuses.at(-1)?.state, 'error');
  assert.ok(!JSON.stringify(h.statuses).includes('wrong-password-123'));
  sessions.dispose();
});

test('an emulator that is not running says how to start it', async () => {
  const { sessions, conn } = setup({});
  await assert.rejects(sessions.test(conn('down')), /ECONNREFUSED.*Is the emulator running\? Start it with "crmflow emulator --port 9"/);
  sessions.dispose();
});

test('refresh metadata fills the cache (then 304s), and preview reads the first records', async () => {
  const { svc, h, sessions, conn } = setup({ emu: { password: PASSWORD, securityToken: emulator.credentials.securityToken } });
  const first = await sessions.refreshMetadata(conn('emu'));
  assert.ok(first.objectCount >= 9);
  assert.ok(first.refreshed.includes('Contact') && first.refreshed.includes('Account'), JSON.stringify(first));
  assert.deepEqual(first.failed, []);
  const objects = listObjects(svc.workspace, root, 'emu');
  assert.ok(objects.objects.find((o) => o.name === 'Contact')?.hasDescribe, 'the workspace sees the new cache at once');
  const second = await sessions.refreshMetadata(conn('emu'), ['Contact']);
  assert.deepEqual([second.refreshed, second.unchanged], [[], ['Contact']]);

  const preview = await sessions.preview(conn('emu'), 'Contact', ['Id', 'FirstName', 'LastName', 'Account.Name'], 'IsDeleted = false', 50);
  assert.equal(preview.rows.length, 50);
  assert.deepEqual(preview.columns, ['Id', 'FirstName', 'LastName', 'Account.Name']);
  assert.match(preview.soql, /^SELECT Id, FirstName, LastName, Account\.Name FROM Contact WHERE \(IsDeleted = false\) LIMIT 50$/);
  assert.ok(preview.rows.every((r) => r.length === 4 && /^003/.test(r[0])));
  assert.ok(preview.rows.some((r) => r[3] !== ''), 'relationship values are flattened');
  await assert.rejects(sessions.preview(conn('emu'), 'Contact', ['NoSuchField__c']), /INVALID_FIELD/);
  assertNoLeak(h, first, preview);
  sessions.dispose();
});

test('a refresh-token connection stores the access token it gets, and again after the session expires', async () => {
  const secrets: Record<string, Record<string, string>> = { rt: { refreshToken: emulator.credentials.refreshToken, clientSecret: emulator.credentials.clientSecret } };
  const { h, sessions, conn } = setup(secrets);
  await sessions.test(conn('rt'));
  const stored = h.stored.filter(([, key]) => key === 'accessToken');
  assert.ok(stored.length >= 1, JSON.stringify(h.stored.map(([n, k]) => `${n}.${k}`)));
  const before = secrets.rt.accessToken;
  emulator.expireSessions();
  const preview = await sessions.preview(conn('rt'), 'Account', ['Id', 'Name'], undefined, 5);
  assert.equal(preview.rows.length, 5);
  assert.notEqual(secrets.rt.accessToken, before, 'the refreshed token was handed back');
  assertNoLeak(h, preview);
  sessions.dispose();
});

test('the browser sign-in: authorize URL with PKCE, the redirect code exchanged, the refresh token handed to the host', async () => {
  const secrets: Record<string, Record<string, string>> = {};
  const { h, sessions, conn } = setup(secrets);
  const redirectUri = 'vscode://crm-dataflows.crm-dataflows/oauth-callback';
  await assert.rejects(sessions.test(conn('web')), /NOT_CONNECTED.*sign in in the browser/);
  const { url } = await sessions.beginSignIn(conn('web'), redirectUri);
  const authorize = new URL(url);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorize.searchParams.get('redirect_uri'), redirectUri);
  // the emulator approves at once: its redirect carries the code and our state
  const res = await fetch(url, { redirect: 'manual' });
  const back = new URL(res.headers.get('location') ?? '');
  const code = back.searchParams.get('code')!;
  const state = back.searchParams.get('state')!;
  assert.equal(state, authorize.searchParams.get('state'));
  await assert.rejects(sessions.completeSignIn(conn('web'), code, 'forged-state'), /was not started here or has expired/);
  const status = await sessions.completeSignIn(conn('web'), code, state);
  assert.equal(status.state, 'connected');
  assert.ok(secrets.web?.refreshToken, 'the refresh token went to the host');
  assert.deepEqual([...new Set(h.stored.map(([, k]) => k))].sort(), ['accessToken', 'instanceUrl', 'refreshToken']);
  await assert.rejects(sessions.completeSignIn(conn('web'), code, state), /was not started here/, 'a state is used once');
  assert.ok(!JSON.stringify([h.statuses, h.lines, status]).includes(secrets.web.refreshToken));
  await sessions.disconnect(conn('web').ref);
  assert.deepEqual(h.stored.filter(([, , v]) => v === null).map(([, k]) => k).sort(), ['accessToken', 'instanceUrl', 'refreshToken'], 'Disconnect revokes and forgets the sign-in tokens');
  sessions.dispose();
});
