/**
 * Full runs with distinctive test secrets, then a grep of every file written and every
 * message, log line and error captured: none of the secrets, nor any token, code or key
 * material issued along the way, may appear. The first run is the snapshot CLI and REST /
 * Bulk extraction with faults; the second takes every connection kind of
 * connectionConfig.ts through login, a query, a forced expiry, wrong secrets and the CLI.
 */
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { it } from 'node:test';
import { collect, start, thrown } from './gateway-harness';
import { CliSecretSource } from '../../server/salesforce/connections/secretSource';
import { CONNECTION_KINDS, connectionConfig, type ConnectionKind } from '../../server/salesforce/connections/connectionConfig';
import { runConnectionsCli } from '../../server/salesforce/connections/connectionsCli';
import { findConnection } from '../../server/salesforce/connections/projectConnections';
import { SalesforceGateway } from '../../server/salesforce/gateway/gateway';
import { extractRecords } from '../../server/salesforce/gateway/extract';
import { restQueryPages } from '../../server/salesforce/gateway/restQuery';
import { runSnapshotCli } from '../../server/salesforce/gateway/snapshotCli';
import { encodings, filesUnder, keyMaterial } from '../helpers/secretNeedles';

const SECRETS = {
  password: 'Pw-SECRET-7f3a9c41',
  securityToken: 'TOK-SECRET-55d1e2aa',
  clientSecret: 'CS-SECRET-90ab77cd',
  refreshToken: 'RT-SECRET-1c2d3e4f',
};
const WRONG_PASSWORD = 'WRONG-SECRET-b4d9e0';

/** Fails naming the haystack and the needle's label, never printing more of the secret. */
function assertClean(haystacks: readonly [string, string][], needles: ReadonlyMap<string, string>, shapes: readonly [string, RegExp][]): void {
  for (const [where, text] of haystacks) {
    for (const [needle, label] of needles) assert.ok(!text.includes(needle), `${label} appears in ${where}`);
    for (const [label, shape] of shapes) assert.ok(!shape.test(text), `${label} appears in ${where}`);
  }
}

