/**
 * Which changed workspace files can change the checks of open dataflows. The editor
 * watches every JSON file (a target schema may have any name), so the adapter asks this
 * before invalidating caches and re-checking everything.
 */
import * as path from 'node:path';
import { PROJECT_FILE_NAMES } from '../project/project';
import { METADATA_DIR } from '../workspace/workspace';
import type { DataflowContext } from './context';

/** The schema files a dataflow's checks read: its own target schema and its project's dataset schemas. */
export function schemaFilesOf(ctx: DataflowContext): string[] {
  const out: string[] = [];
  if (ctx.schema) out.push(ctx.schema.file);
  const project = ctx.project;
  if (project) {
    for (const ds of project.model.datasets.values()) if (ds.schema) out.push(path.resolve(project.root, ds.schema.value));
  }
  return out;
}

/**
 * Whether a change to `file` can matter. Project files, describe caches and `*.schema.json`
 * always can (features read them without an open dataflow naming them); any other file
 * only when an open dataflow depends on it. `dependencies` is asked only for such files,
 * so the common case costs no work.
 */
export function affectsChecks(file: string, dependencies: () => ReadonlySet<string> | 'unknown'): boolean {
  const base = path.basename(file);
  if ((PROJECT_FILE_NAMES as readonly string[]).includes(base)) return true;
  if (base.endsWith('.schema.json')) return true;
  if (path.normalize(file).includes(`${path.sep}${METADATA_DIR}${path.sep}`)) return true;
  const known = dependencies();
  return known === 'unknown' || known.has(path.normalize(file));
}
