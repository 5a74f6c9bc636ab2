/**
 * Records = generated base rows + a small overlay of mutations (updates, deletes, creates) made
 * through the REST API, the emulator's control methods or churn. Views are immutable snapshots:
 * a query cursor or Bulk job keeps the view it started with, so later mutations never shift its pages.
 */
import { decodeRecordId } from '../ids';
import { Catalog } from '../metadata/catalog';
import { restDateTime } from './format';
import { ADMIN_USERNAME, RecordGenerator, Row } from './generators';
import { OrgShape } from './orgShape';

export interface OverlayRow {
  /** field values that replace the base row's (all fields for created rows) */
  fields: Row;
  stampMs: number;
  deleted: boolean;
}

interface TableState {
  readonly overlay: ReadonlyMap<number, OverlayRow>;
  /** overlay indexes in the order they were last changed (= ascending SystemModstamp) */
  readonly changeOrder: readonly number[];
  readonly created: number;
}

const EMPTY_TABLE: TableState = { overlay: new Map(), changeOrder: [], created: 0 };

/** A consistent, read-only state of every object. */
export class DataView {
  constructor(
    readonly org: OrgShape,
    readonly generator: RecordGenerator,
    private readonly tables: ReadonlyMap<string, TableState>,
  ) {}

  private table(object: string): TableState {
    return this.tables.get(object) ?? EMPTY_TABLE;
  }

  baseCount(object: string): number {
    return this.org.count(object);
  }

  /** Rows including created ones (indexes run 0 … total-1). */
  total(object: string): number {
    return this.org.count(object) + this.table(object).created;
  }

  overlay(object: string, index: number): OverlayRow | undefined {
    return this.table(object).overlay.get(index);
  }

  /** Overlay indexes by ascending SystemModstamp. */
  changeOrder(object: string): readonly number[] {
    return this.table(object).changeOrder;
  }

  isMutated(object: string, index: number): boolean {
    return this.table(object).overlay.has(index);
  }

  isDeleted(object: string, index: number): boolean {
    const o = this.overlay(object, index);
    return o ? o.deleted : this.generator.baseDeleted(object, index);
  }

  stampMs(object: string, index: number): number {
    const o = this.overlay(object, index);
    return o ? o.stampMs : this.org.stampMs(object, index);
  }

  /** The full row (all non-compound fields), or null past the end. */
  row(object: string, index: number): Row | null {
    if (index < 0 || index >= this.total(object)) return null;
    const o = this.overlay(object, index);
    if (!o) return this.generator.generate(object, index);
    const base = index < this.org.count(object) ? this.generator.generate(object, index) : {};
    return { ...base, ...o.fields };
  }

  /** Finds a row by 15- or 18-character id. */
  locate(id: string, catalog: Catalog): { object: string; index: number } | null {
    const decoded = decodeRecordId(id);
    if (!decoded) return null;
    const object = catalog.objectByPrefix(decoded.keyPrefix);
    if (!object || decoded.index >= this.total(object.name)) return null;
    return { object: object.name, index: decoded.index };
  }
}

/** Owns the current view and applies mutations copy-on-write. */
export class DataStore {
  private tables = new Map<string, TableState>();
  private current: DataView;
  private lastStampMs: number;

  constructor(
    readonly org: OrgShape,
    private readonly catalog: Catalog,
    private readonly clock: () => number,
  ) {
    this.current = new DataView(org, new RecordGenerator(org), this.tables);
    this.lastStampMs = org.nowMs;
  }

  view(): DataView {
    return this.current;
  }

  /** The newest SystemModstamp any mutation has set (the org's nowMs before the first one). */
  latestStampMs(): number {
    return this.lastStampMs;
  }

  /** Stamps are whole seconds, at or after `now`, strictly increasing: each change sorts after all earlier ones. */
  private nextStamp(): number {
    const now = Math.floor(this.clock() / 1000) * 1000;
    this.lastStampMs = Math.max(now, this.lastStampMs + 1000);
    return this.lastStampMs;
  }

  /** Applies changes (in order) as one new view: the overlays are copied once, not once per change. */
  private commit(changes: readonly { object: string; index: number; next: OverlayRow; created: boolean }[]): void {
    const tables = new Map(this.tables);
    const byObject = new Map<string, typeof changes[number][]>();
    for (const change of changes) {
      const list = byObject.get(change.object);
      if (list) list.push(change);
      else byObject.set(change.object, [change]);
    }
    for (const [object, list] of byObject) {
      const old = this.tables.get(object) ?? EMPTY_TABLE;
      const overlay = new Map(old.overlay);
      const touched = new Set<number>();
      for (const change of list) {
        overlay.set(change.index, change.next);
        touched.add(change.index);
      }
      const changeOrder = old.changeOrder.filter((i) => !touched.has(i));
      // Each index once, at its last change: the order stays ascending SystemModstamp.
      const lastChange = new Map(list.map((change, k) => [change.index, k] as const));
      list.forEach((change, k) => { if (lastChange.get(change.index) === k) changeOrder.push(change.index); });
      tables.set(object, { overlay, changeOrder, created: old.created + list.filter((c) => c.created).length });
    }
    this.tables = tables;
    this.current = new DataView(this.org, this.current.generator, tables);
  }

