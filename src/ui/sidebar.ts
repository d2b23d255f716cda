// The sidebar: pick a register, record an entry, act on recent records, generate notices, keep the duty log.
import { call, errorText } from './bridge';
import type { ActionInfo, DutyDay, DutyEntry, Failure, FieldInfo, NoticeResult, NoticeTemplates, RecordInfo, RegisterInfo, RegistersInfo, Reply, RosterFilled, SelectedRecord, Todo, TodoItem } from './contract';
import { el, replace, uid } from './dom';
import { uiTextFor } from './text';
import { LANGS, type Lang } from '../domain/types';
import { bootText, hush, tell } from './feedback';
import { cardHeading, cardTitle, cardTone, deadlineLine, hasLifecycle } from './cards';
import { canImport, importPanel, importWords } from './importPanel';
import {
  actionErrors,
  actionFields,
  canFillRoster,
  clientNow,
  defaultValues,
  displayTime,
  dutyPayload,
  entryErrors,
  failureMessage,
  formFields,
  noticeTarget,
  offsetOf,
  optionText,
  RawValue,
  recordActions,
  rosterMessage,
  safeUrl,
  say,
  splitLater,
  stateLabel,
  toPayload,
} from './forms';
import { openEdit } from './edit';
import { loadPickers, officerPicker, pickerControl } from './pickers';
import { flush, isPhone, queued, sendOrKeep } from './phone';
import { timelineOf } from './timeline';
import { attachmentsOf, photoChooser } from './attachments';

interface Session {
  info: RegistersInfo;
  offset: string;
  loadedAt: number;
}
let session: Session;

const T = (key: string, params?: Record<string, string | number>): string => say(session.info.text, key, params);
const nowMs = (): number => clientNow(session.info.now, session.loadedAt, Date.now());
const nowIso = (): string => new Date(nowMs()).toISOString();
const checkCtx = () => ({ nowMs: nowMs(), lang: session.info.lang });

// ---- field controls -------------------------------------------------------------------------

function control(field: FieldInfo, id: string): HTMLElement {
  const base = { id, name: field.key, 'data-field': field.key };
  const picked = pickerControl(field, base, T);
  if (picked) return picked;
  switch (field.type) {
    case 'longtext':
      return el('textarea', { ...base, rows: '3' });
    case 'datetime':
      return el('input', { ...base, type: 'datetime-local', step: '60' });
    case 'date':
      return el('input', { ...base, type: 'date' });
    case 'number':
      return el('input', { ...base, type: 'number', step: 'any', inputmode: 'decimal' });
    case 'email':
      return el('input', { ...base, type: 'email', autocomplete: 'off' });
    case 'boolean':
      return el('input', { ...base, type: 'checkbox' });
    case 'enum':
      return el(
        'select',
        base,
        el('option', { value: '' }, T('ui.choose')),
        ...(field.options ?? []).map((o) => el('option', { value: o.value }, o.label)),
      );
    case 'list':
      return el(
        'div',
        { id, class: 'choices', 'data-field': field.key, role: 'group' },
        ...(field.options ?? []).map((o) =>
          el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: field.key, value: o.value }), o.label),
        ),
      );
    default:
      return el('input', { ...base, type: 'text', list: field.unit ? 'units' : undefined, autocomplete: 'off' });
  }
}

/** One field: label, control, a sensitivity hint, and the place its error appears. */
function fieldRow(field: FieldInfo): HTMLElement {
  const id = uid(field.key);
  const mark = field.required ? el('span', { class: 'req', title: T('ui.required_mark') }, '*') : null;
  const label = el(field.type === 'list' ? 'span' : 'label', field.type === 'list' ? { class: 'label' } : { class: 'label', for: id }, field.label, mark);
  const input = control(field, id);
  const row =
    field.type === 'boolean'
      ? el('div', { class: 'field boolean', 'data-row': field.key }, el('label', { class: 'label', for: id }, input, field.label))
      : el('div', { class: 'field', 'data-row': field.key }, label, input);
  if (field.sensitive) row.appendChild(el('p', { class: 'hint sensitive' }, T('ui.sensitive')));
  row.appendChild(el('p', { class: 'error', 'data-error-for': field.key, role: 'alert' }));
  return row;
}

function readRaw(form: HTMLFormElement, fields: FieldInfo[]): Record<string, RawValue> {
  const raw: Record<string, RawValue> = {};
  for (const f of fields) {
    if (f.type === 'list') {
      raw[f.key] = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${f.key}"]:checked`)).map((i) => i.value);
      continue;
    }
    const input = form.querySelector<HTMLInputElement>(`[name="${f.key}"]`);
    raw[f.key] = f.type === 'boolean' ? Boolean(input?.checked) : input?.value ?? '';
  }
  return raw;
}

function setValues(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    const input = form.querySelector<HTMLInputElement>(`[name="${key}"]`);
    if (input) input.value = value;
  }
}

/** Shows errors beside their fields; errors for fields the form lacks are returned for the message line. */
function showErrors(scope: HTMLElement, errors: Record<string, string>): string[] {
  const shown = new Set<string>();
  scope.querySelectorAll<HTMLElement>('[data-error-for]').forEach((node) => {
    const key = node.dataset.errorFor ?? '';
    node.textContent = errors[key] ?? '';
    scope.querySelector(`[data-row="${key}"]`)?.classList.toggle('invalid', key in errors);
    if (key in errors) shown.add(key);
  });
  return Object.entries(errors)
    .filter(([key]) => !shown.has(key))
    .map(([key, msg]) => `${key}: ${msg}`);
}

function focusFirstError(scope: HTMLElement): void {
  scope.querySelectorAll<HTMLDetailsElement>('details').forEach((d) => {
    if (d.querySelector('.invalid')) d.open = true;
  });
  scope.querySelector<HTMLElement>('.invalid input, .invalid select, .invalid textarea')?.focus();
}

