/**
 * Plugs the gateway's HttpClient into jsforce in place of its node-fetch transport, for
 * the Connection and its OAuth2 client alike. jsforce keeps doing what it is good at
 * (login flows, session refresh on 401, error parsing); the bytes go through our client,
 * so proxies, timeouts and dropped connections behave as described in httpClient.ts, and
 * jsforce's own silent retries (up to 15 s on a 5xx) are replaced by the gateway's.
 */
import { PassThrough } from 'node:stream';
import { StreamPromise } from 'jsforce/lib/util/promise';
import Transport from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import type { HttpClient } from './httpClient';

export interface TransportObserver {
  /** every response jsforce receives (status and lower-cased headers) */
  onResponse?(status: number, headers: Record<string, string>): void;
}

async function bodyText(body: HttpRequest['body']): Promise<string | Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (typeof (body as NodeJS.ReadableStream).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of body as NodeJS.ReadableStream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks);
  }
  // form-data bodies (multipart uploads) are not used by the gateway
  throw new Error('unsupported request body type');
}

/**
 * jsforce refreshes and re-sends on every 401, forever if the org keeps refusing the
 * refreshed session; after this many 401s for one request the transport gives up.
 */
const MAX_UNAUTHORISED_PER_REQUEST = 3;

export class GatewayTransport extends Transport {
  private readonly unauthorised = new WeakMap<HttpRequest, number>();

  constructor(private readonly client: HttpClient, private readonly observer: TransportObserver = {}) {
    super();
  }

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => {
      const stream = new PassThrough();
      const promise = (async (): Promise<HttpResponse> => {
        try {
          const body = await bodyText(req.body);
          const response = await this.client.text({
            method: req.method, url: req.url, headers: req.headers ?? {}, ...(body === undefined ? {} : { body }),
            followRedirects: options.followRedirect !== false,
          });
          this.observer.onResponse?.(response.status, response.headers);
          if (response.status === 401) {
            const count = (this.unauthorised.get(req) ?? 0) + 1;
            this.unauthorised.set(req, count);
            if (count >= MAX_UNAUTHORISED_PER_REQUEST) {
              throw Object.assign(new Error('the org rejected the session even after refreshing it'), { errorCode: 'INVALID_SESSION_ID' });
            }
          }
          stream.end(response.body);
          return { statusCode: response.status, headers: response.headers, body: response.body };
        } catch (e) {
          // Ending (not destroying) the stream: jsforce pipes it without an error listener.
          stream.end();
          throw e;
        }
      })();
      return { stream, promise };
    });
  }
}
