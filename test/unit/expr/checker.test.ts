import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeExpression, type FieldScope, type FieldInfo } from '../../../server/expr';
import { FunctionCatalogue, createCatalogue, type FunctionSpec, type MethodSpec, type ParamSpec } from '../../../server/expr/catalogue';
import { editDistance, suggest } from '../../../server/expr/checker';
import type { ExprType } from '../../../server/expr/types';

const p = (name: string, type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, type, doc: name, ...extra });

function fn(name: string, params: ParamSpec[], returns: ExprType, extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return { name, category: 'logical', params, returns, doc: name, impl: () => null, ...extra };
}

/** The real seed functions plus small fakes standing in for ones another helper is writing. */
function fakeCatalogue(): FunctionCatalogue {
  const real = createCatalogue();
  const functions: FunctionSpec[] = [
    ...['concat', 'upper', 'lower'].map((n) => real.get(n)!),
    fn('iif', [p('CONDITION', 'boolean'), p('TRUE_VALUE', 'any'), p('FALSE_VALUE', 'any')], 'any'),
    fn('coalesce', [p('VALUE', 'any', { variadic: true })], 'any'),
    fn('to_object', [p('KEY', 'string', { variadic: true }), p('VALUE', 'any', { variadic: true })], 'object', { repeat: 2 }),
    fn('decode', [p('KEY', 'any'), p('CASE', 'any', { variadic: true }), p('VALUE', 'any', { variadic: true }), p('DEFAULT', 'any', { optional: true })], 'any', { repeat: 2 }),
    fn('arrays_to_object', [p('KEY', 'string', { variadic: true }), p('ARRAY', 'array', { variadic: true })], 'array', { repeat: 2 }),
    fn('sha256', [p('INPUT', 'string'), p('CHARSET', 'string', { optional: true, values: ['UTF-8', 'UTF-16', 'ISO-8859-1', 'US-ASCII'] })], 'string'),
    fn('matches_regex', [p('STRING', 'string'), p('REGEX', 'string', { literal: 'regex' })], 'boolean'),
    fn('date', [p('DATE', 'string'), p('FORMAT', 'string', { optional: true, literal: 'dateFormat' }), p('DEFAULT', 'datetime', { optional: true })], 'datetime'),
    fn('to_integer', [p('STRING', 'string')], 'number'),
    fn('size_of', [p('INPUT', 'any')], 'number'),
    fn('explode', [p('STRING', 'string')], 'array'),
    fn('is_set', [p('PATH', 'string')], 'boolean', { deprecated: 'use contains_key() instead.' }),
    fn('aa_get_event_id', [p('EVENTS', 'string')], 'string', { unsupported: 'only for Adobe Analytics flows.' }),
    fn('to_array', [p('INCLUDE_NULLS', 'boolean'), p('VALUES', 'any', { variadic: true })], 'array'),
    fn('str_to_object', [p('STRING', 'string')], 'object'),
    fn('now', [], 'datetime'),
  ];
  const methods: MethodSpec[] = [
    ...real.method('equalsIgnoreCase'),
    { name: 'get', receiver: 'object', params: [p('KEY', 'string')], returns: 'any', doc: 'get', impl: () => null },
  ];
  return new FunctionCatalogue(functions, methods);
}

const catalogue = fakeCatalogue();

/** Lead: fields of a Contact with an Account relationship. */
function scope(): FieldScope {
  const contact: Record<string, FieldInfo> = {
    Id: { type: 'string', detail: 'id' },
    FirstName: { type: 'string' },
    LastName: { type: 'string' },
    Email: { type: 'string', detail: 'email' },
    IsActive__c: { type: 'boolean', detail: 'checkbox' },
    Amount__c: { type: 'number', detail: 'currency' },
    CreatedDate: { type: 'datetime' },
    Status__c: { type: 'string', detail: 'picklist' },
    'Odd Name': { type: 'string' },
    'First.Name': { type: 'string' },
    AccountId: { type: 'string', detail: 'reference' },
    Account: { type: 'object', detail: 'relationship' },
  };
  const account: Record<string, FieldInfo> = { Name: { type: 'string' }, Industry: { type: 'string', detail: 'picklist' } };
  return {
    resolve(path) {
      if (path.length === 1) return contact[path[0]!];
      if (path.length === 2 && path[0] === 'Account') return account[path[1]!];
      return undefined;
    },
    candidates(path) {
      if (path.length === 1) return Object.keys(contact);
      if (path.length === 2 && path[0] === 'Account') return Object.keys(account);
      return [];
    },
  };
}

