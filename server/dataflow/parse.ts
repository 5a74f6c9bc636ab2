/**
 * Dataflow file → typed model + problems. Recovers from anything: broken YAML, wrong
 * types, unknown keys, missing sections; the model holds whatever could be read.
 *
 * Parsing works on chunks (see chunks.ts) and caches each chunk's result by its text in
 * a ChunkCache the caller keeps per document, so re-parsing after an edit is cheap.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { problem, type Problem, type Span } from '../util/problems';
import { didYouMean, suggestionText } from '../util/didYouMean';
import { splitChunks, type Chunk } from './chunks';
import { emptyDataflow, withOrigin, type DataflowModel, type IdentityModel, type Located, type LocatedText, type MappingModel } from './model';
import { locateText } from './scalarText';
import { shiftDeep, shiftIdentity, shiftMapping, shiftProblem, shiftSpan } from './shift';
import { REFS, StructureValidator } from './structure';
import { asScalar, itemsOf, keyName, pairsOf, spanOf, toPlain, YamlLimitError } from './yamlNodes';

/**
 * Files above this size (in UTF-16 units, bytes for ASCII YAML) are not analysed: one
 * diagnostic says so, and every editor feature answers cheaply instead. Parsing, checks,
 * folding and formatting grow with the file; at 256 KB (about 3,500 mappings of the
 * benchmark's shape, 3.5× its 1,000) the slowest request, formatting, takes ~0.3 s on a
 * 2-core machine, so even a loaded one answers within the 1 s bar. Real mapping sets
 * are far smaller. test/protocol/large-files.test.ts measures it.
 */
export const MAX_ANALYSED_BYTES = 256 * 1024;
const MAX_SYNTAX_PROBLEMS = 50;
const TOP_LEVEL_REQUIRED = ['dataflow', 'source', 'target', 'mappings'] as const;

/** Whether a text is past the analysis limit: features then answer with their cheap fallback. */
export function tooLargeToAnalyse(text: string): boolean {
  return text.length > MAX_ANALYSED_BYTES;
}

/** The one problem reported for a file past the analysis limit, on its first line. */
export function tooLargeProblem(text: string): Problem {
  const firstLine = Math.min(text.indexOf('\n') >>> 0, text.length, 200);
  return problem('yaml-too-large', { start: 0, end: firstLine }, tooLargeMessage(text.length));
}

function tooLargeMessage(length: number): string {
  return `This file is ${sizeText(length)}; files over ${sizeText(MAX_ANALYSED_BYTES)} are not analysed, so that the editor stays responsive. `
    + 'Checks, completion, hover, code actions and formatting are off for it; syntax colouring still works, and folding and the outline show its top-level sections. '
    + 'Real dataflows and crmflow.yaml files are far smaller (1,000 mappings take about 80 KB).';
}

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export interface ParsedDataflow {
  model: DataflowModel;
  problems: Problem[];
}

/** What one chunk contributes, with spans relative to the chunk start. */
type SectionPart =
  | { kind: 'section'; key: string; keySpan: Span; apply: Partial<DataflowModel>; problems: Problem[] }
  | { kind: 'items'; section: 'mappings' | 'identities'; mappings: MappingModel[]; identities: IdentityModel[]; problems: Problem[] };

type ChunkResult = { parts: SectionPart[]; problems: Problem[] };

/** A chunk's result moved to where the chunk now sits. */
type PlacedResult = { start: number; mappings: MappingModel[]; identities: IdentityModel[]; problems: Problem[]; sections: Array<{ key: string; keySpan: Span; apply: Partial<DataflowModel> }> };

type CacheEntry = { rel: ChunkResult; placed?: PlacedResult };

/**
 * Per-document memo of chunk results; keeps only what the latest parse used. A chunk
 * found again at the same offset is reused as is, without even shifting it.
 */
export class ChunkCache {
  // by section, then by text: the same text means something else in another section, and
  // two plain lookups are cheaper than building a combined key per chunk per keystroke
  private readonly sections = new Map<string, Map<string, CacheEntry & { used: number }>>();
  private parse = 0;
  get(section: string, text: string): CacheEntry | undefined {
    const hit = this.sections.get(section)?.get(text);
    if (hit) hit.used = this.parse;
    return hit;
  }
  set(section: string, text: string, e: CacheEntry): void {
    let m = this.sections.get(section);
    if (!m) this.sections.set(section, (m = new Map()));
    m.set(text, Object.assign(e, { used: this.parse }));
  }
  /** Called after each parse: forget chunks the document no longer has (no new map per keystroke). */
  commit(): void {
    for (const m of this.sections.values()) for (const [k, e] of m) if (e.used !== this.parse) m.delete(k);
    this.parse++;
  }
}