/**
 * The sidebar runs the server's own schema before sending, so a clerk sees the same message sooner;
 * the server checks again and stays the authority. Tests switch the early check off to prove it.
 */
const clientChecks = (form: HTMLFormElement): boolean => form.dataset.clientCheck !== 'off';

function setBusy(button: HTMLButtonElement, busy: boolean, label: string): void {
  button.disabled = busy;
  button.textContent = busy ? T('ui.saving') : label;
}

// ---- entry form -----------------------------------------------------------------------------

function entryForm(reg: RegisterInfo, onSaved: () => void): HTMLElement {
  const fields = formFields(reg);
  const submit = el('button', { type: 'submit', class: 'primary', 'data-testid': 'submit' }, T('ui.submit'));
  const message = el('p', { class: 'message', 'data-testid': 'message', role: 'alert' });
  const result = el('p', { class: 'result', 'data-testid': 'result', role: 'status' });
  const { now, later } = splitLater(reg, fields);
  const more = later.length ? el('details', { class: 'more' }, el('summary', {}, T('ui.more')), ...later.map(fieldRow)) : null;
  const form = el('form', { 'data-testid': 'form', 'data-register': reg.key, novalidate: true }, ...now.map(fieldRow), more, submit, message);
  const resetForm = () => {
    form.reset();
    setValues(form, defaultValues(fields, nowIso(), session.offset));
  };
  resetForm();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void saveEntry(reg, form, fields, { submit, message, result }, () => {
      resetForm();
      void loadPickers();
      onSaved();
    });
  });
  return el('section', { class: 'entry' }, el('h2', {}, T('ui.new_record')), form, result);
}

interface Outputs {
  submit: HTMLButtonElement;
  message: HTMLElement;
  result: HTMLElement;
}

async function saveEntry(reg: RegisterInfo, form: HTMLFormElement, fields: FieldInfo[], out: Outputs, onSaved: () => void): Promise<void> {
  out.message.textContent = '';
  out.result.textContent = '';
  const payload = toPayload(fields, readRaw(form, fields), session.offset);
  const errors = clientChecks(form) ? entryErrors(reg.key, payload, checkCtx()) : {};
  if (Object.keys(errors).length) {
    showErrors(form, errors);
    out.message.textContent = T('err.invalid');
    focusFirstError(form);
    return;
  }
  showErrors(form, {});
  setBusy(out.submit, true, T('ui.submit'));
  try {
    // On the phone a form goes with a client id, and is kept on the phone when there is no connection.
    const reply = isPhone() ? await sendOrKeep('record', reg.key, payload) as Reply<{ id: string }> | 'kept' : await call<Reply<{ id: string; version: number; record: RecordInfo }>>('createRecord', reg.key, payload);
    if (reply === 'kept') {
      out.result.textContent = T('phone.kept');
      showOutbox();
      onSaved();
    } else if (reply.ok) {
      out.result.textContent = T('ui.saved', { id: reply.id });
      out.result.dataset.id = reply.id;
      onSaved();
    } else {
      const rest = showErrors(form, reply.fieldErrors ?? {});
      out.message.textContent = [failureMessage(reply, session.info.text), ...rest].join(' ');
      focusFirstError(form);
    }
  } catch (e) {
    out.message.textContent = T('err.network', { message: errorText(e) });
  } finally {
    setBusy(out.submit, false, T('ui.submit'));
  }
}

// ---- records and actions --------------------------------------------------------------------

/** Registers whose records have notices: those with notice links, and the household change list. */
const hasNotices = (reg: RegisterInfo): boolean => reg.key === 'household_changes' || reg.fields.some((f) => f.key === 'doc_url');

function recordsSection(reg: RegisterInfo): { node: HTMLElement; reload: () => void } {
  const openOnly = el('input', { type: 'checkbox', 'data-testid': 'open-only', checked: true });
  const search = el('input', { type: 'search', placeholder: T('ui.search'), 'data-testid': 'search' });
  const refresh = el('button', { type: 'button', class: 'link' }, T('ui.refresh'));
  const list = el('ul', { class: 'records', 'data-testid': 'records' });
  const status = el('p', { class: 'message', 'data-testid': 'records-message', role: 'status' });
  // An action's result stays here until the next action; reloading the list leaves it alone.
  const feedback = el('p', { class: 'message', 'data-testid': 'records-feedback', role: 'status' });
  const reload = () => void loadRecords(reg, list, status, feedback, { open: hasLifecycle(reg) && openOnly.checked, text: search.value.trim() }, reload);
  openOnly.addEventListener('change', reload);
  search.addEventListener('change', reload);
  refresh.addEventListener('click', reload);
  const tools = el('div', { class: 'tools' }, hasLifecycle(reg) ? el('label', { class: 'choice' }, openOnly, T('ui.open_only')) : null, search, refresh);
  return { node: el('section', { class: 'list' }, el('h2', {}, T('ui.records')), tools, feedback, status, list), reload };
}

async function loadRecords(reg: RegisterInfo, list: HTMLElement, status: HTMLElement, feedback: HTMLElement, query: { open: boolean; text: string }, reload: () => void): Promise<void> {
  tell(status, T('ui.loading'), 'info');
  try {
    const reply = await call<Reply<{ records: RecordInfo[] }>>('findRecords', reg.key, { open: query.open, limit: 20, text: query.text || undefined });
    if (!reply.ok) return tell(status, failureMessage(reply, session.info.text));
    tell(status, reply.records.length ? '' : T('ui.no_records'), 'info');
    replace(list, ...reply.records.map((rec) => recordCard(reg, rec, feedback, reload)));
  } catch (e) {
    tell(status, T('err.network', { message: errorText(e) }));
  }
}

