// What the org suites share: the parts of shared/protocol.ts and of the extension's exported API
// (client/extension.ts CrmDataflowsApi) they read — the e2e project compiles on its own, so these
// are restated here — a walk of the org tree, and the local Salesforce emulator (dist/cli.js).
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import { activeExtensionApi, DIAGNOSTICS_TIMEOUT_MS, nextDiagnosticsChange, REPO_ROOT } from './workspace';
import { withTimeout } from './waitFor';

export interface ConnectionRef {
  project: string;
  name: string;
}

export interface OrgTreeNode {
  id: string;
  label: string;
  description?: string;
  contextValue: string;
  apiName?: string;
  ref: { connection?: ConnectionRef; object?: string; rootObject?: string };
}

export interface OrgStatus {
  connection: ConnectionRef;
  state: 'connected' | 'disconnected' | 'error';
  username?: string;
  apiUsage?: { used: number; max: number };
}

export interface PreviewRecordsResult {
  connection: ConnectionRef;
  object: string;
  soql: string;
  columns: string[];
  rows: string[][];
}

/** client/extension.ts CrmDataflowsApi. */
export interface OrgApi {
  serverReady: Promise<void>;
  orgTree: {
    getChildren(node?: OrgTreeNode): Promise<OrgTreeNode[]>;
    getTreeItem(node: OrgTreeNode): vscode.TreeItem;
    handleDrag(nodes: readonly OrgTreeNode[], data: vscode.DataTransfer): void;
  };
  secrets: { keys(connection: ConnectionRef): Promise<string[]>; holds(connection: ConnectionRef, key: string, value: string): Promise<boolean> };
  statusBarText(): string | undefined;
  mappingDrop: vscode.DocumentDropEditProvider;
}

/** shared/protocol.ts FIELD_MIME_TYPE: what a field dragged from the org tree carries. */
export const FIELD_MIME_TYPE = 'application/vnd.crmdataflows.field+json';

export async function orgApi(): Promise<OrgApi> {
  const a = (await activeExtensionApi()) as unknown as OrgApi;
  assert.ok(a.orgTree && typeof a.orgTree.getChildren === 'function', 'activate() must return { orgTree }');
  assert.ok(typeof a.secrets?.holds === 'function', 'activate() must return { secrets }');
  return a;
}

/** The child of `parent` (the root when undefined) labelled `label`; fails listing what is there. */
export async function childNamed(a: OrgApi, parent: OrgTreeNode | undefined, label: string): Promise<OrgTreeNode> {
  const nodes = await a.orgTree.getChildren(parent);
  const found = nodes.find((n) => n.label === label);
  assert.ok(found, `no '${label}' under ${parent?.label ?? 'the root'}: ${nodes.map((n) => n.label).join(', ')}`);
  return found;
}

/** Walks labels from the root: `nodeAt(a, 'acme', 'Standard objects', 'Contact')`. */
export async function nodeAt(a: OrgApi, ...labels: string[]): Promise<OrgTreeNode> {
  let node: OrgTreeNode | undefined;
  for (const label of labels) node = await childNamed(a, node, label);
  assert.ok(node, 'nodeAt needs at least one label');
  return node;
}

export interface Emulator {
  url: string;
  credentials: { username: string; password: string; securityToken: string };
  stop(): void;
}

/** Starts `dist/cli.js emulator` on a free port; a missing dist/cli.js fails (npm run build), never skips. */
export async function startEmulator(records: number): Promise<Emulator> {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is missing: run node scripts/build.mjs`);
  const child: ChildProcess = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--records', String(records), '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  try {
    const line = await withTimeout('the emulator to start', new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    }), 20_000);
    const ready = JSON.parse(line) as Omit<Emulator, 'stop'>;
    return { url: ready.url, credentials: ready.credentials, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

/**
 * Runs "Create dataflow for this object" on `objectNode` and waits until the server has
 * checked the file it writes at `expected`; returns that file's uri.
 */
export async function createDataflowChecked(objectNode: OrgTreeNode, expected: vscode.Uri): Promise<vscode.Uri> {
  // subscribed first: a clean file's (empty) first publish is the only sign it was checked
  const checked = nextDiagnosticsChange(expected);
  let created: string | undefined;
  try {
    created = await vscode.commands.executeCommand<string | undefined>('crmDataflows.createDataflow', objectNode);
    assert.ok(created, 'the command returns the new file');
    await withTimeout('diagnostics of the new dataflow', checked.changed, DIAGNOSTICS_TIMEOUT_MS);
  } finally {
    checked.dispose();
  }
  const uri = vscode.Uri.parse(created);
  assert.equal(uri.toString(), expected.toString());
  return uri;
}
