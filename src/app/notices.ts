// generateNotice: a record (or a period) rendered from its template into a Google Doc and a PDF, logged and linked back.
import { neutralise } from '../domain/neutralise';
import { Book, Loaded, TABS } from './book';
import { canRead, denyRead, hasAny, refusal } from './access';
import { guarded } from './guarded';
import { publicView } from './records';
import { weeklyStats } from './stats';
import { ExportFailed, type ExportTarget, type NoticeFolder, type Ports } from '../ports';
import { buildNoticeModel, isNoticeKey, NoticeDef, noticeDef, noticeFileName, noticeProblem, NoticeInput, noticesFor, officeProblem, periodProblem, renderNotice, servesRegister } from '../domain/notices';
import { evidenceData } from './evidence';
import { computeOverdue } from '../domain/deadlines';
import { dayKey } from '../domain/calendar';
import { isRegisterKey, REGISTERS } from '../domain/registers';
import { monthPeriod, parsePeriod, Period, rangePeriod } from '../domain/periods';
import { monthlyStats } from '../domain/complaintStats';
import { writeMonthlyTab } from './stats';
import { monthSummary } from '../domain/monthSummary';
import { summaryData } from './summary';
import { formatNoticeNumber, versionedNumber } from '../domain/noticeNumbers';
import { NOTICE_LOG_HEADERS } from './setup';
import { indexOfLabel } from '../domain/table';
import type { Cell } from '../domain/types';
import { msg } from '../domain/messages';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { fail, Failure, Lang, Rec } from '../domain/types';
import { fieldStep } from '../domain/prerequisite';
import { officeWording } from './wording';
import { recordHistory } from './history';
import { noticePhotos } from './attach';
import { recordSheetEdits } from './sheetEdits';

/**
 * Document property "drive.folder:<email>": that user's notices folder and whom it is shared with.
 * One folder per user because under drive.file the add-on, running for one clerk, cannot add
 * files to a folder it created for another (Google grants drive.file per file and per user).
 */
const FOLDER_KEY = 'drive.folder';

export interface Target {
  def: NoticeDef;
  input: NoticeInput;
  /** The id the notice carries and is named by: a record id, or a period like 20261119-20261125. */
  noticeId: string;
  loaded: Loaded | null;
  index: number;
}

/**
 * Period notices take a month "YYYY-MM", an ISO week "YYYY-Www", "YYYY-MM-DD..YYYY-MM-DD", one date (the
 * seven days ending it; for the monthly statistics, its month), or a change row's id (that day).
 */
function period(key: string, id: string, loaded: Loaded | null, tz: string): Period | null {
  if (key === 'monthly_stats' && /^\d{4}-\d{2}-\d{2}$/.test(id)) return monthPeriod(id.slice(0, 7));
  const p = parsePeriod(id);
  if (p) return p;
  const at = loaded?.records.find((r) => r.id === id)?.at;
  return at instanceof Date ? rangePeriod(dayKey(at, tz), dayKey(at, tz)) : null;
}

