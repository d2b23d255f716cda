// The month-end summary (issue 12): last month's counts across the registers as a notice, mailed to the manager with its PDF, once.
import { Book } from './book';
import { issueNotice, resolve } from './notices';
import { trustedRoles } from './rolesGuard';
import { addMonthsYm, dayKey } from '../domain/calendar';
import { COUNTED } from '../domain/monthSummary';
import { noticeDef } from '../domain/notices';
import { isRegisterKey } from '../domain/registers';
import { isoInZone } from '../domain/table';
import type { Rec } from '../domain/types';

/** Document property: the last month ('YYYY-MM') whose summary was mailed (or is being mailed). */
const SENT_KEY = 'summary.month';
/** A scan that missed the 1st (triggers off, quota spent) still sends it in the first week; after that it is stale. */
const CATCH_UP_DAYS = 7;

/** The rows the summary counts, by register; a register this workbook does not have is left out. */
export function summaryData(book: Book): Record<string, Rec[]> {
  const out: Record<string, Rec[]> = {};
  for (const k of ['requests', 'violations', 'households', 'care_log', ...COUNTED.map(([key]) => key)]) {
    const l = isRegisterKey(k) ? book.load(k) : null;
    if (l) out[k] = l.records;
  }
  return out;
}

/**
 * From the digest hour on the 1st (or the first run after it that week): last month's summary is
 * issued through the notice path (Doc, PDF, 文书记录) and mailed to the managers with the PDF. The
 * month is claimed under the lock first, so an overlapping or later run does not send it again; a
 * failed export or send gives the claim back for the next run.
 */
export function mailMonthSummary(book: Book): { to: string[]; subject: string; ids: string[] }[] {
  const { ports } = book;
  const s = book.settings();
  const today = dayKey(book.now, book.tz);
  if (Number(today.slice(8)) > CATCH_UP_DAYS || Number(isoInZone(book.now, book.tz).slice(11, 13)) < s.digest_hour) return [];
  const month = addMonthsYm(today.slice(0, 7), -1);
  if (ports.store.get(SENT_KEY) === month) return [];
  const roles = trustedRoles(ports, book.load('roles')?.records ?? []);
  const managers = roles.filter((r) => Array.isArray(r.roles) && r.roles.includes('manager')).map((r) => String(r.email));
  const to = [...new Set([...s.emails_manager, ...managers].map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (!to.length || ports.mailer.remainingQuota() < to.length) return [];
  try {
    if (ports.lock.withLock(() => ports.store.get(SENT_KEY) === month || void ports.store.set(SENT_KEY, month))) return [];
  } catch {
    return []; // the lock is busy: the next run
  }
  try {
    let pdf: unknown;
    const t = resolve(book, 'requests', month, 'monthly_summary');
    const r = 'ok' in t ? t : issueNotice(book, t, (d) => (pdf = d.pdfBlob));
    if (!r.ok) throw new Error(r.message);
    const subject = `${noticeDef('monthly_summary')!.label[book.lang]} · ${month} · ${s.estate_name}`;
    // The plain part is the notice's own text: counts only, as the PDF.
    const text = r.previewHtml.replace(/<(style|title)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
    ports.mailer.send({ to, subject, html: r.previewHtml, text, attachments: pdf ? [pdf] : [] });
    return [{ to, subject, ids: [`summary-${month}`] }];
  } catch (e) {
    console.error(`month-end summary ${month}: ${e instanceof Error ? e.message : String(e)}`);
    try {
      ports.lock.withLock(() => ports.store.remove(SENT_KEY));
    } catch {
      // Busy for 30 s after a failure too: rare enough to leave this month's summary to the notice menu.
    }
    return [];
  }
}
