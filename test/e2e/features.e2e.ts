// The editor features, asked through VS Code's own command API (the route a person's keystrokes
// take), on the example workspace copy e2e.sh opens. What they return in detail is the unit tests'
// job; these prove the wiring: registration, capabilities, position and range conversion, edits.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activeExtensionApi, DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, diagnosticCode, openInEditor, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

/** A running server answers a request in milliseconds; the margin covers a loaded CI machine. */
const ANSWER_TIMEOUT_MS = 10_000;

async function openDataflow(name: string): Promise<vscode.TextDocument> {
  const document = await openInEditor(vscode.Uri.joinPath(workspaceRoot(), 'dataflows', name));
  await activeExtensionApi();
  return document;
}

/** The position `offsetInMarker` characters into the first occurrence of `marker`. */
function positionOf(document: vscode.TextDocument, marker: string, offsetInMarker = 0): vscode.Position {
  const at = document.getText().indexOf(marker);
  assert.ok(at >= 0, `'${marker}' not found in ${path.basename(document.uri.fsPath)}`);
  return document.positionAt(at + offsetInMarker);
}

/** Re-asks a provider until `accept` takes its answer: the first answers may predate the analysis. */
async function answer<T>(what: string, ask: () => Thenable<T>, accept: (value: T) => boolean, show: (value: T) => string): Promise<T> {
  let last: T | undefined;
  return waitFor(what, async () => {
    last = await ask();
    return accept(last) ? last : undefined;
  }, { timeoutMs: ANSWER_TIMEOUT_MS, intervalMs: 200, describe: () => (last === undefined ? '(no answer)' : show(last)) });
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position, expected: readonly string[]): Promise<string[]> {
  const list = await answer(
    `completion items [${expected.join(', ')}]`,
    () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position),
    (l) => expected.every((label) => l.items.some((i) => labelOf(i) === label)),
    (l) => `${l.items.length} items: ${l.items.slice(0, 20).map(labelOf).join(', ')}`,
  );
  return list.items.map(labelOf);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function symbolNamed(symbols: readonly vscode.DocumentSymbol[] | undefined, name: string): vscode.DocumentSymbol {
  const found = symbols?.find((s) => s.name === name);
  assert.ok(found, `no symbol '${name}' among: ${(symbols ?? []).map((s) => s.name).join(', ')}`);
  return found;
}

