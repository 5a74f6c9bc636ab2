/**
 * Smart selection (expand / shrink): token → value → key/value pair → mapping item →
 * mappings sequence → section → document, and inside an expression: token → enclosing
 * node (argument, call, operand) → argument list → whole expression first.
 *
 * The YAML chain comes from the error-tolerant CST, the expression chain from the
 * expression parser's tree mapped back onto the document through the value's offsets.
 */
import type { CST } from 'yaml';
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { offsetIn, type LocatedText } from '../dataflow/model';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { nodeAt } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import type { Span } from '../util/problems';
import { blockScalarSourceStart, contentEnd, itemEnd, itemStart, parseCst } from './yamlCst';
import type { FeatureRequest } from './request';

/** Characters that end a "word" inside a YAML value (path separators, punctuation). */
const WORD_BREAK = /[\s.,:;/\\()[\]{}"'`#=+*!?&|<>]/;

/** One selection range per offset, in the same order; never throws. */
export function selectionRanges(req: FeatureRequest, offsets: readonly number[]): SelectionRange[] {
  const text = req.doc.getText();
  const whole: SelectionRange = { range: toRange(req.doc, { start: 0, end: text.length }) };
  if (tooLargeToAnalyse(text)) return offsets.map((o) => plainChain(req.doc, text, o, whole));
  let cst: CST.Token[] | undefined;
  return offsets.map((offset) => {
    try {
      cst ??= parseCst(text);
      const spans = [...expressionChain(req, text, offset), ...yamlChain(cst, text, offset), { start: 0, end: text.length }];
      return nest(req.doc, spans, offset);
    } catch {
      return whole;
    }
  });
}

/** Too large to parse: the word, its line, the document (nothing that reads more than the line). */
function plainChain(doc: TextDocument, text: string, offset: number, whole: SelectionRange): SelectionRange {
  try {
    const at = Math.max(0, Math.min(offset, text.length));
    const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > start && text[end - 1] === '\r') end--;
    const line = { start, end: Math.max(start, end) };
    // a word longer than this on a megabyte line is not a word anyone selects
    const near = { start: Math.max(line.start, at - 1000), end: Math.min(line.end, at + 1000) };
    return nest(doc, [wordAt(text, at, near), line, { start: 0, end: text.length }], at);
  } catch {
    return whole;
  }
}

/** Innermost-first spans → linked SelectionRange, keeping only strictly growing ranges. */
function nest(doc: TextDocument, innerFirst: readonly Span[], offset: number): SelectionRange {
  const kept: Span[] = [];
  for (const s of innerFirst) {
    if (s.start > offset || s.end < offset || s.end < s.start) continue;
    const last = kept[kept.length - 1];
    if (last && !(s.start <= last.start && s.end >= last.end && (s.start < last.start || s.end > last.end))) continue;
    kept.push(s);
  }
  let result: SelectionRange | undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    result = result ? { range: toRange(doc, kept[i]!), parent: result } : { range: toRange(doc, kept[i]!) };
  }
  return result ?? { range: toRange(doc, { start: offset, end: offset }) };
}

function toRange(doc: TextDocument, s: Span): Range {
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}

// --- YAML ---

/** Spans around `offset` from the CST, innermost first. */
function yamlChain(cst: readonly CST.Token[], text: string, offset: number): Span[] {
  const outerFirst: Span[] = [];
  for (const tok of cst) {
    if (tok.type !== 'document') continue;
    const end = contentEnd(tok);
    if (offset < tok.offset || offset > Math.max(end, tok.offset)) continue;
    if (tok.value) descend(tok.value, text, offset, outerFirst, 0);
    break;
  }
  return outerFirst.reverse();
}

