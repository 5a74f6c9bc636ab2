/**
 * Records change over the wire: REST create/update/delete with describe validation and the org's
 * error shapes, soft deletes seen by queryAll, /deleted and retrieve; and churn, which changes
 * records on its own so incremental loads by outside clients have something to pick up.
 */
import { API_VERSION, FIXED_NOW, oauthConnection, start } from './emulatorHarness';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../server/salesforce/emulator/server';

type Rec = Record<string, unknown>;
const ms = (restDateTime: unknown) => Date.parse(String(restDateTime).replace('+0000', 'Z'));

describe('REST record writes', () => {
  let emulator: RunningEmulator;
  let conn: Connection;
  let token: string;
  before(async () => {
    emulator = await start({ records: 400 });
    conn = await oauthConnection(emulator);
    token = conn.accessToken as string;
  });
  after(() => emulator.close());

  function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    return fetch(`${emulator.url}/services/data/v${API_VERSION}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  }

  async function errorOf(res: Response): Promise<[number, unknown]> {
    return [res.status, await res.json()];
  }

  test('POST creates (201 {id, success, errors}); the org fills Name, owner, defaults and audit fields', async () => {
    const res = await call('POST', '/sobjects/Contact', { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', AccountId: emulator.recordId('Account', 2) });
    assert.equal(res.status, 201);
    const body = await res.json() as { id: string; success: boolean; errors: unknown[] };
    assert.deepEqual(body, { id: body.id, success: true, errors: [] });
    assert.match(body.id, /^003\w{15}$/);
    const row = await conn.sobject('Contact').retrieve(body.id) as unknown as Rec;
    assert.deepEqual([row.Name, row.OwnerId, row.CreatedById, row.IsDeleted], ['Ada Lovelace', emulator.userId, emulator.userId, false]);
    assert.equal(row.CreatedDate, row.SystemModstamp);
    const lead = await conn.sobject('Lead').create({ LastName: 'Babbage', Company: 'Analytical Engines' }) as { id: string; success: boolean };
    assert.equal(lead.success, true);
    const leadRow = await conn.sobject('Lead').retrieve(lead.id) as unknown as Rec;
    assert.equal(leadRow.Status, 'Open - Not Contacted', 'picklist default');
    const found = await conn.query<Rec>(`SELECT Id, Account.Name FROM Contact WHERE Email = 'ada@example.com'`);
    assert.equal(found.records[0]?.Id, body.id);
    assert.ok((found.records[0].Account as Rec).Name);
  });

  test('unknown, read-only, missing and malformed fields are refused as an org refuses them', async () => {
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', Shoe_Size__c: 44 })),
      [400, [{ message: "No such column 'Shoe_Size__c' on sobject of type Contact", errorCode: 'INVALID_FIELD' }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', Name: 'X Y', CreatedDate: '2020-01-01T00:00:00Z' })),
      [400, [{ message: 'Unable to create/update fields: Name, CreatedDate. Please check the security settings of this field and verify that it is read/write for your profile or permission set.', errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name', 'CreatedDate'] }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { FirstName: 'Only' })),
      [400, [{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'x'.repeat(81) })),
      [400, [{ message: `Last Name: data value too large: ${'x'.repeat(81)} (max length=80)`, errorCode: 'STRING_TOO_LONG', fields: ['LastName'] }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', Email: 'not-an-address' })),
      [400, [{ message: 'Email: invalid email address: not-an-address', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', AccountId: 'abc' })),
      [400, [{ message: 'Account ID: id value of incorrect type: abc', errorCode: 'MALFORMED_ID', fields: ['AccountId'] }]]);
    const contactId = emulator.recordId('Contact', 1);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', AccountId: contactId })),
      [400, [{ message: `Account ID: id value of incorrect type: ${contactId}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['AccountId'] }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Account', { Name: 'X', CleanStatus: 'Shiny' })),
      [400, [{ message: 'Clean Status: bad value for restricted picklist field: Shiny', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['CleanStatus'] }]]);
    const [status, body] = await errorOf(await call('POST', '/sobjects/Account', { Name: 'X', NumberOfEmployees: 'lots' }));
    assert.equal(status, 400);
    assert.equal((body as Rec[])[0].errorCode, 'JSON_PARSER_ERROR');
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Account', 'Name=X', 'text/plain')),
      [415, [{ message: "Content type 'text/plain' not supported", errorCode: 'UNSUPPORTED_MEDIA_TYPE' }]]);
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Profile', { Name: 'Hacker' })),
      [400, [{ message: 'entity type cannot be inserted: Profile', errorCode: 'INVALID_TYPE_FOR_OPERATION' }]]);
    assert.equal(emulator.recordCount('Account'), 100, 'no refused write created a row');
  });

  test('PATCH updates (204) and bumps LastModifiedDate/SystemModstamp; getUpdated reports it', async () => {
    const id = emulator.recordId('Contact', 10);
    const before = await conn.sobject('Contact').retrieve(id) as unknown as Rec;
    const res = await call('PATCH', `/sobjects/Contact/${id}`, { Title: 'Chief Data Officer', FirstName: 'Grace' });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    const after = await conn.sobject('Contact').retrieve(id) as unknown as Rec;
    assert.equal(after.Title, 'Chief Data Officer');
    assert.equal(after.Name, `Grace ${before.LastName}`);
    assert.equal(after.Email, before.Email, 'untouched fields stay');
    assert.ok(ms(after.SystemModstamp) > ms(before.SystemModstamp));
    assert.equal(after.LastModifiedDate, after.SystemModstamp);
    assert.equal(after.LastModifiedById, emulator.userId);
    const updated = await conn.sobject('Contact').updated(new Date(Date.parse(FIXED_NOW) - 86_400_000).toISOString(), new Date(Date.now() + 86_400_000 * 400).toISOString());
    assert.ok(updated.ids.includes(id));
    assert.deepEqual(await errorOf(await call('PATCH', `/sobjects/Contact/${id}`, { Nope__c: 1 })),
      [400, [{ message: "No such column 'Nope__c' on sobject of type Contact", errorCode: 'INVALID_FIELD' }]]);
    assert.deepEqual(await errorOf(await call('PATCH', `/sobjects/Contact/${id}`, { LastName: null })),
      [400, [{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]]);
    assert.deepEqual(await errorOf(await call('PATCH', '/sobjects/Contact/not-an-id', { Title: 'x' })),
      [404, [{ message: 'Provided external ID field does not exist or is not accessible: not-an-id', errorCode: 'NOT_FOUND' }]]);
    assert.deepEqual(await errorOf(await call('PATCH', `/sobjects/Contact/${emulator.recordId('Contact', 99_999)}`, { Title: 'x' })),
      [404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]]);
    const jsforceUpdate = await conn.sobject('Account').update({ Id: emulator.recordId('Account', 1), Rating: 'Cold' }) as { success: boolean };
    assert.equal(jsforceUpdate.success, true);
  });

  test('DELETE soft-deletes (204): gone from query, IsDeleted in queryAll and /deleted, ENTITY_IS_DELETED by id', async () => {
    const id = emulator.recordId('Contact', 21);
    assert.equal((await call('DELETE', `/sobjects/Contact/${id}`)).status, 204);
    const live = await conn.query<Rec>(`SELECT Id FROM Contact WHERE Id = '${id}'`);
    assert.equal(live.totalSize, 0);
    const all = await conn.query<Rec>(`SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE Id = '${id}'`).scanAll(true).run();
    assert.equal(all.records[0]?.IsDeleted, true);
    const deleted = await conn.sobject('Contact').deleted(new Date(Date.parse(FIXED_NOW) - 86_400_000).toISOString(), new Date(Date.now() + 86_400_000 * 400).toISOString());
    assert.ok(deleted.deletedRecords.some((r) => r.id === id));
    const isDeleted = [404, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED' }]];
    assert.deepEqual(await errorOf(await call('GET', `/sobjects/Contact/${id}`)), isDeleted);
    assert.deepEqual(await errorOf(await call('DELETE', `/sobjects/Contact/${id}`)), isDeleted);
    assert.deepEqual(await errorOf(await call('PATCH', `/sobjects/Contact/${id}`, { Title: 'x' })), isDeleted);
    await assert.rejects(Promise.resolve(conn.sobject('Contact').retrieve(id)), (e: Error & { errorCode?: string }) => e.errorCode === 'ENTITY_IS_DELETED');
    assert.deepEqual(await errorOf(await call('POST', '/sobjects/Contact', { LastName: 'X', ReportsToId: id })),
      [400, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: ['ReportsToId'] }]]);
    assert.deepEqual(await errorOf(await call('DELETE', `/sobjects/User/${emulator.userId}`)),
      [400, [{ message: 'entity type cannot be deleted: User', errorCode: 'INVALID_TYPE_FOR_OPERATION' }]]);
  });
});

