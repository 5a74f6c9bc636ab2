/** The org tree nodes: levels, stable ids, filter, reference expansion, messages and tooltips. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FieldInfo, OrgTreeNode, OrgTreeParams } from '../../../shared/protocol';
import { escapeMarkdown, fieldIcon, fieldTooltip, matchesFilter, MAX_RELATIONSHIP_DEPTH, nodeId, orgTreeChildren } from '../../../server/features/org/tree';
import { ACME, describe, EXAMPLES_URI, field, service } from './orgFixtures';

const svc = service();
const env = { isConnected: () => false };
const folders = [EXAMPLES_URI];

function children(parent?: OrgTreeNode, extra: Partial<OrgTreeParams> = {}): OrgTreeNode[] {
  return orgTreeChildren(svc.workspace, { folders, ...(parent ? { parent: parent.ref } : {}), ...extra }, env);
}

function child(parent: OrgTreeNode | undefined, label: string, extra: Partial<OrgTreeParams> = {}): OrgTreeNode {
  const found = children(parent, extra).find((n) => n.label === label);
  assert.ok(found, `${label} under ${parent?.label ?? 'the root'}: ${children(parent, extra).map((n) => n.label).join(', ')}`);
  return found;
}

test('connections → standard objects → Contact → fields, each with its kind as contextValue', () => {
  const roots = children();
  assert.deepEqual(roots.map((n) => [n.label, n.contextValue, n.collapsible]), [['acme', 'connection', true], ['acme-prod', 'connection', true]]);
  assert.match(roots[0].description ?? '', /^emulator · 127\.0\.0\.1:6110 · 14 objects cached$/);
  const groups = children(roots[0]);
  assert.deepEqual(groups.map((g) => [g.label, g.description]), [['Standard objects', '14']], 'the example org has no custom objects');
  const objects = children(groups[0]);
  assert.deepEqual(objects.map((o) => o.label), ['Account', 'AccountContactRelation', 'Campaign', 'CampaignMember', 'Contact', 'Group', 'Individual', 'Lead', 'Opportunity', 'OpportunityContactRole', 'Profile', 'User', 'UserLicense', 'UserRole']);
  const contact = objects.find((o) => o.label === 'Contact')!;
  assert.deepEqual([contact.description, contact.icon, contact.apiName, contact.contextValue], ['Contact', 'symbol-class', 'Contact', 'object']);
  const fields = children(contact);
  const email = fields.find((f) => f.label === 'Email')!;
  assert.deepEqual([email.description, email.icon, email.apiName, email.contextValue, email.collapsible], ['Email · email(80)', 'mail', 'Email', 'field', false]);
  assert.equal(fields.find((f) => f.label === 'AccountId')?.collapsible, true, 'a lookup expands');
});

test('ids name only the node, so they survive a refresh and a filter', () => {
  const acme = child(undefined, 'acme');
  const contact = child(child(acme, 'Standard objects'), 'Contact');
  const again = child(child(child(undefined, 'acme'), 'Standard objects', { filter: 'cont' }), 'Contact', { filter: 'cont' });
  assert.equal(again.id, contact.id);
  assert.equal(contact.id, `object|${EXAMPLES_URI}|acme|Contact`);
  assert.equal(nodeId({ kind: 'field', connection: ACME, rootObject: 'Contact', object: 'Account', path: ['Account', 'Name'] }), `field|${EXAMPLES_URI}|acme|Contact|Account.Name`);
  const all = [child(undefined, 'acme'), ...children(child(undefined, 'acme')), ...children(child(child(undefined, 'acme'), 'Standard objects'))];
  assert.equal(new Set(all.map((n) => n.id)).size, all.length, 'ids are unique');
});

test('the filter keeps objects whose name or label contains it, and says when nothing matches', () => {
  const acme = child(undefined, 'acme');
  const std = child(acme, 'Standard objects', { filter: 'CAMPAIGN' });
  assert.equal(std.description, '2');
  assert.deepEqual(children(std, { filter: 'CAMPAIGN' }).map((o) => o.label), ['Campaign', 'CampaignMember']);
  const none = children(acme, { filter: 'zzz' });
  assert.deepEqual(none.map((n) => [n.contextValue, n.label]), [['message', "No object matches 'zzz'"]]);
  assert.equal(matchesFilter({ name: 'Foo__c', label: 'Invoice Line' }, 'invoice'), true);
  assert.equal(matchesFilter({ name: 'Foo__c', label: 'Invoice Line' }, '  '), true);
  assert.equal(matchesFilter({ name: 'Foo__c', label: 'Invoice Line' }, 'bar'), false);
});

test('a lookup expands into the referenced object as relationship paths', () => {
  const contact = child(child(child(undefined, 'acme'), 'Standard objects'), 'Contact');
  const accountId = child(contact, 'AccountId');
  const accountFields = children(accountId);
  const name = accountFields.find((f) => f.label === 'Name')!;
  assert.equal(name.apiName, 'Account.Name');
  assert.deepEqual([name.ref.rootObject, name.ref.object, name.ref.path], ['Contact', 'Account', ['Account', 'Name']]);
  assert.equal(name.id, `field|${EXAMPLES_URI}|acme|Contact|Account.Name`);
  const owner = child(accountId, 'OwnerId');
  const ownerName = children(owner).find((f) => f.label === 'Name')!;
  assert.equal(ownerName.apiName, 'Account.Owner.Name');
});

test('relationship paths stop at the SOQL depth limit, and missing describes become a clickable message', () => {
  const root = path.join(path.sep, 'mem', 'deep');
  const dir = path.join(root, '.crmflow', 'metadata', 'org');
  const self = describe('Node__c', [field('Id', 'id'), field('Parent__c', 'reference', { referenceTo: ['Node__c'], relationshipName: 'Parent__r' }), field('Other__c', 'reference', { referenceTo: ['Gone__c'], relationshipName: 'Other__r' })]);
  const s = service({ [path.join(root, 'crmflow.yaml')]: 'connections:\n  org:\n    kind: emulator\n', [path.join(dir, 'Node__c.json')]: self }, false);
  const p = { folders: [pathToFileURL(root).href] };
  const get = (parent?: OrgTreeNode) => orgTreeChildren(s.workspace, { ...p, ...(parent ? { parent: parent.ref } : {}) }, env);
  const conn = get()[0];
  const group = get(conn);
  assert.deepEqual(group.map((g) => g.label), ['Custom objects']);
  let node = get(get(group[0])[0]).find((f) => f.label === 'Parent__c')!;
  for (let depth = 0; depth < MAX_RELATIONSHIP_DEPTH; depth++) {
    assert.equal(node.collapsible, true, `after ${depth} relationships`);
    node = get(node).find((f) => f.label === 'Parent__c')!;
  }
  assert.equal(node.apiName, 'Parent__r.Parent__r.Parent__r.Parent__r.Parent__r.Parent__c', 'five relationships, as SOQL allows');
  assert.equal(node.collapsible, false, 'a sixth relationship is not offered');
  const other = get(get(group[0])[0]).find((f) => f.label === 'Other__c')!;
  const [message] = get(other);
  assert.deepEqual([message.contextValue, message.action, message.ref.object], ['message', 'refreshMetadata', 'Gone__c']);
  assert.ok(message.id.endsWith(`|${other.id}`), 'a message id names its parent');
});

test('a connection without a cache offers to describe the org', () => {
  const prod = child(undefined, 'acme-prod');
  const [message] = children(prod);
  assert.deepEqual([message.contextValue, message.action, message.collapsible], ['message', 'refreshMetadata', false]);
  assert.equal(children({ ...prod, ref: { kind: 'connection', connection: { project: EXAMPLES_URI, name: 'gone' } } })[0].label.startsWith("Connection 'gone' is not declared"), true);
});

test('field icons and tooltips', () => {
  assert.equal(fieldIcon('id'), 'key');
  assert.equal(fieldIcon('currency'), 'symbol-number');
  assert.equal(fieldIcon('brand-new-type'), 'symbol-field');
  const f: FieldInfo = {
    name: 'Status__c', label: 'Status *new*', type: 'picklist', typeLabel: 'picklist', length: 255, precision: 0, scale: 0, nillable: true, unique: false,
    externalId: true, custom: true, calculated: false, referenceTo: [], relationshipName: null, inlineHelpText: 'Where the <b>lead</b> is',
    picklistValues: Array.from({ length: 25 }, (_, i) => ({ value: `v${i}`, label: `V${i}`, active: i !== 3, defaultValue: i === 0 })),
  };
  const md = fieldTooltip(f, 'Lead', 'Status__c');
  assert.match(md, /^\*\*Status \\\*new\\\*\*\* — `Status__c` on Lead/);
  assert.match(md, /Nillable: yes · Unique: no · External ID: yes/);
  assert.match(md, /`v0` \(default\), `v1`, `v2`, `v4`/);
  assert.match(md, /… and 4 more/);
  assert.match(md, /> Where the \\<b\\>lead\\<\/b\\> is/);
  assert.equal(escapeMarkdown('a_b [c](d)'), 'a\\_b \\[c\\]\\(d\\)');
});

test('odd parameters give an empty level, never an exception', () => {
  assert.deepEqual(orgTreeChildren(svc.workspace, undefined as unknown as OrgTreeParams, env), []);
  assert.deepEqual(orgTreeChildren(svc.workspace, { folders, parent: { kind: 'object' } }, env), []);
  assert.deepEqual(orgTreeChildren(svc.workspace, { folders, parent: { kind: 'field', connection: ACME, object: 'Contact', path: ['Nope'] } }, env), []);
});
