/** Document formatting: indentation, key order, comments kept, content untouched, idempotent, minimal edits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-types';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { formatDocument, formatText } from '../../../server/features/formatting';
import type { FeatureRequest } from '../../../server/features/request';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, EXAMPLES, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'format-test.dataflow.yaml');
const PROJECT = path.join(EXAMPLES, 'crmflow.yaml');
const EXAMPLE_TEXTS = ['contacts.dataflow.yaml', 'accounts.dataflow.yaml'].map((f) => readFileSync(path.join(DATAFLOWS, f), 'utf8'));

function request(text: string, file = FILE): FeatureRequest {
  return { doc: TextDocument.create(`file://${file}`, 'crm-dataflow', 1, text), path: file, offset: 0, service };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'crm-dataflow', 1, text), [...edits]);
}

/** Formats through the public entry point (edits applied to the text). */
function format(text: string, file = FILE): string {
  return apply(text, formatDocument(request(text, file)));
}

const MESSY = `# Contacts → persons.

source:
    object: Contact   # the sObject
    # the connection from crmflow.yaml
    connection: acme
    # where: IsDeleted = false
dataflow:   Messy
mappings:
- target: person.name.firstName   # first name
  # straight copy
  source: FirstName
-   description: full name
    target: person.name.fullName
    expression: |
        concat(FirstName, " ",
               LastName)

    name: full
  # the constant
- value: 'Salesforce'
  target: b2b.personKey.sourceType
target:
      schema: ../schemas/b2b-person.schema.json
      dataset: Salesforce Contacts
`;

test('plain YAML: indentation, key order of sections and mapping items, comments moving with their keys', () => {
  // blank lines stay where they were (between the 3rd and 4th key of the item)
  assert.equal(format(MESSY), `# Contacts → persons.

dataflow: Messy
source:
  # the connection from crmflow.yaml
  connection: acme
  object: Contact   # the sObject
  # where: IsDeleted = false
target:
  dataset: Salesforce Contacts
  schema: ../schemas/b2b-person.schema.json
mappings:
  # straight copy
  - source: FirstName
    target: person.name.firstName   # first name
  - expression: |
      concat(FirstName, " ",
             LastName)
    target: person.name.fullName
    name: full

    description: full name
  # the constant
  - value: 'Salesforce'
    target: b2b.personKey.sourceType
`);
});

test('inside an expression: a multi-line block scalar keeps its exact content when it moves', () => {
  const text = 'dataflow: E\nmappings:\n  - target: a\n    expression: |2\n        iif(x,\n           "  spaced  ",\n        null)\n    name: n\n';
  const formatted = format(text);
  assert.equal(formatted, 'dataflow: E\nmappings:\n  - expression: |2\n        iif(x,\n           "  spaced  ",\n        null)\n    target: a\n    name: n\n');
  assert.deepEqual(parse(formatted), parse(text));
});

test('inside an expression: quoting and escapes are never rewritten', () => {
  const { text } = cursor(`dataflow: Q\nmappings:\n    -   target: a\n        expression: "concat(\\"x\\",   Fi|eld)"\n    -   expression: 'iif(a == ''b'', 1, 2)'\n        target: b\n`);
  const formatted = format(text);
  assert.equal(formatted, `dataflow: Q\nmappings:\n  - expression: "concat(\\"x\\",   Field)"\n    target: a\n  - expression: 'iif(a == ''b'', 1, 2)'\n    target: b\n`);
});

test('the example dataflows and crmflow.yaml are already formatted: no edits', () => {
  for (const text of EXAMPLE_TEXTS) assert.deepEqual(formatDocument(request(text)), []);
  assert.deepEqual(formatDocument(request(readFileSync(PROJECT, 'utf8'), PROJECT)), []);
});

test('crmflow.yaml follows its own schema: connection keys in order, connection names untouched', () => {
  const text = 'connections:\n    zeta:\n        username: u\n        kind: emulator\n    alpha:\n        kind: oauth\nversion: 1\n';
  assert.equal(format(text, PROJECT), 'version: 1\nconnections:\n  zeta:\n    kind: emulator\n    username: u\n  alpha:\n    kind: oauth\n');
});

test('unknown keys stay where they are; known keys sort around them', () => {
  const text = 'mappings:\n  - target: a\n    sorce: Id\n    name: n\n    source: Id\n';
  assert.equal(format(text), 'mappings:\n  - source: Id\n    sorce: Id\n    target: a\n    name: n\n');
});

