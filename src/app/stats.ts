// Complaint statistics: the weekly counts by class, department, status and overdue rule, and the weekly and monthly tabs with their charts.
import { neutralise } from '../domain/neutralise';
import { Book, TABS } from './book';
import type { OverdueItem } from '../domain/deadlines';
import { LIMIT_LABELS, type WeeklyStats } from '../domain/notices';
import type { MonthlyStats } from '../domain/complaintStats';
import { addDaysYmd, dateEnd, dateStart } from '../domain/calendar';
import { maskPersonalText } from '../domain/format';
import { optionLabel } from '../domain/labels';
import { ruleLabel } from '../domain/deadlines';
import { Cell, L, L10n, Lang, Rec } from '../domain/types';

const count = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);

/** The seven days ending today (or from..today): complaints received in them, and today's overdue complaint items by rule. */
export function weeklyStats(complaints: Rec[], items: OverdueItem[], today: string, tz: string, from = addDaysYmd(today, -6)): WeeklyStats {
  const start = dateStart(from, tz).getTime();
  const end = dateEnd(today, tz).getTime();
  const inWeek = complaints.filter((c) => c.received_at instanceof Date && c.received_at.getTime() >= start && c.received_at.getTime() <= end);
  const stats: WeeklyStats = { from, to: today, byClass: {}, byDepartment: {}, byStatus: {}, overdue: {}, total: inWeek.length };
  for (const c of inWeek) {
    count(stats.byClass, String(c.class ?? ''));
    count(stats.byDepartment, String(c.department || '—'));
    count(stats.byStatus, String(c.status ?? 'received'));
  }
  for (const i of items) if (i.register === 'complaints') count(stats.overdue, i.rule);
  return stats;
}

const HEAD = {
  byClass: L('按类别', '按類別', 'By class'),
  byDepartment: L('按部门', '按部門', 'By department'),
  byStatus: L('按状态', '按狀態', 'By status'),
  overdue: L('逾期', '逾期', 'Overdue'),
  count: L('件数', '件數', 'Count'),
  byChannel: L('按渠道', '按渠道', 'By channel'),
  limits: L('时限：按时 / 超时办结 / 未办已超时 / 未到期', '時限：按時 / 超時辦結 / 未辦已超時 / 未到期', 'Time limits: on time / late / overdue now / pending'),
};

/** The statistics as label/count rows in blocks (class, department, status, overdue), for the tab and the mail's text. */
const blockOf = (title: string, head: string, m: Record<string, number>, label: (k: string) => string): Cell[][] => [
  [title, head],
  ...Object.entries(m).map(([k, v]) => [label(k), v] as Cell[]),
  ['', ''],
];

export function statsRows(s: WeeklyStats, lang: Lang): { rows: Cell[][]; classRows: number } {
  const block = (title: string, m: Record<string, number>, label: (k: string) => string): Cell[][] => blockOf(title, HEAD.count[lang], m, label);
  const byClass = block(HEAD.byClass[lang], s.byClass, (k) => optionLabel('complaints', 'class', k, lang));
  const rows: Cell[][] = [
    ...byClass,
    ...block(HEAD.byDepartment[lang], s.byDepartment, (k) => maskPersonalText(k)),
    ...block(HEAD.byStatus[lang], s.byStatus, (k) => optionLabel('complaints', 'status', k, lang)),
    ...block(HEAD.overdue[lang], s.overdue, (k) => ruleLabel('complaints', k, lang)),
    [`${s.from} – ${s.to}`, s.total],
  ];
  return { rows, classRows: byClass.length - 1 };
}

/** The plain-text part of the statistics mail. */
export const statsText = (s: WeeklyStats, lang: Lang): string =>
  statsRows(s, lang)
    .rows.map(([label, n]) => (label === '' ? '' : `${label}：${n}`))
    .join('\n');

/** Rewrites the Stats tab (one write) with a column chart of complaints by class. */
export function writeStatsTab(book: Book, s: WeeklyStats): void {
  const { rows, classRows } = statsRows(s, book.lang);
  writeTab(book, TABS.stats, rows, classRows, s);
}

/** The monthly statistics' tab, rewritten with each 投诉月统计 notice: by class (charted), channel, department and status, then each time limit. */
export function writeMonthlyTab(book: Book, m: MonthlyStats): void {
  const lang = book.lang;
  const byClass = blockOf(HEAD.byClass[lang], HEAD.count[lang], m.byClass, (k) => optionLabel('complaints', 'class', k, lang));
  const rows: Cell[][] = [
    ...byClass,
    ...blockOf(HEAD.byChannel[lang], HEAD.count[lang], m.byChannel, (k) => optionLabel('complaints', 'channel', k, lang)),
    ...blockOf(HEAD.byDepartment[lang], HEAD.count[lang], m.byDepartment, (k) => maskPersonalText(k) || '—'),
    ...blockOf(HEAD.byStatus[lang], HEAD.count[lang], m.byStatus, (k) => optionLabel('complaints', 'status', k, lang)),
    [HEAD.limits[lang], ''],
    ...m.timeliness.map((r) => [LIMIT_LABELS[r.key]?.[lang] ?? r.key, `${r.onTime} / ${r.late} / ${r.overdue} / ${r.pending}`] as Cell[]),
    ['', ''],
    [`${m.from} – ${m.to}`, m.total],
  ];
  writeTab(book, TABS.monthly, rows, byClass.length - 1, m);
}

function writeTab(book: Book, which: { key: string; label: L10n }, raw: Cell[][], classRows: number, s: { from: string; to: string }): void {
  const lang = book.lang;
  // Department names come from the complaints as typed: text, never a formula.
  const rows = raw.map((r) => r.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
  const tab = book.tabOf(which.key, which.label) ?? which.label[lang];
  book.ports.tables.replaceAll(tab, rows, { title: `${HEAD.byClass[lang]} ${s.from} – ${s.to}`, rows: classRows, cols: 2 });
  book.forgetNames();
}
