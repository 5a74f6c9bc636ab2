/**
 * Evaluates a QueryPlan's predicate and sort keys against rows of a DataView, with SOQL's
 * semantics: text compares case-insensitively, ids by their 15-character form, `!=` matches nulls.
 */
import type { Catalog } from '../metadata/catalog';
import type { DataView } from '../data/dataStore';
import type { Row } from '../data/generators';
import { parseDateTime } from '../data/format';
import { id15Of } from '../ids';
import type { FieldPath, Literal, OrderKey, Predicate } from './plan';

/** Follows reference fields to parent rows, caching parents for the life of one page or scan. */
export class RowResolver {
  private readonly parents = new Map<string, Row | null>();

  constructor(readonly view: DataView, private readonly catalog: Catalog) {}

  parent(id: unknown): Row | null {
    if (typeof id !== 'string') return null;
    const cached = this.parents.get(id);
    if (cached !== undefined) return cached;
    const at = this.view.locate(id, this.catalog);
    const row = at ? this.view.row(at.object, at.index) : null;
    if (this.parents.size > 10_000) this.parents.clear();
    this.parents.set(id, row);
    return row;
  }

  /** The row the path's field lives on (the root, or a parent reached through its hops), or null. */
  owner(row: Row, path: FieldPath): Row | null {
    let current: Row | null = row;
    for (const hop of path.hops) {
      if (!current) return null;
      current = this.parent(current[hop.field.name]);
    }
    return current;
  }

  value(row: Row, path: FieldPath): unknown {
    const owner = this.owner(row, path);
    return owner ? owner[path.field.name] ?? null : null;
  }
}

function toMs(type: string, value: unknown): number {
  if (typeof value !== 'string') return NaN;
  return type === 'date' ? Date.parse(`${value}T00:00:00Z`) : parseDateTime(value);
}

