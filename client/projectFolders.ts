/**
 * The folders holding a crmflow.yaml: workspace folders and any sub-folder with one
 * (activation is `workspaceContains:**\/crmflow.yaml`). The server reads each one's
 * connections; the client only finds them, because finding files is the editor's job.
 */
import * as vscode from 'vscode';

const PROJECT_GLOB = '**/crmflow.{yaml,yml}';
const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_PROJECTS = 50;

export async function projectFolders(): Promise<string[]> {
  const found = new Set<string>();
  for (const f of vscode.workspace.workspaceFolders ?? []) found.add(f.uri.toString());
  try {
    for (const file of await vscode.workspace.findFiles(PROJECT_GLOB, EXCLUDE, MAX_PROJECTS)) {
      if (file.scheme === 'file') found.add(vscode.Uri.joinPath(file, '..').toString());
    }
  } catch {
    // a search provider may be missing (virtual workspaces): the workspace folders remain
  }
  return [...found].sort();
}

/** Calls `changed` when a crmflow.yaml appears, changes or goes away. */
export function watchProjects(changed: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB);
  const subs = [watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed), vscode.workspace.onDidChangeWorkspaceFolders(changed)];
  return { dispose: () => subs.forEach((d) => d.dispose()) };
}
