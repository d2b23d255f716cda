// generateNotice: a record (or a period) rendered from its template into a Google Doc and a PDF, logged and linked back.
import { neutralise } from '../domain/neutralise';
import { Book, Loaded, TABS } from './book';
import { canRead, denyRead, hasAny, refusal } from './access';
import { guarded } from './guarded';
import { publicView } from './records';
import { weeklyStats } from './stats';
import { ExportFailed, type NoticeFolder, type Ports } from '../ports';
import { buildNoticeModel, periodId, isNoticeKey, NoticeDef, noticeDef, noticeFileName, noticeProblem, NoticeInput, noticesFor, renderNotice } from '../domain/notices';
import { computeOverdue } from '../domain/deadlines';
import { addDaysYmd, dayKey } from '../domain/calendar';
import { isRegisterKey, REGISTERS } from '../domain/registers';
import { isValidYmd } from '../domain/schema';
import { msg } from '../domain/messages';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { fail, Failure, Lang, Rec } from '../domain/types';
import { fieldStep } from '../domain/prerequisite';
import { officeWording } from './wording';

/**
 * Document property "drive.folder:<email>": that user's notices folder and whom it is shared with.
 * One folder per user because under drive.file the add-on, running for one clerk, cannot add
 * files to a folder it created for another (Google grants drive.file per file and per user).
 */
const FOLDER_KEY = 'drive.folder';

interface Target {
  def: NoticeDef;
  input: NoticeInput;
  /** The id the notice carries and is named by: a record id, or a period like 20261119-20261125. */
  noticeId: string;
  loaded: Loaded | null;
  index: number;
}

/** Period notices take "YYYY-MM-DD..YYYY-MM-DD", one date (the period's last day), or a change row's id. */
function period(id: string, loaded: Loaded | null, days: number, tz: string): { from: string; to: string } | null {
  const [a, b] = id.split('..');
  if (b !== undefined) return isValidYmd(a) && isValidYmd(b) && a <= b ? { from: a, to: b } : null;
  if (isValidYmd(a)) return { from: addDaysYmd(a, 1 - days), to: a };
  const row = loaded?.records.find((r) => r.id === id);
  const at = row?.at;
  return at instanceof Date ? { from: dayKey(at, tz), to: dayKey(at, tz) } : null;
}

function resolve(book: Book, register: string, id: string, template: string): Target | Failure {
  const lang = book.lang;
  const def = noticeDef(template);
  if (!def || !isNoticeKey(template)) return fail('invalid', msg('invalid_input', lang), { template: msg('bad_option', lang) });
  if (def.register !== register || !isRegisterKey(register)) return fail('invalid', msg('invalid_input', lang), { register: msg('bad_option', lang) });
  const s = book.settings();
  const base = { settings: s, lang, now: book.now, wording: officeWording(book, def.key).wording };
  const loaded = book.load(register);
  if (def.input === 'record') {
    const index = loaded?.records.findIndex((r) => r.id === id) ?? -1;
    if (!loaded || index < 0) return fail('not_found', msg('not_found', lang), { id: msg('not_found', lang) });
    const record = loaded.records[index];
    if (!def.fits(record)) return fail('precondition', msg('bad_state', lang), { template: msg('bad_state', lang) });
    return { def, input: { ...base, record: publicView(record, loaded.def) }, noticeId: id, loaded, index };
  }
  const p = period(id, loaded, 7, book.tz);
  if (!p) return fail('invalid', msg('invalid_input', lang), { id: msg('bad_date', lang) });
  if (def.input === 'rows') return { def, input: { ...base, rows: loaded?.records ?? [], ...p }, noticeId: periodId(p.from, p.to, book.tz), loaded: null, index: -1 };
  const complaints = loaded?.records ?? [];
  const items = computeOverdue({ now: book.now, settings: s, data: { complaints } }).items;
  return { def, input: { ...base, stats: weeklyStats(complaints, items, p.to, book.tz), ...p }, noticeId: periodId(p.from, p.to, book.tz), loaded: null, index: -1 };
}

/** A notice missing a field only an action fills says which step fills it ("先执行 限期整改，填写整改期限"). */
function refuseNotice(register: string, problem: { field: string; message: string }, lang: Lang): Failure {
  const step = isRegisterKey(register) ? fieldStep(REGISTERS[register], problem.field, lang) : null;
  const text = step ?? problem.message;
  return fail('precondition', text, { [problem.field]: text });
}

/** Who may issue it: staff; a penalty notice only the manager (seed 001 第6篇 4.4.8). */
function allowed(book: Book, def: NoticeDef): Failure | null {
  const actor = book.actor();
  if (!hasAny(actor, ['clerk', 'supervisor', 'manager'])) return fail('forbidden', msg(refusal(actor), book.lang));
  if (def.penalty && !hasAny(actor, ['manager'])) return fail('forbidden', msg('penalty_manager', book.lang));
  return null;
}

