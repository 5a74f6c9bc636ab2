// Each broken fixture must produce exactly the problems its header lists, all from our server:
// test/fixtures/broken/*.dataflow.yaml (copied into the workspace's dataflows/ by e2e-workspace.mjs)
// and each test/fixtures/broken-<x>/crmflow.yaml (placed as the project folder broken-<x>/).
// Compared as a multiset of code@line, so a second problem with the same code, or one reported on
// another line, fails the test.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { expectedCodes, expectedProblems, problemAt, sortedProblems, uniqueSorted } from './fixtureExpectations';
import { activeExtensionApi, BROKEN_FIXTURES_DIR, BROKEN_PROJECT_FIXTURES, DIAGNOSTIC_SOURCE, DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, diagnosticCode, openInEditor, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

const dataflowFixtures = fs.readdirSync(BROKEN_FIXTURES_DIR).filter((name) => name.endsWith('.dataflow.yaml')).sort();

function problemsOf(uri: vscode.Uri): string[] {
  return sortedProblems(vscode.languages.getDiagnostics(uri).map((d) => problemAt(diagnosticCode(d), d.range.start.line)));
}

async function assertExactProblems(relativePath: string): Promise<void> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
  const document = await openInEditor(uri);
  const text = document.getText();
  const codes = expectedCodes(text);
  const expected = expectedProblems(text);
  assert.ok(codes && codes.length > 0, `${relativePath} has no "# expect: code, ..." line`);
  assert.ok(expected && expected.length > 0, `${relativePath} has no "# expect-at: code@line, ..." line`);
  assert.deepEqual(uniqueSorted(expected.map((p) => p.slice(0, p.lastIndexOf('@')))), codes, `${relativePath}: "# expect-at:" and "# expect:" name different codes`);
  await activeExtensionApi();
  // Polled until equal: the server may publish in stages (syntax first, then semantics).
  await waitFor(
    `[${expected.join(', ')}] on ${relativePath}`,
    () => (problemsOf(uri).join('\n') === expected.join('\n') ? true : undefined),
    { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: () => `[${problemsOf(uri).join(', ')}]\n  ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}` },
  );
  for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
    assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE, `diagnostic not from our server: ${describeDiagnostics([diagnostic])}`);
  }
}

suite('Broken fixtures', () => {
  test('there are broken dataflow and project fixtures to check', () => {
    assert.ok(dataflowFixtures.length > 0, `no *.dataflow.yaml in ${BROKEN_FIXTURES_DIR}`);
    assert.ok(BROKEN_PROJECT_FIXTURES.length > 0, 'no test/fixtures/broken-<x>/crmflow.yaml');
  });

  for (const name of dataflowFixtures) {
    test(`${name} reports exactly its expected problems (code and line)`, () => assertExactProblems(`dataflows/${name}`));
  }

  for (const folder of BROKEN_PROJECT_FIXTURES) {
    test(`${folder}/crmflow.yaml reports exactly its expected problems (code and line)`, () => assertExactProblems(`${folder}/crmflow.yaml`));
  }
});
