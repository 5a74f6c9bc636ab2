/**
 * SalesforceGateway: the one place a jsforce `Connection` is made. One gateway per
 * connection of crmflow.yaml; it logs in by the connection's kind, refreshes sessions
 * (handing new tokens back to the SecretSource and `onTokenRefresh`), retries idempotent
 * calls with bounded back-off, tracks API usage from `Sforce-Limit-Info`, and turns every
 * failure into a redacted `SalesforceError`. Describe caching and record extraction are
 * separate modules built on `rest()` and `openStream()`.
 */
import { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api';
import type { HttpMethods } from 'jsforce/lib/types';
import type { ConnectionConfig, ConnectionKind } from '../connections/connectionConfig';
import type { SecretSource } from '../connections/secretSource';
import { planAuth } from './auth';
import { cleanDetail, NETWORK_ERROR_CODES, RETRYABLE_STATUSES, SalesforceError } from './errors';
import { HttpClient, NetworkError, type HttpClientResponse } from './httpClient';
import { GatewayTransport } from './jsforceTransport';
import { proxySettingsFromEnv, type ProxySettings } from './proxy';
import { Redactor } from './redact';
import { backoffDelay, DEFAULT_RETRY, isAbortError, sleep, type RetryPolicy } from './retry';
import { beginWebServerFlow, type WebServerFlowStart } from './webServerFlow';

export interface ApiUsage {
  used: number;
  max: number;
}

export interface TokenRefreshEvent {
  connection: string;
  accessToken: string;
  instanceUrl: string;
}

export interface GatewayOptions {
  secrets: SecretSource;
  /** a session was refreshed; store the new token if you keep one */
  onTokenRefresh?: (event: TokenRefreshEvent) => void;
  /** `Sforce-Limit-Info` changed (for the status bar) */
  onApiUsage?: (usage: ApiUsage) => void;
  /** one redacted line per notable event (login, refresh, retry, bulk job) */
  log?: (line: string) => void;
  /** default: from http(s)_proxy / NO_PROXY in process.env; loopback always goes direct */
  proxy?: ProxySettings;
  retry?: Partial<RetryPolicy>;
  /** a socket silent this long fails (default 120 s) */
  idleTimeoutMs?: number;
}

export interface SessionInfo {
  connection: string;
  kind: ConnectionKind;
  loginUrl: string;
  instanceUrl: string;
  apiVersion: string;
  organizationId?: string;
  userId?: string;
  identityUrl?: string;
}

export interface RestRequest {
  method?: HttpMethods;
  /** `/sobjects` (under /services/data/vXX.X), `/services/…`, or an absolute URL */
  path: string;
  headers?: Record<string, string>;
  /** a JSON-serialisable body (sent as application/json) or a string */
  body?: unknown;
}

export interface RestResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** retry dropped connections and 5xx (default: true for GET, HEAD and DELETE) */
  retry?: boolean;
}

export interface ConnectionTestResult {
  session: SessionInfo;
  username?: string;
  displayName?: string;
  apiUsage?: ApiUsage;
  elapsedMs: number;
}

const LIMIT_INFO = /api-usage=(\d+)\/(\d+)/;

export class SalesforceGateway {
  readonly name: string;
  private readonly redactor = new Redactor();
  private readonly http: HttpClient;
  private readonly transport: GatewayTransport;
  private readonly retryPolicy: RetryPolicy;
  private conn: Connection | undefined;
  private connecting: Promise<SessionInfo> | undefined;
  private info: SessionInfo | undefined;
  private usage: ApiUsage | undefined;
  private closed = false;

