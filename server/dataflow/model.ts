/**
 * The typed model of a dataflow file. Every value carries the span of its YAML scalar
 * (and of its key) so that checks and editor features can point at the exact token.
 * The model is built even from broken files: missing parts are simply undefined.
 */
import type { Span } from '../util/problems';

export interface Located<T> {
  value: T;
  /** span of the value token in the document */
  span: Span;
  /** span of the key token, when the value belongs to a `key: value` pair */
  keySpan?: Span;
}

/** A string scalar whose characters may not map 1:1 to the source (quotes, escapes, block scalars). */
export interface LocatedText extends Located<string> {
  /** document offset of character 0 of `value` when the value appears verbatim in the source */
  base: number;
  /** otherwise: document offset of character i of `value` (length value.length + 1, last = end) */
  offsets?: readonly number[];
}

/** Document offset of character `i` of a located text (i may equal value.length). */
export function offsetIn(t: LocatedText, i: number): number {
  const k = Math.max(0, Math.min(i, t.value.length));
  return t.offsets ? t.offsets[k] : t.base + k;
}

export type MappingKind = 'ATTRIBUTE' | 'EXPRESSION' | 'STATIC' | 'INVALID';

export interface MappingModel {
  kind: MappingKind;
  /** span of the whole sequence item */
  span: Span;
  source?: LocatedText;
  expression?: LocatedText;
  value?: Located<string | number | boolean | null>;
  target?: LocatedText;
  name?: Located<string>;
  description?: Located<string>;
}

export interface IdentityModel {
  span: Span;
  path?: LocatedText;
  namespace?: Located<string>;
  primary?: Located<boolean>;
}

export interface SourceModel {
  keySpan: Span;
  connection?: Located<string>;
  object?: Located<string>;
  where?: LocatedText;
  incremental?: Located<string>;
}

export interface TargetModel {
  keySpan: Span;
  dataset?: Located<string>;
  schema?: Located<string>;
}

export interface ScheduleModel {
  keySpan: Span;
  frequency?: Located<string>;
  interval?: Located<number>;
  startTime?: Located<number | string>;
  backfill?: Located<boolean>;
}

export interface IngestionModel {
  keySpan: Span;
  partialIngestionPercent?: Located<number>;
  errorDiagnostics?: Located<boolean>;
  profile?: Located<boolean>;
  sampleSize?: Located<number>;
}

export interface DataflowModel {
  name?: Located<string>;
  description?: Located<string>;
  source?: SourceModel;
  target?: TargetModel;
  /** span of the `identities:` key, when present */
  identitiesKey?: Span;
  identities: IdentityModel[];
  /** span of the `mappings:` key, when present */
  mappingsKey?: Span;
  mappings: MappingModel[];
  schedule?: ScheduleModel;
  ingestion?: IngestionModel;
}

export function emptyDataflow(): DataflowModel {
  return { identities: [], mappings: [] };
}

// A moved copy of a cached mapping remembers the cached original: equal originals mean equal
// mapping text, so per-mapping results can be reused however far the mapping moved.
const ORIGIN = Symbol('origin');

export function withOrigin<T extends object>(moved: T, original: T): T {
  if (moved !== original) Object.defineProperty(moved, ORIGIN, { value: original, enumerable: false });
  return moved;
}

/** The identity of a mapping's text: the cached original of a moved copy, else itself. */
export function originOf<T extends object>(m: T): T {
  return ((m as Record<symbol, unknown>)[ORIGIN] as T | undefined) ?? m;
}
