// Time-zone arithmetic for the local host: wall clock <-> instant, Java-style date formatting, Sheets display formats.

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets are cached per zone per UTC hour: converting 100,000 dates must not call Intl 100,000 times.
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for a zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function computeOffset(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const floored = Math.floor(instant / 1000) * 1000;
  return wall - floored;
}

/** Milliseconds to add to an instant to get its wall clock (read as UTC) in the zone. */
export function offsetAt(timeZone: string, instant: number): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const bucket = Math.floor(instant / HOUR);
  let off = cache.get(bucket);
  if (off === undefined) {
    off = computeOffset(timeZone, bucket * HOUR);
    // A zone change inside the hour (rare, e.g. half-hour DST shifts) is checked at the hour's end too.
    const end = computeOffset(timeZone, bucket * HOUR + HOUR - 1000);
    if (end !== off) return computeOffset(timeZone, instant);
    cache.set(bucket, off);
  }
  return off;
}

/** Instant -> wall-clock milliseconds (the wall clock's fields read with getUTC*). */
export function instantToWall(instant: number, timeZone: string): number {
  return instant + offsetAt(timeZone, instant);
}

/** Wall-clock milliseconds -> instant; a wall time skipped by DST moves forward like Sheets does. */
export function wallToInstant(wall: number, timeZone: string): number {
  const first = offsetAt(timeZone, wall);
  const guess = wall - first;
  const second = offsetAt(timeZone, guess);
  return second === first ? guess : wall - second;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function zoneOffsetText(offsetMs: number, style: 'X' | 'XX' | 'XXX' | 'Z'): string {
  // Java truncates an offset with seconds (local mean time, +08:05:43) to whole minutes.
  const minutes = Math.trunc(offsetMs / 60000);
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X') return `${sign}${h}`;
  if (style === 'XXX') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

function shortZoneName(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Splits a Java SimpleDateFormat pattern into letter runs and literals ('quoted', '' = apostrophe). */
function tokenize(pattern: string): { letters?: string; text?: string }[] {
  const out: { letters?: string; text?: string }[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ text: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      out.push({ text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letters: pattern.slice(i, j) });
      i = j;
    } else {
      out.push({ text: c });
      i++;
    }
  }
  return out;
}

/** Utilities.formatDate: a Java SimpleDateFormat pattern applied in the given zone. */
export function formatJavaDate(instant: number, timeZone: string, pattern: string): string {
  const offset = offsetAt(timeZone, instant);
  const w = new Date(instant + offset);
  const field = (run: string): string => {
    const n = run.length;
    switch (run[0]) {
      case 'y':
      case 'Y':
        return n === 2 ? pad(w.getUTCFullYear() % 100, 2) : pad(w.getUTCFullYear(), n);
      case 'M':
      case 'L':
        if (n >= 4) return MONTHS[w.getUTCMonth()];
        if (n === 3) return MONTHS[w.getUTCMonth()].slice(0, 3);
        return pad(w.getUTCMonth() + 1, n);
      case 'd':
        return pad(w.getUTCDate(), n);
      case 'D': {
        const start = Date.UTC(w.getUTCFullYear(), 0, 1);
        return pad(Math.floor((w.getTime() - start) / 86_400_000) + 1, n);
      }
      case 'H':
        return pad(w.getUTCHours(), n);
      case 'k':
        return pad(w.getUTCHours() || 24, n);
      case 'h':
        return pad(w.getUTCHours() % 12 || 12, n);
      case 'K':
        return pad(w.getUTCHours() % 12, n);
      case 'm':
        return pad(w.getUTCMinutes(), n);
      case 's':
        return pad(w.getUTCSeconds(), n);
      case 'S':
        return pad(w.getUTCMilliseconds(), Math.max(n, 3)).slice(0, Math.max(n, 3));
      case 'E':
        return n >= 4 ? DAYS[w.getUTCDay()] : DAYS[w.getUTCDay()].slice(0, 3);
      case 'u':
        return String(w.getUTCDay() || 7);
      case 'a':
        return w.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'X':
        return zoneOffsetText(offset, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
      case 'Z':
        return zoneOffsetText(offset, 'Z');
      case 'z':
        return n >= 4 ? timeZone : shortZoneName(instant, timeZone);
      default:
        throw new Error(`Illegal pattern character '${run[0]}'`);
    }
  };
  return tokenize(pattern)
    .map((t) => (t.text !== undefined ? t.text : field(t.letters!)))
    .join('');
}

/** Default display of a date cell that has no number format (the host's choice, locale-neutral). */
export function defaultDateDisplay(wall: Date): string {
  const date = `${w4(wall.getUTCFullYear())}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
  const h = wall.getUTCHours();
  const m = wall.getUTCMinutes();
  const s = wall.getUTCSeconds();
  if (wall.getUTCFullYear() === 1899 && wall.getUTCMonth() === 11 && wall.getUTCDate() === 30) return `${h}:${pad(m, 2)}:${pad(s, 2)}`;
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${h}:${pad(m, 2)}:${pad(s, 2)}`;
}
const w4 = (y: number) => pad(y, 4);

/** Formats a wall-clock date with a Sheets number format (yyyy, mm, dd, hh, ss, AM/PM, quoted text). */
export function formatSheetsDate(wall: Date, format: string): string {
  const runs = format.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM\/PM|am\/pm|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    const lower = r.toLowerCase();
    if (r.startsWith('"')) {
      out += r.slice(1, -1);
      continue;
    }
    if (r.startsWith('\\')) {
      out += r.slice(1);
      continue;
    }
    // "m" means minutes right after an hour or right before seconds, months otherwise (as in Sheets).
    const nextIsSeconds = runs.slice(i + 1).find((x) => /[a-z]/i.test(x))?.toLowerCase().startsWith('s');
    const hasAmPm = /am\/pm/i.test(format);
    switch (lower) {
      case 'yyyy':
        out += pad(wall.getUTCFullYear(), 4);
        break;
      case 'yy':
        out += pad(wall.getUTCFullYear() % 100, 2);
        break;
      case 'mmmm':
        out += MONTHS[wall.getUTCMonth()];
        break;
      case 'mmm':
        out += MONTHS[wall.getUTCMonth()].slice(0, 3);
        break;
      case 'mm':
      case 'm': {
        const minutes = lastWasHour || nextIsSeconds;
        const v = minutes ? wall.getUTCMinutes() : wall.getUTCMonth() + 1;
        out += lower === 'mm' ? pad(v, 2) : String(v);
        break;
      }
      case 'dddd':
        out += DAYS[wall.getUTCDay()];
        break;
      case 'ddd':
        out += DAYS[wall.getUTCDay()].slice(0, 3);
        break;
      case 'dd':
        out += pad(wall.getUTCDate(), 2);
        break;
      case 'd':
        out += String(wall.getUTCDate());
        break;
      case 'hh':
      case 'h': {
        const h = hasAmPm ? wall.getUTCHours() % 12 || 12 : wall.getUTCHours();
        out += lower === 'hh' ? pad(h, 2) : String(h);
        break;
      }
      case 'ss':
        out += pad(wall.getUTCSeconds(), 2);
        break;
      case 's':
        out += String(wall.getUTCSeconds());
        break;
      case 'am/pm':
        out += wall.getUTCHours() < 12 ? 'AM' : 'PM';
        break;
      default:
        out += r;
    }
    if (/[a-z]/i.test(r)) lastWasHour = lower === 'h' || lower === 'hh';
  }
  return out;
}

/** Formats a number with a Sheets number format: 0, 0.00, #,##0, 0%, @ and "plain"; anything else as plain. */
export function formatSheetsNumber(n: number, format: string): string {
  const f = format.trim();
  if (f === '' || f === '@' || /^general$/i.test(f)) return plainNumber(n);
  const percent = f.endsWith('%');
  const core = percent ? f.slice(0, -1) : f;
  const m = /^([#0,]*0)(?:\.(0+|#+))?$/.exec(core);
  if (!m) return plainNumber(n);
  const v = percent ? n * 100 : n;
  const decimals = m[2] ? m[2].length : 0;
  let text = m[2]?.startsWith('#') ? String(Number(v.toFixed(decimals))) : v.toFixed(decimals);
  if (m[1].includes(',')) {
    const [int, frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }
  return percent ? `${text}%` : text;
}

/** How Sheets shows a number with the automatic format: up to 15 significant digits, no exponent for usual sizes. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '-#NUM!' : '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

export function isDateFormat(format: string): boolean {
  const stripped = format.replace(/"[^"]*"|\\./g, '');
  return /[ydhs]/i.test(stripped) || /^m+$/i.test(stripped.trim());
}
