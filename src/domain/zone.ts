// Office-zone wall clock, fast: offsets are cached per zone and UTC day (a scan formats thousands of moments).
//
// Where offsets come from is a port: on Google, the adapter in src/gas formats with Java's zone data, because
// Apps Script's V8 may lack Intl's timeZoneName 'longOffset' or even ignore timeZone. The pure
// fallback below reads the wall clock from Intl's parts, without longOffset.

const DAY = 86_400_000;
const offsetCache = new Map<string, number>();

/** Minutes a zone is ahead of UTC at a moment (fractional for local mean time, +08:05:43); throws RangeError for an unknown zone. */
export type OffsetSource = (tz: string, ms: number) => number;

const partsCache = new Map<string, Intl.DateTimeFormat>();

/** The pure fallback: the zone's wall clock from Intl's parts, minus the moment. */
export const intlOffset: OffsetSource = (tz, ms) => {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    partsCache.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour) % 24, Number(p.minute), Number(p.second), 0);
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return (wall.getTime() - whole) / 60_000;
};

let source: OffsetSource = intlOffset;
const startCache = new Map<string, number>();

function dayStartOffset(tz: string, day: number): number {
  const key = `${tz}|${day}`;
  let off = startCache.get(key);
  if (off === undefined) {
    off = tzOffset(tz, new Date(day * DAY));
    if (startCache.size > 20_000) startCache.clear();
    startCache.set(key, off);
  }
  return off;
}

/** Takes zone offsets from this source from now on (null: back to Intl). */
export function useOffsetSource(fn: OffsetSource | null): void {
  if ((fn ?? intlOffset) === source) return;
  source = fn ?? intlOffset;
  offsetCache.clear();
  startCache.clear();
}

function tzOffset(tz: string, d: Date): number {
  try {
    return source(tz, d.getTime());
  } catch {
    return NaN;
  }
}

/** Minutes the zone is ahead of UTC at a moment. A zone's offset is the same all day except on its few transition days, which are asked exactly. */
export function offsetMinutes(tz: string, ms: number): number {
  const day = Math.floor(ms / DAY);
  const key = `${tz}|${day}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    // Each day's start is asked once and serves as the previous day's end too: in production
    // every ask is one call to the Google adapter's date formatter.
    const a = dayStartOffset(tz, day);
    const b = dayStartOffset(tz, day + 1);
    if (Number.isNaN(a)) throw new RangeError(`Unknown time zone: ${tz}`);
    off = a === b ? a : NaN;
    if (offsetCache.size > 20_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return Number.isNaN(off) ? tzOffset(tz, new Date(ms)) : off;
}

/** The wall clock of a moment in the zone, as a Date whose UTC fields are that wall clock. */
export const wallOf = (ms: number, tz: string): Date => new Date(ms + offsetMinutes(tz, ms) * 60_000);

/** The moment a wall-clock time (given as UTC fields) happens in the zone. */
export function momentOfWall(wallMs: number, tz: string): Date {
  const guess = wallMs - offsetMinutes(tz, wallMs) * 60_000;
  return new Date(wallMs - offsetMinutes(tz, guess) * 60_000);
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 with the zone's offset, at whole seconds: 2026-11-02T09:00:00+08:00 (how dates cross the bridge). */
export function isoInZone(d: Date, tz: string): string {
  const off = offsetMinutes(tz, d.getTime());
  const z = new Date(d.getTime() + off * 60_000);
  const a = Math.abs(off);
  return (
    `${z.getUTCFullYear()}-${p2(z.getUTCMonth() + 1)}-${p2(z.getUTCDate())}T${p2(z.getUTCHours())}:${p2(z.getUTCMinutes())}:${p2(z.getUTCSeconds())}` +
    `${off >= 0 ? '+' : '-'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`
  );
}