  constructor(readonly config: ConnectionConfig, private readonly options: GatewayOptions) {
    this.name = config.name;
    this.retryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    const httpOptions = options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs };
    this.http = new HttpClient(options.proxy ?? proxySettingsFromEnv(process.env), httpOptions);
    this.transport = new GatewayTransport(this.http, { onResponse: (_status, headers) => this.noteUsage(headers) });
  }

  /** The session once connected. */
  get session(): SessionInfo | undefined {
    return this.info;
  }

  /** API usage as of the latest response (`Sforce-Limit-Info`). */
  get apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  get retry(): RetryPolicy {
    return this.retryPolicy;
  }

  /** Logs in (once; concurrent callers share the attempt). */
  connect(): Promise<SessionInfo> {
    if (this.closed) return Promise.reject(this.error('login', 'CLOSED', 'the gateway was closed'));
    this.connecting ??= this.establish().catch((e: unknown) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  private async establish(): Promise<SessionInfo> {
    let conn: Connection;
    try {
      const plan = await planAuth(this.config, this.options.secrets, this.redactor);
      conn = this.newConnection(plan.jsforce, plan.storesAccessToken);
      await plan.login(conn);
    } catch (e) {
      throw this.failure('login', e);
    }
    return this.adopt(conn, 'logged in');
  }

  private newConnection(config: ConstructorParameters<typeof Connection>[0], storesAccessToken: boolean): Connection {
    const conn = new Connection({ ...config, logLevel: 'NONE' });
    conn._transport = this.transport;
    conn.oauth2._transport = this.transport;
    this.redactor.add(conn.accessToken, conn.refreshToken);
    conn.on('refresh', (accessToken: string) => {
      this.redactor.add(accessToken);
      this.log(`session refreshed (${this.config.kind})`);
      if (this.info) this.info = { ...this.info, instanceUrl: conn.instanceUrl };
      if (storesAccessToken) {
        void this.options.secrets.set(this.name, 'accessToken', accessToken).catch(() => this.log('could not store the refreshed access token'));
        void this.options.secrets.set(this.name, 'instanceUrl', conn.instanceUrl).catch(() => undefined);
      }
      try {
        this.options.onTokenRefresh?.({ connection: this.name, accessToken, instanceUrl: conn.instanceUrl });
      } catch {
        this.log('the onTokenRefresh handler failed');
      }
    });
    return conn;
  }

  private adopt(conn: Connection, verb: string): SessionInfo {
    this.redactor.add(conn.accessToken, conn.refreshToken);
    this.conn = conn;
    const info: SessionInfo = {
      connection: this.name, kind: this.config.kind, loginUrl: this.config.loginUrl, instanceUrl: conn.instanceUrl, apiVersion: this.config.apiVersion,
    };
    const user = conn.userInfo;
    if (user?.organizationId) info.organizationId = user.organizationId;
    if (user?.id) info.userId = user.id;
    if (user?.url) info.identityUrl = user.url;
    this.info = info;
    this.log(`${verb} (${this.config.kind}) to ${conn.instanceUrl}${info.organizationId ? `, org ${info.organizationId}` : ''}`);
    return info;
  }

  /** Step 1 of the browser sign-in: the authorize URL (PKCE S256) with its state and verifier. */
  beginWebServerFlow(redirectUri: string, options: { scope?: string; prompt?: string } = {}): WebServerFlowStart {
    if (!this.config.clientId) throw this.error('authorize', 'MISSING_SETTING', `connection '${this.name}' needs 'clientId' in crmflow.yaml`);
    const start = beginWebServerFlow({ loginUrl: this.config.loginUrl, clientId: this.config.clientId, redirectUri, ...options });
    this.redactor.add(start.verifier);
    return start;
  }

  /** Step 2: exchanges the redirect's code and the verifier; stores the refresh token. */
  async completeWebServerFlow(code: string, verifier: string, redirectUri: string): Promise<SessionInfo> {
    const clientId = this.config.clientId;
    if (!clientId) throw this.error('authorize', 'MISSING_SETTING', `connection '${this.name}' needs 'clientId' in crmflow.yaml`);
    this.redactor.add(code, verifier);
    let clientSecret: string | undefined;
    try {
      clientSecret = await this.options.secrets.get(this.name, 'clientSecret');
    } catch (e) {
      throw this.failure('authorize', e);
    }
    this.redactor.add(clientSecret);
    let conn: Connection;
    try {
      conn = this.newConnection({
        loginUrl: this.config.loginUrl, version: this.config.apiVersion,
        oauth2: { loginUrl: this.config.loginUrl, clientId, redirectUri, ...(clientSecret ? { clientSecret } : {}) },
      }, true);
      await conn.authorize(code, { code_verifier: verifier });
    } catch (e) {
      throw this.failure('authorize', e);
    }
    this.redactor.add(conn.accessToken, conn.refreshToken);
    if (!conn.refreshToken) {
      throw this.error('authorize', 'NO_REFRESH_TOKEN', 'the connected app returned no refresh token', 'Add the "refresh_token, offline_access" scope to the connected app');
    }
    const secrets = this.options.secrets;
    try {
      await secrets.set(this.name, 'refreshToken', conn.refreshToken);
      if (conn.accessToken) await secrets.set(this.name, 'accessToken', conn.accessToken);
      await secrets.set(this.name, 'instanceUrl', conn.instanceUrl);
    } catch (e) {
      throw this.failure('authorize', e);
    }
    this.connecting = Promise.resolve(this.adopt(conn, 'authorised'));
    return this.connecting;
  }

  /** The logged-in jsforce connection (for modules of the gateway only). */
  async connection(): Promise<Connection> {
    await this.connect();
    return this.conn as Connection;
  }

  /** Absolute URL of an API path. */
  url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    const instance = this.conn?.instanceUrl ?? this.config.instanceUrl ?? this.config.loginUrl;
    if (path.startsWith('/services/')) return `${instance}${path}`;
    return `${instance}/services/data/v${this.config.apiVersion}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /**
   * One REST call through jsforce (bearer header, refresh on 401, error parsing), with the
   * status and headers kept, and retried with back-off when it is idempotent.
   */
  async rest<T>(call: string, request: RestRequest, options: CallOptions = {}): Promise<RestResponse<T>> {
    const conn = await this.connection();
    const method = request.method ?? 'GET';
    const retry = options.retry ?? (method === 'GET' || method === 'HEAD' || method === 'DELETE');
    const headers: Record<string, string> = { ...request.headers };
    let body: string | undefined;
    if (typeof request.body === 'string') body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    return this.withRetry(call, retry, options.signal, async () => {
      const api = new HttpApi(conn, {});
      let last: { status: number; headers: Record<string, string> } | undefined;
      api.on('response', (res: { statusCode: number; headers: Record<string, string> }) => {
        last = { status: res.statusCode, headers: res.headers };
      });
      try {
        const result = (await api.request({ method, url: this.url(request.path), headers: { ...headers }, ...(body === undefined ? {} : { body }) })) as T;
        return { status: last?.status ?? 200, headers: last?.headers ?? {}, body: result };
      } catch (e) {
        throw this.failure(call, e, last?.status);
      }
    });
  }

  /**
   * A streamed GET for large bodies (Bulk result pages): our own HTTP client with the
   * session's bearer token, one refresh-and-retry on 401, and Salesforce errors parsed.
   * Failures before the body starts are retried; a body cut short errors its stream.
   */
  async openStream(call: string, path: string, options: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<HttpClientResponse> {
    const conn = await this.connection();
    return this.withRetry(call, true, options.signal, async () => {
      for (let refreshed = false; ; refreshed = true) {
        const sentAt = Date.now();
        let res: HttpClientResponse;
        try {
          res = await this.http.open({
            method: 'GET', url: this.url(path), headers: { ...options.headers, authorization: `Bearer ${conn.accessToken ?? ''}` },
            ...(options.signal ? { signal: options.signal } : {}),
          });
        } catch (e) {
          throw this.failure(call, e);
        }
        this.noteUsage(res.headers);
        if (res.status < 400) return res;
        const text = await readSmall(res);
        const delegate = conn._refreshDelegate;
        if (res.status === 401 && text.includes('INVALID_SESSION_ID') && delegate && !refreshed) {
          try {
            await delegate.refresh(sentAt);
          } catch (e) {
            throw this.failure(call, e);
          }
          continue;
        }
        throw this.fromBody(call, res.status, res.headers['content-type'] ?? '', text);
      }
    });
  }

  private async withRetry<T>(call: string, retry: boolean, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      if (signal?.aborted) throw this.error(call, 'CANCELLED', 'the operation was cancelled');
      try {
        return await attempt();
      } catch (e) {
        if (isAbortError(e)) throw this.error(call, 'CANCELLED', 'the operation was cancelled');
        const err = e instanceof SalesforceError ? e : this.failure(call, e);
        if (!retry || !err.retryable || n >= this.retryPolicy.maxAttempts) throw n > 1 && err.retryable ? err.afterAttempts(n) : err;
        const delay = backoffDelay(this.retryPolicy, n);
        this.log(`${call}: ${err.errorCode}${err.status ? ` (HTTP ${err.status})` : ''}; retrying in ${delay} ms (attempt ${n + 1} of ${this.retryPolicy.maxAttempts})`);
        try {
          await sleep(delay, signal);
        } catch {
          throw this.error(call, 'CANCELLED', 'the operation was cancelled');
        }
      }
    }
  }

  /** Reads a Salesforce error body (`[{errorCode,message}]`, OAuth `{error}`, or text). */
  fromBody(call: string, status: number, contentType: string, text: string): SalesforceError {
    let errorCode = `ERROR_HTTP_${status}`;
    let detail = text.trim().slice(0, 500) || `HTTP ${status}`;
    let fields: string[] | undefined;
    if (/json/.test(contentType) || /^\s*[[{]/.test(text)) {
      try {
        const parsed = JSON.parse(text) as unknown;
        const first = Array.isArray(parsed) ? parsed[0] : parsed;
        if (first && typeof first === 'object') {
          const o = first as Record<string, unknown>;
          if (typeof o.errorCode === 'string') errorCode = o.errorCode;
          else if (typeof o.error === 'string') errorCode = o.error;
          if (typeof o.message === 'string') detail = o.message;
          else if (typeof o.error_description === 'string') detail = o.error_description;
          if (Array.isArray(o.fields)) fields = o.fields.filter((f): f is string => typeof f === 'string');
        }
      } catch {
        // not JSON after all: keep the text
      }
    }
    return this.build({ call, status, errorCode, detail: cleanDetail(detail), ...(fields ? { fields } : {}) });
  }

  /** Any thrown value as a redacted SalesforceError of `call`. */
  failure(call: string, e: unknown, status?: number): SalesforceError {
    if (e instanceof SalesforceError) return e;
    if (e instanceof NetworkError) return this.build({ call, errorCode: e.code, detail: e.message });
    if (isAbortError(e)) return this.build({ call, errorCode: 'CANCELLED', detail: 'the operation was cancelled' });
    const err = e as { name?: unknown; message?: unknown; errorCode?: unknown; data?: unknown };
    const message = typeof err?.message === 'string' ? err.message : String(e);
    if (typeof err?.errorCode === 'string') {
      const data = err.data as { fields?: unknown } | undefined;
      const fields = Array.isArray(data?.fields) ? data.fields.filter((f): f is string => typeof f === 'string') : undefined;
      return this.build({ call, ...(status === undefined ? {} : { status }), errorCode: err.errorCode, detail: cleanDetail(message), ...(fields ? { fields } : {}) });
    }
    if (err?.name === 'CsvError') return this.build({ call, errorCode: 'MALFORMED_CSV', detail: message });
    const refresh = /^Unable to refresh session due to: ([\s\S]*)$/.exec(message);
    if (refresh) return this.build({ call, ...(status === undefined ? {} : { status }), errorCode: 'REFRESH_FAILED', detail: `the session expired and could not be refreshed: ${cleanDetail(refresh[1])}` });
    const soap = /^([A-Z][A-Z_]+): ([\s\S]+)$/.exec(message);
    if (soap) return this.build({ call, errorCode: soap[1], detail: cleanDetail(soap[2]) });
    const name = typeof err?.name === 'string' ? err.name : '';
    if (/^[a-z_]+$/.test(name) || /^ERROR_HTTP_\d+$/.test(name)) return this.build({ call, errorCode: name, detail: cleanDetail(message) });
    return this.build({ call, errorCode: 'UNEXPECTED', detail: cleanDetail(message) });
  }

  private build(init: { call: string; status?: number; errorCode: string; detail: string; fields?: string[] }): SalesforceError {
    const status = init.status;
    const networkish = NETWORK_ERROR_CODES.has(init.errorCode);
    const retryable = networkish || (status !== undefined && RETRYABLE_STATUSES.has(status)) || init.errorCode === 'SERVER_UNAVAILABLE';
    const hint = this.hintFor(init.errorCode);
    return new SalesforceError({
      connection: this.name, call: init.call, errorCode: init.errorCode, detail: this.redactor.redact(init.detail), retryable,
      ...(status === undefined ? {} : { status }), ...(init.fields ? { fields: init.fields } : {}), ...(hint ? { hint: this.redactor.redact(hint) } : {}),
    });
  }

  private hintFor(code: string): string | undefined {
    switch (code) {
      case 'REQUEST_LIMIT_EXCEEDED': {
        const u = this.usage;
        return `The org's API request limit is used up${u ? ` (api-usage ${u.used}/${u.max})` : ''}; Salesforce refuses calls until its rolling 24-hour window frees some, so this is not retried`;
      }
      case 'INVALID_SESSION_ID':
        return `The session expired and connection '${this.name}' (kind ${this.config.kind}) cannot refresh it; reconnect, or provide a fresh access token`;
      case 'INVALID_LOGIN':
      case 'invalid_grant':
      case 'invalid_client':
      case 'invalid_client_id':
        return `Check the credentials of connection '${this.name}'`;
      case 'REFRESH_FAILED':
        return `Reconnect connection '${this.name}'`;
      default:
        return undefined;
    }
  }

  /** A gateway-made error (not from Salesforce), redacted like the others. */
  error(call: string, errorCode: string, detail: string, hint?: string): SalesforceError {
    const e = this.build({ call, errorCode, detail });
    return hint ? e.withHint(this.redactor.redact(hint)) : e;
  }

  private noteUsage(headers: Record<string, string>): void {
    const m = LIMIT_INFO.exec(headers['sforce-limit-info'] ?? '');
    if (!m) return;
    const usage = { used: Number(m[1]), max: Number(m[2]) };
    if (this.usage && this.usage.used === usage.used && this.usage.max === usage.max) return;
    this.usage = usage;
    this.options.onApiUsage?.(usage);
  }

  /** A redacted line for the injected logger. */
  log(line: string): void {
    this.options.log?.(this.redactor.redact(`${this.name}: ${line}`));
  }

  /** Masks every secret this gateway has seen (for callers that print upstream text). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** `GET /limits`: DailyApiRequests and friends. */
  async limits(options: CallOptions = {}): Promise<Record<string, { Max: number; Remaining: number }>> {
    return (await this.rest<Record<string, { Max: number; Remaining: number }>>('limits', { path: '/limits' }, options)).body;
  }

  /** Logs in, reads the limits and who we are: what "Test connection" shows. */
  async testConnection(options: CallOptions = {}): Promise<ConnectionTestResult> {
    const started = Date.now();
    const session = await this.connect();
    await this.limits(options);
    const result: ConnectionTestResult = { session, elapsedMs: 0 };
    try {
      let identityUrl = session.identityUrl;
      if (!identityUrl) {
        const resources = await this.rest<Record<string, string>>('identity', { path: '' }, options);
        identityUrl = resources.body.identity;
      }
      if (identityUrl) {
        const absolute = new URL(identityUrl, this.conn?.instanceUrl ?? session.instanceUrl).toString();
        const id = (await this.rest<Record<string, unknown>>('identity', { path: absolute }, options)).body;
        if (typeof id.username === 'string') result.username = id.username;
        if (typeof id.display_name === 'string') result.displayName = id.display_name;
        if (!session.organizationId && typeof id.organization_id === 'string') session.organizationId = id.organization_id;
        if (!session.userId && typeof id.user_id === 'string') session.userId = id.user_id;
      }
    } catch (e) {
      this.log(`identity lookup skipped: ${this.failure('identity', e).errorCode}`);
    }
    if (this.usage) result.apiUsage = this.usage;
    result.elapsedMs = Date.now() - started;
    return result;
  }

  /** Ends the session; with `revoke`, OAuth tokens are revoked and forgotten by the SecretSource. */
  async disconnect(options: { revoke?: boolean } = {}): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    this.connecting = undefined;
    this.info = undefined;
    if (conn && options.revoke) {
      try {
        await conn.logout(Boolean(conn.refreshToken));
      } catch (e) {
        this.log(`logout: ${this.failure('logout', e).errorCode}`);
      }
    }
    if (options.revoke && this.options.secrets.delete) {
      for (const key of ['accessToken', 'refreshToken', 'instanceUrl'] as const) await this.options.secrets.delete(this.name, key);
    }
  }

  /** Releases sockets; the gateway cannot be used afterwards. */
  close(): void {
    this.closed = true;
    this.conn = undefined;
    this.connecting = undefined;
    this.http.close();
  }
}

async function readSmall(res: HttpClientResponse, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      const b = chunk as Buffer;
      if (size < limit) chunks.push(b);
      size += b.length;
    }
  } catch {
    // a cut-off error body still says something
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}
