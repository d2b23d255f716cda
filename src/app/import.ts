// Importing an old register from a tab: preview, run (one read and one write per register, under the lock) and undo by batch.
import type { Ports } from '../ports';
import { Book } from './book';
import { guarded } from './guarded';
import { recordHistory } from './history';
import { hasAny } from './access';
import { nextId } from './ids';
import { isRegisterKey, REGISTER_KEYS, REGISTERS, RegisterDef, RegisterKey } from '../domain/registers';
import {
  fingerprint,
  findHeaderRow,
  guessRegister,
  HeaderMatch,
  IMPORT_REF,
  IMPORTABLE,
  importFields,
  isBlankRow,
  isTotalsRow,
  matchHeaders,
  normHeader,
  PROBLEM_META,
  PROBLEM_TAB,
  readRow,
  yearHint,
} from '../domain/import';
import { indexOfLabel, layoutOf, matchesLabel, recordToRow } from '../domain/table';
import { neutralise, unquote } from '../domain/neutralise';
import { maskId, maskIdsInText } from '../domain/format';
import { careSince } from '../domain/households';
import { atMoment, buildEntry, canonicalWords, ChainPoint, lastPoint } from '../domain/dutylog';
import { BASE_KEY, dutyRows, HEAD_KEY, readPoint } from './dutylog';
import { msg } from '../domain/messages';
import { Actor, Cell, fail, Failure, L, L10n, Lang, LANGS, Rec } from '../domain/types';
import * as z from 'zod/mini';

const TEXT = {
  no_tab: L('找不到工作表“{tab}”', '找不到工作表「{tab}」', 'No tab named “{tab}”'),
  no_header: L('前 15 行里找不到表头', '前 15 行裡找不到表頭', 'No header row in the first 15 rows'),
  history_note: L('导入 {n} 条 {range}（来源：{source}）', '匯入 {n} 條 {range}（來源：{source}）', '{n} imported {range} (from {source})'),
  history_undone: L('删除本批导入的 {n} 条', '刪除本批匯入的 {n} 條', '{n} imported rows removed'),
  duty_note: L('导入历史记录 {n} 条（{source}，批次 {batch}）', '匯入歷史記錄 {n} 條（{source}，批次 {batch}）', 'Imported {n} past entries ({source}, batch {batch})'),
  own_tab: L('不能从台账本身导入', '不能從台賬本身匯入', 'A register cannot be imported into itself'),
  no_register: L('认不出是哪本台账，请指定台账', '認不出是哪本台賬，請指定台賬', 'Cannot tell which register this is; choose one'),
  bad_map: L('“{v}”不是这本台账的栏目', '「{v}」不是這本台賬的欄目', '“{v}” is not a field of this register'),
  too_big: L('文件太大：一次最多导入 {n} 行', '檔案太大：一次最多匯入 {n} 行', 'Too big: at most {n} rows per import'),
  changed: L('以下记录导入后已被修改，没有撤销任何记录：{ids}', '以下記錄匯入後已被修改，沒有撤銷任何記錄：{ids}', 'Changed after the import, so nothing was undone: {ids}'),
} satisfies Record<string, L10n>;

const say = (key: keyof typeof TEXT, lang: Lang, params: Record<string, string | number> = {}): string =>
  TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

export interface ImportRequest {
  /** The tab holding the old register (pasted in, or copied there by the CLI). */
  tab: string;
  register?: string;
  /** Source header → field key or label; a string "header=field,…" as the CLI takes it. */
  map?: Record<string, string> | string;
  /** The year for dates typed without one (3月5日); else the title's. */
  year?: number;
  /** Names in the fingerprint: the file and sheet the rows came from (default: the tab). */
  source?: string;
  sheet?: string;
}

export interface Rejected {
  /** 1-based row in the source sheet. */
  row: number;
  reasons: Record<string, string>;
}

