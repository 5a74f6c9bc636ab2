/**
 * Java regular expressions (what AEP evaluates) translated to JS RegExp. Common Java-only
 * syntax is rewritten: leading inline flags (?i)(?s)(?m), \A \Z \z, \Q…\E, POSIX classes
 * \p{Alpha} …, possessive quantifiers and atomic groups (run greedy: same matches except in
 * rare backtracking cases), \h \R \e \a. What cannot be expressed (scoped flags, class
 * intersection &&, nested classes) is an error, so authoring time can report it.
 */

export type CompiledRegex = { readonly ok: true; readonly source: string; readonly flags: string } | { readonly ok: false; readonly error: string };

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z', Upper: 'A-Z', ASCII: '\\x00-\\x7F', Alpha: 'a-zA-Z', Digit: '0-9', Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~', Graph: '!-~', Print: ' -~', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F', XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r', javaLowerCase: 'a-z', javaUpperCase: 'A-Z', javaWhitespace: ' \\t\\n\\x0B\\f\\r',
};

/** Unicode properties Java writes differently from JS (\p{IsL} → \p{L}, \p{Lu} stays). */
function unicodeProperty(name: string): string | undefined {
  const n = name.replace(/^Is/, '');
  if (/^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn)$/.test(n)) return n;
  if (n === 'Alphabetic') return 'Alphabetic';
  if (n === 'Letter') return 'L';
  if (n === 'Digit') return 'Nd';
  if (n === 'White_Space' || n === 'WhiteSpace') return 'White_Space';
  return undefined;
}

const SYNTAX_CHARS = new Set([...'^$\\.*+?()[]{}|/']);
const escapeLiteral = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export function translateJavaRegex(pattern: string): CompiledRegex {
  let flags = '';
  let src = pattern;
  // Leading inline flags, possibly several: (?i)(?s) or (?is).
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(src);
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'x') return { ok: false, error: 'the (?x) comments flag is not supported' };
      if (!flags.includes(f)) flags += f;
    }
    src = src.slice(m[0].length);
  }
  let out = '';
  let unicode = false;
  let inClass = false;
  let i = 0;
  // Whether the last thing emitted outside a class was a quantifier (for possessive a*+).
  let afterQuantifier = false;
  while (i < src.length) {
    const c = src[i]!;
    const wasQuantifier = afterQuantifier;
    afterQuantifier = false;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) return { ok: false, error: 'the pattern ends with a lone backslash' };
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const literal = src.slice(i + 2, end === -1 ? src.length : end);
        out += escapeLiteral(literal);
        i = end === -1 ? src.length : end + 2;
        continue;
      }
      if (n === 'p' || n === 'P') {
        const m = /^\{(\w+)\}/.exec(src.slice(i + 2)) ?? /^(\w)/.exec(src.slice(i + 2));
        if (!m) return { ok: false, error: `malformed \\${n} property` };
        const name = m[1]!;
        const posix = POSIX[name] ?? POSIX[name.replace(/^Is/, '')];
        const negate = n === 'P';
        if (posix !== undefined) {
          if (inClass) {
            if (negate) return { ok: false, error: `\\P{${name}} inside a character class is not supported` };
            out += posix;
          } else out += negate ? `[^${posix}]` : `[${posix}]`;
        } else {
          const prop = unicodeProperty(name);
          if (!prop) return { ok: false, error: `unknown character property \\${n}{${name}}` };
          unicode = true;
          out += `\\${n}{${prop}}`;
        }
        i += 2 + m[0].length;
        continue;
      }
      const simple: Record<string, string> = {
        A: '^', z: '$', Z: '(?=\\n?$)', h: '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]',
        R: '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])', e: '\\x1B', a: '\\x07',
      };
      const mapped = simple[n];
      if (mapped !== undefined && !(inClass && (n === 'A' || n === 'z' || n === 'Z' || n === 'R'))) {
        out += inClass && n === 'h' ? mapped.slice(1, -1) : mapped;
        i += 2;
        continue;
      }
      if (/[A-Za-z0-9]/.test(n)) {
        out += '\\' + n;
      } else {
        // Java allows escaping any punctuation; keep only escapes JS (in u-mode too) accepts.
        out += SYNTAX_CHARS.has(n) || (inClass && n === '-') ? '\\' + n : n;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') return { ok: false, error: 'nested character classes are not supported' };
      if (c === '&' && src[i + 1] === '&') return { ok: false, error: 'character class intersection (&&) is not supported' };
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (src[i] === '^') { out += '^'; i++; }
      // A ']' right after '[' or '[^' is a literal in Java.
      if (src[i] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      if (src[i + 2] === '>') { out += '(?:'; i += 3; continue; }
      const scoped = /^\(\?[imsxdu-]+[:)]/.exec(src.slice(i));
      if (scoped) return { ok: false, error: 'inline flags are supported only at the start of the pattern' };
      out += '(?';
      i += 2;
      continue;
    }
    if (wasQuantifier && c === '+') { i++; continue; } // possessive → greedy
    if (wasQuantifier && c === '?') { out += c; i++; continue; } // lazy
    const bounds = c === '{' ? /^\{\d+(,\d*)?\}/.exec(src.slice(i)) : null;
    if (bounds) {
      out += bounds[0];
      i += bounds[0].length;
      afterQuantifier = true;
      continue;
    }
    afterQuantifier = c === '*' || c === '+' || c === '?';
    out += c;
    i++;
  }
  if (inClass) return { ok: false, error: 'unclosed character class' };
  if (unicode) flags += 'u';
  try {
    new RegExp(out, flags);
  } catch (e) {
    return { ok: false, error: (e as Error).message.replace(/^Invalid regular expression: /, '') };
  }
  return { ok: true, source: out, flags };
}

/** undefined when `pattern` is a usable (Java) regex, otherwise why not. */
export function isValidRegex(pattern: string): string | undefined {
  const r = translateJavaRegex(pattern);
  return r.ok ? undefined : r.error;
}

/** Java's String.split(regex, limit): limit -1 keeps trailing empty parts, 0 drops them. */
export function javaSplit(input: string, source: string, flags: string, keepTrailing: boolean): string[] {
  const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
  const parts: string[] = [];
  let last = 0;
  let matched = false;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      // Java never yields a leading empty part from a zero-width match at the start.
      if (m.index === 0) continue;
    }
    matched = true;
    parts.push(input.slice(last, m.index));
    last = m.index + m[0].length;
  }
  if (!matched) return [input];
  parts.push(input.slice(last));
  if (!keepTrailing) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
