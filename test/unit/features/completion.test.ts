/** Completion in plain YAML positions: source fields, target paths, project values, enums, keys, snippets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type MarkupContent, type Range } from 'vscode-languageserver-types';
import { DataflowCompletion } from '../../../server/features/completion';
import { withDefaultEditRange } from '../../../server/features/completion/editRange';
import { CompletionDetails } from '../../../server/features/completion/resolve';
import { completionHandler } from '../../../server/lsp/handlers/completion';
import { EXAMPLES } from '../../helpers/workspace';
import { applyItem, completeAt, CONTACTS, CONTACTS_FILE, listingService, rank } from './completionHelpers';

const docOf = (i: { documentation?: string | MarkupContent }) => (typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? '');

test('source: fields of the object with label, type(length) and a replace range over the word', () => {
  const c = completeAt(CONTACTS.replace('source: FirstName', 'source: Fir|'));
  const f = c.item('FirstName');
  assert.equal(f.kind, CompletionItemKind.Field);
  assert.equal(f.detail, 'string(40) · First Name');
  assert.match(docOf(f), /\*\*First Name\*\*/);
  assert.match(c.apply('FirstName'), /\n {2}- source: FirstName\n {4}target: person\.name\.firstName\n/);
  // picklist values and help text are in the documentation
  assert.match(docOf(c.item('LeadSource')), /Picklist values:\n- `Web`\n- `Phone Inquiry`/);
  assert.match(docOf(c.item('Engagement_Score__c')), /last 20 campaigns/);
  // relationships lead on to the parent's fields
  const rel = c.item('Account');
  assert.equal(rel.kind, CompletionItemKind.Reference);
  assert.equal(rel.command?.command, 'editor.action.triggerSuggest');
  assert.match(c.apply('Account'), /source: Account\.\n/);
});

test('source: relationship paths resolve one and more levels through the describe cache', () => {
  const one = completeAt(CONTACTS.replace('source: Account.Name', 'source: Account.|'));
  assert.ok(one.labels.includes('Industry') && one.labels.includes('AnnualRevenue'));
  assert.ok(!one.labels.includes('Birthdate'), 'Contact fields must not be offered after Account.');
  assert.match(one.apply('Industry'), /source: Account\.Industry\n/);
  const two = completeAt(CONTACTS.replace('source: Account.Name', 'source: Account.Owner.Ali|'));
  assert.ok(two.labels.includes('Alias'), 'Account.Owner is a User');
  assert.match(two.apply('Alias'), /source: Account\.Owner\.Alias\n/);
  assert.deepEqual(completeAt(CONTACTS.replace('source: Account.Name', 'source: Nope.|')).labels, []);
});

test('source: fields that fit the target type rank first, conversions next, mismatches last', () => {
  const c = completeAt(CONTACTS.replace('source: Birthdate', 'source: |'));
  assert.equal(rank(c.item('Birthdate')), 0);
  assert.equal(rank(c.item('CreatedDate')), 0);
  assert.equal(rank(c.item('FirstName')), 1, 'a string converts to a date at run time');
  assert.equal(rank(c.item('IsDeleted')), 2, 'a boolean cannot be a date');
  assert.ok(c.ordered().indexOf('Birthdate') < c.ordered().indexOf('FirstName'));
});

test('target: XDM paths segment by segment with type, required and description', () => {
  const c = completeAt(CONTACTS.replace('target: person.name.firstName', 'target: person.|'));
  assert.deepEqual([...c.labels].sort(), ['birthDate', 'name']);
  const name = c.item('name');
  assert.equal(name.kind, CompletionItemKind.Module);
  assert.equal(name.command?.command, 'editor.action.triggerSuggest');
  assert.match(c.apply('name'), /target: person\.name\.\n/);
  // birthDate is mapped by another mapping: marked and sorted last
  const birth = c.item('birthDate');
  assert.match(birth.labelDetails?.description ?? '', /^mapped/);
  assert.deepEqual(c.ordered(), ['name', 'birthDate']);
  const key = completeAt(CONTACTS.replace('target: b2b.personKey.sourceKey', 'target: b2b.personKey.sourceK|'));
  const sk = key.item('sourceKey');
  assert.equal(sk.kind, CompletionItemKind.Property);
  assert.match(sk.detail ?? '', /string · required/);
  assert.match(docOf(sk), /`b2b\.personKey\.sourceKey`/);
  assert.equal(key.apply('sourceKey'), CONTACTS, 'accepting the own target changes nothing');
  assert.doesNotMatch(sk.labelDetails?.description ?? '', /mapped/, "the mapping's own target is not 'mapped'");
});

