/** textDocument/completion over stdio against the built server, on a copy of the examples. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CompletionRequest, CompletionResolveRequest, CompletionTriggerKind, type CompletionItem, type CompletionList, type MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;

before(async () => {
  delete process.env.http_proxy;
  delete process.env.https_proxy;
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-completion-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  client = await LspTestClient.start(ws);
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

/** Opens `text` (with a `|`) as the contacts dataflow and asks for completion at the marker. */
async function completeAt(textWithCursor: string, version: number, triggerCharacter?: string): Promise<{ items: CompletionItem[]; list?: CompletionList; text: string; line: number; character: number }> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const uri = fileUri(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'));
  client.open(uri, text, version);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  const result = await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line, character },
    context: triggerCharacter ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter } : { triggerKind: CompletionTriggerKind.Invoked },
  });
  client.close(uri);
  const list = Array.isArray(result) ? undefined : (result as CompletionList | null) ?? undefined;
  const items = Array.isArray(result) ? result : list?.items ?? [];
  return { items, ...(list ? { list } : {}), text, line, character };
}

/** The edit an item makes as the client applies it: its own, or the list's default range with its text. */
function editOf(item: CompletionItem, list: CompletionList | undefined): { range: unknown; newText: string } {
  const own = item.textEdit as { range: unknown; newText: string } | undefined;
  if (own) return own;
  const range = list?.itemDefaults?.editRange;
  assert.ok(range, `'${item.label}' has an edit of its own or a default range on the list`);
  return { range, newText: item.textEditText ?? item.label };
}

const contacts = () => readFileSync(path.join(ws, 'dataflows', 'contacts.dataflow.yaml'), 'utf8');

test('source field completion in plain YAML: text edits over the typed word, details on resolve', async () => {
  const { items, list, line, character } = await completeAt(contacts().replace('source: FirstName', 'source: Fir|'), 1);
  const first = items.find((i) => i.label === 'FirstName');
  assert.ok(first, 'FirstName offered');
  // the client declares itemDefaults as VS Code does, so the shared range travels once, on the list
  assert.equal(first.textEdit, undefined);
  assert.deepEqual(editOf(first, list), { range: { start: { line, character: character - 3 }, end: { line, character } }, newText: 'FirstName' });
  assert.equal(first.labelDetails?.description, 'string(40)');
  // the list is sent lean; the focused item gets its detail and documentation on resolve
  assert.equal(first.documentation, undefined);
  const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, first);
  assert.equal(resolved.detail, 'string(40) · First Name');
  assert.match((resolved.documentation as MarkupContent).value, /\*\*First Name\*\*/);
});

test('inside an expression: functions with snippets and fields, after a trigger character', async () => {
  const { items, list } = await completeAt(contacts().replace('lower(trim(Email))', 'concat(|'), 2, '(');
  const concat = items.find((i) => i.label === 'concat');
  assert.ok(concat);
  assert.equal(editOf(concat, list).newText, 'concat(${1:STRING})');
  assert.ok(items.some((i) => i.label === 'LastName'));
});

test('target paths segment by segment, and nothing for a space typed in free text', async () => {
  const { items } = await completeAt(contacts().replace('target: person.name.firstName', 'target: person.|'), 3, '.');
  assert.deepEqual(items.map((i) => i.label).sort(), ['birthDate', 'name']);
  const none = await completeAt(contacts().replace('description: Contacts of', 'description: Contacts |of'), 4, ' ');
  assert.deepEqual(none.items, []);
});

test('a malformed document is answered, not failed', async () => {
  const { items } = await completeAt('mappings:\n  - source: [\n  - expression: "concat(${|\n', 5);
  assert.ok(Array.isArray(items));
});
