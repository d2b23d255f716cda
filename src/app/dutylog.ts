// Duty log use cases: append an entry (handover, sign-off, correction) under the lock, verify the chain, the sidebar's day view, and archiving.
//
// The chain head (last seq and hash) is kept in document properties as well as in the
// sheet, so removing the last rows is caught; after archiving, the head at the cut is kept
// too ('dutylog.base') and the remaining rows chain on from it.
import { Book, Loaded, TABS } from './book';
import { denyRead, hasAny, refusal } from './access';
import { guarded } from './guarded';
import type { ColumnSpec, Ports, Store } from '../ports';
import {
  archiveCut,
  atMoment,
  buildEntry,
  ChainPoint,
  ChainProblem,
  DutyKind,
  DutyRecord,
  handoverText,
  integerOf,
  lastPoint,
  parseHandover,
  validateEntry,
  verifyChain,
} from '../domain/dutylog';
import { addDaysYmd, dateStart, dayKey, parseIsoIn } from '../domain/calendar';
import { REGISTERS } from '../domain/registers';
import { MAX_LONGTEXT, validateDutyEntry } from '../domain/schema';
import { isoInZone, Layout, layoutOf } from '../domain/table';
import { neutralise } from '../domain/neutralise';
import { optionLabel, t } from '../domain/labels';
import { msg } from '../domain/messages';
import { Actor, Cell, fail, Failure, L, L10n, Lang, Rec, RoleKey } from '../domain/types';

/** Document properties: the chain's last entry, and the archive cut the visible rows continue from. */
export const HEAD_KEY = 'dutylog.head';
export const BASE_KEY = 'dutylog.base';

/** Columns Sheets must keep as typed ('@'): otherwise "1.50" or "2026-11-24" in a text would be re-read as a number or a date. */
export const DUTY_PLAIN_TEXT = REGISTERS.duty_log.fields.filter((f) => f.plainText).map((f) => f.key);

const FIELDS = ['seq', 'at', 'officer', 'kind', 'text', 'corrects', 'prev_hash', 'hash'] as const;
const STAFF: readonly RoleKey[] = ['clerk', 'supervisor', 'manager'];
const SIGNERS: readonly RoleKey[] = ['supervisor', 'manager'];
/** The sidebar shows at most this many entries. */
const DAY_VIEW_LIMIT = 200;

const TEXT = {
  signoff_role: L(
    '只有客服主管或管理处经理可以签阅值班记录',
    '只有客服主管或管理處經理可以簽閱值班記錄',
    'Only a supervisor or the office manager may sign off the duty log',
  ),
  nothing_to_sign: L('没有待签阅的值班记录', '沒有待簽閱的值班記錄', 'There are no entries waiting for sign-off'),
  signoff_now: L('签阅时间以实际签阅时为准，不能补填', '簽閱時間以實際簽閱時為準，不能補填', 'A sign-off is dated when it is made; it cannot be back-dated'),
  covers: L('签阅第 {from} 至 {to} 条（{days}），共 {n} 条', '簽閱第 {from} 至 {to} 條（{days}），共 {n} 條', 'Signed off entries {from} to {to} ({days}), {n} in all'),
  days_range: L('{a} 至 {b}', '{a} 至 {b}', '{a} to {b}'),
  archive_manager: L('只有管理处经理可以归档值班记录', '只有管理處經理可以歸檔值班記錄', 'Only the office manager may archive the duty log'),
  archive_note: L('值班记录归档，只能追加，不得改动或删除', '值班記錄歸檔，只能追加，不得改動或刪除', 'Archived duty log: append-only, do not alter or delete'),
} satisfies Record<string, L10n>;

const say = (text: L10n, lang: Lang, params: Record<string, string | number> = {}): string =>
  text[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

// ---------- reading ----------

/** A chain point saved in document properties; null when missing or unreadable. */
export function readPoint(store: Store, key: string): ChainPoint | null {
  const raw = store.get(key);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as { seq?: unknown; hash?: unknown };
    return typeof p.seq === 'number' && Number.isInteger(p.seq) && typeof p.hash === 'string' ? { seq: p.seq, hash: p.hash } : null;
  } catch {
    return null;
  }
}

