/** Array functions (reference/aep.md §2.4 "Hierarchies – arrays"), including the destinations-only ones. */
import type { FunctionSpec, Value } from './spec';
import { optional, param, variadic } from './build';
import { arg, asArray, asBoolean, fail, isMap, isNull, isPlainObject, preview, typeName } from './values';

/** first()/last() take either several values or one array. */
const candidates = (args: Value[]): Value[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args);

const DESTINATIONS_ONLY = 'Only for destinations (activation exports), not for source ingestion';

function destinationsOnly(name: string, params: FunctionSpec['params'], returns: FunctionSpec['returns'], doc: string, example: { call: string; result: Value }): FunctionSpec {
  return {
    name,
    category: 'array',
    params,
    returns,
    doc,
    examples: [example],
    unsupported: DESTINATIONS_ONLY,
    pure: true,
    impl: () => fail(name, `${DESTINATIONS_ONLY.toLowerCase()}`),
  };
}

export const arrayFunctions: readonly FunctionSpec[] = [
  {
    name: 'coalesce',
    category: 'array',
    params: [variadic('INPUT', 'any', 'Candidate values, in order.')],
    returns: 'any',
    doc: 'Returns the first argument that is not null (null when all are).',
    examples: [{ call: 'coalesce(null, null, null, "first", null, "second")', result: 'first' }],
    pure: true,
    impl: (args) => args.find((a) => !isNull(a)) ?? null,
  },
  {
    name: 'first',
    category: 'array',
    params: [variadic('INPUT', 'any', 'The values, or one array.')],
    returns: 'any',
    doc: 'Returns the first of the arguments, or the first element when given one array.',
    examples: [{ call: 'first("1", "2", "3")', result: '1' }],
    pure: true,
    impl: (args) => candidates(args)[0] ?? null,
  },
  {
    name: 'last',
    category: 'array',
    params: [variadic('INPUT', 'any', 'The values, or one array.')],
    returns: 'any',
    doc: 'Returns the last of the arguments, or the last element when given one array.',
    examples: [{ call: 'last("1", "2", "3")', result: '3' }],
    pure: true,
    impl: (args) => {
      const c = candidates(args);
      return c[c.length - 1] ?? null;
    },
  },
  {
    name: 'add_to_array',
    category: 'array',
    params: [param('ARRAY', 'array', 'The array to add to; null counts as empty.'), variadic('VALUES', 'any', 'The elements to append (arrays are added as single elements).', { optional: true })],
    returns: 'array',
    doc: 'Returns a new array with the values appended to the end.',
    examples: [{ call: "add_to_array(['a', 'b'], 'c', 'd')", result: ['a', 'b', 'c', 'd'] }],
    pure: true,
    impl: (args) => [...(isNull(args[0]) ? [] : asArray('add_to_array', 'ARRAY', arg(args, 0))), ...args.slice(1)],
  },
  {
    name: 'join_arrays',
    category: 'array',
    params: [param('ARRAY', 'array', 'The first array; null counts as empty.'), variadic('VALUES', 'array', 'Arrays to append; a non-array value is appended as one element.', { optional: true })],
    returns: 'array',
    doc: 'Concatenates arrays into one.',
    examples: [{ call: "join_arrays(['a', 'b'], ['c'], ['d', 'e'])", result: ['a', 'b', 'c', 'd', 'e'] }],
    pure: true,
    impl: (args) => {
      const out: Value[] = isNull(args[0]) ? [] : [...asArray('join_arrays', 'ARRAY', arg(args, 0))];
      for (const a of args.slice(1)) {
        if (Array.isArray(a)) out.push(...a);
        else if (!isNull(a)) out.push(a);
      }
      return out;
    },
  },
  {
    name: 'to_array',
    category: 'array',
    params: [param('INCLUDE_NULLS', 'boolean', 'Whether null values are kept in the result.'), variadic('VALUES', 'any', 'The elements of the array.')],
    returns: 'array',
    doc: 'Makes an array of the values, keeping or dropping nulls.',
    examples: [{ call: 'to_array(false, 1, null, 2, 3)', result: [1, 2, 3] }],
    pure: true,
    impl: (args) => {
      const includeNulls = isNull(args[0]) ? false : asBoolean('to_array', 'INCLUDE_NULLS', arg(args, 0));
      const values = args.slice(1);
      return includeNulls ? values.map((v) => v ?? null) : values.filter((v) => !isNull(v));
    },
  },
  {
    name: 'size_of',
    category: 'array',
    params: [param('INPUT', ['array', 'object', 'map', 'string'], 'An array, object, map or string.')],
    returns: 'number',
    doc: 'Returns the number of elements of an array (keys of an object or map, characters of a string); 0 for null.',
    examples: [{ call: 'size_of([1, 2, 3, 4])', result: 4 }],
    pure: true,
    impl: (args) => {
      const v = arg(args, 0);
      if (isNull(v)) return 0;
      if (Array.isArray(v) || typeof v === 'string') return v.length;
      if (isMap(v)) return v.size;
      if (isPlainObject(v)) return Object.keys(v).length;
      return fail('size_of', `INPUT must be an array, object, map or string, got ${typeName(v)} ${preview(v)}`);
    },
  },
  {
    name: 'upsert_array_append',
    category: 'array',
    params: [param('ARRAY', 'array', 'The elements to append to the array in the profile.')],
    returns: 'array',
    doc: 'For Profile updates: appends the elements to the stored array. Source ingestion inserts records, so the input is returned unchanged.',
    examples: [{ call: 'upsert_array_append([123, 456])', result: [123, 456] }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : asArray('upsert_array_append', 'ARRAY', arg(args, 0))),
  },
  {
    name: 'upsert_array_replace',
    category: 'array',
    params: [param('ARRAY', 'array', 'The elements that replace the array in the profile.'), optional('POSITION', 'number', 'Accepted as in the AEP example; has no effect on insert.')],
    returns: 'array',
    doc: 'For Profile updates: replaces the stored array. Source ingestion inserts records, so the input is returned unchanged.',
    examples: [{ call: 'upsert_array_replace([123, 456], 1)', result: [123, 456] }],
    pure: true,
    impl: (args) => (isNull(args[0]) ? null : asArray('upsert_array_replace', 'ARRAY', arg(args, 0))),
  },
  destinationsOnly('array_to_string', [param('SEPARATOR', 'string', 'Placed between the elements.'), param('ARRAY', 'array', 'The array to join.')], 'string', 'Joins an array into a string (destinations only).', { call: 'array_to_string(",", ["a", "b"])', result: 'a,b' }),
  destinationsOnly('filterArray', [param('ARRAY', 'array', 'The array to filter.'), param('PREDICATE', 'any', 'A lambda such as item -> item.id != null.')], 'array', 'Keeps the elements that match a predicate (destinations only).', { call: 'filterArray([1, 2, 3], x -> x > 1)', result: [2, 3] }),
  destinationsOnly('transformArray', [param('ARRAY', 'array', 'The array to transform.'), param('FUNCTION', 'any', 'A lambda applied to each element.')], 'array', 'Transforms each element of an array (destinations only).', { call: 'transformArray([1, 2], x -> x * 10)', result: [10, 20] }),
  destinationsOnly('flattenArray', [param('ARRAY', 'array', 'A nested array.')], 'array', 'Flattens nested arrays into one array (destinations only).', { call: 'flattenArray([[1, 2], [3]])', result: [1, 2, 3] }),
];
