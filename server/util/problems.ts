/**
 * Problems are data: every check in the service returns them instead of throwing.
 * Spans are absolute character offsets into the text the check was given; the LSP
 * adapter turns them into line/character ranges at the edge.
 */
import { ProblemCode, PROBLEM_CODES } from './problemCodes';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  /** inclusive start offset */
  start: number;
  /** exclusive end offset */
  end: number;
}

export interface Problem {
  code: ProblemCode;
  message: string;
  severity: Severity;
  span: Span;
  /** machine-readable extras for quick fixes, e.g. `{ suggestions: ['FirstName'] }` */
  data?: Record<string, unknown>;
  /** other places that explain this problem (e.g. the first of two duplicate mappings) */
  related?: { span: Span; message: string; file?: string }[];
}

export function problem(code: ProblemCode, span: Span, message: string, data?: Record<string, unknown>): Problem {
  const p: Problem = { code, message, severity: PROBLEM_CODES[code].severity, span };
  if (data) p.data = data;
  return p;
}

/** Moves problems found in a sub-text (e.g. an expression) to document offsets. */
export function shiftProblems(problems: readonly Problem[], map: (offset: number) => number): Problem[] {
  return problems.map((p) => ({ ...p, span: { start: map(p.span.start), end: map(p.span.end) } }));
}
