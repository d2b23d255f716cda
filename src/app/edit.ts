// getEditable: a record as the sidebar's edit form fills it — every form field, phones and ID numbers only masked.
import { Book } from './book';
import { canEdit, refusal } from './access';
import type { Ports } from '../ports';
import { FieldDef, isRegisterKey, REGISTERS } from '../domain/registers';
import { formFields } from '../domain/schema';
import { maskId, maskPhone } from '../domain/format';
import { toWire } from '../domain/table';
import { msg } from '../domain/messages';
import { fail, Failure } from '../domain/types';

/** Fields whose real value never travels to the sidebar: the form shows the masked value and sends one only when retyped. */
export const isMasked = (f: Pick<FieldDef, 'phone' | 'maskId'>): boolean => Boolean(f.phone || f.maskId);

export interface Editable {
  ok: true;
  id: string;
  version: number;
  /** Form field → its stored value as the bridge carries it (ISO times, lists as arrays); masked and sensitive fields left out. */
  values: Record<string, string | number | boolean | string[] | null>;
  /** Masked field → what the form shows in place of the value (138****5678). */
  masked: Record<string, string>;
}

/**
 * The record for the edit form, and again after a conflict so the form can show what changed and
 * reload. Only those who may edit the register get it; sensitive notes never leave the sheet.
 */
export function getEditable(ports: Ports, register: unknown, id: unknown): Editable | Failure {
  const book = new Book(ports);
  const lang = book.lang;
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', lang), { register: msg('unknown_register', lang) });
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const def = REGISTERS[register];
  if (def.appendOnly || def.systemOnly) return fail('invalid', msg('append_only', lang), { register: msg('append_only', lang) });
  const actor = book.actor();
  if (!canEdit(actor, def)) return fail('forbidden', msg(refusal(actor), lang));
  const rec = book.load(register)?.records.find((r) => r.id === id && id !== null && id !== '');
  if (!rec) return fail('not_found', msg('not_found', lang), { id: msg('not_found', lang) });
  const wire = toWire(rec, book.tz);
  const values: Editable['values'] = {};
  const masked: Editable['masked'] = {};
  for (const f of formFields(def)) {
    if (f.sensitive) continue;
    const v = wire[f.key] ?? null;
    if (isMasked(f)) masked[f.key] = f.phone ? maskPhone(v === null ? '' : String(v)) : maskId(v === null ? '' : String(v));
    else values[f.key] = v;
  }
  return { ok: true, id: String(rec.id), version: Number(rec.version), values, masked };
}
