/**
 * Every semantic diagnostic lands on the exact characters it is about: asserted as the
 * covered text, in plain, quoted, flow-style and block-scalar YAML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DataflowService } from '../../../server/service';
import { PROBLEM_CODES } from '../../../server/util/problemCodes';
import { EXAMPLES, exampleService } from '../../helpers/workspace';
import { covered, FILE, HEADER, problemsOf } from './checkHelpers';

interface Case {
  name: string;
  text: string;
  /** `code: covered text`, in document order, of the problems with the codes listed here */
  expect: string[];
  service?: () => DataflowService;
  file?: string;
}

const mappings = (body: string) => `${HEADER}mappings:\n${body}`;
const ID_MAPPING = 'mappings:\n  - source: Id\n    target: _id\n';
const GLOBAL = path.join(EXAMPLES, '.crmflow', 'metadata', 'acme', 'describeGlobal.json');
const BROKEN_SCHEMA = path.join(EXAMPLES, 'schemas', 'broken.json');

const CASES: Case[] = [
  // --- references (checks/context.ts) ---
  {
    name: 'project-missing on the connection when no crmflow.yaml is above the file',
    text: HEADER + ID_MAPPING,
    file: path.join(tmpdir(), 'crmflow-checks-no-project', 'flow.dataflow.yaml'),
    expect: ['project-missing: acme'],
  },
  { name: 'unknown-connection', text: HEADER.replace('connection: acme', 'connection: acmee') + ID_MAPPING, expect: ['unknown-connection: acmee'] },
  { name: 'unknown-connection, quoted', text: HEADER.replace('connection: acme', 'connection: "acmee"') + ID_MAPPING, expect: ['unknown-connection: "acmee"'] },
  { name: 'unknown-object', text: HEADER.replace('object: Contact', 'object: Contct') + ID_MAPPING, expect: ['unknown-object: Contct'] },
  {
    name: 'describe-missing for an object the org has but the cache does not describe',
    text: HEADER.replace('object: Contact', 'object: Task') + ID_MAPPING,
    service: () => {
      const global = JSON.parse(readFileSync(GLOBAL, 'utf8')) as { sobjects: { name: string }[] };
      global.sobjects.push({ name: 'Task' });
      return exampleService({ [GLOBAL]: JSON.stringify(global) });
    },
    expect: ['describe-missing: Task'],
  },
  { name: 'unknown-dataset', text: HEADER.replace('dataset: Salesforce Contacts', 'dataset: Salesforce Contact') + ID_MAPPING, expect: ['unknown-dataset: Salesforce Contact'] },
  {
    name: 'unknown-dataset, flow-style target section',
    text: HEADER.replace(/target:\n  dataset: Salesforce Contacts\n  schema: (.*)\n/, 'target: { dataset: Contacts, schema: $1 }\n') + ID_MAPPING,
    expect: ['unknown-dataset: Contacts'],
  },
  { name: 'schema-not-found', text: HEADER.replace('b2b-person.schema.json', 'nope.json') + ID_MAPPING, expect: ['schema-not-found: ../schemas/nope.json'] },
  {
    name: 'schema-invalid',
    text: HEADER.replace('b2b-person.schema.json', 'broken.json') + ID_MAPPING,
    service: () => exampleService({ [BROKEN_SCHEMA]: '{"type": ' }),
    expect: ['schema-invalid: ../schemas/broken.json'],
  },

  // --- the source section (checks/source.ts) ---
  { name: 'incremental-field, unknown', text: HEADER.replace('object: Contact\n', 'object: Contact\n  incremental: Titl\n') + ID_MAPPING, expect: ['incremental-field: Titl'] },
  { name: 'incremental-field, not a date', text: HEADER.replace('object: Contact\n', "object: Contact\n  incremental: 'Title'\n") + ID_MAPPING, expect: ["incremental-field: 'Title'"] },

  // --- mappings (checks/mappings.ts) ---
  { name: 'unknown-source-field', text: mappings('  - source: FirstNam\n    target: person.name.firstName\n'), expect: ['unknown-source-field: FirstNam'] },
  { name: 'unknown-source-field, quoted, behind a relationship', text: mappings('  - source: "Account.Nme"\n    target: b2b.companyName\n'), expect: ['unknown-source-field: Nme'] },
  {
    name: 'unknown-source-field and unknown-target-path, flow style',
    text: mappings('  - { source: FirstNam, target: person.name.firstNme }\n'),
    expect: ['unknown-source-field: FirstNam', 'unknown-target-path: firstNme'],
  },
  { name: 'unknown-target-path in the middle of the path', text: mappings('  - source: FirstName\n    target: person.nme.firstName\n'), expect: ['unknown-target-path: nme'] },
  { name: 'unknown-target-path, single-quoted', text: mappings("  - source: FirstName\n    target: 'person.name.firstNam'\n"), expect: ['unknown-target-path: firstNam'] },
  { name: 'target-not-leaf: a compound address into an XDM object', text: mappings('  - source: MailingAddress\n    target: workAddress\n'), expect: ['target-not-leaf: workAddress'] },
  { name: 'type-mismatch', text: mappings('  - source: Email\n    target: isDeleted\n'), expect: ['type-mismatch: Email'] },
  { name: 'type-mismatch, flow style', text: mappings('  - { source: Email, target: isDeleted }\n'), expect: ['type-mismatch: Email'] },
  { name: 'type-conversion', text: mappings('  - source: Title\n    target: isDeleted\n'), expect: ['type-conversion: Title'] },
  { name: 'type-conversion on an expression', text: mappings('  - expression: lower(Title)\n    target: isDeleted\n'), expect: ['type-conversion: lower(Title)'] },
  {
    name: 'duplicate-target on the second target token',
    text: mappings('  - source: FirstName\n    target: person.name.firstName\n  - source: LastName\n    target: "person.name.firstName"\n'),
    expect: ['duplicate-target: "person.name.firstName"'],
  },
  { name: 'required-unmapped on the mappings key', text: mappings('  - source: FirstName\n    target: person.name.firstName\n'), expect: ['required-unmapped: mappings', 'required-unmapped: mappings'] },
  {
    name: 'static-value-invalid, plain and quoted',
    text: mappings('  - value: maybe\n    target: isDeleted\n  - value: "2024-13-45"\n    target: person.birthDate\n'),
    expect: ['static-value-invalid: maybe', 'static-value-invalid: "2024-13-45"'],
  },
  {
    name: 'static-value-invalid follows the run-time conversions: AEP\'s boolean table, decimal numbers only',
    text: mappings('  - value: "Yes"\n    target: isDeleted\n  - value: "0x10"\n    target: b2b.personScore\n  - value: YES\n    target: b2b.isConverted\n  - value: "4.5e1"\n    target: workAddress._schema.latitude\n'),
    expect: ['static-value-invalid: "Yes"', 'static-value-invalid: "0x10"'],
  },
  {
    name: 'an unknown ${VAR} in a constant warns like in an expression',
    text: mappings('  - value: ${CRM_ORG}\n    target: b2b.personKey.sourceInstanceID\n  - value: "x-${NOPE}-y"\n    target: b2b.personKey.sourceType\n  - value: ${CRM_ORG_ID}\n    target: b2b.personKey.sourceID\n'),
    expect: ['expr-unknown-variable: ${CRM_ORG}', 'expr-unknown-variable: ${NOPE}'],
  },

  // --- identities (checks/identities.ts) ---
  {
    name: 'identity path, namespace and primary problems',
    text: `${HEADER}identities:\n  - path: workEmail.adress\n    namespace: Emial\n  - path: b2b.personKey.sourceKey\n    namespace: b2b_person\n    primary: true\n  - { path: person.name.firstName, namespace: Email, primary: true }\n${ID_MAPPING}`,
    expect: [
      'identity-unknown-path: workEmail.adress',
      'identity-unknown-namespace: Emial',
      'identity-unmapped: b2b.personKey.sourceKey',
      'identity-unmapped: person.name.firstName',
      'identity-multiple-primary: true',
    ],
  },
  {
    name: 'identity-no-primary on the identities key',
    text: `${HEADER}identities:\n  - path: workEmail.address\n    namespace: Email\nmappings:\n  - source: Email\n    target: workEmail.address\n`,
    expect: ['identity-no-primary: identities'],
  },

  // --- expressions (checks/expressions.ts) in every YAML scalar style ---
  { name: 'expression, plain', text: mappings('  - expression: concat(FirstNam, uper(LastName))\n    target: person.name.fullName\n'), expect: ['expr-unknown-field: FirstNam', 'expr-unknown-function: uper'] },
  {
    name: 'expression, double-quoted with escapes before the problems',
    text: mappings('  - expression: "concat(FirstNam, \\"\\\\t\\", LastNme)"\n    target: person.name.fullName\n'),
    expect: ['expr-unknown-field: FirstNam', 'expr-unknown-field: LastNme'],
  },
  {
    name: 'expression, single-quoted with a doubled quote',
    text: mappings("  - expression: 'concat(''it''''s'', FirstNme)'\n    target: person.name.fullName\n"),
    expect: ['expr-unknown-field: FirstNme'],
  },
  { name: 'expression, flow style', text: mappings('  - { expression: "upper(Account.Nme)", target: b2b.companyName }\n'), expect: ['expr-unknown-field: Nme'] },
  {
    name: 'expression, literal block scalar over two lines',
    text: mappings('  - expression: |\n      concat(FirstNam,\n        uper(LastName))\n    target: person.name.fullName\n'),
    expect: ['expr-unknown-field: FirstNam', 'expr-unknown-function: uper'],
  },
  {
    name: 'expression, folded block scalar',
    text: mappings('  - expression: >-\n      concat(FirstName,\n        "${NOPE}")\n    target: person.name.fullName\n'),
    expect: ['expr-unknown-variable: ${NOPE}'],
  },
  { name: 'expr-arity', text: mappings('  - expression: upper(FirstName, LastName)\n    target: person.name.fullName\n'), expect: ['expr-arity: upper(FirstName, LastName)'] },
  { name: 'expr-argument-type', text: mappings('  - expression: upper(to_array(true, Id))\n    target: person.name.fullName\n'), expect: ['expr-argument-type: to_array(true, Id)'] },
  { name: 'expr-argument-value', text: mappings('  - expression: sha256(Email, "UTF-9")\n    target: person.name.fullName\n'), expect: ['expr-argument-value: "UTF-9"'] },
  { name: 'expr-reserved-word', text: mappings('  - expression: upper(upper)\n    target: person.name.fullName\n'), expect: ['expr-reserved-word: upper'] },
  { name: 'expr-unknown-method', text: mappings('  - expression: FirstName.shout()\n    target: person.name.fullName\n'), expect: ['expr-unknown-method: shout'] },
  { name: 'expr-operand-type', text: mappings('  - expression: concat(IsDeleted - 1)\n    target: person.name.fullName\n'), expect: ['expr-operand-type: IsDeleted'] },
  { name: 'expr-invalid-regex', text: mappings('  - expression: matches_regex(FirstName, "[a-")\n    target: isDeleted\n'), expect: ['expr-invalid-regex: "[a-"'] },
  { name: 'expr-invalid-date-format', text: mappings('  - expression: date(Title, "yyyy-MM-ddTHH")\n    target: person.birthDate\n'), expect: ['expr-invalid-date-format: "yyyy-MM-ddTHH"'] },
  { name: 'expr-deprecated-function', text: mappings('  - expression: is_set("Title")\n    target: isDeleted\n'), expect: ['expr-deprecated-function: is_set'] },
  { name: 'expr-syntax', text: mappings('  - expression: upper(FirstName))\n    target: person.name.fullName\n'), expect: ['expr-syntax: )'] },
  { name: 'expr-unterminated', text: mappings("  - expression: 'upper(\"abc)'\n    target: person.name.fullName\n"), expect: ['expr-unterminated: (', 'expr-unterminated: "abc)'] },
  { name: 'expr-empty', text: mappings('  - expression: "  "\n    target: person.name.fullName\n'), expect: ['expr-empty:   '] },

  // --- structure rules (dataflow parser) ---
  { name: 'structure-invalid on the repeated key', text: `${HEADER}dataflow: Again\n${ID_MAPPING}`, expect: ['structure-invalid: dataflow'] },
];

