import { API_VERSION, oauthConnection, parseCsv, start } from './emulatorHarness';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

interface JobInfo { id: string; state: string; numberRecordsProcessed?: number; errorMessage?: string; object: string; apiVersion: number }

async function createJob(conn: Connection, query: string, operation = 'query'): Promise<JobInfo> {
  return conn.requestPost<JobInfo>('/jobs/query', { operation, query, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
}

async function waitForJob(conn: Connection, id: string): Promise<JobInfo> {
  const states: string[] = [];
  for (let i = 0; i < 10; i++) {
    const info = await conn.request<JobInfo>(`/jobs/query/${id}`);
    states.push(info.state);
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') {
      assert.equal(states[0], 'InProgress', `state progression ${states.join(' → ')}`);
      return info;
    }
  }
  throw new Error(`job stuck: ${states.join(' → ')}`);
}

/** Our own locator paging over fetch: jsforce's bulk2.query crashes on multi-page results. */
async function fetchPages(emulator: RunningEmulator, conn: Connection, id: string, maxRecords: number) {
  const pages: { rows: string[][]; count: number; locator: string }[] = [];
  let locator: string | null = null;
  do {
    const query = new URLSearchParams({ maxRecords: String(maxRecords) });
    if (locator) query.set('locator', locator);
    const res = await fetch(`${emulator.url}/services/data/v${API_VERSION}/jobs/query/${id}/results?${query}`, {
      headers: { Authorization: `Bearer ${conn.accessToken}`, Accept: 'text/csv' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('sforce-limit-info') ?? '', /^api-usage=\d+\/\d+$/);
    locator = res.headers.get('sforce-locator');
    assert.ok(locator, 'Sforce-Locator is always sent');
    pages.push({ rows: parseCsv(await res.text()), count: Number(res.headers.get('sforce-numberofrecords')), locator });
  } while (locator !== 'null');
  return pages;
}

describe('emulator Bulk API 2.0 query jobs', () => {
  let emulator: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emulator = await start({ records: 2000 });
    conn = await oauthConnection(emulator);
  });
  after(() => emulator.close());

  test('a job pages through >= 5 result pages with locators, the header on every page', async () => {
    const job = await createJob(conn, 'SELECT Id, LastName, Description, Account.Name, HasOptedOutOfEmail, SystemModstamp FROM Contact');
    assert.equal(job.state, 'UploadComplete');
    assert.equal(job.object, 'Contact');
    assert.equal(job.apiVersion, 62);
    const done = await waitForJob(conn, job.id);
    assert.equal(done.state, 'JobComplete');
    const pages = await fetchPages(emulator, conn, job.id, 400);
    assert.ok(pages.length >= 5, `${pages.length} pages`);
    const header = ['Id', 'LastName', 'Description', 'Account.Name', 'HasOptedOutOfEmail', 'SystemModstamp'];
    let total = 0;
    const ids = new Set<string>();
    for (const page of pages) {
      assert.deepEqual(page.rows[0], header);
      assert.equal(page.rows.length - 1, page.count);
      total += page.count;
      for (const row of page.rows.slice(1)) {
        assert.equal(row.length, header.length);
        ids.add(row[0]);
        assert.match(row[4], /^(true|false)$/);
        assert.match(row[5], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      }
    }
    assert.equal(total, done.numberRecordsProcessed);
    assert.equal(ids.size, total);
    const live = await conn.query('SELECT COUNT() FROM Contact');
    assert.equal(total, live.totalSize, 'operation query excludes deleted rows');
    assert.ok(pages.slice(0, -1).every((p) => p.locator !== 'null'));
    const allRows = pages.flatMap((p) => p.rows.slice(1));
    assert.ok(allRows.some((r) => r[2].includes('"') && r[2].includes('\n')), 'quotes and newlines survive CSV quoting');
    assert.ok(allRows.some((r) => r[3] === ''), 'null lookups are empty');
  });

  test('CSV is quoted exactly: every value quoted, quotes doubled, nulls empty', async () => {
    // Description is a long text area, which SOQL cannot filter on: find a row by Id instead.
    let id = '';
    for (let i = 0; !id; i++) {
      const row = emulator.getRecord('Contact', emulator.recordId('Contact', i));
      if (row && !row.IsDeleted && String(row.Description).startsWith('Met at') && row.Fax === null) id = String(row.Id);
    }
    const job = await createJob(conn, `SELECT Id, Description, Fax FROM Contact WHERE Id = '${id}'`);
    await waitForJob(conn, job.id);
    const res = await fetch(`${emulator.url}/services/data/v${API_VERSION}/jobs/query/${job.id}/results`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    const text = await res.text();
    assert.equal(res.headers.get('sforce-locator'), 'null');
    assert.equal(res.headers.get('sforce-numberofrecords'), '1');
    assert.match(text, /^"Id","Description","Fax"\n"003\w{15}","Met at ""Dreamforce"", prefers email\.\nFollow up in Q3\.",\n$/);
  });

  test('queryAll jobs include soft-deleted rows', async () => {
    const job = await createJob(conn, 'SELECT Id, IsDeleted FROM Contact', 'queryAll');
    const done = await waitForJob(conn, job.id);
    assert.equal(done.numberRecordsProcessed, emulator.recordCount('Contact'));
    const pages = await fetchPages(emulator, conn, job.id, 100_000);
    assert.ok(pages[0].rows.slice(1).some((r) => r[1] === 'true'));
  });

  test('the fault-injected job fails: its results are refused and jsforce bulk2.query rejects', async () => {
    const local = await start({ faults: { failBulkJob: 1 } });
    try {
      const c = await oauthConnection(local);
      const job = await createJob(c, 'SELECT Id FROM Account');
      const done = await waitForJob(c, job.id);
      assert.equal(done.state, 'Failed');
      assert.match(done.errorMessage ?? '', /fault injection/);
      const res = await fetch(`${local.url}/services/data/v${API_VERSION}/jobs/query/${job.id}/results`, { headers: { Authorization: `Bearer ${c.accessToken}` } });
      assert.equal(res.status, 412);
      await res.arrayBuffer();
    } finally {
      await local.close();
    }
    const again = await start({ faults: { failBulkJob: 1 } });
    try {
      const c = await oauthConnection(again);
      await assert.rejects(async () => {
        const stream = await c.bulk2.query('SELECT Id FROM Account', { pollInterval: 20, pollTimeout: 5000 });
        await stream.toArray();
      }, /failed/i);
    } finally {
      await again.close();
    }
  });

  test("jsforce's own bulk2.query works on a single-page result", async () => {
    const records = await (await conn.bulk2.query('SELECT Id, Name FROM Account LIMIT 25', { pollInterval: 20, pollTimeout: 5000 })).toArray();
    assert.equal(records.length, 25);
    assert.match(String(records[0].Id), /^001/);
  });

  test('compound fields, FIELDS() and OFFSET are rejected the way Bulk rejects them; abort and delete work', async () => {
    await assert.rejects(createJob(conn, 'SELECT Id, MailingAddress FROM Contact'), (e: Error & { errorCode?: string }) =>
      e.errorCode === 'API_ERROR' && e.message === 'Selecting compound data not supported in Bulk Query');
    await assert.rejects(createJob(conn, 'SELECT Id FROM Contact LIMIT 5 OFFSET 5'), /Implementation restriction/);
    await assert.rejects(createJob(conn, 'SELECT Nope FROM Contact'), (e: Error & { errorCode?: string }) => e.errorCode === 'INVALID_FIELD');
    const job = await createJob(conn, 'SELECT Id FROM Lead');
    const aborted = await conn.request<JobInfo>({ method: 'PATCH', url: `/jobs/query/${job.id}`, body: JSON.stringify({ state: 'Aborted' }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(aborted.state, 'Aborted');
    await conn.request({ method: 'DELETE', url: `/jobs/query/${job.id}` });
    await assert.rejects(conn.request(`/jobs/query/${job.id}`), (e: Error & { errorCode?: string }) => e.errorCode === 'NOT_FOUND');
  });
});
