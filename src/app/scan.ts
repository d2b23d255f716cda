// runOverdueScan: every deadline checked, one digest per recipient, never the same email twice, nothing dropped.
import { Book, Loaded } from './book';
import { hasAny } from './access';
import { SCAN_HANDLER } from './triggers';
import { guarded } from './guarded';
import { nextId } from './ids';
import { buildLedger, Ledger, ledgerKey } from './ledger';
import { statsText, weeklyStats, writeStatsTab } from './stats';
import type { Ports } from '../ports';
import { computeOverdue, OverdueItem } from '../domain/deadlines';
import { changeWhat, DigestLine, digestMail, ruleWhat } from '../domain/digest';
import { dayKey, weekdayOf } from '../domain/calendar';
import { RegisterKey, REGISTERS } from '../domain/registers';
import { isoInZone } from '../domain/table';
import { formFields } from '../domain/schema';
import { buildNoticeModel, renderNotice } from '../domain/notices';
import { msg } from '../domain/messages';
import { fail, Rec } from '../domain/types';

/** Registers the scan reads (each once). */
const SCANNED: RegisterKey[] = ['complaints', 'violations', 'requests', 'households', 'care_log', 'passes', 'duty_log', 'roster', 'household_changes', 'roles'];
/** Registers with a "next due" column for the red/amber rows. */
const WITH_DUE_COLUMN: RegisterKey[] = ['complaints', 'violations', 'requests', 'households', 'passes'];
const DAY_MS = 86_400_000;
const CURSOR_KEY = 'scan.cursor';

export interface PlannedMail {
  to: string[];
  subject: string;
  ids: string[];
  html: string;
  text: string;
  keys: string[];
}

export interface ScanResult {
  ok: true;
  now: string;
  overdue: { register: string; id: string; rule: string; due: string; level: number }[];
  emails: { to: string[]; subject: string; ids: string[] }[];
  deferred: { to: string[]; subject: string; ids: string[]; reason: 'quota' | 'time' }[];
  upgraded: string[];
  /** Rows typed straight into the sheet that were given ids. */
  adopted: string[];
  resumed: boolean;
  complete: boolean;
}

