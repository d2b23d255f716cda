// Office-time-zone date helpers: days, working days, wall-clock times and ISO strings. Pure: time is always an argument.
// The mini class has every getter/setter we use and keeps the Apps Script bundle small.
import { isoInZone, momentOfWall, wallOf } from './zone';
import type { Settings } from './settings';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

/** The facts working-day arithmetic needs, taken from Settings. */
export interface WorkCalendar {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekendDays: readonly number[];
  /** Public holidays, YYYY-MM-DD. */
  holidays: readonly string[];
  /** Weekend days that are worked instead (调休上班), YYYY-MM-DD. */
  workdays: readonly string[];
  /** How "N days" in a deadline are counted. */
  dayMode: 'calendar' | 'working';
}

export function calendarOf(s: Pick<Settings, 'timezone' | 'weekend_days' | 'holidays' | 'workdays' | 'day_mode'>): WorkCalendar {
  return { timeZone: s.timezone, weekendDays: s.weekend_days, holidays: s.holidays, workdays: s.workdays, dayMode: s.day_mode };
}

/** True when the name is an IANA zone this runtime knows (Apps Script's V8 and Node both use ICU). */
export function isValidTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// ---------- calendar dates as 'YYYY-MM-DD' (zone-free arithmetic on the date itself) ----------

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Splits a valid 'YYYY-MM-DD' into numbers; null for anything else, including 2026-02-30. */
export function splitYmd(ymd: string): { y: number; m: number; d: number } | null {
  const hit = YMD.exec(ymd);
  if (!hit) return null;
  const y = Number(hit[1]);
  const m = Number(hit[2]);
  const d = Number(hit[3]);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return { y, m, d };
}

export const isYmd = (s: unknown): s is string => typeof s === 'string' && splitYmd(s) !== null;

function ymdParts(ymd: string): { y: number; m: number; d: number } {
  const p = splitYmd(ymd);
  if (!p) throw new RangeError(`Not a YYYY-MM-DD date: ${ymd}`);
  return p;
}

