/**
 * Checks of the mapping set against the source object and the target schema: unknown
 * source fields and target paths, type compatibility, static values, two mappings to
 * one target, and required XDM fields nobody writes.
 */
import { originOf, type DataflowModel, type LocatedText, type MappingModel } from '../dataflow/model';
import { exprTypeOfField, resolveFieldPath } from '../salesforce/describeIndex';
import { didYouMean, suggestionText } from '../util/didYouMean';
import { problem, type Problem } from '../util/problems';
import type { XdmField, XdmSchema } from '../xdm/schema';
import { compatibility, targetLabel, type SourceType } from './compatibility';
import type { DataflowContext } from './context';
import { normalisePath, splitPath, textSpan } from './paths';
import type { ExpressionChecker } from './expressions';
import { checkStaticValue } from './staticValues';
import { checkStaticVariables } from './staticVariables';
import { shiftProblem } from '../dataflow/shift';

/**
 * Per-mapping results by mapping content: a keystroke changes one mapping, the other
 * 999 are answered from here. Problems are stored relative to the mapping's start.
 */
export class MappingCheckMemo {
  private memo = new Map<string, { problems: Problem[]; target?: XdmField }>();
  private key = '';

  // results by mapping origin (see originOf) for the current and the previous check: an
  // unchanged mapping skips even building its key, wherever an edit moved it
  private objects = new Map<MappingModel, { problems: Problem[]; target?: XdmField }>();
  private previous = new Map<MappingModel, { problems: Problem[]; target?: XdmField }>();

  private reset(ctxKey: string): void {
    if (ctxKey !== this.key || this.memo.size > 50_000) {
      this.memo = new Map();
      this.objects = new Map();
      this.previous = new Map();
      this.key = ctxKey;
    }
  }

  /** Called once per check of a whole mapping set: objects not seen this time are dropped next time. */
  nextPass(): void {
    this.previous = this.objects;
    this.objects = new Map();
  }

  byObject(ctxKey: string, m: MappingModel): { problems: Problem[]; target?: XdmField } | undefined {
    this.reset(ctxKey);
    const r = this.objects.get(m) ?? this.previous.get(m);
    if (r) this.objects.set(m, r);
    return r;
  }

  remember(m: MappingModel, v: { problems: Problem[]; target?: XdmField }): void {
    this.objects.set(m, v);
  }

  lookup(ctxKey: string, k: string): { problems: Problem[]; target?: XdmField } | undefined {
    this.reset(ctxKey);
    return this.memo.get(k);
  }

  store(k: string, v: { problems: Problem[]; target?: XdmField }): void {
    this.memo.set(k, v);
  }
}

export function checkMappings(model: DataflowModel, ctx: DataflowContext, expressions: ExpressionChecker, problems: Problem[], memo = new MappingCheckMemo()): void {
  const schema = ctx.schema?.schema;
  const written = new Map<string, MappingModel>();
  memo.nextPass();
  for (const m of model.mappings) {
    const base = m.span.start;
    // a mapping object reused by the parser (unchanged chunk, same offset) skips even the key
    const origin = originOf(m);
    let r = memo.byObject(ctx.key, origin);
    if (!r) {
      const k = memoKey(m);
      r = memo.lookup(ctx.key, k);
      if (!r) {
        const own: Problem[] = [];
        const target = checkOne(m, ctx, schema, expressions, own);
        r = { problems: own.map((p) => shiftProblem(p, -base)) };
        if (target) r.target = target;
        memo.store(k, r);
      }
      memo.remember(origin, r);
    }
    for (const p of r.problems) problems.push(shiftProblem(p, base));
    if (m.target) {
      const key = normalisePath(m.target.value);
      const first = written.get(key);
      if (first?.target) {
        const p = problem('duplicate-target', m.target.span, `Another mapping already writes '${m.target.value}'; only one mapping may write a target.`);
        p.related = [{ span: first.target.span, message: 'first written here' }];
        problems.push(p);
      } else written.set(key, m);
    }
  }
  if (schema) checkRequired(model, schema, written, problems);
}

/**
 * Everything that decides a mapping's own problems, including where its parts sit in it:
 * the token span and, for text, where its characters start (a quoted value starts one
 * character later than the same value unquoted, at the same token start).
 */
function memoKey(m: MappingModel): string {
  const b = m.span.start;
  const part = (t: { value: unknown; span: { start: number; end: number }; base?: number; offsets?: readonly number[] } | undefined) => {
    if (!t) return '';
    const chars = t.offsets ? t.offsets.map((o) => o - b).join(',') : t.base !== undefined ? `@${t.base - b}` : '';
    return `${t.span.start - b}-${t.span.end - b}:${chars}:${String(t.value)}`;
  };
  return `${m.kind}\u0001${part(m.source)}\u0001${part(m.expression)}\u0001${m.value ? typeof m.value.value : ''}${part(m.value)}\u0001${part(m.target)}`;
}

