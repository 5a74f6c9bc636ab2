/**
 * Stateless seeded randomness: every value is a pure hash of (seed, stream, row, salt), so row i of
 * any object can be generated on demand, in any order, without keeping earlier rows.
 */

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

/** Random draws for one row of one object. */
export class RowRandom {
  private readonly base: number;

  constructor(streamSeed: number, row: number) {
    this.base = mix(streamSeed ^ mix(row + 0x9e3779b9));
  }

  /** A uint32 for `salt`. */
  u32(salt: number): number {
    return mix(this.base ^ Math.imul(salt + 1, 0x27d4eb2d));
  }

  /** A float in [0, 1). */
  unit(salt: number): number {
    return this.u32(salt) / 4294967296;
  }

  /** An integer in [0, n). */
  below(salt: number, n: number): number {
    return Math.floor(this.unit(salt) * n);
  }

  /** An integer in [lo, hi]. */
  between(salt: number, lo: number, hi: number): number {
    return lo + this.below(salt, hi - lo + 1);
  }

  pick<T>(salt: number, items: readonly T[]): T {
    return items[this.below(salt, items.length)];
  }

  chance(salt: number, probability: number): boolean {
    return this.unit(salt) < probability;
  }
}

/** A sequential seeded generator, for things that happen in order (e.g. injected 5xx faults). */
export class SequenceRandom {
  private counter = 0;

  constructor(private readonly seed: number) {}

  next(): number {
    this.counter += 1;
    return mix(this.seed ^ mix(this.counter)) / 4294967296;
  }
}
