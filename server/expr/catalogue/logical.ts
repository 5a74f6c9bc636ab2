/** Logical functions (reference/aep.md §2.4 "Logical"). */
import type { FunctionSpec } from './spec';
import { optional, param, variadic } from './build';
import { arg, asBoolean, isNull, valuesEqual } from './values';

export const logicalFunctions: readonly FunctionSpec[] = [
  {
    name: 'decode',
    category: 'logical',
    params: [
      param('KEY', 'any', 'The value to look up.'),
      variadic('SEARCH', 'any', 'A value to compare KEY with (exact, case-sensitive; null matches null).'),
      variadic('RESULT', 'any', 'The result when KEY equals the SEARCH before it.'),
      optional('DEFAULT', 'any', 'Returned when no SEARCH matches (otherwise null).'),
    ],
    repeat: 2,
    returns: 'any',
    doc: 'Returns the RESULT paired with the first SEARCH equal to KEY, else DEFAULT (or null).',
    examples: [{ call: 'decode("ca", "ca", "California", "pa", "Pennsylvania", "N/A")', result: 'California' }],
    pure: true,
    impl: (args) => {
      const key = arg(args, 0);
      let i = 1;
      for (; i + 1 < args.length; i += 2) if (valuesEqual(arg(args, i), key)) return arg(args, i + 1);
      return i < args.length ? arg(args, i) : null;
    },
  },
  {
    name: 'iif',
    category: 'logical',
    params: [
      param('EXPRESSION', 'boolean', 'The condition; null counts as false.'),
      param('TRUE_VALUE', 'any', 'The result when the condition is true.'),
      param('FALSE_VALUE', 'any', 'The result when the condition is false or null.'),
    ],
    returns: 'any',
    doc: 'Returns TRUE_VALUE when the condition is true, otherwise FALSE_VALUE.',
    examples: [{ call: 'iif("s".equalsIgnoreCase("S"), "True", "False")', result: 'True' }],
    pure: true,
    impl: (args) => (!isNull(args[0]) && asBoolean('iif', 'EXPRESSION', arg(args, 0)) ? arg(args, 1) : arg(args, 2)),
  },
];
