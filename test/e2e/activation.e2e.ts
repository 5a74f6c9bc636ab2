// The example workspace (a copy of examples/) must activate the extension and validate clean.
// Named to sort first: its first test proves that opening a dataflow activates the extension.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activeExtensionApi, describeDiagnostics, DIAGNOSTICS_TIMEOUT_MS, EXAMPLES_DIR, EXTENSION_ID, LANGUAGE_ID, nextDiagnosticsChange, openInEditor, workspaceRoot } from './workspace';
import { withTimeout } from './waitFor';

const FIRST_DATAFLOW = 'contacts.dataflow.yaml';
const otherDataflows = fs
  .readdirSync(path.join(EXAMPLES_DIR, 'dataflows'))
  .filter((name) => name.endsWith('.dataflow.yaml') && name !== FIRST_DATAFLOW)
  .sort();

/** Opens a file and returns its diagnostics once the language server has published them. */
async function openAndAwaitDiagnostics(relativePath: string[]): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relativePath);
  // Subscribing first: a clean file's empty diagnostics are otherwise indistinguishable from "not validated yet".
  const next = nextDiagnosticsChange(uri);
  try {
    const document = await openInEditor(uri);
    await activeExtensionApi();
    await withTimeout(`diagnostics for ${relativePath.join('/')}`, next.changed, DIAGNOSTICS_TIMEOUT_MS);
    return { document, diagnostics: vscode.languages.getDiagnostics(uri) };
  } finally {
    next.dispose();
  }
}

function assertNoErrors(diagnostics: readonly vscode.Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.equal(errors.length, 0, `expected no errors, got:\n  ${describeDiagnostics(errors)}`);
}

suite('Example workspace', () => {
  test(`opening dataflows/${FIRST_DATAFLOW} activates the extension and reports no errors`, async () => {
    const { document, diagnostics } = await openAndAwaitDiagnostics(['dataflows', FIRST_DATAFLOW]);
    assert.equal(document.languageId, LANGUAGE_ID);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'extension is not active');
    assertNoErrors(diagnostics);
  });

  for (const name of otherDataflows) {
    test(`dataflows/${name} reports no errors`, async () => {
      const { document, diagnostics } = await openAndAwaitDiagnostics(['dataflows', name]);
      assert.equal(document.languageId, LANGUAGE_ID);
      assertNoErrors(diagnostics);
    });
  }
});
