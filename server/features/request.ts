/**
 * What every editor feature receives: the document, the cursor as an offset, and the
 * analysis the diagnostics already computed for this version (model with ranges,
 * resolved describe/schema context). Features return plain LSP data types
 * (vscode-languageserver-types), never touching the connection.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DataflowAnalysis, DataflowService } from '../service';

export interface FeatureRequest {
  doc: TextDocument;
  /** absolute file path, undefined for untitled documents */
  path?: string;
  /** the cursor (or range start) as an offset into doc.getText() */
  offset: number;
  /** undefined for documents that are not dataflows (e.g. crmflow.yaml) */
  analysis?: DataflowAnalysis;
  service: DataflowService;
}
