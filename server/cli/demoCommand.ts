/**
 * `crmflow demo`: the headless tour on the built-in emulator — start a local org, check
 * the example workspace like the editor does, and map sample records through it.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../salesforce/emulator/server';
import type { CliIo } from './io';
import { validatePaths } from './validateCommand';

/** The example workspace next to the built CLI (dist/cli.js → examples/) or the sources. */
export function exampleWorkspace(): string {
  for (const c of [path.resolve(__dirname, '..', 'examples'), path.resolve(__dirname, '..', '..', 'examples')]) {
    if (existsSync(path.join(c, 'crmflow.yaml'))) return c;
  }
  throw new Error('the example workspace (examples/crmflow.yaml) was not found next to the CLI');
}

export async function runDemo(args: string[], io: CliIo): Promise<number> {
  const workspace = args.find((a) => !a.startsWith('--')) ?? exampleWorkspace();
  const emulator = await startEmulator({ port: 0, seed: 1, records: 1000 });
  try {
    io.out(`Salesforce emulator: ${emulator.url} (org ${emulator.orgId}, API v${emulator.apiVersion})`);
    io.out(`\n1. Checking ${path.relative(io.cwd, workspace) || workspace} like the editor does`);
    const reports = validatePaths([workspace]);
    let errors = 0;
    for (const r of reports) {
      const e = r.problems.filter((p) => p.severity === 'error').length;
      const w = r.problems.filter((p) => p.severity === 'warning').length;
      errors += e;
      io.out(`   ${path.relative(workspace, r.file)}: ${e} error(s), ${w} warning(s)`);
      for (const p of r.problems) io.out(`     ${p.line}:${p.col} ${p.severity} ${p.code}: ${p.message}`);
    }
    if (errors > 0) {
      io.err('The example workspace has errors; fix them before running it.');
      return 1;
    }
    return 0;
  } finally {
    await emulator.close();
  }
}
