import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateLargeSchema } from '../../../server/xdm/generate';
import { loadXdmSchema } from '../../../server/xdm/load';

// First in the file, so the first load is a cold one (each test file runs in its own process).
test('speed: loading a generated 3,000-path schema (printed, not asserted)', () => {
  const text = generateLargeSchema(3000);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const { schema } = loadXdmSchema(text);
    times.push(performance.now() - started);
    assert.equal(schema!.leaves().length, 3000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `xdm load, 3000 leaf paths (${(text.length / 1024).toFixed(0)} KiB): first ${times[0]!.toFixed(1)} ms, ` +
      `median ${sorted[3]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms`,
  );
});

test('the generated schema has exactly the requested leaf paths, mixed types and formats', () => {
  for (const count of [1, 25, 3000]) {
    const { schema, problems } = loadXdmSchema(generateLargeSchema(count));
    assert.deepEqual(problems, []);
    assert.equal(schema!.leaves().length, count);
  }
  const { schema } = loadXdmSchema(generateLargeSchema(3000));
  const leaves = schema!.leaves();
  assert.deepEqual(
    new Set(leaves.map((f) => f.xdmType)),
    new Set(['string', 'date', 'date-time', 'number', 'int', 'long', 'boolean']),
  );
  assert.deepEqual(new Set(leaves.map((f) => f.format).filter(Boolean)), new Set(['date', 'date-time', 'email', 'uri']));
  assert.ok(leaves.some((f) => f.enum) && leaves.some((f) => f.pattern) && leaves.some((f) => f.inArray));
  assert.ok(schema!.get('_bench.section0.block0.field0'));
  assert.equal(generateLargeSchema(300), generateLargeSchema(300));
});
