/**
 * Rewrites of the mapping under the cursor: a field mapping (`source: X`) becomes an
 * expression mapping (`expression: X`, quoted as `${…}` when X is not a plain name),
 * and an expression that is just one field reference becomes a field mapping again.
 * Both edit only the key and, when needed, the value token.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { MappingModel } from '../../dataflow/model';
import { splitPath } from '../../checks/paths';
import { analyzeExpression, type Expr } from '../../expr';
import { escapeFor, lineStart, replace, replaceValue, scalarStyle, workspaceEdit, yamlString, type FixContext } from './edits';
import type { Span } from '../../util/problems';

export function convertMappingActions(ctx: FixContext, range: Span): CodeAction[] {
  const m = mappingAt(ctx, range.start);
  if (!m) return [];
  if (m.kind === 'ATTRIBUTE' && m.source?.keySpan) return toExpression(ctx, m);
  if (m.kind === 'EXPRESSION' && m.expression?.keySpan) return toSource(ctx, m);
  return [];
}

function mappingAt(ctx: FixContext, offset: number): MappingModel | undefined {
  const list = ctx.model.mappings;
  // mappings are in document order: binary search for the last one starting at or before the cursor
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // the cursor may also sit on the item's `- ` just before its first key
  for (const i of [found, found + 1]) {
    const m = list[i];
    if (!m) continue;
    const start = i === found + 1 ? lineStart(ctx.text, m.span.start) : m.span.start;
    if (start <= offset && offset <= m.span.end) return m;
  }
  return undefined;
}

function toExpression(ctx: FixContext, m: MappingModel): CodeAction[] {
  const src = m.source!;
  const segments = splitPath(src.value).map((s) => s.name);
  if (segments.length === 0 || segments.some((s) => s === '')) return [];
  // read the path back as an expression: if it parses as that very field, it needs no quoting
  const plain = readsAsField(ctx, src.value, segments);
  const edits = [replace(ctx, src.keySpan!, 'expression')];
  if (!plain) {
    const quoted = `\${${segments.map((p) => p.replace(/[.\\}]/g, (c) => `\\${c}`)).join('.')}}`;
    const style = scalarStyle(ctx.text, src.span);
    edits.push(style === 'plain' || style === 'block' ? replaceValue(ctx, src.span, yamlString(quoted, { flow: inFlow(ctx, m) })) : replace(ctx, inner(src.span), escapeFor(style, quoted)));
  }
  return [{ title: 'Convert to an expression mapping', kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(ctx, edits) }];
}

function toSource(ctx: FixContext, m: MappingModel): CodeAction[] {
  const expr = m.expression!;
  const { ast, problems } = analyzeExpression(expr.value, { catalogue: ctx.service.catalogue });
  if (problems.some((p) => p.severity === 'error')) return [];
  const field = unwrap(ast);
  if (field?.kind !== 'field' || field.path.length === 0) return [];
  const path = field.path.map((p) => p.replace(/[.\\]/g, (c) => `\\${c}`)).join('.');
  // the value's own style is not kept: a field path reads plainly (or single-quoted) in any context
  const edits = [replace(ctx, expr.keySpan!, 'source'), replaceValue(ctx, expr.span, yamlString(path, { flow: inFlow(ctx, m) }))];
  return [{ title: 'Convert to a source field mapping', kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(ctx, edits) }];
}

function readsAsField(ctx: FixContext, text: string, segments: readonly string[]): boolean {
  const { ast, problems } = analyzeExpression(text, { catalogue: ctx.service.catalogue });
  if (problems.some((p) => p.severity === 'error')) return false;
  const f = unwrap(ast);
  return f?.kind === 'field' && f.path.length === segments.length && f.path.every((p, i) => p === segments[i]) && f.segments.every((s) => !s.quoted);
}

function unwrap(e: Expr): Expr {
  let cur = e;
  while (cur.kind === 'group') cur = cur.expression;
  return cur;
}

/** The mapping is written `{ key: value, … }`: a plain value there ends at `,` `]` `}`. */
function inFlow(ctx: FixContext, m: MappingModel): boolean {
  return ctx.text[m.span.start] === '{';
}

function inner(span: Span): Span {
  return { start: span.start + 1, end: span.end - 1 };
}
