// How values move between Code.js and stored cells, with Sheets' own conversions (formulas, "'" text, parsed strings, wall-clock dates).
import { Formula, type Stored, type Validation } from './model';
import { isDate } from './core';
import { defaultDateDisplay, formatSheetsDate, formatSheetsNumber, instantToWall, isDateFormat, plainNumber, wallToInstant } from './tz';

const DAY = 86_400_000;
/** Sheets/Excel day 0 (1899-12-30) as a UTC wall-clock millisecond. */
const EPOCH_1899 = Date.UTC(1899, 11, 30);

export const serialToWall = (serial: number) => new Date(EPOCH_1899 + serial * DAY);
export const wallToSerial = (wall: Date) => (wall.getTime() - EPOCH_1899) / DAY;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Turns a string into what Sheets stores when a script writes it to a cell with the automatic format:
 * numbers, TRUE/FALSE, yyyy-mm-dd[ hh:mm[:ss]] dates and hh:mm times are parsed; anything else stays text.
 * (Format the column as plain text "@" or prefix "'" to keep such strings as text, as in Google.)
 */
export function parseTyped(s: string, locale = false, year = new Date().getUTCFullYear()): Stored {
  const t = locale ? s.normalize('NFKC').trim() : s.trim();
  if (NUMBER.test(t)) return Number(t);
  if (locale) {
    const v = parseLocaleTyped(t, year);
    if (v !== null) return v;
  }
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  const d = DATE.exec(t);
  if (d) {
    const [y, mo, da, hh, mi, ss] = [d[1], d[2], d[3], d[4] ?? '0', d[5] ?? '0', d[6] ?? '0'].map(Number);
    if (mo >= 1 && mo <= 12 && da >= 1 && da <= 31 && hh < 24 && mi < 60 && ss < 60) {
      const wall = new Date(Date.UTC(y, mo - 1, da, hh, mi, ss));
      if (wall.getUTCDate() === da) return wall;
    }
  }
  const tm = TIME.exec(t);
  if (tm) {
    const [hh, mi, ss] = [tm[1], tm[2], tm[3] ?? '0'].map(Number);
    if (hh < 24 && mi < 60 && ss < 60) return new Date(EPOCH_1899 + ((hh * 60 + mi) * 60 + ss) * 1000);
  }
  return s;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const MONTH_DAY = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?$`, 'i');
const DAY_MONTH = new RegExp(`^(\\d{1,2})\\s+${MONTH}(?:,?\\s+(\\d{4}))?$`, 'i');
const AMOUNT = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+\\.?\\d*|\\.\\d+)';
const GROUPED = new RegExp(`^([+-]?)${AMOUNT}$`);
const PERCENT = new RegExp(`^([+-]?)${AMOUNT}\\s?%$`);
const CURRENCY = new RegExp(`^([+-]?)[$¥€£]\\s?${AMOUNT}$`);
const PARENS = new RegExp(`^\\([$¥€£]?${AMOUNT}\\)$`);
const SHORT_DATE = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?$/;

const amount = (sign: string, digits: string) => (sign === '-' ? -1 : 1) * Number(digits.replace(/,/g, ''));
function wallDate(y: number, mo: number, d: number): Date | null {
  const wall = new Date(Date.UTC(y, mo - 1, d));
  return mo >= 1 && mo <= 12 && wall.getUTCDate() === d ? wall : null;
}

/**
 * What Sheets in an English or Chinese locale also reads as a value (the locale-conversion quirk):
 * 1,000  12%  $5  (5)  5/1  5-1  Jan 5  5 Jan 2026 (full-width forms were folded to ASCII first).
 * Month-day dates without a year take this year. Null when the text stays text.
 */
function parseLocaleTyped(t: string, year: number): Stored | null {
  let m = GROUPED.exec(t);
  if (m) return amount(m[1], m[2]);
  if ((m = PERCENT.exec(t))) return amount(m[1], m[2]) / 100;
  if ((m = CURRENCY.exec(t))) return amount(m[1], m[2]);
  if ((m = PARENS.exec(t))) return -amount('', m[1]);
  if ((m = SHORT_DATE.exec(t))) {
    const y = m[3] === undefined ? year : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return wallDate(y, Number(m[1]), Number(m[2]));
  }
  if ((m = MONTH_DAY.exec(t))) return wallDate(m[3] ? Number(m[3]) : year, MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2]));
  if ((m = DAY_MONTH.exec(t))) return wallDate(m[3] ? Number(m[3]) : year, MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
  return null;
}

/** Which of Google's uncertain behaviours apply to a write (see quirks.ts). */
export interface WriteQuirks {
  /** A plain-text (@) cell keeps a leading apostrophe as part of the value. */
  apostropheKept?: boolean;
  /** Automatic-format cells also convert locale text: Jan 5, 5/1, full-width digits, 1e3, 12%, 1,000, $5, (5). */
  localeConversion?: boolean;
  /** The year a month-day date without one falls in (the host's clock). */
  year?: number;
}

/**
 * A value from Code.js -> what the cell stores. A plain-text (@) cell keeps a string as written,
 * "=…" included (Sheets shows it, it does not run it); an apostrophe in front is dropped, or kept
 * under the apostrophe-kept quirk.
 */
export function toStored(v: unknown, timeZone: string, textFormat: boolean, quirks: WriteQuirks = {}): Stored {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'boolean':
      return v;
    case 'string':
      if (v === '') return null;
      if (textFormat && quirks.apostropheKept) return v;
      if (v[0] === "'") return v.length > 1 ? v.slice(1) : null;
      if (textFormat) return v;
      if (v[0] === '=' && v.length > 1) return new Formula(v);
      return parseTyped(v, quirks.localeConversion, quirks.year);
    default:
      if (isDate(v)) {
        const ms = v.getTime();
        return Number.isNaN(ms) ? 'Invalid Date' : new Date(instantToWall(ms, timeZone));
      }
      return String(v);
  }
}

/** What a formula cell shows: its cached result, a literal, HYPERLINK's label, or #NAME? (the host does not calculate). */
export function formulaResult(f: Formula): string | number | boolean | Date {
  if (f.result !== null && f.result !== undefined) return f.result;
  const body = f.text.slice(1).trim();
  if (NUMBER.test(body)) return Number(body);
  if (/^"(?:[^"]|"")*"$/.test(body)) return body.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === 'TRUE';
  const link = /^HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(body);
  if (link) return (link[2] ?? link[1]).replace(/""/g, '"');
  return '#NAME?';
}

/**
 * A stored cell -> the value getValues() returns, before Dates are re-made in the vm realm.
 * Sheets decides date-ness by the number format: a number formatted as a date reads as a Date, a date
 * formatted as a plain number reads as its serial number.
 */
export function readPlain(v: Stored, format: string | undefined): string | number | boolean | Date {
  if (v === null || v === undefined) return '';
  if (v instanceof Formula) return readPlain(formulaResult(v), format);
  if (typeof v === 'number') return format && isDateFormat(format) ? serialToWall(v) : v;
  if (v instanceof Date) {
    if (format && !isDateFormat(format) && /[0#]/.test(format)) return wallToSerial(v);
    return v;
  }
  return v;
}

export function wallToVmInstant(wall: Date, timeZone: string): number {
  return wallToInstant(wall.getTime(), timeZone);
}

/** What getDisplayValues() shows for a stored cell. */
export function displayOf(v: Stored, format: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Formula) return displayOf(formulaResult(v), format);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (format && isDateFormat(format)) return formatSheetsDate(serialToWall(v), format);
    return format ? formatSheetsNumber(v, format) : plainNumber(v);
  }
  if (format && isDateFormat(format)) return formatSheetsDate(v, format);
  if (format && /[0#]/.test(format)) return formatSheetsNumber(wallToSerial(v), format);
  return defaultDateDisplay(v);
}

/** Whether a stored value passes a validation rule (blank always passes). */
export function passesValidation(v: Stored, rule: Validation): boolean {
  if (v === null || v === undefined || v === '') return true;
  const value = v instanceof Formula ? formulaResult(v) : v;
  switch (rule.kind) {
    case 'list': {
      const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value instanceof Date ? defaultDateDisplay(value) : String(value);
      return rule.values.includes(text);
    }
    case 'date':
      return value instanceof Date;
    case 'checkbox':
      return typeof value === 'boolean';
  }
}
