/**
 * Required XDM fields and identity paths nobody writes: add a mapping stub for each
 * (one action per path, and one that adds all missing required ones). A stub reads the
 * source field that fits (template mapping or a matching name) and is otherwise a
 * `value: null` placeholder with a TODO comment, so nothing plausible-looking is invented.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import { targetLabel } from '../../checks/compatibility';
import type { MappingSuggester } from '../suggestMappings';
import { quickFix, type FixContext, type ProblemAt } from './edits';
import { appendMappings, type MappingStub } from './mappingInsert';

export function addMappingFixes(ctx: FixContext, at: readonly ProblemAt[], all: readonly ProblemAt[], suggester: MappingSuggester): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const a of at) {
    const path = pathOf(a);
    if (!path || seen.has(`${a.problem.code}:${path}`)) continue;
    seen.add(`${a.problem.code}:${path}`);
    const edits = appendMappings(ctx, [stubFor(ctx, path, suggester)]);
    if (!edits) continue;
    const what = a.problem.code === 'required-unmapped' ? `required field '${path}'` : `identity '${path}'`;
    out.push(quickFix(ctx, `Add a mapping for ${what}`, [a], edits, out.length === 0));
  }
  const required = uniqueByPath(all.filter((a) => a.problem.code === 'required-unmapped'));
  if (required.length >= 2 && at.some((a) => a.problem.code === 'required-unmapped')) {
    const edits = appendMappings(ctx, required.map((a) => stubFor(ctx, pathOf(a)!, suggester)));
    if (edits) out.push(quickFix(ctx, `Add mappings for all ${required.length} missing required fields`, required, edits));
  }
  return out;
}

function pathOf(a: ProblemAt): string | undefined {
  if (a.problem.code !== 'required-unmapped' && a.problem.code !== 'identity-unmapped') return undefined;
  const p = a.problem.data?.path;
  return typeof p === 'string' && p ? p : undefined;
}

function uniqueByPath(list: readonly ProblemAt[]): ProblemAt[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const p = pathOf(a);
    if (!p || seen.has(p)) return false;
    seen.add(p);
    return true;
  });
}

export function stubFor(ctx: FixContext, path: string, suggester: MappingSuggester): MappingStub {
  const p = suggester.proposeFor(ctx.analysis, path);
  if (p) return { kind: p.kind, text: p.text, target: path };
  const f = ctx.analysis.context.schema?.schema?.get(path);
  return { kind: 'value', text: 'null', target: path, comment: `TODO: map ${path}${f ? ` (${targetLabel(f)})` : ''}` };
}
