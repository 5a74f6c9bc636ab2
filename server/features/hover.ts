/**
 * Hover, and the cursor model shared by the navigation features: `symbolAt` says what
 * the cursor is on (a source field segment, a target path segment, a function, a
 * namespace, a YAML key...) from the model's exact spans, and `hover` renders it as
 * markdown. Definition and references read the same `symbolAt`, so the three never
 * disagree about what a token is.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { describeFieldScope } from '../checks/fieldScope';
import { splitPath } from '../checks/paths';
import type { DataflowContext } from '../checks/context';
import { offsetIn, type DataflowModel, type LocatedText, type MappingModel } from '../dataflow/model';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { analyzeExpression, nodeAt } from '../expr';
import { methodSignatureLabel, signatureLabel, type FunctionSpec, type MethodSpec } from '../expr/catalogue';
import { STANDARD_NAMESPACES } from '../identity/namespaces';
import type { ConnectionDecl } from '../project/project';
import type { SObjectIndex } from '../salesforce/describeIndex';
import { fieldTypeLabel } from '../salesforce/describeIndex';
import type { FieldDescribe } from '../salesforce/describeTypes';
import type { Span } from '../util/problems';
import type { XdmField } from '../xdm/schema';
import type { FeatureRequest } from './request';
import { yamlContextAt } from './yamlContext';
import * as path from 'node:path';

/** A node of the JSON Schemas in schemas/*.json, as far as hover reads them. */
export interface JsonSchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  required?: string[];
  properties?: Record<string, JsonSchemaNode>;
  patternProperties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  $ref?: string;
  [key: string]: unknown;
}

/** The mapping/identity item in a key path. */
export const ITEM = '[]';

export type CursorSymbol =
  | { kind: 'sourceField'; span: Span; names: string[]; segment: number; owner?: SObjectIndex; field?: FieldDescribe; relationship: boolean }
  | { kind: 'targetPath'; span: Span; text: LocatedText; segment: number; path: string; field?: XdmField; role: 'target' | 'identity' }
  | { kind: 'function'; span: Span; name: string; spec?: FunctionSpec }
  | { kind: 'method'; span: Span; name: string; spec?: MethodSpec }
  | { kind: 'variable'; span: Span; name: string }
  | { kind: 'namespace'; span: Span; code: string }
  | { kind: 'connection'; span: Span; name: string; decl?: ConnectionDecl }
  | { kind: 'object'; span: Span; name: string }
  | { kind: 'schema'; span: Span; value: string }
  | { kind: 'dataset'; span: Span; name: string }
  | { kind: 'key'; span: Span; path: string[]; schema: 'dataflow' | 'project' };

export interface SymbolOptions {
  /** a token also counts when the cursor sits just after its last character (go to definition) */
  endInclusive?: boolean;
}

/** What the cursor is on; undefined for whitespace, punctuation, comments and unknown text. */
export function symbolAt(req: FeatureRequest, opts: SymbolOptions = {}): CursorSymbol | undefined {
  const incl = opts.endInclusive ?? false;
  const text = req.doc.getText();
  // past the analysis limit there is nothing analysed to name (hover, definition, references)
  if (tooLargeToAnalyse(text)) return undefined;
  const offset = Math.max(0, Math.min(req.offset, text.length));
  const a = req.analysis;
  if (a) {
    const onValue = valueSymbol(a.parsed.model, a.context, offset, incl);
    if (onValue) return onValue;
  }
  const kind = req.service.kindOf(req.path);
  if (kind === 'other') return undefined;
  return keySymbol(text, offset, a?.parsed.model, incl, kind === 'project' ? 'project' : 'dataflow');
}

function within(span: Span, offset: number, incl: boolean): boolean {
  return span.start <= offset && (offset < span.end || (incl && offset === span.end));
}

