/**
 * Where each character of a YAML string scalar sits in the source. Expressions are
 * analysed on the parsed value, but their diagnostics must land on the exact source
 * characters even inside quotes, escapes and block scalars.
 */
import type { Scalar } from 'yaml';
import type { LocatedText } from './model';

/** Builds a LocatedText for a string scalar whose node range starts at `range[0] + delta`. */
export function locateText(node: Scalar, value: string, source: string, delta: number, keySpan?: { start: number; end: number }): LocatedText {
  const [start, valueEnd] = node.range ?? [0, 0];
  const span = { start: start + delta, end: valueEnd + delta };
  const out: LocatedText = keySpan ? { value, span, keySpan, base: start + delta } : { value, span, base: start + delta };
  const type = node.type;
  if (type === 'PLAIN' && source.startsWith(value, start)) return out;
  if ((type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') && !/['"\\\n]/.test(value) && source.startsWith(value, start + 1)) {
    out.base = start + 1 + delta;
    return out;
  }
  out.offsets = alignOffsets(value, source, start, valueEnd, type === 'QUOTE_DOUBLE', delta);
  return out;
}

/**
 * Greedy alignment of the parsed value against its source text: value characters are
 * (almost) a subsequence of the source once quotes, escapes, indentation and line
 * folding are skipped. Good enough to put a diagnostic on the right characters.
 */
function alignOffsets(value: string, source: string, start: number, end: number, doubleQuoted: boolean, delta: number): number[] {
  const offsets = new Array<number>(value.length + 1);
  let p = start;
  const first = source[p];
  if (first === '"' || first === "'") p++;
  else if (first === '|' || first === '>') {
    const nl = source.indexOf('\n', p);
    p = nl < 0 ? end : nl + 1;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (doubleQuoted && source[p] === '\\') {
      offsets[i] = p + delta;
      p += escapeLength(source, p);
      continue;
    }
    let q = p;
    // skip what parsing removed: indentation, folded line breaks, doubled single quotes
    while (q < end && source[q] !== c && q - p < 64 && /[\s']/.test(source[q])) q++;
    if (q < end && source[q] === c) p = q;
    offsets[i] = Math.min(p, end) + delta;
    if (c === "'" && source[p] === "'" && source[p + 1] === "'") p += 2;
    else p++;
  }
  offsets[value.length] = Math.min(p, end) + delta;
  return offsets;
}

function escapeLength(source: string, p: number): number {
  switch (source[p + 1]) {
    case 'x': return 4;
    case 'u': return 6;
    case 'U': return 10;
    case '\r': return source[p + 2] === '\n' ? 3 : 2;
    default: return 2;
  }
}
