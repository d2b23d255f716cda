// The real sidebar in headless Chromium at 300px, against dist/Code.js in the local host, on a real .xlsx.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHost, newWorkbook } from '../../src/local/host';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';
import { columnsOf, REGISTERS } from '../../src/domain/registers';
import { optionFromLabel } from '../../src/domain/labels';
import { msg } from '../../src/domain/messages';

const ROOT = join(__dirname, '../..');
const CODE = join(ROOT, 'dist/Code.js');
const HTML = join(ROOT, 'dist/Sidebar.html');
const ARTIFACTS = join(ROOT, 'artifacts');
const NOW = '2026-11-02T09:00:00+08:00';
const MANAGER = 'manager@estate.example';
const CLERK = 'clerk@estate.example';
const SUPERVISOR = 'supervisor@estate.example';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A register's rows as read straight from the .xlsx with exceljs, keyed by field key via the zh-Hans headers. */
async function rowsOf(bookPath: string, register: keyof typeof REGISTERS): Promise<Record<string, unknown>[]> {
  const def = REGISTERS[register];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bookPath);
  const ws = wb.getWorksheet(def.label['zh-Hans']);
  if (!ws) throw new Error(`no tab ${def.label['zh-Hans']} in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const keyAt = new Map(columnsOf(def).map((f) => [headers.indexOf(f.label['zh-Hans']), f.key]));
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const rec: Record<string, unknown> = {};
    (row.values as unknown[]).forEach((v, i) => {
      const key = keyAt.get(i);
      if (key) rec[key] = v;
    });
    if (rec.id || rec.seq || rec.date) rows.push(rec);
  });
  return rows;
}

async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').trim();
}

/** Waits until the element's text matches, and returns it. */
async function waitText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    ([sel, src, flags]) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''),
    [selector, pattern.source, pattern.flags] as const,
  );
  return textOf(page, selector);
}

let dir: string;
let bookPath: string;
/** The fresh book with one violation whose rectification is ordered: the row a person selects. */
let violationBook: string;
let served: Served;
let browser: Browser;
let page: Page;
const calls: string[] = [];
const problems: string[] = [];

/** A 300px sidebar page that records its calls and any script error or CSP violation into `problems`. */
async function sidebarPage(url: string, log: string[] = []): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await context.newPage();
  p.setDefaultTimeout(30_000);
  p.on('request', (r) => {
    if (r.url().endsWith('/rpc')) log.push(String((JSON.parse(r.postData() ?? '{}') as { fn?: string }).fn));
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await p.goto(url);
  await p.waitForSelector('[data-testid=register]');
  return p;
}

beforeAll(async () => {
  if (!existsSync(CODE) || !existsSync(HTML)) throw new Error('dist/Code.js and dist/Sidebar.html are needed: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'sidebar-'));
  const fresh = join(dir, 'fresh.xlsx');
  // The workbook is set up by the real bundle with the office details setup asks for, then a clerk is added.
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  expect(host.callFromClient('setupWorkbook', ['zh-Hans', { office_phone: '0755-86001234', office_address: '翠湖路88号' }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: CLERK, name: '张敏', roles: ['clerk'] }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: SUPERVISOR, name: '李强', roles: ['supervisor'] }])).toMatchObject({ ok: true });
  await saveWorkbook(workbook, fresh);
  bookPath = join(dir, 'book.xlsx');
  copyFileSync(fresh, bookPath);

  const found = { found_at: '2026-11-01T20:30:00+08:00', unit: '7-1101', party: '赵先生', category: 'decoration', severity: 'general', description: '阳台违规搭建雨棚' };
  const v = host.callFromClient('createRecord', ['violations', found]) as { ok: boolean; id: string; version: number };
  expect(v).toMatchObject({ ok: true, id: 'V-2026-0001' });
  expect(host.callFromClient('transition', ['violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-11-09T18:00:00+08:00' }])).toMatchObject({ ok: true });
  // Two complaints for the to-do list at 09:00: one never dispatched (late), one whose resolve is due within the day.
  expect(host.callFromClient('createRecord', ['complaints', { received_at: '2026-11-02T06:15:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-502', subject: '楼道灯不亮', class: 'minor' }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['complaints', { received_at: '2026-11-02T08:50:00+08:00', channel: 'visit', complainant: '陈先生', unit: '5-1101', subject: '电梯异响', class: 'important' }])).toMatchObject({ ok: true });
  violationBook = join(dir, 'violation.xlsx');
  await saveWorkbook(workbook, violationBook);

  served = await startServer({ bookPath, as: CLERK, now: NOW });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
  page = await sidebarPage(served.url, calls);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  // No script errors and no CSP violations while the page was used.
  expect(problems).toEqual([]);
});

test('the sidebar opens in the office language for the signed-in clerk', async () => {
  expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
  expect(await textOf(page, '[data-testid=user]')).toContain('张敏');
  const labels = await page.$$eval('[data-testid=register] option', (os) => os.map((o) => o.textContent));
  expect(labels).toEqual(expect.arrayContaining(['投诉', '违章', '值班记录']));
});

test('a clerk records a complaint: the new id shows, and the row is in the .xlsx', async () => {
  await page.selectOption('[data-testid=register]', 'complaints');
  await page.waitForSelector('form[data-register=complaints]');
  // Only what is known at receipt is asked; stamps and system columns are not in the form.
  expect(await page.$$eval('form[data-register=complaints] [data-error-for]', (ns) => ns.map((n) => (n as HTMLElement).dataset.errorFor))).not.toEqual(
    expect.arrayContaining(['id', 'status', 'dispatched_at', 'created_by']),
  );
  await page.fill('[name=received_at]', '2026-11-02T08:40');
  await page.fill('[name=complainant]', '王女士');
  await page.fill('[name=unit]', '3-1201');
  await page.fill('[name=subject]', '楼道灯不亮');
  await page.selectOption('[name=class]', 'minor');
  await page.click('[data-testid=submit]');

  const result = await waitText(page, '[data-testid=result]', /C-2026-\d{4}/);
  const id = /C-2026-\d{4}/.exec(result)![0];
  expect(result).toBe(`已登记，编号 ${id}`);
  await page.waitForSelector(`[data-testid=records] li[data-id="${id}"]`);
  expect(await textOf(page, `li[data-id="${id}"] .state`)).toBe('已受理');

  const rows = await rowsOf(bookPath, 'complaints');
  const row = rows.find((r) => r.id === id);
  expect(row).toMatchObject({ complainant: '王女士', unit: '3-1201', subject: '楼道灯不亮', created_by: CLERK });
  expect(optionFromLabel('complaints', 'class', String(row!.class))).toBe('minor');
  expect(rows).toHaveLength(1);
});

test('a missing required field is shown beside the field and nothing is written — by the sidebar, and by the server when the sidebar does not check', async () => {
  await page.selectOption('[data-testid=register]', 'complaints');
  await page.waitForSelector('form[data-register=complaints]');
  const before = (await rowsOf(bookPath, 'complaints')).length;
  const creates = () => calls.filter((c) => c === 'createRecord').length;
  const sent = creates();

  await page.fill('[name=complainant]', '');
  await page.fill('[name=subject]', '电梯异响');
  await page.selectOption('[name=class]', 'important');
  await page.click('[data-testid=submit]');
  // The sidebar's own check is the server's zod schema: the same words the server would send back.
  expect(await waitText(page, '[data-error-for=complainant]', /\S/)).toBe(msg('required', 'zh-Hans'));
  expect(msg('required', 'zh-Hans')).toBe('必填');
  expect(await textOf(page, '[data-error-for=subject]')).toBe('');
  expect(await textOf(page, '[data-testid=result]')).toBe('');
  expect(creates()).toBe(sent);

  // A limit only the schema knows (500 characters for a one-line field) is caught before sending too.
  await page.fill('[name=complainant]', '王女士');
  await page.fill('[name=subject]', '噪'.repeat(501));
  await page.click('[data-testid=submit]');
  expect(await waitText(page, '[data-error-for=subject]', /\S/)).toBe(msg('too_long', 'zh-Hans', { max: 500 }));
  expect(await textOf(page, '[data-error-for=complainant]')).toBe('');
  expect(creates()).toBe(sent);
  await page.fill('[name=subject]', '电梯异响');
  await page.fill('[name=complainant]', '');

  // The server is the authority: with the sidebar's own check off, it refuses the same entry.
  await page.$eval('form[data-register=complaints]', (f) => ((f as HTMLFormElement).dataset.clientCheck = 'off'));
  await page.$eval('[data-error-for=complainant]', (n) => (n.textContent = ''));
  await page.click('[data-testid=submit]');
  await page.waitForFunction(() => document.querySelector('[data-error-for=complainant]')?.textContent !== '');
  expect(creates()).toBe(sent + 1);
  expect(await textOf(page, '[data-error-for=complainant]')).toBe('必填');
  expect(await textOf(page, '[data-testid=message]')).not.toBe('');
  expect(await textOf(page, '[data-testid=result]')).toBe('');
  expect(await page.$eval('[data-row=complainant]', (n) => n.classList.contains('invalid'))).toBe(true);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar.png'), fullPage: true });
  expect((await rowsOf(bookPath, 'complaints')).length).toBe(before);
});

test('an action that needs a field asks for it inline, then moves the record on', async () => {
  await page.selectOption('[data-testid=register]', 'complaints');
  const card = '[data-testid=records] li.record';
  await page.waitForSelector(`${card} [data-action=dispatch]`);
  const id = await page.getAttribute(card, 'data-id');
  await page.click(`${card} [data-action=dispatch]`);
  await page.click(`${card} form[data-action-form=dispatch] button[type=submit]`);
  expect(await waitText(page, `${card} [data-error-for=department]`, /\S/)).toBe('必填');

  await page.fill(`${card} form[data-action-form=dispatch] [name=department]`, '工程部');
  await page.click(`${card} form[data-action-form=dispatch] button[type=submit]`);
  await waitText(page, `li[data-id="${id}"] .state`, /已派单/);

  const row = (await rowsOf(bookPath, 'complaints')).find((r) => r.id === id);
  expect(row).toMatchObject({ department: '工程部' });
  expect(optionFromLabel('complaints', 'status', String(row!.status))).toBe('dispatched');
  expect(row!.dispatched_at).toBeTruthy();
});

test('the duty log panel appends entries and asks a handover for the incoming officer', async () => {
  await page.selectOption('[data-testid=register]', 'duty_log');
  await page.waitForSelector('[data-testid=duty-form]');
  await page.fill('[data-testid=duty-form] [name=text]', '22:00 巡查地下车库，一切正常');
  await page.click('[data-testid=duty-form] button[type=submit]');
  await waitText(page, '[data-testid=duty-entries]', /巡查地下车库/);

  await page.selectOption('[data-testid=duty-form] [name=kind]', 'handover');
  await page.click('[data-testid=duty-form] button[type=submit]');
  expect(await waitText(page, '[data-testid=duty-form] [data-error-for=incoming]', /\S/)).toBe('必填');

  // Filling the roster is a supervisor's job: a clerk is not offered the button.
  expect(await page.$$('[data-testid=roster-fill]')).toHaveLength(0);

  const log = await rowsOf(bookPath, 'duty_log');
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ seq: 1, officer: '张敏', text: '22:00 巡查地下车库，一切正常' });
  expect(optionFromLabel('duty_log', 'kind', String(log[0].kind))).toBe('entry');
});

test('a violation: principles shown, the clerk persuades inline; ordering rectification is a supervisor’s, and the notice says what it still needs', async () => {
  await page.selectOption('[data-testid=register]', 'violations');
  await page.waitForSelector('form[data-register=violations]');
  expect(await textOf(page, '[data-testid=principles]')).toContain('先劝导');
  await page.fill('[name=found_at]', '2026-11-02T08:10');
  await page.fill('[name=unit]', '5-302');
  await page.selectOption('[name=category]', 'decoration');
  await page.selectOption('[name=severity]', 'general');
  await page.fill('[name=description]', '装修期间擅自拆改承重墙');
  await page.click('[data-testid=submit]');
  const id = /V-2026-\d{4}/.exec(await waitText(page, '[data-testid=result]', /V-2026-\d{4}/))![0];

  const card = `li[data-id="${id}"]`;
  await page.waitForSelector(`${card} [data-action=educate]`);
  // A clerk records and persuades: penalties are the manager's, ordering rectification a supervisor's.
  expect(await page.$$(`${card} button.penalty`)).toHaveLength(0);
  expect(await page.$$(`${card} [data-action=order_rectification]`)).toHaveLength(0);
  await page.click(`${card} [data-action=educate]`);
  await page.click(`${card} form[data-action-form=educate] button[type=submit]`);
  await waitText(page, `${card} .state`, /劝导/);

  await page.click(`${card} [data-action=notice]`);
  await page.waitForSelector(`${card} [data-testid=notice-template]`);
  const templates = await page.$$eval(`${card} [data-testid=notice-template] option`, (os) => os.map((o) => o.textContent));
  expect(templates).toContain('违章整改通知书');
  expect(await page.$eval(`${card} [data-testid=notice-generate]`, (b) => (b as HTMLButtonElement).disabled)).toBe(true);
  await page.click(`${card} [data-testid=notice-preview-button]`);
  // Without a rectification order there is no deadline to print: the notice says so instead of printing a blank.
  expect(await waitText(page, `${card} .notice-output`, /\S/)).toContain('整改期限');
  expect(await page.$eval(`${card} [data-testid=notice-generate]`, (b) => (b as HTMLButtonElement).disabled)).toBe(true);
  const row = (await rowsOf(bookPath, 'violations')).find((r) => r.id === id);
  expect(String(row!.pdf_url ?? '')).toBe('');
});

describe('"Generate notice" on the row selected in the sheet', () => {
  let selServed: Served;
  let selPage: Page;
  let selBook: string;

  beforeAll(async () => {
    selBook = join(dir, 'selected.xlsx');
    copyFileSync(violationBook, selBook);
    // The clerk has clicked the violation's row (row 2 of the 违章 tab) before opening the sidebar.
    selServed = await startServer({ bookPath: selBook, as: CLERK, now: NOW, select: { tab: '违章', a1: 'A2' } });
    selPage = await sidebarPage(selServed.url);
  });

  afterAll(async () => {
    await selPage?.context().close();
    await selServed?.close();
  });

  test("the sidebar opens on that record's notices, says which record it is, and generates the notice", async () => {
    expect(await selPage.$eval('[data-testid=register]', (s) => (s as HTMLSelectElement).value)).toBe('violations');
    const box = '[data-testid=selected-record]';
    expect(await selPage.getAttribute(box, 'data-id')).toBe('V-2026-0001');
    expect(await waitText(selPage, `${box} [data-testid=selected-line]`, /V-2026-0001/)).toBe('为 V-2026-0001（阳台违规搭建雨棚）生成文书');

    // No click on a record card: the templates that fit are already offered.
    await selPage.waitForSelector(`${box} [data-testid=notice-template]`);
    const templates = await selPage.$$eval(`${box} [data-testid=notice-template] option`, (os) => os.map((o) => o.textContent));
    expect(templates).toContain('违章整改通知书');
    await selPage.selectOption(`${box} [data-testid=notice-template]`, 'rectification');
    await selPage.click(`${box} [data-testid=notice-preview-button]`);
    await selPage.waitForSelector(`${box} iframe[data-testid=notice-preview]`);
    const srcdoc = (await selPage.getAttribute(`${box} iframe[data-testid=notice-preview]`, 'srcdoc')) ?? '';
    expect(srcdoc).toContain('V-2026-0001');
    expect(srcdoc).toContain('7-1101');

    await selPage.click(`${box} [data-testid=notice-generate]`);
    expect(await waitText(selPage, `${box} [data-testid=notice-links]`, /PDF/)).toContain('打开文档');
    const row = (await rowsOf(selBook, 'violations')).find((r) => r.id === 'V-2026-0001');
    expect(String(row!.pdf_url ?? '')).toMatch(/^https:/);
    expect(String(row!.doc_url ?? '')).toMatch(/^https:/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await selPage.screenshot({ path: join(ARTIFACTS, 'sidebar-selected-notice.png'), fullPage: true });
  });

  test('with no record selected the sidebar opens on the to-do list: late in red, latest first, each with the step that clears it', async () => {
    selServed.select(null);
    await selPage.reload();
    await selPage.waitForSelector('[data-testid=todo] li, [data-testid=todo-message]:not(:empty)');
    expect(await selPage.$eval('[data-testid=register]', (s) => (s as HTMLSelectElement).value)).toBe('__todo');
    expect(await selPage.$$('[data-testid=selected-record]')).toHaveLength(0);
    expect(await textOf(selPage, '[data-testid=todo-summary]')).toMatch(/逾期 \d+ 项，今天到期 \d+ 项/);
    const first = await selPage.$eval('[data-testid=todo] li', (li) => ({ tone: li.className, when: li.querySelector('.when')?.textContent ?? '', button: li.querySelector('.actions button')?.textContent ?? '' }));
    expect(first.tone).toContain('tone-red');
    expect(first.when).toMatch(/^逾期 /);
    expect(first.button).not.toBe('');
    mkdirSync(ARTIFACTS, { recursive: true });
    await selPage.screenshot({ path: join(ARTIFACTS, 'sidebar-todo.png'), fullPage: true });
  });
});

describe('the roster from the duty-log panel', () => {
  let rosServed: Served;
  let rosPage: Page;
  let rosBook: string;

  beforeAll(async () => {
    rosBook = join(dir, 'roster.xlsx');
    copyFileSync(join(dir, 'fresh.xlsx'), rosBook);
    rosServed = await startServer({ bookPath: rosBook, as: SUPERVISOR, now: NOW });
    rosPage = await sidebarPage(rosServed.url);
  });

  afterAll(async () => {
    await rosPage?.context().close();
    await rosServed?.close();
  });

  /** The roster rows of a month (YYYY-MM) as the .xlsx holds them. */
  async function monthRows(month: string): Promise<Record<string, unknown>[]> {
    const ymd = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? '')).slice(0, 7);
    return (await rowsOf(rosBook, 'roster')).filter((r) => ymd(r.date) === month);
  }

  test("a supervisor fills the month most in need with one click (this month while it is empty, then next); a third click leaves them as they are", async () => {
    await rosPage.selectOption('[data-testid=register]', 'duty_log');
    await rosPage.waitForSelector('[data-testid=roster-fill]');
    expect(await monthRows('2026-12')).toHaveLength(0);

    await rosPage.click('[data-testid=roster-fill]');
    const november = await waitText(rosPage, '[data-testid=roster-message]', /\S/);
    expect(november).toMatch(/^已生成 2026 年 11 月值班表/);
    await rosPage.click('[data-testid=roster-fill]');
    const line = await waitText(rosPage, '[data-testid=roster-message]', /12 月/);
    const count = Number(/共 (\d+) 个班次/.exec(line)?.[1]);
    expect(line).toBe(`已生成 2026 年 12 月值班表，共 ${count} 个班次`);
    const rows = await monthRows('2026-12');
    // Night duty every one of December's 31 days, plus any full-day holidays from Settings.
    expect(count).toBeGreaterThanOrEqual(31);
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.officer === '张敏')).toBe(true);

    await rosPage.click('[data-testid=roster-fill]');
    await rosPage.waitForFunction((before) => {
      const text = document.querySelector('[data-testid=roster-message]')?.textContent ?? '';
      return text !== '' && text !== before;
    }, line);
    expect(await rosPage.getAttribute('[data-testid=roster-message]', 'class')).toBe('message');
    expect(await textOf(rosPage, '[data-testid=roster-message]')).not.toContain('已生成');
    expect(await monthRows('2026-12')).toHaveLength(count);
    mkdirSync(ARTIFACTS, { recursive: true });
    await rosPage.screenshot({ path: join(ARTIFACTS, 'sidebar-roster.png'), fullPage: true });
  });

  test('a supervisor records a shift swap: the row names the new officer, who it replaced and who approved', async () => {
    await rosPage.click('[data-testid=swap] summary');
    await rosPage.fill('[name=swap_date]', '2026-11-10');
    await rosPage.selectOption('[name=swap_shift]', 'night');
    await rosPage.fill('[name=swap_officer]', '李强');
    await rosPage.click('[data-testid=roster-swap]');
    expect(await waitText(rosPage, '[data-testid=swap-message]', /\S/)).toBe('2026-11-10 夜班：张敏 换为 李强，李强 批准');
    const swapped = (await monthRows('2026-11')).filter((r) => r.officer !== '张敏');
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toMatchObject({ officer: '李强', swapped_from: '张敏', swap_approved_by: '李强' });
    await rosPage.screenshot({ path: join(ARTIFACTS, 'sidebar-roster-swap.png'), fullPage: true });
  });
});
