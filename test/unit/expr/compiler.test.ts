import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, compileExpression, analyzeExpression, type EvalResult } from '../../../server/expr';
import { parseExpression } from '../../../server/expr/parser';
import {
  FunctionCatalogue, FunctionError, createCatalogue, type EvalContext, type FunctionSpec, type MethodSpec, type ParamSpec, type Value,
} from '../../../server/expr/catalogue';
import type { ExprType } from '../../../server/expr/types';

const p = (name: string, type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, type, doc: name, ...extra });

function fn(name: string, params: ParamSpec[], returns: ExprType, impl: FunctionSpec['impl']): FunctionSpec {
  return { name, category: 'logical', params, returns, doc: name, impl };
}

/** Counts calls of `tick()`, so tests can see what was evaluated. */
class Probe {
  calls = 0;
}

function fakeCatalogue(probe: Probe): FunctionCatalogue {
  const real = createCatalogue();
  const functions: FunctionSpec[] = [
    ...['concat', 'upper', 'lower'].map((n) => real.get(n)!),
    fn('iif', [p('CONDITION', 'boolean'), p('TRUE_VALUE', 'any'), p('FALSE_VALUE', 'any')], 'any', ([c, a, b]) => (c === true ? a! : b!)),
    fn('to_integer', [p('STRING', 'string')], 'number', ([s]) => {
      if (s === null || s === undefined) return null;
      const n = Number(s);
      if (!Number.isInteger(n)) throw new FunctionError(`'${String(s)}' is not an integer`);
      return n;
    }),
    fn('boom', [], 'any', () => {
      throw new TypeError('kaboom');
    }),
    fn('tick', [], 'boolean', () => {
      probe.calls++;
      return true;
    }),
    fn('now', [], 'datetime', (_args, ctx) => ({ kind: 'datetime', epochMs: ctx.nowMs, offsetMinutes: 120, zone: '+02:00' })),
    fn('explode', [p('STRING', 'string')], 'array', ([s]) => (typeof s === 'string' ? s.split(',') : null)),
    fn('str_to_object', [p('STRING', 'string')], 'object', ([s]) =>
      Object.fromEntries(String(s).split(',').map((kv) => kv.split(':') as [string, Value]))),
    fn('undef', [], 'any', () => undefined as unknown as Value),
  ];
  const methods: MethodSpec[] = [
    ...real.method('equalsIgnoreCase'),
    { name: 'get', receiver: 'object', params: [p('KEY', 'string')], returns: 'any', doc: 'get', impl: (r, [k]) => (r as Record<string, Value>)[String(k)] ?? null },
  ];
  return new FunctionCatalogue(functions, methods);
}

const ctx: EvalContext = { nowMs: Date.UTC(2024, 0, 2, 3, 4, 5), variables: { CRM_ORG_ID: '00D000000000001' } };

function setup() {
  const probe = new Probe();
  const catalogue = fakeCatalogue(probe);
  const run = (text: string, record: Record<string, unknown> = {}, context: EvalContext = ctx): EvalResult => {
    const { compiled, problems } = compileText(text, catalogue);
    assert.ok(compiled, `did not compile: ${text}: ${problems.map((x) => x.message).join('; ')}`);
    return compiled.evaluate(record, context);
  };
  const value = (text: string, record: Record<string, unknown> = {}): Value => {
    const r = run(text, record);
    assert.deepEqual(r.warnings, [], `warnings for ${text}`);
    return r.value;
  };
  return { probe, catalogue, run, value };
}

test('the DESIGN example concat(Id, "@${CRM_ORG_ID}.Salesforce")', () => {
  const { value } = setup();
  assert.equal(value('concat(Id, "@${CRM_ORG_ID}.Salesforce")', { Id: '0035g00000ABC' }), '0035g00000ABC@00D000000000001.Salesforce');
});

test('the DESIGN example iif(AccountId != null && AccountId != "", ..., null)', () => {
  const { value } = setup();
  const text = 'iif(AccountId != null && AccountId != "", concat(AccountId, "@${CRM_ORG_ID}.Salesforce"), null)';
  assert.equal(value(text, { AccountId: '001A' }), '001A@00D000000000001.Salesforce');
  assert.equal(value(text, { AccountId: '' }), null);
  assert.equal(value(text, { AccountId: null }), null);
  assert.equal(value(text, {}), null);
});

test('${VAR} substitution uses the run context; unknown names stay as written', () => {
  const { run } = setup();
  assert.equal(run('"${CRM_ORG_ID}-${CRM_ORG_ID}"').value, '00D000000000001-00D000000000001');
  assert.equal(run('"a${REGION}b"').value, 'a${REGION}b');
  assert.equal(run('"a${REGION}b"', {}, { nowMs: 0, variables: { REGION: 'eu' } }).value, 'aeub');
  assert.equal(run('"\\${CRM_ORG_ID}"').value, '${CRM_ORG_ID}');
  // prototype keys are not variables
  assert.equal(run('"${constructor}"').value, '${constructor}');
});

