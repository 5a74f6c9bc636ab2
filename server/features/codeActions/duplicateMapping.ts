/**
 * Two mappings write one target: remove one of them, the whole sequence item with its
 * lines. The duplicate (the later one, where the problem is) is the preferred removal.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { MappingModel } from '../../dataflow/model';
import { contains, itemLines, quickFix, replace, type FixContext, type ProblemAt } from './edits';

export function duplicateFixes(ctx: FixContext, at: ProblemAt): CodeAction[] {
  if (at.problem.code !== 'duplicate-target') return [];
  const dup = mappingWithTarget(ctx, at.problem.span);
  if (!dup) return [];
  const out: CodeAction[] = [];
  const target = dup.target!.value;
  const lines = itemLines(ctx.text, dup.span);
  if (lines) out.push(quickFix(ctx, `Remove this duplicate mapping to '${target}'`, [at], [replace(ctx, lines, '')], true));
  const firstSpan = at.problem.related?.[0]?.span;
  const first = firstSpan ? mappingWithTarget(ctx, firstSpan) : undefined;
  const firstLines = first ? itemLines(ctx.text, first.span) : undefined;
  if (firstLines) {
    const line = ctx.doc.positionAt(first!.span.start).line + 1;
    out.push(quickFix(ctx, `Remove the first mapping to '${target}' (line ${line}) instead`, [at], [replace(ctx, firstLines, '')]));
  }
  return out;
}

function mappingWithTarget(ctx: FixContext, span: { start: number; end: number }): MappingModel | undefined {
  return ctx.model.mappings.find((m) => m.target && contains(m.target.span, span) && contains(span, m.target.span));
}
