// installTriggers / uninstallTriggers: exactly one hourly scan and one on-edit check per spreadsheet, whoever installs them and however often.
import { Book } from './book';
import { hasAny } from './access';
import { guarded } from './guarded';
import type { Ports } from '../ports';
import { msg } from '../domain/messages';
import { fail } from '../domain/types';
import { EDIT_HANDLER } from './sheetEdits';

export const SCAN_HANDLER = 'runOverdueScan';
const OWNER_KEY = 'scan.trigger';

interface Owner {
  email: string;
  /** The hourly scan's trigger id. */
  id: string;
  /** The on-edit trigger's id (表格直接修改 recorded at once); absent where it was installed before there was one. */
  edit?: string;
}

/** The triggers kept, one each: the hourly scan and the on-edit check. */
const HANDLERS = [SCAN_HANDLER, EDIT_HANDLER];
const mineOf = (ports: Ports, owner: Owner | null) => ports.triggers.list(owner ? [owner.id, owner.edit ?? ''].filter(Boolean) : []).filter((t) => HANDLERS.includes(t.handler));

/**
 * Installable triggers belong to the user who made them and other users cannot see them, so the
 * spreadsheet records its triggers' owner in document properties; a second installer finds it there.
 */
export function installTriggers(ports: Ports) {
  const book = new Book(ports);
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  return guarded(ports, () => book.lang, () => {
    const owner = readOwner(ports);
    const mine = mineOf(ports, owner);
    if (owner && owner.email !== actor.email) {
      for (const t of mine) ports.triggers.remove(t.id);
      return { ok: true as const, installed: false, owner: owner.email };
    }
    const kept = (handler: string, known?: string) => {
      const all = mine.filter((t) => t.handler === handler);
      const keep = all.find((t) => t.id === known) ?? all[0];
      for (const t of all) if (t !== keep) ports.triggers.remove(t.id);
      return keep;
    };
    const scan = kept(SCAN_HANDLER, owner?.id);
    const edit = kept(EDIT_HANDLER, owner?.edit);
    const id = scan?.id ?? ports.triggers.createHourly(SCAN_HANDLER);
    const editId = edit?.id ?? ports.triggers.createOnEdit(EDIT_HANDLER);
    ports.store.set(OWNER_KEY, JSON.stringify({ email: actor.email, id, edit: editId }));
    return { ok: true as const, installed: !scan, owner: actor.email };
  });
}

export function uninstallTriggers(ports: Ports) {
  const book = new Book(ports);
  const actor = book.actor();
  if (!hasAny(actor, ['supervisor', 'manager'])) return fail('forbidden', msg('forbidden', book.lang));
  return guarded(ports, () => book.lang, () => {
    const owner = readOwner(ports);
    const mine = mineOf(ports, owner);
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
