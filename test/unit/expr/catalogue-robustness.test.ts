/** Property: whatever values reach an implementation, it returns a Value or raises a FunctionError. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FunctionError } from '../../../server/expr/catalogue';
import type { Value } from '../../../server/expr/catalogue';
import { zonedFromEpoch } from '../../../server/expr/catalogue/dates';
import { catalogue, ctx } from './catalogue-helpers';

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom('2019-10-23', '2019-10-23 11:24', 'UTC', 'America/Los_Angeles', 'yyyy-MM-dd', 'http://a.com:8/x?y=1#z', '[a-', '(?i)x', 'MM', 'append', 'UTF-16', '{"a":1}', 'yes', ','),
  fc.double(),
  fc.integer({ min: -5, max: 40 }),
  fc.boolean(),
  fc.integer({ min: -1e15, max: 1e15 }).map((ms): Value => zonedFromEpoch(ms)),
);

const value: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'type', 'k', '__proto__'), tie('v'), { maxKeys: 3 }) as fc.Arbitrary<Value>,
    fc.array(fc.tuple(fc.string({ maxLength: 3 }), tie('v')), { maxLength: 3 }).map((e): Value => new Map(e)),
  ),
})).v;

function containsUndefined(v: unknown): boolean {
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.some(containsUndefined);
  if (v instanceof Map) return [...v.values()].some(containsUndefined);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(containsUndefined);
  return false;
}

describe('implementations never fail unexpectedly', () => {
  for (const spec of catalogue.functions) {
    it(spec.name, () => {
      fc.assert(
        fc.property(fc.array(value, { maxLength: 5 }), (args) => {
          try {
            const out = spec.impl(args, ctx);
            assert.ok(!containsUndefined(out), `undefined in result of ${spec.name}`);
          } catch (e) {
            if (!(e instanceof FunctionError)) throw e;
            // the catalogue's safety net turns crashes into FunctionErrors; none should need it
            assert.doesNotMatch(e.message, /^unexpected failure/, `${spec.name} crashed`);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('methods too', () => {
    for (const m of catalogue.methods) {
      fc.assert(
        fc.property(value, fc.array(value, { maxLength: 2 }), (receiver, args) => {
          try {
            assert.ok(!containsUndefined(m.impl(receiver, args, ctx)));
          } catch (e) {
            if (!(e instanceof FunctionError)) throw e;
            assert.doesNotMatch(e.message, /^unexpected failure/, `${m.name} crashed`);
          }
        }),
        { numRuns: 150 },
      );
    }
  });
});
