/**
 * Did-you-mean fixes: replace an unknown field, path, function, namespace, connection,
 * object, key or enum value with each candidate the check suggested (`data.suggestions`,
 * or the "Did you mean …?" of the message for checks that carry no data). The first
 * candidate is the best one and is marked preferred.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { ProblemCode } from '../../util/problemCodes';
import type { Problem } from '../../util/problems';
import { innerSpan, quickFix, replace, type FixContext, type ProblemAt } from './edits';

/** What the problem's span covers: one segment of a dotted path, or the whole value (or key). */
type Scope = 'segment' | 'whole';

const FIXABLE: Partial<Record<ProblemCode, Scope>> = {
  'unknown-source-field': 'segment',
  'unknown-target-path': 'segment',
  'expr-unknown-field': 'segment',
  'expr-unknown-function': 'whole',
  'expr-unknown-method': 'whole',
  'identity-unknown-namespace': 'whole',
  'identity-unknown-path': 'whole',
  'unknown-connection': 'whole',
  'unknown-object': 'whole',
  'unknown-dataset': 'whole',
  'incremental-field': 'whole',
  'structure-unknown-key': 'whole',
  'structure-enum': 'whole',
};

export function isSuggestionFix(code: ProblemCode): boolean {
  return code in FIXABLE;
}

export function suggestionFixes(ctx: FixContext, at: ProblemAt): CodeAction[] {
  const scope = FIXABLE[at.problem.code];
  if (!scope) return [];
  const span = innerSpan(ctx.text, at.problem.span);
  const current = ctx.text.slice(span.start, span.end);
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestionsOf(at.problem)) {
    // path suggestions are whole paths; the problem marks only the segment that is wrong
    const text = scope === 'segment' ? suggestion.slice(suggestion.lastIndexOf('.') + 1) : suggestion;
    if (!text || text === current || seen.has(text)) continue;
    seen.add(text);
    out.push(quickFix(ctx, `Change to '${suggestion}'`, [at], [replace(ctx, span, text)], out.length === 0));
  }
  return out;
}

/** The problem's candidates, best first. */
export function suggestionsOf(p: Problem): string[] {
  const data = p.data?.suggestions;
  if (Array.isArray(data)) return data.filter((s): s is string => typeof s === 'string' && s.length > 0);
  const m = /Did you mean (.+?)\?/.exec(p.message);
  if (!m) return [];
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}