const savePoint = (store: Store, key: string, p: ChainPoint): void => store.set(key, JSON.stringify({ seq: p.seq, hash: p.hash }));

/** The duty log tab as cells, without turning every row into a record (verifying 10,000 rows must stay fast). */
interface RawLog {
  tab: string;
  layout: Layout;
  rows: Cell[][];
}

function readRaw(book: Book): RawLog | null {
  const tab = book.registerTab('duty_log');
  const grid = tab ? book.ports.tables.read(tab) : null;
  return tab && grid ? { tab, layout: layoutOf(REGISTERS.duty_log, grid.headers), rows: grid.rows } : null;
}

/** The rows exactly as the cells hold them (verification must see what a person sees, not a parsed record). */
export function dutyRows(loaded: Pick<Loaded, 'layout' | 'rows'>): DutyRecord[] {
  const col = loaded.layout.col;
  return loaded.rows.map((row) => {
    const rec: Record<string, Cell | undefined> = {};
    for (const k of FIELDS) rec[k] = col[k] === undefined ? undefined : row[col[k]];
    return rec;
  });
}

interface Entry {
  index: number;
  seq: number | null;
  at: Date | null;
  officer: string;
  kind: string;
  text: string;
  corrects: number | null;
}

function entriesOf(loaded: Loaded, tz: string): Entry[] {
  const out: Entry[] = [];
  loaded.records.forEach((r, index) => {
    const seq = integerOf(r.seq as Cell);
    const at = atMoment(loaded.rows[index][loaded.layout.col.at ?? -1], tz);
    if (seq === null && at === null && !r.text) return;
    out.push({ index, seq, at, officer: String(r.officer ?? ''), kind: String(r.kind ?? ''), text: String(r.text ?? ''), corrects: integerOf(r.corrects as Cell) });
  });
  return out;
}

/** Entries not yet covered by a sign-off: everything after the last sign-off except sign-offs. */
function pendingOf(entries: Entry[]): Entry[] {
  let last = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'signoff') last = i;
  });
  return entries.slice(last + 1).filter((e) => e.kind !== 'signoff');
}

const wireEntry = (e: Entry, tz: string) => ({
  seq: e.seq ?? 0,
  at: e.at ? isoInZone(e.at, tz) : '',
  officer: e.officer,
  kind: e.kind,
  text: e.text,
  corrects: e.corrects,
});
export type WireEntry = ReturnType<typeof wireEntry>;

// ---------- appending ----------

export interface Coverage {
  from: number;
  to: number;
  count: number;
  days: string[];
}

export type AppendResult =
  | { ok: true; seq: number; at: string; officer: string; kind: DutyKind; text: string; corrects: number | null; hash: string; covers?: Coverage }
  | Failure;

interface EntryArgs {
  kind?: unknown;
  text?: unknown;
  corrects?: unknown;
  incoming?: unknown;
  openItems?: unknown;
  at?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Open items from the sidebar (one per line) or the API (a list). */
function openItemsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x ?? '').trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(/\r\n?|\n/).map((s) => s.trim()).filter(Boolean);
  return [];
}

/** A person named by email in the Roles tab goes into the log by name, as people sign a paper log. */
function nameOf(book: Book, who: string): string {
  const email = who.trim().toLowerCase();
  const rec = book.load('roles')?.records.find((r) => String(r.email ?? '').toLowerCase() === email && email !== '');
  return rec && rec.name ? String(rec.name) : who.trim();
}

function readAt(v: unknown, book: Book): Date | null | 'bad' {
  if (blank(v)) return null;
  if (typeof v !== 'string') return 'bad';
  return parseIsoIn(v, book.tz) ?? 'bad';
}

function coverageText(pending: Entry[], tz: string, lang: Lang): { text: string; covers: Coverage } {
  const seqs = pending.map((e) => e.seq).filter((s): s is number => s !== null);
  const days = [...new Set(pending.map((e) => (e.at ? dayKey(e.at, tz) : null)).filter((d): d is string => d !== null))].sort();
  const covers: Coverage = { from: Math.min(...seqs), to: Math.max(...seqs), count: pending.length, days };
  const span = days.length > 1 ? say(TEXT.days_range, lang, { a: days[0], b: days[days.length - 1] }) : days[0] ?? '';
  return { text: say(TEXT.covers, lang, { from: covers.from, to: covers.to, days: span, n: covers.count }), covers };
}

