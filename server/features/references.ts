/**
 * Find references across the dataflows of the workspace:
 * - of a target path: every mapping `target:` and identity `path:` that writes the same
 *   XDM field of the same schema file, or a field under it when the cursor is on a parent
 *   segment (`person` finds every `person.…` path);
 * - of a source field: every `source:` and expression field reference that reads it, in
 *   dataflows over the same connection and object.
 * Each reference covers the segment naming the symbol; the declaration (schema property or
 * describe cache entry) comes first when asked for. Other dataflow files are parsed with
 * the service's parser and a chunk cache per file, so a second search re-reads only what
 * changed.
 */
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-types';
import { normalisePath, splitPath } from '../checks/paths';
import type { DataflowContext } from '../checks/context';
import { ChunkCache } from '../dataflow/parse';
import { offsetIn, type DataflowModel, type LocatedText } from '../dataflow/model';
import { childrenOf, type Expr } from '../expr/ast';
import { parseExpression } from '../expr/parser';
import type { Span } from '../util/problems';
import type { FileReader, Workspace } from '../workspace/workspace';
import { DefinitionProvider, rangeIn, targetFile, type TargetFile } from './definition';
import { symbolAt, type CursorSymbol } from './hover';
import type { FeatureRequest } from './request';

const DATAFLOW_FILE = /\.dataflow\.ya?ml$/;
const MAX_DEPTH = 8;
const MAX_ENTRIES = 20_000;
const MAX_EXPRESSION_NODES = 50_000;

interface ParsedFile {
  text: string;
  cache: ChunkCache;
  model: DataflowModel;
}

/** What a search looks for: which dataflows can refer to the symbol, and where they do. */
interface Matcher {
  sameSubject(model: DataflowModel, file: string): boolean;
  spans(model: DataflowModel): Span[];
}

export class ReferencesProvider {
  private parsed = new Map<string, ParsedFile>();

  constructor(private readonly definitions = new DefinitionProvider()) {}

  references(req: FeatureRequest, includeDeclaration: boolean): Location[] | null {
    const ctx = req.analysis?.context;
    const sym = symbolAt(req, { endInclusive: true });
    if (!ctx || !req.analysis || !sym) return null;
    const matcher = matcherFor(sym, ctx, req.service.workspace);
    if (!matcher) return null;
    const out: Location[] = [];
    if (includeDeclaration) {
      const d = this.definitions.locate(sym, ctx, req);
      if (d) out.push({ uri: d.file.uri, range: rangeIn(d.file.doc, d.selection ?? d.range) });
    }
    for (const s of matcher.spans(req.analysis.parsed.model)) out.push({ uri: req.doc.uri, range: rangeIn(req.doc, s) });
    const files = req.service.workspace.files;
    if (!req.path || !files.listFiles) return out;
    const root = ctx.project?.root ?? path.dirname(req.path);
    const seen = new Set<string>();
    for (const file of dataflowFiles(files, root)) {
      seen.add(file);
      if (file === req.path) continue;
      const text = files.readFile(file);
      if (text === undefined) continue;
      const model = this.parse(req, file, text);
      if (!matcher.sameSubject(model, file)) continue;
      const spans = matcher.spans(model);
      if (!spans.length) continue;
      const target: TargetFile = targetFile(file, text);
      for (const s of spans) out.push({ uri: target.uri, range: rangeIn(target.doc, s) });
    }
    for (const f of [...this.parsed.keys()]) if (!seen.has(f)) this.parsed.delete(f);
    return out;
  }

  private parse(req: FeatureRequest, file: string, text: string): DataflowModel {
    let p = this.parsed.get(file);
    if (!p || p.text !== text) {
      const cache = p?.cache ?? new ChunkCache();
      p = { text, cache, model: req.service.parser.parse(text, cache).model };
      this.parsed.set(file, p);
    }
    return p.model;
  }
}

