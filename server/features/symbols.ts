/**
 * The outline of a dataflow (name → source, target, identities, each mapping as
 * `source → target`, schedule, ingestion) or of crmflow.yaml (connections, namespaces,
 * datasets). Built from the models the diagnostics already computed, so it works on
 * broken files too: whatever could be read shows up.
 */
import * as path from 'node:path';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DataflowModel, IdentityModel, Located, MappingKind, MappingModel } from '../dataflow/model';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { parseProject, type ProjectModel } from '../project/project';
import type { Span } from '../util/problems';
import type { FeatureRequest } from './request';
import { topLevelKeys } from './topLevelKeys';

const NAME_LENGTH = 60;
const EXPRESSION_LENGTH = 40;
const MAPPING_KIND: Readonly<Record<MappingKind, SymbolKind>> = {
  ATTRIBUTE: SymbolKind.Field,
  EXPRESSION: SymbolKind.Function,
  STATIC: SymbolKind.Constant,
  INVALID: SymbolKind.Field,
};

/** A symbol with spans; turned into LSP ranges once the tree is complete. */
interface Outline {
  name: string;
  detail?: string;
  kind: SymbolKind;
  span: Span;
  selection: Span;
  children?: Outline[];
}

export function documentSymbols(req: FeatureRequest): DocumentSymbol[] {
  try {
    const text = req.doc.getText();
    if (tooLargeToAnalyse(text)) return sectionsOnly(req.doc, text);
    const outline = req.service.kindOf(req.path) === 'project'
      ? projectOutline(text, parseProject(text, req.service.structure).model)
      : dataflowOutline(text, req.analysis?.parsed.model ?? req.service.parser.parse(text).model, req.path);
    return outline.map((o) => toSymbol(req.doc, o));
  } catch {
    return [];
  }
}

/**
 * A file too large to analyse still gets its top-level sections (one linear scan), so the
 * outline and breadcrumbs stay usable; a flood of keys is cut, the list is for people.
 */
const MAX_SECTIONS = 1000;

function sectionsOnly(doc: TextDocument, text: string): DocumentSymbol[] {
  return topLevelKeys(text, MAX_SECTIONS).map((k) => ({
    name: k.name,
    detail: 'not analysed: the file is too large',
    kind: SymbolKind.Object,
    range: range(doc, { start: k.span.start, end: Math.max(k.span.end, k.end) }),
    selectionRange: range(doc, k.span),
  }));
}

// --- dataflow files ---

function dataflowOutline(text: string, model: DataflowModel, file: string | undefined): Outline[] {
  const children: Outline[] = [];
  const description = property('description', model.description);
  if (description) children.push(description);
  const source = model.source;
  if (source) {
    const detail = [source.connection?.value, source.object?.value].filter(Boolean).join(' · ');
    children.push(section(text, 'source', SymbolKind.Object, source.keySpan, detail, [
      property('connection', source.connection),
      property('object', source.object),
      property('where', source.where),
      property('incremental', source.incremental),
    ]));
  }
  const target = model.target;
  if (target) {
    const detail = [target.schema && path.basename(target.schema.value), target.dataset?.value].filter(Boolean).join(' · ');
    children.push(section(text, 'target', SymbolKind.Object, target.keySpan, detail, [property('schema', target.schema), property('dataset', target.dataset)]));
  }
  if (model.identitiesKey || model.identities.length > 0) {
    const key = model.identitiesKey ?? model.identities[0]!.span;
    children.push(section(text, 'identities', SymbolKind.Array, key, count(model.identities.length, 'identity', 'identities'), model.identities.map((i) => identity(text, i))));
  }
  if (model.mappingsKey || model.mappings.length > 0) {
    const key = model.mappingsKey ?? model.mappings[0]!.span;
    children.push(section(text, 'mappings', SymbolKind.Array, key, count(model.mappings.length, 'mapping', 'mappings'), model.mappings.map((m) => mapping(text, m))));
  }
  const schedule = model.schedule;
  if (schedule) {
    children.push(section(text, 'schedule', SymbolKind.Event, schedule.keySpan, scheduleText(model), [
      property('frequency', schedule.frequency),
      property('interval', schedule.interval),
      property('startTime', schedule.startTime),
      property('backfill', schedule.backfill),
    ]));
  }
  const ingestion = model.ingestion;
  if (ingestion) {
    children.push(section(text, 'ingestion', SymbolKind.Object, ingestion.keySpan, undefined, [
      property('partialIngestionPercent', ingestion.partialIngestionPercent),
      property('errorDiagnostics', ingestion.errorDiagnostics),
      property('profile', ingestion.profile),
      property('sampleSize', ingestion.sampleSize),
    ]));
  }
  const name = model.name?.value.trim() ? model.name.value : file ? path.basename(file).replace(/\.dataflow\.ya?ml$/, '') : 'dataflow';
  const selection = model.name ? (model.name.keySpan ? cover(model.name.keySpan, model.name.span) : model.name.span) : { start: 0, end: 0 };
  if (!model.name && children.length === 0) return [];
  return [{ name, detail: 'dataflow', kind: SymbolKind.Module, span: { start: 0, end: trimEnd(text, text.length) }, selection, children: sortByStart(children) }];
}

