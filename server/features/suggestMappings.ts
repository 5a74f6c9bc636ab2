/**
 * "Suggest mappings": proposes a mapping for each unmapped target path that a source
 * field fits, as one reviewable edit appended to `mappings:`. Proposals come first from
 * Adobe's Salesforce template (codeActions/salesforceTemplate.ts), then from word
 * similarity of the field's name and label with the path's segments and title. Only
 * type-compatible pairs are proposed, never a target that is already written.
 *
 * The candidate pairs depend only on the (schema, describe) pair, so they are computed
 * once per pair and kept in a WeakMap of this object; a request only filters them.
 */
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-types';
import { compatibility, type SourceType } from '../checks/compatibility';
import { normalisePath } from '../checks/paths';
import type { DataflowModel } from '../dataflow/model';
import { exprTypeOfField, type SObjectIndex } from '../salesforce/describeIndex';
import type { FieldDescribe } from '../salesforce/describeTypes';
import type { DataflowAnalysis } from '../service';
import type { XdmField, XdmSchema } from '../xdm/schema';
import { workspaceEdit, type FixContext } from './codeActions/edits';
import { appendMappings, type MappingStub } from './codeActions/mappingInsert';
import { templateProposals } from './codeActions/salesforceTemplate';
import type { FeatureRequest } from './request';

export const SUGGEST_MAPPINGS_KIND = 'source.suggestMappings';
export const SUGGESTED_HEADING = 'suggested by CRM Dataflows — review';

export interface MappingProposal extends MappingStub {
  /** the Salesforce field read, when there is one */
  field?: string;
  /** 2 for template mappings, (0, 1.x] for similarity */
  score: number;
}

interface Candidate extends MappingProposal {
  order: number;
  template: boolean;
}

interface TargetEntry {
  field: XdmField;
  order: number;
  /** words of the leaf (and of the parent when the leaf is generic, like `number`), and of the title */
  leaf: ReadonlySet<string>;
  /** leaf words plus the words of every ancestor segment */
  all: ReadonlySet<string>;
  norm: string;
}

interface TargetIndex {
  byWord: Map<string, TargetEntry[]>;
  byNorm: Map<string, TargetEntry[]>;
  order: Map<string, number>;
}

const MIN_SCORE = 0.6;
/** words shared by more targets than this do not generate candidates (they still score) */
const MAX_POSTINGS = 64;
const GENERIC_LEAVES = new Set(['number', 'address', 'amount', 'value', 'primary', 'code']);
const STOP_WORDS = new Set(['the', 'of', 'a', 'an', 'and', 'or', 'for', 'c']);
const SYNONYMS: Readonly<Record<string, string>> = { mailing: 'work', business: 'work', zip: 'postal', province: 'state', cell: 'mobile', surname: 'last' };
/** Salesforce types that never fill a scalar XDM leaf by themselves */
const UNSUGGESTED_TYPES = new Set(['address', 'location', 'base64', 'complexvalue', 'anyType', 'json']);

