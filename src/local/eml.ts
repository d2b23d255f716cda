// The local outbox: each sent mail as an RFC 5322 .eml file (UTF-8, encoded headers, HTML and text parts, attachments).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OutMail {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
  name?: string;
  at: Date;
  /** Files sent with it (the month-end summary's PDF). */
  attachments?: { name: string; contentType: string; bytes: Buffer }[];
}

/** RFC 2047 encoded-word, so Chinese subjects survive any mail reader. */
const encodeWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

const base64Lines = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');

export function toEml(mail: OutMail, from = 'estate-registers@localhost'): string {
  const boundary = `=_estate_${randomBytes(8).toString('hex')}`;
  const sender = mail.name ? `${encodeWord(mail.name)} <${from}>` : from;
  const headers = [
    `From: ${sender}`,
    `To: ${mail.to}`,
    `Subject: ${encodeWord(mail.subject)}`,
    `Date: ${mail.at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@estate-registers.local>`,
    'MIME-Version: 1.0',
  ];
  const part = (type: string, text: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(text)].join('\r\n');
  const alternative = [`Content-Type: multipart/alternative; boundary="${boundary}"`, '', part('text/plain', mail.body), part('text/html', mail.htmlBody), `--${boundary}--`, ''];
  const files = mail.attachments ?? [];
  if (!files.length) return [...headers, ...alternative].join('\r\n');
  // With files: the text and HTML parts inside multipart/mixed, each file after them.
  const mixed = `${boundary}_mixed`;
  const file = (f: { name: string; contentType: string; bytes: Buffer }) =>
    [
      `--${mixed}`,
      `Content-Type: ${f.contentType}; name="${encodeWord(f.name)}"`,
      `Content-Disposition: attachment; filename="${encodeWord(f.name)}"`,
      'Content-Transfer-Encoding: base64',
      '',
      f.bytes.toString('base64').replace(/.{76}/g, '$&\r\n'),
    ].join('\r\n');
  return [...headers, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`, ...alternative, ...files.map(file), `--${mixed}--`, ''].join('\r\n');
}

/** Writes every mail to dir as 001-<recipient>.eml; returns the file paths. */
export function writeOutbox(dir: string, mails: OutMail[]): string[] {
  mkdirSync(dir, { recursive: true });
  return mails.map((m, i) => {
    const file = join(dir, `${String(i + 1).padStart(3, '0')}-${m.to.replace(/[^\w.@-]+/g, '_')}.eml`);
    writeFileSync(file, toEml(m));
    return file;
  });
}
