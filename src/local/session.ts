// One CLI run on a workbook: lock the file, load it, run Code.js in the local host, save it back atomically.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createHost, Host } from './host';
import { loadWorkbook, saveWorkbook } from './xlsx';
import { newWorkbook } from './host/model';
import { withFileLock } from './filelock';

/** The project root, whether this runs bundled (build/) or from source (src/local/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
export const ROOT = projectRoot();
export const CODE_PATH = resolve(ROOT, 'dist', 'Code.js');
export const HTML_DIR = resolve(ROOT, 'dist');

export class CliError extends Error {
  constructor(message: string, readonly code = 'usage') {
    super(message);
  }
}

export interface SessionOptions {
  user: string;
  now?: string;
  /** Create a new workbook when the file is missing. */
  create?: boolean;
  /** Save the workbook afterwards (false for read-only commands). */
  save?: boolean;
  timeZone?: string;
}

/**
 * Holds the workbook's file lock for the whole load → run → save, so parallel CLI runs on one
 * workbook queue up instead of overwriting each other's rows.
 */
export async function withBook<T>(path: string, opts: SessionOptions, fn: (host: Host) => Promise<T> | T): Promise<T> {
  if (!existsSync(CODE_PATH)) throw new CliError('dist/Code.js is missing; run `npm run build` first', 'build');
  return withFileLock(path, async () => {
    const workbook = existsSync(path) ? await loadWorkbook(path) : opts.create ? newWorkbook({ timeZone: opts.timeZone }) : null;
    if (!workbook) throw new CliError(`${path}: no such file`, 'not_found');
    const host = createHost({ codePath: CODE_PATH, htmlDir: HTML_DIR, workbook, user: opts.user, now: opts.now });
    const result = await fn(host);
    if (opts.save !== false) await saveWorkbook(host.workbook, path);
    return result;
  });
}

/** Parses a CLI argument as JSON when it can, otherwise passes it as a string. */
export function parseArg(arg: string): unknown {
  try {
    return JSON.parse(arg);
  } catch {
    return arg;
  }
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** A result the add-on reported as a failure makes the command exit 1. */
export const exitFor = (result: unknown): number => (result && typeof result === 'object' && (result as { ok?: unknown }).ok === false ? 1 : 0);
