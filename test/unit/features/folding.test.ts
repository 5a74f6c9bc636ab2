/** Folding ranges: sections, mapping items, block scalars, comment runs and regions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { MAX_ANALYSED_BYTES } from '../../../server/dataflow/parse';
import { foldingRanges } from '../../../server/features/folding';
import type { FeatureRequest } from '../../../server/features/request';
import { cursor } from '../../helpers/cursor';
import { BROKEN, DATAFLOWS, exampleService } from '../../helpers/workspace';

const service = exampleService();
const FILE = path.join(DATAFLOWS, 'folding-test.dataflow.yaml');

function request(text: string, offset = 0): FeatureRequest {
  return { doc: TextDocument.create(`file://${FILE}`, 'crm-dataflow', 1, text), path: FILE, offset, service };
}

/** Each range as `first line text … last line text`, for readable assertions. */
function shown(text: string, ranges: readonly FoldingRange[]): string[] {
  const lines = text.split('\n');
  return ranges.map((r) => `${lines[r.startLine]!.trim()} … ${lines[r.endLine]!.trim()}${r.kind ? ` (${r.kind})` : ''}`);
}

// § stands for a block scalar's `|`, which the cursor helper would take for the cursor
function blockCursor(marked: string): { text: string; offset: number } {
  const c = marked.includes('|') ? cursor(marked) : { text: marked, offset: 0 };
  return { text: c.text.replaceAll('§', '|'), offset: c.offset };
}

const DATAFLOW = `# Contacts to persons.
# Second header line.
dataflow: Folding
source:
  connection: acme
  object: Contact
mappings:
  - source: Id
    target: _id
  - value: single
  # region names
  - source: FirstName
    target: person.name.firstName
  # endregion
  - target: person.name.fullName
    expression: §
      concat(FirstName,
        # not a comment: text of the block scalar
        LastName)
schedule: { frequency: hour,
  interval: 1 }
`;

test('sections, multi-line mapping items, flow collections, comment runs and regions fold (plain YAML)', () => {
  const { text } = blockCursor(DATAFLOW);
  const got = shown(text, foldingRanges(request(text)));
  assert.deepEqual(got, [
    '# Contacts to persons. … # Second header line. (comment)',
    'source: … object: Contact',
    'mappings: … LastName)',
    '- source: Id … target: _id',
    '# region names … # endregion (region)',
    '- source: FirstName … target: person.name.firstName',
    '- target: person.name.fullName … LastName)',
    'expression: | … LastName)',
    'schedule: { frequency: hour, … interval: 1 }',
  ]);
});

test('a multi-line expression folds as one range; the cursor inside it is in that range', () => {
  const { text, offset } = blockCursor(DATAFLOW.replace('concat(FirstName,', 'concat(First|Name,'));
  const line = request(text).doc.positionAt(offset).line;
  const ranges = foldingRanges(request(text));
  const innermost = ranges.filter((r) => r.startLine < line && line <= r.endLine).sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
  assert.deepEqual(shown(text, innermost ? [innermost] : []), ['expression: | … LastName)']);
  // the `#` line inside the block scalar does not make a comment range
  assert.ok(!ranges.some((r) => r.kind === FoldingRangeKind.Comment && r.startLine > 2));
});

test('one range per start line, the outermost; single-line items do not fold', () => {
  const text = 'mappings:\n  - expression: |\n      trim(a)\n    target: x\n  - source: b\n';
  const ranges = foldingRanges(request(text));
  const starts = ranges.map((r) => r.startLine);
  assert.deepEqual(starts, [...new Set(starts)]);
  assert.deepEqual(shown(text, ranges), ['mappings: … - source: b', '- expression: | … target: x']);
});

test('quoted multi-line scalars and nested sequences fold; inline comments do not', () => {
  const text = 'description: "one\n  two"   # note\n# a\nlist:\n  - - a\n    - b\n';
  assert.deepEqual(shown(text, foldingRanges(request(text))), ['description: "one … two"   # note', 'list: … - b', '- - a … - b']);
});

test('the example dataflows fold every section and multi-line item', () => {
  for (const name of ['contacts.dataflow.yaml', 'accounts.dataflow.yaml']) {
    const text = readFileSync(path.join(DATAFLOWS, name), 'utf8');
    const ranges = foldingRanges(request(text));
    const items = text.match(/^ {2}- /gm)?.length ?? 0;
    assert.ok(ranges.length >= items, `${name}: ${ranges.length} ranges for ${items} items`);
    for (const r of ranges) assert.ok(r.startLine < r.endLine && r.endLine < text.split('\n').length);
  }
});

test('every truncation of broken files: no throw, valid ranges, fast', () => {
  const texts = [...readdirSync(BROKEN).map((f) => readFileSync(path.join(BROKEN, f), 'utf8')), blockCursor(DATAFLOW).text, 'a: [\n  b, {c: "\n# region\n- x: |\n  y\n'];
  for (const full of texts) {
    for (let i = 0; i <= full.length; i++) {
      const text = full.slice(0, i);
      const started = performance.now();
      const ranges = foldingRanges(request(text));
      assert.ok(performance.now() - started < 1000);
      const lineCount = text.split('\n').length;
      for (const r of ranges) assert.ok(r.startLine < r.endLine && r.endLine < lineCount, JSON.stringify(r));
    }
  }
});

test('past the analysis limit only the top-level sections fold, from one quick scan', () => {
  const items = '  - source: Id\n    target: _id\n'.repeat(Math.ceil(MAX_ANALYSED_BYTES / 30));
  const text = `# header\n# more\ndataflow: Big\nsource:\n  connection: acme\n  object: Contact\nmappings:\n${items}# trailing\n\nschedule: { frequency: hour }\n`;
  assert.ok(text.length > MAX_ANALYSED_BYTES);
  const started = performance.now();
  const ranges = foldingRanges(request(text));
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(shown(text, ranges), ['source: … object: Contact', 'mappings: … target: _id']);
  // arbitrary bytes: one huge line without a key, runs of spaces
  const junk = `a${' '.repeat(MAX_ANALYSED_BYTES)}b\n${'\u0000'.repeat(1000)}`;
  const t1 = performance.now();
  assert.deepEqual(foldingRanges(request(junk)), []);
  assert.ok(performance.now() - t1 < 1000);
});
