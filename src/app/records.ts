// Record use cases: create, update, transition, get and find — validated, role-checked, locked and version-checked.
import { Book, Loaded } from './book';
import { managersOf, ROLES_TEXT } from './rolesGuard';
import { allowedActions, canCreate, canEdit, canRun, denyRead, fitsRecord, hasAny, refusal, stateOf } from './access';
import { nextId } from './ids';
import type { Ports } from '../ports';
import { guarded } from './guarded';
import { ActionDef, FieldDef, isRegisterKey, REGISTERS, RegisterDef, RegisterKey } from '../domain/registers';
import { formFields, validateAction, validateCreate, validateFields } from '../domain/schema';
import { formatDate, maskId } from '../domain/format';
import { isoInZone, toWire, ymdInZone } from '../domain/table';
import { msg, MessageKey } from '../domain/messages';
import { Actor, fail, Failure, L, L10n, Lang, Rec } from '../domain/types';
import { checkCutSchedule, checkPassLength } from '../domain/deadlines';
import { Settings } from '../domain/settings';
import { classChange } from '../domain/reclassify';
import { ladderProblem, withSkipReason } from '../domain/ladder';
import { careSince, ChangeRow, householdChanges, residentChanges } from '../domain/households';
import { linkedComplaint, sendUrgent, URGENT_TYPES } from './requests';
import { outingProblem, sendEmergency } from './outings';
import { moveInLink, moveInStepProblem } from './moveIns';
import { missingStep } from '../domain/prerequisite';
import { cardLabel, hasLifecycle } from '../domain/cards';
import { deadlinesOf, rankRecords, wireDeadline } from './cards';
import { markTenant, passNeedsApproval } from './tenancy';
import { tenancyErrors } from '../domain/tenancy';
import { recordHistory } from './history';
import { recordSheetEdits } from './sheetEdits';

type Wire = ReturnType<typeof toWire>;
export type RecordResult = { ok: true; id: string; version: number; record: Wire } | Failure;

interface Prepared {
  book: Book;
  def: RegisterDef;
  actor: Actor;
  lang: Lang;
}

/** Common checks before any write: a known register, a set-up workbook and a listed user. */
function prepare(ports: Ports, register: unknown): Prepared | Failure {
  const book = new Book(ports);
  const lang = book.lang;
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', lang), { register: msg('unknown_register', lang) });
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const def = REGISTERS[register];
  return { book, def, actor: book.actor(), lang };
}

const deny = (lang: Lang, key: MessageKey = 'forbidden') => fail('forbidden', msg(key, lang));
const invalid = (lang: Lang, fieldErrors: Record<string, string>) => fail('invalid', msg('invalid_input', lang), fieldErrors);

const MISSING_COLUMN = L(
  '找不到栏目“{label}”，可能被改了名或删除；请改回原名，或运行“初始化台账”补上，然后再保存',
  '找不到欄目「{label}」，可能被改了名或刪除；請改回原名，或執行「初始化台賬」補上，然後再儲存',
  'The column “{label}” is missing (renamed or deleted); name it back, or run Set up the registers, then save again',
);

/**
 * The register, or a refusal naming each header the add-on owns that is not there: a renamed
 * header would otherwise drop the value silently while the save reported success.
 */
function loadOrFail(p: Prepared): Loaded | Failure {
  const loaded = p.book.load(p.def.key);
  if (!loaded) return fail('not_setup', msg('not_setup', p.lang));
  if (!loaded.layout.missing.length) return loaded;
  const says = (f: { label: L10n }) => MISSING_COLUMN[p.lang].replace('{label}', f.label[p.lang]);
  return fail('precondition', loaded.layout.missing.map(says).join('\n'), Object.fromEntries(loaded.layout.missing.map((f) => [f.key, says(f)])));
}

/** Values as stored: ID numbers are kept masked, never in full. */
function storable(def: RegisterDef, values: Rec): Rec {
  const out = { ...values };
  for (const f of def.fields) if (f.maskId && typeof out[f.key] === 'string') out[f.key] = maskId(out[f.key] as string);
  return out;
}

/** A saved record as the caller sees it (already without sensitive notes). */
const ok = (book: Book, rec: Rec): RecordResult => ({ ok: true, id: String(rec.id), version: Number(rec.version), record: toWire(rec, book.tz) });