/**
 * Adds one entry to the duty log. Everything from reading the head to saving the new head
 * happens under the document lock, so two officers writing at once get consecutive seqs.
 */
export function appendDutyLog(ports: Ports, entry: unknown): AppendResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, [...STAFF, 'security'])) return fail('forbidden', msg(refusal(actor), lang));
  if (!isObject(entry)) return fail('invalid', msg('invalid_input', lang), { _: msg('invalid_input', lang) });
  // The shape first, with the same zod schema the sidebar's duty form uses.
  const shape = validateDutyEntry(entry, book.now, lang);
  if (!shape.ok) return fail('invalid', msg('invalid_input', lang), shape.fieldErrors);
  const args = entry as EntryArgs;
  if (args.kind === 'signoff' && !hasAny(actor, SIGNERS)) return fail('forbidden', TEXT.signoff_role[lang]);
  const given = readAt(args.at, book);
  if (given === 'bad') return fail('invalid', msg('invalid_input', lang), { at: msg('bad_datetime', lang) });
  if (args.kind === 'signoff' && given) return fail('invalid', msg('invalid_input', lang), { at: TEXT.signoff_now[lang] });

  return guarded(ports, () => lang, (): AppendResult => {
    const loaded = book.load('duty_log');
    if (!loaded) return fail('not_setup', msg('not_setup', lang));
    const rows = dutyRows(loaded);
    const at = given ?? book.now;
    const composed = composeText(book, actor, args, loaded, at, lang);
    if ('ok' in composed) return composed;
    const input = { at, officer: actor.name || actor.email, kind: args.kind, text: composed.text, corrects: args.corrects };
    const errors = validateEntry(input, rows, lang, book.now);
    if (!errors.text && composed.text.length > MAX_LONGTEXT) errors.text = msg('too_long', lang, { max: MAX_LONGTEXT });
    if (errors.text && args.kind === 'handover' && composed.fromIncoming) {
      // The text was made from the form's incoming officer, so point at that field.
      errors.incoming = errors.text;
      delete errors.text;
    }
    if (Object.keys(errors).length) return fail('invalid', msg('invalid_input', lang), errors);

    // Chain to the saved head, not to the last visible row: a cut-off tail must stay visible as a gap.
    const head = readPoint(ports.store, HEAD_KEY) ?? lastPoint(rows) ?? readPoint(ports.store, BASE_KEY);
    const kind = args.kind as DutyKind;
    const corrects = kind === 'correction' ? integerOf(args.corrects as Cell) : null;
    const row = buildEntry(head, { at, officer: input.officer, kind, text: composed.text, corrects }, book.tz);
    book.appendRecords(loaded, [row as unknown as Rec]);
    savePoint(ports.store, HEAD_KEY, row);
    return {
      ok: true,
      seq: row.seq,
      at: isoInZone(row.at, book.tz),
      officer: row.officer,
      kind,
      text: row.text,
      corrects: row.corrects,
      hash: row.hash,
      ...(composed.covers ? { covers: composed.covers } : {}),
    };
  });
}

/** A note the add-on itself writes to the log (an archive move), chained like any entry; call under the lock. */
export function appendNote(book: Book, officer: string, text: string): void {
  const loaded = book.load('duty_log');
  if (!loaded) return;
  const head = readPoint(book.ports.store, HEAD_KEY) ?? lastPoint(dutyRows(loaded)) ?? readPoint(book.ports.store, BASE_KEY);
  const row = buildEntry(head, { at: book.now, officer, kind: 'entry', text, corrects: null }, book.tz);
  book.appendRecords(loaded, [row as unknown as Rec]);
  savePoint(book.ports.store, HEAD_KEY, row);
}

