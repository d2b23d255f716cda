// The monthly capacity report: cells used against Google's 10 million per spreadsheet, and the register growing fastest.
import type { Book } from './book';
import { trustedRoles } from './rolesGuard';
import { Claim, LedgerTab, wants } from './ledger';
import type { PlannedMail } from './scan';
import { escapeHtml } from '../domain/escape';
import { fill } from '../domain/labels';
import { REGISTER_KEYS, REGISTERS } from '../domain/registers';
import { isoInZone } from '../domain/zone';
import { L, Lang } from '../domain/types';

/** Google Sheets' limit: 10 million cells in one spreadsheet, counted over every tab's rows × columns. */
export const CELL_LIMIT = 10_000_000;
const LAST_KEY = 'capacity.last';

const TEXT = {
  subject: L('表格容量月报 {month}', '試算表容量月報 {month}', 'Workbook size, {month}'),
  used: L('本表格 {tabs} 个工作表共占用 {cells} 个单元格，为 Google 表格上限（1000 万个）的 {pct}%。', '本試算表 {tabs} 個工作表共佔用 {cells} 個儲存格，為 Google 試算表上限（1000 萬個）的 {pct}%。', 'The workbook’s {tabs} tabs use {cells} cells, {pct}% of Google’s limit of 10 million.'),
  growth: L('上次报告以来增长最快的台账：{register}，增加 {rows} 行。', '上次報告以來增長最快的台賬：{register}，增加 {rows} 行。', 'Fastest-growing register since the last report: {register}, {rows} rows more.'),
  near: L('已接近上限：请与管理员商量，把较早年份的归档工作表移到另一个表格保存。', '已接近上限：請與管理員商量，把較早年份的歸檔工作表移到另一個試算表保存。', 'Nearing the limit: ask the administrator to move older archive tabs to another workbook.'),
};
const say = (key: keyof typeof TEXT, lang: Lang, p: Record<string, string | number> = {}) => fill(TEXT[key][lang], p);

/** What the report says: the total against the limit and the register that grew most since `last` (register tab → used rows). */
export function capacityReport(sizes: { tab: string; cells: number; used: number }[], last: Record<string, number> | null, tabOf: (tab: string) => string | null, lang: Lang): string[] {
  const cells = sizes.reduce((n, s) => n + s.cells, 0);
  const pct = Math.round((cells / CELL_LIMIT) * 1000) / 10;
  const lines = [say('used', lang, { tabs: sizes.length, cells: cells.toLocaleString('en-US'), pct })];
  const grown = sizes.map((s) => ({ name: tabOf(s.tab), rows: s.used - (last?.[s.tab] ?? s.used) })).filter((g) => g.name && g.rows > 0).sort((a, b) => b.rows - a.rows)[0];
  if (grown) lines.push(say('growth', lang, { register: grown.name!, rows: grown.rows }));
  if (pct >= 70) lines.push(say('near', lang));
  return lines;
}

/** Once a month, with the first scan on the 1st from the digest hour: one mail to each manager; the sizes are kept for next month's growth. */
export function planCapacity(book: Book, roles: Parameters<typeof trustedRoles>[1], ledger: LedgerTab): PlannedMail[] {
  const wall = isoInZone(book.now, book.tz);
  const month = wall.slice(0, 7);
  // On the 1st, from the digest hour: a run missed that day leaves the month without a report rather than a late one.
  if (wall.slice(8, 10) !== '01' || Number(wall.slice(11, 13)) < book.settings().digest_hour) return [];
  const key = `capacity|${month}`;
  const raw = book.ports.store.get(LAST_KEY);
  const last = raw ? (JSON.parse(raw) as { month: string; used: Record<string, number> }) : null;
  // The ledger keeps a sent report 8 days; the month in the store keeps it from going out again later that month.
  if (ledger.byKey.has(key) || last?.month === month) return [];
  const s = book.settings();
  const managers = [...s.emails_manager, ...trustedRoles(book.ports, roles).filter((r) => Array.isArray(r.roles) && r.roles.includes('manager')).map((r) => String(r.email))];
  const claims = [...new Set(managers.map((m) => m.toLowerCase()))].map((to) => wants(ledger, key, to, book.now, { intervalHours: Infinity })).filter((c): c is Claim => c !== null);
  if (!claims.length) return [];
  const sizes = book.ports.tables.sizes();
  const names = new Map(REGISTER_KEYS.map((k) => [book.registerTab(k), REGISTERS[k].label[book.lang]] as const));
  const lines = capacityReport(sizes, last?.used ?? null, (tab) => names.get(tab) ?? null, book.lang);
  book.ports.store.set(LAST_KEY, JSON.stringify({ month, used: Object.fromEntries(sizes.map((x) => [x.tab, x.used])) }));
  const subject = `${say('subject', book.lang, { month })} · ${s.estate_name}`;
  const html = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  return claims.map((c) => ({ to: [c.to], subject, html, text: lines.join('\n'), ids: [key], claims: [c] }));
}
