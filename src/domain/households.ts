// Key-household change detection: what goes into the change log (异动表), never with sensitive notes.
import { CLOSE_CARE_CATEGORIES, REGISTERS } from './registers';
import { optionLabel } from './labels';
import { maskPersonalText } from './format';
import { FieldDef } from './registers';
import { FieldValue, Lang, Rec } from './types';

export interface ChangeRow {
  /** An option of the log's `change` field (household_changes or resident_changes). */
  change: string;
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
  return [...rows, ...fieldChanges(LOGGED, before, after, lang, show, (k) => (k === 'moved_in_on' ? 'moved_in' : 'updated'))];
}

/** One row per changed field, "label：before" → "label：after". */
function fieldChanges(fields: readonly FieldDef[], before: Rec, after: Rec, lang: Lang, show: (v: FieldValue) => string, kindOf: (key: string) => string): ChangeRow[] {
  const changed = fields.filter((f) => show(before[f.key] ?? null) !== show(after[f.key] ?? null) && f.key in after);
  return changed.map((f) => ({ change: kindOf(f.key), before: `${f.label[lang]}：${show(before[f.key] ?? null)}`, after: `${f.label[lang]}：${show(after[f.key] ?? null)}` }));
}

const RESIDENT_LOGGED = REGISTERS.residents.fields.filter((f) => !f.system && !f.stamped);
const RESIDENT_KIND: Record<string, string> = { members: 'members', name: 'renamed' };
/** The log keeps phones and ID numbers masked, as any free text leaving the register. */
const masked = (v: FieldValue): string => maskPersonalText(text(v));

/** The resident change-log rows (住户信息变更表) for one registration, action or edit. */
export function residentChanges(before: Rec | null, after: Rec, lang: Lang): ChangeRow[] {
  const tenure = optionLabel('residents', 'tenure', String(after.tenure ?? ''), lang);
  if (!before) return [{ change: 'added', before: '', after: `${after.unit} ${after.name}（${tenure}）` }];
  const rows = fieldChanges(RESIDENT_LOGGED, before, after, lang, masked, (k) => RESIDENT_KIND[k] ?? 'updated');
  if (after.status === 'moved_out' && before.status !== 'moved_out') {
    const label = (s: FieldValue) => optionLabel('residents', 'status', String(s ?? ''), lang);
    rows.push({ change: 'moved_out', before: label(before.status), after: `${label(after.status)} ${text(after.moved_out_on ?? null)}`.trim() });
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
