/** "Suggest mappings": template and similarity proposals, inserted as one reviewable edit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionFeature } from '../../../server/features/codeActions';
import type { FeatureRequest } from '../../../server/features/request';
import { MappingSuggester, splitWords, SUGGEST_MAPPINGS_KIND, SUGGESTED_HEADING, suggestMappingsAction } from '../../../server/features/suggestMappings';
import type { DataflowService } from '../../../server/service';
import { generateLargeSchema } from '../../../server/xdm/generate';
import { cursor } from '../../helpers/cursor';
import { DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const FILE = path.join(DATAFLOWS, 'test.dataflow.yaml');
const contacts = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8');
const accounts = readFileSync(path.join(DATAFLOWS, 'accounts.dataflow.yaml'), 'utf8');
const service = exampleService();

function request(text: string, svc: DataflowService = service, file = FILE, offset = 0): FeatureRequest {
  const doc = TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text);
  return { doc, path: file, offset, analysis: svc.analyse({ path: file, text }), service: svc };
}

function apply(text: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit?.changes);
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'crm-dataflow', 1, text), Object.values(edit.changes).flat());
}

function problems(text: string, svc: DataflowService = service, file = FILE) {
  return svc.analyse({ path: file, text }).problems;
}

const withoutMappings = (text: string) => text.slice(0, text.indexOf('mappings:')) + 'mappings:\n';

test('words split on camelCase, acronyms, underscores, digits and the __c suffix', () => {
  assert.deepEqual(splitWords('SICCode'), ['sic', 'code']);
  assert.deepEqual(splitWords('sourceInstanceID'), ['source', 'instance', 'id']);
  assert.deepEqual(splitWords('Loyalty_Tier__c'), ['loyalty', 'tier']);
  assert.deepEqual(splitWords('street1'), ['street', '1']);
  assert.deepEqual(splitWords('Other Zip/Postal Code'), ['other', 'zip', 'postal', 'code']);
});

test('an empty Contact mapping list gets Adobe\'s template mappings, required paths first (plain YAML)', () => {
  const text = withoutMappings(contacts);
  const proposals = new MappingSuggester().propose(service.analyse({ path: FILE, text }));
  const pairs = proposals.map((p) => `${p.text} → ${p.target}`);
  assert.deepEqual(pairs.slice(0, 2), ['Id → _id', 'concat(Id, "@${CRM_ORG_ID}.Salesforce") → b2b.personKey.sourceKey']);
  for (const want of ['FirstName → person.name.firstName', 'MailingCity → workAddress.city', 'Email → workEmail.address', 'Birthdate → person.birthDate', 'IsDeleted → isDeleted']) {
    assert.ok(pairs.includes(want), `${want} in ${pairs.join(', ')}`);
  }
  // one proposal per target, and a field the template placed is not reused by similarity
  assert.equal(new Set(proposals.map((p) => p.target)).size, proposals.length);
  assert.ok(!pairs.includes('FirstName → extendedWorkDetails.assistantDetails.name.firstName'));
});

test('the edit appends every proposal after a review comment, and the result validates', () => {
  const text = withoutMappings(contacts);
  const action = suggestMappingsAction(request(text), new MappingSuggester());
  assert.ok(action?.edit);
  assert.equal(action.kind, SUGGEST_MAPPINGS_KIND);
  assert.match(action.title, /^Suggest mappings \(\d+\)$/);
  const fixed = apply(text, action.edit);
  assert.ok(fixed.startsWith(`${text}  # ${SUGGESTED_HEADING}\n  - source: Id\n    target: _id\n`), fixed.slice(text.length, text.length + 200));
  const after = problems(fixed);
  assert.deepEqual(after.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`), []);
  assert.ok(!after.some((p) => p.code === 'required-unmapped' || p.code === 'type-conversion'));
});

test('inside an expression: the key pattern and foreign keys are proposed as valid expressions', () => {
  const text = withoutMappings(accounts);
  const proposals = new MappingSuggester().propose(service.analyse({ path: FILE, text }));
  const key = proposals.find((p) => p.target === 'accountKey.sourceKey');
  assert.equal(key?.kind, 'expression');
  assert.equal(key?.text, 'concat(Id, "@${CRM_ORG_ID}.Salesforce")');
  const parent = proposals.find((p) => p.target === 'accountParentKey');
  assert.equal(parent?.kind, 'expression');
  assert.match(parent!.text, /^iif\(ParentId != null && ParentId != "", to_object\(/);
  // the whole key object is written, so its parts are not proposed separately
  assert.ok(!proposals.some((p) => p.target.startsWith('accountParentKey.')));
  const fixed = apply(text, suggestMappingsAction(request(text), new MappingSuggester())!.edit);
  assert.deepEqual(problems(fixed).filter((p) => p.code.startsWith('expr-') || p.severity === 'error').map((p) => p.code), []);
});

test('never proposes a target that is already written, nor one inside or above it', () => {
  const { text } = cursor(contacts.replace('  - source: MailingCity\n    target: workAddress.city\n', '|'));
  const proposals = new MappingSuggester().propose(service.analyse({ path: FILE, text }));
  assert.deepEqual(proposals.map((p) => `${p.text} → ${p.target}`).filter((p) => p.includes('workAddress.city')), ['MailingCity → workAddress.city']);
  const written = new Set(service.analyse({ path: FILE, text }).parsed.model.mappings.map((m) => m.target?.value));
  for (const p of proposals) {
    assert.ok(!written.has(p.target), p.target);
    assert.ok(![...written].some((w) => w && (p.target.startsWith(`${w}.`) || w.startsWith(`${p.target}.`))), p.target);
  }
  const fixed = apply(text, suggestMappingsAction(request(text), new MappingSuggester())!.edit);
  assert.ok(!problems(fixed).some((p) => p.code === 'duplicate-target'));
});

test('similarity matches custom fields by name and label; incompatible types are never proposed', () => {
  const schemaFile = path.join(EXAMPLES, 'schemas', 'custom.schema.json');
  const leaf = (title: string, xdmType: string, type = 'string') => ({ title, type, 'meta:xdmType': xdmType });
  const schema = {
    $id: 'https://ns.adobe.com/acme/schemas/custom', title: 'Custom', type: 'object', 'meta:xdmType': 'object',
    properties: {
      _id: leaf('Identifier', 'string'),
      _acme: { type: 'object', 'meta:xdmType': 'object', properties: {
        loyalty: { type: 'object', 'meta:xdmType': 'object', properties: { tier: leaf('Tier', 'string'), tierCount: leaf('Tier Count', 'int', 'integer') } },
        optOut: { type: 'object', 'meta:xdmType': 'object', properties: { email: leaf('Email Opt Out', 'boolean', 'boolean'), fax: leaf('Fax', 'boolean', 'boolean') } },
      } },
    },
    required: ['_id'],
  };
  const svc = exampleService({ [schemaFile]: JSON.stringify(schema) });
  const text = withoutMappings(contacts.replace('../schemas/b2b-person.schema.json', '../schemas/custom.schema.json')).replace(/identities:\n[\s\S]*?mappings:/, 'mappings:');
  assert.deepEqual(problems(text, svc).filter((p) => p.severity === 'error').map((p) => p.code), []);
  const proposals = new MappingSuggester().propose(svc.analyse({ path: FILE, text }));
  const pairs = proposals.map((p) => `${p.text} → ${p.target}`);
  assert.ok(pairs.includes('Loyalty_Tier__c → _acme.loyalty.tier'), pairs.join(', '));
  assert.ok(pairs.includes('HasOptedOutOfEmail → _acme.optOut.email'), pairs.join(', '));
  assert.ok(pairs.includes('HasOptedOutOfFax → _acme.optOut.fax'), pairs.join(', '));
  // a picklist cannot be written into an int
  assert.ok(!proposals.some((p) => p.target === '_acme.loyalty.tierCount'), pairs.join(', '));
  const fixed = apply(text, suggestMappingsAction(request(text, svc), new MappingSuggester())!.edit);
  assert.deepEqual(problems(fixed, svc).filter((p) => p.severity !== 'information').map((p) => p.code), []);
});

test('proposals are deterministic and the action is disabled when nothing is left', () => {
  const text = withoutMappings(contacts);
  const a = suggestMappingsAction(request(text), new MappingSuggester());
  const b = suggestMappingsAction(request(text), new MappingSuggester());
  assert.deepEqual(a, b);
  const full = apply(text, a!.edit);
  const again = suggestMappingsAction(request(full), new MappingSuggester());
  assert.equal(again?.edit, undefined);
  assert.ok(again?.disabled?.reason);
  // without a describe there is nothing to match against
  assert.equal(suggestMappingsAction(request(text.replace('object: Contact', 'object: Nope')), new MappingSuggester()), undefined);
});

test('offered through the code action feature only when source actions are wanted', () => {
  const feature = new CodeActionFeature();
  const text = withoutMappings(contacts);
  const req = request(text);
  const all = feature.actions(req, { range: { start: 0, end: 0 } });
  assert.ok(all.some((x) => x.kind === SUGGEST_MAPPINGS_KIND));
  assert.ok(feature.actions(req, { range: { start: 0, end: 0 }, only: ['source'] }).some((x) => x.kind === SUGGEST_MAPPINGS_KIND));
  assert.ok(!feature.actions(req, { range: { start: 0, end: 0 }, only: ['quickfix'] }).some((x) => x.kind === SUGGEST_MAPPINGS_KIND));
});

/** The bench's shape (bench/workload.ts sits outside the test project): 800 fields, 3,000 paths, 1,000 mappings. */
function writeLargeWorkspace(root: string): { file: string; text: string } {
  mkdirSync(path.join(root, '.crmflow', 'metadata', 'big'), { recursive: true });
  mkdirSync(path.join(root, 'schemas'));
  mkdirSync(path.join(root, 'dataflows'));
  writeFileSync(path.join(root, 'crmflow.yaml'), 'version: 1\nconnections:\n  big:\n    kind: emulator\n');
  const types = ['string', 'double', 'boolean', 'date', 'datetime', 'picklist', 'email', 'int'];
  const fields = Array.from({ length: 800 }, (_, i) => ({ name: i === 0 ? 'Id' : `Field${i}__c`, label: `Field ${i}`, type: i === 0 ? 'id' : types[i % types.length], nillable: true, referenceTo: [], relationshipName: null, picklistValues: [] }));
  writeFileSync(path.join(root, '.crmflow', 'metadata', 'big', 'Big__c.json'), JSON.stringify({ name: 'Big__c', label: 'Big', labelPlural: 'Bigs', fields }));
  writeFileSync(path.join(root, 'schemas', 'big.schema.json'), generateLargeSchema(3000));
  let text = 'dataflow: Big\nsource:\n  connection: big\n  object: Big__c\ntarget:\n  schema: ../schemas/big.schema.json\nmappings:\n';
  for (let i = 0; i < 1000; i++) text += `  - source: Field${(i % 99) * 8 + 8}__c\n    target: _bench.section${Math.floor(i / 100)}.block${Math.floor(i / 10) % 10}.field${i % 10}\n`;
  const file = path.join(root, 'dataflows', 'big.dataflow.yaml');
  writeFileSync(file, text);
  return { file, text };
}

test('a bench-sized workload (800 fields, 3,000 paths, 1,000 mappings) answers quickly', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'crmflow-suggest-'));
  try {
    const w = writeLargeWorkspace(root);
    const svc = exampleService();
    const req = request(w.text, svc, w.file);
    assert.ok(req.analysis?.context.schema?.schema && req.analysis.context.object, 'the workload resolves');
    const suggester = new MappingSuggester();
    let t = performance.now();
    const first = suggestMappingsAction(req, suggester);
    const cold = performance.now() - t;
    t = performance.now();
    const second = suggestMappingsAction(req, suggester);
    const warm = performance.now() - t;
    assert.deepEqual(first, second);
    assert.ok(cold < 1000, `cold ${cold.toFixed(0)} ms`);
    assert.ok(warm < 100, `warm ${warm.toFixed(0)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
