import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { yamlContextAt, type YamlCursorContext } from '../../../server/features/yamlContext';
import { DataflowParser } from '../../../server/dataflow/parse';
import { StructureValidator } from '../../../server/dataflow/structure';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS } from '../../helpers/workspace';

const parser = new DataflowParser(new StructureValidator());

/** The context at `|`, computed with the model (default) or from the text alone. */
function at(textWithCursor: string, withModel = true): YamlCursorContext & { text: string; offset: number } {
  const { text, offset } = cursor(textWithCursor);
  const model = withModel ? parser.parse(text).model : undefined;
  return { ...yamlContextAt(text, offset, model), text, offset };
}

const DOC = `dataflow: Contacts
source:
  connection: acme
  object: Contact
target:
  schema: ../schemas/b2b-person.schema.json
identities:
  - path: workEmail.address
    namespace: Email
mappings:
  - source: Id
    target: _id
  - expression: concat(FirstName, " ", LastName)
    target: person.name.fullName
schedule: { frequency: hour, interval: 1 }
`;

test('a half-typed key in a new mapping item', () => {
  const c = at(DOC.replace('  - source: Id\n', '  - tar|\n  - source: Id\n'));
  assert.equal(c.place, 'key');
  assert.deepEqual(c.path, ['mappings', 0]);
  assert.equal(c.key, 'tar');
  assert.equal(c.text.slice(c.keySpan.start, c.keySpan.end), 'tar');
  assert.equal(c.hasColon, false);
  assert.equal(c.dashWidth, 2);
  assert.equal(c.presentKeys.size, 0);
});

test('a source value being typed, with and without the model', () => {
  for (const withModel of [true, false]) {
    const c = at(DOC.replace('source: Id', 'source: Acc|'), withModel);
    assert.equal(c.place, 'value');
    assert.deepEqual(c.path, ['mappings', 0]);
    assert.equal(c.key, 'source');
    assert.equal(c.value?.text, 'Acc');
    assert.equal(c.value?.index, 3);
    assert.equal(c.word.prefix, 'Acc');
    assert.deepEqual([...c.presentKeys], ['target']);
  }
  assert.equal(at(DOC.replace('source: Id', 'source: Acc|')).mapping?.kind, 'ATTRIBUTE');
});

test('inside an expression: the offset within the expression text', () => {
  for (const withModel of [true, false]) {
    const c = at(DOC.replace('concat(FirstName, " ", LastName)', 'concat(Fi|'), withModel);
    assert.equal(c.place, 'value');
    assert.deepEqual(c.path, ['mappings', 1]);
    assert.equal(c.key, 'expression');
    assert.equal(c.expression?.text, 'concat(Fi');
    assert.equal(c.expression?.index, 9);
    assert.equal(c.expression!.toDocument(9), c.offset);
  }
});

test('a quoted expression maps expression indices back to document offsets', () => {
  const c = at(DOC.replace('concat(FirstName, " ", LastName)', `'concat(''a'', Fi|rstName)'`));
  assert.equal(c.expression?.text, "concat('a', FirstName)");
  assert.equal(c.expression?.quote, "'");
  assert.equal(c.expression?.index, "concat('a', Fi".length);
  assert.equal(c.expression!.toDocument(c.expression!.index), c.offset);
  // an unterminated double-quoted expression is read from the line
  const u = at('mappings:\n  - expression: "concat(Fi|\n', false);
  assert.equal(u.expression?.text, 'concat(Fi');
  assert.equal(u.expression?.quote, '"');
});

test('a block scalar expression: the index counts the folded text', () => {
  const c = at(DOC.replace('concat(FirstName, " ", LastName)', '>-\n      concat(FirstName,\n        La|stName)'));
  assert.equal(c.key, 'expression');
  assert.equal(c.expression?.text.slice(0, c.expression.index).endsWith('La'), true);
  assert.equal(c.expression!.toDocument(c.expression!.index), c.offset);
});

