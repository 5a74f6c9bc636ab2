/**
 * Pushes diagnostics for open documents: debounced per document (≤ 50 ms), computed on
 * the newest version only, and dropped if the document moved on meanwhile.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkCache, type DataflowService } from '../service';
import { toDiagnostic } from './convert';
import { uriToPath } from './documents';

export const DIAGNOSTICS_DEBOUNCE_MS = 10;

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly caches = new Map<string, ChunkCache>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: DataflowService,
  ) {}

  /** The per-document parse memo, shared with editor features. */
  cacheFor(uri: string): ChunkCache {
    let c = this.caches.get(uri);
    if (!c) {
      c = new ChunkCache();
      this.caches.set(uri, c);
    }
    return c;
  }

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
    this.caches.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const filePath = uriToPath(uri);
    if (this.service.kindOf(filePath) === 'other') return;
    const problems = this.service.validate({ path: filePath, text: doc.getText(), cache: this.cacheFor(uri) });
    // a newer version arrived while we worked: its own run will publish
    if (this.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: problems.map((p) => toDiagnostic(doc, p)) });
  }
}
