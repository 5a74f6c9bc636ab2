/**
 * Loads an AEP-style resolved XDM schema (JSON Schema with `meta:xdmType`, as the Schema
 * Registry returns it for `xed-full`) into an `XdmSchema` path index.
 *
 * Resolution rules:
 * - `$ref` is resolved inside the same file only (refs.ts): JSON pointers (`#/definitions/x`,
 *   `#/$defs/x`) and `$id`s of sub-schemas (`https://ns.adobe.com/xdm/datatypes/b2b-source`).
 *   Anything else is reported: a usable file is the *resolved* form of a schema.
 * - A schema is the merge of itself, its `$ref` target and its `allOf` branches, in that order:
 *   `properties` and `required` are merged (a property defined twice merges both definitions);
 *   other keywords come from the first schema that has them, so a property's own title wins
 *   over its datatype's. `anyOf`/`oneOf`/`not` are not used by XDM and are ignored.
 * - A `$ref` back to a schema that is being expanded (a cycle) is reported and cut there;
 *   the field keeps the target's type but gets no sub-fields.
 *
 * Speed: the text is parsed with native `JSON.parse`; offsets (definition spans, problem
 * spans) are resolved lazily from JSON locations (locations.ts). The same walk, run in
 * 'validation' mode, builds the plain JSON Schema that ajv compiles, on first use only.
 * Nothing here throws for any input text.
 */
import { createHash } from 'node:crypto';
import { problem, type Problem, type Span } from '../util/problems';
import { parseJsonAst } from './jsonAst';
import { childLocation, JsonSpanLocator, locationPointer, type JsonLocation } from './locations';
import { LocalRefResolver } from './refs';
import {
  XDM_TYPES, XdmSchema, type JsonSchemaType, type ValidationSchema, type XdmEnumValue, type XdmField, type XdmSchemaInfo,
  type XdmType,
} from './schema';

export interface LoadXdmOptions {
  /** where the text came from; used as the id when the schema has no `$id` */
  uri?: string;
  /** stop indexing after this many fields (guards against $ref expansion bombs) */
  maxFields?: number;
}

export interface LoadXdmResult {
  /** absent when the text is not JSON or not a usable schema */
  schema?: XdmSchema;
  problems: Problem[];
}

export function loadXdmSchema(text: string, options: LoadXdmOptions = {}): LoadXdmResult {
  try {
    return new XdmSchemaLoader(text, options, 'index').load();
  } catch (e) {
    // Defensive: the loader reports problems instead of throwing; this only catches bugs.
    return { problems: [problem('schema-invalid', { start: 0, end: 0 }, `The schema cannot be loaded: ${String(e)}`)] };
  }
}

/** The plain JSON Schema (no $ref/allOf/meta:*) that records of this schema text must satisfy. */
function buildValidationSchema(text: string, options: LoadXdmOptions): ValidationSchema {
  try {
    return new XdmSchemaLoader(text, options, 'validation').validationSchema();
  } catch {
    return { type: 'object' };
  }
}

const DEFAULT_MAX_FIELDS = 100_000;
const MAX_NESTING = 64;
const MAX_REF_CHAIN = 64;
const MAX_PROBLEMS = 500;

const JSON_SCHEMA_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);
const KNOWN_XDM_TYPES: ReadonlySet<string> = new Set(XDM_TYPES);
const INTEGER_XDM_TYPES: ReadonlySet<XdmType> = new Set(['integer', 'long', 'int', 'short', 'byte']);

/** Ranges AEP enforces for the sized integer types when the schema states none. */
const IMPLIED_INTEGER_RANGE: Readonly<Partial<Record<XdmType, readonly [number, number]>>> = {
  long: [-9007199254740991, 9007199254740991],
  int: [-2147483648, 2147483647],
  short: [-32768, 32767],
  byte: [-128, 127],
};

/** The JSON type each XDM type is stored as. */
const JSON_TYPE_OF_XDM: Readonly<Record<XdmType, JsonSchemaType>> = {
  string: 'string', date: 'string', 'date-time': 'string',
  number: 'number', integer: 'integer', long: 'integer', int: 'integer', short: 'integer', byte: 'integer',
  boolean: 'boolean', object: 'object', map: 'object', array: 'array',
};