function analyze(text: string, withFields = true, variables?: readonly string[]) {
  return analyzeExpression(text, { catalogue, ...(withFields ? { fields: scope() } : {}), ...(variables ? { variables } : {}) });
}

/** code@start-end of every problem. */
function codes(text: string, withFields = true): string[] {
  return analyze(text, withFields).problems.map((x) => `${x.code}@${x.span.start}-${x.span.end}`);
}

test('a clean expression has no problems and a result type', () => {
  const a = analyze('concat(upper(LastName), ", ", FirstName)');
  assert.deepEqual(a.problems, []);
  assert.equal(a.type, 'string');
  assert.deepEqual(a.fieldRefs, [
    { path: ['LastName'], span: { start: 13, end: 21 } },
    { path: ['FirstName'], span: { start: 30, end: 39 } },
  ]);
  assert.equal(analyze('Amount__c * 2').type, 'number');
  assert.equal(analyze('Amount__c > 2 && IsActive__c').type, 'boolean');
});

test('the DESIGN examples check clean', () => {
  assert.deepEqual(analyze('concat(Id, "@${CRM_ORG_ID}.Salesforce")').problems, []);
  const a = analyze('iif(AccountId != null && AccountId != "", concat(AccountId, "@${CRM_ORG_ID}"), null)');
  assert.deepEqual(a.problems, []);
  assert.equal(a.type, 'string');
});

test('expr-unknown-function with did-you-mean suggestions', () => {
  const a = analyze('concta(Id)');
  assert.equal(a.problems.length, 1);
  const [problem] = a.problems;
  assert.equal(problem!.code, 'expr-unknown-function');
  assert.deepEqual(problem!.span, { start: 0, end: 6 });
  assert.deepEqual(problem!.data, { suggestions: ['concat'] });
  assert.match(problem!.message, /Did you mean 'concat'/);
  assert.deepEqual(analyze('Upper(Id)').problems[0]!.data, { suggestions: ['upper'] });
  assert.deepEqual(analyze('size(Id)').problems[0]!.data, { suggestions: ['size_of'] });
  assert.deepEqual(analyze('zzzzzz(Id)').problems[0]!.data, { suggestions: [] });
});

test('expr-unsupported-function and expr-deprecated-function (a warning)', () => {
  const unsupported = analyze('aa_get_event_id(Id)').problems;
  assert.deepEqual(unsupported.map((x) => x.code), ['expr-unsupported-function']);
  assert.deepEqual(unsupported[0]!.span, { start: 0, end: 15 });
  const deprecated = analyze('is_set("x")').problems;
  assert.deepEqual(deprecated.map((x) => [x.code, x.severity]), [['expr-deprecated-function', 'warning']]);
  assert.match(deprecated[0]!.message, /contains_key/);
});

test('expr-arity on the call: fixed, optional, variadic and repeat groups', () => {
  assert.deepEqual(codes('upper()'), ['expr-arity@0-7']);
  assert.deepEqual(codes('upper(Id, Id)'), ['expr-arity@0-13']);
  assert.deepEqual(codes('sha256(Id)'), []);
  assert.deepEqual(codes('sha256(Id, "UTF-8", Id)'), ['expr-arity@0-23']);
  assert.deepEqual(codes('concat()'), ['expr-arity@0-8']);
  assert.deepEqual(codes('concat(Id, Id, Id, Id)'), []);
  assert.deepEqual(codes('to_object("a", 1, "b", 2)'), []);
  assert.deepEqual(codes('to_object("a", 1, "b")'), ['expr-arity@0-22']);
  assert.deepEqual(codes('to_object()'), ['expr-arity@0-11']);
  assert.deepEqual(codes('to_array(true)'), ['expr-arity@0-14']);
  assert.deepEqual(codes('now(1)'), ['expr-arity@0-6']);
  assert.match(analyze('to_object("a", 1, "b")').problems[0]!.message, /groups of 2/);
});

