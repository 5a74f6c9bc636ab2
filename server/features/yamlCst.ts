/**
 * Helpers over the `yaml` CST (lossless and error-tolerant), shared by folding, selection
 * ranges and formatting: they need the same notion of where an entry's content ends.
 */
import { Parser, type CST } from 'yaml';

export type CstItem = CST.BlockMap['items'][number] | CST.BlockSequence['items'][number] | CST.CollectionItem;

const TRIVIA = new Set(['space', 'newline', 'comment', 'byte-order-mark', 'comma']);

/** The CST of a text; never throws (the parser is error-tolerant, this guards the rest). */
export function parseCst(text: string): CST.Token[] {
  try {
    return [...new Parser().parse(text)];
  } catch {
    return [];
  }
}

/** End offset (exclusive) of the meaningful text of a token: no trailing spaces, newlines or comments; -1 if none. */
export function contentEnd(tok: CST.Token | null | undefined): number {
  if (!tok) return -1;
  switch (tok.type) {
    case 'document':
      return Math.max(contentEnd(tok.value), tokensEnd(tok.start), tokensEnd(tok.end));
    case 'block-map':
    case 'block-seq':
      return tok.items.reduce((end: number, item: CstItem) => Math.max(end, itemEnd(item)), -1);
    case 'flow-collection': {
      const close = tok.end.find((t) => t.type === 'flow-map-end' || t.type === 'flow-seq-end');
      if (close) return close.offset + close.source.length;
      return tok.items.reduce((end: number, item: CstItem) => Math.max(end, itemEnd(item)), tok.start.offset + tok.start.source.length);
    }
    case 'block-scalar': {
      const start = blockScalarSourceStart(tok);
      const content = tok.source.trimEnd();
      return content.length > 0 ? start + content.length : tokensEnd(tok.props);
    }
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'alias':
      return tok.offset + tok.source.length;
    case 'error':
    case 'directive':
    case 'doc-end':
      return tok.source.trim() ? tok.offset + tok.source.trimEnd().length : -1;
    default:
      return TRIVIA.has(tok.type) ? -1 : tok.offset + tok.source.length;
  }
}

/** Where the content of a block scalar starts (after its header line). */
export function blockScalarSourceStart(tok: CST.BlockScalar): number {
  const last = tok.props[tok.props.length - 1];
  return last ? last.offset + ('source' in last ? last.source.length : 0) : tok.offset;
}

function tokensEnd(tokens: readonly CST.Token[] | undefined): number {
  let end = -1;
  for (const t of tokens ?? []) end = Math.max(end, contentEnd(t));
  return end;
}

/** Start offset of a collection item: its `-` or `?`, anchor/tag, key, or value; -1 for comment-only items. */
export function itemStart(item: CstItem): number {
  for (const t of item.start) if (!TRIVIA.has(t.type)) return t.offset;
  if (item.key) return item.key.offset;
  for (const t of item.sep ?? []) if (!TRIVIA.has(t.type)) return t.offset;
  if (item.value) return firstContent(item.value);
  return -1;
}

function firstContent(tok: CST.Token): number {
  if (tok.type === 'block-map' || tok.type === 'block-seq') {
    for (const item of tok.items) {
      const s = itemStart(item);
      if (s >= 0) return s;
    }
  }
  return tok.offset;
}

/** End offset of a collection item's content (see contentEnd); -1 for comment-only items. */
export function itemEnd(item: CstItem): number {
  return Math.max(tokensEnd(item.start), contentEnd(item.key), tokensEnd(item.sep), contentEnd(item.value));
}

/** Calls `fn` for every token in the tree, parents before children. */
export function walkCst(tokens: readonly CST.Token[], fn: (tok: CST.Token) => void): void {
  const stack: CST.Token[] = [...tokens].reverse();
  const push = (list: readonly (CST.Token | null | undefined)[]) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i];
      if (t) stack.push(t);
    }
  };
  const pushItems = (items: readonly CstItem[]) => {
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      push([...it.start, it.key, ...(it.sep ?? []), it.value]);
    }
  };
  while (stack.length > 0) {
    const tok = stack.pop()!;
    fn(tok);
    switch (tok.type) {
      case 'document':
        push([...tok.start, tok.value, ...(tok.end ?? [])]);
        break;
      case 'block-map':
      case 'block-seq':
        pushItems(tok.items);
        break;
      case 'flow-collection':
        push([tok.start]);
        pushItems(tok.items);
        push(tok.end);
        break;
      case 'block-scalar':
        push(tok.props);
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'alias':
        push(tok.end ?? []);
        break;
      case 'doc-end':
        push(tok.end ?? []);
        break;
      default:
        break;
    }
  }
}
