// Connect end to end, against a local emulator started for this suite: `crmDataflows.connect`
// given `{ connection, secrets }` (the route a task or another extension takes instead of the
// prompts) stores the secrets in SecretStorage and in no file of the workspace, logs in, the org
// tree lists the connection's objects and Contact's fields, Create dataflow writes a file with
// zero errors, and Disconnect deletes the secrets. The connection lives in a throwaway project
// folder of its own (e2e-connect/), so its drafts never take the names the Org tree suite expects.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import { activeExtensionApi, describeDiagnostics, DIAGNOSTICS_TIMEOUT_MS, nextDiagnosticsChange, REPO_ROOT, workspaceRoot } from './workspace';
import { waitFor, withTimeout } from './waitFor';

/** The parts of shared/protocol.ts and the exported API this suite reads (the e2e project compiles on its own). */
interface ConnectionRef {
  project: string;
  name: string;
}

interface OrgTreeNode {
  id: string;
  label: string;
  contextValue: string;
  ref: { connection?: ConnectionRef; object?: string };
}

interface ConnectApi {
  serverReady: Promise<void>;
  orgTree: { getChildren(node?: OrgTreeNode): Promise<OrgTreeNode[]> };
  secrets: { keys(connection: ConnectionRef): Promise<string[]>; holds(connection: ConnectionRef, key: string, value: string): Promise<boolean> };
}

interface EmulatorReady {
  url: string;
  credentials: { username: string; password: string; securityToken: string };
}

const CONNECTION = 'e2e-password';
const PROJECT_DIR = 'e2e-connect';

async function api(): Promise<ConnectApi> {
  const a = (await activeExtensionApi()) as unknown as ConnectApi;
  assert.ok(a.orgTree && typeof a.secrets?.holds === 'function', 'activate() must return { orgTree, secrets }');
  return a;
}

async function childNamed(a: ConnectApi, parent: OrgTreeNode | undefined, label: string): Promise<OrgTreeNode> {
  const nodes = await a.orgTree.getChildren(parent);
  const found = nodes.find((n) => n.label === label);
  assert.ok(found, `no '${label}' under ${parent?.label ?? 'the root'}: ${nodes.map((n) => n.label).join(', ')}`);
  return found;
}

