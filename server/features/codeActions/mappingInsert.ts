/**
 * Appending new mapping items to `mappings:` in the file's own layout (the indentation
 * of its `-` and keys, its line endings). Used by the add-missing-mapping fixes and by
 * "Suggest mappings".
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { afterLine, columnOf, insert, itemLines, replace, yamlString, type FixContext } from './edits';

export interface MappingStub {
  kind: 'source' | 'expression' | 'value';
  /** the field, expression or constant, as the string it should read back as */
  text: string;
  target: string;
  /** a trailing `# …` comment on the first line */
  comment?: string;
}

interface Layout {
  offset: number;
  dashCol: number;
  keyCol: number;
  /** text before the first new item (a line break, or a new `mappings:` key) */
  prefix: string;
  /** edits needed before inserting, e.g. removing an empty `[]` */
  before: TextEdit[];
}

/** Edits that append `stubs` (after an optional heading comment); undefined when the list is in flow style. */
export function appendMappings(ctx: FixContext, stubs: readonly MappingStub[], heading?: string): TextEdit[] | undefined {
  if (stubs.length === 0) return undefined;
  const layout = layoutOf(ctx);
  if (!layout) return undefined;
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const dash = ' '.repeat(layout.dashCol);
  const keys = ' '.repeat(layout.keyCol);
  let out = layout.prefix;
  if (heading) out += `${dash}# ${heading}${eol}`;
  for (const s of stubs) {
    const value = s.kind === 'value' && s.text === 'null' ? 'null' : yamlString(s.text);
    out += `${dash}-${' '.repeat(Math.max(1, layout.keyCol - layout.dashCol - 1))}${s.kind}: ${value}${s.comment ? `  # ${s.comment}` : ''}${eol}`;
    out += `${keys}target: ${yamlString(s.target)}${eol}`;
  }
  return [...layout.before, insert(ctx, layout.offset, out)];
}

function layoutOf(ctx: FixContext): Layout | undefined {
  const { text, model } = ctx;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lastLine = (offset: number) => (offset === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '');
  if (model.mappings.length > 0) {
    const last = model.mappings[model.mappings.length - 1];
    const lastLines = itemLines(text, last.span);
    if (!lastLines) return undefined;
    const sample = model.mappings.find((m) => itemLines(text, m.span) && text[m.span.start] !== '{') ?? last;
    const sampleLines = itemLines(text, sample.span)!;
    const dashCol = text.indexOf('-', sampleLines.start) - sampleLines.start;
    const sameLine = !text.slice(sampleLines.start, sample.span.start).includes('\n');
    const keyCol = sameLine && text[sample.span.start] !== '{' ? columnOf(text, sample.span.start) : dashCol + 2;
    return { offset: lastLines.end, dashCol, keyCol, prefix: lastLine(lastLines.end), before: [] };
  }
  const key = model.mappingsKey;
  if (key) {
    const end = afterLine(text, key.end);
    const rest = text.slice(key.end, end);
    const m = /^(\s*:[ \t]*)(\[[ \t]*\])?[ \t]*(#.*)?\r?\n?$/.exec(rest);
    if (!m) return undefined;
    const before: TextEdit[] = [];
    if (m[2]) {
      const at = key.end + m[1].length;
      before.push(replace(ctx, { start: at, end: at + m[2].length }, ''));
    }
    const dashCol = columnOf(text, key.start) + 2;
    return { offset: end, dashCol, keyCol: dashCol + 2, prefix: lastLine(end), before };
  }
  return { offset: text.length, dashCol: 2, keyCol: 4, prefix: `${lastLine(text.length)}mappings:${eol}`, before: [] };
}
