// 归档: finished records past retention move to per-year archive tabs (归档-投诉-2025) that carry their own hash chain.
import type { Ports } from '../ports';
import { Book } from './book';
import { guarded } from './guarded';
import { hasAny } from './access';
import { appendNote } from './dutylog';
import { recordHistory } from './history';
import { archiveYear, chainHash, CHAIN_START, KEEP, parseRetention, verifyChain } from '../domain/retention';
import { neutralise } from '../domain/neutralise';
import { msg } from '../domain/messages';
import { fill } from '../domain/labels';
import { REGISTERS, RegisterKey } from '../domain/registers';
import { Cell, fail, Failure, L, Lang, LANGS } from '../domain/types';

const TEXT = {
  word: L('归档', '歸檔', 'Archive'),
  hash: L('归档校验值', '歸檔校驗值', 'Archive hash'),
  note: L('归档表：只有经理可以改动；改动会使核验失败', '歸檔表：只有經理可以改動；改動會使核驗失敗', 'Archive: only the manager may edit; any change fails verification'),
  manager: L('只有管理处经理可以归档', '只有管理處經理可以歸檔', 'Only the office manager may archive'),
  moved: L('归档：{what}', '歸檔：{what}', 'Archived: {what}'),
  item: L('{tab} {n} 条', '{tab} {n} 條', '{tab} {n}'),
  bad: L('“{tab}”核验不通过，第 {row} 行起与归档时不符', '「{tab}」核驗不通過，第 {row} 行起與歸檔時不符', '“{tab}” does not verify from row {row}'),
  cut: L('“{tab}”核验不通过：末尾的行与归档时不符（被删除或添加过）', '「{tab}」核驗不通過：末尾的行與歸檔時不符（被刪除或新增過）', '“{tab}” does not verify: rows at the end were removed or added'),
  good: L('“{tab}”核验通过，共 {n} 条', '「{tab}」核驗通過，共 {n} 條', '“{tab}” verifies: {n} rows'),
};
const say = (key: keyof typeof TEXT, lang: Lang, p: Record<string, string | number> = {}) => fill(TEXT[key][lang], p);

const headKey = (tab: string) => `archive.${tab}`;
const readHead = (ports: Ports, tab: string): { count: number; hash: string } | null => {
  const raw = ports.store.get(headKey(tab));
  return raw ? (JSON.parse(raw) as { count: number; hash: string }) : null;
};

export interface ArchiveCheck {
  tab: string;
  ok: boolean;
  rows: number;
  /** 1-based data row where the chain first fails; 0 when rows at the end were cut or added. */
  row?: number;
}

/** Every archive tab the add-on wrote, checked against its chain. */
export function verifyArchives(ports: Ports): ArchiveCheck[] {
  const book = new Book(ports);
  return book
    .names()
    .filter((tab) => LANGS.some((l) => tab.startsWith(`${TEXT.word[l]}-`)) && readHead(ports, tab))
    .map((tab) => {
      const rows = ports.tables.read(tab)?.rows ?? [];
      const r = verifyChain(rows, readHead(ports, tab), book.tz);
      return r.ok ? { tab, ok: true, rows: r.rows } : { tab, ok: false, rows: rows.length, row: r.row };
    });
}

export const archiveLines = (checks: ArchiveCheck[], lang: Lang): string[] =>
  checks.map((c) => (c.ok ? say('good', lang, { tab: c.tab, n: c.rows }) : c.row ? say('bad', lang, { tab: c.tab, row: c.row }) : say('cut', lang, { tab: c.tab })));

export type ArchiveRecordsResult = { ok: true; moved: { register: RegisterKey; tab: string; count: number }[] } | Failure;

/**
 * Moves each finished record past its register's retention (Settings retention_years) to the
 * archive tab of its year, under the lock: appended with its chain hash first, then deleted from
 * the register. An archive that no longer verifies takes nothing more until it is put right.
 */
