import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { collect, gatewayFor, passwordGateway, start, thrown } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { restQueryPages } from '../../server/salesforce/gateway/restQuery';
import { extractRecords } from '../../server/salesforce/gateway/extract';
import { SalesforceError } from '../../server/salesforce/gateway/errors';

const READABLE = /^acme: [\w.]+ failed: [A-Za-z_0-9]+: \S/;

describe('Salesforce errors surface readably at the boundary', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(async () => {
    await emu.close();
  });

  const cases: { name: string; soql: string; code: string; message: RegExp }[] = [
    { name: 'unknown field', soql: 'SELECT Foo FROM Contact', code: 'INVALID_FIELD', message: /^acme: query failed: INVALID_FIELD: No such column 'Foo' on entity 'Contact' \(row 1, column 8\)$/ },
    { name: 'unknown object', soql: 'SELECT Id FROM Foo__c', code: 'INVALID_TYPE', message: /^acme: query failed: INVALID_TYPE: sObject type 'Foo__c' is not supported/ },
    { name: 'syntax error', soql: 'SELECT Id FORM Contact', code: 'MALFORMED_QUERY', message: /^acme: query failed: MALFORMED_QUERY: .*\(row 1, column \d+\)$/ },
    { name: 'wrong literal type', soql: "SELECT Id FROM Contact WHERE SystemModstamp > '2024-01-01'", code: 'INVALID_FIELD', message: /^acme: query failed: INVALID_FIELD: .*SystemModstamp/ },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const { gateway } = passwordGateway(emu);
      const err = await thrown(collect(restQueryPages(gateway, c.soql)));
      assert.ok(err instanceof SalesforceError);
      assert.equal(err.errorCode, c.code);
      assert.equal(err.status, 400);
      assert.equal(err.call, 'query');
      assert.equal(err.connection, 'acme');
      assert.equal(err.retryable, false);
      assert.match(err.message, c.message);
      gateway.close();
    });
  }

  it('unknown sObject describe → NOT_FOUND (404)', async () => {
    const { gateway } = passwordGateway(emu);
    const err = await thrown(gateway.rest('describe', { path: '/sobjects/Nope__c/describe' }));
    assert.equal(err.errorCode, 'NOT_FOUND');
    assert.equal(err.status, 404);
    assert.equal(err.message, 'acme: describe failed: NOT_FOUND: The requested resource does not exist');
    gateway.close();
  });

  it('compound fields in a Bulk query → API_ERROR from bulk2.createJob', async () => {
    const { gateway } = passwordGateway(emu);
    const err = await thrown(collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'MailingAddress'], api: 'bulk', describe: null })));
    assert.equal(err.errorCode, 'API_ERROR');
    assert.match(err.message, /^acme: bulk2\.createJob failed: API_ERROR: Selecting compound data not supported in Bulk Query/);
    gateway.close();
  });

  it('a field name that is not an API name is refused before any call', async () => {
    const { gateway } = passwordGateway(emu);
    const err = await thrown(collect(extractRecords(gateway, { object: 'Contact', fields: ['Id', 'Name; DROP'], describe: null })));
    assert.equal(err.errorCode, 'INVALID_REQUEST');
    assert.match(err.message, READABLE);
    gateway.close();
  });

  it('an unreachable org is a readable network error', async () => {
    const down = await start();
    const url = down.url;
    await down.close();
    const { gateway } = gatewayFor({ ...emu, url } as RunningEmulator, 'password', { password: 'p', clientSecret: 'cs-unreachable' });
    const err = await thrown(gateway.connect());
    assert.equal(err.errorCode, 'ECONNREFUSED');
    assert.match(err.message, /^acme: login failed: ECONNREFUSED: /);
    gateway.close();
  });
});

