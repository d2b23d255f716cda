// runOverdueScan: every deadline checked, one digest per recipient, never the same email twice, nothing dropped, the lock free while mailing.
import { Book, Loaded } from './book';
import { hasAny } from './access';
import { SCAN_HANDLER } from './triggers';
import { guarded } from './guarded';
import { trustedRoles } from './rolesGuard';
import { nextId } from './ids';
import { planCapacity } from './capacity';
import { recordSheetEdits } from './sheetEdits';
import { recordHistory } from './history';
import { claim, Claim, LedgerTab, ledgerKey, openLedger, prune, saveLedger, settle, wants } from './ledger';
import { statsText, weeklyStats, writeStatsTab } from './stats';
import { mailMonthSummary } from './summary';
import { CellWrite, LockBusy, Ports } from '../ports';
import { computeOverdue, OverdueItem } from '../domain/deadlines';
import { changeWhat, DigestLine, digestMail, DigestReader, ownerText, ruleWhat } from '../domain/digest';
import { classChange } from '../domain/reclassify';
import { dayKey, weekdayOf } from '../domain/calendar';
import { DUE_REGISTERS, RegisterKey, REGISTERS } from '../domain/registers';
import { isoInZone } from '../domain/table';
import { formFields } from '../domain/schema';
import { buildNoticeModel, renderNotice } from '../domain/notices';
import { Audience, changeView, departmentDuty, dutyOwner, needToKnowOf } from '../domain/privacy';
import { msg } from '../domain/messages';
import { Cell, fail, L, Rec } from '../domain/types';
import { neutralise } from '../domain/neutralise';

/** Registers the scan reads (each once): those with deadlines, and what their rules look at. */
const SCANNED: RegisterKey[] = [...DUE_REGISTERS, 'care_log', 'duty_log', 'roster', 'household_changes', 'roles'];
const DAY_MS = 86_400_000;
const CURSOR_KEY = 'scan.cursor';

export interface PlannedMail {
  to: string[];
  subject: string;
  ids: string[];
  html: string;
  text: string;
  /** The ledger rows this mail accounts for, one per item (or change list, or stats day) and recipient. */
  claims: Claim[];
}

export interface ScanResult {
  ok: true;
  now: string;
  overdue: { register: string; id: string; rule: string; due: string; level: number }[];
  emails: { to: string[]; subject: string; ids: string[] }[];
  /** Not sent this run, and sent by a later one: over the quota, past the time budget, or refused by the mail service. */
  deferred: { to: string[]; subject: string; ids: string[]; reason: 'quota' | 'time' | 'failed' }[];
  upgraded: string[];
  /** Rows typed straight into the sheet that were given ids. */
  adopted: string[];
  /** Records whose cells were typed over in the sheet since the add-on last wrote them (表格直接修改). */
  edited: string[];
  resumed: boolean;
  complete: boolean;
}

