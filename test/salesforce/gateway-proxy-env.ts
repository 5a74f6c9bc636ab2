/**
 * Imported first by gateway-proxy.test.ts: a proxy in the environment BEFORE jsforce
 * loads, as on a corporate machine. jsforce alone would then send loopback traffic to it.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** CONNECT targets and absolute-URI requests seen */
  seen: string[];
  /** where CONNECT tunnels really go (host:port) */
  forwardTo: { host: string; port: number } | undefined;
  close(): Promise<void>;
}

/** An HTTP proxy that records what it is asked for and tunnels CONNECTs to `forwardTo`. */
export async function countingProxy(): Promise<CountingProxy> {
  const sockets = new Set<Socket>();
  const proxy: CountingProxy = { url: '', seen: [], forwardTo: undefined, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    proxy.seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end('this proxy only tunnels');
  });
  server.on('connection', (s) => sockets.add(s));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    proxy.seen.push(`CONNECT ${req.url}`);
    const target = proxy.forwardTo;
    if (!target) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(target.port, target.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return proxy;
}

/** Set before any other import of the test file runs. */
export const DEAD_PROXY = 'http://127.0.0.1:9';
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) process.env[name] = DEAD_PROXY;
delete process.env.no_proxy;
delete process.env.NO_PROXY;

