/** Completion test helpers: a service over the examples that can list folders, and edit application. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextMode, type CompletionItem, type CompletionItemKind, type CompletionList } from 'vscode-languageserver-types';
import { DataflowCompletion, type CompletionTrigger } from '../../../server/features/completion';
import { DataflowService } from '../../../server/service';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS, overlayReader } from '../../helpers/workspace';

export const CONTACTS_FILE = path.join(DATAFLOWS, 'contacts.dataflow.yaml');
export const CONTACTS = readFileSync(CONTACTS_FILE, 'utf8');

/** A service over the example workspace (with folder listing), with in-memory files on top. */
export function listingService(overlay: Record<string, string> = {}): DataflowService {
  return new DataflowService(overlayReader(overlay));
}

/** One service for the requests that need no overlay (building one compiles the JSON Schemas). */
const DEFAULT_SERVICE = listingService();

export interface Completed {
  list: CompletionList;
  text: string;
  offset: number;
  doc: TextDocument;
  labels: string[];
  /** the item labelled `label` (of that kind, when given) */
  item(label: string, kind?: CompletionItemKind): CompletionItem;
  /** the document after accepting `label` (snippet placeholders take their default text) */
  apply(label: string, kind?: CompletionItemKind): string;
  /** labels in the order the editor shows them for an empty filter (by sortText, then label) */
  ordered(): string[];
}

/** Completion at the `|` of `textWithCursor`, analysed as the file `file`. */
export function completeAt(textWithCursor: string, opts: { file?: string; service?: DataflowService; trigger?: CompletionTrigger; feature?: DataflowCompletion } = {}): Completed {
  const { text, offset } = cursor(textWithCursor);
  const file = opts.file ?? CONTACTS_FILE;
  const service = opts.service ?? DEFAULT_SERVICE;
  const doc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text);
  const analysis = service.kindOf(file) === 'dataflow' ? service.analyse({ path: file, text }) : undefined;
  const feature = opts.feature ?? new DataflowCompletion();
  const list = feature.complete({ doc, path: file, offset, service, ...(analysis ? { analysis } : {}) }, opts.trigger);
  const item = (label: string, kind?: CompletionItemKind): CompletionItem => {
    const found = list.items.find((i) => i.label === label && (kind === undefined || i.kind === kind));
    if (!found) throw new Error(`no item '${label}' among ${list.items.length}: ${list.items.slice(0, 30).map((i) => i.label).join(', ')}`);
    return found;
  };
  return {
    list, text, offset, doc,
    labels: list.items.map((i) => i.label),
    item,
    apply: (label, kind) => applyItem(doc, item(label, kind)),
    ordered: () => [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label)).map((i) => i.label),
  };
}

/** Applies an item's text edit the way VS Code does (snippet defaults, indentation adjusted). */
export function applyItem(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`item '${item.label}' has no textEdit with a range`);
  const text = doc.getText();
  const start = doc.offsetAt(edit.range.start);
  const end = doc.offsetAt(edit.range.end);
  let insert = item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText;
  if (item.insertTextMode === InsertTextMode.adjustIndentation && insert.includes('\n')) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    insert = insert.split('\n').join(`\n${indent}`);
  }
  return text.slice(0, start) + insert + text.slice(end);
}

function expandSnippet(s: string): string {
  return s
    .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)[^}]*\}/g, (_, first: string) => first.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The rank part of a sortText (its first character): lower sorts first. */
export function rank(item: CompletionItem): number {
  return Number((item.sortText ?? '9')[0]);
}