/** The index in `t.value` of the character at document `offset` (inverse of offsetIn). */
export function indexIn(t: LocatedText, offset: number): number {
  const n = t.value.length;
  if (!t.offsets) return Math.max(0, Math.min(n, offset - t.base));
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.offsets[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The item whose span holds `offset` (items are in document order). */
export function itemAt<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  const found = itemBefore(items, offset);
  return found && offset <= found.span.end ? found : undefined;
}

/** The last item whose span starts at or before `offset`. */
export function itemBefore<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.span.start <= offset) {
      found = items[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function valueSymbol(model: DataflowModel, ctx: DataflowContext, offset: number, incl: boolean): CursorSymbol | undefined {
  const m = itemAt(model.mappings, offset);
  if (m) {
    const s = mappingSymbol(m, ctx, offset, incl);
    if (s) return s;
  }
  const id = itemAt(model.identities, offset);
  if (id) {
    if (id.path && within(id.path.span, offset, incl)) return targetSymbol(id.path, ctx, offset, incl, 'identity');
    if (id.namespace && within(id.namespace.span, offset, incl)) return { kind: 'namespace', span: id.namespace.span, code: id.namespace.value };
  }
  const src = model.source;
  if (src?.connection && within(src.connection.span, offset, incl)) {
    const s: CursorSymbol = { kind: 'connection', span: src.connection.span, name: src.connection.value };
    const decl = ctx.project?.model.connections.get(src.connection.value);
    if (decl) s.decl = decl;
    return s;
  }
  if (src?.object && within(src.object.span, offset, incl)) return { kind: 'object', span: src.object.span, name: src.object.value };
  const tgt = model.target;
  if (tgt?.schema && within(tgt.schema.span, offset, incl)) return { kind: 'schema', span: tgt.schema.span, value: tgt.schema.value };
  if (tgt?.dataset && within(tgt.dataset.span, offset, incl)) return { kind: 'dataset', span: tgt.dataset.span, name: tgt.dataset.value };
  return undefined;
}

function mappingSymbol(m: MappingModel, ctx: DataflowContext, offset: number, incl: boolean): CursorSymbol | undefined {
  if (m.target && within(m.target.span, offset, incl)) return targetSymbol(m.target, ctx, offset, incl, 'target');
  if (m.source && within(m.source.span, offset, incl)) return sourceSymbol(m.source, ctx, offset, incl);
  if (m.expression && within(m.expression.span, offset, incl)) return expressionSymbol(m.expression, ctx, offset, incl);
  return undefined;
}

/** The path segment at the cursor: the one containing it, else the one just before it. */
function segmentAt(t: LocatedText, offset: number, incl: boolean): { index: number; span: Span; names: string[] } | undefined {
  const i = indexIn(t, offset);
  const segs = splitPath(t.value);
  const k = segs.findIndex((s) => s.start <= i && (i < s.end || (incl && i === s.end)));
  if (k < 0 || segs[k]!.name === '') return undefined;
  const s = segs[k]!;
  return { index: k, span: { start: offsetIn(t, s.start), end: offsetIn(t, s.end) }, names: segs.map((x) => x.name) };
}

function targetSymbol(t: LocatedText, ctx: DataflowContext, offset: number, incl: boolean, role: 'target' | 'identity'): CursorSymbol | undefined {
  const seg = segmentAt(t, offset, incl);
  if (!seg) return undefined;
  const p = seg.names.slice(0, seg.index + 1).join('.');
  const s: CursorSymbol = { kind: 'targetPath', span: seg.span, text: t, segment: seg.index, path: p, role };
  const field = ctx.schema?.schema?.get(p);
  if (field) s.field = field;
  return s;
}

function sourceSymbol(t: LocatedText, ctx: DataflowContext, offset: number, incl: boolean): CursorSymbol | undefined {
  const seg = segmentAt(t, offset, incl);
  if (!seg) return undefined;
  return { kind: 'sourceField', span: seg.span, names: seg.names, segment: seg.index, ...resolveSegment(ctx, seg.names, seg.index) };
}

/**
 * The field a segment of `Account.Owner.Name` names: relationship segments resolve to
 * their reference field (AccountId), the last one to the field of the parent object.
 */
function resolveSegment(ctx: DataflowContext, names: readonly string[], k: number): { owner?: SObjectIndex; field?: FieldDescribe; relationship: boolean } {
  const last = k === names.length - 1;
  let obj = ctx.object;
  for (let i = 0; obj && i < k; i++) {
    const rel: FieldDescribe | undefined = obj.relationships.get(names[i]!);
    obj = Array.isArray(rel?.referenceTo) ? rel.referenceTo.map((r) => ctx.lookup(r)).find((x): x is SObjectIndex => x !== undefined) : undefined;
  }
  if (!obj) return { relationship: !last };
  const name = names[k]!;
  const rel = obj.relationships.get(name);
  const field = last ? obj.field(name) ?? rel : rel;
  const out: { owner?: SObjectIndex; field?: FieldDescribe; relationship: boolean } = { owner: obj, relationship: !last || (field !== undefined && field === rel && !obj.field(name)) };
  if (field) out.field = field;
  return out;
}

function expressionSymbol(t: LocatedText, ctx: DataflowContext, offset: number, incl: boolean): CursorSymbol | undefined {
  const i = indexIn(t, offset);
  const fields = ctx.object ? describeFieldScope(ctx.object, ctx.lookup) : undefined;
  const a = analyzeExpression(t.value, { catalogue: ctx.catalogue, ...(fields ? { fields } : {}) });
  const { nodes } = nodeAt(a.ast, i);
  const doc = (s: Span): Span => ({ start: offsetIn(t, s.start), end: offsetIn(t, s.end) });
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n]!;
    if (node.kind === 'field') {
      const k = node.segments.findIndex((s) => within(s.span, i, incl));
      if (k < 0) continue;
      const names = node.segments.map((s) => s.name);
      return { kind: 'sourceField', span: doc(node.segments[k]!.span), names, segment: k, ...resolveSegment(ctx, names, k) };
    }
    if (node.kind === 'call' && within(node.nameSpan, i, incl)) {
      const s: CursorSymbol = { kind: 'function', span: doc(node.nameSpan), name: node.name };
      const spec = ctx.catalogue.get(node.name);
      if (spec) s.spec = spec;
      return s;
    }
    if (node.kind === 'method' && within(node.nameSpan, i, incl)) {
      const s: CursorSymbol = { kind: 'method', span: doc(node.nameSpan), name: node.name };
      const spec = ctx.catalogue.methodFor(node.name, a.nodeTypes.get(node.receiver) ?? 'any') ?? ctx.catalogue.method(node.name)[0];
      if (spec) s.spec = spec;
      return s;
    }
    if (node.kind === 'string') {
      const v = node.variables.find((x) => within(x.span, i, incl));
      if (v) return { kind: 'variable', span: doc(v.span), name: v.name };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// YAML keys, and plain values (a frequency, a name), which hover with their key's
// documentation as in JSON; where the cursor is comes from yamlContext.

function keySymbol(text: string, offset: number, model: DataflowModel | undefined, incl: boolean, schema: 'dataflow' | 'project'): CursorSymbol | undefined {
  const y = yamlContextAt(text, offset, model);
  const steps = y.path.map((p) => (typeof p === 'number' ? ITEM : p));
  if (y.place === 'key' && y.keySpan.end > y.keySpan.start && within(y.keySpan, offset, incl)) {
    const raw = text.slice(y.keySpan.start, y.keySpan.end);
    const key = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
    return { kind: 'key', span: y.keySpan, path: [...steps, key], schema };
  }
  if (y.place === 'value' && y.key && y.value && y.value.span.end > y.value.span.start && within(y.value.span, offset, incl)) {
    return { kind: 'key', span: y.value.span, path: [...steps, y.key], schema };
  }
  return undefined;
}

function deref(root: JsonSchemaNode, s: JsonSchemaNode | undefined): JsonSchemaNode | undefined {
  for (let i = 0; s?.$ref && i < 16; i++) {
    if (!s.$ref.startsWith('#/')) return s;
    let at: unknown = root;
    for (const seg of s.$ref.slice(2).split('/')) at = (at as Record<string, unknown> | undefined)?.[seg];
    if (!at || typeof at !== 'object') return undefined;
    // a description next to the $ref says more about this use than the definition's own
    s = { ...(at as JsonSchemaNode), ...(s.description ? { description: s.description } : {}) };
  }
  return s;
}

/** The sub-schema of a key path (ITEM steps into `items`), with $refs resolved. */
export function schemaAtKeyPath(root: JsonSchemaNode, keys: readonly string[]): { node: JsonSchemaNode; parent?: JsonSchemaNode } | undefined {
  let node: JsonSchemaNode | undefined = root;
  let parent: JsonSchemaNode | undefined;
  for (const k of keys) {
    const cur: JsonSchemaNode | undefined = deref(root, node);
    if (!cur) return undefined;
    parent = cur;
    node = k === ITEM ? cur.items : childOf(root, cur, k);
    if (!node) return undefined;
  }
  const resolved = deref(root, node);
  return resolved ? { node: resolved, ...(parent ? { parent } : {}) } : undefined;
}

function childOf(root: JsonSchemaNode, s: JsonSchemaNode, key: string): JsonSchemaNode | undefined {
  const own = s.properties?.[key];
  if (own) return own;
  for (const [re, sub] of Object.entries(s.patternProperties ?? {})) {
    try {
      if (new RegExp(re, 'u').test(key)) return sub;
    } catch {
      // a bad pattern in our own schema only loses hover
    }
  }
  if (typeof s.additionalProperties === 'object') return s.additionalProperties;
  for (const alt of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const r = deref(root, alt);
    const c = r && childOf(root, r, key);
    if (c) return c;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Rendering

const PICKLIST_SHOWN = 20;
const ENUM_SHOWN = 20;

export function hover(req: FeatureRequest): Hover | null {
  const sym = symbolAt(req);
  if (!sym) return null;
  const value = render(sym, req);
  if (!value) return null;
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: { start: req.doc.positionAt(sym.span.start), end: req.doc.positionAt(sym.span.end) } };
}

function render(sym: CursorSymbol, req: FeatureRequest): string | undefined {
  const ctx = req.analysis?.context;
  switch (sym.kind) {
    case 'sourceField':
      return sym.field && sym.owner ? sourceFieldMarkdown(sym.field, sym.owner, sym.relationship, ctx) : undefined;
    case 'targetPath':
      return sym.field && ctx ? xdmFieldMarkdown(sym.field, ctx) : undefined;
    case 'function':
      return sym.spec ? functionMarkdown(sym.name, sym.spec) : undefined;
    case 'method':
      return sym.spec ? methodMarkdown(sym.spec) : undefined;
    case 'variable':
      return variableMarkdown(sym.name, ctx);
    case 'namespace':
      return namespaceMarkdown(sym.code, ctx);
    case 'connection':
      return sym.decl && ctx?.project ? connectionMarkdown(sym.decl, ctx) : undefined;
    case 'object':
      return ctx ? objectMarkdown(sym.name, ctx, req) : undefined;
    case 'schema':
      return ctx?.schema ? schemaMarkdown(ctx) : undefined;
    case 'dataset':
      return ctx?.project ? datasetMarkdown(sym.name, ctx) : undefined;
    case 'key':
      return keyMarkdown(sym.path, sym.schema === 'project' ? req.service.structure.projectSchema : req.service.structure.dataflowSchema);
  }
}

/** Escapes text from describe caches and schemas so it shows as written. */
export function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

function code(s: string): string {
  return '```\n' + s.replace(/```/g, '` ` `') + '\n```';
}

function inline(s: string): string {
  const ticks = s.includes('`') ? '`` ' : '`';
  return `${ticks}${s}${ticks === '`` ' ? ' ``' : '`'}`;
}

function sourceFieldMarkdown(f: FieldDescribe, owner: SObjectIndex, relationship: boolean, ctx: DataflowContext | undefined): string {
  const parts: string[] = [];
  if (relationship && f.relationshipName) {
    parts.push(code(`(relationship) ${owner.name}.${f.relationshipName} → ${(Array.isArray(f.referenceTo) ? f.referenceTo : []).join(' | ') || '?'}`));
    parts.push(`**${md(String(f.label ?? f.name))}**: the parent record reached through the reference field ${inline(f.name)} (${inline(fieldTypeLabel(f))}).`);
  } else {
    parts.push(code(`(field) ${owner.name}.${f.name}: ${fieldTypeLabel(f)}`));
    parts.push(`**${md(String(f.label ?? f.name))}**`);
  }
  const flags: string[] = [];
  flags.push(f.nillable ? 'nillable' : 'not nillable');
  if (f.unique) flags.push('unique');
  if (f.externalId) flags.push('external id');
  if (f.idLookup) flags.push('id lookup');
  if (f.custom) flags.push('custom');
  if (f.calculated) flags.push('formula');
  parts.push(flags.join(' · '));
  if (!relationship && Array.isArray(f.referenceTo) && f.referenceTo.length) parts.push(`References: ${f.referenceTo.map(inline).join(', ')}${f.relationshipName ? ` (relationship ${inline(f.relationshipName)})` : ''}`);
  const picklist = Array.isArray(f.picklistValues) ? f.picklistValues.filter((p) => p && p.active !== false) : [];
  if (picklist.length) {
    const shown = picklist.slice(0, PICKLIST_SHOWN).map((p) => (p.label && p.label !== p.value ? `${inline(p.value)} (${md(p.label)})` : inline(p.value)));
    const more = picklist.length - PICKLIST_SHOWN;
    parts.push(`Picklist values: ${shown.join(', ')}${more > 0 ? `, … and ${more} more` : ''}`);
  }
  if (typeof f.inlineHelpText === 'string' && f.inlineHelpText.trim()) parts.push(`> ${md(f.inlineHelpText.trim()).replace(/\n/g, '\n> ')}`);
  if (ctx?.connection) parts.push(`*${md(ctx.connection.name)} · describe cache*`);
  return parts.join('\n\n');
}

function xdmTypeText(f: XdmField): string {
  if (f.isArray) return `array<${f.itemXdmType ?? 'object'}>`;
  return f.format && f.xdmType === 'string' ? `string (${f.format})` : f.xdmType;
}

function xdmFieldMarkdown(f: XdmField, ctx: DataflowContext): string {
  const parts = [code(`(xdm) ${f.path}: ${xdmTypeText(f)}`)];
  if (f.title) parts.push(`**${md(f.title)}**${f.description ? ` — ${md(f.description)}` : ''}`);
  else if (f.description) parts.push(md(f.description));
  const facts: string[] = [];
  const schema = ctx.schema?.schema;
  if (schema?.requiredPaths().includes(f.path)) facts.push('**required** (every record must have it)');
  else if (f.required) facts.push(`required within ${inline(f.parentPath || 'the record')}`);
  if (f.format && !(f.xdmType === 'string')) facts.push(`format ${inline(f.format)}`);
  if (f.enum?.length) {
    const shown = f.enum.slice(0, ENUM_SHOWN).map((v) => inline(String(v)));
    facts.push(`one of ${shown.join(', ')}${f.enum.length > ENUM_SHOWN ? `, … and ${f.enum.length - ENUM_SHOWN} more` : ''}`);
  } else if (f.metaEnum && Object.keys(f.metaEnum).length) {
    const keys = Object.keys(f.metaEnum);
    facts.push(`suggested values ${keys.slice(0, ENUM_SHOWN).map(inline).join(', ')}${keys.length > ENUM_SHOWN ? ', …' : ''}`);
  }
  if (f.pattern) facts.push(`pattern ${inline(f.pattern)}`);
  if (f.minLength !== undefined || f.maxLength !== undefined) facts.push(`length ${f.minLength ?? 0}–${f.maxLength ?? '∞'}`);
  if (f.minimum !== undefined || f.maximum !== undefined) facts.push(`range ${f.minimum ?? '−∞'}–${f.maximum ?? '∞'}`);
  if (f.inArray) facts.push('repeats per array item');
  if (!f.isLeaf) facts.push(`object with ${schema?.children(f.path).length ?? 0} fields`);
  if (facts.length) parts.push(facts.map((x) => `- ${x}`).join('\n'));
  if (ctx.schema) parts.push(`*Schema ${inline(path.basename(ctx.schema.file))}${schema?.title ? ` — ${md(schema.title)}` : ''}*`);
  return parts.join('\n\n');
}

function exampleLine(e: { call: string; result: unknown }): string {
  const result = typeof e.result === 'string' ? JSON.stringify(e.result) : JSON.stringify(e.result instanceof Map ? Object.fromEntries(e.result) : e.result);
  return `- ${inline(e.call)} → ${inline(result ?? String(e.result))}`;
}

function functionMarkdown(name: string, spec: FunctionSpec): string {
  const parts = [code(signatureLabel(spec.name, spec))];
  if (spec.overloads?.length) parts.push(spec.overloads.map((o) => `- ${inline(signatureLabel(spec.name, { params: o.params, returns: spec.returns, ...(o.repeat ? { repeat: o.repeat } : {}) }))} — ${md(o.doc)}`).join('\n'));
  if (spec.deprecated) parts.push(`**Deprecated**: use ${inline(spec.deprecated)} instead.`);
  if (spec.unsupported) parts.push(`**Not available in source ingestion**: ${md(spec.unsupported)}`);
  parts.push(md(spec.doc));
  const params = spec.params.filter((p) => p.doc);
  if (params.length) parts.push(params.map((p) => `- ${inline(p.name)}${p.optional ? ' (optional' + (p.default ? `, default ${inline(p.default)})` : ')') : ''} — ${md(p.doc)}`).join('\n'));
  if (spec.examples?.length) parts.push(`Example${spec.examples.length > 1 ? 's' : ''}:\n${spec.examples.slice(0, 3).map(exampleLine).join('\n')}`);
  const aliases = [spec.name, ...(spec.aliases ?? [])].filter((a) => a !== name);
  if (aliases.length) parts.push(`${name === spec.name ? 'Also called' : 'Alias of'} ${aliases.map(inline).join(', ')}`);
  return parts.join('\n\n');
}

function methodMarkdown(m: MethodSpec): string {
  const parts = [code(methodSignatureLabel(m)), md(m.doc)];
  if (m.params.length) parts.push(m.params.map((p) => `- ${inline(p.name)} — ${md(p.doc)}`).join('\n'));
  if (m.examples?.length) parts.push(`Example:\n${m.examples.slice(0, 3).map(exampleLine).join('\n')}`);
  return parts.join('\n\n');
}

function variableMarkdown(name: string, ctx: DataflowContext | undefined): string | undefined {
  if (name !== 'CRM_ORG_ID') return undefined;
  const org = ctx?.connection?.orgId?.value;
  return `${code('${CRM_ORG_ID}')}\n\nReplaced at run time by the id of the connected Salesforce org${org ? ` (${inline(org)} when offline, from crmflow.yaml)` : ''}.`;
}

function namespaceMarkdown(code_: string, ctx: DataflowContext | undefined): string {
  const std = STANDARD_NAMESPACES.find((n) => n.code === code_);
  const declared = ctx?.project?.model.namespaces.get(code_);
  if (std) return `${code(`(namespace) ${std.code}`)}\n\n**${md(std.name)}** · identity type ${inline(std.idType)}\n\n${md(std.description)}\n\n*Standard AEP namespace*`;
  if (declared) return `${code(`(namespace) ${declared.code}`)}\n\n**${md(declared.name ?? declared.code)}**${declared.idType ? ` · identity type ${inline(declared.idType)}` : ''}\n\n*Declared in ${inline(path.basename(ctx!.project!.file))}*`;
  return `${code(`(namespace) ${code_}`)}\n\nNot a standard namespace and not declared in crmflow.yaml.`;
}

function connectionMarkdown(d: ConnectionDecl, ctx: DataflowContext): string {
  const rows: string[] = [];
  for (const k of ['kind', 'loginUrl', 'instanceUrl', 'apiVersion', 'username', 'orgId'] as const) {
    const v = d[k]?.value;
    if (v) rows.push(`- ${k}: ${inline(v)}`);
  }
  return `${code(`(connection) ${d.name}`)}\n\n${rows.join('\n')}\n\n*Declared in ${inline(path.basename(ctx.project!.file))}*`;
}

function objectMarkdown(name: string, ctx: DataflowContext, req: FeatureRequest): string | undefined {
  const obj = ctx.object?.name === name ? ctx.object : undefined;
  if (obj) {
    const d = obj.describe;
    const facts = [d.custom ? 'custom object' : 'standard object', `${obj.fields.size} fields`, `${obj.relationships.size} relationships`];
    if (d.keyPrefix) facts.push(`key prefix ${inline(d.keyPrefix)}`);
    return `${code(`(object) ${d.name}`)}\n\n**${md(String(d.label ?? d.name))}** (${md(String(d.labelPlural ?? ''))})\n\n${facts.join(' · ')}${ctx.connection ? `\n\n*${md(ctx.connection.name)} · describe cache*` : ''}`;
  }
  const entry = ctx.project && ctx.connection ? req.service.workspace.describeGlobal(ctx.project.root, ctx.connection.name)?.sobjects.find((o) => o.name === name) : undefined;
  const label = entry ? `**${md(String(entry.label ?? name))}** (${entry.custom ? 'custom' : 'standard'} object)\n\n` : '';
  return `${code(`(object) ${name}`)}\n\n${label}No cached describe for this object${ctx.connection ? ` in connection ${inline(ctx.connection.name)}` : ''}.`;
}

function schemaMarkdown(ctx: DataflowContext): string {
  const info = ctx.schema!;
  const s = info.schema;
  if (!s) return `${code(`(schema) ${path.basename(info.file)}`)}\n\n${info.text === undefined ? 'The file does not exist.' : 'The file is not a usable XDM schema.'}`;
  const facts = [`${s.fields.size} paths`, `${s.requiredPaths().length} required`];
  if (s.metaClass) facts.push(`class ${inline(s.metaClass)}`);
  if (s.version) facts.push(`version ${inline(s.version)}`);
  return `${code(`(schema) ${s.title || s.id}`)}\n\n${s.description ? `${md(s.description)}\n\n` : ''}${facts.join(' · ')}\n\n*${md(info.file)}*`;
}

function datasetMarkdown(name: string, ctx: DataflowContext): string {
  const d = ctx.project!.model.datasets.get(name);
  if (!d) return `${code(`(dataset) ${name}`)}\n\nNot declared in crmflow.yaml.`;
  const rows: string[] = [];
  if (d.schema) rows.push(`- schema: ${inline(d.schema.value)}`);
  if (d.profile !== undefined) rows.push(`- profile: ${d.profile ? 'enabled' : 'disabled'}`);
  return `${code(`(dataset) ${name}`)}\n\n${rows.join('\n')}\n\n*Declared in ${inline(path.basename(ctx.project!.file))}*`;
}

function keyMarkdown(keys: readonly string[], root: JsonSchemaNode): string | undefined {
  const at = schemaAtKeyPath(root, keys);
  if (!at) return undefined;
  const { node, parent } = at;
  const key = keys[keys.length - 1]!;
  const parts: string[] = [];
  const type = node.enum ? 'enum' : Array.isArray(node.type) ? node.type.join(' | ') : node.type ?? (node.properties ? 'object' : undefined);
  parts.push(code(`${key}${type ? `: ${type}` : ''}`));
  // our own schemas write their descriptions in markdown
  if (node.description) parts.push(node.description);
  const facts: string[] = [];
  if (parent?.required?.includes(key)) facts.push('required');
  if (node.enum) facts.push(`one of ${node.enum.map((v) => inline(String(v))).join(', ')}`);
  if (node.const !== undefined) facts.push(`must be ${inline(JSON.stringify(node.const))}`);
  if (node.default !== undefined) facts.push(`default ${inline(JSON.stringify(node.default))}`);
  const props = node.properties ?? deref(root, node.items)?.properties;
  if (props) facts.push(`keys: ${Object.keys(props).map(inline).join(', ')}`);
  if (facts.length) parts.push(facts.join(' · '));
  return parts.join('\n\n');
}
