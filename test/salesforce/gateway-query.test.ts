import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { collect, gatewayFor, passwordGateway, start } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { restCount, restQueryPages } from '../../server/salesforce/gateway/restQuery';
import { extractRecords } from '../../server/salesforce/gateway/extract';

const FIELDS = ['Id', 'FirstName', 'LastName', 'Email', 'Account.Name', 'HasOptedOutOfEmail', 'Loyalty_Points__c', 'SystemModstamp', 'IsDeleted'];

describe('REST query paging, queryAll, incremental and the API chooser', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ records: 1000 });
  });
  after(async () => {
    await emu.close();
  });

  it('follows nextRecordsUrl across pages with Sforce-Query-Options batchSize', async () => {
    const { gateway } = passwordGateway(emu);
    const total = await restCount(gateway, 'SELECT COUNT() FROM Contact');
    assert.ok(total > 900, `expected most of 1000 contacts, got ${total}`);
    const pages = [];
    for await (const page of restQueryPages(gateway, 'SELECT Id FROM Contact', { batchSize: 200 })) pages.push(page);
    assert.ok(pages.length >= 5, `expected at least 5 pages, got ${pages.length}`);
    assert.deepEqual(pages.map((p) => p.page), pages.map((_, i) => i + 1));
    assert.ok(pages.slice(0, -1).every((p) => !p.done && p.records.length === 200));
    assert.equal(pages[pages.length - 1].done, true);
    const ids = pages.flatMap((p) => p.records.map((r) => r.Id));
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
    gateway.close();
  });

  it('queryAll returns soft-deleted rows that query hides', async () => {
    const { gateway } = passwordGateway(emu);
    const victims = [10, 11, 12].map((i) => emu.recordId('Contact', i));
    for (const id of victims) emu.deleteRecord('Contact', id);
    const where = `Id IN ('${victims.join("','")}')`;
    const live = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'IsDeleted'], where, api: 'rest' }));
    assert.equal(live.length, 0);
    const all = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'IsDeleted'], where, api: 'rest', includeDeleted: true }));
    assert.deepEqual(all.map((r) => r.Id).sort(), [...victims].sort());
    assert.ok(all.every((r) => r.IsDeleted === true));
    const totalLive = await restCount(gateway, 'SELECT COUNT() FROM Contact');
    const totalAll = await restCount(gateway, 'SELECT COUNT() FROM Contact', { includeDeleted: true });
    assert.ok(totalAll >= totalLive + 3);
    for (const id of victims) emu.undeleteRecord('Contact', id);
    gateway.close();
  });

  it('REST records are flat and typed', async () => {
    const { gateway } = passwordGateway(emu);
    const records = await collect(extractRecords(gateway, { object: 'Contact', fields: FIELDS, api: 'rest', limit: 300 }));
    assert.equal(records.length, 300);
    for (const r of records) {
      assert.deepEqual(Object.keys(r), FIELDS);
      assert.equal(typeof r.HasOptedOutOfEmail, 'boolean');
      assert.ok(r.Loyalty_Points__c === null || typeof r.Loyalty_Points__c === 'number');
      assert.match(String(r.SystemModstamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(r['Account.Name'] === null || typeof r['Account.Name'] === 'string');
      assert.ok(!('attributes' in r));
    }
    assert.ok(records.some((r) => typeof r['Account.Name'] === 'string'), 'some contacts have an account');
    gateway.close();
  });

  it('incremental: only rows changed after the last watermark, and the next watermark', async () => {
    const { gateway } = passwordGateway(emu);
    const first = extractRecords(gateway, { object: 'Contact', fields: ['Id', 'LastName'], since: '2000-01-01T00:00:00Z', api: 'rest' });
    const everything = await collect(first);
    assert.ok(everything.length > 900);
    const watermark = first.summary.maxCursor as string;
    assert.match(watermark, /Z$/);
    assert.match(first.summary.soql as string, /WHERE SystemModstamp > 2000-01-01T00:00:00\.000Z$/);

    const nothing = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], since: watermark, api: 'rest' }));
    assert.equal(nothing.length, 0);

    await new Promise((r) => setTimeout(r, 1100));
    const changed = [emu.recordId('Contact', 5), emu.recordId('Contact', 6)];
    for (const id of changed) emu.updateRecord('Contact', id, { LastName: 'Changed' });
    const delta = extractRecords(gateway, { object: 'Contact', fields: ['Id', 'LastName'], since: watermark, api: 'rest' });
    const rows = await collect(delta);
    assert.deepEqual(rows.map((r) => r.Id).sort(), [...changed].sort());
    assert.ok(rows.every((r) => r.LastName === 'Changed' && typeof r.SystemModstamp === 'string'));
    assert.ok((delta.summary.maxCursor as string) > watermark);
    gateway.close();
  });

  it('chooses Bulk above the threshold and REST below it or for compound fields', async () => {
    const { gateway } = passwordGateway(emu);
    const big = extractRecords(gateway, { object: 'Contact', fields: ['Id'], bulkThreshold: 100, bulk: { pollIntervalMs: 5 } });
    const bigRows = await collect(big);
    assert.equal(big.summary.api, 'bulk');
    assert.equal(big.summary.estimated, bigRows.length);
    const small = extractRecords(gateway, { object: 'Contact', fields: ['Id'], bulkThreshold: 100_000 });
    await collect(small);
    assert.equal(small.summary.api, 'rest');
    const compound = extractRecords(gateway, { object: 'Contact', fields: ['Id', 'MailingAddress'], bulkThreshold: 10 });
    const withAddress = await collect(compound);
    assert.equal(compound.summary.api, 'rest');
    assert.ok(withAddress.some((r) => r.MailingAddress !== null && typeof r.MailingAddress === 'object'));
    gateway.close();
  });
});

describe('session expiry in the middle of a query', () => {
  it('password login refreshes by logging in again and the query carries on', async () => {
    const emu = await start({ records: 1000, faults: { expireSessionAfter: 3 } });
    try {
      const { gateway, logs, refreshed } = passwordGateway(emu);
      const pages = [];
      for await (const page of restQueryPages(gateway, 'SELECT Id FROM Contact', { batchSize: 200 })) pages.push(page);
      const ids = pages.flatMap((p) => p.records.map((r) => r.Id));
      assert.ok(pages.length >= 5);
      assert.equal(new Set(ids).size, pages[0].totalSize);
      assert.equal(refreshed.length, 1);
      assert.ok(logs.some((l) => l.includes('session refreshed')));
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  it('refresh-token hands the refreshed token to the SecretSource mid-query', async () => {
    const emu = await start({ records: 1000, faults: { expireSessionAfter: 2 } });
    try {
      const c = emu.credentials;
      const { gateway, secrets, refreshed } = gatewayFor(emu, 'refresh-token', { refreshToken: c.refreshToken, clientSecret: c.clientSecret });
      const rows = await collect(extractRecords(gateway, { object: 'Contact', fields: ['Id'], api: 'rest', restPageSize: 200 }));
      assert.ok(rows.length > 900);
      assert.equal(refreshed.length, 2, 'one at connect, one after the expiry');
      assert.equal(await secrets.get('acme', 'accessToken'), refreshed[1]);
      gateway.close();
    } finally {
      await emu.close();
    }
  });
});
