// Each test/fixtures/broken/*.dataflow.yaml (copied into the workspace's dataflows/ by e2e.sh)
// must produce exactly the problem codes its `# expect:` line lists, all from our server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { expectedCodes, uniqueSorted } from './fixtureExpectations';
import { activeExtensionApi, BROKEN_FIXTURES_DIR, DIAGNOSTIC_SOURCE, DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, diagnosticCode, openInEditor, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

const fixtures = fs.readdirSync(BROKEN_FIXTURES_DIR).filter((name) => name.endsWith('.dataflow.yaml')).sort();

suite('Broken fixtures', () => {
  test('there are broken fixtures to check', () => {
    assert.ok(fixtures.length > 0, `no *.dataflow.yaml in ${BROKEN_FIXTURES_DIR}`);
  });

  for (const name of fixtures) {
    test(`${name} reports exactly its expected problem codes`, async () => {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'dataflows', name);
      const document = await openInEditor(uri);
      const expected = expectedCodes(document.getText());
      assert.ok(expected && expected.length > 0, `${name} has no "# expect: code, ..." line`);
      await activeExtensionApi();
      const codesNow = (): string[] => uniqueSorted(vscode.languages.getDiagnostics(uri).map(diagnosticCode));
      // Polled until equal: the server may publish in stages (syntax first, then semantics).
      const diagnostics = await waitFor(
        `codes [${expected.join(', ')}] on ${name}`,
        () => (codesNow().join('\n') === expected.join('\n') ? vscode.languages.getDiagnostics(uri) : undefined),
        { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: () => describeDiagnostics(vscode.languages.getDiagnostics(uri)) },
      );
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE, `diagnostic not from our server: ${describeDiagnostics([diagnostic])}`);
      }
    });
  }
});