export function resolve(book: Book, register: string, id: string, template: string): Target | Failure {
  const lang = book.lang;
  const def = noticeDef(template);
  if (!def || !isNoticeKey(template)) return fail('invalid', msg('invalid_input', lang), { template: msg('bad_option', lang) });
  if (!servesRegister(def, register) || !isRegisterKey(register)) return fail('invalid', msg('invalid_input', lang), { register: msg('bad_option', lang) });
  const s = book.settings();
  const base = { settings: s, lang, now: book.now, wording: officeWording(book, def.key).wording };
  const loaded = book.load(register);
  if (def.input === 'record') {
    const index = loaded?.records.findIndex((r) => r.id === id) ?? -1;
    if (!loaded || index < 0) return fail('not_found', msg('not_found', lang), { id: msg('not_found', lang) });
    const record = loaded.records[index];
    if (!def.fits(record)) return fail('precondition', msg('bad_state', lang), { template: msg('bad_state', lang) });
    const evidence = def.key === 'evidence_pack' ? evidenceData(book, register as 'violations', record, noticeLog(book)) : undefined;
    return { def, input: { ...base, record: publicView(record, loaded.def), evidence }, noticeId: id, loaded, index };
  }
  const p = period(def.key, id, loaded, book.tz);
  if (!p) return fail('invalid', msg('invalid_input', lang), { id: msg('bad_date', lang) });
  // A statistics notice covers exactly what its title says: the week's for a week, the month's for a month.
  const wrong = periodProblem(def.key, p.kind, lang);
  if (wrong) return fail('invalid', wrong, { id: wrong });
  const span = { from: p.from, to: p.to };
  const target = { def, noticeId: p.id, loaded: null, index: -1 };
  const records = loaded?.records ?? [];
  if (def.input === 'rows') return { ...target, input: { ...base, rows: records, ...span } };
  if (def.key === 'monthly_stats') return { ...target, input: { ...base, monthly: monthlyStats(records, p.from, p.to, s, book.now), ...span } };
  if (def.key === 'monthly_summary') return { ...target, input: { ...base, summary: monthSummary(summaryData(book), p.from, p.to, s, book.now), ...span } };
  const items = computeOverdue({ now: book.now, settings: s, data: { complaints: records } }).items;
  return { ...target, input: { ...base, stats: weeklyStats(records, items, p.to, book.tz, p.from), ...span } };
}

/** A notice missing a field only an action fills says which step fills it ("先执行 限期整改，填写整改期限"). */
function refuseNotice(register: string, problem: { field: string; message: string; fields?: Record<string, string> }, lang: Lang): Failure {
  // Office details missing: name each one to fill in (Settings, not a step on the record).
  if (problem.fields) return fail('precondition', problem.message, problem.fields);
  const step = isRegisterKey(register) ? fieldStep(REGISTERS[register], problem.field, lang) : null;
  const text = step ?? problem.message;
  return fail('precondition', text, { [problem.field]: text });
}

/** Who may issue it: staff; a penalty notice only the manager (seed 001 第6篇 4.4.8). */
export function allowed(book: Book, def: NoticeDef): Failure | null {
  const actor = book.actor();
  if (!hasAny(actor, ['clerk', 'supervisor', 'manager'])) return fail('forbidden', msg(refusal(actor), book.lang));
  if (def.penalty && !hasAny(actor, ['manager'])) return fail('forbidden', msg('penalty_manager', book.lang));
  if (def.roles && !hasAny(actor, def.roles)) return fail('forbidden', msg('evidence_roles', book.lang));
  return null;
}

/** The HTML a notice would have, without creating anything (the sidebar's preview). */
export function previewNotice(ports: Ports, register: unknown, id: unknown, template: unknown, photos?: unknown) {
  const book = new Book(ports);
  const t = resolve(book, String(register), String(id), String(template));
  if ('ok' in t) return t;
  const denied = allowed(book, t.def);
  if (denied) return denied;
  const pics = withPhotos(ports, t, photos, book.lang);
  if (pics) return pics;
  const problem = noticeProblem(t.def.key, t.input) ?? officeProblem(t.input.settings, book.lang);
  if (problem) return refuseNotice(t.def.register, problem, book.lang);
  // The preview shows the number the notice would get now; generating takes it under the lock.
  const n = numberFor(book, t);
  return { ok: true as const, number: n.display, previewHtml: renderNotice(t.def.key, buildNoticeModel(t.def.key, { ...t.input, number: n.display })), warnings: officeWording(book, t.def.key).warnings };
}

