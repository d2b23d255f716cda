// Key-household change detection: what goes into the change log (异动表), never with sensitive notes.
import { CLOSE_CARE_CATEGORIES, REGISTERS } from './registers';
import { optionLabel } from './labels';
import { FieldValue, Lang, Rec } from './types';

export interface ChangeRow {
  change: 'added' | 'removed' | 'category_added' | 'category_removed' | 'moved_in' | 'moved_out' | 'updated';
  before: string;
  after: string;
}

const def = REGISTERS.households;
/** Fields whose changes are logged: everything a person fills in except sensitive notes. */
const LOGGED = def.fields.filter((f) => !f.sensitive && !f.system && f.key !== 'categories' && f.key !== 'status');

const text = (v: FieldValue): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join('、') : String(v));

const categoryText = (cats: string[], lang: Lang) => cats.map((c) => optionLabel('households', 'categories', c, lang)).join('、');

/** The change-log rows for one household edit (before → after, non-sensitive fields only). */
export function householdChanges(before: Rec | null, after: Rec, lang: Lang, show: (v: FieldValue) => string = text): ChangeRow[] {
  if (!before) return [{ change: 'added', before: '', after: `${after.unit} ${after.occupant}（${categoryText(list(after.categories), lang)}）` }];
  const rows: ChangeRow[] = [];
  const was = list(before.categories);
  const now = list(after.categories);
  const added = now.filter((c) => !was.includes(c));
  const removed = was.filter((c) => !now.includes(c));
  if (added.length) rows.push({ change: 'category_added', before: categoryText(was, lang), after: categoryText(now, lang) });
  if (removed.length) rows.push({ change: 'category_removed', before: categoryText(was, lang), after: categoryText(now, lang) });
  if (before.status !== after.status && after.status) {
    rows.push({ change: after.status === 'inactive' ? 'removed' : 'added', before: String(before.status ?? ''), after: String(after.status) });
  }
  const changed = LOGGED.filter((f) => show(before[f.key] ?? null) !== show(after[f.key] ?? null) && f.key in after);
  for (const f of changed) {
    const kind = f.key === 'moved_in_on' ? 'moved_in' : 'updated';
    rows.push({ change: kind, before: `${f.label[lang]}：${show(before[f.key] ?? null)}`, after: `${f.label[lang]}：${show(after[f.key] ?? null)}` });
  }
  return rows;
}

const list = (v: FieldValue): string[] => (Array.isArray(v) ? v : []);

const hasCloseCare = (r: Rec | null): boolean =>
  Array.isArray(r?.categories) && r!.categories.some((c) => (CLOSE_CARE_CATEGORIES as readonly string[]).includes(String(c)));

/**
 * When close care (weekly visits, calls) started: now when a close-care category is added, kept
 * while one remains, cleared when the last one goes. The engine counts the first visit from here.
 */
export function careSince(before: Rec | null, after: Rec, now: Date): Date | null {
  if (!hasCloseCare(after)) return null;
  if (hasCloseCare(before) && before!.care_since instanceof Date) return before!.care_since;
  return hasCloseCare(before) ? (before!.created_at instanceof Date ? before!.created_at : now) : now;
}
