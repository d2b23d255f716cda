// confirmRoles: a manager accepts the Roles tab as it now stands after it was edited outside the add-on.
import { Book } from './book';
import { guarded } from './guarded';
import { managersOf, readSeal, ROLES_TEXT } from './rolesGuard';
import type { Ports } from '../ports';
import { msg } from '../domain/messages';
import { fail } from '../domain/types';

/**
 * Only a manager the add-on itself last recorded may confirm: whoever typed "manager" next to
 * their own name is not a manager until then.
 */
export function confirmRoles(ports: Ports) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const email = ports.identity.email().toLowerCase();
  return guarded(ports, () => lang, () => {
    const loaded = book.load('roles');
    if (!loaded) return fail('not_setup', msg('not_setup', lang));
    const s = readSeal(ports, loaded.records);
    const isManager = s.sealed ? s.managers.includes(email) : managersOf(loaded.records).includes(email);
    if (!email || !isManager) return fail('forbidden', msg('forbidden', lang));
    if (!managersOf(loaded.records).length) return fail('precondition', ROLES_TEXT.no_manager[lang], { roles: ROLES_TEXT.no_manager[lang] });
    book.sealRoles();
    return { ok: true as const, changed: !s.intact, managers: managersOf(loaded.records), message: ROLES_TEXT.confirmed[lang] };
  });
}