const ymdOfUtc = (t: Date): string => `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

/** The date n days after (or before, n < 0) a 'YYYY-MM-DD' date. */
export function addDaysYmd(ymd: string, n: number): string {
  const { y, m, d } = ymdParts(ymd);
  return ymdOfUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/** The date n months later, clamped to the month's last day (2026-11-30 + 3 months = 2027-02-28). */
export function addMonthsYmd(ymd: string, n: number): string {
  const { y, m, d } = ymdParts(ymd);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return ymdOfUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ymd: string): number {
  const { y, m, d } = ymdParts(ymd);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** 'YYYY-MM' of a date. */
export const monthOf = (ymd: string): string => ymd.slice(0, 7);

/** 'YYYY-MM' n months after a 'YYYY-MM'. */
export function addMonthsYm(ym: string, n: number): string {
  return addMonthsYmd(`${ym}-01`, n).slice(0, 7);
}

// ---------- moments in the office zone ----------

/** The office-zone calendar date a moment falls on. */
export function dayKey(date: Date, tz: string): string {
  const z = wallOf(date.getTime(), tz);
  return `${pad(z.getUTCFullYear(), 4)}-${pad(z.getUTCMonth() + 1)}-${pad(z.getUTCDate())}`;
}

/** Wall-clock hours and minutes of a moment in the office zone. */
export function clockOf(date: Date, tz: string): { h: number; m: number; s: number; ms: number } {
  const z = wallOf(date.getTime(), tz);
  return { h: z.getUTCHours(), m: z.getUTCMinutes(), s: z.getUTCSeconds(), ms: z.getUTCMilliseconds() };
}

/** Parses 'HH:MM' (or 'H:MM'; a full-width colon is accepted) into minutes of the day; null if invalid. */
export function parseHm(text: string): { h: number; m: number } | null {
  const hit = /^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$/.exec(text);
  if (!hit) return null;
  const h = Number(hit[1]);
  const m = Number(hit[2]);
  if (h > 23 || m > 59) return null;
  return { h, m };
}

export const formatHm = (t: { h: number; m: number }): string => `${pad(t.h)}:${pad(t.m)}`;

function hmOrThrow(hm: string | { h: number; m: number }): { h: number; m: number } {
  if (typeof hm !== 'string') return hm;
  const t = parseHm(hm);
  if (!t) throw new RangeError(`Not an HH:MM time: ${hm}`);
  return t;
}

/** The moment a wall-clock time happens on a date in the office zone. */
export function atTime(ymd: string, hm: string | { h: number; m: number }, tz: string, s = 0, ms = 0): Date {
  const { y, m, d } = ymdParts(ymd);
  const t = hmOrThrow(hm);
  return momentOfWall(Date.UTC(y, m - 1, d, t.h, t.m, s, ms), tz);
}

/** 00:00:00.000 of a 'YYYY-MM-DD' date in the office zone. */
export const dateStart = (ymd: string, tz: string): Date => atTime(ymd, { h: 0, m: 0 }, tz);

/** 23:59:59.999 of a 'YYYY-MM-DD' date in the office zone (the next day's start minus 1 ms, right in any zone). */
export const dateEnd = (ymd: string, tz: string): Date => new Date(dateStart(addDaysYmd(ymd, 1), tz).getTime() - 1);

export const startOfDayIn = (date: Date, tz: string): Date => dateStart(dayKey(date, tz), tz);
export const endOfDayIn = (date: Date, tz: string): Date => dateEnd(dayKey(date, tz), tz);

/** n days as n 24-hour periods (the SPEC's calendar-day rule). */
export const addCalendarDays = (date: Date, n: number): Date => new Date(date.getTime() + n * DAY_MS);

/** Same wall-clock time n calendar months later in the office zone, clamped to the month's end. */
export function addMonthsIn(date: Date, n: number, tz: string): Date {
  const w = wallOf(date.getTime(), tz);
  const last = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + n + 1, 0)).getUTCDate();
  const moved = Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + n, Math.min(w.getUTCDate(), last), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
  return momentOfWall(moved, tz);
}

/** A day the office works: a listed 调休 workday, else not a holiday and not a weekend day. */
export function isWorkingDay(ymd: string, cal: Pick<WorkCalendar, 'weekendDays' | 'holidays' | 'workdays'>): boolean {
  if (cal.workdays.includes(ymd)) return true;
  if (cal.holidays.includes(ymd)) return false;
  return !cal.weekendDays.includes(weekdayOf(ymd));
}

/** The first working day strictly after a date. */
export function nextWorkingDay(ymd: string, cal: Pick<WorkCalendar, 'weekendDays' | 'holidays' | 'workdays'>): string {
  let d = addDaysYmd(ymd, 1);
  // A year of non-working days would be a broken holiday list; stop rather than loop forever.
  for (let i = 0; i < 366 && !isWorkingDay(d, cal); i++) d = addDaysYmd(d, 1);
  return d;
}

/**
 * n working days later: the same wall-clock time on the n-th working day after the
 * starting day (received Friday 16:00 + 2 working days = Tuesday 16:00). The starting
 * day itself never counts, whether or not it is a working day.
 */
export function addWorkingDays(date: Date, n: number, cal: WorkCalendar): Date {
  if (n <= 0) return addCalendarDays(date, n);
  let d = dayKey(date, cal.timeZone);
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, cal);
  const c = clockOf(date, cal.timeZone);
  return atTime(d, c, cal.timeZone, c.s, c.ms);
}

/** "N days" of a deadline, counted as the office's day_mode says. */
export function addDeadlineDays(date: Date, n: number, cal: WorkCalendar): Date {
  return cal.dayMode === 'working' ? addWorkingDays(date, n, cal) : addCalendarDays(date, n);
}

/** "next working day at HH:MM" after the day a moment falls on. */
export function nextWorkingDayAt(date: Date, hm: string, cal: WorkCalendar): Date {
  return atTime(nextWorkingDay(dayKey(date, cal.timeZone), cal), hm, cal.timeZone);
}

/** ISO 8601 with the zone's offset and no milliseconds: 2026-11-02T09:00:00+08:00. */
export const formatIso = isoInZone;

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an ISO date-time. With an offset (or Z) it is that moment; without one it is a
 * wall-clock time in the office zone; a bare 'YYYY-MM-DD' is the start of that day.
 * Null for anything else (no guessing at other formats).
 */
export function parseIsoIn(text: string, tz: string): Date | null {
  const s = text.trim();
  if (isYmd(s)) return dateStart(s, tz);
  const hit = ISO_TIME.exec(s);
  if (!hit || !splitYmd(hit[1])) return null;
  const [, ymd, hh, mm, ss = '0', frac = '0', offset] = hit;
  const h = Number(hh);
  const m = Number(mm);
  const sec = Number(ss);
  if (h > 23 || m > 59 || sec > 59) return null;
  const ms = Number(frac.padEnd(3, '0'));
  if (!offset) return atTime(ymd, { h, m }, tz, sec, ms);
  const { y, m: mo, d } = ymdParts(ymd);
  let offMin = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.replace(':', '');
    offMin = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, m, sec, ms) - offMin * MINUTE_MS);
}
