/**
 * Static checks of a parsed expression against the function catalogue and (when a
 * describe cache is at hand) the source object's fields. It infers a type for every
 * node and reports problems; it never throws for any tree the parser returns.
 */
import { problem, type Problem, type Span } from '../util/problems';
import type { ProblemCode } from '../util/problemCodes';
import type { Expr, FieldExpr, CallExpr, MethodCallExpr, BinaryExpr, UnaryExpr, StringLiteral } from './ast';
import {
  arityOf, checkArgCount, isValidDatePattern, isValidRegex, paramAt, typeLabel,
  type FunctionCatalogue, type FunctionSpec, type MethodSpec, type ParamSpec,
} from './catalogue';
import { RESERVED_WORDS } from './lexer';
import { EXPR_TYPES, TYPE_LABEL, type ExprType } from './types';

export interface FieldInfo {
  type: ExprType;
  /** e.g. 'picklist', shown in messages */
  detail?: string;
}

/** Where a field path stops resolving. */
export interface FieldPathFailure {
  /** index of the first segment that does not resolve */
  segment: number;
  /** names valid at that segment, for did-you-mean */
  candidates: readonly string[];
  /**
   * 'not-a-relationship': a plain field used to reach further fields (AccountId.Name);
   * 'unavailable': the related object is not known, so nothing can be said about the rest
   */
  reason: 'unknown' | 'not-a-relationship' | 'unavailable';
}

export interface FieldScope {
  /** ['Account','Name'] after unescaping */
  resolve(path: readonly string[]): FieldInfo | undefined;
  /** names valid at the level of the last segment, for did-you-mean */
  candidates(path: readonly string[]): readonly string[];
  /**
   * Why `path` does not resolve (undefined when it does). Scopes with relationships give
   * this, since their prefixes are relationships, not fields that `resolve` knows.
   */
  failure?(path: readonly string[]): FieldPathFailure | undefined;
}

export interface CheckOptions {
  catalogue: FunctionCatalogue;
  /** undefined: field refs are not checked (no describe cache) */
  fields?: FieldScope;
  /** known ${VAR} names in string literals, default ['CRM_ORG_ID'] */
  variables?: readonly string[];
  /** the target's type, for later completion ranking; optional */
  expectedType?: ExprType;
}

export interface FieldRef {
  path: string[];
  span: Span;
}

export interface CheckResult {
  type: ExprType;
  problems: Problem[];
  fieldRefs: FieldRef[];
  /** the inferred type of every node, for hover */
  nodeTypes: Map<Expr, ExprType>;
}

/** AEP's limit for a calculated field (reference/aep.md §2.1). */
export const MAX_EXPRESSION_LENGTH = 4096;
export const DEFAULT_VARIABLES: readonly string[] = ['CRM_ORG_ID'];
/** Past this many, further problems of one expression are dropped (pathological input). */
const MAX_CHECK_PROBLEMS = 200;

export function checkExpression(ast: Expr, text: string, opts: CheckOptions): CheckResult {
  const checker = new Checker(text, opts);
  if (text.length > MAX_EXPRESSION_LENGTH) {
    checker.report('expr-too-long', { start: MAX_EXPRESSION_LENGTH, end: text.length },
      `The expression is ${text.length} characters long; AEP allows at most ${MAX_EXPRESSION_LENGTH}.`);
  }
  const type = checker.visit(ast);
  return { type, problems: checker.problems, fieldRefs: checker.fieldRefs, nodeTypes: checker.nodeTypes };
}

// --- types ---

const ALL_TYPES: ReadonlySet<ExprType> = new Set(EXPR_TYPES);
/** Which static types AEP converts implicitly into a parameter type (reference/aep.md §2.5). */
const ACCEPTS: Readonly<Record<ExprType, ReadonlySet<ExprType>>> = {
  string: new Set(['string', 'number', 'date', 'datetime']),
  number: new Set(['number', 'string']),
  boolean: new Set(['boolean', 'string']),
  date: new Set(['date', 'datetime', 'string']),
  datetime: new Set(['datetime', 'date', 'string']),
  array: new Set(['array']),
  object: new Set(['object', 'map']),
  map: new Set(['map', 'object']),
  null: new Set(['null']),
  any: ALL_TYPES,
};

