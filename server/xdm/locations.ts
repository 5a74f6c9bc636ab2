/**
 * Where things are in a JSON text, resolved on demand. The loader walks the fast native
 * `JSON.parse` result and only remembers *locations* (cheap parent-linked JSON pointers);
 * offsets come from the offset-keeping parser the first time a span is asked for
 * (go-to-definition, problems), so loading a large schema never pays for them up front.
 */
import type { Span } from '../util/problems';
import { member, parseJsonAst, type JsonNode } from './jsonAst';

/** A JSON pointer as a linked list from the leaf up; `undefined` is the document root. */
export interface JsonLocation {
  readonly up: JsonLocation | undefined;
  readonly key: string | number;
}

export function childLocation(up: JsonLocation | undefined, key: string | number): JsonLocation {
  return { up, key };
}

/** The location's segments from the root down. */
export function locationSegments(location: JsonLocation | undefined): (string | number)[] {
  const segments: (string | number)[] = [];
  for (let at = location; at; at = at.up) segments.push(at.key);
  return segments.reverse();
}

/** RFC 6901 form, e.g. `/definitions/b2b-source/properties/sourceKey`. */
export function locationPointer(location: JsonLocation | undefined): string {
  return locationSegments(location).map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Resolves locations in one text to offsets; parses the text once, on first use. */
export class JsonSpanLocator {
  private root: JsonNode | null | undefined;

  constructor(private readonly text: string) {}

  /** The member key at `location`, without its quotes. */
  keySpan(location: JsonLocation): Span | undefined {
    const parent = this.nodeAt(location.up);
    if (parent?.kind !== 'object') return undefined;
    for (let i = parent.members.length - 1; i >= 0; i--) {
      const m = parent.members[i]!;
      if (m.key === String(location.key)) return { start: m.keyStart + 1, end: m.keyEnd - 1 };
    }
    return undefined;
  }

  /** The value at `location`. */
  valueSpan(location: JsonLocation | undefined): Span | undefined {
    const node = this.nodeAt(location);
    return node ? { start: node.start, end: node.end } : undefined;
  }

  private nodeAt(location: JsonLocation | undefined): JsonNode | undefined {
    if (this.root === undefined) this.root = parseJsonAst(this.text).root ?? null;
    let node: JsonNode | undefined = this.root ?? undefined;
    for (const segment of locationSegments(location)) {
      if (node?.kind === 'object') node = member(node, String(segment));
      else if (node?.kind === 'array' && /^\d+$/.test(String(segment))) node = node.items[Number(segment)];
      else return undefined;
    }
    return node;
  }
}
