import { base64Head, base64Size, exifTakenAt, sniffKind } from '../../src/domain/upload';
import { GIF, HEIC, jpeg, PDF, PNG } from '../fixtures/images';

describe('a file judged by its bytes', () => {
  test.each([
    ['a JPEG', jpeg(), 'jpeg'],
    ['a PNG', PNG, 'png'],
    ['a PDF', PDF, 'pdf'],
    ['an iPhone HEIC', HEIC, 'heic'],
    ['a GIF (whatever its name says)', GIF, null],
    ['a Word file', Buffer.from('PK\x03\x04word/document.xml', 'latin1'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s: its kind by content', (_, bytes, kind) => {
    expect(sniffKind(bytes)).toBe(kind);
  });

  test('the size comes from the base64 text; text that is not base64 is -1', () => {
    for (const n of [0, 1, 2, 3, 4, 100]) expect(base64Size(Buffer.alloc(n).toString('base64'))).toBe(n);
    expect(base64Size('ab$=')).toBe(-1);
    expect(base64Size('abc')).toBe(-1);
  });

  test('the head of base64 text decodes to the file’s first bytes', () => {
    const bytes = jpeg('2026:11:30 14:05:09');
    expect(Buffer.from(base64Head(bytes.toString('base64'), 20))).toEqual(bytes.subarray(0, 20));
    expect(Buffer.from(base64Head(PNG.toString('base64'), 1000))).toEqual(PNG);
  });
});

describe('a photo’s capture time from EXIF', () => {
  test('DateTimeOriginal of a JPEG, as office wall-clock time', () => {
    expect(exifTakenAt(jpeg('2026:11:30 14:05:09'))).toBe('2026-11-30T14:05:09');
  });
  test.each([
    ['a JPEG without EXIF', jpeg()],
    ['a camera whose clock was never set', jpeg('0000:00:00 00:00:00')],
    ['a PNG', PNG],
    ['a HEIC', HEIC],
    ['a JPEG cut short in its EXIF', jpeg('2026:11:30 14:05:09').subarray(0, 30)],
  ])('%s has none', (_, bytes) => {
    expect(exifTakenAt(bytes)).toBeNull();
  });
});

describe('the registers that take files', () => {
  test('carry the 附件 and 附件数 system columns under the keys the lines are read by', () => {
    const { REGISTERS } = jest.requireActual('../../src/domain/registers');
    const { ATTACHABLE, ATTACHMENTS_FIELD, ATTACHMENT_COUNT_FIELD } = jest.requireActual('../../src/domain/attachments');
    for (const key of ATTACHABLE) {
      const fields = REGISTERS[key].fields.filter((f: { key: string }) => [ATTACHMENTS_FIELD, ATTACHMENT_COUNT_FIELD].includes(f.key));
      expect(fields.map((f: { label: Record<string, string>; system: boolean }) => [f.label['zh-Hans'], f.system])).toEqual([['附件', true], ['附件数', true]]);
    }
  });
});
