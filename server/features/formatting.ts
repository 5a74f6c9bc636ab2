/**
 * Document formatting: indentation by the editor's tab size (2 by default), `key: value`
 * with one space, and the key order of the JSON Schema (a mapping item reads
 * source|expression|value, target, name, description; sections follow the file format) —
 * without touching comments, scalar content or quoting. Files with YAML errors are left alone.
 *
 * The formatter works on lines, guided by the CST: every line is either the head of an
 * entry (key or `- `), a continuation of its value (re-indented by the same amount, so
 * block scalars keep their content), or a comment/blank line between entries. Comments
 * directly above a key move with it; comment-only runs separated by a blank line stay
 * where they are. The result is checked before it is offered: it must parse to the same
 * data with the same comments, otherwise no edit is returned.
 */
import { Composer, CST, type Document } from 'yaml';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-types';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { contentEnd, itemEnd, itemStart, parseCst, walkCst } from './yamlCst';
import type { FeatureRequest } from './request';

/** Width of `- `: the keys of a mapping that starts on its item's line sit right after it. */
const DASH = 2;

/**
 * Spaces per nesting level: the editor's tab size (2 when it sends none or a strange one).
 * `insertSpaces: false` still gets spaces: YAML forbids tabs in indentation, so a tab-
 * indented file would not even parse.
 */
function indentUnit(options: Partial<FormattingOptions>): number {
  const n = options.tabSize;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8 ? n : 2;
}

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; additionalProperties?: boolean | JsonSchema; $ref?: string; definitions?: Record<string, JsonSchema> };

/** Raised while reading the structure when the layout is one the formatter does not rewrite. */
class Unformattable extends Error {}

interface Entry {
  kind: 'pair' | 'item';
  key?: string;
  headLine: number;
  headCol: number;
  /** last line of the entry's content (its child block included) */
  lastLine: number;
  child?: Block;
  /** the child block starts on the head line (`- key: v`, `- - a`) */
  compact: boolean;
  /** lines after the head that continue the value itself */
  continuation: 'none' | 'flow' | 'block';
  /** first content line of a block scalar value */
  blockFrom: number;
  /** the block scalar fixes its indentation with a digit (`|2`) */
  blockIndentFixed: boolean;
  /** columns (relative to headCol) of the whitespace between `:` or `-` and an inline value, to make it one space */
  sep?: { from: number; to: number };
  /** a one-line flow mapping value whose keys are out of schema order: item spans (relative to headCol) and their new order */
  flowItems?: { spans: Array<[number, number]>; order: number[] };
  attached: number[];
}

interface Block {
  kind: 'map' | 'seq';
  col: number;
  entries: Entry[];
  /** gaps[i]: comment, blank (or other) lines before entry i that stay in slot i */
  gaps: number[][];
  trailing: number[];
  /** key order from the schema, for maps */
  order?: readonly string[];
}

interface OutLine {
  text: string;
  /** the head line of an entry (not a comment or continuation) */
  head?: boolean;
}

/** Edits that format the document; [] when it is already formatted or cannot be formatted safely. Never throws. */
export function formatDocument(req: FeatureRequest, options?: Partial<FormattingOptions>): TextEdit[] {
  try {
    const text = req.doc.getText();
    const kind = req.service.kindOf(req.path);
    if (kind === 'other') return [];
    const formatted = formatText(text, kind === 'project' ? req.service.structure.projectSchema : req.service.structure.dataflowSchema, options);
    if (formatted === undefined || formatted === text) return [];
    return minimalEdits(req, text, formatted);
  } catch {
    return [];
  }
}

/**
 * The formatted text, or undefined when the text has YAML errors or cannot be formatted
 * safely. `schema` is the JSON Schema of the file format: its property order is the key order.
 */
