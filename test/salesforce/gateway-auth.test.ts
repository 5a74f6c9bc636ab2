import { strict as assert } from 'node:assert';
import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { collect, gatewayFor, passwordGateway, start, thrown } from './gateway-harness';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';
import { restQueryPages } from '../../server/salesforce/gateway/restQuery';
import { signJwtAssertion, jwtAudience } from '../../server/salesforce/gateway/jwt';
import { SalesforceError } from '../../server/salesforce/gateway/errors';

async function firstAccounts(gateway: Parameters<typeof restQueryPages>[0]): Promise<Record<string, unknown>[]> {
  return collect(restQueryPages(gateway, 'SELECT Id, Name FROM Account ORDER BY Id LIMIT 3'));
}

describe('gateway auth kinds against the emulator', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start();
  });
  after(async () => {
    await emu.close();
  });

  it('password with a connected app uses the OAuth username-password flow', async () => {
    const { gateway, logs } = passwordGateway(emu);
    const session = await gateway.connect();
    assert.equal(session.instanceUrl, emu.url);
    assert.equal(session.organizationId, emu.orgId);
    assert.equal(session.userId, emu.userId);
    assert.equal((await firstAccounts(gateway)).length, 3);
    assert.ok(logs.some((l) => l.includes('logged in (password)')));
    gateway.close();
  });

  it('password without a client secret logs in over SOAP', async () => {
    const c = emu.credentials;
    const { gateway } = gatewayFor(emu, 'password', { password: c.password, securityToken: c.securityToken });
    const session = await gateway.connect();
    assert.equal(session.organizationId, emu.orgId);
    assert.equal((await firstAccounts(gateway)).length, 3);
    gateway.close();
  });

  it('a wrong password is a readable INVALID_LOGIN-style error', async () => {
    const { gateway } = gatewayFor(emu, 'password', { password: 'wrong-password-xyz' });
    const err = await thrown(gateway.connect());
    assert.ok(err instanceof SalesforceError);
    assert.equal(err.call, 'login');
    assert.equal(err.errorCode, 'INVALID_LOGIN');
    assert.match(err.message, /^acme: login failed: INVALID_LOGIN: Invalid username, password, security token; or user locked out/);
    assert.ok(!err.message.includes('wrong-password-xyz'));
    gateway.close();
  });

  it('a missing secret names the environment variable to set', async () => {
    const { gateway } = gatewayFor(emu, 'password', {});
    const err = await thrown(gateway.connect());
    assert.equal(err.errorCode, 'MISSING_SECRET');
    assert.match(err.message, /CRMFLOW_ACME_PASSWORD/);
    gateway.close();
  });

  it('emulator kind logs in with the emulator stock credentials when none are stored', async () => {
    const { gateway } = gatewayFor(emu, 'emulator', {}, {}, { username: 'integration@acme.example', clientId: undefined });
    const session = await gateway.connect();
    assert.equal(session.kind, 'emulator');
    assert.equal(session.organizationId, emu.orgId);
    assert.equal((await firstAccounts(gateway)).length, 3);
    gateway.close();
  });

  it('refresh-token gets an access token at once and hands it back', async () => {
    const c = emu.credentials;
    const { gateway, secrets, refreshed } = gatewayFor(emu, 'refresh-token', { refreshToken: c.refreshToken, clientSecret: c.clientSecret });
    await gateway.connect();
    assert.equal(refreshed.length, 1);
    assert.equal(await secrets.get('acme', 'accessToken'), refreshed[0]);
    assert.equal(await secrets.get('acme', 'instanceUrl'), emu.url);
    assert.equal((await firstAccounts(gateway)).length, 3);
    gateway.close();
  });

  it('access-token works with a token and instance URL, and says clearly when it expires', async () => {
    const donor = passwordGateway(emu).gateway;
    const token = (await donor.connection()).accessToken as string;
    donor.close();
    const { gateway } = gatewayFor(emu, 'access-token', { accessToken: token, instanceUrl: emu.url }, {}, { clientId: undefined });
    const test = await gateway.testConnection();
    assert.equal(test.username, emu.credentials.username);
    assert.equal(test.session.organizationId, emu.orgId);
    assert.ok(test.apiUsage && test.apiUsage.max > 0);
    emu.expireSessions();
    const err = await thrown(firstAccounts(gateway));
    assert.equal(err.errorCode, 'INVALID_SESSION_ID');
    assert.equal(err.status, 401);
    assert.match(err.message, /^acme: query failed: INVALID_SESSION_ID: Session expired or invalid\. The session expired and connection 'acme' \(kind access-token\) cannot refresh it/);
    assert.ok(!err.message.includes(token));
    gateway.close();
  });

  it('jwt signs an RS256 assertion with the private key and logs in', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const assertion = signJwtAssertion({ clientId: 'cid', username: 'u@x', audience: 'https://login.salesforce.com', privateKey: pem, nowMs: 1_700_000_000_000 });
    const [h, p, s] = assertion.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url').toString()), { alg: 'RS256', typ: 'JWT' });
    assert.deepEqual(JSON.parse(Buffer.from(p, 'base64url').toString()), { iss: 'cid', sub: 'u@x', aud: 'https://login.salesforce.com', exp: 1_700_000_180 });
    assert.ok(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(s, 'base64url')));
    assert.equal(jwtAudience('https://acme--uat.sandbox.my.salesforce.com'), 'https://test.salesforce.com');
    assert.equal(jwtAudience('https://acme.my.salesforce.com'), 'https://login.salesforce.com');

    const { gateway } = gatewayFor(emu, 'jwt', { privateKey: pem });
    const session = await gateway.connect();
    assert.equal(session.organizationId, emu.orgId);
    assert.equal((await firstAccounts(gateway)).length, 3);
    // A refresh re-signs a new assertion.
    emu.expireSessions();
    assert.equal((await firstAccounts(gateway)).length, 3);
    gateway.close();
  });

  it('jwt with an unreadable key fails without echoing it', async () => {
    const { gateway } = gatewayFor(emu, 'jwt', { privateKey: '-----BEGIN PRIVATE KEY-----\nnot-a-key-material-1234\n-----END PRIVATE KEY-----' });
    const err = await thrown(gateway.connect());
    assert.equal(err.errorCode, 'INVALID_PRIVATE_KEY');
    assert.ok(!err.message.includes('not-a-key-material-1234'));
    gateway.close();
  });

  it('client-credentials logs in as the connected app', async () => {
    const { gateway } = gatewayFor(emu, 'client-credentials', { clientSecret: emu.credentials.clientSecret });
    await gateway.connect();
    assert.equal((await firstAccounts(gateway)).length, 3);
    emu.expireSessions();
    assert.equal((await firstAccounts(gateway)).length, 3, 'refresh repeats the grant');
    gateway.close();
  });

  it('oauth web-server flow with PKCE: authorize URL, code exchange, refresh token stored, reconnect', async () => {
    const { gateway, secrets } = gatewayFor(emu, 'oauth', {});
    const notYet = await thrown(gateway.connect());
    assert.equal(notYet.errorCode, 'NOT_CONNECTED');
    const redirectUri = 'http://127.0.0.1:1717/oauth/callback';
    const start = gateway.beginWebServerFlow(redirectUri);
    const url = new URL(start.url);
    assert.equal(url.pathname, '/services/oauth2/authorize');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('state'), start.state);
    assert.ok((url.searchParams.get('code_challenge') ?? '').length >= 43);
    assert.ok(!start.url.includes(start.verifier));
    // The browser part: the emulator approves at once and redirects with a code.
    const res = await fetch(start.url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location') as string);
    assert.equal(back.searchParams.get('state'), start.state);
    const code = back.searchParams.get('code') as string;

    const wrong = gatewayFor(emu, 'oauth', {}).gateway;
    const bad = await thrown(wrong.completeWebServerFlow(code, 'x'.repeat(64), redirectUri));
    assert.equal(bad.errorCode, 'invalid_grant');
    wrong.close();

    // A fresh start: its verifier matches its own challenge.
    const again = gateway.beginWebServerFlow(redirectUri);
    assert.notEqual(again.verifier, start.verifier);
    const res3 = await fetch(again.url, { redirect: 'manual' });
    const code3 = new URL(res3.headers.get('location') as string).searchParams.get('code') as string;
    const session = await gateway.completeWebServerFlow(code3, again.verifier, redirectUri);
    assert.equal(session.organizationId, emu.orgId);
    const refreshToken = await secrets.get('acme', 'refreshToken');
    assert.ok(refreshToken && refreshToken.startsWith('5Aep'));
    assert.equal((await firstAccounts(gateway)).length, 3);
    gateway.close();

    // A later run connects from the stored secrets alone.
    const later = gatewayFor(emu, 'oauth', {
      refreshToken, accessToken: await secrets.get('acme', 'accessToken'), instanceUrl: await secrets.get('acme', 'instanceUrl'),
    });
    emu.expireSessions();
    assert.equal((await firstAccounts(later.gateway)).length, 3);
    assert.equal(later.refreshed.length, 1, 'the stale stored token was refreshed once');
    later.gateway.close();
  });
});
