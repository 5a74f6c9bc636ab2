/**
 * Editing behaviour from language-configuration.json, checked without VS Code: Enter is emulated the way
 * VS Code applies onEnterRules (first matching rule wins), and YAML-sensitive results are parsed with `yaml`
 * to prove the new line lands where YAML needs it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

interface OnEnterRule {
  beforeText: string;
  afterText?: string;
  action: { indent: 'none' | 'indent' | 'outdent' | 'indentOutdent'; appendText?: string };
}
interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { offSide: boolean; markers: { start: string; end: string } };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
}

const root = resolve(__dirname, '..', '..');
const conf = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;
const TAB = '  ';

/** The text VS Code starts the next line with after Enter at the end of `line`; undefined = no rule applies. */
function afterEnter(line: string): string | undefined {
  const indentation = /^[ \t]*/.exec(line)?.[0] ?? '';
  for (const rule of conf.onEnterRules) {
    if (!new RegExp(rule.beforeText).test(line)) continue;
    if (rule.afterText !== undefined && !new RegExp(rule.afterText).test('')) continue;
    const indent = rule.action.indent === 'indent' ? TAB : '';
    return indentation + indent + (rule.action.appendText ?? '');
  }
  return undefined;
}

function words(text: string): string[] {
  return [...text.matchAll(new RegExp(conf.wordPattern, 'g'))].map((m) => m[0]);
}

test('comments, brackets, auto-closing and surrounding pairs', () => {
  assert.equal(conf.comments.lineComment, '#');
  assert.deepEqual(conf.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const closing = new Map(conf.autoClosingPairs.map((p) => [p.open, p.close]));
  for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')'], ['"', '"'], ["'", "'"]]) {
    assert.equal(closing.get(open), close, `auto-close ${open}`);
    assert.ok(conf.surroundingPairs.some(([o, c]) => o === open && c === close), `surround with ${open}`);
  }
  // A quote typed inside a string or comment is text, not the start of a new string.
  for (const quote of ['"', "'"]) {
    assert.deepEqual(conf.autoClosingPairs.find((p) => p.open === quote)?.notIn, ['string', 'comment']);
  }
});

test('folding follows indentation, with #region markers', () => {
  assert.equal(conf.folding.offSide, true);
  assert.match('  # region mappings', new RegExp(conf.folding.markers.start));
  assert.match('#endregion', new RegExp(conf.folding.markers.end));
  assert.doesNotMatch('# regional settings', new RegExp(conf.folding.markers.start));
});

test('a word is one path segment, so completion replaces only the segment being typed', () => {
  assert.deepEqual(words('person.name.firstName'), ['person', 'name', 'firstName']);
  assert.deepEqual(words('Full\\.Name'), ['Full\\.Name']);
  assert.deepEqual(words('b2b_person 3.14'), ['b2b_person', '3.14']);
  const inExpression = words('concat(Id, "@${CRM_ORG_ID}.Salesforce")');
  for (const w of ['concat', 'Id', 'CRM_ORG_ID', 'Salesforce']) assert.ok(inExpression.includes(w), w);
  assert.ok(!inExpression.some((w) => /[{}().,"@]/.test(w)), inExpression.join(' '));
});

test('indentation rules: indent after "key:" and "- key:", outdent a lone closing bracket', () => {
  const increase = new RegExp(conf.indentationRules.increaseIndentPattern);
  for (const line of ['source:', '  - expression: |', '  - path:', '  target:   # comment', '  items: [', '  -']) {
    assert.match(line, increase);
  }
  for (const line of ['dataflow: Contacts', '# note:', '  - FirstName', '  where: IsDeleted = false']) {
    assert.doesNotMatch(line, increase);
  }
  const decrease = new RegExp(conf.indentationRules.decreaseIndentPattern);
  assert.match('  ]', decrease);
  assert.match('}', decrease);
  assert.doesNotMatch('  ] extra', decrease);
});

test('Enter: where the next line starts', () => {
  const cases: [string, string | undefined][] = [
    ['mappings:', '  '],
    ['mappings:   # one row per target field', '  '],
    ['  - expression: |', '      '],
    ['  - source: FirstName', '    '],
    ['  - expression: upper(Name)   # note: shouting', '    '],
    ['  - FirstName', '  - '],
    ['  -', '    '],
    ['  - |', '    '],
    ['  - expression: concat(FirstName,', '      '],
    ['  where: concat(a,', '    '],
    ['dataflow: Contacts', undefined],
    ['# note:', undefined],
  ];
  for (const [line, expected] of cases) assert.equal(afterEnter(line), expected, JSON.stringify(line));
});

test('Enter keeps the YAML meaning intended by the line typed', () => {
  const typed = (before: string, line: string, next: string): unknown => {
    const prefix = afterEnter(line);
    assert.ok(prefix !== undefined, `no Enter rule for ${JSON.stringify(line)}`);
    const doc = parseDocument(`${before}${line}\n${prefix}${next}\n`);
    assert.deepEqual(doc.errors.map((e) => e.message), [], `${before}${line}\n${prefix}${next}`);
    return doc.toJS();
  };
  assert.deepEqual(typed('mappings:\n', '  - expression: concat(FirstName,', '" ", LastName)'), {
    mappings: [{ expression: 'concat(FirstName, " ", LastName)' }],
  });
  assert.deepEqual(typed('mappings:\n', '  - source: FirstName', 'target: person.name.firstName'), {
    mappings: [{ source: 'FirstName', target: 'person.name.firstName' }],
  });
  assert.deepEqual(typed('mappings:\n', '  - expression: |', 'upper(Name)'), {
    mappings: [{ expression: 'upper(Name)\n' }],
  });
  assert.deepEqual(typed('mappings:\n', '  - source:', 'FirstName'), { mappings: [{ source: 'FirstName' }] });
  assert.deepEqual(typed('sources:\n', '  - Contact', 'Account'), { sources: ['Contact', 'Account'] });
  assert.deepEqual(typed('', 'source:', 'object: Contact'), { source: { object: 'Contact' } });
  assert.deepEqual(typed('source:\n', '  where: concat(a,', 'b)'), { source: { where: 'concat(a, b)' } });
});
