// The structural editor features (folding, smart selection, semantic highlighting, formatting),
// asked through VS Code's command API on the example workspace copy e2e.sh opens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtensionApi, openInEditor, workspaceRoot } from './workspace';
import { waitFor } from './waitFor';

const ANSWER_TIMEOUT_MS = 10_000;

async function openContacts(): Promise<vscode.TextDocument> {
  const document = await openInEditor(vscode.Uri.joinPath(workspaceRoot(), 'dataflows', 'contacts.dataflow.yaml'));
  await activeExtensionApi();
  return document;
}

function lineOf(document: vscode.TextDocument, lineText: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === lineText) return line;
  assert.fail(`no line '${lineText}' in ${document.uri.fsPath}`);
}

/** Re-asks a provider until `accept` takes its answer: the first answers may predate the analysis. */
async function answer<T>(what: string, ask: () => Thenable<T>, accept: (value: T) => boolean, show: (value: T) => string): Promise<T> {
  let last: T | undefined;
  return waitFor(what, async () => {
    last = await ask();
    return accept(last) ? last : undefined;
  }, { timeoutMs: ANSWER_TIMEOUT_MS, intervalMs: 200, describe: () => (last === undefined ? '(no answer)' : show(last)) });
}

/** `text:type` per token, decoded from the relative encoding. */
function decodeTokens(document: vscode.TextDocument, tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): string[] {
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const deltaLine = tokens.data[i]!;
    line += deltaLine;
    char = deltaLine === 0 ? char + tokens.data[i + 1]! : tokens.data[i + 1]!;
    const text = document.lineAt(line).text.slice(char, char + tokens.data[i + 2]!);
    out.push(`${text}:${legend.tokenTypes[tokens.data[i + 3]!]}`);
  }
  return out;
}

suite('Structural editor features', () => {
  test('folding ranges cover the mappings section and each multi-line mapping item', async () => {
    const document = await openContacts();
    const mappingsLine = lineOf(document, 'mappings:');
    const itemLine = lineOf(document, '  - source: FirstName');
    const ranges = await answer(
      'folding ranges',
      () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri),
      (r) => (r?.length ?? 0) > 0,
      (r) => (r ?? []).map((x) => `${x.start + 1}-${x.end + 1}`).join(', ') || '(none)',
    );
    assert.ok(ranges.some((r) => r.start === mappingsLine && r.end > itemLine), 'the mappings section folds');
    assert.ok(ranges.some((r) => r.start === itemLine && r.end === itemLine + 1), 'the FirstName mapping item folds onto its target line');
  });

  test('smart selection grows from a path segment to the value, the pair and the item', async () => {
    const document = await openContacts();
    const line = lineOf(document, '    target: person.name.firstName');
    const position = new vscode.Position(line, '    target: person.na'.length);
    const [selection] = await answer(
      'selection ranges',
      () => vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', document.uri, [position]),
      (s) => (s?.length ?? 0) === 1,
      (s) => JSON.stringify(s),
    );
    const chain: string[] = [];
    for (let s: vscode.SelectionRange | undefined = selection; s; s = s.parent) chain.push(document.getText(s.range));
    // VS Code merges in its own word and whole-line ranges, so ours are an ordered subsequence.
    const ours = ['name', 'person.name.firstName', 'target: person.name.firstName', 'source: FirstName\n    target: person.name.firstName', '- source: FirstName\n    target: person.name.firstName'];
    const found = ours.map((text) => chain.indexOf(text));
    assert.ok(found.every((at, i) => at >= 0 && (i === 0 || at > found[i - 1]!)), `expected ${JSON.stringify(ours)} in order within ${JSON.stringify(chain.slice(0, 8))}`);
  });

  test('semantic tokens mark catalogue functions and fields inside expressions', async () => {
    const document = await openContacts();
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.ok(legend && legend.tokenTypes.includes('function'), `legend: ${JSON.stringify(legend)}`);
    const tokens = await answer(
      'semantic tokens',
      () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri),
      (t) => (t?.data.length ?? 0) > 0,
      (t) => `${t?.data.length ?? 0} numbers`,
    );
    const decoded = decodeTokens(document, tokens!, legend);
    for (const token of ['concat:function', 'lower:function', 'trim:function', 'Email:variable']) {
      assert.ok(decoded.includes(token), `${token} missing from: ${decoded.slice(0, 30).join(', ')}`);
    }
  });

  test('format document puts swapped mapping keys back in order', async () => {
    const document = await openContacts();
    const original = document.getText();
    const line = lineOf(document, '  - source: FirstName');
    const swap = new vscode.WorkspaceEdit();
    swap.replace(document.uri, new vscode.Range(line, 0, line + 1, document.lineAt(line + 1).text.length), '  - target: person.name.firstName\n    source: FirstName');
    try {
      assert.ok(await vscode.workspace.applyEdit(swap));
      assert.notEqual(document.getText(), original);
      const edits = await answer(
        'formatting edits',
        () => vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 2, insertSpaces: true }),
        (e) => (e?.length ?? 0) > 0,
        (e) => JSON.stringify(e ?? null),
      );
      const format = new vscode.WorkspaceEdit();
      format.set(document.uri, edits!);
      assert.ok(await vscode.workspace.applyEdit(format));
      assert.equal(document.getText(), original, 'formatting restores the example exactly');
    } finally {
      if (document.getText() !== original) {
        const restore = new vscode.WorkspaceEdit();
        restore.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
        await vscode.workspace.applyEdit(restore);
      }
      await document.save();
    }
  });
});
