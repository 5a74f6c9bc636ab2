/**
 * REST query: `GET …/query?q=`, `…/queryAll?q=` and `…/query/{locator}` (jsforce always pages
 * through `/query/` even for queryAll). Pages are up to 2000 rows, or `Sforce-Query-Options:
 * batchSize=N` (200–2000). As on a real org, cursors live 15 idle minutes and a user has at most
 * 10 open: opening an 11th releases the oldest, whose locator then answers INVALID_QUERY_LOCATOR.
 * That also bounds the memory sorted cursors hold (one index per selected row each).
 */
import { recordId } from '../ids';
import { compileSoql } from '../soql/compile';
import { ResultSet } from '../soql/execute';
import { RestSerializer } from '../soql/serialize';
import { RowResolver } from '../soql/evaluate';
import type { ApiContext, ApiRequest } from './context';
import type { Reply } from './reply';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
const CURSOR_IDLE_MS = 15 * 60_000;
/** Open cursors per user (the emulator has one API user). */
const MAX_CURSORS = 10;

interface Cursor {
  results: ResultSet;
  serializer: RestSerializer;
  batchSize: number;
  lastUsedMs: number;
}

function batchSizeOf(headers: ApiRequest['headers']): number {
  const raw = headers['sforce-query-options'];
  const text = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  const m = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!m) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}

export class QueryApi {
  private readonly cursors = new Map<string, Cursor>();
  private cursorCount = 0;

  constructor(private readonly ctx: ApiContext) {}

  /** `GET query` / `queryAll` with `?q=`. */
  start(request: ApiRequest, includeDeleted: boolean, reply: Reply): void {
    const soql = request.url.searchParams.get('q');
    if (!soql || !soql.trim()) return reply.error(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const compiled = compileSoql(soql, this.ctx.catalog, this.ctx.clock());
    if ('error' in compiled) return reply.error(400, compiled.error.errorCode, compiled.error.message);
    const plan = compiled.plan;
    const view = this.ctx.store.view();
    const results = new ResultSet(plan, view, this.ctx.catalog, includeDeleted);
    if (plan.countOnly) return reply.json(200, { totalSize: results.totalSize, done: true, records: [] });
    if (plan.aggregate) {
      const resolver = new RowResolver(view, this.ctx.catalog);
      const rows = results.rows(0, results.totalSize);
      const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
      for (const item of plan.items) {
        if (item.kind !== 'count' || !item.path) continue;
        const path = item.path;
        record[item.alias] = rows.filter((row) => resolver.value(row, path) !== null).length;
      }
      return reply.json(200, { totalSize: 1, done: true, records: [record] });
    }
    const serializer = new RestSerializer(plan, view, this.ctx.catalog, request.version, includeDeleted);
    const batchSize = batchSizeOf(request.headers);
    const rows = results.rows(0, batchSize);
    const body: Record<string, unknown> = { totalSize: results.totalSize, done: rows.length >= results.totalSize };
    if (!body.done) {
      const id = recordId('01g', this.cursorCount++);
      this.remember(id, { results, serializer, batchSize, lastUsedMs: Date.now() });
      body.nextRecordsUrl = `/services/data/v${request.version}/query/${id}-${rows.length}`;
    }
    body.records = rows.map((row) => serializer.record(row));
    reply.json(200, body);
  }

  /** `GET query/{cursor}-{offset}`. */
  more(request: ApiRequest, locator: string, reply: Reply): void {
    this.expireIdle();
    const m = /^(\w{15,18})-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1]) : undefined;
    if (!m || !cursor) return reply.error(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    cursor.lastUsedMs = Date.now();
    const offset = Number(m[2]);
    const rows = cursor.results.rows(offset, cursor.batchSize);
    const end = offset + rows.length;
    const body: Record<string, unknown> = { totalSize: cursor.results.totalSize, done: end >= cursor.results.totalSize };
    if (!body.done) body.nextRecordsUrl = `/services/data/v${request.version}/query/${m[1]}-${end}`;
    body.records = rows.map((row) => cursor.serializer.record(row));
    reply.json(200, body);
  }

  private remember(id: string, cursor: Cursor): void {
    this.expireIdle();
    if (this.cursors.size >= MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
    this.cursors.set(id, cursor);
  }

  private expireIdle(): void {
    const now = Date.now();
    for (const [id, cursor] of this.cursors) if (now - cursor.lastUsedMs > CURSOR_IDLE_MS) this.cursors.delete(id);
  }
}
