/**
 * The Data Prep function catalogue: one typed table that the checker, the compiler,
 * completion, hover and signature help all read, so they can never disagree.
 * Each category lives in its own file and exports an array of FunctionSpec.
 */
import type { ExprType } from '../types';
import { FunctionError, type FunctionCategory, type FunctionSpec, type MethodSpec } from './spec';
import { aggregationFunctions } from './aggregation';
import { analyticsFunctions } from './analytics';
import { arrayFunctions } from './arrays';
import { conversionFunctions } from './conversion';
import { createDateTimeFunctions } from './datetime';
import { ZoneRules } from './dates/zones';
import { hashingFunctions } from './hashing';
import { jsonFunctions } from './json';
import { logicalFunctions } from './logical';
import { mapFunctions } from './maps';
import { objectFunctions, objectMethods } from './objects';
import { regexFunctions } from './regex';
import { specialFunctions } from './special';
import { stringFunctions, stringMethods } from './strings';
import { urlFunctions } from './url';
import { userAgentFunctions } from './useragent';

export type { FunctionSpec, MethodSpec, ParamSpec, Value, EvalContext, FunctionCategory, FunctionOverload, ZonedDateTimeLike } from './spec';
export { FunctionError } from './spec';

/** Every failure of an implementation leaves it as a FunctionError that names the function. */
function asFunctionError(e: unknown, name: string): FunctionError {
  if (e instanceof FunctionError) return e.functionName ? e : new FunctionError(e.message, name);
  return new FunctionError(`unexpected failure: ${e instanceof Error ? e.message : String(e)}`, name);
}

function guarded(spec: FunctionSpec): FunctionSpec {
  const impl = spec.impl;
  return {
    ...spec,
    impl: (args, ctx) => {
      try {
        return impl(args, ctx);
      } catch (e) {
        throw asFunctionError(e, spec.name);
      }
    },
  };
}

function guardedMethod(spec: MethodSpec): MethodSpec {
  const impl = spec.impl;
  return {
    ...spec,
    impl: (receiver, args, ctx) => {
      try {
        return impl(receiver, args, ctx);
      } catch (e) {
        throw asFunctionError(e, spec.name);
      }
    },
  };
}
export { arityOf, checkArgCount, paramAt, signatureLabel, methodSignatureLabel, typeLabel } from './signature';
export { isValidRegex } from './javaRegex';
export { stringToBoolean, parseDateImplicit, parseDateWithPattern, formatDate, isValidDatePattern, toIsoString } from './conversions';

/**
 * Every category, in the order the reference lists them. Date functions are built per
 * catalogue so they share one time-zone cache (no module-level state).
 */
function allFunctions(zones: ZoneRules): FunctionSpec[] {
  return [
    stringFunctions,
    regexFunctions,
    hashingFunctions,
    urlFunctions,
    createDateTimeFunctions(zones),
    objectFunctions,
    arrayFunctions,
    mapFunctions,
    logicalFunctions,
    aggregationFunctions,
    conversionFunctions,
    jsonFunctions,
    specialFunctions,
    userAgentFunctions,
    analyticsFunctions,
  ].flat();
}
const ALL_METHODS: readonly (readonly MethodSpec[])[] = [stringMethods, objectMethods];

/** Display names of the categories, for completion grouping and docs. */
export const CATEGORY_LABELS: Readonly<Record<FunctionCategory, string>> = {
  string: 'String',
  regex: 'Regular expression',
  hashing: 'Hashing',
  url: 'URL',
  datetime: 'Date and time',
  object: 'Hierarchies - objects',
  array: 'Hierarchies - arrays',
  map: 'Hierarchies - maps',
  logical: 'Logical',
  aggregation: 'Aggregation',
  conversion: 'Type conversion',
  json: 'JSON',
  special: 'Special',
  useragent: 'User agent',
  analytics: 'Adobe Analytics',
};

export class FunctionCatalogue {
  private readonly byName = new Map<string, FunctionSpec>();
  private readonly methodsByName = new Map<string, MethodSpec[]>();

  constructor(readonly functions: readonly FunctionSpec[], readonly methods: readonly MethodSpec[]) {
    for (const f of functions) {
      this.byName.set(f.name, f);
      for (const a of f.aliases ?? []) this.byName.set(a, f);
    }
    for (const m of methods) {
      const list = this.methodsByName.get(m.name) ?? [];
      list.push(m);
      this.methodsByName.set(m.name, list);
    }
  }

  /** The function called `name` (or one of its aliases); names are case-sensitive as in AEP. */
  get(name: string): FunctionSpec | undefined {
    return this.byName.get(name);
  }

  /** Every callable name: function names and aliases. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Methods called `name`, for any receiver type. */
  method(name: string): readonly MethodSpec[] {
    return this.methodsByName.get(name) ?? [];
  }

  /** The method `name` callable on a value of type `receiver` ('any' receivers match every method of that name). */
  methodFor(name: string, receiver: ExprType): MethodSpec | undefined {
    const list = this.method(name);
    return receiver === 'any' ? list[0] : list.find((m) => m.receiver === receiver);
  }

  /** Methods callable on a value of type `receiver`, for completion after a dot. */
  methodsOf(receiver: ExprType): readonly MethodSpec[] {
    return receiver === 'any' ? this.methods : this.methods.filter((m) => m.receiver === receiver);
  }

  /** Functions of one category, in table order. */
  inCategory(category: FunctionCategory): readonly FunctionSpec[] {
    return this.functions.filter((f) => f.category === category);
  }
}

/** A catalogue with every function of reference/aep.md §2.4. Cheap; callers keep their own. */
export function createCatalogue(): FunctionCatalogue {
  return new FunctionCatalogue(allFunctions(new ZoneRules()).map(guarded), ALL_METHODS.flat().map(guardedMethod));
}
