/**
 * REST data API routes under `/services/data/v{version}`: resources, describeGlobal and describe
 * (If-Modified-Since → 304), sObject info and retrieve, getUpdated/getDeleted, limits; record
 * writes, query and Bulk 2.0 routes are delegated.
 */
import { HISTORY_MS } from '../data/orgShape';
import { httpDate, parseDateTime, restDateTime } from '../data/format';
import { fieldValue } from '../soql/serialize';
import type { BulkApi } from './bulkApi';
import type { ApiContext, ApiRequest } from './context';
import type { QueryApi } from './queryApi';
import type { Reply } from './reply';
import type { SObjectWrites } from './sobjectWrites';

const DAY_MS = 86_400_000;
const UPDATED_WINDOW_MS = 30 * DAY_MS;
const DELETED_WINDOW_MS = 15 * DAY_MS;
const MAX_REPLICATION_IDS = 600_000;

/** `Winter '25` for 62.0: three releases a year, Winter first. */
export function releaseLabel(version: number): string {
  const k = Math.round(version) - 62;
  const season = ['Winter', 'Spring', 'Summer'][((k % 3) + 3) % 3];
  const year = 25 + Math.floor(k / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

const OLDEST_VERSION = 31;

export function versionList(newest: string): { label: string; url: string; version: string }[] {
  const out = [];
  for (let v = OLDEST_VERSION; v <= Math.floor(Number(newest)); v++) {
    out.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

/** Whether `GET /services/data` lists `version` (`62.0`): other versions are 404 on an org. */
export function isServedVersion(version: string, newest: string): boolean {
  const m = /^(\d+)\.0$/.exec(version);
  return m !== null && Number(m[1]) >= OLDEST_VERSION && Number(m[1]) <= Math.floor(Number(newest));
}

function notFound(reply: Reply): void {
  reply.error(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export class RestApi {
  constructor(
    private readonly ctx: ApiContext,
    private readonly query: QueryApi,
    private readonly bulk: BulkApi,
    private readonly writes: SObjectWrites,
  ) {}

  handle(request: ApiRequest, reply: Reply): void | Promise<void> {
    const [first, ...rest] = request.segments;
    const method = request.method;
    if (first === undefined) return method === 'GET' ? reply.json(200, this.resources(request.version)) : this.notAllowed(reply);
    switch (first) {
      case 'sobjects': return this.sobjects(request, rest, reply);
      case 'query': case 'queryAll':
        if (method !== 'GET') return this.notAllowed(reply);
        if (rest.length === 0) return this.query.start(request, first === 'queryAll', reply);
        if (rest.length === 1) return this.query.more(request, rest[0], reply);
        return notFound(reply);
      case 'limits': return method === 'GET' ? reply.json(200, this.limits()) : this.notAllowed(reply);
      case 'jobs':
        if (rest[0] === 'query') return this.bulk.handle(request, rest.slice(1), reply);
        return notFound(reply);
      default: return notFound(reply);
    }
  }

  private notAllowed(reply: Reply): void {
    reply.error(405, 'METHOD_NOT_ALLOWED', 'HTTP Method is not allowed for this resource');
  }

  private resources(version: string): Record<string, string> {
    const base = `/services/data/v${version}`;
    const names = ['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'contact-tracing', 'jsonxform', 'chatter', 'tabs',
      'appMenu', 'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'smartdatadiscovery', 'identity',
      'composite', 'parameterizedSearch', 'fingerprint', 'theme', 'nouns', 'domino', 'event', 'serviceTemplates', 'recent',
      'connect', 'licensing', 'limits', 'process', 'dedupe', 'async-queries', 'query', 'jobs', 'match', 'localizedvalue',
      'mobile', 'emailConnect', 'consent', 'tokenizer', 'compactLayouts', 'knowledgeManagement', 'sobjects', 'actions', 'support'];
    const out: Record<string, string> = {};
    for (const name of names) out[name] = name === 'identity' ? `${this.identityUrl()}` : `${base}/${name}`;
    out.jobs = `${base}/jobs`;
    return out;
  }

  private identityUrl(): string {
    const org = this.ctx.store.org;
    return `/id/${org.orgId}/${org.id('User', 0)}`;
  }

  /** 304 when If-Modified-Since is at or after the metadata's last change. */
  private notModified(request: ApiRequest, reply: Reply): boolean {
    const modified = Math.floor(this.ctx.metadataModifiedMs() / 1000) * 1000;
    reply.header('Last-Modified', httpDate(modified));
    const since = request.headers['if-modified-since'];
    const sinceMs = typeof since === 'string' ? Date.parse(since) : NaN;
    if (!Number.isNaN(sinceMs) && sinceMs >= modified) {
      reply.empty(304);
      return true;
    }
    return false;
  }

  private sobjects(request: ApiRequest, rest: string[], reply: Reply): void {
    const method = request.method;
    const version = request.version;
    if (rest.length === 0) {
      if (method !== 'GET') return this.notAllowed(reply);
      if (this.notModified(request, reply)) return;
      return reply.json(200, this.ctx.catalog.describeGlobal(version));
    }
    const object = this.ctx.catalog.object(rest[0]);
    if (!object) return notFound(reply);
    const isRecord = rest.length === 2 && !['describe', 'updated', 'deleted'].includes(rest[1]);
    if (rest.length === 1 && method === 'POST') return this.writes.create(request, object, reply);
    if (isRecord && method === 'PATCH') return this.writes.update(request, object, rest[1], reply);
    if (isRecord && method === 'DELETE') return this.writes.remove(object, rest[1], reply);
    if (method !== 'GET') return this.notAllowed(reply);
    if (rest.length === 1) {
      const entry = this.ctx.catalog.describeGlobal(version).sobjects.find((s) => s.name === object.name);
      return reply.json(200, { objectDescribe: entry, recentItems: [] });
    }
    const second = rest[1];
    if (second === 'describe' && rest.length === 2) {
      if (this.notModified(request, reply)) return;
      return reply.json(200, this.ctx.catalog.describe(object.name, version));
    }
    if ((second === 'updated' || second === 'deleted') && rest.length === 2) {
      return second === 'updated' ? this.updated(request, object.name, reply) : this.deleted(request, object.name, reply);
    }
    if (rest.length === 2) return this.retrieve(request, object.name, second, reply);
    return notFound(reply);
  }

  private retrieve(request: ApiRequest, objectName: string, id: string, reply: Reply): void {
    const object = this.ctx.catalog.object(objectName);
    if (!object || !this.writes.recordExists(object, id, reply)) return;
    const view = this.ctx.store.view();
    const at = view.locate(id, this.ctx.catalog);
    const row = at ? view.row(at.object, at.index) : null;
    if (!row) return notFound(reply);
    const wanted = request.url.searchParams.get('fields');
    let fields = object.fields;
    if (wanted) {
      const names = wanted.split(',').map((f) => f.trim()).filter(Boolean);
      const unknown = names.find((n) => !object.hasField(n));
      if (unknown) return reply.error(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${objectName}`);
      fields = names.map((n) => object.fieldByLowerName.get(n.toLowerCase()) as typeof fields[number]);
    }
    const out: Record<string, unknown> = { attributes: { type: objectName, url: `/services/data/v${request.version}/sobjects/${objectName}/${row.Id}` } };
    for (const f of fields) out[f.name] = fieldValue(row, f);
    reply.json(200, out);
  }

  /** Parses getUpdated/getDeleted `start`/`end`, answering INVALID_REPLICATION_DATE when out of range. */
  private window(request: ApiRequest, windowMs: number, reply: Reply): { start: number; end: number } | null {
    const startText = request.url.searchParams.get('start');
    const endText = request.url.searchParams.get('end');
    if (!startText || !endText) {
      reply.error(400, 'MALFORMED_QUERY', "Both 'start' and 'end' parameters are required");
      return null;
    }
    const start = parseDateTime(startText);
    const end = parseDateTime(endText);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      reply.error(400, 'MALFORMED_QUERY', `Invalid date/time: ${Number.isNaN(start) ? startText : endText}`);
      return null;
    }
    const now = this.ctx.clock();
    if (start < now - windowMs) {
      reply.error(400, 'INVALID_REPLICATION_DATE', `startDate must be within the last ${windowMs / DAY_MS} days`);
      return null;
    }
    if (end <= start) {
      reply.error(400, 'INVALID_REPLICATION_DATE', 'endDate must chronologically succeed startDate');
      return null;
    }
    // Real orgs ignore the seconds of start/end; coverage never reaches beyond now.
    const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
    const covered = Math.max(now, this.ctx.store.latestStampMs() + 1000);
    return { start: minute(start), end: Math.min(minute(end), covered) };
  }

  private changedRows(objectName: string, start: number, end: number, deleted: boolean): { id: string; stamp: number }[] {
    const view = this.ctx.store.view();
    const org = view.org;
    const out: { id: string; stamp: number }[] = [];
    const hi = org.firstIndexAtOrAfter(objectName, end);
    for (let i = org.firstIndexAtOrAfter(objectName, start); i < hi; i++) {
      if (view.isMutated(objectName, i) || view.isDeleted(objectName, i) !== deleted) continue;
      out.push({ id: org.id(objectName, i), stamp: org.stampMs(objectName, i) });
      if (out.length > MAX_REPLICATION_IDS) return out;
    }
    for (const i of view.changeOrder(objectName)) {
      const stamp = view.stampMs(objectName, i);
      if (stamp >= start && stamp < end && view.isDeleted(objectName, i) === deleted) out.push({ id: org.id(objectName, i), stamp });
    }
    return out;
  }

  private updated(request: ApiRequest, objectName: string, reply: Reply): void {
    const w = this.window(request, UPDATED_WINDOW_MS, reply);
    if (!w) return;
    const rows = this.changedRows(objectName, w.start, w.end, false);
    if (rows.length > MAX_REPLICATION_IDS) return reply.error(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. modify start/end date to get fewer ids');
    reply.json(200, { ids: rows.map((r) => r.id), latestDateCovered: restDateTime(w.end) });
  }

  private deleted(request: ApiRequest, objectName: string, reply: Reply): void {
    const w = this.window(request, DELETED_WINDOW_MS, reply);
    if (!w) return;
    const rows = this.ctx.catalog.object(objectName)?.hasField('IsDeleted') ? this.changedRows(objectName, w.start, w.end, true) : [];
    if (rows.length > MAX_REPLICATION_IDS) return reply.error(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. modify start/end date to get fewer ids');
    const earliest = Math.max(this.ctx.clock() - DELETED_WINDOW_MS, this.ctx.store.org.nowMs - HISTORY_MS);
    reply.json(200, {
      deletedRecords: rows.map((r) => ({ id: r.id, deletedDate: restDateTime(r.stamp) })),
      earliestDateAvailable: restDateTime(Math.floor(earliest / 60_000) * 60_000),
      latestDateCovered: restDateTime(w.end),
    });
  }

  private limits(): Record<string, { Max: number; Remaining: number }> {
    const faults = this.ctx.faults;
    const jobs = this.bulk.jobsCreated();
    const limit = (Max: number, used = 0) => ({ Max, Remaining: Math.max(0, Max - used) });
    return {
      ActiveScratchOrgs: limit(3),
      AnalyticsExternalDataSizeMB: limit(40960),
      ConcurrentAsyncGetReportInstances: limit(200),
      ConcurrentSyncReportRuns: limit(20),
      DailyAnalyticsDataflowJobExecutions: limit(60),
      DailyApiRequests: limit(faults.apiLimit, faults.used),
      DailyAsyncApexExecutions: limit(250000),
      DailyBulkApiBatches: limit(15000),
      DailyBulkV2QueryFileStorageMB: limit(976562),
      DailyBulkV2QueryJobs: limit(10000, jobs),
      DailyDurableGenericStreamingApiEvents: limit(10000),
      DailyDurableStreamingApiEvents: limit(10000),
      DailyGenericStreamingApiEvents: limit(10000),
      DailyStandardVolumePlatformEvents: limit(10000),
      DailyStreamingApiEvents: limit(10000),
      DailyWorkflowEmails: limit(1000),
      DataStorageMB: limit(1024, 12),
      FileStorageMB: limit(2048, 3),
      HourlyODataCallout: limit(20000),
      HourlyTimeBasedWorkflow: limit(1000),
      MassEmail: limit(5000),
      SingleEmail: limit(5000),
    };
  }
}