/** Sensitive notes stay in the sheet; they never travel to the sidebar, a log, a mail or a notice. */
export function publicView(rec: Rec, def: RegisterDef): Rec {
  const out: Rec = { ...rec };
  for (const f of def.fields) if (f.sensitive) delete out[f.key];
  return out;
}

export function createRecord(ports: Ports, register: unknown, fields: unknown): RecordResult {
  const p = prepare(ports, register);
  if (!('book' in p)) return p;
  const { book, def, actor, lang } = p;
  if (def.systemOnly) return fail('invalid', msg('system_register', lang), { register: msg('system_register', lang) });
  if (!canCreate(actor, def)) return deny(lang, refusal(actor));
  const v = validateCreate(def, fields, book.now, lang);
  if (!v.ok) return invalid(lang, v.fieldErrors);
  const ruleErrors = checkRecord(def.key, v.values, book.settings(), lang);
  if (ruleErrors) return invalid(lang, ruleErrors);
  let urgent: Rec | null = null;
  let emergency = null as { rec: Rec; url: string } | null;
  const saved: RecordResult = guarded(ports, () => lang, (): RecordResult => {
    const loaded = loadOrFail(p);
    if ('ok' in loaded) return loaded;
    // A person has one row in Roles; their email is its id.
    if (def.key === 'roles' && loaded.records.some((r) => String(r.email).toLowerCase() === String(v.values.email))) {
      return invalid(lang, { email: msg('duplicate', lang) });
    }
    if (def.key === 'roles' && !book.rolesSeal().intact) return fail('precondition', ROLES_TEXT.unconfirmed[lang]);
    const link = linkProblem(book, def, v.values, lang, true);
    if (link) return invalid(lang, link);
    const now = book.now;
    const rec: Rec = {
      ...storable(def, v.values),
      ...(def.stateField ? { [def.stateField]: def.initialState ?? null } : {}),
      id: def.idPrefix ? nextId(ports.store, def.idPrefix, now, book.tz, loaded.records) : String(v.values.email),
      version: 1,
      created_at: now,
      created_by: actor.email,
      updated_at: now,
      updated_by: actor.email,
    };
    // What the form may leave blank fills itself, so a guard types only the visitor's own details.
    for (const f of def.fields) {
      if (f.initial && (rec[f.key] ?? '') === '') rec[f.key] = f.initial === 'now' ? now : f.initial === 'user' ? actor.name || actor.email : f.initial;
    }
    if (def.key === 'households') rec.care_since = careSince(null, rec, now);
    if (def.key === 'release_passes' && !passNeedsApproval(book, rec.unit)) rec.status = 'approved';
    // A help request that is a complaint opens the complaint at once, so its deadlines start now.
    const complaint = def.key === 'requests' && rec.type === 'complaint' ? linkedComplaint(book, rec) : null;
    if (complaint) rec.complaint_id = complaint.rec.id;
    book.appendRecords(loaded, [rec]);
    if (complaint) book.appendRecords(complaint.loaded, [complaint.rec]);
    if (def.key === 'requests' && URGENT_TYPES.includes(String(rec.type))) urgent = rec;
    if (def.key === 'emergency_entries') emergency = { rec, url: book.ports.tables.rowUrl(loaded.tab, loaded.records.length - 1) };
    if (def.key === 'roles') book.sealRoles();
    logChanges(book, def.key, null, rec, actor);
    recordHistory(book, [{ register: def.key, before: null, after: rec, action: 'create' }, ...(complaint ? [{ register: 'complaints' as const, before: null, after: complaint.rec, action: 'create' }] : [])]);
    if (def.key === 'tenancies') {
      // The household marked 租户 is a change of its own, so its history says so too.
      markTenant(book, rec.unit, actor, (b, a) => {
        logChanges(book, 'households', b, a, actor);
        recordHistory(book, [{ register: 'households', before: b, after: a, action: 'update', note: `${def.label[lang]}：${String(rec.id)}` }]);
      });
    }
    return ok(book, publicView(rec, def));
  });
  if (urgent) sendUrgent(book, urgent);
  if (emergency) sendEmergency(book, emergency.rec, emergency.url);
  return saved;
}

