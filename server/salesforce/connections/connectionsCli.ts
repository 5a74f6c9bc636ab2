/**
 * `crmflow connections [list]` and `crmflow connections test [<name>]`: the CLI side of
 * Connect / Test connection. Listing shows which secret variables are set, by name only.
 */
import * as path from 'node:path';
import { SalesforceError } from '../gateway/errors';
import { connectionConfigFromDecl, SECRETS_BY_KIND } from './connectionConfig';
import { cliGateway, findConnection, findProject } from './projectConnections';
import { CliSecretSource, secretVariableName } from './secretSource';

export const CONNECTIONS_USAGE = `Usage: crmflow connections [list]            the connections of crmflow.yaml and their secrets
       crmflow connections test [<name>]     log in, read the limits, show who we are

Options:
  --project <dir>  start looking for crmflow.yaml here (default: the current folder)
  --verbose        print gateway events to stderr

Secrets are never written in crmflow.yaml. For the CLI set CRMFLOW_<CONNECTION>_<KEY>
(e.g. CRMFLOW_ACME_PASSWORD, CRMFLOW_ACME_REFRESH_TOKEN, CRMFLOW_ACME_PRIVATE_KEY_FILE) in
the environment or in the git-ignored .crmflow.env at the project root.
`;

export interface ConnectionsCliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
}

/** Runs the command; resolves to the exit code (0 ok, 1 failed, 2 usage). Never throws. */
export async function runConnectionsCli(argv: readonly string[], io: ConnectionsCliIo): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const positional: string[] = [];
  let project = '.';
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      io.stdout.write(CONNECTIONS_USAGE);
      return 0;
    }
    if (a === '--verbose') verbose = true;
    else if (a === '--project') {
      const v = argv[++i];
      if (!v) {
        err.write('crmflow connections: --project needs a folder\n');
        return 2;
      }
      project = v;
    } else if (a.startsWith('-')) {
      err.write(`crmflow connections: unknown option '${a}'\n\n${CONNECTIONS_USAGE}`);
      return 2;
    } else positional.push(a);
  }
  const start = path.resolve(io.cwd, project);
  const command = positional[0] ?? 'list';
  if (command === 'list') return list(start, io);
  if (command === 'test') return test(start, positional[1], verbose, io);
  err.write(`crmflow connections: unknown command '${command}'\n\n${CONNECTIONS_USAGE}`);
  return 2;
}

async function list(start: string, io: ConnectionsCliIo): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const found = await findProject(start);
  if (!found) {
    err.write(`crmflow connections: no crmflow.yaml found in ${start} or any folder above it\n`);
    return 2;
  }
  const secrets = new CliSecretSource(found.root, io.env);
  if (found.model.connections.size === 0) io.stdout.write(`${found.file} declares no connections\n`);
  for (const decl of found.model.connections.values()) {
    const result = connectionConfigFromDecl(decl);
    if ('error' in result) {
      io.stdout.write(`${decl.name}: ${result.error}\n`);
      continue;
    }
    const c = result.config;
    const marks: string[] = [];
    for (const key of SECRETS_BY_KIND[c.kind]) {
      const set = (await secrets.get(c.name, key)) !== undefined;
      marks.push(`${secretVariableName(c.name, key)} ${set ? 'set' : 'unset'}`);
    }
    io.stdout.write(`${c.name}  ${c.kind}  ${c.loginUrl}  v${c.apiVersion}${c.username ? `  ${c.username}` : ''}\n  ${marks.join(', ')}\n`);
  }
  return 0;
}

async function test(start: string, name: string | undefined, verbose: boolean, io: ConnectionsCliIo): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const found = await findConnection(start, name);
  if ('error' in found) {
    err.write(`crmflow connections: ${found.error}\n`);
    return 2;
  }
  const gateway = cliGateway(found.project, found.config, io.env, verbose ? { log: (line) => err.write(`${line}\n`) } : {});
  try {
    const r = await gateway.testConnection();
    const who = r.username ? ` as ${r.username}` : '';
    const org = r.session.organizationId ? ` (org ${r.session.organizationId})` : '';
    const usage = r.apiUsage ? `, API usage ${r.apiUsage.used}/${r.apiUsage.max}` : '';
    io.stdout.write(`${found.config.name}: connected to ${r.session.instanceUrl}${who}${org}${usage}, ${r.elapsedMs} ms\n`);
    return 0;
  } catch (e) {
    const message = e instanceof SalesforceError ? e.message : gateway.failure('test', e).message;
    err.write(`crmflow connections: ${message}\n`);
    return 1;
  } finally {
    gateway.close();
  }
}
