/**
 * Live org sessions of the language server: one SalesforceGateway per connection that
 * was connected, tested or used. Secrets are never kept here: the gateway reads them
 * through a SecretSource that asks the host (the client's SecretStorage) each time and
 * hands refreshed tokens back to it. Every failure leaves as one readable, redacted
 * sentence, and every state change is reported to the host (status bar).
 */
import * as path from 'node:path';
import type { ConnectionRef, OrgStatus, PreviewRecordsResult, RefreshMetadataResult } from '../../../shared/protocol';
import { connectionConfigFromDecl, type ConnectionConfig } from '../../salesforce/connections/connectionConfig';
import type { SecretKey, SecretSource } from '../../salesforce/connections/secretSource';
import type { SObjectDescribe } from '../../salesforce/describeTypes';
import type { GatewayOptions, SalesforceGateway } from '../../salesforce/gateway/gateway';
import type { SalesforceRuntime } from '../../salesforce/loadRuntime';
import type { Workspace } from '../../workspace/workspace';
import type { ResolvedConnection } from './location';
import { cachedDescribeNames, metadataDir } from './objects';
import { cellText, PREVIEW_LIMIT } from './preview';

/** What a first Refresh describes when nothing is cached yet: the CRM objects dataflows start from. */
export const DEFAULT_REFRESH_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Campaign', 'CampaignMember', 'AccountContactRelation', 'User'];

export interface OrgHost {
  /** the stored secret, or undefined */
  readSecret(connection: ConnectionRef, key: SecretKey): Promise<string | undefined>;
  /** a new value to store (null: forget it) */
  storeSecret(connection: ConnectionRef, key: SecretKey, value: string | null): void;
  status(status: OrgStatus): void;
  /** redacted lines only */
  log(line: string): void;
}

export type GatewayFactory = (config: ConnectionConfig, options: GatewayOptions) => SalesforceGateway;

interface Session {
  ref: ConnectionRef;
  configKey: string;
  gateway: SalesforceGateway;
  status: OrgStatus;
}

/** An org call that failed; the message is safe to show (redacted by the gateway). */
export class OrgError extends Error {
  override readonly name = 'OrgError';
}

/** A browser sign-in has this long to come back. */
const SIGN_IN_TTL_MS = 10 * 60 * 1000;

interface PendingSignIn {
  key: string;
  verifier: string;
  redirectUri: string;
  startedMs: number;
}

export class OrgSessions {
  private readonly sessions = new Map<string, Session>();
  /** browser sign-ins in flight, by OAuth `state`; the verifier never leaves the server */
  private readonly signIns = new Map<string, PendingSignIn>();

  private runtimeModule: SalesforceRuntime | undefined;

  constructor(
    private readonly ws: Workspace,
    private readonly host: OrgHost,
    /** loads jsforce and the gateway on first use (see server/salesforce/runtime.ts) */
    private readonly loadRuntime: () => SalesforceRuntime,
    private readonly gatewayFactory?: GatewayFactory,
  ) {}

  private get runtime(): SalesforceRuntime {
    return (this.runtimeModule ??= this.loadRuntime());
  }

  private createGateway(config: ConnectionConfig, options: GatewayOptions): SalesforceGateway {
    return this.gatewayFactory ? this.gatewayFactory(config, options) : new this.runtime.SalesforceGateway(config, options);
  }

  private static key(ref: ConnectionRef): string {
    return `${ref.project}\u0000${ref.name}`;
  }

  isConnected(project: string, name: string): boolean {
    return this.sessions.get(OrgSessions.key({ project, name }))?.status.state === 'connected';
  }

  /** The latest status of a connection (disconnected when it has no session). */
  statusOf(ref: ConnectionRef): OrgStatus {
    return this.sessions.get(OrgSessions.key(ref))?.status ?? { connection: ref, state: 'disconnected' };
  }