/** Can a value of static type `actual` be passed where `expected` is declared? */
export function isAssignable(actual: ExprType, expected: ExprType | readonly ExprType[]): boolean {
  if (actual === 'any' || actual === 'null') return true;
  const list: readonly ExprType[] = typeof expected === 'string' ? [expected] : expected;
  return list.some((e) => ACCEPTS[e].has(actual));
}

/** The common type of alternatives (iif branches, coalesce arguments); nulls do not count. */
export function unifyTypes(types: readonly ExprType[]): ExprType {
  let result: ExprType | undefined;
  for (const t of types) {
    if (t === 'null') continue;
    if (t === 'any') return 'any';
    if (result === undefined) result = t;
    else if (result !== t) {
      if ((result === 'date' || result === 'datetime') && (t === 'date' || t === 'datetime')) result = 'datetime';
      else return 'any';
    }
  }
  return result ?? 'null';
}

/** Functions declared to return ANY whose result type follows from their arguments. */
const RESULT_FROM_ARGUMENTS: Readonly<Record<string, (args: readonly ExprType[]) => ExprType>> = {
  iif: (args) => unifyTypes(args.slice(1, 3)),
  coalesce: (args) => unifyTypes(args),
  first: (args) => (args.includes('array') ? 'any' : unifyTypes(args)),
  last: (args) => (args.includes('array') ? 'any' : unifyTypes(args)),
  min: (args) => (args.includes('array') ? 'any' : unifyTypes(args)),
  max: (args) => (args.includes('array') ? 'any' : unifyTypes(args)),
  // decode(KEY, K1, V1, K2, V2, ..., DEFAULT?)
  decode: (args) => unifyTypes(args.filter((_, i) => (i >= 2 && i % 2 === 0) || (args.length % 2 === 0 && i === args.length - 1))),
};

// Operand types for which an operator can never work (JEXL would fail at run time).
const NOT_ARITHMETIC: ReadonlySet<ExprType> = new Set(['boolean', 'array', 'object', 'map', 'date', 'datetime']);
const NOT_COMPARABLE: ReadonlySet<ExprType> = new Set(['boolean', 'array', 'object', 'map']);