export function runOverdueScan(ports: Ports, opts: { triggerUid?: string } = {}) {
  const book = new Book(ports);
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', book.lang));
  const trigger = Boolean(opts.triggerUid) && ports.triggers.isInstalled(opts.triggerUid!, SCAN_HANDLER);
  if (!trigger && !hasAny(book.actor(), ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  // Reading, writing the sheets and claiming the mail to send happen under the document lock; the
  // mail goes out after it is released (sending takes seconds each, and every edit from the
  // sidebar waits for that lock). The claims keep an overlapping run from sending the same mail.
  const prepared = guarded(ports, () => book.lang, () => prepare(book));
  if (!('plan' in prepared)) return prepared;
  const { plan, result } = prepared;
  const { emails, deferred, outcomes } = send(book, plan);
  const complete = !deferred.some((d) => d.reason === 'time');
  // After the digests, outside the lock, and only with time left: its export takes seconds.
  if (complete && ports.clock.elapsedMs() < book.settings().scan_budget_seconds * 1000) emails.push(...mailMonthSummary(book));
  if (!outcomes.length && !result.resumed) return { ...result, emails, deferred, complete };
  try {
    ports.lock.withLock(() => {
      const ledger = openLedger(book);
      settle(ledger, outcomes, book.now);
      saveLedger(book, ledger);
      if (complete) ports.store.remove(CURSOR_KEY);
      else ports.store.set(CURSOR_KEY, JSON.stringify({ at: isoInZone(book.now, book.tz), left: deferred.length }));
    });
  } catch (e) {
    // Busy for 30 s: the claims stay and lapse after CLAIM_MS, so what was not sent is sent by a
    // later run (what was sent may then go out once more: better twice than never).
    if (!(e instanceof LockBusy)) throw e;
  }
  return { ...result, emails, deferred, complete };
}

interface Prepared {
  plan: PlannedMail[];
  result: Omit<ScanResult, 'emails' | 'deferred' | 'complete'>;
}

function prepare(book: Book): Prepared {
  const { ports, now } = book;
  const s = book.settings();
  const loaded = new Map(SCANNED.map((k) => [k, book.load(k)] as const));
  // First, before any write of this run refreshes a fingerprint over a cell someone typed.
  const edited = recordSheetEdits(book, [...loaded.values()]);
  const adopted = adoptTypedRows(book, loaded);
  const data = Object.fromEntries([...loaded].filter(([, l]) => l).map(([k, l]) => [k, l!.records])) as Partial<Record<RegisterKey, Rec[]>>;
  // One pass gives both what is overdue now and what falls due within a day (the amber rows).
  const { items, upgrades, soon } = computeOverdue({ now, settings: s, data, horizonMs: DAY_MS });
  const upgraded = applyUpgrades(book, loaded.get('complaints') ?? null, upgrades.map((u) => u.id), soon);
  writeDueColumns(book, loaded, soon);
  const ledger = openLedger(book);
  prune(ledger, new Set(items.map(ledgerKey)), now, s.reremind_hours);
  const plan = [
    ...planOverdue(book, loaded, items, ledger),
    ...planChanges(book, loaded.get('household_changes') ?? null, ledger),
    ...planStats(book, data, items, ledger),
    ...planCapacity(book, data.roles ?? [], ledger),
  ];
  claim(ledger, plan.flatMap((m) => m.claims), now);
  saveLedger(book, ledger);
  return {
    plan,
    result: {
      ok: true,
      now: isoInZone(now, book.tz),
      overdue: items.map((i) => ({ register: i.register, id: i.id, rule: i.rule, due: isoInZone(i.due, book.tz), level: i.level })),
      upgraded,
      adopted,
      edited,
      resumed: ports.store.get(CURSOR_KEY) !== null,
    },
  };
}

/**
 * Valid complaints unresolved for a month become major and are reported in the digest. Only the
 * four cells that change in each row are written. Their due times are worked out again as major
 * complaints (a handful of rows), so the due column is right from this run on.
 */
function applyUpgrades(book: Book, complaints: Loaded | null, ids: string[], soon: OverdueItem[]): string[] {
  if (!complaints || !ids.length) return [];
  const upgrade = new Set(ids);
  const changes = complaints.records
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => upgrade.has(String(r.id)))
    // The major duties (manager, answer, resolve) count from the upgrade, not from receipt.
    .map(({ r, index }) => ({ index, rec: { ...r, ...classChange(r, 'major', book.now, null, book.tz, book.lang), version: Number(r.version) + 1, updated_at: book.now, updated_by: 'system' } }));
  const before = changes.map((c) => complaints.records[c.index]);
  book.writeChanges(complaints, ['class', 'class_since', 'class_history', 'version', 'updated_at', 'updated_by'], changes);
  // In 变更记录 like any reclassification, so its class is known there (表格直接修改 replays old values from it).
  recordHistory(book, changes.map((c, n) => ({ register: 'complaints', before: before[n], after: c.rec, action: 'reclassify', by: UPGRADED[book.lang] })));
  const again = computeOverdue({ now: book.now, settings: book.settings(), data: { complaints: changes.map((c) => complaints.records[c.index]) }, horizonMs: DAY_MS }).soon;
  soon.splice(0, soon.length, ...soon.filter((i) => i.register !== 'complaints' || !upgrade.has(i.id)), ...again);
  return ids;
}

const UPGRADED = L('系统：满一个月自动升为重大', '系統：滿一個月自動升為重大', 'system: a month open, now major');

/** Above this many changed due cells in a register (the first scan of an old workbook), their whole span is written in one call. */
const DENSE_DUE_CELLS = 400;

/**
 * The next due time of each record (overdue or due within a day), so conditional formatting can
 * colour rows. Only due cells whose value changed are written (usually none), so a cell someone is
 * typing in is never touched.
 */
function writeDueColumns(book: Book, loaded: Map<RegisterKey, Loaded | null>, soon: OverdueItem[]): void {
  const next = new Map<string, OverdueItem>();
  for (const i of soon) {
    const k = `${i.register}|${i.id}`;
    const had = next.get(k);
    if (!had || i.due < had.due) next.set(k, i);
  }
  for (const key of DUE_REGISTERS) {
    const l = loaded.get(key);
    const dueCol = l?.layout.col.due_at;
    const ruleCol = l?.layout.col.due_rule;
    if (!l || dueCol === undefined || ruleCol === undefined || !l.records.length) continue;
    const wanted = l.records.map((r): [Cell, Cell] => {
      const i = r.id ? next.get(`${key}|${String(r.id)}`) : undefined;
      return i ? [i.due, neutralise(ruleWhat(key, i.rule, book.lang))] : ['', ''];
    });
    const writes: CellWrite[] = [];
    wanted.forEach(([due, rule], n) => {
      const row = l.rows[n];
      if (!sameDue(row[dueCol], due)) writes.push({ row: n, col: dueCol, value: due });
      if (String(row[ruleCol] ?? '').replace(/^'/, '') !== String(rule).replace(/^'/, '')) writes.push({ row: n, col: ruleCol, value: rule });
    });
    if (writes.length > DENSE_DUE_CELLS) {
      // System columns (protected, filled by the scan): rewriting their unchanged cells in between loses nothing typed.
      const from = writes[0].row;
      const to = writes[writes.length - 1].row;
      writes.length = 0;
      for (let n = from; n <= to; n++) writes.push({ row: n, col: dueCol, value: wanted[n][0] }, { row: n, col: ruleCol, value: wanted[n][1] });
    }
    book.ports.tables.writeCells(l.tab, writes);
    for (const w of writes) l.rows[w.row][w.col] = w.value;
  }
}

/** The same due time as the sheet holds it: whole seconds (the column shows minutes), blank for none. */
function sameDue(cell: Cell | undefined, due: Cell): boolean {
  if (due instanceof Date) return cell instanceof Date && Math.floor(cell.getTime() / 1000) === Math.floor(due.getTime() / 1000);
  return cell === undefined || cell === '' || cell === null;
}

/** Columns a row typed straight into the sheet gets when the scan adopts it as a record. */
const ADOPTED_FIELDS = ['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'row_hash'];

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
    const changes: { index: number; rec: Rec }[] = [];
    l.records.forEach((r, index) => {
      if (!typed(r)) return;
      const id = nextId(book.ports.store, l.def.idPrefix!, book.now, book.tz, l.records);
      adopted.push(id);
      // A blank state reads as the register's first state, so only the system columns are written.
      changes.push({ index, rec: { ...r, id, version: 1, created_at: book.now, created_by: ADOPTER, updated_at: book.now, updated_by: ADOPTER } });
    });
    book.writeChanges(l, ADOPTED_FIELDS, changes);
  }
  return adopted;
}

