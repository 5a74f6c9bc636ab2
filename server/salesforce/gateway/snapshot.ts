/**
 * `crmflow snapshot <connection> [objects…]`: fills the describe cache for offline
 * authoring and CI. Without object names it takes the default set: every object the
 * org's describeGlobal lists as queryable, minus Salesforce's generated companions
 * (…ChangeEvent, …Share, …History, …Feed, …Tag), platform events (__e), custom metadata
 * (__mdt), custom settings and hidden objects. `--all` takes every queryable object.
 */
import type { DescribeGlobal, GlobalSObject } from '../describeTypes';
import { DescribeCache, isSafeSegment, type CacheOutcome } from './describeCache';
import type { ApiUsage, SalesforceGateway } from './gateway';

export interface SnapshotOptions {
  /** fetch everything unconditionally (no If-Modified-Since) */
  force?: boolean;
  /** every queryable object instead of the default set */
  all?: boolean;
  /** describes in flight at once (default 4) */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (event: { object: string; outcome?: CacheOutcome; error?: string; done: number; total: number }) => void;
}

export interface SnapshotObjectResult {
  name: string;
  outcome?: CacheOutcome;
  /** a readable, redacted sentence when this object failed */
  error?: string;
}

export interface SnapshotResult {
  connection: string;
  dir: string;
  global: CacheOutcome;
  objects: SnapshotObjectResult[];
  failed: number;
  apiUsage?: ApiUsage;
}

const GENERATED = /(?:ChangeEvent|Share|History|Feed|Tag)$|__(?:e|mdt)$/;

/** The objects `snapshot` describes when none are named. */
export function defaultSnapshotObjects(global: DescribeGlobal, all = false): string[] {
  const pick = (s: GlobalSObject) => s.queryable && (all || (!GENERATED.test(s.name) && !s.customSetting && !s.deprecatedAndHidden));
  return global.sobjects.filter(pick).map((s) => s.name).sort((a, b) => a.localeCompare(b));
}

export async function snapshot(gateway: SalesforceGateway, projectRoot: string, objects?: readonly string[], options: SnapshotOptions = {}): Promise<SnapshotResult> {
  if (!isSafeSegment(gateway.name)) throw gateway.error('snapshot', 'INVALID_REQUEST', `'${gateway.name}' cannot name a cache folder`);
  const cache = new DescribeCache(projectRoot, gateway.name);
  const revalidate = { ...(options.force ? { force: true } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const global = await cache.describeGlobal(gateway, revalidate);
  const sobjects = Array.isArray(global.body.sobjects) ? global.body.sobjects : [];
  const byLower = new Map(sobjects.map((s) => [s.name.toLowerCase(), s.name]));
  const results: SnapshotObjectResult[] = [];
  const wanted: string[] = [];
  if (objects && objects.length) {
    for (const name of objects) {
      const canonical = byLower.get(name.toLowerCase());
      if (canonical) {
        if (!wanted.includes(canonical)) wanted.push(canonical);
      } else {
        results.push({ name, error: `${gateway.name}: '${name}' is not an object of this org (not in describeGlobal)` });
      }
    }
  } else {
    wanted.push(...defaultSnapshotObjects(global.body, options.all));
  }
  const total = wanted.length;
  let next = 0;
  let done = 0;
  let stopped = false;
  const worker = async () => {
    while (next < wanted.length && !stopped) {
      const name = wanted[next++];
      const result: SnapshotObjectResult = { name };
      try {
        result.outcome = (await cache.describe(gateway, name, revalidate)).outcome;
      } catch (e) {
        const err = gateway.failure('describe', e);
        // Cancellation and an exhausted quota stop the whole run; other failures are per object.
        if (err.errorCode === 'CANCELLED' || err.errorCode === 'REQUEST_LIMIT_EXCEEDED') {
          stopped = true;
          throw err;
        }
        result.error = `${err.message}`;
      }
      results.push(result);
      done++;
      options.onProgress?.({ object: name, ...(result.outcome ? { outcome: result.outcome } : {}), ...(result.error ? { error: result.error } : {}), done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, wanted.length || 1)) }, worker));
  results.sort((a, b) => a.name.localeCompare(b.name));
  const out: SnapshotResult = { connection: gateway.name, dir: cache.dir, global: global.outcome, objects: results, failed: results.filter((r) => r.error).length };
  if (gateway.apiUsage) out.apiUsage = gateway.apiUsage;
  return out;
}
