/**
 * One analysis per open document version, shared by diagnostics and every feature
 * request, so a completion right after a keystroke does not re-check the file.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkCache, type DataflowAnalysis, type DataflowService } from '../service';
import { uriToPath } from './documents';

export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; generation: number; analysis: DataflowAnalysis }>();
  private readonly chunks = new Map<string, ChunkCache>();

  constructor(readonly service: DataflowService) {}

  /** The analysis of this exact document version (computed now if needed). */
  get(doc: TextDocument): DataflowAnalysis | undefined {
    const path = uriToPath(doc.uri);
    if (this.service.kindOf(path) !== 'dataflow') return undefined;
    const e = this.entries.get(doc.uri);
    const generation = this.service.workspace.generation;
    if (e && e.version === doc.version && e.generation === generation) return e.analysis;
    const analysis = this.service.analyse({ path, text: doc.getText(), cache: this.chunkCache(doc.uri) });
    this.entries.set(doc.uri, { version: doc.version, generation, analysis });
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.chunks.delete(uri);
  }

  private chunkCache(uri: string): ChunkCache {
    let c = this.chunks.get(uri);
    if (!c) this.chunks.set(uri, (c = new ChunkCache()));
    return c;
  }
}
