/** Go to definition: service tests over the example workspace, `|` marks the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocationLink } from 'vscode-languageserver-types';
import { DefinitionProvider } from '../../../server/features/definition';
import type { FeatureRequest } from '../../../server/features/request';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const FILE = path.join(DATAFLOWS, 'definition-test.dataflow.yaml');
const PROJECT = path.join(EXAMPLES, 'crmflow.yaml');
const HEADER = `dataflow: Definition test
source:
  connection: acme
  object: Contact
target:
  dataset: Salesforce Contacts
  schema: ../schemas/b2b-person.schema.json
identities:
  - path: b2b.personKey.sourceKey
    namespace: b2b_person
    primary: true
mappings:
`;

interface Jump {
  /** the file jumped to, relative to examples/ */
  file: string;
  /** text of targetSelectionRange */
  selected: string;
  /** text of targetRange */
  range: string;
  /** text of originSelectionRange */
  origin: string;
  link: LocationLink;
}

function jump(textWithCursor: string, overlay: Record<string, string> = {}, provider = new DefinitionProvider()): Jump | null {
  const { text, offset } = cursor(textWithCursor);
  const files = { [FILE]: text, ...overlay };
  const service = exampleService(files);
  const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
  const req: FeatureRequest = { doc, path: FILE, offset, service, analysis: service.analyse({ path: FILE, text }) };
  const links = provider.definition(req);
  if (!links) return null;
  assert.equal(links.length, 1);
  const link = links[0]!;
  const target = fileURLToPath(link.targetUri);
  const targetText = files[target] ?? readFileSync(target, 'utf8');
  const tdoc = TextDocument.create(link.targetUri, 'json', 0, targetText);
  const slice = (r: LocationLink['targetRange'], d: TextDocument, t: string) => t.slice(d.offsetAt(r.start), d.offsetAt(r.end));
  return {
    file: path.relative(EXAMPLES, target),
    selected: slice(link.targetSelectionRange, tdoc, targetText),
    range: slice(link.targetRange, tdoc, targetText),
    origin: slice(link.originSelectionRange!, doc, text),
    link,
  };
}

test('a target path segment goes to its property in the schema file', () => {
  const leaf = jump(`${HEADER}  - source: FirstName\n    target: person.name.first|Name\n`);
  assert.ok(leaf);
  assert.equal(leaf.file, path.join('schemas', 'b2b-person.schema.json'));
  assert.equal(leaf.selected, 'firstName');
  assert.equal(leaf.origin, 'firstName');
  const parent = jump(`${HEADER}  - source: FirstName\n    target: person.na|me.firstName\n`);
  assert.ok(parent);
  assert.equal(parent.selected, 'name');
  assert.notDeepEqual(parent.link.targetRange, leaf.link.targetRange);
});

test('an identity path goes to the schema too, also with the cursor just after it', () => {
  const j = jump(HEADER.replace('path: b2b.personKey.sourceKey', 'path: b2b.personKey.sourceKey|'));
  assert.ok(j);
  assert.equal(j.selected, 'sourceKey');
  assert.equal(j.origin, 'sourceKey');
});

test('schema: goes to the file', () => {
  const j = jump(HEADER.replace('schema: ../schemas/', 'schema: ../sch|emas/'));
  assert.ok(j);
  assert.equal(j.file, path.join('schemas', 'b2b-person.schema.json'));
  assert.equal(j.link.targetSelectionRange.start.line, 0);
  assert.equal(j.origin, '../schemas/b2b-person.schema.json');
});

test('connection, dataset and a declared namespace go to their key in crmflow.yaml', () => {
  const conn = jump(HEADER.replace('connection: acme', 'connection: ac|me'));
  assert.ok(conn);
  assert.equal(conn.file, 'crmflow.yaml');
  assert.equal(conn.selected, 'acme');
  assert.equal(conn.link.targetSelectionRange.start.line, readFileSync(PROJECT, 'utf8').split('\n').indexOf('  acme:'));
  const ds = jump(HEADER.replace('dataset: Salesforce Contacts', 'dataset: Salesforce Con|tacts'));
  assert.equal(ds?.selected, 'Salesforce Contacts');
  const ns = jump(HEADER.replace('namespace: b2b_person', 'namespace: acme_loy|alty'));
  assert.equal(ns?.selected, 'acme_loyalty');
  assert.equal(jump(HEADER.replace('namespace: b2b_person', 'namespace: b2b_per|son')), null);
});

test('crmflow.yaml is read through the workspace reader: an unsaved edit moves the target', () => {
  const edited = `# one more line\n${readFileSync(PROJECT, 'utf8')}`;
  const j = jump(HEADER.replace('connection: acme', 'connection: ac|me'), { [PROJECT]: edited });
  assert.ok(j);
  assert.equal(j.selected, 'acme');
  assert.equal(j.link.targetSelectionRange.start.line, edited.split('\n').indexOf('  acme:'));
});

test('a source field goes to its entry in the describe cache file', () => {
  const j = jump(`${HEADER}  - source: First|Name\n    target: person.name.firstName\n`);
  assert.ok(j);
  assert.equal(j.file, path.join('.crmflow', 'metadata', 'acme', 'Contact.json'));
  assert.equal(j.selected, 'FirstName');
  assert.ok(j.range.startsWith('{') && j.range.endsWith('}'));
  assert.equal((JSON.parse(j.range) as { name: string }).name, 'FirstName');
});

test('relationship segments: the reference field in the child, the field in the parent', () => {
  const rel = jump(`${HEADER}  - source: Acc|ount.Name\n    target: b2b.companyName\n`);
  assert.equal(rel?.file, path.join('.crmflow', 'metadata', 'acme', 'Contact.json'));
  assert.equal((JSON.parse(rel!.range) as { name: string }).name, 'AccountId');
  const leaf = jump(`${HEADER}  - source: Account.Na|me\n    target: b2b.companyName\n`);
  assert.equal(leaf?.file, path.join('.crmflow', 'metadata', 'acme', 'Account.json'));
  const entry = JSON.parse(leaf!.range) as { name: string; type: string };
  assert.deepEqual([entry.name, entry.type], ['Name', 'string']);
});

test('a field reference inside an expression goes to the describe cache', () => {
  const provider = new DefinitionProvider();
  const j = jump(`${HEADER}  - expression: lower(trim(Em|ail))\n    target: workEmail.address\n`, {}, provider);
  assert.ok(j);
  assert.equal(j.selected, 'Email');
  assert.equal(j.origin, 'Email');
  assert.equal(jump(`${HEADER}  - expression: low|er(trim(Email))\n    target: workEmail.address\n`, {}, provider), null);
});

test('the object value goes to the describe file; unknown names go nowhere', () => {
  const obj = jump(HEADER.replace('object: Contact', 'object: Con|tact'));
  assert.equal(obj?.file, path.join('.crmflow', 'metadata', 'acme', 'Contact.json'));
  assert.equal(obj?.selected, 'Contact');
  assert.equal(jump(`${HEADER}  - source: First|Nme\n    target: person.name.firstName\n`), null);
  assert.equal(jump(`${HEADER}  - source: FirstName\n    target: person.na|p\n`), null);
});
