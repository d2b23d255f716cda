// What the PDF export answered is kept only when it is a whole PDF: a Blob, bytes, or a one-byte-per-character string.
import { pdfBytesFrom } from '../../src/domain/pdfBytes';
import { placeholderPdf } from '../../src/local/host/utilities';

const pdf = placeholderPdf();
const signed = [...pdf].map((b) => (b > 127 ? b - 256 : b));

describe('pdfBytesFrom', () => {
  test('a Blob (signed bytes), a byte array and a latin1 string all give the same bytes', () => {
    for (const shape of [{ getBytes: () => signed }, [...pdf], pdf.toString('latin1')]) expect(pdfBytesFrom(shape)).toEqual({ bytes: [...pdf] });
  });

  test('a string decoded as UTF-8 is refused: replacement characters mean bytes are gone', () => {
    expect(pdfBytesFrom(pdf.toString('utf8'))).toEqual({ problem: 'decoded_text' });
  });

  test('a decoding that kept every character under 256 is caught by the moved xref offset', () => {
    // A binary line of bytes C3 A9 (é in UTF-8), same length as the original: a valid PDF as bytes...
    const valid = Buffer.concat([pdf.subarray(0, 9), Buffer.from([0x25, 0xc3, 0xa9, 0xc3, 0xa9, 0x0a]), pdf.subarray(15)]);
    expect(pdfBytesFrom(valid.toString('latin1'))).toEqual({ bytes: [...valid] });
    // ...but decoded as UTF-8 it is two characters shorter, all under 256, and every later offset moves.
    const fixedUp = valid.toString('utf8');
    expect(pdfBytesFrom(fixedUp)).toEqual({ problem: 'decoded_text' });
  });

  test('not a PDF, or cut short', () => {
    expect(pdfBytesFrom('<html>error</html>')).toEqual({ problem: 'not_pdf' });
    expect(pdfBytesFrom(null)).toEqual({ problem: 'not_pdf' });
    expect(pdfBytesFrom(pdf.subarray(0, 100).toString('latin1'))).toEqual({ problem: 'truncated' });
  });
});
