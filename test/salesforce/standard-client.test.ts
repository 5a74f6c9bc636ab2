/**
 * The issue bar: a Salesforce client nobody here wrote logs in and queries the emulator with only
 * the login URL and credentials changed. nforce (an independent npm client, on the `request`
 * library) drives OAuth login, paged query, queryAll, describe, limits, record reads and writes;
 * then the SOAP login and Bulk API 2.0 flows run as Salesforce's docs describe them, with plain
 * fetch and no project code between the test and the wire.
 */
import { start } from './emulatorHarness';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

const API_VERSION = '62.0';

/** The part of nforce 1.13's API the test drives (the package ships no types). */
interface NforceRecord {
  get(field: string): unknown;
  set(field: string, value: unknown): void;
  getId(): string;
}
interface NforceQueryResult {
  totalSize: number;
  done: boolean;
  records: NforceRecord[];
}
interface NforceError extends Error {
  errorCode?: string;
  statusCode?: number;
}
interface NforceConnection {
  authenticate(options: { username: string; password: string; securityToken?: string }): Promise<{ access_token: string; instance_url: string; id: string }>;
  query(options: { query: string; fetchAll?: boolean; headers?: Record<string, string> }): Promise<NforceQueryResult>;
  queryAll(options: { query: string; fetchAll?: boolean }): Promise<NforceQueryResult>;
  getDescribe(options: { type: string }): Promise<{ name: string; idEnabled?: boolean; fields: { name: string; type: string; referenceTo: string[] }[] }>;
  getLimits(options: Record<string, never>): Promise<Record<string, { Max: number; Remaining: number }>>;
  getRecord(options: { type: string; id: string; fields?: string[] }): Promise<NforceRecord>;
  insert(options: { sobject: NforceRecord }): Promise<{ id: string; success: boolean }>;
  update(options: { sobject: NforceRecord }): Promise<unknown>;
  delete(options: { sobject: NforceRecord }): Promise<unknown>;
}
interface Nforce {
  createConnection(options: Record<string, unknown>): NforceConnection;
  createSObject(type: string, fields?: Record<string, unknown>): NforceRecord;
}

const nforce = createRequire(__filename)('nforce') as Nforce;

