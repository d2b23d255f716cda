// findRecords' order and deadlines: each listed record's next deadline from the overdue engine, the most urgent first.
import type { Book } from './book';
import { byUrgency, cardDeadline, nextDeadlines } from '../domain/cards';
import { computeOverdue, OverdueItem } from '../domain/deadlines';
import type { RegisterDef, RegisterKey } from '../domain/registers';
import { isoInZone } from '../domain/table';
import type { Rec } from '../domain/types';

/** Registers whose records carry their own deadlines in the engine (the duty log and roster are per shift and month). */
const WITH_DEADLINES: readonly RegisterKey[] = ['complaints', 'violations', 'requests', 'households', 'passes', 'visitors', 'residents', 'outings', 'move_ins'];

/** Every open deadline of these records, however far ahead: a card shows the next one even when it is weeks away. */
export function deadlinesOf(book: Book, def: RegisterDef, records: Rec[]): Map<string, OverdueItem> {
  if (!WITH_DEADLINES.includes(def.key)) return new Map();
  const data: Partial<Record<RegisterKey, Rec[]>> = { [def.key]: records };
  // A household's visits and calls are counted from the care log.
  if (def.key === 'households') data.care_log = book.load('care_log')?.records ?? [];
  // A resident's screening is closed by a key-household record for the unit.
  if (def.key === 'residents') data.households = book.load('households')?.records ?? [];
  const { soon } = computeOverdue({ now: book.now, settings: book.settings(), data, horizonMs: Infinity });
  return nextDeadlines(soon);
}

const timeOf = (def: RegisterDef, rec: Rec): Date | null => {
  const at = def.timeField ? rec[def.timeField] : rec.created_at;
  return at instanceof Date && !isNaN(at.getTime()) ? at : null;
};

/** The records in urgency order: most overdue, then soonest due, then the newest. */
export function rankRecords(def: RegisterDef, records: Rec[], next: Map<string, OverdueItem>): Rec[] {
  return records
    .map((rec, row) => ({ rec, row, due: next.get(String(rec.id ?? ''))?.due ?? null, at: timeOf(def, rec) }))
    .sort(byUrgency)
    .map((r) => r.rec);
}

/** The card's deadline as the sidebar gets it (the due time as office-zone ISO), or null. */
export function wireDeadline(book: Book, item: OverdueItem | undefined) {
  if (!item) return null;
  const d = cardDeadline(item, book.now, book.lang);
  return { ...d, due: isoInZone(d.due, book.tz) };
}
