// Pure helpers of the sidebar: office-time conversions, form values → payload, the server's own schema checks, labels.
import { isFormField, isValidYmd, validateAction, validateCreate, validateDutyEntry } from '../domain/schema';
import { msg } from '../domain/messages';
import { isRegisterKey, REGISTERS } from '../domain/registers';
import { LANGS, type Lang } from '../domain/types';
import type { ActionInfo, Failure, FieldInfo, RecordInfo, RegisterInfo, RosterFilled, SelectedRecord } from './contract';

/** What a form control holds: text for most fields, ticked options for a list, checked for a boolean. */
export type RawValue = string | string[] | boolean | undefined;
export type Payload = Record<string, string | number | boolean | string[]>;

const MINUTE = 60_000;

/** Fills `{name}` placeholders of a server-sent UI string; an unknown key shows as itself. */
export function say(text: Record<string, string>, key: string, params: Record<string, string | number> = {}): string {
  const template = text[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The UTC offset an ISO date-time carries, as +08:00 (Z → +00:00); the office's offset comes from the server's `now`. */
export function offsetOf(iso: string): string {
  const m = /(Z|([+-])(\d{2}):?(\d{2}))$/.exec(iso.trim());
  if (!m || m[1] === 'Z') return '+00:00';
  return `${m[2]}${m[3]}:${m[4]}`;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** A datetime-local value (office wall clock) → ISO with the office offset; null when it is not a real time. */
export function localToIso(local: string, offset: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  if (!isValidYmd(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${offset}`;
}

/** An ISO moment → the office wall clock as a datetime-local value (YYYY-MM-DDTHH:mm); '' when unreadable. */
export function isoToLocal(iso: string, offset: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetMinutes(offset) * MINUTE).toISOString().slice(0, 16);
}

/** A time for display in lists: dates stay as they are, moments show in office time without seconds. */
export function displayTime(value: string | null | undefined, offset: string): string {
  if (!value) return '';
  if (isValidYmd(value)) return value;
  const local = isoToLocal(value, offset);
  return local ? local.replace('T', ' ') : value;
}

/** The server's clock advanced by the time the page has been open: the sidebar's idea of "now". */
export function clientNow(serverNow: string, loadedAtMs: number, nowMs: number): number {
  const base = Date.parse(serverNow);
  return (Number.isNaN(base) ? nowMs : base) + Math.max(0, nowMs - loadedAtMs);
}

/** The fields a clerk fills in the entry form. */
export function formFields(reg: RegisterInfo): FieldInfo[] {
  return reg.fields.filter(isFormField);
}

/**
 * Splits the entry form: what is known when the record is made, and optional fields an action fills
 * later (a complaint's resolution, a violation's amount), which the sidebar folds away.
 */
export function splitLater(reg: RegisterInfo, fields: FieldInfo[]): { now: FieldInfo[]; later: FieldInfo[] } {
  const byActions = new Set(reg.actions.flatMap((a) => [...a.needs, ...a.accepts]));
  const later = (f: FieldInfo) => !f.required && byActions.has(f.key);
  return { now: fields.filter((f) => !later(f)), later: fields.filter(later) };
}

/** The fields an action asks for: what it needs (required) then what it accepts. */
export function actionFields(reg: RegisterInfo, action: ActionInfo): FieldInfo[] {
  const keys = [...action.needs, ...action.accepts.filter((k) => !action.needs.includes(k))];
  return keys.flatMap((key) => {
    const field = reg.fields.find((f) => f.key === key);
    return field ? [{ ...field, required: action.needs.includes(key) }] : [];
  });
}

/** Default values: a required time of something that happened starts at "now", which is usually right. */
export function defaultValues(fields: FieldInfo[], nowIso: string, offset: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) if (f.type === 'datetime' && f.required && f.past) out[f.key] = isoToLocal(nowIso, offset);
  return out;
}

/** The sidebar's clock and language: what the schema needs to judge "not in the future" and to word its messages. */
export interface CheckContext {
  nowMs: number;
  lang: string;
}

const langOf = (lang: string): Lang => ((LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'zh-Hans');

function isBlank(raw: RawValue): boolean {
  if (raw === undefined || raw === false) return true;
  if (Array.isArray(raw)) return raw.length === 0;
  return typeof raw === 'string' && raw.trim() === '';
}

/**
 * One control's value in the shape the bridge carries: a wall-clock time becomes ISO with the office
 * offset, a number input a number. What cannot be converted is sent as typed, so the schema (here and
 * on the server) names the problem rather than this function guessing.
 */
function wireValue(field: FieldInfo, raw: RawValue, offset: string): string | number | boolean | string[] {
  if (field.type === 'boolean') return raw === true;
  if (field.type === 'list') return Array.isArray(raw) ? raw : [];
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (field.type === 'datetime') return localToIso(s, offset) ?? s;
  if (field.type === 'number' && Number.isFinite(Number(s))) return Number(s);
  return s;
}

/** Form values → the payload the server gets. Blank fields are left out; a checkbox is always sent. */
export function toPayload(fields: FieldInfo[], raw: Record<string, RawValue>, offset: string): Payload {
  const payload: Payload = {};
  for (const field of fields) {
    const value = raw[field.key];
    if (field.type !== 'boolean' && isBlank(value)) continue;
    payload[field.key] = wireValue(field, value, offset);
  }
  return payload;
}

/**
 * The entry form's payload checked by the server's own zod schema (src/domain/schema.ts) with the
 * options createRecord uses; the messages are the server's. {} when it passes, or for a register this
 * bundle does not know (the server then decides).
 */
export function entryErrors(register: string, payload: Payload, ctx: CheckContext): Record<string, string> {
  if (!isRegisterKey(register)) return {};
  const v = validateCreate(REGISTERS[register], payload, new Date(ctx.nowMs), langOf(ctx.lang));
  return v.ok ? {} : v.fieldErrors;
}

/** An action's payload checked as transition checks it: what the action accepts, what it needs, and its time. */
export function actionErrors(register: string, action: string, payload: Payload, ctx: CheckContext): Record<string, string> {
  if (!isRegisterKey(register)) return {};
  const def = REGISTERS[register];
  const act = def.actions.find((a) => a.key === action);
  if (!act) return {};
  const v = validateAction(def, act, payload, new Date(ctx.nowMs), langOf(ctx.lang));
  return v.ok ? {} : v.fieldErrors;
}

/** The label of a record's state: the state field's option label, or a generic open/closed word. */
export function stateLabel(reg: RegisterInfo, state: string, text: Record<string, string>): string {
  if (!state) return '';
  const field = reg.stateField ? reg.fields.find((f) => f.key === reg.stateField) : undefined;
  const option = field?.options?.find((o) => o.value === state);
  if (option) return option.label;
  return text[`state.${state}`] ?? state;
}

/** The option label of a value, for showing enum values in lists. */
export function optionText(field: FieldInfo | undefined, value: string): string {
  return field?.options?.find((o) => o.value === value)?.label ?? value;
}

/** The actions the server says this user may take on this record now, in the register's order. */
export function recordActions(reg: RegisterInfo, rec: RecordInfo): ActionInfo[] {
  return reg.actions.filter((a) => rec.actions.includes(a.key) && a.allowed !== false);
}

/** A failure → one line for the user: the server's own message, else the generic text for its code. */
export function failureMessage(failure: Failure, text: Record<string, string>): string {
  return failure.message || text[`err.${failure.code}`] || failure.code;
}

/** The register the sidebar opens on: the first one a clerk can write into. */
export function firstWritable(registers: RegisterInfo[]): RegisterInfo | undefined {
  return registers.find((r) => !r.systemOnly && r.canCreate !== false) ?? registers[0];
}

export interface DutyInput {
  kind: string;
  text: string;
  corrects?: string;
  incoming?: string;
  openItems?: string;
}

/**
 * The duty-log form → appendDutyLog's argument; only the kind's own extras are sent. A handover names
 * the incoming officer (the server writes the handover text from it), so its own note is optional.
 */
export function dutyPayload(input: DutyInput, ctx: CheckContext): { payload: Record<string, string | number>; errors: Record<string, string> } {
  const note = input.text.trim();
  const payload: Record<string, string | number> = { kind: input.kind };
  if (note) payload.text = note;
  if (input.kind === 'handover') {
    const incoming = (input.incoming ?? '').trim();
    const openItems = (input.openItems ?? '').trim();
    if (incoming) payload.incoming = incoming;
    if (openItems) payload.openItems = openItems;
  }
  if (input.kind === 'correction') {
    const raw = (input.corrects ?? '').trim();
    if (raw) payload.corrects = /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  // The form needs the incoming officer itself, even when a note is typed.
  const v = validateDutyEntry(payload, new Date(ctx.nowMs), langOf(ctx.lang));
  const errors = v.ok ? {} : { ...v.fieldErrors };
  if (input.kind === 'handover' && !payload.incoming) errors.incoming = msg('required', langOf(ctx.lang));
  return { payload, errors };
}

/** Only web links become clickable; anything else is shown as text. */
export function safeUrl(url: string | undefined | null): string | null {
  return typeof url === 'string' && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

/** Registers whose selected row opens straight on its notices (as getSelectedRecord reports them). */
const NOTICE_REGISTERS = ['violations', 'complaints', 'household_changes'];

/** The record selected in the sheet that the sidebar should open a notice for, or null to open as usual. */
export function noticeTarget(selected: SelectedRecord['record'] | undefined, registers: RegisterInfo[]): { register: RegisterInfo; id: string } | null {
  if (!selected || !NOTICE_REGISTERS.includes(selected.register) || !selected.id) return null;
  const register = registers.find((r) => r.key === selected.register);
  return register ? { register, id: selected.id } : null;
}

/** Only a supervisor or the manager fills the roster (the server checks again). */
export const canFillRoster = (roles: readonly string[]): boolean => roles.includes('supervisor') || roles.includes('manager');

/** fillRoster's answer as one line: the month it filled and how many shifts, or why it did not. */
export function rosterMessage(reply: ({ ok: true } & RosterFilled) | Failure, text: Record<string, string>): string {
  if (!reply.ok) return failureMessage(reply, text);
  const [year, month] = reply.month.split('-');
  const filled = say(text, 'roster.filled', { year, month: String(Number(month)), count: reply.count });
  // A fill into a year with no holiday list says so, so nobody trusts a roster without holiday full days.
  return reply.warning ? `${filled}\n${reply.warning}` : filled;
}
