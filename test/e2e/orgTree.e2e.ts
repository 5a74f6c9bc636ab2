// The org tree view and its commands in a real VS Code: the acme connection of the example
// workspace, its objects and Contact's fields (walked through the extension's exported tree,
// which is the view's own data provider), Create dataflow writing a file that validates with
// zero errors, and Test connection / Refresh metadata / Preview records against a local
// emulator started for this suite (a throwaway connection added to the workspace copy).
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import { activeExtensionApi, describeDiagnostics, DIAGNOSTICS_TIMEOUT_MS, nextDiagnosticsChange, REPO_ROOT, workspaceRoot } from './workspace';
import { waitFor, withTimeout } from './waitFor';

/** The parts of shared/protocol.ts this suite reads (the e2e project compiles on its own). */
interface OrgTreeNode {
  id: string;
  label: string;
  description?: string;
  contextValue: string;
  apiName?: string;
  ref: { connection?: { project: string; name: string }; object?: string };
}

interface OrgApi {
  serverReady: Promise<void>;
  orgTree: { getChildren(node?: OrgTreeNode): Promise<OrgTreeNode[]>; getTreeItem(node: OrgTreeNode): vscode.TreeItem };
}

const ORG_COMMANDS = [
  'crmDataflows.connect', 'crmDataflows.disconnect', 'crmDataflows.testConnection', 'crmDataflows.refresh', 'crmDataflows.refreshMetadata',
  'crmDataflows.filterObjects', 'crmDataflows.clearFilter', 'crmDataflows.copyApiName', 'crmDataflows.createDataflow', 'crmDataflows.previewRecords',
  'crmDataflows.runTestIngestion', 'crmDataflows.openProjectFile',
];

async function api(): Promise<OrgApi> {
  const a = (await activeExtensionApi()) as unknown as OrgApi;
  assert.ok(a.orgTree && typeof a.orgTree.getChildren === 'function', 'activate() must return { orgTree }');
  return a;
}

async function childNamed(a: OrgApi, parent: OrgTreeNode | undefined, label: string): Promise<OrgTreeNode> {
  const nodes = await a.orgTree.getChildren(parent);
  const found = nodes.find((n) => n.label === label);
  assert.ok(found, `no '${label}' under ${parent?.label ?? 'the root'}: ${nodes.map((n) => n.label).join(', ')}`);
  return found;
}

