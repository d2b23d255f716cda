// LockService fake: document/script/user locks that really exclude other hosts (same process via the workbook, other processes via the .lock file).
import { instrument, type HostCore, type Like } from './core';
import type { Workbook } from './model';
import { acquireFileLockSync, isFileLockHeld, tryFileLockSync } from '../filelock';

type Holder = HostCore;

/** Lock tables, one per workbook object or per file (two hosts that loaded the same file separately share it). */
const byWorkbook = new WeakMap<Workbook, Map<string, Holder>>();
const byPath = new Map<string, Map<string, Holder>>();

function tableFor(wb: Workbook): Map<string, Holder> {
  const p = wb.source?.path;
  if (p) {
    let t = byPath.get(p);
    if (!t) byPath.set(p, (t = new Map()));
    return t;
  }
  let t = byWorkbook.get(wb);
  if (!t) byWorkbook.set(wb, (t = new Map()));
  return t;
}

const TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class FakeLockService implements Like<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> {
  constructor(readonly h: HostCore) {}
  /** Under the no-document-lock quirk it is null, as for a script with no current document. */
  getDocumentLock() {
    if (this.h.quirk('no-document-lock')) return null;
    return new FakeLock(this.h, 'document');
  }
  getScriptLock() {
    return new FakeLock(this.h, 'script');
  }
  getUserLock() {
    return new FakeLock(this.h, `user:${this.h.user}`);
  }
}

export class FakeLock implements Like<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> {
  constructor(
    readonly h: HostCore,
    readonly key: string,
  ) {}
  /**
   * Returns false when another host holds the lock. A holder in this process cannot let go while this
   * synchronous script waits, so the wait is simulated by advancing the clock by the timeout.
   */
  tryLock(timeoutInMillis: number) {
    return this._acquire(Math.max(0, Number(timeoutInMillis) || 0));
  }
  waitLock(timeoutInMillis: number) {
    if (!this._acquire(Math.max(0, Number(timeoutInMillis) || 0))) this.h.fail(TIMEOUT_MESSAGE);
  }
  releaseLock() {
    const release = this.h.heldLocks.get(this.key);
    if (!release) return;
    this.h.heldLocks.delete(this.key);
    release();
  }
  hasLock() {
    return tableFor(this.h.workbook).get(this.key) === this.h;
  }
  _acquire(timeoutMs: number): boolean {
    const { h, key } = this;
    const table = tableFor(h.workbook);
    const holder = table.get(key);
    if (holder === h) return true;
    if (holder) {
      h.advance(timeoutMs);
      return false;
    }
    let releaseFile: (() => void) | null = null;
    const book = h.workbook.source?.path;
    // A bound script's document and script locks both reach other processes on the same workbook.
    if ((key === 'document' || key === 'script') && book && !isFileLockHeld(book)) {
      const started = Date.now();
      releaseFile = timeoutMs > 0 ? acquireFileLockSync(book, timeoutMs) : tryFileLockSync(book);
      h.advance(Date.now() - started);
      if (!releaseFile) return false;
    }
    table.set(key, h);
    h.heldLocks.set(key, () => {
      if (table.get(key) === h) table.delete(key);
      releaseFile?.();
    });
    return true;
  }
}

instrument(FakeLockService, 'LockService');
instrument(FakeLock, 'LockService.Lock');