/** Finds a record by id and checks its version; a stale version is a conflict, never a silent overwrite. */
function locate(p: Prepared, loaded: Loaded, id: unknown, version: unknown): { index: number; rec: Rec } | Failure {
  const index = loaded.records.findIndex((r) => r.id === id && id !== null && id !== '');
  if (index < 0) return fail('not_found', msg('not_found', p.lang), { id: msg('not_found', p.lang) });
  const rec = loaded.records[index];
  if (Number(rec.version) !== Number(version) || typeof version !== 'number') return fail('conflict', msg('conflict', p.lang));
  // Cells typed over in the sheet since the last write are recorded first (表格直接修改), and the form, opened before them, is stale.
  if (recordSheetEdits(p.book, [loaded], { rows: [index] }).length) return fail('conflict', msg('conflict', p.lang));
  return { index, rec };
}

export function updateRecord(ports: Ports, register: unknown, id: unknown, version: unknown, fields: unknown): RecordResult {
  const p = prepare(ports, register);
  if (!('book' in p)) return p;
  const { book, def, actor, lang } = p;
  if (def.appendOnly || def.systemOnly) return fail('invalid', msg('append_only', lang), { register: msg('append_only', lang) });
  if (!canEdit(actor, def)) return deny(lang, refusal(actor));
  const v = validateFields(def, asShown(def, fields), { now: book.now, lang, editable: formFields(def), requireAll: false });
  if (!v.ok) return invalid(lang, v.fieldErrors);
  const requiredBlanked = formFields(def).filter((f) => f.required && f.key in v.values && v.values[f.key] === null);
  if (requiredBlanked.length) return invalid(lang, Object.fromEntries(requiredBlanked.map((f) => [f.key, msg('required', lang)])));
  return guarded(ports, () => lang, () => {
    const loaded = loadOrFail(p);
    if ('ok' in loaded) return loaded;
    const found = locate(p, loaded, id, version);
    if ('ok' in found) return found;
    const link = linkProblem(book, def, v.values, lang) ?? editProblem(def, found.rec, v.values, lang);
    if (link) return invalid(lang, link);
    const next: Rec = { ...found.rec, ...storable(def, v.values) };
    if (def.key === 'households') next.care_since = careSince(found.rec, next, book.now);
    // A ready pass moved to a let or key-household unit waits for the supervisor again.
    if (def.key === 'release_passes' && next.status === 'approved' && !next.approver && passNeedsApproval(book, next.unit)) next.status = 'pending';
    const ruleErrors = checkRecord(def.key, next, book.settings(), lang);
    if (ruleErrors) return invalid(lang, ruleErrors);
    if (def.key === 'roles') {
      if (!book.rolesSeal().intact) return fail('precondition', ROLES_TEXT.unconfirmed[lang]);
      const after = loaded.records.map((r, i) => (i === found.index ? next : r));
      if (managersOf(loaded.records).length && !managersOf(after).length) return invalid(lang, { roles: ROLES_TEXT.last_manager[lang] });
    }
    const saved = stamp(next, found.rec, actor, book.now);
    book.writeRecord(loaded, found.index, saved);
    if (def.key === 'roles') book.sealRoles();
    logChanges(book, def.key, found.rec, saved, actor);
    recordHistory(book, [{ register: def.key, before: found.rec, after: saved, action: 'update' }]);
    return ok(book, publicView(saved, def));
  });
}

/**
 * The edit form shows phones and ID numbers masked (138****5678) and the sheet keeps only masked
 * ID numbers: a masked value sent back means "as it is", never a new value written over the real one.
 */
function asShown(def: RegisterDef, fields: unknown): unknown {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return fields;
  const out = { ...(fields as Record<string, unknown>) };
  for (const f of def.fields) if ((f.phone || f.maskId) && typeof out[f.key] === 'string' && (out[f.key] as string).includes('*')) delete out[f.key];
  return out;
}

const LINK_TEXT = {
  no_household: L('没有这个重点户，请从列表中按房号或姓名选择', '沒有這個重點戶，請從列表中按房號或姓名選擇', 'No such key household; pick one by unit or name from the list'),
  by_action: L('此项请用“{action}”修改，相关记录和期限会随之更新', '此項請用「{action}」修改，相關記錄和期限會隨之更新', 'Change this with “{action}”, so its history and deadlines follow'),
};

