/**
 * Map functions (reference/aep.md §2.4 "Hierarchies – maps" and the map entries of
 * "objects"). Maps are JS Map<string, Value>; keys are strings (other scalars are written
 * as text). Functions reading a map also accept a plain object.
 */
import type { FunctionSpec, Value } from './spec';
import { param, variadic } from './build';
import { ValueMap, arg, asEntries, asString, fail, isMap, isNull, isPlainObject, preview, toText, typeName, valuesEqual } from './values';

const keyText = (fn: string, v: Value): string => {
  if (isNull(v)) return fail(fn, 'a map key is null');
  if (Array.isArray(v) || isMap(v) || isPlainObject(v)) return fail(fn, `a map key must be a string, got ${typeName(v)} ${preview(v)}`);
  return toText(v);
};

/** Object array → map keyed by each element's `key` attribute; elements without it are skipped, the first of a duplicate key wins. */
function keyedBy(fn: string, items: Value[], key: string): ValueMap {
  const out: ValueMap = new Map();
  for (const item of items) {
    if (isNull(item)) continue;
    if (!isPlainObject(item) && !isMap(item)) fail(fn, `elements must be objects, got ${typeName(item)} ${preview(item)}`);
    const k = isMap(item) ? item.get(key) : item[key];
    if (isNull(k)) continue;
    const text = keyText(fn, k);
    if (!out.has(text)) out.set(text, item);
  }
  return out;
}

function pairsToMap(fn: string, args: Value[]): ValueMap {
  if (args.length % 2 !== 0) fail(fn, 'expects KEY, VALUE pairs');
  const out: ValueMap = new Map();
  for (let i = 0; i < args.length; i += 2) out.set(keyText(fn, arg(args, i)), arg(args, i + 1));
  return out;
}

const keysOf = (fn: string, v: Value): string[] => (Array.isArray(v) ? v.filter((k) => !isNull(k)).map((k) => keyText(fn, k)) : [keyText(fn, v)]);

const BOOK = 'book_details';

