/**
 * Expression mappings: analysed by the expression engine against the source object's
 * fields, with the problems moved from expression offsets to document offsets. Results
 * are memoised by (expression text, context), since a keystroke changes one expression
 * while the other 999 stay the same.
 */
import type { LocatedText } from '../dataflow/model';
import { analyzeExpression, type ExpressionAnalysis } from '../expr';
import type { ExprType } from '../expr/types';
import { problem, type Problem } from '../util/problems';
import type { XdmField } from '../xdm/schema';
import { xdmToExprType } from '../xdm/schema';
import type { SourceType } from './compatibility';
import type { DataflowContext } from './context';
import { describeFieldScope } from './fieldScope';
import { textSpan } from './paths';

const MAX_MEMO = 20_000;

export class ExpressionChecker {
  private memo = new Map<string, ExpressionAnalysis>();
  private memoKey = '';

  analyse(text: string, ctx: DataflowContext, expected?: ExprType): ExpressionAnalysis {
    if (ctx.key !== this.memoKey || this.memo.size > MAX_MEMO) {
      this.memo = new Map();
      this.memoKey = ctx.key;
    }
    const k = `${expected ?? ''}\u0000${text}`;
    let a = this.memo.get(k);
    if (!a) {
      const fields = ctx.object ? describeFieldScope(ctx.object, ctx.lookup) : undefined;
      a = analyzeExpression(text, { catalogue: ctx.catalogue, ...(fields ? { fields } : {}), variables: ['CRM_ORG_ID'], ...(expected ? { expectedType: expected } : {}) });
      this.memo.set(k, a);
    }
    return a;
  }

  /** Adds the expression's problems at document offsets and returns its static type. */
  check(expr: LocatedText, ctx: DataflowContext, target: XdmField | undefined, problems: Problem[]): SourceType | undefined {
    const a = this.analyse(expr.value, ctx, target ? xdmToExprType(target) : undefined);
    let errors = false;
    for (const p of a.problems) {
      const moved = problem(p.code, textSpan(expr, p.span.start, p.span.end), p.message, p.data);
      problems.push(moved);
      if (p.severity === 'error') errors = true;
    }
    return errors ? undefined : { type: a.type };
  }
}
