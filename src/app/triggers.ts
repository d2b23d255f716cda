// installTriggers / uninstallTriggers: exactly one hourly scan per spreadsheet, whoever installs it and however often.
import { Book } from './book';
import { hasAny } from './access';
import { guarded } from './guarded';
import type { Ports } from '../ports';
import { msg } from '../domain/messages';
import { fail } from '../domain/types';

export const SCAN_HANDLER = 'runOverdueScan';
const OWNER_KEY = 'scan.trigger';

interface Owner {
  email: string;
  id: string;
}

/**
 * Installable triggers belong to the user who made them and other users cannot see them, so the
 * spreadsheet records its trigger's owner in document properties; a second installer finds it there.
 */
export function installTriggers(ports: Ports) {
  const book = new Book(ports);
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  return guarded(ports, () => book.lang, () => {
    const owner = readOwner(ports);
    const mine = ports.triggers.list(owner ? [owner.id] : []).filter((t) => t.handler === SCAN_HANDLER);
    if (owner && owner.email !== actor.email) {
      for (const t of mine) ports.triggers.remove(t.id);
      return { ok: true as const, installed: false, owner: owner.email };
    }
    const keep = mine.find((t) => t.id === owner?.id) ?? mine[0];
    for (const t of mine) if (t !== keep) ports.triggers.remove(t.id);
    const id = keep?.id ?? ports.triggers.createHourly(SCAN_HANDLER);
    ports.store.set(OWNER_KEY, JSON.stringify({ email: actor.email, id }));
    return { ok: true as const, installed: !keep, owner: actor.email };
  });
}

export function uninstallTriggers(ports: Ports) {
  const book = new Book(ports);
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  return guarded(ports, () => book.lang, () => {
    const owner = readOwner(ports);
    const mine = ports.triggers.list(owner ? [owner.id] : []).filter((t) => t.handler === SCAN_HANDLER);
    for (const t of mine) ports.triggers.remove(t.id);
    // Only the owner's removal frees the slot; the manager may clear it when the owner has left.
    const cleared = Boolean(owner && (owner.email === actor.email || hasAny(actor, ['manager'])));
    if (cleared) ports.store.remove(OWNER_KEY);
    return { ok: true as const, removed: mine.length, cleared };
  });
}

function readOwner(ports: Ports): Owner | null {
  try {
    const raw = ports.store.get(OWNER_KEY);
    return raw ? (JSON.parse(raw) as Owner) : null;
  } catch {
    return null;
  }
}
