import { API_VERSION, oauthConnection, refreshingConnection, start } from './emulatorHarness';
import { generateKeyPairSync, createSign, X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, OAuth2 } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(claims: Record<string, unknown>, privateKey: string): string {
  const unsigned = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

function rsaKeys(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
}

/** A self-signed test certificate (CN=crmflow-emulator-test); its private key was thrown away. */
const UNRELATED_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDIzCCAgugAwIBAgIUbiMrerN6Rf7EEkWElb8axTZXc1swDQYJKoZIhvcNAQEL
BQAwIDEeMBwGA1UEAwwVY3JtZmxvdy1lbXVsYXRvci10ZXN0MCAXDTI2MTIwNDA3
MjY1M1oYDzIxMjYxMTEwMDcyNjUzWjAgMR4wHAYDVQQDDBVjcm1mbG93LWVtdWxh
dG9yLXRlc3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC02yFk17dB
1mwbX07VKyhtSshq+1iCEFRAg25qa4bitaHQbrHFDH5VpM4lOslpUG4g27EtEQoP
ZWliMqPZt+yIM3F7Jl2ty7W4Jz94Sj9g4jCrtanuHdZj5U0pDgSmNxRrG+XiWOpR
CeCriGH2V5LIy/U9wQ8i839ja7ooYue0TxX18QZJQJZLUiKwORR0iKCHanX7peaz
4uFO5H2zWENG5PXS1eBJbOpXr3TgxZ9esNR7zCz/fpAdX3ILNciPOGcTUle4kFKK
S3vZcxfKrXagxPzufbXtugfyZ0Nvrx8ZXVaDNgxpAzO7NQOP0nHMbzQj4F4g+hk2
ssLoMCTtnNqDAgMBAAGjUzBRMB0GA1UdDgQWBBQsovHerMOthQFxDB+mgHGiArHG
NDAfBgNVHSMEGDAWgBQsovHerMOthQFxDB+mgHGiArHGNDAPBgNVHRMBAf8EBTAD
AQH/MA0GCSqGSIb3DQEBCwUAA4IBAQCS3khT12aQ7iYQrqQ5Mp6OtqQ5RmrShUQE
m5ZXlR37/ilzqt1QguC+3SGOk3wVbUjaUdYNombZAXI24Pk/CYndbYdoOsWPXvKx
HNNYMGbq/ixNry+AqbElAY1Qw7r1YdNKuhWxsPn4Fe4HVFjJtpdS70o3ofI2c0pS
bNuz5wI8uJ8HWYQhw2NPzBz0gHthojBH9vdBjZtnKGdB2/81BhcZqNhf8H9xY+OF
VybT3wqIm/J2OFs6LCsxShSadEksO3HZZkVX2RZpFu2eaFgkmn0ZCE6wG47Qr7X7
IIa9ofzQUPiHYO/F82rYbsR8B0eUABdX+ojrFbarecLMYcBI4aDq
-----END CERTIFICATE-----
`;

/** POSTs a JWT bearer grant and returns the status and OAuth JSON. */
async function jwtGrant(url: string, assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
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

  test('JWT bearer rejects alg none, forged or malformed signatures and wrong claims like an org', async () => {
    const { privateKey } = rsaKeys();
    const c = emulator.credentials;
    const exp = Math.floor(Date.now() / 1000) + 180;
    const claims = { iss: c.clientId, sub: c.username, aud: 'https://login.salesforce.com', exp };
    assert.equal((await jwtGrant(emulator.url, jwt(claims, privateKey))).status, 200, 'a well-formed RS256 assertion');
    const invalid = { status: 400, body: { error: 'invalid_grant', error_description: 'invalid assertion' } };
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.${Buffer.from('garbage').toString('base64url')}`;
    assert.deepEqual(await jwtGrant(emulator.url, none), invalid);
    const hs256 = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}.${Buffer.alloc(256, 7).toString('base64url')}`;
    assert.deepEqual(await jwtGrant(emulator.url, hs256), invalid);
    const shortSignature = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`;
    assert.deepEqual(await jwtGrant(emulator.url, shortSignature), invalid);
    assert.deepEqual(await jwtGrant(emulator.url, `${enc({ alg: 'RS256' })}.not~json.sig`), invalid);
    assert.deepEqual(await jwtGrant(emulator.url, 'only.two'), invalid);
    assert.deepEqual(await jwtGrant(emulator.url, jwt({ ...claims, iss: 'someone-else' }, privateKey)), { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } });
    assert.deepEqual(await jwtGrant(emulator.url, jwt({ ...claims, aud: 'https://evil.example.com' }, privateKey)), { status: 400, body: { error: 'invalid_grant', error_description: 'audience is invalid' } });
    assert.deepEqual(await jwtGrant(emulator.url, jwt({ ...claims, sub: 'nobody@example.com' }, privateKey)), { status: 400, body: { error: 'invalid_grant', error_description: "user hasn't approved this consumer" } });
    const { exp: _unused, ...withoutExp } = claims;
    assert.deepEqual(await jwtGrant(emulator.url, jwt(withoutExp, privateKey)), invalid);
  });

  test('JWT bearer with the connected app\'s key configured: only its signatures pass', async () => {
    const app = rsaKeys();
    const other = rsaKeys();
    const local = await start({ jwtCertificate: app.publicKey });
    try {
      const c = local.credentials;
      const claims = { iss: c.clientId, sub: c.username, aud: local.url, exp: Math.floor(Date.now() / 1000) + 180 };
      const ok = await jwtGrant(local.url, jwt(claims, app.privateKey));
      assert.equal(ok.status, 200);
      assert.ok(String(ok.body.id).endsWith(`/${local.userId}`));
      assert.deepEqual(await jwtGrant(local.url, jwt(claims, other.privateKey)), { status: 400, body: { error: 'invalid_grant', error_description: 'invalid assertion' } });
      // Same header and claims, signature of another key: what a forger with the consumer key could send.
      const [h, p] = jwt(claims, app.privateKey).split('.');
      const forged = `${h}.${p}.${jwt(claims, other.privateKey).split('.')[2]}`;
      assert.equal((await jwtGrant(local.url, forged)).status, 400);
    } finally {
      await local.close();
    }
  });

  test('JWT bearer against a configured certificate; an unreadable one stops the start', async () => {
    assert.equal(new X509Certificate(UNRELATED_CERTIFICATE).subject, 'CN=crmflow-emulator-test');
    const local = await start({ jwtCertificate: UNRELATED_CERTIFICATE });
    try {
      const { privateKey } = rsaKeys();
      const c = local.credentials;
      const claims = { iss: c.clientId, sub: c.username, aud: 'https://test.salesforce.com', exp: Math.floor(Date.now() / 1000) + 180 };
      assert.deepEqual(await jwtGrant(local.url, jwt(claims, privateKey)), { status: 400, body: { error: 'invalid_grant', error_description: 'invalid assertion' } });
    } finally {
      await local.close();
    }
    await assert.rejects(start({ jwtCertificate: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' }), /not a readable PEM certificate/);
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
