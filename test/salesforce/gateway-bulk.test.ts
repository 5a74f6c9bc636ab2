import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { collect, gatewayFor, passwordGateway, start, thrown } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { bulkQueryBatches } from '../../server/salesforce/gateway/bulkQuery';
import { extractRecords } from '../../server/salesforce/gateway/extract';
import type { ExtractRecord } from '../../server/salesforce/gateway/records';

const FIELDS = ['Id', 'FirstName', 'LastName', 'Email', 'Account.Name', 'HasOptedOutOfEmail', 'Loyalty_Points__c', 'Birthdate', 'SystemModstamp'];
const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20 };

function byId(a: ExtractRecord, b: ExtractRecord): number {
  return String(a.Id).localeCompare(String(b.Id));
}

describe('Bulk API 2.0 extraction with our own locator paging', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ records: 1200 });
  });
  after(async () => {
    await emu.close();
  });

  it('reads at least 5 result pages, the same records REST returns, and deletes the job', async () => {
    const { gateway, logs } = passwordGateway(emu);
    const pages = new Set<number>();
    const batches = [];
    const bulk = extractRecords(gateway, { object: 'Contact', fields: FIELDS, api: 'bulk', batchSize: 150, bulk: { ...FAST, pageSize: 200 } });
    for await (const batch of bulk) {
      pages.add(batch.page);
      batches.push(batch);
      assert.ok(batch.records.length <= 150);
    }
    const bulkRows = batches.flatMap((b) => b.records);
    assert.ok(pages.size >= 5, `expected ≥5 pages, got ${pages.size}`);
    assert.equal(new Set(bulkRows.map((r) => r.Id)).size, bulkRows.length);
    const restRows = await collect(extractRecords(gateway, { object: 'Contact', fields: FIELDS, api: 'rest' }));
    assert.equal(bulkRows.length, restRows.length);
    assert.deepEqual([...bulkRows].sort(byId), [...restRows].sort(byId), 'Bulk and REST give identical typed records');
    const jobs = await gateway.rest<{ records: { id: string }[] }>('bulk2.listJobs', { path: '/jobs/query' });
    assert.ok(!jobs.body.records.some((j) => j.id === bulk.summary.jobId), 'the job was deleted');
    assert.ok(logs.some((l) => /bulk query job 750\w+ complete/.test(l)));
    gateway.close();
  });

  it('queryAll through Bulk includes soft-deleted rows', async () => {
    const { gateway } = passwordGateway(emu);
    const live = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'IsDeleted'], api: 'bulk', bulk: FAST }));
    const all = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'IsDeleted'], api: 'bulk', includeDeleted: true, bulk: FAST }));
    const deleted = all.filter((r) => r.IsDeleted === true);
    assert.ok(deleted.length > 0, 'the generated data has soft-deleted contacts');
    assert.equal(all.length, live.length + deleted.length);
    assert.ok(live.every((r) => r.IsDeleted === false));
    gateway.close();
  });

  it('a failed job is a readable error', async () => {
    const failing = await start({ records: 100, faults: { failBulkJob: 1 } });
    try {
      const { gateway } = passwordGateway(failing);
      const err = await thrown(collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'bulk', bulk: FAST })));
      assert.equal(err.errorCode, 'BULK_JOB_FAILED');
      assert.match(err.message, /^acme: bulk2\.pollJob failed: BULK_JOB_FAILED: job 750\w+ failed: InternalServerError/);
      gateway.close();
    } finally {
      await failing.close();
    }
  });

  it('a job that outlives the poll timeout is aborted and reported', async () => {
    const { gateway, logs } = passwordGateway(emu);
    const err = await thrown(collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'bulk', bulk: { pollIntervalMs: 50, pollTimeoutMs: 1 } })));
    assert.equal(err.errorCode, 'BULK_JOB_TIMEOUT');
    assert.ok(logs.some((l) => /job 750\w+ aborted/.test(l)), logs.join('\n'));
    gateway.close();
  });

  it('stops when cancelled', async () => {
    const { gateway } = passwordGateway(emu);
    const controller = new AbortController();
    const ex = extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'bulk', batchSize: 100, bulk: { ...FAST, pageSize: 200 }, signal: controller.signal });
    let seen = 0;
    const err = await thrown((async () => {
      for await (const batch of ex) {
        seen += batch.records.length;
        controller.abort();
      }
    })());
    assert.equal(err.errorCode, 'CANCELLED');
    assert.ok(seen > 0 && seen < 1000);
    gateway.close();
  });
});

