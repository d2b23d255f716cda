import { formatAttachment, parseAttachments, Attachment } from '../../src/domain/attachments';

const photo: Attachment = {
  url: 'https://drive.google.com/file/d/abc/view',
  name: '车库 · 占道\n照片.jpg',
  sha256: 'a'.repeat(64),
  takenAt: '2026-11-30T14:05:00+08:00',
  uploadedAt: '2026-11-30T15:02:00+08:00',
  by: '王五 <wang@example.com>',
};

describe('附件 lines', () => {
  test.each([
    ['a photo with its EXIF time', photo, { ...photo, name: '车库 - 占道 照片.jpg' }],
    ['a PDF without a capture time', { ...photo, name: 'scan.pdf', takenAt: null }, { ...photo, name: 'scan.pdf', takenAt: null }],
  ])('%s reads back as written', (_, file, back) => {
    expect(parseAttachments(formatAttachment(file))).toEqual([back]);
  });

  test('several lines keep their order; blank lines and a bare link typed by hand are read too', () => {
    const text = [formatAttachment(photo), '', 'https://example.com/x.pdf', formatAttachment({ ...photo, url: 'u2' })].join('\n');
    const got = parseAttachments(text);
    expect(got.map((a) => a.url)).toEqual([photo.url, 'https://example.com/x.pdf', 'u2']);
    expect(got[1]).toEqual({ url: 'https://example.com/x.pdf', name: '', sha256: '', takenAt: null, uploadedAt: '', by: '' });
  });

  test('an empty cell has no files', () => {
    expect(parseAttachments('')).toEqual([]);
    expect(parseAttachments(null)).toEqual([]);
  });
});