export interface ImportReport {
  ok: true;
  dryRun: boolean;
  batch: string | null;
  register: RegisterKey;
  guesses: { register: RegisterKey; score: number }[];
  /** 1-based row of the (first) header row, and how many header rows there are. */
  headerRow: number;
  headerRows: number;
  mapping: Record<string, string>;
  matches: HeaderMatch[];
  unmapped: string[];
  /** Data rows: blank rows and a totals row are not data. */
  rows: number;
  imported: number;
  duplicates: number;
  rejected: Rejected[];
  skipped: { blank: number; totals: number };
  problemsTab: string | null;
  /** Rows left for the next run when the time budget ran out (0: the import is complete). */
  remaining: number;
}

type Plan = ImportReport & { year: number | null; above: string[]; adds: { values: Rec; fp: string; cells: Cell[] }[]; bad: { row: number; fp: string; cells: Cell[]; reasons: Record<string, string> }[]; extra: number[]; headers: string[]; meta: Record<string, number> };

/** Rows per write: 10,000 rows in one call stay well inside a run's time and Sheets' per-call size. */
const CHUNK = 10_000;

const textOf = (c: Cell | undefined): string => (c === undefined || c === null ? '' : String(c).trim());

function parseMap(map: unknown): Record<string, string> | null {
  if (map === undefined || map === null || map === '') return {};
  if (typeof map === 'string') {
    const out: Record<string, string> = {};
    for (const part of map.split(/[,，]/)) {
      if (!part.trim()) continue;
      const at = part.lastIndexOf('=');
      if (at < 0) return null;
      out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
    return out;
  }
  if (typeof map !== 'object' || Array.isArray(map)) return null;
  return Object.values(map).every((v) => typeof v === 'string') ? (map as Record<string, string>) : null;
}

interface Start {
  book: Book;
  lang: Lang;
  actor: Actor;
}

function start(ports: Ports): Start | Failure {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!actor.roles.length) return fail('forbidden', msg(actor.email ? 'not_registered' : 'no_email', lang));
  // Bringing in a whole register at once is a supervisor's or the manager's decision.
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', lang));
  return { book, lang, actor };
}

