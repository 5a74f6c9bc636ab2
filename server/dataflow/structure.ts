/**
 * Structural validation of dataflow files and crmflow.yaml against the JSON Schemas in
 * `schemas/`, compiled once per validator object with ajv. ajv reports JSON pointers;
 * each error is mapped back onto the YAML node it concerns (the key for missing or
 * unknown keys, the value otherwise), so no diagnostic ever lands on line 0 by default.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import dataflowSchema from '../../schemas/dataflow.schema.json';
import projectSchema from '../../schemas/crmflow.schema.json';
import { problem, type Problem, type Span } from '../util/problems';
import type { ProblemCode } from '../util/problemCodes';
import { didYouMean, suggestionText } from '../util/didYouMean';

export type SchemaPart =
  | 'dataflow' | 'dataflow.mapping' | 'dataflow.identity'
  | `dataflow.${'source' | 'target' | 'schedule' | 'ingestion' | 'identities' | 'mappings' | 'name' | 'description'}`
  | 'project';

type JsonSchema = { properties?: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema>; $ref?: string; [k: string]: unknown };

export class StructureValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    addFormats(this.ajv);
    this.ajv.addSchema(dataflowSchema, 'dataflow');
    this.ajv.addSchema(projectSchema, 'project');
  }

  /** The top-level keys the dataflow format defines, with their descriptions. */
  get dataflowSchema(): JsonSchema {
    return dataflowSchema as JsonSchema;
  }

  get projectSchema(): JsonSchema {
    return projectSchema as JsonSchema;
  }

  private validator(ref: string): ValidateFunction {
    let v = this.compiled.get(ref);
    if (!v) {
      v = this.ajv.getSchema(ref);
      if (!v) throw new Error(`no schema ${ref}`);
      this.compiled.set(ref, v);
    }
    return v;
  }

  /**
   * Validates `value` (the JS form of `node`) against a part of a schema and maps each
   * error onto the node. `delta` shifts node ranges to document offsets; `holder` is the
   * key span to use for errors about the node itself (e.g. a missing key of a section).
   */
  validate(ref: string, value: unknown, node: Node | null | undefined, delta: number, holder: Span): Problem[] {
    const v = this.validator(ref);
    if (v(value)) return [];
    return mapErrors(v.errors ?? [], node, delta, holder, this.ajv, ref);
  }
}

export const REFS = {
  project: 'project',
  dataflowRoot: 'dataflow',
  section: (key: string) => `dataflow#/properties/${key}`,
  mapping: 'dataflow#/definitions/mapping',
  identity: 'dataflow#/definitions/identity',
} as const;

function mapErrors(errors: ErrorObject[], root: Node | null | undefined, delta: number, holder: Span, ajv: Ajv, ref: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  // `if/then` and `anyOf` wrap the real errors; keep only the leaves users can act on.
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'allOf') continue;
    const { node, key, parentKey } = resolvePointer(root, e.instancePath);
    let span: Span;
    let code: ProblemCode = 'structure-invalid';
    let message: string;
    let suggestions: string[] | undefined;
    const where = describeLocation(e.instancePath, ref);
    switch (e.keyword) {
      case 'required': {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        code = 'structure-missing-key';
        // the object missing a key is named by its own key; the section/item itself by `holder`
        span = e.instancePath === '' ? holder : key ? rangeOf(key, delta) : parentKey ? rangeOf(parentKey, delta) : firstKeySpan(node, delta) ?? holder;
        message = `Missing required key '${missing}'${where}.`;
        break;
      }
      case 'additionalProperties': {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === extra) : undefined;
        code = 'structure-unknown-key';
        span = pair?.key ? rangeOf(pair.key as Node, delta) : holder;
        const allowed = allowedKeys(ajv, ref, e.schemaPath);
        suggestions = didYouMean(extra, allowed, 1);
        message = `Unknown key '${extra}'${where}.${suggestionText(suggestions)}${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`;
        break;
      }
      case 'type':
        code = 'structure-type';
        span = node ? rangeOf(node, delta) : holder;
        message = `Expected ${article((e.params as { type: string | string[] }).type)}${where}.`;
        break;
      case 'enum': {
        code = 'structure-enum';
        span = node ? rangeOf(node, delta) : holder;
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const got = isScalar(node) ? String(node.value) : '';
        suggestions = didYouMean(got, allowed, 1);
        message = `'${got}' is not allowed${where}. Expected one of: ${allowed.join(', ')}.${suggestionText(suggestions)}`;
        break;
      }
      case 'const':
        code = 'structure-enum';
        span = node ? rangeOf(node, delta) : holder;
        message = `Expected ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}${where}.`;
        break;
      case 'not':
        span = node ? firstKeySpan(node, delta) ?? rangeOf(node, delta) : holder;
        message = `With frequency 'once', interval and backfill are not allowed${where}.`;
        break;
      default:
        span = node ? rangeOf(node, delta) : holder;
        message = `${capitalise(e.message ?? 'Invalid value')}${where}.`;
    }
    const sig = `${code}:${span.start}:${span.end}:${message}`;
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(problem(code, span, message, suggestions ? { suggestions } : undefined));
  }
  return out;
}

