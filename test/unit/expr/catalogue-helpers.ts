/**
 * Shared by the catalogue-*.test.ts files: a catalogue, a fixed context, direct calls into
 * implementations, and a tiny evaluator for the literal-only calls used in spec examples
 * (strings, numbers, booleans, null, [arrays], nested calls, .method() calls) so every
 * documented example can be checked against its implementation without the real parser.
 */
import assert from 'node:assert/strict';
import { createCatalogue, FunctionError } from '../../../server/expr/catalogue';
import type { EvalContext, Value } from '../../../server/expr/catalogue';
import { isZonedDateTime, toIsoString } from '../../../server/expr/catalogue/conversions';

export const catalogue = createCatalogue();

/** 2021-10-26T10:10:24Z, the instant AEP's now() example shows. */
export const NOW_MS = Date.UTC(2021, 9, 26, 10, 10, 24);

const SOURCE_PATHS = new Set(['evars.evar.field1', 'Account.Name']);

export const ctx: EvalContext = { nowMs: NOW_MS, variables: {}, hasPath: (p) => SOURCE_PATHS.has(p) };

/** Calls the implementation of `name` (or an alias) with already-evaluated arguments. */
export function call(name: string, ...args: Value[]): Value {
  const spec = catalogue.get(name);
  assert.ok(spec, `no function ${name}`);
  return spec.impl(args, ctx);
}

export function callMethod(name: string, receiver: Value, ...args: Value[]): Value {
  const m = catalogue.method(name)[0];
  assert.ok(m, `no method ${name}`);
  return m.impl(receiver, args, ctx);
}

/** Asserts that `fn` throws a FunctionError (naming its function) whose message matches `pattern`. */
export function assertFunctionError(fn: () => unknown, pattern?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FunctionError, `expected FunctionError, got ${String(e)}`);
    assert.ok(e.functionName && (catalogue.get(e.functionName) || catalogue.method(e.functionName).length > 0), `FunctionError names its function (${e.functionName})`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

/** JSON-comparable form: maps → objects, dates → ISO strings. */
export function plain(v: Value | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  if (isZonedDateTime(v)) return toIsoString(v);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The documented examples of a function, evaluated; `undefined` for examples that refer to fields. */
export function evaluateExample(source: string): { value: Value } | undefined {
  const p = new ExampleParser(source);
  try {
    const value = p.expression();
    p.skip();
    if (p.pos !== source.length) return undefined;
    return { value };
  } catch (e) {
    if (e instanceof NotLiteral) return undefined;
    throw e;
  }
}

class NotLiteral extends Error {}

class ExampleParser {
  pos = 0;
  constructor(private readonly src: string) {}

  skip(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private eat(c: string): boolean {
    this.skip();
    if (this.src[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  expression(): Value {
    let v = this.primary();
    while (this.eat('.')) {
      const name = this.identifier();
      const args = this.args();
      const m = catalogue.method(name)[0];
      if (!m) throw new Error(`unknown method ${name}`);
      v = m.impl(v, args, ctx);
    }
    return v;
  }

  private identifier(): string {
    this.skip();
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.src.slice(this.pos));
    if (!m) throw new NotLiteral();
    this.pos += m[0].length;
    return m[0];
  }

  private args(): Value[] {
    if (!this.eat('(')) throw new NotLiteral();
    const args: Value[] = [];
    if (this.eat(')')) return args;
    do args.push(this.expression());
    while (this.eat(','));
    if (!this.eat(')')) throw new Error(`expected ) at ${this.pos} in ${this.src}`);
    return args;
  }

  private primary(): Value {
    this.skip();
    const c = this.src[this.pos];
    if (c === '"' || c === "'") return this.string(c);
    if (c === '[') {
      this.pos++;
      const items: Value[] = [];
      if (this.eat(']')) return items;
      do items.push(this.expression());
      while (this.eat(','));
      if (!this.eat(']')) throw new Error('expected ]');
      return items;
    }
    const num = /^-?\d+(\.\d+)?/.exec(this.src.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const name = this.identifier();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    this.skip();
    if (this.src[this.pos] !== '(') throw new NotLiteral();
    const spec = catalogue.get(name);
    if (!spec) throw new Error(`unknown function ${name}`);
    return spec.impl(this.args(), ctx);
  }

  private string(quote: string): string {
    this.pos++;
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== quote) {
      if (this.src[this.pos] === '\\') {
        this.pos++;
        const e = this.src[this.pos]!;
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      } else out += this.src[this.pos];
      this.pos++;
    }
    this.pos++;
    return out;
  }
}
