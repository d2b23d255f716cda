// The sidebar's edit form: a record's fields filled in, only changes sent with its version, and a conflict shown as what changed.
import { tell } from './feedback';
import { call, errorText } from './bridge';
import type { Display, Editable, FieldInfo, RecordInfo, RegisterInfo, Reply } from './contract';
import { el, replace } from './dom';
import { displayTime, failureMessage, formFields, isoToLocal, optionText, toPayload, type CheckContext, type Payload, type RawValue } from './forms';
import { ensureOption } from './pickers';
import { formFields as defFormFields, validateFields } from '../domain/schema';
import { isRegisterKey, REGISTERS } from '../domain/registers';
import { msg } from '../domain/messages';
import { LANGS, type Lang } from '../domain/types';

type Say = (key: string, params?: Record<string, string | number>) => string;

/** What the edit form borrows from the sidebar, so both forms look and behave the same. */
export interface EditKit {
  T: Say;
  text: Record<string, string>;
  offset: string;
  checkCtx: () => CheckContext;
  fieldRow: (field: FieldInfo) => HTMLElement;
  readRaw: (form: HTMLFormElement, fields: FieldInfo[]) => Record<string, RawValue>;
  showErrors: (scope: HTMLElement, errors: Record<string, string>) => string[];
  focusFirstError: (scope: HTMLElement) => void;
  setBusy: (button: HTMLButtonElement, busy: boolean, label: string) => void;
  clientChecks: (form: HTMLFormElement) => boolean;
}

// ---- pure parts -----------------------------------------------------------------------------

/** Fields the edit form offers: the entry form's fields, less those only an action changes (a complaint's class). */
export const editFields = (reg: RegisterInfo): FieldInfo[] => formFields(reg).filter((f) => !f.byAction);

/** A stored value as its form control holds it: office wall clock for times, ticked options for a list. */
export function toRaw(field: FieldInfo, value: Display | undefined, offset: string): RawValue {
  if (field.type === 'boolean') return value === true;
  if (field.type === 'list') return Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? value.split(/[,，、]\s*/) : [];
  if (value === null || value === undefined) return '';
  if (field.type === 'datetime') return typeof value === 'string' ? isoToLocal(value, offset) || value : '';
  return String(value);
}

const norm = (raw: RawValue): string => (Array.isArray(raw) ? [...raw].sort().join('\n') : typeof raw === 'string' ? raw.trim() : String(Boolean(raw)));

/**
 * Only what the user changed is sent: an untouched field cannot overwrite someone else's change,
 * and a masked phone or ID number left blank is never sent at all. A cleared field is sent blank.
 */
export function editPayload(fields: FieldInfo[], before: Record<string, RawValue>, now: Record<string, RawValue>, offset: string): Payload {
  const changed = fields.filter((f) => norm(now[f.key]) !== norm(before[f.key]));
  const payload = toPayload(changed, now, offset);
  for (const f of changed) if (!(f.key in payload) && !f.masked && !f.sensitive) payload[f.key] = f.type === 'list' ? [] : '';
  return payload;
}

const langOf = (lang: string): Lang => ((LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'zh-Hans');

/** The edit payload checked as updateRecord checks it: the same zod schema and messages, and a required field may not be cleared. */
export function editErrors(register: string, payload: Payload, ctx: CheckContext): Record<string, string> {
  if (!isRegisterKey(register)) return {};
  const def = REGISTERS[register];
  const lang = langOf(ctx.lang);
  const v = validateFields(def, payload, { now: new Date(ctx.nowMs), lang, editable: defFormFields(def), requireAll: false });
  if (!v.ok) return v.fieldErrors;
  const cleared = defFormFields(def).filter((f) => f.required && f.key in v.values && v.values[f.key] === null);
  return Object.fromEntries(cleared.map((f) => [f.key, msg('required', lang)]));
}

/** A value for reading in the conflict list: option labels, office time, （空） for blank. */
export function shown(field: FieldInfo, value: Display | undefined, offset: string, T: Say): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return T('edit.blank');
  if (field.type === 'boolean') return value === true ? T('ui.yes') : T('ui.no');
  if (Array.isArray(value)) return value.map((v) => optionText(field, String(v))).join('、');
  if (field.type === 'enum') return optionText(field, String(value));
  if (field.type === 'datetime' || field.type === 'date') return displayTime(String(value), offset);
  return String(value);
}