function recordCard(reg: RegisterInfo, rec: RecordInfo, status: HTMLElement, reload: () => void): HTMLElement {
  const slot = el('div', { class: 'slot' });
  const buttons = recordActions(reg, rec).map((action) => {
    const b = el('button', { type: 'button', class: action.penalty ? 'penalty' : '', 'data-action': action.key, title: action.penalty ? T('ui.penalty') : undefined }, action.label);
    b.addEventListener('click', () => replace(slot, actionForm(reg, rec, action, slot, status, reload)));
    return b;
  });
  if (reg.canEdit) buttons.push(editButton(reg, rec, slot, status, reload));
  if (hasNotices(reg)) {
    const b = el('button', { type: 'button', class: 'link', 'data-action': 'notice' }, T('notice.button'));
    b.addEventListener('click', () => void openNotice(reg, rec, slot));
    buttons.push(b);
  }
  const state = stateLabel(reg, rec.state, session.info.text);
  return el(
    'li',
    { class: `record tone-${cardTone(rec)}`, 'data-id': rec.id },
    el('div', { class: 'head' }, el('strong', {}, cardHeading(rec)), state ? el('span', { class: 'state' }, state) : null, el('span', { class: 'time' }, displayTime(rec.at, session.offset))),
    cardTitle(rec) ? el('div', { class: 'title' }, cardTitle(rec)) : null,
    deadlineLine(rec, session.offset, (at) => T('card.due', { at })),
    ...historyOf(reg, rec),
    attachmentsOf(reg, rec, { T, text: session.info.text, offset: session.offset }),
    timelineOf(reg, rec, { T, text: session.info.text, offset: session.offset }),
    buttons.length ? el('div', { class: 'actions' }, ...buttons) : null,
    slot,
  );
}

/** 编辑: the record's own fields in a form in the card (src/ui/edit.ts), with the sidebar's field rows and checks. */
function editButton(reg: RegisterInfo, rec: RecordInfo, slot: HTMLElement, status: HTMLElement, reload: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'link', 'data-action': 'edit' }, T('edit.button'));
  const kit = { T, text: session.info.text, offset: session.offset, checkCtx, fieldRow, readRaw, showErrors, focusFirstError, setBusy, clientChecks };
  const saved = () => {
    void loadPickers();
    reload();
  };
  b.addEventListener('click', () => void openEdit(reg, rec, slot, status, saved, kit));
  return b;
}

/** Fields that keep a record's story (class changes, reasons for skipping a step), shown folded under the card. */
const HISTORY_FIELDS = ['class_history', 'skip_reasons'];
function historyOf(reg: RegisterInfo, rec: RecordInfo): HTMLElement[] {
  return HISTORY_FIELDS.filter((k) => typeof rec.fields[k] === 'string' && rec.fields[k] !== '').map((k) =>
    el('details', { class: 'more', 'data-history': k }, el('summary', {}, reg.fields.find((f) => f.key === k)?.label ?? k), el('div', { class: 'title hint' }, String(rec.fields[k]))),
  );
}

function actionForm(reg: RegisterInfo, rec: RecordInfo, action: ActionInfo, slot: HTMLElement, status: HTMLElement, reload: () => void): HTMLElement {
  const at: FieldInfo = { key: 'at', type: 'datetime', label: T('ui.action_at'), past: true };
  const fields = [...actionFields(reg, action), at];
  const confirm = el('button', { type: 'submit', class: action.penalty ? 'primary penalty' : 'primary' }, T('ui.confirm'));
  const cancel = el('button', { type: 'button', class: 'link' }, T('ui.cancel'));
  const message = el('p', { class: 'message', role: 'alert' });
  const form = el(
    'form',
    { class: 'inline', 'data-action-form': action.key, novalidate: true },
    el('p', { class: 'inline-title' }, action.label),
    action.penalty ? el('p', { class: 'hint principles' }, T('ui.principles')) : null,
    ...fields.map(fieldRow),
    el('div', { class: 'buttons' }, confirm, cancel),
    message,
  );
  cancel.addEventListener('click', () => replace(slot));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void runAction(reg, rec, action, { form, fields, confirm, message, status }, () => {
      replace(slot);
      tell(status, T('ui.action_done', { action: action.label, id: rec.id || cardHeading(rec) }), 'done');
      reload();
    });
  });
  return form;
}

interface ActionParts {
  form: HTMLFormElement;
  fields: FieldInfo[];
  confirm: HTMLButtonElement;
  message: HTMLElement;
  status: HTMLElement;
}

async function runAction(reg: RegisterInfo, rec: RecordInfo, action: ActionInfo, parts: ActionParts, done: () => void): Promise<void> {
  hush(parts.status);
  const payload = toPayload(parts.fields, readRaw(parts.form, parts.fields), session.offset);
  const errors = clientChecks(parts.form) ? actionErrors(reg.key, action.key, payload, checkCtx()) : {};
  if (Object.keys(errors).length) {
    showErrors(parts.form, errors);
    focusFirstError(parts.form);
    return;
  }
  showErrors(parts.form, {});
  setBusy(parts.confirm, true, T('ui.confirm'));
  try {
    const reply = await call<Reply<{ id: string; version: number }>>('transition', reg.key, rec.id, rec.version, action.key, payload);
    if (reply.ok) return done();
    const rest = showErrors(parts.form, reply.fieldErrors ?? {});
    parts.message.textContent = [failureMessage(reply, session.info.text), ...rest].join(' ');
  } catch (e) {
    parts.message.textContent = T('err.network', { message: errorText(e) });
  } finally {
    setBusy(parts.confirm, false, T('ui.confirm'));
  }
}

// ---- notices --------------------------------------------------------------------------------

