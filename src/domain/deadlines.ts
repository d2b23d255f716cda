// The overdue engine: every deadline of SPEC's overdue table, computed from register rows, settings and a given "now".
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  WorkCalendar,
  addCalendarDays,
  addDaysYmd,
  addDeadlineDays,
  addMonthsIn,
  addMonthsYm,
  addMonthsYmd,
  atTime,
  calendarOf,
  dateEnd,
  dateStart,
  dayKey,
  isYmd,
  monthOf,
  nextWorkingDayAt,
  parseIsoIn,
  splitYmd,
} from './calendar';
import { CLOSE_CARE_CATEGORIES, MOVE_IN_STEPS, REGISTERS, RegisterKey } from './registers';
import type { Settings } from './settings';
import { L, L10n, Lang, Rec } from './types';
import { wallOf } from './zone';
import { parseTempResidents } from './tenancy';

export interface OverdueItem {
  register: RegisterKey;
  /** Record id; for duty_log 'YYYY-MM-DD' (signoff) or 'YYYY-MM-DD/night' (handover); for roster 'YYYY-MM'. */
  id: string;
  /** Rule key from SPEC's overdue table (see OVERDUE_RULES). */
  rule: string;
  due: Date;
  /** 1 = overdue (supervisors); 2 = overdue by more than manager_threshold_days (the manager too). */
  level: number;
  overdueMs: number;
  /** A major complaint (or one being upgraded to major) or a major violation. */
  major: boolean;
  /** The complaint's department; '' elsewhere. */
  department: string;
  unit: string;
  /** One line from the register's title field (never a sensitive field), at most 80 characters. */
  title: string;
}

export interface OverdueInput {
  now: Date;
  settings: Settings;
  /** Rows by register; a register that is absent is not checked (the roster rule needs data.roster present). */
  data: Partial<Record<RegisterKey, Rec[]>>;
  /** Also list what falls due within this many ms of now (the amber rows), from the same pass over the rows. */
  horizonMs?: number;
}

export interface OverdueResult {
  /** Sorted: level 2 first, then the longest overdue, then register/id/rule. */
  items: OverdueItem[];
  /** Valid complaints unresolved for complaint_upgrade_days: the caller reclassifies them as major (so each is reported once). */
  upgrades: { register: 'complaints'; id: string }[];
  /** With horizonMs: every item due before now + horizonMs, overdue ones included (unsorted); else []. */
  soon: OverdueItem[];
}

