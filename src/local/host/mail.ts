// MailApp and Session fakes: mail goes to host.outbox under a per-user daily recipient quota kept in the workbook.
import { FakeUser, instrument, type HostCore, type Like, type SentMail } from './core';
import { formatJavaDate } from './tz';

const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

export class FakeMailApp implements Like<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  constructor(readonly h: HostCore) {}
  /** sendEmail(message) or sendEmail(recipient, subject, body[, options]). */
  sendEmail(a: unknown, subject?: unknown, body?: unknown, options?: unknown) {
    const m: MailOptions =
      a !== null && typeof a === 'object'
        ? (a as MailOptions)
        : { ...((options as MailOptions) ?? {}), to: String(a), subject: String(subject ?? ''), body: String(body ?? '') };
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) this.h.fail('Failed to send email: no recipient');
    for (const r of recipients) if (!EMAIL.test(r)) this.h.fail(`Invalid email: ${r}`);
    const use = this._use();
    if (use.used + recipients.length > this.h.mailQuota) this.h.fail(QUOTA_MESSAGE);
    use.used += recipients.length;
    const mail: SentMail = {
      from: this.h.user,
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject: String(m.subject ?? ''),
      body: String(m.body ?? ''),
      htmlBody: m.htmlBody === undefined ? '' : String(m.htmlBody),
      name: m.name === undefined ? '' : String(m.name),
      replyTo: m.replyTo === undefined ? '' : String(m.replyTo),
      attachments: (m.attachments ?? []).map((b) => attachmentOf(b)),
      at: new Date(this.h.now()),
    };
    this.h.outbox.push(mail);
  }
  getRemainingDailyQuota() {
    return Math.max(0, this.h.mailQuota - this._use().used);
  }
  /** Today's use for the sending user; a new day (script time zone, pinned clock) starts from zero. */
  _use() {
    const today = formatJavaDate(this.h.now(), this.h.scriptTimeZone, 'yyyy-MM-dd');
    const mail = this.h.workbook.mail;
    const current = mail[this.h.user];
    if (!current || current.day !== today) mail[this.h.user] = { day: today, used: 0 };
    return mail[this.h.user];
  }
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function attachmentOf(b: unknown): SentMail['attachments'][number] {
  const blob = b as { getName?(): string | null; getContentType?(): string | null; _buffer?(): Buffer };
  const bytes = blob._buffer?.() ?? Buffer.alloc(0);
  return { name: blob.getName?.() ?? 'attachment', contentType: blob.getContentType?.() ?? 'application/octet-stream', size: bytes.length, bytes };
}

type SessionKeys = 'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey';

export class FakeSession implements Like<GoogleAppsScript.Base.Session, SessionKeys> {
  constructor(readonly h: HostCore) {}
  /** Under the empty-email quirk Google withholds the address, as for a user outside the domain. */
  getActiveUser() {
    return new FakeUser(this.h, this.h.quirk('empty-email') ? '' : this.h.user);
  }
  /** The host runs every call as the active user (an installable trigger runs as its owner: pass --as). */
  getEffectiveUser() {
    return new FakeUser(this.h, this.h.user);
  }
  getScriptTimeZone() {
    return this.h.scriptTimeZone;
  }
  getActiveUserLocale() {
    return this.h.locale;
  }
  getTemporaryActiveUserKey() {
    return Buffer.from(`${this.h.workbook.id}:${this.h.user}`).toString('base64url');
  }
}

instrument(FakeMailApp, 'MailApp');
instrument(FakeSession, 'Session');
