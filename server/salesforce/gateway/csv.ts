/**
 * A streaming RFC 4180 parser for Bulk API 2.0 results: chunks in, rows out, never the
 * whole text in memory. Quoted fields may hold delimiters, CR/LF and doubled quotes;
 * rows end in LF or CRLF. A row split across chunks is re-read when the rest arrives
 * (a row is small, so this costs little and keeps the fast path simple).
 */
import { StringDecoder } from 'node:string_decoder';

export class CsvError extends Error {
  constructor(message: string, readonly row: number) {
    super(`malformed CSV at row ${row}: ${message}`);
    this.name = 'CsvError';
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvParser {
  private carry = '';
  private rows = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly delimiter: number;

  constructor(private readonly onRow: (cells: string[]) => void, delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error('the delimiter must be one character other than a quote or line break');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** rows emitted so far */
  get rowCount(): number {
    return this.rows;
  }

  push(chunk: string | Buffer): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (!text) return;
    this.parse(this.carry ? this.carry + text : text, false);
  }

  /** Parses what is left; throws CsvError when the text ends inside a quoted field. */
  end(): void {
    const rest = this.decoder.end();
    this.parse(this.carry + rest, true);
    this.carry = '';
  }

  private parse(text: string, final: boolean): void {
    const length = text.length;
    let pos = 0;
    while (pos < length) {
      const next = this.row(text, pos, final);
      if (next < 0) break;
      pos = next;
    }
    this.carry = pos < length ? text.slice(pos) : '';
    if (final && this.carry) throw new CsvError('the text ends inside a quoted field', this.rows + 1);
  }

  /** Parses one row starting at `pos`; returns the position after it, or -1 when it is incomplete. */
  private row(text: string, start: number, final: boolean): number {
    const length = text.length;
    const delimiter = this.delimiter;
    const cells: string[] = [];
    let pos = start;
    // A bare line break is an empty line: skipped.
    const first = text.charCodeAt(pos);
    if (first === LF) return pos + 1;
    if (first === CR) {
      if (pos + 1 >= length) return final ? length : -1;
      if (text.charCodeAt(pos + 1) === LF) return pos + 2;
    }
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        let from = pos + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return -1;
          if (q + 1 >= length && !final) return -1;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          pos = q + 1;
          break;
        }
      } else {
        let end = pos;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c === delimiter || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvError('a quote inside an unquoted field', this.rows + 1);
          end++;
        }
        if (end >= length && !final) return -1;
        value = text.slice(pos, end);
        pos = end;
      }
      cells.push(value);
      if (pos >= length) {
        if (!final) return -1;
        this.emit(cells);
        return length;
      }
      const c = text.charCodeAt(pos);
      if (c === delimiter) {
        pos++;
        if (pos >= length && !final) return -1;
        continue;
      }
      if (c === LF) {
        this.emit(cells);
        return pos + 1;
      }
      if (c === CR) {
        if (pos + 1 >= length) {
          if (!final) return -1;
          this.emit(cells);
          return length;
        }
        if (text.charCodeAt(pos + 1) !== LF) throw new CsvError('a carriage return without a line feed', this.rows + 1);
        this.emit(cells);
        return pos + 2;
      }
      throw new CsvError(`unexpected '${text[pos]}' after a quoted field`, this.rows + 1);
    }
  }

  private emit(cells: string[]): void {
    this.rows++;
    this.onRow(cells);
  }
}
