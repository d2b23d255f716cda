// 证据包: the deadline facts of a violation or a complaint (each limit, when it was due, when met), and what the app gathers for the pack. Pure.
import { calendarOf } from './calendar';
import { complaintLimits } from './complaintStats';
import { subtractDeadlineDays } from './deadlines';
import type { Settings } from './settings';
import type { Rec } from './types';

/** met: done by the due time; late: done after it; overdue: not done and past it; pending: not yet due; done/open: no due time. */
export type Verdict = 'met' | 'late' | 'overdue' | 'pending' | 'done' | 'open';

export interface DeadlineFact {
  /** A complaint limit key (dispatch, resolve_minor, notify, visit, close) or a violation action (order_rectification, serve_cut_notice). */
  key: string;
  due: Date | null;
  done: Date | null;
  verdict: Verdict;
  /** serve_cut_notice: the cut (done, else planned) the notice was served ahead of, and the days it must be ahead. */
  cut?: Date | null;
  days?: number;
}

/** What the app gathers for the pack: the record's timeline as the sidebar shows it, its notices, the chain's state, who generates it. */
export interface EvidenceData {
  register: 'violations' | 'complaints';
  timeline: { at: string; by: string; label: string; version: number; changes: string }[];
  notices: { key: string; version: number; at: unknown; number: string; url: string }[];
  facts: DeadlineFact[];
  /** checkHistory's line ("变更记录"核验通过，共 n 条 / 核验不通过：第 n 行…); '' when the workbook has no history tab. */
  check: string;
  by: string;
}

const moment = (v: unknown): Date | null => (v instanceof Date && !isNaN(v.getTime()) ? v : null);

function verdict(due: Date | null, done: Date | null, now: Date): Verdict {
  if (done) return !due ? 'done' : done.getTime() <= due.getTime() ? 'met' : 'late';
  return !due ? 'open' : now.getTime() > due.getTime() ? 'overdue' : 'pending';
}

const fact = (key: string, due: Date | null, done: Date | null, now: Date): DeadlineFact => ({ key, due, done, verdict: verdict(due, done, now) });

/**
 * SPEC's deadlines for one record as of `now`. A violation: the rectification deadline against when it was put right, and the
 * cut notice's service time against the latest it could be served (violation_cut_notice_days before the cut, or the planned cut).
 * A complaint: each time limit of the procedure, as the monthly statistics count it.
 */
export function deadlineFacts(register: string, rec: Rec, s: Settings, now: Date): DeadlineFact[] {
  if (register === 'complaints') return complaintLimits(rec, s).map((l) => fact(l.key, l.due, l.done, now));
  const out: DeadlineFact[] = [];
  const by = moment(rec.rectify_by);
  if (by) out.push(fact('order_rectification', by, moment(rec.rectified_at), now));
  const cut = moment(rec.cut_at) ?? moment(rec.cut_planned_at);
  const served = moment(rec.cut_notice_served_at);
  const days = s.violation_cut_notice_days;
  if (cut || served) out.push({ ...fact('serve_cut_notice', cut && subtractDeadlineDays(cut, days, calendarOf(s)), served, now), cut, days });
  return out;
}
