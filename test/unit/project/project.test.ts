/** crmflow.yaml: the model, secrets, and the size limit shared with dataflows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { StructureValidator } from '../../../server/dataflow/structure';
import { parseProject } from '../../../server/project/project';

const structure = new StructureValidator();

/** A valid project file of about `bytes` characters (never more). */
function projectOf(bytes: number): string {
  let text = 'version: 1\nconnections:\n';
  for (let i = 0; ; i++) {
    const entry = `  org${i}:\n    kind: password\n    loginUrl: https://login.salesforce.com\n    username: user${i}@example.com\n`;
    if (text.length + entry.length > bytes) return text;
    text += entry;
  }
}

test('connections are read with their keys; a secret is reported on its key', () => {
  const text = 'version: 1\nconnections:\n  acme:\n    kind: password\n    username: a@example.com\n    password: hunter2\n';
  const { model, problems } = parseProject(text, structure);
  assert.deepEqual([...model.connections.keys()], ['acme']);
  assert.equal(model.connections.get('acme')?.username?.value, 'a@example.com');
  assert.deepEqual(problems.map((p) => [p.code, text.slice(p.span.start, p.span.end)]), [['project-secret', 'password']]);
});

test('a project file past the analysis limit is not parsed: one warning, an empty model, quickly', () => {
  const text = projectOf(MAX_ANALYSED_BYTES + 1000);
  assert.ok(text.length > MAX_ANALYSED_BYTES);
  const t0 = performance.now();
  const { model, problems } = parseProject(text, structure);
  const ms = performance.now() - t0;
  assert.deepEqual(problems.map((p) => [p.code, text.slice(p.span.start, p.span.end)]), [['yaml-too-large', 'version: 1']]);
  assert.equal(model.connections.size, 0);
  assert.ok(ms < 50, `took ${ms.toFixed(0)} ms`);
  // just under the limit it is read in full
  const under = projectOf(MAX_ANALYSED_BYTES);
  assert.ok(under.length <= MAX_ANALYSED_BYTES);
  assert.ok(parseProject(under, structure).model.connections.size > 2000);
});
