/**
 * The shape of one entry of the Data Prep function catalogue. The catalogue is the
 * single source of truth that drives the checker, the evaluator, completion, hover
 * and signature help, so everything those need lives here.
 */
import type { ExprType } from '../types';

export type FunctionCategory =
  | 'string'
  | 'regex'
  | 'hashing'
  | 'url'
  | 'datetime'
  | 'object'
  | 'array'
  | 'map'
  | 'logical'
  | 'aggregation'
  | 'conversion'
  | 'json'
  | 'special'
  | 'useragent'
  | 'analytics';

export interface ParamSpec {
  name: string;
  /** accepted type(s); 'any' accepts everything */
  type: ExprType | readonly ExprType[];
  doc: string;
  optional?: boolean;
  /** the last parameter (or a repeating group, see FunctionSpec.repeat) may repeat */
  variadic?: boolean;
  /** when the argument is a literal it must be one of these (case-insensitive), e.g. charsets */
  values?: readonly string[];
  /** a literal argument is checked as this kind of pattern at authoring time */
  literal?: 'regex' | 'dateFormat';
}

/** Runtime values: JSON-like data plus ZonedDateTime for DT. */
export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | Map<string, Value> | ZonedDateTimeLike;

/** Implemented in the catalogue's date module; declared here so specs can name it. */
export interface ZonedDateTimeLike {
  readonly kind: 'datetime';
  /** epoch milliseconds (UTC instant) */
  readonly epochMs: number;
  /** offset from UTC in minutes at that instant */
  readonly offsetMinutes: number;
  /** IANA zone id or offset id such as 'UTC', 'America/Los_Angeles', '+02:00' */
  readonly zone: string;
}

export interface EvalContext {
  /** the instant `now()`/`timestamp()` return; fixed per run so a run is reproducible */
  readonly nowMs: number;
  /** `${NAME}` substitutions in string literals, e.g. CRM_ORG_ID */
  readonly variables: Readonly<Record<string, string>>;
}

/** Thrown by an implementation for bad input; the attribute becomes null with a warning. */
export class FunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionError';
  }
}

export interface FunctionSpec {
  name: string;
  category: FunctionCategory;
  params: readonly ParamSpec[];
  /**
   * For functions taking repeated pairs (to_object(K1, V1, K2, V2...), decode(...)):
   * how many trailing params form the repeating group.
   */
  repeat?: number;
  returns: ExprType;
  /** one line, shown in completion and hover */
  doc: string;
  /** documented example, the first tests use it as the expected value */
  examples?: readonly { call: string; result: Value | string }[];
  /** other names of the same function, e.g. lcase for lower */
  aliases?: readonly string[];
  /** set when AEP lists it but it cannot run in source ingestion (Analytics, destinations) */
  unsupported?: string;
  /** set with the replacement when AEP deprecated it */
  deprecated?: string;
  /** pure: same input, same output (now(), uuid() are not) */
  pure?: boolean;
  impl(args: Value[], ctx: EvalContext): Value;
}

/** A method called on a value with `receiver.method(args)`, e.g. `"a".equalsIgnoreCase(b)`. */
export interface MethodSpec {
  name: string;
  receiver: ExprType;
  params: readonly ParamSpec[];
  returns: ExprType;
  doc: string;
  impl(receiver: Value, args: Value[], ctx: EvalContext): Value;
}
