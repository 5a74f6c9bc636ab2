/**
 * Building blocks shared by the completion sources: item templates computed once per
 * describe/schema/catalogue and instantiated per request with the exact replace range,
 * and the ranking key every source uses so lists sort the same way everywhere.
 */
import {
  CompletionItemKind, InsertTextFormat, InsertTextMode, type Command, type CompletionItem, type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../util/problems';

export { CompletionItemKind };

/** Re-opens the suggestion list after inserting `Account.` or `source: `. */
export const RETRIGGER: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function rangeOf(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(Math.max(span.start, span.end)) };
}

/**
 * `sortText` for rank (0 = best fit) then a secondary order (e.g. schema order); VS Code
 * sorts by it before the label, and keeps the order among equally good fuzzy matches.
 */
export function sortKey(rank: number, order: number | string): string {
  return typeof order === 'number' ? `${rank}${String(order).padStart(5, '0')}` : `${rank}${order}`;
}

/**
 * Short order keys for a list of names: the alphabetical (case-insensitive) rank of each,
 * in base 36, so sortTexts stay a few characters long even for 800-item lists.
 */
export function alphabeticalKeys(names: readonly string[]): string[] {
  const order = names.map((n, i) => ({ n: n.toLowerCase(), i })).sort((a, b) => (a.n < b.n ? -1 : a.n > b.n ? 1 : a.i - b.i));
  const keys = new Array<string>(names.length);
  order.forEach((o, rank) => (keys[o.i] = rank.toString(36).padStart(4, '0')));
  return keys;
}

/**
 * An item placed at `range`: the template plus its text edit. Properties are copied one
 * by one (not spread) so that every item has the same shape: lists of 800 are built fast.
 */
export function place(template: CompletionItem, range: Range, insert: string, sortText: string, snippet = false): CompletionItem {
  const item: CompletionItem = { label: template.label, kind: template.kind, detail: template.detail, documentation: template.documentation, textEdit: { range, newText: insert }, sortText };
  if (template.labelDetails !== undefined) item.labelDetails = template.labelDetails;
  if (template.filterText !== undefined) item.filterText = template.filterText;
  if (template.tags !== undefined) item.tags = template.tags;
  if (template.command !== undefined) item.command = template.command;
  if (snippet) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    // later lines of a multi-line snippet are written relative to the current line's indentation
    if (insert.includes('\n')) item.insertTextMode = InsertTextMode.adjustIndentation;
  }
  return item;
}

/** Escapes text for a snippet's literal part. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** A markdown code span that survives backticks in the text. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** Escapes markdown punctuation in free text (descriptions, help texts, labels). */
export function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
