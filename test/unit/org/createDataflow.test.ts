/** "Create dataflow for this object": schema choice, identities, mappings, and zero errors when a schema fits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'yaml';
import { createDataflow, freeDataflowName, renderDataflow, withoutErrors, type Draft } from '../../../server/features/org/createDataflow';
import { resolveConnection, type ResolvedConnection } from '../../../server/features/org/location';
import { entityKeyPath, rankSchemas } from '../../../server/features/org/targetSchema';
import { MappingSuggester } from '../../../server/features/suggestMappings';
import { EXAMPLES } from '../../helpers/workspace';
import { ACME, service } from './orgFixtures';

const svc = service();
const suggester = new MappingSuggester();
const exists = (rel: string) => svc.workspace.files.readFile(path.join(EXAMPLES, rel)) !== undefined;

function acme(s = svc): ResolvedConnection {
  const r = resolveConnection(s.workspace, ACME);
  assert.ok(r.ok);
  return r.value;
}

function problemsOf(relativePath: string, text: string, s = svc) {
  return s.analyse({ path: path.join(EXAMPLES, ...relativePath.split('/')), text }).problems;
}

for (const [object, schema, dataset, primary] of [
  ['Contact', 'schemas/b2b-person.schema.json', 'Salesforce Contacts', 'b2b.personKey.sourceKey'],
  ['Lead', 'schemas/b2b-person.schema.json', undefined, 'b2b.personKey.sourceKey'],
  ['Account', 'schemas/b2b-account.schema.json', 'Salesforce Accounts', 'accountKey.sourceKey'],
] as const) {
  test(`${object}: ${schema}, primary identity ${primary}, and the file validates with zero errors`, () => {
    const r = createDataflow(svc, acme(), object, suggester, exists);
    assert.equal(r.relativePath, `dataflows/${object.toLowerCase()}.dataflow.yaml`);
    assert.equal(r.schema, schema);
    const errors = problemsOf(r.relativePath, r.text).filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((p) => `${p.code}: ${p.message}`), []);
    const doc = parse(r.text) as { source: Record<string, string>; target: Record<string, string>; identities: Array<Record<string, unknown>>; mappings: Array<Record<string, string>> };
    assert.deepEqual(doc.source, { connection: 'acme', object, incremental: 'SystemModstamp' });
    assert.equal(doc.target.schema, `../${schema}`);
    assert.equal(doc.target.dataset, dataset);
    assert.deepEqual(doc.identities.filter((i) => i.primary === true).map((i) => i.path), [primary]);
    assert.equal(doc.mappings.length, r.mappingCount);
    assert.ok(r.mappingCount >= 20, `a first set of mappings (${r.mappingCount})`);
    assert.ok(doc.mappings.some((m) => m.source === 'Id' && m.target === '_id'));
    assert.ok(doc.mappings.some((m) => m.target === primary), 'the primary identity is mapped');
  });
}

test('Contact gets the template mappings and the Email secondary identity', () => {
  const r = createDataflow(svc, acme(), 'Contact', suggester, exists);
  const doc = parse(r.text) as { identities: Array<Record<string, unknown>>; mappings: Array<Record<string, string>> };
  assert.deepEqual(doc.identities, [
    { path: 'b2b.personKey.sourceKey', namespace: 'b2b_person', primary: true },
    { path: 'workEmail.address', namespace: 'Email' },
  ]);
  const m = new Map(doc.mappings.map((x) => [x.target, x]));
  assert.deepEqual(m.get('person.name.firstName'), { source: 'FirstName', target: 'person.name.firstName' });
  assert.deepEqual(m.get('b2b.personKey.sourceType'), { value: 'Salesforce', target: 'b2b.personKey.sourceType' });
  assert.equal(m.get('b2b.personKey.sourceKey')?.expression, 'concat(Id, "@${CRM_ORG_ID}.Salesforce")');
});

test('Lead does not land in the Contacts dataset; the note says why there is none', () => {
  const r = createDataflow(svc, acme(), 'Lead', suggester, exists);
  assert.ok(!/dataset:/.test(r.text));
  assert.ok(r.notes.some((n) => /No dataset of crmflow\.yaml named after Leads/.test(n)), r.notes.join(' | '));
});

test('an object no schema fits names a schema to create, and says so', () => {
  const r = createDataflow(svc, acme(), 'Opportunity', suggester, exists);
  assert.equal(r.schema, undefined);
  assert.equal(r.mappingCount, 0);
  assert.match(r.text, /schema: \.\.\/schemas\/opportunity\.schema\.json/);
  assert.match(r.text, /^# No schema of this project fits Opportunity/m);
  assert.deepEqual(problemsOf(r.relativePath, r.text).filter((p) => p.severity === 'error').map((p) => p.code), ['schema-not-found']);
});

test('an object without a cached describe gets the skeleton and a note', () => {
  const r = createDataflow(svc, acme(), 'Order', suggester, exists);
  assert.equal(r.mappingCount, 0);
  assert.ok(r.notes.some((n) => /Order is not in the describe cache/.test(n)));
  assert.doesNotThrow(() => parse(r.text));
});

test('mappings and identities the checks reject are dropped until the file is clean', () => {
  const draft: Draft = {
    header: ['test'], name: 'Salesforce Contacts', connection: 'acme', object: 'Contact', schema: '../schemas/b2b-person.schema.json',
    identities: [{ path: 'b2b.personKey.sourceKey', namespace: 'b2b_person', primary: true }, { path: 'workEmail.address', namespace: 'Email', primary: false }],
    mappings: [
      { kind: 'source', text: 'Id', target: '_id' },
      { kind: 'expression', text: 'concat(Id, "@${CRM_ORG_ID}.Salesforce")', target: 'b2b.personKey.sourceKey' },
      { kind: 'source', text: 'NoSuchField__c', target: 'workEmail.address' },
      { kind: 'source', text: 'Birthdate', target: 'isDeleted' },
    ],
  };
  const file = path.join(EXAMPLES, 'dataflows', 'x.dataflow.yaml');
  const before = svc.analyse({ path: file, text: renderDataflow(draft) }).problems.filter((p) => p.severity === 'error').map((p) => p.code).sort();
  assert.deepEqual(before, ['type-mismatch', 'unknown-source-field'], 'the draft starts with errors');
  const text = withoutErrors(svc, file, draft);
  assert.deepEqual(svc.analyse({ path: file, text }).problems.filter((p) => p.severity === 'error').map((p) => p.code), []);
  assert.deepEqual(draft.mappings.map((m) => m.target), ['_id', 'b2b.personKey.sourceKey']);
  assert.deepEqual(draft.identities.map((i) => i.path), ['b2b.personKey.sourceKey'], 'the Email identity lost its mapping');
});

test('a free name is chosen when the file exists', () => {
  const taken = new Set(['dataflows/contact.dataflow.yaml', 'dataflows/contact-2.dataflow.yaml']);
  assert.equal(freeDataflowName((r) => taken.has(r), 'Contact'), 'dataflows/contact-3.dataflow.yaml');
  assert.equal(freeDataflowName(() => false, 'Invoice_Line__c'), 'dataflows/invoice_line__c.dataflow.yaml');
});

test('schema ranking: the B2B class and entity key decide, a wrong profile is not chosen', () => {
  const project = acme().project;
  assert.deepEqual(rankSchemas(svc.workspace, project, 'Contact').map((c) => path.basename(c.file)), ['b2b-person.schema.json']);
  assert.deepEqual(rankSchemas(svc.workspace, project, 'Account').map((c) => path.basename(c.file)), ['b2b-account.schema.json']);
  assert.deepEqual(rankSchemas(svc.workspace, project, 'User'), []);
  assert.equal(entityKeyPath('Opportunity'), 'opportunityKey.sourceKey');
  assert.equal(entityKeyPath('Invoice__c'), undefined);
});
