/**
 * Code actions of a dataflow: quick fixes keyed on the diagnostic codes of the problems
 * under the cursor, rewrites of the mapping under the cursor, and the "Suggest mappings"
 * source action. Each fix family lives in its own file; this one picks the problems,
 * runs the families (one failing family never hides the others) and filters by kind.
 *
 * Holds the suggester, whose candidate pairs are cached per schema/describe object, so
 * one instance lives as long as the server.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Problem, Span } from '../../util/problems';
import type { FeatureRequest } from '../request';
import { MappingSuggester, suggestMappingsAction } from '../suggestMappings';
import { addMappingFixes } from './addMappings';
import { convertMappingActions } from './convertMapping';
import { duplicateFixes } from './duplicateMapping';
import { lspDiagnostic, touches, type FixContext, type ProblemAt } from './edits';
import { identityPrimaryFixes } from './identityPrimary';
import { reservedWordFixes } from './reservedWord';
import { suggestionFixes } from './replaceSuggestion';

export interface CodeActionQuery {
  /** the selection as document offsets */
  range: Span;
  /** CodeActionContext.only: kinds the client asks for (hierarchical, `source` includes `source.x`) */
  only?: readonly string[];
  /** the diagnostics the client sent; fixes name these objects when they match a problem */
  diagnostics?: readonly Diagnostic[];
  /** told about a fix family that failed; the others still answer */
  onError?: (e: unknown) => void;
}

export class CodeActionFeature {
  readonly suggester = new MappingSuggester();

  actions(req: FeatureRequest, q: CodeActionQuery): CodeAction[] {
    const analysis = req.analysis;
    if (!analysis) return [];
    const ctx: FixContext = { doc: req.doc, text: req.doc.getText(), analysis, model: analysis.parsed.model, service: req.service };
    const wants = (kind: string) => !q.only || q.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const out: CodeAction[] = [];
    const run = (fn: () => CodeAction[] | CodeAction | undefined) => {
      try {
        const r = fn();
        if (Array.isArray(r)) out.push(...r);
        else if (r) out.push(r);
      } catch (e) {
        q.onError?.(e);
      }
    };
    if (wants('quickfix')) {
      const byKey = clientDiagnostics(q.diagnostics);
      const atOf = (p: Problem): ProblemAt => {
        const d = lspDiagnostic(req.doc, p);
        return { problem: p, diagnostic: byKey.get(diagnosticKey(d)) ?? d };
      };
      const here = analysis.problems.filter((p) => touches(p.span, q.range)).map(atOf);
      for (const at of here) {
        run(() => suggestionFixes(ctx, at));
        run(() => duplicateFixes(ctx, at));
        run(() => identityPrimaryFixes(ctx, at));
        run(() => reservedWordFixes(ctx, at));
      }
      const unmapped = here.filter((a) => a.problem.code === 'required-unmapped' || a.problem.code === 'identity-unmapped');
      if (unmapped.length) {
        run(() => addMappingFixes(ctx, unmapped, analysis.problems.filter((p) => p.code === 'required-unmapped').map(atOf), this.suggester));
      }
    }
    if (wants('refactor.rewrite')) run(() => convertMappingActions(ctx, q.range));
    if (wants('source.suggestMappings')) run(() => suggestMappingsAction(req, this.suggester));
    return out;
  }
}

function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${String(d.code)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function clientDiagnostics(list: readonly Diagnostic[] | undefined): Map<string, Diagnostic> {
  const m = new Map<string, Diagnostic>();
  for (const d of list ?? []) if (d && d.range) m.set(diagnosticKey(d), d);
  return m;
}