const LIMIT_KEYWORDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'] as const;
type LimitKeyword = (typeof LIMIT_KEYWORDS)[number];

type JsonObject = { [key: string]: unknown };
type SchemaObject = Record<string, unknown>;

/** Keyword values of one position, merged over its schemas (first schema wins). */
interface Keywords {
  type?: unknown;
  xdmType?: unknown;
  format?: unknown;
  title?: unknown;
  description?: unknown;
  enum?: unknown;
  metaEnum?: unknown;
  pattern?: unknown;
  items?: unknown;
  additionalProperties?: unknown;
  limits?: Partial<Record<LimitKeyword, unknown>>;
  /** indices (into SchemaView.nodes) of the schemas that have `properties` / `required` */
  properties: number[];
  required: number[];
}

/** The schemas that together define one position (itself, $ref targets, allOf branches). */
interface SchemaView {
  nodes: JsonObject[];
  /** where each node is, for problems */
  locations: (JsonLocation | undefined)[];
  /** $ref targets this view put on the expansion stack; released after its subtree */
  expanded: JsonObject[];
  /** targets of cyclic $refs that were cut: they still give the position its type */
  cut: JsonObject[];
  /** a $ref could not be resolved (already reported) */
  unresolved: boolean;
  kw: Keywords;
}

/** The keywords of one position, checked and converted. */
interface Described {
  jsonType: JsonSchemaType;
  xdmType: XdmType;
  format?: string;
  enumValues?: XdmEnumValue[];
  metaEnum?: Readonly<Record<string, string>>;
  pattern?: string;
  limits?: Partial<Record<LimitKeyword, number>>;
  title?: string;
  description?: string;
}

interface PropertyEntry {
  /** location of the (first) definition: its key is the go-to-definition target */
  location: JsonLocation;
  value: unknown;
  more?: { value: unknown; location: JsonLocation }[];
}

interface WalkContext {
  /** path under which sub-fields are indexed; null when nothing is indexed */
  path: string | null;
  inArray: boolean;
  depth: number;
}

interface PendingProblem {
  location: JsonLocation | undefined;
  /** point at the member's key or at its value */
  part: 'key' | 'value';
  message: string;
  reason: string;
}

/**
 * A field whose definition span is looked up only when someone asks for it. Optional
 * members are `declare`d so that absent ones are not own properties at all.
 */
class IndexedField implements XdmField {
  readonly #locator: JsonSpanLocator;
  readonly #location: JsonLocation;
  readonly xdmType: XdmType;
  readonly jsonType: JsonSchemaType;
  readonly isArray: boolean;
  isLeaf = true;
  declare itemXdmType?: XdmType;
  declare format?: string;
  declare enum?: readonly XdmEnumValue[];
  declare metaEnum?: Readonly<Record<string, string>>;
  declare pattern?: string;
  declare minLength?: number;
  declare maxLength?: number;
  declare minimum?: number;
  declare maximum?: number;
  declare title?: string;
  declare description?: string;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly parentPath: string,
    d: Described,
    readonly required: boolean,
    readonly inArray: boolean,
    locator: JsonSpanLocator,
    location: JsonLocation,
  ) {
    this.#locator = locator;
    this.#location = location;
    this.xdmType = d.xdmType;
    this.jsonType = d.jsonType;
    this.isArray = d.jsonType === 'array';
    if (d.format !== undefined) this.format = d.format;
    if (d.enumValues) this.enum = d.enumValues;
    if (d.metaEnum) this.metaEnum = d.metaEnum;
    if (d.pattern !== undefined) this.pattern = d.pattern;
    const limits = d.limits;
    if (limits) {
      if (limits.minLength !== undefined) this.minLength = limits.minLength;
      if (limits.maxLength !== undefined) this.maxLength = limits.maxLength;
      if (limits.minimum !== undefined) this.minimum = limits.minimum;
      if (limits.maximum !== undefined) this.maximum = limits.maximum;
    }
    if (d.title !== undefined) this.title = d.title;
    if (d.description !== undefined) this.description = d.description;
  }

  get definitionSpan(): Span | undefined {
    return this.#locator.keySpan(this.#location);
  }
}

