/**
 * Everything a dataflow refers to outside itself: the nearest crmflow.yaml, the
 * describe cache of its connection, and its XDM schema file. Files arrive through an
 * injected reader (the adapter overlays open editors on the disk), results are cached
 * until `invalidate` is told a file changed, and `generation` tells dependent caches
 * when anything did.
 */
import * as path from 'node:path';
import type { Problem } from '../util/problems';
import type { StructureValidator } from '../dataflow/structure';
import { parseProject, PROJECT_FILE_NAMES, type ProjectModel } from '../project/project';
import { SObjectIndex } from '../salesforce/describeIndex';
import type { DescribeGlobal, SObjectDescribe } from '../salesforce/describeTypes';
import { loadXdmSchema } from '../xdm/load';
import type { XdmSchema } from '../xdm/schema';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface FileReader {
  /** the text of a file, or undefined when it does not exist or cannot be read */
  readFile(absPath: string): string | undefined;
  /** the entries of a folder (open unsaved documents included); undefined when it cannot be read */
  listFiles?(absDir: string): readonly DirEntry[] | undefined;
}

export interface ProjectInfo {
  /** folder holding crmflow.yaml */
  root: string;
  file: string;
  model: ProjectModel;
  problems: Problem[];
}

export interface SchemaInfo {
  file: string;
  text?: string;
  schema?: XdmSchema;
  problems: Problem[];
}

export const METADATA_DIR = path.join('.crmflow', 'metadata');

export class Workspace {
  private readonly projects = new Map<string, ProjectInfo | null>();
  private readonly describes = new Map<string, SObjectIndex | null>();
  private readonly globals = new Map<string, DescribeGlobal | null>();
  private readonly schemas = new Map<string, SchemaInfo>();
  private gen = 0;

  /** `files` is public so editor features read (and list) files the way the checks do. */
  constructor(readonly files: FileReader, private readonly structure: StructureValidator) {}

  /** Bumps on every invalidation; caches derived from workspace files key on it. */
  get generation(): number {
    return this.gen;
  }

  /** Forget whatever was read from `absPath` (a changed, created or deleted file). */
  invalidate(absPath: string): void {
    this.gen++;
    if ((PROJECT_FILE_NAMES as readonly string[]).includes(path.basename(absPath))) this.projects.clear();
    this.schemas.delete(absPath);
    this.describes.delete(absPath);
    this.globals.delete(absPath);
  }

  /** Forget everything (e.g. many files changed at once). */
  invalidateAll(): void {
    this.gen++;
    this.projects.clear();
    this.schemas.clear();
    this.describes.clear();
    this.globals.clear();
  }

  /** The nearest crmflow.yaml at or above the folder of `absFile`. */
  projectFor(absFile: string): ProjectInfo | undefined {
    let dir = path.dirname(absFile);
    const visited: string[] = [];
    for (;;) {
      const cached = this.projects.get(dir);
      if (cached !== undefined) {
        for (const v of visited) this.projects.set(v, cached);
        return cached ?? undefined;
      }
      visited.push(dir);
      for (const name of PROJECT_FILE_NAMES) {
        const file = path.join(dir, name);
        const text = this.files.readFile(file);
        if (text !== undefined) {
          const { model, problems } = parseProject(text, this.structure);
          const info: ProjectInfo = { root: dir, file, model, problems };
          for (const v of visited) this.projects.set(v, info);
          return info;
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) {
        for (const v of visited) this.projects.set(v, null);
        return undefined;
      }
      dir = parent;
    }
  }

  describeFile(root: string, connection: string, object: string): string {
    return path.join(root, METADATA_DIR, connection, `${object}.json`);
  }

  /** The cached describe of `object`, or undefined when the cache has none. */
  describe(root: string, connection: string, object: string): SObjectIndex | undefined {
    const file = this.describeFile(root, connection, object);
    let idx = this.describes.get(file);
    if (idx === undefined) {
      idx = null;
      const text = this.files.readFile(file);
      if (text !== undefined) {
        try {
          const json = JSON.parse(text) as SObjectDescribe;
          if (json && typeof json === 'object' && Array.isArray(json.fields)) idx = new SObjectIndex(json);
        } catch {
          idx = null;
        }
      }
      this.describes.set(file, idx);
    }
    return idx ?? undefined;
  }

  /** describeGlobal of a connection, when cached. */
  describeGlobal(root: string, connection: string): DescribeGlobal | undefined {
    const file = path.join(root, METADATA_DIR, connection, 'describeGlobal.json');
    let g = this.globals.get(file);
    if (g === undefined) {
      g = null;
      const text = this.files.readFile(file);
      if (text !== undefined) {
        try {
          const json = JSON.parse(text) as DescribeGlobal;
          if (json && Array.isArray(json.sobjects)) g = json;
        } catch {
          g = null;
        }
      }
      this.globals.set(file, g);
    }
    return g ?? undefined;
  }

  /** The XDM schema at `absPath`, loaded and indexed once. */
  schema(absPath: string): SchemaInfo {
    let info = this.schemas.get(absPath);
    if (!info) {
      const text = this.files.readFile(absPath);
      if (text === undefined) info = { file: absPath, problems: [] };
      else {
        const r = loadXdmSchema(text, { uri: absPath });
        info = { file: absPath, text, problems: r.problems };
        if (r.schema) info.schema = r.schema;
      }
      this.schemas.set(absPath, info);
    }
    return info;
  }
}
