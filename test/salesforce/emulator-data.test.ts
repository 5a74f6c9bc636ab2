import { API_VERSION, oauthConnection, start } from './emulatorHarness';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecordId, idChecksum, recordId, to18 } from '../../server/salesforce/emulator/ids';
import { OrgShape } from '../../server/salesforce/emulator/data/orgShape';
import { RecordGenerator } from '../../server/salesforce/emulator/data/generators';
import { Catalog } from '../../server/salesforce/emulator/metadata/catalog';
import { EMULATOR_USAGE, parseEmulatorArgs } from '../../server/salesforce/emulator/cliArgs';
import { spawn } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `crmflow emulator ARGS` from source; resolves with the JSON line it prints and the child. */
async function spawnEmulator(args: string[]) {
  const script = "require('./server/salesforce/emulator/server').emulatorMain(process.argv.slice(1))";
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, '--', ...args, '--json'], {
    cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', () => reject(new Error(`emulator exited early: ${out}${errors}`)));
  });
  return { child, exited, line, errors: () => errors };
}

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
      // A sort the generator's order does not give: only the first LIMIT rows are kept, from the LastName column alone.
      const sortStarted = Date.now();
      const first = await conn.query<Record<string, unknown>>('SELECT Id, LastName FROM Contact ORDER BY LastName, Id LIMIT 5');
      assert.ok(Date.now() - sortStarted < 3000, `ORDER BY LastName LIMIT 5 took ${Date.now() - sortStarted} ms`);
      assert.deepEqual(first.records.map((r) => r.LastName), ['Adams', 'Adams', 'Adams', 'Adams', 'Adams']);
      const ids = first.records.map((r) => String(r.Id));
      assert.deepEqual([...ids].sort(), ids);
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
    const changing = parseEmulatorArgs(['--churn', '5', '--churn-objects', 'Contact, Lead', '--jwt-cert', 'app.crt', '--fail-next-gets=3']);
    assert.deepEqual(changing, {
      options: { churn: { perSecond: 5, objects: ['Contact', 'Lead'] }, faults: { failNextGets: 3 } }, json: false, jwtCertificateFile: 'app.crt',
    });
    assert.deepEqual(parseEmulatorArgs(['--churn', '2']), { options: { churn: { perSecond: 2 } }, json: false });
    assert.ok('error' in parseEmulatorArgs(['--churn', 'fast']));
    assert.ok('error' in parseEmulatorArgs(['--churn-objects', 'Contact']), 'objects without a rate');
    assert.ok('error' in parseEmulatorArgs(['--churn', '1', '--churn-objects', 'Contact;Lead']));
    assert.ok('error' in parseEmulatorArgs(['--jwt-cert']));
    for (const flag of ['--churn N', '--churn-objects LIST', '--jwt-cert FILE', '--fail-next-gets N']) assert.ok(EMULATOR_USAGE.includes(flag), flag);
  });

  test('the CLI wires churn, the JWT key file and armed GET failures into a running emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-emulator-'));
    const app = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    writeFileSync(join(dir, 'app.pem'), app.publicKey);
    const running = await spawnEmulator(['--records', '50', '--now', '2025-06-01T12:00:00Z', '--churn', '20', '--churn-objects', 'Contact', '--jwt-cert', join(dir, 'app.pem'), '--fail-next-gets', '1']);
    try {
      const ready = JSON.parse(running.line) as { url: string; credentials: { username: string; clientId: string } };
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const signed = (privateKey: string) => {
        const unsigned = `${enc({ alg: 'RS256' })}.${enc({ iss: ready.credentials.clientId, sub: ready.credentials.username, aud: ready.url, exp: Math.floor(Date.now() / 1000) + 120 })}`;
        return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
      };
      const grant = (assertion: string) => fetch(`${ready.url}/services/oauth2/token`, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
      });
      const refused = await grant(signed(other.privateKey));
      assert.deepEqual([refused.status, await refused.json()], [400, { error: 'invalid_grant', error_description: 'invalid assertion' }]);
      const accepted = await grant(signed(app.privateKey));
      assert.equal(accepted.status, 200);
      const token = ((await accepted.json()) as { access_token: string }).access_token;
      const count = async () => {
        const res = await fetch(`${ready.url}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT COUNT() FROM Contact WHERE SystemModstamp > 2025-06-01T11:59:00Z')}`, { headers: { Authorization: `Bearer ${token}` } });
        return { status: res.status, totalSize: ((await res.json()) as { totalSize?: number }).totalSize ?? 0 };
      };
      assert.equal((await count()).status, 503, '--fail-next-gets 1');
      const deadline = Date.now() + 10_000;
      let changed = await count();
      while (changed.totalSize === 0) {
        assert.ok(Date.now() < deadline, 'contacts changed within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
        changed = await count();
      }
      assert.equal(changed.status, 200);
      running.child.kill('SIGINT');
      assert.equal(await running.exited, 0);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('emulatorMain prints the URL and credentials, serves, and stops on SIGINT', async () => {
    const { child, exited, line } = await spawnEmulator(['--records', '20']);
    try {
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
