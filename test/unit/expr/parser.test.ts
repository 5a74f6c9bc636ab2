import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, nodeAt, MAX_TREE_HEIGHT } from '../../../server/expr/parser';
import { childrenOf, type Expr } from '../../../server/expr/ast';

/** A compact S-expression of the tree so shapes read at a glance. */
function show(node: Expr): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${node.elements.map(show).join(' ')}]`;
    case 'field':
      return node.path.join('.');
    case 'member':
      return `(. ${show(node.object)} ${node.name})`;
    case 'index':
      return `(idx ${show(node.object)} ${show(node.index)})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(' ')})`;
    case 'method':
      return `(.${node.name} ${[node.receiver, ...node.args].map(show).join(' ')})`;
    case 'unary':
      return `(${node.op} ${show(node.operand)})`;
    case 'binary':
      return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    case 'conditional':
      return `(? ${show(node.test)} ${show(node.consequent)} ${show(node.alternate)})`;
    case 'group':
      return `{${show(node.expression)}}`;
    case 'error':
      return `<error${node.children.map((c) => ' ' + show(c)).join('')}>`;
  }
}

function ok(text: string): string {
  const r = parseExpression(text);
  assert.deepEqual(r.problems, [], `unexpected problems for ${text}`);
  return show(r.ast);
}

/** code@start-end for every problem, in report order. */
function problemsOf(text: string): string[] {
  return parseExpression(text).problems.map((p) => `${p.code}@${p.span.start}-${p.span.end}`);
}

function allNodes(root: Expr): Expr[] {
  const out: Expr[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...childrenOf(n));
  }
  return out;
}

test('literals, fields, calls and method calls', () => {
  assert.equal(ok('"a"'), '"a"');
  assert.equal(ok('12.5'), '12.5');
  assert.equal(ok('true'), 'true');
  assert.equal(ok('null'), 'null');
  assert.equal(ok('FirstName'), 'FirstName');
  assert.equal(ok('Account.Owner.Name'), 'Account.Owner.Name');
  assert.equal(ok('concat(upper(LastName), ", ", FirstName)'), 'concat(upper(LastName) ", " FirstName)');
  assert.equal(ok('now()'), 'now()');
  assert.equal(ok('Name.equalsIgnoreCase("acme")'), '(.equalsIgnoreCase Name "acme")');
  assert.equal(ok('"s".equalsIgnoreCase(x)'), '(.equalsIgnoreCase "s" x)');
  assert.equal(ok('str_to_object(s).get("k")'), '(.get str_to_object(s) "k")');
  assert.equal(ok('emails[0].address'), '(. (idx emails 0) address)');
  assert.equal(ok('size_of([1, "a", [x]])'), 'size_of([1 "a" [x]])');
  assert.equal(ok('[]'), '[]');
  assert.equal(ok('[1, 2][0]'), '(idx [1 2] 0)');
});

test('quoted and escaped field names become path segments', () => {
  const quoted = parseExpression('${Odd Name}').ast;
  assert.equal(quoted.kind, 'field');
  if (quoted.kind === 'field') {
    assert.deepEqual(quoted.path, ['Odd Name']);
    assert.deepEqual(quoted.span, { start: 0, end: 11 });
    assert.deepEqual(quoted.segments[0]!.span, { start: 2, end: 10 });
    assert.equal(quoted.segments[0]!.quoted, true);
  }
  const escaped = parseExpression('${First\\.Name}').ast;
  assert.deepEqual(escaped.kind === 'field' && escaped.path, ['First.Name']);
  const bare = parseExpression('address.street\\.name').ast;
  assert.deepEqual(bare.kind === 'field' && bare.path, ['address', 'street.name']);
  const mixed = parseExpression('Account.${Billing City}').ast;
  assert.deepEqual(mixed.kind === 'field' && mixed.path, ['Account', 'Billing City']);
  assert.deepEqual(mixed.span, { start: 0, end: 23 });
});

test('JEXL precedence and associativity', () => {
  assert.equal(ok('a || b && c == d < e + f * g'), '(|| a (&& b (== c (< d (+ e (* f g))))))');
  assert.equal(ok('a - b - c'), '(- (- a b) c)');
  assert.equal(ok('a / b * c % d'), '(% (* (/ a b) c) d)');
  assert.equal(ok('-a * b'), '(* (- a) b)');
  assert.equal(ok('!a && b'), '(&& (! a) b)');
  assert.equal(ok('(a + b) * c'), '(* {(+ a b)} c)');
  assert.equal(ok('a ? b : c ? d : e'), '(? a b (? c d e))');
  assert.equal(ok('a || b ? 1 : 2'), '(? (|| a b) 1 2)');
  assert.equal(ok('a and b or not c'), '(|| (&& a b) (! c))');
  assert.equal(ok('x mod 2 eq 0'), '(== (% x 2) 0)');
  assert.equal(ok('iif(AccountId != null && AccountId != "", AccountId, null)'), 'iif((&& (!= AccountId null) (!= AccountId "")) AccountId null)');
});

test('every node carries an exact span', () => {
  const { ast } = parseExpression(' concat(a, b) + 1 ');
  assert.equal(ast.kind, 'binary');
  if (ast.kind !== 'binary') return;
  assert.deepEqual(ast.span, { start: 1, end: 17 });
  assert.deepEqual(ast.opSpan, { start: 14, end: 15 });
  const call = ast.left;
  assert.equal(call.kind, 'call');
  if (call.kind !== 'call') return;
  assert.deepEqual(call.span, { start: 1, end: 13 });
  assert.deepEqual(call.nameSpan, { start: 1, end: 7 });
  assert.equal(call.open, 7);
  assert.equal(call.close, 12);
  assert.deepEqual(call.commas, [9]);
  assert.deepEqual(call.args.map((a) => a.span), [{ start: 8, end: 9 }, { start: 11, end: 12 }]);
  const group = parseExpression('(a)').ast;
  assert.deepEqual(group.span, { start: 0, end: 3 });
});

test('expr-empty for empty and blank text', () => {
  assert.deepEqual(problemsOf(''), ['expr-empty@0-0']);
  assert.deepEqual(problemsOf('   '), ['expr-empty@0-3']);
  assert.equal(parseExpression('  ').ast.kind, 'error');
});

test('expr-unterminated for strings, ${ names, parentheses and brackets, at the opener', () => {
  assert.deepEqual(problemsOf('concat("abc'), ['expr-unterminated@7-11', 'expr-unterminated@6-7']);
  assert.deepEqual(problemsOf('${First Name'), ['expr-unterminated@0-12']);
  assert.deepEqual(problemsOf('(a + b'), ['expr-unterminated@0-1']);
  assert.deepEqual(problemsOf('upper(lower(x)'), ['expr-unterminated@5-6']);
  assert.deepEqual(problemsOf('emails[0'), ['expr-unterminated@6-7']);
  assert.deepEqual(problemsOf('[1, 2'), ['expr-unterminated@0-1']);
});

test('expr-syntax cases with exact spans', () => {
  assert.deepEqual(problemsOf('a +'), ['expr-syntax@3-3']);
  assert.deepEqual(problemsOf('a b'), ['expr-syntax@2-3']);
  assert.deepEqual(problemsOf(')'), ['expr-syntax@0-1']);
  assert.deepEqual(problemsOf('a ? b'), ['expr-syntax@5-5']);
  assert.deepEqual(problemsOf('f(,a)'), ['expr-syntax@2-3']);
  assert.deepEqual(problemsOf('f(a,)'), ['expr-syntax@4-5']);
  assert.deepEqual(problemsOf('x.'), ['expr-syntax@1-2']);
  assert.deepEqual(problemsOf('a = b'), ['expr-syntax@2-3']);
  assert.deepEqual(problemsOf('a # b'), ['expr-syntax@2-3', 'expr-syntax@4-5']);
  assert.deepEqual(problemsOf('${}'), ['expr-syntax@0-3']);
  assert.deepEqual(problemsOf('12ab'), ['expr-syntax@0-4']);
  assert.deepEqual(problemsOf('[1 2)]'), ['expr-syntax@3-4', 'expr-syntax@4-5']);
});

test('reserved words as field names: expr-reserved-word with the ${} spelling', () => {
  const r = parseExpression('if + size');
  assert.deepEqual(r.problems.map((p) => `${p.code}@${p.span.start}-${p.span.end}`), ['expr-reserved-word@0-2', 'expr-reserved-word@5-9']);
  assert.match(r.problems[0]!.message, /\$\{if\}/);
  const op = parseExpression('eq == 1');
  assert.deepEqual(op.problems.map((p) => p.code), ['expr-reserved-word']);
  assert.match(op.problems[0]!.message, /\$\{eq\}/);
  const nested = parseExpression('Account.new');
  assert.match(nested.problems[0]!.message, /\$\{Account\.new\}/);
  // keywords are fine as method names and as quoted names
  assert.deepEqual(parseExpression('x.size()').problems, []);
  assert.deepEqual(parseExpression('${if} + ${_errors}').problems, []);
  // a reserved word called like a function is left to the checker (unknown function)
  assert.deepEqual(parseExpression('size(x)').problems, []);
});

test('several errors in one expression are all reported', () => {
  const codes = problemsOf('concat(a b, "x) + (c');
  assert.ok(codes.length >= 3, codes.join());
  assert.ok(codes.includes('expr-syntax@9-10'));
  assert.ok(codes.includes('expr-unterminated@12-20'));
  assert.ok(codes.includes('expr-unterminated@6-7'));
  const many = problemsOf('a +, upper(, b c ]');
  assert.ok(many.length >= 3, many.join());
});

test('recovery keeps the calls that follow an error', () => {
  const { ast, problems } = parseExpression('concat(a b, upper(x)) + lower( + trim(y)');
  assert.ok(problems.length >= 2);
  const calls = allNodes(ast).filter((n) => n.kind === 'call').map((n) => (n.kind === 'call' ? n.name : ''));
  assert.deepEqual(calls.sort(), ['concat', 'lower', 'trim', 'upper']);
  const afterGarbage = parseExpression('a ) upper(b)');
  assert.ok(allNodes(afterGarbage.ast).some((n) => n.kind === 'call' && n.name === 'upper'));
  const inGroup = parseExpression('(a b upper(c))');
  assert.ok(allNodes(inGroup.ast).some((n) => n.kind === 'call' && n.name === 'upper'));
});

test('deep nesting is bounded: nesting too deep, no throw, spans in range', () => {
  const deep = '('.repeat(10_000) + 'a' + ')'.repeat(10_000);
  const r = parseExpression(deep);
  assert.ok(r.problems.some((p) => p.code === 'expr-syntax' && /nesting too deep/.test(p.message)));
  const open = parseExpression('('.repeat(10_000));
  assert.ok(open.problems.length > 0);
  const calls = parseExpression('f('.repeat(5_000) + ')'.repeat(5_000));
  assert.ok(calls.problems.some((p) => /nesting too deep/.test(p.message)));
  const unary = parseExpression('!'.repeat(20_000) + 'a');
  assert.ok(unary.problems.some((p) => /nesting too deep/.test(p.message)));
  const chain = parseExpression(Array.from({ length: 5_000 }, (_, i) => `a${i}`).join(' + '));
  assert.ok(chain.problems.some((p) => /nesting too deep/.test(p.message)));
  for (const res of [r, open, calls, unary, chain]) {
    const height = (n: Expr): number => {
      let h = 1;
      const stack: [Expr, number][] = [[n, 1]];
      while (stack.length) {
        const [x, d] = stack.pop()!;
        h = Math.max(h, d);
        for (const c of childrenOf(x)) stack.push([c, d + 1]);
      }
      return h;
    };
    assert.ok(height(res.ast) <= MAX_TREE_HEIGHT, `height ${height(res.ast)}`);
  }
});

test('large and binary inputs never throw', () => {
  const big = 'concat(a, "b") + '.repeat(6_000) + 'x';
  assert.ok(big.length > 100_000);
  const r = parseExpression(big);
  assert.ok(r.problems.every((p) => p.span.start >= 0 && p.span.end <= big.length));
  let bytes = '';
  for (let i = 0; i < 4096; i++) bytes += String.fromCharCode((i * 7919) % 65536);
  const b = parseExpression(bytes);
  assert.ok(b.problems.length > 0);
  assert.ok(b.problems.length <= 100);
});

test('nodeAt finds the innermost node and the argument index of the enclosing call', () => {
  const text = 'concat(upper(Name), "x", Acc';
  const { ast } = parseExpression(text);
  const inName = nodeAt(ast, 15);
  assert.equal(inName.nodes.at(-1)?.kind, 'field');
  assert.equal(inName.call?.node.name, 'upper');
  assert.equal(inName.call?.argumentIndex, 0);
  const inSecond = nodeAt(ast, 21);
  assert.equal(inSecond.nodes.at(-1)?.kind, 'string');
  assert.equal(inSecond.call?.node.name, 'concat');
  assert.equal(inSecond.call?.argumentIndex, 1);
  const atEnd = nodeAt(ast, text.length);
  assert.equal(atEnd.call?.argumentIndex, 2);
  const last = atEnd.nodes.at(-1);
  assert.ok(last?.kind === 'field' && last.path[0] === 'Acc');
  const empty = parseExpression('f()');
  assert.equal(nodeAt(empty.ast, 2).call?.argumentIndex, 0);
  assert.equal(nodeAt(empty.ast, 1).call, undefined);
  const method = parseExpression('x.equalsIgnoreCase(a, b)');
  assert.equal(nodeAt(method.ast, 22).call?.argumentIndex, 1);
  assert.deepEqual(nodeAt(ast, 1000).nodes, []);
});
