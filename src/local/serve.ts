// The sidebar preview server: dist/Sidebar.html in a real browser, google.script.run bridged to the local host.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { withFileLock } from './filelock';
import { BRIDGE_MAX_CHARS, createHost, type Workbook } from './host';
import { loadWorkbook, saveWorkbook } from './xlsx';

/** What the server needs from a local host: run one entry point exactly as google.script.run would. */
export interface ClientHost {
  callFromClient(fn: string, args: unknown[]): unknown;
  /** Runs a top-level function as Google would (the web app's doGet); hosts without it serve no /m. */
  call?(fn: string, ...args: unknown[]): unknown;
  /** Runs body as the deployed web app runs its calls (the /m page); hosts without it run them as the sidebar's. */
  asWebApp?<T>(body: () => T): T;
  /** Dialogs the call opened (showModalDialog), shown over the page as Sheets would. */
  readonly ui?: { dialogs: { title: string; content: string }[] };
}

/** A selection in the sheet, as a person would make it: a tab's name and an A1 range (e.g. 违章, A2). */
export interface Selection {
  tab: string;
  a1: string;
}

export interface HostOptions<W> {
  workbook: W;
  /** The acting user's email (`--as`). */
  user?: string;
  /** A pinned clock (`--now`, ISO). */
  now?: string;
  /** What the user has selected in the sheet; null = nothing (A1 of the active tab). */
  select?: Selection | null;
}
export type HostFactory<W> = (opts: HostOptions<W>) => ClientHost;

/** Reading and writing the .xlsx, and the lock other processes (the CLI) respect too. */
export interface BookStore<W> {
  load(path: string): Promise<W> | W;
  save(workbook: W, path: string): Promise<void> | void;
  lock<T>(path: string, fn: () => Promise<T>): Promise<T>;
}

export interface ServeOptions<W = Workbook> {
  bookPath: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Default: the local Apps Script host running dist/Code.js. */
  host?: HostFactory<W>;
  /** Default: the .xlsx on disk, under the same file lock the CLI takes. */
  store?: BookStore<W>;
  as?: string;
  now?: string;
  /**
   * The selection each call sees. In Sheets it lives in the browser tab, not in the file, so it is
   * kept here and given to every fresh host ("Generate notice" acts on the selected row).
   */
  select?: Selection | null;
  /** The built sidebar; default dist/Sidebar.html of this package. */
  htmlPath?: string;
}

export interface Served {
  /** The page's address, with this run's token in it: the only way to open the sidebar. */
  url: string;
  /** This run's token: the page needs it in ?token=, every /rpc call in the X-Estate-Token header. */
  token: string;
  /** Changes the selection later calls see, as a person clicking another row would. */
  select(selection: Selection | null): void;
  close(): Promise<void>;
}

// As much as one google.script.run call carries (the host refuses past it, as Google would), plus the envelope.
const MAX_BODY = BRIDGE_MAX_CHARS + 64 * 1024;
const NAME = /^[A-Za-z_$][\w$]*$/;

/** The package root: the nearest folder above this file with a package.json (works from src/ and from build/). */
function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const defaultHtmlPath = (): string => join(packageRoot(), 'dist', 'Sidebar.html');

/** The real thing: dist/Code.js in the local host, on the workbook read from and saved to the .xlsx. */
export function localHost(codePath = join(packageRoot(), 'dist', 'Code.js')): HostFactory<Workbook> {
  return ({ workbook, user, now, select }) => {
    const host = createHost({ codePath, htmlDir: dirname(codePath), workbook, user, now });
    if (select) host.select(select.tab, select.a1);
    return host;
  };
}
export const xlsxStore: BookStore<Workbook> = {
  load: (path) => loadWorkbook(path),
  save: (workbook, path) => saveWorkbook(workbook, path),
  lock: (path, fn) => withFileLock(path, fn),
};

/** The header every /rpc call carries this run's token in. */
export const TOKEN_HEADER = 'X-Estate-Token';

