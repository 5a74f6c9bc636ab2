/**
 * A list of 800 fields replaces the same range 800 times, and that range is about half of
 * each item's JSON. Clients that take list defaults (LSP 3.17 `itemDefaults.editRange`,
 * VS Code's client among them) get it once on the list instead: an item then carries
 * only its text (`textEditText`, or nothing when that is its label). Items with another
 * range keep their own edit, which overrides the default.
 */
import type { CompletionList, Range } from 'vscode-languageserver-types';

/** The list with the range most items share moved to `itemDefaults.editRange`; the items are changed in place. */
export function withDefaultEditRange(list: CompletionList): CompletionList {
  const range = commonRange(list);
  if (!range) return list;
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit) || !sameRange(edit.range, range)) continue;
    if (edit.newText !== item.label) item.textEditText = edit.newText;
    // undefined rather than delete: the items keep their shape, and JSON drops the key
    item.textEdit = undefined;
  }
  list.itemDefaults = { ...list.itemDefaults, editRange: range };
  return list;
}

/** The range of the most items (lists have one range, or a few: a snippet may differ). */
function commonRange(list: CompletionList): Range | undefined {
  const counts = new Map<string, { range: Range; n: number }>();
  let best: { range: Range; n: number } | undefined;
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit)) continue;
    const r = edit.range;
    const key = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { range: r, n: 0 }));
    c.n++;
    if (!best || c.n > best.n) best = c;
  }
  // one item gains nothing from a default
  return best && best.n > 1 ? best.range : undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a === b || (a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);
}