describe('Bulk faults', () => {
  it('a session that expires between result pages is refreshed by our page fetcher', async () => {
    // calls: describe, createJob, poll, poll, page 1 — the 6th (page 2) meets the expired session
    const emu = await start({ records: 1200, faults: { expireSessionAfter: 5 } });
    try {
      const { gateway, refreshed } = passwordGateway(emu);
      const rows = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'bulk', bulk: { ...FAST, pageSize: 200 } }));
      assert.equal(refreshed.length, 1);
      assert.equal(new Set(rows.map((r) => r.Id)).size, rows.length);
      assert.ok(rows.length > 1000);
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  it('a results page dropped mid-body is fetched again', async () => {
    const emu = await start({ records: 1200, faults: { dropConnectionAfter: 5 } });
    try {
      const { gateway, logs } = passwordGateway(emu);
      const rows = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'bulk', bulk: { ...FAST, pageSize: 200 } }));
      assert.ok(logs.some((l) => /bulk2\.results: (ECONNRESET|BODY_INCOMPLETE) on page \d+/.test(l)), logs.join('\n'));
      assert.equal(new Set(rows.map((r) => r.Id)).size, rows.length);
      assert.ok(rows.length > 1000);
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  describe('a page cut after some rows were delivered (scripted server)', () => {
    let server: Server;
    let url = '';
    let resultCalls = 0;
    const ROWS = 5000;
    before(async () => {
      const lines = Array.from({ length: ROWS }, (_, i) => `"id${String(i).padStart(5, '0')}","name, ""${i}""\nline2"\n`);
      server = createServer((req, res) => {
        const path = (req.url ?? '').split('?')[0];
        if (req.method === 'POST' && path.endsWith('/jobs/query')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '750000000000001AAA', state: 'UploadComplete' }));
        } else if (req.method === 'GET' && path.endsWith('/jobs/query/750000000000001AAA')) {
          res.writeHead(200, { 'content-type': 'application/json', 'sforce-limit-info': 'api-usage=7/1000' })
            .end(JSON.stringify({ id: '750000000000001AAA', state: 'JobComplete', numberRecordsProcessed: ROWS }));
        } else if (req.method === 'GET' && path.endsWith('/results')) {
          resultCalls++;
          res.writeHead(200, { 'content-type': 'text/csv', 'sforce-locator': 'null', 'sforce-numberofrecords': String(ROWS) });
          res.write('"Id","Name"\n');
          if (resultCalls === 1) {
            res.write(lines.slice(0, 3100).join(''), () => setTimeout(() => res.destroy(), 20));
          } else {
            res.end(lines.join(''));
          }
        } else if (req.method === 'DELETE') {
          res.writeHead(204).end();
        } else {
          res.writeHead(404, { 'content-type': 'application/json' }).end('[{"errorCode":"NOT_FOUND","message":"nope"}]');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('skips the rows already delivered, so nothing is duplicated or lost', async () => {
      const fake = { url, credentials: { username: 'api@fake.example', clientId: 'none' } } as unknown as RunningEmulator;
      const { gateway, logs } = gatewayFor(fake, 'access-token', { accessToken: 'fake-token-abcdef', instanceUrl: url }, {}, { clientId: undefined });
      const ids: string[] = [];
      const names: string[] = [];
      for await (const batch of bulkQueryBatches(gateway, 'SELECT Id, Name FROM Thing__c', { batchSize: 1000, ...FAST })) {
        assert.deepEqual(batch.header, ['Id', 'Name']);
        for (const row of batch.rows) {
          ids.push(row[0]);
          names.push(row[1]);
        }
      }
      assert.equal(resultCalls, 2);
      assert.ok(logs.some((l) => /on page 1 after [1-9]\d* rows; fetching it again/.test(l)), logs.join('\n'));
      assert.equal(ids.length, ROWS);
      assert.deepEqual(ids, Array.from({ length: ROWS }, (_, i) => `id${String(i).padStart(5, '0')}`));
      assert.equal(names[42], 'name, "42"\nline2');
      assert.deepEqual(gateway.apiUsage, { used: 7, max: 1000 });
      gateway.close();
    });
  });
});
