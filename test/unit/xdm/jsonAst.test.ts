import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { member, parseJsonAst, type JsonNode } from '../../../server/xdm/jsonAst';
import { childLocation, JsonSpanLocator, locationPointer } from '../../../server/xdm/locations';

/** What JSON.parse would have returned for the node. */
function plain(node: JsonNode): unknown {
  if (node.kind === 'object') return Object.fromEntries(node.members.map((m) => [m.key, plain(m.value)]));
  if (node.kind === 'array') return node.items.map(plain);
  return node.value;
}

function errorOf(text: string): { message: string; slice: string; start: number } {
  const { error, root } = parseJsonAst(text);
  assert.equal(root, undefined, `expected a syntax error for ${JSON.stringify(text)}`);
  assert.ok(error);
  return { message: error.message, slice: text.slice(error.span.start, error.span.end), start: error.span.start };
}

test('values carry offsets of their text', () => {
  const text = '{ "a": [1, -2.5e3, true, null], "b\\n": "x\\u0041y" }';
  const { root } = parseJsonAst(text);
  assert.ok(root && root.kind === 'object');
  assert.deepEqual(plain(root), { a: [1, -2500, true, null], 'b\n': 'xAy' });
  const a = root.members[0]!;
  assert.equal(text.slice(a.keyStart, a.keyEnd), '"a"');
  assert.equal(text.slice(a.value.start, a.value.end), '[1, -2.5e3, true, null]');
  const b = member(root, 'b\n')!;
  assert.equal(text.slice(b.start, b.end), '"x\\u0041y"');
  assert.equal(root.start, 0);
  assert.equal(root.end, text.length);
});

test('duplicate keys: member() returns the last, like JSON.parse', () => {
  const { root } = parseJsonAst('{"k": 1, "k": 2}');
  assert.ok(root?.kind === 'object');
  assert.deepEqual(member(root, 'k'), { kind: 'number', start: 14, end: 15, value: 2 });
});

test('a byte-order mark is skipped and offsets stay absolute', () => {
  const text = '\ufeff{"a": 1}';
  const { root } = parseJsonAst(text);
  assert.ok(root?.kind === 'object');
  assert.equal(root.start, 1);
});

test('syntax errors have a message and a span on the offending text', () => {
  assert.equal(errorOf('{"a": 1,}').slice, ',');
  assert.match(errorOf('{"a": 1,}').message, /trailing comma/);
  assert.equal(errorOf('[1, 2,]').slice, ',');
  assert.equal(errorOf('{"a" 1}').slice, '1');
  assert.equal(errorOf('{"a": 1 "b": 2}').slice, '"');
  assert.equal(errorOf('{"a": tru}').slice, 't');
  assert.equal(errorOf('{"a": 01}').slice, '01');
  assert.equal(errorOf('{"a": "x\\q"}').slice, '\\q');
  assert.equal(errorOf('{"a": "tab\there"}').slice, '\t');
  assert.equal(errorOf('{} extra').slice, 'extra');
  const unterminated = errorOf('{\n  "title": "open\n}');
  assert.equal(unterminated.slice, '"open');
  assert.match(unterminated.message, /Unterminated string/);
  const eof = errorOf('{"a": {"b": 1}\n\n');
  assert.match(eof.message, /Unexpected end/);
  assert.equal(eof.slice, '}');
  assert.deepEqual(parseJsonAst('   ').error?.span, { start: 0, end: 0 });
});

test('nesting deeper than the limit is an error, not a stack overflow', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const { error } = parseJsonAst(deep);
  assert.match(error!.message, /nested more than/);
});

test('agrees with JSON.parse on arbitrary JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
      const { root, error } = parseJsonAst(text);
      assert.equal(error, undefined);
      assert.deepEqual(plain(root!), JSON.parse(text));
    }),
    { numRuns: 300, seed: 1 },
  );
});

/** Random text and JSON with one character cut out: mostly broken, sometimes still valid. */
const nearlyJson = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.tuple(fc.jsonValue(), fc.nat()).map(([value, at]) => {
    const text = JSON.stringify(value);
    const cut = at % Math.max(1, text.length);
    return text.slice(0, cut) + text.slice(cut + 1);
  }),
);

test('rejects what JSON.parse rejects, without throwing', () => {
  fc.assert(
    fc.property(nearlyJson, (text) => {
      let nativeOk = true;
      try {
        JSON.parse(text);
      } catch {
        nativeOk = false;
      }
      const { root, error } = parseJsonAst(text);
      assert.equal(root !== undefined, nativeOk, JSON.stringify(text));
      if (error) assert.ok(error.span.start >= 0 && error.span.end <= text.length && error.span.start <= error.span.end);
    }),
    { numRuns: 500, seed: 2 },
  );
});

test('JsonSpanLocator resolves locations to key and value spans lazily', () => {
  const text = '{"definitions": {"a/b": {"x~y": [10, 20]}}}';
  const locator = new JsonSpanLocator(text);
  const ab = childLocation(childLocation(undefined, 'definitions'), 'a/b');
  const xy = childLocation(ab, 'x~y');
  assert.equal(text.slice(locator.keySpan(ab)!.start, locator.keySpan(ab)!.end), 'a/b');
  assert.equal(text.slice(locator.valueSpan(xy)!.start, locator.valueSpan(xy)!.end), '[10, 20]');
  const second = locator.valueSpan(childLocation(xy, 1))!;
  assert.equal(text.slice(second.start, second.end), '20');
  assert.equal(locator.valueSpan(childLocation(xy, 5)), undefined);
  assert.equal(locator.keySpan(childLocation(ab, 'missing')), undefined);
  assert.equal(locationPointer(xy), '/definitions/a~1b/x~0y');
});
