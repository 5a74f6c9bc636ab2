/**
 * Compiles an expression tree into plain JS closures, once per run; evaluating a record
 * is then one call per node with no lookups by name. Nothing here interprets user text
 * as code. Semantics follow AEP Data Prep (reference/aep.md §2.6) on top of JEXL's
 * operators: a failing function nulls the whole expression and yields a warning.
 */
import type { Span } from '../util/problems';
import type { BinaryExpr, Expr, FieldExpr, MethodCallExpr, StringLiteral, UnaryExpr } from './ast';
import type { FunctionCatalogue } from './catalogue';
import type { EvalContext, MethodSpec, Value } from './catalogue/spec';
import { isDateTime, isPlainObject, toText, valuesEqual } from './catalogue/values';
import type { ExprType } from './types';

export interface RuntimeWarning {
  message: string;
  span: Span;
  function?: string;
}

export interface EvalResult {
  value: Value;
  warnings: RuntimeWarning[];
}

export interface CompiledExpression {
  evaluate(record: Readonly<Record<string, unknown>>, ctx: EvalContext): EvalResult;
}

type SourceRecord = Readonly<Record<string, unknown>>;
type Evaluator = (record: SourceRecord, ctx: EvalContext) => Value;

/**
 * Thrown inside evaluation to abandon the record's expression. Deliberately not an
 * Error: no stack trace is captured, which matters when millions of rows fail.
 */
class EvaluationFailure {
  constructor(readonly message: string, readonly span: Span, readonly fn?: string) {}
}

const hasOwn = Object.prototype.hasOwnProperty;

export function compileExpression(ast: Expr, catalogue: FunctionCatalogue): CompiledExpression {
  let root: Evaluator;
  try {
    root = new Compiler(catalogue).compile(ast);
  } catch (e) {
    // compiling is a tree walk over a bounded tree; this is a last line of defence
    const message = `The expression could not be compiled: ${e instanceof Error ? e.message : String(e)}`;
    root = fail(message, ast.span);
  }
  return {
    evaluate(record, ctx) {
      try {
        return { value: root(record, ctx), warnings: [] };
      } catch (e) {
        if (e instanceof EvaluationFailure) {
          const warning: RuntimeWarning = { message: e.message, span: e.span };
          if (e.fn !== undefined) warning.function = e.fn;
          return { value: null, warnings: [warning] };
        }
        return { value: null, warnings: [{ message: `Evaluation failed: ${e instanceof Error ? e.message : String(e)}`, span: ast.span }] };
      }
    },
  };
}

function fail(message: string, span: Span, fn?: string): Evaluator {
  return () => {
    throw new EvaluationFailure(message, span, fn);
  };
}

function normalize(v: unknown): Value {
  return v === undefined ? null : (v as Value);
}

class Compiler {
  constructor(private readonly catalogue: FunctionCatalogue) {}

