/**
 * The describe cache on disk: `<root>/.crmflow/metadata/<connection>/describeGlobal.json`
 * and `<Object>.json`, each Salesforce's own JSON pretty-printed. Entries are revalidated
 * with `If-Modified-Since` (a 304 keeps the file); the server's `Last-Modified` (or ETag)
 * of each file is kept in `.cache-state.json` beside them, because file times change
 * with every git checkout. `force` fetches unconditionally.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DescribeGlobal, SObjectDescribe } from '../describeTypes';
import type { SalesforceGateway } from './gateway';
import { OBJECT_NAME } from './soql';

export const METADATA_DIR = path.join('.crmflow', 'metadata');
export const DESCRIBE_GLOBAL_FILE = 'describeGlobal.json';
export const CACHE_STATE_FILE = '.cache-state.json';

export type CacheOutcome = 'created' | 'updated' | 'unchanged';

export interface CachedDescribe<T> {
  file: string;
  outcome: CacheOutcome;
  body: T;
}

export interface CacheEntryState {
  lastModified?: string;
  etag?: string;
  fetchedAt: string;
}

interface CacheStateFile {
  version: 1;
  entries: Record<string, CacheEntryState>;
}

export interface RevalidateOptions {
  force?: boolean;
  signal?: AbortSignal;
}

/** Whether a connection name can be a folder name (no separators, not `.`/`..`). */
export function isSafeSegment(name: string): boolean {
  return name.length > 0 && name !== '.' && name !== '..' && !/[\\/\u0000:*?"<>|]/.test(name);
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, text, 'utf8');
  await fs.rename(tmp, file);
}

export class DescribeCache {
  readonly dir: string;
  private state: Promise<CacheStateFile> | undefined;
  private stateWrite: Promise<void> = Promise.resolve();

  constructor(readonly projectRoot: string, readonly connection: string) {
    if (!isSafeSegment(connection)) throw new Error(`'${connection}' cannot name a cache folder`);
    this.dir = path.join(projectRoot, METADATA_DIR, connection);
  }

  fileOf(object?: string): string {
    return path.join(this.dir, object === undefined ? DESCRIBE_GLOBAL_FILE : `${object}.json`);
  }

  async describeGlobal(gateway: SalesforceGateway, options: RevalidateOptions = {}): Promise<CachedDescribe<DescribeGlobal>> {
    return this.revalidate<DescribeGlobal>(gateway, 'describeGlobal', '/sobjects', DESCRIBE_GLOBAL_FILE, options);
  }

  async describe(gateway: SalesforceGateway, object: string, options: RevalidateOptions = {}): Promise<CachedDescribe<SObjectDescribe>> {
    if (!OBJECT_NAME.test(object)) throw gateway.error('describe', 'INVALID_REQUEST', `'${object}' is not an sObject API name`);
    return this.revalidate<SObjectDescribe>(gateway, 'describe', `/sobjects/${object}/describe`, `${object}.json`, options);
  }

  /** The cached JSON of a file, or undefined. */
  async read<T>(fileName: string): Promise<T | undefined> {
    try {
      return JSON.parse(await fs.readFile(path.join(this.dir, fileName), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private async revalidate<T>(gateway: SalesforceGateway, call: string, apiPath: string, fileName: string, options: RevalidateOptions): Promise<CachedDescribe<T>> {
    const file = path.join(this.dir, fileName);
    const state = (await this.loadState()).entries[fileName];
    const cached = options.force || !state ? undefined : await this.read<T>(fileName);
    const headers: Record<string, string> = {};
    if (cached !== undefined && state?.lastModified) headers['if-modified-since'] = state.lastModified;
    if (cached !== undefined && state?.etag) headers['if-none-match'] = state.etag;
    const res = await gateway.rest<T>(call, { path: apiPath, headers }, options.signal ? { signal: options.signal } : {});
    // Nothing is written on a 304, so file watchers (the language server's) stay quiet.
    if (res.status === 304 && cached !== undefined) return { file, outcome: 'unchanged', body: cached };
    if (res.body === null || typeof res.body !== 'object') {
      throw gateway.error(call, 'UNEXPECTED_RESPONSE', `the org answered HTTP ${res.status} without a JSON body`);
    }
    await fs.mkdir(this.dir, { recursive: true });
    const existed = await fs.stat(file).then(() => true, () => false);
    await writeAtomic(file, `${JSON.stringify(res.body, null, 2)}\n`);
    const entry: CacheEntryState = { fetchedAt: new Date().toISOString() };
    const lastModified = res.headers['last-modified'] ?? res.headers.date;
    if (lastModified) entry.lastModified = lastModified;
    if (res.headers.etag) entry.etag = res.headers.etag;
    await this.record(fileName, entry);
    return { file, outcome: existed ? 'updated' : 'created', body: res.body };
  }

  private loadState(): Promise<CacheStateFile> {
    this.state ??= this.read<CacheStateFile>(CACHE_STATE_FILE).then((s) => (s && s.version === 1 && s.entries && typeof s.entries === 'object' ? s : { version: 1, entries: {} }));
    return this.state;
  }

  /** Updates one entry; writes are serialised so parallel describes do not lose entries. */
  private async record(fileName: string, entry: CacheEntryState): Promise<void> {
    const state = await this.loadState();
    state.entries[fileName] = entry;
    const write = this.stateWrite.then(async () => {
      await fs.mkdir(this.dir, { recursive: true });
      const sorted = Object.fromEntries(Object.entries(state.entries).sort(([a], [b]) => a.localeCompare(b)));
      await writeAtomic(path.join(this.dir, CACHE_STATE_FILE), `${JSON.stringify({ version: 1, entries: sorted }, null, 2)}\n`);
    });
    this.stateWrite = write.catch(() => undefined);
    await write;
  }
}