async function openNotice(reg: RegisterInfo, rec: RecordInfo, slot: HTMLElement): Promise<void> {
  const message = el('p', { class: 'message', role: 'status' });
  tell(message, T('ui.loading'), 'info');
  replace(slot, message);
  try {
    const reply = await call<Reply<NoticeTemplates>>('getNoticeOptions', reg.key, rec.id);
    if (!reply.ok) return tell(message, failureMessage(reply, session.info.text));
    if (!reply.templates.length) return tell(message, T('notice.none'), 'info');
    hush(message);
    replace(slot, noticePicker(reg, rec, reply.templates, slot), message);
  } catch (e) {
    tell(message, T('err.network', { message: errorText(e) }));
  }
}

/** Pick a template, preview it, then generate the Doc and PDF and show their links. */
function noticePicker(reg: RegisterInfo, rec: RecordInfo, templates: NoticeTemplates['templates'], slot: HTMLElement): HTMLElement {
  const select = el('select', { 'data-testid': 'notice-template', 'aria-label': T('notice.template') }, ...templates.map((t) => el('option', { value: t.key }, t.label)));
  const preview = el('button', { type: 'button', 'data-testid': 'notice-preview-button' }, T('notice.preview'));
  const generate = el('button', { type: 'button', class: 'primary', 'data-testid': 'notice-generate', disabled: true }, T('notice.generate'));
  const cancel = el('button', { type: 'button', class: 'link' }, T('ui.cancel'));
  const output = el('div', { class: 'notice-output' });
  const links = el('div', { class: 'notice-links', 'data-testid': 'notice-links' });
  const why = el('p', { class: 'hint why', 'data-testid': 'notice-why' });
  const block = (reason: string) => whyDisabled(generate, why, reason);
  block(T('notice.preview_first'));
  cancel.addEventListener('click', () => replace(slot));
  // A different template needs its own preview before it can be generated.
  select.addEventListener('change', () => {
    block(T('notice.preview_first'));
    replace(output);
    replace(links);
  });
  // A rectification notice may carry up to 2 of the record's photos; a new choice needs a new preview.
  const photos = reg.key === 'violations' && templates.some((t) => t.key === 'rectification') ? photoChooser(reg, rec, { T, text: session.info.text, offset: session.offset }, () => block(T('notice.preview_first'))) : null;
  const chosen = () => (photos && select.value === 'rectification' ? photos.chosen() : undefined);
  const showPhotos = () => photos && photos.node.classList.toggle('off', select.value !== 'rectification');
  select.addEventListener('change', showPhotos);
  showPhotos();
  preview.addEventListener('click', () => void showNotice(reg, rec, select.value, { preview, block, output }, chosen()));
  generate.addEventListener('click', () => void makeNotice(reg, rec, select.value, generate, links, chosen()));
  return el('div', { class: 'inline' }, el('p', { class: 'inline-title' }, T('notice.template')), select, photos?.node, el('div', { class: 'buttons' }, preview, generate, cancel), why, output, links);
}

/** 生成 disabled says why in words beside it, not only in a tooltip; '' enables it. */
function whyDisabled(generate: HTMLButtonElement, why: HTMLElement, reason: string): void {
  generate.disabled = reason !== '';
  why.textContent = reason;
  if (reason) generate.title = reason;
  else generate.removeAttribute('title');
}

async function showNotice(reg: RegisterInfo, rec: RecordInfo, template: string, ui: { preview: HTMLButtonElement; block: (reason: string) => void; output: HTMLElement }, photos?: string[]): Promise<void> {
  setBusy(ui.preview, true, T('notice.preview'));
  try {
    const reply = await call<Reply<{ previewHtml: string; warnings?: string[] }>>('previewNotice', reg.key, rec.id, template, ...(photos ? [photos] : []));
    if (!reply.ok) {
      replace(ui.output, el('p', { class: 'message', 'data-tone': 'error', role: 'alert' }, noticeFailure(reply)));
      return ui.block(T('notice.preview_refused'));
    }
    // 文书模板 rows the notice could not use (it printed the built-in text there): amber, above the preview.
    const warnings = (reply.warnings ?? []).map((w) => el('p', { class: 'hint sensitive', 'data-testid': 'notice-warning' }, w));
    replace(ui.output, ...warnings, fullSizeButton(reg, rec, template), noticePreview(reply.previewHtml));
    ui.block('');
  } catch (e) {
    replace(ui.output, el('p', { class: 'message', 'data-tone': 'error' }, T('err.network', { message: errorText(e) })));
  } finally {
    setBusy(ui.preview, false, T('notice.preview'));
  }
}

/** The same preview full-size in a modal dialog Google draws over the sheet (the server renders it again and checks as for the preview). */
function fullSizeButton(reg: RegisterInfo, rec: RecordInfo, template: string): HTMLElement {
  const button = el('button', { type: 'button', class: 'link', 'data-testid': 'notice-fullscreen' }, T('notice.fullscreen'));
  const message = el('p', { class: 'message', role: 'alert' });
  button.addEventListener('click', () => {
    void (async () => {
      hush(message);
      setBusy(button, true, T('notice.fullscreen'));
      try {
        const reply = await call<Reply<object>>('showNoticeDialog', reg.key, rec.id, template);
        if (!reply.ok) tell(message, noticeFailure(reply));
      } catch (e) {
        tell(message, T('err.network', { message: errorText(e) }));
      } finally {
        setBusy(button, false, T('notice.fullscreen'));
      }
    })();
  });
  return el('div', { class: 'fullsize' }, button, message);
}

/** A notice refused for a missing detail names it (e.g. the rectification deadline). */
const noticeFailure = (reply: Failure): string => [failureMessage(reply, session.info.text), ...Object.values(reply.fieldErrors ?? {}).filter((m) => m !== reply.message)].join(' ');

