// Every write runs under the document lock; a lock that cannot be had in time is a plain "busy" answer.
import { LockBusy, Ports } from '../ports';
import { msg } from '../domain/messages';
import { fail, Failure, Lang } from '../domain/types';

export function guarded<T extends object>(ports: Ports, lang: () => Lang, fn: () => T | Failure): T | Failure {
  try {
    return ports.lock.withLock(fn);
  } catch (e) {
    if (e instanceof LockBusy) return fail('busy', msg('busy', lang()));
    throw e;
  }
}