export function formatText(text: string, schema: object, options: Partial<FormattingOptions> = {}): string | undefined {
  // past the analysis limit formatting is off: its parse-and-verify passes grow with the file
  if (tooLargeToAnalyse(text)) return undefined;
  const cst = parseCst(text);
  const before = composeChecked(cst, text);
  if (!before) return undefined;
  const docs = cst.filter((t): t is CST.Document => t.type === 'document');
  if (docs.length !== 1) return undefined;
  const lines = new Lines(text);
  const root = docs[0]!.value;
  let out: OutLine[];
  try {
    if (root && (root.type === 'block-map' || root.type === 'block-seq')) {
      const block = buildBlock(root, schema as JsonSchema, schema as JsonSchema, 0, false, lines);
      distribute(block, range(lastLineOf(block) + 1, lines.count - 1), lines);
      out = [];
      emitBlock(block, 0, indentUnit(options), lines, out);
    } else {
      out = range(0, lines.count - 1).map((i) => ({ text: lines.text(i) }));
    }
  } catch (e) {
    if (e instanceof Unformattable) return undefined;
    throw e;
  }
  const texts = out.map((l) => l.text);
  if (options.trimFinalNewlines) while (texts.length > 1 && texts[texts.length - 1] === '') texts.pop();
  const finalEol = lines.finalEol || (options.insertFinalNewline === true && texts.length > 0 && texts.some((t) => t !== ''));
  const formatted = texts.join(lines.eol) + (finalEol ? lines.eol : '');
  if (formatted === text) return text;
  const formattedCst = parseCst(formatted);
  const after = composeChecked(formattedCst, formatted);
  if (!after || !sameComments(cst, formattedCst)) return undefined;
  const data = (doc: Document.Parsed): { value: unknown } | undefined => {
    try {
      return { value: doc.toJS({ maxAliasCount: 100 }) };
    } catch {
      return undefined;
    }
  };
  const a = data(before);
  const b = data(after);
  if (!a || !b || !sameData(a.value, b.value)) return undefined;
  return formatted;
}

// --- reading the structure ---

class Lines {
  readonly starts: number[] = [0];
  readonly eol: string;
  readonly finalEol: boolean;
  readonly count: number;
  private readonly texts: string[];

  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
    this.eol = /\r\n/.test(source.slice(0, (source.indexOf('\n') + 1) || 0)) ? '\r\n' : '\n';
    this.texts = source.split(/\r?\n/);
    this.finalEol = source.endsWith('\n');
    if (this.finalEol) this.texts.pop();
    this.count = this.texts.length;
  }

  text(i: number): string {
    return this.texts[i] ?? '';
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  indent(i: number): number {
    const t = this.text(i);
    return t.length - t.trimStart().length;
  }

  blank(i: number): boolean {
    return this.text(i).trim() === '';
  }

  comment(i: number): boolean {
    return this.text(i).trimStart().startsWith('#');
  }
}

