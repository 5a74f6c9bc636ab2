/**
 * A full run (snapshot CLI, REST and Bulk extraction, refreshes, retries, failures) with
 * distinctive test secrets, then a grep of every file written and every message and log
 * line captured: none of the secrets, nor any access token issued, may appear.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { collect, start } from './gateway-harness';
import { CliSecretSource } from '../../server/salesforce/connections/secretSource';
import { connectionConfig } from '../../server/salesforce/connections/connectionConfig';
import { SalesforceGateway } from '../../server/salesforce/gateway/gateway';
import { extractRecords } from '../../server/salesforce/gateway/extract';
import { restQueryPages } from '../../server/salesforce/gateway/restQuery';
import { runSnapshotCli } from '../../server/salesforce/gateway/snapshotCli';

const SECRETS = {
  password: 'Pw-SECRET-7f3a9c41',
  securityToken: 'TOK-SECRET-55d1e2aa',
  clientSecret: 'CS-SECRET-90ab77cd',
  refreshToken: 'RT-SECRET-1c2d3e4f',
};
const WRONG_PASSWORD = 'WRONG-SECRET-b4d9e0';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

it('no secret lands in a file, an error message or a log line', async () => {
  const emu = await start({
    records: 1500,
    credentials: { username: 'secret-test@acme.example', clientId: '3MVG9SECRETTESTCLIENTID', ...SECRETS },
    faults: { expireSessionAfter: 6, dropConnectionAfter: 9, serverErrorRate: 0.05 },
  });
  const root = mkdtempSync(path.join(tmpdir(), 'crmflow-secrets-'));
  const captured: string[] = [];
  const tokens = new Set<string>();
  const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  for (const k of ['log', 'error', 'warn', 'info'] as const) console[k] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
  try {
    writeFileSync(path.join(root, 'crmflow.yaml'), [
      'version: 1', 'connections:',
      '  acme:', '    kind: password', `    loginUrl: ${emu.url}`, '    apiVersion: "62.0"', '    username: secret-test@acme.example', '    clientId: 3MVG9SECRETTESTCLIENTID',
      '  acme-rt:', '    kind: refresh-token', `    loginUrl: ${emu.url}`, '    apiVersion: "62.0"', '    clientId: 3MVG9SECRETTESTCLIENTID', '',
    ].join('\n'));
    const env: NodeJS.ProcessEnv = {
      CRMFLOW_ACME_PASSWORD: SECRETS.password, CRMFLOW_ACME_SECURITY_TOKEN: SECRETS.securityToken, CRMFLOW_ACME_CLIENT_SECRET: SECRETS.clientSecret,
      CRMFLOW_ACME_RT_REFRESH_TOKEN: SECRETS.refreshToken, CRMFLOW_ACME_RT_CLIENT_SECRET: SECRETS.clientSecret,
    };

    // 1. the CLI snapshot, verbose
    const out = { write: (t: string) => void captured.push(t) };
    assert.equal(await runSnapshotCli(['acme', '--verbose'], { cwd: root, env, stdout: out, stderr: out }), 0, captured.join(''));

    // 2. extraction through both APIs, with refreshes and retries along the way
    const make = (name: string, kind: 'password' | 'refresh-token') => {
      const result = connectionConfig({ name, kind, loginUrl: emu.url, apiVersion: '62.0', username: 'secret-test@acme.example', clientId: '3MVG9SECRETTESTCLIENTID' });
      assert.ok('config' in result);
      return new SalesforceGateway(result.config, {
        secrets: new CliSecretSource(root, env), log: (l) => captured.push(l), retry: { baseDelayMs: 5, maxDelayMs: 20 },
        onTokenRefresh: (e) => tokens.add(e.accessToken),
      });
    };
    const gw = make('acme', 'password');
    const rest = await collect(extractRecords(gw, { object: 'Contact', fields: ['Id', 'Email'], api: 'rest', restPageSize: 500 }));
    const bulk = await collect(extractRecords(gw, { object: 'Contact', fields: ['Id', 'Email'], api: 'bulk', bulk: { pageSize: 300, pollIntervalMs: 5 } }));
    assert.equal(rest.length, bulk.length);
    tokens.add((await gw.connection()).accessToken as string);
    try {
      await collect(restQueryPages(gw, 'SELECT Nope FROM Contact'));
    } catch (e) {
      captured.push(String(e), JSON.stringify(e), (e as Error).stack ?? '');
    }
    gw.close();

    const rt = make('acme-rt', 'refresh-token');
    const test = await rt.testConnection();
    assert.equal(test.username, 'secret-test@acme.example');
    emu.expireSessions();
    await collect(restQueryPages(rt, 'SELECT Id FROM Account'));
    tokens.add((await rt.connection()).accessToken as string);
    rt.close();
    assert.ok(tokens.size >= 3, 'several access tokens were issued');

    // 3. failures that involve secrets: a wrong password and a revoked refresh token
    for (const [kind, key, value] of [['password', 'CRMFLOW_BAD_PASSWORD', WRONG_PASSWORD], ['refresh-token', 'CRMFLOW_BAD_REFRESH_TOKEN', WRONG_PASSWORD]] as const) {
      const result = connectionConfig({ name: 'bad', kind, loginUrl: emu.url, username: 'secret-test@acme.example', clientId: '3MVG9SECRETTESTCLIENTID' });
      assert.ok('config' in result);
      const bad = new SalesforceGateway(result.config, { secrets: new CliSecretSource(root, { [key]: value, CRMFLOW_BAD_CLIENT_SECRET: SECRETS.clientSecret }), log: (l) => captured.push(l) });
      try {
        await bad.connect();
        assert.fail('the bad credentials logged in');
      } catch (e) {
        captured.push(String(e), JSON.stringify(e), (e as Error).stack ?? '');
        assert.match(String((e as Error).message), /^bad: login failed: (INVALID_LOGIN|invalid_grant)/);
      }
      bad.close();
    }
  } finally {
    Object.assign(console, original);
    await emu.close();
  }
  try {
    const needles = [...Object.values(SECRETS), WRONG_PASSWORD, SECRETS.password + SECRETS.securityToken, ...tokens];
    const files = filesUnder(root);
    assert.ok(files.some((f) => f.endsWith('Contact.json')), 'the run wrote cache files');
    const haystacks: [string, string][] = [...files.map((f) => [f, readFileSync(f, 'utf8')] as [string, string]), ['captured output', captured.join('\n')]];
    assert.ok(captured.length > 10, 'log lines and messages were captured');
    assert.ok(captured.some((l) => /session refreshed/.test(l)));
    assert.ok(captured.some((l) => /retrying|fetching it again/.test(l)));
    for (const [where, text] of haystacks) {
      for (const secret of needles) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 6)}…) appears in ${where}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
