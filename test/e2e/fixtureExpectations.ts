// Broken fixtures state the problems they must produce in two header comments:
//   # expect: code-a, code-b                  the codes (a set; other test rings read this line too)
//   # expect-at: code-a@12, code-b@15, code-b@18   every problem as code@line (1-based), duplicates included

const EXPECT_LINE = /^\s*#\s*expect:(.*)$/m;
const EXPECT_AT_LINE = /^\s*#\s*expect-at:(.*)$/m;
const PROBLEM_AT = /^([a-z0-9-]+)@([1-9][0-9]*)$/;

/** The codes a fixture's `# expect:` line lists, sorted and de-duplicated; undefined if it has none. */
export function expectedCodes(text: string): string[] | undefined {
  const match = EXPECT_LINE.exec(text);
  if (!match) return undefined;
  return uniqueSorted(match[1].split(',').map((code) => code.trim()).filter((code) => code !== ''));
}

/**
 * Every problem the `# expect-at:` line lists as `code@line`, sorted, duplicates kept (a multiset);
 * undefined if the fixture has no such line. Throws on an entry that is not `code@line`.
 */
export function expectedProblems(text: string): string[] | undefined {
  const match = EXPECT_AT_LINE.exec(text);
  if (!match) return undefined;
  const entries = match[1].split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    if (!PROBLEM_AT.test(entry)) throw new Error(`'# expect-at:' entry '${entry}' is not code@line`);
  }
  return sortedProblems(entries);
}

/** `code@line` (1-based) of a problem starting on the 0-based `line`. */
export function problemAt(code: string, line: number): string {
  return `${code}@${line + 1}`;
}

/** Sorted by line, then code; duplicates kept. */
export function sortedProblems(entries: readonly string[]): string[] {
  const lineOf = (entry: string) => Number(entry.slice(entry.lastIndexOf('@') + 1));
  return [...entries].sort((a, b) => lineOf(a) - lineOf(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
