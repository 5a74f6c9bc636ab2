/**
 * Completion items for Salesforce fields of the source object (`source:` values, field
 * references in expressions, `where:` and `incremental:`), including relationship paths
 * (`Account.` → the parent's fields) resolved through relationshipName / referenceTo.
 * Templates are built once per describe and reused for every request.
 */
import { MarkupKind, CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import type { SourceType } from '../../checks/compatibility';
import { compatibility } from '../../checks/compatibility';
import type { FunctionCatalogue } from '../../expr/catalogue';
import { isAssignable } from '../../expr/checker';
import { RESERVED_WORDS } from '../../expr/lexer';
import type { ExprType } from '../../expr/types';
import { exprTypeOfField, fieldTypeLabel, type DescribeLookup, type SObjectIndex } from '../../salesforce/describeIndex';
import type { FieldDescribe } from '../../salesforce/describeTypes';
import type { XdmField } from '../../xdm/schema';
import { alphabeticalKeys, code, CompletionItemKind, md } from './items';

export interface FieldEntry {
  name: string;
  template: CompletionItem;
  /** the field (undefined for a relationship entry) */
  field?: FieldDescribe;
  /** for relationship entries: the objects the relationship points to */
  referenceTo?: readonly string[];
  type: ExprType;
  source?: SourceType;
  /** short key giving the entry's alphabetical place among the object's entries */
  order: string;
  /** a bare reference would not parse or would mean something else: write it as ${Name} */
  needsQuote: boolean;
}

const MAX_PICKLIST_SHOWN = 25;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Fields and relationships of each describe, as completion templates (cached per object). */
export class SourceFieldIndex {
  private readonly entriesByObject = new WeakMap<SObjectIndex, { catalogue: FunctionCatalogue; entries: FieldEntry[] }>();
  /** per object: ranks by the kind of target (type, format, item type); messages aside, that is all compatibility reads */
  private readonly ranksByObject = new WeakMap<SObjectIndex, Map<string, Uint8Array>>();

  /** `catalogue` decides which names collide with functions and need `${…}`. */
  entries(obj: SObjectIndex, catalogue: FunctionCatalogue): readonly FieldEntry[] {
    const hit = this.entriesByObject.get(obj);
    if (hit && hit.catalogue === catalogue) return hit.entries;
    const entries: FieldEntry[] = [];
    for (const f of obj.fields.values()) entries.push(fieldEntry(obj, f, catalogue));
    for (const [rel, f] of obj.relationships) entries.push(relationshipEntry(obj, rel, f));
    const keys = alphabeticalKeys(entries.map((e) => e.name));
    entries.forEach((e, i) => (e.order = keys[i]));
    this.entriesByObject.set(obj, { catalogue, entries });
    return entries;
  }

  /**
   * How well each entry fits an ATTRIBUTE mapping's target: 0 writes as is, 1 converts at
   * run time, 2 cannot work (relationships rank 1: they lead to fields).
   */
  ranksFor(obj: SObjectIndex, target: XdmField, catalogue: FunctionCatalogue): Uint8Array {
    let byTarget = this.ranksByObject.get(obj);
    if (!byTarget) this.ranksByObject.set(obj, (byTarget = new Map()));
    const kind = `${target.xdmType}|${target.format ?? ''}|${target.itemXdmType ?? ''}`;
    let ranks = byTarget.get(kind);
    if (!ranks) {
      const entries = this.entries(obj, catalogue);
      ranks = new Uint8Array(entries.length);
      entries.forEach((e, i) => {
        if (!e.source) ranks![i] = 1;
        else {
          const v = compatibility(e.source, target);
          ranks![i] = !v ? 0 : v.code === 'type-conversion' ? 1 : 2;
        }
      });
      byTarget.set(kind, ranks);
    }
    return ranks;
  }

}

function fieldEntry(obj: SObjectIndex, f: FieldDescribe, catalogue: FunctionCatalogue): FieldEntry {
    const type = exprTypeOfField(f);
    const typeLabel = fieldTypeLabel(f);
    const template: CompletionItem = {
      label: f.name,
      kind: CompletionItemKind.Field,
      detail: `${typeLabel} · ${f.label ?? f.name}`,
      labelDetails: { description: typeLabel },
      documentation: { kind: MarkupKind.Markdown, value: fieldDoc(obj, f, typeLabel) },
      filterText: f.name,
    };
    if (f.deprecatedAndHidden === true) template.tags = [CompletionItemTag.Deprecated];
    const source: SourceType = { type, sfType: f.type };
    if (typeof f.scale === 'number') source.scale = f.scale;
    return { name: f.name, template, field: f, type, source, order: '', needsQuote: needsQuote(f.name, catalogue) };
}

/** Reserved words, function names and names that are not identifiers must be written `${Name}` in expressions. */
export function needsQuote(name: string, catalogue: FunctionCatalogue): boolean {
  return RESERVED_WORDS.has(name) || catalogue.get(name) !== undefined || !IDENTIFIER.test(name);
}

function relationshipEntry(obj: SObjectIndex, rel: string, f: FieldDescribe): FieldEntry {
  const targets = Array.isArray(f.referenceTo) ? f.referenceTo : [];
  const template: CompletionItem = {
    label: rel,
    kind: CompletionItemKind.Reference,
    detail: `relationship → ${targets.join(', ') || '?'} (via ${f.name})`,
    labelDetails: { description: `→ ${targets.join(' | ')}` },
    documentation: {
      kind: MarkupKind.Markdown,
      value: `**${md(rel)}** — relationship of ${code(obj.name)} through ${code(f.name)} to ${targets.map(code).join(', ')}.\n\nType \`${rel}.\` to reach the parent's fields.`,
    },
    filterText: rel,
  };
  return { name: rel, template, referenceTo: targets, type: 'any', order: '', needsQuote: false };
}

function fieldDoc(obj: SObjectIndex, f: FieldDescribe, typeLabel: string): string {
  const lines: string[] = [`**${md(f.label ?? f.name)}** ${code(`${obj.name}.${f.name}`)}`, ''];
  const facts = [typeLabel, f.nillable ? 'nillable' : 'never null', f.custom ? 'custom' : undefined, f.externalId ? 'external id' : undefined, f.unique ? 'unique' : undefined, f.calculated ? 'formula' : undefined];
  lines.push(facts.filter(Boolean).join(' · '));
  if (f.type === 'reference' && f.referenceTo?.length) lines.push('', `References ${f.referenceTo.map(code).join(', ')}${f.relationshipName ? `; follow it as ${code(`${f.relationshipName}.`)}` : ''}.`);
  if (f.inlineHelpText) lines.push('', md(f.inlineHelpText));
  const picks = Array.isArray(f.picklistValues) ? f.picklistValues.filter((p) => p && p.active !== false) : [];
  if (picks.length) {
    lines.push('', 'Picklist values:');
    for (const p of picks.slice(0, MAX_PICKLIST_SHOWN)) lines.push(`- ${code(p.value)}${p.label && p.label !== p.value ? ` — ${md(p.label)}` : ''}${p.defaultValue ? ' (default)' : ''}`);
    if (picks.length > MAX_PICKLIST_SHOWN) lines.push(`- … ${picks.length - MAX_PICKLIST_SHOWN} more`);
  }
  return lines.join('\n');
}

/**
 * The object reached by following relationship names from `root` (`['Account', 'Owner']`),
 * or undefined when a segment is not a relationship or its describe is not cached.
 */
export function objectAtPath(root: SObjectIndex, relationships: readonly string[], lookup: DescribeLookup): SObjectIndex | undefined {
  let obj: SObjectIndex | undefined = root;
  for (const seg of relationships) {
    const rel: FieldDescribe | undefined = obj.relationships.get(seg);
    if (!rel) return undefined;
    obj = (Array.isArray(rel.referenceTo) ? rel.referenceTo : []).map((n) => safeLookup(lookup, n)).find((x): x is SObjectIndex => x !== undefined);
    if (!obj) return undefined;
  }
  return obj;
}

function safeLookup(lookup: DescribeLookup, name: string): SObjectIndex | undefined {
  try {
    return lookup(name);
  } catch {
    return undefined;
  }
}

const DATES: ReadonlySet<ExprType> = new Set(['date', 'datetime']);

/**
 * 0: is the expected type (dates and date-times count as one), 1: unknown (any) or
 * accepted through a conversion (a string where a date is expected), 2: does not fit.
 */
export function typeRank(actual: ExprType, expected: ExprType | readonly ExprType[] | undefined): number {
  if (expected === undefined) return 0;
  const list: readonly ExprType[] = typeof expected === 'string' ? [expected] : expected;
  if (list.includes('any') || list.includes(actual) || (DATES.has(actual) && list.some((e) => DATES.has(e)))) return 0;
  if (actual === 'any' || actual === 'null') return 1;
  return isAssignable(actual, list) ? 1 : 2;
}