/** Reads the source and decides, row by row, what would happen; writes nothing. */
function plan(s: Start, req: unknown): Plan | Failure {
  const { book, lang } = s;
  const bad = (field: string, text: string) => fail('invalid', text, { [field]: text });
  if (!req || typeof req !== 'object' || Array.isArray(req)) return bad('tab', msg('invalid_input', lang));
  const r = req as ImportRequest;
  if (typeof r.tab !== 'string' || !r.tab.trim()) return bad('tab', msg('required', lang));
  const map = parseMap(r.map);
  if (!map) return bad('map', say('bad_map', lang, { v: String(r.map) }));
  if (r.year !== undefined && r.year !== null && !(Number.isInteger(r.year) && r.year >= 1901 && r.year <= 2100)) return bad('year', msg('date_range', lang));
  if (r.register !== undefined && r.register !== null && r.register !== '' && !(isRegisterKey(r.register) && IMPORTABLE.includes(r.register))) {
    return bad('register', msg('unknown_register', lang));
  }
  const ownTab = REGISTER_KEYS.some((k) => matchesLabel(r.tab, k, REGISTERS[k].label));
  if (ownTab) return bad('tab', say('own_tab', lang));
  const all = book.ports.tables.values(r.tab);
  if (!all) return bad('tab', say('no_tab', lang, { tab: r.tab }));
  const found = findHeaderRow(all);
  if (found.index < 0) return bad('tab', say('no_header', lang));
  const above = all.slice(0, found.index).map((row) => row.map(textOf).join(' '));
  const guesses = guessRegister(found.headers, [r.tab, r.sheet ?? '', ...above]);
  const key = (r.register || (guesses[0].score > 0 ? guesses[0].register : null)) as RegisterKey | null;
  if (!key) return bad('register', say('no_register', lang));
  const def = REGISTERS[key];
  const matches = matchHeaders(def, found.headers, map);
  const fields = importFields(def);
  for (const target of Object.values(map)) {
    if (target && !fields.some((f) => f.key === target || LANGS.some((l) => f.label[l] === target))) return bad('map', say('bad_map', lang, { v: target }));
  }
  const meta: Record<string, number> = {};
  for (const [k, label] of Object.entries(PROBLEM_META)) {
    const i = found.headers.findIndex((h) => LANGS.some((l) => normHeader(label[l]) === normHeader(h)));
    if (i >= 0) meta[k] = i;
  }
  const metaCols = new Set(Object.values(meta));
  const body = all.slice(found.index + found.rows);
  const first = found.index + found.rows + 1;
  const width = Math.max(found.headers.length, ...body.map((row) => row.length));
  // Columns no field took: kept beside the register's, unless wholly empty (the blank half of a merge).
  const extra: number[] = [];
  for (let c = 0; c < width; c++) {
    // The duty log keeps the whole old row in an entry's text, so it needs no columns of its own.
    if (metaCols.has(c) || matches[c]?.field || key === 'duty_log') continue;
    if (textOf(found.headers[c]) || body.some((row) => textOf(row[c]) !== '')) extra.push(c);
  }
  const headers = Array.from({ length: width }, (_, c) => textOf(found.headers[c]) || `#${c + 1}`);
  const ctx = { tz: book.tz, year: r.year ?? yearHint([...above, r.tab, r.sheet ?? '']), now: book.now, lang };
  const source = r.source || r.tab;
  const sheet = r.sheet || r.tab;
  const report: Plan = {
    ok: true,
    dryRun: true,
    batch: null,
    register: key,
    guesses,
    headerRow: found.index + 1,
    headerRows: found.rows,
    mapping: Object.fromEntries(matches.filter((m) => m.field).map((m) => [m.source, m.field as string])),
    matches: matches.filter((m) => m.field || extra.includes(m.column)),
    unmapped: extra.map((c) => headers[c]),
    rows: 0,
    imported: 0,
    duplicates: 0,
    rejected: [],
    skipped: { blank: 0, totals: 0 },
    problemsTab: null,
    remaining: 0,
    adds: [],
    bad: [],
    extra,
    headers,
    meta,
    year: ctx.year,
    above,
  };
  const dataCols = (row: Cell[]) => (metaCols.size ? row.filter((_, c) => !metaCols.has(c)) : row);
  body.forEach((row, i) => {
    if (isBlankRow(row)) return void report.skipped.blank++;
    if (isTotalsRow(row)) return void report.skipped.totals++;
    report.rows++;
    const given = meta.fingerprint !== undefined ? unquote(textOf(row[meta.fingerprint])) : '';
    const fp = given || fingerprint(source, sheet, dataCols(row), book.tz);
    const read = readRow(def, matches, row, ctx);
    const at = meta.row !== undefined && Number(row[meta.row]) > 0 ? Number(row[meta.row]) : first + i;
    if (Object.keys(read.errors).length) report.bad.push({ row: at, fp, cells: row, reasons: read.errors });
    else report.adds.push({ values: read.values, fp: key === 'duty_log' ? dutyKey(read.values.at as Date, String(read.values.text)) : fp, cells: row });
  });
  return report;
}

/** The register tab's headers, whole (Book keeps only records), and where the import column is. */
function readRegister(book: Book, def: RegisterDef) {
  const tab = book.registerTab(def.key);
  const grid = tab ? book.ports.tables.read(tab) : null;
  if (!tab || !grid) return null;
  const layout = layoutOf(def, grid.headers);
  const ref = indexOfLabel(grid.headers, IMPORT_REF.key, IMPORT_REF.label);
  return { tab, grid, layout, ref };
}

/** Removes what is already in the register (by fingerprint) and counts it as duplicates. */
function dedupe(p: Plan, existing: Set<string>): void {
  const seen = new Set(existing);
  const adds = p.adds;
  p.adds = [];
  for (const a of adds) {
    if (seen.has(a.fp)) p.duplicates++;
    else {
      seen.add(a.fp);
      p.adds.push(a);
    }
  }
  const bads = p.bad;
  p.bad = [];
  for (const b of bads) {
    if (existing.has(b.fp)) p.duplicates++;
    else p.bad.push(b);
  }
  p.imported = p.adds.length;
  p.rejected = p.bad.map((b) => ({ row: b.row, reasons: b.reasons }));
}

