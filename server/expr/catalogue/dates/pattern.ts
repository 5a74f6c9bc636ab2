/**
 * Date/time pattern strings in the style of Java's DateTimeFormatter, with the letters
 * AEP documents (reference/aep.md §2.5; help/data-prep/data-handling.md). Letters are case
 * sensitive; text in '...' is literal ('' is a quote); [...] is an optional section; other
 * non-letters are literal. Where AEP's table and Java differ we follow AEP's table:
 * `u` is the ISO day-of-week number (1 = Monday) and `Y`/`w` are ISO week-based.
 */

export type FieldLetter =
  | 'G' | 'y' | 'Y' | 'u' | 'Q' | 'q' | 'M' | 'L' | 'w' | 'W' | 'D' | 'd' | 'F' | 'E'
  | 'a' | 'H' | 'k' | 'K' | 'h' | 'm' | 's' | 'S' | 'z' | 'Z' | 'X' | 'x' | 'V' | 'O';

export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: FieldLetter; readonly count: number }
  | { readonly kind: 'optional'; readonly tokens: readonly PatternToken[] };

export type CompiledPattern = { readonly ok: true; readonly tokens: readonly PatternToken[] } | { readonly ok: false; readonly error: string };

/** What each letter means, for hover/completion on format strings. */
export const PATTERN_LETTERS: Readonly<Record<FieldLetter, { meaning: string; example: string; maxCount: number; counts?: readonly number[] }>> = {
  G: { meaning: 'era', example: 'AD; Anno Domini; A', maxCount: 5 },
  y: { meaning: 'year', example: '2004; 04', maxCount: 19 },
  Y: { meaning: 'ISO week-based year', example: '1996; 96', maxCount: 19 },
  u: { meaning: 'day of week as a number, 1 = Monday … 7 = Sunday', example: '1', maxCount: 2 },
  Q: { meaning: 'quarter of year', example: '3; 03; Q3; 3rd quarter', maxCount: 5 },
  q: { meaning: 'quarter of year (stand-alone)', example: '3; 03; Q3; 3rd quarter', maxCount: 5 },
  M: { meaning: 'month of year', example: '7; 07; Jul; July; J', maxCount: 5 },
  L: { meaning: 'month of year (stand-alone)', example: '7; 07; Jul; July; J', maxCount: 5 },
  w: { meaning: 'ISO week of week-based year', example: '27', maxCount: 2 },
  W: { meaning: 'week of month', example: '3', maxCount: 1 },
  D: { meaning: 'day of year', example: '189', maxCount: 3 },
  d: { meaning: 'day of month', example: '10', maxCount: 2 },
  F: { meaning: 'occurrence of the weekday in the month', example: '2', maxCount: 1 },
  E: { meaning: 'day-of-week name', example: 'Tue; Tuesday; T', maxCount: 5 },
  a: { meaning: 'AM/PM marker', example: 'PM', maxCount: 1 },
  H: { meaning: 'hour of day (0-23)', example: '0', maxCount: 2 },
  k: { meaning: 'hour of day (1-24)', example: '24', maxCount: 2 },
  K: { meaning: 'hour of AM/PM (0-11)', example: '0', maxCount: 2 },
  h: { meaning: 'hour of AM/PM (1-12)', example: '12', maxCount: 2 },
  m: { meaning: 'minute of hour', example: '30', maxCount: 2 },
  s: { meaning: 'second of minute', example: '55', maxCount: 2 },
  S: { meaning: 'fraction of second (SSS = milliseconds)', example: '978', maxCount: 9 },
  z: { meaning: 'time-zone name', example: 'Pacific Standard Time; PST', maxCount: 4 },
  Z: { meaning: 'zone offset (RFC 822; ZZZZ localized, ZZZZZ ISO)', example: '-0800; GMT-08:00; -08:00', maxCount: 5 },
  X: { meaning: "zone offset, 'Z' for zero (ISO 8601)", example: 'Z; -08; -0830; -08:30', maxCount: 5 },
  x: { meaning: 'zone offset (ISO 8601, +00 for zero)', example: '+0000; -08; -0830; -08:30', maxCount: 5 },
  V: { meaning: 'time-zone id (VV)', example: 'America/Los_Angeles', maxCount: 2, counts: [2] },
  O: { meaning: 'localized zone offset', example: 'GMT+8; GMT+08:00', maxCount: 4, counts: [1, 4] },
};

/** Letters Java knows but this engine (and AEP's table) does not. */
const UNSUPPORTED_JAVA_LETTERS = new Set(['e', 'c', 'A', 'n', 'N', 'g', 'B']);
const RESERVED = new Set(['#', '{', '}']);

const isLetter = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

/** Tokenises and validates a pattern; errors read like Java's IllegalArgumentException. */
export function compilePattern(pattern: string): CompiledPattern {
  const stack: PatternToken[][] = [[]];
  let i = 0;
  const push = (t: PatternToken): void => {
    const top = stack[stack.length - 1]!;
    const last = top[top.length - 1];
    if (t.kind === 'literal' && last?.kind === 'literal') top[top.length - 1] = { kind: 'literal', text: last.text + t.text };
    else top.push(t);
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") { push({ kind: 'literal', text: "'" }); i += 2; continue; }
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) return { ok: false, error: `Pattern ends with an incomplete string literal: ${pattern}` };
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { text += "'"; j += 2; continue; }
          break;
        }
        text += pattern[j];
        j++;
      }
      if (text !== '') push({ kind: 'literal', text });
      i = j + 1;
      continue;
    }
    if (c === '[') { stack.push([]); i++; continue; }
    if (c === ']') {
      if (stack.length === 1) return { ok: false, error: 'Pattern invalid as it contains ] without previous [' };
      const tokens = stack.pop()!;
      stack[stack.length - 1]!.push({ kind: 'optional', tokens });
      i++;
      continue;
    }
    if (RESERVED.has(c)) return { ok: false, error: `Pattern includes reserved character: '${c}'` };
    if (isLetter(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const count = j - i;
      const info = PATTERN_LETTERS[c as FieldLetter];
      if (!info) {
        if (UNSUPPORTED_JAVA_LETTERS.has(c)) return { ok: false, error: `Pattern letter '${c}' is not supported by Data Prep` };
        return { ok: false, error: `Unknown pattern letter: ${c}` };
      }
      if (info.counts && !info.counts.includes(count)) return { ok: false, error: `Pattern letter count must be ${info.counts.join(' or ')}: ${c}` };
      if (count > info.maxCount) return { ok: false, error: `Too many pattern letters: ${c}` };
      push({ kind: 'field', letter: c as FieldLetter, count });
      i = j;
      continue;
    }
    push({ kind: 'literal', text: c });
    i++;
  }
  // Like Java, an unclosed [ ends with the pattern.
  while (stack.length > 1) {
    const tokens = stack.pop()!;
    stack[stack.length - 1]!.push({ kind: 'optional', tokens });
  }
  return { ok: true, tokens: stack[0]! };
}

/** undefined when the pattern is usable, otherwise why not. */
export function isValidDatePattern(pattern: string): string | undefined {
  const c = compilePattern(pattern);
  return c.ok ? undefined : c.error;
}
