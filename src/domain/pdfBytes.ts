// What Drive's PDF export answered, as bytes we can trust to be a whole PDF, or why not.
//
// Drive.Files.export(id, 'application/pdf', {alt: 'media'}) has been seen to answer a Blob, and
// the typings declare a string for the same alt=media call on files.get. A string can hold the
// bytes one per character (latin1: recoverable) or the bytes decoded as UTF-8, which replaces
// every invalid sequence with U+FFFD and loses bytes for good. Saving the latter would put a PDF
// nobody can open on the record, so it is refused rather than repaired.

export type PdfBytes = { bytes: number[] } | { problem: 'not_pdf' | 'decoded_text' | 'truncated' };

const MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF

/** Signed Java bytes (-128..127, what Blob.getBytes gives) or plain bytes, as 0..255. */
function unsigned(a: ArrayLike<number>): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & 0xff;
  return out;
}

function ascii(bytes: number[], from: number, to: number): string {
  let s = '';
  for (let i = Math.max(0, from); i < Math.min(bytes.length, to); i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/**
 * The bytes of a PDF from whatever the export answered: something with getBytes() (a Blob), a
 * byte array, or a string. Checks the %PDF header, the %%EOF trailer and, when present, that
 * `startxref` points at the cross-reference table: a string decoded and re-encoded loses or
 * gains bytes, which moves every offset, so this catches damage the header alone would not.
 */
export function pdfBytesFrom(exported: unknown): PdfBytes {
  let bytes: number[];
  if (exported && typeof (exported as { getBytes?: unknown }).getBytes === 'function') bytes = unsigned((exported as { getBytes(): number[] }).getBytes());
  else if (typeof exported === 'string') {
    bytes = new Array<number>(exported.length);
    for (let i = 0; i < exported.length; i++) {
      const c = exported.charCodeAt(i);
      // Above 255 the string is text decoded from the bytes (U+FFFD and friends), not the bytes.
      if (c > 0xff) return { problem: MAGIC.every((m, j) => exported.charCodeAt(j) === m) ? 'decoded_text' : 'not_pdf' };
      bytes[i] = c;
    }
  } else if (Array.isArray(exported) || exported instanceof Uint8Array) bytes = unsigned(exported as ArrayLike<number>);
  else return { problem: 'not_pdf' };
  if (!MAGIC.every((m, i) => bytes[i] === m)) return { problem: 'not_pdf' };
  const tail = ascii(bytes, bytes.length - 1024, bytes.length);
  if (!/%%EOF\s*$/.test(tail)) return { problem: 'truncated' };
  const xref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (xref) {
    const at = Number(xref[1]);
    const there = ascii(bytes, at, at + 24);
    // A classic table starts "xref"; a cross-reference stream is an object "12 0 obj".
    if (!/^(xref|\d+\s+\d+\s+obj)/.test(there)) return { problem: 'decoded_text' };
  }
  return { bytes };
}
