/**
 * Where the cursor is in a dataflow file, in YAML terms: which mapping (top level, a
 * section, an item of `mappings:`/`identities:`) holds it, whether it sits on a key or in
 * a value, the word being typed and what a completion should replace. Completion, hover,
 * signature help and code actions all ask this one question, so it is answered here once.
 *
 * Works on half-typed and broken text: the structure comes from a line scan (indentation,
 * `- ` markers, `key:`), values come from the model when it has them (exact spans, quotes
 * and block scalars resolved) and from the line otherwise. Never throws.
 */
import { offsetIn, type DataflowModel, type IdentityModel, type Located, type LocatedText, type MappingModel } from '../dataflow/model';
import type { Span } from '../util/problems';

export type YamlPathSegment = string | number;

/**
 * - `key`: on a key, or where a key of the enclosing mapping would be typed
 * - `value`: in the value of `key`
 * - `item`: in a sequence where a new `- ` item would start (no dash typed yet)
 * - `none`: in a comment, in indentation, or somewhere nothing can be completed
 */
export type CursorPlace = 'key' | 'value' | 'item' | 'none';

/** A string value under the cursor, as YAML reads it (quotes and escapes removed). */
export interface ScalarCursor {
  text: string;
  /** the cursor as an index into `text` */
  index: number;
  /** the value token in the document (quotes included); empty at the cursor when nothing is typed yet */
  span: Span;
  quote?: '"' | "'";
  /** the document offset of character `i` of `text` (i may equal text.length) */
  toDocument(i: number): number;
}

export interface YamlCursorContext {
  place: CursorPlace;
  /**
   * Keys and item indices from the root to the mapping that holds the cursor: [] at the top
   * level, ['source'], ['mappings', 3], ['schedule'] (also inside `schedule: { … }`). For
   * place 'item' the path ends at the sequence's key (['mappings']).
   */
  path: readonly YamlPathSegment[];
  /** first element of `path` when it is a string: the top-level section, '' at the top level */
  section: string;
  /** place 'value': the key whose value holds the cursor; place 'key': the key text written so far ('' when none) */
  key: string;
  /** place 'key': the key token under the cursor, to replace (empty at the cursor when there is none); place 'value': the key's token */
  keySpan: Span;
  /** place 'key': a ':' already follows the key on this line */
  hasColon: boolean;
  /** keys of the enclosing mapping other than the one at the cursor */
  presentKeys: ReadonlySet<string>;
  /** the identifier-like word around the cursor ([letters digits _ $]); prefix = the part before the cursor */
  word: { prefix: string; span: Span };
  /** place 'value': the value under the cursor */
  value?: ScalarCursor;
  /** the value under the cursor when `key` is `expression` (same object as `value`) */
  expression?: ScalarCursor;
  /** place 'value' right after `key:` with no space: an inserted value needs a leading space */
  needsSpace: boolean;
  /** inside a flow mapping `{ … }` */
  flow: boolean;
  /** column where the keys of the enclosing mapping start (the dash column for place 'item') */
  column: number;
  /** place 'key' in an item: columns between the line's indentation and the item's keys (2 for `  - `); 0 otherwise */
  dashWidth: number;
  /** place 'item': index the new item would get */
  itemIndex?: number;
  /** indentation unit of the document (2 unless it uses another) */
  indentUnit: number;
  /** the model item holding the cursor, when the cursor is inside a mapping or identity item */
  mapping?: MappingModel;
  identity?: IdentityModel;
  /** nothing but blank lines, comments, `---` document markers and `%` directives */
  emptyDocument: boolean;
  /**
   * The cursor is at the end of a `---` marker line (place 'none': nothing is written on
   * that line); content inserted here starts on a new line.
   */
  afterDocumentMarker: boolean;
}

/** Sequence sections of the format: their children are `- ` items, never keys. */
const SEQUENCE_SECTIONS: ReadonlySet<string> = new Set(['mappings', 'identities']);

/** Where the cursor is; `model` must be the model of this exact `text` (values then come from it). */
export function yamlContextAt(text: string, offset: number, model?: DataflowModel): YamlCursorContext {
  const at = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, text.length));
  try {
    return new CursorScan(text, at, model).run();
  } catch {
    // defensive: the scan is written not to throw; a bug must not take a feature down
    return blankContext(text, at);
  }
}

