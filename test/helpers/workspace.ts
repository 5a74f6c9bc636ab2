/** A service over the example workspace, with optional in-memory files on top. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataflowService } from '../../server/service';

export const ROOT = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const DATAFLOWS = path.join(EXAMPLES, 'dataflows');
export const BROKEN = path.join(ROOT, 'test', 'fixtures', 'broken');

export function exampleService(overlay: Record<string, string> = {}): DataflowService {
  return new DataflowService({
    readFile(p) {
      if (p in overlay) return overlay[p];
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

/** `# expect: a, b` from a fixture's header. */
export function expectedCodes(text: string): string[] {
  const m = /^# expect: (.*)$/m.exec(text);
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean).sort() : [];
}
