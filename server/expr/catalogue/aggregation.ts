/** Aggregation functions (reference/aep.md §2.4): min/max by natural ordering. */
import type { FunctionSpec, Value } from './spec';
import { variadic } from './build';
import { compareValues, isNull } from './values';

function extreme(name: 'min' | 'max'): FunctionSpec {
  const sign = name === 'min' ? -1 : 1;
  return {
    name,
    category: 'aggregation',
    params: [variadic('OPTIONS', ['number', 'string', 'boolean', 'datetime', 'array'], 'Values of one comparable type (numbers, strings, dates, booleans), or one array of them; nulls are ignored.')],
    returns: 'any',
    doc: `Returns the ${name === 'min' ? 'smallest' : 'largest'} of the arguments (natural ordering); null when all are null. Mixed types are an error.`,
    examples: [{ call: `${name}(3, 1, 4)`, result: name === 'min' ? 1 : 4 }],
    pure: true,
    impl: (args) => {
      const values = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args).filter((v) => !isNull(v));
      let best: Value = null;
      for (const v of values) if (best === null || sign * compareValues(name, v, best) > 0) best = v;
      return best;
    },
  };
}

export const aggregationFunctions: readonly FunctionSpec[] = [extreme('min'), extreme('max')];