// ---------------------------------------------------------------------------------------
// line scan

interface LineInfo {
  start: number;
  /** end of the line's text, before '\r\n' / '\n' */
  end: number;
  /** leading spaces */
  indent: number;
  /** nothing but whitespace, or a comment */
  blank: boolean;
  /** column of the first `- ` marker, -1 without one */
  dashCol: number;
  /** column where the line's content starts, after indentation and `- ` markers */
  contentCol: number;
  key?: string;
  keyStart: number;
  keyEnd: number;
  /** offset of the ':' after the key, -1 without a key */
  colon: number;
  /** the value token after `key:` on this line: [valueStart, valueEnd), empty when none */
  valueStart: number;
  valueEnd: number;
  /** where a comment starts on this line (after content), or end */
  commentStart: number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

class CursorScan {
  constructor(private readonly text: string, private readonly offset: number, private readonly model: DataflowModel | undefined) {}

  run(): YamlCursorContext {
    const { text, offset } = this;
    const ctx = blankContext(text, offset);
    ctx.indentUnit = detectIndentUnit(text);
    ctx.emptyDocument = isEmptyDocument(text);
    const line = this.lineAt(offset);
    const col = offset - line.start;
    // between '\r' and '\n': not a position an editor can place a cursor at
    if (offset > line.end) return ctx;
    // a `---` or `%` line is no key: completing one there would replace the marker
    const marker = markerLength(text, line.start);
    if (marker > 0) {
      ctx.afterDocumentMarker = text[line.start] === '-' && col >= marker && text.slice(line.start + marker, offset).trim() === '';
      return ctx;
    }

    const hit = this.model ? modelValueAt(this.model, text, offset) : undefined;
    if (hit) return this.fromModel(ctx, hit);

    if (line.commentStart < offset && line.commentStart < line.end) return ctx;
    if (line.blank) {
      // a blank line: the cursor column says which mapping the next key belongs to
      return this.keyPlace(ctx, line, col, -1, { start: offset, end: offset }, '', false, true);
    }
    if (col < line.contentCol) return ctx;
    if (line.colon >= 0 && offset > line.colon) {
      // between `key:` and a value already written: nothing to complete there
      if (offset < line.valueStart && line.valueEnd > line.valueStart) return ctx;
      const key = line.key ?? '';
      const flowStart = text[line.valueStart] === '{' ? line.valueStart : -1;
      const enclosing = this.enclose(line, line.contentCol, line.dashCol);
      if (enclosing.broken) return ctx;
      if (flowStart >= 0) return this.inFlow(ctx, line, flowStart, [...enclosing.path, key]);
      const first = text[line.valueStart];
      if ((first === '|' || first === '>') && offset > line.valueStart) return ctx;
      this.applyEnclosure(ctx, enclosing);
      ctx.place = 'value';
      ctx.key = key;
      ctx.keySpan = { start: line.keyStart, end: line.keyEnd };
      ctx.column = line.contentCol;
      ctx.needsSpace = offset === line.colon + 1 && !isSpace(text[offset]);
      const span = line.valueEnd > line.valueStart ? { start: line.valueStart, end: line.valueEnd } : { start: offset, end: offset };
      // past the closing quote of a quoted scalar is outside the value
      if (offset > span.end && isClosedQuote(text, span)) return blankContext(text, offset);
      const scalar = holding(text, lineScalar(text, span, offset), offset);
      if (!scalar) return blankContext(text, offset);
      ctx.value = scalar;
      if (key === 'expression') ctx.expression = ctx.value;
      return ctx;
    }
    // on a key (complete or half-typed), or on content without a colon yet (`  - tar|`)
    const keyEnd = line.colon >= 0 ? line.keyEnd : Math.max(line.start + line.contentCol, line.commentStart);
    const keyStart = line.start + line.contentCol;
    if (keyEnd < offset) return ctx;
    const keyText = text.slice(keyStart, keyEnd).replace(/\s+$/, '');
    return this.keyPlace(ctx, line, line.contentCol, line.dashCol, { start: keyStart, end: keyStart + keyText.length }, keyText, line.colon >= 0, false);
  }

