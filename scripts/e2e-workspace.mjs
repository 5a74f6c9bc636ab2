// Prepares the throwaway inputs of an e2e run in <tmp>, shared by scripts/e2e.sh (code-server)
// and scripts/test-electron.mjs (desktop VS Code):
//   <tmp>/workspace            copy of examples/ plus test/fixtures/broken/*.dataflow.yaml in dataflows/,
//                              and each test/fixtures/broken-<x>/ holding a crmflow.yaml as the project
//                              folder <workspace>/broken-<x>/ (a second project, e.g. one with a secret)
//   <tmp>/deliberate-failure.e2e.js   only with E2E_INCLUDE_FAILING=1, to prove a failure turns the run red
// CLI: node scripts/e2e-workspace.mjs <tmp>  → prints the value for E2E_EXTRA_TESTS (may be empty).
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const LOCAL_ONLY = /[\\/](\.crmflow[\\/](lake|secrets[^\\/]*)|\.crmflow\.env)([\\/]|$)/;

const DELIBERATE_FAILURE = `// Written by scripts/e2e-workspace.mjs because E2E_INCLUDE_FAILING=1; never committed.
const assert = require('assert');
suite('Deliberate failure (E2E_INCLUDE_FAILING=1)', () => {
  test('fails on purpose, so the run must exit non-zero', () => {
    assert.fail('deliberate failure');
  });
});
`;

/** @returns {{ workspace: string, extraTests: string[] }} */
export function prepareE2eRun(tmp, root = REPO_ROOT, includeFailing = process.env.E2E_INCLUDE_FAILING === '1') {
  const examples = join(root, 'examples');
  if (!existsSync(examples)) throw new Error(`missing ${examples}`);
  const workspace = join(tmp, 'workspace');
  // Local-only artefacts (git-ignored) stay behind: a data lake can be large, secrets are never copied.
  cpSync(examples, workspace, { recursive: true, filter: (src) => !LOCAL_ONLY.test(src.slice(examples.length)) });

  const broken = join(root, 'test', 'fixtures', 'broken');
  const dataflows = join(workspace, 'dataflows');
  for (const name of existsSync(broken) ? readdirSync(broken) : []) {
    if (!name.endsWith('.dataflow.yaml')) continue;
    // A fixture must not silently replace an example of the same name.
    if (existsSync(join(dataflows, name))) throw new Error(`fixture ${name} collides with examples/dataflows/${name}`);
    cpSync(join(broken, name), join(dataflows, name));
  }

  // Broken projects sit in sub-folders, so the example's own crmflow.yaml stays as it is.
  const fixtures = join(root, 'test', 'fixtures');
  for (const name of readdirSync(fixtures)) {
    if (!name.startsWith('broken-') || !existsSync(join(fixtures, name, 'crmflow.yaml'))) continue;
    if (existsSync(join(workspace, name))) throw new Error(`fixture project ${name}/ collides with examples/${name}`);
    cpSync(join(fixtures, name), join(workspace, name), { recursive: true });
  }

  const extraTests = [];
  if (includeFailing) {
    const file = join(tmp, 'deliberate-failure.e2e.js');
    writeFileSync(file, DELIBERATE_FAILURE);
    extraTests.push(file);
  }
  return { workspace, extraTests };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = process.argv[2];
  if (!tmp) { console.error('usage: node scripts/e2e-workspace.mjs <tmp-dir>'); process.exit(2); }
  const { extraTests } = prepareE2eRun(resolve(tmp));
  console.log(extraTests.join(process.platform === 'win32' ? ';' : ':'));
}
