// The org tree view and its commands in a real VS Code: the acme connection of the example
// workspace, its objects and Contact's fields (walked through the extension's exported tree,
// which is the view's own data provider), Filter objects / Clear filter, Copy API name, a field
// dragged from the tree and dropped into a dataflow (the tree's drag handler and the editor's drop
// provider, both from the exported API), Create dataflow writing a file that validates with zero
// errors, and Test connection / Refresh metadata / Preview records against a local emulator
// started for this suite (a throwaway connection added to the workspace copy's crmflow.yaml).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { childNamed, createDataflowChecked, FIELD_MIME_TYPE, nodeAt, orgApi, startEmulator, type Emulator, type OrgStatus, type OrgTreeNode, type PreviewRecordsResult } from './orgApi';
import { describeDiagnostics, DIAGNOSTICS_TIMEOUT_MS, withScratchFile, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

const ORG_COMMANDS = [
  'crmDataflows.connect', 'crmDataflows.disconnect', 'crmDataflows.testConnection', 'crmDataflows.refresh', 'crmDataflows.refreshMetadata',
  'crmDataflows.filterObjects', 'crmDataflows.clearFilter', 'crmDataflows.copyApiName', 'crmDataflows.createDataflow', 'crmDataflows.previewRecords',
  'crmDataflows.runTestIngestion', 'crmDataflows.openProjectFile',
];

/** A Contact dataflow of acme in block style, with two mappings: where a dropped field goes is known. */
const DROP_TARGET = 'drop-target.dataflow.yaml';
const DROP_TARGET_TEXT = [
  'dataflow: Drop Target', 'source:', '  connection: acme', '  object: Contact', 'target:', '  dataset: Salesforce Contacts',
  '  schema: ../schemas/b2b-person.schema.json', 'mappings:', '  - source: Id', '    target: _id', '  - source: LastName', '    target: person.name.lastName', '',
].join('\n');

async function labelsUnder(node: OrgTreeNode): Promise<string[]> {
  const a = await orgApi();
  return (await a.orgTree.getChildren(node)).map((n) => n.label);
}

suite('Org tree', () => {
  let emulator: Emulator | undefined;

  suiteTeardown(() => emulator?.stop());

  test('the view container and every org command are registered', async () => {
    await orgApi();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ORG_COMMANDS) assert.ok(all.has(id), `${id} is not registered`);
    await vscode.commands.executeCommand('workbench.view.extension.crmDataflows');
  });

  test('acme lists its objects; Contact lists its fields with types, icons and tooltips', async () => {
    const a = await orgApi();
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
    const again = await nodeAt(a, 'acme', 'Standard objects', 'Contact');
    assert.equal(again.id, contact.id);
  });

  test('Filter objects given a text keeps the matching objects only; Clear filter brings back all', async () => {
    const a = await orgApi();
    const all = await labelsUnder(await nodeAt(a, 'acme', 'Standard objects'));
    try {
      assert.equal(await vscode.commands.executeCommand('crmDataflows.filterObjects', 'contact'), 'contact', 'the command returns the filter it applied');
      const standard = await nodeAt(a, 'acme', 'Standard objects');
      const filtered = (await a.orgTree.getChildren(standard)).map((n) => `${n.label} ${n.description ?? ''}`);
      assert.ok(filtered.length > 0 && filtered.length < all.length, `filtered ${filtered.length} of ${all.length}: ${filtered.join(', ')}`);
      for (const row of filtered) assert.match(row, /contact/i, 'every object shown matches the filter (name or label)');
      assert.ok(filtered.some((row) => row.startsWith('Contact ')), 'Contact itself is shown');
      assert.ok(!filtered.some((row) => /^(Account|Lead) /.test(row)), 'Account and Lead are filtered out');
    } finally {
      assert.equal(await vscode.commands.executeCommand('crmDataflows.clearFilter'), '', 'Clear filter empties the filter');
    }
    assert.deepEqual(await labelsUnder(await nodeAt(a, 'acme', 'Standard objects')), all, 'Clear filter restores every object');
  });

  test('Copy API name puts the object name, or a field path from the root object, on the clipboard', async () => {
    const a = await orgApi();
    const contact = await nodeAt(a, 'acme', 'Standard objects', 'Contact');
    const accountName = await childNamed(a, await childNamed(a, contact, 'AccountId'), 'Name');
    await vscode.env.clipboard.writeText('not copied yet');
    assert.equal(await vscode.commands.executeCommand('crmDataflows.copyApiName', accountName), 'Account.Name');
    assert.equal(await vscode.env.clipboard.readText(), 'Account.Name');
    assert.equal(await vscode.commands.executeCommand('crmDataflows.copyApiName', contact), 'Contact');
    assert.equal(await vscode.env.clipboard.readText(), 'Contact');
  });

  test('a field dragged from the tree and dropped on a mapping inserts a mapping item before it', async () => {
    const a = await orgApi();
    const contact = await nodeAt(a, 'acme', 'Standard objects', 'Contact');
    const data = new vscode.DataTransfer();
    a.orgTree.handleDrag([await childNamed(a, contact, 'Email')], data);
    const dragged = JSON.parse((await data.get(FIELD_MIME_TYPE)?.asString()) ?? 'null') as { object?: string; source?: string } | null;
    assert.deepEqual({ object: dragged?.object, source: dragged?.source }, { object: 'Contact', source: 'Email' }, 'the drag carries the field');

    await withScratchFile(`dataflows/${DROP_TARGET}`, DROP_TARGET_TEXT, async (document) => {
      const idLine = DROP_TARGET_TEXT.split('\n').indexOf('  - source: Id');
      // dropped in the middle of the first item's first line: the item goes before that item, at its line start
      const position = new vscode.Position(idLine, '  - sour'.length);
      const token = new vscode.CancellationTokenSource().token;
      const drop = await waitFor('a drop edit for Email', async () => {
        const r = await a.mappingDrop.provideDocumentDropEdits(document, position, data, token);
        return (Array.isArray(r) ? r[0] : r) ?? undefined;
      }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
      assert.equal(drop.title, 'Map Email');
      if (drop.additionalEdit) assert.ok(await vscode.workspace.applyEdit(drop.additionalEdit), 'the editor applied the drop edit');
      const insert = typeof drop.insertText === 'string' ? drop.insertText : drop.insertText.value;
      if (insert !== '') {
        assert.ok(vscode.window.activeTextEditor?.document === document, 'the dataflow is the active editor');
        await vscode.window.activeTextEditor.insertSnippet(new vscode.SnippetString(insert), position);
      }
      const lines = document.getText().split('\n');
      assert.deepEqual(lines.slice(idLine - 1, idLine + 3).map((l) => l.trimEnd()), ['mappings:', '  - source: Email', '    target:', '  - source: Id']);
      assert.equal(lines.length, DROP_TARGET_TEXT.split('\n').length + 2, 'exactly one two-line item was inserted');

      // a field of another object is no mapping of a Contact dataflow: no edit
      const other = new vscode.DataTransfer();
      a.orgTree.handleDrag([await nodeAt(a, 'acme', 'Standard objects', 'Account', 'Name')], other);
      assert.equal(await a.mappingDrop.provideDocumentDropEdits(document, position, other, token), undefined);
    });
  });

  test('Create dataflow for Contact writes dataflows/contact.dataflow.yaml, opens it, and it has zero errors', async () => {
    const a = await orgApi();
    const contact = await nodeAt(a, 'acme', 'Standard objects', 'Contact');
    const uri = await createDataflowChecked(contact, vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contact.dataflow.yaml'));
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

  test('Test connection, Refresh metadata and Preview records work against the emulator', async () => {
    const a = await orgApi();
    emulator = await startEmulator(60);
    const projectFile = vscode.Uri.joinPath(workspaceRoot(), 'crmflow.yaml');
    const yaml = fs.readFileSync(projectFile.fsPath, 'utf8');
    try {
      // a connection on the emulator's stock credentials: Test connection needs no secret prompt
      fs.writeFileSync(projectFile.fsPath, yaml.replace('connections:\n', `connections:\n  local:\n    kind: emulator\n    loginUrl: ${emulator.url}\n    apiVersion: "62.0"\n`));
      const local = await waitFor('the local connection in the tree', async () => {
        await vscode.commands.executeCommand('crmDataflows.refresh');
        return (await a.orgTree.getChildren()).find((n) => n.label === 'local');
      }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
      const ref = local.ref.connection!;
      const status = await vscode.commands.executeCommand<OrgStatus | undefined>('crmDataflows.testConnection', ref);
      assert.equal(status?.state, 'connected');
      assert.ok(status?.apiUsage && status.apiUsage.max > 0);
      const refreshed = await vscode.commands.executeCommand<{ refreshed: string[] } | undefined>('crmDataflows.refreshMetadata', ref);
      assert.ok(refreshed?.refreshed.includes('Contact'), JSON.stringify(refreshed));
      const contact = await nodeAt(a, 'local', 'Standard objects', 'Contact');
      const preview = await vscode.commands.executeCommand<PreviewRecordsResult | undefined>('crmDataflows.previewRecords', contact);
      assert.ok(preview, 'preview returns its rows');
      assert.equal(preview.rows.length, 50);
      assert.equal(preview.columns[0], 'Id');
    } finally {
      // later suites see the example's own project file
      fs.writeFileSync(projectFile.fsPath, yaml);
    }
  });

  test('Run test ingestion says it is not available yet', async () => {
    await orgApi();
    assert.equal(await vscode.commands.executeCommand('crmDataflows.runTestIngestion', vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contacts.dataflow.yaml').toString()), 'not-available');
  });
});
