/**
 * Exactly one identity is primary: mark one when none is (`identity-no-primary`), or
 * unmark the extras when several are (`identity-multiple-primary`).
 */
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import type { IdentityModel } from '../../dataflow/model';
import { columnOf, insert, itemLines, quickFix, replace, type FixContext, type ProblemAt } from './edits';

export function identityPrimaryFixes(ctx: FixContext, at: ProblemAt): CodeAction[] {
  if (at.problem.code === 'identity-no-primary') return markOne(ctx, at);
  if (at.problem.code === 'identity-multiple-primary') return unmarkExtra(ctx, at);
  return [];
}

function label(id: IdentityModel): string {
  return id.path ? `'${id.path.value}'` : 'this identity';
}

function markOne(ctx: FixContext, at: ProblemAt): CodeAction[] {
  const ids = ctx.model.identities;
  // the entity's own key (b2b_person, b2b_account, …) is the usual primary
  const best = ids.find((i) => i.namespace?.value.startsWith('b2b_') || i.path?.value.endsWith('.sourceKey')) ?? ids[0];
  const out: CodeAction[] = [];
  for (const id of ids) {
    const edit = setPrimary(ctx, id, true);
    if (edit) out.push(quickFix(ctx, `Mark ${label(id)} as the primary identity`, [at], [edit], id === best));
  }
  return out;
}

function unmarkExtra(ctx: FixContext, at: ProblemAt): CodeAction[] {
  const ids = ctx.model.identities;
  const extra = ids.find((i) => i.primary && i.primary.span.start === at.problem.span.start);
  if (!extra?.primary) return [];
  const out = [quickFix(ctx, `Unmark ${label(extra)} as primary`, [at], [replace(ctx, extra.primary.span, 'false')], true)];
  const others = ids.filter((i) => i !== extra && i.primary?.value === true).map((i) => replace(ctx, i.primary!.span, 'false'));
  if (others.length) out.push(quickFix(ctx, `Make ${label(extra)} the only primary identity`, [at], others));
  return out;
}

/** Sets `primary:` of an identity, adding the key in the item's own style when it is missing. */
function setPrimary(ctx: FixContext, id: IdentityModel, value: boolean): TextEdit | undefined {
  const { text } = ctx;
  const v = String(value);
  if (id.primary) {
    if (id.primary.span.end > id.primary.span.start) return replace(ctx, id.primary.span, v);
    const colon = id.primary.keySpan ? text.indexOf(':', id.primary.keySpan.end) : -1;
    return colon >= 0 ? replace(ctx, { start: colon, end: colon + 1 }, `: ${v}`) : undefined;
  }
  if (text[id.span.start] === '{') {
    // the node's range may stop before its closing brace
    let close = id.span.end;
    while (close < text.length && text[close] !== '}' && /[\s,]/.test(text[close] ?? '')) close++;
    if (text[close] !== '}') {
      close = id.span.end - 1;
      while (close > id.span.start && text[close] !== '}') close--;
    }
    if (text[close] !== '}') return undefined;
    let end = close;
    while (end > id.span.start && /\s/.test(text[end - 1])) end--;
    return insert(ctx, end, `, primary: ${v}`);
  }
  const lines = itemLines(text, id.span);
  if (!lines) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = lines.end === text.length && !text.endsWith('\n') ? eol : '';
  return insert(ctx, lines.end, `${lead}${' '.repeat(columnOf(text, id.span.start))}primary: ${v}${eol}`);
}