/** The text written to the log: handovers name both officers and the open items; a sign-off names what it covers. */
function composeText(
  book: Book,
  actor: Actor,
  args: EntryArgs,
  loaded: Loaded,
  at: Date,
  lang: Lang,
): { text: string; covers?: Coverage; fromIncoming?: boolean } | Failure {
  const note = typeof args.text === 'string' ? args.text.trim() : args.text;
  if (args.kind === 'handover') {
    if (blank(args.incoming)) {
      // A full handover text (as the CLI may send it) stands on its own; otherwise the incoming officer is missing.
      if (typeof note === 'string' && parseHandover(note)) return { text: note };
      return fail('invalid', msg('invalid_input', lang), { incoming: msg('required', lang) });
    }
    const h = handoverText({ outgoing: actor.name || actor.email, incoming: nameOf(book, String(args.incoming)), openItems: openItemsOf(args.openItems) }, lang);
    return { text: typeof note === 'string' && note ? `${note}\n${h}` : h, fromIncoming: true };
  }
  if (args.kind === 'signoff') {
    const pending = pendingOf(entriesOf(loaded, book.tz)).filter((e) => !e.at || e.at.getTime() <= at.getTime());
    if (!pending.length) return fail('precondition', TEXT.nothing_to_sign[lang], { kind: TEXT.nothing_to_sign[lang] });
    const c = coverageText(pending, book.tz, lang);
    const noteText = typeof note === 'string' && note ? note : optionLabel('duty_log', 'kind', 'signoff', lang);
    return { text: `${noteText}\n${c.text}`, covers: c.covers };
  }
  return { text: typeof note === 'string' ? note : '' };
}

// ---------- verifying ----------

export type VerifyResult =
  | {
      ok: true;
      intact: boolean;
      entries: number;
      firstBad: number | null;
      problem: ChainProblem | null;
      message: string;
      /** The sheet row (1-based, header = 1) of the break, when it is on a row. */
      row: number | null;
      head: number | null;
      base: number | null;
    }
  | Failure;

/**
 * Recomputes every hash from the visible cells. Read under the lock, so an append that has
 * written its row but not yet its head is never mistaken for an inserted row.
 */
export function verifyDutyLog(ports: Ports): VerifyResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const denied = denyRead(book.actor(), lang, REGISTERS.duty_log);
  if (denied) return denied;
  return guarded(ports, () => lang, (): VerifyResult => {
    const loaded = readRaw(book);
    const head = readPoint(ports.store, HEAD_KEY);
    const base = readPoint(ports.store, BASE_KEY);
    const report = verifyChain(loaded ? dutyRows(loaded) : [], head, base, book.tz);
    return {
      ok: true,
      intact: report.intact,
      entries: report.entries,
      firstBad: report.firstBad,
      problem: report.problem,
      message: report.message[lang],
      row: report.firstBadRow === null ? null : report.firstBadRow + 2,
      head: head ? head.seq : null,
      base: base ? base.seq : null,
    };
  });
}

/** What the menu item shows. */
export function verifyAlert(r: VerifyResult, lang: Lang): string {
  if (!r.ok) return r.message;
  if (r.intact) return `${t('msg.log_ok', lang, { count: r.entries })}\n${r.message}`;
  return `${t('msg.log_broken', lang, { seq: r.firstBad ?? '?' })}\n${r.message}`;
}

// ---------- the sidebar's day ----------

export type DutyDayResult =
  | {
      ok: true;
      today: string;
      previousDay: string;
      /** Yesterday's and today's entries, and any older ones still waiting for sign-off, in log order. */
      entries: WireEntry[];
      /** Entries not yet covered by a sign-off. */
      pending: number;
      canSignOff: boolean;
      lastSignoff: WireEntry | null;
    }
  | Failure;

export function getDutyDay(ports: Ports): DutyDayResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, [...STAFF, 'security'])) return fail('forbidden', msg(refusal(actor), lang));
  const loaded = book.load('duty_log');
  if (!loaded) return fail('not_setup', msg('not_setup', lang));
  const tz = book.tz;
  const today = dayKey(book.now, tz);
  const previousDay = addDaysYmd(today, -1);
  const from = dateStart(previousDay, tz).getTime();
  const startOfToday = dateStart(today, tz).getTime();
  const all = entriesOf(loaded, tz);
  const pending = pendingOf(all);
  const waiting = new Set(pending.map((e) => e.index));
  const shown = all.filter((e) => waiting.has(e.index) || (e.at !== null && e.at.getTime() >= from)).slice(-DAY_VIEW_LIMIT);
  const lastSignoff = [...all].reverse().find((e) => e.kind === 'signoff') ?? null;
  return {
    ok: true,
    today,
    previousDay,
    entries: shown.map((e) => wireEntry(e, tz)),
    pending: pending.length,
    // The morning sign-off is for the days before today; the button shows once there is something from then.
    canSignOff: hasAny(actor, SIGNERS) && pending.some((e) => e.at !== null && e.at.getTime() < startOfToday),
    lastSignoff: lastSignoff ? wireEntry(lastSignoff, tz) : null,
  };
}

