// 自检: runs each assumption about Google on the real deployment, reports what it found, saves it and adapts where it can.
import { Book } from './book';
import { hasAny, refusal } from './access';
import { guarded } from './guarded';
import { SCAN_HANDLER } from './triggers';
import type { Ports, Probe } from '../ports';
import { escapeHtml } from '../domain/escape';
import { fill } from '../domain/labels';
import { msg } from '../domain/messages';
import { neutralise } from '../domain/neutralise';
import { fail, L, L10n, Lang } from '../domain/types';
import { isoInZone } from '../domain/zone';

/** The hidden tab that holds the last report (and the scratch cell of the apostrophe test). */
export const SELF_CHECK_TAB = '_自检';
/** What each check found, for code that adapts to this deployment. */
export const FOUND_KEY = 'selfcheck.found';

interface Check {
  key: string;
  label: L10n;
  run(ports: Ports, ctx: { tz: string; colleague: string | null }): Probe;
}

const CHECKS: Check[] = [
  { key: 'intl', label: L('时区换算（Intl 与 Utilities）', '時區換算（Intl 與 Utilities）', 'Time-zone offsets (Intl and Utilities)'), run: (p, c) => p.probes.intl(c.tz) },
  { key: 'apostrophe', label: L('纯文本格里的前导撇号', '純文字格裡的前導撇號', 'A leading apostrophe in a plain-text cell'), run: (p) => p.probes.apostrophe(SELF_CHECK_TAB) },
  { key: 'conversion', label: L('自动格式的单元格改写文字', '自動格式的儲存格改寫文字', 'Automatic-format cells converting text'), run: (p) => p.probes.conversion(SELF_CHECK_TAB) },
  { key: 'pdf', label: L('文书导出 PDF', '文書匯出 PDF', 'Exporting a notice as PDF'), run: (p) => p.probes.pdfExport() },
  { key: 'docImages', label: L('文书里的照片', '文書裡的照片', 'Photos in notices'), run: (p) => p.probes.docImages() },
  { key: 'triggers', label: L('能列出定时提醒', '能列出定時提醒', 'Hourly triggers can be listed'), run: (p) => p.probes.triggers(SCAN_HANDLER) },
  { key: 'email', label: L('能看到登录者邮箱', '能看到登入者郵箱', 'The signed-in email is visible'), run: (p) => p.probes.email() },
  { key: 'lock', label: L('写入用的锁', '寫入用的鎖', 'The lock used for writes'), run: (p) => p.probes.lock() },
  { key: 'mail', label: L('今天剩余的邮件额度', '今天剩餘的郵件額度', "Today's remaining mail quota"), run: (p) => p.probes.mailQuota() },
  { key: 'sharing', label: L('文书能共享给同事', '文書能共享給同事', 'Notices can be shared with colleagues'), run: (p, c) => p.probes.sharing(c.colleague) },
  { key: 'webapp', label: L('手机网页版能打开台账', '手機網頁版能開啟台賬', 'The phone web app reaches the workbook'), run: (p) => p.probes.webApp() },
];

const TEXT = {
  title: L('物业台账自检', '物業台賬自檢', 'Estate Registers self-check'),
  pass: L('通过', '通過', 'Pass'),
  adapted: L('另一种行为，已适配', '另一種行為，已適配', 'Other behaviour, handled'),
  untested: L('未测', '未測', 'Not tested'),
  failed: L('未通过', '未通過', 'Fail'),
  at: L('检查时间：{at}，检查人：{by}', '檢查時間：{at}，檢查人：{by}', 'Checked at {at} by {by}'),
} as const;

const HEAD: Record<Lang, string[]> = {
  'zh-Hans': ['检查项', '结果', '发现', '详情'],
  'zh-Hant': ['檢查項', '結果', '發現', '詳情'],
  en: ['Check', 'Result', 'Found', 'Detail'],
};

export interface SelfCheckRow extends Probe {
  key: string;
  label: string;
  result: string;
}

function resultOf(p: Probe, lang: Lang): string {
  if (!p.ok) return TEXT.failed[lang];
  if (p.behaviour === 'expected') return TEXT.pass[lang];
  return p.behaviour === 'untested' ? TEXT.untested[lang] : TEXT.adapted[lang];
}

/** Manager and supervisor only: the check creates and deletes a scratch Doc, file and trigger in their name. */
export function selfCheck(ports: Ports) {
  const book = new Book(ports);
  const lang = book.lang;
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg(refusal(actor), lang));
  const colleague =
    book
      .load('roles')
      ?.records.map((r) => String(r.email ?? '').toLowerCase())
      .find((e) => e && e !== actor.email) ?? null;
  const at = isoInZone(book.now, book.tz);
  return guarded(ports, () => lang, () => {
    const rows: SelfCheckRow[] = CHECKS.map((c) => {
      const probe = c.run(ports, { tz: book.tz, colleague });
      return { key: c.key, label: c.label[lang], result: resultOf(probe, lang), ...probe };
    });
    ports.tables.replaceAll(SELF_CHECK_TAB, [
      [...HEAD[lang]],
      ...rows.map((r) => [r.label, r.result, r.behaviour, neutralise(r.detail)]),
      [neutralise(fill(TEXT.at[lang], { at, by: actor.email })), '', '', ''],
    ]);
    ports.tables.hide(SELF_CHECK_TAB);
    ports.store.set(FOUND_KEY, JSON.stringify(Object.fromEntries(rows.map((r) => [r.key, r.behaviour]))));
    return { ok: true as const, at, by: actor.email, passed: rows.every((r) => r.ok), rows };
  });
}

/** The menu item: the same check, shown as a dialog. */
export function selfCheckDialog(ports: Ports) {
  const r = selfCheck(ports);
  const lang = new Book(ports).lang;
  if (!r.ok) {
    ports.ui.alert(String(r.message));
    return r;
  }
  ports.ui.showDialog(reportHtml(r.rows, fill(TEXT.at[lang], { at: r.at, by: r.by }), lang), TEXT.title[lang], 560, 420);
  return r;
}

/** Escaped HTML: Google's detail strings and emails are shown as text, never as markup. */
export function reportHtml(rows: SelfCheckRow[], footer: string, lang: Lang): string {
  const e = escapeHtml;
  const head = HEAD[lang].map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr class="${r.ok ? 'ok' : 'bad'}"><td>${e(r.label)}</td><td>${e(r.result)}</td><td>${e(r.behaviour)}</td><td>${e(r.detail)}</td></tr>`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>body{font:13px/1.5 sans-serif;margin:8px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-all}.bad td:nth-child(2){color:#b00020;font-weight:bold}.ok td:nth-child(2){color:#1b5e20}</style><table><tr>${head}</tr>${body}</table><p>${e(footer)}</p>`;
}
