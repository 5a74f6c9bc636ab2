/** A service over the example workspace, with optional in-memory files on top. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataflowService } from '../../server/service';
import type { DirEntry, FileReader } from '../../server/workspace/workspace';

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const DATAFLOWS = path.join(EXAMPLES, 'dataflows');
export const BROKEN = path.join(ROOT, 'test', 'fixtures', 'broken');

/** Disk with in-memory files on top, listed the way the editor's reader lists them. */
export function overlayReader(overlay: Record<string, string> = {}): FileReader {
  return {
    readFile(p) {
      if (p in overlay) return overlay[p];
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    listFiles(dir): DirEntry[] {
      let out: DirEntry[] = [];
      try {
        out = readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
      } catch {
        out = [];
      }
      for (const p of Object.keys(overlay)) {
        const rel = path.relative(dir, p);
        if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
        const first = rel.split(path.sep)[0]!;
        if (!out.some((e) => e.name === first)) out.push({ name: first, isDirectory: rel.includes(path.sep) });
      }
      return out;
    },
  };
}

export function exampleService(overlay: Record<string, string> = {}): DataflowService {
  return new DataflowService(overlayReader(overlay));
}

/** `# expect: a, b` from a fixture's header. */
export function expectedCodes(text: string): string[] {
  const m = /^# expect: (.*)$/m.exec(text);
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean).sort() : [];
}