/** Every way an error may be printed or serialised by a caller. */
function errorTexts(e: unknown): string[] {
  return [String(e), JSON.stringify(e) ?? '', (e as Error)?.stack ?? '', inspect(e, { depth: 5 })];
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

it('every connection kind: login, query, expiry and refresh, wrong secrets, the CLI; nothing leaks', async () => {
  // The connected app's key pair (the emulator verifies assertions with its public half) and a stranger's key.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const PEM = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // the key file holds the PKCS#1 form, as `openssl genrsa` writes it
  const PEM_PKCS1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const WRONG_PEM = stranger.export({ type: 'pkcs8', format: 'pem' }).toString();
  const BAD_KEY_MATERIAL = 'BADKEYSECRETMATERIAL0123456789abcdef';
  const BAD_KEY = `-----BEGIN PRIVATE KEY-----\n${BAD_KEY_MATERIAL}\n-----END PRIVATE KEY-----\n`;
  // +, &, /, = and <> change under URL, form and XML encoding: every encoded form is looked for too
  const K = {
    username: 'kinds-secret@acme.example', clientId: '3MVG9KINDSSECRETTESTCLIENT',
    password: 'Pw+KINDS&SECRET/3b8e<1>', securityToken: 'TOKKINDSSECRET61f0a2', clientSecret: 'CS+KINDS/SECRET=7c4d19', refreshToken: 'RT-KINDS-SECRET-0f1e2d3c',
  };
  const WRONG = {
    password: 'WRONG+KINDS&SECRET-pw', clientSecret: 'WRONG-KINDS-SECRET-cs', refreshToken: 'WRONG-KINDS-SECRET-rt', accessToken: 'WRONG-KINDS-SECRET-at',
    verifier: 'WRONGKINDSSECRETVERIFIER'.padEnd(64, 'v'), code: 'WRONG-KINDS-SECRET-code',
  };
  const REDIRECT = 'http://127.0.0.1:1717/oauth/callback'; // never contacted: the redirect is read from the 302

  const emu = await start({ records: 200, credentials: K, jwtCertificate: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  const root = mkdtempSync(path.join(tmpdir(), 'crmflow-kinds-'));
  // key files live outside the project, as they would
  const keyDir = mkdtempSync(path.join(tmpdir(), 'crmflow-kinds-key-'));
  const keyFile = path.join(keyDir, 'server.key');
  const wrongKeyFile = path.join(keyDir, 'stranger.key');
  writeFileSync(keyFile, PEM_PKCS1, { mode: 0o600 });
  writeFileSync(wrongKeyFile, WRONG_PEM, { mode: 0o600 });
  const captured: string[] = [];
  const tokens = new Set<string>();
  const issued: string[] = []; // refresh tokens, codes and verifiers of the browser sign-in
  const covered = new Set<ConnectionKind>();
  const gateways: SalesforceGateway[] = [];
  const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  for (const k of ['log', 'error', 'warn', 'info'] as const) console[k] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));

  const decl = (name: string, kind: ConnectionKind, extra: string[]) => [`  ${name}:`, `    kind: ${kind}`, `    loginUrl: ${emu.url}`, '    apiVersion: "62.0"', ...extra];
  const user = `    username: ${K.username}`;
  const app = `    clientId: ${K.clientId}`;
  writeFileSync(path.join(root, 'crmflow.yaml'), ['version: 1', 'connections:',
    ...decl('pw', 'password', [user, app]), ...decl('soap', 'password', [user]), ...decl('emu', 'emulator', [user, app]),
    ...decl('rt', 'refresh-token', [app]), ...decl('jwt', 'jwt', [user, app]), ...decl('jwtf', 'jwt', [user, app]),
    ...decl('at', 'access-token', []), ...decl('atr', 'access-token', [app]), ...decl('cc', 'client-credentials', [app]), ...decl('oa', 'oauth', [app]), '',
  ].join('\n'));
  const NAMES = ['pw', 'soap', 'emu', 'rt', 'jwt', 'jwtf', 'at', 'atr', 'cc', 'oa'];
  // jwt's key is kept in .crmflow.env on one line with \n escapes, as users keep it there
  const envFileText = `# test secrets\nCRMFLOW_JWT_PRIVATE_KEY="${PEM.trim().replace(/\n/g, '\\n')}"\n`;
  writeFileSync(path.join(root, '.crmflow.env'), envFileText);
  const env: NodeJS.ProcessEnv = {
    CRMFLOW_PW_PASSWORD: K.password, CRMFLOW_PW_SECURITY_TOKEN: K.securityToken, CRMFLOW_PW_CLIENT_SECRET: K.clientSecret,
    CRMFLOW_SOAP_PASSWORD: K.password, CRMFLOW_SOAP_SECURITY_TOKEN: K.securityToken,
    CRMFLOW_EMU_PASSWORD: K.password, CRMFLOW_EMU_SECURITY_TOKEN: K.securityToken, CRMFLOW_EMU_CLIENT_SECRET: K.clientSecret,
    CRMFLOW_RT_REFRESH_TOKEN: K.refreshToken, CRMFLOW_RT_CLIENT_SECRET: K.clientSecret,
    CRMFLOW_JWTF_PRIVATE_KEY_FILE: keyFile,
    CRMFLOW_ATR_REFRESH_TOKEN: K.refreshToken, CRMFLOW_ATR_CLIENT_SECRET: K.clientSecret,
    CRMFLOW_CC_CLIENT_SECRET: K.clientSecret,
    CRMFLOW_OA_CLIENT_SECRET: K.clientSecret,
  };

  const open = async (name: string, secretsEnv: NodeJS.ProcessEnv) => {
    const found = await findConnection(root, name);
    assert.ok(!('error' in found), `connection ${name} is declared`);
    const refreshed: string[] = [];
    const secrets = new CliSecretSource(root, secretsEnv);
    const gateway = new SalesforceGateway(found.config, {
      secrets, log: (l) => captured.push(l), retry: { baseDelayMs: 5, maxDelayMs: 20 },
      onTokenRefresh: (e) => {
        refreshed.push(e.accessToken);
        tokens.add(e.accessToken);
      },
    });
    gateways.push(gateway);
    return { gateway, secrets, refreshed };
  };
  const accounts = (g: SalesforceGateway) => collect(restQueryPages(g, 'SELECT Id, Name FROM Account ORDER BY Id LIMIT 5'));
  const keepToken = async (g: SalesforceGateway) => void tokens.add((await g.connection()).accessToken as string);
  /** A valid access token of the org, for the access-token kind (a user pastes one from elsewhere). */
  const freshToken = async () => {
    const { gateway } = await open('pw', env);
    const token = (await gateway.connection()).accessToken as string;
    tokens.add(token);
    gateway.close();
    return token;
  };
  /** The browser's part of the sign-in: the emulator approves at once and redirects with a code. */
  const authorize = async (g: SalesforceGateway) => {
    const flow = g.beginWebServerFlow(REDIRECT);
    const res = await fetch(flow.url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const code = new URL(res.headers.get('location') as string).searchParams.get('code') as string;
    issued.push(flow.verifier, code);
    return { verifier: flow.verifier, code };
  };
  /** Login and a query; then every session expires and the next query must refresh (or fail, for a bare access token). */
  const loginQueryExpire = async (name: string, secretsEnv: NodeJS.ProcessEnv, refreshes: boolean, connected?: Awaited<ReturnType<typeof open>>) => {
    const { gateway, refreshed } = connected ?? await open(name, secretsEnv);
    const test = await gateway.testConnection();
    captured.push(JSON.stringify(test));
    assert.equal(test.username, K.username, name);
    assert.equal((await accounts(gateway)).length, 5, name);
    await keepToken(gateway);
    const before = refreshed.length;
    emu.expireSessions();
    if (refreshes) {
      assert.equal((await accounts(gateway)).length, 5, `${name} queries again after its session expired`);
      assert.equal(refreshed.length, before + 1, `${name} refreshed its session once`);
      await keepToken(gateway);
    } else {
      const err = await thrown(accounts(gateway));
      captured.push(...errorTexts(err));
      assert.equal(err.errorCode, 'INVALID_SESSION_ID', name);
    }
    covered.add(gateway.config.kind);
    return gateway;
  };

  try {
    // 1. every kind through the gateway: login, a query, a forced expiry
    for (const name of ['pw', 'soap', 'emu', 'rt', 'jwtf', 'cc']) (await loginQueryExpire(name, env, true)).close();
    const jwt = await loginQueryExpire('jwt', env, true);
    // Bulk result pages are fetched with the gateway's own bearer header, not jsforce's
    const bulk = await collect(extractRecords(jwt, { object: 'Contact', fields: ['Id', 'Email'], api: 'bulk', bulk: { pageSize: 60, pollIntervalMs: 5 } }));
    assert.equal(bulk.length, (await collect(extractRecords(jwt, { object: 'Contact', fields: ['Id'], api: 'rest' }))).length);
    jwt.close();
    (await loginQueryExpire('at', { ...env, CRMFLOW_AT_ACCESS_TOKEN: await freshToken() }, false)).close();
    (await loginQueryExpire('atr', { ...env, CRMFLOW_ATR_ACCESS_TOKEN: await freshToken() }, true)).close();

    // the browser sign-in: a wrong verifier and a wrong code fail, then a good exchange stores a refresh token
    const oa = await open('oa', env);
    const first = await authorize(oa.gateway);
    for (const [code, verifier] of [[first.code, WRONG.verifier], [WRONG.code, first.verifier]]) {
      const err = await thrown(oa.gateway.completeWebServerFlow(code, verifier, REDIRECT));
      captured.push(...errorTexts(err));
      assert.equal(err.errorCode, 'invalid_grant');
      assert.match(err.message, /^oa: authorize failed: invalid_grant/);
    }
    const second = await authorize(oa.gateway);
    captured.push(JSON.stringify(await oa.gateway.completeWebServerFlow(second.code, second.verifier, REDIRECT)));
    const issuedRefresh = await oa.secrets.get('oa', 'refreshToken');
    assert.ok(issuedRefresh && issuedRefresh !== K.refreshToken, 'the exchange issued a refresh token');
    issued.push(issuedRefresh);
    (await loginQueryExpire('oa', env, true, oa)).close();

    // 2. the CLI: `connections test` for every connection, snapshots for a few (they write the cache)
    const out = { write: (t: string) => void captured.push(t) };
    const cliEnv = { ...env, CRMFLOW_AT_ACCESS_TOKEN: await freshToken(), CRMFLOW_ATR_ACCESS_TOKEN: await freshToken(), CRMFLOW_OA_REFRESH_TOKEN: issuedRefresh };
    const cli = (args: string[], e: NodeJS.ProcessEnv) => runConnectionsCli(args, { cwd: root, env: e, stdout: out, stderr: out });
    for (const name of NAMES) assert.equal(await cli(['test', name, '--verbose'], cliEnv), 0, `connections test ${name}: ${captured.slice(-3).join('')}`);
    for (const name of ['jwt', 'jwtf', 'cc', 'oa', 'atr']) {
      assert.equal(await runSnapshotCli([name, 'Account', 'Contact', '--verbose'], { cwd: root, env: cliEnv, stdout: out, stderr: out }), 0, `snapshot ${name}`);
    }
    // a pasted access token that has expired since
    emu.expireSessions();
    assert.equal(await cli(['test', 'at', '--verbose'], cliEnv), 1);
    assert.match(captured.at(-1) ?? '', /^crmflow connections: at: limits failed: INVALID_SESSION_ID/);

    // 3. wrong secrets of every kind, through the gateway and the CLI
    const failures: [string, NodeJS.ProcessEnv, RegExp][] = [
      ['pw', { CRMFLOW_PW_PASSWORD: WRONG.password }, /^invalid_grant$/],
      ['pw', { CRMFLOW_PW_CLIENT_SECRET: WRONG.clientSecret }, /^invalid_client_id$/],
      ['soap', { CRMFLOW_SOAP_PASSWORD: WRONG.password }, /^INVALID_LOGIN$/],
      ['emu', { CRMFLOW_EMU_PASSWORD: WRONG.password }, /^invalid_grant$/],
      ['rt', { CRMFLOW_RT_REFRESH_TOKEN: WRONG.refreshToken }, /^invalid_grant$/],
      ['rt', { CRMFLOW_RT_CLIENT_SECRET: WRONG.clientSecret }, /^invalid_client_id$/],
      ['jwt', { CRMFLOW_JWT_PRIVATE_KEY: WRONG_PEM }, /^invalid_grant$/],
      ['jwt', { CRMFLOW_JWT_PRIVATE_KEY: BAD_KEY }, /^INVALID_PRIVATE_KEY$/],
      ['jwtf', { CRMFLOW_JWTF_PRIVATE_KEY_FILE: wrongKeyFile }, /^invalid_grant$/],
      ['at', { CRMFLOW_AT_ACCESS_TOKEN: WRONG.accessToken }, /^INVALID_SESSION_ID$/],
      ['atr', { CRMFLOW_ATR_ACCESS_TOKEN: WRONG.accessToken, CRMFLOW_ATR_REFRESH_TOKEN: WRONG.refreshToken }, /^REFRESH_FAILED$/],
      ['cc', { CRMFLOW_CC_CLIENT_SECRET: WRONG.clientSecret }, /^invalid_client$/],
      ['oa', { CRMFLOW_OA_REFRESH_TOKEN: WRONG.refreshToken }, /^invalid_grant$/],
    ];
    for (const [name, wrong, code] of failures) {
      const { gateway } = await open(name, { ...cliEnv, ...wrong });
      const err = await thrown(gateway.testConnection());
      captured.push(...errorTexts(err));
      assert.match(err.errorCode as string, code, `${name} with ${Object.keys(wrong).join(', ')}: ${err.message}`);
      assert.ok(err.message.startsWith(`${name}: `));
      gateway.close();
      assert.equal(await cli(['test', name, '--verbose'], { ...cliEnv, ...wrong }), 1);
      assert.match(captured.at(-1) ?? '', new RegExp(`^crmflow connections: ${name}: \\w+ failed: ${code.source.slice(1, -1)}`));
    }
  } finally {
    Object.assign(console, original);
    for (const g of gateways) g.close();
    await emu.close();
  }

  try {
    assert.deepEqual([...covered].sort(), [...CONNECTION_KINDS].sort(), 'every connection kind ran');
    for (const kind of CONNECTION_KINDS) {
      assert.ok(captured.some((l) => l.includes(`logged in (${kind})`) || l.includes(`authorised (${kind})`)), `a login line of ${kind} was captured`);
    }
    assert.ok(tokens.size >= 15, `access tokens were collected (${tokens.size})`);
    const secrets = new Map<string, string>();
    const add = (label: string, values: readonly string[]) => {
      for (const v of values) for (const e of encodings(v)) if (e.length >= 8) secrets.set(e, label);
    };
    add('a test secret', [...Object.values(K).filter((v) => v !== K.username && v !== K.clientId), K.password + K.securityToken]);
    add('a wrong secret', [...Object.values(WRONG), BAD_KEY_MATERIAL]);
    add('the private key', keyMaterial(PEM, pair.privateKey));
    add('the private key (PKCS#1)', keyMaterial(PEM_PKCS1, pair.privateKey));
    add("a stranger's private key", keyMaterial(WRONG_PEM, stranger));
    add('an issued access token', [...tokens]);
    add('an issued refresh token, code or verifier', issued);
    const shapes: [string, RegExp][] = [
      ['something shaped like an access token of the emulator', new RegExp(`${emu.orgId.slice(0, 15)}!`)],
      ['something shaped like an issued refresh token', /5Aep[A-Za-z0-9]{40,}/],
      ['something shaped like an authorization code', /aPrx[A-Za-z0-9]{30,}/],
      ['a signed JWT assertion', new RegExp(`${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url')}\\.`)],
      ['a PEM private key marker', /PRIVATE KEY-----/],
    ];
    const files = filesUnder(root).filter((f) => path.basename(f) !== '.crmflow.env');
    // the user's own secret file is read, never rewritten
    assert.equal(readFileSync(path.join(root, '.crmflow.env'), 'utf8'), envFileText);
    for (const name of ['jwt', 'jwtf', 'cc', 'oa', 'atr']) assert.ok(files.includes(path.join(root, '.crmflow', 'metadata', name, 'Contact.json')), `the snapshot of ${name} wrote its cache`);
    assert.ok(captured.filter((l) => /session refreshed/.test(l)).length >= 9);
    assertClean([...files.map((f) => [f, readFileSync(f, 'utf8')] as [string, string]), ['captured output', captured.join('\n')]], secrets, shapes);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  }
});
