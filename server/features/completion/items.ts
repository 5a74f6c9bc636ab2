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

/** Where the items of one request go: the document and the span an item replaces. */
export interface EditTarget {
  doc: TextDocument;
  span: Span;
}

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

/** An item placed at `target`: the template plus its text edit. */
export function place(template: CompletionItem, range: Range, insert: string, sortText: string, snippet = false): CompletionItem {
  const item: CompletionItem = { ...template, textEdit: { range, newText: insert }, sortText };
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