function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** -1/0/1 comparison of a non-null field value with a non-null literal, or null when not comparable. */
function compareValue(type: string, value: unknown, literal: Literal): number | null {
  switch (literal.kind) {
    case 'string': {
      if (type === 'id' || type === 'reference') {
        const a = id15Of(String(value));
        const b = id15Of(literal.value);
        return a < b ? -1 : a > b ? 1 : 0;
      }
      const a = String(value).toLowerCase();
      const b = literal.value.toLowerCase();
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case 'number': return Math.sign(Number(value) - literal.value);
    case 'boolean': return value === literal.value ? 0 : 1;
    case 'date': case 'datetime': {
      const ms = toMs(type, value);
      return Number.isNaN(ms) ? null : Math.sign(ms - literal.ms);
    }
    default: return null;
  }
}

function matchesRange(type: string, value: unknown, operator: string, literal: { startMs: number; endMs: number }): boolean {
  const ms = toMs(type, value);
  if (Number.isNaN(ms)) return false;
  switch (operator) {
    case '=': case 'IN': return ms >= literal.startMs && ms < literal.endMs;
    case '!=': case 'NOT IN': return ms < literal.startMs || ms >= literal.endMs;
    case '<': return ms < literal.startMs;
    case '<=': return ms < literal.endMs;
    case '>': return ms >= literal.endMs;
    case '>=': return ms >= literal.startMs;
    default: return false;
  }
}

function equalsLiteral(type: string, value: unknown, literal: Literal): boolean {
  if (literal.kind === 'null') return value === null || value === undefined;
  if (value === null || value === undefined) return false;
  if (literal.kind === 'range') return matchesRange(type, value, '=', literal);
  if (type === 'multipicklist' && literal.kind === 'string') {
    const a = String(value).toLowerCase().split(';').sort().join(';');
    const b = literal.value.toLowerCase().split(';').map((s) => s.trim()).sort().join(';');
    return a === b;
  }
  return compareValue(type, value, literal) === 0;
}

function includesAll(value: unknown, literal: Literal): boolean {
  if (literal.kind !== 'string' || typeof value !== 'string') return false;
  const have = new Set(value.toLowerCase().split(';'));
  return literal.value.toLowerCase().split(';').every((v) => have.has(v.trim()));
}

export function compareMatches(type: string, value: unknown, operator: string, values: readonly Literal[]): boolean {
  const isNull = value === null || value === undefined;
  switch (operator) {
    case '=': return equalsLiteral(type, value, values[0]);
    case '!=': return !equalsLiteral(type, value, values[0]);
    case 'IN': return values.some((l) => equalsLiteral(type, value, l));
    case 'NOT IN': return !values.some((l) => equalsLiteral(type, value, l));
    case 'INCLUDES': return !isNull && values.some((l) => includesAll(value, l));
    case 'EXCLUDES': return isNull || !values.some((l) => includesAll(value, l));
    case 'LIKE': return !isNull && values[0].kind === 'string' && likeToRegExp(values[0].value).test(String(value));
    default: {
      if (isNull) return false;
      const literal = values[0];
      if (literal.kind === 'range') return matchesRange(type, value, operator, literal);
      const c = compareValue(type, value, literal);
      if (c === null) return false;
      return operator === '<' ? c < 0 : operator === '<=' ? c <= 0 : operator === '>' ? c > 0 : c >= 0;
    }
  }
}

export function matches(predicate: Predicate, row: Row, resolver: RowResolver): boolean {
  switch (predicate.kind) {
    case 'and': return predicate.items.every((p) => matches(p, row, resolver));
    case 'or': return predicate.items.some((p) => matches(p, row, resolver));
    case 'not': return !matches(predicate.item, row, resolver);
    case 'compare': return compareMatches(predicate.path.field.type, resolver.value(row, predicate.path), predicate.operator, predicate.values);
  }
}

/** Root fields a predicate reads, or null when it follows a relationship (then a full row is needed). */
export function rootFieldsOf(predicate: Predicate | null): Set<string> | null {
  const fields = new Set<string>();
  const visit = (p: Predicate): boolean => {
    if (p.kind === 'compare') {
      if (p.path.hops.length) return false;
      fields.add(p.path.field.name);
      return true;
    }
    return p.kind === 'not' ? visit(p.item) : p.items.every(visit);
  };
  return predicate === null || visit(predicate) ? fields : null;
}

/**
 * The fields of the root row a predicate reads: its own fields, and for a relationship path the
 * lookup field of the first hop (the parent rows are read through it).
 */
export function rootReadsOf(predicate: Predicate | null): Set<string> {
  const fields = new Set<string>();
  const visit = (p: Predicate): void => {
    if (p.kind === 'compare') fields.add(p.path.hops.length ? p.path.hops[0].field.name : p.path.field.name);
    else if (p.kind === 'not') visit(p.item);
    else p.items.forEach(visit);
  };
  if (predicate) visit(predicate);
  return fields;
}

export type SortKey = unknown[];

const toLowerCase = (text: string) => text.toLowerCase();

/**
 * The comparable value of one ORDER BY item: epoch ms for dates, lower-cased text (ids as they
 * are), 0/1 for booleans, null for null. `lowerCase` may memoise (sorted columns repeat values).
 */
export function sortValueOf(row: Row, key: OrderKey, resolver: RowResolver, lowerCase: (text: string) => string = toLowerCase): unknown {
  const value = resolver.value(row, key.path);
  if (value === null || value === undefined) return null;
  const type = key.path.field.type;
  if (type === 'date' || type === 'datetime') return toMs(type, value);
  if (typeof value === 'string') return type === 'id' || type === 'reference' ? value : lowerCase(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function sortKeyOf(row: Row, orderBy: readonly OrderKey[], resolver: RowResolver, lowerCase?: (text: string) => string): SortKey {
  return orderBy.map((key) => sortValueOf(row, key, resolver, lowerCase));
}

/** Orders two sort values of one ORDER BY item (ASC/DESC, NULLS FIRST/LAST). */
export function compareSortValues(x: unknown, y: unknown, key: OrderKey): number {
  if (x === y) return 0;
  if (x === null) return key.nullsLast ? 1 : -1;
  if (y === null) return key.nullsLast ? -1 : 1;
  const c = (x as number | string) < (y as number | string) ? -1 : 1;
  return key.descending ? -c : c;
}

export function compareSortKeys(a: SortKey, b: SortKey, orderBy: readonly OrderKey[]): number {
  for (let i = 0; i < orderBy.length; i++) {
    const c = compareSortValues(a[i], b[i], orderBy[i]);
    if (c !== 0) return c;
  }
  return 0;
}