test('target: objects show how much of them is mapped', () => {
  const c = completeAt(CONTACTS.replace('target: person.name.firstName', 'target: |'));
  assert.match(c.item('person').labelDetails?.description ?? '', /^\d+\/\d+ mapped/);
  assert.doesNotMatch(c.item('otherPhone').labelDetails?.description ?? '', /mapped/);
});

test('identity path: mapped XDM paths first', () => {
  const c = completeAt(CONTACTS.replace('  - path: workEmail.address', '  - path: workEmail.|'));
  assert.deepEqual(c.ordered()[0], 'address');
  assert.equal(rank(c.item('address')), 0);
});

test('namespace: standard, B2B and crmflow.yaml namespaces, the likely one first', () => {
  const c = completeAt(CONTACTS.replace('namespace: Email', 'namespace: |'));
  for (const ns of ['Email', 'Phone', 'ECID', 'CRMID', 'b2b_person', 'b2b_account', 'acme_loyalty']) assert.ok(c.labels.includes(ns), ns);
  assert.equal(c.ordered()[0], 'Email', 'workEmail.address suggests Email');
  assert.match(c.item('acme_loyalty').detail ?? '', /crmflow\.yaml/);
  assert.equal(completeAt(CONTACTS.replace('namespace: b2b_person', 'namespace: |')).ordered()[0], 'b2b_person');
});

test('namespace: the key in the identity path picks its B2B namespace, the specific key before the one it contains', () => {
  const expected: Record<string, string> = {
    'opportunityPersonKey.sourceKey': 'b2b_opportunity_person_relation',
    'accountPersonKey.sourceKey': 'b2b_account_person_relation',
    'marketingListKey.sourceKey': 'b2b_marketing_list',
    'marketingListMemberKey.sourceKey': 'b2b_marketing_list_member',
    'campaignMemberKey.sourceKey': 'b2b_campaign_member',
    'campaignKey.sourceKey': 'b2b_campaign',
    'opportunityKey.sourceKey': 'b2b_opportunity',
    'accountKey.sourceKey': 'b2b_account',
    'accountParentKey.sourceKey': 'b2b_account',
    'b2b.personKey.sourceKey': 'b2b_person',
    'personComponents.sourcePersonKey.sourceKey': 'b2b_person',
    'workEmail.address': 'Email',
  };
  for (const [identityPath, ns] of Object.entries(expected)) {
    const text = CONTACTS.replace('  - path: workEmail.address\n    namespace: Email', `  - path: ${identityPath}\n    namespace: |`);
    const c = completeAt(text);
    assert.equal(c.ordered()[0], ns, identityPath);
    // one hint only: the generic key the specific one contains is not ranked with it
    assert.deepEqual(c.list.items.filter((i) => rank(i) === 0).map((i) => i.label), [ns], identityPath);
  }
});

test('connection, object, dataset and schema values come from the project', () => {
  assert.deepEqual(completeAt(CONTACTS.replace('connection: acme', 'connection: |')).labels, ['acme', 'acme-prod']);
  const obj = completeAt(CONTACTS.replace('object: Contact', 'object: Acc|'));
  assert.ok(obj.labels.includes('Account') && obj.labels.includes('Opportunity'));
  assert.equal(obj.item('Account').kind, CompletionItemKind.Class);
  assert.match(obj.item('Account').labelDetails?.detail ?? '', /describe cached/);
  assert.match(obj.apply('Account'), /\n {2}object: Account\n/);
  assert.deepEqual(completeAt(CONTACTS.replace('dataset: Salesforce Contacts', 'dataset: |')).labels, ['Salesforce Contacts', 'Salesforce Accounts']);
  const schema = completeAt(CONTACTS.replace('schema: ../schemas/b2b-person.schema.json', 'schema: ../sch|'));
  assert.deepEqual(schema.ordered(), ['../schemas/b2b-person.schema.json', '../schemas/b2b-account.schema.json'], 'the dataset\'s schema first');
  assert.match(schema.apply('../schemas/b2b-account.schema.json'), /\n {2}schema: \.\.\/schemas\/b2b-account\.schema\.json\n/);
});