/** The HTML a notice would have, without creating anything (the sidebar's preview). */
export function previewNotice(ports: Ports, register: unknown, id: unknown, template: unknown) {
  const book = new Book(ports);
  const t = resolve(book, String(register), String(id), String(template));
  if ('ok' in t) return t;
  const denied = allowed(book, t.def);
  if (denied) return denied;
  const problem = noticeProblem(t.def.key, t.input);
  if (problem) return refuseNotice(t.def.register, problem, book.lang);
  return { ok: true as const, previewHtml: renderNotice(t.def.key, buildNoticeModel(t.def.key, t.input)), warnings: officeWording(book, t.def.key).warnings };
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
      .filter((d) => !d.penalty || hasAny(actor, ['manager']))
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
  for (const key of ['violations', 'complaints', 'household_changes'] as const) {
    const loaded = book.registerTab(key) === sel.tab && canRead(actor, REGISTERS[key]) ? book.load(key) : null;
    const rec = loaded?.records[sel.row];
    if (rec?.id) return { ok: true as const, record: { register: key, id: String(rec.id) } };
  }
  return { ok: true as const, record: null };
}

export function generateNotice(ports: Ports, register: unknown, id: unknown, template: unknown) {
  const book = new Book(ports);
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', book.lang));
  const def = noticeDef(String(template));
  const denied = def ? allowed(book, def) : null;
  if (denied) return denied;
  const t = resolve(book, String(register), String(id), String(template));
  if ('ok' in t) return t;
  const problem = noticeProblem(t.def.key, t.input);
  if (problem) return refuseNotice(t.def.register, problem, book.lang);
  const html = renderNotice(t.def.key, buildNoticeModel(t.def.key, t.input));
  const name = noticeFileName(t.def.key, t.noticeId, book.now, book.tz);
  const s = book.settings();
  const me = book.actor().email;
  const fixed = Boolean(s.drive_folder_id);
  const key = `${FOLDER_KEY}:${me}`;
  const stored = fixed ? null : ports.store.get(key);
  const folder = fixed ? { id: s.drive_folder_id, sharedWith: [] } : readFolder(stored);
  let doc: ReturnType<Ports['docs']['export']>;
  try {
    // Drive work happens outside the document lock: it is slow and touches no cell.
    doc = ports.docs.export(name, html, { folderName: s.drive_folder_name || DEFAULT_SETTINGS.drive_folder_name, folder, fixed, readers: fixed ? [] : staffEmails(book, me) });
  } catch (e) {
    if (!(e instanceof ExportFailed)) throw e;
    const text = msg(e.reason === 'folder' ? 'drive_folder_refused' : 'pdf_unreadable', book.lang);
    return fail(e.reason === 'folder' ? 'precondition' : 'export_failed', text, e.reason === 'folder' ? { drive_folder_id: text } : {});
  }
  return guarded(ports, () => book.lang, () => {
    const next = JSON.stringify(doc.folder);
    if (!fixed && next !== stored) ports.store.set(key, next);
    const version = logNotice(book, t, doc);
    if (t.loaded && t.index >= 0) linkBack(book, t, doc);
    return { ok: true as const, template: t.def.key, name, version, docUrl: doc.docUrl, pdfUrl: doc.pdfUrl, previewHtml: html, warnings: officeWording(book, t.def.key).warnings };
  });
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
function linkBack(book: Book, t: Target, doc: { docUrl: string; pdfUrl: string }): void {
  const loaded = t.loaded!;
  const rec = loaded.records[t.index];
  const next: Rec = { ...rec, doc_url: doc.docUrl, pdf_url: doc.pdfUrl, version: Number(rec.version) + 1, updated_at: book.now, updated_by: book.actor().email };
  if (t.def.key === 'cut_notice' && !(rec.cut_notice_served_at instanceof Date)) {
    next.cut_notice_served_at = book.now;
    next.step = 'cut_notice_served';
    next.decided_by = book.actor().email;
  }
  book.writeRecord(loaded, t.index, next);
}

/** One row per generation; regenerating adds the next version and keeps the old one. */
function logNotice(book: Book, t: Target, doc: { docUrl: string; pdfUrl: string }): number {
  const { tables } = book.ports;
  const tab = book.tabOf(TABS.notices.key, TABS.notices.label);
  if (!tab) return 1;
  const rows = tables.read(tab)?.rows ?? [];
  const version = rows.filter((r) => r[0] === t.noticeId && r[1] === t.def.key).length + 1;
  // The record id was read from the sheet: text, never a formula.
  const row = [t.noticeId, t.def.key, version, book.now, book.actor().email, doc.docUrl, doc.pdfUrl].map((c) => (typeof c === 'string' ? neutralise(c) : c));
  tables.append(tab, [row]);
  return version;
}

