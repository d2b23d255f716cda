// Key-household change detection: what goes into the change log (异动表), never with sensitive notes.
import { REGISTERS } from './registers';
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