export class DataflowParser {
  constructor(private readonly structure: StructureValidator) {}

  /** `chunked: false` parses the whole text at once (tests compare both ways). */
  parse(text: string, cache: ChunkCache = new ChunkCache(), options: { chunked?: boolean } = {}): ParsedDataflow {
    if (tooLargeToAnalyse(text)) return { model: emptyDataflow(), problems: [tooLargeProblem(text)] };
    const chunks = options.chunked === false ? undefined : splitChunks(text);
    const placed: PlacedResult[] = [];
    if (chunks) {
      const used = new Set<PlacedResult>();
      for (const c of chunks) {
        // the same text means something else as a mappings item, an identities item or a section
        const section = c.kind === 'item' ? c.section : '';
        let e = cache.get(section, c.text);
        if (!e) {
          e = { rel: this.parseChunk(c) };
          cache.set(section, c.text, e);
        }
        let p = e.placed;
        // identical chunks (same text twice) must not share one placement
        if (!p || p.start !== c.start || used.has(p)) {
          p = place(e.rel, c.start);
          if (!e.placed || !used.has(e.placed)) e.placed = p;
        }
        used.add(p);
        placed.push(p);
      }
      cache.commit();
    } else {
      placed.push(place(this.parseWhole(text), 0));
    }
    return this.assemble(text, placed);
  }

  private parseChunk(c: Chunk): ChunkResult {
    return this.parseText(c.text, c.kind === 'item' ? c.section : undefined);
  }

  private parseWhole(text: string): ChunkResult {
    return this.parseText(text, undefined);
  }

  /** Parses a text (a whole file, a section, or one sequence item of `itemsOf`). */
  private parseText(text: string, itemsOfSection: string | undefined): ChunkResult {
    const problems: Problem[] = [];
    let doc: Document.Parsed;
    try {
      doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    } catch (e) {
      return { parts: [], problems: [problem('yaml-syntax', { start: 0, end: Math.min(text.length, 1) }, `The file cannot be parsed: ${String((e as Error).message ?? e)}`)] };
    }
    // duplicate top-level keys are reported by assemble(), the same way in both modes
    const rootKeys = new Set(isMap(doc.contents) ? doc.contents.items.map((p) => (p.key as Node | null)?.range?.[0]) : []);
    for (const e of doc.errors) {
      const [s, en] = e.pos;
      if (e.code === 'DUPLICATE_KEY' && rootKeys.has(s)) continue;
      if (problems.length >= MAX_SYNTAX_PROBLEMS) break;
      const start = Math.min(s, text.length);
      problems.push(problem('yaml-syntax', { start, end: Math.min(Math.max(en, s + 1), text.length) }, firstLine(e.message)));
    }
    const parts: SectionPart[] = [];
    const root = doc.contents as Node | null;
    try {
      if (itemsOfSection === 'mappings' || itemsOfSection === 'identities') {
        parts.push(this.itemsPart(itemsOfSection, itemsOf(root), text, doc));
      } else if (isMap(root)) {
        for (const pair of root.items) this.sectionParts(pair, text, doc, parts);
      } else if (root && !(isScalar(root) && root.value === null)) {
        problems.push(problem('structure-type', spanOf(root, 0) ?? { start: 0, end: 1 }, 'A dataflow file is a YAML mapping of keys such as dataflow, source, target and mappings.'));
      }
    } catch (e) {
      // toJS throws on alias bombs; deep nesting can overflow the stack. Both are data.
      const msg = String((e as Error)?.message ?? e);
      const code = e instanceof YamlLimitError && e.kind === 'alias' ? 'yaml-alias-limit' : 'yaml-syntax';
      problems.push(problem(code, { start: 0, end: Math.min(text.length, 1) }, code === 'yaml-alias-limit' ? 'YAML aliases expand beyond the safe limit; the file is not analysed.' : `The file is too deeply nested to analyse (${msg}).`));
    }
    return { parts, problems };
  }

