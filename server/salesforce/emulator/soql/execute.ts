/**
 * Runs a QueryPlan over a DataView without materialising the object: rows stream in Id or
 * SystemModstamp order straight from the generator (with SystemModstamp ranges turned into index
 * ranges), and only other sort orders collect (sort key, index) pairs: all of them, or with a
 * LIMIT just the first OFFSET+LIMIT, and from only the columns the filter and sort read. Pages
 * resume from checkpoints, so paging through a million rows is linear.
 */
import type { Catalog } from '../metadata/catalog';
import type { DataView } from '../data/dataStore';
import type { Row } from '../data/generators';
import { restDateTime } from '../data/format';
import { compareSortKeys, compareSortValues, matches, RowResolver, rootFieldsOf, rootReadsOf, sortKeyOf, sortValueOf } from './evaluate';
import type { OrderKey, Predicate, QueryPlan } from './plan';
import { BoundedSelection } from './topN';

interface Checkpoint {
  /** next position in the base index range */
  a: number;
  /** next position in the overlay / materialised list */
  b: number;
}

interface Sequence {
  /** index: base range merged with overlay rows by index; stamp: base range then overlay rows by stamp; list: `list` only */
  mode: 'index' | 'stamp' | 'list';
  lo: number;
  hi: number;
  list: ArrayLike<number>;
  /** the list holds exactly the rows the query selects (filtered and sorted already) */
  prefiltered?: boolean;
}

/** A selected row with its sort key (one value for a single ORDER BY item, else one per item). */
interface KeyedRow {
  index: number;
  key: unknown;
}

/** Distinct texts whose lower case is remembered while sorting; sorted columns repeat their values. */
const LOWER_CASE_MEMO_LIMIT = 50_000;

/** The row a match found, when the filter had to build it. */
interface Found {
  row: Row | null;
}

export interface ResultPage {
  indexes: number[];
  /** rows[k] is the full row of indexes[k] when the scan built it, else null */
  rows: (Row | null)[];
}

const CHEAP_FIELDS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

/**
 * Steps through a Sequence one row index at a time, keeping its position as plain numbers (no
 * per-row allocation): after `next()` returns an index, `a`/`b` are the checkpoint just past it.
 */
class SequenceCursor {
  a: number;
  b: number;

  constructor(private readonly view: DataView, private readonly object: string, private readonly seq: Sequence, from: Checkpoint) {
    this.a = from.a;
    this.b = from.b;
  }

  /** The next row index, or -1 at the end. */
  next(): number {
    const { seq, view, object } = this;
    const list = seq.list;
    if (seq.mode === 'list') return this.b < list.length ? list[this.b++] : -1;
    if (seq.mode === 'stamp') {
      while (this.a < seq.hi) {
        const a = this.a++;
        if (!view.isMutated(object, a)) return a;
      }
      return this.b < list.length ? list[this.b++] : -1;
    }
    while (this.a < seq.hi || this.b < list.length) {
      if (this.a < seq.hi && view.isMutated(object, this.a)) { this.a++; continue; }
      if (this.b >= list.length || (this.a < seq.hi && this.a < list[this.b])) return this.a++;
      return list[this.b++];
    }
    return -1;
  }

  checkpoint(): Checkpoint {
    return { a: this.a, b: this.b };
  }
}

