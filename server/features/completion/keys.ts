/**
 * Completion of YAML keys and of enum/boolean values, read from the format's JSON Schema
 * (schemas/dataflow.schema.json): each section offers its keys with their descriptions,
 * minus those already present; `frequency:` offers its enum; `primary:` true/false.
 */
import { MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { YamlCursorContext, YamlPathSegment } from '../yamlContext';
import { code, CompletionItemKind, md, place, RETRIGGER, sortKey } from './items';

/** The slice of JSON Schema the format uses. */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  definitions?: Record<string, JsonSchemaNode>;
  [k: string]: unknown;
}

/** Keys whose values have nothing to complete (free text and numbers). */
const FREE_VALUES: ReadonlySet<string> = new Set(['dataflow', 'description', 'name', 'interval', 'startTime', 'partialIngestionPercent', 'sampleSize']);
/** A mapping has exactly one of these. */
const MAPPING_KINDS = ['source', 'expression', 'value'] as const;

function resolve(root: JsonSchemaNode, s: JsonSchemaNode | undefined): JsonSchemaNode | undefined {
  let cur = s;
  for (let i = 0; i < 8 && cur?.$ref; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(cur.$ref);
    cur = m ? root.definitions?.[m[1]] : undefined;
  }
  return cur;
}

/** The schema of the node at `path` (keys and item indices). */
export function schemaAt(root: JsonSchemaNode, path: readonly YamlPathSegment[]): JsonSchemaNode | undefined {
  let cur: JsonSchemaNode | undefined = root;
  for (const seg of path) {
    cur = resolve(root, cur);
    if (!cur) return undefined;
    cur = typeof seg === 'number' ? cur.items : cur.properties && Object.hasOwn(cur.properties, seg) ? cur.properties[seg] : undefined;
  }
  return resolve(root, cur);
}

