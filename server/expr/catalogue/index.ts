/**
 * The Data Prep function catalogue: one typed table that the checker, the compiler,
 * completion, hover and signature help all read, so they can never disagree.
 * Each category lives in its own file and exports an array of FunctionSpec.
 */
import type { FunctionSpec, MethodSpec } from './spec';
import { stringFunctions, stringMethods } from './strings';

export type { FunctionSpec, MethodSpec, ParamSpec, Value, EvalContext, FunctionCategory } from './spec';
export { FunctionError } from './spec';

/** Every category, in the order the reference lists them. */
const ALL_FUNCTIONS: readonly (readonly FunctionSpec[])[] = [stringFunctions];
const ALL_METHODS: readonly (readonly MethodSpec[])[] = [stringMethods];

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
}

/** A catalogue with every function of reference/aep.md §2.4. Cheap; callers keep their own. */
export function createCatalogue(): FunctionCatalogue {
  return new FunctionCatalogue(ALL_FUNCTIONS.flat(), ALL_METHODS.flat());
}
