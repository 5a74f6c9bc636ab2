/** Connections, objects and fields from crmflow.yaml and the describe cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listConnections } from '../../../server/features/org/connections';
import { describeObject } from '../../../server/features/org/fields';
import { resolveConnection } from '../../../server/features/org/location';
import { listObjects } from '../../../server/features/org/objects';
import { secretPrompts } from '../../../server/features/org/secretPrompts';
import { EXAMPLES } from '../../helpers/workspace';
import { ACME, describe, EXAMPLES_URI, field, service } from './orgFixtures';

const svc = service();

test('the example project declares acme (emulator, cached) and acme-prod (oauth, nothing cached)', () => {
  const list = listConnections(svc.workspace, [EXAMPLES_URI], (_p, name) => name === 'acme');
  assert.deepEqual(list.map((c) => [c.name, c.kind, c.hasMetadata, c.objectCount, c.connected]), [
    ['acme', 'emulator', true, 14, true],
    ['acme-prod', 'oauth', false, 0, false],
  ]);
  const acme = list[0];
  assert.equal(acme.project, EXAMPLES_URI);
  assert.equal(acme.loginUrl, 'http://127.0.0.1:6110');
  assert.equal(acme.username, 'integration@acme-emulator.example.com');
  assert.equal(acme.projectFile, pathToFileURL(path.join(EXAMPLES, 'crmflow.yaml')).href);
  assert.deepEqual(acme.secrets.map((s) => [s.key, s.optional]), [['password', true]], 'the emulator has stock credentials');
  assert.equal(acme.problem, undefined);
  assert.equal(acme.browserSignIn, false);
  const prod = list[1];
  assert.equal(prod.browserSignIn, true, 'oauth signs in in the browser');
  assert.deepEqual(prod.secrets.map((s) => [s.key, s.optional]), [['clientSecret', true]]);
});

test('folders without crmflow.yaml, duplicates and non-file URIs are skipped', () => {
  const list = listConnections(svc.workspace, [EXAMPLES_URI, EXAMPLES_URI, pathToFileURL(path.join(EXAMPLES, 'dataflows')).href, 'untitled:x', 42 as unknown as string]);
  assert.equal(list.length, 2);
  assert.deepEqual(listConnections(svc.workspace, 'nope' as unknown as string[]), []);
});

test('an unusable declaration is listed with its problem', () => {
  const root = path.join(path.sep, 'mem', 'bad');
  const s = service({ [path.join(root, 'crmflow.yaml')]: 'connections:\n  broken:\n    kind: password\n    loginUrl: not a url\n' }, false);
  const [c] = listConnections(s.workspace, [pathToFileURL(root).href]);
  assert.equal(c.name, 'broken');
  assert.match(c.problem ?? '', /loginUrl 'not a url' is not an http\(s\) URL/);
  assert.deepEqual(c.secrets.map((p) => p.key), ['username', 'password', 'securityToken'], 'no connected app: no client secret');
});

test('secret prompts follow the kind and skip what crmflow.yaml already says', () => {
  assert.deepEqual(secretPrompts('password', { username: 'u', clientId: 'c' }).map((p) => p.key), ['password', 'securityToken', 'clientSecret']);
  assert.deepEqual(secretPrompts('access-token').map((p) => [p.key, p.password]), [['accessToken', true], ['instanceUrl', false]]);
  assert.deepEqual(secretPrompts('access-token', { instanceUrl: 'https://x' }).map((p) => p.key), ['accessToken']);
  assert.deepEqual(secretPrompts('client-credentials').map((p) => [p.key, p.optional]), [['clientSecret', false]]);
  assert.deepEqual(secretPrompts('no-such-kind'), []);
  for (const kind of ['password', 'refresh-token', 'oauth', 'access-token', 'client-credentials', 'emulator']) {
    assert.ok(secretPrompts(kind).every((p) => p.password || p.key === 'instanceUrl' || p.key === 'username' || p.key === 'privateKeyFile'), kind);
  }
});

test('objects come from describeGlobal, sorted by name, queryable only unless asked', () => {
  const root = path.join(path.sep, 'mem', 'p');
  const dir = path.join(root, '.crmflow', 'metadata', 'org');
  const global = {
    encoding: 'UTF-8', maxBatchSize: 200,
    sobjects: [
      { name: 'zeta__c', label: 'Zeta', labelPlural: 'Zetas', custom: true, queryable: true, keyPrefix: 'a01' },
      { name: 'Account', label: 'Account', labelPlural: 'Accounts', custom: false, queryable: true, keyPrefix: '001' },
      { name: 'AccountChangeEvent', label: 'Account Change Event', labelPlural: 'x', custom: false, queryable: false, keyPrefix: null },
    ],
  };
  const s = service({
    [path.join(root, 'crmflow.yaml')]: 'connections:\n  org:\n    kind: emulator\n',
    [path.join(dir, 'describeGlobal.json')]: JSON.stringify(global),
    [path.join(dir, 'Account.json')]: describe('Account', [field('Id', 'id')]),
  }, false);
  const r = listObjects(s.workspace, root, 'org');
  assert.equal(r.cached, true);
  assert.equal(r.total, 3);
  assert.deepEqual(r.objects.map((o) => [o.name, o.custom, o.hasDescribe]), [['Account', false, true], ['zeta__c', true, false]]);
  assert.deepEqual(listObjects(s.workspace, root, 'org', { includeNonQueryable: true }).objects.map((o) => o.name), ['Account', 'AccountChangeEvent', 'zeta__c']);
  assert.deepEqual(listObjects(s.workspace, root, 'other'), { objects: [], cached: false, total: 0 });
});

test('without describeGlobal the cached describes are the object list', () => {
  const root = path.join(path.sep, 'mem', 'q');
  const dir = path.join(root, '.crmflow', 'metadata', 'org');
  const s = service({
    [path.join(root, 'crmflow.yaml')]: 'connections:\n  org:\n    kind: emulator\n',
    [path.join(dir, 'Lead.json')]: describe('Lead', [field('Id', 'id')]),
    [path.join(dir, 'broken.json')]: '{ not json',
  }, false);
  const r = listObjects(s.workspace, root, 'org');
  assert.deepEqual(r.objects.map((o) => [o.name, o.labelPlural, o.hasDescribe]), [['Lead', 'Leads', true]]);
});

test('Contact fields carry types, lengths, flags, picklists and relationships', () => {
  const r = describeObject(svc.workspace, EXAMPLES, 'acme', 'Contact');
  assert.ok(r);
  assert.equal(r.object.name, 'Contact');
  assert.equal(r.object.hasDescribe, true, 'Contact.json is in the cache folder');
  const by = new Map(r.fields.map((f) => [f.name, f]));
  assert.equal(r.fields[0].name, 'Id');
  const account = by.get('AccountId')!;
  assert.deepEqual([account.type, account.referenceTo, account.relationshipName, account.typeLabel], ['reference', ['Account'], 'Account', 'reference(Account)']);
  const first = by.get('FirstName')!;
  assert.deepEqual([first.typeLabel, first.length, first.nillable], ['string(40)', 40, true]);
  const lastName = by.get('LastName')!;
  assert.equal(lastName.nillable, false);
  const leadSource = by.get('LeadSource')!;
  assert.equal(leadSource.type, 'picklist');
  assert.ok(leadSource.picklistValues.length > 0 && leadSource.picklistValues.every((p) => typeof p.value === 'string'));
  const ext = r.fields.find((f) => f.externalId);
  assert.ok(ext, 'the example has an external id field');
  assert.equal(describeObject(svc.workspace, EXAMPLES, 'acme', 'NoSuchObject'), null);
});

test('resolveConnection says what is missing', () => {
  assert.equal(resolveConnection(svc.workspace, ACME).ok, true);
  const unknown = resolveConnection(svc.workspace, { ...ACME, name: 'nope' });
  assert.ok(!unknown.ok && /Connection 'nope' is not declared .* Declared: acme, acme-prod\./.test(unknown.message));
  const noProject = resolveConnection(svc.workspace, { project: pathToFileURL(path.join(EXAMPLES, 'schemas')).href, name: 'acme' });
  assert.ok(!noProject.ok && /No crmflow\.yaml/.test(noProject.message));
  const bad = resolveConnection(svc.workspace, { project: 'https://example.com', name: 'acme' });
  assert.ok(!bad.ok && /not a folder on disk/.test(bad.message));
});
