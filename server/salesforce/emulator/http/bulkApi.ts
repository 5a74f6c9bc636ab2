/**
 * Bulk API 2.0 query jobs: create, poll (UploadComplete → InProgress → JobComplete, or Failed
 * under fault injection), abort, delete, list, and CSV results paged by `maxRecords` with an
 * opaque `Sforce-Locator` that is the literal `null` on the last page. The result set is fixed
 * when the job is created, so pages stay stable while records change.
 */
import { recordId } from '../ids';
import { restDateTime } from '../data/format';
import { compileSoql } from '../soql/compile';
import { ResultSet } from '../soql/execute';
import type { QueryPlan } from '../soql/plan';
import { BulkRowWriter, csvField } from '../soql/serialize';
import type { DataView } from '../data/dataStore';
import type { ApiContext, ApiRequest } from './context';
import type { Reply } from './reply';

const DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', TAB: '\t', SEMICOLON: ';', PIPE: '|', CARET: '^', BACKQUOTE: '`' };
const LINE_ENDINGS: Readonly<Record<string, string>> = { LF: '\n', CRLF: '\r\n' };
const DEFAULT_PAGE = 100_000;
/** Rows per write: large enough that per-write overhead vanishes, small enough to keep memory flat. */
const WRITE_CHUNK_ROWS = 2000;

type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface Job {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  lineEnding: string;
  columnDelimiter: string;
  apiVersion: string;
  polls: number;
  fails: boolean;
  plan: QueryPlan;
  view: DataView;
  results: ResultSet | null;
  errorMessage: string | null;
  startedMs: number;
  processingMs: number;
}

/** `MTAwMDA`: the row offset in unpadded base64, like a real org's locators. */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function decodeLocator(locator: string): number | null {
  const text = Buffer.from(locator, 'base64').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : null;
}

export class BulkApi {
  private readonly jobs = new Map<string, Job>();
  private created = 0;

  constructor(private readonly ctx: ApiContext) {}

  jobsCreated(): number {
    return this.created;
  }

  async handle(request: ApiRequest, rest: string[], reply: Reply): Promise<void> {
    const method = request.method;
    if (rest.length === 0) {
      if (method === 'POST') return this.create(request, reply);
      if (method === 'GET') return reply.json(200, { done: true, records: [...this.jobs.values()].map((j) => this.info(j, false)), nextRecordsUrl: null });
      return reply.error(405, 'METHOD_NOT_ALLOWED', 'HTTP Method is not allowed for this resource');
    }
    const job = this.jobs.get(rest[0]);
    if (!job) return reply.error(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (rest.length === 1) {
      if (method === 'GET') return reply.json(200, this.info(this.advance(job), true));
      if (method === 'DELETE') {
        this.jobs.delete(job.id);
        return reply.empty(204);
      }
      if (method === 'PATCH') return this.patch(job, request, reply);
      return reply.error(405, 'METHOD_NOT_ALLOWED', 'HTTP Method is not allowed for this resource');
    }
    if (rest.length === 2 && rest[1] === 'results' && method === 'GET') return this.results(job, request, reply);
    return reply.error(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private create(request: ApiRequest, reply: Reply): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body || '{}') as Record<string, unknown>;
    } catch {
      return reply.error(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
    }
    const operation = body.operation ?? 'query';
    if (operation !== 'query' && operation !== 'queryAll') return reply.error(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
    const columnDelimiter = String(body.columnDelimiter ?? 'COMMA');
    const lineEnding = String(body.lineEnding ?? 'LF');
    if (!DELIMITERS[columnDelimiter]) return reply.error(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${columnDelimiter}`);
    if (!LINE_ENDINGS[lineEnding]) return reply.error(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${lineEnding}`);
    if (body.contentType !== undefined && body.contentType !== 'CSV') return reply.error(400, 'INVALIDJOB', 'InvalidJob : contentType must be CSV');
    if (typeof body.query !== 'string' || !body.query.trim()) return reply.error(400, 'INVALIDJOB', 'InvalidJob : query is required');
    const compiled = compileSoql(body.query, this.ctx.catalog, this.ctx.clock());
    if ('error' in compiled) return reply.error(400, compiled.error.errorCode, compiled.error.message);
    const plan = compiled.plan;
    const restriction = plan.compoundFields.length ? 'Selecting compound data not supported in Bulk Query'
      : plan.usesFieldsFunction ? 'Implementation restriction: FIELDS() is not supported by the Bulk API'
      : plan.offset > 0 ? 'Implementation restriction: OFFSET is not supported by the Bulk API'
      : plan.items.some((i) => i.kind === 'subquery') ? 'Implementation restriction: parent-to-child subqueries are not supported by the Bulk API'
      : plan.countOnly || plan.aggregate ? 'Implementation restriction: aggregate queries are not supported by the Bulk API'
      : null;
    if (restriction) return reply.error(400, 'API_ERROR', restriction);
    this.created++;
    const now = restDateTime(this.ctx.clock());
    const job: Job = {
      id: recordId('750', this.created - 1),
      operation,
      object: plan.object.name,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      lineEnding,
      columnDelimiter,
      apiVersion: request.version,
      polls: 0,
      fails: this.ctx.faults.bulkJobFails(this.created),
      plan,
      view: this.ctx.store.view(),
      results: null,
      errorMessage: null,
      startedMs: Date.now(),
      processingMs: 0,
    };
    this.jobs.set(job.id, job);
    reply.json(200, this.info(job, false));
  }

  /** Each poll moves a job one step: the first answers InProgress, the next its end state. */
  private advance(job: Job): Job {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return job;
    job.polls++;
    if (job.polls === 1) job.state = 'InProgress';
    else if (job.fails) {
      job.state = 'Failed';
      job.errorMessage = 'InternalServerError : the emulator failed this job on purpose (fault injection)';
    } else {
      job.results = new ResultSet(job.plan, job.view, this.ctx.catalog, job.operation === 'queryAll');
      job.state = 'JobComplete';
    }
    job.processingMs = Date.now() - job.startedMs;
    job.systemModstamp = restDateTime(this.ctx.clock());
    return job;
  }

  private info(job: Job, full: boolean): Record<string, unknown> {
    const info: Record<string, unknown> = {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: this.ctx.store.org.id('User', 0),
      createdDate: job.createdDate,
      systemModstamp: job.systemModstamp,
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
    };
    if (full) {
      info.jobType = 'V2Query';
      info.numberRecordsProcessed = job.results?.totalSize ?? 0;
      info.retries = 0;
      info.totalProcessingTime = job.processingMs;
      info.isPkChunkingSupported = true;
      if (job.errorMessage) info.errorMessage = job.errorMessage;
    }
    return info;
  }

  private patch(job: Job, request: ApiRequest, reply: Reply): void {
    let state: unknown;
    try {
      state = (JSON.parse(request.body || '{}') as Record<string, unknown>).state;
    } catch {
      return reply.error(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
    }
    if (state !== 'Aborted') return reply.error(400, 'INVALIDJOBSTATE', `InvalidJobState : Invalid state: ${String(state)}`);
    if (job.state === 'JobComplete' || job.state === 'Failed') {
      return reply.error(400, 'INVALIDJOBSTATE', `InvalidJobState : Job is already in state ${job.state}`);
    }
    job.state = 'Aborted';
    job.systemModstamp = restDateTime(this.ctx.clock());
    reply.json(200, this.info(job, false));
  }

  private async results(job: Job, request: ApiRequest, reply: Reply): Promise<void> {
    if (request.version !== job.apiVersion) {
      return reply.error(409, 'API_ERROR', `The results of this job can only be retrieved with API version ${job.apiVersion}`);
    }
    if (job.state !== 'JobComplete' || !job.results) {
      return reply.error(412, 'JOB_NOT_COMPLETE', `Job ${job.id} is not complete: its state is ${job.state}`);
    }
    const params = request.url.searchParams;
    const locator = params.get('locator');
    const offset = locator ? decodeLocator(locator) : 0;
    if (offset === null) return reply.error(400, 'INVALIDLOCATOR', `InvalidLocator : Invalid locator: ${locator}`);
    const maxText = params.get('maxRecords');
    const maxRecords = maxText === null ? DEFAULT_PAGE : Number(maxText);
    if (!Number.isInteger(maxRecords) || maxRecords < 1) return reply.error(400, 'INVALIDMAXRECORDS', `Invalid maxRecords: ${maxText}`);
    const results = job.results;
    const count = Math.max(0, Math.min(maxRecords, results.totalSize - offset));
    const end = offset + count;
    const delimiter = DELIMITERS[job.columnDelimiter];
    const eol = LINE_ENDINGS[job.lineEnding];
    const writer = new BulkRowWriter(job.plan, job.view, this.ctx.catalog);
    reply.header('Sforce-NumberOfRecords', String(count));
    reply.header('Sforce-Locator', end < results.totalSize ? encodeLocator(end) : 'null');
    const out = reply.stream(200, 'text/csv');
    if (!(await out.write(writer.header().map(csvField).join(delimiter) + eol))) return;
    for (let at = offset; at < end; at += WRITE_CHUNK_ROWS) {
      const lines = writer.lines(results.page(at, Math.min(WRITE_CHUNK_ROWS, end - at)), delimiter, eol);
      // Encoded here once: node:http would measure a string chunk and then encode it again.
      if (!(await out.write(Buffer.from(lines, 'utf8')))) return;
    }
    out.end();
  }
}
