/** The source section beyond references: the incremental (delta) column. */
import type { DataflowModel } from '../dataflow/model';
import { didYouMean, suggestionText } from '../util/didYouMean';
import { problem, type Problem } from '../util/problems';
import type { DataflowContext } from './context';

export function checkSource(model: DataflowModel, ctx: DataflowContext, problems: Problem[]): void {
  const inc = model.source?.incremental;
  const obj = ctx.object;
  if (!inc || !obj) return;
  const f = obj.field(inc.value);
  if (!f) {
    const dates = [...obj.fields.values()].filter((x) => x.type === 'datetime' || x.type === 'date').map((x) => x.name);
    const sug = didYouMean(inc.value, dates);
    problems.push(problem('incremental-field', inc.span, `'${obj.name}' has no field '${inc.value}' to load incrementally by.${suggestionText(sug)}`, { suggestions: sug }));
  } else if (f.type !== 'datetime' && f.type !== 'date') {
    problems.push(problem('incremental-field', inc.span, `'${inc.value}' is a ${f.type} field; the delta column must be a date/time field such as SystemModstamp.`));
  }
}
