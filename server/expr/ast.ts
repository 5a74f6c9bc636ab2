/**
 * The syntax tree of a Data Prep expression. Every node has a span relative to the
 * expression text; the parser always produces a tree, with `error` nodes where the
 * text could not be parsed (their children keep what could be salvaged).
 */
import type { Span } from '../util/problems';
import type { TemplateVariable } from './lexer';

export type { Span };
export type { TemplateVariable };

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
export type UnaryOperator = '!' | '-';

interface NodeBase {
  span: Span;
}

export interface StringLiteral extends NodeBase {
  kind: 'string';
  value: string;
  /** ${NAME} placeholders inside the literal, substituted at run time */
  variables: readonly TemplateVariable[];
}

export interface NumberLiteral extends NodeBase {
  kind: 'number';
  value: number;
}

export interface BooleanLiteral extends NodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface NullLiteral extends NodeBase {
  kind: 'null';
}

/** `[a, b, c]` */
export interface ArrayLiteral extends NodeBase {
  kind: 'array';
  elements: Expr[];
  /** offsets of the commas between elements */
  commas: number[];
}

export interface FieldSegment {
  /** unescaped name */
  name: string;
  span: Span;
  /** written inside ${...} */
  quoted: boolean;
}

/** A source field: `FirstName`, `Account.Name`, `${Odd Name}`, `a\.b`. */
export interface FieldExpr extends NodeBase {
  kind: 'field';
  path: string[];
  segments: FieldSegment[];
}

/** Property access on a computed value: `str_to_object(s).k`, `emails[0].address`. */
export interface MemberExpr extends NodeBase {
  kind: 'member';
  object: Expr;
  name: string;
  nameSpan: Span;
}

export interface IndexExpr extends NodeBase {
  kind: 'index';
  object: Expr;
  index: Expr;
}

interface Invocation extends NodeBase {
  name: string;
  nameSpan: Span;
  args: Expr[];
  /** offset of `(` */
  open: number;
  /** offset of `)`; undefined when it is missing */
  close: number | undefined;
  /** offsets of the commas between arguments */
  commas: number[];
}

export interface CallExpr extends Invocation {
  kind: 'call';
}

export interface MethodCallExpr extends Invocation {
  kind: 'method';
  receiver: Expr;
}

export interface UnaryExpr extends NodeBase {
  kind: 'unary';
  op: UnaryOperator;
  opSpan: Span;
  operand: Expr;
}

export interface BinaryExpr extends NodeBase {
  kind: 'binary';
  op: BinaryOperator;
  opSpan: Span;
  left: Expr;
  right: Expr;
}

export interface ConditionalExpr extends NodeBase {
  kind: 'conditional';
  test: Expr;
  consequent: Expr;
  alternate: Expr;
}

/** `( expression )`; the span includes the parentheses. */
export interface GroupExpr extends NodeBase {
  kind: 'group';
  expression: Expr;
}

/** Text that could not be parsed; children are the parts that could. */
export interface ErrorExpr extends NodeBase {
  kind: 'error';
  children: Expr[];
}

export type Expr =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | ArrayLiteral
  | FieldExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | MethodCallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | GroupExpr
  | ErrorExpr;

/** The direct children of a node, in source order. */
export function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'field':
      return [];
    case 'array':
      return node.elements;
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return node.args;
    case 'method':
      return [node.receiver, ...node.args];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'group':
      return [node.expression];
    case 'error':
      return node.children;
  }
}

export interface NodeAtResult {
  /** from the root to the innermost node whose span contains the offset (ends inclusive) */
  nodes: Expr[];
  /** the innermost call or method call whose parentheses enclose the offset */
  call?: { node: CallExpr | MethodCallExpr; argumentIndex: number };
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * The innermost node at `offset` (for completion, hover and signature help). The
 * parser bounds the tree height, so the walk is short; it is a loop, not recursion.
 */
export function nodeAt(ast: Expr, offset: number): NodeAtResult {
  const nodes: Expr[] = [];
  let current: Expr | undefined = contains(ast.span, offset) ? ast : undefined;
  while (current) {
    nodes.push(current);
    let inner: Expr | undefined;
    for (const child of childrenOf(current)) {
      if (contains(child.span, offset)) {
        inner = child;
        // a zero-width error node at a boundary loses to a real neighbour
        if (child.span.end > child.span.start) break;
      }
    }
    current = inner;
  }
  const result: NodeAtResult = { nodes };
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if ((node.kind === 'call' || node.kind === 'method') && node.open < offset && (node.close === undefined || offset <= node.close)) {
      let argumentIndex = 0;
      for (const comma of node.commas) if (comma < offset) argumentIndex++;
      result.call = { node, argumentIndex };
      break;
    }
  }
  return result;
}
