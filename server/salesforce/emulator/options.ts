/** Public option and handle types of the Salesforce emulator. */
import type { Row } from './data/generators';

/** Faults injected into one emulator run. Counts refer to authenticated `/services/data` calls. */
export interface EmulatorFaults {
  /** delay before every response, in ms */
  latencyMs?: number;
  /** after this many calls, every session issued so far expires (once); refreshed tokens work */
  expireSessionAfter?: number;
  /** the daily API quota: calls beyond it get 403 REQUEST_LIMIT_EXCEEDED (default 100000) */
  requestLimitAfter?: number;
  /** share (0–1) of GET calls answered 503 SERVER_UNAVAILABLE, drawn from the seed */
  serverErrorRate?: number;
  /** the call after this many is cut off mid-body (once) */
  dropConnectionAfter?: number;
  /** the n-th Bulk API 2.0 query job (1-based) ends in state Failed */
  failBulkJob?: number;
  /** the first N authenticated GET calls answer `failNextGetsStatus` (a client that retries still succeeds) */
  failNextGets?: number;
  /** status of the `failNextGets` answers: 503 SERVER_UNAVAILABLE (default) or 500 UNKNOWN_EXCEPTION */
  failNextGetsStatus?: 500 | 503;
}

/** Records that change by themselves while the emulator runs, for incremental-load tests. */
export interface EmulatorChurn {
  /** records changed every second (one field value each, plus LastModifiedDate/SystemModstamp) */
  perSecond: number;
  /** objects whose records change (default Account, Contact, Lead, Opportunity) */
  objects?: string[];
}

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one */
  port?: number;
  /** seed of the generated data (default 1) */
  seed?: number | string;
  /** number of Contacts; other objects scale from it (default 1000) */
  records?: number;
  /** newest API version served, e.g. '62.0' (any vNN.N is accepted in paths) */
  apiVersion?: string;
  faults?: EmulatorFaults;
  /** the org's "now": generated history ends just before it (default: the current time) */
  now?: Date | number | string;
  /** override the accepted credentials */
  credentials?: Partial<EmulatorCredentials>;
  /**
   * PEM of the connected app's certificate (or its RSA public key): JWT bearer assertions must
   * verify against it. Without it any well-formed RS256 assertion is accepted, as the emulator
   * cannot know the key.
   */
  jwtCertificate?: string;
  churn?: EmulatorChurn;
}

export interface EmulatorCredentials {
  username: string;
  password: string;
  securityToken: string;
  clientId: string;
  clientSecret: string;
  /** a long-lived refresh token for the connected app, for the refresh_token grant */
  refreshToken: string;
}

export interface RunningEmulator {
  /** base URL, both login host and instance: `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  apiVersion: string;
  orgId: string;
  /** id of the API user every credential logs in as */
  userId: string;
  credentials: EmulatorCredentials;
  close(): Promise<void>;
  /** creates a record (ids continue after the generated rows); returns its 18-character id */
  createRecord(object: string, fields: Row): string;
  /** changes fields of a record and bumps its LastModifiedDate/SystemModstamp */
  updateRecord(object: string, id: string, fields: Row): void;
  /** soft-deletes a record (visible to queryAll and …/deleted) */
  deleteRecord(object: string, id: string): void;
  undeleteRecord(object: string, id: string): void;
  /** the current full row, or null */
  getRecord(object: string, id: string): Row | null;
  /** id of generated row `index` */
  recordId(object: string, index: number): string;
  /** rows of an object, including soft-deleted and created ones */
  recordCount(object: string): number;
  /** expires every session issued so far, now */
  expireSessions(): void;
  /** marks describe metadata changed now (If-Modified-Since then answers 200) */
  touchMetadata(): void;
  apiUsage(): { used: number; max: number };
  /** the next `count` authenticated GET calls answer `status` (503 by default) */
  failNextGets(count: number, status?: 500 | 503): void;
  /** 5xx answers injected so far (by `failNextGets` and `serverErrorRate`) */
  serverErrorsServed(): number;
  /** changes `count` records now (default: the churn rate, else 1), as one churn tick; returns their ids */
  churnNow(count?: number): string[];
}