/** Every rule the engine checks, with the words digests use. */
export const OVERDUE_RULES: readonly { register: RegisterKey; rule: string; label: L10n }[] = [
  { register: 'complaints', rule: 'dispatch', label: L('投诉未按时派单', '投訴未按時派單', 'Complaint not dispatched in time') },
  { register: 'complaints', rule: 'manager', label: L('重大投诉未当天报经理', '重大投訴未當天報經理', 'Major complaint not reported to the manager the same day') },
  { register: 'complaints', rule: 'handover', label: L('重要投诉未按时转交片区', '重要投訴未按時轉交片區', 'Important complaint not handed over in time') },
  { register: 'complaints', rule: 'answer', label: L('重大投诉未按时明确答复', '重大投訴未按時明確答覆', 'Major complaint not answered in time') },
  { register: 'complaints', rule: 'resolve', label: L('投诉未按时处理完毕', '投訴未按時處理完畢', 'Complaint not resolved in time') },
  { register: 'complaints', rule: 'notify', label: L('处理完毕当天未告知投诉人', '處理完畢當天未告知投訴人', 'Complainant not told the same day') },
  { register: 'complaints', rule: 'visit', label: L('投诉未按时回访', '投訴未按時回訪', 'No return visit in time') },
  { register: 'complaints', rule: 'upgrade', label: L('有效投诉一个月未解决，升为重大投诉', '有效投訴一個月未解決，升為重大投訴', 'Unresolved for a month: now a major complaint') },
  { register: 'violations', rule: 'rectify', label: L('违章逾期未整改', '違章逾期未整改', 'Violation not rectified by the deadline') },
  { register: 'violations', rule: 'restore', label: L('已整改或缴清，未按时恢复供应', '已整改或繳清，未按時恢復供應', 'Rectified or paid, supply not restored in time') },
  { register: 'violations', rule: 'cut_notice', label: L('停水停电未提前书面通知，不得执行', '停水停電未提前書面通知，不得執行', 'Cut planned without the written notice in time: do not cut') },
  { register: 'requests', rule: 'first_reply', label: L('求助未及时首次回应', '求助未及時首次回應', 'Request without a first reply in time') },
  { register: 'requests', rule: 'written_reply', label: L('书面咨询未按时书面答复', '書面諮詢未按時書面答覆', 'Written enquiry not answered in time') },
  { register: 'households', rule: 'visit', label: L('老人户未按时上门走访', '老人戶未按時上門走訪', 'Elderly household not visited this week') },
  { register: 'households', rule: 'call', label: L('老人户本周电话问候不足', '老人戶本週電話問候不足', 'Elderly household: too few calls this week') },
  { register: 'households', rule: 'review', label: L('重点户未按时复查', '重點戶未按時複查', 'Key household review due') },
  { register: 'households', rule: 'survey', label: L('重点户全年普查到期', '重點戶全年普查到期', 'Key household: yearly full survey due') },
  { register: 'households', rule: 'screening', label: L('新入住户未按时排查', '新入住戶未按時排查', 'New resident not screened in time') },
  { register: 'households', rule: 'due_date', label: L('临近预产期，请提醒住院', '臨近預產期，請提醒住院', 'Due date near: advise going to hospital') },
  { register: 'passes', rule: 'expiry', label: L('临时出入卡即将到期或已到期未退', '臨時出入卡即將到期或已到期未退', 'Access pass expiring or expired and not returned') },
  { register: 'duty_log', rule: 'handover', label: L('值班结束未登记交接班', '值班結束未登記交接班', 'Shift ended without a handover entry') },
  { register: 'duty_log', rule: 'signoff', label: L('主管未按时签阅值班记录', '主管未按時簽閱值班記錄', 'Duty log not signed off by the supervisor in time') },
  { register: 'roster', rule: 'roster', label: L('值班表未按时编制', '值班表未按時編製', 'Roster not made in time') },
  { register: 'roster', rule: 'holidays', label: L('明年法定节假日未录入设置', '明年法定節假日未錄入設定', 'Next year’s public holidays are not in Settings') },
  { register: 'visitors', rule: 'overstay', label: L('访客超时未离开', '訪客超時未離開', 'Visitor still inside') },
  { register: 'outings', rule: 'not_back', label: L('出门逾时未归', '出門逾時未歸', 'Not back from an outing') },
  { register: 'move_ins', rule: 'steps_due', label: L('入住手续未按时办完', '入住手續未按時辦完', 'Move-in steps not done in time') },
  { register: 'residents', rule: 'screening_new_resident', label: L('新住户未按时做重点户排查', '新住戶未按時做重點戶排查', 'New resident not screened for key household in time') },
  { register: 'tenancies', rule: 'agreement', label: L('经管理处出租，未签租户管理协议书', '經管理處出租，未簽租戶管理協議書', 'Let through the office: tenant agreement not signed') },
  { register: 'tenancies', rule: 'temp_registration', label: L('暂住人员逾期未到派出所登记', '暫住人員逾期未到派出所登記', 'Temporary resident not registered with the police in time') },
  { register: 'tenancies', rule: 'lease_end', label: L('租期即将届满', '租期即將屆滿', 'Lease ending soon') },
];

export function ruleLabel(register: RegisterKey, rule: string, lang: Lang): string {
  return OVERDUE_RULES.find((r) => r.register === register && r.rule === rule)?.label[lang] ?? `${register}.${rule}`;
}

// ---------- reading record values (robust to strings, since rows may come from a CLI or a hand-edited sheet) ----------

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A date-time field as a moment; a bare date means the start of that day in the office zone. */
function momentOf(v: unknown, tz: string): Date | null {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v.trim()) return parseIsoIn(v, tz);
  return null;
}

/** A date field as 'YYYY-MM-DD' (a Date is read as its office-zone day). */
function dateOf(v: unknown, tz: string): string | null {
  if (typeof v === 'string' && isYmd(v.trim())) return v.trim();
  const m = momentOf(v, tz);
  return m ? dayKey(m, tz) : null;
}

const textOf = (v: unknown): string => (isBlank(v) ? '' : Array.isArray(v) ? v.join(', ') : v instanceof Date ? v.toISOString() : String(v));

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(/[,，、;；]/).map((x) => x.trim()).filter(Boolean);
  return [];
}

