// zod schemas generated from the register definitions; the server and the sidebar validate with the same code.
// zod/mini keeps the Apps Script bundle small; the checks are the same as classic zod's.
import * as z from 'zod/mini';
import { ActionDef, FieldDef, REGISTERS, RegisterDef } from './registers';
import { MESSAGES, msg, MessageKey } from './messages';
import { FieldValue, L, Lang, Rec } from './types';

export const MAX_TEXT = 500;
export const MAX_LONGTEXT = 5000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Date-times cross the bridge as ISO 8601 with an offset (or Z), seconds optional. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * A phone number as people write one: digits with +, -, spaces or brackets (13812345678,
 * +86 138 1234 5678, (0755)8600-1234), and maybe an extension (转 123, ext 123). 3–20 digits, so
 * 110 passes and a name or "请致电" does not. The sidebar's tel input uses PHONE_INPUT_PATTERN.
 */
const PHONE = /^[+0-9(（][0-9 ()（）-]*(?:\s*(?:转|轉|ext\.?|x)\s*[0-9]{1,6})?$/i;
export const isPhone = (s: string): boolean => {
  const digits = s.replace(/(?:转|轉|ext\.?|x)\s*[0-9]{1,6}$/i, '').replace(/[^0-9]/g, '').length;
  return PHONE.test(s) && digits >= 3 && digits <= 20;
};
/** The same shape for an HTML pattern attribute (which Chromium compiles with the v flag: brackets and - escaped). */
export const PHONE_INPUT_PATTERN = '[\\+0-9\\(（][0-9 \\(\\)（）\\-]*(?:\\s*(?:转|轉|ext\\.?|x)\\s*[0-9]{1,6})?';

export function isValidYmd(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A clock reading that exists: JavaScript would take T24:00 or T23:60 as the next day or hour. */
function isValidClock(s: string): boolean {
  const [, h, m, sec = '0'] = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s) ?? [];
  const off = /([+-])(\d{2}):(\d{2})$/.exec(s);
  return Number(h) < 24 && Number(m) < 60 && Number(sec) < 60 && (!off || (Number(off[2]) <= 14 && Number(off[3]) < 60));
}

export function parseIsoDateTime(s: string): Date | null {
  if (!ISO_DATETIME.test(s) || !isValidYmd(s.slice(0, 10)) || !isValidClock(s)) return null;
  const d = new Date(s);
  return isNaN(d.getTime()) ? null : d;
}

/**
 * Before 1901 many zones kept local mean time (Shanghai +08:05:43), an offset ISO 8601 and
 * Sheets' minutes cannot carry, so such a time would not read back as typed.
 */
export const MIN_YEAR = 1901;
const inYearRange = (s: string): boolean => Number(s.slice(0, 4)) >= MIN_YEAR;

/**
 * Characters an .xlsx (XML) cannot hold — C0 controls other than tab and line feed, U+FFFE,
 * U+FFFF, lone surrogates — and the carriage return, which Sheets and browsers turn into a line
 * feed: refused, so what is saved is exactly what was typed.
 */
const UNSAVABLE = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasUnsavable = (s: string): boolean => UNSAVABLE.test(s);

interface Ctx {
  now: Date;
  lang: Lang;
}

/**
 * zod only passes custom params through for refinements, so every check's error is our message
 * key (and its params) as JSON, localised once at the end.
 */
const bad = (key: MessageKey, params: Record<string, string | number> = {}) => ({ error: () => JSON.stringify({ key, ...params }) });

function valueSchema(field: FieldDef, ctx: Ctx): z.ZodMiniType<FieldValue> {
  switch (field.type) {
    case 'text':
    case 'longtext': {
      const max = field.type === 'text' ? MAX_TEXT : MAX_LONGTEXT;
      // Sheets drops a leading apostrophe in most cells but may keep it in plain-text ones: it
      // could not read back as typed either way.
      const text = z
        .string(bad('not_text'))
        .check(z.maxLength(max, bad('too_long', { max })), z.refine((s: string) => !s.startsWith("'"), bad('leading_apostrophe')));
      return field.phone ? text.check(z.refine(isPhone, bad('not_phone'))) : text;
    }
    case 'email':
      return z.pipe(
        z.string(bad('not_email')).check(z.maxLength(MAX_TEXT, bad('too_long', { max: MAX_TEXT })), z.regex(EMAIL, bad('not_email'))),
        z.transform((s: string) => s.toLowerCase()),
      );
    case 'number':
      return z.pipe(
        z.union([z.number(), z.pipe(z.string().check(z.regex(/^-?\d+(\.\d+)?$/)), z.transform(Number))], bad('not_number')),
        z.number(bad('not_number')).check(z.refine((n: number) => Number.isFinite(n) && Math.abs(n) < 1e12, bad('not_number'))),
      );
    case 'boolean':
      return z.boolean(bad('not_boolean'));
    case 'enum':
      return z.enum(field.options as [string, ...string[]], bad('bad_option'));
    case 'list': {
      const item = z.enum(field.options as [string, ...string[]], bad('bad_list'));
      const split = z.pipe(z.string(), z.transform((s: string) => s.split(/[,，、]\s*/).filter(Boolean)));
      return z.pipe(
        z.union([z.array(z.string()), split], bad('bad_list')),
        z.pipe(
          z.array(item, bad('bad_list')).check(z.maxLength(field.options!.length, bad('bad_list'))),
          z.transform((xs: string[]) => [...new Set(xs)]),
        ),
      ).check(z.refine((xs: string[]) => !field.required || xs.length > 0, bad('required')));
    }
    case 'date':
      return z.string(bad('bad_date')).check(z.refine(isValidYmd, bad('bad_date')), z.refine(inYearRange, bad('date_range')));
    case 'datetime':
      return z.pipe(
        z.string(bad('bad_datetime')).check(z.refine((s: string) => parseIsoDateTime(s) !== null, bad('bad_datetime')), z.refine(inYearRange, bad('date_range'))),
        z.transform((s: string) => parseIsoDateTime(s) as Date),
      ).check(z.refine((d: Date) => !field.past || d.getTime() <= ctx.now.getTime(), bad('future')));
  }
}

/** Spaces alone are blank too: they would satisfy a required field while saying nothing. */
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

export type Validation = { ok: true; values: Rec } | { ok: false; fieldErrors: Record<string, string> };

export interface ValidateOptions {
  now: Date;
  lang: Lang;
  /** Fields the caller may set; anything else is refused as unknown or system-only. */
  editable: readonly FieldDef[];
  /** Enforce required fields (create), or only check what was sent (update). */
  requireAll: boolean;
  /** Extra fields that must be present (an action's needs). */
  needs?: readonly string[];
}

/** Validates a payload from the sidebar or the CLI against a register definition. */
export function validateFields(def: RegisterDef, input: unknown, opts: ValidateOptions): Validation {
  const ctx: Ctx = { now: opts.now, lang: opts.lang };
  const errors: Record<string, string> = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, fieldErrors: { _: msg('invalid_input', opts.lang) } };
  }
  const given = input as Record<string, unknown>;
  const all = new Map(def.fields.map((f) => [f.key, f] as const));
  const editable = new Map(opts.editable.map((f) => [f.key, f] as const));
  for (const key of Object.keys(given)) {
    if (!editable.has(key)) errors[key] = msg(all.has(key) || key === 'id' || key === 'version' ? 'not_editable' : 'unknown_field', opts.lang);
  }
  const values: Rec = {};
  for (const field of opts.editable) {
    const raw = given[field.key];
    const mustHave = (opts.requireAll && field.required) || opts.needs?.includes(field.key);
    if (isBlank(raw)) {
      if (mustHave) errors[field.key] = msg('required', opts.lang);
      else if (field.key in given) values[field.key] = null;
      continue;
    }
    if (typeof raw === 'string' && hasUnsavable(raw)) {
      errors[field.key] = msg('bad_chars', opts.lang);
      continue;
    }
    const r = valueSchema(field, ctx).safeParse(typeof raw === 'string' && field.type !== 'longtext' ? raw.trim() : raw);
    if (r.success) values[field.key] = r.data;
    else errors[field.key] = localiseIssue(r.error.issues[0], opts.lang);
  }
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : { ok: true, values };
}

