// Runs every *.test.ts under test/ (except the in-VS-Code e2e suite) with node's
// built-in test runner, transpiling TypeScript on the fly with tsx.
// Usage: node scripts/run-tests.mjs [folder-or-file ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const skip = new Set(['node_modules', 'e2e', 'vscode-host', 'fixtures']);
const files = [];
const walk = (p) => {
  if (statSync(p).isFile()) { if (p.endsWith('.test.ts')) files.push(p); return; }
  for (const name of readdirSync(p).sort()) if (!skip.has(name)) walk(join(p, name));
};
roots.forEach(walk);
if (files.length === 0) { console.error('no test files found'); process.exit(1); }
const env = { ...process.env };
// Tests talk to servers on 127.0.0.1 only; a proxy must never intercept loopback.
for (const k of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete env[k];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
