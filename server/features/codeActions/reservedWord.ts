/**
 * A field named like a reserved word or a function (`size`, `upper`) must be written
 * `${size}`: wrap the whole field reference, escaped for the YAML scalar it sits in.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { offsetIn, type LocatedText } from '../../dataflow/model';
import { analyzeExpression, nodeAt, type Expr } from '../../expr';
import { contains, escapeFor, quickFix, replace, scalarStyle, type FixContext, type ProblemAt } from './edits';

export function reservedWordFixes(ctx: FixContext, at: ProblemAt): CodeAction[] {
  if (at.problem.code !== 'expr-reserved-word') return [];
  const expr = ctx.model.mappings.find((m) => m.expression && contains(m.expression.span, at.problem.span))?.expression;
  if (!expr) return [];
  const rel = relativeOffset(expr, at.problem.span.start);
  if (rel === undefined) return [];
  const { ast } = analyzeExpression(expr.value, { catalogue: ctx.service.catalogue });
  const field = [...nodeAt(ast, rel).nodes].reverse().find((n): n is Extract<Expr, { kind: 'field' }> => n.kind === 'field');
  if (!field || field.path.length === 0) return [];
  const quoted = `\${${field.path.map((p) => p.replace(/[.\\}]/g, (c) => `\\${c}`)).join('.')}}`;
  const span = { start: offsetIn(expr, field.span.start), end: offsetIn(expr, field.span.end) };
  const style = scalarStyle(ctx.text, expr.span);
  return [quickFix(ctx, `Write ${quoted} to read the field '${field.path.join('.')}'`, [at], [replace(ctx, span, escapeFor(style, quoted))], true)];
}

/** The index into `t.value` of a document offset, when it falls on one of its characters. */
export function relativeOffset(t: LocatedText, docOffset: number): number | undefined {
  if (!t.offsets) {
    const i = docOffset - t.base;
    return i >= 0 && i <= t.value.length ? i : undefined;
  }
  let lo = 0;
  let hi = t.offsets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = t.offsets[mid];
    if (o === docOffset) return mid;
    if (o < docOffset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
