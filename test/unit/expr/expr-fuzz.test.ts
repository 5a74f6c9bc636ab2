import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeExpression, compileExpression, compileText, nodeAt, tokenize, type FieldScope, type Span } from '../../../server/expr';
import { childrenOf, type Expr } from '../../../server/expr/ast';
import { FunctionCatalogue, FunctionError, createCatalogue, type FunctionSpec, type ParamSpec } from '../../../server/expr/catalogue';

const p = (name: string, type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, type, doc: name, ...extra });

function fuzzCatalogue(): FunctionCatalogue {
  const real = createCatalogue();
  const extra: FunctionSpec[] = [
    { name: 'iif', category: 'logical', params: [p('C', 'boolean'), p('T', 'any'), p('F', 'any')], returns: 'any', doc: '', impl: ([c, a, b]) => (c === true ? a! : b!) },
    { name: 'to_object', category: 'object', params: [p('K', 'string', { variadic: true }), p('V', 'any', { variadic: true })], repeat: 2, returns: 'object', doc: '', impl: () => ({}) },
    { name: 'matches_regex', category: 'regex', params: [p('S', 'string'), p('R', 'string', { literal: 'regex' })], returns: 'boolean', doc: '', impl: () => false },
    { name: 'date', category: 'datetime', params: [p('S', 'string'), p('F', 'string', { optional: true, literal: 'dateFormat' })], returns: 'datetime', doc: '', impl: () => null },
    { name: 'sha1', category: 'hashing', params: [p('S', 'string'), p('C', 'string', { optional: true, values: ['UTF-8'] })], returns: 'string', doc: '', impl: () => 'h' },
    { name: 'fails', category: 'special', params: [p('X', 'any', { optional: true })], returns: 'any', doc: '', impl: () => { throw new FunctionError('always'); } },
  ];
  return new FunctionCatalogue([...real.functions.filter((f) => !extra.some((e) => e.name === f.name)), ...extra], real.methods);
}

const catalogue = fuzzCatalogue();

const fields: FieldScope = {
  resolve: (path) => (path[0] === 'Name' || path.join('.') === 'Account.Name' ? { type: 'string' } : path[0] === 'Amount' ? { type: 'number' } : undefined),
  candidates: (path) => (path.length === 1 ? ['Name', 'Amount', 'Account'] : ['Name']),
};

const ctx = { nowMs: 0, variables: { CRM_ORG_ID: '00D' } };

const SEEDS = [
  'concat(Id, "@${CRM_ORG_ID}.Salesforce")',
  'iif(AccountId != null && AccountId != "", concat(AccountId, "@${CRM_ORG_ID}"), null)',
  'upper(${First Name}) + lower(Account.Name)',
  'Name.equalsIgnoreCase("acme") ? 1 : -2.5e3',
  'to_object("a", emails[0], "b", Amount * 2 % 3)',
  "matches_regex(Name, '^[a-z]+$') and not (Amount ge 10 or Amount lt -1)",
  'date(Created, "yyyy-MM-dd\'T\'HH:mm") == null || sha1(First\\.Name, "UTF-8") != ""',
  'fails(Name) + concat()',
  'size_of([1, null, "a", [Amount]]) > 2',
];

const PIECES = [
  '(', ')', '[', ']', ',', '.', '?', ':', '!', '=', '==', '!=', '<', '>=', '&&', '||', '&', '|', '+', '-', '*', '/', '%',
  '"', "'", '\\', '${', '}', '{', '$', ' ', '\n', '#', '@', '0', '1.5', '1e', 'a', 'Name', 'Account', 'concat', 'iif',
  'upper', 'fails', 'and', 'not', 'null', 'true', 'if', 'size', 'constructor', '__proto__', 'équipe', '😀', '\u0000', '\ud800',
];

function assertSpan(span: Span, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: span ${span.start}-${span.end} outside 0-${length}`);
}

function walk(root: Expr, visit: (node: Expr) => void): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    stack.push(...childrenOf(n));
  }
}

/** Everything a user's text passes through: none of it may throw, every span stays in the text. */
function exercise(text: string, record: Record<string, unknown>): void {
  const tokens = tokenize(text);
  let previousEnd = 0;
  for (const t of tokens) {
    assertSpan(t.span, text.length, 'token');
    assert.ok(t.span.start >= previousEnd, 'tokens overlap');
    previousEnd = t.span.end;
  }
  for (const withFields of [false, true]) {
    const analysis = analyzeExpression(text, withFields ? { catalogue, fields } : { catalogue });
    for (const problem of analysis.problems) assertSpan(problem.span, text.length, `problem ${problem.code}`);
    for (const ref of analysis.fieldRefs) assertSpan(ref.span, text.length, 'field ref');
    walk(analysis.ast, (n) => assertSpan(n.span, text.length, `node ${n.kind}`));
    nodeAt(analysis.ast, text.length >> 1);
    nodeAt(analysis.ast, text.length);
  }
  const { compiled, problems } = compileText(text, catalogue);
  for (const problem of problems) assertSpan(problem.span, text.length, `compile problem ${problem.code}`);
  if (compiled) {
    const result = compiled.evaluate(record, ctx);
    for (const w of result.warnings) assertSpan(w.span, text.length, 'warning');
  }
  // compiling a tree that still has errors must not throw either
  const raw = compileExpression(analyzeExpression(text, { catalogue }).ast, catalogue).evaluate(record, ctx);
  for (const w of raw.warnings) assertSpan(w.span, text.length, 'raw warning');
}

const recordArb = fc.dictionary(fc.constantFrom('Id', 'Name', 'Amount', 'AccountId', 'Account', 'emails', 'Account.Name', 'First.Name'), fc.jsonValue({ maxDepth: 2 }));

const mutationArb = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...PIECES), fc.constantFrom('insert', 'delete', 'replace', 'duplicate'));

function mutate(text: string, mutations: readonly [number, number, string, string][]): string {
  let out = text;
  for (const [at, width, piece, kind] of mutations) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, i) + piece + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + width);
    else if (kind === 'replace') out = out.slice(0, i) + piece + out.slice(i + width);
    else out = out.slice(0, i) + out.slice(i, i + width) + out.slice(i);
  }
  return out;
}

test('random strings (any UTF-16 units) never throw and keep spans in range', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), recordArb, (text, record) => exercise(text, record)),
    { numRuns: 1500, seed: 1501 },
  );
});

test('syntax soup from expression pieces never throws', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join('')), recordArb, (text, record) => exercise(text, record)),
    { numRuns: 2000, seed: 2002 },
  );
});

test('mutated valid expressions never throw', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.array(mutationArb, { minLength: 1, maxLength: 5 }), recordArb, (seed, mutations, record) =>
      exercise(mutate(seed, mutations), record)),
    { numRuns: 2500, seed: 2503 },
  );
});

test('the seeds themselves parse without syntax errors', () => {
  for (const seed of SEEDS) {
    const a = analyzeExpression(seed, { catalogue });
    assert.deepEqual(a.problems.filter((x) => x.code === 'expr-syntax' || x.code === 'expr-unterminated'), [], seed);
  }
});