/** The templates that fit a record now. */
export function getNoticeOptions(ports: Ports, register: unknown, id: unknown) {
  const book = new Book(ports);
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', book.lang));
  const actor = book.actor();
  if (!hasAny(actor, ['clerk', 'supervisor', 'manager'])) return fail('forbidden', msg(actor.roles.length ? 'forbidden' : 'not_registered', book.lang));
  const rec = book.load(register)?.records.find((r) => r.id === id);
  if (!rec) return fail('not_found', msg('not_found', book.lang));
  return {
    ok: true as const,
    templates: noticesFor(register, rec)
      .filter((d) => (!d.penalty || hasAny(actor, ['manager'])) && (!d.roles || hasAny(actor, d.roles)))
      .map((d) => ({ key: d.key, label: d.label[book.lang] })),
  };
}

/** The record the user selected in the sheet, for "Generate notice" from the menu. */
export function getSelectedRecord(ports: Ports) {
  const book = new Book(ports);
  const actor = book.actor();
  const denied = denyRead(actor, book.lang);
  if (denied) return denied;
  const sel = ports.tables.selection();
  if (!sel) return { ok: true as const, record: null };
  for (const key of ['violations', 'complaints', 'household_changes', 'emergency_entries', 'release_passes', 'move_ins'] as const) {
    const loaded = book.registerTab(key) === sel.tab && canRead(actor, REGISTERS[key]) ? book.load(key) : null;
    const rec = loaded?.records[sel.row];
    if (rec?.id) return { ok: true as const, record: { register: key, id: String(rec.id) } };
  }
  return { ok: true as const, record: null };
}

/** Rectification photos chosen in the sidebar (app/attach), into the notice's input; a refusal, or null. */
function withPhotos(ports: Ports, t: Target, photos: unknown, lang: Book['lang']): Failure | null {
  if (photos === undefined || photos === null || (Array.isArray(photos) && !photos.length)) return null;
  const got = t.def.key === 'rectification' && t.input.record ? noticePhotos(ports, t.loaded!.records[t.index], photos, lang) : noticePhotos(ports, {}, [''], lang);
  if ('ok' in got) return got;
  if (got.length) t.input.photos = got;
  return null;
}

export function generateNotice(ports: Ports, register: unknown, id: unknown, template: unknown, photos?: unknown) {
  const book = new Book(ports);
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', book.lang));
  const def = noticeDef(String(template));
  const denied = def ? allowed(book, def) : null;
  if (denied) return denied;
  const t = resolve(book, String(register), String(id), String(template));
  if ('ok' in t) return t;
  const pics = withPhotos(ports, t, photos, book.lang);
  if (pics) return pics;
  const r = issueNotice(book, t);
  // The monthly statistics also rewrite their tab, with its chart, for the office to keep working from.
  if (r.ok && t.input.monthly) guarded(ports, () => book.lang, () => (writeMonthlyTab(book, t.input.monthly!), { ok: true }));
  return r;
}

/**
 * Checks, numbers, renders, exports, logs and links one notice (generateNotice and the batch). The
 * number is taken under the lock before the export, so two clerks never print the same number; an
 * export that then fails leaves that number unused rather than risk giving it twice.
 */
