/**
 * The path index of one resolved XDM schema: every field by dot path, with its XDM type,
 * constraints and where it is defined. Built by `loadXdmSchema` (load.ts); read by
 * mapping validation, completion, hover, go-to-definition and the record validator.
 *
 * Paths: segments joined by '.', no `properties` segments, no array indices. Fields inside
 * array items are indexed under the array's own path (`personComponents.workEmail.address`),
 * the way Adobe's template mappings write them; lookups also accept `arr[0].x` / `arr[*].x`.
 * Map fields (`meta:xdmType: map`, e.g. `identityMap`) are leaves: their keys are data.
 */
import type { ExprType } from '../expr/types';
import type { Span } from '../util/problems';

export type XdmType =
  | 'string' | 'number' | 'integer' | 'long' | 'int' | 'short' | 'byte' | 'boolean'
  | 'date' | 'date-time' | 'object' | 'array' | 'map';

export const XDM_TYPES: readonly XdmType[] = [
  'string', 'number', 'integer', 'long', 'int', 'short', 'byte', 'boolean',
  'date', 'date-time', 'object', 'array', 'map',
];

export type JsonSchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export type XdmEnumValue = string | number | boolean;

export interface XdmField {
  /** dot path without indices, e.g. `person.name.firstName` */
  readonly path: string;
  /** last segment of the path */
  readonly name: string;
  /** path of the enclosing field; '' for root fields */
  readonly parentPath: string;
  readonly xdmType: XdmType;
  readonly jsonType: JsonSchemaType;
  readonly format?: string;
  /** listed in its parent's `required` (see `XdmSchema.requiredPaths` for required-from-root) */
  readonly required: boolean;
  readonly enum?: readonly XdmEnumValue[];
  /** `meta:enum`: suggested values with display labels (not enforced) */
  readonly metaEnum?: Readonly<Record<string, string>>;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly title?: string;
  readonly description?: string;
  /** no indexed sub-fields (scalars, maps, arrays of scalars, objects without properties) */
  readonly isLeaf: boolean;
  readonly isArray: boolean;
  /** for arrays: the XDM type of the items */
  readonly itemXdmType?: XdmType;
  /** true when some ancestor is an array, so the field repeats per item */
  readonly inArray: boolean;
  /**
   * The property's key in the schema text, without quotes (go-to-definition target); for
   * fields reached through `$ref` it is the key inside the referenced definition. Computed
   * on first access (a getter), so it is not copied by object spread.
   */
  readonly definitionSpan?: Span;
}

export interface XdmSchemaInfo {
  /** `$id`, else the uri given to the loader, else '' */
  id: string;
  title: string;
  description?: string;
  /** `version` as a string; '' when absent */
  version: string;
  /** `meta:class` */
  metaClass?: string;
  /** where the schema text came from, when the loader was told */
  uri?: string;
  /** hash of the schema text; with id + version it keys compiled validators */
  contentHash: string;
  /** the schema text without surrounding whitespace: the root object */
  rootSpan: Span;
}

/** A plain JSON Schema (no $ref/allOf/meta:*) describing valid records; what ajv compiles. */
export type ValidationSchema = Readonly<Record<string, unknown>>;

const INDEX_PATTERN = /\[(?:\d+|\*)?\]/g;

/** Removes array indices: `a[0].b[*].c` → `a.b.c`. */
export function stripIndices(path: string): string {
  return path.includes('[') ? path.replace(INDEX_PATTERN, '') : path;
}

export class XdmSchema {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly version: string;
  readonly metaClass?: string;
  readonly uri?: string;
  readonly contentHash: string;
  readonly rootSpan: Span;
  readonly fields: ReadonlyMap<string, XdmField>;
  private readonly childrenByParent: ReadonlyMap<string, readonly XdmField[]>;
  private readonly buildValidationSchema: () => ValidationSchema;
  private validationCache: ValidationSchema | undefined;
  private requiredCache: readonly string[] | undefined;
  private leafCache: readonly XdmField[] | undefined;

