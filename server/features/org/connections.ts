/** The connections declared in the crmflow.yaml of each folder, with what the cache holds for them. */
import type { ConnectionInfo } from '../../../shared/protocol';
import { connectionConfigFromDecl } from '../../salesforce/connections/connectionConfig';
import type { Workspace } from '../../workspace/workspace';
import { pathToUri, projectIn, uriToPath } from './location';
import { cachedObjectNames } from './objects';
import { secretPrompts, usesBrowserSignIn } from './secretPrompts';

/** `isConnected(project, name)` tells whether the server holds a live session. */
export function listConnections(ws: Workspace, folders: readonly string[], isConnected: (project: string, name: string) => boolean = () => false): ConnectionInfo[] {
  const out: ConnectionInfo[] = [];
  const seen = new Set<string>();
  for (const folderUri of Array.isArray(folders) ? folders : []) {
    const folder = typeof folderUri === 'string' ? uriToPath(folderUri) : undefined;
    const project = folder ? projectIn(ws, folder) : undefined;
    if (!project || seen.has(project.root)) continue;
    seen.add(project.root);
    const projectUri = pathToUri(project.root);
    for (const decl of project.model.connections.values()) {
      const config = connectionConfigFromDecl(decl);
      const kind = decl.kind?.value ?? 'oauth';
      const objects = cachedObjectNames(ws, project.root, decl.name);
      const info: ConnectionInfo = {
        project: projectUri,
        name: decl.name,
        kind,
        loginUrl: 'config' in config ? config.config.loginUrl : decl.loginUrl?.value ?? '',
        apiVersion: 'config' in config ? config.config.apiVersion : decl.apiVersion?.value ?? '',
        projectFile: pathToUri(project.file),
        hasMetadata: objects.length > 0,
        objectCount: objects.length,
        secrets: secretPrompts(kind, {
          ...(decl.instanceUrl ? { instanceUrl: decl.instanceUrl.value } : {}),
          ...(decl.username ? { username: decl.username.value } : {}),
          ...(decl.clientId ? { clientId: decl.clientId.value } : {}),
        }),
        connected: isConnected(projectUri, decl.name),
        browserSignIn: usesBrowserSignIn(kind),
      };
      if (decl.username) info.username = decl.username.value;
      if ('error' in config) info.problem = config.error;
      out.push(info);
    }
  }
  return out;
}