function titleOf(register: RegisterKey, rec: Rec): string {
  const line = textOf(rec[REGISTERS[register].titleField]).replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

// ---------- the engine ----------

interface Ctx {
  now: Date;
  s: Settings;
  cal: WorkCalendar;
  tz: string;
  items: OverdueItem[];
  /** now + horizonMs, or -Infinity when the caller wants no look-ahead. */
  soonBefore: number;
  soon: OverdueItem[];
}

interface Found {
  register: RegisterKey;
  id: string;
  rule: string;
  due: Date | null;
  major?: boolean;
  department?: string;
  unit?: string;
  title?: string;
  /** Escalation to level 2 counts from here (an early warning stays at level 1 until the real due time). */
  escalateFrom?: Date;
}

/** Adds the item when now is strictly after its due time (due 10:00 → 10:00:00.000 is on time, 10:00:00.001 is late). */
function report(ctx: Ctx, f: Found): boolean {
  if (!f.due) return false;
  const late = ctx.now.getTime() > f.due.getTime();
  if (!late && !(ctx.soonBefore > f.due.getTime())) return false;
  const escalated = late ? addDeadlineDays(f.escalateFrom ?? f.due, ctx.s.manager_threshold_days, ctx.cal) : null;
  const item: OverdueItem = {
    register: f.register,
    id: f.id,
    rule: f.rule,
    due: f.due,
    level: escalated && ctx.now.getTime() > escalated.getTime() ? 2 : 1,
    overdueMs: ctx.now.getTime() - f.due.getTime(),
    major: f.major ?? false,
    department: f.department ?? '',
    unit: f.unit ?? '',
    title: f.title ?? '',
  };
  if (ctx.soonBefore > f.due.getTime()) ctx.soon.push(item);
  if (late) ctx.items.push(item);
  return late;
}

const idOf = (rec: Rec): string => textOf(rec.id);
const minutes = (d: Date, n: number): Date => new Date(d.getTime() + n * MINUTE_MS);
const hours = (d: Date, n: number): Date => new Date(d.getTime() + n * HOUR_MS);

// ----- complaints -----

const VALID_CLASSES = ['minor', 'important', 'major'];

function complaintRules(ctx: Ctx, rec: Rec, upgrades: OverdueResult['upgrades']): void {
  const { s, tz } = ctx;
  if (rec.status === 'closed' || !isBlank(rec.closed_at)) return;
  const received = momentOf(rec.received_at, tz);
  if (!received) return;
  const cls = textOf(rec.class);
  // After a reclassification or the 30-day upgrade, the new class's duties count from that moment.
  const since = momentOf(rec.class_since, tz) ?? received;
  const base = {
    register: 'complaints' as const,
    id: idOf(rec),
    major: cls === 'major',
    department: textOf(rec.department),
    unit: textOf(rec.unit),
    title: titleOf('complaints', rec),
  };
  const set = (field: string): boolean => !isBlank(rec[field]);
  const resolved = momentOf(rec.resolved_at, tz);
  // Once the department reports it resolved there is nothing left to dispatch, hand over or answer.
  if (!set('dispatched_at') && !resolved) report(ctx, { ...base, rule: 'dispatch', due: minutes(received, s.complaint_dispatch_minutes) });
  if (cls === 'major' && !set('manager_informed_at')) report(ctx, { ...base, rule: 'manager', due: dateEnd(dayKey(since, tz), tz) });
  if (cls === 'important' && !set('handed_over_at') && !resolved) report(ctx, { ...base, rule: 'handover', due: hours(since, s.complaint_handover_hours) });
  if (cls === 'major' && !set('answered_at') && !resolved) report(ctx, { ...base, rule: 'answer', due: addDeadlineDays(since, s.complaint_answer_days, ctx.cal) });
  if (VALID_CLASSES.includes(cls) && !resolved) {
    const days = { minor: s.complaint_resolve_days_minor, important: s.complaint_resolve_days_important, major: s.complaint_resolve_days_major }[cls as 'minor'];
    report(ctx, { ...base, rule: 'resolve', due: addDeadlineDays(since, days, ctx.cal) });
  }
  if (resolved && !set('notified_at')) report(ctx, { ...base, rule: 'notify', due: dateEnd(dayKey(resolved, tz), tz) });
  const notified = momentOf(rec.notified_at, tz);
  if ((cls === 'important' || cls === 'major') && notified && !set('visited_at')) {
    report(ctx, { ...base, rule: 'visit', due: addDeadlineDays(notified, s.complaint_visit_days, ctx.cal) });
  }
  // "Unresolved for a month" is a calendar month whatever day_mode says.
  if ((cls === 'minor' || cls === 'important') && !resolved) {
    const upgraded = report(ctx, { ...base, major: true, rule: 'upgrade', due: addCalendarDays(since, s.complaint_upgrade_days) });
    if (upgraded) upgrades.push({ register: 'complaints', id: base.id });
  }
}

// ----- violations -----

function violationRules(ctx: Ctx, rec: Rec): void {
  const { s, tz } = ctx;
  if (rec.step === 'closed' || !isBlank(rec.closed_at)) return;
  const base = { register: 'violations' as const, id: idOf(rec), major: rec.severity === 'major', unit: textOf(rec.unit), title: titleOf('violations', rec) };
  if (rec.step === 'rectification_ordered' && isBlank(rec.rectified_at)) {
    report(ctx, { ...base, rule: 'rectify', due: momentOf(rec.rectify_by, tz) });
  }
  // Once the party has rectified or paid after a cut, supply is restored within violation_restore_hours.
  const cut = momentOf(rec.cut_at, tz);
  if (cut && isBlank(rec.restored_at)) {
    const settled = [momentOf(rec.rectified_at, tz), momentOf(rec.paid_at, tz)].filter((d): d is Date => d !== null && d.getTime() >= cut.getTime());
    const first = settled.sort((x, y) => x.getTime() - y.getTime())[0];
    if (first) report(ctx, { ...base, rule: 'restore', due: hours(first, s.violation_restore_hours) });
  }
  // A planned cut stays flagged until it is re-planned with proper notice; once cut (or restored) it is history.
  const planned = momentOf(rec.cut_planned_at, tz);
  if (planned && isBlank(rec.cut_at) && isBlank(rec.restored_at)) {
    const served = momentOf(rec.cut_notice_served_at, tz);
    const lastServeTime = subtractDeadlineDays(planned, s.violation_cut_notice_days, ctx.cal);
    if (!served || served.getTime() > lastServeTime.getTime()) report(ctx, { ...base, rule: 'cut_notice', due: lastServeTime });
  }
}

/** The latest moment a notice may be served so that `planned` is at least n deadline days later. */
export function subtractDeadlineDays(planned: Date, n: number, cal: WorkCalendar): Date {
  if (cal.dayMode !== 'working') return addCalendarDays(planned, -n);
  // Walk back day by day until counting forward from the candidate reaches the planned time.
  let candidate = addCalendarDays(planned, -n);
  for (let i = 0; i < 400 && addDeadlineDays(candidate, n, cal).getTime() > planned.getTime(); i++) candidate = addCalendarDays(candidate, -1);
  return candidate;
}

// ----- requests -----

function requestRules(ctx: Ctx, rec: Rec): void {
  const { s, tz } = ctx;
  if (!isBlank(rec.closed_at)) return;
  const received = momentOf(rec.received_at, tz);
  if (!received) return;
  const base = { register: 'requests' as const, id: idOf(rec), unit: textOf(rec.unit), title: titleOf('requests', rec) };
  if (isBlank(rec.first_reply_at)) report(ctx, { ...base, rule: 'first_reply', due: minutes(received, s.request_first_reply_minutes) });
  if (rec.type === 'written_enquiry' && isBlank(rec.replied_at)) {
    report(ctx, { ...base, rule: 'written_reply', due: addDeadlineDays(received, s.request_written_reply_days, ctx.cal) });
  }
}

// ----- households -----

const CARE_KINDS = ['visit', 'call', 'review', 'screening', 'survey'] as const;
type CareLog = Record<(typeof CARE_KINDS)[number], Date[]>;
const emptyCare = (): CareLog => ({ visit: [], call: [], review: [], screening: [], survey: [] });

function careByHousehold(rows: Rec[], tz: string): Map<string, CareLog> {
  const map = new Map<string, CareLog>();
  for (const row of rows) {
    const at = momentOf(row.at, tz);
    const kind = textOf(row.kind) as keyof CareLog;
    if (!at || !(CARE_KINDS as readonly string[]).includes(kind)) continue;
    const id = textOf(row.household_id);
    const log = map.get(id) ?? emptyCare();
    log[kind].push(at);
    map.set(id, log);
  }
  for (const log of map.values()) for (const list of Object.values(log) as Date[][]) list.sort((a, b) => b.getTime() - a.getTime());
  return map;
}

const WEEK_MS = 7 * DAY_MS;

/** The later of two moments; null only when both are. */
const latest = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : a.getTime() >= b.getTime() ? a : b);

