/**
 * One response, written the way Salesforce writes it (JSON with `;charset=UTF-8`, error arrays,
 * Sforce-Limit-Info). A reply marked `dropMidBody` sends its headers and half its body, then
 * destroys the socket: the injected "connection dropped mid-body" fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json;charset=UTF-8';

export class Reply {
  private readonly headers: Record<string, string> = {};
  dropMidBody = false;

  constructor(readonly res: ServerResponse) {}

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  get sent(): boolean {
    return this.res.headersSent || this.res.destroyed;
  }

  send(status: number, body: string | Buffer, contentType?: string): void {
    if (this.sent) return;
    const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const headers: Record<string, string | number> = { ...this.headers };
    if (contentType) headers['Content-Type'] = contentType;
    if (status !== 204 && status !== 304) headers['Content-Length'] = buffer.length;
    this.res.writeHead(status, headers);
    if (status === 204 || status === 304) {
      this.res.end();
      return;
    }
    if (this.dropMidBody && buffer.length > 1) {
      this.res.write(buffer.subarray(0, Math.floor(buffer.length / 2)), () => this.res.destroy());
      return;
    }
    this.res.end(buffer);
  }

  json(status: number, body: unknown): void {
    this.send(status, JSON.stringify(body), JSON_TYPE);
  }

  /** The REST error body: `[{"message","errorCode"[,"fields"]}]`. */
  error(status: number, errorCode: string, message: string, fields?: string[]): void {
    this.json(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
  }

  /** The OAuth error body: `{"error","error_description"}`. */
  oauthError(status: number, error: string, description: string): void {
    this.json(status, { error, error_description: description });
  }

  empty(status: number): void {
    this.send(status, '');
  }

  /** Starts a streamed (chunked) body; returns a writer that respects back-pressure. */
  stream(status: number, contentType: string): { write(chunk: string | Buffer): Promise<boolean>; end(): void } {
    const headers: Record<string, string> = { ...this.headers, 'Content-Type': contentType };
    this.res.writeHead(status, headers);
    let chunks = 0;
    return {
      write: (chunk: string | Buffer) => new Promise<boolean>((resolve) => {
        if (this.res.destroyed) return resolve(false);
        chunks++;
        if (this.dropMidBody && chunks > 1) {
          this.res.destroy();
          return resolve(false);
        }
        if (this.res.write(chunk)) resolve(true);
        else this.res.once('drain', () => resolve(!this.res.destroyed));
      }),
      end: () => {
        if (this.dropMidBody) this.res.destroy();
        else if (!this.res.destroyed) this.res.end();
      },
    };
  }
}

export function readBody(req: IncomingMessage, limitBytes = 10 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