/** `compact`: the block starts on its parent's `- ` line. */
function buildBlock(tok: CST.BlockMap | CST.BlockSequence, schema: JsonSchema | undefined, rootSchema: JsonSchema, regionStart: number, compact: boolean, lines: Lines): Block {
  const resolved = resolve(schema, rootSchema);
  const entries: Entry[] = [];
  for (const item of tok.items) {
    const start = itemStart(item);
    if (start < 0) continue;
    const headLine = lines.lineOf(start);
    const headCol = start - lines.starts[headLine]!;
    const end = itemEnd(item);
    const e: Entry = { kind: tok.type === 'block-map' ? 'pair' : 'item', headLine, headCol, lastLine: lines.lineOf(Math.max(start, end - 1)), compact: false, continuation: 'none', blockFrom: -1, blockIndentFixed: false, attached: [] };
    let childSchema: JsonSchema | undefined;
    let sepFrom = -1;
    if (tok.type === 'block-map') {
      const key = item.key;
      if (item.start.some((t) => t.type === 'explicit-key-ind') || !key || !CST.isScalar(key) || start !== key.offset) throw new Unformattable();
      if (lines.lineOf(Math.max(key.offset, contentEnd(key) - 1)) !== headLine) throw new Unformattable();
      e.key = CST.resolveAsScalar(key)?.value;
      childSchema = e.key === undefined ? undefined : propertySchema(resolved, e.key);
      const colon = (item.sep ?? []).find((t) => t.type === 'map-value-ind');
      if (colon && lines.lineOf(colon.offset) === headLine) sepFrom = colon.offset + 1;
    } else {
      const dash = item.start.find((t) => t.type === 'seq-item-ind');
      if (!dash || dash.offset !== start) throw new Unformattable();
      childSchema = resolved?.items;
      sepFrom = dash.offset + 1;
    }
    const value = item.value;
    if (value && (value.type === 'block-map' || value.type === 'block-seq')) {
      const first = value.items.map(itemStart).find((s) => s >= 0);
      if (first === undefined) throw new Unformattable();
      e.compact = lines.lineOf(first) === headLine;
      if (e.compact && e.kind === 'pair') throw new Unformattable();
      e.child = buildBlock(value, childSchema, rootSchema, e.compact ? headLine : headLine + 1, e.compact, lines);
    } else if (e.lastLine > headLine) {
      e.continuation = value?.type === 'block-scalar' ? 'block' : 'flow';
      if (value?.type === 'block-scalar') {
        e.blockFrom = lines.lineOf(value.offset) + 1;
        e.blockIndentFixed = value.props.some((t) => t.type === 'block-scalar-header' && /[1-9]/.test(t.source));
      }
    }
    if (value && sepFrom >= 0 && e.continuation === 'none' && !e.child && lines.lineOf(value.offset) === headLine) {
      const between = lines.source.slice(sepFrom, value.offset);
      if (/^[ \t]+$/.test(between) && between !== ' ') e.sep = { from: sepFrom - start, to: value.offset - start };
      if (value.type === 'flow-collection' && e.continuation === 'none') e.flowItems = flowItemOrder(value, resolve(childSchema, rootSchema), rootSchema, start);
    }
    entries.push(e);
  }
  if (entries.length === 0) throw new Unformattable();
  for (const e of entries) {
    // anything but indentation before an entry (`--- key: v`) is not rewritten
    if (!(e === entries[0] && compact) && lines.text(e.headLine).slice(0, e.headCol).trim() !== '') throw new Unformattable();
  }
  const gaps = entries.map((e, i) => range(i === 0 ? regionStart : entries[i - 1]!.lastLine + 1, e.headLine - 1));
  const block: Block = { kind: tok.type === 'block-map' ? 'map' : 'seq', col: entries[0]!.headCol, entries, gaps, trailing: [] };
  if (block.kind === 'map' && resolved?.properties) block.order = Object.keys(resolved.properties);
  return block;
}

/** `{ interval: 1, frequency: hour }` → the schema order of its items, when it differs. */
function flowItemOrder(tok: CST.FlowCollection, schema: JsonSchema | undefined, root: JsonSchema, base: number): Entry['flowItems'] {
  const props = resolve(schema, root)?.properties;
  if (tok.start.source !== '{' || !props) return undefined;
  const order = Object.keys(props);
  const keys: string[] = [];
  const spans: Array<[number, number]> = [];
  for (const item of tok.items) {
    const key = item.key && CST.isScalar(item.key) ? CST.resolveAsScalar(item.key)?.value : undefined;
    const s = itemStart(item);
    if (key === undefined || s < 0) return undefined;
    keys.push(key);
    spans.push([s - base, itemEnd(item) - base]);
  }
  const slots = keys.map((_, i) => i).filter((i) => order.includes(keys[i]!));
  const sorted = [...slots].sort((a, b) => order.indexOf(keys[a]!) - order.indexOf(keys[b]!) || a - b);
  const result = keys.map((_, i) => i);
  slots.forEach((slot, j) => (result[slot] = sorted[j]!));
  return result.every((v, i) => v === i) ? undefined : { spans, order: result };
}

