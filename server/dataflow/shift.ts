/**
 * Moves chunk-relative results to document offsets. Chunk results are cached by text and
 * reused wherever that text now sits, so every span in them is relative until shifted.
 */

type Shiftable = unknown;

export function shiftDeep<T extends Shiftable>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shift(value, delta) as T;
}

function shift(v: unknown, delta: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length && typeof v[0] === 'number') return v.map((n: number) => n + delta);
    return v.map((x) => shift(x, delta));
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    return { start: o.start + delta, end: o.end + delta };
  }
  const out: Record<string, unknown> = {};
  for (const k in o) {
    // problem `data` holds user data, not positions
    out[k] = k === 'data' ? o[k] : shift(o[k], delta);
  }
  return out;
}