test('files with YAML errors (or duplicate keys) are refused: no edits', () => {
  for (const text of ['mappings:\n  - source: "unterminated\n', 'dataflow: a\ndataflow: b\n', 'source:\n\tobject: x\n', 'a: 1\n---\nb: 2\n']) {
    assert.deepEqual(formatDocument(request(text)), [], JSON.stringify(text));
  }
});

test('re-indentation only produces whitespace edits at line starts', () => {
  const text = 'dataflow: W\nsource:\n    connection: acme\n    object: Contact\nmappings:\n    - source: Id\n      target: _id\n';
  const edits = formatDocument(request(text));
  assert.ok(edits.length > 0);
  for (const e of edits) {
    assert.equal(e.range.start.line, e.range.end.line, 'single-line edit');
    assert.match(e.newText, /^ *$/, `edit ${JSON.stringify(e)}`);
  }
  assert.equal(apply(text, edits), 'dataflow: W\nsource:\n  connection: acme\n  object: Contact\nmappings:\n  - source: Id\n    target: _id\n');
});

test('swapping two keys is a small edit, not a whole-document replacement', () => {
  const lines = EXAMPLE_TEXTS[0]!.split('\n');
  const i = lines.indexOf('  - source: FirstName');
  [lines[i], lines[i + 1]] = ['  - target: person.name.firstName', '    source: FirstName'];
  const text = lines.join('\n');
  const edits = formatDocument(request(text));
  assert.equal(apply(text, edits), EXAMPLE_TEXTS[0]);
  assert.ok(edits.every((e) => e.range.end.line - e.range.start.line <= 2), JSON.stringify(edits));
});

test('CRLF line endings and a missing final newline are kept', () => {
  const text = 'dataflow: C\r\nsource:\r\n    object: x\r\n    connection: y';
  assert.equal(format(text), 'dataflow: C\r\nsource:\r\n  connection: y\r\n  object: x');
});

test('formatting options: insertFinalNewline and trimFinalNewlines', () => {
  const req = request('dataflow: F\n\n\n');
  assert.equal(apply('dataflow: F\n\n\n', formatDocument(req, { trimFinalNewlines: true })), 'dataflow: F\n');
  assert.equal(apply('dataflow: F', formatDocument(request('dataflow: F'), { insertFinalNewline: true })), 'dataflow: F\n');
});

test('formatting options: the tab size sets the indentation; without insertSpaces it is still spaces (YAML forbids tabs)', () => {
  const text = 'dataflow: T\nsource:\n  connection: acme\nmappings:\n  - expression: |\n      concat(a,\n        b)\n    target: x\n    name: ab\n  - value: 1\n    target: y\n';
  const four = 'dataflow: T\nsource:\n    connection: acme\nmappings:\n    - expression: |\n          concat(a,\n            b)\n      target: x\n      name: ab\n    - value: 1\n      target: y\n';
  const fmt = (t: string, options: Partial<FormattingOptions>) => apply(t, formatDocument(request(t), options));
  // a mapping item's keys stay right after its `- `; the block scalar moves one unit under its key
  assert.equal(fmt(text, { tabSize: 4, insertSpaces: true }), four);
  const asFour = fmt(text, { tabSize: 4, insertSpaces: false });
  assert.ok(!asFour.includes('\t'));
  assert.equal(asFour, fmt(text, { tabSize: 4, insertSpaces: true }));
  assert.deepEqual(parse(asFour), parse(text));
  // back to 2 (and the default) gives the original layout; already formatted text gets no edits
  assert.equal(fmt(asFour, { tabSize: 2, insertSpaces: true }), text);
  assert.equal(fmt(asFour, {}), text);
  assert.deepEqual(formatDocument(request(asFour), { tabSize: 4, insertSpaces: true }), []);
  for (const odd of [0, -1, 2.5, 99, Number.NaN]) assert.equal(fmt(asFour, { tabSize: odd, insertSpaces: true }), text, String(odd));
  for (const example of EXAMPLE_TEXTS) {
    const wide = fmt(example, { tabSize: 3, insertSpaces: true });
    assert.notEqual(wide, example);
    assert.deepEqual(parse(wide), parse(example));
    assert.equal(fmt(wide, { tabSize: 2, insertSpaces: true }), example);
  }
});

