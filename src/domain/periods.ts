// The period a period notice covers: a month, a week or a range of days, read from what the user asked for. Pure.
import { addDaysYmd, isYmd, splitYmd } from './calendar';

export type PeriodKind = 'month' | 'week' | 'range';

export interface Period {
  kind: PeriodKind;
  /** First and last day, 'YYYY-MM-DD', inclusive: the period runs from `from` 00:00 to the day after `to` 00:00, office time. */
  from: string;
  to: string;
  /** What the notice is numbered and its file named by: 202611, 2026W48, or 20261119-20261125. */
  id: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The last day of a month. */
export function lastDayOfMonth(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The month of 'YYYY-MM' as a period. */
export function monthPeriod(ym: string): Period | null {
  const hit = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!hit || !splitYmd(`${ym}-01`)) return null;
  const y = Number(hit[1]);
  const m = Number(hit[2]);
  return { kind: 'month', from: `${ym}-01`, to: lastDayOfMonth(y, m), id: `${hit[1]}${hit[2]}` };
}

/** ISO week 'YYYY-Www' (Monday to Sunday). */
function isoWeek(text: string): Period | null {
  const hit = /^(\d{4})-?W(\d{2})$/i.exec(text);
  if (!hit) return null;
  const y = Number(hit[1]);
  const w = Number(hit[2]);
  // The Monday of week 1 is the Monday of the week holding 4 January.
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
  const from = new Date(monday1.getTime() + (w - 1) * 7 * 86400000);
  const fromYmd = `${pad(from.getUTCFullYear(), 4)}-${pad(from.getUTCMonth() + 1)}-${pad(from.getUTCDate())}`;
  if (w < 1 || w > 53) return null;
  const period = { kind: 'week' as const, from: fromYmd, to: addDaysYmd(fromYmd, 6), id: `${hit[1]}W${hit[2]}` };
  // Week 53 exists only in long years: its Thursday must still fall in the year.
  return addDaysYmd(fromYmd, 3).startsWith(hit[1]) ? period : null;
}

/** A from..to range: a whole month is a month, seven days a week, anything else a range. */
export function rangePeriod(from: string, to: string): Period | null {
  if (!isYmd(from) || !isYmd(to) || from > to) return null;
  const month = monthPeriod(from.slice(0, 7));
  if (month && month.from === from && month.to === to) return month;
  const kind: PeriodKind = addDaysYmd(from, 6) === to ? 'week' : 'range';
  return { kind, from, to, id: `${from.replace(/-/g, '')}-${to.replace(/-/g, '')}` };
}

/**
 * What a user may ask for: 'YYYY-MM' (the month), 'YYYY-Www' (the ISO week), 'YYYY-MM-DD..YYYY-MM-DD',
 * or one date 'YYYY-MM-DD' meaning the seven days ending that day (the statistics week). Null for anything else.
 */
export function parsePeriod(text: string): Period | null {
  const t = text.trim();
  const [a, b] = t.split('..');
  if (b !== undefined) return rangePeriod(a.trim(), b.trim());
  if (isYmd(t)) return rangePeriod(addDaysYmd(t, -6), t);
  return monthPeriod(t) ?? isoWeek(t);
}
