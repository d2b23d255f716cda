// The duty roster (值班安排表): filling next month fairly, reading month blocks back, and each shift's hours.
//
// Seed 001 第2篇 4.1.1–4.1.2: the supervisor prepares next month's roster before the month
// ends; normal duty runs 17:30 to 08:30 the next day, and holidays are covered 24 hours.
// The tab holds one row per day (date, shift, officer, backup), sorted by date; a month's
// rows form its block. A month that already has rows is never overwritten: the supervisor
// may have swapped duties by hand (seed 4.1.5: swaps need approval, so they are deliberate).
import { addDaysYmd, atTime, dayKey, parseHm, splitYmd } from './calendar';
import type { Settings } from './settings';
import { Cell, fail, FieldValue, L, L10n, Lang, Result } from './types';

export const SHIFTS = ['night', 'full_day'] as const;
export type Shift = (typeof SHIFTS)[number];

/** A type, not an interface, so that a RosterRow is also a RosterRecord. */
export type RosterRow = {
  /** YYYY-MM-DD */
  date: string;
  shift: Shift;
  officer: string;
  /** Who stands in if the officer cannot (the next in the rotation); '' with a single officer. */
  backup: string;
};

/** A roster row as read from the sheet, keyed by field. */
export type RosterRecord = { readonly [field: string]: Cell | FieldValue | null | undefined };

export type RosterSettings = Pick<Settings, 'holidays' | 'duty_shift_start' | 'duty_shift_end'> & { timezone?: string };

const DEFAULT_TZ = 'Asia/Shanghai';
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MONTH = /^(\d{4})-(\d{2})$/;

const TEXT = {
  bad_month: L('月份应写成 YYYY-MM，例如 2026-12', '月份應寫成 YYYY-MM，例如 2026-12', 'Write the month as YYYY-MM, e.g. 2026-12'),
  no_officers: L('请至少填写一名值班人员', '請至少填寫一名值班人員', 'Name at least one duty officer'),
  exists: L(
    '{month} 的值班表已经排好，不会覆盖；如需调整，请直接修改该月的行。',
    '{month} 的值班表已經排好，不會覆蓋；如需調整，請直接修改該月的行。',
    'The roster for {month} already exists and is not overwritten; edit that month’s rows to change it.',
  ),
} satisfies Record<string, L10n>;

/** 'YYYY-MM' if valid, else null. */
export function parseMonth(month: string): { y: number; m: number } | null {
  const hit = MONTH.exec(month.trim());
  if (!hit) return null;
  const y = Number(hit[1]);
  const m = Number(hit[2]);
  return m >= 1 && m <= 12 ? { y, m } : null;
}

/** Every date of a 'YYYY-MM' month, in order. */
export function daysOfMonth(month: string): string[] {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`Not a YYYY-MM month: ${month}`);
  const last = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  const mm = String(p.m).padStart(2, '0');
  return Array.from({ length: last }, (_, i) => `${p.y}-${mm}-${String(i + 1).padStart(2, '0')}`);
}

/** The 'YYYY-MM' after a month. */
export function nextMonth(month: string): string {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`Not a YYYY-MM month: ${month}`);
  return p.m === 12 ? `${p.y + 1}-01` : `${p.y}-${String(p.m + 1).padStart(2, '0')}`;
}

/** A date cell as YYYY-MM-DD: Sheets may give a Date (midnight in the sheet's zone), a serial number or text. */
export function dateOf(v: Cell | FieldValue | null | undefined, tz: string = DEFAULT_TZ): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dayKey(v, tz);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1) return null;
    return new Date(SERIAL_EPOCH_MS + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return null;
  const hit = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/.exec(v);
  if (!hit) return null;
  const ymd = `${hit[1]}-${hit[2].padStart(2, '0')}-${hit[3].padStart(2, '0')}`;
  return splitYmd(ymd) ? ymd : null;
}

