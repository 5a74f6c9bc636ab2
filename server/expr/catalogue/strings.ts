/**
 * String functions (reference/aep.md §2.4 "String"). Null input gives null unless a doc
 * says otherwise; counts and positions accept numbers or numeric strings.
 */
import type { FunctionSpec, MethodSpec, Value } from './spec';
import { anyNull, optional, param, variadic } from './build';
import { javaSplit, translateJavaRegex } from './javaRegex';
import { arg, asInteger, asString, fail, isNull, toText } from './values';

/** Java's String.trim(): strips every char <= U+0020 at both ends. */
const isTrimmed = (c: number): boolean => c <= 0x20;

function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isTrimmed(s.charCodeAt(i))) i++;
  return s.slice(i);
}

function trimEnd(s: string): string {
  let j = s.length;
  while (j > 0 && isTrimmed(s.charCodeAt(j - 1))) j--;
  return s.slice(0, j);
}

/**
 * Position of the OCCURRENCE-th SUBSTRING at or after START (all 0-based, as AEP's example
 * instr("adobe.com", "com") = 6 shows); -1 when absent, like Java's indexOf.
 */
function instr(input: string, sub: string, start: number, occurrence: number): number {
  let found = 0;
  for (let i = input.indexOf(sub, Math.max(0, start)); i !== -1; i = input.indexOf(sub, i + 1)) {
    if (++found === occurrence) return i;
    if (sub === '') break;
  }
  return -1;
}

/**
 * The longest string lpad/rpad build. A COUNT from data (or a typo such as 3e9) must not
 * allocate gigabytes or hit the engine's string limit; past this the call is a
 * FunctionError, so the attribute is nulled with a warning like any other failure.
 */
export const MAX_PADDED_LENGTH = 1_000_000;

/** commons-lang StringUtils.leftPad/rightPad: never truncates the input; null/empty padding is a space. */
function pad(fn: string, input: string, size: number, padding: string, left: boolean): string {
  const missing = size - input.length;
  if (missing <= 0) return input;
  if (size > MAX_PADDED_LENGTH) fail(fn, `COUNT ${size} is more than the ${MAX_PADDED_LENGTH} characters a padded string may have`);
  const fill = padding.repeat(Math.ceil(missing / padding.length)).slice(0, missing);
  return left ? fill + input : input + fill;
}

