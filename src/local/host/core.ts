// Shared state of one local host: the vm realm's intrinsics, the pinned clock, call counters and recorded UI/mail/PDF output.
import vm from 'node:vm';
import type { Rect, Workbook } from './model';
import type { Quirk } from './quirks';

export interface SentMail {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
  name: string;
  replyTo: string;
  attachments: { name: string; contentType: string; size: number; bytes: Buffer }[];
  at: Date;
}

export interface MenuItemRecord {
  caption?: string;
  fn?: string;
  separator?: true;
  submenu?: MenuRecord;
}
export interface MenuRecord {
  title: string | null;
  addon: boolean;
  items: MenuItemRecord[];
}
export interface HtmlShown {
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  at: Date;
}
export interface UiRecord {
  menus: MenuRecord[];
  sidebars: HtmlShown[];
  dialogs: (HtmlShown & { modal: boolean })[];
  alerts: { title: string; message: string; buttons: string; at: Date }[];
  toasts: { message: string; title: string; at: Date }[];
  /** Answers the next alert/prompt calls take, first in first out ("OK", "YES", "NO", "CANCEL", "CLOSE"). */
  responses: { button?: string; text?: string }[];
}

export interface PdfRequest {
  docId: string;
  name: string;
  html: string;
  /** The Drive file the PDF blob was saved as, once folder.createFile() stored it. */
  fileId: string | null;
  at: Date;
}

/** Intrinsics of the vm realm, so values handed to Code.js are the vm's own Arrays, Dates and Errors. */
export interface Realm {
  RealDate: DateConstructor;
  newArray(n: number): unknown[];
  arrayFrom<T>(a: ArrayLike<T>): T[];
  error(message: string, name?: string): Error;
  parseJson(text: string): unknown;
}

const BOOTSTRAP = `(function (hostNow, intlQuirks) {
  'use strict';
  // The no-longoffset and no-intl-tz quirks: a V8 whose Intl lacks timeZoneName 'longOffset'
  // (older ICU throws a RangeError), or one that checks timeZone but formats in UTC regardless.
  if (intlQuirks.noLongOffset || intlQuirks.noIntlTz) {
    var RealDTF = Intl.DateTimeFormat;
    var DTF = function DateTimeFormat(locales, options) {
      var o = options === undefined ? {} : Object.assign({}, options);
      if (intlQuirks.noLongOffset && (o.timeZoneName === 'longOffset' || o.timeZoneName === 'shortOffset' || o.timeZoneName === 'longGeneric' || o.timeZoneName === 'shortGeneric'))
        throw new RangeError('Value ' + o.timeZoneName + ' out of range for Intl.DateTimeFormat options property timeZoneName');
      if (intlQuirks.noIntlTz) {
        if (o.timeZone !== undefined) new RealDTF(locales, o);
        o.timeZone = 'UTC';
      }
      return new RealDTF(locales, o);
    };
    DTF.prototype = RealDTF.prototype;
    DTF.supportedLocalesOf = RealDTF.supportedLocalesOf;
    Object.defineProperty(Intl, 'DateTimeFormat', { value: DTF, writable: true, configurable: true, enumerable: false });
    if (intlQuirks.noIntlTz) {
      ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].forEach(function (name) {
        var real = Date.prototype[name];
        Object.defineProperty(Date.prototype, name, { value: function (locales, options) { return real.call(this, locales, Object.assign({}, options, { timeZone: 'UTC' })); }, writable: true, configurable: true });
      });
    }
  }
  var RealDate = Date;
  function Date_() {
    if (!new.target) return new RealDate(hostNow()).toString();
    var args = Array.prototype.slice.call(arguments);
    if (args.length === 0) args = [hostNow()];
    return Reflect.construct(RealDate, args, new.target === Date_ ? RealDate : new.target);
  }
  Date_.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date_, writable: true, configurable: true });
  Date_.now = function now() { return hostNow(); };
  Date_.UTC = RealDate.UTC;
  Date_.parse = RealDate.parse;
  Object.defineProperty(Date_, 'name', { value: 'Date' });
  Object.defineProperty(globalThis, 'Date', { value: Date_, writable: true, configurable: true, enumerable: false });
  var slice = Array.prototype.slice;
  return {
    RealDate: RealDate,
    newArray: function (n) { return new Array(n); },
    arrayFrom: function (a) { return slice.call(a); },
    error: function (message, name) { var e = new Error(message); if (name) e.name = name; return e; },
    parseJson: function (text) { return JSON.parse(text); }
  };
})`;

export function makeRealm(context: vm.Context, now: () => number, quirks: ReadonlySet<Quirk> = new Set()): Realm {
  const install = vm.runInContext(BOOTSTRAP, context, { filename: 'host-bootstrap.js' }) as (n: () => number, q: object) => Realm;
  return install(now, { noLongOffset: quirks.has('no-longoffset'), noIntlTz: quirks.has('no-intl-tz') });
}