  private session(conn: ResolvedConnection, fresh: boolean): Session {
    const config = connectionConfigFromDecl(conn.decl);
    if ('error' in config) throw new OrgError(config.error);
    const key = OrgSessions.key(conn.ref);
    const configKey = JSON.stringify(config.config);
    const existing = this.sessions.get(key);
    // an edited crmflow.yaml (other URL, user, kind) needs a new login
    if (existing && !fresh && existing.configKey === configKey) return existing;
    if (existing) this.end(key, existing);
    const ref = conn.ref;
    const secrets: SecretSource = {
      get: (_name, k) => this.host.readSecret(ref, k),
      set: async (_name, k, value) => this.host.storeSecret(ref, k, value),
      delete: async (_name, k) => this.host.storeSecret(ref, k, null),
    };
    let session: Session | undefined;
    const gateway = this.createGateway(config.config, {
      secrets,
      log: (line) => this.host.log(line),
      onApiUsage: (usage) => {
        if (!session) return;
        session.status = { ...session.status, apiUsage: usage };
        this.host.status(session.status);
      },
    });
    session = { ref, configKey, gateway, status: { connection: ref, state: 'disconnected' } };
    this.sessions.set(key, session);
    return session;
  }

  private end(key: string, s: Session): void {
    this.sessions.delete(key);
    s.gateway.close();
  }

  /** Runs an org call; a failure marks the session as errored, is reported, and is rethrown as an OrgError. */
  private async run<T>(s: Session, call: string, fn: (g: SalesforceGateway) => Promise<T>): Promise<T> {
    try {
      return await fn(s.gateway);
    } catch (e) {
      const err = e instanceof this.runtime.SalesforceError ? e : s.gateway.failure(call, e);
      let message = err.message;
      if (s.gateway.config.kind === 'emulator' && (err.errorCode === 'ECONNREFUSED' || err.errorCode === 'ENOTFOUND')) {
        message += `. Is the emulator running? Start it with "crmflow emulator --port ${new URL(s.gateway.config.loginUrl).port || '6110'}"`;
      }
      s.status = { connection: s.ref, state: 'error', message, ...(s.status.apiUsage ? { apiUsage: s.status.apiUsage } : {}) };
      this.host.status(s.status);
      throw new OrgError(message);
    }
  }

  private async check(s: Session): Promise<OrgStatus> {
    const r = await this.run(s, 'testConnection', (g) => g.testConnection());
    const status: OrgStatus = { connection: s.ref, state: 'connected', instanceUrl: r.session.instanceUrl };
    const username = r.username ?? s.gateway.config.username;
    if (username) status.username = username;
    if (r.session.organizationId) status.orgId = r.session.organizationId;
    const usage = r.apiUsage ?? s.gateway.apiUsage;
    if (usage) status.apiUsage = usage;
    s.status = status;
    this.host.status(status);
    return status;
  }

  /** Logs in afresh (new secrets were just stored) and checks the session. */
  connect(conn: ResolvedConnection): Promise<OrgStatus> {
    return this.check(this.session(conn, true));
  }

  /** Checks the connection, logging in when there is no session yet. */
  test(conn: ResolvedConnection): Promise<OrgStatus> {
    return this.check(this.session(conn, false));
  }

  /** Step 1 of the browser sign-in: the authorize URL (PKCE S256) to open. */
  async beginSignIn(conn: ResolvedConnection, redirectUri: string): Promise<{ url: string }> {
    const now = Date.now();
    for (const [state, p] of this.signIns) if (now - p.startedMs > SIGN_IN_TTL_MS) this.signIns.delete(state);
    const s = this.session(conn, true);
    const start = await this.run(s, 'authorize', async (g) => g.beginWebServerFlow(redirectUri));
    this.signIns.set(start.state, { key: OrgSessions.key(conn.ref), verifier: start.verifier, redirectUri, startedMs: now });
    return { url: start.url };
  }

