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
  // counts and positions far beyond any real string: must be refused, not allocated
  fc.constantFrom(3e9, 2 ** 31, 2 ** 53 + 2, 1e300, -3e9),
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

/**
 * A fixed seed per function (a hash of its name), so runs are repeatable while each
 * function still gets its own sequence of inputs rather than everyone sharing one.
 */
function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h | 0;
}

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
        { numRuns: 150, seed: seedOf(spec.name) },
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
        { numRuns: 150, seed: seedOf(`method ${m.name} ${m.receiver}`) },
      );
    }
  });
});

describe('extreme numbers in any argument position', () => {
  // every position, every arity up to four: a count, index or timestamp from data can be anything
  const extremes: Value[] = [3e9, 2 ** 31, 2 ** 53 + 2, 1e300, -3e9, '3000000000', 1e15];
  const fillers: Value[] = ['abc', 'yyyy-MM-dd', 'UTC', 2, null];
  for (const spec of catalogue.functions) {
    it(spec.name, () => {
      for (let at = 0; at < 4; at++) {
        for (const extreme of extremes) {
          for (const filler of fillers) {
            for (let count = at + 1; count <= 4; count++) {
              const args = Array.from({ length: count }, (_, i) => (i === at ? extreme : filler));
              try {
                const out = spec.impl(args, ctx);
                if (typeof out === 'string') assert.ok(out.length <= 1_000_000, `${spec.name}(${args.join(', ')}) built ${out.length} characters`);
              } catch (e) {
                if (!(e instanceof FunctionError)) throw e;
                assert.doesNotMatch(e.message, /^unexpected failure/, `${spec.name}(${args.join(', ')}) crashed`);
              }
            }
          }
        }
      }
    });
  }
});
