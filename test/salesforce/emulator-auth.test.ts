import { API_VERSION, oauthConnection, refreshingConnection, start } from './emulatorHarness';
import { generateKeyPairSync, createSign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, OAuth2 } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

function jwt(claims: Record<string, unknown>, privateKey: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

describe('emulator auth with jsforce 3.10.16', () => {
  let emulator: RunningEmulator;
  before(async () => { emulator = await start(); });
  after(() => emulator.close());

  test('SOAP login (no client secret) yields a session that queries', async () => {
    const conn = new Connection({ loginUrl: emulator.url, version: API_VERSION });
    const info = await conn.login(emulator.credentials.username, emulator.credentials.password + emulator.credentials.securityToken);
    assert.equal(info.organizationId, emulator.orgId);
    assert.equal(info.id, emulator.userId);
    assert.equal(conn.instanceUrl, emulator.url);
    const result = await conn.query('SELECT Id FROM Account LIMIT 1');
    assert.equal(result.records.length, 1);
  });

  test('SOAP login with a wrong password fails with INVALID_LOGIN', async () => {
    const conn = new Connection({ loginUrl: emulator.url, version: API_VERSION });
    await assert.rejects(conn.login(emulator.credentials.username, 'wrong'), /INVALID_LOGIN/);
  });

  test('OAuth username-password flow, identity and limit info', async () => {
    const conn = await oauthConnection(emulator);
    assert.equal(conn.userInfo?.organizationId, emulator.orgId);
    const identity = await conn.identity();
    assert.equal(identity.user_id, emulator.userId);
    assert.equal(identity.organization_id, emulator.orgId);
    assert.equal(identity.username, emulator.credentials.username);
    await conn.query('SELECT Id FROM Contact LIMIT 1');
    assert.ok(conn.limitInfo.apiUsage && conn.limitInfo.apiUsage.used > 0, 'Sforce-Limit-Info parsed by jsforce');
  });

  test('OAuth password flow with a bad password is invalid_grant', async () => {
    const c = emulator.credentials;
    const oauth2 = new OAuth2({ loginUrl: emulator.url, clientId: c.clientId, clientSecret: c.clientSecret });
    await assert.rejects(oauth2.authenticate(c.username, 'nope'), (e: Error) => e.name === 'invalid_grant' && /authentication failure/.test(e.message));
  });

  test('refresh_token: a 401 triggers one refresh and the request is re-sent', async () => {
    const conn = refreshingConnection(emulator);
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    const result = await conn.query('SELECT Id, Name FROM Account LIMIT 3');
    assert.equal(result.records.length, 3);
    assert.equal(refreshed.length, 1);
    assert.equal(conn.accessToken, refreshed[0]);
  });

  test('authorization_code with PKCE, then the issued refresh token works', async () => {
    const c = emulator.credentials;
    const oauth2 = new OAuth2({ loginUrl: emulator.url, clientId: c.clientId, redirectUri: 'http://localhost:1717/callback', useVerifier: true });
    const authUrl = oauth2.getAuthorizationUrl({ state: 'xyz' });
    const res = await fetch(authUrl, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'xyz');
    const conn = new Connection({ oauth2, version: API_VERSION });
    const info = await conn.authorize(location.searchParams.get('code') ?? '');
    assert.equal(info.organizationId, emulator.orgId);
    assert.ok(conn.refreshToken, 'code flow returns a refresh token');
    const again = await oauth2.refreshToken(conn.refreshToken as string);
    assert.ok(again.access_token);
    assert.ok(again.id.endsWith(`/${emulator.userId}`));
  });

  test('authorization_code: a wrong code verifier is rejected', async () => {
    const c = emulator.credentials;
    const redirect = 'http://localhost:1717/callback';
    const authUrl = `${emulator.url}/services/oauth2/authorize?response_type=code&client_id=${encodeURIComponent(c.clientId)}&redirect_uri=${encodeURIComponent(redirect)}&code_challenge=abc`;
    const code = new URL((await fetch(authUrl, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const oauth2 = new OAuth2({ loginUrl: emulator.url, clientId: c.clientId, redirectUri: redirect });
    await assert.rejects(oauth2.requestToken(code, { code_verifier: 'wrong' }), (e: Error) => e.name === 'invalid_grant');
  });

  test('JWT bearer grant', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const c = emulator.credentials;
    const conn = new Connection({ oauth2: { loginUrl: emulator.url, clientId: c.clientId }, version: API_VERSION });
    const assertion = jwt({ iss: c.clientId, sub: c.username, aud: 'https://login.salesforce.com', exp: Math.floor(Date.now() / 1000) + 180 }, privateKey);
    const info = await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    assert.equal(info.id, emulator.userId);
    const expired = jwt({ iss: c.clientId, sub: c.username, aud: 'https://login.salesforce.com', exp: 1000 }, privateKey);
    await assert.rejects(conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: expired }), (e: Error) => e.name === 'invalid_grant');
  });

  test('client_credentials grant', async () => {
    const c = emulator.credentials;
    const conn = new Connection({ oauth2: { loginUrl: emulator.url, clientId: c.clientId, clientSecret: c.clientSecret }, version: API_VERSION });
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    assert.equal(info.organizationId, emulator.orgId);
    const res = await conn.query('SELECT COUNT() FROM Contact');
    assert.ok(res.totalSize > 0);
  });

  test('logout revokes the OAuth token; the next call is INVALID_SESSION_ID', async () => {
    const conn = await oauthConnection(emulator);
    const token = conn.accessToken as string;
    await conn.logout();
    const stale = new Connection({ instanceUrl: emulator.url, accessToken: token, version: API_VERSION });
    await assert.rejects(Promise.resolve(stale.query('SELECT Id FROM Account LIMIT 1')), (e: Error & { errorCode?: string }) => e.errorCode === 'INVALID_SESSION_ID');
  });
});