test('blanks typed after a value still belong to it', () => {
  const c = at(DOC.replace('concat(FirstName, " ", LastName)', 'concat(Id, |'));
  assert.equal(c.key, 'expression');
  assert.equal(c.expression?.text, 'concat(Id, ');
  assert.equal(c.expression?.index, 11);
  assert.equal(c.expression!.toDocument(11), c.offset);
  assert.ok(c.value!.span.end >= c.offset);
});

test('identity namespace and schedule frequency (flow mapping) values', () => {
  const ns = at(DOC.replace('namespace: Email', 'namespace: Em|'));
  assert.deepEqual([ns.place, ns.key, ns.path], ['value', 'namespace', ['identities', 0]]);
  assert.equal(ns.identity?.path?.value, 'workEmail.address');
  const f = at(DOC.replace('frequency: hour', 'frequency: ho|'));
  assert.deepEqual([f.place, f.key, f.path, f.flow], ['value', 'frequency', ['schedule'], true]);
  assert.deepEqual([...f.presentKeys], ['interval']);
  const k = at(DOC.replace('interval: 1 }', 'interval: 1, | }'));
  assert.deepEqual([k.place, k.path, k.flow], ['key', ['schedule'], true]);
  assert.deepEqual([...k.presentKeys].sort(), ['frequency', 'interval']);
});

test('keys of a section: the partial word, its range and the keys already there', () => {
  const c = at(DOC.replace('  object: Contact\n', '  object: Contact\n  wh|\n'));
  assert.deepEqual([c.place, c.path, c.key], ['key', ['source'], 'wh']);
  assert.deepEqual([...c.presentKeys].sort(), ['connection', 'object']);
  const onKey = at(DOC.replace('  object: Contact', '  obj|ect: Contact'));
  assert.equal(onKey.place, 'key');
  assert.equal(onKey.hasColon, true);
  assert.equal(onKey.text.slice(onKey.keySpan.start, onKey.keySpan.end), 'object');
  const top = at(`${DOC}|`);
  assert.deepEqual([top.place, top.path], ['key', []]);
  assert.deepEqual([...top.presentKeys].sort(), ['dataflow', 'identities', 'mappings', 'schedule', 'source', 'target']);
});

test('blank lines: inside an item, at the dash column, under an empty sequence', () => {
  const inItem = at(DOC.replace('    target: _id\n', '    target: _id\n    |\n'));
  assert.deepEqual([inItem.place, inItem.path], ['key', ['mappings', 0]]);
  assert.deepEqual([...inItem.presentKeys].sort(), ['source', 'target']);
  const dash = at(DOC.replace('    target: _id\n', '    target: _id\n  |\n'));
  assert.deepEqual([dash.place, dash.path, dash.itemIndex], ['item', ['mappings'], 1]);
  const empty = at('dataflow: x\nmappings:\n  |\n');
  assert.deepEqual([empty.place, empty.path], ['item', ['mappings']]);
  const afterDash = at(DOC.replace('    target: _id\n', '    target: _id\n  - |\n'));
  assert.deepEqual([afterDash.place, afterDash.path, afterDash.dashWidth], ['key', ['mappings', 1], 2]);
});

test('an empty value, a value right after the colon, a comment, an empty file', () => {
  const v = at(DOC.replace('  object: Contact', '  object: |'));
  assert.deepEqual([v.place, v.key, v.value?.text, v.needsSpace], ['value', 'object', '', false]);
  const tight = at(DOC.replace('  object: Contact', '  object:|'));
  assert.deepEqual([tight.place, tight.needsSpace], ['value', true]);
  assert.equal(at(DOC.replace('dataflow: Contacts', 'dataflow: Contacts # a note|')).place, 'none');
  const e = at('# nothing yet\n|');
  assert.deepEqual([e.place, e.emptyDocument, e.path], ['key', true, []]);
});