/** Narrows [lo, hi) of base rows from top-level `SystemModstamp >=/>/</<= datetime` conjuncts. */
function stampRange(view: DataView, object: string, where: Predicate | null): { lo: number; hi: number } {
  const org = view.org;
  let lo = 0;
  let hi = view.baseCount(object);
  const conjuncts = where === null ? [] : where.kind === 'and' ? where.items : [where];
  for (const p of conjuncts) {
    if (p.kind !== 'compare' || p.path.hops.length || p.path.field.name !== 'SystemModstamp') continue;
    const v = p.values[0];
    const ms = v.kind === 'datetime' ? { start: v.ms, end: v.ms + 1 } : v.kind === 'range' ? { start: v.startMs, end: v.endMs } : null;
    if (!ms) continue;
    const first = (t: number) => org.firstIndexAtOrAfter(object, t);
    if (p.operator === '>=') lo = Math.max(lo, first(ms.start));
    else if (p.operator === '>') lo = Math.max(lo, first(v.kind === 'range' ? ms.end : ms.start + 1));
    else if (p.operator === '<') hi = Math.min(hi, first(ms.start));
    else if (p.operator === '<=') hi = Math.min(hi, first(ms.end));
    else if (p.operator === '=' && v.kind === 'range') { lo = Math.max(lo, first(ms.start)); hi = Math.min(hi, first(ms.end)); }
  }
  return { lo, hi: Math.max(lo, hi) };
}

function naturalMode(orderBy: readonly OrderKey[]): 'index' | 'stamp' | null {
  if (orderBy.length === 0) return 'index';
  const [first, second] = orderBy;
  const isRoot = (k: OrderKey, name: string) => k.path.hops.length === 0 && k.path.field.name === name && !k.descending;
  if (isRoot(first, 'Id')) return 'index';
  if (isRoot(first, 'SystemModstamp') && (orderBy.length === 1 || (orderBy.length === 2 && isRoot(second, 'Id')))) return 'stamp';
  return null;
}

/** The rows a query selects, counted up front (REST's totalSize) and read page by page. */
export class ResultSet {
  readonly totalSize: number;
  private readonly sequence: Sequence;
  private readonly checkpoints = new Map<number, Checkpoint>();
  private readonly object: string;
  private readonly cheapFields: Set<string> | null;

  constructor(
    readonly plan: QueryPlan,
    readonly view: DataView,
    private readonly catalog: Catalog,
    private readonly includeDeleted: boolean,
  ) {
    this.object = plan.object.name;
    const rootFields = rootFieldsOf(plan.where);
    this.cheapFields = rootFields && [...rootFields].every((f) => CHEAP_FIELDS.has(f)) ? rootFields : null;
    const { lo, hi } = stampRange(view, this.object, plan.where);
    const mode = naturalMode(plan.orderBy);
    const overlayByIndex = [...view.changeOrder(this.object)].sort((x, y) => x - y);
    if (mode === 'index') this.sequence = { mode, lo, hi, list: overlayByIndex };
    else if (mode === 'stamp') this.sequence = { mode, lo, hi, list: view.changeOrder(this.object) };
    else this.sequence = this.materialise({ mode: 'index', lo, hi, list: overlayByIndex });
    this.checkpoints.set(0, this.skip(plan.offset));
    const cap = plan.limit ?? Number.POSITIVE_INFINITY;
    let count = 0;
    if (this.sequence.prefiltered) count = Math.min(cap, this.sequence.list.length - (this.checkpoints.get(0) as Checkpoint).b);
    else if (cap > 0) {
      const cursor = this.cursor(this.checkpoints.get(0) as Checkpoint);
      const resolver = new RowResolver(this.view, this.catalog);
      const found: Found = { row: null };
      while (this.nextMatch(cursor, resolver, found) >= 0 && ++count < cap);
    }
    this.totalSize = count;
  }

  private cursor(from: Checkpoint): SequenceCursor {
    return new SequenceCursor(this.view, this.object, this.sequence, from);
  }

  /**
   * Advances `cursor` to the next row the query selects and returns its index (-1 at the end);
   * `found.row` is the full row when the filter had to build it, else null.
   */
  private nextMatch(cursor: SequenceCursor, resolver: RowResolver, found: Found): number {
    const where = this.plan.where;
    const view = this.view;
    const object = this.object;
    if (this.sequence.prefiltered) {
      found.row = null;
      return cursor.next();
    }
    for (let index = cursor.next(); index >= 0; index = cursor.next()) {
      if (!this.includeDeleted && view.isDeleted(object, index)) continue;
      found.row = null;
      if (where === null) return index;
      const cheap = this.cheapFields && index < view.baseCount(object) && !view.isMutated(object, index);
      const row = cheap ? this.cheapRow(index) : view.row(object, index);
      if (row && matches(where, row, resolver)) {
        if (!cheap) found.row = row;
        return index;
      }
    }
    return -1;
  }

