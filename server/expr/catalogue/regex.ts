/** Regular-expression functions (reference/aep.md §2.4). Patterns are Java regexes, see ./javaRegex. */
import type { FunctionSpec } from './spec';
import { param } from './build';
import { translateJavaRegex } from './javaRegex';
import { arg, asString, fail, isNull } from './values';

function compile(fn: string, pattern: string, anchored: boolean): RegExp {
  const re = translateJavaRegex(pattern);
  if (!re.ok) return fail(fn, `invalid regular expression "${pattern}": ${re.error}`);
  return new RegExp(anchored ? `^(?:${re.source})$` : re.source, re.flags);
}

export const regexFunctions: readonly FunctionSpec[] = [
  {
    name: 'extract_regex',
    category: 'regex',
    params: [
      param('STRING', 'string', 'The string to extract the groups from.'),
      param('REGEX', 'string', 'The Java regular expression whose groups to extract.', { literal: 'regex' }),
    ],
    returns: 'array',
    doc: 'Finds the first match of a regular expression: returns the full match followed by each group (null for a group that did not take part); [] when nothing matches.',
    examples: [{ call: 'extract_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")', result: ['E259,E259B_009,1_1', 'E259', '1_1'] }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0]) || isNull(args[1])) return null;
      const m = compile('extract_regex', asString('extract_regex', 'REGEX', arg(args, 1)), false).exec(asString('extract_regex', 'STRING', arg(args, 0)));
      return m ? [...m].map((g) => g ?? null) : [];
    },
  },
  {
    name: 'matches_regex',
    category: 'regex',
    params: [
      param('STRING', 'string', 'The string to check.'),
      param('REGEX', 'string', 'The Java regular expression the WHOLE string must match.', { literal: 'regex' }),
    ],
    returns: 'boolean',
    doc: 'True when the whole string matches the regular expression (like Java String.matches).',
    examples: [{ call: 'matches_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")', result: true }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0]) || isNull(args[1])) return null;
      return compile('matches_regex', asString('matches_regex', 'REGEX', arg(args, 1)), true).test(asString('matches_regex', 'STRING', arg(args, 0)));
    },
  },
];