test('target path value: the segment word', () => {
  const c = at(DOC.replace('target: person.name.fullName', 'target: person.na|me.fullName'));
  assert.equal(c.key, 'target');
  assert.equal(c.word.prefix, 'na');
  assert.equal(c.text.slice(c.word.span.start, c.word.span.end), 'name');
});

/** Every offset of a text: never throws, and replace spans always contain the cursor. */
function sweep(text: string, name: string): void {
  const model = parser.parse(text).model;
  for (let offset = 0; offset <= text.length; offset++) {
    for (const m of [model, undefined]) {
      const c = yamlContextAt(text, offset, m);
      const where = `${name} @${offset} (${m ? 'model' : 'text'})`;
      if (c.place === 'key' || c.place === 'item') assert.ok(c.keySpan.start <= offset && offset <= c.keySpan.end, `${where}: key span ${JSON.stringify(c.keySpan)}`);
      if (c.place === 'value') {
        assert.ok(c.value, `${where}: value place without a value`);
        assert.ok(c.value!.span.start <= offset && offset <= c.value!.span.end, `${where}: value span ${JSON.stringify(c.value!.span)}`);
        assert.ok(c.value!.index >= 0 && c.value!.index <= c.value!.text.length, `${where}: index`);
      }
    }
  }
}

test('every offset of the examples and the broken fixtures: no throw, spans hold the cursor', () => {
  for (const dir of [DATAFLOWS, BROKEN]) {
    for (const name of readdirSync(dir)) sweep(readFileSync(path.join(dir, name), 'utf8'), name);
  }
  const broken = [
    'mappings:\n  - source: [\n  - target: {a: \n- - x\n\t- y: "z\n',
    'source:\n  connection: "acme\n  object: \'Con\nmappings:\n  -\n    expression: >\n      concat(\n',
    '{ dataflow: x, source: { connection: a } }\n',
    'mappings:\r\n  - source: Id\r\n    target: _id\r\n  - expr\r\n',
    ': : :\n  - : x\n    -\n      - a: b: c\n',
  ];
  broken.forEach((t, i) => sweep(t, `broken ${i}`));
});

test('out-of-range offsets and huge texts are clamped, not thrown', () => {
  assert.equal(yamlContextAt('a: b', -5).place, 'key');
  assert.equal(yamlContextAt('a: b', 99).place, 'value');
  assert.equal(yamlContextAt('a: b', Number.NaN).place, 'key');
  const big = `mappings:\n${'  - source: Id\n    target: _id\n'.repeat(20000)}  - tar`;
  const t0 = performance.now();
  const c = yamlContextAt(big, big.length, parser.parse(big).model);
  assert.deepEqual([c.place, c.path], ['key', ['mappings', 20000]]);
  assert.ok(performance.now() - t0 < 1000);
  // long blank runs (a backtracking regex would hang here)
  const blanks = `${' \n'.repeat(50000)}  # c\n${' '.repeat(50000)}x`;
  const t1 = performance.now();
  assert.equal(yamlContextAt(blanks, 10).emptyDocument, false);
  assert.equal(yamlContextAt(blanks.slice(0, -1), 10).emptyDocument, true);
  assert.ok(performance.now() - t1 < 1000);
});

test('a value the model locates is read from its own lines: the cost does not grow with the mappings above it', () => {
  const big = `mappings:\n${'  - source: Id\n    target: _id\n'.repeat(7000)}  - source: Name\n    target: person.name.fullName\n`;
  const model = parser.parse(big).model;
  const at = big.lastIndexOf('person.name') + 3;
  const first = yamlContextAt(big, at, model);
  assert.deepEqual([first.place, first.key, first.path, [...first.presentKeys]], ['value', 'target', ['mappings', 7000], ['source']]);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    yamlContextAt(big, at, model);
    times.push(performance.now() - t0);
  }
  // walking up 14,000 lines to count the items took milliseconds; the model already knows the index
  const median = times.sort((a, b) => a - b)[10]!;
  assert.ok(median < 1, `${median.toFixed(2)} ms`);
});