async function makeNotice(reg: RegisterInfo, rec: RecordInfo, template: string, button: HTMLButtonElement, links: HTMLElement, photos?: string[]): Promise<void> {
  setBusy(button, true, T('notice.generate'));
  try {
    const reply = await call<Reply<NoticeResult>>('generateNotice', reg.key, rec.id, template, ...(photos ? [photos] : []));
    if (!reply.ok) return void replace(links, el('p', { class: 'message', 'data-tone': 'error', role: 'alert' }, noticeFailure(reply)));
    replace(links, noticeLink(reply.docUrl, T('notice.open_doc')), noticeLink(reply.pdfUrl, T('notice.open_pdf')));
  } catch (e) {
    replace(links, el('p', { class: 'message', 'data-tone': 'error' }, T('err.network', { message: errorText(e) })));
  } finally {
    setBusy(button, false, T('notice.generate'));
  }
}

/** The notice's own HTML goes into a sandboxed frame with no scripts, never into this page. */
function noticePreview(html: string): HTMLElement {
  const frame = el('iframe', { class: 'preview', sandbox: '', title: T('notice.preview'), 'data-testid': 'notice-preview' });
  frame.setAttribute('srcdoc', html ?? '');
  return frame;
}

function noticeLink(url: string, label: string): HTMLElement | null {
  if (!url) return null;
  const safe = safeUrl(url);
  return safe ? el('p', {}, el('a', { href: safe, target: '_blank', rel: 'noopener noreferrer' }, label)) : el('p', { class: 'hint' }, `${label}: ${url}`);
}

/** The row selected in the sheet: say which record it is and open its notices straight away. */
function selectedSection(reg: RegisterInfo, id: string): HTMLElement {
  const line = el('p', { class: 'hint', 'data-testid': 'selected-line' }, T('ui.loading'));
  const slot = el('div', { class: 'slot' });
  void openSelected(reg, id, line, slot);
  return el('section', { class: 'selected', 'data-testid': 'selected-record', 'data-id': id }, el('h2', {}, T('notice.selected_title')), line, slot);
}

async function openSelected(reg: RegisterInfo, id: string, line: HTMLElement, slot: HTMLElement): Promise<void> {
  try {
    const reply = await call<Reply<{ record: RecordInfo }>>('getRecord', reg.key, id);
    if (!reply.ok) return tell(line, failureMessage(reply, session.info.text));
    line.textContent = T('notice.selected', { id, title: reply.record.title || reg.label });
    await openNotice(reg, reply.record, slot);
  } catch (e) {
    line.textContent = T('err.network', { message: errorText(e) });
  }
}

// ---- duty log -------------------------------------------------------------------------------

function dutyPanel(reg: RegisterInfo): HTMLElement {
  const kindField = reg.fields.find((f) => f.key === 'kind');
  const entries = el('ol', { class: 'duty-entries', 'data-testid': 'duty-entries' });
  const status = el('p', { class: 'message', role: 'status', 'data-testid': 'duty-message' });
  const signoff = el('button', { type: 'button', class: 'primary', 'data-testid': 'signoff', hidden: true }, T('duty.signoff'));
  const signoffMessage = el('p', { class: 'message', role: 'status', 'data-testid': 'signoff-message' });
  const reload = () => void loadDuty(kindField, entries, status, signoff);
  // The server writes what the sign-off covers; the supervisor only clicks.
  signoff.addEventListener('click', () => void appendDuty({ kind: 'signoff' }, signoffMessage, null, reload, T('duty.signed_off')));
  const form = dutyForm(kindField, reload);
  reload();
  return el(
    'section',
    { class: 'duty' },
    el('h2', {}, T('duty.title')),
    el('p', { class: 'hint' }, T('duty.append_only')),
    form,
    el('h2', {}, T('duty.entries')),
    status,
    entries,
    signoff,
    signoffMessage,
    canFillRoster(session.info.user.roles) ? rosterSection() : null,
  );
}

/** Supervisors fill next month's roster in one click; the server picks the month and never overwrites one. */
function rosterSection(): HTMLElement {
  const button = el('button', { type: 'button', 'data-testid': 'roster-fill' }, T('roster.fill'));
  const result = el('p', { class: 'message', role: 'status', 'data-testid': 'roster-message' });
  button.addEventListener('click', () => void fillNextRoster(button, result));
  return el('section', { class: 'roster' }, el('h2', {}, T('roster.title')), el('p', { class: 'hint' }, T('roster.hint')), button, result, swapForm());
}

/** A supervisor records a shift swap: the roster row then names the new officer, who it replaced and who approved. */
function swapForm(): HTMLElement {
  const shifts = session.info.registers.find((r) => r.key === 'roster')?.fields.find((f) => f.key === 'shift')?.options ?? [];
  const date = el('input', { type: 'date', name: 'swap_date', required: true });
  const shift = el('select', { name: 'swap_shift' }, ...shifts.map((o) => el('option', { value: o.value }, o.label)));
  const officer = el('input', { type: 'text', name: 'swap_officer', required: true });
  const submit = el('button', { type: 'submit', 'data-testid': 'roster-swap' }, T('roster.swap_do'));
  const result = el('p', { class: 'message', role: 'status', 'data-testid': 'swap-message' });
  const row = (label: string, input: HTMLElement) => el('label', { class: 'field' }, el('span', { class: 'label' }, label), input);
  const form = el('form', { class: 'inline', novalidate: true }, row(T('roster.swap_date'), date), row(T('roster.swap_shift'), shift), row(T('roster.swap_officer'), officer), submit, result);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      result.textContent = '';
      setBusy(submit, true, T('roster.swap_do'));
      try {
        const reply = await call<Reply<{ date: string; shift: string; officer: string; swappedFrom: string; approvedBy: string }>>('swapShift', date.value, shift.value, officer.value.trim());
        result.className = reply.ok ? 'result' : 'message';
        result.textContent = reply.ok
          ? T('roster.swapped', { date: reply.date, shift: shifts.find((o) => o.value === reply.shift)?.label ?? reply.shift, from: reply.swappedFrom, to: reply.officer, by: reply.approvedBy })
          : [failureMessage(reply, session.info.text), ...Object.values(reply.fieldErrors ?? {}).filter((m) => m !== reply.message)].join(' ');
      } catch (e) {
        result.className = 'message';
        result.textContent = T('err.network', { message: errorText(e) });
      } finally {
        setBusy(submit, false, T('roster.swap_do'));
      }
    })();
  });
  return el('details', { class: 'more', 'data-testid': 'swap' }, el('summary', {}, T('roster.swap')), form);
}

