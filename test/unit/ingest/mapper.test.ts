/** AEP runtime semantics of a compiled mapping set. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RecordMapper, readPath } from '../../../server/ingest/mapper';
import { DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const file = path.join(DATAFLOWS, 'mapper-test.dataflow.yaml');
const ctx = { nowMs: Date.UTC(2026, 0, 1), variables: { CRM_ORG_ID: '00D000000000001EAA' } };

function mapperFor(mappings: string): RecordMapper {
  const text = readFileSync(path.join(DATAFLOWS, 'contacts.dataflow.yaml'), 'utf8').replace(/mappings:[\s\S]*?schedule:/, `mappings:\n${mappings}schedule:`);
  const a = service.analyse({ path: file, text });
  return RecordMapper.compile(a.parsed.model, service.catalogue, a.context.schema?.schema);
}

test('attributes, expressions and constants land at nested XDM paths; ${CRM_ORG_ID} is substituted', () => {
  const m = mapperFor('  - source: FirstName\n    target: person.name.firstName\n  - expression: concat(Id, "@${CRM_ORG_ID}.Salesforce")\n    target: b2b.personKey.sourceKey\n  - value: ${CRM_ORG_ID}\n    target: b2b.personKey.sourceInstanceID\n  - source: Account.Name\n    target: b2b.companyName\n');
  const { output, warnings } = m.map({ Id: '003A', FirstName: 'Ada', Account: { Name: 'Acme' } }, ctx);
  assert.deepEqual(warnings, []);
  assert.deepEqual(output, { person: { name: { firstName: 'Ada' } }, b2b: { personKey: { sourceKey: '003A@00D000000000001EAA.Salesforce', sourceInstanceID: '00D000000000001EAA' }, companyName: 'Acme' } });
});

test('a function error nulls only its attribute, with a warning; the rest of the record is kept', () => {
  const m = mapperFor('  - expression: date(Description, "yyyy-MM-dd")\n    target: person.birthDate\n  - source: LastName\n    target: person.name.lastName\n');
  const { output, warnings } = m.map({ Description: 'not a date', LastName: 'Lovelace' }, ctx);
  assert.deepEqual(output, { person: { name: { lastName: 'Lovelace' } } });
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].target, 'person.birthDate');
});

test('implicit conversions by target type: string to boolean, Salesforce datetimes to RFC 3339', () => {
  const m = mapperFor('  - source: Title\n    target: isDeleted\n  - source: CreatedDate\n    target: extSourceSystemAudit.createdDate\n');
  assert.deepEqual(m.map({ Title: 'yes', CreatedDate: '2024-01-02T03:04:05.000+0000' }, ctx).output, { isDeleted: true, extSourceSystemAudit: { createdDate: '2024-01-02T03:04:05.000+00:00' } });
  const bad = m.map({ Title: 'maybe' }, ctx);
  assert.deepEqual(bad.output, {});
  assert.match(bad.warnings[0].message, /not a boolean/);
});

test('relationship fields read nested REST objects and flat Bulk columns', () => {
  assert.equal(readPath({ Account: { Owner: { Name: 'Grace' } } }, ['Account', 'Owner', 'Name']), 'Grace');
  assert.equal(readPath({ 'Account.Name': 'Acme' }, ['Account', 'Name']), 'Acme');
  assert.equal(readPath({ Account: null }, ['Account', 'Name']), null);
});
