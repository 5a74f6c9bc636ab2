/**
 * Completion for dataflow files, by YAML position (see yamlContext.ts): Salesforce fields
 * for `source:` (relationship paths included), XDM paths segment by segment for `target:`
 * and identity paths, functions/fields/methods inside `expression:`, project values for
 * `connection:`, `object:`, `dataset:`, `schema:`, identity namespaces, JSON-Schema enums,
 * the keys of each section, and snippets for new items and a whole dataflow.
 *
 * Everything expensive (item templates per describe, schema, catalogue, describeGlobal)
 * is built once and cached by object identity in this instance; a request only places
 * templates at the replace range and ranks them.
 */
import * as path from 'node:path';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import type { DataflowContext } from '../checks/context';
import { normalisePath, splitPath } from '../checks/paths';
import type { DataflowModel } from '../dataflow/model';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { DEFAULT_VARIABLES } from '../expr';
import { xdmToExprType, type XdmField } from '../xdm/schema';
import { completeExpression } from './completion/expression';
import { FunctionIndex } from './completion/functions';
import { CompletionItemKind, place, rangeOf, RETRIGGER, sortKey } from './completion/items';
import { enumItems, keyItems, type JsonSchemaNode } from './completion/keys';
import { connectionItems, datasetItems, namespaceItems, ObjectIndex, relativeRef, schemaFiles, schemaItems } from './completion/projectValues';
import { itemSnippets, skeletonSnippet } from './completion/snippets';
import { objectAtPath, SourceFieldIndex, type FieldEntry } from './completion/sourceFields';
import { TargetPathIndex } from './completion/targetPaths';
import type { FeatureRequest } from './request';
import { yamlContextAt, type ScalarCursor, type YamlCursorContext, type YamlPathSegment } from './yamlContext';

export interface CompletionTrigger {
  /** the character that triggered the request, when one did */
  character?: string;
}

/** The characters that open completion by themselves, and why. */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = [
  '.', // next segment of a relationship path, an XDM path, or a method
  '(', // the first argument of a function
  ',', // the next argument, or the next key of a flow mapping
  ' ', // a value right after `key: `, a key right after `- `, an operand after an operator
  '$', // `${` field names and variables
  '{', // `${` (with '$') and flow mappings `{ `
];

const empty = (): CompletionList => ({ isIncomplete: false, items: [] });

export class DataflowCompletion {
  private readonly fields = new SourceFieldIndex();
  private readonly functions = new FunctionIndex();
  private readonly targets = new TargetPathIndex();
  private readonly objects = new ObjectIndex();

  complete(req: FeatureRequest, trigger: CompletionTrigger = {}): CompletionList {
    const analysis = req.analysis;
    const text = req.doc.getText();
    // a file past the analysis limit has no model to complete from (its diagnostic says so)
    if (!analysis || tooLargeToAnalyse(text)) return empty();
    const model = analysis.parsed.model;
    const yaml = yamlContextAt(text, req.offset, model);
    if (trigger.character !== undefined && !triggerFits(trigger.character, yaml, text, req.offset)) return empty();
    const items = this.items(req, yaml, model, analysis.context);
    return { isIncomplete: false, items: holdCursor(req, items) };
  }

  private items(req: FeatureRequest, yaml: YamlCursorContext, model: DataflowModel, ctx: DataflowContext): CompletionItem[] {
    const doc = req.doc;
    switch (yaml.place) {
      case 'none':
        // at the end of a lone `---`: the skeleton goes on the next line
        return yaml.emptyDocument && yaml.afterDocumentMarker ? [this.skeleton(req, ctx, rangeOf(doc, { start: req.offset, end: req.offset }), yaml.indentUnit, '\n')] : [];
      case 'item':
        return itemSnippets(yaml, rangeOf(doc, yaml.keySpan), model.identities.some((i) => i.primary?.value === true));
      case 'key': {
        const range = rangeOf(doc, yaml.keySpan);
        const out = keyItems({ yaml, root: req.service.structure.dataflowSchema as JsonSchemaNode, range, choices: (p, k) => this.choices(req, ctx, p, k) });
        if (typeof yaml.path[1] === 'number' && yaml.presentKeys.size === 0 && yaml.dashWidth > 0 && !yaml.hasColon) {
          out.push(...itemSnippets(yaml, range, model.identities.some((i) => i.primary?.value === true)));
        }
        if (yaml.emptyDocument) out.push(this.skeleton(req, ctx, range, yaml.indentUnit));
        return out;
      }
      case 'value':
        return this.valueItems(req, yaml, model, ctx);
    }
  }

