/**
 * The objects of a connection, read from the describe cache: its describeGlobal when
 * present, else the `<Object>.json` describes it holds. Queryable objects only by
 * default, because a dataflow can only extract those.
 */
import * as path from 'node:path';
import type { ListObjectsResult, ObjectInfo } from '../../../shared/protocol';
import type { GlobalSObject } from '../../salesforce/describeTypes';
import { METADATA_DIR, type Workspace } from '../../workspace/workspace';

const GLOBAL_FILE = 'describeGlobal.json';

export function metadataDir(root: string, connection: string): string {
  return path.join(root, METADATA_DIR, connection);
}

/** Object names with a cached `<Object>.json`. */
export function cachedDescribeNames(ws: Workspace, root: string, connection: string): Set<string> {
  const entries = ws.files.listFiles?.(metadataDir(root, connection)) ?? [];
  const names = new Set<string>();
  for (const e of entries) {
    if (!e.isDirectory && e.name.endsWith('.json') && e.name !== GLOBAL_FILE) names.add(e.name.slice(0, -'.json'.length));
  }
  return names;
}

/** Every object name the cache knows for a connection. */
export function cachedObjectNames(ws: Workspace, root: string, connection: string): string[] {
  const global = ws.describeGlobal(root, connection);
  if (global) return global.sobjects.filter((s) => s && typeof s.name === 'string').map((s) => s.name);
  return [...cachedDescribeNames(ws, root, connection)];
}

function fromGlobal(s: GlobalSObject, described: ReadonlySet<string>): ObjectInfo {
  return {
    name: s.name,
    label: typeof s.label === 'string' ? s.label : s.name,
    labelPlural: typeof s.labelPlural === 'string' ? s.labelPlural : s.name,
    custom: s.custom === true,
    queryable: s.queryable !== false,
    hasDescribe: described.has(s.name),
  };
}

export function byName(a: { name: string }, b: { name: string }): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function listObjects(ws: Workspace, root: string, connection: string, options: { includeNonQueryable?: boolean } = {}): ListObjectsResult {
  const described = cachedDescribeNames(ws, root, connection);
  const global = ws.describeGlobal(root, connection);
  let all: ObjectInfo[];
  if (global) {
    all = global.sobjects.filter((s) => s && typeof s.name === 'string').map((s) => fromGlobal(s, described));
  } else {
    all = [];
    for (const name of described) {
      const d = ws.describe(root, connection, name)?.describe;
      if (!d) continue;
      all.push({ ...fromGlobal(d, described), hasDescribe: true });
    }
  }
  all.sort(byName);
  const objects = options.includeNonQueryable ? all : all.filter((o) => o.queryable);
  return { objects, cached: global !== undefined || described.size > 0, total: all.length };
}

/** The describeGlobal entry (or describe) of one object as ObjectInfo; undefined when the cache has neither. */
export function objectInfo(ws: Workspace, root: string, connection: string, object: string): ObjectInfo | undefined {
  const described = cachedDescribeNames(ws, root, connection);
  const entry = ws.describeGlobal(root, connection)?.sobjects.find((s) => s?.name === object);
  if (entry) return fromGlobal(entry, described);
  const d = ws.describe(root, connection, object)?.describe;
  return d ? { ...fromGlobal(d, described), hasDescribe: true } : undefined;
}
