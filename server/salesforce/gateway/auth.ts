/**
 * One plan per auth kind: the jsforce Connection options it needs and how it logs in
 * and refreshes. Secrets are read from the SecretSource here, handed to the redactor at
 * once, and passed to jsforce only; nothing else keeps them.
 */
import { readFile } from 'node:fs/promises';
import type { Connection, ConnectionConfig as JsforceConfig } from 'jsforce';
import type { SessionRefreshFunc } from 'jsforce/lib/session-refresh-delegate';
import type { Schema } from 'jsforce/lib/types';
import type { ConnectionConfig } from '../connections/connectionConfig';
import { secretVariableName, type SecretKey, type SecretSource } from '../connections/secretSource';
import { DEFAULT_CREDENTIALS } from '../emulator/server';
import { SalesforceError } from './errors';
import { JWT_BEARER_GRANT, jwtAudience, signJwtAssertion } from './jwt';
import type { Redactor } from './redact';

export interface AuthPlan {
  jsforce: JsforceConfig;
  /** logs in (or does nothing when a usable token is already at hand) */
  login(conn: Connection): Promise<void>;
  /** keep refreshed access tokens in the SecretSource (kinds that reuse a stored token) */
  storesAccessToken: boolean;
}

type Refresh = SessionRefreshFunc<Schema>;

function missing(config: ConnectionConfig, keys: SecretKey[], what: string): SalesforceError {
  const names = keys.map((k) => secretVariableName(config.name, k)).join(' / ');
  return new SalesforceError({
    connection: config.name, call: 'login', errorCode: 'MISSING_SECRET',
    detail: `no ${what} for connection '${config.name}'`,
    hint: `In VS Code run "CRM Dataflows: Connect to Salesforce…"; for the CLI set ${names} in the environment or in .crmflow.env`,
  });
}

function missingSetting(config: ConnectionConfig, setting: string): SalesforceError {
  return new SalesforceError({
    connection: config.name, call: 'login', errorCode: 'MISSING_SETTING',
    detail: `connection '${config.name}' (kind ${config.kind}) needs '${setting}' in crmflow.yaml`,
  });
}

/** Runs a token grant and turns jsforce's callback protocol into a refresh function. */
function refreshBy(grant: (conn: Connection) => Promise<void>): Refresh {
  return (conn, callback) => {
    grant(conn as Connection).then(
      () => callback(null, conn.accessToken ?? undefined),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
    );
  };
}


