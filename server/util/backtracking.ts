/**
 * A cheap guard against catastrophic backtracking: JS regexes have no time limit, so a
 * pattern from a user's schema tested against a value the user types could stall the
 * server for minutes. A pattern is refused when a quantified group contains a quantifier
 * or an alternation (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`), the shape behind exponential
 * blow-ups. It errs on the side of refusing: a refused pattern is simply not tried.
 */
export function mayBacktrackBadly(pattern: string): boolean {
  // per open group: whether it holds a quantifier or an alternation so far
  const groups: boolean[] = [];
  let lastGroupRisky = false;
  let afterGroup = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const wasAfterGroup = afterGroup;
    afterGroup = false;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // a character class: skip to its unescaped end
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      continue;
    }
    if (c === ')') {
      lastGroupRisky = groups.pop() ?? false;
      if (lastGroupRisky && groups.length) groups[groups.length - 1] = true;
      afterGroup = true;
      continue;
    }
    const quantifier = c === '*' || c === '+' || (c === '{' && /^\{\d*,?\d*\}/.test(pattern.slice(i)));
    if (quantifier) {
      if (wasAfterGroup && lastGroupRisky && repeatsMoreThanOnce(pattern, i)) return true;
      if (groups.length && repeatsMoreThanOnce(pattern, i)) groups[groups.length - 1] = true;
      continue;
    }
    if (c === '|' && groups.length) groups[groups.length - 1] = true;
  }
  return false;
}

/** `*`, `+`, `{n,}` and `{n,m}` with m > 1 repeat; `{0,1}` and `{1}` do not. */
function repeatsMoreThanOnce(pattern: string, at: number): boolean {
  if (pattern[at] !== '{') return true;
  const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(at));
  if (!m) return true;
  if (!m[2]) return Number(m[1]) > 1;
  return m[3] === '' || Number(m[3]) > 1;
}
