/** A STATIC mapping's constant must fit its target: type, enum, pattern, length, range. */
import type { Located } from '../dataflow/model';
import { problem, type Problem } from '../util/problems';
import type { XdmField } from '../xdm/schema';
import { targetLabel } from './compatibility';
import { parseDateImplicit, stringToBoolean, toXdmNumber } from '../expr/catalogue/conversions';
import { mayBacktrackBadly } from '../util/backtracking';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function checkStaticValue(v: Located<string | number | boolean | null>, f: XdmField, problems: Problem[]): void {
  const value = v.value;
  if (value === null) return;
  const bad = (why: string) => problems.push(problem('static-value-invalid', v.span, `The constant ${JSON.stringify(value)} does not fit ${targetLabel(f)} '${f.path}': ${why}.`));
  const x = f.xdmType;
  const s = String(value);
  if (['number', 'integer', 'long', 'int', 'short', 'byte'].includes(x)) {
    // the run-time conversion's own rules (server/ingest/mapper.ts), so both agree
    const r = toXdmNumber(value, x);
    if (!r.ok) return void bad(r.why.replace(/^is /, ''));
    const n = r.value;
    if (f.minimum !== undefined && n < f.minimum) return void bad(`below the minimum ${f.minimum}`);
    if (f.maximum !== undefined && n > f.maximum) return void bad(`above the maximum ${f.maximum}`);
  } else if (x === 'boolean') {
    // exactly AEP's table (reference/aep.md §2.5): `Yes` or `True` are not booleans at run time
    if (typeof value !== 'boolean' && stringToBoolean(s) === undefined) return void bad('not a boolean');
  } else if (x === 'date' || (x === 'string' && f.format === 'date')) {
    if (!ISO_DATE.test(s) || !parseDateImplicit(s)) return void bad('not a yyyy-MM-dd date');
  } else if (x === 'date-time' || (x === 'string' && f.format === 'date-time')) {
    if (!ISO_DATE_TIME.test(s) || !parseDateImplicit(s)) return void bad('not an ISO date-time');
  } else if (x === 'object' || x === 'array' || x === 'map') {
    return void bad('a constant cannot fill a structured field');
  }
  if (f.enum && !f.enum.some((e) => String(e) === s)) return void bad(`not one of ${f.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  // a pattern that could backtrack for minutes on the typed value is left to the run
  if (f.pattern && !mayBacktrackBadly(f.pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(f.pattern, 'u');
    } catch {
      re = undefined;
    }
    if (re && !re.test(s)) return void bad(`does not match the pattern ${f.pattern}`);
  }
  if (f.maxLength !== undefined && s.length > f.maxLength) return void bad(`longer than ${f.maxLength} characters`);
  if (f.minLength !== undefined && s.length < f.minLength) return void bad(`shorter than ${f.minLength} characters`);
}