// ---------- archiving ----------

export type ArchiveResult =
  | { ok: true; moved: number; archiveTab: string | null; base: number | null; cutoff: string | null; remaining: number }
  | Failure;

/**
 * Moves entries older than the retention period (Settings duty_retention_years, 3 by
 * default) to the archive tab, deletes them from the log and keeps the chain head at the
 * cut, so the rows left still verify. Only the manager may do it; nothing younger moves.
 */
export function archiveDutyLog(ports: Ports): ArchiveResult {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  if (!hasAny(book.actor(), ['manager'])) return fail('forbidden', TEXT.archive_manager[lang]);
  return guarded(ports, () => lang, (): ArchiveResult => {
    const loaded = readRaw(book);
    if (!loaded) return fail('not_setup', msg('not_setup', lang));
    const rows = dutyRows(loaded);
    const base = readPoint(ports.store, BASE_KEY);
    const plan = archiveCut(rows, book.now, book.settings().duty_retention_years, book.tz, base);
    if (!plan.ok) return fail('precondition', plan.message[lang]);
    const cutoff = plan.cutoff ? isoInZone(plan.cutoff, book.tz) : null;
    const remaining = (n: number) => rows.slice(n).filter((r) => FIELDS.some((k) => !blank(r[k]))).length;
    if (plan.count === 0) return { ok: true, moved: 0, archiveTab: null, base: base ? base.seq : null, cutoff, remaining: remaining(0) };

    const tab = ensureArchiveTab(book, loaded, lang);
    const moving = loaded.rows.slice(0, plan.count).filter((_, i) => FIELDS.some((k) => !blank(rows[i][k])));
    ports.tables.append(tab.name, moving.map((r) => tab.copy(r)));
    ports.tables.deleteRows(loaded.tab, 0, plan.count);
    if (plan.base) savePoint(ports.store, BASE_KEY, plan.base);
    return { ok: true, moved: moving.length, archiveTab: tab.name, base: plan.base ? plan.base.seq : null, cutoff, remaining: remaining(plan.count) };
  });
}

/** The archive tab (created with the duty log's columns when missing) and how a log row maps onto its columns. */
function ensureArchiveTab(book: Book, loaded: RawLog, lang: Lang): { name: string; copy: (row: Cell[]) => Cell[] } {
  const { tables } = book.ports;
  const def = REGISTERS.duty_log;
  let name = book.tabOf(TABS.archive.key, TABS.archive.label);
  if (!name) {
    name = TABS.archive.label[lang];
    tables.create(name);
    tables.writeHeaders(name, def.fields.map((f) => f.label[lang]));
    book.forgetNames();
    const columns: ColumnSpec[] = def.fields.map((f) => ({ type: f.type, system: true, plainText: DUTY_PLAIN_TEXT.includes(f.key) }));
    tables.format({ tab: name, columns, protect: 'sheet', protectionNote: TEXT.archive_note[lang] });
  }
  const archive = layoutOf(def, tables.read(name)?.headers ?? []);
  const source: number[] = new Array(archive.width).fill(-1);
  for (const k of FIELDS) if (archive.col[k] !== undefined && loaded.layout.col[k] !== undefined) source[archive.col[k]] = loaded.layout.col[k];
  // Strings are copied as text: a cell that reads "=…" must not become a formula in the archive.
  // Plain-text columns are copied as they are (the archive's are plain text too), so an
  // apostrophe a plain-text cell kept is not doubled.
  const plain = new Set(DUTY_PLAIN_TEXT.map((k) => archive.col[k]));
  const copyCell = (v: Cell | undefined, to: number): Cell => (v === undefined ? '' : typeof v === 'string' && !plain.has(to) ? neutralise(v) : v);
  return { name, copy: (row) => source.map((i, to) => (i < 0 ? '' : copyCell(row[i], to))) };
}