export const mapFunctions: readonly FunctionSpec[] = [
  {
    name: 'map_get_values',
    category: 'map',
    params: [param('MAP', ['map', 'object'], 'The map to read.'), param('KEY', ['string', 'array'], 'One key, or an array of keys (other scalars are used as text).')],
    returns: 'any',
    doc: 'For one key returns its value (null when absent); for an array of keys returns the distinct values of the keys present.',
    examples: [{ call: `map_get_values(${BOOK}, "author")`, result: 'George R. R. Martin' }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0]) || isNull(args[1])) return null;
      const entries = new Map(asEntries('map_get_values', 'MAP', arg(args, 0)));
      if (!Array.isArray(args[1])) return entries.get(keyText('map_get_values', arg(args, 1))) ?? null;
      const values: Value[] = [];
      for (const k of keysOf('map_get_values', arg(args, 1))) {
        if (!entries.has(k)) continue;
        const v = entries.get(k)!;
        if (!values.some((x) => valuesEqual(x, v))) values.push(v);
      }
      return values;
    },
  },
  {
    name: 'map_has_keys',
    category: 'map',
    params: [param('MAP', ['map', 'object'], 'The map to look in.'), param('KEY', ['string', 'array'], 'One key, or an array of keys.')],
    returns: 'boolean',
    doc: 'True when the map has the key (for an array: at least one of the keys).',
    examples: [{ call: `map_has_keys(${BOOK}, "author")`, result: true }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return false;
      if (isNull(args[1])) return null;
      const entries = new Map(asEntries('map_has_keys', 'MAP', arg(args, 0)));
      return keysOf('map_has_keys', arg(args, 1)).some((k) => entries.has(k));
    },
  },
  {
    name: 'add_to_map',
    category: 'map',
    params: [param('MAP', ['map', 'object'], 'The first map.'), variadic('MAPS', ['map', 'object'], 'More maps to merge; null maps are skipped.')],
    returns: 'map',
    doc: 'Merges maps into one; when a key repeats, the first occurrence (in argument order) wins.',
    examples: [{ call: `add_to_map(${BOOK}, book_details2)`, result: { author: 'George R. R. Martin', price: 17.99, ISBN: 'ISBN-978-0553801477', publisher: 'William Morrow' } }],
    pure: true,
    impl: (args) => {
      if (args.every(isNull)) return null;
      const out: ValueMap = new Map();
      for (const m of args) {
        if (isNull(m)) continue;
        for (const [k, v] of asEntries('add_to_map', 'MAP', m)) if (!out.has(k)) out.set(k, v);
      }
      return out;
    },
  },
  {
    name: 'object_to_map',
    category: 'map',
    params: [param('KEY_OR_OBJECT', 'any', 'A key (with values following), an object, or an array of objects.'), variadic('VALUE_OR_KEY_ATTRIBUTE', 'any', 'The values of key/value pairs, or the key attribute for an object array.', { optional: true })],
    returns: 'map',
    doc: 'Creates a map: from KEY, VALUE pairs; from the attributes of one object; or from an object array keyed by one attribute.',
    overloads: [
      { params: [variadic('KEY', 'string', 'A key (other scalars become text).'), variadic('VALUE', 'any', 'Its value (anything but a map).')], repeat: 2, doc: 'object_to_map(KEY, VALUE, KEY, VALUE, ...): a map of the pairs.' },
      { params: [param('OBJECT', 'object', 'The object whose attributes become entries.')], doc: 'object_to_map(OBJECT): the attributes of the object.' },
      { params: [param('OBJECT_ARRAY', 'array', 'An array of objects.'), param('KEY_ATTRIBUTE', 'string', 'The attribute whose value keys each object.')], doc: 'object_to_map(OBJECT_ARRAY, KEY_ATTRIBUTE): each object under the value of its key attribute.' },
    ],
    examples: [
      { call: 'object_to_map("firstName", "John", "lastName", "Doe")', result: { firstName: 'John', lastName: 'Doe' } },
      { call: 'object_to_map(address)', result: { line1: '345 park ave', line2: 'bldg 2', City: 'san jose', State: 'CA', type: 'office' } },
      { call: 'object_to_map(addresses, "type")', result: { home: { type: 'home' }, work: { type: 'work' } } },
    ],
    pure: true,
    impl: (args) => {
      const fn = 'object_to_map';
      const first = arg(args, 0);
      if (args.length === 1) {
        if (isNull(first)) return null;
        if (isPlainObject(first) || isMap(first)) return new Map(asEntries(fn, 'OBJECT', first));
        return fail(fn, `a single argument must be an object, got ${typeName(first)} ${preview(first)}`);
      }
      if (args.length === 2 && (Array.isArray(first) || isNull(first))) {
        if (isNull(first)) return null;
        return keyedBy(fn, first as Value[], asString(fn, 'KEY_ATTRIBUTE', arg(args, 1)));
      }
      return pairsToMap(fn, args);
    },
  },
  {
    name: 'array_to_map',
    category: 'map',
    params: [param('INPUTS', 'array', 'An array of objects.'), param('KEY', 'string', 'The attribute whose value keys each object.')],
    returns: 'map',
    doc: 'Creates a map of each object of the array under the value of its KEY attribute (elements without it are skipped; the first duplicate wins).',
    examples: [{ call: 'array_to_map(addresses, "type")', result: { home: { type: 'home' }, work: { type: 'work' } } }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0]) || isNull(args[1])) return null;
      const items = arg(args, 0);
      if (!Array.isArray(items)) return fail('array_to_map', `INPUTS must be an array, got ${typeName(items)} ${preview(items)}`);
      return keyedBy('array_to_map', items, asString('array_to_map', 'KEY', arg(args, 1)));
    },
  },
  {
    name: 'to_map',
    category: 'map',
    params: [variadic('KEY', 'string', 'A key.'), variadic('VALUE', 'any', 'Its value.')],
    repeat: 2,
    returns: 'map',
    doc: 'Creates a map from flat key/value pairs (a repeated key keeps its last value).',
    examples: [{ call: 'to_map("firstName", "John", "lastName", "Doe")', result: { firstName: 'John', lastName: 'Doe' } }],
    pure: true,
    impl: (args) => pairsToMap('to_map', args),
  },
];
