// The proxy variables are set by this first import, before jsforce is loaded.
import { countingProxy, DEAD_PROXY } from './gateway-proxy-env';
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import { startEmulator, type RunningEmulator } from '../../server/salesforce/emulator/server';
import { MemorySecretSource } from '../../server/salesforce/connections/secretSource';
import { SalesforceGateway } from '../../server/salesforce/gateway/gateway';
import { extractRecords } from '../../server/salesforce/gateway/extract';
import { proxySettingsFromEnv, type ProxySettings } from '../../server/salesforce/gateway/proxy';

describe('proxy variables and loopback', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ records: 400, seed: 3 });
  });
  after(async () => {
    await emu.close();
  });

  function gateway(loginUrl: string, proxy?: ProxySettings): SalesforceGateway {
    const c = emu.credentials;
    return new SalesforceGateway(
      { name: 'acme', kind: 'password', loginUrl, apiVersion: '62.0', username: c.username, clientId: c.clientId },
      { secrets: new MemorySecretSource({ acme: { password: c.password, securityToken: c.securityToken, clientSecret: c.clientSecret } }), ...(proxy ? { proxy } : {}) },
    );
  }

  it('the environment points at a proxy that does not answer, and stock jsforce fails on it', async () => {
    assert.equal(proxySettingsFromEnv(process.env).httpsProxy, DEAD_PROXY);
    const c = emu.credentials;
    const stock = new Connection({ loginUrl: emu.url, version: '62.0', oauth2: { loginUrl: emu.url, clientId: c.clientId, clientSecret: c.clientSecret } });
    await assert.rejects(stock.login(c.username, c.password + c.securityToken), /ECONNREFUSED|127\.0\.0\.1:9/);
  });

  it('the gateway reaches the loopback emulator directly: login, REST and Bulk', async () => {
    const gw = gateway(emu.url);
    await gw.connect();
    const rest = extractRecords(gw, { object: 'Contact', fields: ['Id'], api: 'rest' });
    let restCount = 0;
    for await (const b of rest) restCount += b.records.length;
    const bulk = extractRecords(gw, { object: 'Contact', fields: ['Id'], api: 'bulk', bulk: { pageSize: 100, pollIntervalMs: 5 } });
    let bulkCount = 0;
    for await (const b of bulk) bulkCount += b.records.length;
    assert.ok(restCount > 300);
    assert.equal(bulkCount, restCount);
    gw.close();
  });

  it('a non-loopback host goes through the proxy (CONNECT tunnel); NO_PROXY sends it direct', async () => {
    const proxy = await countingProxy();
    try {
      proxy.forwardTo = { host: '127.0.0.1', port: emu.port };
      const remote = `http://emulator.invalid:${emu.port}`;
      const via = gateway(remote, { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: [] });
      const session = await via.connect();
      assert.equal(session.organizationId, emu.orgId);
      assert.ok(proxy.seen.includes(`CONNECT emulator.invalid:${emu.port}`), proxy.seen.join(', '));
      via.close();

      const before = proxy.seen.length;
      const direct = gateway(remote, { httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: ['.invalid'] });
      await assert.rejects(direct.connect(), /acme: login failed: (ENOTFOUND|EAI_AGAIN)/);
      assert.equal(proxy.seen.length, before, 'NO_PROXY host was not proxied');
      direct.close();
    } finally {
      await proxy.close();
    }
  });
});
