/** Static values against XDM `pattern`s: checked as typed, except patterns that could backtrack for minutes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { EXAMPLES, exampleService } from '../../helpers/workspace';
import { covered, FILE, problemsOf } from './checkHelpers';

const SCHEMA = path.join(EXAMPLES, 'schemas', 'patterns.schema.json');
const schema = JSON.stringify({
  $id: 'https://ns.example.com/patterns', type: 'object', 'meta:xdmType': 'object',
  properties: {
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    slow: { type: 'string', pattern: '^(a+)+$' },
  },
});

const dataflow = (code: string, slow: string) => `dataflow: Patterns
source:
  connection: acme
  object: Contact
target:
  schema: ../schemas/patterns.schema.json
mappings:
  - value: ${code}
    target: code
  - value: ${slow}
    target: slow
`;

test('a value that breaks a plain pattern is reported on the value', () => {
  const text = dataflow('abcd', 'aaaa');
  const problems = problemsOf(text, exampleService({ [SCHEMA]: schema }), FILE);
  assert.deepEqual(covered(text, problems, ['static-value-invalid']), ['static-value-invalid: abcd']);
});

test('a pattern with nested quantifiers is not tried on the typed value, so checking stays fast', () => {
  const text = dataflow('ABC', `${'a'.repeat(40)}!`);
  const t0 = performance.now();
  const problems = problemsOf(text, exampleService({ [SCHEMA]: schema }), FILE);
  assert.ok(performance.now() - t0 < 1000);
  assert.deepEqual(covered(text, problems, ['static-value-invalid']), []);
});
