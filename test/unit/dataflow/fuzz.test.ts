/** Thousands of mutated dataflows through parse → check: nothing throws, spans stay in bounds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ChunkCache } from '../../../server/dataflow/parse';
import { DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const seeds = ['contacts.dataflow.yaml', 'accounts.dataflow.yaml'].map((f) => readFileSync(path.join(DATAFLOWS, f), 'utf8'));
const file = path.join(DATAFLOWS, 'fuzz.dataflow.yaml');
const FRAGMENTS = ['\n', ' ', '  ', '- ', ': ', '"', "'", '#', '[', ']', '{', '}', '&a ', '*a', '!!str ', '|', '>', '${', '}', '(', ')', ',', 'concat(', 'iif(', '\\', '\t', '---\n', '? ', 'null', '\u0000', '\ud800', 'mappings:', 'target: ', 'source: ', 'expression: '];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), to: fc.nat() }),
);

function mutate(text: string, ms: Array<{ kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; len: number } | { kind: 'swapLines'; at: number; to: number }>): string {
  for (const m of ms) {
    if (m.kind === 'insert') {
      const i = m.at % (text.length + 1);
      text = text.slice(0, i) + m.text + text.slice(i);
    } else if (m.kind === 'delete') {
      const i = m.at % (text.length + 1);
      text = text.slice(0, i) + text.slice(i + m.len);
    } else {
      const lines = text.split('\n');
      const a = m.at % lines.length;
      const b = m.to % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      text = lines.join('\n');
    }
  }
  return text;
}

test('mutated dataflows never throw and every span is inside the text', () => {
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, ms) => {
      const text = mutate(seed, ms);
      const problems = service.analyse({ path: file, text }).problems;
      for (const p of problems) {
        assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length, `${p.code} ${JSON.stringify(p.span)} outside ${text.length}`);
        assert.equal(typeof p.message, 'string');
      }
    }),
    { numRuns: 1500, seed: 42 },
  );
});

test('chunked incremental parsing agrees with a whole-document parse on mutated files', () => {
  const cache = new ChunkCache();
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => {
      const text = mutate(seed, ms);
      const chunked = service.parser.parse(text, cache);
      const whole = service.parser.parse(text, new ChunkCache(), { chunked: false });
      // syntax errors may be worded differently when a chunk is parsed alone; the model must agree
      if (!whole.problems.some((p) => p.code.startsWith('yaml-')) && !chunked.problems.some((p) => p.code.startsWith('yaml-'))) {
        assert.deepEqual(chunked.model, whole.model);
        assert.deepEqual(chunked.problems.map((p) => p.code).sort(), whole.problems.map((p) => p.code).sort());
      }
    }),
    { numRuns: 800, seed: 7 },
  );
});

test('hostile inputs get a diagnostic or nothing, fast', () => {
  const hostile = [
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 256)).toString('latin1'),
    'dataflow: X\nmappings:\n' + '  - expression: "unterminated\n'.repeat(200),
    'a: &a [' + '*a,'.repeat(1000) + ']\n',
    '- '.repeat(10_000) + 'x\n',
    'dataflow: ' + '{'.repeat(10_000) + '\n',
    'mappings:\n  - expression: ' + 'concat('.repeat(5000) + '\n',
  ];
  for (const text of hostile) {
    const t0 = Date.now();
    assert.doesNotThrow(() => service.validate({ path: file, text }));
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  }
});