/** The stored value of a field as the form compares it: masked fields by their masked text. */
const storedOf = (f: FieldInfo, e: Editable): Display | undefined => (f.masked ? e.masked[f.key] : e.values[f.key]);

export interface Change {
  key: string;
  label: string;
  mine: string;
  current: string;
}

/**
 * What someone else changed since the form was loaded: each field whose stored value moved, with
 * what this user has in the form (their edit, or what they loaded) and what is stored now.
 */
export function changesSince(fields: FieldInfo[], loaded: Editable, current: Editable, mine: Record<string, RawValue>, offset: string, T: Say): Change[] {
  const out: Change[] = [];
  for (const f of fields) {
    if (f.sensitive) continue;
    const was = storedOf(f, loaded);
    const now = storedOf(f, current);
    if (norm(toRaw(f, was, offset)) === norm(toRaw(f, now, offset))) continue;
    const typed = toPayload([f], mine, offset)[f.key];
    const mineValue: Display | undefined = f.masked && typed === undefined ? was : (typed as Display | undefined) ?? null;
    out.push({ key: f.key, label: f.label, mine: shown(f, mineValue, offset, T), current: shown(f, now, offset, T) });
  }
  return out;
}

// ---- the form -------------------------------------------------------------------------------

function fill(form: HTMLFormElement, fields: FieldInfo[], e: Editable, offset: string): void {
  for (const f of fields) {
    if (f.masked || f.sensitive) {
      const input = form.querySelector<HTMLInputElement>(`[name="${f.key}"]`);
      if (input) {
        input.value = '';
        if (f.masked) input.placeholder = e.masked[f.key] ?? '';
      }
      continue;
    }
    const raw = toRaw(f, e.values[f.key], offset);
    if (f.type === 'list') {
      form.querySelectorAll<HTMLInputElement>(`input[name="${f.key}"]`).forEach((i) => (i.checked = Array.isArray(raw) && raw.includes(i.value)));
      continue;
    }
    const input = form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${f.key}"]`);
    if (!input) continue;
    if (f.type === 'boolean') (input as HTMLInputElement).checked = raw === true;
    else {
      if (input instanceof HTMLSelectElement) ensureOption(input, String(raw));
      input.value = String(raw);
    }
  }
}

/** Loads the record fresh and shows its edit form in the card's slot. */
export async function openEdit(reg: RegisterInfo, rec: RecordInfo, slot: HTMLElement, status: HTMLElement, reload: () => void, kit: EditKit): Promise<void> {
  const note = el('p', { class: 'message', role: 'status' }, kit.T('ui.loading'));
  replace(slot, note);
  try {
    const reply = await call<Reply<Editable>>('getEditable', reg.key, rec.id);
    if (!reply.ok) return void (note.textContent = failureMessage(reply, kit.text));
    replace(slot, editForm(reg, reply, slot, status, reload, kit));
  } catch (e) {
    note.textContent = kit.T('err.network', { message: errorText(e) });
  }
}

