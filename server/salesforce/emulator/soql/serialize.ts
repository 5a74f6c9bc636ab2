/**
 * Query rows → wire shapes: REST JSON records (with `attributes`, nested parent objects, compound
 * address/location objects, child subquery results) and Bulk API 2.0 CSV cells.
 */
import type { FieldDescribe } from '../../describeTypes';
import type { Catalog } from '../metadata/catalog';
import type { DataView } from '../data/dataStore';
import type { Row } from '../data/generators';
import { bulkDateTime } from '../data/format';
import { decodeRecordId } from '../ids';
import { ResultSet } from './execute';
import { RowResolver } from './evaluate';
import type { FieldPath, QueryPlan, SelectItem } from './plan';

export type JsonRecord = Record<string, unknown>;

function attributes(type: string, id: unknown, version: string): JsonRecord {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${String(id)}` };
}

/** REST's value of one field on `row`, building compound address/location objects from their parts. */
export function fieldValue(row: Row, field: FieldDescribe): unknown {
  if (field.type === 'address') {
    const prefix = field.name.slice(0, -'Address'.length);
    const value = {
      city: row[`${prefix}City`] ?? null,
      country: row[`${prefix}Country`] ?? null,
      geocodeAccuracy: row[`${prefix}GeocodeAccuracy`] ?? null,
      latitude: row[`${prefix}Latitude`] ?? null,
      longitude: row[`${prefix}Longitude`] ?? null,
      postalCode: row[`${prefix}PostalCode`] ?? null,
      state: row[`${prefix}State`] ?? null,
      street: row[`${prefix}Street`] ?? null,
    };
    return Object.values(value).every((v) => v === null) ? null : value;
  }
  if (field.type === 'location') {
    const stem = field.name.replace(/__c$/, '');
    const latitude = row[`${stem}__Latitude__s`] ?? null;
    const longitude = row[`${stem}__Longitude__s`] ?? null;
    return latitude === null && longitude === null ? null : { latitude, longitude };
  }
  return row[field.name] ?? null;
}

export class RestSerializer {
  private readonly resolver: RowResolver;

  constructor(
    private readonly plan: QueryPlan,
    private readonly view: DataView,
    private readonly catalog: Catalog,
    private readonly version: string,
    private readonly includeDeleted: boolean,
  ) {
    this.resolver = new RowResolver(view, catalog);
  }

  record(row: Row): JsonRecord {
    return this.build(this.plan, this.plan.object.name, row);
  }

  private build(plan: QueryPlan, type: string, row: Row): JsonRecord {
    const out: JsonRecord = { attributes: attributes(type, row.Id, this.version) };
    for (const item of plan.items) this.put(out, row, item);
    return out;
  }

  private put(out: JsonRecord, row: Row, item: SelectItem): void {
    if (item.kind === 'count') return;
    if (item.kind === 'subquery') {
      const decoded = decodeRecordId(String(row.Id));
      const children = decoded
        ? ResultSet.children(item.plan, item.relationshipKey, decoded.index, String(row.Id), this.view, this.catalog, this.includeDeleted)
        : [];
      out[item.relationshipName] = children.length === 0 ? null : {
        totalSize: children.length,
        done: true,
        records: children.map((child) => this.build(item.plan, item.plan.object.name, child)),
      };
      return;
    }
    this.putPath(out, row, item.path, 0);
  }

  private putPath(out: JsonRecord, row: Row, path: FieldPath, depth: number): void {
    if (depth === path.hops.length) {
      out[path.field.name] = fieldValue(row, path.field);
      return;
    }
    const hop = path.hops[depth];
    if (out[hop.name] === null) return;
    let nested = out[hop.name] as JsonRecord | undefined;
    if (nested === undefined) {
      const parent = this.resolver.parent(row[hop.field.name]);
      if (!parent) {
        out[hop.name] = null;
        return;
      }
      const at = this.view.locate(String(parent.Id), this.catalog);
      nested = { attributes: attributes(at?.object ?? hop.target.name, parent.Id, this.version) };
      out[hop.name] = nested;
    }
    const parent = this.resolver.parent(row[hop.field.name]);
    if (parent) this.putPath(nested, parent, path, depth + 1);
  }
}

/** Bulk CSV text of one cell (before quoting): null stays null, booleans true/false, datetimes with `Z`. */
export function bulkCell(value: unknown, field: FieldDescribe): string | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string') return bulkDateTime(value);
  return String(value);
}

export class BulkRowWriter {
  private readonly resolver: RowResolver;

  constructor(private readonly plan: QueryPlan, view: DataView, catalog: Catalog) {
    this.resolver = new RowResolver(view, catalog);
  }

  header(): string[] {
    return this.plan.items.flatMap((item) => (item.kind === 'field' ? [item.path.display] : []));
  }

  cells(row: Row): (string | null)[] {
    return this.plan.items.flatMap((item) =>
      item.kind === 'field' ? [bulkCell(this.resolver.value(row, item.path), item.path.field)] : []);
  }
}