test('decode: a repeating group followed by an optional DEFAULT', () => {
  assert.deepEqual(codes('decode(Status__c)'), ['expr-arity@0-17']);
  assert.deepEqual(codes('decode(Status__c, "a", 1)'), []);
  assert.deepEqual(codes('decode(Status__c, "a", 1, 0)'), []);
  assert.deepEqual(codes('decode(Status__c, "a", 1, "b", 2, 0)'), []);
  assert.equal(analyze('decode(Status__c, "a", "x", "b", "y")').type, 'string');
  assert.equal(analyze('decode(Status__c, "a", "x", 0)').type, 'any');
  // the type check binds the group and the default correctly
  assert.deepEqual(codes('arrays_to_object("k", explode(Id), "j", explode(Id))'), []);
  assert.deepEqual(codes('arrays_to_object("k", explode(Id), "j", Id)'), ['expr-argument-type@40-42']);
});

test('expr-argument-type only for types that can never convert', () => {
  assert.deepEqual(codes('upper(IsActive__c)'), ['expr-argument-type@6-17']);
  assert.match(analyze('upper(IsActive__c)').problems[0]!.message, /checkbox/);
  assert.deepEqual(codes('upper(explode(Id))'), ['expr-argument-type@6-17']);
  assert.deepEqual(codes('upper([Id])'), ['expr-argument-type@6-10']);
  assert.deepEqual(codes('arrays_to_object("k", [1, 2])'), []);
  assert.deepEqual(codes('to_integer(true)'), ['expr-argument-type@11-15']);
  assert.deepEqual(codes('to_integer(str_to_object(Id))'), ['expr-argument-type@11-28']);
  // implicit conversions AEP performs
  assert.deepEqual(codes('upper(Amount__c)'), []);
  assert.deepEqual(codes('to_integer("12")'), []);
  assert.deepEqual(codes('iif("true", 1, 2)'), []);
  assert.deepEqual(codes('date(Id)'), []);
  assert.deepEqual(codes('size_of(IsActive__c)'), []);
  assert.deepEqual(codes('upper(null)'), []);
  // unknown field types (no describe) never produce type errors
  assert.deepEqual(codes('upper(Whatever)', false), []);
});

