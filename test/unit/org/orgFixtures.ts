/** Services over the example workspace (read-only) or over small in-memory projects, with folder listing. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectionRef } from '../../../shared/protocol';
import { DataflowService } from '../../../server/service';
import type { DirEntry } from '../../../server/workspace/workspace';
import { EXAMPLES } from '../../helpers/workspace';

export const EXAMPLES_URI = pathToFileURL(EXAMPLES).href;
export const ACME: ConnectionRef = { project: EXAMPLES_URI, name: 'acme' };

/** Disk files (under `root`, when given) overlaid with in-memory ones; folders list both. */
export function service(memory: Record<string, string> = {}, disk = true): DataflowService {
  return new DataflowService({
    readFile(p) {
      if (p in memory) return memory[p];
      if (!disk) return undefined;
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles(dir): readonly DirEntry[] | undefined {
      const out = new Map<string, DirEntry>();
      if (disk) {
        try {
          for (const d of readdirSync(dir, { withFileTypes: true })) out.set(d.name, { name: d.name, isDirectory: d.isDirectory() });
        } catch {
          // not on disk
        }
      }
      for (const file of Object.keys(memory)) {
        const rel = path.relative(dir, file);
        if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
        const first = rel.split(path.sep)[0];
        out.set(first, { name: first, isDirectory: rel.includes(path.sep) });
      }
      return out.size || disk ? [...out.values()] : undefined;
    },
  });
}

export function field(name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, label: name.replace(/__c$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), type, length: type === 'string' ? 80 : 0, precision: 0, scale: 0,
    nillable: type !== 'id', custom: name.endsWith('__c'), picklistValues: [], referenceTo: [], relationshipName: null, ...extra,
  };
}

export function describe(name: string, fields: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, label: name, labelPlural: `${name}s`, keyPrefix: null, custom: name.endsWith('__c'), queryable: true, fields, ...extra });
}