function resolve(schema: JsonSchema | undefined, root: JsonSchema): JsonSchema | undefined {
  let s = schema;
  for (let hops = 0; s?.$ref && hops < 10; hops++) {
    const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
    s = m ? root.definitions?.[m[1]!] : undefined;
  }
  return s;
}

function propertySchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

function lastLineOf(block: Block): number {
  return block.entries[block.entries.length - 1]!.lastLine;
}

/**
 * Decides which gap lines belong where: comments after an entry with a nested block, at
 * least as deep as that block, end that block; of the rest, the comment lines right above
 * an entry are attached to it and the others stay in their slot.
 */
function distribute(block: Block, after: number[], lines: Lines): void {
  const tails: number[][] = block.entries.map(() => []);
  // comments after a scalar value take the indentation of what follows, as in most formatters
  const depth = (e: Entry) => (e.child ? e.child.col : Infinity);
  for (let i = 1; i < block.entries.length; i++) {
    const [tail, rest] = splitTail(block.gaps[i]!, depth(block.entries[i - 1]!), lines);
    tails[i - 1] = tail;
    block.gaps[i] = rest;
  }
  const [tail, rest] = splitTail(after, depth(block.entries[block.entries.length - 1]!), lines);
  tails[block.entries.length - 1] = tail;
  block.trailing = rest;
  block.entries.forEach((e, i) => {
    const gap = block.gaps[i]!;
    let k = gap.length;
    while (k > 0 && lines.comment(gap[k - 1]!)) k--;
    e.attached = gap.slice(k);
    block.gaps[i] = gap.slice(0, k);
    if (e.child) distribute(e.child, tails[i]!, lines);
  });
}

function splitTail(gap: number[], minIndent: number, lines: Lines): [number[], number[]] {
  let last = -1;
  for (let k = 0; k < gap.length; k++) {
    const i = gap[k]!;
    if (lines.blank(i)) continue;
    if (lines.comment(i) && lines.indent(i) >= minIndent) last = k;
    else break;
  }
  return [gap.slice(0, last + 1), gap.slice(last + 1)];
}

// --- writing ---

function emitBlock(block: Block, col: number, unit: number, lines: Lines, out: OutLine[]): void {
  const order = keyOrder(block);
  order.forEach((index, slot) => {
    emitGap(block.gaps[slot]!, col, lines, out);
    emitEntry(block.entries[index]!, col, unit, lines, out);
  });
  emitGap(block.trailing, col, lines, out);
}

/** Entry indices in output order: known keys sorted by the schema within the slots they hold; unknown keys stay put. */
function keyOrder(block: Block): number[] {
  const identity = block.entries.map((_, i) => i);
  const order = block.order;
  if (!order) return identity;
  const rank = (i: number) => order.indexOf(block.entries[i]!.key ?? '');
  const slots = identity.filter((i) => rank(i) >= 0);
  const sorted = [...slots].sort((a, b) => rank(a) - rank(b) || a - b);
  const result = [...identity];
  slots.forEach((slot, j) => (result[slot] = sorted[j]!));
  return result;
}

function emitGap(gap: readonly number[], col: number, lines: Lines, out: OutLine[]): void {
  for (const i of gap) {
    if (lines.blank(i)) out.push({ text: '' });
    else if (lines.comment(i)) out.push({ text: spaces(col) + lines.text(i).trim() });
    else out.push({ text: lines.text(i) });
  }
}

