// Files a dataflow depends on, changed on disk behind the editor's back (fs, not an editor; no
// refresh command): VS Code's file watcher tells the server, which re-checks the open dataflow.
// A schema losing a property and a cached describe losing a field each make the open
// contacts.dataflow.yaml report the mapping that used it; the original file comes back in
// `finally`, and the problem must go again, so later suites see the example as it was.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activeExtensionApi, DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, diagnosticCode, errorsOf, openInEditor, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

interface JsonObject {
  [key: string]: unknown;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deletes every property named `name` under a `properties` object anywhere in a JSON Schema; returns how many. */
function deleteSchemaProperty(node: unknown, name: string): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + deleteSchemaProperty(item, name), 0);
  if (!isObject(node)) return 0;
  let deleted = 0;
  if (isObject(node.properties) && name in node.properties) {
    delete node.properties[name];
    deleted++;
  }
  for (const value of Object.values(node)) deleted += deleteSchemaProperty(value, name);
  return deleted;
}

/**
 * With contacts.dataflow.yaml open and clean, rewrites `file` on disk with `change`, waits until the
 * dataflow reports `code` on the line `lineText`, then restores the file and waits for the problem to go.
 */
async function assertRevalidatedOnDiskChange(relativeFile: string[], change: (text: string) => string, code: string, lineText: string): Promise<void> {
  const dataflow = await openInEditor(vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contacts.dataflow.yaml'));
  await activeExtensionApi();
  const uri = dataflow.uri;
  const show = () => describeDiagnostics(vscode.languages.getDiagnostics(uri));
  await waitFor('contacts.dataflow.yaml to be clean first', () => (errorsOf(uri).length === 0 ? true : undefined), { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: show });
  const line = dataflow.getText().split('\n').indexOf(lineText);
  assert.ok(line >= 0, `no line '${lineText}' in contacts.dataflow.yaml`);
  const problemThere = () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === code && d.range.start.line === line);

  const file = vscode.Uri.joinPath(workspaceRoot(), ...relativeFile).fsPath;
  const original = fs.readFileSync(file, 'utf8');
  const changed = change(original);
  assert.notEqual(changed, original, `the change leaves ${relativeFile.join('/')} as it was`);
  try {
    fs.writeFileSync(file, changed);
    const problem = await waitFor(`${code} on line ${line + 1} after ${relativeFile.join('/')} changed on disk`, problemThere, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: show });
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
  } finally {
    fs.writeFileSync(file, original);
  }
  await waitFor(`${code} to go once ${relativeFile.join('/')} is restored`, () => (errorsOf(uri).length === 0 ? true : undefined), { timeoutMs: DIAGNOSTICS_TIMEOUT_MS, describe: show });
}

suite('File watcher revalidation', () => {
  test('a schema rewritten on disk re-checks the open dataflow: a removed property is an unknown target', async () => {
    await assertRevalidatedOnDiskChange(['schemas', 'b2b-person.schema.json'], (text) => {
      const schema = JSON.parse(text) as unknown;
      assert.ok(deleteSchemaProperty(schema, 'courtesyTitle') > 0, 'the schema defines courtesyTitle');
      return `${JSON.stringify(schema, null, 2)}\n`;
    }, 'unknown-target-path', '    target: person.name.courtesyTitle');
  });

  test('a cached describe rewritten on disk re-checks the open dataflow: a removed field is an unknown source', async () => {
    await assertRevalidatedOnDiskChange(['.crmflow', 'metadata', 'acme', 'Contact.json'], (text) => {
      const describe = JSON.parse(text) as { fields?: Array<{ name?: string }> };
      const fields = describe.fields ?? [];
      assert.ok(fields.some((f) => f.name === 'Salutation'), 'the Contact describe has Salutation');
      describe.fields = fields.filter((f) => f.name !== 'Salutation');
      return `${JSON.stringify(describe, null, 2)}\n`;
    }, 'unknown-source-field', '  - source: Salutation');
  });
});