  private valueItems(req: FeatureRequest, yaml: YamlCursorContext, model: DataflowModel, ctx: DataflowContext): CompletionItem[] {
    const value = yaml.value;
    if (!value) return [];
    const doc = req.doc;
    const whole = rangeOf(doc, value.span);
    const lead = yaml.needsSpace ? ' ' : '';
    const inItem = typeof yaml.path[1] === 'number';
    const where = `${yaml.section}${inItem ? '[]' : ''}.${yaml.key}`;
    switch (where) {
      case 'source.connection':
        return connectionItems(ctx, whole, lead);
      case 'source.object':
        return this.objects.items(ctx, req.service.workspace.files, ctx.project && ctx.connection ? req.service.workspace.describeGlobal(ctx.project.root, ctx.connection.name) : undefined, whole, lead);
      case 'source.where':
        return this.soqlFieldItems(req, ctx, yaml);
      case 'source.incremental':
        return this.incrementalItems(ctx, whole, lead);
      case 'target.dataset':
        return datasetItems(ctx, whole, lead);
      case 'target.schema':
        return schemaItems(ctx, req.service.workspace.files, model.target?.dataset?.value, whole, lead);
      case 'identities[].path':
        return this.xdmPathItems(req, ctx, model, value, lead, undefined, 'identity');
      case 'identities[].namespace':
        return namespaceItems(ctx, yaml.identity?.path?.value, whole, lead);
      case 'mappings[].source':
        return this.sourcePathItems(req, ctx, value, lead, this.targetField(ctx, yaml));
      case 'mappings[].target':
        return this.xdmPathItems(req, ctx, model, value, lead, yaml.mapping?.target?.value, 'target');
      case 'mappings[].expression': {
        const target = this.targetField(ctx, yaml);
        return completeExpression({ doc, expr: value, context: ctx, ...(target ? { targetType: xdmToExprType(target) } : {}), fields: this.fields, functions: this.functions });
      }
      case 'mappings[].value':
        return this.staticValueItems(ctx, yaml, whole, lead);
      default:
        return enumItems(yaml, req.service.structure.dataflowSchema as JsonSchemaNode, whole);
    }
  }

  private targetField(ctx: DataflowContext, yaml: YamlCursorContext): XdmField | undefined {
    const t = yaml.mapping?.target?.value;
    return t ? ctx.schema?.schema?.get(t) : undefined;
  }

  /** `source:` values: fields of the object at the relationship path before the cursor's segment. */
  private sourcePathItems(req: FeatureRequest, ctx: DataflowContext, value: ScalarCursor, lead: string, target: XdmField | undefined): CompletionItem[] {
    const root = ctx.object;
    if (!root) return [];
    const seg = segmentAt(value);
    const obj = objectAtPath(root, seg.before, ctx.lookup);
    if (!obj) return [];
    const range = rangeOf(req.doc, { start: value.toDocument(seg.start), end: value.toDocument(seg.end) });
    const entries = this.fields.entries(obj, ctx.catalogue);
    const ranks = target ? this.fields.ranksFor(obj, target, ctx.catalogue) : undefined;
    return entries.map((e, i) => fieldItem(e, range, lead, ranks ? ranks[i] : e.referenceTo ? 1 : 0));
  }

