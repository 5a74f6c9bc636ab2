/** The Bulk fast path generates single columns; they must equal the full rows, field by field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrgShape } from '../../server/salesforce/emulator/data/orgShape';
import { RecordGenerator } from '../../server/salesforce/emulator/data/generators';
import { Catalog } from '../../server/salesforce/emulator/metadata/catalog';

test('Contact columns equal generate() for every field over a range of rows', () => {
  const now = Date.UTC(2026, 0, 1);
  const org = new OrgShape(11, 5000, now);
  const fast = new RecordGenerator(org);
  const full = new RecordGenerator(new OrgShape(11, 5000, now));
  const contact = new Catalog().object('Contact')!;
  const fields = contact.definition.fields.map((f) => f.name).filter((n) => !/Address$/.test(n));
  assert.ok(fields.length > 40, `only ${fields.length} Contact fields`);
  const reader = fast.columns('Contact', fields);
  let nonNull = 0;
  // rows out of order too: the fast path keeps state between nearby rows
  for (const index of [...Array.from({ length: 400 }, (_, i) => i), 4999, 17, 2500, 2501, 3]) {
    reader.at(index);
    const row = full.generate('Contact', index);
    fields.forEach((name, k) => {
      assert.deepEqual(reader.value(k), row[name], `Contact[${index}].${name}`);
      if (row[name] !== null && row[name] !== undefined) nonNull++;
    });
  }
  assert.ok(nonNull > 400 * 20, 'the rows compared hold real values');
});