  private sectionParts(pair: Pair, text: string, doc: Document.Parsed, parts: SectionPart[]): void {
    const key = keyName(pair);
    const keyNode = pair.key as Node | null;
    const keySpan = spanOf(keyNode, 0) ?? { start: 0, end: 0 };
    if (key === undefined) {
      parts.push({ kind: 'section', key: '', keySpan, apply: {}, problems: [problem('structure-invalid', keySpan, 'Keys of a dataflow file must be plain names.')] });
      return;
    }
    const value = pair.value as Node | null;
    const problems: Problem[] = [];
    const apply: Partial<DataflowModel> = {};
    const props = this.structure.dataflowSchema.properties ?? {};
    if (!(key in props)) {
      const suggestions = didYouMean(key, Object.keys(props), 1);
      problems.push(problem('structure-unknown-key', keySpan, `Unknown key '${key}'.${suggestionText(suggestions)} Allowed: ${Object.keys(props).join(', ')}.`, { suggestions }));
      parts.push({ kind: 'section', key, keySpan, apply, problems });
      return;
    }
    if ((key === 'mappings' || key === 'identities') && (isSeq(value) || value === null || (isScalar(value) && value.value === null))) {
      if (key === 'mappings') apply.mappingsKey = keySpan;
      else apply.identitiesKey = keySpan;
      parts.push({ kind: 'section', key, keySpan, apply, problems });
      if (isSeq(value)) parts.push(this.itemsPart(key, value.items, text, doc));
      return;
    }
    problems.push(...this.structure.validate(REFS.section(key), toJS(value, doc), value, 0, keySpan));
    const m = (k: string) => pairsOf(value).find((p) => keyName(p) === k);
    const str = (k: string): Located<string> | undefined => locatedString(m(k));
    switch (key) {
      case 'dataflow': apply.name = locatedValue(pair) as Located<string> | undefined; break;
      case 'description': apply.description = locatedValue(pair) as Located<string> | undefined; break;
      case 'source':
        apply.source = { keySpan, connection: str('connection'), object: str('object'), where: locatedTextOf(m('where'), text), incremental: str('incremental') };
        break;
      case 'target':
        apply.target = { keySpan, dataset: str('dataset'), schema: str('schema') };
        break;
      case 'schedule':
        apply.schedule = {
          keySpan,
          frequency: str('frequency'),
          interval: locatedValue(m('interval')) as Located<number> | undefined,
          startTime: locatedValue(m('startTime')) as Located<number | string> | undefined,
          backfill: locatedValue(m('backfill')) as Located<boolean> | undefined,
        };
        break;
      case 'ingestion':
        apply.ingestion = {
          keySpan,
          partialIngestionPercent: locatedValue(m('partialIngestionPercent')) as Located<number> | undefined,
          errorDiagnostics: locatedValue(m('errorDiagnostics')) as Located<boolean> | undefined,
          profile: locatedValue(m('profile')) as Located<boolean> | undefined,
          sampleSize: locatedValue(m('sampleSize')) as Located<number> | undefined,
        };
        break;
      default:
        if (key === 'mappings') apply.mappingsKey = keySpan;
        if (key === 'identities') apply.identitiesKey = keySpan;
    }
    for (const v of Object.values(apply)) if (v && typeof v === 'object') dropUndefined(v);
    parts.push({ kind: 'section', key, keySpan, apply: dropUndefined(apply), problems });
  }

  private itemsPart(section: 'mappings' | 'identities', items: unknown[], text: string, doc: Document.Parsed): SectionPart {
    const problems: Problem[] = [];
    const mappings: MappingModel[] = [];
    const identities: IdentityModel[] = [];
    for (const item of items) {
      const node = item as Node | null;
      const span = itemSpan(node);
      const holder = firstKey(node) ?? span;
      problems.push(...this.structure.validate(section === 'mappings' ? REFS.mapping : REFS.identity, toJS(node, doc), node, 0, holder));
      const m = (k: string) => pairsOf(node).find((p) => keyName(p) === k);
      if (section === 'identities') {
        identities.push(dropUndefined({
          span,
          path: locatedTextOf(m('path'), text),
          namespace: locatedString(m('namespace')),
          primary: locatedValue(m('primary')) as Located<boolean> | undefined,
        }));
        continue;
      }
      const mapping: MappingModel = {
        kind: 'INVALID',
        span,
        source: locatedTextOf(m('source'), text),
        expression: locatedTextOf(m('expression'), text),
        value: locatedValue(m('value')) as Located<string | number | boolean | null> | undefined,
        target: locatedTextOf(m('target'), text),
        name: locatedString(m('name')),
        description: locatedString(m('description')),
      };
      const kinds = (['source', 'expression', 'value'] as const).filter((k) => m(k) !== undefined);
      if (kinds.length === 1) mapping.kind = kinds[0] === 'source' ? 'ATTRIBUTE' : kinds[0] === 'expression' ? 'EXPRESSION' : 'STATIC';
      else if (kinds.length === 0) {
        if (isMap(node)) problems.push(problem('mapping-kind', holder, 'A mapping needs one of source (a field), expression (a calculated field) or value (a constant).'));
      } else {
        const second = m(kinds[1]);
        problems.push(problem('mapping-kind', spanOf(second?.key as Node, 0) ?? holder, `A mapping has exactly one of source, expression or value; this one has ${kinds.join(' and ')}.`));
      }
      mappings.push(dropUndefined(mapping));
    }
    return { kind: 'items', section, mappings, identities, problems };
  }

