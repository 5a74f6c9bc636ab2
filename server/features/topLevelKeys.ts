/**
 * The keys at column 0 of a YAML text and the extent of their sections, by one linear
 * scan of the lines: no YAML parse. The outline of crmflow.yaml uses it, and so do the
 * outline and folding of files too large to analyse (see MAX_ANALYSED_BYTES), which is
 * why every loop here is linear in the text (no regex that could backtrack on a long line).
 */
import type { Span } from '../util/problems';

export interface TopLevelKey {
  name: string;
  /** the key token (quotes included for a quoted key) */
  span: Span;
  /** end of the section's last non-blank line (comment lines after the section excluded) */
  end: number;
}

/** Longer keys are not shown: no real key is this long, and names must stay small. */
const MAX_KEY_LENGTH = 200;

/**
 * Top-level keys in document order (comments, directives, sequence items and flow
 * collections at column 0 are skipped); at most `limit` of them.
 */
export function topLevelKeys(text: string, limit = Infinity): TopLevelKey[] {
  const out: TopLevelKey[] = [];
  let current: TopLevelKey | undefined;
  // end of the last line with content (comment and blank lines do not extend a section)
  let lastContent = -1;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const first = text[lineStart];
    const blank = isBlankOrComment(text, lineStart, lineEnd);
    if (!blank && first !== ' ' && first !== '\t') {
      // anything at column 0 ends the section before it, key or not (`- x`, `---`, `[a]`)
      if (current) current.end = Math.max(current.span.end, lastContent);
      current = undefined;
      const key = keyAt(text, lineStart, lineEnd);
      if (key) {
        if (out.length >= limit) return out;
        current = { ...key, end: key.span.end };
        out.push(current);
      }
    }
    if (!blank) lastContent = trimEnd(text, lineStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  if (current) current.end = Math.max(current.span.end, lastContent);
  return out;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '#') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** `key:` (plain, "double" or 'single' quoted) at the start of a line, followed by a space or the line end. */
function keyAt(text: string, start: number, lineEnd: number): { name: string; span: Span } | undefined {
  const q = text[start];
  let nameStart: number;
  let nameEnd: number;
  let tokenEnd: number;
  if (q === '"' || q === "'") {
    const close = indexWithin(text, q, start + 1, Math.min(lineEnd, start + MAX_KEY_LENGTH));
    if (close < 0) return undefined;
    nameStart = start + 1;
    nameEnd = close;
    tokenEnd = close + 1;
  } else {
    if (/[\s#:'"\-?[{]/.test(q ?? ' ')) return undefined;
    let i = start;
    const stop = Math.min(lineEnd, start + MAX_KEY_LENGTH);
    while (i < stop && text[i] !== ':' && text[i] !== '#') i++;
    if (text[i] !== ':') return undefined;
    nameStart = start;
    nameEnd = i;
    while (nameEnd > start && (text[nameEnd - 1] === ' ' || text[nameEnd - 1] === '\t')) nameEnd--;
    tokenEnd = nameEnd;
  }
  let colon = tokenEnd;
  while (colon < lineEnd && (text[colon] === ' ' || text[colon] === '\t')) colon++;
  if (text[colon] !== ':') return undefined;
  const after = text[colon + 1];
  if (after !== undefined && !/\s/.test(after)) return undefined;
  const name = text.slice(nameStart, nameEnd).trim();
  return name ? { name, span: { start, end: tokenEnd } } : undefined;
}

function indexWithin(text: string, c: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text[i] === c) return i;
  return -1;
}
