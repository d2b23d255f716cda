// getRegisters: the register definitions, localised, with this user's permissions, for the sidebar.
import { Book } from './book';
import { canCreate, canEdit, canRead, canRun } from './access';
import { msg } from '../domain/messages';
import { fail } from '../domain/types';
import type { Ports } from '../ports';
import { REGISTER_KEYS, REGISTERS, columnsOf } from '../domain/registers';
import { optionLabel } from '../domain/labels';
import { isoInZone } from '../domain/table';
import { officeProblem } from '../domain/notices';
import { settingDef } from '../domain/settings';
import { t } from '../domain/labels';
import { onPhone } from './phone';

/**
 * What setup asks for (the office details printed on every notice), while the office has not given it:
 * every detail before setup, the missing ones after. Only the manager may fill them in once set up.
 */
function officeQuestions(book: Book, setUp: boolean, manager: boolean) {
  const lang = book.lang;
  const s = book.settings();
  const problem = setUp ? officeProblem(s, lang) : null;
  if (setUp && !problem) return null;
  const keys = setUp ? Object.keys(problem!.fields ?? {}) : ['estate_name', 'office_phone', 'office_address'];
  return {
    message: setUp ? problem!.message : t('err.not_setup', lang),
    button: t('menu.setup', lang),
    canFill: !setUp || manager,
    fields: keys.map((key) => ({ key, label: settingDef(key)!.label[lang] })),
  };
}

/** `view` 'mobile' is the phone web app, which offers each role only the registers of its rounds (PHONE_REGISTERS). */
export function getRegisters(ports: Ports, view?: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  const actor = book.actor();
  const setUp = book.isSetUp();
  if (setUp && !actor.roles.length) return fail('forbidden', msg('not_registered', lang));
  // The unit list comes from the key households, so it would name them to anyone who cannot read them.
  const households = setUp && canRead(actor, REGISTERS.households) ? book.load('households') : null;
  // …and the residents register, on the same terms: every unit someone lives in.
  const residents = setUp && canRead(actor, REGISTERS.residents) ? book.load('residents') : null;
  const units = [...new Set([...(households?.records ?? []), ...(residents?.records ?? [])].map((r) => String(r.unit ?? '')).filter(Boolean))].sort();
  const registers = REGISTER_KEYS.filter((key) => !setUp || (canRead(actor, REGISTERS[key]) && (view !== 'mobile' || onPhone(actor.roles, key)))).map((key) => {
    const def = REGISTERS[key];
    return {
      key,
      label: def.label[lang],
      idPrefix: def.idPrefix ?? null,
      systemOnly: Boolean(def.systemOnly),
      appendOnly: Boolean(def.appendOnly),
      stateField: def.stateField ?? null,
      titleField: def.titleField,
      canCreate: canCreate(actor, def),
      canEdit: !def.appendOnly && !def.systemOnly && canEdit(actor, def),
      fields: columnsOf(def).map((f) => ({
        key: f.key,
        type: f.type,
        label: f.label[lang],
        required: Boolean(f.required),
        options: (f.options ?? []).map((o) => ({ value: o, label: optionLabel(key, f.key, o, lang) })),
        unit: Boolean(f.unit),
        past: Boolean(f.past),
        stamped: Boolean(f.stamped),
        system: Boolean(f.system),
        sensitive: Boolean(f.sensitive),
        phone: Boolean(f.phone),
        masked: Boolean(f.phone || f.maskId),
        picker: f.picker ?? null,
        byAction: f.byAction ?? null,
      })),
      actions: def.actions.map((a) => ({
        key: a.key,
        label: a.label[lang],
        from: [...a.from],
        needs: [...(a.needs ?? [])],
        accepts: [...(a.accepts ?? [])],
        penalty: Boolean(a.penalty),
        allowed: canRun(actor, def, a, {}),
      })),
    };
  });
  return {
    ok: true as const,
    lang,
    timeZone: book.tz,
    now: isoInZone(book.now, book.tz),
    setUp,
    user: { email: actor.email, name: actor.name, roles: actor.roles },
    registers,
    units,
    office: officeQuestions(book, setUp, actor.roles.includes('manager')),
  };
}
