// The reminder ledger: a hidden tab, one row per open item and rule (or change list, or stats day), so no email goes out twice.
import { Book, TABS } from './book';
import { isoInZone } from '../domain/table';
import type { OverdueItem } from '../domain/deadlines';
import type { CellWrite } from '../ports';
import { Cell } from '../domain/types';
import { neutralise } from '../domain/neutralise';

/**
 * key: register|id|rule, changes|<id>, changes|day|<date> or stats|<date>. due and level: the
 * reminder's current cycle. sent_at: when that cycle started; to: who has had it in this cycle.
 * claimed_at / claimed: who a run is sending to right now (see claim()).
 */
export const LEDGER_HEADERS = ['key', 'due', 'level', 'sent_at', 'to', 'claimed_at', 'claimed'];
const COL = { key: 0, due: 1, level: 2, sentAt: 3, to: 4, claimedAt: 5, claimed: 6 };
const DAY_MS = 86_400_000;
/**
 * A claim older than this is taken to be from a run that died mid-send (an execution lasts at most
 * 6 minutes): its recipients are sent to again rather than never.
 */
export const CLAIM_MS = 15 * 60_000;
/** How long a change list or stats day is remembered: past the weekly statistics and twice the re-remind interval. */
export const ledgerRetentionMs = (reremindHours: number): number => Math.max(8 * DAY_MS, 2 * reremindHours * 3_600_000);

/** One item and rule: every recipient and level of it shares the row. */
export const ledgerKey = (i: OverdueItem): string => [i.register, i.id, i.rule].join('|');
const isItemKey = (key: string) => !/^(changes|stats|capacity)\|/.test(key);

interface Row {
  key: string;
  /** Whole seconds since the epoch (the tab keeps whole seconds); null for keys without a due time. */
  due: number | null;
  level: number;
  sentAt: number | null;
  to: string[];
  claimedAt: number | null;
  claimed: string[];
}

/** One planned email's share of a row: who gets which key, and whether it starts a new cycle. */
export interface Claim {
  key: string;
  to: string;
  due: number | null;
  level: number;
  /** A new cycle (first send, level rise, new due time or re-remind): the row's `to` starts again. */
  fresh: boolean;
}

export interface LedgerTab {
  tab: string;
  /** By data row; null = a blank row that a new key may reuse. */
  rows: (Row | null)[];
  /** The cells as read, to write only what changed. */
  cells: Cell[][];
  byKey: Map<string, number>;
}

