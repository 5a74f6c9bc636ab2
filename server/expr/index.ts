/**
 * The expression language service: analyse (parse + check) for the editor and the
 * validator, compile for runs. Entry points never throw for any input text.
 */
import { problem, type Problem, type Span } from '../util/problems';
import type { Expr } from './ast';
import type { FunctionCatalogue } from './catalogue';
import { checkExpression, type CheckOptions, type FieldRef } from './checker';
import { compileExpression, type CompiledExpression } from './compiler';
import { parseExpression } from './parser';
import type { ExprType } from './types';

export type { FieldInfo, FieldScope, FieldPathFailure, CheckOptions, FieldRef } from './checker';
export type { RuntimeWarning, EvalResult, CompiledExpression } from './compiler';
export type { Expr, NodeAtResult } from './ast';
export type { Token, TokenKind } from './lexer';
export type { Span };
export { tokenize } from './lexer';
export { nodeAt } from './ast';
export { compileExpression } from './compiler';
export { MAX_EXPRESSION_LENGTH, DEFAULT_VARIABLES } from './checker';

export interface ExpressionAnalysis {
  ast: Expr;
  type: ExprType;
  problems: Problem[];
  fieldRefs: FieldRef[];
  /** the inferred type of every node of `ast`, for hover */
  nodeTypes: ReadonlyMap<Expr, ExprType>;
}

/** Parses and checks `text`; spans are relative to `text`. */
export function analyzeExpression(text: string, opts: CheckOptions): ExpressionAnalysis {
  try {
    const parsed = parseExpression(text);
    const checked = checkExpression(parsed.ast, text, opts);
    return {
      ast: parsed.ast,
      type: checked.type,
      problems: [...parsed.problems, ...checked.problems],
      fieldRefs: checked.fieldRefs,
      nodeTypes: checked.nodeTypes,
    };
  } catch (e) {
    // a bug in the checker (or a throwing FieldScope) must not take down the caller
    const span = { start: 0, end: text.length };
    const ast: Expr = { kind: 'error', span, children: [] };
    return {
      ast,
      type: 'any',
      problems: [problem('expr-syntax', span, `The expression could not be analysed: ${e instanceof Error ? e.message : String(e)}`)],
      fieldRefs: [],
      nodeTypes: new Map([[ast, 'any']]),
    };
  }
}

/** Analyses and compiles `text`; `compiled` is undefined when there is any error. */
export function compileText(text: string, catalogue: FunctionCatalogue): { compiled?: CompiledExpression; problems: Problem[] } {
  const analysis = analyzeExpression(text, { catalogue });
  if (analysis.problems.some((p) => p.severity === 'error')) return { problems: analysis.problems };
  return { compiled: compileExpression(analysis.ast, catalogue), problems: analysis.problems };
}