/** What identifies an imported row already in the register: its fingerprint, or for the duty log its time and text. */
function existing(reg: NonNullable<ReturnType<typeof readRegister>>, tz: string): Set<string> {
  const { rows } = reg.grid;
  if (reg.layout.def.key === 'duty_log') {
    const { at, text } = reg.layout.col;
    return new Set(rows.map((row) => dutyKey(atMoment(row[at], tz), String(row[text] ?? ''))));
  }
  return new Set(reg.ref < 0 ? [] : rows.map((row) => textOf(row[reg.ref]).split(' ')[1] ?? '').filter(Boolean));
}

const dutyKey = (at: Date | null, text: string): string => `${at ? Math.floor(at.getTime() / 1000) : ''}|${canonicalWords(text)}`;

/** A value from the source as the register stores it: text that Sheets would run or convert stays as typed; ID numbers are masked as everywhere. */
const asStored = (c: Cell | undefined): Cell => (c === undefined || c === null ? '' : typeof c === 'string' ? neutralise(maskIdsInText(c)) : c);

const publicReport = (p: Plan): ImportReport => {
  const { adds: _a, bad: _b, extra: _e, headers: _h, meta: _m, year: _y, above: _t, ...rest } = p;
  return rest;
};

export function previewImport(ports: Ports, req: unknown): ImportReport | Failure {
  const s = start(ports);
  if ('ok' in s) return s;
  const p = plan(s, req);
  if (!p.ok) return p;
  const reg = readRegister(s.book, REGISTERS[p.register]);
  if (!reg) return fail('not_setup', msg('not_setup', s.lang));
  dedupe(p, existing(reg, s.book.tz));
  return publicReport(p);
}