  /** XDM paths, one segment at a time. `mode` 'identity' ranks mapped paths first. */
  private xdmPathItems(req: FeatureRequest, ctx: DataflowContext, model: DataflowModel, value: ScalarCursor, lead: string, ownTarget: string | undefined, mode: 'target' | 'identity'): CompletionItem[] {
    const schema = ctx.schema?.schema;
    if (!schema) return [];
    const seg = segmentAt(value);
    const parent = seg.before.join('.');
    const range = rangeOf(req.doc, { start: value.toDocument(seg.start), end: value.toDocument(seg.end) });
    const mapped = this.targets.mapped(model);
    const own = ownTarget !== undefined ? normalisePath(ownTarget) : undefined;
    return this.targets.children(schema, parent).map((e, order) => {
      const f = e.field;
      let rank: number;
      let note: string | undefined;
      if (e.container) {
        const done = (mapped.below.get(f.path) ?? 0) - (own?.startsWith(`${f.path}.`) ? 1 : 0);
        const full = e.leaves > 0 && done >= e.leaves;
        if (done > 0) note = `${done}/${e.leaves} mapped`;
        rank = mode === 'identity' ? (done > 0 ? 0 : 2) : full ? 3 : f.required ? 0 : 1;
      } else {
        const isMapped = mapped.exact.has(f.path) && f.path !== own;
        if (isMapped) note = 'mapped';
        rank = mode === 'identity' ? (isMapped ? 0 : 2) : isMapped ? 3 : f.required ? 0 : 1;
      }
      const item = place(e.template, range, `${lead}${e.insert}${e.container ? '.' : ''}`, sortKey(rank, order));
      if (note) {
        item.labelDetails = { ...e.template.labelDetails, description: `${note} · ${e.template.labelDetails?.description ?? ''}` };
        item.detail = `${note} · ${e.template.detail ?? ''}`;
      }
      if (e.container) item.command = RETRIGGER;
      return item;
    });
  }

  /** `where:` is SOQL: field names (and relationship paths) at the word under the cursor. */
  private soqlFieldItems(req: FeatureRequest, ctx: DataflowContext, yaml: YamlCursorContext): CompletionItem[] {
    const root = ctx.object;
    if (!root) return [];
    const text = req.doc.getText();
    const before = text.slice(Math.max(0, yaml.word.span.start - 200), yaml.word.span.start);
    const chain = /((?:[A-Za-z_][A-Za-z0-9_]*\.)+)$/.exec(before)?.[1];
    const obj = objectAtPath(root, chain ? chain.slice(0, -1).split('.') : [], ctx.lookup);
    if (!obj) return [];
    const range = rangeOf(req.doc, yaml.word.span);
    return this.fields.entries(obj, ctx.catalogue).map((e) => fieldItem(e, range, '', e.referenceTo ? 1 : 0));
  }

  /** `incremental:` takes a date-time column; SystemModstamp is the default. */
  private incrementalItems(ctx: DataflowContext, range: Range, lead: string): CompletionItem[] {
    const obj = ctx.object;
    if (!obj) return [];
    return this.fields.entries(obj, ctx.catalogue)
      .filter((e) => e.field?.type === 'datetime')
      .map((e) => fieldItem(e, range, lead, e.name === 'SystemModstamp' || e.name === 'LastModifiedDate' ? 0 : 1));
  }

  /** Constants for a STATIC mapping: the target's enum, booleans, and run-time variables. */
  private staticValueItems(ctx: DataflowContext, yaml: YamlCursorContext, range: Range, lead: string): CompletionItem[] {
    const target = this.targetField(ctx, yaml);
    const out: CompletionItem[] = [];
    const add = (label: string, kind: CompletionItemKind, detail: string, order: number) =>
      out.push(place({ label, kind, detail, filterText: label }, range, `${lead}${label}`, sortKey(0, order)));
    let order = 0;
    if (target?.enum) for (const v of target.enum) add(String(v), CompletionItemKind.EnumMember, `allowed by ${target.path}`, order++);
    else if (target?.metaEnum) for (const [k, label] of Object.entries(target.metaEnum)) add(k, CompletionItemKind.EnumMember, label, order++);
    if (target?.xdmType === 'boolean') {
      add('true', CompletionItemKind.Value, 'boolean', order++);
      add('false', CompletionItemKind.Value, 'boolean', order++);
    }
    if (!target || (target.xdmType === 'string' && !target.enum)) for (const v of DEFAULT_VARIABLES) add(`\${${v}}`, CompletionItemKind.Variable, 'replaced when the dataflow runs', order++);
    return out;
  }

