/**
 * Go to definition: a target path goes to its property in the XDM schema file, `schema:`
 * to the file, `connection:` / a dataset / a declared namespace to its entry in
 * crmflow.yaml, a source field (also inside expressions) to its entry in the describe
 * cache file. Other files are read through the workspace's reader (open editors win)
 * and indexed once per loaded object, so repeated jumps cost a lookup.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocationLink, Range } from 'vscode-languageserver-types';
import type { DataflowContext } from '../checks/context';
import type { SObjectIndex } from '../salesforce/describeIndex';
import type { Span } from '../util/problems';
import type { ProjectInfo, SchemaInfo } from '../workspace/workspace';
import { member, parseJsonAst, type JsonNode } from '../xdm/jsonAst';
import { symbolAt, type CursorSymbol } from './hover';
import type { FeatureRequest } from './request';

/** A file read for navigation: its uri and a document for offset → position. */
export interface TargetFile {
  uri: string;
  doc: TextDocument;
}

interface DescribeFile extends TargetFile {
  /** the object's `"name"` value */
  objectName?: Span;
  /** per field name: the whole field object and its `"name"` value (without quotes) */
  fields: Map<string, { entry: Span; name: Span }>;
}

export function fileUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}

export function targetFile(absPath: string, text: string): TargetFile {
  const uri = fileUri(absPath);
  return { uri, doc: TextDocument.create(uri, path.extname(absPath) === '.json' ? 'json' : 'yaml', 0, text) };
}

export function rangeIn(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export class DefinitionProvider {
  private readonly schemaFiles = new WeakMap<SchemaInfo, TargetFile>();
  private readonly projectFiles = new WeakMap<ProjectInfo, TargetFile | null>();
  private readonly describeFiles = new WeakMap<SObjectIndex, DescribeFile | null>();

  definition(req: FeatureRequest): LocationLink[] | null {
    const ctx = req.analysis?.context;
    if (!ctx) return null;
    const sym = symbolAt(req, { endInclusive: true });
    if (!sym) return null;
    const origin = rangeIn(req.doc, sym.span);
    const link = (file: TargetFile, range: Span, selection: Span = range): LocationLink => ({
      originSelectionRange: origin,
      targetUri: file.uri,
      targetRange: rangeIn(file.doc, range),
      targetSelectionRange: rangeIn(file.doc, selection),
    });
    const found = this.locate(sym, ctx, req);
    return found ? [link(found.file, found.range, found.selection)] : null;
  }

  /** Where the symbol is defined: the schema property, the describe entry, the project key. */
  locate(sym: CursorSymbol, ctx: DataflowContext, req: FeatureRequest): { file: TargetFile; range: Span; selection?: Span } | undefined {
    switch (sym.kind) {
      case 'targetPath': {
        const span = sym.field?.definitionSpan;
        const file = ctx.schema && this.schemaFile(ctx.schema);
        return span && file ? { file, range: span } : undefined;
      }
      case 'schema': {
        const file = ctx.schema && this.schemaFile(ctx.schema);
        const root = ctx.schema?.schema?.rootSpan ?? { start: 0, end: 0 };
        return file ? { file, range: root, selection: { start: root.start, end: root.start } } : undefined;
      }
      case 'sourceField': {
        const file = sym.owner && this.describeFile(sym.owner, ctx, req);
        const entry = file && sym.field ? file.fields.get(sym.field.name) : undefined;
        return file && entry ? { file, range: entry.entry, selection: entry.name } : undefined;
      }
      case 'object': {
        const obj = ctx.object?.name === sym.name ? ctx.object : undefined;
        const file = obj && this.describeFile(obj, ctx, req);
        if (!file) return undefined;
        const at = file.objectName ?? { start: 0, end: 0 };
        return { file, range: at };
      }
      case 'connection':
      case 'dataset':
      case 'namespace': {
        const project = ctx.project;
        const model = project?.model;
        const decl = sym.kind === 'connection' ? model?.connections.get(sym.name) : sym.kind === 'dataset' ? model?.datasets.get(sym.name) : model?.namespaces.get(sym.code);
        const file = project && decl && this.projectFile(project, req);
        return file && decl ? { file, range: decl.keySpan } : undefined;
      }
      default:
        return undefined;
    }
  }

  schemaFile(info: SchemaInfo): TargetFile | undefined {
    if (info.text === undefined) return undefined;
    let f = this.schemaFiles.get(info);
    if (!f) this.schemaFiles.set(info, (f = targetFile(info.file, info.text)));
    return f;
  }

  private projectFile(project: ProjectInfo, req: FeatureRequest): TargetFile | undefined {
    let f = this.projectFiles.get(project);
    if (f === undefined) {
      const text = req.service.workspace.files.readFile(project.file);
      f = text === undefined ? null : targetFile(project.file, text);
      this.projectFiles.set(project, f);
    }
    return f ?? undefined;
  }

  private describeFile(owner: SObjectIndex, ctx: DataflowContext, req: FeatureRequest): DescribeFile | undefined {
    let f = this.describeFiles.get(owner);
    if (f === undefined) {
      f = null;
      if (ctx.project && ctx.connection) {
        const file = req.service.workspace.describeFile(ctx.project.root, ctx.connection.name, owner.name);
        const text = req.service.workspace.files.readFile(file);
        if (text !== undefined) f = indexDescribe(file, text);
      }
      this.describeFiles.set(owner, f);
    }
    return f ?? undefined;
  }
}

/** Finds each field's object in a describe JSON text (the `fields` array of the root). */
function indexDescribe(file: string, text: string): DescribeFile {
  const out: DescribeFile = { ...targetFile(file, text), fields: new Map() };
  const root = parseJsonAst(text).root;
  if (root?.kind !== 'object') return out;
  const name = member(root, 'name');
  if (name?.kind === 'string') out.objectName = unquoted(name);
  const fields = member(root, 'fields');
  if (fields?.kind !== 'array') return out;
  for (const item of fields.items) {
    if (item.kind !== 'object') continue;
    const n = member(item, 'name');
    if (n?.kind === 'string' && !out.fields.has(n.value)) out.fields.set(n.value, { entry: { start: item.start, end: item.end }, name: unquoted(n) });
  }
  return out;
}

function unquoted(n: JsonNode): Span {
  return { start: n.start + 1, end: Math.max(n.start + 1, n.end - 1) };
}
