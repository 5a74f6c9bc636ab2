// Runs an extension's mocha suite inside a running code-server: headless Chromium (playwright-core)
// opens the workbench with a `payload` that names the extension under development and the tests;
// the workbench calls window.codeAutomationExit(code) when the tests' run() settles.
// Usage: node scripts/run-vscode-tests.mjs <serverUrl> <extensionDevelopmentPath> <extensionTestsPath> <folder>
// Exit: 0 all passed, 1 tests failed, 2 no result (timeout, crash).
// Env: E2E_TIMEOUT_MS (default 150000), CHROMIUM (default /usr/bin/chromium),
//      E2E_BROWSER_PROFILE (profile dir; default a fresh temp dir), VERBOSE=1 (echo all console noise).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';

const [server, devPath, testsPath, folder] = process.argv.slice(2);
if (!server || !devPath || !testsPath) {
  console.error('usage: run-vscode-tests.mjs <serverUrl> <extensionDevelopmentPath> <extensionTestsPath> [folder]');
  process.exit(2);
}
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 150_000);
const started = Date.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForServer() {
  for (let attempt = 0; ; attempt++) {
    try { if ((await fetch(`${server}/healthz`)).ok) return; } catch { /* not listening yet */ }
    if (attempt >= 120) throw new Error(`code-server did not come up at ${server}`);
    await sleep(250);
  }
}

await waitForServer();
const query = folder ? `?folder=${encodeURIComponent(folder)}` : '';
// vscode-remote:// URIs need the server's remote authority (host:port for 4.100.3); the page states it.
const html = await (await fetch(`${server}/${query}`)).text();
const authority = /remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(html)?.[1] ?? new URL(server).host;
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];

const context = await chromium.launchPersistentContext(process.env.E2E_BROWSER_PROFILE ?? mkdtempSync(join(tmpdir(), 'chromium-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-proxy-server',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = context.pages()[0] ?? (await context.newPage());

// Extension-host output (the mocha report) and the workbench's own log both arrive as
// ('%c INFO', css, message); only the workbench's known chatter (sockets, offline gallery and
// telemetry errors) is held back, and shown if the run yields no result, or always with VERBOSE=1.
const CHATTER = new RegExp('^(' + [
  'Resolving connection token', 'Resolved connection token', 'Creating a socket', 'The web worker extension host',
  'Updating additional builtin extensions cache', '\\[Service Worker\\]', 'ChatSessionStore', 'Overwriting extension',
  'Failed to load resource', 'An iframe which', 'Found unexpected service worker', 'getaddrinfo ENOTFOUND',
  '.*(open-vsx\\.org|mobile\\.events\\.data\\.microsoft\\.com|update\\.code\\.visualstudio\\.com)',
].join('|') + ')');
const workbenchLines = [];
page.on('console', async (message) => {
  let values;
  try { values = await Promise.all(message.args().map((arg) => arg.jsonValue())); } catch { values = [message.text()]; }
  if (typeof values[0] === 'string' && values[0].startsWith('%c')) values = values.slice(2);   // log level + css
  const line = format(...values);
  if (process.env.VERBOSE || (line.trim() !== '' && !CHATTER.test(line))) console.log(line);
  else workbenchLines.push(line);
});
page.on('pageerror', (error) => workbenchLines.push(`page error: ${error.message}`));

let finish;
const finished = new Promise((resolve) => { finish = resolve; });
page.on('crash', () => finish('page crashed'));
page.on('close', () => finish('page closed'));
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
await page.goto(`${server}/${query}${query ? '&' : '?'}payload=${encodeURIComponent(JSON.stringify(payload))}`);

const timer = setTimeout(() => finish(`timeout after ${timeoutMs} ms`), Math.max(0, timeoutMs - (Date.now() - started)));
const code = await finished;
clearTimeout(timer);
// A numeric code means the tests ran and reported; anything else (timeout, crash) is the harness's problem.
const testsReported = typeof code === 'number';
if (!testsReported && !process.env.VERBOSE) {
  console.log(`--- last held-back workbench console lines (VERBOSE=1 shows all) ---\n${workbenchLines.slice(-40).join('\n')}\n---`);
}
if (!testsReported) console.log(`0 passed, 1 failed (no test result: ${code})`);   // so CI still sees a red closing line
console.log(`extension tests exit code: ${code} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
await context.close().catch(() => {});
process.exit(code === 0 ? 0 : testsReported ? 1 : 2);
