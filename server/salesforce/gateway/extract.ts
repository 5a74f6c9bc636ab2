/**
 * Record extraction for ingestion: batches of flat, typed records streamed from REST
 * (small pulls) or Bulk API 2.0 (large ones), chosen by an estimated count, never the
 * whole result in memory. Supports incremental pulls (`cursor > since`, with the next
 * watermark in the summary) and queryAll for deleted rows.
 */
import type { SObjectDescribe } from '../describeTypes';
import { bulkQueryBatches, type BulkQueryOptions } from './bulkQuery';
import type { SalesforceGateway } from './gateway';
import { RecordShaper, type ExtractRecord } from './records';
import { restCount, restQueryPages } from './restQuery';
import { buildCount, buildSelect, checkSelect, normaliseDateTime, selectedFields, type SelectSpec } from './soql';

export type ExtractApi = 'rest' | 'bulk';

export interface ExtractRequest extends SelectSpec {
  /** queryAll: soft-deleted rows arrive with IsDeleted = true */
  includeDeleted?: boolean;
  /** 'auto' (default) picks by estimated count */
  api?: ExtractApi | 'auto';
  /** above this many rows 'auto' uses Bulk API 2.0 (default 20,000) */
  bulkThreshold?: number;
  /** records per yielded batch (default 2,000) */
  batchSize?: number;
  /** types the records; fetched from the org when omitted; `null` leaves Bulk values as text */
  describe?: SObjectDescribe | null;
  /** REST `Sforce-Query-Options: batchSize` */
  restPageSize?: number;
  bulk?: Omit<BulkQueryOptions, 'includeDeleted' | 'signal' | 'batchSize'>;
  signal?: AbortSignal;
}

export interface RecordBatch {
  api: ExtractApi;
  /** 1-based REST page or Bulk results page */
  page: number;
  records: ExtractRecord[];
}

export interface ExtractSummary {
  api?: ExtractApi;
  soql?: string;
  /** rows the count query reported (auto mode) */
  estimated?: number;
  records: number;
  batches: number;
  /** the largest cursor value seen: the next run's `since` */
  maxCursor?: string;
  jobId?: string;
  elapsedMs: number;
}

/** Field types Bulk API 2.0 cannot return. */
const REST_ONLY_TYPES = new Set(['address', 'location', 'base64']);
const DEFAULT_THRESHOLD = 20_000;

/** An extraction: iterate it once for the batches; `summary` fills in as it runs. */
export class Extraction implements AsyncIterable<RecordBatch> {
  readonly summary: ExtractSummary = { records: 0, batches: 0, elapsedMs: 0 };
  private started = false;

  constructor(private readonly gateway: SalesforceGateway, private readonly request: ExtractRequest) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordBatch> {
    if (this.started) throw new Error('an Extraction can be iterated only once');
    this.started = true;
    return this.run();
  }

  /** Drains the extraction through `onBatch` and returns the summary. */
  async forEach(onBatch: (batch: RecordBatch) => void | Promise<void>): Promise<ExtractSummary> {
    for await (const batch of this) await onBatch(batch);
    return this.summary;
  }

  private async *run(): AsyncGenerator<RecordBatch> {
    const started = Date.now();
    const { gateway, request } = this;
    try {
      const problem = checkSelect(request);
      if (problem) throw gateway.error('extract', 'INVALID_REQUEST', problem);
      const describe = request.describe === undefined ? await this.fetchDescribe() : request.describe ?? undefined;
      const fields = selectedFields(request);
      const soql = buildSelect(request);
      this.summary.soql = soql;
      const api = await this.choose(describe);
      this.summary.api = api;
      gateway.log(`extracting ${request.object} via ${api === 'bulk' ? 'Bulk API 2.0' : 'REST'}${this.summary.estimated !== undefined ? ` (~${this.summary.estimated} rows)` : ''}`);
      const shaper = new RecordShaper(fields, describe);
      const cursorField = request.since !== undefined ? fields.find((f) => f.toLowerCase() === (request.cursorField ?? 'SystemModstamp').toLowerCase()) : undefined;
      const source = api === 'bulk' ? this.bulkBatches(soql, shaper) : this.restBatches(soql, shaper);
      for await (const batch of source) {
        this.summary.records += batch.records.length;
        this.summary.batches++;
        if (cursorField) this.noteCursor(batch.records, cursorField);
        this.summary.elapsedMs = Date.now() - started;
        yield batch;
      }
    } catch (e) {
      throw gateway.failure('extract', e);
    } finally {
      this.summary.elapsedMs = Date.now() - started;
    }
  }