/**
 * The browser half of the bridge: google.script.run with the real chaining API, posting {fn, args} to /rpc
 * with this run's token. Like the real bridge it refuses Dates and functions in arguments instead of
 * silently stringifying them.
 */
export const shim = (token: string): string => `(function () {
  var token = ${JSON.stringify(token)};
  function illegal(v, depth) {
    if (depth > 50) return true;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === undefined) return false;
    if (typeof v === 'function' || v instanceof Date) return true;
    if (Array.isArray(v)) return v.some(function (x) { return illegal(x, depth + 1); });
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return true;
    return Object.keys(v).some(function (k) { return illegal(v[k], depth + 1); });
  }
  function send(fn, args, ok, fail, user) {
    var bad = -1;
    args.forEach(function (a, i) { if (bad < 0 && illegal(a, 0)) bad = i; });
    if (bad >= 0) { setTimeout(function () { fail(new Error('Failed due to illegal value in property: ' + bad), user); }); return; }
    fetch('rpc', { method: 'POST', headers: { 'Content-Type': 'application/json', '${TOKEN_HEADER}': token }, body: JSON.stringify({ fn: fn, args: args, web: location.pathname === '/m' }) })
      .then(function (r) { return r.json(); })
      .then(function (reply) {
        if (reply && 'error' in reply) { var e = new Error(reply.error.message); e.name = reply.error.name || 'Error'; fail(e, user); }
        else { (reply.dialogs || []).forEach(dialog); ok(reply.value, user); }
      }, function (e) { fail(e instanceof Error ? e : new Error(String(e)), user); });
  }
  // A dialog the call opened, over the page like Sheets' modal: its HTML in a sandboxed frame, no scripts.
  function dialog(d) {
    var back = document.createElement('div');
    back.setAttribute('data-testid', 'host-dialog');
    back.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:9999;display:flex;flex-direction:column;padding:16px;box-sizing:border-box';
    var bar = document.createElement('div');
    bar.style.cssText = 'display:flex;justify-content:space-between;align-items:center;background:#fff;padding:6px 10px;font:14px sans-serif';
    var title = document.createElement('strong');
    title.textContent = d.title;
    var close = document.createElement('button');
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'close');
    close.onclick = function () { back.remove(); };
    bar.appendChild(title);
    bar.appendChild(close);
    var frame = document.createElement('iframe');
    frame.setAttribute('sandbox', '');
    frame.style.cssText = 'flex:1;border:0;background:#fff;width:100%';
    frame.srcdoc = d.html;
    back.appendChild(bar);
    back.appendChild(frame);
    document.body.appendChild(back);
  }
  function runner(ok, fail, user) {
    var base = {
      withSuccessHandler: function (f) { return runner(f, fail, user); },
      withFailureHandler: function (f) { return runner(ok, f, user); },
      withUserObject: function (u) { return runner(ok, fail, u); }
    };
    return new Proxy(base, {
      get: function (t, name) {
        if (name in t) return t[name];
        if (typeof name !== 'string') return undefined;
        return function () { send(name, Array.prototype.slice.call(arguments), ok, fail, user); };
      }
    });
  }
  var noop = function () {};
  window.google = { script: {
    run: runner(noop, function (e) { console.error(e); }, undefined),
    host: { close: function () { window.close(); }, setHeight: noop, setWidth: noop, editor: { focus: noop } }
  } };
})();`;

/** The built sidebar with the shim (holding this run's token) in front of its script; every script carries the page's nonce. */
export function pageWithShim(html: string, nonce: string, token: string): string {
  const withNonce = html.replace(/<script(?=[\s>])/gi, `<script nonce="${nonce}"`);
  const bridge = `<script nonce="${nonce}">\n${shim(token)}\n</script>\n`;
  return /<\/head>/i.test(withNonce) ? withNonce.replace(/<\/head>/i, () => `${bridge}</head>`) : bridge + withNonce;
}

