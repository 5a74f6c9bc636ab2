/**
 * `$ref` resolution inside one JSON document (what a resolved XDM schema file may use):
 * JSON pointers from the document root (`#/definitions/x`, `#/$defs/x`), `$id`s of
 * sub-schemas, optionally followed by a pointer (`https://…/b2b-source#/properties/sourceKey`),
 * and `$anchor`s (`#name`). Pointers are taken from the root even inside a sub-schema with
 * its own `$id`: XDM bundles are written that way, and it keeps resolution predictable.
 */
import { childLocation, type JsonLocation } from './locations';

export type RefResolution =
  | { target: unknown; location: JsonLocation | undefined; reason?: undefined }
  | { reason: string; target?: undefined; location?: undefined };

type JsonObject = { [key: string]: unknown };

interface Located {
  node: JsonObject;
  location: JsonLocation | undefined;
}

export class LocalRefResolver {
  private readonly cache = new Map<string, RefResolution>();
  private idIndex: Map<string, Located> | undefined;

  constructor(private readonly root: unknown) {}

  /** The value a `$ref` points at, with its location; or why it cannot be resolved. */
  resolve(ref: string): RefResolution {
    let cached = this.cache.get(ref);
    if (!cached) {
      cached = this.lookup(ref);
      this.cache.set(ref, cached);
    }
    return cached;
  }

  private lookup(ref: string): RefResolution {
    const hash = ref.indexOf('#');
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    let node: unknown = this.root;
    let location: JsonLocation | undefined;
    if (base !== '') {
      const found = this.ids().get(base);
      if (!found) {
        return { reason: `$ref '${ref}' points outside this file. Use the resolved schema (Accept: application/vnd.adobe.xed-full+json; version=1) or add the referenced schema under definitions with its $id.` };
      }
      ({ node, location } = found);
    }
    if (fragment === '') return { target: node, location };
    if (!fragment.startsWith('/')) {
      const anchored = this.ids().get(`#${fragment}`);
      return anchored ? { target: anchored.node, location: anchored.location } : { reason: `$ref '${ref}': no schema has the anchor '#${fragment}'.` };
    }
    for (const raw of fragment.slice(1).split('/')) {
      const segment = decodePointerSegment(raw);
      if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) {
        node = node[Number(segment)];
        location = childLocation(location, Number(segment));
      } else if (isObject(node) && Object.hasOwn(node, segment)) {
        node = node[segment];
        location = childLocation(location, segment);
      } else {
        return { reason: `$ref '${ref}' does not point at anything in this file.` };
      }
    }
    return { target: node, location };
  }

  /** Sub-schemas by `$id` (and `$anchor` as `#name`), built on first use. */
  private ids(): Map<string, Located> {
    if (this.idIndex) return this.idIndex;
    const index = new Map<string, Located>();
    const stack: { value: unknown; location: JsonLocation | undefined }[] = [{ value: this.root, location: undefined }];
    while (stack.length > 0) {
      const { value, location } = stack.pop()!;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) stack.push({ value: value[i], location: childLocation(location, i) });
        continue;
      }
      if (!isObject(value)) continue;
      const id = value.$id;
      if (typeof id === 'string' && !index.has(id)) index.set(id, { node: value, location });
      const anchor = value.$anchor;
      if (typeof anchor === 'string' && !index.has(`#${anchor}`)) index.set(`#${anchor}`, { node: value, location });
      for (const key of Object.keys(value)) {
        const child = value[key];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, location: childLocation(location, key) });
      }
    }
    this.idIndex = index;
    return index;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 unescaping, after percent-decoding (pointers in URI fragments may be encoded). */
function decodePointerSegment(raw: string): string {
  let segment = raw;
  if (segment.includes('%')) {
    try {
      segment = decodeURIComponent(segment);
    } catch {
      // not percent-encoded after all; use as written
    }
  }
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
