// The local Apps Script host: loads dist/Code.js into a node:vm context whose globals are in-memory fakes of the Google services.
//
// Where the host has to choose, it follows Google and is strict rather than lenient, so code that
// passes here also passes there:
// - A formula cell's value: the cached result when loaded from .xlsx, a literal ("=5", '="x"'),
//   HYPERLINK's label; anything else reads as "#NAME?" (the host does not calculate).
// - Strings written to cells with the automatic format are parsed like Sheets does: "0755" -> 755,
//   "TRUE" -> true, "2026-11-02" / "2026-11-02 09:30" -> a date, "17:30" -> a time. A leading "'" or
//   the plain-text format "@" keeps the text.
// - A reject-input data validation (setAllowInvalid(false)) refuses a value outside the rule with
//   "The data you entered in cell A2 violates the data validation rules set on this cell."
// - Protected ranges/sheets refuse writes by users who are neither the owner nor an editor
//   (warning-only protections do not).
// - getRange outside the sheet's rows/columns throws; appendRow and insertRows* grow the sheet.
// - google.script.run: a Date or function in an argument throws "Failed due to illegal value in
//   property: <key>"; a Date anywhere in the result makes the result null.
// - Locks are released when the call ends (like an execution ending).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import { HostCore, isDate, makeRealm, type PdfRequest, type SentMail, type UiRecord } from './core';
import { newWorkbook, parseA1, type Workbook } from './model';
import { assertTimeZone } from './tz';
import { FakeSpreadsheetApp, ChartType } from './spreadsheet';
import { makeServices } from './services';
import { parseQuirks, type Quirk } from './quirks';

export type { Workbook } from './model';
export type { SentMail, PdfRequest, UiRecord, MenuRecord, HtmlShown } from './core';
export { newWorkbook } from './model';
export { QUIRKS, QUIRK_NAMES, parseQuirks, type Quirk } from './quirks';

export interface HostOptions {
  /** The bundle to run; default dist/Code.js (relative to the working directory). */
  codePath?: string;
  /** Source text to run instead of reading codePath (tests). */
  code?: string;
  /** Where createHtmlOutputFromFile looks for <name>.html; default the directory of codePath (dist/). */
  htmlDir?: string;
  /** The workbook model; pass the same object to two hosts to simulate two users on one spreadsheet. */
  workbook?: Workbook;
  /** The active user's email; default $USER@localhost. */
  user?: string;
  /** Pins the clock inside the vm (new Date(), Date.now()); default real time. */
  now?: Date | string;
  /** The clock advances by this many ms on every fake service call (simulates slow runs). */
  tickMs?: number;
  /** Mail recipients per user per day (default 100, a consumer account's quota). */
  mailQuota?: number;
  /** The script's time zone (appsscript.json timeZone); default the manifest beside codePath, else the workbook's. */
  scriptTimeZone?: string;
  /** What Session.getActiveUserLocale() returns; default the workbook's locale (zh_CN). */
  locale?: string;
  /** Receives each Logger.log / console.* line (they are also kept in host.logs). */
  log?: (line: string) => void;
  /** The granted OAuth scopes; default the manifest's oauthScopes beside codePath. */
  scopes?: string[];
  /** The other plausible Google behaviours to switch on; default ESTATE_HOST_QUIRKS. */
  quirks?: Quirk[];
  /** Extra globals for the vm (tests: e.g. a callback that runs another host while this one holds a lock). */
  globals?: Record<string, unknown>;
  /** Runs before every counted service call with its name, e.g. 'MailApp.sendEmail' (tests: what happens mid-run). */
  onCall?: (name: string) => void;
}