  private keyPlace(ctx: YamlCursorContext, line: LineInfo, col: number, dashCol: number, keySpan: Span, key: string, hasColon: boolean, blankLine: boolean): YamlCursorContext {
    const enclosing = this.enclose(line, col, dashCol);
    if (enclosing.broken) return ctx;
    this.applyEnclosure(ctx, enclosing);
    ctx.place = enclosing.itemPlace ? 'item' : 'key';
    if (enclosing.itemPlace) ctx.itemIndex = enclosing.itemIndex;
    ctx.key = key;
    ctx.keySpan = keySpan;
    ctx.hasColon = hasColon;
    ctx.column = col;
    ctx.dashWidth = dashCol >= 0 ? line.contentCol - line.indent : 0;
    // `-|` with no space yet: an inserted key needs one
    ctx.needsSpace = !blankLine && keySpan.start === this.offset && this.text[keySpan.start - 1] === '-';
    // a key position directly under `mappings:`: a new item goes there
    if (ctx.place === 'key' && ctx.path.length === 1 && SEQUENCE_SECTIONS.has(ctx.section) && dashCol < 0) {
      ctx.place = 'item';
      ctx.itemIndex = 0;
    }
    return ctx;
  }

  private applyEnclosure(ctx: YamlCursorContext, e: Enclosure): void {
    ctx.path = e.path;
    ctx.section = typeof e.path[0] === 'string' ? e.path[0] : '';
    ctx.presentKeys = e.present;
    if (e.itemLine !== undefined && this.model && !e.itemPlace) {
      const section = ctx.section;
      if (section === 'mappings') {
        const m = itemAt(this.model.mappings, e.itemLine.start, e.itemLine.end);
        if (m) ctx.mapping = m;
      } else if (section === 'identities') {
        const i = itemAt(this.model.identities, e.itemLine.start, e.itemLine.end);
        if (i) ctx.identity = i;
      }
    }
  }

  /** A value the model located: exact key, span and characters. */
  private fromModel(ctx: YamlCursorContext, hit: ModelHit): YamlCursorContext {
    const { text, offset } = this;
    const keyLine = this.lineAt(hit.located.keySpan?.start ?? hit.located.span.start);
    const keyCol = (hit.located.keySpan?.start ?? keyLine.start + keyLine.contentCol) - keyLine.start;
    const inFlow = keyLine.contentCol !== keyCol;
    // the model knows the path: only the keys around the value are read from the lines
    const enclosing = this.enclose(keyLine, inFlow ? keyLine.contentCol : keyCol, inFlow ? keyLine.dashCol : keyLine.contentCol === keyCol ? keyLine.dashCol : -1, true);
    this.applyEnclosure(ctx, enclosing);
    ctx.path = hit.path;
    ctx.section = typeof hit.path[0] === 'string' ? hit.path[0] : '';
    ctx.place = 'value';
    ctx.key = hit.key;
    if (hit.located.keySpan) ctx.keySpan = hit.located.keySpan;
    ctx.flow = inFlow;
    ctx.column = keyCol;
    if (hit.mapping) ctx.mapping = hit.mapping;
    if (hit.identity) ctx.identity = hit.identity;
    if (inFlow) {
      const flowStart = text.lastIndexOf('{', hit.located.span.start);
      if (flowStart >= keyLine.start) ctx.presentKeys = flowKeys(text, flowStart, keyLine.end, hit.key);
    }
    const located = hit.located;
    const scalar = holding(text, 'base' in located ? textScalar(text, located as LocatedText, offset) : lineScalar(text, located.span, offset), offset);
    if (!scalar) return blankContext(text, offset);
    ctx.value = scalar;
    if (hit.key === 'expression') ctx.expression = ctx.value;
    return ctx;
  }

