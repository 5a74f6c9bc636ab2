/** JSON functions (reference/aep.md §2.4). */
import type { FunctionSpec, Value } from './spec';
import { param } from './build';
import { arg, fail, isPlainObject, isNull, preview, typeName } from './values';

export const jsonFunctions: readonly FunctionSpec[] = [
  {
    name: 'json_to_object',
    category: 'json',
    params: [param('STRING', ['string', 'object'], 'The JSON text to deserialize.')],
    returns: 'object',
    doc: 'Deserializes JSON text into an object (or array); invalid JSON is an error.',
    examples: [{ call: 'json_to_object("{\\"info\\":{\\"firstName\\":\\"John\\",\\"lastName\\":\\"Doe\\"}}")', result: { info: { firstName: 'John', lastName: 'Doe' } } }],
    pure: true,
    impl: (args) => {
      const v = arg(args, 0);
      if (isNull(v)) return null;
      if (isPlainObject(v) || Array.isArray(v)) return v;
      if (typeof v !== 'string') return fail('json_to_object', `STRING must be JSON text, got ${typeName(v)} ${preview(v)}`);
      try {
        return JSON.parse(v) as Value;
      } catch (e) {
        return fail('json_to_object', `invalid JSON ${preview(v)}: ${(e as Error).message}`);
      }
    },
  },
];