function matcherFor(sym: CursorSymbol, ctx: DataflowContext, ws: Workspace): Matcher | undefined {
  if (sym.kind === 'targetPath') {
    const schemaFile = ctx.schema?.file;
    return {
      sameSubject: (model, file) => {
        const ref = model.target?.schema?.value;
        return !!ref && !!schemaFile && path.resolve(path.dirname(file), ref) === schemaFile;
      },
      spans: (model) => targetSpans(model, sym.path, sym.segment + 1),
    };
  }
  if (sym.kind === 'sourceField') {
    const connection = ctx.connection?.name;
    const object = ctx.object?.name;
    const root = ctx.project?.root;
    const names = sym.names.slice(0, sym.segment + 1);
    return {
      sameSubject: (model, file) => !!connection && !!object && model.source?.connection?.value === connection && model.source.object?.value === object && ws.projectFor(file)?.root === root,
      spans: (model) => fieldSpans(model, names),
    };
  }
  return undefined;
}

/** Paths that are `wanted` or lie under it: the span of the segment `wanted` ends with. */
function targetSpans(model: DataflowModel, wanted: string, depth: number): Span[] {
  const out: Span[] = [];
  const texts: LocatedText[] = [];
  for (const m of model.mappings) if (m.target) texts.push(m.target);
  for (const i of model.identities) if (i.path) texts.push(i.path);
  texts.sort((a, b) => a.span.start - b.span.start);
  for (const t of texts) {
    const n = normalisePath(t.value);
    if (n !== wanted && !n.startsWith(`${wanted}.`)) continue;
    const segs = splitPath(t.value);
    if (segs.length < depth || segs.slice(0, depth).map((s) => s.name).join('.') !== wanted) continue;
    const seg = segs[depth - 1]!;
    out.push({ start: offsetIn(t, seg.start), end: offsetIn(t, seg.end) });
  }
  return out;
}

/** `source:` paths and expression field references starting with `names`: the span of its last segment. */
function fieldSpans(model: DataflowModel, names: readonly string[]): Span[] {
  const out: Span[] = [];
  const k = names.length - 1;
  const last = names[k]!;
  const samePrefix = (path: readonly string[]) => path.length > k && names.every((n, i) => path[i] === n);
  for (const m of model.mappings) {
    if (m.source?.value.includes(last)) {
      const segs = splitPath(m.source.value);
      if (samePrefix(segs.map((s) => s.name))) out.push({ start: offsetIn(m.source, segs[k]!.start), end: offsetIn(m.source, segs[k]!.end) });
    }
    const e = m.expression;
    if (e?.value.includes(last)) {
      for (const f of fieldNodes(e.value)) {
        if (samePrefix(f.segments.map((s) => s.name))) out.push({ start: offsetIn(e, f.segments[k]!.span.start), end: offsetIn(e, f.segments[k]!.span.end) });
      }
    }
  }
  return out;
}

function fieldNodes(text: string): Array<Extract<Expr, { kind: 'field' }>> {
  const out: Array<Extract<Expr, { kind: 'field' }>> = [];
  let ast: Expr;
  try {
    ast = parseExpression(text).ast;
  } catch {
    return out;
  }
  const todo: Expr[] = [ast];
  for (let n = 0; todo.length && n < MAX_EXPRESSION_NODES; n++) {
    const node = todo.pop()!;
    if (node.kind === 'field') out.push(node);
    else todo.push(...childrenOf(node));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Every *.dataflow.yaml under `root`, skipping hidden folders and node_modules. */
export function* dataflowFiles(files: FileReader, root: string): Generator<string> {
  const queue: Array<[string, number]> = [[root, 0]];
  let entries = 0;
  while (queue.length) {
    const [dir, depth] = queue.shift()!;
    const list = files.listFiles?.(dir) ?? [];
    for (const e of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++entries > MAX_ENTRIES) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory) {
        if (depth < MAX_DEPTH) queue.push([p, depth + 1]);
      } else if (DATAFLOW_FILE.test(e.name)) yield p;
    }
  }
}