  compile(node: Expr): Evaluator {
    switch (node.kind) {
      case 'string':
        return this.string(node);
      case 'number':
      case 'boolean': {
        const value = node.value;
        return () => value;
      }
      case 'null':
        return () => null;
      case 'array': {
        const elements = node.elements.map((e) => this.compile(e));
        const n = elements.length;
        // a fresh array per evaluation: implementations may keep or change what they get
        return (r, c) => {
          const out: Value[] = new Array<Value>(n);
          for (let i = 0; i < n; i++) out[i] = elements[i]!(r, c);
          return out;
        };
      }
      case 'field':
        return fieldReader(node);
      case 'member': {
        const object = this.compile(node.object);
        const name = node.name;
        return (r, c) => property(object(r, c), name);
      }
      case 'index': {
        const object = this.compile(node.object);
        const index = this.compile(node.index);
        return (r, c) => element(object(r, c), index(r, c));
      }
      case 'call':
        return this.call(node.name, node.args, node.span, node.nameSpan);
      case 'method':
        return this.method(node);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const test = this.compile(node.test);
        const consequent = this.compile(node.consequent);
        const alternate = this.compile(node.alternate);
        return (r, c) => (truthy(test(r, c)) ? consequent(r, c) : alternate(r, c));
      }
      case 'group':
        return this.compile(node.expression);
      case 'error':
        return fail('The expression has a syntax error.', node.span);
    }
  }

  /** `"@${CRM_ORG_ID}.x"`: constant pieces and variable names, joined per evaluation. */
  private string(node: StringLiteral): Evaluator {
    const value = node.value;
    if (node.variables.length === 0) return () => value;
    const constants: string[] = [];
    const names: string[] = [];
    let at = 0;
    for (const v of node.variables) {
      constants.push(value.slice(at, v.valueStart));
      names.push(v.name);
      at = v.valueEnd;
    }
    const tail = value.slice(at);
    const raws = names.map((n) => '${' + n + '}');
    return (_r, ctx) => {
      const vars = ctx.variables;
      let out = '';
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        out += constants[i]! + (hasOwn.call(vars, name) ? vars[name] : raws[i]);
      }
      return out + tail;
    };
  }

  private call(name: string, args: readonly Expr[], span: Span, nameSpan: Span): Evaluator {
    const spec = this.catalogue.get(name);
    if (!spec) return fail(`No Data Prep function is called '${name}'.`, nameSpan, name);
    const impl = spec.impl;
    const argFns = args.map((a) => this.compile(a));
    const n = argFns.length;
    return (r, c) => {
      const values: Value[] = new Array<Value>(n);
      for (let i = 0; i < n; i++) values[i] = argFns[i]!(r, c);
      try {
        return normalize(impl(values, c));
      } catch (e) {
        throw new EvaluationFailure(`${name}(): ${e instanceof Error ? e.message : String(e)}`, span, name);
      }
    };
  }

  private method(node: MethodCallExpr): Evaluator {
    const candidates = this.catalogue.method(node.name);
    const name = node.name;
    if (candidates.length === 0) return fail(`No method is called '${name}'.`, node.nameSpan, name);
    const receiver = this.compile(node.receiver);
    const argFns = node.args.map((a) => this.compile(a));
    const n = argFns.length;
    const span = node.span;
    return (r, c) => {
      const target = receiver(r, c);
      const spec = methodFor(candidates, target);
      if (!spec) throw new EvaluationFailure(`${name}() cannot be called on a ${runtimeType(target)} value.`, span, name);
      const values: Value[] = new Array<Value>(n);
      for (let i = 0; i < n; i++) values[i] = argFns[i]!(r, c);
      try {
        return normalize(spec.impl(target, values, c));
      } catch (e) {
        throw new EvaluationFailure(`${name}(): ${e instanceof Error ? e.message : String(e)}`, span, name);
      }
    };
  }

  private unary(node: UnaryExpr): Evaluator {
    const operand = this.compile(node.operand);
    if (node.op === '!') return (r, c) => !truthy(operand(r, c));
    const span = node.span;
    return (r, c) => {
      const v = operand(r, c);
      return v === null ? null : -toNumber(v, span, '-');
    };
  }

  private binary(node: BinaryExpr): Evaluator {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const span = node.span;
    const op = node.op;
    switch (op) {
      case '&&':
        return (r, c) => truthy(left(r, c)) && truthy(right(r, c));
      case '||':
        return (r, c) => truthy(left(r, c)) || truthy(right(r, c));
      case '==':
        return (r, c) => looseEquals(left(r, c), right(r, c));
      case '!=':
        return (r, c) => !looseEquals(left(r, c), right(r, c));
      case '<':
        return (r, c) => { const d = compare(left(r, c), right(r, c), span, op); return d !== undefined && d < 0; };
      case '<=':
        return (r, c) => { const d = compare(left(r, c), right(r, c), span, op); return d !== undefined && d <= 0; };
      case '>':
        return (r, c) => { const d = compare(left(r, c), right(r, c), span, op); return d !== undefined && d > 0; };
      case '>=':
        return (r, c) => { const d = compare(left(r, c), right(r, c), span, op); return d !== undefined && d >= 0; };
      case '+':
        return (r, c) => add(left(r, c), right(r, c), span);
      case '-':
        return arithmetic(left, right, span, op, (a, b) => a - b);
      case '*':
        return arithmetic(left, right, span, op, (a, b) => a * b);
      case '/':
        return arithmetic(left, right, span, op, (a, b) => {
          if (b === 0) throw new EvaluationFailure('Division by zero.', span);
          return a / b;
        });
      case '%':
        return arithmetic(left, right, span, op, (a, b) => {
          if (b === 0) throw new EvaluationFailure('Modulo by zero.', span);
          return a % b;
        });
    }
  }
}

// --- field access ---

/**
 * Reads a source field. Relationship paths are nested objects in REST results
 * (record.Account.Name) and flat dotted keys in Bulk CSV rows ('Account.Name').
 */
