/** Hover: service tests over the example workspace, with `|` marking the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { DefinitionProvider } from '../../../server/features/definition';
import { hover } from '../../../server/features/hover';
import { ReferencesProvider } from '../../../server/features/references';
import { signatureHelp } from '../../../server/features/signatureHelp';
import type { FeatureRequest } from '../../../server/features/request';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const FILE = path.join(DATAFLOWS, 'hover-test.dataflow.yaml');
const HEADER = `dataflow: Hover test
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

const THING = path.join(EXAMPLES, '.crmflow', 'metadata', 'acme', 'Thing__c.json');
const thingDescribe = JSON.stringify({
  name: 'Thing__c', label: 'Thing', labelPlural: 'Things', keyPrefix: 'a01', custom: true, queryable: true,
  fields: [
    { name: 'Id', label: 'Record ID', type: 'id', length: 18, precision: 0, scale: 0, nillable: false, custom: false, picklistValues: [], referenceTo: [], relationshipName: null },
    {
      name: 'Colour__c', label: 'Colour', type: 'picklist', length: 255, precision: 0, scale: 0, nillable: true, custom: true, unique: false, externalId: false,
      inlineHelpText: 'Pick the *main* colour.', referenceTo: [], relationshipName: null,
      picklistValues: Array.from({ length: 25 }, (_, i) => ({ active: true, defaultValue: false, label: `Colour ${i}`, value: `C${i}` })),
    },
    { name: 'Code__c', label: 'Code', type: 'string', length: 12, precision: 0, scale: 0, nillable: false, unique: true, externalId: true, custom: true, picklistValues: [], referenceTo: [], relationshipName: null },
  ],
});

function request(textWithCursor: string, file = FILE, overlay: Record<string, string> = {}): { req: FeatureRequest; text: string } {
  const { text, offset } = cursor(textWithCursor);
  const service = exampleService({ [file]: text, [THING]: thingDescribe, ...overlay });
  const doc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text);
  const req: FeatureRequest = { doc, path: file, offset, service };
  if (service.kindOf(file) === 'dataflow') req.analysis = service.analyse({ path: file, text });
  return { req, text };
}

function hoverAt(textWithCursor: string, file?: string): { value: string; range: string } | null {
  const { req, text } = request(textWithCursor, file);
  const h = hover(req);
  if (!h) return null;
  const r = h.range!;
  return { value: (h.contents as MarkupContent).value, range: text.slice(req.doc.offsetAt(r.start), req.doc.offsetAt(r.end)) };
}

test('a source field shows label, type(length), nillable and the describe cache', () => {
  const h = hoverAt(`${HEADER}  - source: First|Name\n    target: person.name.firstName\n`);
  assert.ok(h);
  assert.equal(h.range, 'FirstName');
  assert.match(h.value, /\(field\) Contact\.FirstName: string\(40\)/);
  assert.match(h.value, /\*\*First Name\*\*/);
  assert.match(h.value, /nillable/);
});

test('each segment of a relationship path hovers on its own', () => {
  const rel = hoverAt(`${HEADER}  - source: Acc|ount.Name\n    target: b2b.companyName\n`);
  assert.ok(rel);
  assert.equal(rel.range, 'Account');
  assert.match(rel.value, /\(relationship\) Contact\.Account → Account/);
  assert.match(rel.value, /`AccountId`/);
  const leaf = hoverAt(`${HEADER}  - source: Account.Na|me\n    target: b2b.companyName\n`);
  assert.ok(leaf);
  assert.equal(leaf.range, 'Name');
  assert.match(leaf.value, /\(field\) Account\.Name: string\(255\)/);
});

test('picklist values are cut after 20, help text, unique and external id are shown', () => {
  const head = HEADER.replace('object: Contact', 'object: Thing__c');
  const h = hoverAt(`${head}  - source: Colour|__c\n    target: person.name.firstName\n`);
  assert.ok(h);
  assert.match(h.value, /`C0` \(Colour 0\)/);
  assert.match(h.value, /`C19`/);
  assert.doesNotMatch(h.value, /`C20`/);
  assert.match(h.value, /… and 5 more/);
  assert.match(h.value, /> Pick the \\\*main\\\* colour\./);
  const code = hoverAt(`${head}  - source: Co|de__c\n    target: person.name.firstName\n`);
  assert.ok(code);
  assert.match(code.value, /not nillable · unique · external id · custom/);
});

test('a target path segment shows its XDM type, description and schema file', () => {
  const parent = hoverAt(`${HEADER}  - source: FirstName\n    target: person.na|me.firstName\n`);
  assert.ok(parent);
  assert.equal(parent.range, 'name');
  assert.match(parent.value, /\(xdm\) person\.name: object/);
  const leaf = hoverAt(`${HEADER}  - source: Email\n    target: workEmail.addr|ess\n`);
  assert.ok(leaf);
  assert.equal(leaf.range, 'address');
  assert.match(leaf.value, /\(xdm\) workEmail\.address: string \(email\)/);
  assert.match(leaf.value, /Schema `b2b-person\.schema\.json`/);
});