// --- did-you-mean ---

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** Up to `max` candidates close to `word`, best first. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  // nobody misspells a 100-character name; skipping keeps pathological input fast
  if (word.length > 100) return [];
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (name === word || seen.has(name)) continue;
    seen.add(name);
    const candidate = name.toLowerCase();
    let score = Math.abs(candidate.length - lower.length) > limit ? Infinity : editDistance(lower, candidate);
    // `size` → size_of, `empty` → is_empty
    if (score > limit && lower.length >= 3 && candidate.includes(lower)) score = limit + 0.5;
    if (score <= limit + 0.5) scored.push({ name, score });
  }
  scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, max).map((s) => s.name);
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length === 0 ? '' : ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?`;
}

// --- the checker ---

class Checker {
  readonly problems: Problem[] = [];
  readonly fieldRefs: FieldRef[] = [];
  readonly nodeTypes = new Map<Expr, ExprType>();
  private readonly details = new Map<Expr, string>();
  private readonly suggestionCache = new Map<string, string[]>();
  private readonly variables: ReadonlySet<string>;

  constructor(private readonly text: string, private readonly opts: CheckOptions) {
    this.variables = new Set(opts.variables ?? DEFAULT_VARIABLES);
  }

  report(code: ProblemCode, span: Span, message: string, data?: Record<string, unknown>): void {
    if (this.problems.length < MAX_CHECK_PROBLEMS) this.problems.push(problem(code, span, message, data));
  }

  /** Did-you-mean for function names, computed once per name per expression. */
  private functionSuggestions(name: string): string[] {
    let found = this.suggestionCache.get(name);
    if (!found) {
      found = suggest(name, this.opts.catalogue.names());
      this.suggestionCache.set(name, found);
    }
    return found;
  }

  visit(node: Expr): ExprType {
    const type = this.infer(node);
    this.nodeTypes.set(node, type);
    return type;
  }

  private infer(node: Expr): ExprType {
    switch (node.kind) {
      case 'string':
        this.checkVariables(node);
        return 'string';
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        for (const element of node.elements) this.visit(element);
        return 'array';
      case 'field':
        return this.field(node);
      case 'member':
        this.visit(node.object);
        return 'any';
      case 'index': {
        const objectType = this.visit(node.object);
        const indexType = this.visit(node.index);
        if (!['array', 'object', 'map', 'any', 'null'].includes(objectType)) {
          this.report('expr-operand-type', node.object.span, `${this.show(node.object)} is ${TYPE_LABEL[objectType]} and cannot be indexed with [...].`);
        } else if (objectType === 'array' && !isAssignable(indexType, 'number')) {
          this.report('expr-operand-type', node.index.span, `An array index must be a number, not ${TYPE_LABEL[indexType]}.`);
        }
        return 'any';
      }
      case 'call':
        return this.call(node);
      case 'method':
        return this.method(node);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'conditional':
        this.visit(node.test);
        return unifyTypes([this.visit(node.consequent), this.visit(node.alternate)]);
      case 'group':
        return this.visit(node.expression);
      case 'error':
        for (const child of node.children) this.visit(child);
        return 'any';
    }
  }

  /** Source text of a node for messages, shortened; fields carry their detail. */
  private show(node: Expr): string {
    const raw = this.text.slice(node.span.start, node.span.end);
    const shown = raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
    const detail = this.details.get(node);
    return detail ? `'${shown}' (${detail})` : `'${shown}'`;
  }

  private checkVariables(node: StringLiteral): void {
    for (const v of node.variables) {
      if (this.variables.has(v.name)) continue;
      const known = [...this.variables];
      const suggestions = suggest(v.name, known);
      this.report('expr-unknown-variable', v.span,
        `\${${v.name}} is not a known variable${known.length ? ` (known: ${known.join(', ')})` : ''}; it is left as is.` + didYouMean(suggestions),
        { suggestions });
    }
  }

  private field(node: FieldExpr): ExprType {
    if (node.segments.length === 0 || node.segments.some((s) => s.name === '')) return 'any';
    this.fieldRefs.push({ path: [...node.path], span: node.span });
    // the parser already reported bare reserved words
    if (node.segments.some((s) => !s.quoted && RESERVED_WORDS.has(s.name))) return 'any';
    const first = node.segments[0]!;
    if (!first.quoted && this.opts.catalogue.get(first.name)) {
      this.report('expr-reserved-word', first.span,
        `'${first.name}' is the name of a Data Prep function and is reserved; to use a field of that name write \${${first.name}}.`);
    }
    const scope = this.opts.fields;
    if (!scope) return 'any';
    const info = scope.resolve(node.path);
    if (info) {
      if (info.detail) this.details.set(node, info.detail);
      return info.type;
    }
    // report the first segment that does not resolve
    const failure = scope.failure ? scope.failure(node.path) : firstUnresolved(scope, node.path);
    if (!failure || failure.reason === 'unavailable') return 'any';
    const i = Math.min(failure.segment, node.segments.length - 1);
    const segment = node.segments[i]!;
    const prefix = node.path.slice(0, i + 1);
    const suggestions = suggest(segment.name, failure.candidates);
    const message = failure.reason === 'not-a-relationship'
      ? `'${segment.name}' is a field, not a relationship; use its relationship name to reach the parent's fields.`
      : `No field '${segment.name}' on ${i === 0 ? 'the source object' : `'${node.path.slice(0, i).join('.')}'`}.`;
    this.report('expr-unknown-field', segment.span, message + didYouMean(suggestions), { suggestions, path: prefix });
    return 'any';
  }

  private call(node: CallExpr): ExprType {
    const argTypes = node.args.map((a) => this.visit(a));
    const { catalogue } = this.opts;
    const spec = catalogue.get(node.name);
    if (!spec) {
      const suggestions = this.functionSuggestions(node.name);
      const lead = RESERVED_WORDS.has(node.name) ? `'${node.name}' is a JEXL keyword, not a Data Prep function.` : `No Data Prep function is called '${node.name}'.`;
      this.report('expr-unknown-function', node.nameSpan, lead + didYouMean(suggestions), { suggestions });
      return 'any';
    }
    if (spec.unsupported !== undefined) {
      this.report('expr-unsupported-function', node.nameSpan, `${node.name}() cannot be used in source ingestion: ${spec.unsupported}`);
    }
    if (spec.deprecated !== undefined) {
      this.report('expr-deprecated-function', node.nameSpan, `${node.name}() is deprecated: ${spec.deprecated}`);
    }
    this.checkArguments(node, spec.name, spec, argTypes);
    const infer = spec.returns === 'any' && Object.hasOwn(RESULT_FROM_ARGUMENTS, spec.name) ? RESULT_FROM_ARGUMENTS[spec.name] : undefined;
    return infer ? infer(argTypes) : spec.returns;
  }

  private method(node: MethodCallExpr): ExprType {
    const receiverType = this.visit(node.receiver);
    const argTypes = node.args.map((a) => this.visit(a));
    const { catalogue } = this.opts;
    const candidates = catalogue.method(node.name);
    if (candidates.length === 0) {
      const suggestions = suggest(node.name, catalogue.methods.map((m) => m.name));
      this.report('expr-unknown-method', node.nameSpan, `No method is called '${node.name}'.` + didYouMean(suggestions), { suggestions });
      return 'any';
    }
    const chosen = pickMethod(candidates, receiverType);
    if (!chosen) {
      const receivers = [...new Set(candidates.map((m) => TYPE_LABEL[m.receiver]))].join(', ');
      this.report('expr-unknown-method', node.nameSpan,
        `${this.show(node.receiver)} is ${TYPE_LABEL[receiverType]}; ${node.name}() is a method of ${receivers} values.`);
      return 'any';
    }
    this.checkArguments(node, node.name, chosen, argTypes);
    return chosen.returns;
  }

  /** Argument count (via the catalogue's signature rules, shared with signature help) and types. */
  private checkArguments(node: CallExpr | MethodCallExpr, name: string, signature: FunctionSpec | MethodSpec, argTypes: readonly ExprType[]): void {
    const count = node.args.length;
    const mismatch = 'category' in signature ? checkArgCount(signature, count) : methodArgCount(signature, count);
    if (mismatch) this.report('expr-arity', node.span, `${mismatch}.`, { expected: signature.params.map((p) => p.name) });
    node.args.forEach((arg, i) => {
      const param = paramAt(signature, i, count);
      if (!param || arg.kind === 'error') return;
      const actual = argTypes[i]!;
      if (!isAssignable(actual, param.type)) {
        this.report('expr-argument-type', arg.span,
          `Argument ${i + 1} of ${name}() (${param.name}) expects ${typeLabel(param.type)}, but ${this.show(arg)} is ${TYPE_LABEL[actual]}.`,
          { expected: param.type, actual });
      }
      if (arg.kind === 'string' && arg.variables.length === 0) this.checkLiteral(arg, param, name, i);
    });
  }

  private checkLiteral(arg: StringLiteral, param: ParamSpec, name: string, index: number): void {
    const where = `argument ${index + 1} of ${name}() (${param.name})`;
    if (param.values && !param.values.some((v) => v.toLowerCase() === arg.value.toLowerCase())) {
      const suggestions = suggest(arg.value, param.values);
      this.report('expr-argument-value', arg.span,
        `'${arg.value}' is not allowed as ${where}; use one of ${param.values.join(', ')}.` + didYouMean(suggestions),
        { allowed: [...param.values], suggestions });
    }
    // the same validators the implementations use, so authoring time and run time agree
    if (param.literal === 'regex') {
      const error = isValidRegex(arg.value);
      if (error !== undefined) this.report('expr-invalid-regex', arg.span, `The regular expression in ${where} is not valid: ${error}`);
    }
    if (param.literal === 'dateFormat') {
      const error = isValidDatePattern(arg.value);
      if (error !== undefined) this.report('expr-invalid-date-format', arg.span, `Invalid date format in ${where}: ${error}`);
    }
  }

  private unary(node: UnaryExpr): ExprType {
    const type = this.visit(node.operand);
    if (node.op === '!') return 'boolean';
    if (NOT_ARITHMETIC.has(type)) this.operandError(node.op, node.operand, type);
    return 'number';
  }

  private binary(node: BinaryExpr): ExprType {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    switch (node.op) {
      case '+': {
        if (left === 'string' || right === 'string') return 'string';
        if (left === 'any' || right === 'any') {
          // the unknown side may be a string, making it a concatenation
          return 'any';
        }
        this.arithmeticOperands(node, left, right);
        return 'number';
      }
      case '-':
      case '*':
      case '/':
      case '%':
        this.arithmeticOperands(node, left, right);
        return 'number';
      case '<':
      case '<=':
      case '>':
      case '>=':
        if (NOT_COMPARABLE.has(left)) this.operandError(node.op, node.left, left);
        else if (NOT_COMPARABLE.has(right)) this.operandError(node.op, node.right, right);
        return 'boolean';
      case '==':
      case '!=':
      case '&&':
      case '||':
        return 'boolean';
    }
  }

  private arithmeticOperands(node: BinaryExpr, left: ExprType, right: ExprType): void {
    if (NOT_ARITHMETIC.has(left)) this.operandError(node.op, node.left, left);
    else if (NOT_ARITHMETIC.has(right)) this.operandError(node.op, node.right, right);
  }

  private operandError(op: string, operand: Expr, type: ExprType): void {
    this.report('expr-operand-type', operand.span, `Operator ${op} cannot be applied to ${this.show(operand)}, which is ${TYPE_LABEL[type]}.`, { actual: type });
  }
}