  private resolve(object: string, id: string): { object: string; index: number } {
    const entry = this.catalog.object(object);
    const located = this.current.locate(id, this.catalog);
    if (!entry || !located || located.object !== entry.name) throw new Error(`no ${object} with id ${id}`);
    return located;
  }

  private validFields(object: string, fields: Row): Row {
    const entry = this.catalog.object(object);
    if (!entry) throw new Error(`unknown object ${object}`);
    const out: Row = {};
    for (const [name, value] of Object.entries(fields)) {
      const f = entry.fieldByLowerName.get(name.toLowerCase());
      if (!f || f.type === 'address' || f.type === 'location') throw new Error(`unknown or compound field ${object}.${name}`);
      out[f.name] = value;
    }
    return out;
  }

  /** Audit fields of a change: every write is made by the API user (user 0). */
  private stamped(fields: Row, stampMs: number): Row {
    const at = restDateTime(stampMs);
    return { ...fields, LastModifiedDate: at, LastModifiedById: this.org.id('User', 0), SystemModstamp: at };
  }

  /**
   * Fields the org computes from others: a person's read-only Name from FirstName/LastName.
   * `base` is the row before the change, `fields` the overlay being written.
   */
  private derived(object: string, base: Row, fields: Row): Row {
    const entry = this.catalog.object(object);
    const nameField = entry?.fieldByLowerName.get('name');
    if (!nameField || nameField.createable || !entry?.hasField('LastName')) return fields;
    if (!('FirstName' in fields) && !('LastName' in fields)) return fields;
    const first = 'FirstName' in fields ? fields.FirstName : base.FirstName;
    const last = 'LastName' in fields ? fields.LastName : base.LastName;
    return { ...fields, Name: [first, last].filter((part) => typeof part === 'string' && part !== '').join(' ') };
  }

  update(object: string, id: string, fields: Row): void {
    this.updateMany([{ object, id, fields }]);
  }

  /** Updates several records as one change of the view; each gets its own, increasing SystemModstamp. */
  updateMany(updates: readonly { object: string; id: string; fields: Row }[]): void {
    const changes = [];
    const pending = new Map<string, OverlayRow>();
    for (const update of updates) {
      const { object: name, index } = this.resolve(update.object, update.id);
      const key = `${name}:${index}`;
      const previous = pending.get(key) ?? this.current.overlay(name, index);
      const stampMs = this.nextStamp();
      const base = { ...(this.current.row(name, index) ?? {}), ...(previous?.fields ?? {}) };
      const written = this.derived(name, base, this.validFields(name, update.fields));
      const next = {
        fields: this.stamped({ ...(previous?.fields ?? {}), ...written }, stampMs),
        stampMs,
        deleted: previous?.deleted ?? this.current.isDeleted(name, index),
      };
      pending.set(key, next);
      changes.push({ object: name, index, next, created: false });
    }
    if (changes.length) this.commit(changes);
  }

  setDeleted(object: string, id: string, deleted: boolean): void {
    const { object: name, index } = this.resolve(object, id);
    if (!this.catalog.object(name)?.hasField('IsDeleted')) throw new Error(`${name} records cannot be deleted`);
    const previous = this.current.overlay(name, index);
    const stampMs = this.nextStamp();
    const fields = this.stamped({ ...(previous?.fields ?? {}), IsDeleted: deleted }, stampMs);
    this.commit([{ object: name, index, next: { fields, stampMs, deleted }, created: false }]);
  }

  create(object: string, fields: Row): string {
    const entry = this.catalog.object(object);
    if (!entry) throw new Error(`unknown object ${object}`);
    const index = this.current.total(entry.name);
    const id = this.org.id(entry.name, index);
    const stampMs = this.nextStamp();
    const row: Row = {};
    for (const f of entry.fields) if (f.type !== 'address' && f.type !== 'location') row[f.name] = f.type === 'boolean' ? f.defaultValue === true : null;
    const adminId = this.org.id('User', 0);
    Object.assign(row, this.validFields(entry.name, fields), {
      Id: id, CreatedDate: restDateTime(stampMs), CreatedById: adminId, LastModifiedById: adminId,
    });
    if (entry.hasField('OwnerId') && row.OwnerId === null) row.OwnerId = adminId;
    if (entry.name === 'User' && row.Username === null) row.Username = `user${index}.${ADMIN_USERNAME}`;
    for (const f of entry.fields) {
      // Picklist defaults apply on insert, as on an org (Lead.Status = 'Open - Not Contacted').
      if (row[f.name] !== null || f.type !== 'picklist') continue;
      const fallback = f.picklistValues.find((p) => p.defaultValue);
      if (fallback) row[f.name] = fallback.value;
    }
    const complete = { ...row, ...this.derived(entry.name, row, row) };
    this.commit([{ object: entry.name, index, next: { fields: this.stamped(complete, stampMs), stampMs, deleted: false }, created: true }]);
    return id;
  }
}