function emitEntry(e: Entry, col: number, unit: number, lines: Lines, out: OutLine[]): void {
  emitGap(e.attached, col, lines, out);
  const delta = col - e.headCol;
  let head = lines.text(e.headLine).slice(e.headCol);
  if (e.flowItems) head = reorderFlow(head, e.flowItems);
  if (e.sep) head = head.slice(0, e.sep.from) + ' ' + head.slice(e.sep.to);
  if (e.continuation !== 'flow') head = head.trimEnd();
  if (e.kind === 'item' && e.child && e.compact) {
    const inner: OutLine[] = [];
    emitBlock(e.child, col + DASH, unit, lines, inner);
    const h = Math.max(0, inner.findIndex((l) => l.head));
    // comments that came with the entry now first in the item go above the `-`
    for (const l of inner.slice(0, h)) out.push({ text: l.text.trim() === '' ? '' : spaces(col) + l.text.trim() });
    out.push({ text: spaces(col) + '- ' + (inner[h]?.text.trimStart() ?? ''), head: true });
    out.push(...inner.slice(h + 1));
  } else {
    out.push({ text: spaces(col) + head, head: true });
  }
  if (e.continuation === 'flow') for (let i = e.headLine + 1; i <= e.lastLine; i++) out.push({ text: shiftFlowLine(lines.text(i), delta) });
  if (e.continuation === 'block') emitBlockScalar(e, col, unit, delta, lines, out);
  if (e.child && !e.compact) emitBlock(e.child, col + unit, unit, lines, out);
}

/**
 * Block scalar content moves one indentation unit under its key (unless the header fixes
 * the indentation with a digit); whitespace-only lines keep their meaning, since spaces
 * beyond the content indentation are content.
 */
function emitBlockScalar(e: Entry, col: number, unit: number, delta: number, lines: Lines, out: OutLine[]): void {
  for (let i = e.headLine + 1; i < e.blockFrom && i <= e.lastLine; i++) out.push({ text: shiftFlowLine(lines.text(i), delta) });
  let contentIndent = Infinity;
  for (let i = e.blockFrom; i <= e.lastLine; i++) if (!lines.blank(i)) contentIndent = Math.min(contentIndent, lines.indent(i));
  const by = e.blockIndentFixed || e.blockFrom - 1 !== e.headLine || !Number.isFinite(contentIndent) ? delta : col + unit - contentIndent;
  for (let i = Math.max(e.blockFrom, e.headLine + 1); i <= e.lastLine; i++) {
    const t = lines.text(i);
    if (!lines.blank(i) || t.length > contentIndent) out.push({ text: shift(t, by) });
    else out.push({ text: t.slice(0, Math.max(0, Math.min(t.length, contentIndent + by))) });
  }
}

/** Puts the items of a one-line flow mapping into their new order; the separators stay. */
function reorderFlow(head: string, flow: NonNullable<Entry['flowItems']>): string {
  let out = '';
  let at = 0;
  flow.spans.forEach(([start, end], slot) => {
    const [from, to] = flow.spans[flow.order[slot]!]!;
    out += head.slice(at, start) + head.slice(from, to);
    at = end;
  });
  return out + head.slice(at);
}

function shiftFlowLine(t: string, delta: number): string {
  return t.trim() === '' ? t : shift(t, delta);
}

function shift(t: string, delta: number): string {
  if (delta >= 0) return spaces(delta) + t;
  let k = 0;
  while (k < -delta && t[k] === ' ') k++;
  return t.slice(k);
}