/** Placeholder until a view's keywords are gathered. */
const NO_KEYWORDS: Keywords = Object.freeze({ properties: [], required: [] }) as Keywords;

/** What index-mode walks return instead of schema objects. */
const NO_SCHEMA: SchemaObject = Object.freeze({}) as SchemaObject;

class XdmSchemaLoader {
  private readonly pending: PendingProblem[] = [];
  private readonly pendingKeys = new Set<string>();
  private readonly fields: IndexedField[] = [];
  private readonly expanding = new Set<JsonObject>();
  private readonly locator: JsonSpanLocator;
  /** pattern → '' when it compiles, else the error; shared datatypes repeat patterns */
  private readonly patternErrors = new Map<string, string>();
  private refs!: LocalRefResolver;
  private root!: JsonObject;
  private readonly maxFields: number;
  private readonly building: boolean;
  /** positions walked, indexed or not; bounds expansion of shared definitions */
  private work = 0;
  private stopped = false;
  private reportedTooDeep = false;

  constructor(private readonly text: string, private readonly options: LoadXdmOptions, mode: 'index' | 'validation') {
    this.maxFields = options.maxFields ?? DEFAULT_MAX_FIELDS;
    this.building = mode === 'validation';
    this.locator = new JsonSpanLocator(text);
  }

  load(): LoadXdmResult {
    const opened = this.openRoot();
    if (opened.problems) return { problems: opened.problems };
    const rootView = opened.view!;
    this.walkObjectBody(rootView, { path: '', inArray: false, depth: 0 });
    this.release(rootView);
    if (this.fields.length === 0) {
      this.pushPending(undefined, 'value', 'The schema defines no usable fields (no properties at the root).', 'no-fields');
      return { problems: this.resolvedProblems() };
    }
    const { text, options } = this;
    const schema = new XdmSchema(this.info(), this.fields, () => buildValidationSchema(text, options));
    return { schema, problems: this.resolvedProblems() };
  }

  validationSchema(): ValidationSchema {
    const opened = this.openRoot();
    if (!opened.view) return { type: 'object' };
    const body = this.walkObjectBody(opened.view, { path: null, inArray: false, depth: 0 });
    this.release(opened.view);
    return { type: 'object', ...body };
  }