const secondsOf = (v: Cell | undefined): number | null => {
  if (v instanceof Date) return isNaN(v.getTime()) ? null : Math.floor(v.getTime() / 1000);
  if (typeof v === 'string' && v.trim()) {
    const t = Date.parse(v.trim());
    return isNaN(t) ? null : Math.floor(t / 1000);
  }
  return null;
};
// A recipient list is stored as "a@x b@y"; Sheets may keep the apostrophe neutralise() adds.
const listOf = (v: Cell | undefined): string[] => String(v ?? '').replace(/^'/, '').split(/\s+/).filter(Boolean);
const listCell = (xs: string[]): string => neutralise(xs.join(' '));

/** Reads the ledger, creating the hidden tab (or replacing an older layout) when needed. */
export function openLedger(book: Book): LedgerTab {
  const { tables } = book.ports;
  let tab = book.tabOf(TABS.ledger.key, TABS.ledger.label);
  if (!tab) {
    tab = TABS.ledger.label[book.lang];
    tables.create(tab);
    tables.writeHeaders(tab, LEDGER_HEADERS);
    tables.hide(tab);
    book.forgetNames();
    return { tab, rows: [], cells: [], byKey: new Map() };
  }
  const grid = tables.read(tab);
  if (!grid || grid.headers.join() !== LEDGER_HEADERS.join()) {
    // The first layout kept a row per send; it is replaced once (what it held may be reminded once more).
    tables.replaceAll(tab, [LEDGER_HEADERS]);
    return { tab, rows: [], cells: [], byKey: new Map() };
  }
  const byKey = new Map<string, number>();
  const cells = grid.rows.map((r) => LEDGER_HEADERS.map((_, c) => r[c] ?? ''));
  const rows = cells.map((r, n): Row | null => {
    const key = String(r[COL.key] ?? '').trim();
    // A second row with the same key (never written by the scan) is dropped like a closed item's.
    if (!key || byKey.has(key)) return null;
    byKey.set(key, n);
    return {
      key,
      due: secondsOf(r[COL.due]),
      level: Number(r[COL.level]) || 0,
      sentAt: secondsOf(r[COL.sentAt]),
      to: listOf(r[COL.to]),
      claimedAt: secondsOf(r[COL.claimedAt]),
      claimed: listOf(r[COL.claimed]),
    };
  });
  return { tab, rows, cells, byKey };
}

const rowOf = (l: LedgerTab, key: string): Row | null => {
  const n = l.byKey.get(key);
  return n === undefined ? null : l.rows[n];
};

/**
 * What `to` should get now for this key, or null. Nothing is sent twice: a recipient who had this
 * cycle waits for a level rise, a new due time or `intervalHours`; one another run is sending to
 * right now is skipped.
 */
export function wants(l: LedgerTab, key: string, to: string, now: Date, opts: { due?: Date; level?: number; intervalHours: number }): Claim | null {
  const row = rowOf(l, key);
  const t = Math.floor(now.getTime() / 1000);
  const due = opts.due ? Math.floor(opts.due.getTime() / 1000) : null;
  const level = opts.level ?? 0;
  const claim = (fresh: boolean): Claim => ({ key, to, due, level, fresh });
  if (row?.claimed.includes(to) && row.claimedAt !== null && t - row.claimedAt < CLAIM_MS / 1000) return null;
  if (!row || row.sentAt === null) return claim(true);
  if (row.due !== due || level > row.level || t - row.sentAt >= opts.intervalHours * 3600) return claim(true);
  return row.to.includes(to) ? null : claim(false);
}

function put(l: LedgerTab, key: string): Row {
  const have = rowOf(l, key);
  if (have) return have;
  const row: Row = { key, due: null, level: 0, sentAt: null, to: [], claimedAt: null, claimed: [] };
  // A blank row (a closed item's) is reused first, so the tab stays as long as the open items.
  let n = l.rows.indexOf(null);
  if (n < 0) n = l.rows.length;
  l.rows[n] = row;
  l.byKey.set(key, n);
  return row;
}

/** Marks planned sends as in progress, so a run overlapping this one's mailing leaves them alone. */
export function claim(l: LedgerTab, claims: Claim[], now: Date): void {
  const t = Math.floor(now.getTime() / 1000);
  for (const c of claims) {
    const row = put(l, c.key);
    if (!row.claimed.includes(c.to)) row.claimed.push(c.to);
    row.claimedAt = t;
  }
}

/**
 * Records what happened to claimed sends: the sent ones join the row's cycle, the failed or
 * deferred ones are released so the next run sends them.
 */
export function settle(l: LedgerTab, outcomes: { claim: Claim; sent: boolean }[], now: Date): void {
  const t = Math.floor(now.getTime() / 1000);
  const restarted = new Set<string>();
  for (const { claim: c, sent } of outcomes) {
    const row = put(l, c.key);
    row.claimed = row.claimed.filter((x) => x !== c.to);
    if (!row.claimed.length) row.claimedAt = null;
    if (!sent) continue;
    if (c.fresh && !restarted.has(c.key)) {
      restarted.add(c.key);
      Object.assign(row, { due: c.due, level: c.level, sentAt: t, to: [] });
    }
    if (!row.to.includes(c.to)) row.to.push(c.to);
  }
}

/**
 * Drops rows no longer needed: items that are not overdue any more (closed, cleared or gone), change
 * lists and stats days past retention, and claims of runs that died before sending anything.
 */
export function prune(l: LedgerTab, overdueKeys: Set<string>, now: Date, reremindHours: number): void {
  const t = Math.floor(now.getTime() / 1000);
  const retention = ledgerRetentionMs(reremindHours) / 1000;
  l.rows.forEach((row, n) => {
    if (!row) return;
    const claimLive = row.claimedAt !== null && t - row.claimedAt < CLAIM_MS / 1000;
    const keep = isItemKey(row.key)
      ? overdueKeys.has(row.key) || claimLive
      : claimLive || (row.sentAt !== null && t - row.sentAt < retention);
    if (keep && (row.sentAt !== null || claimLive)) return;
    l.rows[n] = null;
    l.byKey.delete(row.key);
  });
}

/** Blank rows left by closed items are compacted away (one rewrite) once they are this many and half the tab. */
const COMPACT_AT = 500;

/** Writes only the cells that changed (a blanked row is cleared cell by cell; new keys fill blank rows first). */
export function saveLedger(book: Book, l: LedgerTab): void {
  const iso = (s: number | null): Cell => (s === null ? '' : isoInZone(new Date(s * 1000), book.tz));
  const cellsOf = (row: Row): Cell[] => [row.key, iso(row.due), row.level || '', iso(row.sentAt), listCell(row.to), iso(row.claimedAt), listCell(row.claimed)];
  const blanks = l.rows.filter((r) => !r).length;
  if (blanks >= COMPACT_AT && blanks * 2 >= l.rows.length) {
    const live = l.rows.filter((r): r is Row => r !== null);
    const cells = live.map(cellsOf);
    book.ports.tables.replaceAll(l.tab, [LEDGER_HEADERS, ...cells]);
    Object.assign(l, { rows: live, cells, byKey: new Map(live.map((r, n) => [r.key, n])) });
    return;
  }
  const writes: CellWrite[] = [];
  l.rows.forEach((row, n) => {
    const next: Cell[] = row ? cellsOf(row) : LEDGER_HEADERS.map(() => '');
    const before = l.cells[n] ?? LEDGER_HEADERS.map(() => '');
    next.forEach((v, c) => {
      if (!sameLedgerCell(before[c], v)) writes.push({ row: n, col: c, value: v });
    });
    l.cells[n] = next;
  });
  book.ports.tables.writeCells(l.tab, writes);
}

/** Times compare at whole seconds and text without a leading apostrophe: what Sheets hands back for what was written. */
function sameLedgerCell(a: Cell | undefined, b: Cell): boolean {
  const x = a ?? '';
  const iso = (v: Cell) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);
  if (x instanceof Date || b instanceof Date || iso(x) || iso(b)) return secondsOf(x) === secondsOf(b);
  const text = (v: Cell) => String(v).replace(/^'/, '');
  return text(x) === text(b);
}
