/** String functions (reference/aep.md §2.4 "String"). */
import type { FunctionSpec, MethodSpec, Value } from './spec';

const str = (v: Value): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : String(v));

export const stringFunctions: readonly FunctionSpec[] = [
  {
    name: 'concat',
    category: 'string',
    params: [{ name: 'STRING', type: 'any', doc: 'Strings to join; null parts are skipped.', variadic: true }],
    returns: 'string',
    doc: 'Concatenates the given strings.',
    examples: [{ call: 'concat("Hi, ", "there", "!")', result: 'Hi, there!' }],
    pure: true,
    impl: (args) => args.map(str).filter((s): s is string => s !== null).join(''),
  },
  {
    name: 'upper',
    category: 'string',
    params: [{ name: 'STRING', type: 'string', doc: 'The string to convert.' }],
    returns: 'string',
    doc: 'Converts a string to upper case.',
    examples: [{ call: 'upper("HeLLo")', result: 'HELLO' }],
    aliases: ['ucase'],
    pure: true,
    impl: ([s]) => (str(s ?? null)?.toUpperCase() ?? null),
  },
  {
    name: 'lower',
    category: 'string',
    params: [{ name: 'STRING', type: 'string', doc: 'The string to convert.' }],
    returns: 'string',
    doc: 'Converts a string to lower case.',
    examples: [{ call: 'lower("HeLLo")', result: 'hello' }],
    aliases: ['lcase'],
    pure: true,
    impl: ([s]) => (str(s ?? null)?.toLowerCase() ?? null),
  },
];

export const stringMethods: readonly MethodSpec[] = [
  {
    name: 'equalsIgnoreCase',
    receiver: 'string',
    params: [{ name: 'STRING2', type: 'string', doc: 'The string to compare with.' }],
    returns: 'boolean',
    doc: 'True when both strings are equal ignoring case.',
    impl: (r, [o]) => (r === null || o === null || o === undefined ? false : String(r).toLowerCase() === String(o).toLowerCase()),
  },
];