describe('churn', () => {
  test('a churn tick changes one field of each record it picks, with a newer SystemModstamp', async () => {
    const emulator = await start({ records: 200 });
    try {
      const conn = await oauthConnection(emulator);
      const byId = new Map<string, Rec>();
      const ids = emulator.churnNow(6);
      assert.equal(ids.length, 6);
      const stamps: number[] = [];
      for (const id of new Set(ids)) {
        const object = id.startsWith('001') ? 'Account' : id.startsWith('003') ? 'Contact' : id.startsWith('00Q') ? 'Lead' : 'Opportunity';
        const after = await conn.sobject(object).retrieve(id) as unknown as Rec;
        byId.set(id, after);
        stamps.push(ms(after.SystemModstamp));
      }
      assert.ok(stamps.every((s) => s >= Date.parse(FIXED_NOW)), 'stamped at the org clock, after every generated change');
      // Exactly one business field differs from the generated row; audit fields move with it.
      const fresh = await start({ records: 200 });
      try {
        const freshConn = await oauthConnection(fresh);
        for (const [id, after] of byId) {
          const object = String((after.attributes as Rec).type);
          const original = await freshConn.sobject(object).retrieve(id) as unknown as Rec;
          const changed = Object.keys(after).filter((k) => !['attributes', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'].includes(k)
            && JSON.stringify(after[k]) !== JSON.stringify(original[k]));
          assert.ok(changed.length >= 1 && changed.length <= ids.filter((x) => x === id).length, `${id}: ${changed.join(', ')}`);
        }
      } finally {
        await fresh.close();
      }
    } finally {
      await emulator.close();
    }
  });

  test('with churn on, records of the chosen objects change every second by themselves', async () => {
    const emulator = await start({ records: 200, churn: { perSecond: 4, objects: ['Contact'] } });
    try {
      const conn = await oauthConnection(emulator);
      const since = new Date(Date.parse(FIXED_NOW) - 60_000).toISOString();
      const changedContacts = async () => (await conn.query(`SELECT COUNT() FROM Contact WHERE SystemModstamp > ${since}`).scanAll(true)).totalSize;
      assert.equal(await changedContacts(), 0);
      const deadline = Date.now() + 10_000;
      let count = 0;
      while ((count = await changedContacts()) < 4) {
        assert.ok(Date.now() < deadline, `churned contacts after 10 s: ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const accounts = await conn.query(`SELECT COUNT() FROM Account WHERE SystemModstamp > ${since}`);
      assert.equal(accounts.totalSize, 0, 'only the chosen objects churn');
    } finally {
      await emulator.close();
    }
  });

  test('churn refuses objects it cannot change', async () => {
    await assert.rejects(start({ churn: { perSecond: 1, objects: ['Nope'] } }), /churn: unknown object 'Nope'/);
  });
});