function localiseIssue(issue: { message?: string } | undefined, lang: Lang): string {
  try {
    const { key, ...params } = JSON.parse(issue?.message ?? '') as { key: MessageKey } & Record<string, string | number>;
    if (key in MESSAGES) return msg(key, lang, params);
  } catch {
    // a zod message of its own: fall through to the generic one
  }
  return msg('invalid_input', lang);
}

/** What a clerk may set when making or editing a record: neither system columns nor what actions stamp. */
export const isFormField = (f: { system?: boolean; stamped?: boolean }): boolean => !f.system && !f.stamped;

export const formFields = (def: RegisterDef): FieldDef[] => def.fields.filter(isFormField);

/** An action's optional "when it happened": a past date-time (default: now). */
export const ACTION_AT: FieldDef = { key: 'at', type: 'datetime', label: L('发生时间', '發生時間', 'When'), past: true };

/** The fields an action takes: what it accepts, and its time. */
export const actionFields = (def: RegisterDef, act: ActionDef): FieldDef[] => [...def.fields.filter((f) => act.accepts?.includes(f.key)), ACTION_AT];

/** Checks a create payload exactly as createRecord does. */
export const validateCreate = (def: RegisterDef, input: unknown, now: Date, lang: Lang): Validation =>
  validateFields(def, input, { now, lang, editable: formFields(def), requireAll: true });

