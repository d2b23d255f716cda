// The hand-written SHA-256 must agree with the standard's vectors and with Node's crypto on any text.
import { createHash } from 'crypto';
import { hexFromBytes, sha256Hex, utf8Bytes } from '../../src/domain/sha256';

const nodeSha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  // Vectors from FIPS 180-4 examples and sha256sum (coreutils) for the Chinese and emoji lines.
  test.each([
    ['empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['56 bytes (padding spills into a second block)', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      '112 bytes (two full blocks)',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['quick brown fox', 'The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
    ['Chinese (3-byte UTF-8)', '值班记录', 'dee5f49d6af4b5633b766428bdcb36deb79661cb40c947918add76f01d710b17'],
    ['Chinese, longer than 64 bytes', '物业管理处值班记录：17:30 交接班，3栋电梯异响已报工程部。', 'ca91ad9f511d7952262e90ca48217b3fb93d9378288ec3f9403ceee20611dcd9'],
    ['emoji (surrogate pair, 4-byte UTF-8)', '😀', 'f0443a342c5ef54783a111b51ba56c938e474c32324d90c3a60c9c8e3a37e2d9'],
    ['lone surrogate hashes as U+FFFD', '\ud800', '83d544ccc223c057d2bf80d3f2a32982c32c3c0db8e2674820da5064783fb097'],
  ])('%s', (_name, input, hex) => {
    expect(sha256Hex(input)).toBe(hex);
  });

  test('a million "a"s', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  test('agrees with Node crypto on every length around the block edges and on mixed scripts', () => {
    const pieces = ['a', '值', '\n', '€', '😀', 'é', ' ', '"', '\\'];
    let s = '';
    for (let len = 0; len < 200; len++) {
      expect(sha256Hex(s)).toBe(nodeSha(s));
      s += pieces[(len * 7) % pieces.length];
    }
  });

  test('returns 64 lowercase hex digits', () => {
    expect(sha256Hex('值班')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('utf8Bytes', () => {
  test.each([
    ['ASCII', 'A', [0x41]],
    ['two bytes', 'é', [0xc3, 0xa9]],
    ['three bytes', '值', [0xe5, 0x80, 0xbc]],
    ['four bytes', '😀', [0xf0, 0x9f, 0x98, 0x80]],
  ])('%s', (_name, input, bytes) => {
    expect(Array.from(utf8Bytes(input))).toEqual(bytes);
    expect(Array.from(utf8Bytes(input))).toEqual(Array.from(Buffer.from(input, 'utf8')));
  });
});

describe('hexFromBytes', () => {
  test('reads Apps Script signed bytes the same as unsigned ones', () => {
    expect(hexFromBytes([-1, -128, 0, 127, 16])).toBe('ff80007f10');
    expect(hexFromBytes(new Uint8Array([255, 128, 0, 127, 16]))).toBe('ff80007f10');
  });
});