describe('nforce 1.13 (an independent client) against the emulator', () => {
  let emulator: RunningEmulator;
  let org: NforceConnection;
  before(async () => {
    emulator = await start({ records: 3000 });
    const c = emulator.credentials;
    // Only the token endpoint and credentials differ from a production set-up.
    org = nforce.createConnection({
      clientId: c.clientId, clientSecret: c.clientSecret, redirectUri: 'http://localhost:3000/oauth/_callback',
      loginUri: `${emulator.url}/services/oauth2/token`, apiVersion: `v${API_VERSION}`, mode: 'single',
    });
  });
  after(() => emulator.close());

  test('OAuth username-password login', async () => {
    const c = emulator.credentials;
    const oauth = await org.authenticate({ username: c.username, password: c.password, securityToken: c.securityToken });
    assert.equal(oauth.instance_url, emulator.url);
    assert.ok(oauth.access_token);
    assert.ok(oauth.id.endsWith(`/${emulator.orgId}/${emulator.userId}`));
  });

  test('query follows nextRecordsUrl itself (fetchAll) across pages', async () => {
    const before = emulator.apiUsage().used;
    const result = await org.query({ query: 'SELECT Id, LastName FROM Contact ORDER BY Id', fetchAll: true });
    const calls = emulator.apiUsage().used - before;
    assert.ok(result.totalSize > 2000, `more than one 2000-row page: ${result.totalSize}`);
    assert.equal(calls, Math.ceil(result.totalSize / 2000), 'one GET per page');
    const ids = result.records.map((r) => r.getId());
    assert.equal(ids.length, result.totalSize);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids);
    const small = await org.query({ query: 'SELECT Id FROM Account', fetchAll: true, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    assert.equal(small.records.length, small.totalSize);
  });

  test('queryAll shows soft-deleted rows that query hides, including one nforce deleted', async () => {
    const sobject = nforce.createSObject('Contact', { LastName: 'Short-Lived', FirstName: 'Nora' });
    const created = await org.insert({ sobject });
    assert.equal(created.success, true);
    assert.equal(sobject.getId(), created.id);
    await org.delete({ sobject });
    const soql = 'SELECT Id, IsDeleted FROM Contact WHERE IsDeleted = true';
    const live = await org.query({ query: soql, fetchAll: true });
    const all = await org.queryAll({ query: soql, fetchAll: true });
    assert.equal(live.totalSize, 0);
    assert.ok(all.totalSize > 1);
    assert.ok(all.records.every((r) => r.get('IsDeleted') === true));
    assert.ok(all.records.some((r) => r.getId() === created.id));
  });

  test('update through nforce moves SystemModstamp; getRecord reads the change', async () => {
    const id = emulator.recordId('Account', 3);
    const before = await org.getRecord({ type: 'Account', id, fields: ['Name', 'SystemModstamp'] });
    const sobject = nforce.createSObject('Account', { id });
    sobject.set('Rating', 'Hot');
    sobject.set('NumberOfEmployees', 4321);
    await org.update({ sobject });
    const after = await org.getRecord({ type: 'Account', id, fields: ['Name', 'Rating', 'NumberOfEmployees', 'SystemModstamp'] });
    assert.equal(after.get('Rating'), 'Hot');
    assert.equal(after.get('NumberOfEmployees'), 4321);
    assert.equal(after.get('Name'), before.get('Name'));
    assert.ok(Date.parse(String(after.get('SystemModstamp')).replace('+0000', 'Z')) > Date.parse(String(before.get('SystemModstamp')).replace('+0000', 'Z')));
  });

  test('describe and limits', async () => {
    const contact = await org.getDescribe({ type: 'Contact' });
    assert.equal(contact.name, 'Contact');
    assert.equal(contact.idEnabled, true);
    const accountId = contact.fields.find((f) => f.name === 'AccountId');
    assert.deepEqual([accountId?.type, accountId?.referenceTo], ['reference', ['Account']]);
    const limits = await org.getLimits({});
    assert.ok(limits.DailyApiRequests.Max > limits.DailyApiRequests.Remaining);
  });

  test('errors surface as nforce errors with the org\'s errorCode', async () => {
    const query = await org.query({ query: 'SELECT Id, Shoe_Size__c FROM Contact' }).catch((e: NforceError) => e);
    assert.ok(query instanceof Error);
    assert.deepEqual([(query as NforceError).errorCode, (query as NforceError).statusCode], ['INVALID_FIELD', 400]);
    assert.match(query.message, /No such column 'Shoe_Size__c' on entity 'Contact'/);
    const insert = await org.insert({ sobject: nforce.createSObject('Contact', { LastName: 'X', Shoe_Size__c: 44 }) }).catch((e: NforceError) => e);
    assert.deepEqual([(insert as NforceError).errorCode, (insert as NforceError).message], ['INVALID_FIELD', "No such column 'shoe_size__c' on sobject of type Contact"]);
    const missing = await org.getRecord({ type: 'Contact', id: emulator.recordId('Contact', 999_999) }).catch((e: NforceError) => e);
    assert.deepEqual([(missing as NforceError).errorCode, (missing as NforceError).statusCode], ['NOT_FOUND', 404]);
  });
});

describe('documented raw HTTP flows with plain fetch', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await start({ records: 3000 });
  });
  after(() => emulator.close());

  /** The SOAP `login` call as the SOAP API Developer Guide's curl example sends it. */
  function soapLogin(username: string, password: string): Promise<Response> {
    const envelope = `<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">
  <env:Body>
    <n1:login xmlns:n1="urn:partner.soap.sforce.com">
      <n1:username>${username}</n1:username>
      <n1:password>${password}</n1:password>
    </n1:login>
  </env:Body>
</env:Envelope>`;
    return fetch(`${emulator.url}/services/Soap/u/${API_VERSION}`, {
      method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'login' }, body: envelope,
    });
  }

  async function sessionOf(): Promise<{ instance: string; sessionId: string }> {
    const c = emulator.credentials;
    const res = await soapLogin(c.username, c.password + c.securityToken);
    assert.equal(res.status, 200);
    const xml = await res.text();
    const serverUrl = /<serverUrl>([^<]+)<\/serverUrl>/.exec(xml)?.[1];
    const sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(xml)?.[1];
    assert.ok(serverUrl && sessionId, xml);
    assert.match(serverUrl, new RegExp(`/services/Soap/u/${API_VERSION}/`));
    return { instance: new URL(serverUrl).origin, sessionId };
  }

  test('SOAP login envelope → serverUrl and sessionId, which the REST API accepts', async () => {
    const { instance, sessionId } = await sessionOf();
    assert.equal(instance, emulator.url);
    const res = await fetch(`${instance}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id, Name FROM Account LIMIT 3')}`, {
      headers: { Authorization: `Bearer ${sessionId}` },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { records: unknown[] }).records.length, 3);
    const denied = await soapLogin(emulator.credentials.username, 'not-the-password');
    assert.equal(denied.status, 500);
    assert.match(await denied.text(), /<faultcode>sf:INVALID_LOGIN<\/faultcode>/);
  });

  test('Bulk API 2.0: create, poll until JobComplete, read results until Sforce-Locator is "null"', async () => {
    const { instance, sessionId } = await sessionOf();
    const base = `${instance}/services/data/v${API_VERSION}/jobs/query`;
    const json = { Authorization: `Bearer ${sessionId}`, 'Content-Type': 'application/json; charset=UTF-8', Accept: 'application/json' };
    const created = await fetch(base, { method: 'POST', headers: json, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name FROM Contact' }) });
    assert.equal(created.status, 200);
    const job = (await created.json()) as { id: string; state: string };
    assert.equal(job.state, 'UploadComplete');
    let state = job.state;
    const deadline = Date.now() + 10_000;
    while (state !== 'JobComplete') {
      assert.ok(state === 'UploadComplete' || state === 'InProgress', `state ${state}`);
      assert.ok(Date.now() < deadline, 'job completes within 10 s');
      state = ((await (await fetch(`${base}/${job.id}`, { headers: json })).json()) as { state: string }).state;
    }
    let locator: string | null = null;
    let rows = 0;
    let pages = 0;
    do {
      const url = `${base}/${job.id}/results?maxRecords=1000${locator ? `&locator=${locator}` : ''}`;
      const page = await fetch(url, { headers: { Authorization: `Bearer ${sessionId}`, Accept: 'text/csv' } });
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await page.text()).split('\n').filter((line) => line !== '');
      assert.equal(lines[0], '"Id","Name"', 'every page starts with the header');
      assert.equal(Number(page.headers.get('sforce-numberofrecords')), lines.length - 1);
      rows += lines.length - 1;
      pages++;
      locator = page.headers.get('sforce-locator');
      assert.ok(locator, 'Sforce-Locator on every page');
    } while (locator !== 'null');
    const count = await fetch(`${instance}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT COUNT() FROM Contact')}`, { headers: { Authorization: `Bearer ${sessionId}` } });
    const totalSize = ((await count.json()) as { totalSize: number }).totalSize;
    assert.equal(rows, totalSize);
    assert.equal(pages, Math.ceil(totalSize / 1000));
    const removed = await fetch(`${base}/${job.id}`, { method: 'DELETE', headers: json });
    assert.equal(removed.status, 204);
  });
});
