// A cross-process exclusive lock on "<book>.lock" (O_EXCL create, pid inside, stale locks of dead processes broken).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class FileLockTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileLockTimeoutError';
  }
}

export interface FileLockOptions {
  /** How long to wait for another process to finish; default 60 s. */
  timeoutMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  at: string;
}

/** Lock files this process holds, with a count so nested acquisitions (CLI + document lock) share one file. */
const held = new Map<string, number>();
let exitHookInstalled = false;

export function lockPathOf(bookPath: string): string {
  return `${path.resolve(bookPath)}.lock`;
}

/** True when this process already holds the book's lock. */
export function isFileLockHeld(bookPath: string): boolean {
  return (held.get(lockPathOf(bookPath)) ?? 0) > 0;
}

/**
 * Runs fn while holding the book's lock, waiting (with retries) up to timeoutMs for other processes.
 * Nested calls in the same process share the lock.
 */
export async function withFileLock<T>(bookPath: string, fn: () => Promise<T> | T, opts: FileLockOptions = {}): Promise<T> {
  // Runs queue rather than fail: on a busy machine twenty queued CLI runs can take minutes between them.
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  let release = tryFileLockSync(bookPath);
  while (!release) {
    if (Date.now() >= deadline) throw timeoutError(bookPath);
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    release = tryFileLockSync(bookPath);
  }
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Waits synchronously (blocking the thread) up to timeoutMs; returns a release function or null. */
export function acquireFileLockSync(bookPath: string, timeoutMs: number): (() => void) | null {
  const deadline = Date.now() + timeoutMs;
  let release = tryFileLockSync(bookPath);
  while (!release && Date.now() < deadline) {
    sleepSync(Math.min(10 + Math.random() * 40, Math.max(1, deadline - Date.now())));
    release = tryFileLockSync(bookPath);
  }
  return release;
}

/** One attempt: a release function when the lock is ours (new or already held by this process), else null. */
export function tryFileLockSync(bookPath: string): (() => void) | null {
  const lockPath = lockPathOf(bookPath);
  const count = held.get(lockPath) ?? 0;
  if (count > 0) {
    held.set(lockPath, count + 1);
    return once(() => releaseOne(lockPath));
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createLockFile(lockPath)) {
      held.set(lockPath, 1);
      installExitHook();
      return once(() => releaseOne(lockPath));
    }
    if (!breakIfStale(lockPath)) return null;
  }
  return null;
}

function createLockFile(lockPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const owner: Owner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
    fs.writeSync(fd, JSON.stringify(owner));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readOwner(lockPath: string): Owner | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Owner;
  } catch {
    return null;
  }
}

/** The lock file is gone: it is free to create, and there is nothing to break. */
function absent(lockPath: string): boolean {
  return !fs.existsSync(lockPath);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(owner: Owner | null, lockPath: string): boolean {
  if (!owner) {
    // Unreadable: either being written right now, or left half-written by a crash long ago.
    try {
      return Date.now() - fs.statSync(lockPath).mtimeMs > 10_000;
    } catch {
      // Gone: released, not stale; the caller tries again rather than unlink what may be a new lock.
      return false;
    }
  }
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return !held.has(lockPath);
  return !alive(owner.pid);
}

/**
 * Removes a lock left by a dead process. A short-lived "<lock>.break" file makes sure two processes
 * breaking the same stale lock cannot delete the fresh lock the other has just created.
 */
function breakIfStale(lockPath: string): boolean {
  // Released in the meantime: try to create it again. Never unlink here, since a lock another
  // process creates between this check and an unlink would be deleted under it (two holders).
  if (absent(lockPath)) return true;
  if (!isStale(readOwner(lockPath), lockPath)) return false;
  const breaker = `${lockPath}.break`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch {
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > 5_000) fs.unlinkSync(breaker);
    } catch {
      // someone else removed it
    }
    return false;
  }
  fs.closeSync(fd);
  try {
    if (absent(lockPath)) return true;
    if (!isStale(readOwner(lockPath), lockPath)) return false;
    try {
      fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
    return true;
  } finally {
    try {
      fs.unlinkSync(breaker);
    } catch {
      // ignore
    }
  }
}

function releaseOne(lockPath: string): void {
  const count = held.get(lockPath) ?? 0;
  if (count > 1) {
    held.set(lockPath, count - 1);
    return;
  }
  held.delete(lockPath);
  try {
    if (readOwner(lockPath)?.pid === process.pid) fs.unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lockPath of held.keys()) {
      try {
        if (readOwner(lockPath)?.pid === process.pid) fs.unlinkSync(lockPath);
      } catch {
        // ignore
      }
    }
    held.clear();
  });
}

function timeoutError(bookPath: string): FileLockTimeoutError {
  const owner = readOwner(lockPathOf(bookPath));
  const who = owner ? ` (pid ${owner.pid})` : '';
  return new FileLockTimeoutError(`${bookPath} is in use by another program${who}; nothing was changed. Try again in a moment.`);
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}