  /** Parses the text and checks the root. */
  private openRoot(): { view?: SchemaView; problems?: Problem[] } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.text.charCodeAt(0) === 0xfeff ? this.text.slice(1) : this.text);
    } catch (e) {
      // Only now pay for the offset-keeping parser: it says where the text breaks.
      const strict = parseJsonAst(this.text);
      const span = strict.error?.span ?? { start: 0, end: 0 };
      const message = strict.error?.message ?? (e as Error).message;
      return { problems: [problem('schema-invalid', span, `The schema is not valid JSON: ${message}`, { reason: 'json-syntax' })] };
    }
    if (!isObject(parsed)) {
      this.pushPending(undefined, 'value', 'An XDM schema must be a JSON object.', 'root-not-object');
      return { problems: this.resolvedProblems() };
    }
    this.root = parsed;
    this.refs = new LocalRefResolver(parsed);
    this.expanding.add(parsed); // a `$ref: "#"` below is a cycle
    const rootView = this.viewOf(parsed, undefined);
    for (const [key, value] of [['type', rootView.kw.type], ['meta:xdmType', rootView.kw.xdmType]] as const) {
      if (value !== undefined && value !== 'object') {
        this.reportKeyword(rootView, key, 'The root of an XDM schema must be of type object.', 'root-not-object');
        return { problems: this.resolvedProblems() };
      }
    }
    return { view: rootView };
  }

  private info(): XdmSchemaInfo {
    const root = this.root;
    const version = typeof root.version === 'string' ? root.version : typeof root.version === 'number' ? String(root.version) : '';
    const info: XdmSchemaInfo = {
      id: stringOrUndefined(root.$id) ?? this.options.uri ?? '',
      title: stringOrUndefined(root.title) ?? '',
      version,
      contentHash: createHash('sha1').update(this.text).digest('hex'),
      rootSpan: trimmedSpan(this.text),
    };
    const description = stringOrUndefined(root.description);
    if (description !== undefined) info.description = description;
    const metaClass = stringOrUndefined(root['meta:class']);
    if (metaClass !== undefined) info.metaClass = metaClass;
    if (this.options.uri !== undefined) info.uri = this.options.uri;
    return info;
  }

  // --- walking -------------------------------------------------------------------------

  /** `properties`/`required`/`additionalProperties` of an object position. */
  private walkObjectBody(view: SchemaView, ctx: WalkContext): SchemaObject {
    const required = this.mergedRequired(view);
    const properties = this.mergedProperties(view);
    const built: [string, SchemaObject][] = [];
    const requiredNames: string[] = [];
    for (const [name, entry] of properties) {
      if (this.stopped) break;
      if (!isUsableName(name)) {
        this.pushPending(entry.location, 'key', `The field name '${name}' cannot be used in a path (empty, '__proto__', or contains '.', '[' or ']').`, 'bad-name');
        continue;
      }
      const isRequired = required !== undefined && required.has(name);
      const childView = this.viewOf(entry.value, entry.location, entry.more);
      const childPath = ctx.path === null ? null : ctx.path === '' ? name : `${ctx.path}.${name}`;
      const childCtx: WalkContext = { path: childPath, inArray: ctx.inArray, depth: ctx.depth + 1 };
      const schema = this.walkField(childView, name, entry.location, isRequired, childCtx, ctx.path ?? '');
      this.release(childView);
      if (schema === undefined || !this.building) continue;
      built.push([name, schema]);
      if (isRequired) requiredNames.push(name);
    }
    if (required) {
      for (const [name, location] of required) {
        if (!properties.has(name)) this.pushPending(location, 'value', `'${name}' is listed in required but is not a property of this object.`, 'required-unknown');
      }
    }
    const additional = view.kw.additionalProperties;
    let additionalSchema: SchemaObject | undefined;
    if (isObject(additional)) additionalSchema = this.walkDetached(additional, this.keywordLocation(view, 'additionalProperties'), ctx);
    else if (additional !== undefined && typeof additional !== 'boolean') {
      this.reportKeyword(view, 'additionalProperties', '`additionalProperties` must be a boolean or a schema.', 'bad-keyword');
    }
    if (!this.building) return NO_SCHEMA;
    const out: SchemaObject = {};
    // fromEntries defines own properties, so no field name can reach a prototype setter.
    if (properties.size > 0) out.properties = Object.fromEntries(built);
    if (requiredNames.length > 0) out.required = requiredNames;
    if (additional === false) out.additionalProperties = false;
    else if (additionalSchema) out.additionalProperties = additionalSchema;
    return out;
  }

  /** One property: indexes it (when ctx.path is set) and returns its validation schema. */
  private walkField(
    view: SchemaView, name: string, location: JsonLocation, isRequired: boolean, ctx: WalkContext, parentPath: string,
  ): SchemaObject | undefined {
    const described = this.describe(view, location, 'key');
    if (!described) return undefined;
    let field: IndexedField | undefined;
    if (ctx.path !== null) {
      if (this.fields.length >= this.maxFields) {
        this.stopped = true;
        this.pushPending(location, 'key', `The schema has more than ${this.maxFields} fields; the rest are not indexed.`, 'too-many-fields');
        return undefined;
      }
      field = new IndexedField(ctx.path, name, parentPath, described, isRequired, ctx.inArray, this.locator, location);
      this.fields.push(field);
    }
    const before = this.fields.length;
    const { schema, itemXdmType } = this.walkBody(view, described, ctx);
    if (field) {
      field.isLeaf = this.fields.length === before;
      if (itemXdmType !== undefined) field.itemXdmType = itemXdmType;
    }
    return schema;
  }

  /** The validation schema of a position whose sub-fields (if any) are indexed under ctx.path. */
  private walkBody(view: SchemaView, d: Described, ctx: WalkContext): { schema: SchemaObject; itemXdmType?: XdmType } {
    const schema = this.building ? constraintSchema(d) : NO_SCHEMA;
    if (++this.work > this.maxFields * 4) {
      if (!this.stopped) this.pushPending(view.locations[0], 'value', 'The schema expands to too many positions; the rest is not analysed.', 'too-many-fields');
      this.stopped = true;
      return { schema };
    }
    if (ctx.depth > MAX_NESTING) {
      if (!this.reportedTooDeep) this.pushPending(view.locations[0], 'value', `The schema is nested more than ${MAX_NESTING} levels deep; deeper fields are ignored.`, 'too-deep');
      this.reportedTooDeep = true;
      return { schema };
    }
    if (d.xdmType === 'map') {
      const values = view.kw.additionalProperties;
      if (isObject(values)) {
        const valueSchema = this.walkDetached(values, this.keywordLocation(view, 'additionalProperties'), ctx);
        if (this.building) schema.additionalProperties = valueSchema;
      }
      return { schema };
    }
    if (d.jsonType === 'object') {
      const body = this.walkObjectBody(view, ctx);
      return { schema: this.building ? Object.assign(schema, body) : schema };
    }
    const items = view.kw.items;
    if (d.jsonType !== 'array' || items === undefined) return { schema };
    const itemsLocation = this.keywordLocation(view, 'items');
    if (!isObject(items)) {
      this.pushPending(itemsLocation, 'value', '`items` must be a schema object (tuple arrays are not used by XDM).', 'bad-items');
      return { schema };
    }
    const itemsView = this.viewOf(items, itemsLocation);
    const itemInfo = this.describe(itemsView, itemsLocation, 'value');
    if (itemInfo) {
      // Item fields live under the array's own path: XDM paths carry no indices.
      const itemSchema = this.walkBody(itemsView, itemInfo, { path: ctx.path, inArray: true, depth: ctx.depth + 1 }).schema;
      if (this.building) schema.items = itemSchema;
    }
    this.release(itemsView);
    return itemInfo ? { schema, itemXdmType: itemInfo.xdmType } : { schema };
  }

  /** A sub-schema that gets no paths of its own (map values, additionalProperties). */
  private walkDetached(node: JsonObject, location: JsonLocation | undefined, ctx: WalkContext): SchemaObject {
    const view = this.viewOf(node, location);
    const described = this.describe(view, location, 'value');
    const schema = described ? this.walkBody(view, described, { path: null, inArray: true, depth: ctx.depth + 1 }).schema : {};
    this.release(view);
    return schema;
  }

  // --- merging $ref / allOf ------------------------------------------------------------

  private viewOf(first: unknown, location: JsonLocation | undefined, more?: readonly { value: unknown; location: JsonLocation }[]): SchemaView {
    const view: SchemaView = { nodes: [], locations: [], expanded: [], cut: [], unresolved: false, kw: NO_KEYWORDS };
    this.collect(first, location, view, 0);
    if (more) for (const m of more) this.collect(m.value, m.location, view, 0);
    view.kw = gatherKeywords(view.nodes);
    return view;
  }

  private release(view: SchemaView): void {
    for (const target of view.expanded) this.expanding.delete(target);
  }

  private collect(node: unknown, location: JsonLocation | undefined, view: SchemaView, chain: number): void {
    if (node === true) return; // `true` allows anything and adds nothing
    if (!isObject(node)) {
      this.pushPending(location, 'value', 'A schema must be a JSON object.', 'schema-not-object');
      return;
    }
    view.nodes.push(node);
    view.locations.push(location);
    const ref = node.$ref;
    if (ref !== undefined) {
      if (typeof ref !== 'string') this.pushPending(childLocation(location, '$ref'), 'value', '`$ref` must be a string.', 'bad-ref');
      else this.follow(ref, childLocation(location, '$ref'), view, chain);
    }
    const allOf = node.allOf;
    if (allOf !== undefined) {
      const allOfLocation = childLocation(location, 'allOf');
      if (!Array.isArray(allOf)) this.pushPending(allOfLocation, 'value', '`allOf` must be an array of schemas.', 'bad-allof');
      else for (let i = 0; i < allOf.length; i++) this.collect(allOf[i], childLocation(allOfLocation, i), view, chain + 1);
    }
  }

  private follow(ref: string, refLocation: JsonLocation, view: SchemaView, chain: number): void {
    const resolved = this.refs.resolve(ref);
    if (resolved.reason !== undefined) {
      this.pushPending(refLocation, 'value', resolved.reason, 'unresolved-ref');
      view.unresolved = true;
      return;
    }
    const target = resolved.target;
    if (!isObject(target)) {
      this.collect(target, resolved.location, view, chain + 1);
      return;
    }
    if (view.expanded.includes(target) || view.nodes.includes(target)) return; // already merged here (diamond)
    if (this.expanding.has(target)) {
      this.pushPending(refLocation, 'value', `Cyclic $ref '${ref}': the schema refers back to itself; the recursion is cut here.`, 'cyclic-ref');
      view.cut.push(target);
      return;
    }
    if (chain >= MAX_REF_CHAIN) {
      this.pushPending(refLocation, 'value', `$ref chain longer than ${MAX_REF_CHAIN}; not followed.`, 'ref-chain');
      return;
    }
    this.expanding.add(target);
    view.expanded.push(target);
    this.collect(target, resolved.location, view, chain + 1);
  }

  private mergedProperties(view: SchemaView): Map<string, PropertyEntry> {
    const merged = new Map<string, PropertyEntry>();
    for (const index of view.kw.properties) {
      const properties = view.nodes[index]!.properties;
      const location = childLocation(view.locations[index], 'properties');
      if (!isObject(properties)) {
        this.pushPending(location, 'value', '`properties` must be an object.', 'bad-properties');
        continue;
      }
      for (const name in properties) {
        const value = properties[name];
        const entry = merged.get(name);
        if (!entry) merged.set(name, { location: childLocation(location, name), value });
        else (entry.more ??= []).push({ value, location: childLocation(location, name) });
      }
    }
    return merged;
  }

  /** Required names with the location of the string that names them. */
  private mergedRequired(view: SchemaView): Map<string, JsonLocation> | undefined {
    if (view.kw.required.length === 0) return undefined;
    const merged = new Map<string, JsonLocation>();
    for (const index of view.kw.required) {
      const required = view.nodes[index]!.required;
      const location = childLocation(view.locations[index], 'required');
      if (!Array.isArray(required)) {
        this.pushPending(location, 'value', '`required` must be an array of field names.', 'bad-required');
        continue;
      }
      for (let i = 0; i < required.length; i++) {
        const name: unknown = required[i];
        if (typeof name !== 'string') this.pushPending(childLocation(location, i), 'value', '`required` must list field names as strings.', 'bad-required');
        else if (!merged.has(name)) merged.set(name, childLocation(location, i));
      }
    }
    return merged;
  }

  // --- keywords ------------------------------------------------------------------------

  /** Type and constraints of a position; undefined (reported at `at`) when it has no usable type. */
  private describe(view: SchemaView, at: JsonLocation | undefined, part: 'key' | 'value'): Described | undefined {
    const kw = view.kw;
    const format = this.stringKeyword(view, kw.format, 'format');
    const hasProperties = kw.properties.length > 0;
    const looksLikeMap = !hasProperties && isObject(kw.additionalProperties);
    const jsonType = this.declaredJsonType(view);
    let xdmType = this.declaredXdmType(view);
    let effectiveJsonType: JsonSchemaType | undefined = jsonType;
    if (xdmType !== undefined) {
      const expected = JSON_TYPE_OF_XDM[xdmType];
      const compatible = jsonType === undefined || jsonType === expected
        || (expected === 'integer' && jsonType === 'number') || (xdmType === 'number' && jsonType === 'integer');
      if (!compatible) {
        this.pushPending(at, part, `meta:xdmType '${xdmType}' does not match type '${jsonType}'; using type '${jsonType}'.`, 'type-conflict');
        xdmType = undefined;
      } else {
        effectiveJsonType = INTEGER_XDM_TYPES.has(xdmType) ? 'integer' : jsonType ?? expected;
      }
    }
    if (effectiveJsonType === undefined) {
      const cutType = view.cut.map((t) => t.type).find((t): t is string => typeof t === 'string' && JSON_SCHEMA_TYPES.has(t));
      if (cutType !== undefined) effectiveJsonType = cutType as JsonSchemaType;
      else if (hasProperties || looksLikeMap) effectiveJsonType = 'object';
      else if (kw.items !== undefined) effectiveJsonType = 'array';
      else {
        // After an unresolved $ref the missing type is a consequence, not a second defect.
        if (!view.unresolved) this.pushPending(at, part, 'The field has no type (neither `type` nor `meta:xdmType`); it is ignored.', 'no-type');
        return undefined;
      }
    }
    const d: Described = { jsonType: effectiveJsonType, xdmType: xdmType ?? inferXdmType(effectiveJsonType, format, looksLikeMap) };
    if (format !== undefined) d.format = format;
    const title = this.stringKeyword(view, kw.title, 'title');
    if (title !== undefined) d.title = title;
    const description = this.stringKeyword(view, kw.description, 'description');
    if (description !== undefined) d.description = description;
    if (kw.enum !== undefined) {
      const enumValues = this.enumValues(view, kw.enum);
      if (enumValues) d.enumValues = enumValues;
    }
    if (kw.metaEnum !== undefined) {
      const metaEnum = this.metaEnum(view, kw.metaEnum);
      if (metaEnum) d.metaEnum = metaEnum;
    }
    if (kw.pattern !== undefined) {
      const pattern = this.pattern(view, kw.pattern);
      if (pattern !== undefined) d.pattern = pattern;
    }
    if (kw.limits) {
      const limits: Partial<Record<LimitKeyword, number>> = {};
      for (const key of LIMIT_KEYWORDS) {
        const value = kw.limits[key];
        if (value === undefined) continue;
        if (typeof value === 'number') limits[key] = value;
        else this.reportKeyword(view, key, `\`${key}\` must be a number.`, 'bad-keyword');
      }
      d.limits = limits;
    }
    return d;
  }

  private declaredJsonType(view: SchemaView): JsonSchemaType | undefined {
    const value = view.kw.type;
    if (value === undefined) return undefined;
    // ["string", "null"]: XDM fields are nullable anyway; use the non-null type.
    const name = Array.isArray(value) ? value.find((t) => typeof t === 'string' && t !== 'null') : value;
    if (typeof name === 'string' && JSON_SCHEMA_TYPES.has(name)) return name as JsonSchemaType;
    this.reportKeyword(view, 'type', '`type` must be one of string, number, integer, boolean, object, array.', 'bad-type');
    return undefined;
  }

  private declaredXdmType(view: SchemaView): XdmType | undefined {
    const value = view.kw.xdmType;
    if (value === undefined) return undefined;
    if (typeof value === 'string' && KNOWN_XDM_TYPES.has(value)) return value as XdmType;
    this.reportKeyword(view, 'meta:xdmType', `Unknown meta:xdmType; expected one of ${XDM_TYPES.join(', ')}.`, 'bad-xdm-type');
    return undefined;
  }

  private enumValues(view: SchemaView, value: unknown): XdmEnumValue[] | undefined {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      return value as XdmEnumValue[];
    }
    this.reportKeyword(view, 'enum', '`enum` must be an array of strings, numbers or booleans.', 'bad-enum');
    return undefined;
  }

  private metaEnum(view: SchemaView, value: unknown): Readonly<Record<string, string>> | undefined {
    if (isObject(value) && Object.values(value).every((label) => typeof label === 'string')) return value as Record<string, string>;
    this.reportKeyword(view, 'meta:enum', '`meta:enum` must be an object of value → label strings.', 'bad-enum');
    return undefined;
  }

  private pattern(view: SchemaView, value: unknown): string | undefined {
    if (typeof value !== 'string') {
      this.reportKeyword(view, 'pattern', '`pattern` must be a string.', 'bad-pattern');
      return undefined;
    }
    let error = this.patternErrors.get(value);
    if (error === undefined) {
      try {
        // Only compiled to check it, the way ajv will (unicode mode); never matched here.
        new RegExp(value, 'u');
        error = '';
      } catch (e) {
        error = (e as Error).message;
      }
      this.patternErrors.set(value, error);
    }
    if (error === '') return value;
    this.reportKeyword(view, 'pattern', `\`pattern\` is not a valid regular expression: ${error}`, 'bad-pattern');
    return undefined;
  }

  private stringKeyword(view: SchemaView, value: unknown, key: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    this.reportKeyword(view, key, `\`${key}\` must be a string.`, 'bad-keyword');
    return undefined;
  }

  // --- problems ------------------------------------------------------------------------

  /** Where the winning value of `key` in a view is: the first schema that has it. */
  private keywordLocation(view: SchemaView, key: string): JsonLocation {
    const index = view.nodes.findIndex((n) => Object.hasOwn(n, key));
    return childLocation(view.locations[Math.max(0, index)], key);
  }

  private reportKeyword(view: SchemaView, key: string, message: string, reason: string): void {
    if (this.building) return;
    this.pushPending(this.keywordLocation(view, key), 'value', message, reason);
  }

  private pushPending(location: JsonLocation | undefined, part: 'key' | 'value', message: string, reason: string): void {
    if (this.building || this.pending.length >= MAX_PROBLEMS) return; // index mode reports; validation mode repeats it
    const key = `${part}${locationPointer(location)}\n${message}`;
    if (this.pendingKeys.has(key)) return; // shared definitions are reached from many paths
    this.pendingKeys.add(key);
    this.pending.push({ location, part, message, reason });
  }

  /** Problems with spans; the text is parsed for offsets only if there are any. */
  private resolvedProblems(): Problem[] {
    const whole = trimmedSpan(this.text);
    // Root-level problems point at the opening brace, not at the whole file.
    const opening = { start: whole.start, end: Math.min(whole.end, whole.start + 1) };
    return this.pending.map(({ location, part, message, reason }) => {
      let span: Span | undefined;
      if (location) span = part === 'key' ? this.locator.keySpan(location) : this.locator.valueSpan(location);
      span ??= opening;
      return problem('schema-invalid', span, message, { reason });
    });
  }
}