test('expr-argument-value for literals outside ParamSpec.values (case-insensitive)', () => {
  assert.deepEqual(codes('sha256(Id, "utf-8")'), []);
  const bad = analyze('sha256(Id, "UTF8")').problems;
  assert.deepEqual(bad.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-argument-value@11-17']);
  assert.deepEqual(bad[0]!.data?.['suggestions'], ['UTF-8']);
  assert.deepEqual(codes('sha256(Id, Id)'), []);
});

test('expr-invalid-regex and expr-invalid-date-format on literal arguments (Java syntax, as AEP runs it)', () => {
  assert.deepEqual(codes('matches_regex(Id, "^[a-z]+$")'), []);
  assert.deepEqual(codes('matches_regex(Id, "([a-z]")'), ['expr-invalid-regex@18-26']);
  // Java inline flags are valid although JS RegExp rejects them
  assert.deepEqual(codes('matches_regex(Id, "(?i)^acme")'), []);
  assert.deepEqual(codes('matches_regex(Id, Email)'), []);
  assert.deepEqual(codes(`date(Id, "yyyy-MM-dd'T'HH:mm:ss.SSSX")`), []);
  assert.deepEqual(codes('date(Id, "yyyy-MM-ddTHH:mm")'), ['expr-invalid-date-format@9-27']);
  assert.deepEqual(codes(`date(Id, "yyyy-MM-dd'T")`), ['expr-invalid-date-format@9-23']);
  assert.deepEqual(codes('date(Id, "ddd")'), ['expr-invalid-date-format@9-14']);
  assert.match(analyze('date(Id, "yyyy-MM-ddTHH:mm")').problems[0]!.message, /T/);
});

test('a scope that explains failures decides the segment, the message and the candidates', () => {
  // relationships are not fields here: only `failure` knows that Owner leads on to a user
  const fields: FieldScope = {
    resolve: (path) => (path.join('.') === 'Owner.Name' ? { type: 'string' } : undefined),
    candidates: () => ['Wrong'],
    failure(path) {
      if (path.join('.') === 'Owner.Name') return undefined;
      if (path[0] === 'Owner') return { segment: 1, candidates: ['Name', 'Email'], reason: 'unknown' };
      if (path[0] === 'OwnerId') return { segment: 0, candidates: ['Owner'], reason: 'not-a-relationship' };
      return { segment: 1, candidates: [], reason: 'unavailable' };
    },
  };
  const run = (text: string) => analyzeExpression(text, { catalogue, fields }).problems;
  const unknown = run('upper(Owner.Nmae)');
  assert.deepEqual(unknown.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-field@12-16']);
  assert.deepEqual(unknown[0]!.data, { suggestions: ['Name'], path: ['Owner', 'Nmae'] });
  assert.match(unknown[0]!.message, /No field 'Nmae' on 'Owner'/);
  const notRelationship = run('upper(OwnerId.Name)');
  assert.deepEqual(notRelationship.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-field@6-13']);
  assert.match(notRelationship[0]!.message, /'OwnerId' is a field, not a relationship/);
  // an object without a cached describe: nothing is known, nothing is reported
  assert.deepEqual(run('upper(Parent.Anything)'), []);
});

test('expr-unknown-field with did-you-mean at the failing segment', () => {
  const a = analyze('upper(FirstNme)');
  assert.deepEqual(a.problems.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-field@6-14']);
  assert.deepEqual(a.problems[0]!.data?.['suggestions'], ['FirstName', 'First.Name']);
  const nested = analyze('Account.Nme');
  assert.deepEqual(nested.problems.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-field@8-11']);
  assert.deepEqual(nested.problems[0]!.data?.['suggestions'], ['Name']);
  assert.match(nested.problems[0]!.message, /'Account'/);
  const badRel = analyze('Acount.Name');
  assert.deepEqual(badRel.problems.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-field@0-6']);
  assert.deepEqual(badRel.problems[0]!.data?.['suggestions'], ['Account']);
  // quoted and escaped names resolve after unescaping
  assert.deepEqual(codes('concat(${Odd Name}, ${First\\.Name}, First\\.Name)'), []);
  assert.equal(analyze('Account.Industry').type, 'string');
  // without a describe cache, fields are not checked but still collected
  const free = analyze('upper(Nope.Never)', false);
  assert.deepEqual(free.problems, []);
  assert.deepEqual(free.fieldRefs.map((r) => r.path), [['Nope', 'Never']]);
});

test('function names used as bare fields are reserved', () => {
  assert.deepEqual(codes('concat(now, Id)', false), ['expr-reserved-word@7-10']);
  assert.deepEqual(codes('concat(${now}, Id)', false), []);
});

test('expr-unknown-method, including a method on the wrong receiver type', () => {
  const unknown = analyze('Id.equalsIgnorCase("x")').problems;
  assert.deepEqual(unknown.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), ['expr-unknown-method@3-18']);
  assert.deepEqual(unknown[0]!.data?.['suggestions'], ['equalsIgnoreCase']);
  assert.deepEqual(codes('Amount__c.equalsIgnoreCase("x")'), ['expr-unknown-method@10-26']);
  assert.deepEqual(codes('str_to_object(Id).get("k")'), []);
  assert.deepEqual(codes('Id.equalsIgnoreCase()'), ['expr-arity@0-21']);
  assert.equal(analyze('Id.equalsIgnoreCase("x")').type, 'boolean');
});

test('expr-operand-type for definite operator mismatches on the operand', () => {
  assert.deepEqual(codes('IsActive__c - 1'), ['expr-operand-type@0-11']);
  assert.deepEqual(codes('Amount__c * explode(Id)'), ['expr-operand-type@12-23']);
  assert.deepEqual(codes('-IsActive__c'), ['expr-operand-type@1-12']);
  assert.deepEqual(codes('IsActive__c + 1'), ['expr-operand-type@0-11']);
  assert.deepEqual(codes('explode(Id) < 3'), ['expr-operand-type@0-11']);
  assert.deepEqual(codes('IsActive__c[0]'), ['expr-operand-type@0-11']);
  // allowed: concatenation, numeric strings, equality of anything, logic on anything
  assert.deepEqual(codes('IsActive__c + "x"'), []);
  assert.deepEqual(codes('"3" * Amount__c'), []);
  assert.deepEqual(codes('IsActive__c == 1'), []);
  assert.deepEqual(codes('Id && !Amount__c'), []);
  assert.deepEqual(codes('CreatedDate > "2024-01-01"'), []);
});

test('expr-too-long past 4096 characters, on the excess', () => {
  const text = 'concat(' + Array.from({ length: 700 }, () => '"abcd"').join(',') + ')';
  assert.ok(text.length > 4096);
  const a = analyze(text);
  assert.deepEqual(a.problems.map((x) => `${x.code}@${x.span.start}-${x.span.end}`), [`expr-too-long@4096-${text.length}`]);
});

test('expr-unknown-variable warns for unknown ${NAME} inside strings', () => {
  const a = analyze('concat(Id, "@${CRM_ORG}.x")');
  assert.deepEqual(a.problems.map((x) => [x.code, x.severity, x.span.start, x.span.end]), [['expr-unknown-variable', 'warning', 13, 23]]);
  assert.deepEqual(a.problems[0]!.data?.['suggestions'], ['CRM_ORG_ID']);
  assert.deepEqual(analyze('"${REGION}"', true, ['REGION']).problems, []);
  assert.equal(analyze('"${CRM_ORG_ID}"', true, ['REGION']).problems.length, 1);
});

test('result types: iif, coalesce and ternaries follow their arguments', () => {
  assert.equal(analyze('iif(IsActive__c, "a", null)').type, 'string');
  assert.equal(analyze('iif(IsActive__c, "a", 1)').type, 'any');
  assert.equal(analyze('coalesce(null, Amount__c, 3)').type, 'number');
  assert.equal(analyze('IsActive__c ? CreatedDate : null').type, 'datetime');
  assert.equal(analyze('nosuch(1)').type, 'any');
  const a = analyze('upper(Id) + 1');
  assert.equal(a.type, 'string');
  const call = a.ast.kind === 'binary' ? a.ast.left : a.ast;
  assert.equal(a.nodeTypes.get(call), 'string');
});

test('syntax problems and checker problems come together; errors inside broken text are still checked', () => {
  const a = analyze('concat(upper(FirstNme) "x", lowr(Id)');
  const found = a.problems.map((x) => x.code);
  assert.ok(found.includes('expr-syntax'));
  assert.ok(found.includes('expr-unterminated'));
  assert.ok(found.includes('expr-unknown-field'));
  assert.ok(found.includes('expr-unknown-function'));
});

test('suggestion helpers', () => {
  assert.equal(editDistance('concat', 'concta'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.deepEqual(suggest('uper', ['upper', 'lower', 'trim']), ['upper']);
  assert.deepEqual(suggest('x', ['y', 'xx', 'abc']), ['xx', 'y']);
});

test('a throwing FieldScope does not escape analyzeExpression', () => {
  const a = analyzeExpression('Id', {
    catalogue,
    fields: { resolve: () => { throw new Error('boom'); }, candidates: () => [] },
  });
  assert.equal(a.problems.length, 1);
  assert.match(a.problems[0]!.message, /boom/);
});
