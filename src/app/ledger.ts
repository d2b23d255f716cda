// The reminder ledger: a hidden tab of what was sent to whom, so no email goes out twice.
import { Book, TABS } from './book';
import { isoInZone } from '../domain/table';
import type { OverdueItem } from '../domain/deadlines';
import { Cell } from '../domain/types';

const HEADERS = ['key', 'sent_at'];
const DAY_MS = 86_400_000;
/** How long a sent reminder is remembered: past the weekly statistics and twice the re-remind interval. */
export const ledgerRetentionMs = (reremindHours: number): number => Math.max(8 * DAY_MS, 2 * reremindHours * 3_600_000);
/** Older rows are dropped once they are this many and at least a quarter of the tab. */
const COMPACT_AT = 1000;

/** One reminder: the item at its due time and level, to one recipient. A level rise is a new key. */
export const ledgerKey = (i: OverdueItem, to: string): string => [i.register, i.id, i.rule, i.due.toISOString(), i.level, to].join('|');

export interface Ledger {
  /** True when the key was never sent, or was sent at least `intervalHours` ago (default: Settings reremind_hours). */
  shouldSend(key: string, now: Date, intervalHours?: number): boolean;
  record(key: string, at: Date): void;
  /**
   * Saves what this run recorded in one write: an append, or, when many rows are past retention,
   * a rewrite of the tab with only the rows still needed (so the hidden tab does not grow forever).
   */
  flush(): void;
}

export function buildLedger(book: Book): Ledger {
  const { tables } = book.ports;
  let tab = book.tabOf(TABS.ledger.key, TABS.ledger.label);
  if (!tab) {
    tab = TABS.ledger.label[book.lang];
    tables.create(tab);
    tables.writeHeaders(tab, HEADERS);
    tables.hide(tab);
    book.forgetNames();
  }
  const last = new Map<string, number>();
  const rows = tables.read(tab)?.rows ?? [];
  for (const [key, at] of rows) {
    const t = at instanceof Date ? at.getTime() : Date.parse(String(at));
    if (key && !isNaN(t) && t > (last.get(String(key)) ?? -Infinity)) last.set(String(key), t);
  }
  const fresh: Cell[][] = [];
  const reremindHours = book.settings().reremind_hours;
  const cutoff = book.now.getTime() - ledgerRetentionMs(reremindHours);
  const stale = [...last.values()].filter((t) => t < cutoff).length + (rows.length - last.size);
  const ledgerTab = tab;
  return {
    shouldSend(key, now, intervalHours = reremindHours) {
      const t = last.get(key);
      return t === undefined || now.getTime() - t >= intervalHours * 3_600_000;
    },
    record(key, at) {
      last.set(key, at.getTime());
      fresh.push([key, isoInZone(at, book.tz)]);
    },
    flush() {
      if (stale >= COMPACT_AT && stale * 4 >= rows.length) {
        const kept = [...last].filter(([, t]) => t >= cutoff).map(([k, t]) => [k, isoInZone(new Date(t), book.tz)] as Cell[]);
        tables.replaceAll(ledgerTab, [HEADERS, ...kept]);
      } else if (fresh.length) tables.append(ledgerTab, fresh.splice(0));
    },
  };
}
