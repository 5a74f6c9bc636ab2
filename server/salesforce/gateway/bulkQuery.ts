/**
 * Bulk API 2.0 query with our own locator paging (jsforce's `bulk2.query` crashes on any
 * result of more than one page): create the job, poll it to JobComplete, then GET
 * `results?maxRecords=N&locator=L` until `Sforce-Locator` is the literal `null`, parsing
 * each page as it streams. A page cut short is fetched again and the rows already
 * delivered are skipped (pages are stable while the job exists). The job is aborted if
 * the consumer stops early, and deleted at the end.
 */
import { CsvParser } from './csv';
import type { SalesforceGateway } from './gateway';
import { backoffDelay, sleep } from './retry';

export interface BulkQueryOptions {
  /** operation queryAll: soft-deleted rows too */
  includeDeleted?: boolean;
  /** `maxRecords` of one results page (default 50,000) */
  pageSize?: number;
  /** rows per yielded batch (default 2,000) */
  batchSize?: number;
  /** first wait between job polls (default 500 ms); grows ×1.5 up to maxPollIntervalMs */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** give up (and abort the job) after this long (default 1 hour) */
  pollTimeoutMs?: number;
  /** delete the job when done (default true) */
  deleteJob?: boolean;
  signal?: AbortSignal;
}

export interface BulkRowBatch {
  jobId: string;
  /** 1-based results page */
  page: number;
  header: string[];
  rows: string[][];
}

export interface BulkJobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted' | string;
  object?: string;
  numberRecordsProcessed?: number;
  errorMessage?: string;
}

const END_STATES = new Set(['JobComplete', 'Failed', 'Aborted']);

