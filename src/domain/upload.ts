// An uploaded file judged by its bytes: its kind from the magic numbers, its size from the base64, and a photo's EXIF capture time.

export type FileKind = 'jpeg' | 'png' | 'heic' | 'pdf';
export const KIND_MIME: Record<FileKind, string> = { jpeg: 'image/jpeg', png: 'image/png', heic: 'image/heic', pdf: 'application/pdf' };
export const KIND_EXT: Record<FileKind, string> = { jpeg: 'jpg', png: 'png', heic: 'heic', pdf: 'pdf' };

/**
 * The largest file the add-on takes, whatever Settings say. google.script.run has no documented
 * size limit (reports put failures around 50 MB per call) and an Apps Script blob holds at most
 * 50 MB; a file crosses the bridge as base64 (4/3 of its size), so 20 MB (27 MB of text) stays
 * well inside both, in one call, without chunks.
 */
export const HARD_MAX_MB = 20;

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CODE = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** The byte count base64 text stands for, or -1 when it is not base64. */
export function base64Size(b64: string): number {
  if (b64.length % 4 !== 0 || !B64.test(b64)) return -1;
  return (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** The first n bytes of base64 text (enough to judge a file without decoding all of it). */
export function base64Head(b64: string, n: number): Uint8Array {
  const text = b64.slice(0, Math.ceil(n / 3) * 4).replace(/=+$/, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of text) {
    acc = (acc << 6) | (CODE.get(c) ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out.slice(0, n));
}

const starts = (b: ArrayLike<number>, at: number, sig: readonly number[]) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: ArrayLike<number>, at: number, n: number) => String.fromCharCode(...Array.from({ length: n }, (_, i) => b[at + i] ?? 0));

/** JPEG, PNG, HEIC or PDF by content; anything else (a GIF renamed .jpg, a Word file) is null. */
export function sniffKind(b: ArrayLike<number>): FileKind | null {
  if (starts(b, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  // ISO BMFF: a box of type ftyp whose brand says HEIF/HEIC (what iPhones save).
  if (ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(ascii(b, 8, 4))) return 'heic';
  return null;
}

/** Tag 0x9003 DateTimeOriginal, else 0x0132 DateTime, from a TIFF block (EXIF's own layout). */
function tiffTime(b: ArrayLike<number>, tiff: number): string | null {
  const le = ascii(b, tiff, 2) === 'II';
  if (!le && ascii(b, tiff, 2) !== 'MM') return null;
  const u16 = (at: number) => (le ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1]);
  const u32 = (at: number) => (le ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
  const found: Record<number, string> = {};
  const walk = (ifd: number, depth: number): void => {
    const at = tiff + ifd;
    if (depth > 2 || at + 2 > b.length) return;
    const n = u16(at);
    for (let i = 0; i < n && at + 2 + i * 12 + 12 <= b.length; i++) {
      const e = at + 2 + i * 12;
      const tag = u16(e);
      if (tag === 0x8769) walk(u32(e + 8), depth + 1); // the Exif sub-IFD
      else if ((tag === 0x9003 || tag === 0x0132) && u16(e + 2) === 2 && u32(e + 4) >= 19) found[tag] = ascii(b, tiff + u32(e + 8), 19);
    }
  };
  walk(u32(tiff + 4), 0);
  const raw = found[0x9003] ?? found[0x0132];
  const m = raw && /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  // Cameras write "0000:00:00 00:00:00" when the clock was never set.
  return m && m[1] !== '0000' ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
}

/**
 * When a JPEG photo was taken, as wall-clock text "YYYY-MM-DDTHH:MM:SS" (EXIF keeps no zone: read
 * it as office time), from the APP1 Exif segment; null when absent or unreadable. HEIC keeps its
 * EXIF inside ISO boxes, which is not simple: none for HEIC.
 */
export function exifTakenAt(b: ArrayLike<number>): string | null {
  if (!starts(b, 0, [0xff, 0xd8])) return null;
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1];
    const len = (b[at + 2] << 8) | b[at + 3];
    if (marker === 0xda || marker === 0xd9) break; // image data starts: no more metadata
    if (marker === 0xe1 && ascii(b, at + 4, 6) === 'Exif\0\0') return tiffTime(b, at + 10);
    at += 2 + len;
  }
  return null;
}