test('arithmetic, precedence and word operators', () => {
  const { value } = setup();
  assert.equal(value('1 + 2 * 3'), 7);
  assert.equal(value('(1 + 2) * 3'), 9);
  assert.equal(value('10 - 4 - 3'), 3);
  assert.equal(value('7 % 4'), 3);
  assert.equal(value('7 mod 4 + 9 div 3'), 6);
  assert.equal(value('-2 * -3'), 6);
  assert.equal(value('"4" * 2'), 8);
  assert.equal(value('1.5e1 / 3'), 5);
});

test('+ concatenates when either side is a string', () => {
  const { value } = setup();
  assert.equal(value('"a" + 1 + 2'), 'a12');
  assert.equal(value('1 + 2 + "a"'), '3a');
  assert.equal(value('"x" + true'), 'xtrue');
  assert.equal(value('"x" + n', { n: null }), 'x');
  assert.equal(value('n + "x"', {}), 'x');
});

test('arithmetic on null is null; comparisons with null are false; == is null-safe', () => {
  const { value } = setup();
  assert.equal(value('n + 1', { n: null }), null);
  assert.equal(value('n * 2'), null);
  assert.equal(value('-n'), null);
  assert.equal(value('n < 1'), false);
  assert.equal(value('n >= 1'), false);
  assert.equal(value('n == null'), true);
  assert.equal(value('n != null'), false);
  assert.equal(value('x == null', { x: 0 }), false);
  assert.equal(value('null == null'), true);
});

test('equality and comparison follow JEXL conversions', () => {
  const { value } = setup();
  assert.equal(value('1 == "1"'), true);
  assert.equal(value('"1.0" eq 1'), true);
  assert.equal(value('"a" == "A"'), false);
  assert.equal(value('true == "true"'), true);
  assert.equal(value('2 < "10"'), true);
  assert.equal(value('"2" < "10"'), false);
  assert.equal(value('d > "2024-01-01"', { d: '2024-05-01T00:00:00.000Z' }), true);
  assert.equal(value('explode("a,b") == explode("a,b")'), true);
});

test('&& and || short-circuit and treat null as false; ! and the ternary use JEXL truthiness', () => {
  const { value, probe } = setup();
  assert.equal(value('false && tick()'), false);
  assert.equal(value('true || tick()'), true);
  assert.equal(probe.calls, 0);
  assert.equal(value('true && tick()'), true);
  assert.equal(probe.calls, 1);
  assert.equal(value('n && true'), false);
  assert.equal(value('n || "x"'), true);
  assert.equal(value('!n'), true);
  assert.equal(value('!""'), true);
  assert.equal(value('!"false"'), true);
  assert.equal(value('!0'), true);
  assert.equal(value('!"a"'), false);
  assert.equal(value('n ? 1 : 2'), 2);
  assert.equal(value('"yes" ? 1 : 2'), 1);
  assert.equal(value('true ? tick() : boom()'), true);
});

test('a throwing function nulls the whole expression and yields one warning', () => {
  const { run } = setup();
  const text = 'concat("n=", to_integer(Amount))';
  const bad = run(text, { Amount: '1.5x' });
  assert.equal(bad.value, null);
  assert.equal(bad.warnings.length, 1);
  assert.equal(bad.warnings[0]!.function, 'to_integer');
  assert.deepEqual(bad.warnings[0]!.span, { start: 13, end: 31 });
  assert.match(bad.warnings[0]!.message, /not an integer/);
  const good = run(text, { Amount: '12' });
  assert.deepEqual(good, { value: 'n=12', warnings: [] });
  const plain = run('upper(boom())');
  assert.equal(plain.value, null);
  assert.equal(plain.warnings[0]!.function, 'boom');
  assert.match(plain.warnings[0]!.message, /kaboom/);
});

test('runtime operator failures also null the expression with a warning', () => {
  const { run } = setup();
  const div = run('1 / n', { n: 0 });
  assert.equal(div.value, null);
  assert.match(div.warnings[0]!.message, /zero/);
  assert.deepEqual(div.warnings[0]!.span, { start: 0, end: 5 });
  const nan = run('n * 2', { n: 'abc' });
  assert.equal(nan.value, null);
  assert.match(nan.warnings[0]!.message, /not a number/);
  const method = run('n.equalsIgnoreCase("x")', { n: 5 });
  assert.equal(method.value, null);
  assert.equal(method.warnings[0]!.function, 'equalsIgnoreCase');
});