function spaces(n: number): string {
  return ' '.repeat(Math.max(0, n));
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

// --- checking the result ---

/**
 * The document composed from an already parsed CST (the formatter reads the CST anyway,
 * so the text is lexed once per side), or undefined when it has errors or several documents.
 */
function composeChecked(cst: readonly CST.Token[], text: string): Document.Parsed | undefined {
  try {
    const docs = [...new Composer({ prettyErrors: false, uniqueKeys: true }).compose(cst, true, text.length)];
    return docs.length === 1 && docs[0]!.errors.length === 0 ? docs[0] : undefined;
  } catch {
    return undefined;
  }
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => sameData(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sameComments(a: readonly CST.Token[], b: readonly CST.Token[]): boolean {
  const comments = (cst: readonly CST.Token[]) => {
    const out: string[] = [];
    walkCst(cst, (t) => {
      if (t.type === 'comment') out.push(t.source.trimEnd());
    });
    return out.sort();
  };
  const ca = comments(a);
  const cb = comments(b);
  return ca.length === cb.length && ca.every((c, i) => c === cb[i]);
}

// --- edits ---

/**
 * Few, small edits: lines that stay in place get an edit for their changed part only
 * (usually the indentation); moved lines become one replacement per run.
 */
function minimalEdits(req: FeatureRequest, text: string, formatted: string): TextEdit[] {
  const doc = req.doc;
  const whole = (): TextEdit[] => {
    let p = 0;
    while (p < text.length && p < formatted.length && text[p] === formatted[p]) p++;
    let s = 0;
    while (s < text.length - p && s < formatted.length - p && text[text.length - 1 - s] === formatted[formatted.length - 1 - s]) s++;
    return [{ range: { start: doc.positionAt(p), end: doc.positionAt(text.length - s) }, newText: formatted.slice(p, formatted.length - s) }];
  };
  const oldLines = new Lines(text);
  const newLines = new Lines(formatted);
  if (oldLines.finalEol !== newLines.finalEol || oldLines.eol !== newLines.eol) return whole();
  const olds = range(0, oldLines.count - 1).map((i) => oldLines.text(i));
  const news = range(0, newLines.count - 1).map((i) => newLines.text(i));
  const pairs = matchLines(olds, news);
  const edits: Array<{ start: number; end: number; newText: string }> = [];
  const eol = oldLines.eol;
  const lineStart = (i: number) => (i < oldLines.count ? oldLines.starts[i]! : text.length);
  let prevOld = -1;
  let prevNew = -1;
  const lineEdit = (o: number, n: number) => {
    const a = olds[o]!;
    const b = news[n]!;
    if (a === b) return;
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    edits.push({ start: lineStart(o) + p, end: lineStart(o) + a.length - s, newText: b.slice(p, b.length - s) });
  };
  for (const [o, n] of [...pairs, [olds.length, news.length] as [number, number]]) {
    const removed = o - prevOld - 1;
    const added = n - prevNew - 1;
    if (removed > 0 && removed === added) {
      // as many lines changed as replaced them: edit each in place
      for (let k = 1; k <= removed; k++) lineEdit(prevOld + k, prevNew + k);
    } else if (removed > 0 || added > 0) {
      const inserted = news.slice(prevNew + 1, n);
      const start = lineStart(prevOld + 1);
      const end = lineStart(o);
      const atEnd = o === olds.length && !oldLines.finalEol;
      let newText = inserted.map((l) => l + eol).join('');
      if (atEnd && start < end) newText = inserted.join(eol);
      else if (atEnd && inserted.length > 0) newText = eol + inserted.join(eol);
      edits.push({ start: atEnd && start === end ? text.length : start, end, newText });
    }
    if (o < olds.length) lineEdit(o, n);
    prevOld = o;
    prevNew = n;
  }
  // the edits must reproduce the formatted text exactly; otherwise fall back to one edit
  let rebuilt = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) return whole();
    rebuilt += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  rebuilt += text.slice(at);
  if (rebuilt !== formatted) return whole();
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

/**
 * Old/new line pairs kept in place: the longest increasing run of lines whose content
 * (ignoring indentation) matches, found greedily in order with a small look-ahead.
 */
function matchLines(olds: readonly string[], news: readonly string[]): Array<[number, number]> {
  const key = (s: string) => s.trim();
  const positions = new Map<string, number[]>();
  olds.forEach((l, i) => {
    const k = key(l);
    const list = positions.get(k);
    if (list) list.push(i);
    else positions.set(k, [i]);
  });
  // candidate old line for each new line: the first unused occurrence after the previous match
  const seq: Array<[number, number]> = [];
  const used = new Map<string, number>();
  news.forEach((l, n) => {
    const k = key(l);
    const list = positions.get(k);
    if (!list) return;
    const u = used.get(k) ?? 0;
    if (u < list.length) {
      seq.push([list[u]!, n]);
      used.set(k, u + 1);
    }
  });
  return longestIncreasing(seq);
}

/** Longest subsequence with increasing old indices (new indices already increase). */
function longestIncreasing(seq: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i]![0];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]![0] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(seq[i]!);
  return out.reverse();
}
