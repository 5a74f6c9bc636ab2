import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { start } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { runConnectionsCli } from '../../server/salesforce/connections/connectionsCli';

function output(): { write(text: string): void; text(): string } {
  let buffer = '';
  return { write: (t: string) => void (buffer += t), text: () => buffer };
}

describe('crmflow connections', () => {
  let emu: RunningEmulator;
  let root: string;
  before(async () => {
    emu = await start();
    root = mkdtempSync(path.join(tmpdir(), 'crmflow-conn-'));
    const c = emu.credentials;
    writeFileSync(path.join(root, 'crmflow.yaml'), [
      'version: 1', 'connections:',
      '  acme:', '    kind: password', `    loginUrl: ${emu.url}`, `    username: ${c.username}`, `    clientId: ${c.clientId}`,
      '  acme-prod:', '    kind: oauth', '    loginUrl: https://acme.my.salesforce.com', '    clientId: 3MVG9abc', '',
    ].join('\n'));
    writeFileSync(path.join(root, '.crmflow.env'), `CRMFLOW_ACME_PASSWORD=${c.password}\nCRMFLOW_ACME_SECURITY_TOKEN=${c.securityToken}\n`);
  });
  after(async () => {
    await emu.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('list shows each connection and which secret variables are set, never their values', async () => {
    const out = output();
    assert.equal(await runConnectionsCli(['list'], { cwd: root, env: { CRMFLOW_ACME_CLIENT_SECRET: emu.credentials.clientSecret }, stdout: out }), 0);
    const text = out.text();
    assert.match(text, /^acme {2}password {2}http:\/\/127\.0\.0\.1:\d+ {2}v62\.0/m);
    assert.match(text, /CRMFLOW_ACME_PASSWORD set, CRMFLOW_ACME_SECURITY_TOKEN set, CRMFLOW_ACME_CLIENT_SECRET set/);
    assert.match(text, /^acme-prod {2}oauth {2}https:\/\/acme\.my\.salesforce\.com/m);
    assert.match(text, /CRMFLOW_ACME_PROD_REFRESH_TOKEN unset/);
    for (const secret of [emu.credentials.password, emu.credentials.securityToken, emu.credentials.clientSecret]) assert.ok(!text.includes(secret));
  });

  it('test logs in and reports who, where and the API usage', async () => {
    const out = output();
    const err = output();
    assert.equal(await runConnectionsCli(['test', 'acme'], { cwd: root, env: {}, stdout: out, stderr: err }), 0, err.text());
    assert.match(out.text(), new RegExp(`^acme: connected to ${emu.url.replace(/\./g, '\\.')} as ${emu.credentials.username.replace(/\./g, '\\.')} \\(org ${emu.orgId}\\), API usage \\d+/\\d+, \\d+ ms\\n$`));
  });

  it('test of a connection that is not authorised yet says what to do', async () => {
    const out = output();
    assert.equal(await runConnectionsCli(['test', 'acme-prod'], { cwd: root, env: {}, stdout: out, stderr: out }), 1);
    assert.match(out.text(), /acme-prod: login failed: NOT_CONNECTED: .*Connect to Salesforce/);
  });

  it('usage errors exit 2', async () => {
    const out = output();
    assert.equal(await runConnectionsCli(['frobnicate'], { cwd: root, env: {}, stdout: out }), 2);
    assert.equal(await runConnectionsCli(['test', 'nope'], { cwd: root, env: {}, stdout: out }), 2);
    assert.match(out.text(), /connection 'nope' is not declared/);
  });
});