/**
 * One pass over the keys of a position's schemas; the first schema that has a keyword wins.
 * `properties`/`required` are collected from every schema, by index.
 */
function gatherKeywords(nodes: readonly JsonObject[]): Keywords {
  const kw: Keywords = { properties: [], required: [] };
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    for (const key in node) {
      switch (key) {
        case 'type': kw.type ??= node[key]; break;
        case 'meta:xdmType': kw.xdmType ??= node[key]; break;
        case 'format': kw.format ??= node[key]; break;
        case 'title': kw.title ??= node[key]; break;
        case 'description': kw.description ??= node[key]; break;
        case 'enum': kw.enum ??= node[key]; break;
        case 'meta:enum': kw.metaEnum ??= node[key]; break;
        case 'pattern': kw.pattern ??= node[key]; break;
        case 'items': kw.items ??= node[key]; break;
        case 'additionalProperties': kw.additionalProperties ??= node[key]; break;
        case 'properties': kw.properties.push(n); break;
        case 'required': kw.required.push(n); break;
        case 'minLength': case 'maxLength': case 'minimum': case 'maximum':
        case 'exclusiveMinimum': case 'exclusiveMaximum': case 'minItems': case 'maxItems': {
          const limits = (kw.limits ??= {});
          limits[key] ??= node[key];
          break;
        }
        default:
          break;
      }
    }
  }
  return kw;
}