test('one-line flow mappings follow the key order too, keeping their spacing; flow sequences and nested sequences keep their text', () => {
  const text = 'schedule: { interval: 1,   frequency: hour }  # hourly\nlist:\n      - - a\n        - b\n      -   [y, x]\nmappings:\n  - {target: a, source: b}\n';
  // `list` is not a key of the format, so it keeps its slot while mappings and schedule swap around it
  assert.equal(format(text), 'mappings:\n  - {source: b, target: a}\nlist:\n  - - a\n    - b\n  - [y, x]\nschedule: { frequency: hour,   interval: 1 }  # hourly\n');
});

// --- properties ---

const FRAGMENTS = ['\n', '  ', '    ', '- ', '# note\n', '  # deep\n', ': ', '"q"', "'s'", '|\n', '>\n', '\n\n', 'target: x\n', 'source: y\n', 'name: n\n', 'value: 1\n', 'expression: trim(a)\n', '{a: 1}', '[1, 2]'];

/** Re-indents random lines and moves random keys of the example files, keeping them valid-ish YAML. */
function scramble(seed: string, ops: Array<{ line: number; kind: 'indent' | 'dedent' | 'swap' | 'insert'; n: number }>): string {
  const lines = seed.split('\n');
  for (const op of ops) {
    const i = op.line % lines.length;
    if (op.kind === 'indent') lines[i] = ' '.repeat(op.n % 4) + lines[i];
    else if (op.kind === 'dedent') lines[i] = lines[i]!.replace(/^ {1,2}/, '');
    else if (op.kind === 'swap' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
    else if (op.kind === 'insert') lines.splice(i, 0, FRAGMENTS[op.n % FRAGMENTS.length]!.replace(/\n$/, ''));
  }
  return lines.join('\n');
}

test('property: whenever formatting applies, it is idempotent and keeps the data and every comment', () => {
  const op = fc.record({ line: fc.nat(), kind: fc.constantFrom('indent' as const, 'dedent' as const, 'swap' as const, 'insert' as const), n: fc.nat() });
  let formattedCount = 0;
  fc.assert(
    fc.property(fc.constantFrom(...EXAMPLE_TEXTS, MESSY), fc.array(op, { maxLength: 5 }), (seed, ops) => {
      const text = scramble(seed, ops);
      const once = formatText(text, service.structure.dataflowSchema);
      if (once === undefined) return;
      if (once !== text) formattedCount++;
      assert.equal(formatText(once, service.structure.dataflowSchema), once, 'idempotent');
      assert.deepEqual(parse(once), parse(text));
      const comments = (t: string) => t.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('#')).sort();
      assert.deepEqual(comments(once), comments(text));
      // the edits reproduce the formatted text exactly
      assert.equal(format(text), once);
    }),
    { numRuns: 400, seed: 7 },
  );
  assert.ok(formattedCount > 50, `only ${formattedCount} inputs were reformatted`);
});

/**
 * A random dataflow-like file from a seed: sections in any order, any indentation step,
 * `- ` followed by 1-3 spaces, comments at odd depths, blank lines, block scalars (with
 * `#` lines and blank lines inside, explicit indentation), multi-line quoted and plain
 * scalars, flow collections spanning lines, nested sequences, CRLF or LF.
 */