export function issueNotice(book: Book, t: Target, keep?: (doc: ReturnType<Ports['docs']['export']>) => void) {
  const { ports } = book;
  const problem = noticeProblem(t.def.key, t.input) ?? officeProblem(t.input.settings, book.lang);
  if (problem) return refuseNotice(t.def.register, problem, book.lang);
  const n = guarded(ports, () => book.lang, () => reserveNumber(book, t));
  if ('ok' in n) return n;
  const html = renderNotice(t.def.key, buildNoticeModel(t.def.key, { ...t.input, number: n.display }));
  const name = noticeFileName(t.def.key, t.noticeId, book.now, book.tz);
  const where = folderTarget(book);
  let doc: ReturnType<Ports['docs']['export']>;
  try {
    // Drive work happens outside the document lock: it is slow and touches no cell.
    doc = ports.docs.export(name, html, where.target);
  } catch (e) {
    if (!(e instanceof ExportFailed)) throw e;
    const text = msg(e.reason === 'folder' ? 'drive_folder_refused' : e.reason === 'images' ? 'notice_photos_dropped' : 'pdf_unreadable', book.lang);
    return fail(e.reason === 'folder' ? 'precondition' : 'export_failed', text, e.reason === 'folder' ? { drive_folder_id: text } : {});
  }
  keep?.(doc);
  return guarded(ports, () => book.lang, () => {
    where.remember(doc.folder);
    logNotice(book, t, doc, n);
    // Cells typed over in the sheet go into 变更记录 before the notice's row (the notice printed them).
    if (t.loaded && t.index >= 0) recordSheetEdits(book, [t.loaded], { rows: [t.index] });
    // An append-only register's rows are never rewritten: the notices log keeps the links.
    const before = t.loaded && t.index >= 0 ? t.loaded.records[t.index] : null;
    // The record as saved, not as read back from the row written (a unit there carries the apostrophe that keeps it text).
    const after = t.loaded && t.index >= 0 && !t.loaded.def.appendOnly && !t.def.report ? linkBack(book, t, doc) : before;
    if (t.loaded && before?.id && after) {
      const change = { register: t.loaded.def.key, before, after, action: `notice:${t.def.key}`, number: n.display };
      recordHistory(book, [change]);
    }
    return { ok: true as const, template: t.def.key, name, version: n.version, number: n.display, docUrl: doc.docUrl, pdfUrl: doc.pdfUrl, previewHtml: html, warnings: officeWording(book, t.def.key).warnings };
  });
}

/**
 * Where this user's Drive work goes (notices and attachments alike): the office's fixed folder, or
 * their own notices folder as last recorded; remember() keeps what Drive answered (call it under the lock).
 */
export function folderTarget(book: Book): { target: ExportTarget; remember(folder: NoticeFolder): void } {
  const s = book.settings();
  const me = book.actor().email;
  const fixed = Boolean(s.drive_folder_id);
  const key = `${FOLDER_KEY}:${me}`;
  const stored = fixed ? null : book.ports.store.get(key);
  return {
    target: { folderName: s.drive_folder_name || DEFAULT_SETTINGS.drive_folder_name, folder: fixed ? { id: s.drive_folder_id, sharedWith: [] } : readFolder(stored), fixed, readers: fixed ? [] : staffEmails(book, me) },
    remember: (folder) => {
      const next = JSON.stringify(folder);
      if (!fixed && next !== stored) book.ports.store.set(key, next);
    },
  };
}

/** The user's own notices folder, as recorded by their last notice; null when they have none yet. */
function readFolder(stored: string | null): NoticeFolder | null {
  try {
    const f = JSON.parse(stored ?? 'null') as NoticeFolder | null;
    return f && typeof f.id === 'string' && Array.isArray(f.sharedWith) ? { id: f.id, sharedWith: f.sharedWith.map(String) } : null;
  } catch {
    return null;
  }
}

/** Everyone in Roles but the user, who must be able to open the links written on the records. */
function staffEmails(book: Book, me: string): string[] {
  const seen = new Set([me]);
  const out: string[] = [];
  for (const r of book.load('roles')?.records ?? []) {
    const email = String(r.email ?? '').trim().toLowerCase();
    if (email && !seen.has(email)) out.push(email);
    seen.add(email);
  }
  return out;
}

/** Writes the links on the record; serving a cut notice also records when it was served. */
function linkBack(book: Book, t: Target, doc: { docUrl: string; pdfUrl: string }): Rec {
  const loaded = t.loaded!;
  const rec = loaded.records[t.index];
  const next: Rec = { ...rec, doc_url: doc.docUrl, pdf_url: doc.pdfUrl, version: Number(rec.version) + 1, updated_at: book.now, updated_by: book.actor().email };
  if (t.def.key === 'cut_notice' && !(rec.cut_notice_served_at instanceof Date)) {
    next.cut_notice_served_at = book.now;
    next.step = 'cut_notice_served';
    next.decided_by = book.actor().email;
  }
  // Issuing the 入住通知书 is that step done, unless it was already marked.
  if (t.def.key === 'move_in_notice' && !(rec.notice_at instanceof Date)) next.notice_at = book.now;
  book.writeRecord(loaded, t.index, next);
  return next;
}

