// Sidebar pickers: departments, duty officers and key households chosen from lists, phones typed as phones.
import { call } from './bridge';
import type { FieldInfo, Pickers, Reply } from './contract';
import { el, type Attrs } from './dom';
import { PHONE_INPUT_PATTERN } from '../domain/schema';

type Say = (key: string, params?: Record<string, string | number>) => string;

let lists: Pickers = { departments: [], officers: [], households: [] };

/** Fetches the lists; a failure leaves the last ones (at worst empty, and the form falls back to typing). */
export async function loadPickers(): Promise<void> {
  try {
    const reply = await call<Reply<Pickers>>('getPickers');
    if (reply.ok) lists = { departments: reply.departments, officers: reply.officers, households: reply.households };
  } catch {
    // keep what we have
  }
}

/** "7-1101 · 陈伯": how a household is offered, never by its H- id alone. */
export const householdLabel = (h: Pickers['households'][number]): string => [h.unit, h.name].filter(Boolean).join(' · ') || h.id;

/** Options a search matches: every word of it in the unit or the name. */
export function matchHouseholds(households: Pickers['households'], query: string): Pickers['households'] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return households.filter((h) => words.every((w) => `${h.unit} ${h.name}`.toLowerCase().includes(w)));
}

/**
 * The control for a field that is picked rather than typed, or null for the ordinary one. The
 * select carries the field's name, so reading and filling a form treats it like any input.
 */
export function pickerControl(field: FieldInfo, base: Attrs & { id: string }, T: Say): HTMLElement | null {
  if (field.phone) return el('input', { ...base, type: 'tel', inputmode: 'tel', pattern: PHONE_INPUT_PATTERN, autocomplete: 'off' });
  if (field.picker === 'department' && lists.departments.length) {
    return el('select', base, el('option', { value: '' }, T('ui.choose')), ...lists.departments.map((d) => el('option', { value: d }, d)));
  }
  if (field.picker === 'household') return householdPicker(base, T);
  // A person's own department in Roles may be a new one: typed, with the known ones offered.
  if (field.key === 'department' && lists.departments.length) {
    const listId = `${base.id}-departments`;
    return el('div', {}, el('input', { ...base, type: 'text', list: listId, autocomplete: 'off' }), el('datalist', { id: listId }, ...lists.departments.map((d) => el('option', { value: d }))));
  }
  return null;
}

function householdPicker(base: Attrs & { id: string }, T: Say): HTMLElement {
  const search = el('input', { id: base.id, type: 'search', placeholder: T('pick.household_search'), autocomplete: 'off', 'data-picker-search': 'household' });
  const select = el('select', { ...base, id: `${base.id}-pick`, 'aria-label': T('pick.household_search') });
  const none = el('p', { class: 'hint', hidden: true }, T('pick.no_household'));
  const fill = () => {
    const kept = select.value;
    const found = matchHouseholds(lists.households, search.value);
    select.replaceChildren(el('option', { value: '' }, T('ui.choose')), ...found.map((h) => el('option', { value: h.id }, householdLabel(h))));
    // One match is the household meant; otherwise keep the choice if it is still offered.
    select.value = found.length === 1 ? found[0].id : found.some((h) => h.id === kept) ? kept : '';
    none.hidden = found.length > 0;
  };
  fill();
  search.addEventListener('input', fill);
  return el('div', { class: 'picker' }, search, select, none);
}

/**
 * Makes sure a select offers a stored value before it is set (a department no longer listed, a
 * household since closed), so filling the edit form never silently blanks it.
 */
export function ensureOption(select: HTMLSelectElement, value: string): void {
  if (!value || Array.from(select.options).some((o) => o.value === value)) return;
  const h = lists.households.find((x) => x.id === value);
  select.appendChild(el('option', { value }, h ? householdLabel(h) : value));
}

/** The incoming officer for a handover: a select of staff, tonight's rostered officer first; null when none are known. */
export function officerPicker(id: string, T: Say): HTMLSelectElement | null {
  if (!lists.officers.length) return null;
  return el(
    'select',
    { id, name: 'incoming' },
    el('option', { value: '' }, T('ui.choose')),
    ...lists.officers.map((o) => el('option', { value: o.value, 'data-rostered': o.rostered ? 'yes' : undefined }, o.rostered ? T('pick.rostered', { name: o.label }) : o.label)),
  );
}
