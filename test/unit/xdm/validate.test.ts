import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadXdmSchema } from '../../../server/xdm/load';
import type { XdmSchema } from '../../../server/xdm/schema';
import { XdmValidatorCache, type RecordError } from '../../../server/xdm/validate';

const EXAMPLES = path.resolve(__dirname, '../../../examples/schemas');
const personText = readFileSync(path.join(EXAMPLES, 'b2b-person.schema.json'), 'utf8');
const accountText = readFileSync(path.join(EXAMPLES, 'b2b-account.schema.json'), 'utf8');

function schemaOf(text: string): XdmSchema {
  const { schema } = loadXdmSchema(text);
  assert.ok(schema);
  return schema;
}

const person = schemaOf(personText);
const account = schemaOf(accountText);

const validPerson = {
  _id: 'c-1',
  b2b: { personKey: { sourceType: 'Salesforce', sourceInstanceID: '00D4W000000FgYJUA0', sourceID: '0031x00000AbCdE', sourceKey: '0031x00000AbCdE@00D4W000000FgYJUA0.Salesforce' } },
  person: { name: { firstName: 'Ada', lastName: 'Lovelace' }, birthDate: '1815-12-10' },
  workEmail: { address: 'ada@example.com' },
  extSourceSystemAudit: { createdDate: '2024-01-15T10:30:00.000+0000', lastUpdatedDate: '2024-01-16T08:00:00Z' },
  personComponents: [{ sourcePersonKey: { sourceKey: 'x' }, workEmail: { address: 'a@b.io' } }],
  identityMap: { Email: [{ id: 'ada@example.com', authenticatedState: 'authenticated', primary: false }] },
  isDeleted: false,
};

function codes(errors: RecordError[]): string[] {
  return errors.map((e) => `${e.code} ${e.path}`).sort();
}

test('a valid record has no errors', () => {
  const validator = new XdmValidatorCache().validatorFor(person);
  assert.deepEqual(validator.validateRecord(validPerson), []);
});

test('every violation is reported with its code and dot path', () => {
  const validator = new XdmValidatorCache().validatorFor(person);
  const errors = validator.validateRecord({
    b2b: { personKey: { sourceID: 'x' }, isConverted: 'yes' },
    person: { birthDate: '2021-02-30', name: { firstName: 42 } },
    workEmail: { address: 'not-an-email' },
    workAddress: { countryCode: 'usa', _schema: { latitude: 91 } },
    identityMap: { Email: [{ id: 'a', authenticatedState: 'maybe' }] },
    personComponents: [{ workEmail: { address: 'ok@x.io' } }, { workEmail: { address: 'broken' } }],
    extSourceSystemAudit: { lastViewedDate: '2024-01-15' },
  });
  assert.deepEqual(codes(errors), [
    'enum identityMap.Email[0].authenticatedState',
    'format extSourceSystemAudit.lastViewedDate',
    'format person.birthDate',
    'format personComponents[1].workEmail.address',
    'format workEmail.address',
    'pattern workAddress.countryCode',
    'range workAddress._schema.latitude',
    'required _id',
    'required b2b.personKey.sourceKey',
    'type b2b.isConverted',
    'type person.name.firstName',
  ]);
  const byPath = new Map(errors.map((e) => [e.path, e.message]));
  assert.match(byPath.get('b2b.personKey.sourceKey')!, /Missing required field 'b2b\.personKey\.sourceKey'/);
  assert.match(byPath.get('person.name.firstName')!, /must be a string, not number 42/);
  assert.match(byPath.get('identityMap.Email[0].authenticatedState')!, /"ambiguous", "authenticated", "loggedOut"/);
  assert.match(byPath.get('workAddress.countryCode')!, /\^\[A-Z\]\{2\}\$/);
});

test('null is absent: optional nulls pass, required nulls are missing', () => {
  const validator = new XdmValidatorCache().validatorFor(person);
  const record = { ...validPerson, person: { name: { firstName: null, lastName: 'L' }, birthDate: null }, _id: null };
  assert.deepEqual(codes(validator.validateRecord(record)), ['required _id']);
  // The caller's record is not modified.
  assert.equal(record.person.name.firstName, null);
});

test('integer types and currency pattern on the account schema', () => {
  const validator = new XdmValidatorCache().validatorFor(account);
  const base = { accountKey: { sourceKey: 'k' } };
  assert.deepEqual(validator.validateRecord(base), []);
  assert.deepEqual(codes(validator.validateRecord({
    ...base,
    accountOrganization: { numberOfEmployees: 12.5, annualRevenue: { amount: 10, currencyCode: 'usd' }, rating: 3 },
  })), ['pattern accountOrganization.annualRevenue.currencyCode', 'range accountOrganization.rating', 'type accountOrganization.numberOfEmployees']);
  // meta:xdmType int implies the 32-bit range even though the schema states none.
  assert.deepEqual(codes(validator.validateRecord({ ...base, accountOrganization: { numberOfEmployees: 3_000_000_000 } })), [
    'range accountOrganization.numberOfEmployees',
  ]);
});

test('a record that is not an object is a type error at the root', () => {
  const validator = new XdmValidatorCache().validatorFor(account);
  const [error] = validator.validateRecord('text');
  assert.equal(error!.code, 'type');
  assert.equal(error!.path, '');
  assert.match(error!.message, /The record must be an object/);
});

test('rejectUnknownFields reports fields the schema does not define, but not map keys', () => {
  const cache = new XdmValidatorCache();
  const record = { ...validPerson, nickname: 'A', b2b: { ...validPerson.b2b, mood: 'happy' } };
  assert.deepEqual(cache.validatorFor(person).validateRecord(record), []);
  const errors = cache.validatorFor(person, { rejectUnknownFields: true }).validateRecord(record);
  assert.deepEqual(codes(errors), ['unknown b2b.mood', 'unknown nickname']);
});

test('additionalProperties: false in the schema is honoured', () => {
  const schema = schemaOf(JSON.stringify({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }));
  const errors = new XdmValidatorCache().validatorFor(schema).validateRecord({ a: 'x', b: 1 });
  assert.deepEqual(codes(errors), ['unknown b']);
});

test('the cache compiles a schema once per id + version + content', () => {
  const cache = new XdmValidatorCache();
  const first = cache.validatorFor(person);
  assert.equal(cache.validatorFor(person), first);
  // Loading the same text again gives a new XdmSchema object with the same key.
  assert.equal(cache.validatorFor(schemaOf(personText)), first);
  assert.equal(cache.compileCount, 1);
  const edited = schemaOf(personText.replace('"title": "B2B Person"', '"title": "B2B Person (edited)"'));
  assert.notEqual(cache.validatorFor(edited), first);
  assert.equal(cache.compileCount, 2);
  cache.validatorFor(person, { rejectUnknownFields: true });
  assert.equal(cache.compileCount, 3);
  assert.equal(cache.size, 3);
  // Two caches share nothing.
  const other = new XdmValidatorCache();
  other.validatorFor(person);
  assert.equal(other.compileCount, 1);
  assert.equal(cache.compileCount, 3);
});

test('the least recently used validator is dropped beyond maxEntries', () => {
  const cache = new XdmValidatorCache({ maxEntries: 1 });
  cache.validatorFor(person);
  cache.validatorFor(account);
  assert.equal(cache.size, 1);
  cache.validatorFor(account);
  assert.equal(cache.compileCount, 2);
  const again = cache.validatorFor(person);
  assert.equal(cache.compileCount, 3);
  assert.deepEqual(again.validateRecord(validPerson), []);
  cache.clear();
  assert.equal(cache.size, 0);
});
