/**
 * `${NAME}` in a constant (`value:`) is substituted at run time like in an expression's
 * string literal; an unknown name is left as is, so it gets the expression's warning.
 */
import type { Located } from '../dataflow/model';
import { DEFAULT_VARIABLES } from '../expr';
import { suggest } from '../expr/checker';
import { problem, type Problem, type Span } from '../util/problems';

// the names the run-time substitution replaces (server/ingest/mapper.ts)
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function checkStaticVariables(v: Located<string | number | boolean | null>, problems: Problem[], known: readonly string[] = DEFAULT_VARIABLES): void {
  const text = v.value;
  if (typeof text !== 'string' || !text.includes('${')) return;
  for (const m of text.matchAll(VARIABLE)) {
    const name = m[1]!;
    if (known.includes(name)) continue;
    const suggestions = suggest(name, known);
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
    problems.push(problem('expr-unknown-variable', at(v, text, m.index!, m[0].length),
      `\${${name}} is not a known variable${known.length ? ` (known: ${known.join(', ')})` : ''}; it is left as is.${hint}`, { suggestions }));
  }
}

/**
 * The characters of a match inside the scalar: a plain scalar holds the value verbatim, a
 * quoted one one character in; anything else (escapes, block scalars) gets the whole token.
 */
function at(v: Located<unknown>, text: string, index: number, length: number): Span {
  const width = v.span.end - v.span.start;
  const start = width === text.length ? v.span.start : width === text.length + 2 ? v.span.start + 1 : undefined;
  return start === undefined ? v.span : { start: start + index, end: start + index + length };
}
