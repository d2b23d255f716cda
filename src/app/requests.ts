// Help requests that cannot wait for the hourly scan: a complaint opens a linked complaint at once; a medical or crime request mails the supervisors at once.
import { Book, Loaded } from './book';
import { nextId } from './ids';
import { trustedRoles } from './rolesGuard';
import { escapeHtml } from '../domain/escape';
import { formatDate, maskPersonalText, maskPhone } from '../domain/format';
import { fill, optionLabel } from '../domain/labels';
import { L, Rec } from '../domain/types';

export const URGENT_TYPES = ['medical', 'crime'];

const TEXT = {
  noName: L('（求助人未留姓名）', '（求助人未留姓名）', '(no name given)'),
  subject: L('【紧急求助】{type} {unit}（{id}）', '【緊急求助】{type} {unit}（{id}）', '[Urgent request] {type} {unit} ({id})'),
  intro: L('刚登记了一条紧急求助，请值班主管立即跟进：', '剛登記了一條緊急求助，請值班主管立即跟進：', 'An urgent request was just recorded; the supervisor on duty should follow it up now:'),
  type: L('类型', '類型', 'Type'),
  unit: L('房号', '房號', 'Unit'),
  at: L('受理时间', '受理時間', 'Received at'),
  phone: L('联系电话', '聯絡電話', 'Phone'),
  details: L('事由', '事由', 'Details'),
};

/** The complaint a 投诉-type request opens: minor until a supervisor classes it, timed from the request's receipt. */
export function linkedComplaint(book: Book, request: Rec): { loaded: Loaded; rec: Rec } | null {
  const loaded = book.load('complaints');
  if (!loaded) return null;
  const details = String(request.details ?? '');
  const firstLine = details.split(/\r?\n/)[0]!.trim();
  const rec: Rec = {
    received_at: request.received_at,
    channel: 'other',
    complainant: String(request.requester ?? '').trim() || TEXT.noName[book.lang],
    unit: request.unit ?? null,
    phone: request.phone ?? null,
    subject: firstLine.length > 60 ? `${firstLine.slice(0, 59)}…` : firstLine,
    details,
    class: 'minor',
    status: 'received',
    request_id: request.id,
    id: nextId(book.ports.store, 'C-', book.now, book.tz, loaded.records),
    version: 1,
    created_at: request.created_at,
    created_by: request.created_by,
    updated_at: request.updated_at,
    updated_by: request.updated_by,
  };
  return { loaded, rec };
}

/** Supervisors (Settings and Roles); the manager when there is no supervisor, so the mail reaches someone. */
function urgentRecipients(book: Book): string[] {
  const s = book.settings();
  // Confirmed roles only: someone who typed themselves in as supervisor must not receive medical or crime details.
  const roles = trustedRoles(book.ports, book.load('roles')?.records ?? []);
  const withRole = (role: string) => roles.filter((r) => Array.isArray(r.roles) && r.roles.includes(role)).map((r) => String(r.email).toLowerCase());
  const supervisors = [...s.emails_supervisors, ...withRole('supervisor')];
  const to = supervisors.length ? supervisors : [...s.emails_manager, ...withRole('manager')];
  return [...new Set(to.filter(Boolean))];
}

/**
 * Sent after the write, outside the lock. Phone and ID numbers in the text are masked; a mail that
 * cannot be sent is logged without the request's contents and never undoes the record.
 */
export function sendUrgent(book: Book, rec: Rec): void {
  const lang = book.lang;
  const to = urgentRecipients(book);
  if (!to.length) return;
  const rows: [string, string][] = [
    [TEXT.type[lang], optionLabel('requests', 'type', String(rec.type), lang)],
    [TEXT.unit[lang], String(rec.unit ?? '')],
    [TEXT.at[lang], rec.received_at instanceof Date ? formatDate(rec.received_at, book.tz, lang, true) : ''],
    [TEXT.phone[lang], maskPhone(String(rec.phone ?? ''))],
    [TEXT.details[lang], maskPersonalText(String(rec.details ?? ''))],
  ];
  const text = [TEXT.intro[lang], ...rows.map(([k, v]) => `${k}：${v}`)].join('\n');
  const html = `<p>${escapeHtml(TEXT.intro[lang])}</p><table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`).join('')}</table>`;
  try {
    if (book.ports.mailer.remainingQuota() < to.length) throw new Error('mail quota used up');
    book.ports.mailer.send({ to, subject: fill(TEXT.subject[lang], { type: optionLabel('requests', 'type', String(rec.type), lang), unit: String(rec.unit ?? ''), id: String(rec.id) }), html, text });
  } catch (e) {
    console.error(`urgent request ${String(rec.id)} not mailed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
