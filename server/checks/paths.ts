/** Source and target path syntax: `a.b.c`, `a\.b` escapes, `[0]`/`[*]` indices. */
import { offsetIn, type LocatedText } from '../dataflow/model';
import type { Span } from '../util/problems';

export interface PathSegment {
  name: string;
  /** index range of the segment within the path text */
  start: number;
  end: number;
}

export function splitPath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let name = '';
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    out.push({ name, start, end });
    name = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      name += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '.') {
      push(i);
      start = i + 1;
      i++;
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i);
      const end = close < 0 ? text.length : close + 1;
      i = end;
      continue;
    }
    name += c;
    i++;
  }
  push(text.length);
  return out;
}

/** Document span of characters [from, to) of a located text. */
export function textSpan(t: LocatedText, from: number, to: number): Span {
  const a = offsetIn(t, from);
  const b = offsetIn(t, to);
  return { start: a, end: Math.max(a, b) };
}

/** Normalises a target path for comparison: indices dropped. */
export function normalisePath(p: string): string {
  return p.includes('[') ? p.replace(/\[(?:\d+|\*)?\]/g, '') : p;
}
