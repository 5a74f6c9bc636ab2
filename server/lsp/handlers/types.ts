/**
 * How a feature plugs into the adapter: it declares its server capabilities and
 * registers its request handlers. Handlers stay 5-8 lines: find the document, build the
 * FeatureRequest, call the pure feature in server/features/, return its result.
 */
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureRequest } from '../../features/request';
import type { DataflowService } from '../../service';
import type { AnalysisCache } from '../analysisCache';

export interface HandlerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: DataflowService;
  analyses: AnalysisCache;
  /** what the client said it supports (set at initialize, before any request arrives) */
  readonly clientCapabilities: ClientCapabilities;
  /** FeatureRequest for a document position; undefined when the document is not open */
  request(uri: string, position?: { line: number; character: number }): FeatureRequest | undefined;
}

export interface HandlerModule {
  capabilities: ServerCapabilities;
  register(ctx: HandlerContext): void;
}
