/**
 * For the CLI: find the nearest crmflow.yaml, read its connections and make the gateway
 * of one of them with CLI secrets (environment, then `.crmflow.env`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StructureValidator } from '../../dataflow/structure';
import { parseProject, PROJECT_FILE_NAMES, type ProjectModel } from '../../project/project';
import { SalesforceGateway, type GatewayOptions } from '../gateway/gateway';
import { proxySettingsFromEnv } from '../gateway/proxy';
import { connectionConfigFromDecl, type ConnectionConfig } from './connectionConfig';
import { CliSecretSource } from './secretSource';

export interface LoadedProject {
  root: string;
  file: string;
  model: ProjectModel;
}

export async function findProject(startDir: string): Promise<LoadedProject | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of PROJECT_FILE_NAMES) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue;
      }
      const { model } = parseProject(text, new StructureValidator());
      return { root: dir, file, model };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export type ConnectionLookup = { project: LoadedProject; config: ConnectionConfig } | { error: string };

/** The named connection of the project at or above `cwd`; errors are sentences for the user. */
export async function findConnection(cwd: string, name: string | undefined): Promise<ConnectionLookup> {
  const project = await findProject(cwd);
  if (!project) return { error: `no crmflow.yaml found in ${path.resolve(cwd)} or any folder above it` };
  const names = [...project.model.connections.keys()];
  if (!name) {
    if (names.length === 1) name = names[0];
    else return { error: names.length ? `name a connection: ${names.join(', ')}` : `${project.file} declares no connections` };
  }
  const decl = project.model.connections.get(name);
  if (!decl) return { error: `connection '${name}' is not declared in ${project.file}${names.length ? ` (declared: ${names.join(', ')})` : ''}` };
  const result = connectionConfigFromDecl(decl);
  return 'error' in result ? result : { project, config: result.config };
}

/** A gateway for the CLI: secrets from `CRMFLOW_<CONN>_<KEY>` variables and `.crmflow.env`. */
export function cliGateway(project: LoadedProject, config: ConnectionConfig, env: NodeJS.ProcessEnv, options: Omit<GatewayOptions, 'secrets'> = {}): SalesforceGateway {
  return new SalesforceGateway(config, { proxy: proxySettingsFromEnv(env), ...options, secrets: new CliSecretSource(project.root, env) });
}