export class HostCore {
  counters: Record<string, number> = {};
  /** Cells the script read (getValues & co.) and wrote (setValues, setValue, RangeList.setValue), whatever the calls. */
  readonly cells = { read: 0, written: 0 };
  /** Tests: runs before every counted service call, with its counter name (e.g. to type into a cell mid-run). */
  onCall: ((name: string) => void) | null = null;
  outbox: SentMail[] = [];
  pdfRequests: PdfRequest[] = [];
  logs: string[] = [];
  ui: UiRecord = { menus: [], sidebars: [], dialogs: [], alerts: [], toasts: [], responses: [] };
  /** The selection SpreadsheetApp.getActiveRange() reports; null = A1 of the active sheet. */
  selection: { sheetId: number; rect: Rect } | null = null;
  /** The tab this user's session has active (per host, like a browser tab); null = the first visible tab. */
  activeSheetId: number | null = null;
  /** False while a trigger runs: SpreadsheetApp.getUi() then throws as in Google. */
  uiAvailable = true;
  /** True while the web app (doGet, or a call from its page) runs: no UI, and perhaps no active spreadsheet. */
  webApp = false;
  /** The manifest's oauthScopes: what SpreadsheetApp.openById needs is checked against them. */
  scopes: readonly string[] = [];
  /** Lock keys this host's current execution holds; released when the execution ends. */
  readonly heldLocks = new Map<string, () => void>();
  realm!: Realm;
  context!: vm.Context;
  private pinned: number | null;
  private skew = 0;

  constructor(
    public workbook: Workbook,
    public user: string,
    public readonly scriptTimeZone: string,
    public readonly htmlDir: string,
    now: Date | string | undefined,
    public readonly tickMs: number,
    public mailQuota: number,
    public readonly locale: string,
    public readonly log: ((line: string) => void) | undefined,
    public readonly quirks: ReadonlySet<Quirk> = new Set(),
  ) {
    this.pinned = now === undefined ? null : toMs(now);
    this.activeSheetId = workbook.activeSheetId;
  }

  quirk(name: Quirk): boolean {
    return this.quirks.has(name);
  }

  releaseLocks(): void {
    const releases = [...this.heldLocks.values()];
    this.heldLocks.clear();
    for (const release of releases) release();
  }

  now(): number {
    return this.pinned === null ? Date.now() + this.skew : this.pinned;
  }

  setNow(d: Date | string): void {
    this.pinned = toMs(d);
  }

  advance(ms: number): void {
    if (this.pinned === null) this.skew += ms;
    else this.pinned += ms;
  }

  count(name: string): void {
    this.counters[name] = (this.counters[name] ?? 0) + 1;
    if (this.tickMs) this.advance(this.tickMs);
    this.onCall?.(name);
  }

  /** Builds an Error of the vm realm, so `e instanceof Error` holds inside Code.js. */
  error(message: string, name?: string): Error {
    return this.realm.error(message, name);
  }

  fail(message: string): never {
    throw this.error(message);
  }

  vmDate(ms: number): Date {
    return new this.realm.RealDate(ms);
  }

  arr<T>(a: ArrayLike<T>): T[] {
    return this.realm.arrayFrom(a);
  }

  /** A plain data value (JSON-able) re-made in the vm realm. */
  data<T>(value: T): T {
    return this.realm.parseJson(JSON.stringify(value)) as T;
  }
}

function toMs(d: Date | string): number {
  const ms = typeof d === 'string' ? Date.parse(d) : d.getTime();
  if (Number.isNaN(ms)) throw new Error(`Not a valid time: ${String(d)}`);
  return ms;
}

/** Anything the fakes hand out carries its host, so counting can be per host. */
export interface HasHost {
  readonly h: HostCore;
}

/**
 * Wraps every public method of a fake class so each call is counted as `<prefix>.<method>`.
 * Methods whose name starts with "_" are internal and not counted.
 */
export function instrument(cls: { prototype: object }, prefix: string): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of methodNames(proto)) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    // Inherited methods are counted under this class's prefix too (a wrapper on this prototype).
    const desc = Object.getOwnPropertyDescriptor(proto, name) ?? descriptorInChain(proto, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const fn = desc.value as (...args: unknown[]) => unknown;
    const key = `${prefix}.${name}`;
    const wrapped = function (this: HasHost, ...args: unknown[]) {
      this.h.count(key);
      return fn.apply(this, args);
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(proto, name, { ...desc, value: wrapped });
  }
}

/** Method names of a prototype and the fake base classes above it (not Object's). */
function methodNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) names.add(n);
  }
  return [...names];
}

function descriptorInChain(proto: object, name: string): PropertyDescriptor | undefined {
  for (let p: object | null = Object.getPrototypeOf(proto); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d;
  }
  return undefined;
}

/** True for a Date of any realm (a vm Date fails `instanceof Date` in the host). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A Google user as scripts see one (Session, Protection editors). */
export class FakeUser implements Like<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    readonly h: HostCore,
    readonly email: string,
  ) {}
  getEmail() {
    return this.email;
  }
  toString() {
    return this.email;
  }
}

/** Maps an API's members to "same parameters, any result", so fakes keep Google's names and parameter types. */
export type Like<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : T[P];
};

instrument(FakeUser, 'Base.User');
