// The e2e suite (out/test/e2e) under desktop VS Code via @vscode/test-electron, for contributors
// with internet: it downloads VS Code into .vscode-test/ on first use (so it cannot run offline;
// offline, use scripts/e2e.sh). On a headless Linux box run it under `xvfb-run -a`.
// Env: VSCODE_VERSION (default 1.100.3, the code-server host's VS Code; "stable" for the newest),
//      VSCODE_EXECUTABLE (an installed VS Code binary instead of a download),
//      E2E_INCLUDE_FAILING=1 adds a deliberately failing test, E2E_KEEP_TMP=1 keeps the temp dir,
//      E2E_SKIP_BUILD=1 tests dist/ as it is (otherwise it is bundled first, as scripts/e2e.sh does).
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareE2eRun, REPO_ROOT } from './e2e-workspace.mjs';

if (process.env.E2E_SKIP_BUILD !== '1') {
  // a stale dist/ must not pass: the suite tests the bundles, not the sources
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('test:vscode: node scripts/build.mjs failed');
    console.log('0 passed, 1 failed (no test result)');
    process.exit(1);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-e2e-electron-'));
let exitCode = 1;
try {
  const { workspace, extraTests } = prepareE2eRun(tmp);
  exitCode = await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'e2e', 'index.js'),
    extensionTestsEnv: { E2E_EXTRA_TESTS: extraTests.join(process.platform === 'win32' ? ';' : ':') },
    // runTests itself adds --disable-workspace-trust, --skip-welcome and friends.
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development
      `--user-data-dir=${join(tmp, 'user')}`,
      `--extensions-dir=${join(tmp, 'exts')}`,
    ],
  });
} catch (err) {
  // TestRunFailedError: VS Code ran and exited non-zero (mocha already printed its result).
  if (err instanceof TestRunFailedError) console.error(`test:vscode: ${err.message}`);
  else {
    console.error(`test:vscode failed before tests could report: ${err instanceof Error ? err.message : err}`);
    console.log('0 passed, 1 failed (no test result)');
  }
} finally {
  if (process.env.E2E_KEEP_TMP === '1') console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode === 0 ? 0 : 1);