/** Checks an action's payload exactly as transition does. */
export const validateAction = (def: RegisterDef, act: ActionDef, input: unknown, now: Date, lang: Lang): Validation =>
  validateFields(def, input, { now, lang, editable: actionFields(def, act), requireAll: false, needs: act.needs });

/** What a duty officer sends to append to the duty log (the sidebar's duty form and the API). */
const DUTY_ENTRY_FIELDS: FieldDef[] = [
  REGISTERS.duty_log.fields.find((f) => f.key === 'kind')!,
  { key: 'text', type: 'longtext', label: L('内容', '內容', 'Text') },
  { key: 'corrects', type: 'number', label: L('更正序号', '更正序號', 'Corrects') },
  { key: 'incoming', type: 'text', label: L('接班人', '接班人', 'Incoming officer') },
  { key: 'openItems', type: 'longtext', label: L('未完事项', '未完事項', 'Open items') },
  ACTION_AT,
];

/**
 * Checks a duty-log entry's shape and what each kind needs: text for an entry or a correction,
 * the incoming officer for a handover (unless the text is already a full handover), and a whole
 * seq for a correction. Open items may come as a list (API) or one per line (the form).
 */
export function validateDutyEntry(input: unknown, now: Date, lang: Lang): Validation {
  const given = input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : input;
  if (given && typeof given === 'object' && Array.isArray((given as Record<string, unknown>).openItems)) {
    const items = (given as Record<string, unknown>).openItems as unknown[];
    (given as Record<string, unknown>).openItems = items.every((i) => typeof i === 'string') ? items.join('\n') : items;
  }
  const kind = (given as Record<string, unknown> | null)?.kind;
  const needs = kind === 'correction' ? ['text', 'corrects'] : kind === 'entry' ? ['text'] : [];
  const v = validateFields(REGISTERS.duty_log, given, { now, lang, editable: DUTY_ENTRY_FIELDS, requireAll: true, needs });
  if (!v.ok) return v;
  const corrects = v.values.corrects;
  if (corrects !== null && corrects !== undefined && (!Number.isInteger(corrects) || (corrects as number) < 1)) {
    return { ok: false, fieldErrors: { corrects: msg('not_number', lang) } };
  }
  if (kind === 'handover' && !v.values.incoming && !v.values.text) return { ok: false, fieldErrors: { incoming: msg('required', lang) } };
  return v;
}