export interface Host {
  readonly workbook: Workbook;
  /** Calls a global function of Code.js as a menu item or simple trigger would; the UI is available. */
  call(entryPoint: string, ...args: unknown[]): unknown;
  /** Calls it as an installable trigger would: SpreadsheetApp.getUi() throws, as in Google. */
  callAsTrigger(entryPoint: string, event?: unknown): unknown;
  /** Fires the installed time-driven trigger for handler as Google would: as its owner, with its uid; throws when none is installed. */
  fireTrigger(handler: string): unknown;
  /**
   * A person's edit of these cells (already made in the workbook model), as Google reports it: each
   * installed on-edit trigger of this spreadsheet runs as its owner with {range, source, user,
   * triggerUid}; `editor` is the email e.user gives ('' when Google withholds it). Nothing runs when
   * none is installed. The script's own writes fire nothing, as in Google.
   */
  fireEdit(tab: string, a1: string, editor?: string): unknown[];
  /** Calls it as google.script.run would: arguments and result go through the bridge's JSON-like copy. */
  callFromClient(entryPoint: string, args: unknown[]): unknown;
  /** Runs body as the deployed web app would run its calls (doGet, or google.script.run from its page): no UI, perhaps no active spreadsheet. */
  asWebApp<T>(body: () => T): T;
  /** Names of the top-level functions Code.js defined. */
  globals(): string[];
  /** 'SpreadsheetApp.Range.getValues' -> number of calls. */
  readonly counters: Record<string, number>;
  resetCounters(): void;
  /** Cells read and written since the last resetCounters(), however many calls they took. */
  readonly cells: { read: number; written: number };
  /** Sum of the counters under SpreadsheetApp.* (Ui is counted separately). */
  spreadsheetCalls(): number;
  readonly outbox: SentMail[];
  readonly ui: UiRecord;
  readonly pdfRequests: PdfRequest[];
  readonly logs: string[];
  readonly user: string;
  /** The quirks this host runs with (see quirks.ts). */
  readonly quirks: ReadonlySet<Quirk>;
  /** The active user's email (same as host.user). */
  currentUser(): string;
  now(): Date;
  setNow(d: Date | string): void;
  advance(ms: number): void;
  setUser(email: string): void;
  /** Sets the selection SpreadsheetApp.getActiveRange() reports, e.g. select('投诉', 'A5'). */
  select(sheetName: string, a1: string): void;
  /** The vm context (for tests that need to evaluate an expression inside the script's realm). */
  readonly context: vm.Context;
}

/**
 * Creates a host. Like Apps Script, where a script's local time is its time zone, the host sets
 * process.env.TZ to the script's time zone (default Asia/Shanghai via the workbook) before loading
 * and before every call, so `new Date(y, m, d)` inside Code.js means that zone's wall clock whatever
 * the machine's own zone is. This changes TZ for the whole Node process.
 */