  private async fetchDescribe(): Promise<SObjectDescribe> {
    const res = await this.gateway.rest<SObjectDescribe>('describe', { path: `/sobjects/${this.request.object}/describe` }, this.callOptions());
    return res.body;
  }

  private callOptions(): { signal?: AbortSignal } {
    return this.request.signal ? { signal: this.request.signal } : {};
  }

  private async choose(describe: SObjectDescribe | undefined): Promise<ExtractApi> {
    const r = this.request;
    if (r.api === 'rest' || r.api === 'bulk') return r.api;
    if (describe) {
      const types = new Map(describe.fields.map((f) => [f.name.toLowerCase(), String(f.type)]));
      if (r.fields.some((f) => REST_ONLY_TYPES.has(types.get(f.toLowerCase()) ?? ''))) return 'rest';
    }
    const threshold = r.bulkThreshold ?? DEFAULT_THRESHOLD;
    if (r.limit !== undefined && r.limit <= threshold) return 'rest';
    const estimated = await restCount(this.gateway, buildCount(r), { includeDeleted: r.includeDeleted ?? false, ...this.callOptions() });
    this.summary.estimated = estimated;
    return Math.min(estimated, r.limit ?? Infinity) > threshold ? 'bulk' : 'rest';
  }

  private async *restBatches(soql: string, shaper: RecordShaper): AsyncGenerator<RecordBatch> {
    const r = this.request;
    const size = r.batchSize ?? 2000;
    const pages = restQueryPages(this.gateway, soql, {
      includeDeleted: r.includeDeleted ?? false, ...(r.restPageSize ? { batchSize: r.restPageSize } : {}), ...this.callOptions(),
    });
    for await (const page of pages) {
      for (let i = 0; i < page.records.length; i += size) {
        yield { api: 'rest', page: page.page, records: page.records.slice(i, i + size).map((raw) => shaper.fromRest(raw)) };
      }
    }
  }

  private async *bulkBatches(soql: string, shaper: RecordShaper): AsyncGenerator<RecordBatch> {
    const r = this.request;
    let header: string[] | undefined;
    let toRecord: ((cells: readonly string[]) => ExtractRecord) | undefined;
    const batches = bulkQueryBatches(this.gateway, soql, {
      ...r.bulk, includeDeleted: r.includeDeleted ?? false, batchSize: r.batchSize ?? 2000, ...this.callOptions(),
    });
    for await (const batch of batches) {
      this.summary.jobId = batch.jobId;
      if (batch.header !== header || !toRecord) {
        header = batch.header;
        toRecord = shaper.bulkRows(header);
      }
      const convert = toRecord;
      yield { api: 'bulk', page: batch.page, records: batch.rows.map((cells) => convert(cells)) };
    }
  }

  private noteCursor(records: ExtractRecord[], field: string): void {
    let max = this.summary.maxCursor;
    for (const rec of records) {
      const v = rec[field];
      if (typeof v !== 'string') continue;
      const iso = normaliseDateTime(v);
      if (max === undefined || iso > max) max = iso;
    }
    if (max !== undefined) this.summary.maxCursor = max;
  }
}

export function extractRecords(gateway: SalesforceGateway, request: ExtractRequest): Extraction {
  return new Extraction(gateway, request);
}
