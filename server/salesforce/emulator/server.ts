/**
 * The local Salesforce org: one node:http server on 127.0.0.1 that is both login host and
 * instance. `startEmulator` runs it in-process (tests, demo); `emulatorMain` is the CLI entry.
 */
import { readFile } from 'node:fs/promises';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Churn, DEFAULT_CHURN_OBJECTS } from './data/churn';
import { DataStore } from './data/dataStore';
import { ADMIN_USERNAME } from './data/generators';
import { OrgShape } from './data/orgShape';
import { FaultPlan } from './faults';
import { AuthService } from './http/auth';
import { BulkApi } from './http/bulkApi';
import type { ApiContext, ApiRequest } from './http/context';
import { connectedAppPublicKey } from './http/jwtAssertion';
import { QueryApi } from './http/queryApi';
import { readBody, Reply } from './http/reply';
import { isServedVersion, RestApi, versionList } from './http/restApi';
import { SObjectWrites } from './http/sobjectWrites';
import { Catalog } from './metadata/catalog';
import { parseEmulatorArgs, EMULATOR_USAGE } from './cliArgs';
import type { EmulatorCredentials, EmulatorOptions, RunningEmulator } from './options';
import { DEFAULT_EMULATOR_URL } from '../connections/connectionConfig';

export type { EmulatorCredentials, EmulatorFaults, EmulatorOptions, RunningEmulator } from './options';

const HOST = '127.0.0.1';
const DEFAULT_VERSION = '62.0';
const DEFAULT_RECORDS = 1000;
/** Describe metadata is "as of" this date unless touched (or unless `now` is earlier). */
const METADATA_BASELINE_MS = Date.UTC(2024, 7, 15);

export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  username: ADMIN_USERNAME,
  password: 'emulator-password-1',
  securityToken: 'EMUTOKEN0a1b2c3d4e5f6g7h8',
  clientId: '3MVG9CRMFLOW.EMULATOR.CONNECTED.APP.CONSUMER.KEY',
  clientSecret: 'EMULATOR0CONSUMER0SECRET0123456789',
  refreshToken: '5Aep861CRMFLOWEMULATOR.refresh.token.0000000000000000',
};

