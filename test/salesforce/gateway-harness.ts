/**
 * Shared set-up for the gateway tests: an in-process emulator on port 0 and gateways of
 * each kind pointed at it. Proxy variables are cleared for the emulator tests as the
 * rules ask (the gateway does not need it; gateway-proxy.test.ts proves that).
 */
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete process.env[name];

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../server/salesforce/emulator/server';
import type { ConnectionConfig, ConnectionKind } from '../../server/salesforce/connections/connectionConfig';
import { MemorySecretSource, type SecretKey } from '../../server/salesforce/connections/secretSource';
import { SalesforceGateway, type GatewayOptions } from '../../server/salesforce/gateway/gateway';

export const API_VERSION = '62.0';
export const FIXED_NOW = '2025-06-01T12:00:00.000Z';

export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ seed: 7, records: 300, now: FIXED_NOW, ...options });
}

export function config(emulator: RunningEmulator, kind: ConnectionKind, extra: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    name: 'acme', kind, loginUrl: emulator.url, apiVersion: API_VERSION,
    username: emulator.credentials.username, clientId: emulator.credentials.clientId, ...extra,
  };
}

export interface TestGateway {
  gateway: SalesforceGateway;
  secrets: MemorySecretSource;
  logs: string[];
  refreshed: string[];
}

/** A gateway with fast retries whose log lines and refreshed tokens are captured. */
export function gatewayFor(
  emulator: RunningEmulator, kind: ConnectionKind, secrets: Partial<Record<SecretKey, string>>,
  options: Partial<GatewayOptions> = {}, extra: Partial<ConnectionConfig> = {},
): TestGateway {
  const store = new MemorySecretSource({ acme: secrets });
  const logs: string[] = [];
  const refreshed: string[] = [];
  const gateway = new SalesforceGateway(config(emulator, kind, extra), {
    secrets: store,
    log: (line) => logs.push(line),
    onTokenRefresh: (e) => refreshed.push(e.accessToken),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
  return { gateway, secrets: store, logs, refreshed };
}

/** The password-kind gateway most tests use (OAuth username-password flow). */
export function passwordGateway(emulator: RunningEmulator, options: Partial<GatewayOptions> = {}): TestGateway {
  const c = emulator.credentials;
  return gatewayFor(emulator, 'password', { password: c.password, securityToken: c.securityToken, clientSecret: c.clientSecret }, options);
}

export async function collect<T>(iterable: AsyncIterable<{ records: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of iterable) out.push(...batch.records);
  return out;
}

/** Rejects with the thrown error, or fails when nothing was thrown. */
export async function thrown(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}