  private cheapRow(index: number): Row {
    const row: Row = {};
    const fields = this.cheapFields as Set<string>;
    if (fields.has('Id')) row.Id = this.view.org.id(this.object, index);
    if (fields.has('IsDeleted')) row.IsDeleted = this.view.isDeleted(this.object, index);
    if (fields.has('SystemModstamp')) row.SystemModstamp = restDateTime(this.view.stampMs(this.object, index));
    return row;
  }

  private skip(offset: number): Checkpoint {
    const at: Checkpoint = { a: this.sequence.lo, b: 0 };
    if (offset === 0) return at;
    if (this.sequence.prefiltered) return { a: at.a, b: Math.min(offset, this.sequence.list.length) };
    const cursor = this.cursor(at);
    const resolver = new RowResolver(this.view, this.catalog);
    const found: Found = { row: null };
    for (let skipped = 0; skipped < offset && this.nextMatch(cursor, resolver, found) >= 0; skipped++);
    return cursor.checkpoint();
  }

  /**
   * Filters and sorts `scan` into the list of selected row indexes. With a LIMIT only the first
   * OFFSET+LIMIT rows are kept (a bounded heap); without one, keys live in flat arrays.
   */
  private materialise(scan: Sequence): Sequence {
    const { orderBy, where } = this.plan;
    const view = this.view;
    const object = this.object;
    const resolver = new RowResolver(view, this.catalog);
    const rowAt = this.filterRowReader();
    const memo = new Map<string, string>();
    const lowerCase = (text: string): string => {
      let lower = memo.get(text);
      if (lower === undefined) {
        if (memo.size >= LOWER_CASE_MEMO_LIMIT) memo.clear();
        memo.set(text, (lower = text.toLowerCase()));
      }
      return lower;
    };
    const single = orderBy.length === 1 ? orderBy[0] : null;
    const keyOf = (row: Row): unknown => (single ? sortValueOf(row, single, resolver, lowerCase) : sortKeyOf(row, orderBy, resolver, lowerCase));
    const compareKeys = (x: unknown, y: unknown): number => (single ? compareSortValues(x, y, single) : compareSortKeys(x as unknown[], y as unknown[], orderBy));
    const keep = this.plan.limit === null ? Number.POSITIVE_INFINITY : this.plan.offset + this.plan.limit;
    const selection = Number.isFinite(keep)
      ? new BoundedSelection<KeyedRow>(keep, (x, y) => compareKeys(x.key, y.key) || x.index - y.index)
      : null;
    const indexes: number[] = [];
    const keys: unknown[] = [];
    const cursor = new SequenceCursor(view, object, scan, { a: scan.lo, b: 0 });
    for (let index = cursor.next(); index >= 0; index = cursor.next()) {
      if (!this.includeDeleted && view.isDeleted(object, index)) continue;
      const row = rowAt(index);
      if (!row || (where && !matches(where, row, resolver))) continue;
      if (selection) selection.offer({ index, key: keyOf(row) });
      else {
        indexes.push(index);
        keys.push(keyOf(row));
      }
    }
    let list: Uint32Array;
    if (selection) list = Uint32Array.from(selection.sorted(), (k) => k.index);
    else {
      const order = new Uint32Array(indexes.length);
      for (let k = 0; k < order.length; k++) order[k] = k;
      order.sort((x, y) => compareKeys(keys[x], keys[y]) || indexes[x] - indexes[y]);
      list = Uint32Array.from(order, (k) => indexes[k]);
    }
    return { mode: 'list', lo: 0, hi: 0, list, prefiltered: true };
  }

