/**
 * Completion items for XDM paths (`target:` values, identity `path:` values), one segment
 * at a time: `person.` lists `name`, `birthDate`, … with type, format, `required` and the
 * description. Templates and per-object leaf counts are built once per schema; what the
 * dataflow already maps is computed once per model.
 */
import { MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { targetLabel } from '../../checks/compatibility';
import { normalisePath } from '../../checks/paths';
import type { DataflowModel } from '../../dataflow/model';
import type { XdmField, XdmSchema } from '../../xdm/schema';
import { code, CompletionItemKind, md } from './items';

export interface SegmentEntry {
  field: XdmField;
  template: CompletionItem;
  /** has sub-fields a path can continue into */
  container: boolean;
  /** leaves below a container (1 for a leaf) */
  leaves: number;
  /** the segment as written in a path (dots escaped) */
  insert: string;
}

interface SchemaEntries {
  leafCount: Map<string, number>;
  byParent: Map<string, readonly SegmentEntry[]>;
}

/** What a dataflow maps: exact targets and, per object path, how many leaves below it are mapped. */
export interface MappedTargets {
  exact: ReadonlySet<string>;
  below: ReadonlyMap<string, number>;
}

export class TargetPathIndex {
  private readonly bySchema = new WeakMap<XdmSchema, SchemaEntries>();
  private readonly mappedByModel = new WeakMap<DataflowModel, MappedTargets>();

  /** The direct sub-fields of `parentPath` ('' = root) as templates, in schema order. */
  children(schema: XdmSchema, parentPath: string): readonly SegmentEntry[] {
    const s = this.schemaEntries(schema);
    let list = s.byParent.get(parentPath);
    if (!list) {
      list = schema.children(parentPath).map((f) => segmentEntry(schema, f, s.leafCount));
      s.byParent.set(parentPath, list);
    }
    return list;
  }

  mapped(model: DataflowModel): MappedTargets {
    let m = this.mappedByModel.get(model);
    if (!m) {
      const exact = new Set<string>();
      const below = new Map<string, number>();
      for (const mapping of model.mappings) {
        const t = mapping.target?.value;
        if (!t) continue;
        const p = normalisePath(t);
        if (exact.has(p)) continue;
        exact.add(p);
        for (let i = p.indexOf('.'); i > 0; i = p.indexOf('.', i + 1)) {
          const prefix = p.slice(0, i);
          below.set(prefix, (below.get(prefix) ?? 0) + 1);
        }
      }
      m = { exact, below };
      this.mappedByModel.set(model, m);
    }
    return m;
  }

  private schemaEntries(schema: XdmSchema): SchemaEntries {
    let s = this.bySchema.get(schema);
    if (!s) {
      const leafCount = new Map<string, number>();
      for (const f of schema.leaves()) {
        for (let p = f.parentPath; p; ) {
          leafCount.set(p, (leafCount.get(p) ?? 0) + 1);
          p = schema.get(p)?.parentPath ?? '';
        }
      }
      s = { leafCount, byParent: new Map() };
      this.bySchema.set(schema, s);
    }
    return s;
  }
}

function segmentEntry(schema: XdmSchema, f: XdmField, leafCount: ReadonlyMap<string, number>): SegmentEntry {
  const container = !f.isLeaf && schema.children(f.path).length > 0;
  const type = targetLabel(f);
  const facts = [type, f.required ? 'required' : undefined, f.isArray ? 'array' : undefined].filter((x, i, a) => x && a.indexOf(x) === i);
  const template: CompletionItem = {
    label: f.name,
    kind: container ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: `${facts.join(' · ')}${f.title && f.title !== f.name ? ` — ${f.title}` : ''}`,
    labelDetails: { description: type },
    documentation: { kind: MarkupKind.Markdown, value: pathDoc(schema, f) },
    filterText: f.name,
  };
  return { field: f, template, container, leaves: container ? leafCount.get(f.path) ?? 0 : 1, insert: f.name.replace(/[.\\[]/g, (c) => `\\${c}`) };
}

function pathDoc(schema: XdmSchema, f: XdmField): string {
  const lines = [`**${md(f.title || f.name)}** ${code(f.path)}`, ''];
  const facts = [`XDM ${targetLabel(f)}`, f.format && f.xdmType !== 'string' ? `format ${f.format}` : undefined, f.required ? 'required' : 'optional', f.inArray ? 'repeats per array item' : undefined];
  lines.push(facts.filter(Boolean).join(' · '));
  if (f.description) lines.push('', md(f.description));
  const limits = [
    f.minLength !== undefined ? `min length ${f.minLength}` : undefined,
    f.maxLength !== undefined ? `max length ${f.maxLength}` : undefined,
    f.minimum !== undefined ? `minimum ${f.minimum}` : undefined,
    f.maximum !== undefined ? `maximum ${f.maximum}` : undefined,
    f.pattern !== undefined ? `pattern ${code(f.pattern)}` : undefined,
  ].filter(Boolean);
  if (limits.length) lines.push('', limits.join(' · '));
  if (f.enum?.length) lines.push('', `Allowed values: ${f.enum.slice(0, 30).map((v) => code(String(v))).join(', ')}${f.enum.length > 30 ? ', …' : ''}`);
  else if (f.metaEnum) {
    const keys = Object.keys(f.metaEnum);
    lines.push('', `Suggested values: ${keys.slice(0, 30).map((k) => code(k)).join(', ')}${keys.length > 30 ? ', …' : ''}`);
  }
  lines.push('', `Schema: ${md(schema.title || schema.id)}`);
  return lines.join('\n');
}