function descend(tok: CST.Token, text: string, offset: number, out: Span[], depth: number): void {
  if (depth > 200) return;
  switch (tok.type) {
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      const first = tok.items.map(itemStart).find((s) => s >= 0);
      const start = tok.type === 'flow-collection' ? tok.offset : first ?? tok.offset;
      out.push({ start, end: Math.max(start, contentEnd(tok)) });
      for (const item of tok.items) {
        const s = itemStart(item);
        const e = itemEnd(item);
        if (s < 0 || offset < s || offset > e) continue;
        out.push({ start: s, end: e });
        if (item.key && within(item.key, offset)) descend(item.key, text, offset, out, depth + 1);
        else if (item.value && within(item.value, offset)) descend(item.value, text, offset, out, depth + 1);
        break;
      }
      return;
    }
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'alias': {
      const end = tok.offset + tok.source.length;
      out.push({ start: tok.offset, end });
      const quoted = tok.type !== 'scalar' && tok.type !== 'alias' && tok.source.length >= 2;
      const inner = quoted ? { start: tok.offset + 1, end: end - 1 } : { start: tok.offset, end };
      out.push(inner);
      out.push(wordAt(text, offset, inner));
      return;
    }
    case 'block-scalar': {
      const end = Math.max(tok.offset, contentEnd(tok));
      out.push({ start: tok.offset, end });
      let contentStart = blockScalarSourceStart(tok);
      while (contentStart < end && /\s/.test(text[contentStart]!)) contentStart++;
      const inner = { start: Math.min(contentStart, end), end };
      out.push(inner);
      out.push(wordAt(text, offset, inner));
      return;
    }
    default:
      return;
  }
}

function within(tok: CST.Token, offset: number): boolean {
  const start = tok.type === 'block-map' || tok.type === 'block-seq' ? tok.items.map(itemStart).find((s) => s >= 0) ?? tok.offset : tok.offset;
  return offset >= start && offset <= contentEnd(tok);
}

/** The word around `offset` inside `within` (a path segment, a name). */
function wordAt(text: string, offset: number, span: Span): Span {
  let s = Math.max(span.start, Math.min(offset, span.end));
  let e = s;
  while (s > span.start && !WORD_BREAK.test(text[s - 1]!)) s--;
  while (e < span.end && !WORD_BREAK.test(text[e]!)) e++;
  return { start: s, end: e };
}

// --- expressions ---

/** Spans inside the expression at `offset` (innermost first, then the whole expression). */
function expressionChain(req: FeatureRequest, text: string, offset: number): Span[] {
  const t = req.analysis?.parsed.model.mappings.find((m) => m.expression && m.expression.span.start <= offset && offset <= m.expression.span.end)?.expression;
  if (!t) return [];
  const rel = relativeOffset(t, offset);
  const parsed = parseExpression(t.value);
  const spans: Span[] = [];
  const token = parsed.tokens.find((k) => k.kind !== 'eof' && k.span.start <= rel && rel <= k.span.end && k.span.end > k.span.start);
  if (token) {
    if (token.kind === 'string' && token.text.length >= 2) spans.push({ start: token.span.start + 1, end: token.span.end - 1 });
    spans.push(token.span);
  }
  const nodes = nodeAt(parsed.ast, rel).nodes;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.kind === 'string' && n.span.end - n.span.start >= 2) spans.push({ start: n.span.start + 1, end: n.span.end - 1 });
    if ((n.kind === 'call' || n.kind === 'method') && n.args.length > 0 && n.open < rel && (n.close === undefined || rel <= n.close)) {
      spans.push({ start: n.args[0]!.span.start, end: n.args[n.args.length - 1]!.span.end });
    }
    spans.push(n.span);
  }
  const lead = t.value.length - t.value.trimStart().length;
  spans.push({ start: lead, end: Math.max(lead, t.value.trimEnd().length) });
  return spans.map((s) => exprSpanToDoc(t, text, s));
}

/** The value character at (or just before) a document offset. */
export function relativeOffset(t: LocatedText, docOffset: number): number {
  if (!t.offsets) return Math.max(0, Math.min(t.value.length, docOffset - t.base));
  let lo = 0;
  let hi = t.value.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.offsets[mid]! <= docOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A span of the value (expression offsets) in document offsets. The end is taken right
 * after the last character when the next one sits on a later line (block scalars).
 */
export function exprSpanToDoc(t: LocatedText, text: string, s: Span): Span {
  const start = offsetIn(t, s.start);
  if (s.end <= s.start) return { start, end: start };
  const afterLast = offsetIn(t, s.end - 1) + 1;
  const next = offsetIn(t, s.end);
  const end = next > afterLast && text.slice(afterLast, next).includes('\n') ? afterLast : Math.max(next, afterLast);
  return { start, end };
}
