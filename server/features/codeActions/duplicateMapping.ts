/**
 * Two mappings write one target: remove one of them, the whole sequence item with its
 * lines, or inside `[...]` the item with its comma. The duplicate (the later one, where
 * the problem is) is the preferred removal.
 */
import type { CST } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { MappingModel } from '../../dataflow/model';
import type { Span } from '../../util/problems';
import { itemEnd, itemStart, parseCst, walkCst } from '../yamlCst';
import { contains, itemLines, quickFix, replace, type FixContext, type ProblemAt } from './edits';

export function duplicateFixes(ctx: FixContext, at: ProblemAt): CodeAction[] {
  if (at.problem.code !== 'duplicate-target') return [];
  const dup = mappingWithTarget(ctx, at.problem.span);
  if (!dup) return [];
  const out: CodeAction[] = [];
  const target = dup.target!.value;
  const lines = removal(ctx, dup.span);
  if (lines) out.push(quickFix(ctx, `Remove this duplicate mapping to '${target}'`, [at], [replace(ctx, lines, '')], true));
  const firstSpan = at.problem.related?.[0]?.span;
  const first = firstSpan ? mappingWithTarget(ctx, firstSpan) : undefined;
  const firstLines = first ? removal(ctx, first.span) : undefined;
  if (firstLines) {
    const line = ctx.doc.positionAt(first!.span.start).line + 1;
    out.push(quickFix(ctx, `Remove the first mapping to '${target}' (line ${line}) instead`, [at], [replace(ctx, firstLines, '')]));
  }
  return out;
}

function mappingWithTarget(ctx: FixContext, span: { start: number; end: number }): MappingModel | undefined {
  return ctx.model.mappings.find((m) => m.target && contains(m.target.span, span) && contains(span, m.target.span));
}

/** What to delete to remove the item at `span`: its lines in a block sequence, else the flow item and one comma. */
function removal(ctx: FixContext, span: Span): Span | undefined {
  return itemLines(ctx.text, span) ?? flowItem(ctx.text, span.start);
}

/**
 * The item starting at `start` of a flow sequence, with the comma that separates it from
 * the next item (or, for the last item, from the previous one), so the rest still reads
 * `[a, c]`. Read from the CST, which knows where each item and comma is.
 */
function flowItem(text: string, start: number): Span | undefined {
  let found: Span | undefined;
  walkCst(parseCst(text), (tok) => {
    if (found || tok.type !== 'flow-collection' || tok.start.source !== '[') return;
    const items = tok.items.filter((it: CST.CollectionItem) => itemStart(it) >= 0);
    const k = items.findIndex((it) => itemStart(it) === start);
    if (k < 0) return;
    const next = items[k + 1];
    const prev = items[k - 1];
    // up to the next item (its comma and the spacing before it), else back to the previous one's end
    if (next) found = { start, end: itemStart(next) };
    else if (prev) found = { start: itemEnd(prev), end: itemEnd(items[k]!) };
    else found = { start, end: itemEnd(items[k]!) };
  });
  return found;
}