export function runImport(ports: Ports, req: unknown): ImportReport | Failure {
  const s = start(ports);
  if ('ok' in s) return s;
  const { book, lang, actor } = s;
  return guarded(ports, () => lang, (): ImportReport | Failure => {
    const p = plan(s, req);
    if (!p.ok) return p;
    const def = REGISTERS[p.register];
    const reg = readRegister(book, def);
    if (!reg) return fail('not_setup', msg('not_setup', lang));
    if (reg.layout.missing.length) return fail('not_setup', msg('not_setup', lang));
    dedupe(p, existing(reg, book.tz));
    p.dryRun = false;
    const tables = ports.tables;
    if (p.adds.length && def.key === 'duty_log') importDutyLog(ports, book, actor, p, (req as ImportRequest).source || (req as ImportRequest).tab);
    else if (p.adds.length) {
      // The import column and the source's own columns go after the register's, reusing same-named ones.
      const headers = [...reg.grid.headers];
      const ref = reg.ref >= 0 ? reg.ref : headers.push(IMPORT_REF.label[lang]) - 1;
      const owned = new Set(Object.values(reg.layout.col));
      const extraAt = p.extra.map((c) => {
        const name = neutralise(p.headers[c]);
        const i = headers.findIndex((h, j) => !owned.has(j) && j !== ref && h === name);
        return i >= 0 ? i : headers.push(name) - 1;
      });
      if (headers.length !== reg.grid.headers.length) tables.writeHeaders(reg.tab, headers);
      const layout = { ...reg.layout, width: headers.length };
      p.batch = nextId(ports.store, 'IMP-', book.now, book.tz, []);
      const ids = def.idPrefix ? idsFor(ports, def.idPrefix, book, reg.grid.rows.map((row) => ({ id: row[reg.layout.col.id] ?? '' }) as Rec), p.adds.length) : null;
      const toRow = (a: Plan['adds'][number], n: number): Cell[] => {
        const rec: Rec = { ...a.values, ...(ids ? { id: ids.at(n) } : {}), version: 1, created_at: book.now, created_by: actor.email, updated_at: book.now, updated_by: actor.email };
        for (const f of def.fields) if (f.maskId && typeof rec[f.key] === 'string') rec[f.key] = maskId(rec[f.key] as string);
        if (def.key === 'households') rec.care_since = careSince(null, rec, book.now);
        const row = recordToRow(layout, rec, lang, book.tz);
        row[ref] = `${p.batch} ${a.fp}`;
        p.extra.forEach((c, j) => (row[extraAt[j]] = asStored(a.cells[c])));
        return row;
      };
      // One write per CHUNK rows; past the time budget the rest waits for the next run, which
      // finds the rows written here by their fingerprints and goes on from there.
      const budgetMs = book.settings().batch_budget_seconds * 1000;
      let written = 0;
      while (written < p.adds.length) {
        const part = p.adds.slice(written, written + CHUNK);
        tables.append(reg.tab, part.map((a, n) => toRow(a, written + n)));
        written += part.length;
        if (written < p.adds.length && ports.clock.elapsedMs() > budgetMs) break;
      }
      ids?.commit(written);
      p.remaining = p.adds.length - written;
      p.imported = written;
      ports.store.set(`import.${p.batch}`, JSON.stringify({ register: def.key, count: written, source: (req as ImportRequest).source || (req as ImportRequest).tab }));
      // One 变更记录 row per batch, not per record: the batch id names the rows (导入批次 column), and undo removes them by it.
      const range = ids && written ? `${ids.at(0)}${written > 1 ? ` – ${ids.at(written - 1)}` : ''}` : '';
      if (written) recordHistory(book, [{ register: def.key, before: null, after: { id: p.batch }, action: 'import', note: say('history_note', lang, { n: written, range, source: (req as ImportRequest).source || (req as ImportRequest).tab }) }]);
    }
    const fromProblems = matchesLabel((req as ImportRequest).tab, 'import_problems', PROBLEM_TAB);
    if (p.bad.length || fromProblems) {
      // The latest import's rejects, with their original values: fixed there, that tab is imported again.
      const metaCols = new Set(Object.values(p.meta));
      const keep = p.headers.map((_, c) => c).filter((c) => !metaCols.has(c));
      const req2 = req as ImportRequest;
      const head = [PROBLEM_META.reasons[lang], PROBLEM_META.source[lang], PROBLEM_META.row[lang], PROBLEM_META.fingerprint[lang], ...keep.map((c) => neutralise(p.headers[c]))];
      const label = (k: string) => def.fields.find((f) => f.key === k)?.label[lang] ?? k;
      const lines = p.bad.map((b) => [
        neutralise(Object.entries(b.reasons).map(([k, v]) => `${label(k)}：${v}`).join('；')),
        neutralise(p.meta.source !== undefined ? textOf(b.cells[p.meta.source]) : req2.source || req2.tab),
        b.row,
        neutralise(b.fp),
        ...keep.map((c) => asStored(b.cells[c])),
      ]);
      const tab = book.tabOf('import_problems', PROBLEM_TAB) ?? PROBLEM_TAB[lang];
      // The title keeps the year dates without one were read in, for when the tab is imported again.
      const year = p.year ? (lang === 'en' ? ` · ${p.year}` : ` · ${p.year}年`) : '';
      const title = fromProblems && p.above[0] ? p.above[0] : neutralise(`${PROBLEM_TAB[lang]} · ${req2.source || req2.tab}${year}`);
      tables.replaceAll(tab, [[title], head, ...lines]);
      p.problemsTab = tab;
    }
    // An uploaded file's copy has done its work once every row is in (its rejects are in 导入问题).
    if (!p.remaining && isStageTab((req as ImportRequest).tab)) tables.remove((req as ImportRequest).tab);
    return publicReport(p);
  });
}

/**
 * Old duty-log rows join the hash chain as entries at their own times, then one correction note
 * says what was imported, so the chain verifies from the import on and the log shows where the
 * history came from.
 */