  private assemble(text: string, placed: PlacedResult[]): ParsedDataflow {
    const model = emptyDataflow();
    const problems: Problem[] = [];
    const seenKeys = new Map<string, Span>();
    let firstKeySpan: Span | undefined;
    for (const r of placed) {
      for (const p of r.problems) problems.push(p);
      for (const m of r.mappings) model.mappings.push(m);
      for (const i of r.identities) model.identities.push(i);
      for (const sec of r.sections) {
        firstKeySpan ??= sec.keySpan;
        if (sec.key) {
          if (seenKeys.has(sec.key)) problems.push(problem('structure-invalid', sec.keySpan, `Duplicate key '${sec.key}'.`));
          seenKeys.set(sec.key, sec.keySpan);
        }
        Object.assign(model, sec.apply);
      }
    }
    if (!problems.some((p) => p.code === 'yaml-syntax' || p.code === 'yaml-alias-limit')) {
      for (const key of TOP_LEVEL_REQUIRED) {
        if (!seenKeys.has(key)) {
          const at = firstKeySpan ?? { start: 0, end: Math.min(text.length, text.indexOf('\n') >>> 0) };
          problems.push(problem('structure-missing-key', at, `Missing required key '${key}'.`));
        }
      }
    }
    return { model, problems };
  }
}

/** Moves a chunk's relative result to `start`. */
function place(r: ChunkResult, start: number): PlacedResult {
  const out: PlacedResult = { start, mappings: [], identities: [], problems: r.problems.map((p) => shiftProblem(p, start)), sections: [] };
  for (const part of r.parts) {
    if (part.kind === 'items') {
      for (const m of part.mappings) out.mappings.push(withOrigin(shiftMapping(m, start), m));
      for (const i of part.identities) out.identities.push(shiftIdentity(i, start));
      for (const p of part.problems) out.problems.push(shiftProblem(p, start));
    } else {
      out.sections.push({ key: part.key, keySpan: shiftSpan(part.keySpan, start), apply: shiftDeep(part.apply, start) });
      for (const p of part.problems) out.problems.push(shiftProblem(p, start));
    }
  }
  return out;
}

function toJS(node: Node | null | undefined, doc: Document.Parsed): unknown {
  return toPlain(node, doc);
}

/**
 * An item's span from its first to its last token. The node's own range may or may not
 * run over trailing comments depending on what follows it, which would make a chunk
 * parsed alone disagree with the whole file.
 */
function itemSpan(node: Node | null): Span {
  const whole = spanOf(node, 0) ?? { start: 0, end: 0 };
  if (!isMap(node) || node.items.length === 0) return whole;
  let end = whole.start;
  for (const p of node.items) {
    for (const part of [p.key, p.value] as Array<Node | null>) {
      const r = spanOf(part, 0);
      if (r && r.end > end) end = r.end;
    }
  }
  return { start: whole.start, end: Math.min(whole.end, end) || whole.end };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function firstKey(node: Node | null): Span | undefined {
  const p = pairsOf(node)[0];
  return p ? spanOf(p.key as Node, 0) : undefined;
}

function locatedValue(pair: Pair | undefined): Located<unknown> | undefined {
  if (!pair) return undefined;
  const s = asScalar(pair.value);
  const keySpan = spanOf(pair.key as Node, 0);
  if (!s) return undefined;
  const span = spanOf(s as Node, 0);
  if (!span) return undefined;
  const out: Located<unknown> = { value: s.value, span };
  if (keySpan) out.keySpan = keySpan;
  return out;
}

function locatedString(pair: Pair | undefined): Located<string> | undefined {
  const v = locatedValue(pair);
  if (!v || v.value === null || typeof v.value === 'object') return undefined;
  return { ...v, value: String(v.value) };
}

function locatedTextOf(pair: Pair | undefined, text: string): LocatedText | undefined {
  if (!pair) return undefined;
  const s = asScalar(pair.value);
  if (!s || s.value === null || typeof s.value === 'object') return undefined;
  return locateText(s as Scalar, String(s.value), text, 0, spanOf(pair.key as Node, 0));
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
