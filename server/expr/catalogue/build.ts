/** Small constructors that keep the category tables readable. */
import type { ExprType } from '../types';
import type { ParamSpec, Value } from './spec';
import { isNull } from './values';

export function param(name: string, type: ExprType | readonly ExprType[], doc: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, type, doc, ...extra };
}

export function optional(name: string, type: ExprType | readonly ExprType[], doc: string, defaultText?: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, type, doc, optional: true, ...(defaultText === undefined ? {} : { default: defaultText }), ...extra };
}

export function variadic(name: string, type: ExprType | readonly ExprType[], doc: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { name, type, doc, variadic: true, ...extra };
}

/** A date argument: a ZonedDateTime, a date string (read with the implicit formats) or epoch milliseconds. */
export const DATE_INPUT: readonly ExprType[] = ['datetime', 'date', 'string', 'number'];

/** True when any of the first `n` arguments is null or missing: most functions then return null. */
export function anyNull(args: readonly Value[], n: number): boolean {
  for (let i = 0; i < n; i++) if (isNull(args[i])) return true;
  return false;
}