export function archiveRecords(ports: Ports): ArchiveRecordsResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, ['manager'])) return fail('forbidden', TEXT.manager[lang]);
  return guarded(ports, () => lang, (): ArchiveRecordsResult => {
    const years = parseRetention(book.settings().retention_years).years;
    // The managers the add-on last confirmed, and this one: a manager typed into Roles by hand gets no edit right here.
    const managers = [...new Set([...book.rolesSeal().managers, actor.email.toLowerCase()])];
    // First what would move, and a check of every archive it would go to, so a broken archive stops the run before any write.
    const plans: { key: RegisterKey; tab: string; headers: string[]; groups: [string, number[]][] }[] = [];
    for (const key of Object.keys(KEEP) as RegisterKey[]) {
      const loaded = book.load(key);
      if (!loaded) continue;
      const byYear = new Map<string, number[]>();
      loaded.records.forEach((rec, i) => {
        const year = archiveYear(key, rec, REGISTERS[key].timeField, years, book.now, book.tz);
        const tab = `${TEXT.word[lang]}-${loaded.tab}-${year}`;
        if (year) byYear.set(tab, [...(byYear.get(tab) ?? []), i]);
      });
      if (byYear.size) plans.push({ key, tab: loaded.tab, headers: ports.tables.read(loaded.tab)?.headers ?? [], groups: [...byYear].sort() });
    }
    for (const { groups } of plans) {
      for (const [tab] of groups) {
        const grid = book.names().includes(tab) ? ports.tables.read(tab) : null;
        const check = grid ? verifyChain(grid.rows, readHead(ports, tab), book.tz) : null;
        if (check && !check.ok) return fail('precondition', check.row ? say('bad', lang, { tab, row: check.row }) : say('cut', lang, { tab }));
      }
    }
    const moved: { register: RegisterKey; tab: string; count: number }[] = [];
    for (const plan of plans) {
      const rows = book.load(plan.key)!.rows;
      for (const [tab, indexes] of plan.groups) {
        toArchive(ports, book, tab, plan.headers, indexes.map((i) => rows[i]), managers, lang);
        moved.push({ register: plan.key, tab, count: indexes.length });
      }
      book.deleteRows(plan.tab, plan.groups.flatMap(([, i]) => i).sort((x, y) => x - y));
    }
    if (moved.length) {
      const what = moved.map((m) => say('item', lang, { tab: m.tab, n: m.count })).join('，');
      appendNote(book, actor.name || actor.email, say('moved', lang, { what }));
      // 变更记录 gets one row per archive tab: what moved where, and how many.
      recordHistory(book, moved.map((m) => ({ register: m.register, before: null, after: { id: m.tab }, action: 'archive', note: say('item', lang, { tab: m.tab, n: m.count }) })));
    }
    return { ok: true, moved };
  });
}

/** Appends rows to an archive tab (checked beforehand), made, headed and locked to the managers when new. */
function toArchive(ports: Ports, book: Book, tab: string, headers: string[], rows: Cell[][], managers: string[], lang: Lang): void {
  const tables = ports.tables;
  let head = readHead(ports, tab);
  let columns: string[];
  if (!tables.names().includes(tab)) {
    tables.create(tab);
    book.forgetNames();
    columns = [TEXT.hash[lang], ...headers];
    tables.writeHeaders(tab, columns);
    tables.lockTo(tab, managers, TEXT.note[lang]);
    head = null;
  } else {
    columns = tables.read(tab)?.headers ?? [];
    // Columns the register gained since are added at the end; older rows read as blank there, so their hashes hold.
    const more = headers.filter((h) => h && !columns.includes(h));
    if (more.length) tables.writeHeaders(tab, (columns = [...columns, ...more]));
  }
  const from = columns.map((h, i) => (i === 0 ? -1 : headers.indexOf(h)));
  let prev = head?.hash ?? CHAIN_START;
  const out = rows.map((row) => {
    // Text is written neutralised, so a cell reading "=…" stays text in the archive too.
    const cells = from.slice(1).map((c): Cell => {
      const v = c < 0 ? '' : row[c] ?? '';
      return typeof v === 'string' ? neutralise(v) : v;
    });
    prev = chainHash(prev, cells, book.tz);
    return [neutralise(prev), ...cells];
  });
  tables.append(tab, out);
  ports.store.set(headKey(tab), JSON.stringify({ count: (head?.count ?? 0) + out.length, hash: prev }));
}
