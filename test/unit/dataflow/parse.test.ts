import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkCache, DataflowParser, MAX_ANALYSED_BYTES, tooLargeToAnalyse } from '../../../server/dataflow/parse';
import { StructureValidator } from '../../../server/dataflow/structure';
import { offsetIn } from '../../../server/dataflow/model';
import { spanText } from '../../helpers/cursor';

const parser = new DataflowParser(new StructureValidator());

const GOOD = `dataflow: Contacts
source:
  connection: acme
  object: Contact
target:
  dataset: Contacts
  schema: ../schemas/b2b-person.schema.json
identities:
  - path: b2b.personKey.sourceKey
    namespace: b2b_person
    primary: true
mappings:
  - source: FirstName
    target: person.name.firstName
  - expression: concat(Id, "@\${CRM_ORG_ID}.Salesforce")
    target: b2b.personKey.sourceKey
  - value: Salesforce
    target: b2b.personKey.sourceType
schedule: { frequency: hour, interval: 1, backfill: true }
ingestion: { partialIngestionPercent: 5, errorDiagnostics: true }
`;

test('a valid dataflow parses into the typed model with no problems', () => {
  const { model, problems } = parser.parse(GOOD);
  assert.deepEqual(problems, []);
  assert.equal(model.name?.value, 'Contacts');
  assert.equal(model.source?.connection?.value, 'acme');
  assert.equal(model.source?.object?.value, 'Contact');
  assert.equal(model.target?.schema?.value, '../schemas/b2b-person.schema.json');
  assert.deepEqual(model.mappings.map((m) => m.kind), ['ATTRIBUTE', 'EXPRESSION', 'STATIC']);
  assert.equal(model.identities[0].primary?.value, true);
  assert.equal(model.schedule?.frequency?.value, 'hour');
  assert.equal(model.ingestion?.partialIngestionPercent?.value, 5);
});

test('every located value spans its exact source token', () => {
  const { model } = parser.parse(GOOD);
  assert.equal(spanText(GOOD, model.source!.object!.span), 'Contact');
  assert.equal(spanText(GOOD, model.mappings[0].source!.span), 'FirstName');
  assert.equal(spanText(GOOD, model.mappings[0].target!.span), 'person.name.firstName');
  assert.equal(spanText(GOOD, model.mappings[1].expression!.span), 'concat(Id, "@${CRM_ORG_ID}.Salesforce")');
  assert.equal(spanText(GOOD, model.identities[0].namespace!.span), 'b2b_person');
  assert.equal(spanText(GOOD, model.schedule!.keySpan), 'schedule');
});

test('expression offsets map through quotes and escapes to the source characters', () => {
  const text = `mappings:\n  - expression: "upper(\\"x\\") + y"\n    target: a\n  - expression: 'concat(''a'', b)'\n    target: b\n  - expression: |\n      concat(a,\n        b)\n    target: c\n`;
  const { model } = parser.parse(text);
  const [dq, sq, block] = model.mappings.map((m) => m.expression!);
  assert.equal(dq.value, 'upper("x") + y');
  assert.equal(text[offsetIn(dq, dq.value.indexOf('y'))], 'y');
  assert.equal(text[offsetIn(dq, dq.value.indexOf('x'))], 'x');
  assert.equal(sq.value, "concat('a', b)");
  assert.equal(text[offsetIn(sq, sq.value.indexOf('b'))], 'b');
  assert.equal(block.value, 'concat(a,\n  b)\n');
  assert.equal(text[offsetIn(block, block.value.indexOf('b'))], 'b');
});

test('structural errors land on the offending key or value', () => {
  const text = `dataflow: X\nsource:\n  connection: acme\n  objekt: Contact\ntarget:\n  schema: s.json\nmappings:\n  - target: a\n  - source: A\n    value: 1\n    target: b\n  - source: B\n    target: c\n    colour: red\nschedule:\n  frequency: hourly\n  interval: many\n`;
  const { problems } = parser.parse(text);
  const got = problems.map((p) => `${p.code}@${spanText(text, p.span)}`).sort();
  assert.deepEqual(got, [
    'mapping-kind@target',
    'mapping-kind@value',
    'structure-enum@hourly',
    'structure-missing-key@source',
    'structure-type@many',
    'structure-unknown-key@colour',
    'structure-unknown-key@objekt',
  ]);
  const unknown = problems.find((p) => spanText(text, p.span) === 'objekt')!;
  assert.match(unknown.message, /Did you mean 'object'\?/);
});

