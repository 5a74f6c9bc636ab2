/**
 * What every fix family shares: the request seen as plain text + model, minimal text
 * edits that keep the file's own indentation and quoting, and the LSP diagnostic a
 * quick fix names. Edits are always computed on the analysed text, never re-parsed.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../../../shared/protocol';
import type { DataflowModel } from '../../dataflow/model';
import type { DataflowAnalysis, DataflowService } from '../../service';
import type { Problem, Severity, Span } from '../../util/problems';

export interface FixContext {
  doc: TextDocument;
  /** doc.getText(), read once */
  text: string;
  analysis: DataflowAnalysis;
  model: DataflowModel;
  service: DataflowService;
}

/** A problem together with the diagnostic the client sent for it (or one built from it). */
export interface ProblemAt {
  problem: Problem;
  diagnostic: Diagnostic;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const d: Diagnostic = { range: rangeOf(doc, p.span), severity: SEVERITY[p.severity], code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message };
  if (p.data) d.data = p.data;
  return d;
}

export function rangeOf(doc: TextDocument, span: Span): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function replace(ctx: FixContext, span: Span, newText: string): TextEdit {
  return { range: rangeOf(ctx.doc, span), newText };
}

export function insert(ctx: FixContext, offset: number, newText: string): TextEdit {
  return replace(ctx, { start: offset, end: offset }, newText);
}

export function workspaceEdit(ctx: FixContext, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [ctx.doc.uri]: edits } };
}

export function quickFix(ctx: FixContext, title: string, at: readonly ProblemAt[], edits: TextEdit[], preferred = false): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: at.map((a) => a.diagnostic), edit: workspaceEdit(ctx, edits) };
  if (preferred) action.isPreferred = true;
  return action;
}

// --- text positions ---

export function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break that ends the line holding `offset` (text.length on the last line). */
export function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', Math.max(0, offset));
  return nl < 0 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The span without its surrounding quotes, when the token is a quoted YAML scalar. */
export function innerSpan(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === '"' || q === "'") && span.end - span.start >= 2 && text[span.end - 1] === q) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

export function scalarStyle(text: string, valueSpan: Span): ScalarStyle {
  const c = text[valueSpan.start];
  return c === '"' ? 'double' : c === "'" ? 'single' : c === '|' || c === '>' ? 'block' : 'plain';
}

/** Text to put inside an existing scalar of this style so that it reads back as `s`. */
export function escapeFor(style: ScalarStyle, s: string): string {
  if (style === 'double') return s.replace(/[\\"]/g, (c) => `\\${c}`);
  if (style === 'single') return s.replace(/'/g, "''");
  return s;
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const NOT_A_STRING = /^(?:true|false|null|~|yes|no|on|off|y|n|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/**
 * A new YAML scalar that reads back as the string `s`: plain when safe, else single-quoted.
 * `flow`: it goes inside `{...}` or `[...]`, where `,[]{}` end a plain scalar.
 */
export function yamlString(s: string, context: { flow?: boolean } = {}): string {
  const plainSafe = s !== '' && !INDICATOR_START.test(s) && !/\s$/.test(s) && !/:\s|:$|\s#|[\n\r\t]/.test(s) && !NOT_A_STRING.test(s) && !(context.flow && /[,[\]{}]/.test(s));
  return plainSafe ? s : `'${s.replace(/'/g, "''")}'`;
}

/**
 * An edit that puts a new scalar where a value token is. A block scalar's span runs from
 * its `|`/`>` header over its content to the line break after it: the header and content
 * are replaced, the line break stays (the next key, or the file's last line end, needs
 * it), and a comment on the header line is kept after the new value.
 */
export function replaceValue(ctx: FixContext, span: Span, newText: string): TextEdit {
  if (scalarStyle(ctx.text, span) !== 'block') return replace(ctx, span, newText);
  let end = span.end;
  while (end > span.start && /\s/.test(ctx.text[end - 1]!)) end--;
  const header = ctx.text.slice(span.start, Math.min(afterLine(ctx.text, span.start), end));
  const comment = header.search(/\s#/);
  return replace(ctx, { start: span.start, end }, comment >= 0 ? `${newText} ${header.slice(comment).trim()}` : newText);
}

/** Spans overlap or touch (a cursor at either end of a token counts). */
export function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The lines a block sequence item occupies, from its `-` to the end of its last line;
 * undefined when the item is not written in block style (inside `[...]`).
 */
export function itemLines(text: string, itemSpan: Span): Span | undefined {
  let p = itemSpan.start - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p--;
  if (p < 0 || text[p] !== '-') return undefined;
  const start = lineStart(text, p);
  if (text.slice(start, p).trim() !== '') return undefined;
  const last = Math.max(itemSpan.start, itemSpan.end - 1);
  return { start, end: afterLine(text, last) };
}
