/**
 * What a connection is, as the gateway needs it: the non-secret half declared in
 * crmflow.yaml (kind, login URL, API version, username, client id). Secrets never live
 * here; they come from a `SecretSource`.
 */
import type { ConnectionDecl } from '../../project/project';
import type { SecretKey } from './secretSource';

export const CONNECTION_KINDS = ['oauth', 'jwt', 'refresh-token', 'password', 'access-token', 'client-credentials', 'emulator'] as const;
export type ConnectionKind = typeof CONNECTION_KINDS[number];

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
export const DEFAULT_API_VERSION = '62.0';
/** Where `crmflow emulator` listens unless told otherwise. */
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:6110';

export interface ConnectionConfig {
  name: string;
  kind: ConnectionKind;
  /** login host or My Domain, without a trailing slash */
  loginUrl: string;
  /** instance URL when known up front (access-token connections need it) */
  instanceUrl?: string;
  apiVersion: string;
  username?: string;
  clientId?: string;
}

export type ConfigResult = { config: ConnectionConfig } | { error: string };

function isKind(value: string): value is ConnectionKind {
  return (CONNECTION_KINDS as readonly string[]).includes(value);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function validUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks and completes a connection declaration; never throws. */
export function connectionConfig(input: {
  name: string; kind?: string; loginUrl?: string; instanceUrl?: string; apiVersion?: string; username?: string; clientId?: string;
}): ConfigResult {
  const kind = input.kind ?? 'oauth';
  if (!isKind(kind)) return { error: `connection '${input.name}': unknown kind '${kind}' (expected one of ${CONNECTION_KINDS.join(', ')})` };
  const loginUrl = trimSlash(input.loginUrl ?? (kind === 'emulator' ? DEFAULT_EMULATOR_URL : DEFAULT_LOGIN_URL));
  if (!validUrl(loginUrl)) return { error: `connection '${input.name}': loginUrl '${loginUrl}' is not an http(s) URL` };
  if (input.instanceUrl !== undefined && !validUrl(input.instanceUrl)) {
    return { error: `connection '${input.name}': instanceUrl '${input.instanceUrl}' is not an http(s) URL` };
  }
  const apiVersion = (input.apiVersion ?? DEFAULT_API_VERSION).replace(/^v/, '');
  if (!/^\d{2,3}\.\d$/.test(apiVersion)) return { error: `connection '${input.name}': apiVersion '${apiVersion}' is not like 62.0` };
  const config: ConnectionConfig = { name: input.name, kind, loginUrl, apiVersion };
  if (input.instanceUrl) config.instanceUrl = trimSlash(input.instanceUrl);
  if (input.username) config.username = input.username;
  if (input.clientId) config.clientId = input.clientId;
  return { config };
}

/** The gateway configuration of a connection declared in crmflow.yaml. */
export function connectionConfigFromDecl(decl: ConnectionDecl): ConfigResult {
  return connectionConfig({
    name: decl.name,
    kind: decl.kind?.value,
    loginUrl: decl.loginUrl?.value,
    instanceUrl: decl.instanceUrl?.value,
    apiVersion: decl.apiVersion?.value,
    username: decl.username?.value,
    clientId: decl.clientId?.value,
  });
}

/** The secrets each kind reads (from SecretStorage, or CRMFLOW_<CONN>_<KEY> for the CLI). */
export const SECRETS_BY_KIND: Readonly<Record<ConnectionKind, readonly SecretKey[]>> = {
  'password': ['password', 'securityToken', 'clientSecret'],
  'emulator': ['password', 'securityToken', 'clientSecret'],
  'oauth': ['refreshToken', 'accessToken', 'instanceUrl', 'clientSecret'],
  'refresh-token': ['refreshToken', 'clientSecret'],
  'jwt': ['privateKey', 'privateKeyFile'],
  'access-token': ['accessToken', 'instanceUrl', 'refreshToken'],
  'client-credentials': ['clientSecret'],
};
