/**
 * Tokenizer for Data Prep expressions (JEXL-like, reference/aep.md §2.3). It never
 * throws: malformed input becomes tokens carrying an `issue` the parser reports.
 * Offsets are UTF-16 code units into the expression text, like every Span.
 */
import type { Span } from '../util/problems';

export type TokenKind =
  | 'identifier' // bare name, `a\.b` escapes already removed from `value`
  | 'quotedName' // ${Odd Name}, ${Account.Name}
  | 'string'
  | 'number'
  | 'keyword' // true, false, null and the other reserved words that are not operators
  | 'operator' // + - * / % == != < <= > >= && || ! and the word forms (value is canonical)
  | 'punctuation' // ( ) [ ] , . ? :
  | 'invalid'
  | 'eof';

export interface TokenIssue {
  code: 'expr-syntax' | 'expr-unterminated';
  message: string;
}

/** A segment of a `${...}` name: the unescaped text and where it is written. */
export interface NameSegment {
  name: string;
  span: Span;
}

/** `${NAME}` written inside a string literal, substituted at run time. */
export interface TemplateVariable {
  name: string;
  /** where `${NAME}` is written, in expression offsets */
  span: Span;
  /** where it sits in the unescaped string value: value.slice(valueStart, valueEnd) === '${NAME}' */
  valueStart: number;
  valueEnd: number;
}

export interface Token {
  kind: TokenKind;
  span: Span;
  /** the source text of the token */
  text: string;
  /**
   * identifier: the unescaped name; quotedName: the unescaped content; string: the unescaped
   * value; operator: the canonical symbol (`and` → `&&`, `eq` → `==`); otherwise the text.
   */
  value: string;
  /** number tokens */
  number?: number;
  /** quotedName tokens: the path segments (split at unescaped dots) */
  segments?: NameSegment[];
  /** string tokens: ${NAME} occurrences */
  variables?: TemplateVariable[];
  issue?: TokenIssue;
}

/** JEXL 3 keywords plus `_errors` (reference/aep.md §2.3): a field of that name needs ${...}. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'new', 'mod', 'or', 'break', 'var', 'lt', 'for', 'false', 'while', 'eq', 'gt', 'div', 'not', 'null',
  'continue', 'else', 'and', 'ne', 'true', 'le', 'if', 'ge', 'return', '_errors', 'do', 'function',
  'empty', 'size',
]);

/** Word operators and the symbol each stands for. */
export const WORD_OPERATORS: Readonly<Record<string, string>> = {
  and: '&&', or: '||', not: '!', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', div: '/', mod: '%',
};

const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPERATORS = new Set(['+', '-', '*', '/', '%', '<', '>', '!']);
const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.', '?', ':']);
/** Single characters that are almost certainly a typo for a two-character operator. */
const MISTYPED_OPERATORS: Readonly<Record<string, { canonical: string; message: string }>> = {
  '=': { canonical: '==', message: 'Use == to compare values; = is not an operator here.' },
  '&': { canonical: '&&', message: 'Use && (or and) for a logical and.' },
  '|': { canonical: '||', message: 'Use || (or or) for a logical or.' },
};

const IDENT_START = /[\p{L}$_]/u;
const IDENT_PART = /[\p{L}\p{N}\p{Mn}\p{Mc}$_]/u;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff';
}

