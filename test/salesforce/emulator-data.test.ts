import { API_VERSION, oauthConnection, start } from './emulatorHarness';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecordId, idChecksum, recordId, to18 } from '../../server/salesforce/emulator/ids';
import { OrgShape } from '../../server/salesforce/emulator/data/orgShape';
import { RecordGenerator } from '../../server/salesforce/emulator/data/generators';
import { Catalog } from '../../server/salesforce/emulator/metadata/catalog';
import { parseEmulatorArgs } from '../../server/salesforce/emulator/cliArgs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

describe('emulator ids and generated data', () => {
  test('18-character ids carry the case-safe checksum', () => {
    assert.equal(to18('a0D30000001n7Pi'), 'a0D30000001n7PiEAI');
    assert.equal(idChecksum('001000000000000'), 'AAA');
    const id = recordId('003', 123_456);
    assert.equal(id.length, 18);
    assert.ok(id.startsWith('003'));
    assert.deepEqual(decodeRecordId(id), { keyPrefix: '003', index: 123_456 });
    assert.deepEqual(decodeRecordId(id.slice(0, 15)), { keyPrefix: '003', index: 123_456 });
    assert.equal(decodeRecordId(id.slice(0, 15) + 'ZZZ'), null);
    assert.ok(recordId('003', 61) < recordId('003', 62), 'ids sort like row indexes');
  });

  test('rows are a pure function of (seed, index); references point at existing rows', () => {
    const now = Date.UTC(2025, 5, 1);
    const a = new RecordGenerator(new OrgShape(7, 1000, now));
    const b = new RecordGenerator(new OrgShape(7, 1000, now));
    const c = new RecordGenerator(new OrgShape(8, 1000, now));
    assert.deepEqual(a.generate('Contact', 321), b.generate('Contact', 321));
    assert.notDeepEqual(a.generate('Contact', 321), c.generate('Contact', 321));
    const catalog = new Catalog();
    const org = new OrgShape(7, 1000, now);
    for (const object of catalog.objects()) {
      for (const index of [0, 1, org.count(object.name) - 1]) {
        const row = a.generate(object.name, index);
        for (const f of object.fields) {
          if (f.type === 'address' || f.type === 'location') continue;
          assert.ok(f.name in row, `${object.name}.${f.name} generated`);
          if (f.type !== 'reference' || row[f.name] === null) continue;
          const target = decodeRecordId(String(row[f.name]));
          assert.ok(target, `${object.name}.${f.name} is an id`);
          const targetObject = catalog.objectByPrefix(target.keyPrefix);
          if (targetObject) assert.ok(target.index < org.count(targetObject.name), `${object.name}.${f.name} points inside ${targetObject.name}`);
        }
      }
    }
    const stamps = Array.from({ length: 50 }, (_, i) => org.stampMs('Contact', i * 20));
    assert.deepEqual([...stamps].sort((x, y) => x - y), stamps, 'SystemModstamp follows the row index');
    assert.ok(stamps.every((s) => s < now));
  });

  test('a million Contacts: counts, time-sliced pages and deep pages without materialising', async () => {
    const emulator = await start({ records: 1_000_000 });
    try {
      const conn = await oauthConnection(emulator);
      const t0 = Date.now();
      const all = await conn.query('SELECT COUNT() FROM Contact');
      assert.ok(all.totalSize > 950_000 && all.totalSize < 1_000_000);
      const slice = await conn.query<Record<string, unknown>>('SELECT Id, Email, Account.Name FROM Contact WHERE SystemModstamp >= 2025-05-01T00:00:00Z AND SystemModstamp < 2025-05-02T00:00:00Z ORDER BY SystemModstamp ASC');
      assert.ok(slice.totalSize > 1000, `one day holds ${slice.totalSize} rows`);
      assert.equal(slice.records.length, Math.min(2000, slice.totalSize));
      const last = emulator.recordId('Contact', 999_999);
      const tail = await conn.query<Record<string, unknown>>(`SELECT Id FROM Contact WHERE Id = '${last}'`).scanAll(true).run();
      assert.equal(tail.records[0]?.Id, last);
      assert.ok(Date.now() - t0 < 8000, `took ${Date.now() - t0} ms`);
    } finally {
      await emulator.close();
    }
  });

  test('created records get fresh ids after the generated ones and show up in queries', async () => {
    const emulator = await start({ records: 40 });
    try {
      const conn = await oauthConnection(emulator);
      const id = emulator.createRecord('Account', { Name: 'Brand New Ltd', Industry: 'Energy' });
      assert.deepEqual(decodeRecordId(id), { keyPrefix: '001', index: 10 });
      const res = await conn.query<Record<string, unknown>>("SELECT Id, Name, Owner.Name FROM Account WHERE Name = 'brand new ltd'");
      assert.equal(res.totalSize, 1);
      assert.equal(res.records[0].Id, id);
      assert.equal((res.records[0].Owner as Record<string, unknown>).Name, 'Integration Admin');
      const newest = await conn.query<Record<string, unknown>>('SELECT Id FROM Account ORDER BY SystemModstamp DESC LIMIT 1');
      assert.equal(newest.records[0].Id, id);
    } finally {
      await emulator.close();
    }
  });
});

describe('emulator CLI', () => {
  test('flags parse into options and faults; bad input is an error, not a throw', () => {
    const parsed = parseEmulatorArgs(['--port', '0', '--seed', 'acme', '--records=50', '--latency', '5', '--error-rate', '0.1', '--fail-bulk-job', '2', '--json']);
    assert.ok('options' in parsed);
    assert.deepEqual(parsed.options, { port: 0, seed: 'acme', records: 50, faults: { latencyMs: 5, serverErrorRate: 0.1, failBulkJob: 2 } });
    assert.equal(parsed.json, true);
    assert.ok('error' in parseEmulatorArgs(['--records', 'many']));
    assert.ok('error' in parseEmulatorArgs(['--bogus']));
    assert.ok('help' in parseEmulatorArgs(['--help']));
  });

  test('emulatorMain prints the URL and credentials, serves, and stops on SIGINT', async () => {
    const script = "require('./server/salesforce/emulator/server').emulatorMain(process.argv.slice(1))";
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, '--', '--records', '20', '--json'], {
      cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', () => reject(new Error(`emulator exited early: ${out}`)));
      });
      const ready = JSON.parse(line) as { url: string; credentials: { username: string; password: string } };
      assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(ready.credentials.username && ready.credentials.password);
      const versions = await (await fetch(`${ready.url}/services/data`)).json() as { version: string }[];
      assert.ok(versions.some((v) => v.version === API_VERSION));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
      await assert.rejects(fetch(`${ready.url}/services/data`));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
