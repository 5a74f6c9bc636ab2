import { API_VERSION, oauthConnection, refreshingConnection, start } from './emulatorHarness';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

type Rec = Record<string, unknown>;
const errorCode = (code: string) => (e: Error & { errorCode?: string }) => e.errorCode === code && e.name === code;

describe('emulator REST query, describe and errors via jsforce', () => {
  let emulator: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emulator = await start({ records: 5000 });
    conn = await oauthConnection(emulator);
  });
  after(() => emulator.close());

  test('describeGlobal and describe return Salesforce-shaped metadata', async () => {
    const global = await conn.describeGlobal();
    assert.ok(global.sobjects.some((s) => s.name === 'Contact' && s.keyPrefix === '003' && s.queryable));
    const contact = await conn.describe('Contact');
    const accountId = contact.fields.find((f) => f.name === 'AccountId');
    assert.equal(accountId?.type, 'reference');
    assert.deepEqual(accountId?.referenceTo, ['Account']);
    assert.equal(accountId?.relationshipName, 'Account');
    assert.equal(contact.fields.find((f) => f.name === 'MailingCity')?.compoundFieldName, 'MailingAddress');
    assert.ok(contact.childRelationships.some((r) => r.relationshipName === 'AccountContactRelations'));
  });

  test('describe answers 304 to If-Modified-Since until the metadata changes', async () => {
    const since = new Date(Date.parse('2025-01-01T00:00:00Z')).toUTCString();
    const unchanged = await conn.request({ method: 'GET', url: '/sobjects/Account/describe', headers: { 'If-Modified-Since': since } });
    assert.equal(unchanged, '');
    const global = await conn.request({ method: 'GET', url: '/sobjects', headers: { 'If-Modified-Since': since } });
    assert.equal(global, '');
    const old = await conn.request<Rec>({ method: 'GET', url: '/sobjects/Account/describe', headers: { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' } });
    assert.equal(old.name, 'Account');
    emulator.touchMetadata();
    const changed = await conn.request<Rec>({ method: 'GET', url: '/sobjects/Account/describe', headers: { 'If-Modified-Since': since } });
    assert.equal(changed.name, 'Account');
  });

  test('query-more follows nextRecordsUrl across pages (batchSize 500)', async () => {
    const first = await conn.query<Rec>('SELECT Id, LastName, Account.Name FROM Contact ORDER BY Id', { headers: { 'Sforce-Query-Options': 'batchSize=500' } } as never);
    assert.equal(first.records.length, 500);
    assert.equal(first.done, false);
    assert.match(String(first.nextRecordsUrl), /\/query\/01g\w+-500$/);
    const ids: string[] = first.records.map((r) => r.Id as string);
    let page = first;
    let pages = 1;
    while (!page.done) {
      page = await conn.queryMore<Rec>(page.nextRecordsUrl as string);
      pages++;
      for (const r of page.records) ids.push(r.Id as string);
    }
    assert.equal(ids.length, first.totalSize);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids, 'ORDER BY Id');
    assert.equal(pages, Math.ceil(first.totalSize / 500));
    const withAccount = first.records.find((r) => r.Account !== null) as Rec;
    const account = withAccount.Account as Rec;
    assert.equal((account.attributes as Rec).type, 'Account');
    assert.equal(typeof account.Name, 'string');
  });

  test('autoFetch reads every page of a 2000-row page size', async () => {
    const result = await conn.query<Rec>('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 100000 });
    assert.equal(result.records.length, result.totalSize);
    assert.ok(result.totalSize > 4500);
  });

  test('queryAll returns soft-deleted rows that query hides', async () => {
    const live = await conn.query<Rec>('SELECT COUNT() FROM Contact');
    const all = await conn.query<Rec>('SELECT COUNT() FROM Contact').scanAll(true).run();
    assert.ok(all.totalSize > live.totalSize);
    assert.equal(all.totalSize, emulator.recordCount('Contact'));
    const deleted = await conn.query<Rec>('SELECT Id, IsDeleted FROM Contact WHERE IsDeleted = true').scanAll(true).run({ autoFetch: true });
    assert.equal(deleted.totalSize, all.totalSize - live.totalSize);
    assert.ok(deleted.records.every((r) => r.IsDeleted === true));
    const hidden = await conn.query<Rec>('SELECT Id FROM Contact WHERE IsDeleted = true');
    assert.equal(hidden.totalSize, 0);
  });

  test('WHERE, ORDER BY, LIMIT and OFFSET evaluate like SOQL', async () => {
    const res = await conn.query<Rec>("SELECT Name, Amount, StageName FROM Opportunity WHERE StageName IN ('Closed Won', 'Closed Lost') AND Amount > 1000 ORDER BY Amount DESC NULLS LAST LIMIT 5 OFFSET 2");
    assert.equal(res.records.length, 5);
    const amounts = res.records.map((r) => r.Amount as number);
    assert.deepEqual([...amounts].sort((a, b) => b - a), amounts);
    assert.ok(res.records.every((r) => String(r.StageName).startsWith('Closed') && (r.Amount as number) > 1000));
    const like = await conn.query<Rec>("SELECT Email FROM Contact WHERE Email LIKE '%.EXAMPLE.com' AND Email != null LIMIT 10");
    assert.ok(like.records.length > 0 && like.records.every((r) => /\.example\.com$/.test(String(r.Email))));
    const since = await conn.query<Rec>('SELECT Id, SystemModstamp FROM Contact WHERE SystemModstamp >= 2025-05-01T00:00:00.000+00:00 ORDER BY SystemModstamp ASC');
    assert.ok(since.totalSize > 0);
    assert.ok(since.records.every((r) => Date.parse(String(r.SystemModstamp).replace('+0000', 'Z')) >= Date.parse('2025-05-01T00:00:00Z')));
  });

  test('session expiry mid-query: jsforce refreshes once and the query completes', async () => {
    const local = await start({ records: 3000, faults: { expireSessionAfter: 1 } });
    try {
      const refreshing = refreshingConnection(local);
      const login = await oauthConnection(local);
      refreshing.accessToken = login.accessToken as string;
      let refreshes = 0;
      refreshing.on('refresh', () => refreshes++);
      const result = await refreshing.query<Rec>('SELECT Id FROM Contact').run({ autoFetch: true, maxFetch: 100000 });
      assert.equal(result.records.length, result.totalSize);
      assert.ok(result.totalSize > 2000, 'needs more than one page');
      assert.equal(refreshes, 1);
    } finally {
      await local.close();
    }
  });

  test('errors: INVALID_FIELD, INVALID_TYPE, MALFORMED_QUERY, NOT_FOUND, INVALID_SESSION_ID', async () => {
    await assert.rejects(Promise.resolve(conn.query('SELECT Idx FROM Contact')), (e: Error & { errorCode?: string }) => errorCode('INVALID_FIELD')(e) && /ERROR at Row:1:Column:8/.test(e.message));
    await assert.rejects(Promise.resolve(conn.query('SELECT Id FROM Foo__c')), errorCode('INVALID_TYPE'));
    await assert.rejects(Promise.resolve(conn.query('SELECT Id FROM')), errorCode('MALFORMED_QUERY'));
    await assert.rejects(Promise.resolve(conn.query("SELECT Id FROM Contact WHERE SystemModstamp > '2024-01-01T00:00:00Z'")), errorCode('INVALID_FIELD'));
    await assert.rejects(Promise.resolve(conn.query('SELECT Id FROM Contact WHERE Acount.Name = null')), errorCode('INVALID_FIELD'));
    await assert.rejects(conn.describe('NoSuchObject'), errorCode('NOT_FOUND'));
    await assert.rejects(conn.sobject('Contact').retrieve('003000000000000AAA'), errorCode('NOT_FOUND'));
    const anonymous = new Connection({ instanceUrl: emulator.url, accessToken: 'bogus', version: API_VERSION });
    await assert.rejects(Promise.resolve(anonymous.query('SELECT Id FROM Contact')), errorCode('INVALID_SESSION_ID'));
    await assert.rejects(Promise.resolve(conn.queryMore('01g8d0000000zzzAAA-2000')), errorCode('INVALID_QUERY_LOCATOR'));
  });

  test('retrieve, limits, updated and deleted reflect control-method mutations', async () => {
    const id = emulator.recordId('Contact', 7);
    const before = await conn.sobject('Contact').retrieve(id) as Rec;
    assert.equal(before.Id, id);
    assert.ok(before.MailingAddress === null || typeof before.MailingAddress === 'object');
    emulator.updateRecord('Contact', id, { LastName: 'Updated' });
    const other = emulator.recordId('Contact', 11);
    emulator.deleteRecord('Contact', other);
    const start = new Date(Date.parse('2025-05-30T00:00:00Z'));
    const end = new Date(Date.now() + 3_600_000 + Date.parse('2025-06-01T12:00:00Z') - Date.now());
    const endLater = new Date(end.getTime() + 3_600_000);
    const updated = await conn.sobject('Contact').updated(start, endLater);
    assert.ok(updated.ids.includes(id));
    assert.ok(!updated.ids.includes(other));
    const deleted = await conn.sobject('Contact').deleted(start, endLater);
    assert.ok(deleted.deletedRecords.some((r) => r.id === other));
    const after = await conn.sobject('Contact').retrieve(id) as Rec;
    assert.equal(after.LastName, 'Updated');
    assert.ok(String(after.SystemModstamp) > String(before.SystemModstamp));
    const limits = await conn.limits();
    assert.ok(limits.DailyApiRequests.Remaining < limits.DailyApiRequests.Max);
    await assert.rejects(conn.sobject('Contact').updated(new Date('2024-01-01'), endLater), errorCode('INVALID_REPLICATION_DATE'));
  });

  test('request-limit exhaustion answers 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const local = await start({ faults: { requestLimitAfter: 2 } });
    try {
      const c = await oauthConnection(local);
      await c.query('SELECT Id FROM Account LIMIT 1');
      await c.query('SELECT Id FROM Account LIMIT 1');
      await assert.rejects(Promise.resolve(c.query('SELECT Id FROM Account LIMIT 1')), (e: Error & { errorCode?: string }) => errorCode('REQUEST_LIMIT_EXCEEDED')(e) && /TotalRequests Limit exceeded/.test(e.message));
      assert.deepEqual(local.apiUsage(), { used: 2, max: 2 });
    } finally {
      await local.close();
    }
  });

  test('a connection dropped mid-body: the body is cut, jsforce never gets a record, the next call works', async () => {
    const local = await start({ faults: { dropConnectionAfter: 2 } });
    try {
      const c = await oauthConnection(local);
      await c.query('SELECT Id FROM Account LIMIT 1');
      const url = `${local.url}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id, Name FROM Account LIMIT 50')}`;
      const ok = await (await fetch(url, { headers: { Authorization: `Bearer ${c.accessToken}` } })).json() as { records: unknown[] };
      assert.equal(ok.records.length, 50);
      // The third call is cut: headers and half the body arrive, then the socket closes.
      const cut = await fetch(url, { headers: { Authorization: `Bearer ${c.accessToken}` } });
      assert.equal(cut.status, 200);
      await assert.rejects(cut.text(), /terminated/);
      // jsforce 3.10.16 pipes the body without forwarding stream errors, so the same cut
      // leaves its promise pending (until its 30-minute timeout) rather than rejecting it.
      const local2 = await start({ faults: { dropConnectionAfter: 1 } });
      try {
        const c2 = await oauthConnection(local2);
        await c2.query('SELECT Id FROM Account LIMIT 1');
        const outcome = await Promise.race([
          c2.query('SELECT Id, Name FROM Account LIMIT 50').then(() => 'resolved', () => 'rejected'),
          new Promise<string>((resolve) => setTimeout(() => resolve('pending'), 500).unref()),
        ]);
        assert.notEqual(outcome, 'resolved');
        const after = await c2.query('SELECT Id FROM Account LIMIT 2');
        assert.equal(after.records.length, 2);
      } finally {
        await local2.close();
      }
    } finally {
      await local.close();
    }
  });

  test('seeded 5xx faults: the same seed fails the same GET calls', async () => {
    const statusesOf = async () => {
      const local = await start({ faults: { serverErrorRate: 0.3 } });
      try {
        const c = await oauthConnection(local);
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await fetch(`${local.url}/services/data/v${API_VERSION}/limits`, { headers: { Authorization: `Bearer ${c.accessToken}` } });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        assert.equal(local.serverErrorsServed(), statuses.filter((s) => s === 503).length);
        return statuses;
      } finally {
        await local.close();
      }
    };
    const first = await statusesOf();
    assert.ok(first.includes(503) && first.includes(200), `mix of statuses: ${first.join(',')}`);
    assert.deepEqual(await statusesOf(), first);
  });

  test('jsforce meets injected 503 and 500 answers on GET, retries them and still succeeds', async () => {
    const local = await start();
    try {
      const c = await oauthConnection(local);
      local.failNextGets(2);
      const started = Date.now();
      const result = await c.query<Rec>('SELECT Id FROM Account LIMIT 3');
      assert.equal(result.records.length, 3);
      assert.equal(local.serverErrorsServed(), 2, 'the query met both 503s');
      // jsforce waits 500 ms, then 1000 ms, before its two retries.
      assert.ok(Date.now() - started >= 1400, `retried after back-off: ${Date.now() - started} ms`);
      local.failNextGets(1, 500);
      assert.equal((await c.sobject('Account').retrieve(local.recordId('Account', 0)) as Rec).Id, local.recordId('Account', 0));
      assert.equal(local.serverErrorsServed(), 3);
      const raw = await fetch(`${local.url}/services/data/v${API_VERSION}/limits`, { headers: { Authorization: `Bearer ${c.accessToken}` } });
      assert.equal(raw.status, 200, 'armed failures are used up');
    } finally {
      await local.close();
    }
    const armedAtStart = await start({ faults: { failNextGets: 1 } });
    try {
      const c = await oauthConnection(armedAtStart);
      const url = `${armedAtStart.url}/services/data/v${API_VERSION}/limits`;
      const failed = await fetch(url, { headers: { Authorization: `Bearer ${c.accessToken}` } });
      assert.deepEqual([failed.status, await failed.json()], [503, [{ message: 'Server temporarily unavailable (injected fault).', errorCode: 'SERVER_UNAVAILABLE' }]]);
      assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${c.accessToken}` } })).status, 200);
    } finally {
      await armedAtStart.close();
    }
  });

  test('API versions: those GET /services/data lists are served, others are 404 NOT_FOUND', async () => {
    const versions = await (await fetch(`${emulator.url}/services/data`)).json() as { version: string }[];
    assert.equal(versions.at(-1)?.version, API_VERSION);
    const headers = { Authorization: `Bearer ${conn.accessToken}` };
    for (const version of ['99.0', '63.0', '20.0', '62.5']) {
      const res = await fetch(`${emulator.url}/services/data/v${version}/limits`, { headers });
      assert.deepEqual([version, res.status, await res.json()], [version, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]]);
    }
    assert.equal((await fetch(`${emulator.url}/services/data/v45.0/limits`, { headers })).status, 200);
    const future = new Connection({ instanceUrl: emulator.url, accessToken: conn.accessToken as string, version: '99.0' });
    await assert.rejects(Promise.resolve(future.query('SELECT Id FROM Account LIMIT 1')), errorCode('NOT_FOUND'));
  });

  test('ORDER BY with LIMIT/OFFSET keeps the top rows only and equals the full sort', async () => {
    const changed = emulator.recordId('Contact', 4321);
    emulator.updateRecord('Contact', changed, { LastName: 'Aaberg', FirstName: null });
    for (const [order, where] of [['LastName, Id', ''], ['FirstName DESC NULLS LAST, Id', ''], ['Account.Name, Id', ''], ['Email, Id', " WHERE MailingCountry = 'Germany'"]] as const) {
      const full = await conn.query<Rec>(`SELECT Id FROM Contact${where} ORDER BY ${order}`).run({ autoFetch: true, maxFetch: 100000 });
      const top = await conn.query<Rec>(`SELECT Id FROM Contact${where} ORDER BY ${order} LIMIT 7 OFFSET 3`);
      assert.deepEqual(top.records.map((r) => r.Id), full.records.slice(3, 10).map((r) => r.Id), order);
      assert.equal(top.totalSize, 7);
    }
    const first = await conn.query<Rec>('SELECT Id, LastName FROM Contact ORDER BY LastName, Id LIMIT 1');
    assert.deepEqual(first.records.map((r) => [r.Id, r.LastName]), [[changed, 'Aaberg']], 'a changed row takes part in the sort');
  });

  test('a user has 10 open cursors: the 11th releases the oldest, whose locator is then invalid', async () => {
    const batch = { headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never;
    const opened = [];
    for (let i = 0; i < 11; i++) opened.push(await conn.query<Rec>(`SELECT Id FROM Contact ORDER BY LastName, Id LIMIT ${1000 + i}`, batch));
    assert.ok(opened.every((r) => !r.done));
    await assert.rejects(Promise.resolve(conn.queryMore(opened[0].nextRecordsUrl as string)), errorCode('INVALID_QUERY_LOCATOR'));
    const next = await conn.queryMore<Rec>(opened[10].nextRecordsUrl as string);
    assert.equal(next.records.length, 200);
  });
});
