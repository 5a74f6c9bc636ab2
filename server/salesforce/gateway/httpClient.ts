/**
 * The gateway's own HTTP client (node:http/https), used for every byte it exchanges with
 * an org: jsforce runs on it through `GatewayTransport`, and Bulk result pages stream
 * through it. It exists because the stock path (node-fetch inside jsforce) sends
 * loopback through `http(s)_proxy` and never settles when a body is cut short; here a
 * truncated body is an error, proxies honour NO_PROXY, and idle sockets time out.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import * as tls from 'node:tls';
import * as zlib from 'node:zlib';
import { proxyFor, type ProxySettings } from './proxy';
import { abortError } from './retry';

export interface HttpClientRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** follow 301/302/303/307/308 for GET and HEAD (default true) */
  followRedirects?: boolean;
}

export interface HttpClientResponse {
  status: number;
  /** lower-cased names */
  headers: Record<string, string>;
  /** the (decompressed) body; it errors with a NetworkError when the connection drops */
  body: Readable;
}

export interface HttpClientOptions {
  /** a socket silent this long fails with ETIMEDOUT (default 120 s) */
  idleTimeoutMs?: number;
  maxSockets?: number;
}

export class NetworkError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

function toNetworkError(e: unknown): Error {
  if (e instanceof NetworkError) return e;
  if (e instanceof Error && e.name === 'AbortError') return e;
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : 'ECONNRESET';
  const text = err instanceof Error ? err.message : String(e);
  return new NetworkError(code, text === 'aborted' ? 'connection closed before the response was complete' : text);
}

function headerRecord(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly idleTimeoutMs: number;

  constructor(private readonly proxy: ProxySettings, options: HttpClientOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8 };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Sends a request; resolves when the response headers arrive. */
  async open(request: HttpClientRequest, redirects = 0): Promise<HttpClientResponse> {
    const res = await this.once(request);
    const method = request.method.toUpperCase();
    if (REDIRECTS.has(res.status) && (request.followRedirects ?? true) && (method === 'GET' || method === 'HEAD') && res.headers.location) {
      res.body.resume();
      if (redirects >= MAX_REDIRECTS) throw new NetworkError('ETOOMANYREDIRECTS', `more than ${MAX_REDIRECTS} redirects`);
      return this.open({ ...request, url: new URL(res.headers.location, request.url).toString() }, redirects + 1);
    }
    return res;
  }

  /** Sends a request and reads the whole body as text. */
  async text(request: HttpClientRequest): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const res = await this.open(request);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    return { status: res.status, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
  }

  private async once(request: HttpClientRequest): Promise<HttpClientResponse> {
    if (request.signal?.aborted) throw abortError();
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const proxyUrl = proxyFor(request.url, this.proxy);
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...lowerKeys(request.headers ?? {}) };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const options: https.RequestOptions = {
      method: request.method.toUpperCase(),
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers,
    };
    if (proxyUrl) {
      const socket = await this.tunnel(proxyUrl, url, request.signal);
      // No agent: node then uses createConnection (with `agent: false` it would dial itself).
      options.createConnection = () => (secure ? tls.connect({ socket, servername: url.hostname }) : socket) as Socket;
    } else {
      options.agent = secure ? this.httpsAgent : this.httpAgent;
    }
    return new Promise<HttpClientResponse>((resolve, reject) => {
      const req = (secure ? https : http).request(options);
      const onAbort = () => req.destroy(abortError());
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(this.idleTimeoutMs, () => req.destroy(new NetworkError('ETIMEDOUT', `no data for ${this.idleTimeoutMs} ms`)));
      req.on('error', (e) => {
        request.signal?.removeEventListener('abort', onAbort);
        reject(toNetworkError(e));
      });
      req.on('response', (res) => {
        const body = new PassThrough();
        const fail = (e: unknown) => body.destroy(toNetworkError(e));
        res.on('error', fail);
        req.on('error', fail);
        res.on('close', () => {
          request.signal?.removeEventListener('abort', onAbort);
          if (!res.complete) fail(new NetworkError('BODY_INCOMPLETE', 'connection closed before the response was complete'));
        });
        const encoding = (res.headers['content-encoding'] ?? '').toLowerCase();
        if (encoding === 'gzip' || encoding === 'deflate') {
          const inflate = encoding === 'gzip' ? zlib.createGunzip() : zlib.createInflate();
          inflate.on('error', fail);
          res.pipe(inflate).pipe(body);
        } else {
          res.pipe(body);
        }
        resolve({ status: res.statusCode ?? 0, headers: headerRecord(res.headers), body });
      });
      req.end(request.body);
    });
  }

  /** An HTTP CONNECT tunnel through the proxy to the target host. */
  private tunnel(proxyUrl: string, target: URL, signal?: AbortSignal): Promise<Socket> {
    const proxy = new URL(proxyUrl);
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    const headers: Record<string, string> = { host: `${target.hostname}:${port}` };
    if (proxy.username) {
      const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      headers['proxy-authorization'] = `Basic ${Buffer.from(auth).toString('base64')}`;
    }
    return new Promise<Socket>((resolve, reject) => {
      const req = (proxy.protocol === 'https:' ? https : http).request({
        method: 'CONNECT', hostname: proxy.hostname, port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
        path: `${target.hostname}:${port}`, headers, agent: false,
      });
      const onAbort = () => req.destroy(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(this.idleTimeoutMs, () => req.destroy(new NetworkError('ETIMEDOUT', 'the proxy did not answer')));
      req.on('error', (e) => reject(toNetworkError(e)));
      req.on('connect', (res, socket) => {
        signal?.removeEventListener('abort', onAbort);
        if (res.statusCode !== 200) {
          socket.destroy();
          reject(new NetworkError('PROXY_TUNNEL_FAILED', `the proxy refused the tunnel (HTTP ${res.statusCode})`));
          return;
        }
        resolve(socket);
      });
      req.end();
    });
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