export function runOverdueScan(ports: Ports, opts: { triggerUid?: string } = {}) {
  const book = new Book(ports);
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', book.lang));
  const trigger = Boolean(opts.triggerUid) && ports.triggers.isInstalled(opts.triggerUid!, SCAN_HANDLER);
  if (!trigger && !hasAny(book.actor(), ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  // The whole scan holds the document lock, so two overlapping runs cannot both send.
  return guarded(ports, () => book.lang, () => scan(book));
}

function scan(book: Book): ScanResult {
  const { ports, now } = book;
  const s = book.settings();
  const loaded = new Map(SCANNED.map((k) => [k, book.load(k)] as const));
  const adopted = adoptTypedRows(book, loaded);
  const data = Object.fromEntries([...loaded].filter(([, l]) => l).map(([k, l]) => [k, l!.records])) as Partial<Record<RegisterKey, Rec[]>>;
  const { items, upgrades } = computeOverdue({ now, settings: s, data });
  const upgraded = applyUpgrades(book, loaded.get('complaints') ?? null, upgrades.map((u) => u.id));
  writeDueColumns(book, loaded, data);
  const ledger = buildLedger(book);
  const plan = [
    ...planOverdue(book, loaded, items, ledger),
    ...planChanges(book, loaded.get('household_changes') ?? null, ledger),
    ...planStats(book, data, items, ledger),
  ];
  const resumed = ports.store.get(CURSOR_KEY) !== null;
  const { emails, deferred } = send(book, plan, ledger);
  ledger.flush();
  const complete = !deferred.some((d) => d.reason === 'time');
  if (complete) ports.store.remove(CURSOR_KEY);
  else ports.store.set(CURSOR_KEY, JSON.stringify({ at: isoInZone(now, book.tz), left: deferred.length }));
  return {
    ok: true,
    now: isoInZone(now, book.tz),
    overdue: items.map((i) => ({ register: i.register, id: i.id, rule: i.rule, due: isoInZone(i.due, book.tz), level: i.level })),
    emails,
    deferred,
    upgraded,
    adopted,
    resumed,
    complete,
  };
}

/** Valid complaints unresolved for a month become major, all in one write, and are reported in the digest. */
function applyUpgrades(book: Book, complaints: Loaded | null, ids: string[]): string[] {
  if (!complaints || !ids.length) return [];
  const upgrade = new Set(ids);
  const next = complaints.records.map((r) =>
    upgrade.has(String(r.id)) ? { ...r, class: 'major', version: Number(r.version) + 1, updated_at: book.now, updated_by: 'system' } : r,
  );
  book.writeAll(complaints, next);
  return ids;
}

/**
 * The next due time of each record (overdue or due within a day), so conditional formatting can
 * colour rows. Only the two due columns are written, so a cell someone is typing in is never touched.
 */
function writeDueColumns(book: Book, loaded: Map<RegisterKey, Loaded | null>, data: Partial<Record<RegisterKey, Rec[]>>): void {
  const soon = computeOverdue({ now: new Date(book.now.getTime() + DAY_MS), settings: book.settings(), data }).items;
  for (const key of WITH_DUE_COLUMN) {
    const l = loaded.get(key);
    const dueCol = l?.layout.col.due_at;
    const ruleCol = l?.layout.col.due_rule;
    if (!l || dueCol === undefined || ruleCol === undefined || !l.records.length) continue;
    const next = new Map<string, OverdueItem>();
    for (const i of soon) if (i.register === key && (!next.has(i.id) || i.due < next.get(i.id)!.due)) next.set(i.id, i);
    const updated = l.records.map((r) => {
      const i = next.get(String(r.id));
      return { ...r, due_at: i ? i.due : null, due_rule: i ? ruleWhat(key, i.rule, book.lang) : null };
    });
    const same = updated.every((r, n) => sameCell(l.records[n].due_at, r.due_at) && (l.records[n].due_rule ?? null) === r.due_rule);
    if (!same) book.writeFields(l, ['due_at', 'due_rule'], updated);
  }
}

/** Columns a row typed straight into the sheet gets when the scan adopts it as a record. */
const ADOPTED_FIELDS = ['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'];

/**
 * Rows typed straight into a register (no id yet) become records: the scan gives them an id and
 * a version, so their deadlines can be linked, acted on in the sidebar and reminded about. Their
 * content is left as typed.
 */
function adoptTypedRows(book: Book, loaded: Map<RegisterKey, Loaded | null>): string[] {
  const adopted: string[] = [];
  for (const [, l] of loaded) {
    if (!l?.def.idPrefix || l.def.appendOnly || l.def.systemOnly) continue;
    const typed = (r: Rec) => !r.id && formFields(l.def).some((f) => r[f.key] !== null && r[f.key] !== '' && !(Array.isArray(r[f.key]) && !(r[f.key] as string[]).length));
    if (!l.records.some(typed)) continue;
    const recs = l.records.map((r) => {
      if (!typed(r)) return r;
      const id = nextId(book.ports.store, l.def.idPrefix!, book.now, book.tz, l.records);
      adopted.push(id);
      // A blank state reads as the register's first state, so only the system columns are written.
      return { ...r, id, version: 1, created_at: book.now, created_by: ADOPTER, updated_at: book.now, updated_by: ADOPTER };
    });
    book.writeFields(l, ADOPTED_FIELDS, recs);
  }
  return adopted;
}

/** Who the records typed into the sheet are stamped as created by. */
const ADOPTER = 'sheet';

const sameCell = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** Who gets what: supervisors everything; the manager major and long-overdue items; departments their complaints. */
function planOverdue(book: Book, loaded: Map<RegisterKey, Loaded | null>, items: OverdueItem[], ledger: Ledger): PlannedMail[] {
  const s = book.settings();
  const roles = loaded.get('roles')?.records ?? [];
  const withRole = (role: string) => roles.filter((r) => Array.isArray(r.roles) && r.roles.includes(role)).map((r) => String(r.email));
  const recipients = new Map<string, (i: OverdueItem) => boolean>();
  const add = (emails: string[], wants: (i: OverdueItem) => boolean) => {
    for (const e of emails.map((x) => x.toLowerCase()).filter(Boolean)) {
      const had = recipients.get(e);
      recipients.set(e, had ? (i) => had(i) || wants(i) : wants);
    }
  };
  add([...s.emails_supervisors, ...withRole('supervisor')], () => true);
  add([...s.emails_manager, ...withRole('manager')], (i) => i.major || i.level >= 2);
  for (const r of roles.filter((x) => Array.isArray(x.roles) && x.roles.includes('department') && x.department)) {
    add([String(r.email)], (i) => i.register === 'complaints' && i.department === r.department);
  }
  const mails: PlannedMail[] = [];
  for (const [to, wants] of recipients) {
    const due = items.filter(wants).filter((i) => ledger.shouldSend(ledgerKey(i, to), book.now));
    if (due.length) mails.push(mailFor(book, 'overdue', to, due.map((i) => lineOf(book, loaded, i)), due.map((i) => ledgerKey(i, to))));
  }
  return mails;
}

/** Row numbers by id, per register, built once per run (digests link every item to its row). */
const rowIndex = new WeakMap<Loaded, Map<string, number>>();
function indexOf(l: Loaded, id: string): number {
  let m = rowIndex.get(l);
  if (!m) rowIndex.set(l, (m = new Map(l.records.map((r, i) => [String(r.id), i]))));
  return m.get(id) ?? -1;
}

function lineOf(book: Book, loaded: Map<RegisterKey, Loaded | null>, i: OverdueItem): DigestLine {
  const l = loaded.get(i.register);
  const index = l ? indexOf(l, i.id) : -1;
  return {
    register: i.register,
    id: i.id,
    what: ruleWhat(i.register, i.rule, book.lang),
    unit: i.unit,
    title: i.title,
    due: i.due,
    overdueMs: i.overdueMs,
    level: i.level,
    url: l && index >= 0 ? book.ports.tables.rowUrl(l.tab, index) : l ? book.ports.tables.rowUrl(l.tab, 0) : '',
  };
}

function mailFor(book: Book, kind: 'overdue' | 'changes', to: string, lines: DigestLine[], keys: string[]): PlannedMail {
  const m = digestMail(kind, lines, { lang: book.lang, tz: book.tz, estate: book.settings().estate_name });
  return { to: [to], subject: m.subject, html: m.html, text: m.text, ids: [...new Set(lines.map((l) => l.id))], keys };
}

/** Once a day from the digest hour: the household changes each group has not yet been sent. */
function planChanges(book: Book, changes: Loaded | null, ledger: Ledger): PlannedMail[] {
  const s = book.settings();
  if (!changes || hourOf(book) < s.digest_hour) return [];
  const today = dayKey(book.now, book.tz);
  const groups = [...s.emails_security, ...s.emails_environment, ...s.emails_maintenance].map((e) => e.toLowerCase());
  const mails: PlannedMail[] = [];
  for (const to of [...new Set(groups)]) {
    const dayKeyFor = `household_changes|day|${today}|${to}`;
    if (!ledger.shouldSend(dayKeyFor, book.now, Infinity)) continue;
    // Changes of the last week only: the ledger forgets older sends (ledgerRetentionMs), and a
    // change list is news, not history.
    const since = book.now.getTime() - 7 * 86_400_000;
    const fresh = changes.records
      .map((r, index) => ({ r, index }))
      .filter(({ r }) => r.id && r.at instanceof Date && r.at.getTime() >= since && ledger.shouldSend(`household_changes|${r.id}|${to}`, book.now, Infinity));
    if (!fresh.length) continue;
    const lines: DigestLine[] = fresh.map(({ r, index }) => ({
      register: 'household_changes',
      id: String(r.id),
      what: changeWhat(String(r.change), book.lang),
      unit: String(r.unit ?? ''),
      title: `${r.before ?? ''} → ${r.after ?? ''}`.slice(0, 120),
      due: r.at instanceof Date ? r.at : null,
      overdueMs: 0,
      level: 1,
      url: book.ports.tables.rowUrl(changes.tab, index),
    }));
    mails.push(mailFor(book, 'changes', to, lines, [dayKeyFor, ...fresh.map(({ r }) => `household_changes|${r.id}|${to}`)]));
  }
  return mails;
}

/** Every stats weekday (Saturday by default) from the digest hour: the week's complaint statistics to the manager. */
function planStats(book: Book, data: Partial<Record<RegisterKey, Rec[]>>, items: OverdueItem[], ledger: Ledger): PlannedMail[] {
  const s = book.settings();
  const today = dayKey(book.now, book.tz);
  if (weekdayOf(today) !== s.stats_weekday || hourOf(book) < s.digest_hour) return [];
  const roles = data.roles ?? [];
  const managers = [...s.emails_manager, ...roles.filter((r) => Array.isArray(r.roles) && r.roles.includes('manager')).map((r) => String(r.email))];
  const stats = weeklyStats(data.complaints ?? [], items, today, book.tz);
  const model = buildNoticeModel('weekly_stats', { stats, from: stats.from, to: stats.to, settings: s, lang: book.lang, now: book.now });
  const html = renderNotice('weekly_stats', model);
  writeStatsTab(book, stats);
  const subject = `${REGISTERS.complaints.label[book.lang]} · ${stats.from} – ${stats.to} · ${s.estate_name}`;
  const text = statsText(stats, book.lang);
  return [...new Set(managers.map((m) => m.toLowerCase()))]
    .map((to) => ({ to, key: `stats|${today}|${to}` }))
    .filter(({ key }) => ledger.shouldSend(key, book.now, Infinity))
    .map(({ to, key }) => ({ to: [to], subject, html, text, ids: [`stats-${today}`], keys: [key] }));
}

const hourOf = (book: Book) => Number(isoInZone(book.now, book.tz).slice(11, 13));

/** Sends what the quota and the time budget allow; the rest is deferred to the next run and reported. */
function send(book: Book, plan: PlannedMail[], ledger: Ledger) {
  const { ports } = book;
  const budgetMs = book.settings().scan_budget_seconds * 1000;
  let quota = ports.mailer.remainingQuota();
  const emails: ScanResult['emails'] = [];
  const deferred: ScanResult['deferred'] = [];
  for (const m of plan) {
    const summary = { to: m.to, subject: m.subject, ids: m.ids };
    if (ports.clock.elapsedMs() > budgetMs) deferred.push({ ...summary, reason: 'time' });
    else if (quota < m.to.length) deferred.push({ ...summary, reason: 'quota' });
    else {
      ports.mailer.send({ to: m.to, subject: m.subject, html: m.html, text: m.text });
      quota -= m.to.length;
      emails.push(summary);
      for (const k of m.keys) ledger.record(k, book.now);
    }
  }
  return { emails, deferred };
}