/** A care-log entry names a key household that exists: the form picks it, the server still checks. */
function linkProblem(book: Book, def: RegisterDef, values: Rec, lang: Lang, creating = false): Record<string, string> | null {
  if (def.key === 'move_ins') return moveInLink(book, values, lang);
  if (def.key === 'outings') return outingProblem(book, values, lang, LINK_TEXT.no_household[lang], creating);
  if (def.key !== 'care_log' || !('household_id' in values)) return null;
  const id = values.household_id;
  const known = book.load('households')?.records.some((r) => r.id === id && id !== null && id !== '');
  return known ? null : { household_id: LINK_TEXT.no_household[lang] };
}

/** A field its own action changes (a complaint's class: 重新定级, by supervisors, with its history) is not changed by an edit. */
function editProblem(def: RegisterDef, before: Rec, values: Rec, lang: Lang): Record<string, string> | null {
  const moved = def.fields.filter((f) => f.byAction && f.key in values && values[f.key] !== before[f.key]);
  if (!moved.length) return null;
  const label = (f: FieldDef) => def.actions.find((a) => a.key === f.byAction)?.label[lang] ?? String(f.byAction);
  return Object.fromEntries(moved.map((f) => [f.key, LINK_TEXT.by_action[lang].replace('{action}', label(f))]));
}

function stamp(next: Rec, before: Rec, actor: Actor, now: Date): Rec {
  return { ...next, version: Number(before.version) + 1, updated_at: now, updated_by: actor.email };
}

export function transition(ports: Ports, register: unknown, id: unknown, version: unknown, action: unknown, fields: unknown = {}): RecordResult {
  const p = prepare(ports, register);
  if (!('book' in p)) return p;
  const { book, def, actor, lang } = p;
  const act = def.actions.find((a) => a.key === action);
  if (!act) return invalid(lang, { action: msg('unknown_action', lang) });
  const v = validateAction(def, act, fields, book.now, lang);
  if (!v.ok) return invalid(lang, v.fieldErrors);
  // When it happened: the given past time, or now.
  const { at: given, ...values } = v.values;
  const at = given instanceof Date ? given : book.now;
  return guarded(ports, () => lang, () => {
    const loaded = loadOrFail(p);
    if ('ok' in loaded) return loaded;
    const found = locate(p, loaded, id, version);
    if ('ok' in found) return found;
    const { rec } = found;
    if (!canRun(actor, def, act, rec)) return deny(lang, act.penalty ? 'penalty_manager' : def.key === 'violations' && rec.severity === 'major' ? 'major_manager' : 'forbidden');
    // Before the state check: a finished move-in is closed, and a step done again says when it was done.
    const stepDone = moveInStepProblem(def, act, rec, { ...rec, ...values }, book);
    if (stepDone) return stepDone;
    if (!act.from.includes(stateOf(def, rec))) return badState(def, act, stateOf(def, rec), lang);
    if (!fitsRecord(def, act, rec)) return fail('precondition', msg('fees_only', lang), { action: msg('fees_only', lang) });
    if (given instanceof Date) {
      const late = backdateProblem(def, act, rec, given, book.now, actor, book.tz, lang);
      if (late) return invalid(lang, { at: late });
    }
    const pre = preconditionOf(def, act, rec, { ...rec, ...values }, at, book);
    if (pre) return pre;
    const next = applyAction(book, def, act, rec, values, at, actor);
    const saved = stamp(next, rec, actor, book.now);
    book.writeRecord(loaded, found.index, saved);
    logChanges(book, def.key, rec, saved, actor);
    recordHistory(book, [{ register: def.key, before: rec, after: saved, action: act.key }]);
    return ok(book, publicView(saved, def));
  });
}

/** A step out of order is refused with the step to take first, e.g. "…：先执行 限期整改，填写整改期限". */
function badState(def: RegisterDef, act: ActionDef, state: string, lang: Lang): Failure {
  const first = missingStep(def, act, state, lang);
  const text = first ? `${msg('bad_state', lang)}${lang === 'en' ? ': ' : '：'}${first}` : msg('bad_state', lang);
  return fail('precondition', text, { action: text });
}

const BACKDATE = {
  before_previous: L('不能早于上一步的时间（{at}）', '不能早於上一步的時間（{at}）', 'Cannot be earlier than the previous step ({at})'),
  supervisor: L('补登一天以前的时间须由主管或经理操作', '補登一天以前的時間須由主管或經理操作', 'Only a supervisor or the manager may record a time more than a day ago'),
  notice: L('书面通知以登记时间为送达时间，不能倒签', '書面通知以登記時間為送達時間，不能倒簽', 'A written notice counts from when it is recorded; it cannot be dated back'),
};
const DAY_MS = 86_400_000;
/** Minutes between serving a notice and recording it: the notice's clock starts when it is recorded. */
const NOTICE_GRACE_MS = 3_600_000;

