/**
 * SOQL text for extraction: a SELECT over checked field paths, an optional user
 * condition, and the incremental cursor (`SystemModstamp > 2024-01-01T00:00:00.000Z`,
 * unquoted as SOQL requires).
 */

export const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){0,4}$/;

export interface SelectSpec {
  object: string;
  fields: readonly string[];
  /** a SOQL condition written by the user (sent to Salesforce as it is) */
  where?: string;
  /** incremental: only rows whose cursor is after this instant */
  since?: string | Date;
  /** default SystemModstamp */
  cursorField?: string;
  /** `>=` instead of `>` (pair with de-duplication by Id) */
  inclusive?: boolean;
  limit?: number;
}

/** Why a spec cannot become SOQL, or undefined when it can. */
export function checkSelect(spec: SelectSpec): string | undefined {
  if (!OBJECT_NAME.test(spec.object)) return `'${spec.object}' is not an sObject API name`;
  if (spec.fields.length === 0) return 'no fields to select';
  const bad = spec.fields.find((f) => !FIELD_PATH.test(f));
  if (bad !== undefined) return `'${bad}' is not a field API name or relationship path`;
  if (spec.cursorField !== undefined && !FIELD_PATH.test(spec.cursorField)) return `'${spec.cursorField}' is not a field API name`;
  if (spec.since !== undefined && soqlDateTime(spec.since) === undefined) return `'${String(spec.since)}' is not a date-time`;
  if (spec.limit !== undefined && (!Number.isInteger(spec.limit) || spec.limit < 1)) return `limit must be a positive whole number`;
  return undefined;
}

/** A SOQL datetime literal in UTC, e.g. `2024-01-05T03:41:05.000Z`; undefined when unparsable. */
export function soqlDateTime(value: string | Date): string | undefined {
  const ms = value instanceof Date ? value.getTime() : Date.parse(normaliseDateTime(value));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `2024-01-05T03:41:05.000+0000` (REST) → `2024-01-05T03:41:05.000Z` (what Bulk prints). */
export function normaliseDateTime(value: string): string {
  if (value.endsWith('Z')) return value;
  if (value.endsWith('+0000')) return `${value.slice(0, -5)}Z`;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!m) return value;
  const ms = Date.parse(`${value.slice(0, m.index)}${m[1]}${m[2]}:${m[3]}`);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** The fields to select: the requested ones plus the cursor when it is missing. */
export function selectedFields(spec: SelectSpec): string[] {
  const fields = [...spec.fields];
  if (spec.since !== undefined) {
    const cursor = spec.cursorField ?? 'SystemModstamp';
    if (!fields.some((f) => f.toLowerCase() === cursor.toLowerCase())) fields.push(cursor);
  }
  return fields;
}

export function whereClause(spec: SelectSpec): string {
  const parts: string[] = [];
  if (spec.where && spec.where.trim()) parts.push(`(${spec.where.trim()})`);
  if (spec.since !== undefined) {
    parts.push(`${spec.cursorField ?? 'SystemModstamp'} ${spec.inclusive ? '>=' : '>'} ${soqlDateTime(spec.since)}`);
  }
  return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
}

/** Call `checkSelect` first. */
export function buildSelect(spec: SelectSpec): string {
  const limit = spec.limit !== undefined ? ` LIMIT ${spec.limit}` : '';
  return `SELECT ${selectedFields(spec).join(', ')} FROM ${spec.object}${whereClause(spec)}${limit}`;
}

export function buildCount(spec: SelectSpec): string {
  return `SELECT COUNT() FROM ${spec.object}${whereClause(spec)}`;
}
