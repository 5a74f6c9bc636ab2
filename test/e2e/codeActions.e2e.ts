// Source actions and refactors, asked through VS Code's code action API (the route the light bulb
// and "Source Action…" take) and applied by the editor: "Suggest mappings" fills an empty mapping
// list of a Contact dataflow until it validates with zero errors, and the field ↔ expression
// rewrite converts a mapping and back. Each test works on a scratch copy, deleted afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activeExtensionApi, DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, diagnosticCode, errorsOf, nextDiagnosticsChange, withScratchFile, workspaceRoot } from './workspace';
import { waitFor, withTimeout } from './waitFor';

/** server/features/suggestMappings.ts SUGGEST_MAPPINGS_KIND and SUGGESTED_HEADING. */
const SUGGEST_MAPPINGS_KIND = 'source.suggestMappings';
const SUGGESTED_HEADING = '# suggested by CRM Dataflows — review';
const ANSWER_TIMEOUT_MS = 10_000;

function contactsText(): string {
  return fs.readFileSync(vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contacts.dataflow.yaml').fsPath, 'utf8');
}

/** The example Contact dataflow under another name (dataflow names are the scratch copy's own). */
function renamed(text: string, name: string): string {
  return text.replace(/^dataflow: .*$/m, `dataflow: ${name}`);
}

function lineOf(document: vscode.TextDocument, lineText: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === lineText) return line;
  assert.fail(`no line '${lineText}' in ${document.uri.fsPath}`);
}

/** The code actions of `kind` at range, re-asked until one titled as `title` matches (the first answers may predate the analysis). */
async function actionTitled(document: vscode.TextDocument, range: vscode.Range, kind: string, title: RegExp): Promise<vscode.CodeAction> {
  let last: vscode.CodeAction[] = [];
  return waitFor(`a ${kind} action '${title.source}'`, async () => {
    last = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, kind)) ?? [];
    return last.find((a) => title.test(a.title) && a.edit);
  }, { timeoutMs: ANSWER_TIMEOUT_MS, intervalMs: 200, describe: () => last.map((a) => `${a.kind?.value}: ${a.title}${a.disabled ? ` (disabled: ${a.disabled.reason})` : ''}`).join(' | ') || '(none)' });
}

/** Applies the edit and waits for the diagnostics of the edited text (the server publishes every version). */
async function applyAndAwaitDiagnostics(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): Promise<void> {
  const published = nextDiagnosticsChange(document.uri);
  try {
    assert.ok(await vscode.workspace.applyEdit(edit), 'the editor applied the edit');
    await withTimeout('diagnostics of the edited text', published.changed, DIAGNOSTICS_TIMEOUT_MS);
  } finally {
    published.dispose();
  }
}

async function waitForNoErrors(uri: vscode.Uri, what: string): Promise<void> {
  await waitFor(what, () => (errorsOf(uri).length === 0 ? true : undefined), {
    timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: () => describeDiagnostics(vscode.languages.getDiagnostics(uri)),
  });
}

suite('Code actions', () => {
  test('Suggest mappings fills an empty mapping list of a Contact dataflow, which then has zero errors', async () => {
    const contacts = contactsText();
    const empty = `${renamed(contacts.slice(0, contacts.indexOf('\nmappings:')), 'Suggested Contacts')}\nmappings:\n`;
    await withScratchFile('dataflows/suggest-target.dataflow.yaml', empty, async (document) => {
      await activeExtensionApi();
      // before: the identity paths and required fields are unmapped
      await waitFor('identity-unmapped before the suggestions', () => (errorsOf(document.uri).some((d) => diagnosticCode(d) === 'identity-unmapped') ? true : undefined), {
        timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: () => describeDiagnostics(vscode.languages.getDiagnostics(document.uri)),
      });
      const action = await actionTitled(document, new vscode.Range(0, 0, 0, 0), SUGGEST_MAPPINGS_KIND, /^Suggest mappings \(\d+\)$/);
      assert.equal(action.kind?.value, SUGGEST_MAPPINGS_KIND);
      const count = Number(/\((\d+)\)/.exec(action.title)![1]);
      assert.ok(count >= 10, `a Contact onto B2B Person gets many proposals, got ${count}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit!), 'the editor applied the suggestions');

      const text = document.getText();
      assert.ok(text.startsWith(empty), 'the suggestions are appended to the mapping list');
      const added = text.slice(empty.length);
      assert.ok(added.startsWith(`  ${SUGGESTED_HEADING}\n  - source: Id\n    target: _id\n`), added.slice(0, 200));
      assert.match(added, /^ {2}- source: FirstName\n {4}target: person\.name\.firstName$/m);
      assert.match(added, /^ {2}- source: MailingCity\n {4}target: workAddress\.city$/m);
      assert.equal((added.match(/^ {2}- (source|expression|value):/gm) ?? []).length, count, 'one mapping item per proposal');
      await waitForNoErrors(document.uri, 'zero errors after Suggest mappings');
      const left = vscode.languages.getDiagnostics(document.uri).filter((d) => ['required-unmapped', 'identity-unmapped'].includes(diagnosticCode(d)));
      assert.deepEqual(left, [], describeDiagnostics(left));

      // nothing is left to suggest: the action is offered disabled, with the reason
      const again = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), SUGGEST_MAPPINGS_KIND);
      assert.ok(!again.some((a) => a.edit), `no second suggestion edit: ${again.map((a) => a.title).join(' | ')}`);
    });
  });

  test('the field ↔ expression rewrite converts a mapping to an expression and back, keeping zero errors', async () => {
    const original = renamed(contactsText(), 'Rewritten Contacts');
    await withScratchFile('dataflows/rewrite-target.dataflow.yaml', original, async (document) => {
      await activeExtensionApi();
      await waitForNoErrors(document.uri, 'the copy of the example to validate');
      const line = lineOf(document, '  - source: FirstName');
      const cursor = new vscode.Range(line, 6, line, 6);

      const toExpression = await actionTitled(document, cursor, 'refactor.rewrite', /^Convert to an expression mapping$/);
      assert.equal(toExpression.kind?.value, 'refactor.rewrite');
      await applyAndAwaitDiagnostics(document, toExpression.edit!);
      assert.equal(document.lineAt(line).text, '  - expression: FirstName');
      assert.equal(document.getText(), original.replace('  - source: FirstName\n', '  - expression: FirstName\n'), 'only the key changed');
      assert.deepEqual(errorsOf(document.uri), [], describeDiagnostics(errorsOf(document.uri)));

      const toSource = await actionTitled(document, cursor, 'refactor.rewrite', /^Convert to a source field mapping$/);
      await applyAndAwaitDiagnostics(document, toSource.edit!);
      assert.equal(document.getText(), original, 'converting back restores the text exactly');
      assert.deepEqual(errorsOf(document.uri), [], describeDiagnostics(errorsOf(document.uri)));
    });
  });
});
