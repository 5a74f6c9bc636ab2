// Broken fixtures state the problem codes they must produce in a comment: `# expect: code-a, code-b`.

const EXPECT_LINE = /^\s*#\s*expect:(.*)$/m;

/** The codes a fixture's `# expect:` line lists, sorted and de-duplicated; undefined if it has none. */
export function expectedCodes(text: string): string[] | undefined {
  const match = EXPECT_LINE.exec(text);
  if (!match) return undefined;
  return uniqueSorted(match[1].split(',').map((code) => code.trim()).filter((code) => code !== ''));
}

export function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