/**
 * A step's own time may be given, but not before the step before it, not more than a day back
 * unless a supervisor records it, and never back for the cut notice: its 3-day wait (seed 001
 * 第6篇 4.4.8) would otherwise start on a day the household never had the notice.
 */
function backdateProblem(def: RegisterDef, act: ActionDef, rec: Rec, at: Date, now: Date, actor: Actor, tz: string, lang: Lang): string | null {
  const steps = [def.timeField, ...def.actions.map((a) => a.stamp)].filter((k): k is string => Boolean(k));
  let prev: Date | null = null;
  for (const k of steps) {
    const v = rec[k];
    // Date-only stamps (a day without a time) cannot order steps within a day, so only times count.
    const d = v instanceof Date ? v : null;
    if (d && (!prev || d > prev)) prev = d;
  }
  if (prev && at.getTime() < prev.getTime()) return BACKDATE.before_previous[lang].replace('{at}', formatDate(prev, tz, lang, true));
  if (act.key === 'serve_cut_notice' && now.getTime() - at.getTime() > NOTICE_GRACE_MS) return BACKDATE.notice[lang];
  if (now.getTime() - at.getTime() > DAY_MS && !hasAny(actor, ['supervisor', 'manager'])) return BACKDATE.supervisor[lang];
  return null;
}

function applyAction(book: Book, def: RegisterDef, act: ActionDef, rec: Rec, values: Rec, at: Date, actor: Actor): Rec {
  const tz = book.tz;
  const next: Rec = { ...rec, ...values };
  if (act.stamp) next[act.stamp] = def.fields.find((f) => f.key === act.stamp)?.type === 'date' ? ymdInZone(at, tz) : at;
  if (act.to && def.stateField) next[def.stateField] = act.to;
  if (act.penalty) next.decided_by = actor.email;
  if (def.key === 'release_passes' && act.key === 'approve') next.approver = actor.name || actor.email;
  if (def.key === 'complaints' && act.key === 'reclassify') Object.assign(next, classChange(rec, String(values.class), at, actor.name, tz, book.lang));
  // A reason for skipping a step is added to the record's reasons, never written over them.
  if ('skip_reasons' in values) next.skip_reasons = withSkipReason(rec, act.label[book.lang], values.skip_reasons, at, actor.name, tz, book.lang);
  return next;
}

/** Field errors a whole record breaks (a pass longer than allowed), or null. */
function checkRecord(register: RegisterKey, rec: Rec, s: Settings, lang: Lang): Record<string, string> | null {
  if (register === 'tenancies') return tenancyErrors(rec, lang);
  if (register !== 'passes') return null;
  const problem = checkPassLength(rec.issued_on as string | null, rec.expires_on as string | null, s);
  return problem ? { expires_on: problem } : null;
}

const asDate = (v: unknown): Date | null => (v instanceof Date ? v : null);

/**
 * A supply cut is planned, and carried out, only violation_cut_notice_days after the written
 * notice was served; otherwise it is refused, never scheduled. The violation ladder goes in order
 * unless a reason is given; a reclassification must change the class.
 */
function preconditionOf(def: RegisterDef, act: ActionDef, rec: Rec, next: Rec, at: Date, book: Book): Failure | null {
  if (def.key === 'complaints' && act.key === 'reclassify' && next.class === rec.class) {
    const same = msg('same_class', book.lang);
    return fail('precondition', same, { class: same });
  }
  const t = def.key === 'tenancies' && act.key === 'temporaries' ? tenancyErrors(next, book.lang) : null;
  if (t) return fail('invalid', msg('invalid_input', book.lang), t);
  if (def.key !== 'violations') return null;
  const ladder = ladderProblem(act.key, rec, next, at, book.tz, book.lang);
  if (ladder) return fail('precondition', ladder.message, { [ladder.field]: ladder.message });
  const s = book.settings();
  const problem =
    act.key === 'serve_cut_notice'
      ? checkCutSchedule(at, asDate(next.cut_planned_at), s)
      : act.key === 'cut'
        ? checkCutSchedule(asDate(next.cut_notice_served_at), at, s)
        : null;
  const field = act.key === 'serve_cut_notice' ? 'cut_planned_at' : 'action';
  return problem ? fail('precondition', problem, { [field]: problem }) : null;
}

