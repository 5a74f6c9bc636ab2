// Builds the VSIX: bundles with esbuild, proves the bundles run without node_modules, packages
// with vsce (--no-dependencies: everything is inside dist/), then checks what the VSIX holds.
// Usage: node scripts/package.mjs [--no-build] [--out <file.vsix>]
// Prints the VSIX path and size; exits non-zero when a check fails.
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const VSIX = resolve(ROOT, outArg >= 0 ? args[outArg + 1] : `${manifest.name}-${manifest.version}.vsix`);
const BUNDLES = ['dist/client.js', 'dist/server.js', 'dist/salesforce.js', 'dist/cli.js'];
/** Provided by the host at run time, never bundled. */
const HOST_MODULES = new Set(['vscode']);

/** What must and must not be inside (paths relative to the VSIX's extension/ folder). */
// vsce stores README.md as readme.md and LICENSE as LICENSE.txt.
const REQUIRED = [...BUNDLES, 'package.json', 'readme.md', 'LICENSE.txt', 'language-configuration.json',
  'syntaxes/crm-dataflow.tmLanguage.json', 'syntaxes/dataprep.tmLanguage.json', 'schemas/dataflow.schema.json',
  'schemas/crmflow.schema.json', 'examples/crmflow.yaml', 'examples/dataflows/contacts.dataflow.yaml'];
const FORBIDDEN = /(^|\/)(node_modules|test|out|bench|scripts|server|client|shared|\.ci)\/|\.(ts|map|vsix)$|(^|\/)\.crmflow\/(lake|secrets)|\.crmflow\.env$/;

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };
const step = (name) => console.log(`package: ${name}`);

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited ${result.status ?? result.signal}`);
}

/**
 * Package names the bundle require()s at run time. Not calls: `require("…")` inside code strings
 * (ajv's standalone templates) and in comments (jsforce's doc examples). A require right after
 * `try {` is an optional dependency its library does without (node-fetch's `encoding`).
 */
function bundledPackageRequires(file) {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const required = new Set();
  const optional = new Set();
  lines.forEach((line, index) => {
    if (/^\s*(\*|\/\/)/.test(line)) return;
    for (const m of line.matchAll(/(?<![`'"\w.])require\(\s*["']([^"']+)["']\s*\)/g)) {
      const id = m[1].replace(/^node:/, '');
      if (builtinModules.includes(id) || builtinModules.includes(id.split('/')[0]) || HOST_MODULES.has(id)) continue;
      // `try {` on the line before, or just before on the same line once minified
      const guarded = /\btry\s*\{\s*$/.test(lines[index - 1] ?? '') || /\btry\s*\{[^{}]{0,40}$/.test(line.slice(Math.max(0, m.index - 60), m.index));
      (guarded ? optional : required).add(m[1]);
    }
  });
  return { required: [...required], optional: [...optional] };
}