function toMs(now: EmulatorOptions['now']): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (Number.isNaN(ms)) throw new Error(`invalid 'now': ${String(now)}`);
  return ms;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const startedMs = Date.now();
  const nowMs = toMs(options.now);
  const apiVersion = options.apiVersion ?? DEFAULT_VERSION;
  if (!/^\d{2}\.\d$/.test(apiVersion)) throw new Error(`invalid apiVersion '${apiVersion}' (expected e.g. 62.0)`);
  const org = new OrgShape(options.seed ?? 1, options.records ?? DEFAULT_RECORDS, nowMs);
  const catalog = new Catalog();
  const clock = () => org.nowMs + (Date.now() - startedMs);
  const store = new DataStore(org, catalog, clock);
  const faults = new FaultPlan(options.faults ?? {}, org.seed);
  const credentials: EmulatorCredentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const jwtPublicKey = options.jwtCertificate ? connectedAppPublicKey(options.jwtCertificate) : null;
  const churn = new Churn(store, catalog, Math.max(0, options.churn?.perSecond ?? 0), options.churn?.objects ?? DEFAULT_CHURN_OBJECTS, org.seed);
  let metadataModifiedMs = Math.min(METADATA_BASELINE_MS, org.nowMs - 86_400_000);
  let baseUrl = '';

  const ctx: ApiContext = { catalog, store, faults, clock, metadataModifiedMs: () => metadataModifiedMs, apiVersion };
  const admin = store.view().row('User', 0) as Record<string, unknown>;
  const userId = org.id('User', 0);
  const auth = new AuthService(credentials, {
    orgId: org.orgId, userId, username: credentials.username, firstName: String(admin.FirstName), lastName: String(admin.LastName),
    email: credentials.username, profileId: String(admin.ProfileId),
  }, () => baseUrl, apiVersion, jwtPublicKey);
  const bulk = new BulkApi(ctx);
  const writes = new SObjectWrites(ctx);
  const rest = new RestApi(ctx, new QueryApi(ctx), bulk, writes);

  async function dataCall(req: IncomingMessage, url: URL, version: string, tail: string, body: string, reply: Reply): Promise<void> {
    if (!isServedVersion(version, apiVersion)) return reply.error(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!auth.authenticate(req, url)) {
      reply.header('WWW-Authenticate', 'Token');
      return reply.error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    const fault = faults.next(req.method ?? 'GET');
    reply.header('Sforce-Limit-Info', `api-usage=${faults.used}/${faults.apiLimit}`);
    if (fault === 'expire-session') {
      auth.expireAll();
      reply.header('WWW-Authenticate', 'Token');
      return reply.error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (fault === 'request-limit') return reply.error(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    if (fault === 'unavailable') return reply.error(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable (injected fault).');
    if (fault === 'internal-error') {
      return reply.error(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (injected fault)');
    }
    if (fault === 'drop-connection') reply.dropMidBody = true;
    const segments = tail.split('/').map(decodeURIComponent);
    if (segments[segments.length - 1] === '') segments.pop();
    const request: ApiRequest = { method: req.method ?? 'GET', version, segments, url, headers: req.headers, body };
    await rest.handle(request, reply);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = new Reply(res);
    try {
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', baseUrl);
      const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const path = url.pathname;
      let m: RegExpExecArray | null;
      if ((m = /^\/services\/Soap\/u\/(\d+\.\d)(?:\/.*)?$/.exec(path)) && method === 'POST') return auth.soapLogin(body, m[1], reply);
      if (path === '/services/oauth2/token' && method === 'POST') return auth.token(body, reply);
      if (path === '/services/oauth2/authorize' && method === 'GET') return auth.authorize(url, reply);
      if (path === '/services/oauth2/revoke') return auth.revoke(body, url, reply);
      if (path === '/services/oauth2/userinfo') return auth.userInfo(req, url, reply);
      if ((m = /^\/id\/(\w{15,18})\/(\w{15,18})\/?$/.exec(path))) return auth.identityRequest(req, url, m[1], m[2], reply);
      if (path === '/services/data' || path === '/services/data/') return reply.json(200, versionList(apiVersion));
      if ((m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path))) return await dataCall(req, url, m[1], (m[2] ?? '').slice(1), body, reply);
      return reply.error(404, 'NOT_FOUND', 'The requested resource does not exist');
    } catch (e) {
      if (!reply.sent) reply.error(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${HOST}:${port}`;
  churn.start();

  return {
    url: baseUrl,
    port,
    apiVersion,
    orgId: org.orgId,
    userId,
    credentials,
    close: () => new Promise<void>((resolve) => {
      churn.stop();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
    createRecord: (object, fields) => store.create(object, fields),
    updateRecord: (object, id, fields) => store.update(object, id, fields),
    deleteRecord: (object, id) => store.setDeleted(object, id, true),
    undeleteRecord: (object, id) => store.setDeleted(object, id, false),
    getRecord: (object, id) => {
      const view = store.view();
      const at = view.locate(id, catalog);
      return at && at.object === catalog.object(object)?.name ? view.row(at.object, at.index) : null;
    },
    recordId: (object, index) => org.id(catalog.object(object)?.name ?? object, index),
    recordCount: (object) => store.view().total(catalog.object(object)?.name ?? object),
    expireSessions: () => auth.expireAll(),
    touchMetadata: () => {
      metadataModifiedMs = Math.max(clock(), metadataModifiedMs + 1000);
    },
    apiUsage: () => ({ used: faults.used, max: faults.apiLimit }),
    failNextGets: (count, status) => faults.failNextGets(count, status),
    serverErrorsServed: () => faults.serverErrorsServed,
    churnNow: (count) => churn.tick(count ?? (churn.perSecond || 1)),
  };
}

/** `crmflow emulator …`: starts the emulator, prints where and how to log in, stops on SIGINT/SIGTERM. */
const CLI_DEFAULT_PORT = Number(new URL(DEFAULT_EMULATOR_URL).port);

export async function emulatorMain(argv: string[]): Promise<void> {
  const parsed = parseEmulatorArgs(argv);
  if ('help' in parsed) {
    process.stdout.write(EMULATOR_USAGE);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`crmflow emulator: ${parsed.error}\n\n${EMULATOR_USAGE}`);
    process.exitCode = 2;
    return;
  }
  let emulator: RunningEmulator;
  try {
    // the port a `kind: emulator` connection without loginUrl points at
    const options = { port: CLI_DEFAULT_PORT, ...parsed.options };
    if (parsed.jwtCertificateFile !== undefined) options.jwtCertificate = await readFile(parsed.jwtCertificateFile, 'utf8');
    emulator = await startEmulator(options);
  } catch (e) {
    const inUse = (e as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
    process.stderr.write(`crmflow emulator: ${e instanceof Error ? e.message : String(e)}${inUse ? ' (another emulator may be running; --port 0 picks a free port)' : ''}\n`);
    process.exitCode = 1;
    return;
  }
  const c = emulator.credentials;
  if (parsed.json) {
    process.stdout.write(JSON.stringify({ url: emulator.url, apiVersion: emulator.apiVersion, orgId: emulator.orgId, credentials: c }) + '\n');
  } else {
    process.stdout.write([
      `Salesforce emulator ready at ${emulator.url}  (login URL = instance URL, API v${emulator.apiVersion})`,
      `  org id          ${emulator.orgId}`,
      `  username        ${c.username}`,
      `  password        ${c.password}`,
      `  security token  ${c.securityToken}`,
      `  client id       ${c.clientId}`,
      `  client secret   ${c.clientSecret}`,
      `  refresh token   ${c.refreshToken}`,
      ...(parsed.options.churn?.perSecond ? [`  churn           ${parsed.options.churn.perSecond} records/second (${(parsed.options.churn.objects ?? DEFAULT_CHURN_OBJECTS).join(', ')})`] : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'));
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
}
