/**
 * Error-recovering parser for Data Prep expressions. It always returns a tree (with
 * `error` nodes where needed) plus every problem it found, and never throws: nesting
 * and tree height are bounded so neither the parser nor the tree walkers that follow
 * (checker, compiler) can overflow the stack.
 *
 * Precedence, lowest first (as JEXL): ?: , || , && , == != , < <= > >= , + - , * / % ,
 * unary ! - , postfix . [] ().
 */
import { problem, type Problem, type Span } from '../util/problems';
import type { ProblemCode } from '../util/problemCodes';
import type {
  ArrayLiteral, BinaryOperator, CallExpr, ErrorExpr, Expr, FieldExpr, FieldSegment, MethodCallExpr, UnaryOperator,
} from './ast';
import { childrenOf } from './ast';
import { tokenize, type Token } from './lexer';

export { nodeAt, childrenOf } from './ast';
export type { NodeAtResult } from './ast';

/** Parentheses, calls, brackets and ternaries may nest this deep. */
export const MAX_NESTING = 100;
/** Longest root-to-leaf path in a tree; deeper subtrees are replaced by an error node. */
export const MAX_TREE_HEIGHT = 256;
/** Past this many, further syntax problems of one expression are dropped. */
const MAX_PROBLEMS = 100;

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6,
};

export interface ParseResult {
  ast: Expr;
  problems: Problem[];
  tokens: Token[];
}

export function parseExpression(text: string): ParseResult {
  const tokens = tokenize(text);
  const parser = new Parser(tokens, text.length);
  return { ast: parser.parse(), problems: parser.problems, tokens };
}

function isWordToken(t: Token): boolean {
  return (t.kind === 'operator' || t.kind === 'keyword' || t.kind === 'identifier') && /^[\p{L}_$]/u.test(t.text);
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression';
  const shown = t.text.length > 20 ? t.text.slice(0, 20) + '…' : t.text;
  return `'${shown}'`;
}

class Parser {
  readonly problems: Problem[] = [];
  private pos = 0;
  private depth = 0;
  private tooDeepReported = false;
  private readonly heights = new Map<Expr, number>();

  constructor(private readonly tokens: Token[], private readonly textLength: number) {}

  parse(): Expr {
    if (this.peek().kind === 'eof') {
      this.report('expr-empty', { start: 0, end: this.textLength }, 'The expression is empty.');
      return { kind: 'error', span: { start: 0, end: this.textLength }, children: [] };
    }
    const items: Expr[] = [this.parseExpression()];
    // Anything left over is reported and parsed on, so later calls are still checked.
    while (this.peek().kind !== 'eof') {
      const before = this.pos;
      const t = this.peek();
      this.report('expr-syntax', t.span, `Unexpected ${describe(t)}; expected an operator or the end of the expression.`);
      if (this.isSyncToken(t)) this.advance();
      else items.push(this.parseExpression());
      if (this.pos === before) this.advance();
    }
    if (items.length === 1) return items[0]!;
    return this.errorNode({ start: items[0]!.span.start, end: items[items.length - 1]!.span.end }, items);
  }

