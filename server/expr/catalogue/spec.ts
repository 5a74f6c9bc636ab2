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
  /**
   * the last parameter (or a repeating group, see FunctionSpec.repeat) may repeat; it must
   * occur at least once unless it is also optional
   */
  variadic?: boolean;
  /** when the argument is a literal it must be one of these (case-insensitive), e.g. charsets */
  values?: readonly string[];
  /** a literal argument is checked as this kind of pattern at authoring time */
  literal?: 'regex' | 'dateFormat';
  /** how the default of an optional parameter is shown, e.g. '","' or 'true' */
  default?: string;
}

/**
 * Another way to call the same function, shown by signature help (e.g. the three forms
 * of object_to_map). The spec's own `params` stay the most general form, which the
 * checker uses for arity.
 */
export interface FunctionOverload {
  params: readonly ParamSpec[];
  /** as FunctionSpec.repeat */
  repeat?: number;
  /** what this form does differently */
  doc: string;
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
  /**
   * Whether the current source record has a value at `path` (dot path, `\.` escapes a dot,
   * `[n]` indexes). contains_key()/is_set() need it; without it they raise a FunctionError.
   */
  readonly hasPath?: (path: string) => boolean;
}

/** Thrown by an implementation for bad input; the attribute becomes null with a warning. */
export class FunctionError extends Error {
  /** the function that raised it, when known (the message itself does not repeat it) */
  readonly functionName: string | undefined;

  constructor(message: string, functionName?: string) {
    super(message);
    this.name = 'FunctionError';
    this.functionName = functionName;
  }
}

export interface FunctionSpec {
  name: string;
  category: FunctionCategory;
  params: readonly ParamSpec[];
  /**
   * For functions taking repeated pairs (to_object(K1, V1, K2, V2...), decode(...)):
   * how many params form the repeating group. The group is the run of params marked
   * `variadic`; it occurs at least once unless its params are optional. Optional params
   * may follow the group (decode's trailing DEFAULT). Use arityOf()/checkArgCount()/
   * paramAt() from ./signature rather than re-deriving this.
   */
  repeat?: number;
  /** overrides the argument count derived from params (rarely needed) */
  arity?: { readonly min: number; readonly max: number };
  /** other forms of the call, for signature help */
  overloads?: readonly FunctionOverload[];
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
  examples?: readonly { call: string; result: Value | string }[];
  pure?: boolean;
  impl(receiver: Value, args: Value[], ctx: EvalContext): Value;
}
