// The manager's month-end summary across the registers (seed 001 第13篇): counts only, never a name or a phone. Pure.
import { addCalendarDays, addDaysYmd, dateStart, isYmd } from './calendar';
import { computeOverdue } from './deadlines';
import { CLOSE_CARE_CATEGORIES } from './registers';
import type { Settings } from './settings';
import type { Rec } from './types';

/**
 * Registers shown as a plain count of the month's rows, by the date field that puts a row in a month.
 * A register the workbook does not have yet is left out of the summary: adding one is one line here.
 */
export const COUNTED: readonly (readonly [string, string])[] = [
  ['visitors', 'at'],
  ['release_passes', 'out_at'],
  ['move_ins', 'move_in_on'],
];

export interface MonthSummary {
  from: string;
  to: string;
  /** The month's help requests by type, and how many of them have a time limit missed and still open. */
  requests: Record<string, number>;
  requestsOverdue: number;
  violationsByCategory: Record<string, number>;
  /** The month's violations by the step they are at now. */
  violationsByStep: Record<string, number>;
  /** Close-care visits that fell due in the month, and those made by their due time. */
  care: { due: number; met: number };
  /** Rows of each COUNTED register the workbook has. */
  counts: Record<string, number>;
  /** The month's visitors not signed out past visitor_overstay_hours. */
  overstay: number;
}

const count = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);

/** A datetime cell, or a date ('YYYY-MM-DD' or a Date) as its office-day start. */
const momentOf = (v: unknown, tz: string): Date | null => (v instanceof Date && !isNaN(v.getTime()) ? v : isYmd(v) ? dateStart(v, tz) : null);

/**
 * Counts for the month from `from` 00:00 to the day after `to` 00:00 (office time), as of `now`.
 * `data` holds the rows of each register the workbook has; an absent one counts as nothing.
 */
export function monthSummary(data: Record<string, Rec[] | undefined>, from: string, to: string, s: Settings, now: Date): MonthSummary {
  const tz = s.timezone;
  const start = dateStart(from, tz).getTime();
  const end = dateStart(addDaysYmd(to, 1), tz).getTime();
  const inMonth = (v: unknown) => {
    const t = momentOf(v, tz)?.getTime() ?? NaN;
    return t >= start && t < end;
  };
  const of = (key: string, field: string) => (data[key] ?? []).filter((r) => inMonth(r[field]));
  const out: MonthSummary = { from, to, requests: {}, requestsOverdue: 0, violationsByCategory: {}, violationsByStep: {}, care: { due: 0, met: 0 }, counts: {}, overstay: 0 };
  const requests = of('requests', 'received_at');
  for (const r of requests) count(out.requests, String(r.type ?? ''));
  for (const v of of('violations', 'found_at')) {
    count(out.violationsByCategory, String(v.category ?? ''));
    count(out.violationsByStep, String(v.step || 'reported'));
  }
  for (const [key, field] of COUNTED) if (data[key]) out.counts[key] = of(key, field).length;
  // What the scan would report now, for the month's rows only: one count per record however many limits it missed.
  const items = computeOverdue({ now, settings: s, data: { requests, visitors: of('visitors', 'at') } }).items;
  const late = (reg: string) => new Set(items.filter((i) => i.register === reg).map((i) => i.id)).size;
  out.requestsOverdue = late('requests');
  out.overstay = late('visitors');
  out.care = careVisits(data.households ?? [], data.care_log ?? [], start, end, s, tz);
  return out;
}

/**
 * The visit duty of close-care households, as the deadline engine runs it: a visit is due
 * household_visit_days after the last one (or after care started). A due time in [start, end)
 * counts; met when a visit was logged after the previous one and by that time.
 */
function careVisits(households: Rec[], log: Rec[], start: number, end: number, s: Settings, tz: string) {
  const out = { due: 0, met: 0 };
  for (const h of households) {
    const cats = Array.isArray(h.categories) ? h.categories.map(String) : [];
    if (h.status === 'inactive' || !cats.some((c) => (CLOSE_CARE_CATEGORIES as readonly string[]).includes(c))) continue;
    const begun = [momentOf(h.care_since, tz) ?? momentOf(h.created_at, tz), momentOf(h.moved_in_on, tz)].filter((d): d is Date => d !== null);
    if (!begun.length) continue;
    const visits = log
      .filter((r) => r.kind === 'visit' && String(r.household_id) === String(h.id))
      .map((r) => momentOf(r.at, tz)?.getTime() ?? NaN)
      .filter((t) => !isNaN(t))
      .sort((a, b) => a - b);
    let anchor = Math.max(...begun.map((d) => d.getTime()));
    for (;;) {
      const due = addCalendarDays(new Date(anchor), s.household_visit_days).getTime();
      if (due >= end) break;
      const next = visits.find((t) => t > anchor);
      if (due >= start) {
        out.due++;
        if (next !== undefined && next <= due) out.met++;
      }
      // A late visit starts the next period (as the engine counts); a whole period without one is another miss.
      anchor = next !== undefined && next <= addCalendarDays(new Date(due), s.household_visit_days).getTime() ? next : due;
    }
  }
  return out;
}