/** Starts the server copy over stdio and waits for its initialize result. */
function serverAnswersInitialize(serverJs, cwd) {
  return new Promise((resolveAnswer) => {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const finish = (result) => { clearTimeout(timer); child.kill('SIGKILL'); resolveAnswer(result); };
    const timer = setTimeout(() => finish({ ok: false, why: `no initialize result in 15 s; stderr: ${err.slice(-500)}` }), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (/"capabilities"/.test(out)) finish({ ok: true });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => finish({ ok: false, why: `exited ${code} before answering; stderr: ${err.slice(-500)}` }));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** Entry names and contents of a zip (central directory; stored or deflated entries). */
function readZip(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeader = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
    const raw = buffer.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, { compressedSize, read: () => (method === 0 ? raw : inflateRawSync(raw)) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const started = Date.now();

if (!args.includes('--no-build')) {
  step('bundling with esbuild (scripts/build.mjs)');
  run(process.execPath, ['scripts/build.mjs']);
}

step('checking that the bundles need no node_modules');
for (const file of BUNDLES) {
  check(statSync(join(ROOT, file), { throwIfNoEntry: false })?.isFile(), `${file} is missing`);
  const { required, optional } = bundledPackageRequires(file);
  check(required.length === 0, `${file} requires packages at run time: ${required.join(', ')}`);
  if (optional.length > 0) console.log(`package:   ${file}: optional requires its libraries guard with try/catch: ${optional.join(', ')}`);
}
// A copy far from any node_modules folder: a require the bundle did not inline fails here.
const isolated = mkdtempSync(join(tmpdir(), 'crmflow-bundle-'));
try {
  cpSync(join(ROOT, 'dist', 'server.js'), join(isolated, 'dist', 'server.js'));
  cpSync(join(ROOT, 'dist', 'cli.js'), join(isolated, 'dist', 'cli.js'));
  cpSync(join(ROOT, 'dist', 'salesforce.js'), join(isolated, 'dist', 'salesforce.js'));
  cpSync(join(ROOT, 'examples'), join(isolated, 'examples'), { recursive: true });
  const validate = spawnSync(process.execPath, ['dist/cli.js', 'validate', 'examples'], { cwd: isolated, encoding: 'utf8', timeout: 60_000 });
  check(validate.status === 0 && /0 error\(s\)/.test(validate.stdout), `isolated cli.js validate failed (exit ${validate.status}): ${validate.stdout}${validate.stderr}`);
  const init = await serverAnswersInitialize(join(isolated, 'dist', 'server.js'), isolated);
  check(init.ok, `isolated server.js did not initialize: ${init.why}`);
  // the Salesforce runtime the server loads on first use (server/salesforce/loadRuntime.ts)
  const runtime = spawnSync(process.execPath, ['-e', "const r = require('./dist/salesforce.js'); if (typeof r.SalesforceGateway !== 'function') process.exit(3)"], { cwd: isolated, encoding: 'utf8', timeout: 60_000 });
  check(runtime.status === 0, `isolated salesforce.js does not load (exit ${runtime.status}): ${runtime.stderr}`);
} finally {
  rmSync(isolated, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const f of failures) console.error(`package: FAILED: ${f}`);
  process.exit(1);
}

step(`vsce package --no-dependencies → ${VSIX}`);
rmSync(VSIX, { force: true });
const vsceArgs = ['package', '--no-dependencies', '--out', VSIX];
// Without a repository URL vsce cannot make README links absolute (and refuses relative images);
// the README's screenshots then show on GitHub but not in the Extensions view, which does not
// resolve relative links against the extension folder (tried on VS Code 1.100), so docs/ stays out.
if (!manifest.repository) vsceArgs.push('--allow-missing-repository', '--no-rewrite-relative-links');
run(join(ROOT, 'node_modules', '.bin', 'vsce'), vsceArgs, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } });

step('checking the VSIX contents');
const vsix = readFileSync(VSIX);
const entries = readZip(vsix);
const files = [...entries.keys()].filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
for (const file of REQUIRED) check(files.includes(file), `${file} is not in the VSIX`);
for (const file of files) check(!FORBIDDEN.test(file), `${file} must not be in the VSIX`);
const packaged = JSON.parse(entries.get('extension/package.json').read().toString('utf8'));
check(files.includes(packaged.main.replace(/^\.\//, '')), `main ${packaged.main} is not in the VSIX`);
for (const g of packaged.contributes?.grammars ?? []) check(files.includes(g.path.replace(/^\.\//, '')), `grammar ${g.path} is not in the VSIX`);
for (const l of packaged.contributes?.languages ?? []) {
  if (l.configuration) check(files.includes(l.configuration.replace(/^\.\//, '')), `language configuration ${l.configuration} is not in the VSIX`);
}
// Icons of view containers, views and commands: a missing file shows as an empty activity-bar slot.
const iconPaths = (value) => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? [value.light, value.dark] : []).filter((p) => typeof p === 'string' && /\.(svg|png)$/i.test(p));
const contributedIcons = [
  packaged.icon,
  ...Object.values(packaged.contributes?.viewsContainers ?? {}).flat().map((c) => c.icon),
  ...Object.values(packaged.contributes?.views ?? {}).flat().map((v) => v.icon),
  ...(packaged.contributes?.commands ?? []).map((c) => c.icon),
].flatMap(iconPaths);
for (const icon of new Set(contributedIcons)) check(files.includes(icon.replace(/^\.\//, '')), `icon ${icon} is not in the VSIX`);
if (failures.length > 0) {
  for (const f of failures) console.error(`package: FAILED: ${f}`);
  process.exit(1);
}

const largest = files
  .map((f) => ({ f, size: entries.get(`extension/${f}`).compressedSize }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 3)
  .map(({ f, size }) => `${f} ${kb(size)}`)
  .join(', ');
console.log(`package: ${VSIX}: ${kb(vsix.length)} (${vsix.length} bytes), ${files.length} files; largest compressed: ${largest}`);
console.log(`package: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