async function fillNextRoster(button: HTMLButtonElement, result: HTMLElement): Promise<void> {
  result.textContent = '';
  setBusy(button, true, T('roster.fill'));
  try {
    const reply = await call<Reply<RosterFilled>>('fillRoster');
    result.className = reply.ok ? 'result' : 'message';
    result.textContent = rosterMessage(reply, session.info.text);
  } catch (e) {
    result.className = 'message';
    result.textContent = T('err.network', { message: errorText(e) });
  } finally {
    setBusy(button, false, T('roster.fill'));
  }
}

function dutyForm(kindField: FieldInfo | undefined, reload: () => void): HTMLFormElement {
  const kinds = (kindField?.options ?? []).filter((o) => o.value !== 'signoff');
  const extra = (key: string, label: string, input: HTMLElement, kind: string, required = false) =>
    el(
      'div',
      { class: 'field', 'data-row': key, 'data-kind': kind, hidden: true },
      el('label', { class: 'label', for: input.id }, label, required ? el('span', { class: 'req' }, '*') : null),
      input,
      el('p', { class: 'error', 'data-error-for': key }),
    );
  const kind = el('select', { id: uid('kind'), name: 'kind' }, ...kinds.map((o) => el('option', { value: o.value }, o.label)));
  const text = el('textarea', { id: uid('text'), name: 'text', rows: '3' });
  const corrects = el('input', { id: uid('corrects'), name: 'corrects', type: 'number', min: '1', step: '1' });
  const incoming = officerPicker(uid('incoming'), T) ?? el('input', { id: uid('incoming'), name: 'incoming', type: 'text' });
  const openItems = el('textarea', { id: uid('open'), name: 'openItems', rows: '2' });
  const submit = el('button', { type: 'submit', class: 'primary' }, T('duty.add'));
  const message = el('p', { class: 'message', role: 'alert', 'data-testid': 'duty-form-message' });
  const form = el(
    'form',
    { 'data-testid': 'duty-form', novalidate: true },
    el('div', { class: 'field' }, el('label', { class: 'label', for: kind.id }, T('duty.kind')), kind),
    el('div', { class: 'field', 'data-row': 'text' }, el('label', { class: 'label', for: text.id }, T('duty.text')), text, el('p', { class: 'error', 'data-error-for': 'text' })),
    extra('corrects', T('duty.corrects'), corrects, 'correction', true),
    extra('incoming', T('duty.incoming'), incoming, 'handover', true),
    extra('openItems', T('duty.open_items'), openItems, 'handover'),
    submit,
    message,
  );
  const showExtras = () => form.querySelectorAll<HTMLElement>('[data-kind]').forEach((n) => (n.hidden = n.dataset.kind !== kind.value));
  kind.addEventListener('change', showExtras);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const { payload, errors } = dutyPayload({ kind: kind.value, text: text.value, corrects: corrects.value, incoming: incoming.value, openItems: openItems.value }, checkCtx());
    showErrors(form, errors);
    hush(message);
    if (Object.keys(errors).length) return;
    void appendDuty(
      payload,
      message,
      form,
      () => {
        form.reset();
        showExtras();
        reload();
      },
      T('duty.added'),
    );
  });
  return form;
}

/** Appends an entry; its result (`doneText`, or the refusal in red) stays on `status` until the next entry. */
async function appendDuty(entry: Record<string, string | number>, status: HTMLElement, form: HTMLFormElement | null, done: () => void, doneText: string): Promise<void> {
  hush(status);
  try {
    const reply = isPhone() ? await sendOrKeep('duty', 'duty_log', entry) as Reply<{ seq?: number }> | 'kept' : await call<Reply<{ seq?: number }>>('appendDutyLog', entry);
    if (reply === 'kept') {
      tell(status, T('phone.kept'), 'done');
      showOutbox();
      return done();
    }
    if (!reply.ok) {
      const rest = form ? showErrors(form, reply.fieldErrors ?? {}) : Object.values(reply.fieldErrors ?? {});
      return tell(status, [failureMessage(reply, session.info.text), ...rest].join(' '));
    }
    tell(status, reply.seq ? `${doneText}（#${reply.seq}）` : doneText, 'done');
    done();
  } catch (e) {
    tell(status, T('err.network', { message: errorText(e) }));
  }
}

async function loadDuty(kindField: FieldInfo | undefined, list: HTMLElement, status: HTMLElement, signoff: HTMLElement): Promise<void> {
  tell(status, T('ui.loading'), 'info');
  try {
    const reply = await call<Reply<DutyDay>>('getDutyDay');
    if (!reply.ok) return tell(status, failureMessage(reply, session.info.text));
    tell(status, reply.entries.length ? '' : T('duty.no_entries'), 'info');
    replace(list, ...reply.entries.map((e) => dutyLine(kindField, e)));
    signoff.hidden = !reply.canSignOff;
  } catch (e) {
    tell(status, T('err.network', { message: errorText(e) }));
  }
}

