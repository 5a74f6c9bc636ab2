/**
 * Salesforce record ids: a 3-character key prefix, a 2-character pod, a zero filler and a base-62
 * counter make the 15-character case-sensitive id; three checksum characters make it 18 and
 * case-insensitive. Base-62 digits are in ASCII order, so ids of one object sort like their row index.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const COUNTER_WIDTH = 9;
const POD = '8d';

/** The three characters that turn a 15-character id into its 18-character form. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id15: string): string {
  return id15.length === 18 ? id15 : id15 + idChecksum(id15);
}

/** The 18-character id of row `index` of the object with `keyPrefix`. */
export function recordId(keyPrefix: string, index: number): string {
  let counter = '';
  let n = index + 1;
  while (n > 0) {
    counter = BASE62[n % 62] + counter;
    n = Math.floor(n / 62);
  }
  const id15 = keyPrefix + POD + '0' + counter.padStart(COUNTER_WIDTH, '0');
  return id15 + idChecksum(id15);
}

/**
 * `recordId` for one key prefix, faster for runs of nearby indexes: all but the last two counter
 * digits are kept from the previous call (they change once every 3,844 rows).
 */
const MAX_FIXED_COUNTER = 62 ** COUNTER_WIDTH;

export class RecordIdSequence {
  private high = -1;
  /** the id's first 13 characters */
  private head = '';
  /** checksum characters of the first two 5-character chunks (fixed by the head) */
  private headChecksum = '';
  /** uppercase bits of id characters 10–12, the head's part of the third chunk */
  private headBits = 0;

  constructor(private readonly keyPrefix: string) {}

  id(index: number): string {
    const n = index + 1;
    if (n >= MAX_FIXED_COUNTER) return recordId(this.keyPrefix, index);
    const low = n % 3844;
    const high = (n - low) / 3844;
    if (high !== this.high) this.setHead(high);
    const d1 = Math.floor(low / 62);
    const d2 = low % 62;
    const bits = this.headBits | (isUpperDigit(d1) ? 8 : 0) | (isUpperDigit(d2) ? 16 : 0);
    return this.head + BASE62[d1] + BASE62[d2] + this.headChecksum + CHECKSUM_ALPHABET[bits];
  }

  private setHead(high: number): void {
    this.high = high;
    let digits = '';
    for (let h = high; h > 0; h = Math.floor(h / 62)) digits = BASE62[h % 62] + digits;
    this.head = this.keyPrefix + POD + '0' + digits.padStart(COUNTER_WIDTH - 2, '0');
    this.headChecksum = idChecksum(this.head + '00').slice(0, 2);
    let bits = 0;
    for (let i = 0; i < 3; i++) {
      const c = this.head.charCodeAt(10 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    this.headBits = bits;
  }
}

/** Base-62 digits 10–35 are the uppercase letters. */
function isUpperDigit(digit: number): boolean {
  return digit >= 10 && digit < 36;
}

export interface DecodedId {
  keyPrefix: string;
  index: number;
}

/** Reverses `recordId`; accepts 15- or 18-character ids and returns null for anything else. */
export function decodeRecordId(id: string): DecodedId | null {
  if (id.length !== 15 && id.length !== 18) return null;
  const id15 = id.slice(0, 15);
  if (id.length === 18 && idChecksum(id15).toUpperCase() !== id.slice(15).toUpperCase()) return null;
  if (id15.slice(3, 6) !== POD + '0') return null;
  let n = 0;
  for (const ch of id15.slice(6)) {
    const digit = BASE62.indexOf(ch);
    if (digit < 0) return null;
    n = n * 62 + digit;
  }
  if (n < 1) return null;
  return { keyPrefix: id15.slice(0, 3), index: n - 1 };
}

/** Normalises an id literal for comparison: the 15-character, case-sensitive form. */
export function id15Of(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}