  /**
   * `fields` in document order, parents before children. `validationSchema` is built on
   * first use: only ingestion needs it, and the editor should not pay for it.
   */
  constructor(info: XdmSchemaInfo, fields: readonly XdmField[], validationSchema: ValidationSchema | (() => ValidationSchema)) {
    this.id = info.id;
    this.title = info.title;
    if (info.description !== undefined) this.description = info.description;
    this.version = info.version;
    if (info.metaClass !== undefined) this.metaClass = info.metaClass;
    if (info.uri !== undefined) this.uri = info.uri;
    this.contentHash = info.contentHash;
    this.rootSpan = info.rootSpan;
    this.buildValidationSchema = typeof validationSchema === 'function' ? validationSchema : () => validationSchema;
    const byPath = new Map<string, XdmField>();
    const children = new Map<string, XdmField[]>();
    for (const field of fields) {
      byPath.set(field.path, field);
      let siblings = children.get(field.parentPath);
      if (!siblings) children.set(field.parentPath, (siblings = []));
      siblings.push(field);
    }
    this.fields = byPath;
    this.childrenByParent = children;
  }

  /** A plain JSON Schema (no $ref/allOf/meta:*) that valid records satisfy; what ajv compiles. */
  get validationSchema(): ValidationSchema {
    return (this.validationCache ??= this.buildValidationSchema());
  }

  /** The field at `path`; array indices (`[0]`, `[*]`) are ignored. */
  get(path: string): XdmField | undefined {
    return this.fields.get(path) ?? this.fields.get(stripIndices(path));
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** Direct sub-fields of `path` ('' = root), in schema order; [] for leaves and unknown paths. */
  children(path: string): readonly XdmField[] {
    return this.childrenByParent.get(stripIndices(path)) ?? [];
  }

  /**
   * Paths a record must always contain, in schema order.
   *
   * Rule: a field is required-from-root when it and every ancestor are listed in their
   * parent's `required` and no ancestor is an array (array items may be absent, so fields
   * inside them are only required per item). A required field under an optional parent is
   * only required when the parent is present, so it is not listed. Of the required-from-root
   * fields, only the deepest are returned: a required object is implied by its required
   * sub-fields (`b2b.personKey.sourceKey` stands for `b2b` and `b2b.personKey`), while a
   * required object with no required sub-field is listed itself.
   */
  requiredPaths(): readonly string[] {
    if (this.requiredCache) return this.requiredCache;
    const out: string[] = [];
    const visit = (parentPath: string): void => {
      for (const field of this.children(parentPath)) {
        if (!field.required) continue;
        const before = out.length;
        if (!field.isArray) visit(field.path);
        if (out.length === before) out.push(field.path);
      }
    };
    visit('');
    this.requiredCache = out;
    return out;
  }

  /** All leaf fields, in schema order. */
  leaves(): readonly XdmField[] {
    if (!this.leafCache) this.leafCache = [...this.fields.values()].filter((f) => f.isLeaf);
    return this.leafCache;
  }
}

const NUMERIC_XDM_TYPES: ReadonlySet<XdmType> = new Set(['number', 'integer', 'long', 'int', 'short', 'byte']);

/** The expression-language type of values a field holds. */
export function xdmToExprType(field: Pick<XdmField, 'xdmType' | 'format'>): ExprType {
  const { xdmType, format } = field;
  if (xdmType === 'date' || (xdmType === 'string' && format === 'date')) return 'date';
  if (xdmType === 'date-time' || (xdmType === 'string' && format === 'date-time')) return 'datetime';
  if (xdmType === 'string') return 'string';
  if (NUMERIC_XDM_TYPES.has(xdmType)) return 'number';
  if (xdmType === 'boolean') return 'boolean';
  if (xdmType === 'array') return 'array';
  if (xdmType === 'map') return 'map';
  if (xdmType === 'object') return 'object';
  return 'any';
}
