/**
 * Folding ranges of a dataflow or project file: every block mapping entry and sequence
 * item that spans lines (sections, mapping items), flow collections, multi-line and block
 * scalars, runs of comment lines and `# region` / `# endregion` markers.
 *
 * The structure comes from the `yaml` CST, which is lossless and error-tolerant, so the
 * ranges are exact (a `#` inside a block scalar is text, not a comment) and still appear
 * while the file is broken.
 */
import type { CST } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FeatureRequest } from './request';
import { tooLargeToAnalyse } from '../dataflow/parse';
import { topLevelKeys } from './topLevelKeys';
import { contentEnd, itemEnd, itemStart, parseCst, walkCst } from './yamlCst';

const REGION_START = /^\s*#\s*region\b/;
const REGION_END = /^\s*#\s*endregion\b/;

/** Folding ranges of the document; never throws. */
export function foldingRanges(req: FeatureRequest): FoldingRange[] {
  try {
    const text = req.doc.getText();
    const lineAt = (offset: number) => req.doc.positionAt(offset).line;
    if (tooLargeToAnalyse(text)) return sectionFolding(text, lineAt);
    return computeFolding(text, lineAt);
  } catch {
    return [];
  }
}

/** Too large to parse: the top-level sections still fold (one linear scan, a bounded list). */
const MAX_SECTIONS = 1000;

function sectionFolding(text: string, lineAt: (offset: number) => number): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const k of topLevelKeys(text, MAX_SECTIONS)) {
    const startLine = lineAt(k.span.start);
    const endLine = lineAt(Math.max(k.span.start, k.end - 1));
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out;
}

function computeFolding(text: string, lineAt: (offset: number) => number): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const add = (startOffset: number, endOffset: number, kind?: FoldingRangeKind) => {
    if (startOffset < 0 || endOffset <= startOffset) return;
    const startLine = lineAt(startOffset);
    const endLine = lineAt(endOffset - 1);
    if (endLine <= startLine) return;
    const known = byStart.get(startLine);
    // one range per start line (editors keep only one): the outermost
    if (known && known.endLine >= endLine) return;
    byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const comments: CST.SourceToken[] = [];
  walkCst(parseCst(text), (tok) => {
    switch (tok.type) {
      case 'block-map':
      case 'block-seq':
        for (const item of tok.items) add(itemStart(item), itemEnd(item));
        break;
      case 'flow-collection':
        add(tok.offset, contentEnd(tok));
        break;
      case 'block-scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'scalar':
        add(tok.offset, contentEnd(tok));
        break;
      case 'comment':
        comments.push(tok);
        break;
      default:
        break;
    }
  });
  for (const r of commentRanges(text, comments, lineAt)) {
    if (!byStart.has(r.startLine) || byStart.get(r.startLine)!.endLine < r.endLine) byStart.set(r.startLine, r);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

/** Runs of whole-line comments (two or more lines) and region marker pairs. */
function commentRanges(text: string, comments: readonly CST.SourceToken[], lineAt: (offset: number) => number): FoldingRange[] {
  const out: FoldingRange[] = [];
  const regions: number[] = [];
  let runStart = -1;
  let runEnd = -1;
  const closeRun = () => {
    if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
    runStart = runEnd = -1;
  };
  const sorted = [...comments].sort((a, b) => a.offset - b.offset);
  for (const c of sorted) {
    const lineStart = text.lastIndexOf('\n', c.offset - 1) + 1;
    // a comment after a value on the same line does not start or extend a block
    if (text.slice(lineStart, c.offset).trim() !== '') {
      closeRun();
      continue;
    }
    const line = lineAt(c.offset);
    if (REGION_START.test(c.source)) {
      closeRun();
      regions.push(line);
      continue;
    }
    if (REGION_END.test(c.source)) {
      closeRun();
      const start = regions.pop();
      if (start !== undefined && line > start) out.push({ startLine: start, endLine: line, kind: FoldingRangeKind.Region });
      continue;
    }
    if (runStart >= 0 && line === runEnd + 1) runEnd = line;
    else {
      closeRun();
      runStart = runEnd = line;
    }
  }
  closeRun();
  return out;
}
