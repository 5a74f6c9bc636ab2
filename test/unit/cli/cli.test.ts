/** The headless CLI: validate and the demo on the built-in emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runDemo } from '../../../server/cli/demoCommand';
import type { CliIo } from '../../../server/cli/io';
import { runValidate } from '../../../server/cli/validateCommand';
import { BROKEN, EXAMPLES, ROOT } from '../../helpers/workspace';

for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[k];

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { cwd: ROOT, env: {}, out: (l) => lines.push(l), err: (l) => errors.push(l), lines, errors };
}

test('validate: the example workspace is clean (exit 0)', () => {
  const io = captureIo();
  assert.equal(runValidate([EXAMPLES], io), 0);
  assert.match(io.lines.at(-1)!, /3 file\(s\) checked: 0 error\(s\)/);
});

test('validate: broken fixtures print file:line:col and exit 1; --json is machine-readable', () => {
  const io = captureIo();
  assert.equal(runValidate([path.join(BROKEN, 'broken-structure.dataflow.yaml')], io), 1);
  assert.ok(io.lines.some((l) => /broken-structure\.dataflow\.yaml:\d+:\d+ error structure-unknown-key: Unknown key 'objekt'/.test(l)), io.lines.join('\n'));
  const json = captureIo();
  runValidate([path.join(BROKEN, 'broken-structure.dataflow.yaml'), '--json'], json);
  const parsed = JSON.parse(json.lines.join('\n'));
  assert.ok(parsed[0].problems.some((p: { code: string; line: number }) => p.code === 'structure-enum' && p.line > 1));
});

test('demo: the example dataflows map emulator records into valid XDM', async () => {
  const io = captureIo();
  assert.equal(await runDemo([], io), 0, io.errors.join('\n'));
  const text = io.lines.join('\n');
  assert.match(text, /accounts\.dataflow\.yaml: Account, \d+ fields read, 200 records mapped, 200 valid XDM, 0 rejected/);
  assert.match(text, /contacts\.dataflow\.yaml: Contact, \d+ fields read, 200 records mapped, 200 valid XDM, 0 rejected/);
  assert.match(text, /"sourceKey": "003\w+@00D\w+\.Salesforce"/);
});