test('enums and booleans from the JSON Schema, in block and flow mappings', () => {
  const flow = completeAt(CONTACTS.replace('frequency: hour', 'frequency: h|'));
  assert.deepEqual(flow.labels, ['once', 'minute', 'hour', 'day', 'week']);
  assert.match(flow.apply('day'), /schedule: \{ frequency: day, interval: 1/);
  const block = completeAt(CONTACTS.replace('schedule: { frequency: hour, interval: 1, backfill: true }', 'schedule:\n  frequency: |'));
  assert.equal(block.item('week').kind, CompletionItemKind.EnumMember);
  const primary = completeAt(CONTACTS.replace('primary: true', 'primary: |'));
  assert.deepEqual(primary.labels, ['true', 'false']);
  const tight = completeAt(CONTACTS.replace('primary: true', 'primary:|'));
  assert.match(tight.apply('false'), /primary: false\n/);
});

test('keys of a section: from the JSON Schema with descriptions, minus those present', () => {
  const src = completeAt(CONTACTS.replace('  where: IsDeleted = false\n', '  wh|\n'));
  assert.deepEqual(src.labels, ['where']);
  assert.match(docOf(src.item('where')), /SOQL condition/);
  assert.match(src.apply('where'), /\n {2}where: \n/);
  const item = completeAt(CONTACTS.replace('  - source: Id\n    target: _id\n', '  - source: Id\n    |\n    target: _id\n'));
  assert.deepEqual([...item.labels].sort(), ['description', 'name'], 'a mapping with a source takes no expression or value');
  const fresh = completeAt(CONTACTS.replace('  # person\n', '  - |\n'));
  for (const k of ['source', 'expression', 'value', 'target']) assert.equal(rank(fresh.item(k)), 0, `${k} is needed`);
  assert.equal(rank(fresh.item('name')), 1);
  const flowKey = completeAt(CONTACTS.replace('interval: 1, backfill: true }', 'interval: 1, | }'));
  assert.deepEqual(flowKey.labels, ['startTime', 'backfill']);
  assert.match(flowKey.apply('backfill'), /interval: 1, backfill:  \}/);
});

test('top-level keys insert their required children', () => {
  const text = 'dataflow: New\n|\n';
  const c = completeAt(text);
  assert.ok(!c.labels.includes('dataflow'));
  assert.match(c.apply('source'), /^dataflow: New\nsource:\n {2}connection: acme\n {2}object: \n/);
  assert.match(c.apply('mappings'), /^dataflow: New\nmappings:\n {2}- source: \n {4}target: \n/);
  assert.match(c.apply('schedule'), /^dataflow: New\nschedule:\n {2}frequency: once\n/);
  assert.match(c.apply('target'), /target:\n {2}schema: \.\.\/schemas\/b2b-account\.schema\.json\n/);
});

test('a whole mapping item at the dash column, and after a bare dash', () => {
  const c = completeAt(CONTACTS.replace('  # person\n', '  |\n'));
  assert.deepEqual(c.labels, ['mapping: source → target', 'mapping: expression → target', 'mapping: value → target']);
  const item = c.item('mapping: source → target');
  assert.equal(item.kind, CompletionItemKind.Snippet);
  assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
  assert.match(c.apply('mapping: source → target'), /\n {2}- source: \n {4}target: \n {2}- source: FirstName\n/);
  const dash = completeAt(CONTACTS.replace('  # person\n', '  - |\n'));
  assert.match(dash.apply('mapping: expression → target'), /\n {2}- expression: \n {4}target: \n {2}- source: FirstName\n/);
  // the result parses into one more mapping
  const svc = listingService();
  const before = svc.analyse({ path: CONTACTS_FILE, text: CONTACTS }).parsed.model.mappings.length;
  const after = svc.analyse({ path: CONTACTS_FILE, text: dash.apply('mapping: source → target') }).parsed.model.mappings.length;
  assert.equal(after, before + 1);
  const ids = completeAt(CONTACTS.replace('  - path: workEmail.address', '  |\n  - path: workEmail.address'));
  assert.match(ids.apply('identity: path + namespace'), /\n {2}- path: \n {4}namespace: \n {4}primary: false\n/);
});