describe('request limit, 5xx and dropped connections', () => {
  it('REQUEST_LIMIT_EXCEEDED is a clear error and is not retried', async () => {
    const emu = await start({ faults: { requestLimitAfter: 3 } });
    try {
      const { gateway, logs } = passwordGateway(emu);
      for (let i = 0; i < 3; i++) await gateway.rest('limits', { path: '/limits' });
      assert.deepEqual(gateway.apiUsage, { used: 3, max: 3 });
      const started = Date.now();
      const err = await thrown(collect(restQueryPages(gateway, 'SELECT Id FROM Contact')));
      assert.equal(err.errorCode, 'REQUEST_LIMIT_EXCEEDED');
      assert.equal(err.status, 403);
      assert.equal(err.retryable, false);
      assert.equal(err.attempts, 1);
      assert.ok(Date.now() - started < 1000, 'not retried with back-off');
      assert.ok(!logs.some((l) => l.includes('retrying')));
      assert.match(err.message, /^acme: query failed: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded\. The org's API request limit is used up \(api-usage 3\/3\); .* not retried$/);
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  it('503s are retried with back-off until the call succeeds', async () => {
    const emu = await start({ faults: { serverErrorRate: 0.4 } });
    try {
      const { gateway, logs } = passwordGateway(emu);
      const rows = await collect(restQueryPages(gateway, 'SELECT Id FROM Contact', { batchSize: 200 }));
      assert.equal(rows.length, (await collect(restQueryPages(gateway, 'SELECT Id FROM Contact'))).length);
      assert.ok(logs.some((l) => /query: SERVER_UNAVAILABLE \(HTTP 503\); retrying in \d+ ms/.test(l)), logs.join('\n'));
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  it('when every try fails, the error says how many were made', async () => {
    const emu = await start({ faults: { serverErrorRate: 1 } });
    try {
      const { gateway } = passwordGateway(emu);
      const err = await thrown(gateway.rest('describeGlobal', { path: '/sobjects' }));
      assert.equal(err.errorCode, 'SERVER_UNAVAILABLE');
      assert.equal(err.attempts, 4);
      assert.match(err.message, /^acme: describeGlobal failed: SERVER_UNAVAILABLE: .* after 4 attempts$/);
      gateway.close();
    } finally {
      await emu.close();
    }
  });

  it('a REST response cut off mid-body is retried (jsforce alone would hang)', async () => {
    const emu = await start({ records: 500, faults: { dropConnectionAfter: 1 } });
    try {
      const { gateway, logs } = passwordGateway(emu);
      const rows = await collect(restQueryPages(gateway, 'SELECT Id, Name FROM Contact', { batchSize: 200 }));
      assert.ok(rows.length > 400);
      assert.equal(new Set(rows.map((r) => r.Id)).size, rows.length);
      assert.ok(logs.some((l) => /query: (ECONNRESET|BODY_INCOMPLETE); retrying/.test(l)), logs.join('\n'));
      gateway.close();
    } finally {
      await emu.close();
    }
  });
});

describe('an org that refuses every refreshed session', () => {
  it('gives up after a few refreshes instead of looping (jsforce alone would retry forever)', async () => {
    let tokenCalls = 0;
    let dataCalls = 0;
    const server = createServer((req, res) => {
      if (req.url === '/services/oauth2/token') {
        tokenCalls++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          access_token: `00D000000000001!token-${tokenCalls}-abcdefghijklmnopqrstuvwxyz`, instance_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          id: 'http://x/id/00D000000000001AAA/005000000000001AAA', token_type: 'Bearer', issued_at: '1', signature: 's',
        }));
        return;
      }
      dataCalls++;
      res.writeHead(401, { 'content-type': 'application/json' }).end('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const fake = { url, credentials: { username: 'u@x', clientId: 'cid' } } as unknown as RunningEmulator;
      const { gateway } = gatewayFor(fake, 'refresh-token', { refreshToken: 'rt-abcdef' });
      const err = await thrown(gateway.rest('limits', { path: '/limits' }));
      assert.equal(err.errorCode, 'INVALID_SESSION_ID');
      assert.match(err.message, /^acme: limits failed: INVALID_SESSION_ID: the org rejected the session even after refreshing it/);
      assert.equal(dataCalls, 3);
      assert.ok(tokenCalls <= 4, `${tokenCalls} token calls`);
      gateway.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
