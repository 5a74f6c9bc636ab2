/**
 * A dataflow's mapping set compiled once into closures that turn one Salesforce record
 * into one XDM record, with AEP's runtime semantics: an expression error nulls only
 * its attribute (a warning), implicit string → boolean/number/date conversions by the
 * target's XDM type, `${CRM_ORG_ID}` substituted in constants.
 */
import type { DataflowModel } from '../dataflow/model';
import { compileText, type CompiledExpression } from '../expr';
import type { EvalContext, FunctionCatalogue, Value } from '../expr/catalogue';
import type { ZonedDateTimeLike } from '../expr/catalogue';
import { isZonedDateTime, parseDateImplicit, stringToBoolean, toIsoString, toXdmNumber, ZoneRules } from '../expr/catalogue/conversions';
import { UTC, zonedFromEpoch } from '../expr/catalogue/dates';
import { splitPath } from '../checks/paths';
import type { Span } from '../util/problems';
import type { XdmField, XdmSchema } from '../xdm/schema';

export interface MappingWarning {
  /** span of the mapping's source/expression/value in the dataflow file */
  span: Span;
  target: string;
  message: string;
}

export interface MappedRecord {
  output: Record<string, unknown>;
  warnings: MappingWarning[];
}

interface CompiledMapping {
  target: string;
  segments: string[];
  span: Span;
  field?: XdmField;
  read(record: Readonly<Record<string, unknown>>, ctx: EvalContext, warnings: MappingWarning[]): unknown;
}

export class RecordMapper {
  private constructor(private readonly mappings: readonly CompiledMapping[]) {}

  /** Mappings with errors are left out; the caller reports the file's diagnostics first. */
  static compile(model: DataflowModel, catalogue: FunctionCatalogue, schema?: XdmSchema): RecordMapper {
    const out: CompiledMapping[] = [];
    // one time-zone cache for every date this mapper converts
    const zones = new ZoneRules();
    for (const m of model.mappings) {
      if (!m.target) continue;
      const target = m.target.value;
      const field = schema?.get(target);
      const base = { target, segments: splitPath(target).map((s) => s.name), ...(field ? { field } : {}) };
      if (m.kind === 'ATTRIBUTE' && m.source) {
        const path = splitPath(m.source.value).map((s) => s.name);
        const span = m.source.span;
        out.push({ ...base, span, read: (r, _ctx, w) => convert(readPath(r, path), field, target, span, w, zones) });
      } else if (m.kind === 'EXPRESSION' && m.expression) {
        const { compiled } = compileText(m.expression.value, catalogue);
        if (!compiled) continue;
        const span = m.expression.span;
        out.push({ ...base, span, read: (r, ctx, w) => evaluate(compiled, r, ctx, field, target, span, w, zones) });
      } else if (m.kind === 'STATIC' && m.value) {
        const v = m.value.value;
        const span = m.value.span;
        out.push({ ...base, span, read: (_r, ctx, w) => convert(typeof v === 'string' ? substitute(v, ctx) : v, field, target, span, w, zones) });
      }
    }
    return new RecordMapper(out);
  }

  get size(): number {
    return this.mappings.length;
  }

  map(record: Readonly<Record<string, unknown>>, ctx: EvalContext): MappedRecord {
    const output: Record<string, unknown> = {};
    const warnings: MappingWarning[] = [];
    for (const m of this.mappings) {
      const v = m.read(record, ctx, warnings);
      if (v !== null && v !== undefined) setPath(output, m.segments, v);
    }
    return { output, warnings };
  }
}

function evaluate(c: CompiledExpression, r: Readonly<Record<string, unknown>>, ctx: EvalContext, field: XdmField | undefined, target: string, span: Span, w: MappingWarning[], zones: ZoneRules): unknown {
  const res = c.evaluate(r, ctx);
  for (const x of res.warnings) w.push({ span, target, message: x.message });
  return convert(res.value, field, target, span, w, zones);
}

