// UI checks in a real browser against a fresh code-server with the packaged VSIX installed:
// packages (scripts/package.mjs), installs it with --install-extension into a throwaway profile,
// opens a throwaway copy of examples/ (plus the broken fixtures; its emulator connection pointed
// at a local emulator started for the run), and runs test/ui/checks.mjs in headless Chromium,
// saving screenshots. Not part of `npm test`.
// Usage: node test/ui/run.mjs [--no-build] [--no-package] [--update-screenshots]
//   --no-build            package the dist/ already built
//   --no-package          use the existing <name>-<version>.vsix
//   --update-screenshots  also write the screenshots to docs/screenshots/ (the README's)
// Env: UI_TIMEOUT_MS (whole run, default 240000), UI_KEEP_TMP=1, CHROMIUM, CODE_SERVER, VERBOSE=1.
// Prints `N passed, N failed`; exits 0 only when every check passed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { prepareE2eRun } from '../../scripts/e2e-workspace.mjs';
import { CHECKS } from './checks.mjs';
import { installExtension, profileIn, startCodeServer } from './codeServer.mjs';
import { pointConnectionAt, startEmulator } from './emulator.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
const CODE_SERVER = process.env.CODE_SERVER ?? join(ROOT, 'test', 'vscode-host', 'node_modules', '.bin', 'code-server');
const SHOTS_OUT = join(ROOT, 'out', 'ui', 'screenshots');
const SHOTS_DOCS = join(ROOT, 'docs', 'screenshots');
const SCREENSHOT_MAX_BYTES = 150 * 1024;
const VIEWPORT = { width: 1280, height: 800 };
const RUN_TIMEOUT_MS = Number(process.env.UI_TIMEOUT_MS ?? 240_000);
/** The example's connection of kind emulator, and how many Contacts the emulator generates. */
const EMULATOR_CONNECTION = 'acme';
const EMULATOR_RECORDS = 30;

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`ui: ${m}`);

let passed = 0;
let failed = 0;
let timedOut = false;
const cleanups = [];
async function cleanUp() {
  while (cleanups.length > 0) await cleanups.pop()().catch((e) => log(`cleanup: ${e.message}`));
}
// The hard stop: whatever hangs, the run ends, red, with its processes gone.
const hardStop = setTimeout(async () => {
  timedOut = true;
  log(`TIMEOUT after ${RUN_TIMEOUT_MS} ms; stopping`);
  await cleanUp();
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(2);
}, RUN_TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { await cleanUp(); process.exit(130); });

async function main() {
  if (!args.includes('--no-package')) {
    log('packaging the VSIX');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), ...(args.includes('--no-build') ? ['--no-build'] : [])], { cwd: ROOT, encoding: 'utf8' });
    const summary = (result.stdout ?? '').split('\n').filter((l) => l.startsWith('package:')).join('\n');
    if (result.status !== 0) throw new Error(`npm run package failed:\n${summary}\n${result.stderr}`);
    log(`${summary.split('\n').find((l) => l.includes('.vsix:')) ?? 'packaged'} (${seconds()})`);
  }
  statSync(VSIX);

  const tmp = mkdtempSync(join(tmpdir(), 'crmflow-ui-'));
  cleanups.push(async () => {
    if (process.env.UI_KEEP_TMP === '1') log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
  const dirs = profileIn(tmp);
  const installed = installExtension(CODE_SERVER, dirs, VSIX, EXTENSION_ID);
  log(`installed ${installed} into a fresh extensions folder (${seconds()})`);
  const { workspace } = prepareE2eRun(tmp, ROOT, false);
  // the example's emulator connection reaches a local emulator: Preview Records shows its rows
  const emulator = await startEmulator(ROOT, EMULATOR_RECORDS);
  cleanups.push(emulator.stop);
  pointConnectionAt(workspace, EMULATOR_CONNECTION, emulator.url);
  log(`emulator up at ${emulator.url} for connection '${EMULATOR_CONNECTION}' (${seconds()})`);
  const server = await startCodeServer(CODE_SERVER, dirs, workspace);
  cleanups.push(server.stop);
  log(`code-server up at ${server.url} (${seconds()})`);

  const context = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: VIEWPORT,
    env: { ...process.env, HOME: dirs.home },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-proxy-server',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLines = [];
  page.on('console', (m) => { consoleLines.push(m.text()); if (process.env.VERBOSE) console.log(`browser: ${m.text()}`); });
  page.on('pageerror', (e) => consoleLines.push(`page error: ${e.message}`));

  rmSync(SHOTS_OUT, { recursive: true, force: true });   // no stale FAILED-*.png from an earlier run
  mkdirSync(SHOTS_OUT, { recursive: true });
  const update = args.includes('--update-screenshots');
  if (update) mkdirSync(SHOTS_DOCS, { recursive: true });
  const ctx = {
    manifest,
    workspace,
    emulatorRecords: EMULATOR_RECORDS,
    /** Saves the page, or only the box around the parts `selectors` name (smaller files). */
    async screenshot(name, selectors = []) {
      const file = join(SHOTS_OUT, `${name}.png`);
      const boxes = (await Promise.all(selectors.map((s) => page.locator(s).first().boundingBox()))).filter((b) => b);
      const clip = boxes.length === 0 ? undefined : (() => {
        const x = Math.min(...boxes.map((b) => b.x));
        const y = Math.min(...boxes.map((b) => b.y));
        return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
      })();
      await page.screenshot({ path: file, animations: 'disabled', ...(clip ? { clip } : {}) });
      const bytes = statSync(file).size;
      if (bytes > SCREENSHOT_MAX_BYTES) throw new Error(`screenshot ${name}.png is ${Math.round(bytes / 1024)} KB, over ${SCREENSHOT_MAX_BYTES / 1024} KB`);
      if (update) copyFileSync(file, join(SHOTS_DOCS, `${name}.png`));
      log(`  screenshot ${relative(ROOT, update ? join(SHOTS_DOCS, `${name}.png`) : file)} (${Math.round(bytes / 1024)} KB)`);
    },
  };

  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  for (const check of CHECKS) {
    if (timedOut) return;
    const checkStarted = Date.now();
    try {
      const note = await check.run(page, ctx);
      passed++;
      log(`✔ ${check.name}${note ? ` — ${note}` : ''} (${Date.now() - checkStarted} ms)`);
    } catch (error) {
      if (timedOut) return;   // the browser was closed under it; the hard stop reports
      failed++;
      log(`✘ ${check.name} (${Date.now() - checkStarted} ms)\n    ${String(error?.message ?? error).split('\n').join('\n    ')}`);
      const shot = join(SHOTS_OUT, `FAILED-${CHECKS.indexOf(check) + 1}.png`);
      await page.screenshot({ path: shot }).then(() => log(`    screen at the failure: ${relative(ROOT, shot)}`), () => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  if (failed > 0 && !process.env.VERBOSE) log(`last browser console lines:\n  ${consoleLines.slice(-15).join('\n  ')}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (timedOut) await new Promise(() => {});   // the hard stop owns the exit
  failed++;
  log(`setup failed: ${error?.stack ?? error}`);
}
if (timedOut) await new Promise(() => {});
await cleanUp();
clearTimeout(hardStop);
log(`done in ${seconds()}`);
console.log(`${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) exitCode = 1;
process.exit(exitCode);
