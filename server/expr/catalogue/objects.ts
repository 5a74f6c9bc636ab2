/** Object functions (reference/aep.md §2.4 "Hierarchies – objects") and the get(key) method. */
import type { EvalContext, FunctionSpec, MethodSpec, Value } from './spec';
import { optional, param, variadic } from './build';
import { ValueObject, arg, asArray, asEntries, asString, fail, isMap, isNull, isPlainObject, preview, toText, typeName } from './values';

/** Splits "k1=v1,k2=v2" into trimmed pairs; delimiters are literal text, not regexes. */
function keyValuePairs(text: string, valueDelimiter: string, fieldDelimiter: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const field of text.split(fieldDelimiter)) {
    const at = field.indexOf(valueDelimiter);
    if (at === -1) continue;
    const key = field.slice(0, at).trim();
    if (key !== '') pairs.push([key, field.slice(at + valueDelimiter.length).trim()]);
  }
  return pairs;
}

const delimiter = (fn: string, name: string, v: Value, fallback: string): string => {
  if (isNull(v)) return fallback;
  const s = asString(fn, name, v);
  return s === '' ? fallback : s;
};

function isEmpty(v: Value): boolean {
  if (isNull(v)) return true;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return v.size === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

function containsKey(fn: string, args: Value[], ctx: EvalContext): Value {
  if (isNull(args[0])) return false;
  const path = asString(fn, 'PATH', arg(args, 0));
  if (!ctx.hasPath) return fail(fn, 'the source record is not available here');
  return ctx.hasPath(path);
}

const CONTAINS_KEY_PARAMS = [param('PATH', 'string', 'The path to check in the source record, e.g. "evars.evar.field1".')];

export const objectFunctions: readonly FunctionSpec[] = [
  {
    name: 'is_empty',
    category: 'object',
    params: [param('INPUT', 'any', 'The value to check.')],
    returns: 'boolean',
    doc: 'True when the input is null, an empty string, an empty array or an object/map without keys.',
    examples: [{ call: 'is_empty([1, null, 2, 3])', result: false }],
    pure: true,
    impl: (args) => isEmpty(arg(args, 0)),
  },
  {
    name: 'arrays_to_object',
    category: 'object',
    params: [variadic('KEY', 'string', 'The attribute name for the values of the next array.'), variadic('ARRAY', 'array', 'The values, one per output object; a null array counts as empty.')],
    repeat: 2,
    returns: 'array',
    doc: 'Zips parallel arrays into a list of objects: element i of each array goes into object i under its KEY (null where an array is shorter).',
    examples: [{ call: 'arrays_to_objects("sku", explode("id1|id2", "\\\\|"), "price", [22.5, 14.35])', result: [{ sku: 'id1', price: 22.5 }, { sku: 'id2', price: 14.35 }] }],
    aliases: ['arrays_to_objects'],
    pure: true,
    impl: (args) => {
      const fn = 'arrays_to_object';
      if (args.length % 2 !== 0) fail(fn, 'expects KEY, ARRAY pairs');
      const columns: [string, Value[]][] = [];
      for (let i = 0; i < args.length; i += 2) {
        if (isNull(args[i])) fail(fn, `KEY ${i / 2 + 1} is null`);
        columns.push([asString(fn, 'KEY', arg(args, i)), isNull(args[i + 1]) ? [] : asArray(fn, 'ARRAY', arg(args, i + 1))]);
      }
      const length = Math.max(0, ...columns.map(([, values]) => values.length));
      return Array.from({ length }, (_, row) => Object.fromEntries(columns.map(([key, values]) => [key, values[row] ?? null])) as ValueObject);
    },
  },
  {
    name: 'to_object',
    category: 'object',
    params: [variadic('KEY', 'string', 'An attribute name.'), variadic('VALUE', 'any', 'Its value.')],
    repeat: 2,
    returns: 'object',
    doc: 'Creates an object from flat key/value pairs (a repeated key keeps its last value).',
    examples: [{ call: 'to_object("firstName", "John", "lastName", "Doe")', result: { firstName: 'John', lastName: 'Doe' } }],
    pure: true,
    impl: (args) => {
      if (args.length % 2 !== 0) fail('to_object', 'expects KEY, VALUE pairs');
      const out: ValueObject = {};
      for (let i = 0; i < args.length; i += 2) {
        if (isNull(args[i])) fail('to_object', `KEY ${i / 2 + 1} is null`);
        out[asString('to_object', 'KEY', arg(args, i))] = arg(args, i + 1);
      }
      return out;
    },
  },
  {
    name: 'str_to_object',
    category: 'object',
    params: [
      param('STRING', 'string', 'The text to parse, e.g. "firstName=John,lastName=Doe".'),
      optional('VALUE_DELIMITER', 'string', 'Separates a field from its value (literal text).', '":"'),
      optional('FIELD_DELIMITER', 'string', 'Separates the field/value pairs (literal text).', '","'),
    ],
    returns: 'object',
    doc: 'Creates an object from "key<VALUE_DELIMITER>value<FIELD_DELIMITER>…" text; keys and values are trimmed. Read one value with .get("key").',
    examples: [
      { call: 'str_to_object("firstName=John,lastName=Doe,phone=123 456 7890", "=", ",")', result: { firstName: 'John', lastName: 'Doe', phone: '123 456 7890' } },
      { call: 'str_to_object("firstName - John ; lastName - Doe ; phone - 123 456 7890", "-", ";").get("firstName")', result: 'John' },
    ],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const fn = 'str_to_object';
      const pairs = keyValuePairs(asString(fn, 'STRING', arg(args, 0)), delimiter(fn, 'VALUE_DELIMITER', arg(args, 1), ':'), delimiter(fn, 'FIELD_DELIMITER', arg(args, 2), ','));
      return Object.fromEntries(pairs) as ValueObject;
    },
  },
  {
    name: 'contains_key',
    category: 'object',
    params: CONTAINS_KEY_PARAMS,
    returns: 'boolean',
    doc: 'True when the source record has a value at the given path.',
    examples: [{ call: 'contains_key("evars.evar.field1")', result: true }],
    pure: true,
    impl: (args, ctx) => containsKey('contains_key', args, ctx),
  },
  {
    name: 'is_set',
    category: 'object',
    params: CONTAINS_KEY_PARAMS,
    returns: 'boolean',
    doc: 'Deprecated: use contains_key(). True when the source record has a value at the given path.',
    examples: [{ call: 'is_set("evars.evar.field1")', result: true }],
    deprecated: 'contains_key',
    pure: true,
    impl: (args, ctx) => containsKey('is_set', args, ctx),
  },
  {
    name: 'nullify',
    category: 'object',
    params: [],
    returns: 'null',
    doc: 'Returns null, so the target attribute is not written.',
    examples: [{ call: 'nullify()', result: null }],
    pure: true,
    impl: () => null,
  },
  {
    name: 'get_keys',
    category: 'object',
    params: [param('OBJECT', ['object', 'map'], 'The object (or map) to read the keys of.')],
    returns: 'array',
    doc: 'Returns the keys of an object or map, in order.',
    examples: [{ call: 'get_keys(json_to_object("{\\"book1\\": \\"Pride and Prejudice\\", \\"book2\\": \\"1984\\"}"))', result: ['book1', 'book2'] }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : asEntries('get_keys', 'OBJECT', arg(args, 0)).map(([k]) => k)),
  },
  {
    name: 'get_values',
    category: 'object',
    params: [
      param('STRING', 'string', 'The key/value text to parse.'),
      param('KEY', 'string', 'The key whose value to return.'),
      param('VALUE_DELIMITER', 'string', 'Separates a field from its value; null or "" means ":".'),
      optional('FIELD_DELIMITER', 'string', 'Separates the pairs; null or "" means ",".', '","'),
    ],
    returns: 'string',
    doc: 'Parses key/value text and returns the (trimmed) value of one key, or null when the key is absent.',
    examples: [{ call: 'get_values("firstName - John , lastName - Cena , phone - 555 420 8692", "firstName", "-", ",")', result: 'John' }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0]) || isNull(args[1])) return null;
      const fn = 'get_values';
      const key = asString(fn, 'KEY', arg(args, 1));
      const pairs = keyValuePairs(asString(fn, 'STRING', arg(args, 0)), delimiter(fn, 'VALUE_DELIMITER', arg(args, 2), ':'), delimiter(fn, 'FIELD_DELIMITER', arg(args, 3), ','));
      return pairs.find(([k]) => k === key)?.[1] ?? null;
    },
  },
];

function getMethod(receiver: 'object' | 'map'): MethodSpec {
  return {
    name: 'get',
    receiver,
    params: [param('KEY', 'string', 'The key to read.')],
    returns: 'any',
    doc: `The value stored under KEY in the ${receiver}, or null when absent (or when the ${receiver} is null).`,
    examples: [{ call: 'str_to_object("firstName=John", "=", ",").get("firstName")', result: 'John' }],
    pure: true,
    impl: (r, args) => {
      if (isNull(r) || isNull(args[0])) return null;
      const key = toText(arg(args, 0));
      if (isMap(r)) return r.get(key) ?? null;
      if (isPlainObject(r)) return Object.prototype.hasOwnProperty.call(r, key) ? r[key] ?? null : null;
      return fail('get', `cannot read a key of ${typeName(r)} ${preview(r)}`);
    },
  };
}

export const objectMethods: readonly MethodSpec[] = [getMethod('object'), getMethod('map')];
