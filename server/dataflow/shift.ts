/**
 * Moves chunk-relative results to document offsets. Chunk results are cached by text and
 * reused wherever that text now sits, so every span in them is relative until shifted.
 * Mappings and problems are the bulk of a large file and get hand-written shifts; the few
 * top-level sections use the generic one.
 */
import type { Problem, Span } from '../util/problems';
import type { IdentityModel, Located, LocatedText, MappingModel } from './model';

export function shiftSpan(s: Span, d: number): Span {
  return { start: s.start + d, end: s.end + d };
}

function located<T>(l: Located<T> | undefined, d: number): Located<T> | undefined {
  if (!l) return undefined;
  const out: Located<T> = { value: l.value, span: shiftSpan(l.span, d) };
  if (l.keySpan) out.keySpan = shiftSpan(l.keySpan, d);
  return out;
}

function text(t: LocatedText | undefined, d: number): LocatedText | undefined {
  if (!t) return undefined;
  const out: LocatedText = { value: t.value, span: shiftSpan(t.span, d), base: t.base + d };
  if (t.keySpan) out.keySpan = shiftSpan(t.keySpan, d);
  if (t.offsets) out.offsets = t.offsets.map((o) => o + d);
  return out;
}

export function shiftMapping(m: MappingModel, d: number): MappingModel {
  if (d === 0) return m;
  const out: MappingModel = { kind: m.kind, span: shiftSpan(m.span, d) };
  if (m.source) out.source = text(m.source, d);
  if (m.expression) out.expression = text(m.expression, d);
  if (m.value) out.value = located(m.value, d);
  if (m.target) out.target = text(m.target, d);
  if (m.name) out.name = located(m.name, d);
  if (m.description) out.description = located(m.description, d);
  return out;
}

export function shiftIdentity(i: IdentityModel, d: number): IdentityModel {
  if (d === 0) return i;
  const out: IdentityModel = { span: shiftSpan(i.span, d) };
  if (i.path) out.path = text(i.path, d);
  if (i.namespace) out.namespace = located(i.namespace, d);
  if (i.primary) out.primary = located(i.primary, d);
  return out;
}

export function shiftProblem(p: Problem, d: number): Problem {
  if (d === 0) return p;
  const out: Problem = { ...p, span: shiftSpan(p.span, d) };
  if (p.related) out.related = p.related.map((r) => ({ ...r, span: shiftSpan(r.span, d) }));
  return out;
}

/** Generic deep shift for the small top-level sections: spans, `base` and `offsets`. */
export function shiftDeep<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shift(value, delta) as T;
}

function shift(v: unknown, delta: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length && typeof v[0] === 'number') return v.map((n: number) => n + delta);
    return v.map((x) => shift(x, delta));
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    return { start: o.start + delta, end: o.end + delta };
  }
  const out: Record<string, unknown> = {};
  for (const k in o) {
    // problem `data` holds user data, not positions
    out[k] = k === 'data' ? o[k] : k === 'base' && typeof o[k] === 'number' ? (o[k] as number) + delta : shift(o[k], delta);
  }
  return out;
}
