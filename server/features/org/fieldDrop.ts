/**
 * A field dragged from the org tree into a dataflow editor becomes a mapping item
 * (`- source: <field>` and an empty `target:` with the cursor on it), written in the
 * file's own indentation: before the item it is dropped on, after the item it is
 * dropped inside, at a blank line of the list, or after the last item when dropped
 * elsewhere in the file.
 */
import type { FieldDropResult } from '../../../shared/protocol';
import { afterLine, columnOf, itemLines, lineStart, yamlString } from '../codeActions/edits';
import type { FeatureRequest } from '../request';

/** Escapes text for a TextMate snippet (`$`, `}` and `\` are syntax there). */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

interface Placement {
  /** offset the edit starts at; it replaces [offset, end) */
  offset: number;
  end: number;
  dashCol: number;
  keyCol: number;
  /** text before the item (a line break when appending after a last line without one, or a new key) */
  prefix: string;
  /** the item ends with a line break (false when it replaces an inline `[]`) */
  trailingEol: boolean;
}

function placement(req: FeatureRequest): Placement | undefined {
  const text = req.doc.getText();
  const model = req.analysis!.parsed.model;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const atEnd = (offset: number) => (offset === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '');
  const items = model.mappings.map((m) => ({ m, lines: itemLines(text, m.span) }));
  if (items.length > 0) {
    if (items.some((i) => !i.lines)) return undefined; // flow style: no place for a block item
    const first = items[0];
    const firstLines = first.lines!;
    const dashCol = text.indexOf('-', firstLines.start) - firstLines.start;
    const sameLine = !text.slice(firstLines.start, first.m.span.start).includes('\n');
    const keyCol = sameLine ? columnOf(text, first.m.span.start) : dashCol + 2;
    const sectionEnd = items[items.length - 1].lines!.end;
    const at = Math.min(Math.max(req.offset, 0), text.length);
    let offset = sectionEnd;
    if (at >= firstLines.start && at < sectionEnd) {
      const inside = items.find((i) => at >= i.lines!.start && at < i.lines!.end);
      if (!inside) offset = lineStart(text, at);
      else offset = lineStart(text, at) === inside.lines!.start ? inside.lines!.start : inside.lines!.end;
    }
    return { offset, end: offset, dashCol, keyCol, prefix: atEnd(offset), trailingEol: true };
  }
  const key = model.mappingsKey;
  if (key) {
    const lineEnd = afterLine(text, key.end);
    const rest = text.slice(key.end, lineEnd);
    const m = /^(\s*:)([ \t]*\[[ \t]*\])?/.exec(rest);
    if (!m) return undefined;
    const dashCol = columnOf(text, key.start) + 2;
    if (m[2]) {
      // `mappings: []` → `mappings:` + the item on the next line
      const start = key.end + m[1].length;
      return { offset: start, end: start + m[2].length, dashCol, keyCol: dashCol + 2, prefix: eol, trailingEol: false };
    }
    return { offset: lineEnd, end: lineEnd, dashCol, keyCol: dashCol + 2, prefix: atEnd(lineEnd), trailingEol: true };
  }
  return { offset: text.length, end: text.length, dashCol: 2, keyCol: 4, prefix: `${atEnd(text.length)}mappings:${eol}`, trailingEol: true };
}

/** The mapping to insert for `source` (of `fromObject`) dropped at `req.offset`; undefined outside dataflows, in flow-style lists, or for another object's field. */
export function fieldDropEdit(req: FeatureRequest, source: string, fromObject?: string): FieldDropResult | undefined {
  if (!req.analysis || typeof source !== 'string' || source.trim() === '') return undefined;
  const object = req.analysis.parsed.model.source?.object?.value;
  // a field of another object would only be an unknown-source-field error here
  if (fromObject && object && object.toLowerCase() !== fromObject.toLowerCase()) return undefined;
  const p = placement(req);
  if (!p) return undefined;
  const text = req.doc.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const dash = ' '.repeat(p.dashCol);
  const gap = ' '.repeat(Math.max(1, p.keyCol - p.dashCol - 1));
  const snippet = `${snippetEscape(p.prefix)}${dash}-${gap}source: ${snippetEscape(yamlString(source.trim()))}${eol}${' '.repeat(p.keyCol)}target: $0${p.trailingEol ? eol : ''}`;
  const start = req.doc.positionAt(p.offset);
  return { range: { start, end: req.doc.positionAt(p.end) }, snippet };
}
