/**
 * Splits a dataflow file into independently parseable chunks: each top-level section,
 * and inside `mappings:` / `identities:` each sequence item. Parsing and checking are
 * cached per chunk text, so an edit re-parses only the chunk it touched; a 1,000-mapping
 * file then costs one small YAML parse per keystroke instead of a full one.
 *
 * Anything the line scan cannot prove safe (documents markers, directives, anchors,
 * aliases, tags, flow or irregular layout at the top level) returns undefined and the
 * caller parses the whole document at once: slower, never wrong.
 */

export type ChunkKind = 'section' | 'header' | 'item';

export interface Chunk {
  kind: ChunkKind;
  /** top-level key the chunk belongs to */
  section: string;
  start: number;
  end: number;
  text: string;
}

const SPLIT_SECTIONS = new Set(['mappings', 'identities']);
// Anchors, aliases and tags link nodes across chunks (or change their meaning).
const UNSAFE = /(^|[\s[{,])(&[^\s&]|\*[^\s*\]]|![^\s=])|^\s*<<\s*:/m;

export function splitChunks(text: string): Chunk[] | undefined {
  if (UNSAFE.test(text)) return undefined;
  const chunks: Chunk[] = [];
  let section: { name: string; start: number; headerEnd: number; splittable: boolean } | undefined;
  let itemIndent = -1;
  let itemStart = -1;
  let irregular = false;
  const items: Array<[number, number]> = [];

  const closeSection = (end: number): void => {
    if (!section) return;
    if (section.splittable && !irregular && items.length > 0) {
      if (itemStart >= 0) items.push([itemStart, end]);
      chunks.push(mk('header', section.name, section.start, items[0][0], text));
      for (const [s, e] of items) chunks.push(mk('item', section.name, s, e, text));
    } else {
      chunks.push(mk('section', section.name, section.start, end, text));
    }
    section = undefined;
    items.length = 0;
    itemIndent = -1;
    itemStart = -1;
    irregular = false;
  };

  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const next = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    let indent = 0;
    while (text.charCodeAt(lineStart + indent) === 32) indent++;
    const first = text[lineStart + indent];
    const blank = lineStart + indent >= lineEnd || first === '\r' || first === '#';
    if (!blank) {
      if (indent === 0) {
        if (text.startsWith('---', lineStart) || text.startsWith('...', lineStart) || first === '%') return undefined;
        if ('-[{?|>"\'@`\t'.includes(first)) return undefined;
        const colon = text.indexOf(':', lineStart);
        if (colon < 0 || colon > lineEnd) return undefined;
        closeSection(lineStart);
        const name = text.slice(lineStart, colon).trim();
        const rest = text.slice(colon + 1, lineEnd).replace(/\s+#.*$/, '').trim();
        section = { name, start: lineStart, headerEnd: next, splittable: SPLIT_SECTIONS.has(name) && rest === '' };
      } else if (!section) {
        return undefined;
      } else if (section.splittable && !irregular) {
        if (itemIndent < 0) {
          if (first === '-') itemIndent = indent;
          else irregular = true;
        }
        if (!irregular) {
          if (indent < itemIndent) irregular = true;
          else if (indent === itemIndent) {
            const after = text[lineStart + indent + 1];
            if (first !== '-' || (after !== ' ' && after !== '\n' && after !== '\r' && after !== undefined)) irregular = true;
            else {
              if (itemStart >= 0) items.push([itemStart, lineStart]);
              itemStart = lineStart;
            }
          }
        }
      }
    } else if (!section && lineStart === 0 && first === '\t') {
      return undefined;
    }
    lineStart = next;
  }
  closeSection(text.length);
  // Leading comments/blank lines before the first section belong to it.
  if (chunks.length > 0 && chunks[0].start > 0) {
    chunks[0] = mk(chunks[0].kind, chunks[0].section, 0, chunks[0].end, text);
  }
  return chunks;
}

function mk(kind: ChunkKind, section: string, start: number, end: number, text: string): Chunk {
  return { kind, section, start, end, text: text.slice(start, end) };
}