const text = (v: Cell | FieldValue | null | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** A sheet row as a roster row; null when its date is unreadable. An unknown shift is read as night. */
export function rosterRowOf(rec: RosterRecord, tz: string = DEFAULT_TZ): RosterRow | null {
  const date = dateOf(rec.date, tz);
  if (!date) return null;
  const shift = text(rec.shift);
  const isFullDay = shift === 'full_day' || shift === '全天班' || /^full[ _-]?day$/i.test(shift);
  return { date, shift: isFullDay ? 'full_day' : 'night', officer: text(rec.officer), backup: text(rec.backup) };
}

export interface RosterBlock {
  /** YYYY-MM */
  month: string;
  rows: RosterRow[];
}

/** The roster's rows sorted by date and grouped one block per month. Unreadable rows are left out. */
export function rosterMonthBlocks(rows: readonly RosterRecord[], tz: string = DEFAULT_TZ): RosterBlock[] {
  const read = rows.map((r) => rosterRowOf(r, tz)).filter((r): r is RosterRow => r !== null);
  read.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const blocks: RosterBlock[] = [];
  for (const row of read) {
    const month = row.date.slice(0, 7);
    const last = blocks[blocks.length - 1];
    if (last && last.month === month) last.rows.push(row);
    else blocks.push({ month, rows: [row] });
  }
  return blocks;
}

/** True when the roster already has at least one row in the month. */
export function monthHasRoster(rows: readonly RosterRecord[], month: string, tz: string = DEFAULT_TZ): boolean {
  return rows.some((r) => dateOf(r.date, tz)?.slice(0, 7) === month);
}

const holidaySet = (holidays: readonly unknown[], tz: string): Set<string> =>
  new Set(holidays.map((h) => dateOf(h as Cell, tz)).filter((d): d is string => d !== null));

/**
 * Next month's roster, one row a day: a 24-hour full_day on the Settings' holidays, a
 * night shift otherwise. Officers take turns in the order given, carrying on from whoever
 * was last on duty before the month, so over the months everyone gets the same number of
 * duties (within one per month) and nobody is on two days running when there are two or
 * more. The backup is the next officer in turn. Refused if the month already has rows.
 */
export function fillRoster(
  month: string,
  officers: readonly string[],
  settings: RosterSettings,
  existing: readonly RosterRecord[],
  lang: Lang = 'zh-Hans',
): Result<{ rows: RosterRow[] }> {
  if (!parseMonth(month)) return fail('invalid', TEXT.bad_month[lang], { month: TEXT.bad_month[lang] });
  const names = [...new Set(officers.map((o) => String(o ?? '').trim()).filter((o) => o !== ''))];
  if (names.length === 0) return fail('invalid', TEXT.no_officers[lang], { officers: TEXT.no_officers[lang] });
  const tz = settings.timezone || DEFAULT_TZ;
  if (monthHasRoster(existing, month, tz)) return fail('conflict', TEXT.exists[lang].replace('{month}', month));

  const holidays = holidaySet(settings.holidays, tz);
  let turn = (lastTurn(existing, month, names, tz) + 1) % names.length;
  const rows = daysOfMonth(month).map((date): RosterRow => {
    const officer = names[turn];
    turn = (turn + 1) % names.length;
    return {
      date,
      shift: holidays.has(date) ? 'full_day' : 'night',
      officer,
      backup: names.length > 1 ? names[turn] : '',
    };
  });
  return { ok: true, rows };
}

/** Index in `names` of the officer last on duty before the month; -1 (start from the first) if none of them. */
function lastTurn(existing: readonly RosterRecord[], month: string, names: readonly string[], tz: string): number {
  const first = `${month}-01`;
  let best: RosterRow | null = null;
  for (const rec of existing) {
    const row = rosterRowOf(rec, tz);
    if (row && row.date < first && row.officer && (!best || row.date > best.date)) best = row;
  }
  return best ? names.indexOf(best.officer) : -1;
}

/**
 * The hours a roster row covers in the office zone. A night shift runs from duty_shift_start
 * on its date to duty_shift_end (the next day when the end is not later than the start). A
 * full_day runs 24 hours from duty_shift_end on its date, so it takes over from the night
 * before and hands over at the usual morning time.
 */
export function shiftWindow(row: Pick<RosterRow, 'date' | 'shift'>, settings: Pick<RosterSettings, 'duty_shift_start' | 'duty_shift_end' | 'timezone'>, tz?: string): { start: Date; end: Date } {
  const zone = tz || settings.timezone || DEFAULT_TZ;
  const start = parseHm(settings.duty_shift_start) ?? { h: 17, m: 30 };
  const end = parseHm(settings.duty_shift_end) ?? { h: 8, m: 30 };
  if (row.shift === 'full_day') return { start: atTime(row.date, end, zone), end: atTime(addDaysYmd(row.date, 1), end, zone) };
  const overnight = end.h * 60 + end.m <= start.h * 60 + start.m;
  return { start: atTime(row.date, start, zone), end: atTime(overnight ? addDaysYmd(row.date, 1) : row.date, end, zone) };
}

/**
 * The month whose roster is overdue at `now`: next month, once today's office date is on or
 * after the due day (Settings roster_due_day, SPEC: the 25th) and next month has no rows. Null otherwise.
 */
export function rosterOverdue(rows: readonly RosterRecord[], now: Date, tz: string, dueDay = 25): string | null {
  const today = dayKey(now, tz);
  const lastDay = daysOfMonth(today.slice(0, 7)).length;
  if (Number(today.slice(8, 10)) < Math.min(dueDay, lastDay)) return null;
  const next = nextMonth(today.slice(0, 7));
  return monthHasRoster(rows, next, tz) ? null : next;
}