/** Walks a JSON pointer through YAML nodes: the node, the key node holding it, and its parent's key. */
function resolvePointer(root: Node | null | undefined, pointer: string): { node: Node | null | undefined; key?: Node; parentKey?: Node } {
  let node: Node | null | undefined = root;
  let key: Node | undefined;
  let parentKey: Node | undefined;
  if (!pointer) return { node };
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      parentKey = key;
      key = (pair?.key as Node | undefined) ?? undefined;
      node = (pair?.value as Node | null | undefined) ?? undefined;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)] as Node | undefined;
      parentKey = key;
      key = undefined;
    } else {
      break;
    }
  }
  return { node, key, parentKey };
}

function rangeOf(node: Node, delta: number): Span {
  const r = node.range;
  if (!r) return { start: delta, end: delta };
  return { start: r[0] + delta, end: Math.max(r[0], r[1]) + delta };
}

function firstKeySpan(node: Node | null | undefined, delta: number): Span | undefined {
  if (isMap(node) && node.items.length && node.items[0].key) return rangeOf(node.items[0].key as Node, delta);
  return undefined;
}

function allowedKeys(ajv: Ajv, ref: string, schemaPath: string): string[] {
  // schemaPath looks like "#/properties/source/additionalProperties" or "#/definitions/mapping/additionalProperties"
  const base = ref.split('#')[0];
  const path = schemaPath.replace(/\/additionalProperties$/, '');
  const local = ref.includes('#') ? ref.split('#')[1] : '';
  const full = path.startsWith('#') ? `${local}${path.slice(1)}` : path;
  const target = ajv.getSchema(`${base}#${full}`)?.schema as JsonSchema | undefined;
  let schema = target;
  if (schema?.$ref) schema = ajv.getSchema(`${base}${schema.$ref}`)?.schema as JsonSchema | undefined;
  return Object.keys(schema?.properties ?? {});
}

function describeLocation(pointer: string, ref: string): string {
  const segs = pointer.split('/').slice(1);
  if (ref.endsWith('/mapping')) return segs.length ? ` in mapping key '${segs[0]}'` : ' in this mapping';
  if (ref.endsWith('/identity')) return segs.length ? ` in identity key '${segs[0]}'` : ' in this identity';
  const section = /#\/properties\/([^/]+)$/.exec(ref)?.[1];
  if (!segs.length) return section ? ` in '${section}'` : '';
  return ` for '${segs.join('.')}'`;
}

function article(t: string | string[]): string {
  const list = Array.isArray(t) ? t : [t];
  const words = list.map((x) => (x === 'object' ? 'a mapping (key: value)' : x === 'array' ? 'a list' : x === 'integer' ? 'an integer' : `a ${x}`));
  return words.join(' or ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