  /** The cursor inside `key: { a: 1, b| }` on one line. */
  private inFlow(ctx: YamlCursorContext, line: LineInfo, flowStart: number, path: YamlPathSegment[]): YamlCursorContext {
    const { text, offset } = this;
    const entries = flowEntries(text, flowStart, line.end);
    if (!entries || offset > entries.close) return ctx;
    const entry = entries.list.find((e) => e.start <= offset && offset <= e.end);
    if (!entry) return ctx;
    ctx.path = path;
    ctx.section = typeof path[0] === 'string' ? path[0] : '';
    ctx.flow = true;
    ctx.column = entry.keyStart - line.start;
    ctx.presentKeys = new Set(entries.list.filter((e) => e !== entry && e.key).map((e) => e.key));
    if (entry.colon >= 0 && offset > entry.colon) {
      if (offset < entry.valueStart && entry.valueEnd > entry.valueStart) return ctx;
      ctx.place = 'value';
      ctx.key = entry.key;
      ctx.keySpan = { start: entry.keyStart, end: entry.keyEnd };
      ctx.needsSpace = offset === entry.colon + 1 && !isSpace(text[offset]);
      const span = entry.valueEnd > entry.valueStart ? { start: entry.valueStart, end: entry.valueEnd } : { start: offset, end: offset };
      const scalar = holding(text, lineScalar(text, span, offset), offset);
      if (!scalar) return blankContext(text, offset);
      ctx.value = scalar;
      return ctx;
    }
    // in the blanks before a key already written: nothing to complete there
    if (entry.key && offset < entry.keyStart) return blankContext(text, offset);
    ctx.place = 'key';
    ctx.key = entry.key;
    ctx.keySpan = entry.key ? { start: entry.keyStart, end: entry.keyEnd } : { start: offset, end: offset };
    ctx.hasColon = entry.colon >= 0;
    return ctx;
  }

  /**
   * Which mapping holds an entry written at column `col` of `line` (`dashCol` ≥ 0 when the
   * entry is the first key of a `- ` item on that same line): walks up to the parents,
   * counting sequence items, and collects the keys already present around it.
   * `pathKnown`: the caller has the path (from the model), so the walk stops once it
   * leaves the innermost mapping instead of counting every item up to the top of the file.
   */
  private enclose(line: LineInfo, col: number, dashCol: number, pathKnown = false): Enclosure {
    const { text } = this;
    const out: YamlPathSegment[] = [];
    const present = new Set<string>();
    const result: Enclosure = { path: [], present, itemPlace: false, itemIndex: 0, broken: false };
    let state: 'map' | 'seq' = dashCol >= 0 ? 'seq' : 'map';
    let c = dashCol >= 0 ? dashCol : col;
    let index = 0;
    // an item starting on this line has no keys above it
    let innermost = dashCol < 0;
    if (dashCol >= 0) result.itemLine = { start: line.start, end: line.end };
    for (let start = previousLineStart(text, line.start); start >= 0; start = previousLineStart(text, start)) {
      if (pathKnown && !innermost) break;
      const l = this.lineAt(start);
      if (l.blank) continue;
      if (state === 'map') {
        if (l.dashCol === c && l.contentCol > c) {
          // a sibling `- ` item at our column: the cursor is where a new item would go
          if (innermost) result.itemPlace = true;
          innermost = false;
          state = 'seq';
          index = 1;
          continue;
        }
        if (l.dashCol >= 0 && l.dashCol < c && c <= l.contentCol) {
          // the first line of the item that holds us
          if (innermost) {
            if (l.key && l.contentCol === c) present.add(l.key);
            result.itemLine = { start: l.start, end: l.end };
          }
          innermost = false;
          state = 'seq';
          c = l.dashCol;
          index = 0;
          continue;
        }
        if (l.indent > c) continue;
        if (l.contentCol === c && l.indent === c) {
          if (innermost && l.key) present.add(l.key);
          continue;
        }
        if (l.key !== undefined && l.valueEnd === l.valueStart) {
          out.push(l.key);
          innermost = false;
          if (l.dashCol >= 0) {
            state = 'seq';
            c = l.dashCol;
            index = 0;
          } else c = l.contentCol;
          continue;
        }
        // the line continues a multi-line scalar, or the text above is not a block mapping
        result.broken = innermost;
        break;
      } else {
        if (l.dashCol === c) {
          index++;
          continue;
        }
        if (l.indent > c) continue;
        if (l.key !== undefined && l.valueEnd === l.valueStart && l.dashCol < 0) {
          if (!result.itemPlace || out.length > 0) out.push(index);
          else result.itemIndex = index;
          out.push(l.key);
          state = 'map';
          c = l.contentCol;
          continue;
        }
        break;
      }
    }
    if (state === 'seq') {
      if (!result.itemPlace || out.length > 0) out.push(index);
      else result.itemIndex = index;
    }
    result.path = out.reverse();
    if (result.itemPlace) return result;
    this.collectBelow(line, col, present);
    return result;
  }