/** The validation keywords of one position, without its properties/items. */
function constraintSchema(d: Described): SchemaObject {
  const schema: SchemaObject = { type: d.jsonType };
  if (d.format !== undefined) schema.format = d.format;
  if (d.enumValues) schema.enum = d.enumValues;
  if (d.pattern !== undefined) schema.pattern = d.pattern;
  const limits = d.limits ?? {};
  for (const key of LIMIT_KEYWORDS) if (limits[key] !== undefined) schema[key] = limits[key];
  const implied = IMPLIED_INTEGER_RANGE[d.xdmType];
  if (implied && limits.minimum === undefined && limits.exclusiveMinimum === undefined) schema.minimum = implied[0];
  if (implied && limits.maximum === undefined && limits.exclusiveMaximum === undefined) schema.maximum = implied[1];
  return schema;
}

function inferXdmType(jsonType: JsonSchemaType, format: string | undefined, isMap: boolean): XdmType {
  switch (jsonType) {
    case 'string': return format === 'date' ? 'date' : format === 'date-time' ? 'date-time' : 'string';
    case 'object': return isMap ? 'map' : 'object';
    default: return jsonType;
  }
}

function isUsableName(name: string): boolean {
  if (name.length === 0 || name === '__proto__') return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46 || c === 91 || c === 93) return false; // . [ ]
  }
  return true;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The text without surrounding whitespace (and BOM): the root value's span. */
function trimmedSpan(text: string): Span {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0xfeff || /\s/.test(text[start]!))) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