function importDutyLog(ports: Ports, book: Book, actor: Actor, p: Plan, source: string): void {
  const loaded = book.load('duty_log')!;
  let head: ChainPoint | null = readPoint(ports.store, HEAD_KEY) ?? lastPoint(dutyRows(loaded)) ?? readPoint(ports.store, BASE_KEY);
  const entries = p.adds.map((a) => (head = buildEntry(head, { at: a.values.at as Date, officer: String(a.values.officer ?? ''), kind: 'entry', text: String(a.values.text) }, book.tz)));
  p.batch = nextId(ports.store, 'IMP-', book.now, book.tz, []);
  const note = buildEntry(head, { at: book.now, officer: actor.name || actor.email, kind: 'correction', text: say('duty_note', book.lang, { n: entries.length, source, batch: p.batch }), corrects: entries[0].seq }, book.tz);
  book.appendRecords(loaded, [...entries, note] as unknown as Rec[]);
  ports.store.set(HEAD_KEY, JSON.stringify({ seq: note.seq, hash: note.hash }));
  ports.store.set(`import.${p.batch}`, JSON.stringify({ register: 'duty_log', count: entries.length, source }));
  const range = `${entries[0].seq}${entries.length > 1 ? ` – ${entries[entries.length - 1].seq}` : ''}`;
  recordHistory(book, [{ register: 'duty_log', before: null, after: { id: p.batch }, action: 'import', note: say('history_note', book.lang, { n: entries.length, range, source }) }]);
}

/** Ids for a batch: the counter is read once, and set once to the last id written, so a run cut short leaves no gap. */
function idsFor(ports: Ports, prefix: string, book: Book, existing: Rec[], count: number) {
  const first = nextId(ports.store, prefix, book.now, book.tz, existing);
  const stem = first.slice(0, first.lastIndexOf('-') + 1);
  const n = Number(first.slice(stem.length));
  const ids = Array.from({ length: count }, (_, i) => `${stem}${String(n + i).padStart(4, '0')}`);
  return { at: (i: number) => ids[i], commit: (used: number) => ports.store.set(`seq.${stem}`, String(n + Math.max(used, 1) - 1)) };
}

export type UndoResult = { ok: true; batch: string; removed: number } | (Failure & { changed?: string[] });

/** Removes exactly a batch's rows, or nothing when any of them was changed since the import. */
export function undoImport(ports: Ports, batch: unknown): UndoResult {
  const s = start(ports);
  if ('ok' in s) return s;
  const { book, lang } = s;
  const id = typeof batch === 'string' ? batch.trim() : '';
  const stored = id ? ports.store.get(`import.${id}`) : null;
  if (!stored) return fail('not_found', msg('not_found', lang), { batch: msg('not_found', lang) });
  const { register } = JSON.parse(stored) as { register: RegisterKey };
  const def = REGISTERS[register];
  if (register === 'duty_log') return fail('precondition', msg('append_only', lang));
  return guarded(ports, () => lang, (): UndoResult => {
    const reg = readRegister(book, def);
    if (!reg || reg.ref < 0) return { ok: true, batch: id, removed: 0 };
    const { col } = reg.layout;
    const mine: number[] = [];
    const changed: string[] = [];
    reg.grid.rows.forEach((row, i) => {
      if (textOf(row[reg.ref]).split(' ')[0] !== id) return;
      mine.push(i);
      const created = row[col.created_at];
      const updated = row[col.updated_at];
      const same = created instanceof Date && updated instanceof Date ? created.getTime() === updated.getTime() : created === updated;
      if (Number(row[col.version]) !== 1 || !same) changed.push(textOf(row[col.id]));
    });
    if (changed.length) {
      const f = fail('conflict', say('changed', lang, { ids: changed.join('、') }), Object.fromEntries(changed.map((c) => [c, msg('conflict', lang)])));
      return { ...f, changed };
    }
    book.deleteRows(reg.tab, mine);
    ports.store.remove(`import.${id}`);
    if (mine.length) recordHistory(book, [{ register: def.key, before: null, after: { id }, action: 'undo_import', note: say('history_undone', lang, { n: mine.length }) }]);
    return { ok: true, batch: id, removed: mine.length };
  });
}