/** StringUtils.split(str, separatorChars): splits on any of the characters, drops empty parts. */
function splitOnAny(input: string, separators: string | null): string[] {
  const isSeparator = separators === null ? (c: string) => /\s/.test(c) : (c: string) => separators.includes(c);
  const parts: string[] = [];
  let current = '';
  for (const c of input) {
    if (isSeparator(c)) {
      if (current !== '') parts.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') parts.push(current);
  return parts;
}

const str1 = (fn: string, param: string, f: (s: string) => Value) => (args: Value[]): Value => (isNull(args[0]) ? null : f(asString(fn, param, arg(args, 0))));

export const stringFunctions: readonly FunctionSpec[] = [
  {
    name: 'concat',
    category: 'string',
    params: [variadic('STRING', 'any', 'Values to join; null values are skipped, numbers and dates are written as text.')],
    returns: 'string',
    doc: 'Concatenates the given strings. Null arguments are skipped (the result is never null).',
    examples: [{ call: 'concat("Hi, ", "there", "!")', result: 'Hi, there!' }],
    pure: true,
    impl: (args) => args.filter((a) => !isNull(a)).map(toText).join(''),
  },
  {
    name: 'explode',
    category: 'string',
    params: [
      param('STRING', 'string', 'The string to split.'),
      optional('REGEX', 'string', 'Java regular expression to split on; escape + ? ^ | . [ ( { ) * $ \\ with \\.', '","', { literal: 'regex' }),
    ],
    returns: 'array',
    doc: 'Splits a string on a regular expression (default ","); empty parts are kept.',
    examples: [{ call: 'explode("Hi, there!", " ")', result: ['Hi,', 'there!'] }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const input = asString('explode', 'STRING', arg(args, 0));
      const pattern = isNull(args[1]) ? ',' : asString('explode', 'REGEX', arg(args, 1));
      const re = translateJavaRegex(pattern);
      if (!re.ok) fail('explode', `invalid regular expression "${pattern}": ${re.error}`);
      return javaSplit(input, re.source, re.flags, true);
    },
  },
  {
    name: 'instr',
    category: 'string',
    params: [
      param('INPUT', 'string', 'The string to search in.'),
      param('SUBSTRING', 'string', 'The string to search for.'),
      optional('START_POSITION', 'number', 'The 0-based index where the search starts.', '0'),
      optional('OCCURRENCE', 'number', 'Which occurrence to find, from the start position.', '1'),
    ],
    returns: 'number',
    doc: 'Returns the 0-based index of a substring (of its n-th occurrence from the start position), or -1 when it is not found.',
    examples: [{ call: 'instr("adobe.com", "com")', result: 6 }],
    pure: true,
    impl: (args) => {
      if (anyNull(args, 2)) return null;
      const start = isNull(args[2]) ? 0 : asInteger('instr', 'START_POSITION', arg(args, 2));
      const occurrence = isNull(args[3]) ? 1 : asInteger('instr', 'OCCURRENCE', arg(args, 3));
      if (occurrence < 1) fail('instr', `OCCURRENCE must be 1 or more, got ${occurrence}`);
      return instr(asString('instr', 'INPUT', arg(args, 0)), asString('instr', 'SUBSTRING', arg(args, 1)), start, occurrence);
    },
  },
  {
    name: 'replacestr',
    category: 'string',
    params: [
      param('INPUT', 'string', 'The input string.'),
      param('TO_FIND', 'string', 'The text to look for (literally, not a regex); null or empty leaves the input unchanged.'),
      param('TO_REPLACE', 'string', 'The replacement text; null removes the found text.'),
    ],
    returns: 'string',
    doc: 'Replaces every occurrence of a text in the input.',
    examples: [{ call: 'replacestr("This is a string re test", "re", "replace")', result: 'This is a string replace test' }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const input = asString('replacestr', 'INPUT', arg(args, 0));
      if (isNull(args[1])) return input;
      const find = asString('replacestr', 'TO_FIND', arg(args, 1));
      if (find === '') return input;
      const replacement = isNull(args[2]) ? '' : asString('replacestr', 'TO_REPLACE', arg(args, 2));
      return input.split(find).join(replacement);
    },
  },
  {
    name: 'substr',
    category: 'string',
    params: [
      param('INPUT', 'string', 'The input string.'),
      param('START_INDEX', 'number', 'Where the substring starts (0-based; negative counts from the end).'),
      param('LENGTH', 'number', 'How many characters to take; past the end stops at the end.'),
    ],
    returns: 'string',
    doc: 'Returns the substring of a given length starting at a 0-based index.',
    examples: [{ call: 'substr("This is a substring test", 7, 8)', result: ' a subst' }],
    pure: true,
    impl: (args) => {
      if (anyNull(args, 3)) return null;
      const input = asString('substr', 'INPUT', arg(args, 0));
      let start = asInteger('substr', 'START_INDEX', arg(args, 1));
      const length = asInteger('substr', 'LENGTH', arg(args, 2));
      if (start < 0) start = Math.max(0, input.length + start);
      if (length <= 0 || start >= input.length) return '';
      return input.slice(start, start + length);
    },
  },
  {
    name: 'lower',
    category: 'string',
    params: [param('INPUT', 'string', 'The string to convert.')],
    returns: 'string',
    doc: 'Converts a string to lower case.',
    examples: [{ call: 'lower("HeLLo")', result: 'hello' }, { call: 'lcase("HeLLo")', result: 'hello' }],
    aliases: ['lcase'],
    pure: true,
    impl: str1('lower', 'INPUT', (s) => s.toLowerCase()),
  },
  {
    name: 'upper',
    category: 'string',
    params: [param('INPUT', 'string', 'The string to convert.')],
    returns: 'string',
    doc: 'Converts a string to upper case.',
    examples: [{ call: 'upper("HeLLo")', result: 'HELLO' }, { call: 'ucase("HeLLo")', result: 'HELLO' }],
    aliases: ['ucase'],
    pure: true,
    impl: str1('upper', 'INPUT', (s) => s.toUpperCase()),
  },
  {
    name: 'split',
    category: 'string',
    params: [
      param('INPUT', 'string', 'The string to split.'),
      param('SEPARATOR', 'string', 'Characters to split on: the input splits on ANY of them (not a regex); null splits on whitespace.'),
    ],
    returns: 'array',
    doc: 'Splits a string on any of the separator characters; empty parts are dropped (use explode to keep them).',
    examples: [{ call: 'split("Hello world", " ")', result: ['Hello', 'world'] }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const separators = isNull(args[1]) ? null : asString('split', 'SEPARATOR', arg(args, 1));
      return splitOnAny(asString('split', 'INPUT', arg(args, 0)), separators === '' ? null : separators);
    },
  },
  {
    name: 'join',
    category: 'string',
    params: [
      param('SEPARATOR', 'string', 'Placed between the elements; null joins without separator.'),
      param('OBJECTS', 'array', 'The elements to join; null elements become empty text.'),
    ],
    returns: 'string',
    doc: 'Joins the elements of an array with a separator.',
    examples: [{ call: 'join(" ", to_array(true, "Hello", "world"))', result: 'Hello world' }],
    pure: true,
    impl: (args) => {
      if (isNull(args[1])) return null;
      const separator = isNull(args[0]) ? '' : asString('join', 'SEPARATOR', arg(args, 0));
      const items = Array.isArray(args[1]) ? args[1] : [arg(args, 1)];
      return items.map((v) => (isNull(v) ? '' : toText(v))).join(separator);
    },
  },
  ...(['lpad', 'rpad'] as const).map((name): FunctionSpec => ({
    name,
    category: 'string',
    params: [
      param('INPUT', 'string', 'The string to pad; null gives null.'),
      param('COUNT', 'number', `The length to pad to; a longer input is returned unchanged. At most ${MAX_PADDED_LENGTH.toLocaleString('en-US')}: a larger COUNT that needs padding is an error (the attribute is left empty).`),
      param('PADDING', 'string', 'The text to pad with; null or empty means a single space.'),
    ],
    returns: 'string',
    doc: `Pads the ${name === 'lpad' ? 'left' : 'right'} side of a string with the padding text up to a length.`,
    examples: [{ call: `${name}("bat", 8, "yz")`, result: name === 'lpad' ? 'yzyzybat' : 'batyzyzy' }],
    pure: true,
    impl: (args) => {
      if (anyNull(args, 2)) return null;
      const input = asString(name, 'INPUT', arg(args, 0));
      const count = asInteger(name, 'COUNT', arg(args, 1));
      const padding = isNull(args[2]) ? ' ' : asString(name, 'PADDING', arg(args, 2)) || ' ';
      return pad(name, input, count, padding, name === 'lpad');
    },
  })),
  ...(['left', 'right'] as const).map((name): FunctionSpec => ({
    name,
    category: 'string',
    params: [param('STRING', 'string', 'The string to take characters from.'), param('COUNT', 'number', 'How many characters; 0 or less gives "".')],
    returns: 'string',
    doc: `Gets the ${name === 'left' ? 'first' : 'last'} COUNT characters of a string.`,
    examples: [{ call: `${name}("abcde", 2)`, result: name === 'left' ? 'ab' : 'de' }],
    pure: true,
    impl: (args) => {
      if (anyNull(args, 2)) return null;
      const s = asString(name, 'STRING', arg(args, 0));
      const n = asInteger(name, 'COUNT', arg(args, 1));
      if (n <= 0) return '';
      return name === 'left' ? s.slice(0, n) : s.slice(Math.max(0, s.length - n));
    },
  })),
  {
    name: 'ltrim',
    category: 'string',
    params: [param('STRING', 'string', 'The string to trim.')],
    returns: 'string',
    doc: 'Removes whitespace (and control characters) from the beginning of a string.',
    examples: [{ call: 'ltrim(" hello")', result: 'hello' }],
    pure: true,
    impl: str1('ltrim', 'STRING', trimStart),
  },
  {
    name: 'rtrim',
    category: 'string',
    params: [param('STRING', 'string', 'The string to trim.')],
    returns: 'string',
    doc: 'Removes whitespace (and control characters) from the end of a string.',
    examples: [{ call: 'rtrim("hello ")', result: 'hello' }],
    pure: true,
    impl: str1('rtrim', 'STRING', trimEnd),
  },
  {
    name: 'trim',
    category: 'string',
    params: [param('STRING', 'string', 'The string to trim.')],
    returns: 'string',
    doc: 'Removes whitespace (and control characters) from both ends of a string.',
    examples: [{ call: 'trim(" hello ")', result: 'hello' }],
    pure: true,
    impl: str1('trim', 'STRING', (s) => trimEnd(trimStart(s))),
  },
];

export const stringMethods: readonly MethodSpec[] = [
  {
    name: 'equals',
    receiver: 'string',
    params: [param('STRING2', 'string', 'The string to compare with.')],
    returns: 'boolean',
    doc: 'True when both strings are equal (case-sensitive); false when either is null.',
    examples: [{ call: '"string1".equals("STRING1")', result: false }],
    pure: true,
    impl: (r, args) => (isNull(r) || isNull(args[0]) ? false : toText(r) === toText(arg(args, 0))),
  },
  {
    name: 'equalsIgnoreCase',
    receiver: 'string',
    params: [param('STRING2', 'string', 'The string to compare with.')],
    returns: 'boolean',
    doc: 'True when both strings are equal ignoring case; false when either is null.',
    examples: [{ call: '"string1".equalsIgnoreCase("STRING1")', result: true }],
    pure: true,
    impl: (r, args) => (isNull(r) || isNull(args[0]) ? false : toText(r).toLowerCase() === toText(arg(args, 0)).toLowerCase()),
  },
];

