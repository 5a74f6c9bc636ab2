/** File discovery and reading for the CLI (the language server gets files from the editor). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../workspace/workspace';

const SKIP_DIRS = new Set(['node_modules', '.git', '.crmflow', 'out', 'dist']);

export const diskReader: FileReader = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Dataflow files and project files under `roots` (files are taken as given). */
export function findCheckableFiles(roots: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, depth: number): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isFile()) {
      out.push(p);
      return;
    }
    if (!st.isDirectory() || depth > 12) return;
    for (const name of readdirSync(p).sort()) {
      const child = path.join(p, name);
      if (SKIP_DIRS.has(name)) continue;
      if (/\.dataflow\.ya?ml$/.test(name) || name === 'crmflow.yaml' || name === 'crmflow.yml') out.push(child);
      else if (!name.startsWith('.')) {
        try {
          if (statSync(child).isDirectory()) walk(child, depth + 1);
        } catch {
          // unreadable entries are skipped
        }
      }
    }
  };
  for (const r of roots) walk(path.resolve(r), 0);
  return out;
}

/** 1-based line and column of an offset, for `file:line:col` output. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  }
  return { line, col: offset - last + 1 };
}
