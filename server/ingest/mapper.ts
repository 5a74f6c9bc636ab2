/**
 * A dataflow's mapping set compiled once into closures that turn one Salesforce record
 * into one XDM record, with AEP's runtime semantics: an expression error nulls only
 * its attribute (a warning), implicit string → boolean/number/date conversions by the
 * target's XDM type, `${CRM_ORG_ID}` substituted in constants.
 */
import type { DataflowModel } from '../dataflow/model';
import { compileText, type CompiledExpression } from '../expr';
import type { EvalContext, FunctionCatalogue, Value } from '../expr/catalogue';
import { isZonedDateTime, parseDateImplicit, stringToBoolean, toIsoString } from '../expr/catalogue/conversions';
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
    for (const m of model.mappings) {
      if (!m.target) continue;
      const target = m.target.value;
      const field = schema?.get(target);
      const base = { target, segments: splitPath(target).map((s) => s.name), ...(field ? { field } : {}) };
      if (m.kind === 'ATTRIBUTE' && m.source) {
        const path = splitPath(m.source.value).map((s) => s.name);
        const span = m.source.span;
        out.push({ ...base, span, read: (r, _ctx, w) => convert(readPath(r, path), field, target, span, w) });
      } else if (m.kind === 'EXPRESSION' && m.expression) {
        const { compiled } = compileText(m.expression.value, catalogue);
        if (!compiled) continue;
        const span = m.expression.span;
        out.push({ ...base, span, read: (r, ctx, w) => evaluate(compiled, r, ctx, field, target, span, w) });
      } else if (m.kind === 'STATIC' && m.value) {
        const v = m.value.value;
        const span = m.value.span;
        out.push({ ...base, span, read: (_r, ctx, w) => convert(typeof v === 'string' ? substitute(v, ctx) : v, field, target, span, w) });
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

function evaluate(c: CompiledExpression, r: Readonly<Record<string, unknown>>, ctx: EvalContext, field: XdmField | undefined, target: string, span: Span, w: MappingWarning[]): unknown {
  const res = c.evaluate(r, ctx);
  for (const x of res.warnings) w.push({ span, target, message: x.message });
  return convert(res.value, field, target, span, w);
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

/** The implicit conversions AEP applies by target type; a value that does not convert becomes null with a warning. */
function convert(v: unknown, field: XdmField | undefined, target: string, span: Span, w: MappingWarning[]): unknown {
  if (v === null || v === undefined) return null;
  if (isZonedDateTime(v as Value)) {
    const iso = toIsoString(v as never);
    return field && (field.xdmType === 'date' || field.format === 'date') ? iso.slice(0, 10) : iso;
  }
  if (v instanceof Map) return Object.fromEntries(v);
  if (!field) return v;
  const x = field.xdmType;
  const fail = (why: string) => {
    w.push({ span, target, message: `${JSON.stringify(v)} ${why}; '${target}' is left empty.` });
    return null;
  };
  if (NUMERIC.has(x)) {
    if (typeof v === 'number') return x === 'number' ? v : Math.trunc(v);
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return x === 'number' ? Number(v) : Math.trunc(Number(v));
    if (typeof v === 'boolean') return fail('is not a number');
    return fail('is not a number');
  }
  if (x === 'boolean') {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      const b = stringToBoolean(v);
      return b === undefined ? fail('is not a boolean') : b;
    }
    return fail('is not a boolean');
  }
  if (x === 'date' || x === 'date-time' || field.format === 'date' || field.format === 'date-time') {
    if (typeof v === 'string') {
      if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v)) return x === 'date' || field.format === 'date' ? v.slice(0, 10) : normaliseIsoDateTime(v);
      const d = parseDateImplicit(v);
      if (!d) return fail('is not a date');
      const iso = toIsoString(d);
      return x === 'date' || field.format === 'date' ? iso.slice(0, 10) : iso;
    }
    if (typeof v === 'number') return new Date(v).toISOString();
    return fail('is not a date');
  }
  if (x === 'string' && typeof v !== 'string') return typeof v === 'object' ? fail('is not a string') : String(v);
  return v;
}

/** Salesforce writes `2024-01-02T03:04:05.000+0000`; XDM wants RFC 3339 (`+00:00`). */
function normaliseIsoDateTime(v: string): string {
  return v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

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