suite('Editor features', () => {
  test('completion on a source: value lists the Contact fields from the describe cache', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const labels = await completionLabels(document, positionOf(document, 'source: FirstName', 'source: Fir'.length), ['FirstName', 'LastName', 'Email']);
    assert.ok(labels.includes('Account'), 'the Account relationship is offered');
    assert.ok(!labels.includes('person'), 'no XDM paths on a source: value');
  });

  test('completion on a target: value lists the XDM paths under the typed segment', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const labels = await completionLabels(document, positionOf(document, 'target: person.name.firstName', 'target: person.'.length), ['name', 'birthDate']);
    assert.deepEqual([...labels].sort(), ['birthDate', 'name'], 'only the children of person');
  });

  test('completion inside an expression offers catalogue functions and the object fields', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const call = 'expression: concat(Id, "@${CRM_ORG_ID}.Salesforce")';
    const labels = await completionLabels(document, positionOf(document, call, 'expression: concat('.length), ['concat', 'lower', 'iif', 'FirstName']);
    assert.ok(!labels.includes('person'), 'no XDM paths inside an expression');
  });

  test('hover on a function name shows its signature and documentation', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const position = positionOf(document, 'expression: lower(trim(Email))', 'expression: lo'.length);
    const hovers = await answer(
      'a hover on lower',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
      (h) => hoverText(h).includes('Converts a string to lower case'),
      (h) => hoverText(h) || '(empty)',
    );
    assert.match(hoverText(hovers), /lower\(INPUT: STRING\): STRING/);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range, 'the hover names the word it explains');
    assert.equal(document.getText(range), 'lower');
  });

  test('signature help inside a call names the active parameter', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const position = positionOf(document, 'expression: lower(trim(Email))', 'expression: lower(trim('.length);
    const help = await answer(
      'signature help for trim',
      () => vscode.commands.executeCommand<vscode.SignatureHelp | undefined>('vscode.executeSignatureHelpProvider', document.uri, position),
      (h) => (h?.signatures.length ?? 0) > 0,
      (h) => (h ? h.signatures.map((s) => s.label).join(' | ') || '(no signatures)' : '(none)'),
    );
    assert.match(help!.signatures[help!.activeSignature]!.label, /^trim\(/);
  });

  test('go to definition on a target path opens its property in schemas/b2b-person.schema.json', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const position = positionOf(document, 'target: person.name.firstName', 'target: person.name.first'.length);
    const links = await answer(
      'a definition for person.name.firstName',
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position),
      (l) => l.length > 0,
      (l) => JSON.stringify(l),
    );
    assert.equal(links.length, 1);
    const link = links[0]!;
    const uri = 'targetUri' in link ? link.targetUri : link.uri;
    const range = 'targetUri' in link ? (link.targetSelectionRange ?? link.targetRange) : link.range;
    assert.equal(path.relative(workspaceRoot().fsPath, uri.fsPath), path.join('schemas', 'b2b-person.schema.json'));
    const schema = await vscode.workspace.openTextDocument(uri);
    assert.equal(schema.getText(range), 'firstName');
  });

  test('find references on a target path lists the identity and the mapping that write it', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const position = positionOf(document, 'target: workEmail.address', 'target: workEmail.addr'.length);
    const locations = await answer(
      'references to workEmail.address',
      () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position),
      (l) => l.length >= 2,
      (l) => l.map((x) => `${path.basename(x.uri.fsPath)}:${x.range.start.line + 1}`).join(', ') || '(none)',
    );
    const inThisFile = locations.filter((l) => l.uri.toString() === document.uri.toString());
    const lines = inThisFile.map((l) => document.lineAt(l.range.start.line).text.trim()).sort();
    assert.deepEqual(lines, ['- path: workEmail.address', 'target: workEmail.address']);
    for (const l of inThisFile) assert.equal(document.getText(l.range), 'address');
  });

  test('document symbols outline the dataflow and list its mappings as source → target', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const symbols = await answer(
      'document symbols',
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri),
      (s) => (s?.length ?? 0) > 0,
      (s) => (s ?? []).map((x) => x.name).join(', ') || '(none)',
    );
    const root = symbolNamed(symbols, 'Salesforce Contacts');
    const mappings = symbolNamed(root.children, 'mappings');
    const firstName = symbolNamed(mappings.children, 'FirstName → person.name.firstName');
    assert.equal(firstName.kind, vscode.SymbolKind.Field);
    assert.equal(document.getText(firstName.selectionRange), 'person.name.firstName');
    const mappingCount = (document.getText().match(/^ {2}- (source|expression|value):/gm) ?? []).length;
    assert.equal(mappings.children.length, mappingCount, 'one symbol per mapping');
  });

  test('code lenses on the dataflow: line summarise the mappings', async () => {
    const document = await openDataflow('contacts.dataflow.yaml');
    const lenses = await answer(
      'code lenses',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
      (l) => l.some((x) => /mapped/.test(x.command?.title ?? '')),
      (l) => l.map((x) => x.command?.title ?? '?').join(' | ') || '(none)',
    );
    const line = positionOf(document, '\ndataflow:', 1).line;
    for (const lens of lenses) assert.equal(lens.range.start.line, line);
    assert.match(lenses.find((l) => /mapped/.test(l.command?.title ?? ''))!.command!.title, /^\d+ mapped · 0 required missing · 2 identities$/);
  });

  test('the quick fix for an unknown source field offers FirstName, and applying it clears the diagnostic', async () => {
    const document = await openDataflow('broken-mappings.dataflow.yaml');
    const original = document.getText();
    const unknownField = (): vscode.Diagnostic | undefined =>
      vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'unknown-source-field');
    const diagnostic = await waitFor('the unknown-source-field diagnostic', unknownField, {
      timeoutMs: DIAGNOSTICS_TIMEOUT_MS,
      describe: () => describeDiagnostics(vscode.languages.getDiagnostics(document.uri)),
    });
    assert.equal(document.getText(diagnostic.range), 'FirstNam');

    const actions = await answer(
      "the quick fix Change to 'FirstName'",
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value),
      (a) => a.some((x) => x.title === "Change to 'FirstName'"),
      (a) => a.map((x) => x.title).join(' | ') || '(none)',
    );
    const fix = actions.find((x) => x.title === "Change to 'FirstName'")!;
    assert.ok(fix.edit, 'the fix carries its edit');
    assert.equal(fix.isPreferred, true);

    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the editor applied the fix');
      assert.match(document.lineAt(diagnostic.range.start.line).text, /- source: FirstName$/);
      await waitFor('the diagnostic to go after the fix', () => (unknownField() ? undefined : true), {
        timeoutMs: DIAGNOSTICS_TIMEOUT_MS,
        describe: () => describeDiagnostics(vscode.languages.getDiagnostics(document.uri)),
      });
    } finally {
      // Back to the fixture's text, so that later suites see it as it is on disk.
      const restore = new vscode.WorkspaceEdit();
      restore.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
      await vscode.workspace.applyEdit(restore);
      await document.save();
    }
    await waitFor('the diagnostic to return with the original text', unknownField, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
  });
});