function startEmulator(): { child: ChildProcess; ready: Promise<EmulatorReady> } {
  const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run compile`);
  const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--records', '20', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const ready = withTimeout('the emulator to start', new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  }), 20_000).then((line) => JSON.parse(line) as EmulatorReady);
  return { child, ready };
}

/** Every file under dir (dot-folders such as .crmflow/ included) whose bytes contain one of the values. */
function filesHolding(dir: string, values: readonly string[]): string[] {
  const needles = values.map((v) => Buffer.from(v, 'utf8'));
  const hits: string[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && needles.some((n) => fs.readFileSync(full).includes(n))) hits.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return hits;
}

suite('Connect', () => {
  let emulator: ChildProcess | undefined;
  let creds: EmulatorReady['credentials'];
  let ref: ConnectionRef | undefined;
  let projectDir: string;

  /** What must never reach a workspace file: each secret, and the password the SOAP login sends. */
  const secretValues = (): string[] => [creds.password, creds.securityToken, creds.password + creds.securityToken];

  suiteSetup(async () => {
    const a = await api();
    const started = startEmulator();
    emulator = started.child;
    const { url, credentials } = await started.ready;
    creds = credentials;
    const root = workspaceRoot().fsPath;
    projectDir = path.join(root, PROJECT_DIR);
    fs.mkdirSync(path.join(projectDir, 'schemas'), { recursive: true });
    fs.copyFileSync(path.join(root, 'schemas', 'b2b-person.schema.json'), path.join(projectDir, 'schemas', 'b2b-person.schema.json'));
    // a password login (SOAP) on the emulator's user: Connect must be given the password and token
    fs.writeFileSync(path.join(projectDir, 'crmflow.yaml'), [
      'version: 1', 'tenant: acme', 'connections:', `  ${CONNECTION}:`, '    kind: password', `    loginUrl: ${url}`, '    apiVersion: "62.0"',
      `    username: ${credentials.username}`, 'datasets:', '  Salesforce Contacts:', '    schema: schemas/b2b-person.schema.json', '    profile: true', '',
    ].join('\n'));
    const node = await waitFor(`the ${CONNECTION} connection in the tree`, async () => {
      await vscode.commands.executeCommand('crmDataflows.refresh');
      return (await a.orgTree.getChildren()).find((n) => n.label === CONNECTION);
    }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
    ref = node.ref.connection;
    assert.ok(ref, 'a connection node carries its ref');
  });

  suiteTeardown(async () => {
    if (emulator && emulator.exitCode === null) emulator.kill('SIGTERM');
    if (ref && (await (await api()).secrets.keys(ref)).length > 0) await vscode.commands.executeCommand('crmDataflows.disconnect', ref);
    if (!projectDir) return;
    const inProject = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath.startsWith(projectDir + path.sep));
    await vscode.window.tabGroups.close(inProject);
    fs.rmSync(projectDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('crmDataflows.refresh');
  });

  test('Connect refuses a secret its kind does not take and stores nothing', async () => {
    const a = await api();
    const status = await vscode.commands.executeCommand('crmDataflows.connect', { connection: CONNECTION, secrets: { password: creds.password, apiKey: 'x' } });
    assert.equal(status, undefined);
    assert.deepEqual(await a.secrets.keys(ref!), []);
  });

  test('Connect given { connection, secrets } logs in and keeps the secrets in SecretStorage, in no workspace file', async () => {
    const a = await api();
    const status = await vscode.commands.executeCommand<{ state: string; username?: string } | undefined>('crmDataflows.connect', {
      connection: CONNECTION, secrets: { password: creds.password, securityToken: creds.securityToken },
    });
    assert.equal(status?.state, 'connected', JSON.stringify(status));
    assert.equal(status?.username, creds.username);
    assert.deepEqual(await a.secrets.keys(ref!), ['password', 'securityToken']);
    assert.ok(await a.secrets.holds(ref!, 'password', creds.password), 'the password is stored');
    assert.ok(await a.secrets.holds(ref!, 'securityToken', creds.securityToken), 'the security token is stored');
    assert.equal(await a.secrets.holds(ref!, 'password', `${creds.password}x`), false, 'holds compares values');
    assert.deepEqual(filesHolding(workspaceRoot().fsPath, secretValues()), []);
  });

  test('after Refresh metadata the tree lists the connection\'s objects and Contact\'s fields', async () => {
    const a = await api();
    const refreshed = await vscode.commands.executeCommand<{ refreshed: string[] } | undefined>('crmDataflows.refreshMetadata', ref);
    assert.ok(refreshed?.refreshed.includes('Contact'), JSON.stringify(refreshed));
    const standard = await childNamed(a, await childNamed(a, undefined, CONNECTION), 'Standard objects');
    const objects = (await a.orgTree.getChildren(standard)).map((n) => n.label);
    for (const name of ['Account', 'Contact', 'Lead']) assert.ok(objects.includes(name), `${name} in ${objects.join(', ')}`);
    const fields = (await a.orgTree.getChildren(await childNamed(a, standard, 'Contact'))).map((n) => n.label);
    for (const name of ['Id', 'FirstName', 'LastName', 'Email', 'AccountId']) assert.ok(fields.includes(name), `${name} in ${fields.join(', ')}`);
  });

  test('Create dataflow for Contact writes a file with zero errors, and still no workspace file holds a secret', async () => {
    const a = await api();
    const contact = await childNamed(a, await childNamed(a, await childNamed(a, undefined, CONNECTION), 'Standard objects'), 'Contact');
    const expected = vscode.Uri.file(path.join(projectDir, 'dataflows', 'contact.dataflow.yaml'));
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
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, new RegExp(`connection: ${CONNECTION}\\b`));
    assert.match(text, /object: Contact/);
    assert.match(text, /- source: Email/, 'mappings were proposed from the refreshed describe');
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 0, describeDiagnostics(errors));
    assert.deepEqual(filesHolding(workspaceRoot().fsPath, secretValues()), []);
  });

  test('Disconnect deletes the stored secrets, after which Test connection cannot log in', async () => {
    const a = await api();
    assert.equal(await vscode.commands.executeCommand('crmDataflows.disconnect', ref), 2, 'two secrets deleted');
    assert.deepEqual(await a.secrets.keys(ref!), []);
    assert.equal(await a.secrets.holds(ref!, 'password', creds.password), false);
    assert.equal(await vscode.commands.executeCommand('crmDataflows.testConnection', ref), undefined);
  });
});