/** The code point starting at i as a string (one or two UTF-16 units). */
function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Splits `text` into tokens; the last token is always `eof`. */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  run(): Token[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (isWhitespace(c)) {
        this.pos++;
        continue;
      }
      this.next(c);
    }
    this.tokens.push({ kind: 'eof', span: { start: text.length, end: text.length }, text: '', value: '' });
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, value: string, extra?: Partial<Token>): void {
    const token: Token = { kind, span: { start, end: this.pos }, text: this.text.slice(start, this.pos), value, ...extra };
    this.tokens.push(token);
  }

  private next(c: string): void {
    const { text } = this;
    const start = this.pos;
    const two = text.slice(start, start + 2);
    if (c === '"' || c === "'") return this.string(c);
    if (two === '${') return this.quotedName();
    if (isDigit(c)) return this.number();
    if (IDENT_START.test(codePointAt(text, start))) return this.identifier();
    if (TWO_CHAR_OPERATORS.has(two)) {
      this.pos += 2;
      return this.push('operator', start, two);
    }
    if (ONE_CHAR_OPERATORS.has(c)) {
      this.pos++;
      return this.push('operator', start, c);
    }
    if (PUNCTUATION.has(c)) {
      this.pos++;
      return this.push('punctuation', start, c);
    }
    const mistyped = Object.hasOwn(MISTYPED_OPERATORS, c) ? MISTYPED_OPERATORS[c] : undefined;
    if (mistyped) {
      this.pos++;
      return this.push('operator', start, mistyped.canonical, { issue: { code: 'expr-syntax', message: mistyped.message } });
    }
    this.invalid();
  }

  /** A run of characters that cannot start any token, reported once. */
  private invalid(): void {
    const { text } = this;
    const start = this.pos;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (this.pos > start && (isWhitespace(c) || this.canStartToken(this.pos))) break;
      this.pos += codePointAt(text, this.pos).length || 1;
    }
    const shown = text.slice(start, Math.min(this.pos, start + 20));
    this.push('invalid', start, text.slice(start, this.pos), {
      issue: { code: 'expr-syntax', message: `Unexpected character${this.pos - start > 1 ? 's' : ''} '${shown}'.` },
    });
  }

  private canStartToken(i: number): boolean {
    const { text } = this;
    const c = text[i]!;
    return (
      c === '"' || c === "'" || isDigit(c) || IDENT_START.test(codePointAt(text, i)) || ONE_CHAR_OPERATORS.has(c) ||
      PUNCTUATION.has(c) || Object.hasOwn(MISTYPED_OPERATORS, c)
    );
  }

  private identifier(): void {
    const { text } = this;
    const start = this.pos;
    let value = '';
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '\\') {
        // `a\.b`: the escaped character belongs to the name (reference/aep.md §2.3)
        const escaped = text[this.pos + 1];
        if (escaped === undefined || isWhitespace(escaped)) break;
        const cp = codePointAt(text, this.pos + 1);
        value += cp;
        this.pos += 1 + cp.length;
        continue;
      }
      if (c === '$' && text[this.pos + 1] === '{') break;
      const cp = codePointAt(text, this.pos);
      if (!IDENT_PART.test(cp)) break;
      value += cp;
      this.pos += cp.length;
    }
    const written = text.slice(start, this.pos) === value;
    // own keys only: `constructor` is a field name, not Object.prototype.constructor
    if (written && Object.hasOwn(WORD_OPERATORS, value)) return this.push('operator', start, WORD_OPERATORS[value]!);
    if (written && RESERVED_WORDS.has(value)) return this.push('keyword', start, value);
    this.push('identifier', start, value);
  }

  private number(): void {
    const { text } = this;
    const start = this.pos;
    while (isDigit(text[this.pos])) this.pos++;
    if (text[this.pos] === '.' && isDigit(text[this.pos + 1])) {
      this.pos++;
      while (isDigit(text[this.pos])) this.pos++;
    }
    const e = text[this.pos];
    if (e === 'e' || e === 'E') {
      const sign = text[this.pos + 1] === '+' || text[this.pos + 1] === '-' ? 1 : 0;
      if (isDigit(text[this.pos + 1 + sign])) {
        this.pos += 1 + sign;
        while (isDigit(text[this.pos])) this.pos++;
      }
    }
    const numeric = text.slice(start, this.pos);
    // `12abc`, `0x1F`: one bad token rather than a number followed by a field
    const tailStart = this.pos;
    while (this.pos < text.length && IDENT_PART.test(codePointAt(text, this.pos))) this.pos += codePointAt(text, this.pos).length;
    const issue: TokenIssue | undefined =
      this.pos > tailStart ? { code: 'expr-syntax', message: `'${text.slice(start, this.pos)}' is not a valid number.` } : undefined;
    this.push('number', start, numeric, issue ? { number: Number(numeric), issue } : { number: Number(numeric) });
  }

  private string(quote: string): void {
    const { text } = this;
    const start = this.pos;
    this.pos++;
    let value = '';
    const variables: TemplateVariable[] = [];
    let terminated = false;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === quote) {
        this.pos++;
        terminated = true;
        break;
      }
      if (c === '\\') {
        value += this.escape();
        continue;
      }
      if (c === '$' && text[this.pos + 1] === '{') {
        const variable = this.templateVariable(quote, value.length);
        if (variable) {
          variables.push(variable);
          value += '${' + variable.name + '}';
          continue;
        }
      }
      value += c;
      this.pos++;
    }
    const extra: Partial<Token> = {};
    if (variables.length > 0) extra.variables = variables;
    if (!terminated) extra.issue = { code: 'expr-unterminated', message: `The string starting here is not closed with ${quote}.` };
    this.push('string', start, value, extra);
  }

  /** Reads `\x` at pos and returns the character it stands for. */
  private escape(): string {
    const { text } = this;
    const next = text[this.pos + 1];
    if (next === undefined) {
      this.pos++;
      return '\\';
    }
    if (next === 'u') {
      const hex = text.slice(this.pos + 2, this.pos + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.pos += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    const cp = codePointAt(text, this.pos + 1);
    this.pos += 1 + cp.length;
    return Object.hasOwn(SIMPLE_ESCAPES, cp) ? SIMPLE_ESCAPES[cp]! : cp;
  }

  /** `${NAME}` inside a string at pos; undefined (and pos unchanged) when it is not one. */
  private templateVariable(quote: string, valueStart: number): TemplateVariable | undefined {
    const { text } = this;
    const start = this.pos;
    let end = start + 2;
    while (end < text.length && text[end] !== '}' && text[end] !== quote && text[end] !== '\\' && text[end] !== '\n') end++;
    if (text[end] !== '}') return undefined;
    const name = text.slice(start + 2, end);
    if (!VARIABLE_NAME.test(name)) return undefined;
    this.pos = end + 1;
    return { name, span: { start, end: end + 1 }, valueStart, valueEnd: valueStart + name.length + 3 };
  }

  /** `${Odd Name}`, `${First\.Name}`, `${Account.Name}`: unescaped dots separate segments. */
  private quotedName(): void {
    const { text } = this;
    const start = this.pos;
    this.pos += 2;
    let value = '';
    let segment = '';
    let segmentStart = this.pos;
    const segments: NameSegment[] = [];
    let terminated = false;
    while (this.pos < text.length) {
      const c = text[this.pos]!;
      if (c === '}') {
        segments.push({ name: segment, span: { start: segmentStart, end: this.pos } });
        this.pos++;
        terminated = true;
        break;
      }
      if (c === '\n' || c === '\r') break;
      if (c === '\\' && this.pos + 1 < text.length && text[this.pos + 1] !== '\n') {
        const cp = codePointAt(text, this.pos + 1);
        value += cp;
        segment += cp;
        this.pos += 1 + cp.length;
        continue;
      }
      if (c === '.') {
        segments.push({ name: segment, span: { start: segmentStart, end: this.pos } });
        segment = '';
        value += c;
        this.pos++;
        segmentStart = this.pos;
        continue;
      }
      value += c;
      segment += c;
      this.pos++;
    }
    if (!terminated) {
      segments.push({ name: segment, span: { start: segmentStart, end: this.pos } });
      this.push('quotedName', start, value, {
        segments,
        issue: { code: 'expr-unterminated', message: 'The field name starting with ${ is not closed with }.' },
      });
      return;
    }
    this.push('quotedName', start, value, { segments });
  }
}
