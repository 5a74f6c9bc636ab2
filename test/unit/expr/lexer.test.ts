import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, type Token } from '../../../server/expr/lexer';

/** kind:value pairs without the trailing eof, for compact assertions. */
function kinds(text: string): string[] {
  return tokenize(text).slice(0, -1).map((t) => `${t.kind}:${t.value}`);
}

function only(text: string): Token {
  const tokens = tokenize(text);
  assert.equal(tokens.length, 2, `expected one token in ${text}`);
  return tokens[0]!;
}

test('a call with a field and a string: kinds and exact spans', () => {
  const tokens = tokenize('concat(Id, "@x")');
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.text, t.span.start, t.span.end]),
    [
      ['identifier', 'concat', 0, 6],
      ['punctuation', '(', 6, 7],
      ['identifier', 'Id', 7, 9],
      ['punctuation', ',', 9, 10],
      ['string', '"@x"', 11, 15],
      ['punctuation', ')', 15, 16],
      ['eof', '', 16, 16],
    ],
  );
  assert.equal(tokens[4]!.value, '@x');
});

test('operators, including two-character ones and word forms mapped to symbols', () => {
  assert.deepEqual(kinds('a == b != c <= d >= e && f || !g < h > i'), [
    'identifier:a', 'operator:==', 'identifier:b', 'operator:!=', 'identifier:c', 'operator:<=', 'identifier:d',
    'operator:>=', 'identifier:e', 'operator:&&', 'identifier:f', 'operator:||', 'operator:!', 'identifier:g',
    'operator:<', 'identifier:h', 'operator:>', 'identifier:i',
  ]);
  assert.deepEqual(kinds('a and b or not c eq d ne e lt f le g gt h ge i div j mod k'), [
    'identifier:a', 'operator:&&', 'identifier:b', 'operator:||', 'operator:!', 'identifier:c', 'operator:==', 'identifier:d',
    'operator:!=', 'identifier:e', 'operator:<', 'identifier:f', 'operator:<=', 'identifier:g', 'operator:>', 'identifier:h',
    'operator:>=', 'identifier:i', 'operator:/', 'identifier:j', 'operator:%', 'identifier:k',
  ]);
  const and = tokenize('x and y')[1]!;
  assert.equal(and.text, 'and');
  assert.deepEqual(and.span, { start: 2, end: 5 });
});

test('reserved words that are not operators are keywords; others are identifiers', () => {
  assert.deepEqual(kinds('true false null if size empty _errors'), [
    'keyword:true', 'keyword:false', 'keyword:null', 'keyword:if', 'keyword:size', 'keyword:empty', 'keyword:_errors',
  ]);
  assert.deepEqual(kinds('True iff sizes $x _y'), ['identifier:True', 'identifier:iff', 'identifier:sizes', 'identifier:$x', 'identifier:_y']);
  // Object.prototype keys are ordinary names, not table entries
  assert.deepEqual(kinds('constructor toString __proto__'), ['identifier:constructor', 'identifier:toString', 'identifier:__proto__']);
});

test('numbers: integer, decimal, exponent; a dot not followed by a digit is punctuation', () => {
  assert.equal(only('42').number, 42);
  assert.equal(only('3.25').number, 3.25);
  assert.equal(only('1e3').number, 1000);
  assert.equal(only('1.5E-2').number, 0.015);
  assert.deepEqual(kinds('1.x'), ['number:1', 'punctuation:.', 'identifier:x']);
  const bad = only('12ab');
  assert.equal(bad.kind, 'number');
  assert.deepEqual(bad.span, { start: 0, end: 4 });
  assert.equal(bad.issue?.code, 'expr-syntax');
});

test('strings in both quotes with escapes', () => {
  assert.equal(only(`'it\\'s'`).value, "it's");
  assert.equal(only(`"a\\"b"`).value, 'a"b');
  assert.equal(only(`"tab\\tnl\\n\\\\"`).value, 'tab\tnl\n\\');
  assert.equal(only(`"\\u00e9"`).value, 'é');
  assert.equal(only(`"\\q"`).value, 'q');
  assert.equal(only(`"ok"`).issue, undefined);
});

test('an unterminated string runs to the end and carries an expr-unterminated issue', () => {
  const t = only('"abc');
  assert.equal(t.kind, 'string');
  assert.deepEqual(t.span, { start: 0, end: 4 });
  assert.equal(t.issue?.code, 'expr-unterminated');
  assert.equal(t.value, 'abc');
});

test('${NAME} in a string literal is recorded with its span and value offsets', () => {
  const t = only('"@${CRM_ORG_ID}.Salesforce"');
  assert.equal(t.value, '@${CRM_ORG_ID}.Salesforce');
  assert.deepEqual(t.variables, [{ name: 'CRM_ORG_ID', span: { start: 2, end: 15 }, valueStart: 1, valueEnd: 14 }]);
  assert.equal(t.value.slice(1, 14), '${CRM_ORG_ID}');
  // escaped $ and non-names are plain text
  assert.equal(only('"\\${X}"').variables, undefined);
  assert.equal(only('"${a b}"').variables, undefined);
});

test('a backslash escapes a dot inside a bare name', () => {
  const t = only('First\\.Name');
  assert.equal(t.kind, 'identifier');
  assert.equal(t.value, 'First.Name');
  assert.deepEqual(t.span, { start: 0, end: 11 });
  assert.deepEqual(kinds('address.street\\.name'), ['identifier:address', 'punctuation:.', 'identifier:street.name']);
});

test('${...} names: segments split at unescaped dots, with spans', () => {
  const odd = only('${Odd Name}');
  assert.equal(odd.kind, 'quotedName');
  assert.deepEqual(odd.segments, [{ name: 'Odd Name', span: { start: 2, end: 10 } }]);
  assert.deepEqual(only('${First\\.Name}').segments?.map((s) => s.name), ['First.Name']);
  assert.deepEqual(only('${Account.Name}').segments, [
    { name: 'Account', span: { start: 2, end: 9 } },
    { name: 'Name', span: { start: 10, end: 14 } },
  ]);
  const open = only('${abc');
  assert.equal(open.issue?.code, 'expr-unterminated');
  assert.deepEqual(open.span, { start: 0, end: 5 });
});

test('invalid characters form one token per run; = & | are mistyped operators', () => {
  const tokens = tokenize('a #@ b');
  assert.equal(tokens[1]!.kind, 'invalid');
  assert.deepEqual(tokens[1]!.span, { start: 2, end: 4 });
  assert.equal(tokens[1]!.issue?.code, 'expr-syntax');
  const eq = tokenize('a = b')[1]!;
  assert.equal(eq.value, '==');
  assert.match(eq.issue?.message ?? '', /==/);
  assert.equal(tokenize('a & b')[1]!.value, '&&');
});

test('unicode letters make identifiers; spans count UTF-16 units', () => {
  assert.deepEqual(kinds('Prénom'), ['identifier:Prénom']);
  const t = tokenize('"😀" + x');
  assert.deepEqual(t[0]!.span, { start: 0, end: 4 });
  assert.deepEqual(t[2]!.span, { start: 7, end: 8 });
});

test('whitespace only gives just eof', () => {
  assert.deepEqual(tokenize(' \n\t').map((t) => t.kind), ['eof']);
  assert.deepEqual(tokenize(' \n\t')[0]!.span, { start: 3, end: 3 });
});
