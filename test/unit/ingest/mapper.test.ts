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

function mapperFor(mappings: string, base = 'contacts'): RecordMapper {
  const text = readFileSync(path.join(DATAFLOWS, `${base}.dataflow.yaml`), 'utf8').replace(/mappings:[\s\S]*?schedule:/, `mappings:\n${mappings}schedule:`);
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

/** What one value becomes in the target, or the warning it gets. */
function converted(m: RecordMapper, field: string, value: unknown): unknown {
  const { output, warnings } = m.map({ [field]: value }, ctx);
  const leaf = Object.keys(output).length ? JSON.stringify(output) : undefined;
  return leaf ?? `warning: ${warnings.map((x) => x.message).join(' | ')}`;
}

test('date-time targets: every string goes through the implicit date parser before the RFC 3339 fast path', () => {
  const m = mapperFor('  - source: Description\n    target: extSourceSystemAudit.createdDate\n');
  const at = (v: unknown) => converted(m, 'Description', v);
  const audit = (iso: string) => JSON.stringify({ extSourceSystemAudit: { createdDate: iso } });
  assert.match(String(at('2024-13-45')), /^warning: "2024-13-45" is not a date; 'extSourceSystemAudit.createdDate' is left empty\.$/);
  assert.match(String(at('2024-05-05Tgarbage')), /^warning: .*is not a date/);
  assert.match(String(at('2024-05-05T25:00:00Z')), /^warning: .*is not a date/);
  // valid RFC 3339 keeps its own text (Salesforce's offset gets its colon)
  assert.equal(at('2024-01-02T03:04:05.000+0000'), audit('2024-01-02T03:04:05.000+00:00'));
  assert.equal(at('2024-01-02T03:04:05.123456Z'), audit('2024-01-02T03:04:05.123456Z'));
  // anything else is written from the parsed value
  assert.equal(at('2024-05-05T10:00'), audit('2024-05-05T10:00:00Z'));
  assert.equal(at('2024-05-05 10:00:00-0700'), audit('2024-05-05T10:00:00-07:00'));
  assert.equal(at('2024-02-30T10:00:00Z'), audit('2024-02-29T10:00:00Z'));
  // numbers are epoch milliseconds
  assert.equal(at(Date.UTC(2024, 4, 5, 12, 30)), audit('2024-05-05T12:30:00Z'));
  assert.match(String(at(1e300)), /^warning: .*outside the supported date range/);
  assert.match(String(at(true)), /^warning: true is not a date/);
});

test('date targets get the date alone, from strings, epoch numbers and date values', () => {
  const m = mapperFor('  - source: Description\n    target: person.birthDate\n  - expression: date(Title, "yyyy-MM-dd HH:mm")\n    target: person.birthDate\n');
  const at = (v: unknown) => converted(m, 'Description', v);
  const birth = (d: string) => JSON.stringify({ person: { birthDate: d } });
  assert.equal(at('2024-05-05'), birth('2024-05-05'));
  assert.equal(at('2024-05-05T23:30:00-05:00'), birth('2024-05-05'));
  assert.equal(at('5/05/2024'), birth('2024-05-05'));
  assert.equal(at(Date.UTC(2024, 4, 5, 12, 30)), birth('2024-05-05'));
  assert.match(String(at('2024-13-45')), /^warning: .*is not a date/);
  assert.match(String(at('+12345-01-01')), /^warning: .*year outside 0000-9999/);
  assert.deepEqual(m.map({ Title: '1999-12-31 23:59' }, ctx).output, { person: { birthDate: '1999-12-31' } });
});

test('integer targets refuse fractions, hex, exponents and out-of-range values instead of truncating', () => {
  const m = mapperFor('  - source: Description\n    target: accountOrganization.numberOfEmployees\n', 'accounts');
  const at = (v: unknown) => converted(m, 'Description', v);
  const employees = (n: number) => JSON.stringify({ accountOrganization: { numberOfEmployees: n } });
  assert.equal(at('42'), employees(42));
  assert.equal(at(' -7 '), employees(-7));
  assert.equal(at(12), employees(12));
  assert.equal(at(12.0), employees(12));
  assert.match(String(at(12.5)), /^warning: 12\.5 is not a whole number/);
  assert.match(String(at('12.5')), /^warning: "12\.5" is not a whole number/);
  assert.match(String(at('1e3')), /^warning: "1e3" is not a whole number/);
  assert.match(String(at('0x10')), /^warning: "0x10" is not a number/);
  assert.match(String(at('')), /^warning: "" is not a number/);
  assert.match(String(at(3e9)), /^warning: 3000000000 is outside the int range -2147483648 to 2147483647/);
  assert.match(String(at(true)), /^warning: true is not a number/);
});

test('number targets take decimal text with an exponent, but not hex', () => {
  const m = mapperFor('  - source: Description\n    target: b2b.personScore\n');
  const at = (v: unknown) => converted(m, 'Description', v);
  assert.equal(at('1e3'), JSON.stringify({ b2b: { personScore: 1000 } }));
  assert.equal(at('-2.5'), JSON.stringify({ b2b: { personScore: -2.5 } }));
  assert.match(String(at('0x10')), /^warning: "0x10" is not a number/);
  assert.match(String(at('Infinity')), /^warning: .*is not a number/);
});