export function createHost(opts: HostOptions = {}): Host {
  const workbook = opts.workbook ?? newWorkbook();
  const user = opts.user ?? `${process.env.USER ?? 'user'}@localhost`;
  const codePath = path.resolve(opts.codePath ?? 'dist/Code.js');
  const code = opts.code ?? readCode(codePath);
  const htmlDir = path.resolve(opts.htmlDir ?? path.dirname(codePath));
  const manifest = opts.code === undefined ? manifestOf(codePath) : {};
  const scriptTimeZone = opts.scriptTimeZone ?? manifest.timeZone ?? workbook.timeZone;
  assertTimeZone(scriptTimeZone);
  if (workbook.owner === null) workbook.owner = user;

  const core = new HostCore(
    workbook,
    user,
    scriptTimeZone,
    htmlDir,
    opts.now,
    opts.tickMs ?? 0,
    opts.mailQuota ?? 100,
    opts.locale ?? workbook.locale,
    opts.log,
    opts.quirks ? new Set(opts.quirks) : parseQuirks(process.env.ESTATE_HOST_QUIRKS),
  );
  useTimeZone(scriptTimeZone);
  const context = vm.createContext({}, { name: 'Apps Script (local host)' });
  core.realm = makeRealm(context, () => core.now(), core.quirks);
  // Inline code (host tests) has no manifest: it may open what it likes.
  core.scopes = opts.scopes ?? manifest.oauthScopes ?? ['https://www.googleapis.com/auth/spreadsheets'];
  core.context = context;
  core.onCall = opts.onCall ?? null;

  const injected = installGlobals(core, context, opts.globals ?? {});
  const before = new Set(Object.getOwnPropertyNames(context));
  new vm.Script(code, { filename: opts.code === undefined ? codePath : 'Code.js' }).runInContext(context);
  const defined = Object.getOwnPropertyNames(context).filter(
    (n) => !before.has(n) && !injected.has(n) && typeof (context as Record<string, unknown>)[n] === 'function',
  );

  const fnOf = (name: string) => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw core.error(`Script function not found: ${name}`);
    return fn as (...a: unknown[]) => unknown;
  };
  const run = <T>(trigger: boolean, body: () => T): T => {
    useTimeZone(scriptTimeZone);
    core.uiAvailable = !trigger && !core.webApp;
    try {
      return body();
    } finally {
      core.uiAvailable = true;
      core.releaseLocks();
    }
  };

  const host: Host = {
    get workbook() {
      return core.workbook;
    },
    call: (entryPoint, ...args) => run(false, () => fnOf(entryPoint)(...args)),
    callAsTrigger: (entryPoint, event) => run(true, () => fnOf(entryPoint)(event ?? triggerEvent(core, entryPoint))),
    fireTrigger: (handler) => {
      const t = core.workbook.triggers.find((x) => x.handler === handler && x.eventType === 'CLOCK');
      if (!t) throw new Error(`no installed trigger runs ${handler}`);
      const before = core.user;
      core.user = t.owner;
      try {
        return host.callAsTrigger(handler);
      } finally {
        core.user = before;
      }
    },
    fireEdit: (tab, a1, editor = '') =>
      core.workbook.triggers
        .filter((t) => t.eventType === 'ON_EDIT' && t.docId === core.workbook.id)
        .map((t) => {
          const before = core.user;
          core.user = t.owner;
          try {
            const app = (context as { SpreadsheetApp: FakeSpreadsheetApp }).SpreadsheetApp;
            const sheet = app.getActive().getSheetByName(tab);
            if (!sheet) throw new Error(`No tab named ${tab}`);
            const e = Object.assign(core.data({ authMode: 'FULL', triggerUid: t.id }), { range: sheet.getRange(a1), source: app.getActive(), user: { getEmail: () => editor } });
            return host.callAsTrigger(t.handler, e);
          } finally {
            core.user = before;
          }
        }),
    callFromClient: (entryPoint, args) => {
      // Google keeps functions ending in "_" private: google.script.run cannot see them.
      if (entryPoint.endsWith('_')) throw core.error(`Script function not found: ${entryPoint}`);
      const fn = fnOf(entryPoint);
      const json = args.map((a, i) => bridgeCopy(a, String(i)));
      const text = JSON.stringify(json);
      if (text.length > BRIDGE_MAX_CHARS) throw new Error(BRIDGE_TOO_LARGE);
      const vmArgs = core.realm.parseJson(text) as unknown[];
      let result: unknown;
      try {
        result = run(false, () => fn(...vmArgs));
      } catch (e) {
        // The client's failure handler gets an Error carrying only the message.
        const err = new Error(e instanceof Object && 'message' in e ? String((e as Error).message) : String(e));
        err.name = (e as Error)?.name ?? 'Error';
        throw err;
      }
      return bridgeResult(result);
    },
    asWebApp: (body) => {
      const was = core.webApp;
      core.webApp = true;
      try {
        return body();
      } finally {
        core.webApp = was;
      }
    },
    globals: () => [...defined],
    get counters() {
      return core.counters;
    },
    resetCounters: () => {
      for (const k of Object.keys(core.counters)) delete core.counters[k];
      core.cells.read = core.cells.written = 0;
    },
    get cells() {
      return core.cells;
    },
    spreadsheetCalls: () =>
      Object.entries(core.counters).reduce((sum, [k, n]) => (k.startsWith('SpreadsheetApp.') || k === 'SpreadsheetApp' ? sum + n : sum), 0),
    get outbox() {
      return core.outbox;
    },
    get ui() {
      return core.ui;
    },
    get pdfRequests() {
      return core.pdfRequests;
    },
    get logs() {
      return core.logs;
    },
    get user() {
      return core.user;
    },
    get quirks() {
      return core.quirks;
    },
    currentUser: () => core.user,
    now: () => new Date(core.now()),
    setNow: (d) => core.setNow(d),
    advance: (ms) => core.advance(ms),
    setUser: (email) => {
      core.user = email;
    },
    select: (sheetName, a1) => {
      const m = core.workbook.sheets.find((s) => s.name === sheetName);
      if (!m) throw new Error(`No tab named ${sheetName}`);
      const rect = parseA1(a1, m.maxRows, m.maxColumns);
      if (!rect) throw new Error(`Not an A1 range: ${a1}`);
      core.activeSheetId = m.id;
      core.selection = { sheetId: m.id, rect };
    },
    context,
  };
  return host;
}

function readCode(codePath: string): string {
  try {
    return fs.readFileSync(codePath, 'utf8');
  } catch {
    throw new Error(`${codePath} not found: run the build first (npm run build)`);
  }
}

