// What a tenancy changes elsewhere: the unit's key household becomes a tenant household, and release passes for it wait for a supervisor.
import type { Book } from './book';
import { unitKey } from '../domain/deadlines';
import type { Actor, Rec } from '../domain/types';

const live = (r: Rec, closed: string): boolean => Boolean(r.id) && r.status !== closed;

/**
 * A new tenancy adds "tenant" to its unit's active key household (seed 000 §4.2.4: tenants are
 * recorded as they come), through the same change log as any household edit. No household, no change:
 * whether a tenant is a key household is the clerk's judgement at the screening.
 */
export function markTenant(book: Book, unit: unknown, actor: Actor, log: (before: Rec, after: Rec) => void): void {
  const loaded = book.load('households');
  const index = loaded?.records.findIndex((h) => live(h, 'inactive') && unitKey(h.unit) === unitKey(unit)) ?? -1;
  if (!loaded || index < 0) return;
  const before = loaded.records[index];
  const cats = Array.isArray(before.categories) ? before.categories.map(String) : [];
  if (cats.includes('tenant')) return;
  const after: Rec = { ...before, categories: [...cats, 'tenant'], version: Number(before.version) + 1, updated_at: book.now, updated_by: actor.email };
  book.writeRecord(loaded, index, after);
  log(before, after);
}

/** A pass for a let unit or a key household's waits for a supervisor (seed 000 §4.3.1.4, §4.3.2.2); others are ready at once. */
export function passNeedsApproval(book: Book, unit: unknown): boolean {
  const at = (rows: Rec[] | undefined, closed: string) => (rows ?? []).some((r) => live(r, closed) && unitKey(r.unit) === unitKey(unit));
  return at(book.load('tenancies')?.records, 'closed') || at(book.load('households')?.records, 'inactive');
}