function fieldReader(node: FieldExpr): Evaluator {
  const path = [...node.path];
  if (path.length === 1) {
    const key = path[0]!;
    return (r) => (hasOwn.call(r, key) ? normalize(r[key]) : null);
  }
  const flatKey = path.join('.');
  const n = path.length;
  return (r) => {
    let current: unknown = r;
    for (let i = 0; i < n; i++) {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) {
        current = undefined;
        break;
      }
      const key = path[i]!;
      current = hasOwn.call(current, key) ? (current as Record<string, unknown>)[key] : undefined;
      if (current === undefined) break;
    }
    if (current !== undefined) return current as Value;
    return hasOwn.call(r, flatKey) ? normalize(r[flatKey]) : null;
  };
}

function property(v: Value, name: string): Value {
  if (v instanceof Map) return normalize(v.get(name));
  if (isPlainObject(v)) return hasOwn.call(v, name) ? normalize(v[name]) : null;
  return null;
}

function element(v: Value, index: Value): Value {
  if (Array.isArray(v)) {
    const i = typeof index === 'number' ? index : typeof index === 'string' && index.trim() !== '' ? Number(index) : NaN;
    return Number.isInteger(i) && i >= 0 && i < v.length ? normalize(v[i]) : null;
  }
  if (typeof index === 'string' || typeof index === 'number') return property(v, String(index));
  return null;
}

// --- methods ---

export function runtimeType(v: Value): ExprType {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      if (Array.isArray(v)) return 'array';
      if (v instanceof Map) return 'map';
      return isDateTime(v) ? 'datetime' : 'object';
  }
}

function methodFor(candidates: readonly MethodSpec[], receiver: Value): MethodSpec | undefined {
  const type = runtimeType(receiver);
  // implementations decide what a null receiver means (equalsIgnoreCase: false)
  if (type === 'null') return candidates[0];
  for (const m of candidates) {
    if (m.receiver === type || m.receiver === 'any') return m;
    if ((m.receiver === 'object' || m.receiver === 'map') && (type === 'object' || type === 'map')) return m;
  }
  return undefined;
}

// --- operators (JEXL semantics, reference/aep.md §2.3) ---

/** JEXL truthiness: null, false, 0, NaN, '' and 'false' are false; other values true. */
export function truthy(v: Value): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0 && !Number.isNaN(v);
    case 'string':
      return v.length > 0 && v !== 'false';
    default:
      return true;
  }
}

function numericString(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

function toNumber(v: Value, span: Span, op: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = numericString(v);
    if (n !== undefined) return n;
    throw new EvaluationFailure(`Operator ${op}: '${v.length > 40 ? v.slice(0, 40) + '…' : v}' is not a number.`, span);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new EvaluationFailure(`Operator ${op} cannot be applied to a ${runtimeType(v)} value.`, span);
}

function arithmetic(left: Evaluator, right: Evaluator, span: Span, op: string, f: (a: number, b: number) => number): Evaluator {
  return (r, c) => {
    const a = left(r, c);
    const b = right(r, c);
    if (a === null || b === null) return null;
    return f(toNumber(a, span, op), toNumber(b, span, op));
  };
}

/** JEXL `+`: concatenation when either side is a string (null reads as ''), else a sum. */
function add(a: Value, b: Value, span: Span): Value {
  if (typeof a === 'string' || typeof b === 'string') return (a === null ? '' : toText(a)) + (b === null ? '' : toText(b));
  if (a === null || b === null) return null;
  return toNumber(a, span, '+') + toNumber(b, span, '+');
}

export function looseEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number' && tb === 'string') return numericString(b as string) === a;
  if (ta === 'string' && tb === 'number') return numericString(a as string) === b;
  if (ta === 'boolean' && tb === 'string') return String(a) === b;
  if (ta === 'string' && tb === 'boolean') return a === String(b);
  if (ta !== 'object' || tb !== 'object') return false;
  return valuesEqual(a, b);
}

/** Negative, zero or positive; undefined when either side is null (the comparison is false). */
function compare(a: Value, b: Value, span: Span, op: string): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    return toNumber(a, span, op) - toNumber(b, span, op);
  }
  if (isDateTime(a) && isDateTime(b)) return a.epochMs - b.epochMs;
  throw new EvaluationFailure(`Operator ${op} cannot compare a ${runtimeType(a)} with a ${runtimeType(b)} value.`, span);
}
