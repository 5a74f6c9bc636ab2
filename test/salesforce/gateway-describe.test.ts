import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { passwordGateway, start } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { DescribeCache, CACHE_STATE_FILE } from '../../server/salesforce/gateway/describeCache';
import { defaultSnapshotObjects, snapshot } from '../../server/salesforce/gateway/snapshot';
import { runSnapshotCli } from '../../server/salesforce/gateway/snapshotCli';
import type { DescribeGlobal } from '../../server/salesforce/describeTypes';
import { Workspace } from '../../server/workspace/workspace';
import { StructureValidator } from '../../server/dataflow/structure';

function tempProject(): string {
  return mkdtempSync(path.join(tmpdir(), 'crmflow-gw-'));
}

function output(): { write(text: string): void; text(): string } {
  let buffer = '';
  return { write: (t: string) => void (buffer += t), text: () => buffer };
}

describe('describe cache on disk', () => {
  let emu: RunningEmulator;
  let root: string;
  before(async () => {
    emu = await start();
    root = tempProject();
  });
  after(async () => {
    await emu.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes Salesforce JSON, answers 304 from the org as unchanged, refetches when metadata changes or on force', async () => {
    const { gateway } = passwordGateway(emu);
    const cache = new DescribeCache(root, 'acme');
    const first = await cache.describe(gateway, 'Contact');
    assert.equal(first.outcome, 'created');
    assert.equal(first.file, path.join(root, '.crmflow', 'metadata', 'acme', 'Contact.json'));
    const raw = (await gateway.rest<Record<string, unknown>>('describe', { path: '/sobjects/Contact/describe' })).body;
    const text = readFileSync(first.file, 'utf8');
    assert.equal(text, `${JSON.stringify(raw, null, 2)}\n`, 'the org\'s own JSON, pretty-printed');
    const state = JSON.parse(readFileSync(path.join(cache.dir, CACHE_STATE_FILE), 'utf8'));
    assert.match(state.entries['Contact.json'].lastModified, /GMT$/);

    const lastModified = state.entries['Contact.json'].lastModified as string;
    const conditional = await gateway.rest('describe', { path: '/sobjects/Contact/describe', headers: { 'if-modified-since': lastModified } });
    assert.equal(conditional.status, 304);

    const mtime = statSync(first.file).mtimeMs;
    const second = await cache.describe(gateway, 'Contact');
    assert.equal(second.outcome, 'unchanged');
    assert.deepEqual(second.body, raw);
    assert.equal(statSync(first.file).mtimeMs, mtime, 'a 304 leaves the file alone');

    emu.touchMetadata();
    assert.equal((await cache.describe(gateway, 'Contact')).outcome, 'updated');
    assert.equal((await cache.describe(gateway, 'Contact')).outcome, 'unchanged');
    assert.equal((await cache.describe(gateway, 'Contact', { force: true })).outcome, 'updated');
    gateway.close();
  });

  it('rejects object names that are not API names (no path tricks)', async () => {
    const { gateway } = passwordGateway(emu);
    const cache = new DescribeCache(root, 'acme');
    await assert.rejects(cache.describe(gateway, '../../etc'), /INVALID_REQUEST/);
    assert.throws(() => new DescribeCache(root, '../x'));
    gateway.close();
  });
});