function mapping(text: string, m: MappingModel): Outline {
  const from = m.source ? m.source.value
    : m.expression ? shorten(m.expression.value, EXPRESSION_LENGTH)
    : m.value ? (typeof m.value.value === 'string' ? JSON.stringify(shorten(m.value.value, EXPRESSION_LENGTH)) : String(m.value.value))
    : '?';
  const to = m.target?.value || '?';
  const selection = m.target?.span ?? m.source?.span ?? m.expression?.span ?? m.value?.span ?? m.span;
  const out: Outline = { name: shorten(`${from || '?'} → ${to}`, NAME_LENGTH * 2), kind: MAPPING_KIND[m.kind], span: itemSpan(text, m.span), selection };
  if (m.name?.value) out.detail = m.name.value;
  return out;
}

function identity(text: string, i: IdentityModel): Outline {
  const name = `${i.path?.value || '?'} (${i.namespace?.value || '?'})`;
  const out: Outline = { name, kind: SymbolKind.Key, span: itemSpan(text, i.span), selection: i.path?.span ?? i.namespace?.span ?? i.span };
  if (i.primary?.value === true) out.detail = 'primary';
  return out;
}

function scheduleText(model: DataflowModel): string | undefined {
  const f = model.schedule?.frequency?.value;
  if (!f) return undefined;
  if (f === 'once') return 'once';
  const n = model.schedule?.interval?.value;
  return typeof n === 'number' && n !== 1 ? `every ${n} ${f}s` : `every ${f}`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// --- crmflow.yaml ---

function projectOutline(text: string, model: ProjectModel): Outline[] {
  const out: Outline[] = [];
  for (const key of topLevelKeys(text)) {
    const children: Outline[] = [];
    let kind: SymbolKind = SymbolKind.Object;
    let detail: string | undefined;
    if (key.name === 'connections') {
      for (const c of model.connections.values()) {
        children.push(entry(text, c.name, SymbolKind.Interface, c.keySpan, [c.kind?.value, c.loginUrl?.value ?? c.instanceUrl?.value].filter(Boolean).join(' · ')));
      }
    } else if (key.name === 'namespaces') {
      for (const n of model.namespaces.values()) children.push(entry(text, n.code, SymbolKind.EnumMember, n.keySpan, [n.name, n.idType].filter(Boolean).join(' · ')));
    } else if (key.name === 'datasets') {
      for (const d of model.datasets.values()) children.push(entry(text, d.name, SymbolKind.Struct, d.keySpan, d.schema?.value));
    } else {
      kind = SymbolKind.Property;
      detail = inlineValue(text, key.span.end);
      if (key.name === 'lake' && model.lakePath) {
        kind = SymbolKind.Object;
        detail = model.lakePath;
      }
    }
    if (children.length > 0) detail = `${children.length}`;
    out.push(section(text, key.name, kind, key.span, detail, children));
  }
  return out;
}

function entry(text: string, name: string, kind: SymbolKind, keySpan: Span, detail: string | undefined): Outline {
  const out: Outline = { name: name.trim() ? name : '?', kind, span: { start: keySpan.start, end: blockEnd(text, keySpan) }, selection: keySpan };
  if (detail) out.detail = detail;
  return out;
}

function inlineValue(text: string, from: number): string | undefined {
  const lineEnd = text.indexOf('\n', from);
  let rest = text.slice(from, lineEnd < 0 ? text.length : lineEnd).replace(/^\s*:/, '');
  // a linear search: `\s+#.*$` backtracks quadratically on a long run of spaces
  const comment = rest.search(/\s#/);
  if (comment >= 0) rest = rest.slice(0, comment);
  rest = rest.trim();
  return rest ? shorten(rest.replace(/^(["'])(.*)\1$/, '$2'), NAME_LENGTH) : undefined;
}

// --- shared ---

function section(text: string, name: string, kind: SymbolKind, keySpan: Span, detail: string | undefined, children: Array<Outline | undefined>): Outline {
  const kids = children.filter((c): c is Outline => c !== undefined);
  const out: Outline = { name, kind, span: { start: keySpan.start, end: blockEnd(text, keySpan) }, selection: keySpan, children: sortByStart(kids) };
  if (detail) out.detail = detail;
  return out;
}

function property(name: string, v: Located<unknown> | undefined): Outline | undefined {
  if (!v) return undefined;
  const key = v.keySpan ?? v.span;
  const shown = typeof v.value === 'string' ? shorten(v.value, NAME_LENGTH) : String(v.value);
  const out: Outline = { name, kind: SymbolKind.Property, span: cover(key, v.span), selection: key };
  if (shown) out.detail = shown;
  return out;
}

/**
 * Where the block of the key at `key` ends: the end of its last line that is indented
 * deeper (or a `- ` item at the same column when the key has no inline value). Comment and
 * blank lines in between do not end it; trailing ones are not part of it.
 */
function blockEnd(text: string, key: Span): number {
  const lineStart = text.lastIndexOf('\n', key.start - 1) + 1;
  const column = key.start - lineStart;
  let lineEnd = text.indexOf('\n', key.end);
  if (lineEnd < 0) lineEnd = text.length;
  let end = trimEnd(text, lineEnd);
  const inline = text.slice(key.end, lineEnd).replace(/^\s*:/, '').replace(/(^|\s)#.*$/, '').trim() !== '';
  let pos = lineEnd + 1;
  while (pos <= text.length) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    let indent = 0;
    while (text[pos + indent] === ' ') indent++;
    const first = text[pos + indent];
    const blank = pos + indent >= next || first === '\r' || first === '#';
    if (!blank) {
      const item = first === '-' && /[\s]/.test(text[pos + indent + 1] ?? ' ');
      if (indent > column || (indent === column && item && !inline)) end = trimEnd(text, next);
      else break;
    }
    if (next >= text.length) break;
    pos = next + 1;
  }
  return Math.max(end, key.end);
}

/** A sequence item from its `- ` to its last non-blank character. */
function itemSpan(text: string, span: Span): Span {
  let start = span.start;
  let p = start - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  if (p >= 0 && text[p] === '-') start = p;
  return { start, end: Math.max(start, trimEnd(text, span.end)) };
}

function trimEnd(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function shorten(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

function sortByStart(list: Outline[]): Outline[] {
  return list.sort((a, b) => a.span.start - b.span.start);
}

/** Widens every span to hold its selection and children (clients reject anything else). */
function widen(o: Outline): Span {
  let span = cover(o.span, o.selection);
  for (const c of o.children ?? []) span = cover(span, widen(c));
  o.span = span;
  return span;
}

function toSymbol(doc: TextDocument, o: Outline): DocumentSymbol {
  widen(o);
  return symbolOf(doc, o);
}

function symbolOf(doc: TextDocument, o: Outline): DocumentSymbol {
  const children = (o.children ?? []).map((c) => symbolOf(doc, c));
  const s: DocumentSymbol = { name: o.name.trim() ? o.name : '?', kind: o.kind, range: range(doc, o.span), selectionRange: range(doc, o.selection) };
  if (o.detail) s.detail = o.detail;
  if (o.children) s.children = children;
  return s;
}

function range(doc: TextDocument, s: Span): Range {
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}