test('an empty file gets a whole dataflow skeleton that validates structurally', () => {
  const file = path.join(EXAMPLES, 'dataflows', 'lead-sync.dataflow.yaml');
  const c = completeAt('|', { file });
  const skeleton = c.item('dataflow skeleton');
  assert.equal(skeleton.kind, CompletionItemKind.Snippet);
  const text = c.apply('dataflow skeleton');
  assert.match(text, /^# Lead Sync: Salesforce → XDM\ndataflow: Lead Sync\nsource:\n {2}connection: acme\n/);
  assert.match(text, /\n {2}schema: \.\.\/schemas\/b2b-account\.schema\.json\n/);
  const problems = listingService().analyse({ path: file, text }).problems;
  assert.deepEqual(problems.filter((p) => p.code.startsWith('structure') || p.code.startsWith('yaml')).map((p) => p.message), []);
  // the root keys are offered too
  assert.ok(c.labels.includes('dataflow') && c.labels.includes('mappings'));
});

test('a file holding only a `---` marker gets the skeleton too, below the marker; the marker itself is never replaced', () => {
  const file = path.join(EXAMPLES, 'dataflows', 'lead-sync.dataflow.yaml');
  const structural = (text: string) => listingService().analyse({ path: file, text }).problems.filter((p) => p.code.startsWith('structure') || p.code.startsWith('yaml')).map((p) => p.message);
  for (const marked of ['---\n|', '---\r\n|\r\n', '%YAML 1.2\n--- # new\n\n|', '---|', '--- |']) {
    const c = completeAt(marked, { file });
    const text = c.apply('dataflow skeleton');
    assert.match(text, /^(%YAML 1\.2\n)?--- ?(# new)?\r?\n(\r?\n)?# Lead Sync: Salesforce → XDM\ndataflow: Lead Sync\n/, JSON.stringify(marked));
    assert.deepEqual(structural(text), [], JSON.stringify(marked));
  }
  // a marker with content after it is no empty file; inside the marker nothing is offered
  assert.ok(!completeAt('---\ndataflow: X\n|', { file }).labels.includes('dataflow skeleton'));
  assert.deepEqual(completeAt('-|--\n', { file }).labels, []);
  assert.deepEqual(completeAt('---\ndataflow: X\n---|\n', { file }).labels, []);
});

test('STATIC values: the target enum and run-time variables', () => {
  const schemaFile = path.join(EXAMPLES, 'schemas', 'enum-test.schema.json');
  const schema = JSON.stringify({
    $id: 'https://example.com/enum-test', title: 'Enum test', type: 'object', 'meta:xdmType': 'object',
    properties: { tier: { type: 'string', enum: ['gold', 'silver'] }, active: { type: 'boolean' }, note: { type: 'string' } },
  });
  const service = listingService({ [schemaFile]: schema });
  const head = 'dataflow: T\nsource:\n  connection: acme\n  object: Contact\ntarget:\n  schema: ../schemas/enum-test.schema.json\nmappings:\n';
  assert.deepEqual(completeAt(`${head}  - value: |\n    target: tier\n`, { service }).labels, ['gold', 'silver']);
  assert.deepEqual(completeAt(`${head}  - value: |\n    target: active\n`, { service }).labels, ['true', 'false']);
  const note = completeAt(`${head}  - value: |\n    target: note\n`, { service });
  assert.deepEqual(note.labels, ['${CRM_ORG_ID}']);
  assert.match(note.apply('${CRM_ORG_ID}'), /value: \$\{CRM_ORG_ID\}\n/);
});

test('where: and incremental: offer fields of the object', () => {
  const w = completeAt(CONTACTS.replace('where: IsDeleted = false', 'where: IsDeleted = false AND Acc|'));
  assert.match(w.apply('AccountId'), /where: IsDeleted = false AND AccountId\n/);
  const inc = completeAt(CONTACTS.replace('incremental: SystemModstamp', 'incremental: |'));
  assert.ok(inc.labels.includes('LastModifiedDate') && !inc.labels.includes('FirstName'));
  assert.deepEqual(inc.ordered().slice(0, 2).sort(), ['LastModifiedDate', 'SystemModstamp']);
});

test('trigger characters: a space in free text opens nothing, after `key: ` it does', () => {
  const spaceInText = completeAt(CONTACTS.replace('description: Contacts of', 'description: Contacts |of'), { trigger: { character: ' ' } });
  assert.deepEqual(spaceInText.labels, []);
  const afterKey = completeAt(CONTACTS.replace('target: person.name.firstName', 'target: |'), { trigger: { character: ' ' } });
  assert.ok(afterKey.labels.includes('person'));
  const indenting = completeAt(CONTACTS.replace('  # person\n', '  |\n'), { trigger: { character: ' ' } });
  assert.deepEqual(indenting.labels, [], 'typing indentation does not pop up snippets');
  const dot = completeAt(CONTACTS.replace('target: person.name.firstName', 'target: person.|'), { trigger: { character: '.' } });
  assert.ok(dot.labels.includes('name'));
  assert.deepEqual(completeAt(CONTACTS.replace('dataflow: Salesforce Contacts', 'dataflow: Salesforce.|'), { trigger: { character: '.' } }).labels, []);
});

test('documents that are not dataflows, and untitled documents, are answered safely', () => {
  const project = path.join(EXAMPLES, 'crmflow.yaml');
  assert.deepEqual(completeAt('version: 1\n|', { file: project }).labels, []);
  const service = listingService();
  const { text, offset } = { text: 'mappings:\n  - source: Fi', offset: 24 };
  const doc = { getText: () => text, positionAt: (o: number) => ({ line: text.slice(0, o).split('\n').length - 1, character: o - text.lastIndexOf('\n', o - 1) - 1 }), offsetAt: () => 0 } as never;
  const list = new DataflowCompletion().complete({ doc, offset, service, analysis: service.analyse({ text }) });
  assert.deepEqual(list.items, [], 'no describe without a file: nothing to offer, no throw');
});

test('templates are reused across requests (cached per describe)', () => {
  const feature = new DataflowCompletion();
  const service = listingService();
  const a = completeAt(CONTACTS.replace('source: FirstName', 'source: |'), { feature, service });
  const b = completeAt(CONTACTS.replace('source: LastName', 'source: |'), { feature, service });
  assert.equal(a.item('Email').documentation, b.item('Email').documentation, 'same template object');
  assert.notDeepEqual(a.item('Email').textEdit, b.item('Email').textEdit);
});

test('the list sent over LSP is lean; resolve restores details for the latest list only', () => {
  const details = new CompletionDetails();
  const first = details.split(completeAt(CONTACTS.replace('source: FirstName', 'source: Fir|')).list);
  const item = first.items.find((i) => i.label === 'FirstName')!;
  assert.equal(item.documentation, undefined);
  assert.equal(item.detail, undefined);
  assert.equal(item.filterText, undefined, 'a filterText equal to the label is dropped');
  assert.ok(!JSON.stringify(first).includes('"documentation"'));
  const resolved = details.resolve(JSON.parse(JSON.stringify(item)));
  assert.equal(resolved.detail, 'string(40) · First Name');
  assert.match(docOf(resolved), /First Name/);
  details.split(completeAt(CONTACTS.replace('source: LastName', 'source: |')).list);
  assert.equal(details.resolve(item).detail, undefined, 'items of an older list come back unchanged');
  assert.deepEqual(completionHandler.capabilities.completionProvider?.triggerCharacters, ['.', '(', ',', ' ', '$', '{']);
  assert.equal(completionHandler.capabilities.completionProvider?.resolveProvider, true);
});

test('clients that take list defaults get the shared replace range once; every item inserts the same text', () => {
  // as a 3.17 client applies an item: its own edit, else the list range with textEditText or the label
  const applied = (c: ReturnType<typeof completeAt>, list: CompletionList, item: CompletionItem) =>
    applyItem(c.doc, item.textEdit ? item : { ...item, textEdit: { range: list.itemDefaults!.editRange as Range, newText: item.textEditText ?? item.label } });
  for (const marked of [CONTACTS.replace('  - source: FirstName', '  - source: Fi|rstName'), CONTACTS.replace('source: Account.Name', 'source: Account.|Name'), '|']) {
    const c = completeAt(marked);
    const original = structuredClone(c.list);
    const list = withDefaultEditRange(structuredClone(c.list));
    assert.ok(list.itemDefaults?.editRange, marked.slice(0, 20));
    assert.deepEqual(list.items.map((i) => applied(c, list, i)), original.items.map((i) => applyItem(c.doc, i)));
    if (list.items.length > 100) assert.ok(JSON.stringify(list).length < 0.7 * JSON.stringify(original).length, 'the list is much smaller');
  }
  // an item with a range of its own keeps its edit; a list without a shared range is left alone
  const at = (line: number, a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });
  const mixed: CompletionList = { isIncomplete: false, items: [
    { label: 'a', textEdit: { range: at(1, 2, 3), newText: 'a' } },
    { label: 'b', textEdit: { range: at(1, 2, 3), newText: ' b.' } },
    { label: 'c', textEdit: { range: at(1, 0, 3), newText: 'c' } },
  ] };
  const hoisted = withDefaultEditRange(mixed);
  assert.deepEqual(hoisted.itemDefaults?.editRange, at(1, 2, 3));
  assert.deepEqual(hoisted.items.map((i) => [i.textEdit?.newText, i.textEditText]), [[undefined, undefined], [undefined, ' b.'], ['c', undefined]]);
  const single: CompletionList = { isIncomplete: false, items: [{ label: 'x', textEdit: { range: at(0, 0, 1), newText: 'x' } }] };
  assert.equal(withDefaultEditRange(single).itemDefaults, undefined);
});