/** A per-run secret: other local processes cannot guess it, and a server from an earlier run does not accept it. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time, so a caller cannot learn the token a byte at a time from response times. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function csp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    'img-src data: https:',
    'font-src data:',
    "connect-src 'self'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function send(res: http.ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/** Names this server answers to; anything else is a page on another site reaching us through DNS rebinding. */
const ourHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

/** Only this page may call /rpc: a JSON body (which forces a CORS preflight elsewhere) and, if sent, our own origin. */
function fromOurPage(req: http.IncomingMessage, port: number): boolean {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/json')) return false;
  const from = req.headers.origin;
  return from === undefined || ourHosts(port).some((h) => from === `http://${h}`);
}

function parseCall(body: string): { fn: string; args: unknown[]; web: boolean } | null {
  try {
    const call = JSON.parse(body) as { fn?: unknown; args?: unknown; web?: unknown };
    if (typeof call.fn !== 'string' || !NAME.test(call.fn) || call.fn.endsWith('_')) return null;
    const args = call.args === undefined ? [] : call.args;
    return Array.isArray(args) ? { fn: call.fn, args, web: call.web === true } : null;
  } catch {
    return null;
  }
}

/** Calls run one at a time in this process, and under the file lock against other processes. */
function serialised(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

function errorReply(e: unknown): { error: { name: string; message: string } } {
  const err = e as { name?: unknown; message?: unknown };
  return { error: { name: typeof err?.name === 'string' ? err.name : 'Error', message: typeof err?.message === 'string' ? err.message : String(e) } };
}

/** One sidebar call: load the book, run the entry point, save the book — even after a throw, as Sheets keeps writes made before one. */
async function runCall<W>(opts: ServeOptions<W>, parts: Parts<W>, bookPath: string, fn: string, args: unknown[], web = false): Promise<{ value: unknown; dialogs: { title: string; html: string }[] }> {
  const { host: makeHost, store } = parts;
  return store.lock(bookPath, async () => {
    const workbook = await store.load(bookPath);
    const host = makeHost({ workbook, user: opts.as, now: opts.now, select: parts.selection() });
    const before = host.ui?.dialogs.length ?? 0;
    try {
      const value = await (web && host.asWebApp ? host.asWebApp(() => host.callFromClient(fn, args)) : host.callFromClient(fn, args));
      const dialogs = (host.ui?.dialogs ?? []).slice(before).map((d) => ({ title: d.title, html: d.content }));
      return { value, dialogs };
    } finally {
      await store.save(workbook, bookPath);
    }
  });
}

/** doGet's output read without saving: the page is only read. Its meta tags (addMetaTag) go first, as Google puts them in the head. */
async function runPage<W>(opts: ServeOptions<W>, parts: Parts<W>, bookPath: string): Promise<{ html: string; metas: string } | null> {
  return parts.store.lock(bookPath, async () => {
    const host = parts.host({ workbook: await parts.store.load(bookPath), user: opts.as, now: opts.now, select: null });
    if (!host.call) return null;
    const get = () => host.call!('doGet', { parameter: {} });
    const out = (host.asWebApp ? host.asWebApp(get) : get()) as { getContent(): string; metaTags?: { name: string; content: string }[] };
    const esc = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return { html: out.getContent(), metas: (out.metaTags ?? []).map((m) => `<meta name="${esc(m.name)}" content="${esc(m.content)}">`).join('') };
  });
}

interface Parts<W> {
  host: HostFactory<W>;
  store: BookStore<W>;
  selection(): Selection | null;
}

/** Without injected parts the server runs the real bundle on the real file, so both must exist before it starts. */
function partsOf<W>(opts: ServeOptions<W>, bookPath: string): Omit<Parts<W>, 'selection'> {
  if (opts.host && opts.store) return { host: opts.host, store: opts.store };
  if (!opts.store && !existsSync(bookPath)) throw new Error(`${bookPath}: no such workbook; create it first with \`init\``);
  const codePath = join(packageRoot(), 'dist', 'Code.js');
  if (!opts.host && !existsSync(codePath)) throw new Error('dist/Code.js is missing: run `npm run build` first');
  return {
    host: opts.host ?? (localHost(codePath) as unknown as HostFactory<W>),
    store: opts.store ?? (xlsxStore as unknown as BookStore<W>),
  };
}

/** Starts the preview server on 127.0.0.1; `close()` stops it. */
export async function startServer<W = Workbook>(opts: ServeOptions<W>): Promise<Served> {
  const bookPath = resolve(opts.bookPath);
  let selection: Selection | null = opts.select ?? null;
  const parts: Parts<W> = { ...partsOf(opts, bookPath), selection: () => selection };
  const htmlPath = opts.htmlPath ?? defaultHtmlPath();
  const queue = serialised();
  const token = newToken();
  let port = 0;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (!ourHosts(port).includes(String(req.headers.host ?? ''))) return send(res, 421, 'text/plain', 'wrong host\n');
    if (req.method === 'GET' && (path === '/' || path === '/Sidebar.html')) {
      // The page hands out the token, so it is shown only to whoever has the printed link.
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const given = query.get('token');
      if (!tokenMatches(token, given ?? undefined)) {
        return send(res, 403, 'text/plain; charset=utf-8', '请打开 estate-registers serve 打印的完整链接（含本次运行的 token）。\nOpen the full link printed by estate-registers serve (it carries this run\'s token).\n');
      }
      if (!existsSync(htmlPath)) return send(res, 503, 'text/plain; charset=utf-8', `${htmlPath} is missing: run npm run build first.\n`);
      const nonce = randomBytes(16).toString('base64');
      // ?view=import opens the page as the menu's 导入旧台账 does on Google: a meta tag appended after it.
      const view = query.get('view') === 'import' ? '<meta name="er-view" content="import">' : '';
      return send(res, 200, 'text/html; charset=utf-8', pageWithShim(readFileSync(htmlPath, 'utf8'), nonce, token) + view, { 'Content-Security-Policy': csp(nonce) });
    }
    if (req.method === 'GET' && path === '/m') {
      // The phone web app, as doGet serves it on Google: the page or, for someone outside Roles, only a refusal.
      if (!tokenMatches(token, new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined)) return send(res, 403, 'text/plain; charset=utf-8', 'wrong or missing token\n');
      const page = await queue(() => runPage(opts, parts, bookPath));
      if (!page) return send(res, 404, 'text/plain', 'not found\n');
      const nonce = randomBytes(16).toString('base64');
      const html = page.metas + (page.html.includes('er-view') ? pageWithShim(page.html, nonce, token) : page.html);
      return send(res, 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': csp(nonce) });
    }
    if (path === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only\n', { Allow: 'POST' });
      if (!fromOurPage(req, port)) return sendJson(res, 403, errorReply(new Error('calls are accepted from the sidebar page only')));
      if (!tokenMatches(token, req.headers[TOKEN_HEADER.toLowerCase()])) {
        return sendJson(res, 403, errorReply(new Error(`missing or wrong ${TOKEN_HEADER}: reload the link this run printed`)));
      }
      const call = parseCall(await readBody(req));
      if (!call) return sendJson(res, 400, errorReply(new Error('expected {"fn": "<entry point>", "args": [...]}')));
      try {
        const { value, dialogs } = await queue(() => runCall(opts, parts, bookPath, call.fn, call.args, call.web));
        return sendJson(res, 200, { value: value === undefined ? null : value, ...(dialogs.length ? { dialogs } : {}) });
      } catch (e) {
        return sendJson(res, 200, errorReply(e));
      }
    }
    if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
    send(res, 404, 'text/plain', 'not found\n');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendJson(res, 500, errorReply(e));
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    select: (next) => {
      selection = next;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
