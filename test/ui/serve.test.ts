// The preview server: serves the sidebar with the bridge shim, runs each call on a freshly loaded book and saves it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageWithShim, startServer, Served, BookStore, type Selection } from '../../src/local/serve';
import { main } from '../../src/local/cli';
import { complaint, MANAGER } from '../e2e/book';

jest.setTimeout(120_000);

interface Book {
  rows: string[];
}

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'serve-'));
  const htmlPath = join(dir, 'Sidebar.html');
  writeFileSync(htmlPath, '<!DOCTYPE html><html><head><title>x</title></head><body><div id="app"></div><script>boot()</script></body></html>');
  const disk: Record<string, Book> = {};
  const events: string[] = [];
  const store: BookStore<Book> = {
    load: (p) => {
      events.push('load');
      return { rows: [...(disk[p]?.rows ?? [])] };
    },
    save: (wb, p) => {
      events.push('save');
      disk[p] = { rows: [...wb.rows] };
    },
    lock: async (p, fn) => {
      events.push('lock');
      try {
        return await fn();
      } finally {
        events.push('unlock');
      }
    },
  };
  const seen: { fn: string; args: unknown[]; user?: string; now?: string; select?: Selection | null }[] = [];
  const host = ({ workbook, user, now, select }: { workbook: Book; user?: string; now?: string; select?: Selection | null }) => ({
    callFromClient(fn: string, args: unknown[]) {
      seen.push({ fn, args, user, now, select });
      if (fn === 'boom') throw new TypeError('bad things');
      if (fn === 'createRecord') {
        workbook.rows.push(String((args[1] as { subject: string }).subject));
        return { ok: true, id: `C-2026-000${workbook.rows.length}` };
      }
      if (fn === 'slow') return new Promise((ok) => setTimeout(() => ok({ ok: true, rows: workbook.rows.length }), 30));
      return { ok: true, rows: workbook.rows.length };
    },
  });
  return { dir, htmlPath, disk, events, store, seen, host, bookPath: join(dir, 'book.xlsx') };
}

let served: Served | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

/** A call as the served page makes it: this run's token (taken from the link) in X-Estate-Token unless `headers` replace it. */
const rpc = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL('rpc', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Estate-Token': new URL(url).searchParams.get('token') ?? '', ...headers },
    body: JSON.stringify(body),
  });

test('the page carries the shim before the sidebar script, every script with the nonce the CSP allows', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  expect(served.url).toBe(`${/^http:\/\/127\.0\.0\.1:\d+\//.exec(served.url)![0]}?token=${served.token}`);
  const res = await fetch(served.url);
  const html = await res.text();
  const csp = res.headers.get('content-security-policy') ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(html.indexOf('window.google')).toBeGreaterThan(0);
  expect(html.indexOf('window.google')).toBeLessThan(html.indexOf('boot()'));
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  expect(scripts).toHaveLength(2);
  for (const tag of scripts) expect(tag).toBe(`<script nonce="${nonce}">`);
});

test('pageWithShim works on a page without a head', () => {
  expect(pageWithShim('<body><script>x()</script></body>', 'N', 'T')).toMatch(/^<script nonce="N">[\s\S]*window\.google[\s\S]*<script nonce="N">x\(\)/);
});

test('each call loads the book, runs the entry point as the given user at the given time, and saves, under the lock', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath, as: 'clerk@estate.cn', now: '2026-11-02T09:00:00+08:00' });
  const first = await (await rpc(served.url, { fn: 'createRecord', args: ['complaints', { subject: '楼道灯不亮' }] })).json();
  expect(first).toEqual({ value: { ok: true, id: 'C-2026-0001' } });
  const second = await (await rpc(served.url, { fn: 'createRecord', args: ['complaints', { subject: '噪音' }] })).json();
  expect(second).toEqual({ value: { ok: true, id: 'C-2026-0002' } });
  expect(Object.values(f.disk)).toEqual([{ rows: ['楼道灯不亮', '噪音'] }]);
  expect(f.events).toEqual(['lock', 'load', 'save', 'unlock', 'lock', 'load', 'save', 'unlock']);
  expect(f.seen[0]).toEqual({ fn: 'createRecord', args: ['complaints', { subject: '楼道灯不亮' }], user: 'clerk@estate.cn', now: '2026-11-02T09:00:00+08:00', select: null });
});

test('the selection in the sheet reaches every call, and a new selection the calls after it', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath, select: { tab: '违章', a1: 'A2' } });
  await rpc(served.url, { fn: 'getRegisters', args: [] });
  await rpc(served.url, { fn: 'getSelectedRecord', args: [] });
  served.select({ tab: '投诉', a1: 'B5' });
  await rpc(served.url, { fn: 'getSelectedRecord', args: [] });
  served.select(null);
  await rpc(served.url, { fn: 'getSelectedRecord', args: [] });
  expect(f.seen.map((c) => c.select)).toEqual([{ tab: '违章', a1: 'A2' }, { tab: '违章', a1: 'A2' }, { tab: '投诉', a1: 'B5' }, null]);
});

