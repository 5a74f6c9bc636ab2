/** `crmflow snapshot`: argument parsing and output around `snapshot()`. */
import * as path from 'node:path';
import { cliGateway, findConnection } from '../connections/projectConnections';
import { SalesforceError } from './errors';
import { snapshot } from './snapshot';

export const SNAPSHOT_USAGE = `Usage: crmflow snapshot [<connection>] [<Object>…] [options]

Fills the describe cache (.crmflow/metadata/<connection>/) for offline authoring and CI.
Without object names: every queryable object of describeGlobal except generated ones
(…ChangeEvent, …Share, …History, …Feed, …Tag), platform events, custom metadata and
custom settings. Unchanged entries are revalidated with If-Modified-Since.

Options:
  --all            every queryable object
  --force          fetch everything again, ignoring If-Modified-Since
  --project <dir>  start looking for crmflow.yaml here (default: the current folder)
  --concurrency N  describes in flight at once (default 4)
  --verbose        print gateway events (login, refresh, retries) to stderr
  -h, --help       this text

Secrets come from CRMFLOW_<CONNECTION>_<KEY> environment variables (e.g.
CRMFLOW_ACME_PASSWORD, CRMFLOW_ACME_SECURITY_TOKEN, CRMFLOW_ACME_REFRESH_TOKEN) or the
same names in the git-ignored .crmflow.env at the project root.
`;

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
}

interface SnapshotArgs {
  connection?: string;
  objects: string[];
  force: boolean;
  all: boolean;
  verbose: boolean;
  project?: string;
  concurrency?: number;
}

function parseArgs(argv: readonly string[]): SnapshotArgs | { help: true } | { error: string } {
  const args: SnapshotArgs = { objects: [], force: false, all: false, verbose: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return { help: true };
    else if (a === '--force') args.force = true;
    else if (a === '--all') args.all = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--project') {
      const v = argv[++i];
      if (!v) return { error: '--project needs a folder' };
      args.project = v;
    } else if (a === '--concurrency') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 32) return { error: '--concurrency needs a whole number from 1 to 32' };
      args.concurrency = n;
    } else if (a.startsWith('-')) return { error: `unknown option '${a}'` };
    else positional.push(a);
  }
  if (positional.length) args.connection = positional[0];
  args.objects = positional.slice(1);
  return args;
}

/** Runs `crmflow snapshot …`; resolves to the exit code (0 ok, 1 failed, 2 usage). Never throws. */
export async function runSnapshotCli(argv: readonly string[], io: CliIo): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(SNAPSHOT_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`crmflow snapshot: ${parsed.error}\n\n${SNAPSHOT_USAGE}`);
    return 2;
  }
  const found = await findConnection(path.resolve(io.cwd, parsed.project ?? '.'), parsed.connection);
  if ('error' in found) {
    err.write(`crmflow snapshot: ${found.error}\n`);
    return 2;
  }
  const { project, config } = found;
  const gateway = cliGateway(project, config, io.env, parsed.verbose ? { log: (line) => err.write(`${line}\n`) } : {});
  try {
    const result = await snapshot(gateway, project.root, parsed.objects, {
      force: parsed.force, all: parsed.all, ...(parsed.concurrency ? { concurrency: parsed.concurrency } : {}),
    });
    const rel = (p: string) => path.relative(io.cwd, p) || '.';
    io.stdout.write(`${config.name}: describeGlobal ${result.global} (${rel(path.join(result.dir, 'describeGlobal.json'))})\n`);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const o of result.objects) {
      if (o.outcome) counts[o.outcome]++;
      io.stdout.write(o.error ? `${config.name}: ${o.name} FAILED: ${o.error}\n` : `${config.name}: ${o.name} ${o.outcome}\n`);
    }
    const usage = result.apiUsage ? `; API usage ${result.apiUsage.used}/${result.apiUsage.max}` : '';
    io.stdout.write(`${config.name}: ${result.objects.length} objects in ${rel(result.dir)} (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${result.failed} failed)${usage}\n`);
    return result.failed ? 1 : 0;
  } catch (e) {
    const message = e instanceof SalesforceError ? e.message : gateway.redact(gateway.failure('snapshot', e).message);
    err.write(`crmflow snapshot: ${message}\n`);
    return 1;
  } finally {
    gateway.close();
  }
}