// ---------------- an uploaded file ----------------

/** The tab an uploaded .xlsx or .csv is copied into, named after the file: 导入源·投诉2025.xlsx·Sheet1. */
const STAGE = L('导入源', '匯入源', 'Import source');
const isStageTab = (tab: string): boolean => LANGS.some((l) => tab.startsWith(`${STAGE[l]}·`));

/** Rows per stageImport call: the sidebar sends a big file in parts, each far below what google.script.run carries. */
export const STAGE_PART = 2000;
/** The most rows one source may have; a bigger register is split into files by year. */
const MAX_SOURCE_ROWS = 100_000;

// Checked field by field with the schema pieces the record forms already use (z.object would add 3 KB to the bundle).
const STAGE_CELL = z.union([z.string().check(z.maxLength(50_000)), z.number(), z.boolean(), z.null()]);
const STAGE_ROWS = z.array(z.array(STAGE_CELL).check(z.maxLength(500))).check(z.maxLength(STAGE_PART));
const STAGE_NAME = z.string().check(z.maxLength(200), z.refine((x: string) => x.trim() !== ''));
const STAGE_SHEET = z.string().check(z.maxLength(100));
const STAGE_OFFSET = z.number().check(z.refine((n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_SOURCE_ROWS));

function stageRequest(req: unknown): { name: string; sheet: string; offset: number; rows: (string | number | boolean | null)[][] } | null {
  if (!req || typeof req !== 'object' || Array.isArray(req)) return null;
  const r = req as Record<string, unknown>;
  const name = STAGE_NAME.safeParse(r.name);
  const sheet = STAGE_SHEET.safeParse(r.sheet ?? '');
  const offset = STAGE_OFFSET.safeParse(r.offset);
  const rows = STAGE_ROWS.safeParse(r.rows);
  return name.success && sheet.success && offset.success && rows.success ? { name: name.data.trim(), sheet: sheet.data, offset: offset.data, rows: rows.data } : null;
}

export type StageResult = { ok: true; tab: string; rows: number } | Failure;

/**
 * Copies part of a file the sidebar read into this workbook, so the import reads it like any tab.
 * Text is written neutralised (a "=…" cell stays text, a "3-5" stays as typed) and read back as typed.
 */
export function stageImport(ports: Ports, req: unknown): StageResult {
  const s = start(ports);
  if ('ok' in s) return s;
  const { lang } = s;
  const r = stageRequest(req);
  if (!r) return fail('invalid', msg('invalid_input', lang), { file: msg('invalid_input', lang) });
  if (r.offset + r.rows.length > MAX_SOURCE_ROWS) return fail('invalid', say('too_big', lang, { n: MAX_SOURCE_ROWS }), { file: say('too_big', lang, { n: MAX_SOURCE_ROWS }) });
  const clean = (x: string) => x.replace(/[[\]*?/\\:·]/g, ' ').trim();
  const tab = `${STAGE[lang]}·${clean(r.name)}${r.sheet ? `·${clean(r.sheet)}` : ''}`.slice(0, 99);
  return guarded(ports, () => lang, (): StageResult => {
    const width = Math.max(1, ...r.rows.map((row) => row.length));
    const rows = r.rows.map((row) => Array.from({ length: width }, (_, c): Cell => {
      const v = row[c];
      return typeof v === 'string' ? neutralise(v) : v ?? '';
    }));
    const tables = ports.tables;
    // The first part replaces an earlier copy of the same file, so trying again never piles up tabs.
    if (r.offset === 0) tables.replaceAll(tab, rows);
    else if (!tables.names().includes(tab)) return fail('not_found', say('no_tab', lang, { tab }));
    else tables.write(tab, r.offset - 1, rows);
    return { ok: true, tab, rows: r.offset + rows.length };
  });
}
