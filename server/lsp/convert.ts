/** Service data → LSP types, at the edge. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../../shared/protocol';
import type { Problem, Severity } from '../util/problems';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.positionAt(p.span.start), end: doc.positionAt(p.span.end) },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.data) d.data = p.data;
  if (p.related?.length) {
    d.relatedInformation = p.related.map((r) => ({
      location: { uri: r.file ?? doc.uri, range: { start: doc.positionAt(r.span.start), end: doc.positionAt(r.span.end) } },
      message: r.message,
    }));
  }
  return d;
}
