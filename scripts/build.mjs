// Bundles the extension client, the language server and the CLI with esbuild.
// Type checking is `tsc -b`'s job; this only transpiles and bundles.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // smaller bundles load faster and keep the editor's server process lean; the maps keep stacks readable
  minify: true,
  logLevel: 'warning',
  // Native or VS Code-provided modules are loaded at run time, never bundled.
  external: ['vscode', '@duckdb/node-api', '@duckdb/node-bindings*'],
};
const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/server.ts'], outfile: 'dist/server.js' },
  // jsforce and the gateway, loaded by the server on first use (server/salesforce/loadRuntime.ts)
  { entryPoints: ['server/salesforce/runtime.ts'], outfile: 'dist/salesforce.js' },
  { entryPoints: ['server/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