function checkOne(m: MappingModel, ctx: DataflowContext, schema: XdmSchema | undefined, expressions: ExpressionChecker, problems: Problem[]): XdmField | undefined {
  const target = m.target ? resolveTarget(m.target, schema, problems) : undefined;
  let srcType: SourceType | undefined;
  if (m.kind === 'ATTRIBUTE' && m.source) srcType = checkSourceField(m.source, ctx, problems);
  else if (m.kind === 'EXPRESSION' && m.expression) srcType = expressions.check(m.expression, ctx, target, problems);
  else if (m.kind === 'STATIC' && m.value) {
    checkStaticVariables(m.value, problems);
    if (target) checkStaticValue(m.value, target, problems);
  }
  if (target && srcType && m.kind !== 'STATIC') {
    const v = compatibility(srcType, target);
    const at = m.kind === 'ATTRIBUTE' ? m.source : m.expression;
    if (v && at) problems.push(problem(v.code, at.span, v.message, { target: target.path }));
  }
  if (target && srcType && schema && m.kind === 'ATTRIBUTE' && m.source && m.target) checkObjectCopy(m.source, m.target, srcType, target, schema, problems);
  return target;
}

/**
 * A compound Salesforce field (an address, a location) written to an XDM object: AEP copies
 * the sub-fields whose names match and drops the rest (street → street1 is lost). An
 * expression that builds the object (to_object) names its keys on purpose, so only
 * attribute mappings are flagged.
 */
function checkObjectCopy(source: LocatedText, t: LocatedText, srcType: SourceType, target: XdmField, schema: XdmSchema, problems: Problem[]): void {
  if (target.xdmType !== 'object' || srcType.type !== 'object') return;
  const names = schema.children(target.path).map((f) => f.name);
  const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')}, …` : names.join(', ');
  problems.push(problem('target-not-leaf', t.span,
    `'${target.path}' is an object: only the sub-fields of '${source.value}' whose names match its fields (${shown}) are copied, the rest are dropped. Map the sub-fields one by one to be sure.`,
    { target: target.path }));
}

function resolveTarget(t: LocatedText, schema: XdmSchema | undefined, problems: Problem[]): XdmField | undefined {
  if (!schema) return undefined;
  const field = schema.get(t.value);
  if (field) return field;
  // point at the first segment that does not exist
  const segs = splitPath(t.value);
  let prefix = '';
  for (const s of segs) {
    const path = prefix ? `${prefix}.${s.name}` : s.name;
    if (!schema.get(path)) {
      const siblings = schema.children(prefix).map((f) => f.name);
      const sug = didYouMean(s.name, siblings);
      const full = sug.map((x) => (prefix ? `${prefix}.${x}` : x));
      problems.push(problem('unknown-target-path', textSpan(t, s.start, s.end), `'${path}' does not exist in schema '${schema.title || schema.id}'.${suggestionText(full)}`, { suggestions: full }));
      return undefined;
    }
    prefix = path;
  }
  return undefined;
}

function checkSourceField(src: LocatedText, ctx: DataflowContext, problems: Problem[]): SourceType | undefined {
  const obj = ctx.object;
  if (!obj) return undefined;
  const segs = splitPath(src.value);
  const r = resolveFieldPath(obj, segs.map((s) => s.name), ctx.lookup);
  if (r.ok) {
    const f = r.resolved.field;
    const t: SourceType = { type: exprTypeOfField(f), sfType: f.type };
    if (typeof f.scale === 'number') t.scale = f.scale;
    return t;
  }
  if (r.reason === 'object-unavailable') return undefined;
  const seg = segs[r.segment];
  const sug = didYouMean(seg.name, r.candidates);
  const owner = segs.slice(0, r.segment).map((s) => s.name).join('.');
  const where = owner ? `relationship '${owner}'` : `'${obj.name}'`;
  const msg = r.reason === 'not-a-relationship'
    ? `'${seg.name}' is a field, not a relationship; use its relationship name to reach the parent's fields.${suggestionText(sug)}`
    : `${where} has no field '${seg.name}'.${suggestionText(sug)}`;
  const prefix = segs.slice(0, r.segment).map((s) => s.name);
  problems.push(problem('unknown-source-field', textSpan(src, seg.start, seg.end), msg, { suggestions: sug.map((s) => [...prefix, s].join('.')) }));
  return undefined;
}

function checkRequired(model: DataflowModel, schema: XdmSchema, written: Map<string, MappingModel>, problems: Problem[]): void {
  const targets = [...written.keys()];
  const at = model.mappingsKey ?? model.target?.schema?.span ?? model.target?.keySpan;
  if (!at) return;
  for (const req of schema.requiredPaths()) {
    const covered = targets.some((t) => t === req || req.startsWith(`${t}.`) || t.startsWith(`${req}.`));
    if (covered) continue;
    const f = schema.get(req);
    problems.push(problem('required-unmapped', at, `Required field '${req}'${f ? ` (${targetLabel(f)})` : ''} has no mapping; records without it are rejected.`, { path: req }));
  }
}
