// The phone web app: which registers each role is offered there, the page or its refusal, and sends made offline deduplicated by client id.
import { Book } from './book';
import { guarded } from './guarded';
import { refusal } from './access';
import { createRecord } from './records';
import { appendDutyLog } from './dutylog';
import { msg } from '../domain/messages';
import { fail, RoleKey } from '../domain/types';
import type { Ports } from '../ports';

/** Registers a role is offered on a phone; a role missing here gets everything the sidebar offers it. */
export const PHONE_REGISTERS: Partial<Record<RoleKey, readonly string[]>> = {
  security: ['violations', 'requests', 'visitors', 'release_passes', 'outings', 'duty_log'],
};

/** Whether a register is offered to these roles on the phone (any of the roles offering it is enough). */
export function onPhone(roles: readonly RoleKey[], register: string): boolean {
  return roles.some((r) => !PHONE_REGISTERS[r] || PHONE_REGISTERS[r]!.includes(register));
}

/** What doGet serves: the page, or a refusal to show instead of it (someone outside the Roles tab sees nothing else). */
export function phonePage(ports: Ports): { ok: true; title: string } | { ok: false; title: string; message: string } {
  const book = new Book(ports);
  const lang = book.lang;
  const title = TITLE[lang];
  if (!book.isSetUp()) return { ok: false, title, message: msg('not_setup', lang) };
  const actor = book.actor();
  if (!actor.roles.length) return { ok: false, title, message: msg(refusal(actor), lang) };
  return { ok: true, title };
}

const TITLE = { 'zh-Hans': '物业台账（手机）', 'zh-Hant': '物業台賬（手機）', en: 'Estate registers (phone)' } as const;

/** How long a client id is remembered: a phone that was offline longer than this has bigger problems. */
const KEEP_MS = 7 * 86_400_000;
const LEDGER_KEY = 'phone.sent';
const ABANDONED_MS = 6 * 60_000;
type Ledger = Record<string, { at: number; result: unknown }>;

function readLedger(ports: Ports, now: number): Ledger {
  let all: Ledger = {};
  try {
    all = JSON.parse(ports.store.get(LEDGER_KEY) ?? '{}') as Ledger;
  } catch {
    // a damaged ledger only means duplicates from before it are not recognised
  }
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v && now - v.at < KEEP_MS));
}

/**
 * A form sent from the phone, perhaps for the second time after a lost connection. The id is claimed
 * under the lock before the write, so a duplicate arriving meanwhile is told to wait instead of writing
 * again; once the write is done its result is kept and given to any later duplicate. Only the id and the
 * record's id are kept (no field values), in document properties, for seven days.
 */
export function submitOffline(ports: Ports, clientId: unknown, kind: unknown, register: unknown, fields: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  if (typeof clientId !== 'string' || !/^[0-9a-f-]{16,40}$/i.test(clientId)) return fail('invalid', msg('invalid_input', lang), { _: msg('invalid_input', lang) });
  const actor = book.actor();
  const target = kind === 'duty' ? 'duty_log' : String(register);
  if (!actor.roles.length || !onPhone(actor.roles, target)) return fail('forbidden', msg(refusal(actor), lang));
  const now = book.now.getTime();
  const claim = guarded(ports, () => lang, () => {
    const ledger = readLedger(ports, now);
    const seen = ledger[clientId];
    // A claim never settled is from an execution Google stopped (6 minutes at most): claim it again.
    if (seen && (seen.result || now - seen.at < ABANDONED_MS)) return { seen };
    ledger[clientId] = { at: now, result: null };
    ports.store.set(LEDGER_KEY, JSON.stringify(ledger));
    return { seen: null };
  });
  if ('ok' in claim) return claim;
  if (claim.seen) return claim.seen.result ? { ...(claim.seen.result as object), duplicate: true } : fail('busy', msg('busy', lang));
  let result: ReturnType<typeof createRecord> | ReturnType<typeof appendDutyLog>;
  try {
    result = kind === 'duty' ? appendDutyLog(ports, fields) : createRecord(ports, register, fields);
  } catch (e) {
    settle(ports, clientId, now, null);
    throw e;
  }
  // A refused or busy send is forgotten, so the same form can be corrected or tried again.
  settle(ports, clientId, now, result.ok ? { ok: true, id: 'id' in result ? result.id : null, seq: 'seq' in result ? result.seq : null } : null);
  return result;
}

function settle(ports: Ports, clientId: string, now: number, result: unknown): void {
  guarded(ports, () => 'zh-Hans', () => {
    const ledger = readLedger(ports, now);
    if (result) ledger[clientId] = { at: now, result };
    else delete ledger[clientId];
    ports.store.set(LEDGER_KEY, JSON.stringify(ledger));
    return {};
  });
}
