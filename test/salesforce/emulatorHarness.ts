/**
 * Shared set-up for the emulator tests. Import it BEFORE jsforce: jsforce reads the proxy
 * variables when it loads and would otherwise send loopback traffic to the proxy.
 */
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete process.env[name];

import { Connection } from 'jsforce';
import { startEmulator } from '../../server/salesforce/emulator/server';
import type { EmulatorOptions, RunningEmulator } from '../../server/salesforce/emulator/server';

export const API_VERSION = '62.0';
export const FIXED_NOW = '2025-06-01T12:00:00.000Z';

export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: 42, records: 200, now: FIXED_NOW, ...options });
}

/** A connection that logs in with OAuth username-password and refreshes the same way on 401. */
export async function oauthConnection(emulator: RunningEmulator): Promise<Connection> {
  const c = emulator.credentials;
  const conn = new Connection({
    loginUrl: emulator.url,
    version: API_VERSION,
    oauth2: { loginUrl: emulator.url, clientId: c.clientId, clientSecret: c.clientSecret },
  });
  await conn.login(c.username, c.password + c.securityToken);
  return conn;
}

/** A connection on a bearer token with refresh-token refresh (the extension's normal setup). */
export function refreshingConnection(emulator: RunningEmulator, accessToken = 'not-a-valid-token'): Connection {
  const c = emulator.credentials;
  return new Connection({
    instanceUrl: emulator.url,
    accessToken,
    refreshToken: c.refreshToken,
    version: API_VERSION,
    oauth2: { loginUrl: emulator.url, clientId: c.clientId, clientSecret: c.clientSecret },
  });
}

/** Minimal RFC 4180 parser for checking Bulk CSV pages exactly. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === delimiter) { row.push(cell); cell = ''; i++; continue; }
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += ch === '\r' ? 2 : 1;
      continue;
    }
    cell += ch;
    i++;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
