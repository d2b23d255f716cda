// Pure helpers of the sidebar: office-time conversions, form values → payload with the client-side checks, labels.
import type { ActionInfo, Failure, FieldInfo, RecordInfo, RegisterInfo } from './contract';

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

/** True when y-m-d (and h:mi) name a real calendar moment, so 2026-02-30 is refused. */
function realDate(y: number, mo: number, d: number, h = 0, mi = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
}

export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return Boolean(m) && realDate(Number(m![1]), Number(m![2]), Number(m![3]));
}

/** A datetime-local value (office wall clock) → ISO with the office offset; null when it is not a real time. */
export function localToIso(local: string, offset: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  if (!realDate(y, mo, d, h, mi)) return null;
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
  if (isDate(value)) return value;
  const local = isoToLocal(value, offset);
  return local ? local.replace('T', ' ') : value;
}

/** The server's clock advanced by the time the page has been open: the sidebar's idea of "now". */
export function clientNow(serverNow: string, loadedAtMs: number, nowMs: number): number {
  const base = Date.parse(serverNow);
  return (Number.isNaN(base) ? nowMs : base) + Math.max(0, nowMs - loadedAtMs);
}

/** The fields a clerk fills in the entry form: not the system's, not those set by actions. */
export function formFields(reg: RegisterInfo): FieldInfo[] {
  return reg.fields.filter((f) => !f.system && !f.stamped);
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Context {
  offset: string;
  nowMs: number;
  text: Record<string, string>;
}

type Checked = { value?: string | number | boolean | string[]; error?: string };

function isEmpty(raw: RawValue): boolean {
  if (raw === undefined || raw === false) return true;
  if (Array.isArray(raw)) return raw.length === 0;
  return typeof raw === 'string' && raw.trim() === '';
}

function checkOne(field: FieldInfo, raw: RawValue, ctx: Context): Checked {
  const err = (key: string): Checked => ({ error: say(ctx.text, key) });
  const options = (field.options ?? []).map((o) => o.value);
  if (field.type === 'boolean') return { value: raw === true };
  if (field.type === 'list') {
    const list = Array.isArray(raw) ? raw : [];
    return list.every((v) => options.includes(v)) ? { value: list } : err('err.option');
  }
  const s = typeof raw === 'string' ? raw.trim() : '';
  switch (field.type) {
    case 'number':
      return s !== '' && Number.isFinite(Number(s)) ? { value: Number(s) } : err('err.number');
    case 'email':
      return EMAIL.test(s) ? { value: s } : err('err.email');
    case 'enum':
      return options.includes(s) ? { value: s } : err('err.option');
    case 'date':
      return isDate(s) ? { value: s } : err('err.format');
    case 'datetime': {
      const iso = localToIso(s, ctx.offset);
      if (!iso) return err('err.format');
      if (field.past && Date.parse(iso) > ctx.nowMs) return err('err.future');
      return { value: iso };
    }
    default:
      return { value: s };
  }
}

/**
 * Form values → the payload the server gets, with the same checks the server makes (required, formats,
 * no future times). Blank optional fields are left out; a boolean is always sent.
 */
export function toPayload(fields: FieldInfo[], raw: Record<string, RawValue>, ctx: Context): { payload: Payload; errors: Record<string, string> } {
  const payload: Payload = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = raw[field.key];
    if (field.type !== 'boolean' && isEmpty(value)) {
      if (field.required) errors[field.key] = say(ctx.text, 'err.required');
      continue;
    }
    const checked = checkOne(field, value, ctx);
    if (checked.error) errors[field.key] = checked.error;
    else if (checked.value !== undefined) payload[field.key] = checked.value;
  }
  return { payload, errors };
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
export function dutyPayload(input: DutyInput, text: Record<string, string>): { payload: Record<string, string | number>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const note = input.text.trim();
  const payload: Record<string, string | number> = { kind: input.kind };
  if (note) payload.text = note;
  if (input.kind === 'handover') {
    const incoming = (input.incoming ?? '').trim();
    const openItems = (input.openItems ?? '').trim();
    if (incoming) payload.incoming = incoming;
    else errors.incoming = say(text, 'err.required');
    if (openItems) payload.openItems = openItems;
  } else if (!note) errors.text = say(text, 'err.required');
  if (input.kind === 'correction') {
    const raw = (input.corrects ?? '').trim();
    const seq = Number(raw);
    if (!raw) errors.corrects = say(text, 'err.required');
    else if (!Number.isInteger(seq) || seq < 1) errors.corrects = say(text, 'err.number');
    else payload.corrects = seq;
  }
  return { payload, errors };
}

/** Only web links become clickable; anything else is shown as text. */
export function safeUrl(url: string | undefined | null): string | null {
  return typeof url === 'string' && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}
