/**
 * REST query paging: `query` / `queryAll` and then every `nextRecordsUrl`, one page at a
 * time (jsforce's autoFetch stops silently at 10,000 rows and holds them all). Each page
 * is an idempotent GET, so a dropped connection or a 5xx is retried by the gateway.
 */
import type { RestResponse, SalesforceGateway } from './gateway';

export interface RestQueryOptions {
  /** queryAll: soft-deleted and archived rows too */
  includeDeleted?: boolean;
  /** `Sforce-Query-Options: batchSize` (200–2000; the org may return fewer) */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface RestQueryPage {
  records: Record<string, unknown>[];
  totalSize: number;
  /** 1-based */
  page: number;
  done: boolean;
}

interface QueryResponse {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export async function* restQueryPages(gateway: SalesforceGateway, soql: string, options: RestQueryOptions = {}): AsyncGenerator<RestQueryPage> {
  const call = options.includeDeleted ? 'queryAll' : 'query';
  const headers: Record<string, string> = {};
  if (options.batchSize !== undefined) {
    headers['sforce-query-options'] = `batchSize=${Math.min(2000, Math.max(200, Math.floor(options.batchSize)))}`;
  }
  let path: string | undefined = `/${call}?q=${encodeURIComponent(soql)}`;
  for (let page = 1; path !== undefined; page++) {
    const res: RestResponse<QueryResponse> = await gateway.rest<QueryResponse>(call, { path, headers }, options.signal ? { signal: options.signal } : {});
    const body: QueryResponse | undefined = res.body;
    const records = Array.isArray(body?.records) ? body.records : [];
    path = !body?.done && typeof body?.nextRecordsUrl === 'string' ? body.nextRecordsUrl : undefined;
    yield { records, totalSize: Number(body?.totalSize ?? records.length), page, done: path === undefined };
  }
}

/** `SELECT COUNT() …`: the number of rows a query would return. */
export async function restCount(gateway: SalesforceGateway, soql: string, options: RestQueryOptions = {}): Promise<number> {
  const call = options.includeDeleted ? 'queryAll' : 'query';
  const res = await gateway.rest<QueryResponse>(call, { path: `/${call}?q=${encodeURIComponent(soql)}` }, options.signal ? { signal: options.signal } : {});
  return Number(res.body?.totalSize ?? 0);
}
