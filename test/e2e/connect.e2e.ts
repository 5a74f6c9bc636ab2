// Connect end to end, against a local emulator started for this suite: `crmDataflows.connect`
// given `{ connection, secrets }` (the route a task or another extension takes instead of the
// prompts) logs in first and only then stores the secrets, in SecretStorage and in no file of the
// workspace; wrong secrets are never stored and never replace working ones. The status bar shows
// the org and its API usage, the org tree lists the connection's objects and Contact's fields,
// Create dataflow writes a file with zero errors, Preview records of a dataflow reads the columns
// it maps, and Disconnect deletes the secrets. The connection lives in a throwaway project folder
// of its own (e2e-connect/), so its drafts never take the names the Org tree suite expects.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { childNamed, createDataflowChecked, nodeAt, orgApi, startEmulator, type ConnectionRef, type Emulator, type OrgStatus, type PreviewRecordsResult } from './orgApi';
import { describeDiagnostics, DIAGNOSTICS_TIMEOUT_MS, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

const CONNECTION = 'e2e-password';
const PROJECT_DIR = 'e2e-connect';
/** A dataflow of the connection with known field mappings, for Preview records (dataflow route). */
const PREVIEW_DATAFLOW = 'preview-contacts.dataflow.yaml';
const PREVIEW_COLUMNS = ['Id', 'LastName', 'Email', 'Account.Name'];
const EMULATOR_CONTACTS = 20;

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
  let emulator: Emulator | undefined;
  let creds: Emulator['credentials'];
  let ref: ConnectionRef | undefined;
  let projectDir: string;

  /** What must never reach a workspace file: each secret, and the password the SOAP login sends. */
  const secretValues = (): string[] => [creds.password, creds.securityToken, creds.password + creds.securityToken];
  const wrongPassword = (): string => `wrong-${creds.password}`;

  suiteSetup(async () => {
    const a = await orgApi();
    emulator = await startEmulator(EMULATOR_CONTACTS);
    creds = emulator.credentials;
    const root = workspaceRoot().fsPath;
    projectDir = path.join(root, PROJECT_DIR);
    fs.mkdirSync(path.join(projectDir, 'schemas'), { recursive: true });
    fs.copyFileSync(path.join(root, 'schemas', 'b2b-person.schema.json'), path.join(projectDir, 'schemas', 'b2b-person.schema.json'));
    // a password login (SOAP) on the emulator's user: Connect must be given the password and token
    fs.writeFileSync(path.join(projectDir, 'crmflow.yaml'), [
      'version: 1', 'tenant: acme', 'connections:', `  ${CONNECTION}:`, '    kind: password', `    loginUrl: ${emulator.url}`, '    apiVersion: "62.0"',
      `    username: ${creds.username}`, 'datasets:', '  Salesforce Contacts:', '    schema: schemas/b2b-person.schema.json', '    profile: true', '',
    ].join('\n'));
    const node = await waitFor(`the ${CONNECTION} connection in the tree`, async () => {
      await vscode.commands.executeCommand('crmDataflows.refresh');
      return (await a.orgTree.getChildren()).find((n) => n.label === CONNECTION);
    }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
    ref = node.ref.connection;
    assert.ok(ref, 'a connection node carries its ref');
  });

  suiteTeardown(async () => {
    emulator?.stop();
    if (ref && (await (await orgApi()).secrets.keys(ref)).length > 0) await vscode.commands.executeCommand('crmDataflows.disconnect', ref);
    if (!projectDir) return;
    const inProject = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath.startsWith(projectDir + path.sep));
    await vscode.window.tabGroups.close(inProject);
    fs.rmSync(projectDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('crmDataflows.refresh');
  });

  test('Connect refuses a secret its kind does not take and stores nothing', async () => {
    const a = await orgApi();
    const status = await vscode.commands.executeCommand('crmDataflows.connect', { connection: CONNECTION, secrets: { password: creds.password, apiKey: 'x' } });
    assert.equal(status, undefined);
    assert.deepEqual(await a.secrets.keys(ref!), []);
  });

  test('Connect with a wrong password fails and stores nothing', async () => {
    const a = await orgApi();
    const status = await vscode.commands.executeCommand('crmDataflows.connect', { connection: CONNECTION, secrets: { password: wrongPassword(), securityToken: creds.securityToken } });
    assert.equal(status, undefined, 'the login must fail');
    assert.deepEqual(await a.secrets.keys(ref!), [], 'secrets of a failed login are not stored');
    assert.equal(await a.secrets.holds(ref!, 'password', wrongPassword()), false);
  });

  test('Connect given { connection, secrets } logs in and keeps the secrets in SecretStorage, in no workspace file', async () => {
    const a = await orgApi();
    const status = await vscode.commands.executeCommand<OrgStatus | undefined>('crmDataflows.connect', {
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

  test('after Connect the status bar shows the connection and its API usage', async () => {
    const a = await orgApi();
    const text = await waitFor(`the status bar to show ${CONNECTION} with its API usage`, () => {
      const shown = a.statusBarText();
      return shown !== undefined && /· API \d/.test(shown) ? shown : undefined;
    }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: () => String(a.statusBarText()) });
    assert.match(text, new RegExp(`^\\$\\(cloud\\) ${CONNECTION} · API \\d[\\d,]*/[1-9][\\d,]*$`));
  });

  test('a failed re-Connect (wrong password) keeps the stored secrets, which still log in', async () => {
    const a = await orgApi();
    const failed = await vscode.commands.executeCommand('crmDataflows.connect', { connection: CONNECTION, secrets: { password: wrongPassword(), securityToken: creds.securityToken } });
    assert.equal(failed, undefined, 'the login with the wrong password must fail');
    assert.deepEqual(await a.secrets.keys(ref!), ['password', 'securityToken']);
    assert.ok(await a.secrets.holds(ref!, 'password', creds.password), 'the previous password is still stored');
    assert.equal(await a.secrets.holds(ref!, 'password', wrongPassword()), false, 'the wrong password was not stored');
    const status = await vscode.commands.executeCommand<OrgStatus | undefined>('crmDataflows.testConnection', ref);
    assert.equal(status?.state, 'connected', 'Test connection logs in again with the stored secrets');
  });

  test('after Refresh metadata the tree lists the connection\'s objects and Contact\'s fields', async () => {
    const a = await orgApi();
    const refreshed = await vscode.commands.executeCommand<{ refreshed: string[] } | undefined>('crmDataflows.refreshMetadata', ref);
    assert.ok(refreshed?.refreshed.includes('Contact'), JSON.stringify(refreshed));
    const standard = await nodeAt(a, CONNECTION, 'Standard objects');
    const objects = (await a.orgTree.getChildren(standard)).map((n) => n.label);
    for (const name of ['Account', 'Contact', 'Lead']) assert.ok(objects.includes(name), `${name} in ${objects.join(', ')}`);
    const fields = (await a.orgTree.getChildren(await childNamed(a, standard, 'Contact'))).map((n) => n.label);
    for (const name of ['Id', 'FirstName', 'LastName', 'Email', 'AccountId']) assert.ok(fields.includes(name), `${name} in ${fields.join(', ')}`);
  });

  test('Create dataflow for Contact writes a file with zero errors, and still no workspace file holds a secret', async () => {
    const a = await orgApi();
    const contact = await nodeAt(a, CONNECTION, 'Standard objects', 'Contact');
    const uri = await createDataflowChecked(contact, vscode.Uri.file(path.join(projectDir, 'dataflows', 'contact.dataflow.yaml')));
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, new RegExp(`connection: ${CONNECTION}\\b`));
    assert.match(text, /object: Contact/);
    assert.match(text, /- source: Email/, 'mappings were proposed from the refreshed describe');
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(errors.length, 0, describeDiagnostics(errors));
    assert.deepEqual(filesHolding(workspaceRoot().fsPath, secretValues()), []);
  });

  test('Preview records of a dataflow reads Id and the fields it maps, one row per emulator Contact', async () => {
    const file = path.join(projectDir, 'dataflows', PREVIEW_DATAFLOW);
    fs.writeFileSync(file, [
      'dataflow: Preview Contacts', 'source:', `  connection: ${CONNECTION}`, '  object: Contact', 'target:', '  dataset: Salesforce Contacts',
      '  schema: ../schemas/b2b-person.schema.json', 'mappings:', '  - source: Id', '    target: _id', '  - source: LastName', '    target: person.name.lastName',
      '  - expression: lower(trim(Title))', '    target: extendedWorkDetails.jobTitle', '  - source: Email', '    target: workEmail.address', '  - source: Account.Name', '    target: b2b.companyName', '',
    ].join('\n'));
    const preview = await vscode.commands.executeCommand<PreviewRecordsResult | undefined>('crmDataflows.previewRecords', vscode.Uri.file(file).toString());
    assert.ok(preview, 'the command returns what it shows (undefined means it failed)');
    assert.equal(preview.object, 'Contact');
    assert.equal(preview.connection.name, CONNECTION);
    // Id first, then the source fields in mapping order; the expression's Title is not a column
    assert.deepEqual(preview.columns, PREVIEW_COLUMNS);
    assert.match(preview.soql, /\bFROM Contact\b/);
    assert.equal(preview.rows.length, EMULATOR_CONTACTS);
    for (const row of preview.rows) {
      assert.equal(row.length, PREVIEW_COLUMNS.length, JSON.stringify(row));
      assert.match(row[0]!, /^003[A-Za-z0-9]{12,15}$/, 'a Contact id');
    }
    assert.ok(preview.rows.some((row) => row[2]!.includes('@')), `an Email column with addresses: ${JSON.stringify(preview.rows.slice(0, 3))}`);
    assert.ok(preview.rows.some((row) => row[3] !== ''), `Account.Name read through the relationship: ${JSON.stringify(preview.rows.slice(0, 3))}`);
  });

  test('Disconnect deletes the stored secrets, after which Test connection cannot log in', async () => {
    const a = await orgApi();
    assert.equal(await vscode.commands.executeCommand('crmDataflows.disconnect', ref), 2, 'two secrets deleted');
    assert.deepEqual(await a.secrets.keys(ref!), []);
    assert.equal(await a.secrets.holds(ref!, 'password', creds.password), false);
    assert.equal(await vscode.commands.executeCommand('crmDataflows.testConnection', ref), undefined);
  });
});
