/**
 * Connection secrets in VS Code SecretStorage (the OS keychain), keyed by project folder,
 * connection name and secret key. The server never holds them: it asks with
 * ReadSecretRequest whenever it logs in, and reports refreshed tokens with
 * SecretUpdatedNotification. An index of stored key names (not values) per connection
 * lets Disconnect delete them all, because SecretStorage cannot list its keys. Connect
 * first logs in with the secrets entered and stores them only once that succeeded.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReadSecretRequest, SecretUpdatedNotification, type ConnectionRef } from '../shared/protocol';

const PREFIX = 'crmDataflows.secret';

function keyOf(ref: ConnectionRef, key: string): string {
  return `${PREFIX}|${ref.project}|${ref.name}|${key}`;
}

function indexOf(ref: ConnectionRef): string {
  return `${PREFIX}|${ref.project}|${ref.name}|$keys`;
}

/**
 * What the extension's exported API offers about stored secrets (end-to-end tests check
 * Connect with it): the key names, and whether a value is the stored one. Never a value,
 * since any other extension can read the exports.
 */
export interface StoredSecrets {
  keys(connection: ConnectionRef): Promise<string[]>;
  holds(connection: ConnectionRef, key: string, value: string): Promise<boolean>;
}

/** One secret a Connect tries: its key and value ('' leaves an optional secret empty). */
export type CandidateSecret = readonly [key: string, value: string];

export class ConnectionSecrets {
  /** index updates are read-modify-write: run them one at a time (tokens arrive in bursts) */
  private queue: Promise<unknown> = Promise.resolve();
  /** secrets a Connect is trying, by connection: served to the server in place of the stored ones until the login settles */
  private readonly candidates = new Map<string, Map<string, string>>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Answers the server's requests and stores the tokens it reports (call once, before the client starts). */
  serve(client: LanguageClient): void {
    client.onRequest(ReadSecretRequest.type, async (p) => (p?.connection && typeof p.key === 'string' ? (await this.forServer(p.connection, p.key)) ?? null : null));
    client.onNotification(SecretUpdatedNotification.type, (p) => {
      if (!p?.connection || typeof p.key !== 'string') return;
      // a token rotated during a trial login must not be overwritten by the value tried
      const trying = this.candidates.get(indexOf(p.connection));
      if (trying?.has(p.key)) trying.set(p.key, p.value ?? '');
      void (p.value === null || p.value === '' ? this.delete(p.connection, p.key) : this.store(p.connection, p.key, p.value));
    });
  }

  /** The stored value. */
  async get(ref: ConnectionRef, key: string): Promise<string | undefined> {
    return this.storage.get(keyOf(ref, key));
  }

  /** What the server logs in with: the value a Connect is trying, else the stored one. */
  private async forServer(ref: ConnectionRef, key: string): Promise<string | undefined> {
    const trying = this.candidates.get(indexOf(ref));
    if (trying?.has(key)) return trying.get(key) || undefined;
    return this.get(ref, key);
  }

  /**
   * Connect's order: the server logs in with `candidates` (they answer its secret reads
   * for `ref` while `login` runs), and they are stored only when `login` returns a
   * result. A login that throws or returns undefined (cancelled) stores nothing and
   * leaves the secrets stored before exactly as they were.
   */
  async storeIfLoginSucceeds<T>(ref: ConnectionRef, candidates: readonly CandidateSecret[], login: () => PromiseLike<T | undefined>): Promise<T | undefined> {
    const id = indexOf(ref);
    const trying = new Map(candidates);
    this.candidates.set(id, trying);
    try {
      const result = await login();
      if (result === undefined) return undefined;
      // stored while still served from the candidates, so no read sees the old values in between
      for (const [key, value] of trying) {
        if (value) await this.store(ref, key, value);
        else await this.delete(ref, key);
      }
      return result;
    } finally {
      if (this.candidates.get(id) === trying) this.candidates.delete(id);
    }
  }

  async keys(ref: ConnectionRef): Promise<string[]> {
    try {
      const list = JSON.parse((await this.storage.get(indexOf(ref))) ?? '[]') as unknown;
      return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }

  private async setIndex(ref: ConnectionRef, keys: readonly string[]): Promise<void> {
    if (keys.length) await this.storage.store(indexOf(ref), JSON.stringify([...new Set(keys)].sort()));
    else await this.storage.delete(indexOf(ref));
  }

  store(ref: ConnectionRef, key: string, value: string): Promise<void> {
    return this.serial(async () => {
      await this.storage.store(keyOf(ref, key), value);
      const keys = await this.keys(ref);
      if (!keys.includes(key)) await this.setIndex(ref, [...keys, key]);
    });
  }

  delete(ref: ConnectionRef, key: string): Promise<void> {
    return this.serial(async () => {
      await this.storage.delete(keyOf(ref, key));
      const keys = await this.keys(ref);
      if (keys.includes(key)) await this.setIndex(ref, keys.filter((k) => k !== key));
    });
  }

  /** Disconnect: every secret ever stored for the connection. */
  deleteAll(ref: ConnectionRef): Promise<number> {
    return this.serial(async () => {
      const keys = await this.keys(ref);
      for (const k of keys) await this.storage.delete(keyOf(ref, k));
      await this.setIndex(ref, []);
      return keys.length;
    });
  }

  async hasAny(ref: ConnectionRef): Promise<boolean> {
    return (await this.keys(ref)).length > 0;
  }

  /** The read-only view of StoredSecrets. */
  readOnly(): StoredSecrets {
    return {
      keys: (ref) => this.keys(ref),
      holds: async (ref, key, value) => (await this.get(ref, key)) === value,
    };
  }
}
