/**
 * Reading a FunctionSpec's parameter list: argument counts (with repeating groups such as
 * to_object's KEY, VALUE pairs and decode's trailing DEFAULT), which parameter an argument
 * stands for, and the signature text shown by hover and signature help.
 */
import { TYPE_LABEL, type ExprType } from '../types';
import type { FunctionSpec, MethodSpec, ParamSpec } from './spec';

interface Shape {
  before: readonly ParamSpec[];
  group: readonly ParamSpec[];
  after: readonly ParamSpec[];
  repeat: number;
  groupOptional: boolean;
}

function shapeOf(params: readonly ParamSpec[], repeat: number | undefined): Shape {
  const first = params.findIndex((p) => p.variadic);
  if (first === -1) return { before: params, group: [], after: [], repeat: 0, groupOptional: true };
  let end = first;
  while (end < params.length && params[end]!.variadic) end++;
  const group = params.slice(first, end);
  return { before: params.slice(0, first), group, after: params.slice(end), repeat: repeat ?? group.length, groupOptional: group.every((p) => p.optional) };
}

const required = (ps: readonly ParamSpec[]): number => ps.filter((p) => !p.optional).length;

/** Fewest and most arguments a call may pass (max is Infinity for variadic functions). */
export function arityOf(spec: Pick<FunctionSpec, 'params' | 'repeat' | 'arity'>): { min: number; max: number } {
  if (spec.arity) return spec.arity;
  const s = shapeOf(spec.params, spec.repeat);
  if (s.group.length === 0) return { min: required(spec.params), max: spec.params.length };
  return { min: required(s.before) + (s.groupOptional ? 0 : s.repeat) + required(s.after), max: Infinity };
}

/** How many arguments of `argCount` fall after the repeating group (undefined: no valid split). */
function trailingCount(s: Shape, argCount: number): number | undefined {
  const rest = argCount - s.before.length;
  const minGroups = s.groupOptional ? 0 : 1;
  for (let extra = s.after.length; extra >= required(s.after); extra--) {
    const inGroup = rest - extra;
    if (inGroup >= minGroups * s.repeat && inGroup % s.repeat === 0) return extra;
  }
  return undefined;
}

/** undefined when `argCount` arguments fit the spec, otherwise a message for the user. */
export function checkArgCount(spec: FunctionSpec, argCount: number): string | undefined {
  const name = spec.name;
  const { min, max } = arityOf(spec);
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (min === max && argCount !== min) return `${name}() expects ${plural(min)}, got ${argCount}`;
  if (argCount < min) return `${name}() expects at least ${plural(min)}, got ${argCount}`;
  if (argCount > max) return `${name}() expects at most ${plural(max)}, got ${argCount}`;
  if (spec.arity) return undefined;
  const s = shapeOf(spec.params, spec.repeat);
  if (s.repeat > 1 && trailingCount(s, argCount) === undefined) {
    return `${name}() expects ${s.group.map((p) => p.name).join(', ')} in groups of ${s.repeat}, got ${argCount} argument${argCount === 1 ? '' : 's'}`;
  }
  return undefined;
}

/** The parameter the argument at `index` stands for; pass `argCount` when the call is complete. */
export function paramAt(spec: Pick<FunctionSpec, 'params' | 'repeat'>, index: number, argCount?: number): ParamSpec | undefined {
  const s = shapeOf(spec.params, spec.repeat);
  if (index < s.before.length) return s.before[index];
  if (s.group.length === 0) return undefined;
  const trailing = argCount === undefined ? 0 : trailingCount(s, argCount) ?? 0;
  const groupEnd = argCount === undefined ? Infinity : argCount - trailing;
  if (index < groupEnd) return s.group[(index - s.before.length) % s.repeat];
  return s.after[index - groupEnd];
}

export function typeLabel(type: ExprType | readonly ExprType[]): string {
  return typeof type === 'string' ? TYPE_LABEL[type] : type.map((t) => TYPE_LABEL[t]).join(' | ');
}

function paramLabel(p: ParamSpec, suffix = ''): string {
  return `${p.name}${suffix}${p.optional ? '?' : ''}: ${typeLabel(p.type)}${p.variadic && !suffix ? '...' : ''}`;
}

/** "instr(INPUT: STRING, SUBSTRING: STRING, START_POSITION?: NUMBER, OCCURRENCE?: NUMBER): NUMBER" */
export function signatureLabel(name: string, spec: Pick<FunctionSpec, 'params' | 'repeat' | 'returns'>): string {
  const s = shapeOf(spec.params, spec.repeat);
  const parts = s.before.map((p) => paramLabel(p));
  if (s.group.length > 0) {
    if (s.repeat > 1) parts.push(...s.group.map((p) => paramLabel(p, '1')), '...');
    else parts.push(...s.group.map((p) => paramLabel(p)));
  }
  parts.push(...s.after.map((p) => paramLabel(p)));
  return `${name}(${parts.join(', ')}): ${TYPE_LABEL[spec.returns]}`;
}

/** "STRING.equalsIgnoreCase(STRING2: STRING): BOOLEAN" */
export function methodSignatureLabel(m: MethodSpec): string {
  return `${TYPE_LABEL[m.receiver]}.${m.name}(${m.params.map((p) => paramLabel(p)).join(', ')}): ${TYPE_LABEL[m.returns]}`;
}