/** A notice's number: the office's text, its yearly sequence, and the version this generation is. */
interface NoticeNumber {
  number: string;
  seq: number;
  year: number;
  version: number;
  /** As printed: the number, with the version after it from the second version on. */
  display: string;
}

/** The notices log with the columns found by header (the office may have added its own after them). */
export function noticeLog(book: Book) {
  const tab = book.tabOf(TABS.notices.key, TABS.notices.label);
  const grid = tab ? book.ports.tables.read(tab) : null;
  const col = (key: string, fallback: number): number => {
    const h = NOTICE_LOG_HEADERS.find((x) => x.key === key)!;
    const i = indexOfLabel(grid?.headers ?? [], h.key, h.label);
    return i >= 0 ? i : fallback;
  };
  return { tab, rows: grid?.rows ?? [], width: grid?.headers.length ?? NOTICE_LOG_HEADERS.length, number: col('number', 7), seq: col('seq', 8) };
}

const SEQ_KEY = 'notice.seq';
const yearOf = (d: Date, tz: string): number => Number(dayKey(d, tz).slice(0, 4));

/**
 * The number this notice has or would get now. A notice generated before for the same record (or period)
 * and template keeps its number, as a new version; otherwise it takes the next in its template's
 * sequence for the year: one more than the highest in the log or reserved (document property).
 */
function numberFor(book: Book, t: Target): NoticeNumber {
  const log = noticeLog(book);
  const tz = book.tz;
  const same = log.rows.filter((r) => r[0] === t.noticeId && r[1] === t.def.key);
  const version = same.length + 1;
  const first = same.find((r) => String(r[log.number] ?? '') !== '');
  const s = book.settings();
  if (first) {
    const number = String(first[log.number]);
    const at = first[3];
    const year = at instanceof Date ? yearOf(at, tz) : yearOf(book.now, tz);
    return { number, seq: Number(first[log.seq]) || 0, year, version, display: versionedNumber(number, version, book.lang) };
  }
  const year = yearOf(book.now, tz);
  // Only first versions count: a new version issued next January still carries last year's number.
  const used = log.rows
    .filter((r) => r[1] === t.def.key && Number(r[2]) === 1 && r[3] instanceof Date && yearOf(r[3], tz) === year)
    .map((r) => Number(r[log.seq]) || 0);
  const reserved = Number(book.ports.store.get(`${SEQ_KEY}:${t.def.key}:${year}`)) || 0;
  const seq = Math.max(reserved, ...used) + 1;
  const number = formatNoticeNumber(s.notice_number_pattern, t.def.key, year, seq, s.notice_number_words);
  return { number, seq, year, version, display: versionedNumber(number, version, book.lang) };
}

/** Takes the number under the lock: a new one is recorded as reserved before the slow export starts. */
function reserveNumber(book: Book, t: Target): NoticeNumber {
  const n = numberFor(book, t);
  if (n.version === 1) book.ports.store.set(`${SEQ_KEY}:${t.def.key}:${n.year}`, String(n.seq));
  return n;
}

/** One row per generation; regenerating adds the next version and keeps the old one. */
function logNotice(book: Book, t: Target, doc: { docUrl: string; pdfUrl: string }, n: NoticeNumber): void {
  const log = noticeLog(book);
  if (!log.tab) return;
  const row: Cell[] = new Array(Math.max(log.width, log.number + 1, log.seq + 1)).fill('');
  // The record id was read from the sheet: text, never a formula.
  [t.noticeId, t.def.key, n.version, book.now, book.actor().email, doc.docUrl, doc.pdfUrl].forEach((c, i) => (row[i] = c));
  row[log.number] = n.number;
  row[log.seq] = n.seq;
  book.ports.tables.append(log.tab, [row.map((c) => (typeof c === 'string' ? neutralise(c) : c))]);
}