function dutyLine(kindField: FieldInfo | undefined, e: DutyEntry): HTMLElement {
  const corrects = e.corrects ? ` → #${e.corrects}` : '';
  return el(
    'li',
    { class: `duty-entry kind-${e.kind}`, value: String(e.seq) },
    el('div', { class: 'head' }, el('strong', {}, `#${e.seq}`), el('span', { class: 'time' }, displayTime(e.at, session.offset)), el('span', {}, e.officer), el('span', { class: 'state' }, optionText(kindField, e.kind) + corrects)),
    el('div', { class: 'title' }, e.text),
  );
}

// ---- the page -------------------------------------------------------------------------------

/** A register's panel; `selectedId` is a record selected in the sheet, whose notices open first. */
function registerPanel(reg: RegisterInfo, selectedId?: string): HTMLElement {
  if (reg.key === 'duty_log') return dutyPanel(reg);
  const records = recordsSection(reg);
  const principles = reg.key === 'violations' ? el('p', { class: 'hint principles', 'data-testid': 'principles' }, T('ui.principles')) : null;
  const entry = reg.systemOnly
    ? el('p', { class: 'hint' }, T('ui.system_only'))
    : reg.canCreate === false
      ? el('p', { class: 'hint', 'data-testid': 'read-only' }, T('ui.read_only'))
      : entryForm(reg, records.reload);
  records.reload();
  const selected = selectedId ? selectedSection(reg, selectedId) : null;
  return el('div', { class: 'panel', 'data-register': reg.key }, selected, principles, entry, records.node);
}

const TODO = '__todo';
const IMPORT = '__import';

/** The to-do view: what is late (red) or due today (amber), latest first, each with the one step that clears it. */
function todoPanel(goTo: (register: string) => void): HTMLElement {
  const list = el('ul', { class: 'records', 'data-testid': 'todo' });
  const status = el('p', { class: 'message', 'data-testid': 'todo-message', role: 'status' });
  const feedback = el('p', { class: 'message', 'data-testid': 'todo-feedback', role: 'status' });
  const summary = el('p', { class: 'hint', 'data-testid': 'todo-summary' });
  const refresh = el('button', { type: 'button', class: 'link' }, T('ui.refresh'));
  const reload = async () => {
    tell(status, T('ui.loading'), 'info');
    try {
      const reply = await call<Reply<Todo>>('getTodo');
      if (!reply.ok) return tell(status, failureMessage(reply, session.info.text));
      tell(status, reply.items.length ? '' : T('ui.todo_empty'), 'info');
      summary.textContent = T('ui.todo_summary', { late: reply.overdue, soon: reply.items.length - reply.overdue });
      replace(list, ...reply.items.map((item) => todoCard(item, goTo, () => void reload(), feedback)));
    } catch (e) {
      tell(status, T('err.network', { message: errorText(e) }));
    }
  };
  refresh.addEventListener('click', () => void reload());
  void reload();
  return el('section', { class: 'list todo' }, el('h2', {}, T('ui.todo')), el('div', { class: 'tools' }, summary, refresh), feedback, status, list);
}

function todoCard(item: TodoItem, goTo: (register: string) => void, reload: () => void, feedback: HTMLElement): HTMLElement {
  const slot = el('div', { class: 'slot' });
  const reg = session.info.registers.find((r) => r.key === item.register);
  const clear = item.clear;
  let button: HTMLButtonElement | null = null;
  if (clear.kind === 'action' && reg) {
    const label = reg.actions.find((a) => a.key === clear.action)?.label ?? clear.action;
    button = el('button', { type: 'button', 'data-action': clear.action }, label);
    button.addEventListener('click', () => void openTodoAction(reg, item.id, clear.action, slot, reload, feedback));
  } else if (clear.kind !== 'none') {
    const target = clear.kind === 'care' ? 'care_log' : 'duty_log';
    button = el('button', { type: 'button', 'data-go': target }, T('ui.todo_go'));
    button.addEventListener('click', () => goTo(target));
  }
  return el(
    'li',
    { class: `record tone-${item.tone}`, 'data-id': item.id, 'data-rule': item.rule },
    el('div', { class: 'head' }, el('strong', { class: 'when' }, item.when), el('span', {}, item.label || item.id), item.unit ? el('span', { class: 'time' }, item.unit) : null),
    el('div', { class: 'title' }, item.what),
    item.title && item.title !== item.unit ? el('div', { class: 'hint' }, item.title) : null,
    button ? el('div', { class: 'actions' }, button) : null,
    slot,
  );
}

/** Loads the record fresh (its version and what this user may do now), then shows the action's form in place. */
/** The action's result goes to the panel's `feedback`, which outlives the list's refresh. */
async function openTodoAction(reg: RegisterInfo, id: string, action: string, slot: HTMLElement, reload: () => void, feedback: HTMLElement): Promise<void> {
  const status = el('p', { class: 'message', role: 'alert' });
  replace(slot, status);
  tell(status, T('ui.loading'), 'info');
  try {
    const reply = await call<Reply<{ record: RecordInfo }>>('getRecord', reg.key, id);
    if (!reply.ok) return tell(status, failureMessage(reply, session.info.text));
    const act = recordActions(reg, reply.record).find((a) => a.key === action);
    // Not offered now: either this user may never run it, or the record has moved on since the list was read.
    if (!act) return tell(status, T(reg.actions.find((a) => a.key === action)?.allowed === false ? 'err.forbidden' : 'err.precondition'));
    replace(slot, actionForm(reg, reply.record, act, slot, feedback, reload));
  } catch (e) {
    tell(status, T('err.network', { message: errorText(e) }));
  }
}

