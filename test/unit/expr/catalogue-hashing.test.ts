import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, encode } from '../../../server/expr/catalogue/hashing';
import { assertFunctionError, call } from './catalogue-helpers';

const DOCUMENTED: Record<string, string> = {
  sha1: 'c3599c11e47719df18a2448690840c5dfcce3c80',
  sha256: '7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104',
  sha512: 'a3d7e45a0d9be5fd4e4b9a3b8c9c2163c21ef708bf11b4232bb21d2a8704ada2cdcd7b367dd0788a89a5c908cfe377aceb1072a7b386b7d4fd2ff68a8fd24d16',
  md5: 'd3b96ce8c9fb4e9bd0198d03ba6852c7',
  crc32: '8df92e80',
};

describe('hashing functions', () => {
  for (const [name, expected] of Object.entries(DOCUMENTED)) {
    it(`${name} matches the documented digest and handles null/bad input`, () => {
      assert.equal(call(name, 'my text', 'UTF-8'), expected);
      assert.equal(call(name, 'my text'), expected, 'UTF-8 is the default');
      assert.equal(call(name, 'my text', 'us-ascii'), expected, 'charset names are case-insensitive; ASCII text hashes alike');
      assert.notEqual(call(name, 'my text', 'UTF-16'), expected);
      assert.equal(call(name, null), null);
      assertFunctionError(() => call(name, 'my text', 'EBCDIC'), /unsupported charset "EBCDIC"/);
      assertFunctionError(() => call(name, ['x']), /INPUT must be a string/);
    });
  }

  it('encodes charsets like Java String.getBytes', () => {
    assert.deepEqual([...encode('t', 'é', 'UTF-8')], [0xc3, 0xa9]);
    assert.deepEqual([...encode('t', 'aé', 'UTF-16')], [0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9]);
    assert.deepEqual([...encode('t', 'é€', 'ISO-8859-1')], [0xe9, 0x3f]);
    assert.deepEqual([...encode('t', 'é😀', 'US-ASCII')], [0x3f, 0x3f]);
  });

  it('crc32 is the IEEE checksum', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(call('crc32', '123456789'), '2639f4cb');
  });
});
