/**
 * Lists of 800 fields are mostly documentation nobody reads until an item is focused.
 * The list goes out without `detail` and `documentation`; the editor asks for them with
 * completionItem/resolve for the item it shows. Only the latest list is kept (the editor
 * resolves items of the list on screen), so memory stays bounded by one list.
 */
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';

type Details = Pick<CompletionItem, 'detail' | 'documentation'>;

export class CompletionDetails {
  private generation = 0;
  private kept: Details[] = [];

  /** The list with detail and documentation moved out (redundant filterTexts dropped too). */
  split(list: CompletionList): CompletionList {
    const generation = ++this.generation;
    const kept: Details[] = new Array(list.items.length);
    list.items.forEach((item, i) => {
      const d: Details = {};
      if (item.detail !== undefined) d.detail = item.detail;
      if (item.documentation !== undefined) d.documentation = item.documentation;
      kept[i] = d;
      // undefined rather than delete: the items keep their shape, and JSON drops the key
      item.detail = undefined;
      item.documentation = undefined;
      if (item.filterText === item.label) item.filterText = undefined;
      item.data = [generation, i];
    });
    this.kept = kept;
    return list;
  }

  /** The item with its details back; items of older lists come back as they are. */
  resolve(item: CompletionItem): CompletionItem {
    const data = item.data;
    if (!Array.isArray(data) || data[0] !== this.generation || typeof data[1] !== 'number') return item;
    const d = this.kept[data[1]];
    return d ? { ...item, ...d } : item;
  }
}