/** The picker and the panel: on the record selected in the sheet if any, else the to-do list first. */
function header(info: RegistersInfo, panel: HTMLElement, selected: SelectedRecord['record']): HTMLElement {
  const picker = el('select', { id: 'register', 'data-testid': 'register' }, el('option', { value: TODO }, T('ui.todo')), ...info.registers.map((r) => el('option', { value: r.key }, r.label)));
  if (canImport(info)) picker.append(el('option', { value: IMPORT }, importWords(info.lang).title));
  const goTo = (register: string) => {
    picker.value = register;
    show();
  };
  const show = (selectedId?: string) => {
    if (picker.value === TODO) return void replace(panel, todoPanel(goTo));
    if (picker.value === IMPORT) return void replace(panel, importPanel(info));
    const reg = info.registers.find((r) => r.key === picker.value);
    if (reg) replace(panel, registerPanel(reg, selectedId));
  };
  picker.addEventListener('change', () => show());
  const target = noticeTarget(selected, info.registers);
  // The menu's 导入旧台账 appends <meta name="er-view" content="import"> to the page.
  const asked = document.querySelector('meta[name="er-view"]')?.getAttribute('content');
  picker.value = asked === 'import' && canImport(info) ? IMPORT : target?.register.key ?? TODO;
  show(picker.value === IMPORT ? undefined : target?.id);
  return el(
    'header',
    {},
    el('p', { class: 'user', 'data-testid': 'user' }, T('ui.user', { name: info.user.name || info.user.email })),
    el('label', { class: 'label', for: 'register' }, T('ui.register')),
    picker,
  );
}

/** The record on the row selected in the sheet; a failure here only means the sidebar opens as usual. */
async function selectedRecord(): Promise<SelectedRecord['record']> {
  try {
    const reply = await call<Reply<SelectedRecord>>('getSelectedRecord');
    return reply.ok ? reply.record : null;
  } catch {
    return null;
  }
}

async function boot(): Promise<void> {
  const app = document.getElementById('app') ?? document.body;
  const status = el('p', { class: 'message', 'data-testid': 'status' });
  tell(status, bootText(typeof navigator === 'undefined' ? undefined : navigator.language), 'info');
  replace(app, status);
  try {
    const phone = isPhone();
    // A phone has no selected row; it is laid out for touch (html.mobile) and offers only its role's registers.
    if (phone) document.documentElement.classList.add('mobile');
    const [info, selected] = await Promise.all([call<Reply<RegistersInfo>>('getRegisters', ...(phone ? ['mobile'] : [])), phone ? null : selectedRecord(), loadPickers()]);
    if (!info.ok) return tell(status, failureMessage(info, {}));
    // The strings are the sidebar's own; the server only says which language the office uses.
    info.text = uiTextFor((LANGS as readonly string[]).includes(info.lang) ? (info.lang as Lang) : 'zh-Hans');
    session = { info, offset: offsetOf(info.now), loadedAt: Date.now() };
    document.documentElement.lang = info.lang;
    document.title = T('ui.title');
    const units = el('datalist', { id: 'units' }, ...info.units.map((u) => el('option', { value: u })));
    const panel = el('main', { id: 'panel' });
    if (info.setUp === false) return void replace(app, officeForm(info) ?? el('p', { class: 'message', 'data-testid': 'status' }, T('err.not_setup')));
    replace(app, officeForm(info), header(info, panel, selected), outboxNode(), units, panel);
    if (phone) watchOutbox();
  } catch (e) {
    tell(status, `${errorText(e)}`);
  }
}

/**
 * Setup's questions: before setup, the estate and the office phone and address; after it, whichever of
 * those a notice still lacks (the manager fills them in, others are told). Saved by setupWorkbook.
 */
function officeForm(info: RegistersInfo): HTMLElement | null {
  const o = info.office;
  if (!o) return null;
  const note = el('p', { class: 'message', 'data-testid': 'office-note' }, o.message);
  if (!o.canFill) return el('section', { class: 'office', 'data-testid': 'office-details' }, note);
  const rows = o.fields.map((f) => {
    const id = uid('office');
    return el('div', { class: 'field', 'data-row': f.key }, el('label', { for: id, class: 'label' }, f.label), el('input', { id, name: f.key, type: 'text', inputmode: f.key === 'office_phone' ? 'tel' : undefined, maxlength: '100' }), el('p', { class: 'error', 'data-error-for': f.key }));
  });
  const form = el('form', { class: 'office', 'data-testid': 'office-details' }, note, ...rows);
  const submit = el('button', { type: 'submit', class: 'primary' }, o.button);
  form.append(el('div', { class: 'buttons' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const details = Object.fromEntries(o.fields.map((f) => [f.key, (form.elements.namedItem(f.key) as HTMLInputElement).value.trim()]));
    setBusy(submit, true, o.button);
    call<Reply<object>>('setupWorkbook', info.lang, details)
      .then((reply) => {
        if (reply.ok) return void boot();
        note.textContent = [failureMessage(reply, info.text), ...showErrors(form, reply.fieldErrors ?? {})].join(' ');
      })
      .catch((e) => void (note.textContent = T('err.network', { message: errorText(e) })))
      .finally(() => setBusy(submit, false, o.button));
  });
  return form;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot());
  else void boot();
}

// ---- the phone's outbox ----
let outboxLine: HTMLElement | null = null;
/** Made on first use: the module is also loaded where there is no document. */
const outboxNode = (): HTMLElement => (outboxLine ??= el('p', { class: 'message', 'data-testid': 'outbox', role: 'status' }));

function showOutbox(text?: string): void {
  const left = queued().length;
  tell(outboxNode(), [text ?? '', left ? T('phone.waiting', { count: left }) : ''].filter(Boolean).join(' '), text && !left ? 'done' : 'info');
}

/** Kept forms are sent when the connection returns, on opening, and every half minute in case no event came. */
function watchOutbox(): void {
  const send = () =>
    void flush((sent, refused) =>
      showOutbox([sent ? T('phone.sent', { count: sent }) : '', ...refused.map((m) => T('phone.refused', { message: m }))].filter(Boolean).join(' ')),
    );
  window.addEventListener('online', send);
  setInterval(send, 30_000);
  showOutbox();
  send();
}