/** camelCase, snake_case, acronyms and digits split into lower-case words (`SICCode` → sic, code). */
export function splitWords(s: string): string[] {
  const spaced = s
    .replace(/__c$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2');
  return spaced.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
}

function stem(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

function wordSet(...texts: Array<string | undefined>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const w of splitWords(t)) {
      if (STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
      out.add(stem(SYNONYMS[w] ?? w));
    }
  }
  return out;
}

function normOf(s: string): string {
  return splitWords(s).map(stem).join('');
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

function sourceTypeOf(f: FieldDescribe): SourceType {
  const t: SourceType = { type: exprTypeOfField(f), sfType: f.type };
  if (typeof f.scale === 'number') t.scale = f.scale;
  return t;
}

/** Written target paths; `a.b.c` overlaps `a.b` and `a.b.c.d`: writing one writes (part of) the other. */
class WrittenTargets {
  readonly exact = new Set<string>();
  /** every proper ancestor of a written path */
  readonly ancestors = new Set<string>();

  add(path: string): void {
    this.exact.add(path);
    let i = path.indexOf('.');
    while (i >= 0) {
      this.ancestors.add(path.slice(0, i));
      i = path.indexOf('.', i + 1);
    }
  }

  overlaps(path: string): boolean {
    if (this.exact.has(path) || this.ancestors.has(path)) return true;
    let i = path.indexOf('.');
    while (i >= 0) {
      if (this.exact.has(path.slice(0, i))) return true;
      i = path.indexOf('.', i + 1);
    }
    return false;
  }
}

export class MappingSuggester {
  private readonly targets = new WeakMap<XdmSchema, TargetIndex>();
  private readonly candidates = new WeakMap<XdmSchema, WeakMap<SObjectIndex, Candidate[]>>();
  private readonly withoutDescribe = new WeakMap<XdmSchema, Map<string, Candidate[]>>();

  /** Proposals for every unmapped target a source field fits: required paths first, then schema order. */
  propose(analysis: DataflowAnalysis): MappingProposal[] {
    const schema = analysis.context.schema?.schema;
    const object = analysis.context.object;
    if (!schema || !object) return [];
    const model = analysis.parsed.model;
    const written = writtenTargets(model);
    const usedFields = new Set(model.mappings.flatMap((m) => (m.kind === 'ATTRIBUTE' && m.source ? [m.source.value] : [])));
    const chosen: Candidate[] = [];
    for (const c of this.candidatesFor(schema, object)) {
      if (written.overlaps(c.target)) continue;
      if (!c.template && c.field && usedFields.has(c.field)) continue;
      chosen.push(c);
      written.add(c.target);
      // a field the template placed is not proposed again by similarity (templates sort first)
      if (c.field) usedFields.add(c.field);
    }
    const required = new Set(schema.requiredPaths());
    chosen.sort((a, b) => Number(required.has(b.target)) - Number(required.has(a.target)) || a.order - b.order);
    return chosen.map(strip);
  }

  /** The best proposal for one target path (e.g. a required one), or undefined. */
  proposeFor(analysis: DataflowAnalysis, path: string): MappingProposal | undefined {
    const schema = analysis.context.schema?.schema;
    if (!schema) return undefined;
    const object = analysis.context.object;
    const target = normalisePath(path);
    const list = object ? this.candidatesFor(schema, object) : this.templateOnly(schema, analysis.parsed.model.source?.object?.value);
    const c = list.find((x) => x.target === target);
    return c ? strip(c) : undefined;
  }

  private candidatesFor(schema: XdmSchema, object: SObjectIndex): Candidate[] {
    let byObject = this.candidates.get(schema);
    if (!byObject) this.candidates.set(schema, (byObject = new WeakMap()));
    let list = byObject.get(object);
    if (!list) byObject.set(object, (list = this.build(schema, object)));
    return list;
  }

  /** Without a describe only what every object has can be proposed: the key pattern and `Id`. */
  private templateOnly(schema: XdmSchema, objectName: string | undefined): Candidate[] {
    let byName = this.withoutDescribe.get(schema);
    if (!byName) this.withoutDescribe.set(schema, (byName = new Map()));
    const key = objectName ?? '';
    let list = byName.get(key);
    if (!list) {
      const index = this.index(schema);
      list = [];
      for (const p of templateProposals(objectName).values()) {
        const f = schema.get(p.target);
        if (!f || (p.field && p.field !== 'Id')) continue;
        if (p.kind === 'source' && f.xdmType !== 'string') continue;
        if (templateFits(p, f, undefined)) list.push({ ...p, score: 2, order: index.order.get(f.path) ?? 0, template: true });
      }
      byName.set(key, list);
    }
    return list;
  }

  private index(schema: XdmSchema): TargetIndex {
    let idx = this.targets.get(schema);
    if (!idx) this.targets.set(schema, (idx = buildTargetIndex(schema)));
    return idx;
  }

  private build(schema: XdmSchema, object: SObjectIndex): Candidate[] {
    const index = this.index(schema);
    const out: Candidate[] = [];
    let seq = 0;
    // template proposals keep their table order: an entity's whole key object comes before its parts
    for (const p of templateProposals(object.name).values()) {
      const f = schema.get(p.target);
      if (!f || !templateFits(p, f, object)) continue;
      out.push({ ...p, score: 2 + 1 / (1 + seq++), order: index.order.get(f.path) ?? 0, template: true });
    }
    for (const sf of object.fields.values()) {
      if (UNSUGGESTED_TYPES.has(sf.type)) continue;
      const words = wordSet(sf.name, sf.label);
      const norms = new Set([normOf(sf.name), normOf(sf.label ?? '')].filter(Boolean));
      const seen = new Set<TargetEntry>();
      const consider = (t: TargetEntry, exact: boolean) => {
        if (seen.has(t)) return;
        seen.add(t);
        const shared = overlap(words, t.leaf);
        let score: number;
        if (exact) score = 1 + 0.1 * Math.min(5, overlap(words, t.all) - shared);
        else {
          if (shared === 0) return;
          score = (2 * overlap(words, t.all)) / (words.size + t.all.size);
        }
        if (score < MIN_SCORE) return;
        if (compatibility(sourceTypeOf(sf), t.field) !== undefined) return;
        out.push({ kind: 'source', text: sf.name, target: t.field.path, field: sf.name, score, order: t.order, template: false });
      };
      for (const n of norms) for (const t of index.byNorm.get(n) ?? []) consider(t, true);
      for (const w of words) {
        const posting = index.byWord.get(w);
        if (posting && posting.length <= MAX_POSTINGS) for (const t of posting) consider(t, false);
      }
    }
    out.sort((a, b) => b.score - a.score || a.order - b.order || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return out;
  }
}

function strip(c: Candidate): MappingProposal {
  const p: MappingProposal = { kind: c.kind, text: c.text, target: c.target, score: c.score };
  if (c.field) p.field = c.field;
  return p;
}

function templateFits(p: MappingStub & { field?: string }, f: XdmField, object: SObjectIndex | undefined): boolean {
  if (p.kind === 'value') return f.xdmType === 'string' && !f.enum;
  if (p.field && object && !object.field(p.field)) return false;
  if (p.kind === 'expression') return p.text.startsWith('iif(') ? f.xdmType === 'object' : f.xdmType === 'string';
  const sf = p.field && object ? object.field(p.field) : undefined;
  return sf ? compatibility(sourceTypeOf(sf), f) === undefined : true;
}

function buildTargetIndex(schema: XdmSchema): TargetIndex {
  const byWord = new Map<string, TargetEntry[]>();
  const byNorm = new Map<string, TargetEntry[]>();
  const order = new Map<string, number>();
  let i = 0;
  for (const f of schema.fields.values()) {
    order.set(f.path, i++);
    if (!f.isLeaf || f.inArray || f.xdmType === 'object' || f.xdmType === 'map' || f.xdmType === 'array') continue;
    const segs = f.path.split('.');
    const generic = GENERIC_LEAVES.has(f.name.toLowerCase()) && segs.length > 1;
    const leaf = wordSet(f.name, f.title, generic ? segs[segs.length - 2] : undefined);
    const all = new Set([...leaf, ...wordSet(...segs.slice(0, -1))]);
    const e: TargetEntry = { field: f, order: i - 1, leaf, all, norm: normOf(f.name) };
    for (const w of leaf) push(byWord, w, e);
    push(byNorm, e.norm, e);
    if (generic) push(byNorm, normOf(segs[segs.length - 2]), e);
  }
  for (const [k, list] of byNorm) if (list.length > MAX_POSTINGS) byNorm.set(k, list.slice(0, MAX_POSTINGS));
  return { byWord, byNorm, order };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function writtenTargets(model: DataflowModel): WrittenTargets {
  const w = new WrittenTargets();
  for (const m of model.mappings) if (m.target) w.add(normalisePath(m.target.value));
  return w;
}

// --- the source action ---

function fixContext(req: FeatureRequest): FixContext | undefined {
  if (!req.analysis) return undefined;
  return { doc: req.doc, text: req.doc.getText(), analysis: req.analysis, model: req.analysis.parsed.model, service: req.service };
}

/** The edit that appends every proposal; undefined when there is nothing to propose. */
export function suggestMappingsEdit(req: FeatureRequest, suggester: MappingSuggester): { edit: WorkspaceEdit; count: number } | undefined {
  const ctx = fixContext(req);
  if (!ctx) return undefined;
  const proposals = suggester.propose(ctx.analysis);
  const edits = appendMappings(ctx, proposals, SUGGESTED_HEADING);
  return edits ? { edit: workspaceEdit(ctx, edits), count: proposals.length } : undefined;
}

/** The "Suggest mappings" source action; disabled (with the reason) when nothing fits. */
export function suggestMappingsAction(req: FeatureRequest, suggester: MappingSuggester): CodeAction | undefined {
  const a = req.analysis;
  if (!a?.context.schema?.schema || !a.context.object) return undefined;
  const r = suggestMappingsEdit(req, suggester);
  if (!r) return { title: 'Suggest mappings', kind: SUGGEST_MAPPINGS_KIND, disabled: { reason: 'Every target path a source field fits is already mapped.' } };
  return { title: `Suggest mappings (${r.count})`, kind: SUGGEST_MAPPINGS_KIND, edit: r.edit };
}
