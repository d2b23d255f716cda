// Monthly complaint statistics (seed 001 第10篇 3.3, 第13篇 三.2): counts, and how each time limit was kept. Pure.
import { addDaysYmd, addDeadlineDays, calendarOf, dateEnd, dateStart, dayKey, MINUTE_MS } from './calendar';
import type { Settings } from './settings';
import type { Rec } from './types';

/** One time limit of the complaint procedure and how the month's complaints kept it. */
export interface TimelinessRow {
  /** dispatch, resolve_minor, resolve_important, resolve_major, notify, visit, close. */
  key: string;
  /** The limit in the office's Settings, e.g. { n: 15, unit: 'minutes' }; null for closing, which has none. */
  limit: { n: number; unit: 'minutes' | 'hours' | 'days' | 'same_day' } | null;
  /** Done within the limit. */
  onTime: number;
  /** Done, but after the limit. */
  late: number;
  /** Not done and the limit has passed. */
  overdue: number;
  /** Not done, still within the limit. */
  pending: number;
  /** Mean time from the start of the limit to done, over those done; null when none. */
  meanMs: number | null;
}

export interface MonthlyStats {
  from: string;
  to: string;
  total: number;
  /** Valid complaints (minor, important, major). */
  valid: number;
  resolved: number;
  closed: number;
  byClass: Record<string, number>;
  byDepartment: Record<string, number>;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  timeliness: TimelinessRow[];
}

const moment = (v: unknown): Date | null => (v instanceof Date && !isNaN(v.getTime()) ? v : null);
const count = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);

interface Tally {
  row: TimelinessRow;
  spent: number[];
}

function tally(key: string, limit: TimelinessRow['limit']): Tally {
  return { row: { key, limit, onTime: 0, late: 0, overdue: 0, pending: 0, meanMs: null }, spent: [] };
}

/** Counts one complaint against one limit: started at `from`, due at `due` (null: no limit), done at `done`. */
function add(t: Tally, from: Date, due: Date | null, done: Date | null, now: Date): void {
  if (done) {
    t.spent.push(Math.max(0, done.getTime() - from.getTime()));
    if (!due || done.getTime() <= due.getTime()) t.row.onTime++;
    else t.row.late++;
  } else if (due && now.getTime() > due.getTime()) t.row.overdue++;
  else t.row.pending++;
}

const resolveDays = (s: Settings) => ({ minor: s.complaint_resolve_days_minor, important: s.complaint_resolve_days_important, major: s.complaint_resolve_days_major });

/** One time limit as it applies to one complaint: when it started, when it was due (null: closing has none), when it was done. */
export interface ComplaintLimit {
  key: string;
  from: Date;
  due: Date | null;
  done: Date | null;
}

/**
 * The SPEC time limits that apply to one complaint (the monthly statistics count them, the evidence pack lists them):
 * dispatch, resolve by class, tell the complainant the same day, return visit, and closing.
 */
export function complaintLimits(c: Rec, s: Settings): ComplaintLimit[] {
  const received = moment(c.received_at);
  if (!received) return [];
  const tz = s.timezone;
  const cal = calendarOf(s);
  const cls = String(c.class ?? '');
  const days = resolveDays(s);
  const since = moment(c.class_since) ?? received;
  const resolved = moment(c.resolved_at);
  const notified = moment(c.notified_at);
  const out: ComplaintLimit[] = [];
  // Resolved without a recorded dispatch: nothing was left to dispatch, as the overdue rules say.
  if (moment(c.dispatched_at) || !resolved) out.push({ key: 'dispatch', from: received, due: new Date(received.getTime() + s.complaint_dispatch_minutes * MINUTE_MS), done: moment(c.dispatched_at) });
  if (cls in days) out.push({ key: `resolve_${cls}`, from: since, due: addDeadlineDays(since, days[cls as 'minor'], cal), done: resolved });
  if (resolved) out.push({ key: 'notify', from: resolved, due: dateEnd(dayKey(resolved, tz), tz), done: notified });
  if ((cls === 'important' || cls === 'major') && notified) out.push({ key: 'visit', from: notified, due: addDeadlineDays(notified, s.complaint_visit_days, cal), done: moment(c.visited_at) });
  out.push({ key: 'close', from: received, due: null, done: moment(c.closed_at) });
  return out;
}

/**
 * The complaints received from `from` 00:00 to the day after `to` 00:00 (office time), counted by class,
 * department and status, and each SPEC time limit (dispatch, resolve by class, tell the complainant the
 * same day, return visit) as kept, late, overdue or pending as of `now`.
 */
export function monthlyStats(complaints: Rec[], from: string, to: string, s: Settings, now: Date): MonthlyStats {
  const tz = s.timezone;
  const start = dateStart(from, tz).getTime();
  const end = dateStart(addDaysYmd(to, 1), tz).getTime();
  const inMonth = complaints.filter((c) => {
    const at = moment(c.received_at);
    return at !== null && at.getTime() >= start && at.getTime() < end;
  });
  const out: MonthlyStats = { from, to, total: inMonth.length, valid: 0, resolved: 0, closed: 0, byClass: {}, byDepartment: {}, byStatus: {}, byChannel: {}, timeliness: [] };
  const days = resolveDays(s);
  const t = {
    dispatch: tally('dispatch', { n: s.complaint_dispatch_minutes, unit: 'minutes' }),
    resolve_minor: tally('resolve_minor', { n: days.minor, unit: 'days' }),
    resolve_important: tally('resolve_important', { n: days.important, unit: 'days' }),
    resolve_major: tally('resolve_major', { n: days.major, unit: 'days' }),
    notify: tally('notify', { n: 0, unit: 'same_day' }),
    visit: tally('visit', { n: s.complaint_visit_days, unit: 'days' }),
    close: tally('close', null),
  };
  for (const c of inMonth) {
    const cls = String(c.class ?? '');
    count(out.byClass, cls);
    count(out.byDepartment, String(c.department ?? '').trim());
    count(out.byStatus, String(c.status || 'received'));
    count(out.byChannel, String(c.channel || 'other'));
    if (cls === 'minor' || cls === 'important' || cls === 'major') out.valid++;
    if (moment(c.resolved_at)) out.resolved++;
    if (moment(c.closed_at) || c.status === 'closed') out.closed++;
    for (const l of complaintLimits(c, s)) add(t[l.key as keyof typeof t], l.from, l.due, l.done, now);
  }
  out.timeliness = Object.values(t).map(({ row, spent }) => ({ ...row, meanMs: spent.length ? spent.reduce((a, b) => a + b, 0) / spent.length : null }));
  return out;
}