test('a required target path and an identity path say they are required', () => {
  const h = hoverAt(HEADER.replace('path: b2b.personKey.sourceKey', 'path: b2b.personKey.source|Key') + '  - source: Id\n    target: _id\n');
  assert.ok(h);
  assert.equal(h.range, 'sourceKey');
  assert.match(h.value, /\*\*required\*\*/);
});

test('a function name in an expression shows signature, doc, example and aliases', () => {
  const h = hoverAt(`${HEADER}  - expression: lo|wer(trim(Email))\n    target: workEmail.address\n`);
  assert.ok(h);
  assert.equal(h.range, 'lower');
  assert.match(h.value, /lower\(INPUT: STRING\): STRING/);
  assert.match(h.value, /Converts a string to lower case/);
  assert.match(h.value, /`lower\("HeLLo"\)` → `"hello"`/);
  assert.match(h.value, /Also called `lcase`/);
  const alias = hoverAt(`${HEADER}  - expression: lca|se(Email)\n    target: workEmail.address\n`);
  assert.ok(alias);
  assert.match(alias.value, /Alias of `lower`/);
});

test('deprecated functions and methods say so', () => {
  const dep = hoverAt(`${HEADER}  - expression: iif(is_s|et("Email"), Email, null)\n    target: workEmail.address\n`);
  assert.ok(dep);
  assert.match(dep.value, /\*\*Deprecated\*\*: use `contains_key`/);
  const method = hoverAt(`${HEADER}  - expression: iif(FirstName.equalsIgnore|Case("x"), "a", "b")\n    target: person.name.firstName\n`);
  assert.ok(method);
  assert.equal(method.range, 'equalsIgnoreCase');
  assert.match(method.value, /STRING\.equalsIgnoreCase\(STRING2: STRING\): BOOLEAN/);
});

test('a field reference inside an expression hovers as the field, also in quoted scalars', () => {
  const h = hoverAt(`${HEADER}  - expression: lower(trim(Em|ail))\n    target: workEmail.address\n`);
  assert.ok(h);
  assert.equal(h.range, 'Email');
  assert.match(h.value, /\(field\) Contact\.Email: email\(80\)/);
  const quoted = hoverAt(`${HEADER}  - expression: "concat(\\"a\\", Acc|ount.Name)"\n    target: b2b.companyName\n`);
  assert.ok(quoted);
  assert.equal(quoted.range, 'Account');
  assert.match(quoted.value, /\(relationship\)/);
});

test('${CRM_ORG_ID} in a string literal explains the run-time substitution', () => {
  const h = hoverAt(`${HEADER}  - expression: concat(Id, "@\${CRM_|ORG_ID}")\n    target: b2b.personKey.sourceKey\n`);
  assert.ok(h);
  assert.equal(h.range, '${CRM_ORG_ID}');
  assert.match(h.value, /00D5g000004ACMEEA2/);
});

test('namespaces: standard, declared in crmflow.yaml, unknown', () => {
  const std = hoverAt(HEADER.replace('namespace: b2b_person', 'namespace: b2b_pe|rson'));
  assert.ok(std);
  assert.match(std.value, /B2B Person.*CROSS_DEVICE/);
  assert.match(std.value, /Standard AEP namespace/);
  const declared = hoverAt(HEADER.replace('namespace: b2b_person', 'namespace: acme_loy|alty'));
  assert.ok(declared);
  assert.match(declared.value, /Acme Loyalty Member/);
  assert.match(declared.value, /Declared in `crmflow\.yaml`/);
  const unknown = hoverAt(HEADER.replace('namespace: b2b_person', 'namespace: No|pe'));
  assert.ok(unknown);
  assert.match(unknown.value, /Not a standard namespace/);
});

test('connection, object, dataset and schema values', () => {
  const conn = hoverAt(HEADER.replace('connection: acme', 'connection: ac|me'));
  assert.ok(conn);
  assert.match(conn.value, /kind: `emulator`/);
  assert.match(conn.value, /orgId: `00D5g000004ACMEEA2`/);
  const obj = hoverAt(HEADER.replace('object: Contact', 'object: Cont|act'));
  assert.ok(obj);
  assert.match(obj.value, /\*\*Contact\*\* \(Contacts\)/);
  assert.match(obj.value, /standard object · \d+ fields/);
  const ds = hoverAt(HEADER.replace('dataset: Salesforce Contacts', 'dataset: Sales|force Contacts'));
  assert.ok(ds);
  assert.equal(ds.range, 'Salesforce Contacts');
  assert.match(ds.value, /schema: `schemas\/b2b-person\.schema\.json`/);
  const schema = hoverAt(HEADER.replace('schema: ../schemas/', 'schema: ../sch|emas/'));
  assert.ok(schema);
  assert.match(schema.value, /\(schema\) B2B Person/);
  assert.match(schema.value, /\d+ paths · 2 required/);
});