/** Registers whose every write leaves rows in a change log: the log, its id prefix, the column naming the record, and the diff. */
const CHANGE_LOGS: Partial<Record<RegisterKey, { log: RegisterKey; prefix: string; ref: string; diff: (before: Rec | null, after: Rec, lang: Lang) => ChangeRow[] }>> = {
  households: { log: 'household_changes', prefix: 'HC-', ref: 'household_id', diff: householdChanges },
  residents: { log: 'resident_changes', prefix: 'RC-', ref: 'resident_id', diff: residentChanges },
};

function logChanges(book: Book, register: RegisterKey, before: Rec | null, after: Rec, actor: Actor): void {
  const spec = CHANGE_LOGS[register];
  if (!spec) return;
  const changes = spec.diff(before, after, book.lang);
  const log = book.load(spec.log);
  if (!log || !changes.length) return;
  const rows = changes.map((c) => ({
    ...c,
    id: nextId(book.ports.store, spec.prefix, book.now, book.tz, log.records),
    version: 1,
    at: book.now,
    [spec.ref]: after.id,
    unit: after.unit,
    by: actor.name,
    created_at: book.now,
    created_by: actor.email,
    updated_at: book.now,
    updated_by: actor.email,
  }));
  book.appendRecords(log, rows);
}

export function getRecord(ports: Ports, register: unknown, id: unknown) {
  const book = new Book(ports);
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', book.lang), { register: msg('unknown_register', book.lang) });
  const actor = book.actor();
  const denied = denyRead(actor, book.lang, REGISTERS[register]);
  if (denied) return denied;
  const loaded = book.load(register);
  const rec = loaded?.records.find((r) => r.id === id);
  if (!loaded || !rec) return fail('not_found', msg('not_found', book.lang));
  return { ok: true as const, record: wireRecord(book, loaded.def, rec, actor) };
}

/** A record for the sidebar: display fields (no sensitive notes), its state and the actions this user may run. */
export function wireRecord(book: Book, def: RegisterDef, rec: Rec, actor: Actor) {
  const at = def.timeField ? rec[def.timeField] : rec.created_at;
  return {
    id: String(rec.id ?? rec.seq ?? ''),
    version: Number(rec.version ?? 0),
    // A register without a lifecycle (care log, roster, roles) has no open or closed to show.
    state: hasLifecycle(def) ? stateOf(def, rec) : '',
    title: String(rec[def.titleField] ?? '').slice(0, 80),
    label: cardLabel(def, rec, book.lang),
    at: at instanceof Date ? isoInZone(at, book.tz) : at ?? null,
    actions: allowedActions(actor, def, rec),
    fields: toWire(publicView(rec, def), book.tz),
  };
}

export interface FindQuery {
  open?: boolean;
  limit?: number;
  text?: string;
}

export function findRecords(ports: Ports, register: unknown, query: unknown = {}) {
  const book = new Book(ports);
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', book.lang), { register: msg('unknown_register', book.lang) });
  const q = (query && typeof query === 'object' ? query : {}) as FindQuery;
  const actor = book.actor();
  const denied = denyRead(actor, book.lang, REGISTERS[register]);
  if (denied) return denied;
  const loaded = book.load(register as RegisterKey);
  if (!loaded) return fail('not_setup', msg('not_setup', book.lang));
  const text = typeof q.text === 'string' ? q.text.trim().toLowerCase() : '';
  const limit = Math.min(Math.max(Number(q.limit) || 50, 1), 500);
  const closed = new Set(['closed', 'inactive']);
  const picked = loaded.records
    .filter((r) => r.id !== null || r.seq !== null)
    .filter((r) => !q.open || !closed.has(stateOf(loaded.def, r)))
    .filter((r) => !text || JSON.stringify(toWire(publicView(r, loaded.def), book.tz)).toLowerCase().includes(text));
  // Ranked before the limit, so a late record is never cut off by newer ones.
  const next = deadlinesOf(book, loaded.def, picked);
  const ranked = rankRecords(loaded.def, picked, next).slice(0, limit);
  return { ok: true as const, records: ranked.map((r) => ({ ...wireRecord(book, loaded.def, r, actor), next: wireDeadline(book, next.get(String(r.id ?? ''))) })) };
}