describe('snapshot', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(async () => {
    await emu.close();
  });

  it('fills the cache with describeGlobal and the default objects, then revalidates', async () => {
    const root = tempProject();
    try {
      const { gateway } = passwordGateway(emu);
      const result = await snapshot(gateway, root);
      assert.equal(result.global, 'created');
      const global = JSON.parse(readFileSync(path.join(result.dir, 'describeGlobal.json'), 'utf8')) as DescribeGlobal;
      const expected = defaultSnapshotObjects(global);
      assert.ok(expected.includes('Contact') && expected.includes('Account'));
      assert.deepEqual(result.objects.map((o) => o.name), expected);
      assert.equal(result.failed, 0);
      const files = readdirSync(result.dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
      assert.deepEqual(files, ['describeGlobal.json', ...expected.map((o) => `${o}.json`)].sort());

      const again = await snapshot(gateway, root);
      assert.equal(again.global, 'unchanged');
      assert.ok(again.objects.every((o) => o.outcome === 'unchanged'));

      const some = await snapshot(gateway, root, ['contact', 'Nope__c'], { force: true });
      assert.deepEqual(some.objects.map((o) => [o.name, o.outcome ?? 'failed']), [['Contact', 'updated'], ['Nope__c', 'failed']]);
      assert.match(some.objects[1].error as string, /not an object of this org/);

      // The language server reads what the snapshot wrote.
      const ws = new Workspace({ readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) }, new StructureValidator());
      assert.ok(ws.describe(root, 'acme', 'Contact'));
      assert.ok(ws.describeGlobal(root, 'acme')?.sobjects.length);
      gateway.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('defaultSnapshotObjects skips generated and non-queryable objects; --all keeps every queryable one', () => {
    const entry = (name: string, extra: Record<string, unknown> = {}) => ({ name, label: name, labelPlural: name, keyPrefix: null, custom: false, queryable: true, ...extra });
    const global = {
      encoding: 'UTF-8', maxBatchSize: 200,
      sobjects: [entry('Contact'), entry('ContactChangeEvent'), entry('AccountShare'), entry('ContactHistory'), entry('Order_Event__e'), entry('Setting__c', { customSetting: true }), entry('Hidden', { queryable: false }), entry('Invoice__c')],
    } as DescribeGlobal;
    assert.deepEqual(defaultSnapshotObjects(global), ['Contact', 'Invoice__c']);
    assert.deepEqual(defaultSnapshotObjects(global, true), ['AccountShare', 'Contact', 'ContactChangeEvent', 'ContactHistory', 'Invoice__c', 'Order_Event__e', 'Setting__c']);
  });

  it('crmflow snapshot: finds crmflow.yaml, reads secrets from the environment, prints a summary', async () => {
    const root = tempProject();
    try {
      const c = emu.credentials;
      writeFileSync(path.join(root, 'crmflow.yaml'), [
        'version: 1', 'connections:', '  acme:', '    kind: password', `    loginUrl: ${emu.url}`, '    apiVersion: "62.0"',
        `    username: ${c.username}`, `    clientId: ${c.clientId}`, '',
      ].join('\n'));
      writeFileSync(path.join(root, '.crmflow.env'), `CRMFLOW_ACME_SECURITY_TOKEN=${c.securityToken}\n`);
      const env = { CRMFLOW_ACME_PASSWORD: c.password, CRMFLOW_ACME_CLIENT_SECRET: c.clientSecret };
      const cwd = path.join(root, 'dataflows');
      const out = output();
      const err = output();
      const code = await runSnapshotCli(['acme', 'Contact', 'Account', '--project', root], { cwd, env, stdout: out, stderr: err });
      assert.equal(code, 0, err.text());
      assert.match(out.text(), /acme: describeGlobal created/);
      assert.match(out.text(), /acme: Account created\nacme: Contact created\n/);
      assert.match(out.text(), /acme: 2 objects in .*metadata.acme \(2 created, 0 updated, 0 unchanged, 0 failed\); API usage \d+\/\d+/);
      assert.ok(existsSync(path.join(root, '.crmflow', 'metadata', 'acme', 'Contact.json')));

      const out2 = output();
      assert.equal(await runSnapshotCli(['acme', 'Contact'], { cwd: root, env, stdout: out2, stderr: err }), 0);
      assert.match(out2.text(), /acme: Contact unchanged/);

      const bad = output();
      assert.equal(await runSnapshotCli(['nope'], { cwd: root, env, stdout: bad, stderr: bad }), 2);
      assert.match(bad.text(), /connection 'nope' is not declared in .*crmflow\.yaml \(declared: acme\)/);

      const noSecret = output();
      assert.equal(await runSnapshotCli(['acme'], { cwd: root, env: {}, stdout: noSecret, stderr: noSecret }), 1);
      assert.match(noSecret.text(), /crmflow snapshot: acme: login failed: INVALID_LOGIN|MISSING_SECRET/);

      const help = output();
      assert.equal(await runSnapshotCli(['--help'], { cwd: root, env, stdout: help }), 0);
      assert.match(help.text(), /^Usage: crmflow snapshot/);
      assert.equal(await runSnapshotCli(['--bogus'], { cwd: root, env, stdout: help, stderr: help }), 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
