// How long a finished record stays in its register, when 归档 may move it, and the archive's hash chain. Pure.
import type { RegisterKey } from './registers';
import { isoInZone } from './zone';
import { unquote } from './neutralise';
import { sha256Hex } from './sha256';
import type { Cell, Rec } from './types';

/**
 * Years a record is kept after it ends, and the field that says when it ended. The procedures set
 * the duty log (3 years, its own setting), help requests (2), violations (1, major 5) and visitors
 * (1); the rest are the office's usual practice (README). Registers not listed are never archived:
 * key households and residents still living are the live lists, the roster and Roles are settings.
 */
export const KEEP: Readonly<Partial<Record<RegisterKey, readonly [years: number, end: string]>>> = {
  complaints: [3, 'closed_at'],
  violations: [1, 'closed_at'],
  requests: [2, 'closed_at'],
  visitors: [1, 'left_at'],
  passes: [1, 'returned_on'],
  care_log: [3, 'at'],
  household_changes: [5, 'at'],
  resident_changes: [5, 'at'],
  residents: [5, 'moved_out_on'],
  outings: [1, 'back_at'],
  emergency_entries: [5, 'at'],
  tenancies: [3, 'ended_on'],
  release_passes: [1, 'out_at'],
};
/** A major violation (severity major) is kept 5 years: it may go to arbitration or court. */
const MAJOR_VIOLATION_YEARS = 5;

export const DEFAULT_RETENTION_TEXT = [...Object.entries(KEEP).map(([k, v]) => `${k}:${v![0]}`), `violations_major:${MAJOR_VIOLATION_YEARS}`].join(', ');

/** Settings retention_years ("complaints:3, violations_major:5, …") over the defaults; items it cannot read are listed. */
export function parseRetention(text: string): { years: Record<string, number>; bad: string[] } {
  const years: Record<string, number> = Object.fromEntries([...Object.entries(KEEP).map(([k, v]) => [k, v![0]]), ['violations_major', MAJOR_VIOLATION_YEARS]]);
  const bad: string[] = [];
  for (const item of text.split(/[,，;；、\n]+/).map((x) => x.trim()).filter(Boolean)) {
    const hit = /^(\w+)\s*[:：=]\s*(\d{1,2})$/.exec(item);
    if (hit && hit[1] in years && Number(hit[2]) >= 1) years[hit[1]] = Number(hit[2]);
    else bad.push(item);
  }
  return { years, bad };
}

/** A date field's value as the calendar day it names in the office zone. */
const dayOf = (v: unknown, tz: string): string | null =>
  v instanceof Date && !isNaN(v.getTime()) ? isoInZone(v, tz).slice(0, 10) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;

/**
 * The year a finished record is archived under (the year it happened, by its time field, else the
 * year it ended), or null while it is still within its retention or not finished at all.
 */
export function archiveYear(key: RegisterKey, rec: Rec, timeField: string | undefined, years: Record<string, number>, now: Date, tz: string): number | null {
  const keep = KEEP[key];
  if (!keep) return null;
  const end = dayOf(rec[keep[1]], tz);
  if (!end) return null;
  const kept = key === 'violations' && rec.severity === 'major' ? years.violations_major : years[key];
  // Kept whole years from the day it ended: ended 2025-03-05 and kept 1 year, it may go from 2026-03-05.
  const free = `${Number(end.slice(0, 4)) + kept}${end.slice(4)}`;
  if (isoInZone(now, tz).slice(0, 10) < free) return null;
  return Number((dayOf(timeField ? rec[timeField] : null, tz) ?? end).slice(0, 4));
}

// ---------------- the archive's hash chain ----------------

export const CHAIN_START = '0'.repeat(64);

/** A cell as it reads back from the archive: a time in the office zone, text without the apostrophe that kept it text. */
const canonical = (c: Cell | undefined, tz: string): string =>
  c instanceof Date ? isoInZone(c, tz) : c === null || c === undefined ? '' : typeof c === 'string' ? unquote(c).trim() : String(c);

/** Each archived row's hash covers the one before it, so a changed, removed or reordered row breaks the chain from there. */
export function chainHash(prev: string, row: readonly Cell[], tz: string): string {
  const cells = row.map((c) => canonical(c, tz));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return sha256Hex(prev + JSON.stringify(cells));
}

/**
 * Checks an archive tab, whose first column holds each row's hash: every row against the chain,
 * and the chain's end against the head kept when it was last written (rows cut off or added at the
 * bottom). The first bad row is 1-based under the header; 0 means the end does not match.
 */
export function verifyChain(rows: readonly (readonly Cell[])[], head: { count: number; hash: string } | null, tz: string): { ok: true; rows: number } | { ok: false; row: number } {
  let prev = CHAIN_START;
  for (let i = 0; i < rows.length; i++) {
    const want = chainHash(prev, rows[i].slice(1), tz);
    if (canonical(rows[i][0], tz) !== want) return { ok: false, row: i + 1 };
    prev = want;
  }
  if (head && (head.count !== rows.length || head.hash !== prev)) return { ok: false, row: 0 };
  return { ok: true, rows: rows.length };
}