/** For scopes without `failure`: the first prefix `resolve` does not know. */
function firstUnresolved(scope: FieldScope, path: readonly string[]): FieldPathFailure {
  let i = 0;
  while (i < path.length - 1 && scope.resolve(path.slice(0, i + 1))) i++;
  return { segment: i, candidates: scope.candidates(path.slice(0, i + 1)), reason: 'unknown' };
}

/** Methods have plain parameter lists (no repeating groups). */
function methodArgCount(method: MethodSpec, count: number): string | undefined {
  const { min, max } = arityOf({ params: method.params });
  if (count >= min && count <= max) return undefined;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const expected = min === max ? plural(min) : count < min ? `at least ${plural(min)}` : `at most ${plural(max)}`;
  return `${method.name}() expects ${expected}, got ${count}`;
}

/** The method overload for a receiver's static type; 'any'/'null' receivers take the first. */
export function pickMethod(candidates: readonly MethodSpec[], receiver: ExprType): MethodSpec | undefined {
  if (receiver === 'any' || receiver === 'null') return candidates[0];
  return (
    candidates.find((m) => m.receiver === receiver || m.receiver === 'any') ??
    candidates.find((m) => ACCEPTS[m.receiver].has(receiver) && (receiver === 'object' || receiver === 'map' || receiver === 'date' || receiver === 'datetime'))
  );
}