/** Who the records typed into the sheet are stamped as created by. */
const ADOPTER = 'sheet';

/**
 * Who gets what: supervisors everything; the manager major and long-overdue items; a department
 * only its own duties on complaints dispatched to it (never the office's, such as telling the
 * manager). With no supervisor in Roles or Settings the manager is sent everything, so nothing
 * overdue reaches nobody.
 */
function planOverdue(book: Book, loaded: Map<RegisterKey, Loaded | null>, items: OverdueItem[], ledger: LedgerTab): PlannedMail[] {
  const s = book.settings();
  const roles = trustedRoles(book.ports, loaded.get('roles')?.records ?? []);
  const withRole = (role: string) => roles.filter((r) => Array.isArray(r.roles) && r.roles.includes(role)).map((r) => String(r.email));
  const clean = (emails: string[]) => emails.map((x) => x.trim().toLowerCase()).filter(Boolean);
  const recipients = new Map<string, (i: OverdueItem) => boolean>();
  const add = (emails: string[], wants: (i: OverdueItem) => boolean) => {
    for (const e of clean(emails)) {
      const had = recipients.get(e);
      recipients.set(e, had ? (i) => had(i) || wants(i) : wants);
    }
  };
  const supervisors = clean([...s.emails_supervisors, ...withRole('supervisor')]);
  const managers = new Set(clean([...s.emails_manager, ...withRole('manager')]));
  const standIn = supervisors.length === 0;
  add(supervisors, () => true);
  add([...managers], standIn ? () => true : (i) => i.major || i.level >= 2);
  // The gate's own duties (a visitor still inside) go to security, and nothing else does.
  add([...s.emails_security, ...withRole('security')], (i) => dutyOwner(i.register, i.rule) === 'security');
  for (const r of roles.filter((x) => Array.isArray(x.roles) && x.roles.includes('department') && x.department)) {
    add([String(r.email)], (i) => departmentDuty(i, String(r.department)));
  }
  const mails: PlannedMail[] = [];
  for (const [to, wanted] of recipients) {
    const due = items
      .filter(wanted)
      .map((i) => ({ i, c: wants(ledger, ledgerKey(i), to, book.now, { due: i.due, level: i.level, intervalHours: s.reremind_hours }) }))
      .filter((x): x is { i: OverdueItem; c: Claim } => x.c !== null);
    const reader: DigestReader = { manager: managers.has(to), managerExists: managers.size > 0, standIn: standIn && managers.has(to) };
    if (due.length) mails.push(mailFor(book, 'overdue', to, due.map(({ i }) => lineOf(book, loaded, i)), due.map(({ c }) => c), reader));
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

/**
 * The row an item's link opens. Duty-log items are named by day ('2026-11-24', '2026-11-24/night'):
 * the day's last entry. A month's missing roster: the row under the last, where it is typed.
 */
function rowOfItem(book: Book, l: Loaded, i: OverdueItem): number {
  if (i.register === 'duty_log') {
    const day = i.id.slice(0, 10);
    for (let n = l.records.length - 1; n >= 0; n--) {
      const at = l.records[n].at;
      if (at instanceof Date && dayKey(at, book.tz) === day) return n;
    }
    return l.records.length;
  }
  if (i.register === 'roster') return l.records.length;
  return indexOf(l, i.id);
}

function lineOf(book: Book, loaded: Map<RegisterKey, Loaded | null>, i: OverdueItem): DigestLine {
  const l = loaded.get(i.register);
  const index = l ? rowOfItem(book, l, i) : -1;
  return {
    register: i.register,
    id: i.id,
    what: ruleWhat(i.register, i.rule, book.lang),
    // A handover's title is the rostered officer.
    owner: ownerText(i.register, i.rule, i.department, i.register === 'duty_log' && i.rule === 'handover' ? i.title : '', book.lang),
    unit: i.unit,
    title: i.title,
    due: i.due,
    overdueMs: i.overdueMs,
    level: i.level,
    url: l ? book.ports.tables.rowUrl(l.tab, Math.max(index, 0)) : '',
    row: l ? Math.max(index, 0) + 2 : 0,
  };
}

function mailFor(book: Book, kind: 'overdue' | 'changes', to: string, lines: DigestLine[], claims: Claim[], reader?: DigestReader): PlannedMail {
  const m = digestMail(kind, lines, { lang: book.lang, tz: book.tz, estate: book.settings().estate_name, reader });
  return { to: [to], subject: m.subject, html: m.html, text: m.text, ids: [...new Set(lines.map((l) => l.id))], claims };
}

/** Once a day from the digest hour: the household changes each group has not yet been sent. */
function planChanges(book: Book, changes: Loaded | null, ledger: LedgerTab): PlannedMail[] {
  const s = book.settings();
  if (!changes || hourOf(book) < s.digest_hour) return [];
  const today = dayKey(book.now, book.tz);
  // Each address sees what its group needs to know (README "Privacy"); one in several groups, what any of them may.
  const groupsOf = new Map<string, Audience[]>();
  const groups: [Audience, string[]][] = [['security', s.emails_security], ['environment', s.emails_environment], ['maintenance', s.emails_maintenance]];
  for (const [audience, emails] of groups) {
    for (const e of emails.map((x) => x.toLowerCase()).filter(Boolean)) groupsOf.set(e, [...(groupsOf.get(e) ?? []), audience]);
  }
  const mails: PlannedMail[] = [];
  for (const [to, audiences] of groupsOf) {
    const knows = needToKnowOf(audiences);
    const day = wants(ledger, `changes|day|${today}`, to, book.now, { intervalHours: Infinity });
    if (!day) continue;
    // Changes of the last week only: the ledger forgets older sends (ledgerRetentionMs), and a
    // change list is news, not history.
    const since = book.now.getTime() - 7 * 86_400_000;
    const fresh = changes.records
      .map((r, index) => ({ r, index, c: r.id && r.at instanceof Date && r.at.getTime() >= since ? wants(ledger, `changes|${r.id}`, to, book.now, { intervalHours: Infinity }) : null }))
      .filter((x): x is { r: Rec; index: number; c: Claim } => x.c !== null)
      // A change none of this reader's business (a credit category, say) is left out of their list.
      .map((x) => ({ ...x, view: changeView(x.r, knows, book.lang) }))
      .filter((x) => x.view !== null);
    if (!fresh.length) continue;
    const lines: DigestLine[] = fresh.map(({ r, index, view }) => ({
      register: 'household_changes',
      id: String(r.id),
      what: changeWhat(String(r.change), book.lang),
      owner: '',
      unit: String(r.unit ?? ''),
      title: (view!.before ? `${view!.before} → ${view!.after}` : view!.after).slice(0, 120),
      due: r.at instanceof Date ? r.at : null,
      overdueMs: 0,
      level: 1,
      url: book.ports.tables.rowUrl(changes.tab, index),
      row: index + 2,
    }));
    mails.push(mailFor(book, 'changes', to, lines, [day, ...fresh.map(({ c }) => c)]));
  }
  return mails;
}

/** Every stats weekday (Saturday by default) from the digest hour: the week's complaint statistics to the manager. */
function planStats(book: Book, data: Partial<Record<RegisterKey, Rec[]>>, items: OverdueItem[], ledger: LedgerTab): PlannedMail[] {
  const s = book.settings();
  const today = dayKey(book.now, book.tz);
  if (weekdayOf(today) !== s.stats_weekday || hourOf(book) < s.digest_hour) return [];
  const roles = trustedRoles(book.ports, data.roles ?? []);
  const managers = [...s.emails_manager, ...roles.filter((r) => Array.isArray(r.roles) && r.roles.includes('manager')).map((r) => String(r.email))];
  const key = `stats|${today}`;
  const claims = [...new Set(managers.map((m) => m.toLowerCase()))]
    .map((to) => wants(ledger, key, to, book.now, { intervalHours: Infinity }))
    .filter((c): c is Claim => c !== null);
  // The Stats tab is written with the first send of the day, not again every hour of the day.
  if (!claims.length && ledger.byKey.has(key)) return [];
  const stats = weeklyStats(data.complaints ?? [], items, today, book.tz);
  writeStatsTab(book, stats);
  if (!claims.length) return [];
  const model = buildNoticeModel('weekly_stats', { stats, from: stats.from, to: stats.to, settings: s, lang: book.lang, now: book.now });
  const html = renderNotice('weekly_stats', model);
  const subject = `${REGISTERS.complaints.label[book.lang]} · ${stats.from} – ${stats.to} · ${s.estate_name}`;
  const text = statsText(stats, book.lang);
  return claims.map((c) => ({ to: [c.to], subject, html, text, ids: [`stats-${today}`], claims: [c] }));
}

const hourOf = (book: Book) => Number(isoInZone(book.now, book.tz).slice(11, 13));

/**
 * Sends what the quota and the time budget allow, outside the lock. Each mail's claims are settled
 * by what really happened: sent, or released for the next run when it was deferred or the mail
 * service refused it (so a failed send never loses a reminder).
 */
function send(book: Book, plan: PlannedMail[]) {
  const { ports } = book;
  const budgetMs = book.settings().scan_budget_seconds * 1000;
  let quota = ports.mailer.remainingQuota();
  const emails: ScanResult['emails'] = [];
  const deferred: ScanResult['deferred'] = [];
  const outcomes: { claim: Claim; sent: boolean }[] = [];
  for (const m of plan) {
    const summary = { to: m.to, subject: m.subject, ids: m.ids };
    let sent = false;
    if (ports.clock.elapsedMs() > budgetMs) deferred.push({ ...summary, reason: 'time' });
    else if (quota < m.to.length) deferred.push({ ...summary, reason: 'quota' });
    else {
      try {
        ports.mailer.send({ to: m.to, subject: m.subject, html: m.html, text: m.text });
        sent = true;
        quota -= m.to.length;
        emails.push(summary);
      } catch (e) {
        console.error(`overdue scan: mail to ${m.to.join(',')} failed: ${e instanceof Error ? e.message : String(e)}`);
        deferred.push({ ...summary, reason: 'failed' });
      }
    }
    for (const c of m.claims) outcomes.push({ claim: c, sent });
  }
  return { emails, deferred, outcomes };
}
