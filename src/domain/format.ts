// Formatting for notices and messages: dates the Chinese and English office way, money, and masking of personal data. Pure.
// The mini zoned-date class has the getters we need and keeps the Apps Script bundle small (date-fns' format would pull in locales).
import { wallOf } from './zone';
import type { Lang } from './types';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A moment or calendar date as records carry it: Date, ISO date-time string, or 'YYYY-MM-DD'. */
export type DateLike = Date | string;

/** Wall-clock parts of a moment in a time zone; a 'YYYY-MM-DD' string is a calendar date and keeps its own parts. */
function wallClock(d: DateLike, tz: string): { y: number; m: number; day: number; time: string | null } | null {
  if (typeof d === 'string') {
    const m = DATE_ONLY.exec(d.trim());
    if (m) return { y: Number(m[1]), m: Number(m[2]), day: Number(m[3]), time: null };
    const parsed = new Date(d);
    if (isNaN(parsed.getTime())) return null;
    d = parsed;
  }
  if (!(d instanceof Date) || isNaN(d.getTime())) return null;
  const z = wallOf(d.getTime(), tz);
  return { y: z.getUTCFullYear(), m: z.getUTCMonth() + 1, day: z.getUTCDate(), time: `${pad2(z.getUTCHours())}:${pad2(z.getUTCMinutes())}` };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026年11月25日, or 2026年11月25日 17:30 with time (months and days unpadded, as official letters write them). */
export function formatDateCn(d: DateLike, tz: string, withTime = false): string {
  const w = wallClock(d, tz);
  if (!w) return '';
  const date = `${w.y}年${w.m}月${w.day}日`;
  return withTime && w.time ? `${date} ${w.time}` : date;
}

/** The office way of writing a date in each language: 2026年11月25日 or 25 November 2026 (plus HH:mm with time). */
export function formatDate(d: DateLike, tz: string, lang: Lang, withTime = false): string {
  if (lang !== 'en') return formatDateCn(d, tz, withTime);
  const w = wallClock(d, tz);
  if (!w) return '';
  const date = `${w.day} ${EN_MONTHS[w.m - 1]} ${w.y}`;
  return withTime && w.time ? `${date} ${w.time}` : date;
}

/** yyyyMMdd of a moment in the office time zone, for file names. */
export function compactDate(d: DateLike, tz: string): string {
  const w = wallClock(d, tz);
  if (!w) return '';
  return `${w.y}${String(w.m).padStart(2, '0')}${String(w.day).padStart(2, '0')}`;
}

/** True when a moment falls exactly on midnight in the zone (a deadline entered as a bare date). */
export function isMidnight(d: DateLike, tz: string): boolean {
  const w = wallClock(d, tz);
  return w !== null && (w.time === null || w.time === '00:00');
}

/** ID number: keep first 4 and last 4 (1101********1234); 8 characters or fewer are masked whole. */
export function maskId(s: string | null | undefined): string {
  const v = String(s ?? '').trim();
  if (!v) return '';
  if (v.length <= 8) return '*'.repeat(v.length);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}

/** Masks every ID-number-like run (15–18 characters of digits, ending maybe in X) inside free text. */
export function maskIdsInText(s: string): string {
  return s.replace(/(?<![0-9A-Za-z])\d{14,17}[0-9Xx](?![0-9A-Za-z])/g, (m) => maskId(m));
}

/** Mainland mobiles (13812345678, +86 138 1234 5678, 138-1234-5678) and landlines (0755-12345678, (0755)1234567, 010-1234567). */
const PHONE_IN_TEXT =
  /(?<![0-9A-Za-z])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9])|(?<![0-9A-Za-z])(?:[(（]0\d{2,3}[)）][\s-]?|0\d{2,3}[\s-]?)\d{7,8}(?![0-9])/g;

/** Masks every phone-number-like run inside free text the same way maskPhone does (138****5678); a +86 prefix is dropped. */
export function maskPhonesInText(s: string): string {
  return s.replace(PHONE_IN_TEXT, (m) => {
    let d = m.replace(/\D/g, '');
    if (/^(00)?86?1[3-9]\d{9}$/.test(d) && d.length > 11) d = d.slice(-11);
    return `${d.slice(0, 3)}****${d.slice(-4)}`;
  });
}

/** Free text a clerk typed, as it may leave the workbook: ID numbers and phone numbers masked; the register keeps what was typed. */
export const maskPersonalText = (s: string): string => maskPhonesInText(maskIdsInText(s));

/** Name for posting in public: first character and two stars whatever the length (张**), so the length is not told either. */
export function maskName(s: string | null | undefined): string {
  const chars = Array.from(String(s ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return `${chars[0]}**`;
}

/** Phone: first 3 and last 4 digits (138****1234); short numbers masked whole. */
export function maskPhone(s: string | null | undefined): string {
  const digits = String(s ?? '').replace(/[^0-9+]/g, '');
  if (!digits) return '';
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 1234.5 → 1,234.50 */
export function formatMoney(n: number): string {
  const [int, dec] = Math.abs(n).toFixed(2).split('.');
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

const UPPER = {
  'zh-Hans': { digits: '零壹贰叁肆伍陆柒捌玖', small: ['', '拾', '佰', '仟'], big: ['', '万', '亿'] },
  'zh-Hant': { digits: '零壹貳參肆伍陸柒捌玖', small: ['', '拾', '佰', '仟'], big: ['', '萬', '億'] },
} as const;

/**
 * Chinese capital amount as written on receipts and letters (大写金额): 1234.5 → 壹仟贰佰叁拾肆元伍角,
 * 100001 → 壹拾万零壹元整. Zeros inside a four-digit group, or leading a lower group, are read once as 零;
 * a group's trailing zeros are not. Amounts from 0 to below one trillion; otherwise ''.
 */
export function amountInWords(n: number, lang: 'zh-Hans' | 'zh-Hant' = 'zh-Hans'): string {
  if (!Number.isFinite(n) || n < 0 || n >= 1e12) return '';
  const u = UPPER[lang];
  const cents = Math.round(n * 100);
  const yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  const intPart = yuan > 0 ? integerWords(yuan, u) + '元' : '';
  if (jiao === 0 && fen === 0) return (intPart || '零元') + '整';
  let out = intPart;
  if (jiao > 0) out += u.digits[jiao] + '角';
  if (fen > 0) out += (jiao === 0 && yuan > 0 ? '零' : '') + u.digits[fen] + '分';
  return out;
}

function integerWords(n: number, u: (typeof UPPER)[keyof typeof UPPER]): string {
  const digits = String(n);
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const pos = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) zeroPending = true;
    else {
      if (zeroPending && out) out += '零';
      zeroPending = false;
      out += u.digits[d] + u.small[pos % 4];
    }
    if (pos % 4 === 0 && pos > 0) {
      const group = digits.slice(Math.max(0, i - 3), i + 1);
      if (/[1-9]/.test(group)) out += u.big[pos / 4];
      // A group's trailing zeros are not read; only zeros leading the next group are.
      zeroPending = false;
    }
  }
  return out;
}