function typesOf(s: JsonSchemaNode): string[] {
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

export interface KeyRequest {
  yaml: YamlCursorContext;
  root: JsonSchemaNode;
  range: Range;
  /** values to offer as snippet choices for a key's value, e.g. the project's connections */
  choices(path: readonly YamlPathSegment[], key: string): readonly string[];
}

/** The keys the enclosing mapping can still take. */
export function keyItems(req: KeyRequest): CompletionItem[] {
  const { yaml, root } = req;
  const container = schemaAt(root, yaml.path);
  const props = container?.properties;
  if (!container || !props) return [];
  const required = new Set(container.required ?? []);
  const present = yaml.presentKeys;
  const isMapping = yaml.section === 'mappings' && typeof yaml.path[1] === 'number';
  const kindPresent = isMapping && MAPPING_KINDS.some((k) => present.has(k));
  const out: CompletionItem[] = [];
  Object.keys(props).forEach((key, order) => {
    if (present.has(key)) return;
    if (kindPresent && (MAPPING_KINDS as readonly string[]).includes(key)) return;
    const prop = resolve(root, props[key]) ?? {};
    const needed = required.has(key) || (isMapping && !kindPresent && (MAPPING_KINDS as readonly string[]).includes(key));
    const { insert, snippet, retrigger } = keyInsert(req, key, prop);
    const template: CompletionItem = {
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${typeSummary(prop)}${needed ? ' · required' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: keyDoc(key, prop, needed) },
      filterText: key,
    };
    const item = place(template, req.range, yaml.needsSpace ? ` ${insert}` : insert, sortKey(needed ? 0 : 1, order), snippet);
    if (retrigger) item.command = RETRIGGER;
    out.push(item);
  });
  return out;
}

function keyInsert(req: KeyRequest, key: string, prop: JsonSchemaNode): { insert: string; snippet: boolean; retrigger: boolean } {
  const { yaml, root } = req;
  const completable = !FREE_VALUES.has(key);
  if (yaml.hasColon) return { insert: key, snippet: false, retrigger: false };
  if (yaml.flow) return { insert: `${key}: `, snippet: false, retrigger: completable };
  const unit = ' '.repeat(yaml.indentUnit);
  const pad = ' '.repeat(yaml.dashWidth) + unit;
  const types = typesOf(prop);
  const item = resolve(root, prop.items);
  if (types.includes('array') && item?.properties) {
    const body = requiredLines(req, [...yaml.path, key, 0], item, `${pad}  `, 1);
    return { insert: `${key}:\n${pad}- ${body.text.trimStart()}`, snippet: true, retrigger: body.first };
  }
  if (prop.properties) {
    const body = requiredLines(req, [...yaml.path, key], prop, pad, 1);
    if (!body.text) return { insert: `${key}:\n${pad}`, snippet: false, retrigger: true };
    return { insert: `${key}:\n${body.text}`, snippet: true, retrigger: body.first };
  }
  return { insert: `${key}: `, snippet: false, retrigger: completable };
}

/**
 * `pad + key: ${n}` lines for the required keys of `schema` (a mapping item gets its
 * `source` and `target`); `first`: the first tab stop has value completions.
 */
function requiredLines(req: KeyRequest, path: readonly YamlPathSegment[], schema: JsonSchemaNode, pad: string, firstStop: number): { text: string; first: boolean } {
  const keys = [...(schema.required ?? [])];
  if (path[0] === 'mappings' && !keys.some((k) => (MAPPING_KINDS as readonly string[]).includes(k))) keys.unshift('source');
  let stop = firstStop;
  let first = false;
  const lines = keys.map((k, i) => {
    const prop = resolve(req.root, schema.properties?.[k]) ?? {};
    const choices = valueChoices(req, path, k, prop);
    const value = choices.length ? `\${${stop}|${choices.map(choiceText).join(',')}|}` : `\${${stop}}`;
    // a choice shows its own list; a plain tab stop with value completions asks for them
    if (i === 0) first = choices.length === 0 && !FREE_VALUES.has(k);
    stop++;
    return `${pad}${k}: ${value}`;
  });
  return { text: lines.join('\n'), first };
}

function valueChoices(req: KeyRequest, path: readonly YamlPathSegment[], key: string, prop: JsonSchemaNode): readonly string[] {
  if (prop.enum?.length) return prop.enum.map(String);
  if (typesOf(prop).includes('boolean')) return ['true', 'false'];
  return req.choices(path, key).slice(0, 20);
}

function choiceText(s: string): string {
  return s.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

function typeSummary(s: JsonSchemaNode): string {
  if (s.enum?.length) return s.enum.map(String).join(' | ');
  if (s.properties) return 'section';
  const t = typesOf(s);
  if (t.includes('array')) return 'list';
  return t.join(' | ') || 'value';
}

function keyDoc(key: string, s: JsonSchemaNode, required: boolean): string {
  const parts = [`${code(`${key}:`)} — ${typeSummary(s)}${required ? ' (required)' : ''}`];
  if (s.description) parts.push(md(s.description));
  if (s.enum?.length) parts.push(`Allowed: ${s.enum.map((v) => code(String(v))).join(', ')}`);
  if (s.properties) parts.push(`Keys: ${Object.keys(s.properties).map((k) => code(k)).join(', ')}`);
  return parts.join('\n\n');
}

/** Enum members and booleans the JSON Schema allows for the value at the cursor. */
export function enumItems(yaml: YamlCursorContext, root: JsonSchemaNode, range: Range): CompletionItem[] {
  const s = schemaAt(root, [...yaml.path, yaml.key]);
  if (!s) return [];
  const values: { label: string; kind: CompletionItemKind }[] = [];
  if (s.enum?.length) for (const v of s.enum) values.push({ label: String(v), kind: CompletionItemKind.EnumMember });
  else if (typesOf(s).includes('boolean')) values.push({ label: 'true', kind: CompletionItemKind.Value }, { label: 'false', kind: CompletionItemKind.Value });
  return values.map((v, i) => {
    const template: CompletionItem = { label: v.label, kind: v.kind, detail: yaml.key, filterText: v.label };
    if (s.description) template.documentation = { kind: MarkupKind.Markdown, value: md(s.description) };
    return place(template, range, `${yaml.needsSpace ? ' ' : ''}${v.label}`, sortKey(0, i));
  });
}