function householdRules(ctx: Ctx, rec: Rec, care: CareLog): void {
  const { s, tz } = ctx;
  if (rec.status === 'inactive') return;
  const base = { register: 'households' as const, id: idOf(rec), unit: textOf(rec.unit), title: titleOf('households', rec) };
  const categories = listOf(rec.categories);
  const movedIn = dateOf(rec.moved_in_on, tz);
  const created = momentOf(rec.created_at, tz);
  // Where no care has been logged yet, the clock starts when the household moved in (else when it was registered).
  const start = movedIn ? dateStart(movedIn, tz) : created;

  if (categories.some((c) => (CLOSE_CARE_CATEGORIES as readonly string[]).includes(c))) {
    // Close care is owed from when the category was added (or the household moved in, if later), never before.
    const careStart = latest(momentOf(rec.care_since, tz) ?? created, start);
    const lastVisit = latest(care.visit[0] ?? null, careStart);
    if (lastVisit) report(ctx, { ...base, rule: 'visit', due: addCalendarDays(lastVisit, s.household_visit_days) });
    const needed = s.household_calls_per_week;
    // Fewer than `needed` calls in the last 7 days from the moment the needed-th latest call leaves the window.
    const from = needed > 0 ? latest(care.call[needed - 1] ?? null, careStart) : null;
    if (from) report(ctx, { ...base, rule: 'call', due: new Date(from.getTime() + WEEK_MS) });
  }

  const lastReview = care.review[0] ?? created ?? start;
  if (lastReview) report(ctx, { ...base, rule: 'review', due: addMonthsIn(lastReview, s.household_review_months, tz) });
  const lastSurvey = care.survey[0] ?? created ?? start;
  if (lastSurvey) report(ctx, { ...base, rule: 'survey', due: addMonthsIn(lastSurvey, s.household_survey_months, tz) });

  if (movedIn && isBlank(rec.screened_at) && care.screening.length === 0) {
    // Screened "within 15 days of moving in": the whole 15th day after the move-in date counts.
    const lastDay = dayKey(addDeadlineDays(dateStart(movedIn, tz), s.household_screening_days, ctx.cal), tz);
    report(ctx, { ...base, rule: 'screening', due: dateEnd(lastDay, tz) });
  }

  const dueDate = dateOf(rec.due_date, tz);
  if (categories.includes('pregnant') && dueDate) {
    // A reminder, not a duty: it runs from a week before the due date until the household is updated, or two weeks after.
    const from = dateStart(addDaysYmd(dueDate, -s.household_due_date_days), tz);
    const until = dateEnd(addDaysYmd(dueDate, s.household_due_date_end_days), tz);
    const updated = momentOf(rec.updated_at, tz);
    const settled = updated !== null && updated.getTime() > from.getTime();
    if (!settled && ctx.now.getTime() <= until.getTime()) report(ctx, { ...base, rule: 'due_date', due: from });
  }
}

