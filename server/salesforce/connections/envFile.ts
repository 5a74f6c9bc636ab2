/**
 * `.crmflow.env`: a git-ignored `KEY=VALUE` file at the project root holding CLI secrets.
 * The dialect is the common dotenv one: `#` comments, optional `export `, single quotes
 * taken literally, double quotes with `\n`, `\"` and `\\` escapes (for PEM keys).
 */

export const ENV_FILE_NAME = '.crmflow.env';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return raw.slice(1, -1).replace(/\\(n|r|t|"|\\)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
  }
  const comment = raw.search(/\s#/);
  return comment >= 0 ? raw.slice(0, comment).trimEnd() : raw;
}

/** Parses the file text; malformed lines are skipped (their line numbers are returned, never their text). */
export function parseEnvFile(text: string): { values: Map<string, string>; badLines: number[] } {
  const values = new Map<string, string>();
  const badLines: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) {
      badLines.push(i + 1);
      return;
    }
    values.set(m[1], unquote(m[2]));
  });
  return { values, badLines };
}

function quoteValue(value: string): string {
  if (/^[A-Za-z0-9_./:@+-]*$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/** The file text with `key` set to `value`: the existing line is replaced, or one is appended. */
export function setEnvFileValue(text: string, key: string, value: string): string {
  const line = `${key}=${quoteValue(value)}`;
  const lines = text.length ? text.split(/\r?\n/) : [];
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const at = lines.findIndex((l) => LINE.exec(l)?.[1] === key);
  if (at >= 0) lines[at] = line;
  else lines.push(line);
  return lines.join('\n') + '\n';
}
