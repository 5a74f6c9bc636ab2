/**
 * Pushes diagnostics for open documents: debounced per document (≤ 50 ms), computed on
 * the newest version only, and dropped if the document moved on meanwhile. At most
 * MAX_PUBLISHED_DIAGNOSTICS per document, worst first, and a last note counts the rest.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import { parseProject } from '../project/project';
import type { ProblemCode } from '../util/problemCodes';
import type { Problem, Severity } from '../util/problems';
import type { AnalysisCache } from './analysisCache';
import { toDiagnostic } from './convert';
import { uriToPath } from './documents';

export const DIAGNOSTICS_DEBOUNCE_MS = 10;

/**
 * Thousands of diagnostics help nobody and cost the editor (and the server, converting
 * and sending them) far more than the check itself; past this many, the rest is counted.
 */
export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

const TRUNCATED_CODE: ProblemCode = 'diagnostics-truncated';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
  ) {}

  schedule(uri: string, delay = DIAGNOSTICS_DEBOUNCE_MS): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.publish(uri);
    }, delay));
  }

  scheduleAll(): void {
    for (const d of this.documents.all()) this.schedule(d.uri);
  }

  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private safeAnalyse(doc: TextDocument) {
    try {
      return this.analyses.get(doc)?.problems ?? [];
    } catch (e) {
      this.connection.console.error(`checking ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return [];
    }
  }

  private projectProblems(doc: TextDocument) {
    return parseProject(doc.getText(), this.analyses.service.structure).problems;
  }

  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const filePath = uriToPath(uri);
    const kind = this.analyses.service.kindOf(filePath);
    if (kind === 'other') return;
    const problems = kind === 'project' ? this.projectProblems(doc) : this.safeAnalyse(doc);
    // a newer version arrived while we worked: its own run will publish
    if (this.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: publishedDiagnostics(doc, problems) });
  }
}

/**
 * The diagnostics to send for `problems`: all of them up to the cap; past it, the worst
 * (errors first, then by position) in document order, and one note counting the rest.
 */
export function publishedDiagnostics(doc: TextDocument, problems: readonly Problem[], max = MAX_PUBLISHED_DIAGNOSTICS): Diagnostic[] {
  if (problems.length <= max) return problems.map((p) => toDiagnostic(doc, p));
  const shown = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => RANK[a.p.severity] - RANK[b.p.severity] || a.p.span.start - b.p.span.start || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.p.span.start - b.p.span.start || a.i - b.i)
    .map((x) => toDiagnostic(doc, x.p));
  const hidden = problems.length - max;
  const firstLine = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
  shown.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(firstLine.length, 200) } },
    severity: DiagnosticSeverity.Information,
    code: TRUNCATED_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `${hidden.toLocaleString('en-US')} more problems are not shown: at most ${max.toLocaleString('en-US')} are listed per file, errors first. Fix these to see the rest.`,
  });
  return shown;
}