function generated(seed: number): string {
  let state = seed >>> 0;
  const rnd = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const sp = (n: number) => ' '.repeat(n);
  const comment = (ind: number) => (rnd(4) === 0 ? [sp(Math.max(0, ind + rnd(4) - 1)) + '# c' + rnd(100)] : []);
  const blank = () => (rnd(6) === 0 ? [''] : []);
  const pair = (key: string, ind: number): string[] => {
    switch (rnd(10)) {
      case 0: return [`${sp(ind)}${key}: |`, `${sp(ind + 2 + rnd(3))}concat(a,`, '', `${sp(ind + 4 + rnd(2))}# inside`, `${sp(ind + 4)}b)`];
      case 1: return [`${sp(ind)}${key}: >-`, `${sp(ind + 1 + rnd(3))}folded`, `${sp(ind + 3)}more`];
      case 2: return [`${sp(ind)}${key}: "quoted`, `${sp(ind + 1 + rnd(4))}continued"`];
      case 3: return [`${sp(ind)}${key}:${sp(1 + rnd(3))}'it''s'${rnd(2) ? '  # tail' : ''}`];
      case 4: return [`${sp(ind)}${key}: plain`, `${sp(ind + 1 + rnd(3))}multi line`];
      case 5: return [`${sp(ind)}${key}: |${1 + rnd(3)}`, `${sp(ind + 4)}  fixed`, `${sp(ind + 4)}  # x`];
      case 6: return [`${sp(ind)}${key}:`, `${sp(ind + 1 + rnd(3))}next line`];
      case 7: return [`${sp(ind)}${key}: [a,`, `${sp(ind + 1 + rnd(3))}# in flow`, `${sp(ind + 1)}b]`];
      case 8: return [`${sp(ind)}${key}:`, `${sp(ind + 1 + rnd(2))}- x`, `${sp(ind + 1 + rnd(2))}- - y`];
      default: return [`${sp(ind)}${key}:${sp(1 + rnd(2))}v${rnd(1000)}`];
    }
  };
  const map = (keys: string[], ind: number, dash?: string): string[] => {
    const out: string[] = [];
    const order = [...keys].sort(() => rnd(3) - 1);
    order.forEach((k, i) => {
      if (i > 0) out.push(...comment(ind), ...blank());
      const lines = pair(k, ind);
      if (i === 0 && dash !== undefined) lines[0] = dash + lines[0]!.slice(dash.length);
      out.push(...lines);
    });
    return [...out, ...comment(ind)];
  };
  const step = 1 + rnd(4);
  const sections: string[][] = [[`dataflow: D${rnd(9)}`], ['source:', ...map(['connection', 'object', 'where'], step)], ['target:', ...map(['schema', 'dataset'], step)]];
  const seqIndent = rnd(2) ? 0 : step;
  const mappings = ['mappings:'];
  for (let i = 0; i <= rnd(4); i++) {
    const after = 1 + rnd(3);
    mappings.push(...comment(seqIndent), ...blank());
    const keys = [['source', 'target'], ['expression', 'target', 'name'], ['value', 'target', 'description']][rnd(3)]!;
    mappings.push(...map(keys, seqIndent + 1 + after, sp(seqIndent) + '-' + sp(after)));
  }
  sections.push(mappings, [`schedule: { interval: 1,${sp(rnd(3))}frequency: hour }`]);
  if (rnd(4) === 0) sections.push(['identities:', `${sp(step)}-`, `${sp(step + 2)}path: p`, `${sp(step)}- # c`, `${sp(step + 2)}namespace: Email`, `${sp(step + 2)}path: q`, `${sp(step)}-`]);
  sections.sort(() => rnd(3) - 1);
  const lines = ['# header', ''];
  for (const section of sections) lines.push(...section, ...blank(), ...comment(0));
  const eol = rnd(4) === 0 ? '\r\n' : '\n';
  return lines.join(eol) + (rnd(2) ? eol : '');
}

test('property: generated files in every layout are formatted, idempotently, keeping data and comments', () => {
  const comments = (t: string) => t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('#')).sort();
  let checked = 0;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const text = generated(seed);
      if (parseDocument(text, { uniqueKeys: true }).errors.length > 0) return;
      checked++;
      const once = formatText(text, service.structure.dataflowSchema);
      assert.ok(once !== undefined, `refused a valid file (seed ${seed})`);
      assert.equal(formatText(once, service.structure.dataflowSchema), once, `not idempotent (seed ${seed})`);
      assert.deepEqual(parse(once), parse(text));
      assert.deepEqual(comments(once), comments(text));
      assert.equal(format(text), once);
    }),
    { numRuns: 500, seed: 11 },
  );
  assert.ok(checked > 300, `only ${checked} generated files were valid YAML`);
});

test('every truncation of broken and example files: no throw, fast, and edits only when the result parses', () => {
  const texts = [...readdirSync(BROKEN).map((f) => readFileSync(path.join(BROKEN, f), 'utf8')), MESSY];
  for (const full of texts) {
    for (let i = 0; i <= full.length; i++) {
      const text = full.slice(0, i);
      const started = performance.now();
      const edits = formatDocument(request(text));
      assert.ok(performance.now() - started < 1000);
      if (edits.length > 0) assert.deepEqual(parse(apply(text, edits)), parse(text), `prefix ${i}`);
    }
  }
});

test('past the analysis limit formatting is off: no edits, at once', () => {
  const item = '  - target: person.name.firstName\n    source: FirstName\n';
  const messy = (n: number) => `source:\n    object: Contact\ndataflow: Big\nmappings:\n${item.repeat(n)}`;
  assert.ok(formatDocument(request(messy(10))).length > 0, 'a small messy file is formatted');
  const big = messy(Math.ceil(MAX_ANALYSED_BYTES / item.length));
  assert.ok(big.length > MAX_ANALYSED_BYTES);
  const started = performance.now();
  assert.deepEqual(formatDocument(request(big)), []);
  assert.ok(performance.now() - started < 100, 'nothing is parsed');
});