test('YAML keys and plain values show the JSON Schema description', () => {
  const key = hoverAt(`${HEADER}  - source: FirstName\n    tar|get: person.name.firstName\nschedule:\n  frequency: hour\n`);
  assert.ok(key);
  assert.equal(key.range, 'target');
  assert.match(key.value, /XDM path written by this mapping/);
  assert.match(key.value, /required/);
  const freq = hoverAt(`${HEADER}schedule:\n  freq|uency: hour\n`);
  assert.ok(freq);
  assert.match(freq.value, /How often the dataflow runs/);
  assert.match(freq.value, /one of `once`, `minute`, `hour`, `day`, `week`/);
  const flow = hoverAt(`${HEADER}schedule: { frequency: hour, inter|val: 1 }\n`);
  assert.ok(flow);
  assert.equal(flow.range, 'interval');
  assert.match(flow.value, /Runs every `interval` units/);
  const value = hoverAt(`${HEADER}schedule:\n  frequency: ho|ur\n`);
  assert.ok(value);
  assert.equal(value.range, 'hour');
  const top = hoverAt(`${HEADER.replace('mappings:', 'mapp|ings:')}`);
  assert.ok(top);
  assert.match(top.value, /The mapping set/);
});

test('keys of crmflow.yaml hover from the project schema', () => {
  const file = path.join(EXAMPLES, 'crmflow.yaml');
  const h = hoverAt('version: 1\nconnections:\n  acme:\n    kind: emulator\n    login|Url: http://x\n', file);
  assert.ok(h);
  assert.equal(h.range, 'loginUrl');
  assert.match(h.value, /Login URL or My Domain/);
});

test('nothing to say: whitespace, comments, unknown fields and paths', () => {
  assert.equal(hoverAt(`${HEADER}  # a com|ment\n  - source: FirstName\n    target: person.name.firstName\n`), null);
  assert.equal(hoverAt(`${HEADER}  - source: First|Nam\n    target: person.name.firstName\n`), null);
  assert.equal(hoverAt(`${HEADER}  - source: FirstName\n    target: person.no|pe\n`), null);
});

/** A few documents broken in the ways half-typed files are. */
const BROKEN_DOCS = [
  `${HEADER}  - expression: "concat(upper(FirstName), \n    target: person.name.firstName\n`,
  `${HEADER}  - source: Account.\n    target: person..name.\n  - expression: iif(((((\n  -\n`,
  `dataflow: [\nsource: {connection: acme, object: Contact\ntarget:\n  schema: ../schemas/b2b-person.schema.json\nmappings:\n  - target: x\n\t- source: Id\n`,
  `${HEADER}  - expression: >-\n      concat(FirstName,\n        "\${CRM_ORG_ID", LastName.\n    target: person.name.fullName\n  - value: {a: 1}\n    target: [x]\nidentities: 3\n`,
  '\u{1F600}: "\n- - - : ::\n  ? x\n  : y\n&a [*a, *a]\n',
  // an empty first line once looped forever while walking up to the parent keys
  `\n${HEADER}  - source: FirstName\n    target: person.name.firstName\n`,
  '\n',
];

test('hover, signature help, definition and references answer at every offset of broken documents without throwing', () => {
  const definitions = new DefinitionProvider();
  const references = new ReferencesProvider(definitions);
  const fixtures = readdirSync(BROKEN).map((n) => readFileSync(path.join(BROKEN, n), 'utf8'));
  for (const text of [...BROKEN_DOCS, ...fixtures]) {
    const service = exampleService({ [FILE]: text });
    const doc = TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text);
    const analysis = service.analyse({ path: FILE, text });
    let slowest = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const req: FeatureRequest = { doc, path: FILE, offset, service, analysis };
      const t0 = performance.now();
      hover(req);
      signatureHelp(req);
      definitions.definition(req);
      references.references(req, true);
      slowest = Math.max(slowest, performance.now() - t0);
    }
    assert.ok(slowest < 1000, `slowest offset took ${slowest.toFixed(0)} ms`);
  }
});

test('past the analysis limit hover, signature help and definition answer nothing, at once', () => {
  const mapping = '  - expression: trim(FirstName)\n    target: person.name.firstName\n';
  const small = `${HEADER}${mapping}`;
  const big = `${HEADER}${mapping.repeat(Math.ceil(MAX_ANALYSED_BYTES / mapping.length))}`;
  assert.ok(big.length > MAX_ANALYSED_BYTES);
  const definitions = new DefinitionProvider();
  for (const [text, analysed] of [[small, true], [big, false]] as const) {
    const at = text.lastIndexOf('trim(First') + 'trim(Fi'.length;
    const { req } = request(`${text.slice(0, at)}|${text.slice(at)}`);
    const started = performance.now();
    assert.equal(hover(req) !== null, analysed);
    assert.equal(signatureHelp(req) !== null, analysed);
    assert.equal(definitions.definition(req) !== null, analysed);
    assert.ok(performance.now() - started < 1000);
  }
});
