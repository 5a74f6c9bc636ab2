/** The describe cache seen as the expression checker's field scope. */
import type { FieldPathFailure, FieldScope } from '../expr';
import { exprTypeOfField, resolveFieldPath, type DescribeLookup, type SObjectIndex } from '../salesforce/describeIndex';

export function describeFieldScope(object: SObjectIndex, lookup: DescribeLookup): FieldScope {
  return {
    resolve(path) {
      const r = resolveFieldPath(object, path, lookup);
      if (!r.ok) return undefined;
      return { type: exprTypeOfField(r.resolved.field), detail: r.resolved.field.type };
    },
    candidates(path) {
      const r = resolveFieldPath(object, path, lookup);
      return r.ok ? [] : r.candidates;
    },
    // the same resolution as `source:` mappings, so both point at the same segment
    failure(path): FieldPathFailure | undefined {
      const r = resolveFieldPath(object, path, lookup);
      if (r.ok) return undefined;
      return { segment: r.segment, candidates: r.candidates, reason: r.reason === 'object-unavailable' ? 'unavailable' : r.reason };
    },
  };
}
