// Outings take their unit from the key household picked; an emergency entry is mailed to the manager at once, without its reason or findings.
import { Book } from './book';
import { trustedRoles } from './rolesGuard';
import { escapeHtml } from '../domain/escape';
import { formatDate } from '../domain/format';
import { fill } from '../domain/labels';
import { L, Lang, Rec } from '../domain/types';

const TEXT = {
  unit_or_household: L('请选择重点户或填写房号', '請選擇重點戶或填寫房號', 'Pick a key household or type the unit'),
  back_after_out: L('预计返回时间须晚于出门时间', '預計返回時間須晚於出門時間', 'Expected back must be after the time they left'),
  subject: L('【突发事件入户】{unit}（{id}）', '【突發事件入戶】{unit}（{id}）', '[Emergency entry] {unit} ({id})'),
  intro: L(
    '刚登记了一次突发事件入户，请管理处经理知悉。入户原因和勘察情况请打开台账查看：',
    '剛登記了一次突發事件入戶，請管理處經理知悉。入戶原因和勘察情況請打開台賬查看：',
    'An emergency entry was just recorded; the reason and findings are in the register:',
  ),
  unit: L('房号', '房號', 'Unit'),
  at: L('入户时间', '入戶時間', 'Entered at'),
  by: L('入户人员', '入戶人員', 'Entered by'),
};

/**
 * An outing names a key household (its unit is taken from it) or a typed unit. Checked on create and
 * when an edit blanks both (an edit of one alone keeps the other as stored); `values` gets the
 * household's unit when none was typed.
 */
export function outingProblem(book: Book, values: Rec, lang: Lang, unknown: string, creating: boolean): Record<string, string> | null {
  const id = String(values.household_id ?? '').trim();
  const blankUnit = String(values.unit ?? '').trim() === '';
  if (id) {
    const h = book.load('households')?.records.find((r) => r.id === id);
    if (!h) return { household_id: unknown };
    if (blankUnit) values.unit = h.unit ?? null;
  } else if (blankUnit && (creating || ('unit' in values && 'household_id' in values))) {
    return { unit: TEXT.unit_or_household[lang], household_id: TEXT.unit_or_household[lang] };
  }
  const out = values.out_at instanceof Date ? values.out_at : creating ? book.now : null;
  if (out && values.expected_back instanceof Date && values.expected_back.getTime() <= out.getTime()) return { expected_back: TEXT.back_after_out[lang] };
  return null;
}

/** The manager by Settings and confirmed Roles (someone who typed themselves in as manager gets nothing). */
function managers(book: Book): string[] {
  const roles = trustedRoles(book.ports, book.load('roles')?.records ?? []);
  const fromRoles = roles.filter((r) => Array.isArray(r.roles) && r.roles.includes('manager')).map((r) => String(r.email).toLowerCase());
  return [...new Set([...book.settings().emails_manager, ...fromRoles].filter(Boolean))];
}

/**
 * Sent after the write, outside the lock. Only the unit, the time, who entered and the row's link:
 * the reason and findings are often about someone's health (病重, 死亡) and stay in the sheet.
 * A mail that cannot be sent is logged by id only and never undoes the record.
 */
export function sendEmergency(book: Book, rec: Rec, url: string): void {
  const lang = book.lang;
  const to = managers(book);
  if (!to.length) return;
  const rows: [string, string][] = [
    [TEXT.unit[lang], String(rec.unit ?? '')],
    [TEXT.at[lang], rec.at instanceof Date ? formatDate(rec.at, book.tz, lang, true) : ''],
    [TEXT.by[lang], String(rec.entered_by ?? '')],
  ];
  const text = [TEXT.intro[lang], ...rows.map(([k, v]) => `${k}${lang === 'en' ? ': ' : '：'}${v}`), url].join('\n');
  const cells = rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const html = `<p>${escapeHtml(TEXT.intro[lang])}</p><table>${cells}</table><p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  try {
    if (book.ports.mailer.remainingQuota() < to.length) throw new Error('mail quota used up');
    book.ports.mailer.send({ to, subject: fill(TEXT.subject[lang], { unit: String(rec.unit ?? ''), id: String(rec.id) }), html, text });
  } catch (e) {
    console.error(`emergency entry ${String(rec.id)} not mailed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