  /**
   * Reads the row a filter and sort need: for unchanged base rows just the root columns they
   * read (own fields, and the lookups their relationship paths start with), which the Contact
   * generator computes alone; created and changed rows in full.
   */
  private filterRowReader(): (index: number) => Row | null {
    const view = this.view;
    const object = this.object;
    const full = (index: number) => view.row(object, index);
    const sortReads = this.plan.orderBy.map((k) => (k.path.hops.length ? k.path.hops[0].field.name : k.path.field.name));
    const names = [...new Set([...rootReadsOf(this.plan.where), ...sortReads])];
    const columns = view.generator.columns(object, names);
    const baseCount = view.baseCount(object);
    return (index) => {
      if (index >= baseCount || view.isMutated(object, index)) return full(index);
      columns.at(index);
      const row: Row = {};
      for (let k = 0; k < names.length; k++) row[names[k]] = columns.value(k);
      return row;
    };
  }

  /** Rows [start, start+count) of the result (full rows), clipped to totalSize. */
  rows(start: number, count: number): Row[] {
    const { indexes, rows } = this.page(start, count);
    return indexes.map((index, k) => rows[k] ?? (this.view.row(this.object, index) as Row));
  }

  /**
   * Row indexes [start, start+count) of the result, clipped to totalSize, with the full rows the
   * filter already built (null where it did not: the caller generates what it needs).
   */
  page(start: number, count: number): ResultPage {
    const end = Math.min(this.totalSize, start + count);
    const indexes: number[] = [];
    const rows: (Row | null)[] = [];
    if (start >= end) return { indexes, rows };
    let from = this.checkpoints.get(start);
    let position = start;
    if (!from) {
      // Out-of-order page (e.g. a retried locator that was evicted): re-scan from the start.
      from = this.checkpoints.get(0) as Checkpoint;
      position = 0;
    }
    const cursor = this.cursor(from);
    const resolver = new RowResolver(this.view, this.catalog);
    const found: Found = { row: null };
    while (position < end) {
      const index = this.nextMatch(cursor, resolver, found);
      if (index < 0) break;
      if (position >= start) {
        indexes.push(index);
        rows.push(found.row);
      }
      position++;
    }
    if (this.checkpoints.size > 64) this.checkpoints.delete(this.checkpoints.keys().next().value as number);
    // Just past the last row read (or the end of the scan): where the next page resumes.
    this.checkpoints.set(end, cursor.checkpoint());
    return { indexes, rows };
  }

  /** Row indexes of children for a child subquery, already filtered, ordered and limited. */
  static children(
    plan: QueryPlan, relationshipKey: string, parentIndex: number, parentId: string,
    view: DataView, catalog: Catalog, includeDeleted: boolean,
  ): Row[] {
    const object = plan.object.name;
    const field = relationshipKey.split('.')[1];
    const candidates = view.generator.childCandidates(relationshipKey, parentIndex)
      ?? Array.from({ length: view.baseCount(object) }, (_, i) => i);
    const indexes = new Set(candidates.filter((i) => !view.isMutated(object, i)));
    for (const i of view.changeOrder(object)) indexes.add(i);
    const resolver = new RowResolver(view, catalog);
    const rows: { row: Row; key: unknown[]; index: number }[] = [];
    for (const index of [...indexes].sort((x, y) => x - y)) {
      if (!includeDeleted && view.isDeleted(object, index)) continue;
      const row = view.row(object, index);
      if (!row || row[field] !== parentId) continue;
      if (plan.where && !matches(plan.where, row, resolver)) continue;
      rows.push({ row, key: sortKeyOf(row, plan.orderBy, resolver), index });
    }
    rows.sort((x, y) => compareSortKeys(x.key, y.key, plan.orderBy) || x.index - y.index);
    const sliced = rows.slice(plan.offset, plan.limit === null ? undefined : plan.offset + plan.limit);
    return sliced.map((r) => r.row);
  }
}
