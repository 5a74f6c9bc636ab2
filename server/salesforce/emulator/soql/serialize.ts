/**
 * Query rows → wire shapes: REST JSON records (with `attributes`, nested parent objects, compound
 * address/location objects, child subquery results) and Bulk API 2.0 CSV cells.
 */
import type { FieldDescribe } from '../../describeTypes';
import type { Catalog } from '../metadata/catalog';
import type { DataView } from '../data/dataStore';
import type { ColumnReader, Row } from '../data/generators';
import { bulkDateTime } from '../data/format';
import { decodeRecordId } from '../ids';
import { ResultSet, type ResultPage } from './execute';
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

/** One Bulk CSV field: every value double-quoted, embedded quotes doubled; null is an empty, unquoted field. */
export function csvField(cell: string | null): string {
  if (cell === null) return '';
  return cell.indexOf('"') < 0 ? '"' + cell + '"' : '"' + cell.replace(/"/g, '""') + '"';
}

export class BulkRowWriter {
  private readonly resolver: RowResolver;
  private readonly paths: FieldPath[];
  private readonly object: string;
  /** Reads base rows column by column when every selected field is on the root object. */
  private readonly columns: ColumnReader | null;

  constructor(plan: QueryPlan, private readonly view: DataView, catalog: Catalog) {
    this.resolver = new RowResolver(view, catalog);
    this.paths = plan.items.flatMap((item) => (item.kind === 'field' ? [item.path] : []));
    this.object = plan.object.name;
    this.columns = this.paths.every((p) => p.hops.length === 0)
      ? view.generator.columns(this.object, this.paths.map((p) => p.field.name))
      : null;
  }

  header(): string[] {
    return this.paths.map((path) => path.display);
  }

  cells(row: Row): (string | null)[] {
    return this.paths.map((path) => bulkCell(this.resolver.value(row, path), path.field));
  }

  /**
   * The CSV lines of a page of results, quoted as `csvField`, each ended by `eol`. A cell's closing
   * quote goes out with the next separator, so a line is built from few string pieces.
   */
  lines(page: ResultPage, delimiter: string, eol: string): string {
    const { view, object, paths, columns } = this;
    const baseCount = view.baseCount(object);
    const width = paths.length;
    const closeSepOpen = '"' + delimiter + '"';
    const sepOpen = delimiter + '"';
    const closeSep = '"' + delimiter;
    const closeEol = '"' + eol;
    let out = '';
    for (let k = 0; k < page.indexes.length; k++) {
      const index = page.indexes[k];
      const row = page.rows[k];
      const direct = row === null && columns !== null && index < baseCount && !view.isMutated(object, index);
      let cells: (string | null)[] | null = null;
      if (direct) columns.at(index);
      else cells = this.cells(row ?? (view.row(object, index) as Row));
      let open = false;
      for (let c = 0; c < width; c++) {
        const cell = cells === null ? bulkCell((columns as ColumnReader).value(c), paths[c].field) : cells[c];
        if (cell === null) {
          if (c > 0) out += open ? closeSep : delimiter;
          open = false;
        } else {
          out += c === 0 ? '"' : open ? closeSepOpen : sepOpen;
          out += cell.indexOf('"') < 0 ? cell : cell.replace(/"/g, '""');
          open = true;
        }
      }
      out += open ? closeEol : eol;
    }
    return out;
  }
}
