// The real sidebar in headless Chromium at 300px, against dist/Code.js in the local host, on a real .xlsx.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, textOf, waitText, ROOT, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK } from '../e2e/book';
import { createHost, newWorkbook, type Host } from '../../src/local/host';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';
import { localHost, startServer, type Served } from '../../src/local/serve';
import { columnsOf, REGISTERS } from '../../src/domain/registers';
import { optionFromLabel } from '../../src/domain/labels';
import { msg } from '../../src/domain/messages';

const HTML = join(ROOT, 'dist/Sidebar.html');
const NOW = '2026-11-02T09:00:00+08:00';
const SUPERVISOR = 'supervisor@estate.example';

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
  browser = await launchChromium();
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
    // The summary is written when the list has loaded; the status line says 正在加载… before that.
    await selPage.waitForSelector('[data-testid=todo-summary]:not(:empty)');
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

describe('record cards, feedback and the full-size notice preview', () => {
  let cardServed: Served;
  let cardPage: Page;
  let cardBook: string;
  /** The modal dialogs the add-on opened through the Ui port, as the host recorded them. */
  const dialogs: { title: string; content: string; modal: boolean; width: number | null }[] = [];
  const RED = 'rgb(197, 34, 31)';
  const colour = (p: Page, selector: string) => p.$eval(selector, (n) => getComputedStyle(n).color);

  beforeAll(async () => {
    // The violation book (one complaint late for dispatch, one due in 5 minutes, a violation due in a week) plus a care-log entry and a roster.
    const workbook = await loadWorkbook(violationBook);
    const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
    const hh = host.callFromClient('createRecord', ['households', { unit: '9-101', occupant: '孙大爷', categories: ['elderly_alone'] }]) as { ok: boolean; id: string };
    expect(hh).toMatchObject({ ok: true });
    expect(host.callFromClient('createRecord', ['care_log', { household_id: hh.id, at: '2026-11-02T08:00:00+08:00', kind: 'visit' }])).toMatchObject({ ok: true });
    expect(host.callFromClient('fillRoster', [])).toMatchObject({ ok: true });
    cardBook = join(dir, 'cards.xlsx');
    await saveWorkbook(workbook, cardBook);
    const base = localHost(CODE);
    cardServed = await startServer({
      bookPath: cardBook,
      as: CLERK,
      now: NOW,
      host: (o) => {
        const h = base(o) as Host;
        return {
          callFromClient: (fn: string, args: unknown[]) => {
            const value = h.callFromClient(fn, args);
            dialogs.push(...h.ui.dialogs);
            return value;
          },
          ui: h.ui,
        };
      },
    });
    cardPage = await sidebarPage(cardServed.url);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await cardPage?.context().close();
    await cardServed?.close();
  });

  test('before the first answer the sidebar says it is loading, not that there is nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 300, height: 400 }, locale: 'zh-CN' });
    const p = await context.newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((ok) => (release = ok));
    await p.route('**/rpc', async (route) => {
      await held;
      await route.continue();
    });
    await p.goto(cardServed.url);
    expect(await textOf(p, '[data-testid=status]')).toBe('正在加载…');
    expect(await p.getAttribute('[data-testid=status]', 'data-tone')).toBe('info');
    await p.screenshot({ path: join(ARTIFACTS, 'sidebar-loading.png') });
    release();
    await p.waitForSelector('[data-testid=register]');
    await context.close();
  });

  test('complaint cards put the late one first in red with how late, then the one due soon in amber', async () => {
    await cardPage.selectOption('[data-testid=register]', 'complaints');
    await cardPage.waitForSelector('[data-testid=records] li.record [data-testid=due]');
    const cards = await cardPage.$$eval('[data-testid=records] li.record', (lis) =>
      lis.map((li) => ({ id: li.getAttribute('data-id'), cls: li.className, due: li.querySelector('[data-testid=due]')?.textContent ?? '', state: li.querySelector('.state')?.textContent ?? '' })),
    );
    expect(cards[0]).toMatchObject({ cls: 'record tone-red', due: '逾期 2 小时 30 分钟 · 投诉未按时派单 · 期限 2026-11-02 06:30', state: '已受理' });
    expect(cards[1]).toMatchObject({ cls: 'record tone-amber', due: '还剩 5 分钟 · 投诉未按时派单 · 期限 2026-11-02 09:05' });
    expect(await colour(cardPage, '[data-testid=records] li.record.tone-red .when')).toBe(RED);
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-cards.png'), fullPage: true });
  });

  test('an action’s result stays after the list refreshes, until the next action; a refused action is red', async () => {
    const late = '[data-testid=records] li.record.tone-red';
    const id = await cardPage.getAttribute(late, 'data-id');
    await cardPage.click(`${late} [data-action=dispatch]`);
    await cardPage.fill(`${late} form[data-action-form=dispatch] [name=department]`, '工程部');
    await cardPage.click(`${late} form[data-action-form=dispatch] button[type=submit]`);
    const done = `派单：已完成（${id}）`;
    expect(await waitText(cardPage, '[data-testid=records-feedback]', /已完成/)).toBe(done);
    // The list reloads after the action, and again on 刷新: the result is still there.
    await cardPage.waitForFunction((i) => !document.querySelector(`li[data-id="${i}"]`)?.className.includes('tone-red'), id);
    await cardPage.click('section.list .tools button.link');
    await cardPage.waitForFunction(() => document.querySelector('[data-testid=records-message]')?.textContent === '');
    expect(await textOf(cardPage, '[data-testid=records-feedback]')).toBe(done);
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-feedback-done.png'), fullPage: true });

    // The next action: a clerk may not date a step back more than a day, and the server says so, in red.
    const card = `li[data-id="${id}"]`;
    await cardPage.click(`${card} [data-action=hand_over], ${card} [data-action=resolve]`);
    const form = `${card} form.inline`;
    await cardPage.fill(`${form} [name=at]`, '2026-10-30T09:00');
    await cardPage.$eval(form, (f) => ((f as HTMLFormElement).dataset.clientCheck = 'off'));
    await cardPage.click(`${form} button[type=submit]`);
    await waitText(cardPage, `${form} .message`, /\S/);
    expect(await colour(cardPage, `${form} .message`)).toBe(RED);
    expect(await textOf(cardPage, '[data-testid=records-feedback]')).toBe('');
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-feedback.png'), fullPage: true });
  });

  test('care log and roster cards have no 未结 chip; a roster card shows its date and shift', async () => {
    await cardPage.selectOption('[data-testid=register]', 'care_log');
    await cardPage.waitForSelector('[data-testid=records] li.record');
    expect(await cardPage.$$('[data-testid=records] li.record .state')).toHaveLength(0);
    await cardPage.selectOption('[data-testid=register]', 'roster');
    await cardPage.waitForSelector('[data-testid=records] li.record');
    expect(await cardPage.$$('[data-testid=records] li.record .state')).toHaveLength(0);
    // Nothing here is ever closed, so there is no "open only" to tick.
    expect(await cardPage.$$('[data-testid=open-only]')).toHaveLength(0);
    const heads = await cardPage.$$eval('[data-testid=records] li.record .head strong', (ns) => ns.map((n) => n.textContent));
    expect(heads).toContain('2026-11-30 夜班 · 张敏');
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-roster-cards.png'), fullPage: true });
  });

  test('the duty panel keeps a written entry’s result, and shows a refusal in red', async () => {
    await cardPage.selectOption('[data-testid=register]', 'duty_log');
    await cardPage.waitForSelector('[data-testid=duty-form]');
    await cardPage.fill('[data-testid=duty-form] [name=text]', '09:10 巡查 9 栋，一切正常');
    await cardPage.click('[data-testid=duty-form] button[type=submit]');
    await waitText(cardPage, '[data-testid=duty-entries]', /巡查 9 栋/);
    expect(await textOf(cardPage, '[data-testid=duty-form-message]')).toMatch(/^已写入值班记录（#\d+）$/);

    await cardPage.selectOption('[data-testid=duty-form] [name=kind]', 'correction');
    await cardPage.fill('[data-testid=duty-form] [name=corrects]', '99');
    await cardPage.fill('[data-testid=duty-form] [name=text]', '更正：时间应为 09:20');
    await cardPage.click('[data-testid=duty-form] button[type=submit]');
    await cardPage.waitForFunction(() => document.querySelector('[data-testid=duty-form-message]')?.getAttribute('data-tone') === 'error');
    expect(await colour(cardPage, '[data-testid=duty-form-message]')).toBe(RED);
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-duty-feedback.png'), fullPage: true });
  });

  test('生成 says in words why it is disabled; 全屏预览 opens the same preview in a modal dialog', async () => {
    await cardPage.selectOption('[data-testid=register]', 'violations');
    const card = 'li[data-id="V-2026-0001"]';
    await cardPage.waitForSelector(`${card} [data-testid=due]`);
    expect(await textOf(cardPage, `${card} [data-testid=due]`)).toBe('还剩 7 天 9 小时 · 违章逾期未整改 · 期限 2026-11-09 18:00');
    await cardPage.click(`${card} [data-action=notice]`);
    await cardPage.waitForSelector(`${card} [data-testid=notice-template]`);
    await cardPage.selectOption(`${card} [data-testid=notice-template]`, 'rectification');
    expect(await cardPage.$eval(`${card} [data-testid=notice-generate]`, (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(await cardPage.isVisible(`${card} [data-testid=notice-why]`)).toBe(true);
    expect(await textOf(cardPage, `${card} [data-testid=notice-why]`)).toBe('先预览，确认无误后才能生成');
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-notice-why.png'), fullPage: true });

    await cardPage.click(`${card} [data-testid=notice-preview-button]`);
    await cardPage.waitForSelector(`${card} iframe[data-testid=notice-preview]`);
    expect(await cardPage.$eval(`${card} [data-testid=notice-generate]`, (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    expect(await textOf(cardPage, `${card} [data-testid=notice-why]`)).toBe('');
    const srcdoc = (await cardPage.getAttribute(`${card} iframe[data-testid=notice-preview]`, 'srcdoc')) ?? '';
    dialogs.length = 0;
    await cardPage.click(`${card} [data-testid=notice-fullscreen]`);
    await cardPage.waitForFunction(() => !(document.querySelector('[data-testid=notice-fullscreen]') as HTMLButtonElement).disabled);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatchObject({ modal: true, title: '违章整改通知书 V-2026-0001', content: srcdoc });
    // npm start's page draws the dialog over the sidebar, as Sheets does, and closes it again.
    await cardPage.waitForSelector('[data-testid=host-dialog] iframe');
    expect(await cardPage.getAttribute('[data-testid=host-dialog] iframe', 'srcdoc')).toBe(srcdoc);
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-notice-fullsize.png'), fullPage: true });
    await cardPage.click('[data-testid=host-dialog] button[aria-label=close]');
    expect(await cardPage.$('[data-testid=host-dialog]')).toBeNull();
    // What the dialog shows, at its own size.
    const dialogPage = await browser.newPage({ viewport: { width: dialogs[0].width ?? 860, height: 760 } });
    await dialogPage.setContent(dialogs[0].content);
    await dialogPage.screenshot({ path: join(ARTIFACTS, 'notice-dialog.png') });
    await dialogPage.close();
  });

  test('a step taken from the to-do list leaves its result above the list after the list refreshes', async () => {
    await cardPage.selectOption('[data-testid=register]', '__todo');
    const item = '[data-testid=todo] li[data-id="C-2026-0002"]';
    await cardPage.click(`${item} [data-action=dispatch]`);
    await cardPage.fill(`${item} form[data-action-form=dispatch] [name=department]`, '工程部');
    await cardPage.click(`${item} form[data-action-form=dispatch] button[type=submit]`);
    expect(await waitText(cardPage, '[data-testid=todo-feedback]', /已完成/)).toBe('派单：已完成（C-2026-0002）');
    // The list has been read again without that step on it; the result is still there.
    await cardPage.waitForFunction(() => !document.querySelector('[data-testid=todo] li[data-id="C-2026-0002"] [data-action=dispatch]') && document.querySelector('[data-testid=todo-message]')?.getAttribute('data-tone') === 'info');
    expect(await textOf(cardPage, '[data-testid=todo-feedback]')).toBe('派单：已完成（C-2026-0002）');
    await cardPage.screenshot({ path: join(ARTIFACTS, 'sidebar-todo-feedback.png'), fullPage: true });
  });
});

describe('outings and emergency entries from the sidebar (issue 12)', () => {
  test('a clerk records an outing by unit and an emergency entry with its three witnesses; both rows are in the .xlsx', async () => {
    await page.selectOption('[data-testid=register]', 'outings');
    await page.waitForSelector('form[data-register=outings]');
    await page.fill('[name=resident]', '王奶奶');
    await page.fill('[name=unit]', '7-1-302');
    await page.fill('[name=expected_back]', '2026-11-02T17:00');
    await page.fill('[name=phone]', '13812345678');
    await page.click('[data-testid=submit]');
    const outing = /OT-2026-\d{4}/.exec(await waitText(page, '[data-testid=result]', /OT-2026-\d{4}/))![0];
    expect((await rowsOf(bookPath, 'outings')).find((r) => r.id === outing)).toMatchObject({ resident: '王奶奶', unit: '7-1-302', created_by: CLERK });

    await page.selectOption('[data-testid=register]', 'emergency_entries');
    await page.waitForSelector('form[data-register=emergency_entries]');
    await page.fill('[name=unit]', '7-1-302');
    await page.fill('[name=reason]', '两天未出门，敲门无人应答');
    await page.fill('[name=entered_by]', '张强');
    await page.fill('[name=witness_office]', '张敏');
    await page.fill('[name=witness_security]', '张强');
    await page.fill('[name=witness_other]', '邻居 孙阿姨');
    await page.fill('[name=findings]', '老人摔倒，已送医');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-emergency-entry.png'), fullPage: true });
    await page.click('[data-testid=submit]');
    const id = /EE-2026-\d{4}/.exec(await waitText(page, '[data-testid=result]', /EE-2026-\d{4}/))![0];
    expect((await rowsOf(bookPath, 'emergency_entries')).find((r) => r.id === id)).toMatchObject({ unit: '7-1-302', witness_other: '邻居 孙阿姨', created_by: CLERK });
    await page.waitForSelector(`[data-testid=records] li[data-id="${id}"]`);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-emergency-entry-saved.png'), fullPage: true });
  });
});

test('a clerk issues a release pass from its form: typed goods over several lines, the owner’s confirmation picked, ready for the gate', async () => {
  await page.selectOption('[data-testid=register]', 'release_passes');
  await page.waitForSelector('form[data-register=release_passes]');
  // The supervisor's approval and the gate's time are steps, not form fields.
  const asked = await page.$$eval('form[data-register=release_passes] [data-error-for]', (ns) => ns.map((n) => (n as HTMLElement).dataset.errorFor));
  expect(asked).toEqual(['unit', 'goods', 'carrier', 'approval', 'approved_by']);
  await page.fill('[name=unit]', '9-1-301');
  await page.fill('[name=goods]', '冰箱一台\n旧沙发一套');
  await page.fill('[name=carrier]', '赵师傅');
  await page.selectOption('[name=approval]', 'owner');
  await page.fill('[name=approved_by]', '钱女士');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-release-pass.png'), fullPage: true });
  await page.click('[data-testid=submit]');
  const id = /RP-2026-\d{4}/.exec(await waitText(page, '[data-testid=result]', /RP-2026-\d{4}/))![0];
  await page.waitForSelector(`[data-testid=records] li[data-id="${id}"]`);
  expect(await textOf(page, `li[data-id="${id}"] .state`)).toBe('待放行');
  expect((await rowsOf(bookPath, 'release_passes')).find((r) => r.id === id)).toMatchObject({ unit: '9-1-301', goods: '冰箱一台\n旧沙发一套', carrier: '赵师傅' });
});

describe('move-ins from the sidebar (issue 12)', () => {
  test('a clerk records a move-in, then hands over the keys from its card with the counts; the step leaves the card', async () => {
    await page.selectOption('[data-testid=register]', 'move_ins');
    await page.waitForSelector('form[data-register=move_ins]');
    await page.fill('[name=unit]', '6-1-201');
    await page.fill('[name=resident]', '黄志强');
    await page.fill('[name=move_in_on]', '2026-11-02');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-move-in.png'), fullPage: true });
    await page.click('[data-testid=submit]');
    const id = /MI-2026-\d{4}/.exec(await waitText(page, '[data-testid=result]', /MI-2026-\d{4}/))![0];
    const card = `[data-testid=records] li[data-id="${id}"]`;
    await page.waitForSelector(`${card} [data-action=handover]`);
    await page.click(`${card} [data-action=handover]`);
    await page.fill(`${card} form[data-action-form=handover] [name=keys]`, '3');
    await page.fill(`${card} form[data-action-form=handover] [name=cards]`, '2');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-move-in-keys.png'), fullPage: true });
    await page.click(`${card} form[data-action-form=handover] button[type=submit]`);
    await page.waitForFunction((sel) => !document.querySelector(`${sel} [data-action=handover]`) && Boolean(document.querySelector(`${sel} [data-action=inspection]`)), card);
    const row = (await rowsOf(bookPath, 'move_ins')).find((r) => r.id === id);
    expect(row).toMatchObject({ unit: '6-1-201', resident: '黄志强', keys: 3, cards: 2, updated_by: CLERK });
    expect(row!.handover_at).toBeTruthy();
    expect(row!.docs_at ?? null).toBeNull();
  });
});

describe('a record’s history in its card (issue 13)', () => {
  let histServed: Served;
  let histPage: Page;

  beforeAll(async () => {
    const histBook = join(dir, 'history.xlsx');
    copyFileSync(violationBook, histBook);
    histServed = await startServer({ bookPath: histBook, as: CLERK, now: NOW });
    histPage = await sidebarPage(histServed.url);
  });

  afterAll(async () => {
    await histPage?.context().close();
    await histServed?.close();
  });

  test('opening 变更记录 on a violation shows it created and ordered to rectify, with who and when, oldest first', async () => {
    await histPage.selectOption('[data-testid=register]', 'violations');
    const card = '[data-testid=records] li[data-id="V-2026-0001"]';
    await histPage.waitForSelector(`${card} details[data-history=timeline]`);
    await histPage.click(`${card} details[data-history=timeline] summary`);
    await histPage.waitForSelector(`${card} [data-testid=timeline] li:nth-child(2)`);
    const items = await histPage.$$eval(`${card} [data-testid=timeline] li`, (lis) => lis.map((li) => li.textContent ?? ''));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^新建2026-11-02 09:00/);
    expect(items[0]).toContain('赵先生');
    expect(items[1]).toMatch(/^限期整改2026-11-02 09:00/);
    expect(items[1]).toContain(MANAGER);
    expect(items[1]).toContain('整改期限：—');
    mkdirSync(ARTIFACTS, { recursive: true });
    await histPage.screenshot({ path: join(ARTIFACTS, 'sidebar-history.png'), fullPage: true });
  });
});
