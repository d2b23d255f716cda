// The phone web app's client: whether the page is the phone view, and the outbox that keeps forms filled without a connection until they are sent.
import { call } from './bridge';

/** doGet (and serve's /m) appends <meta name="er-view" content="mobile"> to the page. */
export const isPhone = (): boolean => typeof document !== 'undefined' && document.querySelector('meta[name="er-view"]')?.getAttribute('content') === 'mobile';

export interface Sent {
  kind: 'record' | 'duty';
  register: string;
  fields: Record<string, unknown>;
  clientId: string;
}
type Reply = { ok: boolean; [k: string]: unknown };

const KEY = 'er-outbox';

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function queued(): Sent[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Sent[]) : [];
  } catch {
    return [];
  }
}
const keep = (all: Sent[]) => (all.length ? localStorage.setItem(KEY, JSON.stringify(all)) : localStorage.removeItem(KEY));

/**
 * Sends a form with a fresh client id. When the bridge itself fails (no signal) the form is kept and
 * 'kept' returned; the server's answer, whatever it says, is returned as it is.
 */
export async function sendOrKeep(kind: Sent['kind'], register: string, fields: Record<string, unknown>): Promise<Reply | 'kept'> {
  const item: Sent = { kind, register, fields, clientId: newId() };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return keepItem(item);
  try {
    return await call<Reply>('submitOffline', item.clientId, kind === 'duty' ? 'duty' : 'record', register, fields);
  } catch {
    return keepItem(item);
  }
}

function keepItem(item: Sent): 'kept' {
  keep([...queued(), item]);
  return 'kept';
}

let flushing = false;
/**
 * Sends what is kept, oldest first, each with the id it was given when filled in, so a send the server
 * received but whose answer was lost is recognised and not recorded twice. Stops at the first failure of
 * the connection; an item the server answers (saved or refused) leaves the outbox.
 */
export async function flush(report: (sent: number, refused: string[], left: number) => void): Promise<void> {
  if (flushing || !queued().length) return;
  flushing = true;
  let sent = 0;
  const refused: string[] = [];
  try {
    for (const item of queued()) {
      let reply: Reply;
      try {
        reply = await call<Reply>('submitOffline', item.clientId, item.kind === 'duty' ? 'duty' : 'record', item.register, item.fields);
      } catch {
        break;
      }
      // busy: the same id is being written right now, or the lock was taken; try again later.
      if (!reply.ok && reply.code === 'busy') break;
      keep(queued().filter((q) => q.clientId !== item.clientId));
      if (reply.ok) sent++;
      else refused.push(String(reply.message ?? ''));
    }
  } finally {
    flushing = false;
  }
  report(sent, refused, queued().length);
}
