// Record rules beyond field types: pass length, and the written notice a supply cut needs (seed 001 第8篇 4.4.1).
import { addMonthsYmd } from './calendar';
import { MessageKey, msg } from './messages';
import { Settings } from './settings';
import { DAY_MS } from './calendar';
import { Lang, Rec } from './types';

export interface RuleProblem {
  field: string;
  key: MessageKey;
  params: Record<string, string | number>;
}

/** A pass runs from issued_on to expires_on, at most pass_max_months (seed 000 §4.4.2). */
export function passProblem(rec: Rec, s: Pick<Settings, 'pass_max_months'>): RuleProblem | null {
  const issued = rec.issued_on;
  const expires = rec.expires_on;
  if (typeof issued !== 'string' || typeof expires !== 'string') return null;
  if (expires < issued) return { field: 'expires_on', key: 'pass_order', params: {} };
  if (expires > addMonthsYmd(issued, s.pass_max_months)) return { field: 'expires_on', key: 'pass_too_long', params: { months: s.pass_max_months } };
  return null;
}

/** Field errors a whole record breaks, or null. */
export function checkRecord(register: string, rec: Rec, s: Settings, lang: Lang): Record<string, string> | null {
  const p = register === 'passes' ? passProblem(rec, s) : null;
  return p ? { [p.field]: msg(p.key, lang, p.params) } : null;
}

/**
 * A cut must be planned, and may only happen, at least violation_cut_notice_days (24-hour periods)
 * after the written notice was served; otherwise it is refused, never scheduled.
 */
export function checkCutServed(action: string, rec: Rec, at: Date, s: Pick<Settings, 'violation_cut_notice_days'>): RuleProblem | null {
  const days = s.violation_cut_notice_days;
  const served = rec.cut_notice_served_at;
  const earliest = (from: Date) => from.getTime() + days * DAY_MS;
  if (action === 'serve_cut_notice') {
    const planned = rec.cut_planned_at;
    if (!(planned instanceof Date) || planned.getTime() < earliest(at)) return { field: 'cut_planned_at', key: 'cut_notice_days', params: { days } };
  }
  if (action === 'cut' && (!(served instanceof Date) || at.getTime() < earliest(served))) return { field: 'action', key: 'cut_notice_days', params: { days } };
  return null;
}