function editForm(reg: RegisterInfo, first: Editable, slot: HTMLElement, status: HTMLElement, reload: () => void, kit: EditKit): HTMLElement {
  const { T } = kit;
  const fields = editFields(reg);
  let loaded = first;
  const save = el('button', { type: 'submit', class: 'primary', 'data-testid': 'edit-save' }, T('edit.save'));
  const cancel = el('button', { type: 'button', class: 'link' }, T('ui.cancel'));
  const message = el('p', { class: 'message', role: 'alert', 'data-testid': 'edit-message' });
  const conflict = el('div', { class: 'conflict', 'data-testid': 'edit-conflict', hidden: true });
  const rows = fields.map((f) => {
    const row = kit.fieldRow(f);
    if (f.masked) row.insertBefore(el('p', { class: 'hint' }, T('edit.masked_hint')), row.querySelector('.error'));
    if (f.sensitive) row.insertBefore(el('p', { class: 'hint' }, T('edit.sensitive_hint')), row.querySelector('.error'));
    return row;
  });
  const form = el(
    'form',
    { class: 'inline edit', 'data-edit-form': reg.key, 'data-testid': 'edit-form', novalidate: true },
    el('p', { class: 'inline-title' }, T('edit.title', { id: first.id })),
    ...rows,
    conflict,
    el('div', { class: 'buttons' }, save, cancel),
    message,
  );
  let before: Record<string, RawValue> = {};
  const load = (e: Editable) => {
    loaded = e;
    fill(form, fields, e, kit.offset);
    before = kit.readRaw(form, fields);
    form.dataset.version = String(e.version);
  };
  load(first);
  cancel.addEventListener('click', () => replace(slot));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      message.textContent = '';
      const now = kit.readRaw(form, fields);
      const payload = editPayload(fields, before, now, kit.offset);
      if (!Object.keys(payload).length) return void (message.textContent = T('edit.nothing'));
      const errors = kit.clientChecks(form) ? editErrors(reg.key, payload, kit.checkCtx()) : {};
      kit.showErrors(form, errors);
      if (Object.keys(errors).length) {
        tell(message, T('err.invalid'));
        return kit.focusFirstError(form);
      }
      kit.setBusy(save, true, T('edit.save'));
      try {
        const reply = await call<Reply<{ id: string; version: number }>>('updateRecord', reg.key, loaded.id, loaded.version, payload);
        if (reply.ok) {
          replace(slot);
          tell(status, T('edit.saved', { id: reply.id }), 'done');
          return reload();
        }
        if (reply.code === 'conflict') return void (await showConflict(reg, fields, form, conflict, now, loaded, load, message, kit));
        const rest = kit.showErrors(form, reply.fieldErrors ?? {});
        tell(message, [failureMessage(reply, kit.text), ...rest].join(' '));
        kit.focusFirstError(form);
      } catch (e) {
        tell(message, T('err.network', { message: errorText(e) }));
      } finally {
        kit.setBusy(save, false, T('edit.save'));
      }
    })();
  });
  return form;
}

/** The record as stored now beside what the user typed, and 重新载入 to take the stored one into the form. */
async function showConflict(
  reg: RegisterInfo,
  fields: FieldInfo[],
  form: HTMLFormElement,
  box: HTMLElement,
  mine: Record<string, RawValue>,
  loaded: Editable,
  load: (e: Editable) => void,
  message: HTMLElement,
  kit: EditKit,
): Promise<void> {
  const { T } = kit;
  // The box below says what happened and offers the reload, so the line under the buttons stays empty.
  message.textContent = '';
  const reply = await call<Reply<Editable>>('getEditable', reg.key, loaded.id);
  if (!reply.ok) return void (message.textContent = failureMessage(reply, kit.text));
  const changes = changesSince(fields, loaded, reply, mine, kit.offset, T);
  const again = el('button', { type: 'button', 'data-testid': 'edit-reload' }, T('edit.reload'));
  again.addEventListener('click', () => {
    load(reply);
    kit.showErrors(form, {});
    box.hidden = true;
    replace(box);
    message.textContent = T('edit.reloaded');
  });
  replace(
    box,
    el('p', {}, T('edit.conflict')),
    changes.length
      ? el(
          'ul',
          { class: 'changes' },
          ...changes.map((c) => el('li', { 'data-change': c.key }, el('strong', {}, `${c.label}：`), el('span', { class: 'mine' }, c.mine), ' → ', el('span', { class: 'current' }, c.current))),
        )
      : el('p', { class: 'hint' }, T('edit.conflict_other')),
    again,
  );
  box.hidden = false;
}