test('fields: nested relationship objects first, flat dotted keys as fallback, missing is null', () => {
  const { value } = setup();
  assert.equal(value('Account.Name', { Account: { Name: 'Acme' } }), 'Acme');
  assert.equal(value('Account.Owner.Name', { Account: { Owner: { Name: 'Bob' } } }), 'Bob');
  assert.equal(value('Account.Name', { 'Account.Name': 'Flat' }), 'Flat');
  assert.equal(value('Account.Name', { Account: null, 'Account.Name': 'Flat' }), 'Flat');
  assert.equal(value('Account.Name', { Account: null }), null);
  assert.equal(value('Account.Name', {}), null);
  assert.equal(value('Missing', {}), null);
  assert.equal(value('Name', { Name: undefined }), null);
  assert.equal(value('${Odd Name}', { 'Odd Name': 1 }), 1);
  assert.equal(value('${First\\.Name}', { 'First.Name': 'Ann' }), 'Ann');
  assert.equal(value('First\\.Name', { 'First.Name': 'Ann' }), 'Ann');
  // inherited properties are not fields
  assert.equal(value('${toString}', {}), null);
  assert.equal(value('__proto__', {}), null);
  assert.equal(value('Account.constructor', { Account: {} }), null);
});

test('index and member access on values', () => {
  const { value } = setup();
  assert.equal(value('emails[1]', { emails: ['a', 'b'] }), 'b');
  assert.equal(value('emails[5]', { emails: ['a'] }), null);
  assert.equal(value('emails[0].address', { emails: [{ address: 'x@y' }] }), 'x@y');
  assert.equal(value('explode("a,b,c")[2]'), 'c');
  assert.equal(value('str_to_object("a:1,b:2").b'), '2');
  assert.equal(value('str_to_object("a:1,b:2")["a"]'), '1');
  assert.equal(value('n[0]', { n: null }), null);
  assert.deepEqual(value('[1, n, "a" + 1]', { n: null }), [1, null, 'a1']);
  assert.equal(value('[Name, 2][0]', { Name: 'x' }), 'x');
});

test('methods dispatch by the receiver runtime type', () => {
  const { value } = setup();
  assert.equal(value('Name.equalsIgnoreCase("ACME")', { Name: 'acme' }), true);
  assert.equal(value('"a".equalsIgnoreCase("b")'), false);
  assert.equal(value('Name.equalsIgnoreCase("x")', { Name: null }), false);
  assert.equal(value('str_to_object("k:v").get("k")'), 'v');
});

test('datetimes from functions render as ISO text when concatenated', () => {
  const { value } = setup();
  assert.equal(value('"at " + now()'), 'at 2024-01-02T05:04:05+02:00');
});

test('implementations returning undefined give null', () => {
  const { value } = setup();
  assert.equal(value('undef()'), null);
});

test('compileText refuses expressions with errors; warnings still compile', () => {
  const { catalogue } = setup();
  const bad = compileText('upper(', catalogue);
  assert.equal(bad.compiled, undefined);
  assert.ok(bad.problems.some((x) => x.code === 'expr-unterminated'));
  const unknown = compileText('nosuch(1)', catalogue);
  assert.equal(unknown.compiled, undefined);
  const warned = compileText('"${OTHER}"', catalogue);
  assert.ok(warned.compiled);
  assert.deepEqual(warned.problems.map((x) => x.code), ['expr-unknown-variable']);
});

test('compileExpression on a broken tree never throws; evaluating it warns', () => {
  const { catalogue } = setup();
  for (const text of ['upper(1 +', 'a +', 'nosuch(1)', 'x.nomethod()', ')(', '', 'f(,)']) {
    const compiled = compileExpression(parseExpression(text).ast, catalogue);
    const r = compiled.evaluate({}, ctx);
    assert.equal(r.value, null, text);
    assert.equal(r.warnings.length, 1, text);
  }
});

test('compiled once, evaluated many times: fast and independent per record', () => {
  const { catalogue } = setup();
  const text = 'iif(AccountId != null && AccountId != "", concat(upper(Name), "@${CRM_ORG_ID}", Account.Name), null)';
  assert.deepEqual(analyzeExpression(text, { catalogue }).problems, []);
  const { compiled } = compileText(text, catalogue);
  assert.ok(compiled);
  const records = Array.from({ length: 1000 }, (_, i) => ({ AccountId: i % 3 ? `001${i}` : '', Name: `n${i}`, Account: { Name: 'A' } }));
  const started = process.hrtime.bigint();
  let nonNull = 0;
  for (let round = 0; round < 200; round++) {
    for (const r of records) if (compiled.evaluate(r, ctx).value !== null) nonNull++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(nonNull, 200 * records.filter((r) => r.AccountId !== '').length);
  assert.equal(compiled.evaluate(records[1]!, ctx).value, 'N1@00D000000000001A');
  // 200k evaluations; generous bound for a shared 2-core machine
  assert.ok(ms < 5000, `took ${ms} ms`);
});
