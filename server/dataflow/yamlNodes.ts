/** Small helpers for reading `yaml` nodes with document offsets. */
import { isAlias, isMap, isScalar, isSeq, type Alias, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../util/problems';

export function spanOf(node: Node | null | undefined, delta: number): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: r[0] + delta, end: Math.max(r[0], r[1]) + delta };
}

export function pairsOf(node: unknown): Pair[] {
  return isMap(node) ? (node as YAMLMap).items : [];
}

export function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? (node as YAMLSeq).items : [];
}

export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? (node as Scalar) : undefined;
}

/** Raised by toPlain when a document is too big, too deep or an alias bomb. */
export class YamlLimitError extends Error {
  constructor(readonly kind: 'alias' | 'size') {
    super(kind === 'alias' ? 'YAML aliases expand beyond the safe limit' : 'YAML value too deep or too large');
  }
}

const MAX_DEPTH = 64;
const MAX_NODES = 200_000;

/**
 * YAML node → plain JS for schema validation, with hard limits: `yaml`'s own toJS
 * stringifies collection keys recursively (quadratic on hostile input) and expands
 * aliases; this one caps depth, total size and alias expansion, and names complex keys.
 */
export function toPlain(node: unknown, doc: { directives?: unknown } & object): unknown {
  let budget = MAX_NODES;
  let aliases = 0;
  const walk = (n: unknown, depth: number): unknown => {
    if (--budget < 0 || depth > MAX_DEPTH) throw new YamlLimitError('size');
    if (n === null || n === undefined) return null;
    if (isScalar(n)) return (n as Scalar).value ?? null;
    if (isAlias(n)) {
      if (++aliases > 1000) throw new YamlLimitError('alias');
      const target = (n as Alias).resolve(doc as never);
      return walk(target, depth + 1);
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const p of (n as YAMLMap).items) {
        const k = isScalar(p.key) ? String((p.key as Scalar).value) : p.key === null ? '' : '[complex key]';
        out[k] = walk(p.value, depth + 1);
      }
      return out;
    }
    if (isSeq(n)) return (n as YAMLSeq).items.map((i) => walk(i, depth + 1));
    return null;
  };
  return walk(node, 0);
}
