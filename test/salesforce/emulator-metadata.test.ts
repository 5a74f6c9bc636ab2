/**
 * Metadata realism: every lookup the emulator describes leads to an object it serves (Profile,
 * UserRole, Group, UserLicense, Individual), their rows agree with the ids Users and Leads hold,
 * and the standard fields and flags real orgs send (idEnabled, D-U-N-S, NAICS, campaign roll-ups)
 * are there with real types and lengths.
 */
import { oauthConnection, start } from './emulatorHarness';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

type Rec = Record<string, unknown>;

describe('emulator metadata realism', () => {
  let emulator: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emulator = await start({ records: 2000 });
    conn = await oauthConnection(emulator);
  });
  after(() => emulator.close());

  test('describeGlobal lists the setup objects; every entry and describe carries idEnabled', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((s) => s.name);
    for (const name of ['Profile', 'UserRole', 'Group', 'UserLicense', 'Individual']) assert.ok(names.includes(name), name);
    assert.deepEqual([...names].sort((a, b) => a.localeCompare(b)), names, 'alphabetical, as orgs list them');
    assert.ok(global.sobjects.every((s) => s.idEnabled === true));
    assert.equal((await conn.describe('Profile')).idEnabled, true);
    assert.equal(global.sobjects.find((s) => s.name === 'UserLicense')?.replicateable, false);
  });

  test('every lookup points at an object the emulator describes (Organization is the one exception)', async () => {
    const global = await conn.describeGlobal();
    const served = new Set(global.sobjects.map((s) => s.name));
    const dangling: string[] = [];
    for (const { name } of global.sobjects) {
      for (const f of (await conn.describe(name)).fields) {
        for (const target of f.referenceTo ?? []) if (!served.has(target) && target !== 'Organization') dangling.push(`${name}.${f.name} → ${target}`);
      }
    }
    assert.deepEqual(dangling, []);
  });

  test('Owner.Profile.Name, Owner.UserRole.Name and Profile.UserLicense resolve through generated rows', async () => {
    const res = await conn.query<Rec>('SELECT Id, Owner.Profile.Name, Owner.Profile.UserLicense.Name, Owner.UserRole.Name FROM Contact LIMIT 50');
    assert.equal(res.records.length, 50);
    const profiles = new Set(res.records.map((r) => ((r.Owner as Rec).Profile as Rec).Name));
    assert.ok([...profiles].every((p) => ['System Administrator', 'Standard User', 'Marketing User', 'Contract Manager', 'Solution Manager'].includes(String(p))), [...profiles].join());
    assert.ok(res.records.every((r) => (((r.Owner as Rec).Profile as Rec).UserLicense as Rec).Name === 'Salesforce'));
    assert.ok(res.records.some((r) => (r.Owner as Rec).UserRole !== null));
    const users = await conn.query<Rec>('SELECT Id, Profile.Name, UserRole.Name, UserRoleId FROM User');
    assert.ok(users.records.every((u) => (u.Profile as Rec | null)?.Name));
    assert.ok(users.records.every((u) => u.UserRoleId === null || (u.UserRole as Rec).Name));
    const admins = await conn.query<Rec>("SELECT Id, Name, PermissionsModifyAllData, (SELECT Id FROM Users) FROM Profile WHERE Name = 'System Administrator'");
    assert.equal(admins.records[0].PermissionsModifyAllData, true);
    assert.ok(((admins.records[0].Users as Rec).records as Rec[]).some((u) => u.Id === emulator.userId));
  });

  test('roles form a hierarchy; groups hold the organization, one per role, public groups and queues', async () => {
    const roles = await conn.query<Rec>('SELECT Id, Name, DeveloperName, ParentRoleId, ParentRole.Name FROM UserRole ORDER BY Name');
    assert.equal(roles.totalSize, 10);
    assert.equal(roles.records.filter((r) => r.ParentRoleId === null).length, 1, 'one top role');
    await assert.rejects(Promise.resolve(conn.query('SELECT CreatedDate FROM UserRole')), (e: Error & { errorCode?: string }) => e.errorCode === 'INVALID_FIELD');
    const groups = await conn.query<Rec>('SELECT Id, Type, RelatedId, Related.Name FROM Group');
    const types = groups.records.map((g) => g.Type);
    assert.deepEqual([types.filter((t) => t === 'Organization').length, types.filter((t) => t === 'Role').length, types.filter((t) => t === 'Queue').length], [1, 10, 2]);
    assert.ok(groups.records.filter((g) => g.Type === 'Role').every((g) => String(g.RelatedId).startsWith('00E') && (g.Related as Rec).Name));
  });

  test('some Leads wait in a queue: the polymorphic Owner reaches Group or User', async () => {
    const queued = await conn.query<Rec>("SELECT Id, Owner.Name, Owner.Type FROM Lead WHERE Owner.Type = 'Queue'");
    assert.ok(queued.totalSize > 0);
    assert.ok(queued.records.every((l) => ['Web Leads', 'Partner Leads'].includes(String((l.Owner as Rec).Name))));
    assert.ok(queued.records.every((l) => ((l.Owner as Rec).attributes as Rec).type === 'Group'));
    const byUser = await conn.query<Rec>('SELECT Id, Owner.Username FROM Lead WHERE Owner.Username != null LIMIT 5');
    assert.ok(byUser.records.every((l) => ((l.Owner as Rec).attributes as Rec).type === 'User'));
  });

  test('Contact.IndividualId leads to the Individual of the same person', async () => {
    const res = await conn.query<Rec>('SELECT Id, Name, Individual.Name, Individual.HasOptedOutSolicit, HasOptedOutOfEmail FROM Contact WHERE IndividualId != null LIMIT 20');
    assert.equal(res.records.length, 20);
    assert.ok(res.records.every((c) => (c.Individual as Rec).Name === c.Name));
    assert.ok(res.records.every((c) => (c.Individual as Rec).HasOptedOutSolicit === c.HasOptedOutOfEmail));
    const individuals = await conn.query('SELECT COUNT() FROM Individual');
    assert.equal(individuals.totalSize, 100);
  });

  test('standard fields real orgs send, with their types and lengths', async () => {
    const shape = async (object: string, names: string[]) => {
      const fields = (await conn.describe(object)).fields;
      return names.map((n) => {
        const f = fields.find((x) => x.name === n);
        return f ? [n, f.type, f.length, (f.referenceTo ?? []).join('|') || null] : [n, 'missing'];
      });
    };
    assert.deepEqual(await shape('Account', ['DunsNumber', 'NaicsCode', 'NaicsDesc', 'YearStarted', 'Tradestyle', 'CleanStatus']), [
      ['DunsNumber', 'string', 9, null], ['NaicsCode', 'string', 8, null], ['NaicsDesc', 'string', 120, null],
      ['YearStarted', 'string', 4, null], ['Tradestyle', 'string', 255, null], ['CleanStatus', 'picklist', 255, null],
    ]);
    assert.deepEqual(await shape('Contact', ['IndividualId', 'CleanStatus']), [['IndividualId', 'reference', 18, 'Individual'], ['CleanStatus', 'picklist', 255, null]]);
    assert.deepEqual(await shape('Lead', ['IndividualId', 'CompanyDunsNumber']), [['IndividualId', 'reference', 18, 'Individual'], ['CompanyDunsNumber', 'string', 9, null]]);
    assert.deepEqual(await shape('CampaignMember', ['Street', 'State', 'PostalCode', 'MobilePhone', 'DoNotCall', 'LeadSource']), [
      ['Street', 'textarea', 255, null], ['State', 'string', 80, null], ['PostalCode', 'string', 20, null],
      ['MobilePhone', 'phone', 40, null], ['DoNotCall', 'boolean', 0, null], ['LeadSource', 'picklist', 255, null],
    ]);
    assert.deepEqual(await shape('User', ['DelegatedApproverId', 'LastPasswordChangeDate', 'UserPermissionsMarketingUser', 'IndividualId']), [
      ['DelegatedApproverId', 'reference', 18, 'Group|User'], ['LastPasswordChangeDate', 'datetime', 0, null],
      ['UserPermissionsMarketingUser', 'boolean', 0, null], ['IndividualId', 'reference', 18, 'Individual'],
    ]);
    const accounts = await conn.query<Rec>('SELECT DunsNumber, NaicsCode, NaicsDesc, YearStarted FROM Account WHERE DunsNumber != null LIMIT 50');
    assert.ok(accounts.records.every((a) => /^\d{9}$/.test(String(a.DunsNumber))));
    assert.ok(accounts.records.every((a) => (a.NaicsCode === null) === (a.NaicsDesc === null)));
  });

  test('campaign roll-ups are consistent with each other', async () => {
    const res = await conn.query<Rec>(`SELECT NumberOfLeads, NumberOfConvertedLeads, NumberOfOpportunities, NumberOfWonOpportunities,
      AmountAllOpportunities, AmountWonOpportunities, HierarchyNumberOfLeads, HierarchyAmountWonOpportunities FROM Campaign`);
    assert.ok(res.totalSize >= 5);
    for (const c of res.records) {
      assert.ok((c.NumberOfConvertedLeads as number) <= (c.NumberOfLeads as number));
      assert.ok((c.NumberOfWonOpportunities as number) <= (c.NumberOfOpportunities as number));
      assert.ok((c.AmountWonOpportunities as number) <= (c.AmountAllOpportunities as number));
      assert.equal(c.HierarchyNumberOfLeads, c.NumberOfLeads);
      assert.equal(c.HierarchyAmountWonOpportunities, c.AmountWonOpportunities);
    }
  });
});
