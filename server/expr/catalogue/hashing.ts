/**
 * Hashing functions (reference/aep.md §2.4): hex digests of the input encoded in a charset,
 * encoded as Java's String.getBytes(charset) does (UTF-16 = big-endian with a BOM;
 * unmappable characters become '?').
 */
import { createHash } from 'node:crypto';
import type { FunctionSpec } from './spec';
import { optional, param } from './build';
import { arg, asString, fail, isNull } from './values';

export const CHARSETS: readonly string[] = ['UTF-8', 'UTF-16', 'ISO-8859-1', 'US-ASCII'];

const CHARSET_ALIASES: Readonly<Record<string, string>> = {
  'UTF-8': 'UTF-8', UTF8: 'UTF-8', 'UTF-16': 'UTF-16', UTF16: 'UTF-16',
  'ISO-8859-1': 'ISO-8859-1', ISO8859_1: 'ISO-8859-1', 'ISO_8859_1': 'ISO-8859-1', LATIN1: 'ISO-8859-1',
  'US-ASCII': 'US-ASCII', ASCII: 'US-ASCII',
};

/** Bytes of `s` in a single-byte charset whose code points stop at `max`. */
function singleByte(s: string, max: number): Buffer {
  const bytes: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes.push(cp <= max ? cp : 0x3f);
  }
  return Buffer.from(bytes);
}

export function encode(fn: string, s: string, charset: string): Buffer {
  const name = CHARSET_ALIASES[charset.toUpperCase()];
  switch (name) {
    case 'UTF-8': return Buffer.from(s, 'utf8');
    case 'UTF-16': {
      const le = Buffer.from(s, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'ISO-8859-1': return singleByte(s, 0xff);
    case 'US-ASCII': return singleByte(s, 0x7f);
    default: return fail(fn, `unsupported charset "${charset}" (use ${CHARSETS.join(', ')})`);
  }
}

/** CRC-32 (IEEE 802.3, as java.util.zip.CRC32). */
const CRC_TABLE: readonly number[] = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const EXAMPLES: Readonly<Record<string, string>> = {
  sha1: 'c3599c11e47719df18a2448690840c5dfcce3c80',
  sha256: '7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104',
  sha512: 'a3d7e45a0d9be5fd4e4b9a3b8c9c2163c21ef708bf11b4232bb21d2a8704ada2cdcd7b367dd0788a89a5c908cfe377aceb1072a7b386b7d4fd2ff68a8fd24d16',
  md5: 'd3b96ce8c9fb4e9bd0198d03ba6852c7',
  crc32: '8df92e80',
};

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  sha1: 'SHA-1 hash of the input, as lower-case hex.',
  sha256: 'SHA-256 hash of the input, as lower-case hex.',
  sha512: 'SHA-512 hash of the input, as lower-case hex.',
  md5: 'MD5 hash of the input, as lower-case hex.',
  crc32: 'CRC-32 checksum of the input, as 8 hex digits in little-endian byte order (as AEP prints it).',
};

function hashFunction(name: 'sha1' | 'sha256' | 'sha512' | 'md5' | 'crc32'): FunctionSpec {
  return {
    name,
    category: 'hashing',
    params: [
      param('INPUT', 'string', 'The plain text to hash.'),
      optional('CHARSET', 'string', 'How the text is encoded before hashing.', '"UTF-8"', { values: CHARSETS }),
    ],
    returns: 'string',
    doc: DESCRIPTIONS[name]!,
    examples: [{ call: `${name}("my text", "UTF-8")`, result: EXAMPLES[name]! }],
    pure: true,
    impl: (args) => {
      if (isNull(args[0])) return null;
      const charset = isNull(args[1]) ? 'UTF-8' : asString(name, 'CHARSET', arg(args, 1));
      const bytes = encode(name, asString(name, 'INPUT', arg(args, 0)), charset);
      if (name === 'crc32') {
        // AEP's documented crc32("my text") = 8df92e80 is the checksum 0x802ef98d with its bytes reversed.
        const out = Buffer.alloc(4);
        out.writeUInt32LE(crc32(bytes));
        return out.toString('hex');
      }
      return createHash(name).update(bytes).digest('hex');
    },
  };
}

export const hashingFunctions: readonly FunctionSpec[] = (['sha1', 'sha256', 'sha512', 'md5', 'crc32'] as const).map(hashFunction);
