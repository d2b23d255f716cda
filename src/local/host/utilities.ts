// Utilities fake: digests as Google's signed byte arrays, Java-pattern formatDate, base64, UUIDs, Blobs, and sleep on the pinned clock.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { instrument, isDate, type HostCore, type Like, type PdfRequest } from './core';
import { formatJavaDate, assertTimeZone } from './tz';

export const DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' } as const;
export const MacAlgorithm = { HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_384: 'HMAC_SHA_384', HMAC_SHA_512: 'HMAC_SHA_512' } as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_HASH: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** A string (in the charset) or a byte array (signed or unsigned numbers) as bytes. */
export function toBuffer(value: unknown, charset?: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, String(charset ?? 'UTF_8') === 'US_ASCII' ? 'latin1' : 'utf8');
  if (Array.isArray(value)) return Buffer.from(value.map((b: number) => b & 0xff));
  if (value instanceof Uint8Array) return Buffer.from(value);
  return Buffer.from(String(value), 'utf8');
}

type UtilKeys =
  | 'computeDigest'
  | 'computeHmacSignature'
  | 'computeHmacSha256Signature'
  | 'formatDate'
  | 'newBlob'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'getUuid'
  | 'sleep';

export class FakeUtilities implements Like<GoogleAppsScript.Utilities.Utilities, UtilKeys> {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;
  constructor(readonly h: HostCore) {}
  /** Bytes as Java's signed bytes (-128..127), like Google. */
  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: unknown, charset?: unknown) {
    const name = NODE_HASH[String(algorithm)];
    if (!name) this.h.fail(`Unsupported digest algorithm: ${String(algorithm)}`);
    return this._signed(createHash(name).update(toBuffer(value, charset)).digest());
  }
  computeHmacSignature(algorithm: GoogleAppsScript.Utilities.MacAlgorithm, value: unknown, key: unknown, charset?: unknown) {
    const name = NODE_HASH[String(algorithm).replace(/^HMAC_/, '')];
    if (!name) this.h.fail(`Unsupported MAC algorithm: ${String(algorithm)}`);
    return this._signed(createHmac(name, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown) {
    return this._signed(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string) {
    if (!isDate(date)) this.h.fail("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
    try {
      assertTimeZone(timeZone);
    } catch {
      this.h.fail(`Invalid argument: timeZone`);
    }
    try {
      return formatJavaDate((date as unknown as Date).getTime(), timeZone, format);
    } catch (e) {
      return this.h.fail((e as Error).message);
    }
  }
  newBlob(data: unknown, contentType?: string, name?: string) {
    return new FakeBlob(this.h, toBuffer(data), contentType ?? null, name ?? null);
  }
  base64Encode(data: unknown, charset?: unknown) {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: unknown) {
    // Google keeps the padding in the web-safe form.
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset) {
    return this._signed(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset) {
    return this._signed(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  getUuid() {
    return randomUUID();
  }
  /** Advances the host clock instead of blocking: a simulated wait. */
  sleep(milliseconds: number) {
    this.h.advance(Math.max(0, Number(milliseconds) || 0));
  }
  _signed(buf: Buffer): number[] {
    const out = this.h.realm.newArray(buf.length) as number[];
    for (let i = 0; i < buf.length; i++) out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
    return out;
  }
}

type BlobKeys =
  | 'getBytes'
  | 'setBytes'
  | 'getDataAsString'
  | 'setDataFromString'
  | 'getContentType'
  | 'setContentType'
  | 'getName'
  | 'setName'
  | 'getAs'
  | 'copyBlob'
  | 'isGoogleType';

export class FakeBlob implements Like<GoogleAppsScript.Base.Blob, BlobKeys> {
  /** Set on a PDF made from a Google Doc: the request the CLI renders with Chromium. */
  pdfRequest: PdfRequest | null = null;
  constructor(
    readonly h: HostCore,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes() {
    const out = this.h.realm.newArray(this.bytes.length) as number[];
    for (let i = 0; i < this.bytes.length; i++) out[i] = this.bytes[i] > 127 ? this.bytes[i] - 256 : this.bytes[i];
    return out;
  }
  setBytes(data: number[]) {
    this.bytes = toBuffer(data);
    return this;
  }
  getDataAsString(charset?: string) {
    return this.bytes.toString(charset === 'US_ASCII' ? 'latin1' : 'utf8');
  }
  setDataFromString(string: string, charset?: string) {
    this.bytes = toBuffer(string, charset);
    return this;
  }
  getContentType() {
    return this.contentType;
  }
  setContentType(contentType: string | null) {
    this.contentType = contentType;
    return this;
  }
  getName() {
    return this.name;
  }
  setName(name: string) {
    this.name = String(name);
    return this;
  }
  /** HTML to PDF is recorded in host.pdfRequests (the CLI renders it); other conversions keep the bytes. */
  getAs(contentType: string) {
    const base = this.name ? this.name.replace(/\.[^.]*$/, '') : null;
    if (contentType === 'application/pdf' && this.contentType === 'text/html') return pdfBlob(this.h, '', base ?? 'document', this.bytes.toString('utf8'));
    const ext = contentType.split('/')[1];
    return new FakeBlob(this.h, this.bytes, contentType, base && ext ? `${base}.${ext}` : this.name);
  }
  copyBlob() {
    const b = new FakeBlob(this.h, Buffer.from(this.bytes), this.contentType, this.name);
    b.pdfRequest = this.pdfRequest;
    return b;
  }
  isGoogleType() {
    return false;
  }
  getBlob() {
    return this;
  }
  _buffer(): Buffer {
    return this.bytes;
  }
}

/**
 * A PDF standing in for Google's conversion: a small but well-formed one-page PDF (binary comment
 * line, objects, xref table, startxref) like Google's, so a byte that goes missing on the way
 * shows, and a request the CLI turns into the real notice.
 */
export function pdfBlob(h: HostCore, docId: string, name: string, html: string): FakeBlob {
  const request: PdfRequest = { docId, name: `${name}.pdf`, html, fileId: null, at: new Date(h.now()) };
  h.pdfRequests.push(request);
  const blob = new FakeBlob(h, placeholderPdf(), 'application/pdf', `${name}.pdf`);
  blob.pdfRequest = request;
  return blob;
}

export function placeholderPdf(): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  const offsets: number[] = [];
  let at = parts.reduce((n, b) => n + b.length, 0);
  objects.forEach((body, i) => {
    const b = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    offsets.push(at);
    parts.push(b);
    at += b.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

instrument(FakeUtilities, 'Utilities');
instrument(FakeBlob, 'Utilities.Blob');