/** Reads `Account.Name` from nested relationship objects (REST) or a flat dotted key (Bulk CSV). */
export function readPath(record: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') {
      cur = undefined;
      break;
    }
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined && path.length > 1) cur = record[path.join('.')];
  return cur === undefined ? null : cur;
}

function substitute(s: string, ctx: EvalContext): string {
  return s.includes('${') ? s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => ctx.variables[name] ?? all) : s;
}

const NUMERIC = new Set(['number', 'integer', 'long', 'int', 'short', 'byte']);

const isDateTarget = (f: XdmField): boolean => f.xdmType === 'date' || f.xdmType === 'date-time' || f.format === 'date' || f.format === 'date-time';
const isDateOnly = (f: XdmField): boolean => f.xdmType === 'date' || (f.xdmType !== 'date-time' && f.format === 'date');

/** The implicit conversions AEP applies by target type; a value that does not convert becomes null with a warning. */
function convert(v: unknown, field: XdmField | undefined, target: string, span: Span, w: MappingWarning[], zones: ZoneRules): unknown {
  if (v === null || v === undefined) return null;
  const fail = (why: string) => {
    w.push({ span, target, message: `${JSON.stringify(v)} ${why}; '${target}' is left empty.` });
    return null;
  };
  if (field && isDateTarget(field)) return toDateTarget(v, isDateOnly(field), fail, zones);
  if (isZonedDateTime(v as Value)) return toIsoString(v as ZonedDateTimeLike);
  if (v instanceof Map) return Object.fromEntries(v);
  if (!field) return v;
  const x = field.xdmType;
  if (NUMERIC.has(x)) {
    const n = toXdmNumber(v, x);
    return n.ok ? n.value : fail(n.why);
  }
  if (x === 'boolean') {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const b = stringToBoolean(v);
      return b === undefined ? fail('is not a boolean') : b;
    }
    return fail('is not a boolean');
  }
  if (x === 'string' && typeof v !== 'string') return typeof v === 'object' ? fail('is not a string') : String(v);
  return v;
}

/**
 * Dates always go through the §2.5 implicit parser, so `2024-13-45` is refused and
 * `2024-02-30` is resolved as Java resolves it. Only after that does an already-RFC 3339
 * date-time keep its own text (Salesforce's `.000+0000` with the offset written `+00:00`).
 * Numbers are epoch milliseconds. Date targets get the date alone, as written locally.
 */
function toDateTarget(v: unknown, dateOnly: boolean, fail: (why: string) => null, zones: ZoneRules): string | null {
  let value: ZonedDateTimeLike | undefined;
  if (isZonedDateTime(v as Value)) value = v as ZonedDateTimeLike;
  else if (typeof v === 'string') {
    value = parseDateImplicit(v, zones);
    if (!value) return fail('is not a date');
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail('is not a date');
    try {
      value = zonedFromEpoch(Math.trunc(v), UTC, zones);
    } catch {
      return fail('is outside the supported date range');
    }
  } else return fail('is not a date');
  const iso = toIsoString(value);
  // XDM (RFC 3339) dates have four-digit years
  if (!/^\d{4}-/.test(iso)) return fail('has a year outside 0000-9999, which an XDM date cannot hold');
  if (dateOnly) return iso.slice(0, 10);
  if (typeof v === 'string') {
    const text = v.trim();
    if (RFC3339_DATE_TIME.test(text) && text.slice(0, 19) === iso.slice(0, 19)) return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  }
  return iso;
}

/** A full RFC 3339 date-time, offset with or without its colon (Salesforce writes `+0000`). */
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

function setPath(obj: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let cur = obj;
  for (let i = 0; i < segments.length - 1; i++) {
    const k = segments[i];
    let next = cur[k];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      next = {};
      cur[k] = next;
    }
    cur = next as Record<string, unknown>;
  }
  const last = segments[segments.length - 1];
  const existing = cur[last];
  // an object written whole (to_object) merges with sub-fields mapped one by one
  if (existing && typeof existing === 'object' && value && typeof value === 'object' && !Array.isArray(value)) Object.assign(existing, value);
  else cur[last] = value;
}
