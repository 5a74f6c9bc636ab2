/** Hover, signature help, go to definition and find references over stdio, against the built server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  SignatureHelpRequest,
  SignatureHelpTriggerKind,
  type Hover,
  type Location,
  type LocationLink,
  type MarkupContent,
  type Position,
  type SignatureHelp,
} from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { EXAMPLES } from '../helpers/workspace';

let ws: string;
let client: LspTestClient;
let contactsUri: string;
let contactsText: string;

before(async () => {
  ws = mkdtempSync(path.join(tmpdir(), 'crmflow-navigation-'));
  cpSync(EXAMPLES, ws, { recursive: true });
  // a second dataflow on disk over the same schema, in a sub-folder
  writeFileSync(path.join(ws, 'dataflows', 'leads.dataflow.yaml'), 'dataflow: Leads\nsource:\n  connection: acme\n  object: Lead\ntarget:\n  schema: ../schemas/b2b-person.schema.json\nmappings:\n  - source: Email\n    target: workEmail.address\n');
  client = await LspTestClient.start(ws);
  const file = path.join(ws, 'dataflows', 'contacts.dataflow.yaml');
  contactsUri = fileUri(file);
  contactsText = readFileSync(file, 'utf8');
  const opened = client.waitForDiagnostics(contactsUri);
  client.open(contactsUri, contactsText);
  await opened;
});

after(async () => {
  await client.stop();
  rmSync(ws, { recursive: true, force: true });
});

/** The position `delta` characters into the first occurrence of `needle`. */
function at(text: string, needle: string, delta = 1): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

test('hover on a source field, a target path and a function in an expression', async () => {
  const field = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: contactsUri }, position: at(contactsText, 'source: FirstName', 10) })) as Hover;
  assert.equal((field.contents as MarkupContent).kind, 'markdown');
  assert.match((field.contents as MarkupContent).value, /\(field\) Contact\.FirstName: string\(40\)/);
  assert.deepEqual(field.range, { start: at(contactsText, 'source: FirstName', 8), end: at(contactsText, 'source: FirstName', 17) });
  const target = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: contactsUri }, position: at(contactsText, 'workEmail.address', 12) })) as Hover;
  assert.match((target.contents as MarkupContent).value, /\(xdm\) workEmail\.address: string \(email\)/);
  const fn = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: contactsUri }, position: at(contactsText, 'lower(trim', 2) })) as Hover;
  assert.match((fn.contents as MarkupContent).value, /lower\(INPUT: STRING\): STRING/);
});

test('signature help inside an expression, with the active parameter', async () => {
  const pos = at(contactsText, 'concat(Id, "@', 11);
  const help = (await client.connection.sendRequest(SignatureHelpRequest.type, {
    textDocument: { uri: contactsUri },
    position: pos,
    context: { triggerKind: SignatureHelpTriggerKind.TriggerCharacter, triggerCharacter: ',', isRetrigger: false },
  })) as SignatureHelp;
  assert.equal(help.signatures[0]!.label, 'concat(STRING: ANY...): STRING');
  assert.equal(help.activeParameter, 0);
});

test('go to definition returns a LocationLink into the schema file', async () => {
  const links = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: contactsUri }, position: at(contactsText, 'person.name.firstName', 15) })) as LocationLink[];
  assert.equal(links.length, 1);
  const link = links[0]!;
  assert.equal(link.targetUri, fileUri(path.join(ws, 'schemas', 'b2b-person.schema.json')));
  const schemaText = readFileSync(path.join(ws, 'schemas', 'b2b-person.schema.json'), 'utf8');
  const line = schemaText.split('\n')[link.targetSelectionRange.start.line]!;
  assert.equal(line.slice(link.targetSelectionRange.start.character, link.targetSelectionRange.end.character), 'firstName');
  assert.deepEqual(link.originSelectionRange, { start: at(contactsText, 'person.name.firstName', 12), end: at(contactsText, 'person.name.firstName', 21) });
});

test('a client without link support gets plain Locations for definitions', async () => {
  const plain = await LspTestClient.start(ws, { linkSupport: false });
  try {
    const opened = plain.waitForDiagnostics(contactsUri);
    plain.open(contactsUri, contactsText);
    await opened;
    const result = (await plain.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: contactsUri }, position: at(contactsText, 'person.name.firstName', 15) })) as Array<{ uri: string; range: unknown; targetUri?: string }>;
    assert.equal(result.length, 1);
    assert.equal(result[0]!.uri, fileUri(path.join(ws, 'schemas', 'b2b-person.schema.json')));
    assert.equal(result[0]!.targetUri, undefined);
  } finally {
    await plain.stop();
  }
});

test('find references spans files on disk and unsaved open documents', async () => {
  const draftUri = fileUri(path.join(ws, 'dataflows', 'draft.dataflow.yaml'));
  const draft = 'dataflow: Draft\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\nmappings:\n  - source: Email\n    target: workEmail.address\n';
  const opened = client.waitForDiagnostics(draftUri);
  client.open(draftUri, draft);
  await opened;
  const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: contactsUri },
    position: at(contactsText, 'target: workEmail.address', 18),
    context: { includeDeclaration: true },
  })) as Location[];
  const byFile = refs.map((r) => path.basename(new URL(r.uri).pathname));
  assert.deepEqual(byFile, ['b2b-person.schema.json', 'contacts.dataflow.yaml', 'contacts.dataflow.yaml', 'draft.dataflow.yaml', 'leads.dataflow.yaml']);
  client.close(draftUri);
});

test('requests on a broken document answer (null or data), never an error', async () => {
  const uri = fileUri(path.join(ws, 'dataflows', 'broken.dataflow.yaml'));
  const text = 'dataflow: [\nsource:\n  connection: acme\n  object: Contact\nmappings:\n  - expression: "concat(upper(FirstName), \n    target: person..name\n  -\n';
  const opened = client.waitForDiagnostics(uri);
  client.open(uri, text);
  await opened;
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line]!.length; character += 3) {
      const p = { textDocument: { uri }, position: { line, character } };
      const t0 = performance.now();
      await client.connection.sendRequest(HoverRequest.type, p);
      await client.connection.sendRequest(SignatureHelpRequest.type, { ...p, context: { triggerKind: SignatureHelpTriggerKind.Invoked, isRetrigger: false } });
      await client.connection.sendRequest(DefinitionRequest.type, p);
      await client.connection.sendRequest(ReferencesRequest.type, { ...p, context: { includeDeclaration: true } });
      assert.ok(performance.now() - t0 < 1000);
    }
  }
  client.close(uri);
});
