// Record cards in the sidebar's lists: each record's next deadline and its colour, urgency order, and what names a record without an id.
import { DAY_MS } from './calendar';
import { OverdueItem, ruleLabel } from './deadlines';
import { optionLabel } from './labels';
import type { RegisterDef } from './registers';
import { lateness } from './todo';
import { Lang, Rec } from './types';

/** Rules that are the system's own doing (the automatic upgrade), not a step someone owes. */
const NOT_A_STEP = ['upgrade', 'holidays'];

/** Each record's earliest open deadline, from the engine's items for this register. */
export function nextDeadlines(items: readonly OverdueItem[]): Map<string, OverdueItem> {
  const next = new Map<string, OverdueItem>();
  for (const i of items) {
    if (NOT_A_STEP.includes(i.rule)) continue;
    const had = next.get(i.id);
    if (!had || i.due.getTime() < had.due.getTime()) next.set(i.id, i);
  }
  return next;
}

export interface CardDeadline {
  due: Date;
  rule: string;
  /** The rule in words, as the to-do list and the digest say it. */
  what: string;
  /** red: late; amber: due within the day; later: due after that. */
  tone: 'red' | 'amber' | 'later';
  /** "逾期 2 天 3 小时" or "还剩 5 小时", as in the to-do list. */
  when: string;
}

export function cardDeadline(item: OverdueItem, now: Date, lang: Lang): CardDeadline {
  const overdueMs = now.getTime() - item.due.getTime();
  return {
    due: item.due,
    rule: item.rule,
    what: ruleLabel(item.register, item.rule, lang),
    tone: overdueMs > 0 ? 'red' : -overdueMs <= DAY_MS ? 'amber' : 'later',
    when: lateness(overdueMs, lang),
  };
}

export interface Ranked {
  /** Position in the sheet: later rows are newer when times tie or are missing. */
  row: number;
  due: Date | null;
  at: Date | null;
}

/**
 * Urgency first: records with a deadline before those without, the most overdue first, then the
 * soonest due; then the newest by the record's own time; then the later row.
 */
export function byUrgency(a: Ranked, b: Ranked): number {
  if (a.due && b.due && a.due.getTime() !== b.due.getTime()) return a.due.getTime() - b.due.getTime();
  if (Boolean(a.due) !== Boolean(b.due)) return a.due ? -1 : 1;
  const at = (b.at?.getTime() ?? -Infinity) - (a.at?.getTime() ?? -Infinity);
  return (Number.isNaN(at) ? 0 : at) || b.row - a.row;
}

/** A register has a lifecycle when its records move through states (a state field) or are closed by an action. */
export const hasLifecycle = (def: RegisterDef): boolean => Boolean(def.stateField) || def.actions.length > 0;

/** The fields that name a record that has no id, in order (a roster shift: its date and shift). */
const CARD_LABEL: Partial<Record<string, readonly string[]>> = { roster: ['date', 'shift'] };

/** "2026-11-30 夜班" for a roster row; '' for records named by their id. */
export function cardLabel(def: RegisterDef, rec: Rec, lang: Lang): string {
  const keys = CARD_LABEL[def.key] ?? [];
  return keys
    .map((k) => {
      const v = rec[k];
      const field = def.fields.find((f) => f.key === k);
      if (v === null || v === undefined || v === '') return '';
      if (field?.type === 'enum') return optionLabel(def.key, k, String(v), lang);
      return String(v);
    })
    .filter(Boolean)
    .join(' ');
}