suite('Org tree', () => {
  let emulator: ChildProcess | undefined;

  suiteTeardown(() => {
    if (emulator && emulator.exitCode === null) emulator.kill('SIGTERM');
  });

  test('the view container and every org command are registered', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ORG_COMMANDS) assert.ok(all.has(id), `${id} is not registered`);
    await vscode.commands.executeCommand('workbench.view.extension.crmDataflows');
  });

  test('acme lists its objects; Contact lists its fields with types, icons and tooltips', async () => {
    const a = await api();
    const acme = await childNamed(a, undefined, 'acme');
    await childNamed(a, undefined, 'acme-prod');
    const item = a.orgTree.getTreeItem(acme);
    assert.equal(item.contextValue, 'connection');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const standard = await childNamed(a, acme, 'Standard objects');
    const objects = (await a.orgTree.getChildren(standard)).map((n) => n.label);
    for (const name of ['Account', 'Contact', 'Lead', 'Opportunity', 'User']) assert.ok(objects.includes(name), `${name} in ${objects.join(', ')}`);
    const contact = await childNamed(a, standard, 'Contact');
    const email = await childNamed(a, contact, 'Email');
    const emailItem = a.orgTree.getTreeItem(email);
    assert.equal(emailItem.description, 'Email · email(80)');
    assert.equal((emailItem.iconPath as vscode.ThemeIcon).id, 'mail');
    assert.ok(emailItem.tooltip instanceof vscode.MarkdownString && /Nillable: yes/.test(emailItem.tooltip.value));
    assert.equal(emailItem.id, email.id);
    const accountName = await childNamed(a, await childNamed(a, contact, 'AccountId'), 'Name');
    assert.equal(accountName.apiName, 'Account.Name');
    // ids are stable: a second walk (as after Refresh) yields the same id
    await vscode.commands.executeCommand('crmDataflows.refresh');
    const again = await childNamed(a, await childNamed(a, await childNamed(a, undefined, 'acme'), 'Standard objects'), 'Contact');
    assert.equal(again.id, contact.id);
  });

  test('Create dataflow for Contact writes dataflows/contact.dataflow.yaml, opens it, and it has zero errors', async () => {
    const a = await api();
    const contact = await childNamed(a, await childNamed(a, await childNamed(a, undefined, 'acme'), 'Standard objects'), 'Contact');
    const expected = vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contact.dataflow.yaml');
    // subscribed first: a clean file's (empty) first publish is the only sign it was checked
    const checked = nextDiagnosticsChange(expected);
    let created: string | undefined;
    try {
      created = await vscode.commands.executeCommand<string | undefined>('crmDataflows.createDataflow', contact);
      assert.ok(created, 'the command returns the new file');
      await withTimeout('diagnostics of the new dataflow', checked.changed, DIAGNOSTICS_TIMEOUT_MS);
    } finally {
      checked.dispose();
    }
    const uri = vscode.Uri.parse(created);
    assert.equal(uri.toString(), expected.toString());
    assert.ok(fs.existsSync(uri.fsPath), 'written to disk');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'opened in the editor');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /object: Contact/);
    assert.match(text, /schema: \.\.\/schemas\/b2b-person\.schema\.json/);
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 0, describeDiagnostics(errors));
    const second = await vscode.commands.executeCommand<string | undefined>('crmDataflows.createDataflow', contact);
    assert.ok(second?.endsWith('/dataflows/contact-2.dataflow.yaml'), `a second draft never overwrites the first: ${second}`);
  });

  test('Test connection, Refresh metadata and Preview records work against the emulator', async function () {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const a = await api();
    const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--records', '60', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    emulator = child;
    const line = await withTimeout('the emulator to start', new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    }), 20_000);
    const { url } = JSON.parse(line) as { url: string };
    const projectFile = vscode.Uri.joinPath(workspaceRoot(), 'crmflow.yaml');
    const yaml = fs.readFileSync(projectFile.fsPath, 'utf8');
    // a connection on the emulator's stock credentials: Test connection needs no secret prompt
    fs.writeFileSync(projectFile.fsPath, yaml.replace('connections:\n', `connections:\n  local:\n    kind: emulator\n    loginUrl: ${url}\n    apiVersion: "62.0"\n`));
    const local = await waitFor('the local connection in the tree', async () => {
      await vscode.commands.executeCommand('crmDataflows.refresh');
      return (await a.orgTree.getChildren()).find((n) => n.label === 'local');
    }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
    const ref = local.ref.connection!;
    const status = await vscode.commands.executeCommand<{ state: string; apiUsage?: { used: number; max: number } } | undefined>('crmDataflows.testConnection', ref);
    assert.equal(status?.state, 'connected');
    assert.ok(status?.apiUsage && status.apiUsage.max > 0);
    const refreshed = await vscode.commands.executeCommand<{ refreshed: string[] } | undefined>('crmDataflows.refreshMetadata', ref);
    assert.ok(refreshed?.refreshed.includes('Contact'), JSON.stringify(refreshed));
    const contact = await childNamed(a, await childNamed(a, await childNamed(a, undefined, 'local'), 'Standard objects'), 'Contact');
    const preview = await vscode.commands.executeCommand<{ rows: string[][]; columns: string[] } | undefined>('crmDataflows.previewRecords', contact);
    assert.ok(preview, 'preview returns its rows');
    assert.equal(preview.rows.length, 50);
    assert.equal(preview.columns[0], 'Id');
    fs.writeFileSync(projectFile.fsPath, yaml);
  });

  test('Run test ingestion says it is not available yet', async () => {
    await api();
    assert.equal(await vscode.commands.executeCommand('crmDataflows.runTestIngestion', vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contacts.dataflow.yaml').toString()), 'not-available');
  });
});