  /** Keys of the same mapping written below the cursor's line. */
  private collectBelow(line: LineInfo, col: number, present: Set<string>): void {
    const { text } = this;
    for (let start = nextLineStart(text, line.end); start >= 0; start = nextLineStart(text, this.lineEndOf(start))) {
      const l = this.lineAt(start);
      if (l.blank) continue;
      if (l.indent < col) break;
      if (l.indent === col && l.dashCol < 0 && l.key) present.add(l.key);
    }
  }

  private lineEndOf(start: number): number {
    const nl = this.text.indexOf('\n', start);
    return nl < 0 ? this.text.length : nl;
  }

  /** Parses the line holding `offset`. */
  private lineAt(offset: number): LineInfo {
    const { text } = this;
    const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    if (end > start && text[end - 1] === '\r') end--;
    return parseLine(text, start, end);
  }
}

interface Enclosure {
  path: YamlPathSegment[];
  present: Set<string>;
  /** the line whose `- ` starts the innermost item */
  itemLine?: { start: number; end: number };
  itemPlace: boolean;
  itemIndex: number;
  /** the cursor's line continues a scalar; nothing structural can be said */
  broken: boolean;
}

function parseLine(text: string, start: number, end: number): LineInfo {
  let p = start;
  while (p < end && text[p] === ' ') p++;
  const indent = p - start;
  const info: LineInfo = {
    start, end, indent, blank: false, dashCol: -1, contentCol: indent, keyStart: p, keyEnd: p, colon: -1, valueStart: end, valueEnd: end, commentStart: end,
  };
  while (p < end && text[p] === '-' && (p + 1 === end || isSpace(text[p + 1]))) {
    if (info.dashCol < 0) info.dashCol = p - start;
    p++;
    while (p < end && isSpace(text[p])) p++;
  }
  info.contentCol = p - start;
  if (p >= end || text[p] === '#' || (info.dashCol < 0 && /^\s*$/.test(text.slice(p, end)))) {
    info.blank = info.dashCol < 0;
    info.commentStart = p < end && text[p] === '#' ? p : end;
    return info;
  }
  // the key: a quoted or plain scalar followed by ':' and a space or the end of the line
  let q = p;
  const open = text[p];
  if (open === '"' || open === "'") {
    q = closingQuote(text, p, end);
  }
  let colon = -1;
  for (; q < end; q++) {
    const c = text[q];
    if (c === '#' && isSpace(text[q - 1])) break;
    if (c === ':' && (q + 1 === end || isSpace(text[q + 1]))) {
      colon = q;
      break;
    }
    if ((c === '{' || c === '[') && q === p) break;
  }
  if (colon < 0) {
    info.commentStart = commentAfter(text, p, end);
    return info;
  }
  let keyEnd = colon;
  while (keyEnd > p && isSpace(text[keyEnd - 1])) keyEnd--;
  const rawKey = text.slice(p, keyEnd);
  info.key = (open === '"' || open === "'") && rawKey.length >= 2 && rawKey.endsWith(open) ? rawKey.slice(1, -1) : rawKey;
  info.keyStart = p;
  info.keyEnd = keyEnd;
  info.colon = colon;
  let v = colon + 1;
  while (v < end && isSpace(text[v])) v++;
  let valueEnd: number;
  const vq = text[v];
  if (vq === '"' || vq === "'") {
    valueEnd = closingQuote(text, v, end);
    info.commentStart = commentAfter(text, valueEnd, end);
  } else if (vq === '#') {
    valueEnd = v;
    info.commentStart = v;
  } else {
    info.commentStart = commentAfter(text, v, end);
    valueEnd = info.commentStart;
  }
  while (valueEnd > v && isSpace(text[valueEnd - 1])) valueEnd--;
  info.valueStart = v;
  info.valueEnd = Math.max(v, valueEnd);
  return info;
}

/** Offset just past the quote that closes the one at `p` (or `end` when unterminated). */
function closingQuote(text: string, p: number, end: number): number {
  const quote = text[p];
  for (let i = p + 1; i < end; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return end;
}

/** Where a ` #` comment starts at or after `p`, or `end`. */
function commentAfter(text: string, p: number, end: number): number {
  for (let i = p; i < end; i++) if (text[i] === '#' && (i === 0 || isSpace(text[i - 1]) || text[i - 1] === '\n')) return i;
  return end;
}

function previousLineStart(text: string, lineStart: number): number {
  if (lineStart <= 0) return -1;
  // lastIndexOf clamps a negative start to 0 and would find the '\n' of an empty first line again
  if (lineStart === 1) return 0;
  return text.lastIndexOf('\n', lineStart - 2) + 1;
}

function nextLineStart(text: string, lineEnd: number): number {
  const nl = text.indexOf('\n', lineEnd);
  return nl < 0 || nl + 1 >= text.length ? -1 : nl + 1;
}

/**
 * Length of the `---` document marker or `%` directive starting the line at `lineStart`
 * (the whole line for a directive), 0 when the line is neither.
 */
function markerLength(text: string, lineStart: number): number {
  if (text[lineStart] === '%') {
    const nl = text.indexOf('\n', lineStart);
    return (nl < 0 ? text.length : nl) - lineStart;
  }
  if (!text.startsWith('---', lineStart)) return 0;
  const after = text[lineStart + 3];
  return after === undefined || after === ' ' || after === '\t' || after === '\r' || after === '\n' ? 3 : 0;
}

/** Only blank lines, comments and markers (a linear scan: a regex here would backtrack on long blank runs). */
function isEmptyDocument(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const marker = i === 0 || text[i - 1] === '\n' ? markerLength(text, i) : 0;
    if (marker > 0) {
      // a directive or `---` holds no content; blanks and a comment may follow a marker
      i += marker - 1;
    } else if (c === '#') {
      // only blanks came before it on this line: the rest of the line is a comment
      const nl = text.indexOf('\n', i);
      if (nl < 0) return true;
      i = nl;
    } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n' && c !== '\ufeff') return false;
  }
  return true;
}

/** The indentation of the first nested line (2 for the usual layout). */
function detectIndentUnit(text: string): number {
  const m = /\n( +)\S/.exec(text.length > 4000 ? text.slice(0, 4000) : text);
  const n = m ? m[1].length : 2;
  return n >= 1 && n <= 8 ? n : 2;
}

// ---------------------------------------------------------------------------------------
// flow mappings (`schedule: { frequency: hour, interval: 1 }`)

interface FlowEntry {
  start: number;
  end: number;
  key: string;
  keyStart: number;
  keyEnd: number;
  colon: number;
  valueStart: number;
  valueEnd: number;
}

function flowEntries(text: string, open: number, end: number): { list: FlowEntry[]; close: number } | undefined {
  const list: FlowEntry[] = [];
  let entryStart = open + 1;
  let close = end;
  const finish = (stop: number) => {
    let ks = entryStart;
    while (ks < stop && isSpace(text[ks])) ks++;
    let colon = -1;
    for (let i = ks; i < stop; i++) {
      if (text[i] === '"' || text[i] === "'") {
        i = closingQuote(text, i, stop) - 1;
        continue;
      }
      if (text[i] === ':' && (i + 1 === stop || isSpace(text[i + 1]) || text[i + 1] === ',' || text[i + 1] === '}')) {
        colon = i;
        break;
      }
    }
    let ke = colon >= 0 ? colon : stop;
    while (ke > ks && isSpace(text[ke - 1])) ke--;
    let vs = colon >= 0 ? colon + 1 : stop;
    while (vs < stop && isSpace(text[vs])) vs++;
    let ve = stop;
    while (ve > vs && isSpace(text[ve - 1])) ve--;
    list.push({ start: entryStart, end: stop, key: text.slice(ks, ke), keyStart: ks, keyEnd: ke, colon, valueStart: vs, valueEnd: ve });
  };
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = closingQuote(text, i, end) - 1;
      continue;
    }
    if (c === '{' || c === '[') return undefined; // nested flow: not a shape the format uses
    if (c === ',') {
      finish(i);
      entryStart = i + 1;
      continue;
    }
    if (c === '}') {
      close = i;
      break;
    }
  }
  finish(close);
  return { list, close };
}