test('missing top-level sections are reported on the first key, not at offset 0 of nothing', () => {
  const text = `# comment\ndataflow: X\n`;
  const { problems } = parser.parse(text);
  const missing = problems.filter((p) => p.code === 'structure-missing-key').map((p) => p.message);
  assert.equal(missing.length, 3);
  for (const p of problems) assert.equal(spanText(text, p.span), 'dataflow');
});

test('unknown top-level keys get a did-you-mean', () => {
  const text = `dataflow: X\nmapings: []\n`;
  const p = parser.parse(text).problems.find((x) => x.code === 'structure-unknown-key')!;
  assert.equal(spanText(text, p.span), 'mapings');
  assert.match(p.message, /Did you mean 'mappings'/);
});

test('YAML syntax errors are problems with ranges, and the rest still parses', () => {
  const text = `dataflow: X\nsource:\n  connection: "acme\n  object: Contact\nmappings:\n  - source: A\n    target: b\n`;
  const { model, problems } = parser.parse(text);
  assert.ok(problems.some((p) => p.code === 'yaml-syntax'));
  assert.equal(model.mappings.length, 1);
  for (const p of problems) assert.ok(p.span.end <= text.length && p.span.start >= 0);
});

test('alias bombs are refused without expanding them', () => {
  let text = 'dataflow: X\nsource:\n  a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 0; i < 9; i++) text += `  ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]\n`;
  const t0 = Date.now();
  const { problems } = parser.parse(text);
  assert.ok(Date.now() - t0 < 1000);
  assert.ok(problems.some((p) => p.code === 'yaml-alias-limit'), problems.map((p) => p.code).join());
});

test('a file over the size limit gets one diagnostic and no analysis', () => {
  const text = 'dataflow: X\n' + '#'.repeat(3 * 1024 * 1024);
  const { problems } = parser.parse(text);
  assert.deepEqual(problems.map((p) => p.code), ['yaml-too-large']);
});

test('deep nesting and unterminated strings do not throw', () => {
  const deep = 'dataflow: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
  assert.doesNotThrow(() => parser.parse(deep));
  assert.doesNotThrow(() => parser.parse('mappings:\n  - expression: "concat(a\n'));
});

test('re-parsing after an edit with the chunk cache gives what a fresh whole parse gives', () => {
  const cache = new ChunkCache();
  parser.parse(GOOD, cache);
  for (const edited of [GOOD.replace('FirstName', 'FirstNam'), GOOD.replace('  - value: Salesforce\n', '  - value: Salesforce\n    extra: 1\n'), GOOD + 'mappings: []\n', GOOD.replace('mappings:\n', 'mappings:\n  # a comment\n')]) {
    assert.deepEqual(parser.parse(edited, cache), parser.parse(edited, new ChunkCache(), { chunked: false }));
  }
});

test('the analysis limit: a file at it is analysed, one character more is not, with a message saying what still works', () => {
  const item = '  - source: Id\n    target: _id\n';
  const head = GOOD.slice(0, GOOD.indexOf('mappings:\n') + 'mappings:\n'.length);
  let text = head + item.repeat(Math.floor((MAX_ANALYSED_BYTES - head.length) / item.length));
  text += '#'.repeat(MAX_ANALYSED_BYTES - text.length);
  assert.equal(text.length, MAX_ANALYSED_BYTES);
  assert.equal(tooLargeToAnalyse(text), false);
  const at = parser.parse(text);
  assert.ok(at.model.mappings.length > 5000);
  assert.ok(!at.problems.some((p) => p.code === 'yaml-too-large'));
  const over = parser.parse(`${text}\n`);
  assert.equal(tooLargeToAnalyse(`${text}\n`), true);
  assert.equal(over.model.mappings.length, 0);
  assert.deepEqual(over.problems.map((p) => [p.code, p.severity, spanText(text, p.span)]), [['yaml-too-large', 'warning', 'dataflow: Contacts']]);
  assert.match(over.problems[0]!.message, /^This file is 257 KB; files over 256 KB are not analysed/);
  assert.match(over.problems[0]!.message, /syntax colouring still works, and folding and the outline show its top-level sections/);
  assert.match(parser.parse(`x: ${'y'.repeat(3 * 1024 * 1024)}`).problems[0]!.message, /^This file is 3\.0 MB;/);
});
