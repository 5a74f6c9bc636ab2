/**
 * Connections as the org features see them: protocol refs carry the project folder as a
 * file URI; the workspace reads files by absolute path. These convert at that seam and
 * find the connection's declaration in the project's crmflow.yaml.
 */
import * as path from 'node:path';
import { pathToUri, uriToPath } from '../../util/uris';
import type { ConnectionRef } from '../../../shared/protocol';
import type { ConnectionDecl } from '../../project/project';
import type { ProjectInfo, Workspace } from '../../workspace/workspace';

export { pathToUri, uriToPath } from '../../util/uris';

export interface ResolvedConnection {
  ref: ConnectionRef;
  project: ProjectInfo;
  decl: ConnectionDecl;
}

/** The project whose crmflow.yaml sits in `folder` (not above it: each folder is a project of its own). */
export function projectIn(ws: Workspace, folder: string): ProjectInfo | undefined {
  const project = ws.projectFor(path.join(folder, 'crmflow.yaml'));
  return project && path.resolve(project.root) === path.resolve(folder) ? project : undefined;
}

export type Resolution = { ok: true; value: ResolvedConnection } | { ok: false; message: string };

/** The declaration behind a ref, or a message saying what is missing. */
export function resolveConnection(ws: Workspace, ref: ConnectionRef): Resolution {
  const folder = uriToPath(ref?.project ?? '');
  if (!folder) return { ok: false, message: `'${String(ref?.project)}' is not a folder on disk.` };
  const project = projectIn(ws, folder);
  if (!project) return { ok: false, message: `No crmflow.yaml in ${folder}.` };
  const decl = project.model.connections.get(ref.name);
  if (!decl) {
    const known = [...project.model.connections.keys()];
    return { ok: false, message: `Connection '${ref.name}' is not declared in ${project.file}.${known.length ? ` Declared: ${known.join(', ')}.` : ''}` };
  }
  return { ok: true, value: { ref: { project: pathToUri(project.root), name: decl.name }, project, decl } };
}