export async function planAuth(config: ConnectionConfig, secrets: SecretSource, redactor: Redactor): Promise<AuthPlan> {
  const read = async (key: SecretKey) => {
    const value = await secrets.get(config.name, key);
    // the instance URL is stored beside the tokens but names the org: messages may show it
    if (key !== 'instanceUrl') redactor.add(value);
    return value;
  };
  const base: JsforceConfig = { loginUrl: config.loginUrl, version: config.apiVersion, logLevel: 'NONE' };
  const clientSecret = await read('clientSecret');

  switch (config.kind) {
    case 'password':
    case 'emulator': {
      let username = config.username ?? await read('username');
      let password = await read('password');
      let token = await read('securityToken');
      let clientId = config.clientId;
      let secret = clientSecret;
      if (config.kind === 'emulator' && password === undefined) {
        // The emulator's stock credentials (printed when it starts), for a zero-setup local org.
        // They are used as a set: a username from crmflow.yaml would not match the stock password.
        const d = DEFAULT_CREDENTIALS;
        redactor.add(d.password, d.securityToken, d.clientSecret);
        username = d.username;
        password = d.password;
        token = d.securityToken;
        clientId = d.clientId;
        secret = d.clientSecret;
      }
      if (!username) throw missingSetting(config, 'username');
      if (password === undefined) throw missing(config, ['password', 'securityToken'], 'password');
      const jsforce: JsforceConfig = { ...base };
      // With a connected app the OAuth username-password flow is used; SOAP login otherwise.
      if (clientId && secret) jsforce.oauth2 = { loginUrl: config.loginUrl, clientId, clientSecret: secret };
      const user = username;
      const pass = password + (token ?? '');
      return { jsforce, storesAccessToken: false, login: async (conn) => { await conn.login(user, pass); } };
    }

    case 'oauth':
    case 'refresh-token': {
      if (!config.clientId) throw missingSetting(config, 'clientId');
      const refreshToken = await read('refreshToken');
      if (!refreshToken) {
        throw config.kind === 'oauth'
          ? new SalesforceError({
            connection: config.name, call: 'login', errorCode: 'NOT_CONNECTED', detail: `connection '${config.name}' has not been authorised yet`,
            hint: 'Run "CRM Dataflows: Connect to Salesforce…" to sign in in the browser',
          })
          : missing(config, ['refreshToken'], 'refresh token');
      }
      const accessToken = await read('accessToken');
      const instanceUrl = (await read('instanceUrl')) ?? config.instanceUrl;
      const jsforce: JsforceConfig = {
        ...base, refreshToken,
        oauth2: { loginUrl: config.loginUrl, clientId: config.clientId, ...(clientSecret ? { clientSecret } : {}) },
      };
      if (accessToken && instanceUrl) {
        jsforce.accessToken = accessToken;
        jsforce.instanceUrl = instanceUrl;
      }
      return {
        jsforce, storesAccessToken: true,
        login: async (conn) => {
          // A stored token is tried first; a 401 on the first call refreshes it.
          if (conn.accessToken) return;
          // Without one, refresh now — directly, so an OAuth error keeps its code (invalid_grant…).
          const res = await conn.oauth2.refreshToken(refreshToken);
          const [organizationId, id] = String(res.id).split('/').slice(-2);
          conn._establish({ instanceUrl: res.instance_url, accessToken: res.access_token, userInfo: { id, organizationId, url: res.id } });
          conn.emit('refresh', res.access_token, res);
        },
      };
    }

    case 'jwt': {
      if (!config.clientId) throw missingSetting(config, 'clientId');
      const username = config.username ?? await read('username');
      if (!username) throw missingSetting(config, 'username');
      let privateKey = await read('privateKey');
      if (!privateKey) {
        const file = await read('privateKeyFile');
        if (file) {
          try {
            privateKey = await readFile(file, 'utf8');
          } catch {
            throw new SalesforceError({ connection: config.name, call: 'login', errorCode: 'MISSING_SECRET', detail: `the private key file of connection '${config.name}' cannot be read` });
          }
          redactor.add(privateKey);
        }
      }
      if (!privateKey) throw missing(config, ['privateKey', 'privateKeyFile'], 'private key');
      const key = privateKey;
      const clientId = config.clientId;
      const audience = jwtAudience(config.loginUrl);
      const grant = async (conn: Connection) => {
        let assertion: string;
        try {
          assertion = signJwtAssertion({ clientId, username, audience, privateKey: key });
        } catch (e) {
          throw new SalesforceError({ connection: config.name, call: 'login', errorCode: 'INVALID_PRIVATE_KEY', detail: e instanceof Error ? e.message : String(e) });
        }
        redactor.add(assertion);
        await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion });
      };
      return {
        jsforce: { ...base, oauth2: { loginUrl: config.loginUrl, clientId }, refreshFn: refreshBy(grant) },
        storesAccessToken: false,
        login: grant,
      };
    }

    case 'client-credentials': {
      if (!config.clientId) throw missingSetting(config, 'clientId');
      if (!clientSecret) throw missing(config, ['clientSecret'], 'client secret');
      const grant = async (conn: Connection) => {
        await conn.authorize({ grant_type: 'client_credentials' });
      };
      return {
        jsforce: { ...base, oauth2: { loginUrl: config.loginUrl, clientId: config.clientId, clientSecret }, refreshFn: refreshBy(grant) },
        storesAccessToken: false,
        login: grant,
      };
    }

    case 'access-token': {
      const accessToken = await read('accessToken');
      if (!accessToken) throw missing(config, ['accessToken'], 'access token');
      const instanceUrl = (await read('instanceUrl')) ?? config.instanceUrl ?? config.loginUrl;
      const refreshToken = await read('refreshToken');
      const jsforce: JsforceConfig = { ...base, accessToken, instanceUrl };
      // A refresh token is optional; with one (and a client id) a 401 refreshes as usual.
      if (refreshToken && config.clientId) {
        jsforce.refreshToken = refreshToken;
        jsforce.oauth2 = { loginUrl: config.loginUrl, clientId: config.clientId, ...(clientSecret ? { clientSecret } : {}) };
      }
      return { jsforce, storesAccessToken: true, login: async () => undefined };
    }
  }
}