// ----- residents -----

/** A unit as typed or as the sheet keeps it: "6-1-201" reads as a date, so it may come back with the apostrophe that keeps it text. */
export const unitKey = (v: unknown): string => textOf(v).replace(/^'/, '').replace(/\s+/g, '').toUpperCase();

/**
 * Every new resident is screened for the key-household register within household_screening_days
 * of moving in, the same whole-day count as a household's own screening. A key-household record
 * for the unit, or a clerk's "not a key household", closes it.
 */
function residentRules(ctx: Ctx, rec: Rec, keyUnits: Set<string>): void {
  const movedIn = dateOf(rec.moved_in_on, ctx.tz);
  if (!movedIn || rec.status === 'moved_out' || !isBlank(rec.screened_at) || keyUnits.has(unitKey(rec.unit))) return;
  const lastDay = dayKey(addDeadlineDays(dateStart(movedIn, ctx.tz), ctx.s.household_screening_days, ctx.cal), ctx.tz);
  report(ctx, { register: 'residents', id: idOf(rec), rule: 'screening_new_resident', due: dateEnd(lastDay, ctx.tz), unit: textOf(rec.unit), title: titleOf('residents', rec) });
}

// ----- tenancies -----

/**
 * A let flat: the 租户管理协议书 by the lease's first day when the office let it; each temporary resident
 * registered with the police within temp_resident_days of arriving (the same whole-day count as the
 * screening), one item naming who is late; and the lease's end, lease_end_days ahead, for the digest.
 */
function tenancyRules(ctx: Ctx, rec: Rec): void {
  if (rec.status === 'closed' || !isBlank(rec.ended_on)) return;
  const { tz, s } = ctx;
  const base = { register: 'tenancies' as const, id: idOf(rec), unit: textOf(rec.unit), title: titleOf('tenancies', rec) };
  const start = dateOf(rec.lease_start, tz);
  if (start && rec.via_office === true && isBlank(rec.agreement_on)) report(ctx, { ...base, rule: 'agreement', due: dateEnd(start, tz) });
  const dueOf = (arrived: string) => dateEnd(dayKey(addDeadlineDays(dateStart(arrived, tz), s.temp_resident_days, ctx.cal), tz), tz);
  const waiting = parseTempResidents(rec.temporary).people.filter((p) => !p.registered).map((p) => ({ name: p.name, due: dueOf(p.arrived) }));
  if (waiting.length) {
    const first = Math.min(...waiting.map((w) => w.due.getTime()));
    const names = waiting.filter((w) => w.due.getTime() === first).map((w) => w.name).join('、');
    report(ctx, { ...base, rule: 'temp_registration', due: new Date(first), title: `${base.title}：${names}`.slice(0, 80) });
  }
  const end = dateOf(rec.lease_end, tz);
  if (end) report(ctx, { ...base, rule: 'lease_end', due: dateStart(addDaysYmd(end, -s.lease_end_days), tz) });
}

// ----- passes -----

function passRules(ctx: Ctx, rec: Rec): void {
  const { s, tz } = ctx;
  if (!isBlank(rec.returned_on)) return;
  const expires = dateOf(rec.expires_on, tz);
  if (!expires) return;
  report(ctx, {
    register: 'passes',
    id: idOf(rec),
    rule: 'expiry',
    due: dateStart(addDaysYmd(expires, -s.pass_expiry_days), tz),
    unit: textOf(rec.unit),
    title: titleOf('passes', rec),
  });
}

// ----- visitors -----

/** Only who and where: the ID number stays in the register. */
function visitorRules(ctx: Ctx, rec: Rec): void {
  const at = momentOf(rec.at, ctx.tz);
  if (!isBlank(rec.left_at) || !at) return;
  report(ctx, { register: 'visitors', id: idOf(rec), rule: 'overstay', due: hours(at, ctx.s.visitor_overstay_hours), unit: textOf(rec.unit), title: titleOf('visitors', rec) });
}

// ----- outings -----

/** A vulnerable resident not back outing_grace_hours after the time they gave: security goes to look. */
function outingRules(ctx: Ctx, rec: Rec): void {
  const back = momentOf(rec.expected_back, ctx.tz);
  if (!isBlank(rec.back_at) || !back) return;
  report(ctx, { register: 'outings', id: idOf(rec), rule: 'not_back', due: hours(back, ctx.s.outing_grace_hours), unit: textOf(rec.unit), title: titleOf('outings', rec) });
}

// ----- move-ins -----

/**
 * Every step still open move_in_days after the move-in date (end of that day, as day_mode counts),
 * in one item whose title names them in the office language, so the digest line says what is left.
 */
function moveInRules(ctx: Ctx, rec: Rec): void {
  const day = dateOf(rec.move_in_on, ctx.tz);
  const open = MOVE_IN_STEPS.filter(([k]) => isBlank(rec[`${k}_at`]));
  if (!day || !open.length) return;
  const lastDay = dayKey(addDeadlineDays(dateStart(day, ctx.tz), ctx.s.move_in_days, ctx.cal), ctx.tz);
  const en = ctx.s.lang === 'en';
  const line = `${titleOf('move_ins', rec)}${en ? ': ' : '：'}${open.map(([, l]) => l[ctx.s.lang]).join(en ? ', ' : '、')}`;
  const title = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  report(ctx, { register: 'move_ins', id: idOf(rec), rule: 'steps_due', due: dateEnd(lastDay, ctx.tz), unit: textOf(rec.unit), title });
}

// ----- duty log and roster -----

/**
 * When a rostered shift ends. Night duty runs from duty_shift_start on its date to
 * duty_shift_end the next morning; a full (holiday) day runs 24 hours from duty_shift_end
 * on its date to duty_shift_end the next morning. Both therefore end the next morning.
 */
export function shiftWindow(date: string, shift: string, s: Settings): { start: Date; end: Date } | null {
  if (!splitYmd(date) || (shift !== 'night' && shift !== 'full_day')) return null;
  const tz = s.timezone;
  const start = atTime(date, shift === 'night' ? s.duty_shift_start : s.duty_shift_end, tz);
  return { start, end: atTime(addDaysYmd(date, 1), s.duty_shift_end, tz) };
}

/** True when a sorted (ascending) list has a time in [from, to]. */
function anyBetween(sorted: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= to;
}

function handoverRules(ctx: Ctx, roster: Rec[], log: Rec[]): void {
  const { s, tz } = ctx;
  const handovers = log
    .filter((r) => r.kind === 'handover')
    .map((r) => momentOf(r.at, tz)?.getTime())
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  const seen = new Set<string>();
  for (const row of roster) {
    const date = dateOf(row.date, tz);
    const shift = textOf(row.shift);
    const win = date ? shiftWindow(date, shift, s) : null;
    const id = `${date}/${shift}`;
    if (!win || seen.has(id)) continue;
    seen.add(id);
    // The handover is written when the incoming officer takes over: from an hour before the end to two hours after.
    const end = win.end.getTime();
    if (anyBetween(handovers, end - HOUR_MS, end + 2 * HOUR_MS)) continue;
    report(ctx, { register: 'duty_log', id, rule: 'handover', due: win.end, title: textOf(row.officer) });
  }
}

/**
 * Each day with duty entries needs a signoff written after its last entry, by signoff_time on
 * the next working day. A later signoff covers every earlier entry, so the night shift's
 * after-midnight entries are covered by the same morning's signoff.
 */
function signoffRules(ctx: Ctx, log: Rec[]): void {
  const { s, tz } = ctx;
  const lastEntryOfDay = new Map<string, number>();
  let lastSignoff = -Infinity;
  for (const row of log) {
    const at = momentOf(row.at, tz);
    if (!at) continue;
    if (row.kind === 'signoff') {
      lastSignoff = Math.max(lastSignoff, at.getTime());
      continue;
    }
    const day = dayKey(at, tz);
    lastEntryOfDay.set(day, Math.max(lastEntryOfDay.get(day) ?? -Infinity, at.getTime()));
  }
  for (const [day, last] of [...lastEntryOfDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (lastSignoff >= last) continue;
    report(ctx, { register: 'duty_log', id: day, rule: 'signoff', due: nextWorkingDayAt(dateStart(day, tz), s.signoff_time, ctx.cal), title: day });
  }
}

/** The roster for month M is due at 00:00 on roster_due_day of the month before (clamped to that month's last day). */
export function rosterDue(month: string, s: Settings): Date {
  const before = addMonthsYm(month, -1);
  const lastDay = Number(addDaysYmd(`${month}-01`, -1).slice(8));
  const day = String(Math.min(s.roster_due_day, lastDay)).padStart(2, '0');
  return dateStart(`${before}-${day}`, s.timezone);
}

/**
 * A month's roster is due before the month begins (seed 001 第2篇: prepared by the end of the month
 * before). roster_due_day is an early warning at level 1; escalation counts from the month's start.
 */
function rosterRules(ctx: Ctx, roster: Rec[]): void {
  const { tz } = ctx;
  const months = new Set(roster.map((r) => dateOf(r.date, tz)).filter((d): d is string => d !== null).map(monthOf));
  const thisMonth = monthOf(dayKey(ctx.now, tz));
  // This month is checked too: an empty current month stays overdue, and 值班表 fills it first.
  for (const month of [thisMonth, addMonthsYm(thisMonth, 1)]) {
    if (months.has(month)) continue;
    report(ctx, { register: 'roster', id: month, rule: 'roster', due: rosterDue(month, ctx.s), escalateFrom: dateStart(`${month}-01`, tz), title: month });
  }
  // Rostering needs the official holidays: once next month falls in a year Settings has none for, the manager adds them.
  const nextYear = addMonthsYm(thisMonth, 1).slice(0, 4);
  if (!ctx.s.holidays.some((d) => d.startsWith(nextYear))) {
    report(ctx, { register: 'roster', id: nextYear, rule: 'holidays', due: dateStart(`${thisMonth}-01`, tz), major: true, title: nextYear });
  }
}

// ----- putting it together -----

const REGISTER_ORDER: readonly string[] = ['complaints', 'violations', 'requests', 'households', 'passes', 'duty_log', 'roster', 'visitors', 'residents', 'outings', 'tenancies', 'move_ins'];

function compareItems(a: OverdueItem, b: OverdueItem): number {
  return (
    b.level - a.level ||
    a.due.getTime() - b.due.getTime() ||
    REGISTER_ORDER.indexOf(a.register) - REGISTER_ORDER.indexOf(b.register) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

/**
 * Everything overdue at `now`. Pure and total: rows with missing or unreadable times are
 * skipped, never thrown on. A record is overdue when now is strictly after its due time and
 * its clearing field is blank (a clearing time, even a late one, clears it).
 */
export function computeOverdue(input: OverdueInput): OverdueResult {
  const { now, settings, data } = input;
  const soonBefore = input.horizonMs === undefined ? -Infinity : now.getTime() + input.horizonMs;
  const ctx: Ctx = { now, s: settings, cal: calendarOf(settings), tz: settings.timezone, items: [], soonBefore, soon: [] };
  const upgrades: OverdueResult['upgrades'] = [];
  for (const rec of data.complaints ?? []) complaintRules(ctx, rec, upgrades);
  for (const rec of data.violations ?? []) violationRules(ctx, rec);
  for (const rec of data.requests ?? []) requestRules(ctx, rec);
  const care = careByHousehold(data.care_log ?? [], ctx.tz);
  const none = emptyCare();
  for (const rec of data.households ?? []) householdRules(ctx, rec, care.get(idOf(rec)) ?? none);
  for (const rec of data.passes ?? []) passRules(ctx, rec);
  for (const rec of data.visitors ?? []) visitorRules(ctx, rec);
  for (const rec of data.outings ?? []) outingRules(ctx, rec);
  for (const rec of data.move_ins ?? []) moveInRules(ctx, rec);
  const keyUnits = new Set((data.households ?? []).map((h) => unitKey(h.unit)));
  for (const rec of data.residents ?? []) residentRules(ctx, rec, keyUnits);
  for (const rec of data.tenancies ?? []) tenancyRules(ctx, rec);
  if (data.roster) handoverRules(ctx, data.roster, data.duty_log ?? []);
  if (data.duty_log) signoffRules(ctx, data.duty_log);
  if (data.roster) rosterRules(ctx, data.roster);
  return { items: ctx.items.sort(compareItems), upgrades, soon: ctx.soon };
}

// ---------- checks the write path uses to refuse bad schedules ----------

const CHECK_MESSAGES = {
  notServed: L('尚未送达停水停电书面通知，不能安排停水停电', '尚未送達停水停電書面通知，不能安排停水停電', 'The written cut notice has not been served; a cut cannot be scheduled'),
  notPlanned: L('请填写计划停水停电时间', '請填寫計劃停水停電時間', 'Give the planned time of the cut'),
  tooSoon: L('停水停电须在书面通知送达至少 {n} 天后进行（最早 {at}）', '停水停電須在書面通知送達至少 {n} 天後進行（最早 {at}）', 'A cut must be at least {n} days after the written notice was served (earliest {at})'),
  badDates: L('发卡日期和有效期须为 YYYY-MM-DD 格式的日期', '發卡日期和有效期須為 YYYY-MM-DD 格式的日期', 'Issue and expiry dates must be YYYY-MM-DD dates'),
  beforeIssue: L('有效期不能早于发卡日期', '有效期不能早於發卡日期', 'The pass cannot expire before it is issued'),
  tooLong: L('临时出入卡有效期最长 {n} 个月（最迟 {at}）', '臨時出入卡有效期最長 {n} 個月（最遲 {at}）', 'A pass is valid for at most {n} months (until {at} at the latest)'),
};

const fill = (t: string, n: number, at: string): string => t.replace('{n}', String(n)).replace('{at}', at);

function shortTime(d: Date, tz: string): string {
  const ymd = dayKey(d, tz);
  const w = wallOf(d.getTime(), tz);
  return `${ymd} ${String(w.getUTCHours()).padStart(2, '0')}:${String(w.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * Refuses a water/power cut planned less than violation_cut_notice_days after the written
 * notice was served (exactly 3 days later is allowed). Returns the reason in the office
 * language, or null when the schedule is lawful. Also use it when the cut is carried out,
 * with the actual time as plannedAt.
 */
export function checkCutSchedule(servedAt: Date | null, plannedAt: Date | null, settings: Settings): string | null {
  const lang = settings.lang;
  if (!servedAt || isNaN(servedAt.getTime())) return CHECK_MESSAGES.notServed[lang];
  if (!plannedAt || isNaN(plannedAt.getTime())) return CHECK_MESSAGES.notPlanned[lang];
  const earliest = addDeadlineDays(servedAt, settings.violation_cut_notice_days, calendarOf(settings));
  if (plannedAt.getTime() < earliest.getTime()) {
    return fill(CHECK_MESSAGES.tooSoon[lang], settings.violation_cut_notice_days, shortTime(earliest, settings.timezone));
  }
  return null;
}

/**
 * Refuses a temporary access pass valid for more than pass_max_months (seed 000 §4.4.2):
 * issued 2026-11-30 may run to 2027-02-28, not 2027-03-01. Returns the reason or null.
 */
export function checkPassLength(issued_on: string | null, expires_on: string | null, settings: Settings): string | null {
  const lang = settings.lang;
  if (!issued_on || !expires_on || !isYmd(issued_on) || !isYmd(expires_on)) return CHECK_MESSAGES.badDates[lang];
  if (expires_on < issued_on) return CHECK_MESSAGES.beforeIssue[lang];
  const latest = addMonthsYmd(issued_on, settings.pass_max_months);
  return expires_on > latest ? fill(CHECK_MESSAGES.tooLong[lang], settings.pass_max_months, latest) : null;
}
