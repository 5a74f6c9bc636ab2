/**
 * `crmflow demo`: the headless tour on the built-in emulator — start a local org, check
 * the example workspace like the editor does, and map sample records through it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mapSample } from '../ingest/sample';
import { cliGateway, findConnection } from '../salesforce/connections/projectConnections';
import { startEmulator } from '../salesforce/emulator/server';
import * as runtime from '../salesforce/runtime';
import { DataflowService } from '../service';
import { diskReader, findCheckableFiles } from './files';
import type { CliIo } from './io';
import { validatePaths } from './validateCommand';

const SAMPLE = 200;

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

    io.out(`\n2. Mapping ${SAMPLE} records of each dataflow from the emulator (REST query through the jsforce gateway)`);
    const service = new DataflowService(diskReader);
    for (const file of findCheckableFiles([workspace]).filter((f) => f.endsWith('.dataflow.yaml'))) {
      const analysis = service.analyse({ path: file, text: readFileSync(file, 'utf8') });
      const name = analysis.parsed.model.source?.connection?.value;
      const found = await findConnection(path.dirname(file), name);
      if ('error' in found) throw new Error(found.error);
      // the example's connection points at the emulator; this run's emulator has its own port
      const gateway = cliGateway(found.project, { ...found.config, kind: 'emulator', loginUrl: emulator.url }, io.env as NodeJS.ProcessEnv);
      try {
        const session = await gateway.connect();
        const sample = await mapSample(analysis, service.catalogue, gateway, runtime, { limit: SAMPLE, orgId: session.organizationId ?? emulator.orgId });
        const rejected = sample.records.filter((r) => r.errors.length > 0);
        const warned = sample.records.filter((r) => r.warnings.length > 0);
        io.out(`   ${path.relative(workspace, file)}: ${sample.object}, ${sample.fields.length} fields read, ${sample.records.length} records mapped, ${sample.records.length - rejected.length} valid XDM, ${rejected.length} rejected, ${warned.length} with warnings`);
        for (const r of rejected.slice(0, 3)) io.out(`     rejected ${r.id}: ${r.errors.map((e) => `${e.path} ${e.code}: ${e.message}`).join('; ')}`);
        if (sample.records[0]) io.out(indent(JSON.stringify(sample.records[0].output, null, 2), 5));
      } finally {
        await gateway.close();
      }
    }
    io.out('\nDone. Open examples/ in VS Code with the extension for the same checks as you type.');
    return 0;
  } finally {
    await emulator.close();
  }
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => pad + l).join('\n');
}