  // --- tokens ---

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    if (t.issue) this.report(t.issue.code, t.span, t.issue.message);
    return t;
  }

  /** Invalid characters are reported and skipped wherever they appear. */
  private skipInvalid(): void {
    while (this.tokens[this.pos]!.kind === 'invalid') this.advance();
  }

  private at(kind: Token['kind'], value: string): boolean {
    this.skipInvalid();
    const t = this.peek();
    return t.kind === kind && t.value === value;
  }

  private atPunct(value: string): boolean {
    return this.at('punctuation', value);
  }

  private isSyncToken(t: Token): boolean {
    return t.kind === 'punctuation' && (t.value === ')' || t.value === ']' || t.value === ',' || t.value === ':');
  }

  private previousEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1]!.span.end : 0;
  }

  private report(code: ProblemCode, span: Span, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) return;
    // two recovery paths may notice the same slip
    if (this.problems.some((p) => p.code === code && p.span.start === span.start && p.span.end === span.end)) return;
    this.problems.push(problem(code, span, message));
  }

  // --- node construction (tracks height) ---

  private node<T extends Expr>(n: T): T | ErrorExpr {
    let height = 1;
    for (const child of childrenOf(n)) height = Math.max(height, 1 + (this.heights.get(child) ?? 1));
    if (height > MAX_TREE_HEIGHT) {
      this.reportTooDeep(n.span);
      const flat: ErrorExpr = { kind: 'error', span: n.span, children: [] };
      this.heights.set(flat, 1);
      return flat;
    }
    this.heights.set(n, height);
    return n;
  }

  private errorNode(span: Span, children: Expr[] = []): Expr {
    return this.node<ErrorExpr>({ kind: 'error', span, children });
  }

  private reportTooDeep(span: Span): void {
    if (this.tooDeepReported) return;
    this.tooDeepReported = true;
    this.report('expr-syntax', span, 'The expression is nesting too deep; simplify it.');
  }

  // --- grammar ---

  private parseExpression(): Expr {
    this.skipInvalid();
    if (this.depth >= MAX_NESTING) return this.skipTooDeep();
    this.depth++;
    try {
      return this.parseConditional();
    } finally {
      this.depth--;
    }
  }

  /** Past the nesting limit: skip the balanced rest of this level without recursing. */
  private skipTooDeep(): Expr {
    const start = this.peek().span.start;
    this.reportTooDeep(this.peek().span);
    let balance = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'punctuation') {
        if (t.value === '(' || t.value === '[') balance++;
        else if (t.value === ')' || t.value === ']') {
          if (balance === 0) break;
          balance--;
        } else if ((t.value === ',' || t.value === ':') && balance === 0) break;
      }
      this.advance();
    }
    return this.errorNode({ start, end: Math.max(start, this.previousEnd()) });
  }

  private parseConditional(): Expr {
    const test = this.parseBinary(1);
    if (!this.atPunct('?')) return test;
    this.advance();
    const consequent = this.parseExpression();
    let alternate: Expr;
    if (this.atPunct(':')) {
      this.advance();
      alternate = this.parseExpression();
    } else {
      const t = this.peek();
      this.report('expr-syntax', t.span, `Expected ':' of the conditional (a ? b : c) but found ${describe(t)}.`);
      alternate = this.errorNode({ start: t.span.start, end: t.span.start });
    }
    return this.node({ kind: 'conditional', span: { start: test.span.start, end: alternate.span.end }, test, consequent, alternate });
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      this.skipInvalid();
      const t = this.peek();
      if (t.kind !== 'operator') break;
      const precedence = BINARY_PRECEDENCE[t.value];
      if (precedence === undefined || precedence < minPrecedence) break;
      this.advance();
      const right = this.parseBinary(precedence + 1);
      left = this.node({
        kind: 'binary', op: t.value as BinaryOperator, opSpan: t.span, left, right,
        span: { start: left.span.start, end: right.span.end },
      });
    }
    return left;
  }

  private parseUnary(): Expr {
    const ops: Token[] = [];
    for (;;) {
      this.skipInvalid();
      const t = this.peek();
      if (t.kind === 'operator' && (t.value === '!' || t.value === '-')) ops.push(this.advance());
      else break;
    }
    let operand = this.parsePostfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      operand = this.node({
        kind: 'unary', op: op.value as UnaryOperator, opSpan: op.span, operand,
        span: { start: op.span.start, end: Math.max(op.span.end, operand.span.end) },
      });
    }
    return operand;
  }

  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    for (;;) {
      if (this.atPunct('.')) expr = this.parseMember(expr);
      else if (this.atPunct('[')) expr = this.parseIndex(expr);
      else return expr;
    }
  }

  private parseMember(object: Expr): Expr {
    const dot = this.advance();
    this.skipInvalid();
    const t = this.peek();
    if (t.kind === 'quotedName') {
      this.advance();
      const segments = this.quotedSegments(t);
      if (object.kind === 'field') return this.extendField(object, segments);
      let expr = object;
      for (const s of segments) {
        expr = this.node({ kind: 'member', object: expr, name: s.name, nameSpan: s.span, span: { start: object.span.start, end: t.span.end } });
      }
      return expr;
    }
    if (!isWordToken(t)) {
      this.report('expr-syntax', t.kind === 'eof' ? dot.span : t.span, `Expected a field or method name after '.' but found ${describe(t)}.`);
      return this.errorNode({ start: object.span.start, end: dot.span.end }, [object]);
    }
    this.advance();
    // keywords are fine as method names (`x.size()`) but not as bare field segments
    const name = t.kind === 'identifier' ? t.value : t.text;
    if (this.atPunct('(')) {
      return this.parseInvocation<MethodCallExpr>({ kind: 'method', receiver: object, name, nameSpan: t.span }, object.span.start);
    }
    if (t.kind !== 'identifier') this.reportReserved(t, object.kind === 'field' ? [...object.path, name] : [name]);
    const segment: FieldSegment = { name, span: t.span, quoted: false };
    if (object.kind === 'field') return this.extendField(object, [segment]);
    return this.node({ kind: 'member', object, name: segment.name, nameSpan: t.span, span: { start: object.span.start, end: t.span.end } });
  }

  private extendField(field: FieldExpr, segments: FieldSegment[]): FieldExpr {
    for (const s of segments) {
      field.segments.push(s);
      field.path.push(s.name);
    }
    field.span = { start: field.span.start, end: segments[segments.length - 1]!.span.end };
    const endToken = this.tokens[this.pos - 1];
    if (endToken && endToken.span.end > field.span.end) field.span.end = endToken.span.end;
    return field;
  }

  private parseIndex(object: Expr): Expr {
    const open = this.advance();
    const index = this.atPunct(']') ? this.missingOperand('an index') : this.parseExpression();
    let end = index.span.end;
    if (this.atPunct(']')) end = this.advance().span.end;
    else this.reportUnclosed(open, ']');
    return this.node({ kind: 'index', object, index, span: { start: object.span.start, end: Math.max(end, open.span.end) } });
  }

  private reportUnclosed(open: Token, closer: string): void {
    const t = this.peek();
    if (t.kind === 'eof') this.report('expr-unterminated', open.span, `'${open.value}' is not closed with '${closer}'.`);
    else this.report('expr-syntax', t.span, `Expected '${closer}' but found ${describe(t)}.`);
  }

  private reportReserved(t: Token, path: readonly string[]): void {
    const quoted = path.map((p) => p.replace(/[.\\}]/g, (c) => '\\' + c)).join('.');
    this.report('expr-reserved-word', t.span, `'${t.text}' is a reserved word; to use a field of that name write \${${quoted}}.`);
  }

  private missingOperand(what = 'an expression'): Expr {
    const t = this.peek();
    const message = t.kind === 'eof' ? `The expression ends where ${what} is expected.` : `Expected ${what} but found ${describe(t)}.`;
    this.report('expr-syntax', t.kind === 'eof' ? { start: this.textLength, end: this.textLength } : t.span, message);
    return this.errorNode({ start: t.span.start, end: t.span.start });
  }

  private parsePrimary(): Expr {
    this.skipInvalid();
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.advance();
        return this.node({ kind: 'number', value: t.number ?? Number.NaN, span: t.span });
      case 'string':
        this.advance();
        return this.node({ kind: 'string', value: t.value, variables: t.variables ?? [], span: t.span });
      case 'quotedName':
        this.advance();
        return this.node(this.fieldFromQuoted(t));
      case 'identifier':
        this.advance();
        if (this.atPunct('(')) return this.parseInvocation<CallExpr>({ kind: 'call', name: t.value, nameSpan: t.span }, t.span.start);
        return this.node<FieldExpr>({ kind: 'field', path: [t.value], segments: [{ name: t.value, span: t.span, quoted: false }], span: t.span });
      case 'keyword':
        this.advance();
        if (t.value === 'true' || t.value === 'false') return this.node({ kind: 'boolean', value: t.value === 'true', span: t.span });
        if (t.value === 'null') return this.node({ kind: 'null', span: t.span });
        // `size(x)`, `empty(x)`: parsed as calls so the checker can suggest size_of / is_empty
        if (this.atPunct('(')) return this.parseInvocation<CallExpr>({ kind: 'call', name: t.value, nameSpan: t.span }, t.span.start);
        return this.reservedField(t);
      case 'operator':
        // a word operator where an operand belongs (`eq == 1`) is a field named like a keyword
        if (isWordToken(t) && t.value !== '!') {
          this.advance();
          return this.reservedField(t);
        }
        return this.missingOperand();
      case 'punctuation':
        if (t.value === '(') return this.parseGroup();
        if (t.value === '[') return this.parseArray();
        return this.missingOperand();
      default:
        return this.missingOperand();
    }
  }

  private reservedField(t: Token): Expr {
    this.reportReserved(t, [t.text]);
    return this.node<FieldExpr>({ kind: 'field', path: [t.text], segments: [{ name: t.text, span: t.span, quoted: false }], span: t.span });
  }

  private quotedSegments(t: Token): FieldSegment[] {
    const segments = (t.segments ?? []).map((s) => ({ name: s.name, span: s.span, quoted: true }));
    if (segments.some((s) => s.name === '')) this.report('expr-syntax', t.span, 'A field name in ${...} has an empty part.');
    return segments;
  }

  private fieldFromQuoted(t: Token): FieldExpr {
    const segments = this.quotedSegments(t);
    return { kind: 'field', path: segments.map((s) => s.name), segments, span: t.span };
  }

  private parseGroup(): Expr {
    const open = this.advance();
    const items: Expr[] = [this.atPunct(')') ? this.missingOperand() : this.parseExpression()];
    // `(a b)`: report and keep parsing up to the `)`, so one slip costs one problem
    while (!this.atPunct(')') && this.peek().kind !== 'eof') {
      const t = this.peek();
      const before = this.pos;
      if (this.isSyncToken(t)) {
        this.report('expr-syntax', t.span, `Unexpected ${describe(t)}; expected ')'.`);
        this.advance();
      } else {
        this.report('expr-syntax', t.span, `Expected an operator or ')' but found ${describe(t)}.`);
        items.push(this.parseExpression());
      }
      if (this.pos === before) this.advance();
    }
    const expression = items.length === 1 ? items[0]! : this.errorNode({ start: items[0]!.span.start, end: items[items.length - 1]!.span.end }, items);
    let end = expression.span.end;
    if (this.atPunct(')')) end = this.advance().span.end;
    else this.report('expr-unterminated', open.span, `'(' is not closed with ')'.`);
    return this.node({ kind: 'group', expression, span: { start: open.span.start, end: Math.max(end, open.span.end) } });
  }

  /** Parses `( args )` after a function or method name. */
  private parseInvocation<T extends CallExpr | MethodCallExpr>(
    head: Omit<T, 'args' | 'open' | 'close' | 'commas' | 'span'>,
    start: number,
  ): Expr {
    const open = this.advance();
    const list = this.parseList(open, ')', `'(' of ${head.name}(...) is not closed with ')'.`, 'argument');
    const node = { ...head, args: list.items, open: open.span.start, close: list.close, commas: list.commas, span: { start, end: list.end } } as unknown as T;
    return this.node(node);
  }

  /** `[a, b]`: an array literal, as in JEXL and AEP's examples (`size_of([1, 2])`). */
  private parseArray(): Expr {
    const open = this.advance();
    const list = this.parseList(open, ']', "'[' of the array is not closed with ']'.", 'element');
    return this.node<ArrayLiteral>({ kind: 'array', elements: list.items, commas: list.commas, span: { start: open.span.start, end: list.end } });
  }

  /**
   * Comma-separated expressions after `open` up to `closer`. A missing comma, a missing
   * item or a stray closer is reported and skipped, so the rest is still parsed.
   */
  private parseList(open: Token, closer: ')' | ']', unclosed: string, item: string): { items: Expr[]; commas: number[]; close: number | undefined; end: number } {
    const items: Expr[] = [];
    const commas: number[] = [];
    let close: number | undefined;
    let needItem = true;
    for (;;) {
      if (this.atPunct(closer)) {
        const closing = this.advance();
        if (needItem && commas.length > 0) {
          this.report('expr-syntax', closing.span, `An ${item} is missing after the last comma.`);
          items.push(this.errorNode({ start: closing.span.start, end: closing.span.start }));
        }
        close = closing.span.start;
        break;
      }
      const t = this.peek();
      if (t.kind === 'eof') {
        this.report('expr-unterminated', open.span, unclosed);
        break;
      }
      if (t.kind === 'punctuation' && t.value === ',') {
        if (needItem) {
          this.report('expr-syntax', t.span, `An ${item} is missing before this comma.`);
          items.push(this.errorNode({ start: t.span.start, end: t.span.start }));
        }
        commas.push(this.advance().span.start);
        needItem = true;
        continue;
      }
      if (!needItem) {
        // `f(a b)` or `f(a ]`: report, then carry on as if a comma were there
        if (t.kind === 'punctuation' && (t.value === ']' || t.value === ')' || t.value === ':')) {
          this.report('expr-syntax', t.span, `Unexpected ${describe(t)}; expected ',' or '${closer}'.`);
          this.advance();
          continue;
        }
        this.report('expr-syntax', t.span, `Expected ',' or '${closer}' but found ${describe(t)}.`);
      }
      const before = this.pos;
      items.push(this.parseExpression());
      needItem = false;
      if (this.pos === before) this.advance();
    }
    const last = this.tokens[this.pos - 1]!;
    const end = close !== undefined ? close + 1 : Math.max(open.span.end, last.span.end);
    return { items, commas, close, end };
  }
}
