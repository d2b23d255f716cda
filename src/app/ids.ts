// Record ids (C-2026-0001): a counter in document properties, so an id is never reused even after rows are deleted.
import type { Store } from '../ports';
import { Rec } from '../domain/types';
import { ymdInZone } from '../domain/table';

/** Call under the document lock: reads and bumps the counter for this prefix and year. */
export function nextId(store: Store, prefix: string, now: Date, tz: string, existing: readonly Rec[]): string {
  const year = ymdInZone(now, tz).slice(0, 4);
  const stem = `${prefix}${year}-`;
  const key = `seq.${stem}`;
  // The sheet is checked too, in case the properties were lost: the larger wins.
  const inSheet = existing.reduce((max, r) => {
    const id = String(r.id ?? '');
    return id.startsWith(stem) ? Math.max(max, Number(id.slice(stem.length)) || 0) : max;
  }, 0);
  const n = Math.max(Number(store.get(key) ?? 0), inSheet) + 1;
  store.set(key, String(n));
  return `${stem}${String(n).padStart(4, '0')}`;
}
