/** The per-mapping memo must never hand one mapping's ranges to a differently placed text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleService } from '../../helpers/workspace';
import { covered, HEADER, problemsOf } from './checkHelpers';

test('a quoted target after the same unquoted target is not answered with the unquoted ranges', () => {
  const service = exampleService();
  const plain = `${HEADER}mappings:\n  - source: FirstName\n    target: person.name.firstNam\n`;
  const quoted = `${HEADER}mappings:\n  - source: FirstName\n    target: "person.name.firstNam"\n`;
  const single = `${HEADER}mappings:\n  - source: FirstName\n    target: 'person.name.firstNam'\n`;
  for (const text of [plain, quoted, single, plain]) {
    assert.deepEqual(covered(text, problemsOf(text, service), ['unknown-target-path']), ['unknown-target-path: firstNam'], text);
  }
});

test('a quoted source and a quoted expression after their plain forms keep exact ranges', () => {
  const service = exampleService();
  // the quoted part comes last, so nothing else in the mapping moves
  const texts = [
    `${HEADER}mappings:\n  - target: b2b.companyName\n    source: Account.Nme\n`,
    `${HEADER}mappings:\n  - target: b2b.companyName\n    source: "Account.Nme"\n`,
    `${HEADER}mappings:\n  - target: person.name.firstName\n    expression: upper(FirstNme)\n`,
    `${HEADER}mappings:\n  - target: person.name.firstName\n    expression: "upper(FirstNme)"\n`,
  ];
  const expected = ['unknown-source-field: Nme', 'unknown-source-field: Nme', 'expr-unknown-field: FirstNme', 'expr-unknown-field: FirstNme'];
  texts.forEach((text, i) => {
    assert.deepEqual(covered(text, problemsOf(text, service), ['unknown-source-field', 'expr-unknown-field']), [expected[i]], text);
  });
});
