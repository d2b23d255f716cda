// getTodo: the sidebar's first view, what is late or due today for the signed-in user's roles.
import { Book } from './book';
import { hasAny, refusal } from './access';
import type { Ports } from '../ports';
import { DAY_MS } from '../domain/calendar';
import { computeOverdue } from '../domain/deadlines';
import { msg } from '../domain/messages';
import { RegisterKey } from '../domain/registers';
import { todoFor } from '../domain/todo';
import { isoInZone } from '../domain/zone';
import { fail, Rec } from '../domain/types';

const READ: RegisterKey[] = ['complaints', 'violations', 'requests', 'households', 'care_log', 'passes', 'duty_log', 'roster', 'visitors', 'residents', 'outings', 'move_ins'];

/** Read-only and lock-free: reads each register once and changes nothing. */
export function getTodo(ports: Ports) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', lang));
  const actor = book.actor();
  if (!hasAny(actor, ['clerk', 'supervisor', 'manager', 'department', 'security'])) return fail('forbidden', msg(refusal(actor), lang));
  const data = Object.fromEntries(READ.map((k) => [k, book.load(k)?.records ?? []])) as Partial<Record<RegisterKey, Rec[]>>;
  // One pass gives what is overdue and what falls due within the day.
  const { soon } = computeOverdue({ now: book.now, settings: book.settings(), data, horizonMs: DAY_MS });
  const items = todoFor(soon, book.now, actor.roles, actor.department, lang);
  return {
    ok: true as const,
    now: isoInZone(book.now, book.tz),
    overdue: items.filter((i) => i.tone === 'red').length,
    items: items.map((i) => ({ ...i, due: isoInZone(i.due, book.tz) })),
  };
}