  /** Values offered as choices inside key snippets (`source:` → its connection). */
  private choices(req: FeatureRequest, ctx: DataflowContext, p: readonly YamlPathSegment[], key: string): readonly string[] {
    const where = `${p.join('.')}.${key}`;
    if (where === 'source.connection') return [...(ctx.project?.model.connections.keys() ?? [])];
    if (where === 'target.dataset') return [...(ctx.project?.model.datasets.keys() ?? [])];
    if (where === 'target.schema' && ctx.file) return this.schemaRefs(req, ctx);
    return [];
  }

  private schemaRefs(req: FeatureRequest, ctx: DataflowContext): string[] {
    const file = ctx.file;
    if (!file) return [];
    return schemaFiles(req.service.workspace.files, ctx.project?.root ?? path.dirname(file)).map((abs) => relativeRef(file, abs));
  }

  private skeleton(req: FeatureRequest, ctx: DataflowContext, range: Range, unit: number, lead = ''): CompletionItem {
    return skeletonSnippet({
      ...(req.path ? { file: req.path } : {}),
      connections: [...(ctx.project?.model.connections.keys() ?? [])],
      datasets: [...(ctx.project?.model.datasets.keys() ?? [])],
      schemas: this.schemaRefs(req, ctx),
    }, range, unit, lead);
  }
}

/**
 * Editors drop items whose edit does not cover the cursor or spans lines. Mapping
 * expression indices back through folded or escaped YAML text can land a character off,
 * so every range is made to hold the cursor on its line.
 */
function holdCursor(req: FeatureRequest, items: CompletionItem[]): CompletionItem[] {
  const at = req.doc.positionAt(req.offset);
  for (const item of items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit)) continue;
    const { start, end } = edit.range;
    const ok = start.line === at.line && end.line === at.line && start.character <= at.character && at.character <= end.character;
    if (ok) continue;
    const s = start.line === at.line && start.character <= at.character ? start : at;
    const e = end.line === at.line && end.character >= at.character ? end : at;
    edit.range = { start: s, end: e };
  }
  return items;
}

/** The path segment holding the cursor, and the names before it. */
function segmentAt(value: ScalarCursor): { before: string[]; start: number; end: number } {
  const segs = splitPath(value.text);
  let k = segs.length - 1;
  while (k > 0 && segs[k].start > value.index) k--;
  const seg = segs[k];
  return { before: segs.slice(0, k).map((s) => s.name), start: seg.start, end: seg.end };
}

function fieldItem(e: FieldEntry, range: Range, lead: string, rank: number): CompletionItem {
  if (e.referenceTo) {
    const item = place(e.template, range, `${lead}${e.name}.`, sortKey(rank, e.order));
    item.command = RETRIGGER;
    return item;
  }
  return place(e.template, range, `${lead}${e.name}`, sortKey(rank, e.order));
}

/** Whether a typed trigger character should open the list here (a space in free text should not). */
function triggerFits(c: string, yaml: YamlCursorContext, text: string, offset: number): boolean {
  const inExpression = yaml.place === 'value' && yaml.key === 'expression';
  const before = text.slice(Math.max(0, offset - 2), offset);
  switch (c) {
    case ' ':
      if (inExpression || (yaml.place === 'value' && yaml.key === 'where')) return true;
      return /[:\-{,] $/.test(before) && !(yaml.place === 'value' && yaml.value !== undefined && yaml.value.index > 0 && yaml.value.text.trim() !== '');
    case '.':
      return yaml.place === 'value' && ['source', 'target', 'path', 'expression', 'where', 'schema'].includes(yaml.key);
    case '(':
      return inExpression;
    case ',':
      return inExpression || yaml.flow;
    case '$':
    case '{':
      return inExpression || yaml.flow || (yaml.place === 'value' && yaml.key === 'value');
    default:
      return true;
  }
}
