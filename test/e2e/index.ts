// Entry point the extension host calls (extensionTestsPath): runs every *.e2e.js next to this
// file with mocha and settles when mocha finishes; a rejection makes the host exit non-zero.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Extra compiled test files (path-delimited), e.g. the deliberate failure e2e.sh can add. */
const EXTRA_TESTS_ENV = 'E2E_EXTRA_TESTS';

/** Where the sources live (this file runs from out/test/e2e/). */
const SOURCE_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e');

function testFiles(): string[] {
  const own = fs
    .readdirSync(__dirname)
    // Outputs of renamed or deleted sources linger in out/; they must not run as ghosts.
    .filter((name) => name.endsWith('.e2e.js') && fs.existsSync(path.join(SOURCE_DIR, name.replace(/\.js$/, '.ts'))))
    .sort() // activation.e2e.js first: it checks that opening a dataflow activates the extension
    .map((name) => path.join(__dirname, name));
  const extra = (process.env[EXTRA_TESTS_ENV] ?? '').split(path.delimiter).filter((p) => p !== '');
  return [...own, ...extra];
}

export function run(): Promise<void> {
  // The host forwards console.log to the browser page, which the runner echoes; colours would be noise.
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  for (const file of testFiles()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const passes = runner.stats?.passes ?? 0;
        const failures = runner.stats?.failures ?? 0;
        // The closing line CI looks for (mocha's own "N passing" is not recognised).
        console.log(`${passes} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else if (passes === 0) reject(new Error('no e2e tests ran'));
        else resolve();
      });
    } catch (err) {
      console.log('0 passed, 1 failed');
      reject(err);
    }
  });
}
