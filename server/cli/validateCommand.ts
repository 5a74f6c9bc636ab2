/** `crmflow validate [paths…]`: the editor's diagnostics, for CI. Exit 1 when any error. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DataflowService } from '../service';
import type { Problem } from '../util/problems';
import { diskReader, findCheckableFiles, lineCol } from './files';
import type { CliIo } from './io';

export interface FileReport {
  file: string;
  problems: Array<Problem & { line: number; col: number }>;
}

export function validatePaths(roots: readonly string[]): FileReport[] {
  const service = new DataflowService(diskReader);
  return findCheckableFiles(roots).map((file) => {
    const text = readFileSync(file, 'utf8');
    const problems = service.validate({ path: file, text }).map((p) => ({ ...p, ...lineCol(text, p.span.start) }));
    problems.sort((a, b) => a.span.start - b.span.start);
    return { file, problems };
  });
}

export function runValidate(args: readonly string[], io: CliIo): number {
  const json = args.includes('--json');
  const roots = args.filter((a) => !a.startsWith('--'));
  const reports = validatePaths(roots.length ? roots : [io.cwd]);
  const errors = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
  if (json) {
    io.out(JSON.stringify(reports.map((r) => ({ file: r.file, problems: r.problems.map(({ code, severity, message, line, col }) => ({ code, severity, message, line, col })) })), null, 2));
  } else {
    for (const r of reports) {
      for (const p of r.problems) io.out(`${path.relative(io.cwd, r.file) || r.file}:${p.line}:${p.col} ${p.severity} ${p.code}: ${p.message}`);
    }
    io.out(`${reports.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  }
  return errors > 0 ? 1 : 0;
}
