/**
 * Background change: every second, N live records of the chosen objects get one field changed
 * (and LastModifiedDate/SystemModstamp bumped), so an outside client's incremental loads have
 * something new to pick up. The choice of records, fields and values is seeded and repeatable.
 */
import type { FieldDescribe } from '../../describeTypes';
import type { Catalog } from '../metadata/catalog';
import type { DataStore } from './dataStore';
import type { Row } from './generators';
import { SequenceRandom } from './random';
import { isoDate } from './format';

export const DEFAULT_CHURN_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity'];

const CHANGEABLE_TYPES = new Set(['picklist', 'boolean', 'int', 'double', 'currency', 'percent', 'date']);
/** Fields other values depend on (IsClosed, Probability, ExpectedRevenue, IsConverted): churn leaves them alone. */
const DRIVING_FIELDS = new Set(['Opportunity.StageName', 'Opportunity.Amount', 'Opportunity.Probability', 'Lead.Status']);
const DAY_MS = 86_400_000;
/** Draws per record before giving up on finding a live one (most rows are live). */
const PICK_ATTEMPTS = 8;

interface ChurnTarget {
  object: string;
  fields: readonly FieldDescribe[];
}

export class Churn {
  private readonly random: SequenceRandom;
  private readonly targets: ChurnTarget[];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: DataStore,
    catalog: Catalog,
    readonly perSecond: number,
    objects: readonly string[],
    seed: number,
  ) {
    this.random = new SequenceRandom(seed ^ 0x0c4a);
    this.targets = objects.map((name) => {
      const object = catalog.object(name);
      if (!object) throw new Error(`churn: unknown object '${name}'`);
      const fields = object.fields.filter((f) => f.updateable && !f.compoundFieldName && !f.calculated && !f.unique
        && CHANGEABLE_TYPES.has(f.type) && !DRIVING_FIELDS.has(`${object.name}.${f.name}`));
      if (!fields.length) throw new Error(`churn: ${object.name} has no field the emulator can change`);
      return { object: object.name, fields };
    });
  }

  /** Starts the once-a-second ticks; the timer never keeps the process alive on its own. */
  start(): void {
    if (this.timer || this.perSecond <= 0) return;
    this.timer = setInterval(() => this.tick(this.perSecond), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Changes `count` records now as one commit; returns their ids. */
  tick(count: number): string[] {
    const view = this.store.view();
    const updates: { object: string; id: string; fields: Row }[] = [];
    for (let k = 0; k < count; k++) {
      const target = this.targets[Math.floor(this.random.next() * this.targets.length)];
      const total = view.total(target.object);
      for (let attempt = 0; attempt < PICK_ATTEMPTS && total > 0; attempt++) {
        const index = Math.floor(this.random.next() * total);
        if (view.isDeleted(target.object, index)) continue;
        const row = view.row(target.object, index) as Row;
        const field = target.fields[Math.floor(this.random.next() * target.fields.length)];
        updates.push({ object: target.object, id: String(row.Id), fields: { [field.name]: this.nextValue(field, row[field.name]) } });
        break;
      }
    }
    this.store.updateMany(updates);
    return updates.map((u) => u.id);
  }

  /** A different value of the field's type, within what its describe allows. */
  private nextValue(field: FieldDescribe, current: unknown): unknown {
    const draw = this.random.next();
    switch (field.type) {
      case 'boolean': return current !== true;
      case 'picklist': {
        const values = field.picklistValues.filter((p) => p.active && p.value !== current);
        return values.length ? values[Math.floor(draw * values.length)].value : current;
      }
      case 'date': {
        const base = typeof current === 'string' ? Date.parse(`${current}T00:00:00Z`) : this.store.org.nowMs;
        return isoDate(base + Math.round((draw - 0.5) * 60) * DAY_MS);
      }
      default: {
        // Numbers move by up to ±20 % (or to a small value when empty), kept inside precision and scale.
        const limit = field.type === 'int' ? 10 ** Number(field.digits || 9) - 1 : 10 ** (field.precision - field.scale) - 1;
        const base = typeof current === 'number' && current !== 0 ? current : 1 + draw * 100;
        const factor = 10 ** (field.scale ?? 0);
        const moved = Math.round(base * (0.8 + draw * 0.4) * factor) / factor;
        const bounded = field.type === 'percent' ? Math.min(100, Math.max(0, moved)) : Math.min(limit, Math.max(-limit, moved));
        return field.type === 'int' ? Math.round(bounded) : bounded;
      }
    }
  }
}
