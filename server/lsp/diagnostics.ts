/**
 * Pushes diagnostics for open documents: debounced per document (≤ 50 ms), computed on
 * the newest version only, and dropped if the document moved on meanwhile.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseProject } from '../project/project';
import type { AnalysisCache } from './analysisCache';
import { toDiagnostic } from './convert';
import { uriToPath } from './documents';

export const DIAGNOSTICS_DEBOUNCE_MS = 10;

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

  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const filePath = uriToPath(uri);
    const kind = this.analyses.service.kindOf(filePath);
    if (kind === 'other') return;
    const problems = kind === 'project' ? parseProject(doc.getText(), this.analyses.service.structure).problems : this.safeAnalyse(doc);
    // a newer version arrived while we worked: its own run will publish
    if (this.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: problems.map((p) => toDiagnostic(doc, p)) });
  }
}