const codesOf = (c: Case) => [...new Set(c.expect.map((e) => e.slice(0, e.indexOf(':'))))];

for (const c of CASES) {
  test(c.name, () => {
    const problems = problemsOf(c.text, c.service?.() ?? exampleService(), c.file ?? FILE);
    assert.deepEqual(covered(c.text, problems, codesOf(c)), c.expect, JSON.stringify(problems.map((p) => `${p.code}@${p.span.start}-${p.span.end}`)));
  });
}

test('structure-invalid marks the second occurrence, not the first', () => {
  const text = `${HEADER}dataflow: Again\n${ID_MAPPING}`;
  const p = problemsOf(text).find((x) => x.code === 'structure-invalid');
  assert.equal(p?.span.start, text.lastIndexOf('dataflow:'));
});

test('project-secret marks the secret key in crmflow.yaml', () => {
  const text = 'version: 1\nconnections:\n  acme:\n    kind: emulator\n    loginUrl: http://127.0.0.1:6110\n    password: hunter2\n    clientSecret: "s3cret"\n';
  const problems = exampleService().validate({ path: path.join(EXAMPLES, 'crmflow.yaml'), text });
  assert.deepEqual(covered(text, problems, ['project-secret']), ['project-secret: password', 'project-secret: clientSecret']);
  // the secret itself never appears in a message
  assert.ok(problems.every((p) => !p.message.includes('hunter2') && !p.message.includes('s3cret')));
});

test('every reference, mapping and identity code has a covered-text case here', () => {
  const tested = new Set([...CASES.flatMap(codesOf), 'project-secret']);
  const semantic = Object.keys(PROBLEM_CODES).filter((c) => !/^(yaml|structure|expr|diagnostics)-/.test(c) && c !== 'mapping-kind');
  assert.deepEqual(semantic.filter((c) => !tested.has(c)), []);
});