test('a thrown error reaches the failure handler as {error}; the book is still saved', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const reply = await (await rpc(served.url, { fn: 'boom', args: [] })).json();
  expect(reply).toEqual({ error: { name: 'TypeError', message: 'bad things' } });
  expect(f.events).toEqual(['lock', 'load', 'save', 'unlock']);
});

test('concurrent calls run one after another', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  await Promise.all([rpc(served.url, { fn: 'slow', args: [] }), rpc(served.url, { fn: 'slow', args: [] }), rpc(served.url, { fn: 'slow', args: [] })]);
  expect(f.events.join(',')).toBe(Array(3).fill('lock,load,save,unlock').join(','));
});

test.each([
  ['a call without the token', { fn: 'createRecord', args: [] }, { 'X-Estate-Token': '' }, 403],
  ['a call with a wrong token', { fn: 'createRecord', args: [] }, { 'X-Estate-Token': 'x'.repeat(43) }, 403],
  ['a form post from elsewhere', { fn: 'createRecord', args: [] }, { 'Content-Type': 'text/plain' }, 403],
  ['another origin', { fn: 'createRecord', args: [] }, { Origin: 'http://evil.example' }, 403],
  ['a private function', { fn: 'helper_', args: [] }, {}, 400],
  ['a non-name', { fn: 'a.b', args: [] }, {}, 400],
  ['args that are not a list', { fn: 'getRegisters', args: { a: 1 } }, {}, 400],
])('refuses %s without touching the book', async (_what, body, headers, status) => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const res = await rpc(served.url, body, headers);
  expect(res.status).toBe(status);
  expect(f.events).toEqual([]);
  expect(f.seen).toEqual([]);
});

test('refuses requests addressed to another host name', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const { request } = await import('node:http');
  const status = await new Promise<number>((ok, fail) => {
    const req = request(served!.url, { headers: { Host: 'attacker.example' } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
  expect(status).toBe(421);
});

test('says how to build when dist/Sidebar.html is missing', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: join(f.dir, 'none.html') });
  const res = await fetch(served.url);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('npm run build');
});

test('the page carries a fresh token each run, and is not served without it', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const first = served.token;
  expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const html = await (await fetch(served.url)).text();
  // In the nonced shim script, so the CSP lets the bridge read it.
  expect(html).toMatch(new RegExp(`<script nonce="[^"]+">\\s*\\(function \\(\\) \\{\\s*var token = "${first}"`));
  const bare = new URL(served.url);
  bare.search = '';
  for (const link of [bare.href, `${bare.href}?token=wrong`, `${bare.href}Sidebar.html`]) {
    const res = await fetch(link);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(first);
  }
  await served.close();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  expect(served.token).not.toBe(first);
});

test('a call with a token from an earlier run is refused with a one-line JSON error', async () => {
  const f = fixture();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const old = served.token;
  await served.close();
  served = await startServer({ bookPath: f.bookPath, host: f.host, store: f.store, htmlPath: f.htmlPath });
  const res = await rpc(served.url, { fn: 'createRecord', args: ['complaints', { subject: '噪音' }] }, { 'X-Estate-Token': old });
  expect(res.status).toBe(403);
  const text = await res.text();
  expect(text).not.toContain('\n');
  expect(JSON.parse(text)).toEqual({ error: { name: 'Error', message: expect.stringContaining('X-Estate-Token') } });
  expect(f.events).toEqual([]);
  expect(f.seen).toEqual([]);
});

test('estate-registers serve prints the link with the token; only calls carrying it reach the .xlsx', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
  const book = join(dir, 'book.xlsx');
  const as = ['--as', MANAGER, '--now', '2026-11-25T09:00:00+08:00'];
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const before = process.rawListeners('SIGINT');
  try {
    expect(await main(['init', book, ...as])).toBe(0);
    const running = main(['serve', book, '--port', '0', ...as]);
    while (!lines.some((l) => l.startsWith('Sidebar for'))) await new Promise((r) => setTimeout(r, 20));
    const line = lines.filter((l) => l.startsWith('Sidebar for'));
    expect(line).toHaveLength(1);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}/.exec(line[0])![0];

    const bytes = readFileSync(book);
    const create = { fn: 'createRecord', args: ['complaints', complaint()] };
    for (const headers of [{ 'X-Estate-Token': '' }, { 'X-Estate-Token': 'A'.repeat(43) }, { 'X-Estate-Token': `${new URL(url).searchParams.get('token')}x` }]) {
      expect((await rpc(url, create, headers)).status).toBe(403);
      expect(readFileSync(book).equals(bytes)).toBe(true);
    }
    const page = await (await fetch(url)).text();
    expect(page).toContain(new URL(url).searchParams.get('token'));
    const ok = await rpc(url, create);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ value: expect.objectContaining({ ok: true }) });
    expect(readFileSync(book).equals(bytes)).toBe(false);

    // Ctrl-C, as a person would stop it.
    const stop = process.rawListeners('SIGINT').find((l) => !before.includes(l)) as () => void;
    stop();
    expect(await running).toBe(0);
  } finally {
    log.mockRestore();
  }
});
