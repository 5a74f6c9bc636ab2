/**
 * The one error type that leaves the gateway: which connection, which call, the HTTP
 * status and what Salesforce said, as one readable line such as
 * `acme: query failed: INVALID_FIELD: No such column 'Foo' on entity 'Contact'`.
 * Messages are redacted by the gateway before an error is built, so none holds a secret.
 */

/** Codes of failures below HTTP (the socket, DNS, TLS, a body cut short). */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EHOSTUNREACH',
  'ETIMEDOUT', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET', 'BODY_INCOMPLETE', 'PROXY_TUNNEL_FAILED',
]);

/** Statuses worth another try with back-off (never 403 REQUEST_LIMIT_EXCEEDED). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([420, 429, 500, 502, 503, 504]);

export interface SalesforceErrorInit {
  connection: string;
  /** the gateway call that failed, e.g. `query`, `describe`, `bulk2.createJob`, `login` */
  call: string;
  /** HTTP status when there was a response */
  status?: number;
  /** Salesforce's errorCode (or the OAuth `error`, or a network code such as ECONNRESET) */
  errorCode: string;
  /** what Salesforce said, cleaned up for one line */
  detail: string;
  /** a suggestion for the user, appended to the message */
  hint?: string;
  /** field names Salesforce listed with the error */
  fields?: string[];
  retryable?: boolean;
  attempts?: number;
}

export class SalesforceError extends Error {
  readonly connection: string;
  readonly call: string;
  readonly status: number | undefined;
  readonly errorCode: string;
  readonly detail: string;
  readonly hint: string | undefined;
  readonly fields: string[] | undefined;
  readonly retryable: boolean;
  readonly attempts: number;

  constructor(init: SalesforceErrorInit) {
    super(formatMessage(init));
    this.name = 'SalesforceError';
    this.connection = init.connection;
    this.call = init.call;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.hint = init.hint;
    this.fields = init.fields;
    this.retryable = init.retryable ?? false;
    this.attempts = init.attempts ?? 1;
  }

  /** The same error after `attempts` tries (the message says so when it was retried). */
  afterAttempts(attempts: number): SalesforceError {
    return new SalesforceError({ ...this.init(), attempts });
  }

  withHint(hint: string): SalesforceError {
    return new SalesforceError({ ...this.init(), hint });
  }

  private init(): SalesforceErrorInit {
    const init: SalesforceErrorInit = {
      connection: this.connection, call: this.call, errorCode: this.errorCode, detail: this.detail, retryable: this.retryable, attempts: this.attempts,
    };
    if (this.status !== undefined) init.status = this.status;
    if (this.hint !== undefined) init.hint = this.hint;
    if (this.fields !== undefined) init.fields = this.fields;
    return init;
  }
}

function formatMessage(init: SalesforceErrorInit): string {
  let text = `${init.connection}: ${init.call} failed: ${init.errorCode}: ${init.detail}`;
  if ((init.attempts ?? 1) > 1) text += ` after ${init.attempts} attempts`;
  if (init.hint) text += `${/[.!?]$/.test(text) ? '' : '.'} ${init.hint}`;
  return text;
}

/**
 * Salesforce's SOQL errors repeat the query with a caret and `ERROR at Row:R:Column:C`;
 * this keeps the reason and the position, and drops the stock custom-field advice.
 */
export function cleanDetail(message: string): string {
  const text = message.replace(/\r\n/g, '\n').trim();
  const at = /ERROR at Row:(\d+):Column:(\d+)\n?([\s\S]*)$/.exec(text);
  let reason = at ? at[3].trim() || text : text;
  reason = reason.replace(/\s*If you are attempting to use a custom (?:field|object|relationship)[\s\S]*$/, '').trim();
  reason = reason.replace(/\s*\n\s*/g, ' ');
  if (at) reason = `${reason.replace(/\.$/, '')} (row ${at[1]}, column ${at[2]})`;
  return reason.length > 1000 ? `${reason.slice(0, 1000)}…` : reason;
}