function flowKeys(text: string, open: number, end: number, except: string): Set<string> {
  const entries = flowEntries(text, open, end);
  return new Set(entries ? entries.list.map((e) => e.key).filter((k) => k && k !== except) : []);
}

// ---------------------------------------------------------------------------------------
// values

function textScalar(text: string, t: LocatedText, offset: number): ScalarCursor {
  const s: ScalarCursor = { text: t.value, index: indexIn(t, offset), span: t.span, toDocument: (i) => offsetIn(t, i) };
  const q = text[t.span.start];
  if (q === '"' || q === "'") s.quote = q;
  return s;
}

/** The value index whose document offset is the last one at or before `offset`. */
function indexIn(t: LocatedText, offset: number): number {
  if (!t.offsets) return Math.max(0, Math.min(offset - t.base, t.value.length));
  const o = t.offsets;
  let lo = 0;
  let hi = o.length - 1;
  if (offset <= o[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (o[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  // between the source of character lo and the next one: the cursor is after lo
  return o[lo] < offset && lo < t.value.length ? lo + 1 : lo;
}

/** A value read from the line itself: plain text verbatim, quoted text unescaped. */
function lineScalar(text: string, span: Span, offset: number): ScalarCursor {
  const raw = text.slice(span.start, span.end);
  const q = raw[0];
  if (q !== '"' && q !== "'") {
    const base = span.start;
    return { text: raw, index: Math.max(0, Math.min(offset - base, raw.length)), span, toDocument: (i) => base + Math.max(0, Math.min(i, raw.length)) };
  }
  // unescape, remembering where each character came from
  let value = '';
  const offsets: number[] = [];
  let i = span.start + 1;
  const stop = raw.length >= 2 && raw.endsWith(q) && closingQuote(text, span.start, span.end) === span.end ? span.end - 1 : span.end;
  while (i < stop) {
    const c = text[i];
    if (q === "'" && c === "'" && text[i + 1] === "'") {
      offsets.push(i);
      value += "'";
      i += 2;
      continue;
    }
    if (q === '"' && c === '\\' && i + 1 < stop) {
      offsets.push(i);
      const e = text[i + 1];
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      i += 2;
      continue;
    }
    offsets.push(i);
    value += c;
    i++;
  }
  offsets.push(stop);
  const located: LocatedText = { value, span, base: span.start + 1, offsets };
  return { text: value, index: indexIn(located, offset), span, quote: q, toDocument: (k) => offsetIn(located, k) };
}

// ---------------------------------------------------------------------------------------
// the model

interface ModelHit {
  path: YamlPathSegment[];
  key: string;
  located: Located<unknown>;
  mapping?: MappingModel;
  identity?: IdentityModel;
}

/** In the value token, or in blanks typed after it on its line (YAML drops those from the scalar). */
function within(l: Located<unknown> | undefined, text: string, offset: number): boolean {
  if (l === undefined || l.span.start > offset || l.span.end <= l.span.start) return false;
  return offset <= l.span.end || trailingBlanksReach(text, l.span, offset);
}

/** `offset` sits after `span` with only spaces between, and the value is not a closed quoted scalar. */
function trailingBlanksReach(text: string, span: Span, offset: number): boolean {
  if (offset <= span.end || offset - span.end > 200) return false;
  for (let i = span.end; i < offset; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return !isClosedQuote(text, span);
}

function isClosedQuote(text: string, span: Span): boolean {
  const q = text[span.start];
  return (q === '"' || q === "'") && span.end - span.start > 1 && closingQuote(text, span.start, span.end) === span.end;
}

/**
 * The value when the cursor is among its characters (not on an opening quote or a block
 * indicator line), extended by blanks typed after it; undefined otherwise.
 */
function holding(text: string, s: ScalarCursor, offset: number): ScalarCursor | undefined {
  const v = withTrailingBlanks(text, s, offset);
  if (offset < v.toDocument(0) || offset > v.toDocument(v.text.length)) return undefined;
  return v;
}

/** The value extended by the blanks between its end and a cursor placed after it. */
function withTrailingBlanks(text: string, s: ScalarCursor, offset: number): ScalarCursor {
  if (!trailingBlanksReach(text, s.span, offset)) return s;
  const n = offset - s.span.end;
  const len = s.text.length;
  const end = s.toDocument(len);
  const inner = s.toDocument;
  return { ...s, text: s.text + text.slice(s.span.end, offset), index: len + n, span: { start: s.span.start, end: offset }, toDocument: (i) => (i <= len ? inner(i) : end + Math.min(i - len, n)) };
}

/** The model value whose token contains `offset`. */
function modelValueAt(model: DataflowModel, text: string, offset: number): ModelHit | undefined {
  const check = (path: YamlPathSegment[], entries: Record<string, Located<unknown> | undefined>, extra?: Partial<ModelHit>): ModelHit | undefined => {
    for (const key of Object.keys(entries)) {
      const l = entries[key];
      if (l && within(l, text, offset)) return { path, key, located: l, ...extra };
    }
    return undefined;
  };
  const top = check([], { dataflow: model.name, description: model.description });
  if (top) return top;
  if (model.source) {
    const s = model.source;
    const h = check(['source'], { connection: s.connection, object: s.object, where: s.where, incremental: s.incremental });
    if (h) return h;
  }
  if (model.target) {
    const h = check(['target'], { dataset: model.target.dataset, schema: model.target.schema });
    if (h) return h;
  }
  if (model.schedule) {
    const s = model.schedule;
    const h = check(['schedule'], { frequency: s.frequency, interval: s.interval, startTime: s.startTime, backfill: s.backfill });
    if (h) return h;
  }
  if (model.ingestion) {
    const s = model.ingestion;
    const h = check(['ingestion'], { partialIngestionPercent: s.partialIngestionPercent, errorDiagnostics: s.errorDiagnostics, profile: s.profile, sampleSize: s.sampleSize });
    if (h) return h;
  }
  const mi = lastStartingAtOrBefore(model.mappings, offset);
  const m = mi >= 0 ? model.mappings[mi] : undefined;
  if (m && (offset <= m.span.end || trailingBlanksReach(text, m.span, offset))) {
    const h = check(['mappings', mi], { source: m.source, expression: m.expression, value: m.value, target: m.target, name: m.name, description: m.description }, { mapping: m });
    if (h) return h;
  }
  const ii = lastStartingAtOrBefore(model.identities, offset);
  const id = ii >= 0 ? model.identities[ii] : undefined;
  if (id && (offset <= id.span.end || trailingBlanksReach(text, id.span, offset))) {
    const h = check(['identities', ii], { path: id.path, namespace: id.namespace, primary: id.primary }, { identity: id });
    if (h) return h;
  }
  return undefined;
}

/** Index of the last item whose span starts at or before `offset` (items are in document order). */
function lastStartingAtOrBefore(items: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The model item whose node starts on the line [start, end]. */
function itemAt<T extends { span: Span }>(items: readonly T[], start: number, end: number): T | undefined {
  const i = lastStartingAtOrBefore(items, end);
  const item = i >= 0 ? items[i] : undefined;
  return item && item.span.start >= start ? item : undefined;
}

function blankContext(text: string, offset: number): YamlCursorContext {
  return {
    place: 'none', path: [], section: '', key: '', keySpan: { start: offset, end: offset }, hasColon: false, presentKeys: new Set(),
    word: wordAt(text, offset), needsSpace: false, flow: false, column: 0, dashWidth: 0, indentUnit: 2, emptyDocument: false, afterDocumentMarker: false,
  };
}

const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/** The identifier-like word around `offset`. */
export function wordAt(text: string, offset: number): { prefix: string; span: Span } {
  let s = offset;
  while (s > 0 && WORD_CHAR.test(text[s - 1])) s--;
  let e = offset;
  while (e < text.length && WORD_CHAR.test(text[e])) e++;
  return { prefix: text.slice(s, offset), span: { start: s, end: e } };
}