function manifestOf(codePath: string): { timeZone?: string; oauthScopes?: string[] } {
  try {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(codePath), 'appsscript.json'), 'utf8')) as { timeZone?: string; oauthScopes?: string[] };
  } catch {
    return {};
  }
}

/**
 * The real `process` object. Under jest the global `process` is a copy whose env writes do not reach
 * Node, so the time-zone switch would be silently lost; a function from Node's own realm still sees it.
 */
const realProcess: NodeJS.Process = (() => {
  try {
    return (fs.readFileSync.constructor as FunctionConstructor)('return process')() as NodeJS.Process;
  } catch {
    return process;
  }
})();

function useTimeZone(tz: string): void {
  if (realProcess.env.TZ !== tz) realProcess.env.TZ = tz;
  if (process.env.TZ !== tz) process.env.TZ = tz;
}

/** The event object an installable time-driven trigger receives. */
function triggerEvent(core: HostCore, handler: string): unknown {
  const d = new Date(core.now());
  const installed = core.workbook.triggers.find((t) => t.handler === handler && t.owner === core.user);
  return core.data({
    authMode: 'FULL',
    triggerUid: installed?.id ?? '',
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    'day-of-month': d.getDate(),
    'day-of-week': d.getDay() || 7,
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    timezone: core.scriptTimeZone,
  });
}

function installGlobals(core: HostCore, context: vm.Context, extra: Record<string, unknown>): Set<string> {
  const logLine = (args: unknown[]) => {
    const line = util.format(...args);
    core.logs.push(line);
    core.log?.(line);
  };
  const logger = {
    log: (...args: unknown[]) => {
      logLine(args);
      return logger;
    },
    getLog: () => core.logs.join('\n'),
    clear: () => {
      core.logs.length = 0;
    },
  };
  const consoleFake = {
    log: (...a: unknown[]) => logLine(a),
    info: (...a: unknown[]) => logLine(a),
    warn: (...a: unknown[]) => logLine(a),
    error: (...a: unknown[]) => logLine(a),
    debug: (...a: unknown[]) => logLine(a),
    time: () => undefined,
    timeEnd: () => undefined,
  };
  const globals: Record<string, unknown> = {
    SpreadsheetApp: new FakeSpreadsheetApp(core),
    Charts: { ChartType },
    Logger: logger,
    console: consoleFake,
    ...makeServices(core),
    ...extra,
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
  }
  return new Set(Object.keys(globals));
}

/**
 * What one google.script.run call carries. Google documents no figure; reports of large uploads put
 * the failures around 50 MB of arguments (and a blob holds at most 50 MB), so the host refuses a
 * call past 50 MB of JSON, as the call would fail on Google. The add-on stays far below it (upload
 * HARD_MAX_MB = 20 MB of file, 27 MB as base64).
 */
export const BRIDGE_MAX_CHARS = 50 * 1024 * 1024;
export const BRIDGE_TOO_LARGE = 'Request payload size exceeds the limit';

/** google.script.run's argument check and copy: Dates, functions and other non-data values are refused. */
function bridgeCopy(value: unknown, prop: string, seen: Set<unknown> = new Set()): unknown {
  if (value === null || value === undefined) return value ?? null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return value;
  if (t === 'number') return Number.isFinite(value) ? value : null;
  if (t === 'function' || t === 'symbol' || t === 'bigint' || isDate(value)) throw new Error(`Failed due to illegal value in property: ${prop}`);
  if (seen.has(value)) throw new Error(`Failed due to illegal value in property: ${prop}`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : bridgeCopy(v, String(i), seen)));
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) throw new Error(`Failed due to illegal value in property: ${prop}`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) if (v !== undefined) out[k] = bridgeCopy(v, k, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

function containsDate(value: unknown, depth = 0): boolean {
  if (isDate(value)) return true;
  if (value === null || typeof value !== 'object' || depth > 100) return false;
  return Object.values(value as object).some((v) => containsDate(v, depth + 1));
}

/**
 * The result side of google.script.run: a JSON-like copy into the caller's realm. A Date anywhere in
 * the result makes the whole result null (what the client's success handler receives from Google).
 */
function bridgeResult(result: unknown): unknown {
  if (result === undefined) return undefined;
  if (containsDate(result)) return null;
  const json = JSON.stringify(result);
  return json === undefined ? undefined : JSON.parse(json);
}
