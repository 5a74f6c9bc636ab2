/**
 * A strict JSON (RFC 8259) parser that keeps source offsets on every node, so schema
 * paths can point at their definitions and syntax errors get a span instead of a throw.
 * Hand-written rather than YAML-based: it is strict about JSON, and several times faster
 * on large schemas than building a YAML document.
 */
import type { Span } from '../util/problems';

interface NodeBase {
  /** offset of the first character of the value */
  start: number;
  /** offset just after the last character of the value */
  end: number;
}

export interface JsonMember {
  key: string;
  /** offset of the key's opening quote */
  keyStart: number;
  /** offset just after the key's closing quote */
  keyEnd: number;
  value: JsonNode;
}

export interface JsonObjectNode extends NodeBase {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonArrayNode extends NodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonStringNode extends NodeBase { kind: 'string'; value: string }
export interface JsonNumberNode extends NodeBase { kind: 'number'; value: number }
export interface JsonBooleanNode extends NodeBase { kind: 'boolean'; value: boolean }
export interface JsonNullNode extends NodeBase { kind: 'null'; value: null }

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

export interface JsonSyntaxError {
  message: string;
  span: Span;
}

export interface JsonParseResult {
  root?: JsonNode;
  error?: JsonSyntaxError;
}

const DEFAULT_MAX_DEPTH = 512;

/** Parses `text` as one JSON value. Never throws. */
export function parseJsonAst(text: string, maxDepth = DEFAULT_MAX_DEPTH): JsonParseResult {
  const parser = new JsonAstParser(text, maxDepth);
  try {
    return { root: parser.parseDocument() };
  } catch (e) {
    if (e instanceof JsonSyntaxFailure) return { error: { message: e.message, span: e.span } };
    return { error: { message: `Cannot parse JSON: ${String(e)}`, span: { start: 0, end: 0 } } };
  }
}

/** The last member named `key` (JSON.parse semantics for duplicate keys). */
export function member(node: JsonObjectNode, key: string): JsonNode | undefined {
  const members = node.members;
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i]!;
    if (m.key === key) return m.value;
  }
  return undefined;
}

class JsonSyntaxFailure extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

const CH_QUOTE = 34;
const CH_BACKSLASH = 92;
const CH_COMMA = 44;
const CH_COLON = 58;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_MINUS = 45;
const CH_PLUS = 43;
const CH_DOT = 46;
const CH_0 = 48;
const CH_9 = 57;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

class JsonAstParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string, private readonly maxDepth: number) {}

  parseDocument(): JsonNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipWhitespace();
    if (this.pos >= this.text.length) throw new JsonSyntaxFailure('The text is empty; expected a JSON value.', { start: 0, end: 0 });
    const root = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      throw new JsonSyntaxFailure('Unexpected content after the JSON value.', { start: this.pos, end: this.trimmedEnd() });
    }
    return root;
  }

  private parseValue(): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === CH_LBRACE) return this.parseObject();
    if (c === CH_LBRACKET) return this.parseArray();
    if (c === CH_QUOTE) {
      const start = this.pos;
      const value = this.parseString();
      return { kind: 'string', start, end: this.pos, value };
    }
    if (c === CH_MINUS || (c >= CH_0 && c <= CH_9)) return this.parseNumber();
    const start = this.pos;
    if (this.text.startsWith('true', start)) { this.pos += 4; return { kind: 'boolean', start, end: this.pos, value: true }; }
    if (this.text.startsWith('false', start)) { this.pos += 5; return { kind: 'boolean', start, end: this.pos, value: false }; }
    if (this.text.startsWith('null', start)) { this.pos += 4; return { kind: 'null', start, end: this.pos, value: null }; }
    throw this.unexpected('a JSON value');
  }

  private parseObject(): JsonObjectNode {
    const start = this.pos;
    this.enter();
    this.pos++;
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_RBRACE) {
      this.pos++;
      this.depth--;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== CH_QUOTE) {
        if (members.length > 0 && this.text.charCodeAt(this.pos) === CH_RBRACE) {
          const comma = this.lastCommaBefore(this.pos);
          throw new JsonSyntaxFailure('A trailing comma is not allowed in JSON.', { start: comma, end: comma + 1 });
        }
        throw this.unexpected('a property name in double quotes');
      }
      const keyStart = this.pos;
      const key = this.parseString();
      const keyEnd = this.pos;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== CH_COLON) throw this.unexpected("':' after the property name");
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue();
      members.push({ key, keyStart, keyEnd, value });
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CH_COMMA) { this.pos++; continue; }
      if (c === CH_RBRACE) { this.pos++; break; }
      throw this.unexpected("',' or '}'");
    }
    this.depth--;
    return { kind: 'object', start, end: this.pos, members };
  }

  private parseArray(): JsonArrayNode {
    const start = this.pos;
    this.enter();
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_RBRACKET) {
      this.pos++;
      this.depth--;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.skipWhitespace();
      if (items.length > 0 && this.text.charCodeAt(this.pos) === CH_RBRACKET) {
        const comma = this.lastCommaBefore(this.pos);
        throw new JsonSyntaxFailure('A trailing comma is not allowed in JSON.', { start: comma, end: comma + 1 });
      }
      items.push(this.parseValue());
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CH_COMMA) { this.pos++; continue; }
      if (c === CH_RBRACKET) { this.pos++; break; }
      throw this.unexpected("',' or ']'");
    }
    this.depth--;
    return { kind: 'array', start, end: this.pos, items };
  }

  /** Parses a string token at `pos` (which holds the opening quote); leaves `pos` after it. */
  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let chunkStart = i;
    let out = '';
    for (;;) {
      if (i >= text.length) throw this.unterminatedString(start);
      const c = text.charCodeAt(i);
      if (c === CH_QUOTE) break;
      if (c < 0x20) {
        if (c === 10 || c === 13) throw this.unterminatedString(start);
        throw new JsonSyntaxFailure('A control character must be escaped inside a JSON string.', { start: i, end: i + 1 });
      }
      if (c === CH_BACKSLASH) {
        out += text.slice(chunkStart, i);
        const e = text[i + 1];
        if (e === undefined) throw this.unterminatedString(start);
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            throw new JsonSyntaxFailure('Invalid \\u escape: expected four hex digits.', { start: i, end: Math.min(i + 6, text.length) });
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          throw new JsonSyntaxFailure(`Invalid escape '\\${e}' in a JSON string.`, { start: i, end: i + 2 });
        }
        chunkStart = i;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return chunkStart === start + 1 ? text.slice(chunkStart, i) : out + text.slice(chunkStart, i);
  }

  private parseNumber(): JsonNumberNode {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === CH_MINUS) i++;
    const intStart = i;
    i = this.digits(i);
    if (i === intStart) throw this.numberError(start, i);
    if (text.charCodeAt(intStart) === CH_0 && i - intStart > 1) {
      throw new JsonSyntaxFailure('Leading zeros are not allowed in JSON numbers.', { start, end: i });
    }
    if (text.charCodeAt(i) === CH_DOT) {
      const fracStart = ++i;
      i = this.digits(i);
      if (i === fracStart) throw this.numberError(start, i);
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === CH_PLUS || sign === CH_MINUS) i++;
      const expStart = i;
      i = this.digits(i);
      if (i === expStart) throw this.numberError(start, i);
    }
    this.pos = i;
    return { kind: 'number', start, end: i, value: Number(text.slice(start, i)) };
  }

  private digits(from: number): number {
    let i = from;
    for (let c = this.text.charCodeAt(i); c >= CH_0 && c <= CH_9; c = this.text.charCodeAt(i)) i++;
    return i;
  }

  private numberError(start: number, at: number): JsonSyntaxFailure {
    return new JsonSyntaxFailure('Invalid number.', { start, end: Math.min(this.text.length, Math.max(at + 1, start + 1)) });
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(i)) i++;
    this.pos = i;
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) {
      throw new JsonSyntaxFailure(`JSON is nested more than ${this.maxDepth} levels deep.`, { start: this.pos, end: this.pos + 1 });
    }
  }

  private unexpected(expected: string): JsonSyntaxFailure {
    if (this.pos >= this.text.length) {
      const last = this.trimmedEnd();
      return new JsonSyntaxFailure(`Unexpected end of JSON; expected ${expected}.`, { start: Math.max(0, last - 1), end: last });
    }
    const ch = this.text[this.pos]!;
    const shown = ch === '\n' || ch === '\r' ? 'line break' : `'${ch}'`;
    return new JsonSyntaxFailure(`Unexpected ${shown}; expected ${expected}.`, { start: this.pos, end: this.pos + 1 });
  }

  private unterminatedString(start: number): JsonSyntaxFailure {
    let end = start + 1;
    while (end < this.text.length && this.text[end] !== '\n' && this.text[end] !== '\r') end++;
    return new JsonSyntaxFailure('Unterminated string.', { start, end });
  }

  private lastCommaBefore(offset: number): number {
    const comma = this.text.lastIndexOf(',', offset);
    return comma >= 0 ? comma : offset;
  }

  /** offset after the last non-whitespace character */
  private trimmedEnd(): number {
    let end = this.text.length;
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }
}