export async function* bulkQueryBatches(gateway: SalesforceGateway, soql: string, options: BulkQueryOptions = {}): AsyncGenerator<BulkRowBatch> {
  const signal = options.signal;
  const callOptions = signal ? { signal } : {};
  const created = await gateway.rest<BulkJobInfo>('bulk2.createJob', {
    method: 'POST', path: '/jobs/query',
    body: { operation: options.includeDeleted ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
  }, callOptions);
  const jobId = created.body?.id;
  if (typeof jobId !== 'string') throw gateway.error('bulk2.createJob', 'UNEXPECTED_RESPONSE', 'the job was created without an id');
  gateway.log(`bulk query job ${jobId} created`);
  let state = created.body.state;
  let finished = false;
  try {
    const info = await waitForJob(gateway, jobId, options);
    state = info.state;
    gateway.log(`bulk query job ${jobId} complete: ${info.numberRecordsProcessed ?? '?'} records`);
    let locator: string | undefined;
    let page = 0;
    do {
      page++;
      locator = yield* readPage(gateway, jobId, locator, page, options);
    } while (locator !== undefined);
    finished = true;
  } catch (e) {
    const err = gateway.failure('bulk2', e);
    if (err.errorCode === 'BULK_JOB_FAILED' || err.errorCode === 'BULK_JOB_ABORTED') state = err.errorCode === 'BULK_JOB_FAILED' ? 'Failed' : 'Aborted';
    throw err;
  } finally {
    await cleanUp(gateway, jobId, finished || END_STATES.has(state) ? undefined : 'abort', options.deleteJob ?? true);
  }
}

async function cleanUp(gateway: SalesforceGateway, jobId: string, abort: 'abort' | undefined, remove: boolean): Promise<void> {
  if (abort) {
    try {
      await gateway.rest('bulk2.abortJob', { method: 'PATCH', path: `/jobs/query/${jobId}`, body: { state: 'Aborted' } });
      gateway.log(`bulk query job ${jobId} aborted`);
    } catch (e) {
      gateway.log(`bulk query job ${jobId} could not be aborted: ${gateway.failure('bulk2.abortJob', e).errorCode}`);
    }
  }
  if (!remove) return;
  try {
    await gateway.rest('bulk2.deleteJob', { method: 'DELETE', path: `/jobs/query/${jobId}` }, { retry: false });
  } catch (e) {
    gateway.log(`bulk query job ${jobId} could not be deleted: ${gateway.failure('bulk2.deleteJob', e).errorCode}`);
  }
}

export async function waitForJob(gateway: SalesforceGateway, jobId: string, options: BulkQueryOptions = {}): Promise<BulkJobInfo> {
  const deadline = Date.now() + (options.pollTimeoutMs ?? 3_600_000);
  const maxWait = options.maxPollIntervalMs ?? 5000;
  let wait = options.pollIntervalMs ?? 500;
  for (;;) {
    const info = (await gateway.rest<BulkJobInfo>('bulk2.pollJob', { path: `/jobs/query/${jobId}` }, options.signal ? { signal: options.signal } : {})).body;
    if (info.state === 'JobComplete') return info;
    if (info.state === 'Failed') throw gateway.error('bulk2.pollJob', 'BULK_JOB_FAILED', `job ${jobId} failed: ${info.errorMessage ?? 'no reason given'}`);
    if (info.state === 'Aborted') throw gateway.error('bulk2.pollJob', 'BULK_JOB_ABORTED', `job ${jobId} was aborted`);
    if (Date.now() + wait > deadline) {
      throw gateway.error('bulk2.pollJob', 'BULK_JOB_TIMEOUT', `job ${jobId} was still ${info.state} after ${Math.round((options.pollTimeoutMs ?? 3_600_000) / 1000)} s`);
    }
    await sleep(wait, options.signal).catch(() => {
      throw gateway.error('bulk2.pollJob', 'CANCELLED', 'the operation was cancelled');
    });
    wait = Math.min(maxWait, Math.ceil(wait * 1.5));
  }
}

/** Streams one results page; returns the next locator (undefined after the last page). */
async function* readPage(
  gateway: SalesforceGateway, jobId: string, locator: string | undefined, page: number, options: BulkQueryOptions,
): AsyncGenerator<BulkRowBatch, string | undefined> {
  const pageSize = options.pageSize ?? 50_000;
  const batchSize = options.batchSize ?? 2000;
  const query = `maxRecords=${pageSize}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
  let delivered = 0;
  for (let attempt = 1; ; attempt++) {
    const res = await gateway.openStream('bulk2.results', `/jobs/query/${jobId}/results?${query}`, {
      headers: { accept: 'text/csv' }, ...(options.signal ? { signal: options.signal } : {}),
    });
    const next = res.headers['sforce-locator'];
    const expected = Number(res.headers['sforce-numberofrecords']);
    let header: string[] | undefined;
    let seen = 0;
    let pending: string[][] = [];
    const parser = new CsvParser((cells) => {
      if (!header) {
        header = cells;
        return;
      }
      seen++;
      if (seen > delivered) pending.push(cells);
    });
    try {
      for await (const chunk of res.body) {
        parser.push(chunk as Buffer);
        while (pending.length >= batchSize && header) {
          const rows = pending.length === batchSize ? pending : pending.slice(0, batchSize);
          pending = pending.length === batchSize ? [] : pending.slice(batchSize);
          delivered += rows.length;
          yield { jobId, page, header, rows };
        }
      }
      parser.end();
      if (Number.isFinite(expected) && seen < expected) {
        throw gateway.error('bulk2.results', 'BODY_INCOMPLETE', `page ${page} of job ${jobId} had ${seen} of ${expected} records`);
      }
      if (pending.length && header) {
        const rows = pending;
        pending = [];
        delivered += rows.length;
        yield { jobId, page, header, rows };
      }
      if (next === undefined) gateway.log(`bulk query job ${jobId}: page ${page} has no Sforce-Locator; treating it as the last`);
      return next === undefined || next === 'null' || next === '' ? undefined : next;
    } catch (e) {
      res.body.destroy();
      const err = gateway.failure('bulk2.results', e);
      if (!err.retryable || attempt >= gateway.retry.maxAttempts) throw attempt > 1 && err.retryable ? err.afterAttempts(attempt) : err;
      const delay = backoffDelay(gateway.retry, attempt);
      gateway.log(`bulk2.results: ${err.errorCode} on page ${page} after ${delivered} rows; fetching it again in ${delay} ms (attempt ${attempt + 1} of ${gateway.retry.maxAttempts})`);
      await sleep(delay, options.signal).catch(() => {
        throw gateway.error('bulk2.results', 'CANCELLED', 'the operation was cancelled');
      });
    }
  }
}