  /** Step 2: the redirect's code for tokens (stored through the host), then the usual check. */
  async completeSignIn(conn: ResolvedConnection, code: string, state: string): Promise<OrgStatus> {
    const pending = this.signIns.get(state);
    if (!pending || pending.key !== OrgSessions.key(conn.ref) || Date.now() - pending.startedMs > SIGN_IN_TTL_MS) {
      throw new OrgError(`This sign-in to '${conn.ref.name}' was not started here or has expired; run "Connect to Salesforce…" again.`);
    }
    this.signIns.delete(state);
    const s = this.session(conn, false);
    await this.run(s, 'authorize', (g) => g.completeWebServerFlow(code, pending.verifier, pending.redirectUri));
    return this.check(s);
  }

  async disconnect(ref: ConnectionRef): Promise<OrgStatus> {
    const key = OrgSessions.key(ref);
    const s = this.sessions.get(key);
    if (s) {
      try {
        // tokens of our own browser sign-in are revoked; a token the user pasted may serve other tools
        await s.gateway.disconnect({ revoke: s.gateway.config.kind === 'oauth' });
      } catch {
        // the session is dropped either way
      }
      this.end(key, s);
    }
    const status: OrgStatus = { connection: ref, state: 'disconnected' };
    this.host.status(status);
    return status;
  }

  /**
   * Re-describes into the cache: describeGlobal, then `objects`, else every object already
   * cached (revalidated with If-Modified-Since), else the CRM objects dataflows start from.
   */
  async refreshMetadata(conn: ResolvedConnection, objects?: readonly string[]): Promise<RefreshMetadataResult> {
    const s = this.session(conn, false);
    const root = conn.project.root;
    const cached = [...cachedDescribeNames(this.ws, root, conn.decl.name)];
    const wanted = objects && objects.length ? [...objects] : cached.length ? cached : DEFAULT_REFRESH_OBJECTS;
    const result = await this.run(s, 'snapshot', (g) => this.runtime.snapshot(g, root, wanted));
    // the client's file watcher reports these too, but the tree asks again right away
    const dir = metadataDir(root, conn.decl.name);
    this.ws.invalidate(path.join(dir, 'describeGlobal.json'));
    for (const o of result.objects) this.ws.invalidate(path.join(dir, `${o.name}.json`));
    const global = this.ws.describeGlobal(root, conn.decl.name);
    if (s.status.state !== 'connected') await this.check(s).catch(() => undefined);
    return {
      objectCount: global?.sobjects.length ?? 0,
      refreshed: result.objects.filter((o) => o.outcome === 'created' || o.outcome === 'updated').map((o) => o.name),
      unchanged: result.objects.filter((o) => o.outcome === 'unchanged').map((o) => o.name),
      // objects of the default set an org does not have are not failures of the user's
      failed: result.objects.filter((o) => o.error && !(objects === undefined && cached.length === 0 && /not an object of this org/.test(o.error))).map((o) => o.error!),
    };
  }

  /** The first `limit` records of `object` (REST, typed by the cached describe when there is one). */
  async preview(conn: ResolvedConnection, object: string, fields: readonly string[], where?: string, limit = PREVIEW_LIMIT): Promise<PreviewRecordsResult> {
    const s = this.session(conn, false);
    const describe: SObjectDescribe | undefined = this.ws.describe(conn.project.root, conn.decl.name, object)?.describe;
    const rows: string[][] = [];
    let soql = '';
    await this.run(s, 'preview', async (g) => {
      const extraction = this.runtime.extractRecords(g, { object, fields, ...(where ? { where } : {}), limit, api: 'rest', describe: describe ?? null });
      for await (const batch of extraction) {
        for (const r of batch.records) if (rows.length < limit) rows.push(fields.map((f) => cellText(r[f])));
        if (rows.length >= limit) break;
      }
      soql = extraction.summary.soql ?? '';
    });
    if (s.status.state !== 'connected') {
      s.status = { ...s.status, connection: s.ref, state: 'connected' };
      delete s.status.message;
      this.host.status(s.status);
    }
    return { connection: s.ref, object, soql, columns: [...fields], rows };
  }

  dispose(): void {
    for (const [key, s] of [...this.sessions]) this.end(key, s);
  }
}
