// The sidebar's edit form and pickers in headless Chromium at 300px, against dist/Code.js in the local host, on a real .xlsx.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, textOf, waitText, ROOT, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';
import { columnsOf, REGISTERS } from '../../src/domain/registers';
import { msg } from '../../src/domain/messages';

const HTML = join(ROOT, 'dist/Sidebar.html');
const NOW = '2026-11-02T09:00:00+08:00';

async function rowsOf(bookPath: string, register: keyof typeof REGISTERS): Promise<Record<string, unknown>[]> {
  const def = REGISTERS[register];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bookPath);
  const ws = wb.getWorksheet(def.label['zh-Hans'])!;
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
    if (rec.id) rows.push(rec);
  });
  return rows;
}



let dir: string;
let bookPath: string;
let served: Served;
let browser: Browser;
let complaintId: string;
let householdId: string;
const problems: string[] = [];
const pages: Page[] = [];

async function sidebarPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await context.newPage();
  p.setDefaultTimeout(30_000);
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  await p.goto(served.url);
  await p.waitForSelector('[data-testid=register]');
  pages.push(p);
  return p;
}

/** Opens a register and the edit form of one of its records. */
async function openEdit(page: Page, register: string, id: string): Promise<string> {
  await page.selectOption('[data-testid=register]', register);
  const card = `[data-testid=records] li[data-id="${id}"]`;
  await page.click(`${card} [data-action=edit]`);
  await page.waitForSelector(`${card} [data-testid=edit-form]`);
  return card;
}

beforeAll(async () => {
  if (!existsSync(CODE) || !existsSync(HTML)) throw new Error('dist/Code.js and dist/Sidebar.html are needed: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'sidebar-edit-'));
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  const call = (fn: string, ...args: unknown[]) => host.callFromClient(fn, args) as { ok: boolean; id: string; version: number };
  expect(call('setupWorkbook', 'zh-Hans')).toMatchObject({ ok: true });
  expect(call('createRecord', 'roles', { email: CLERK, name: '张敏', roles: ['clerk'] })).toMatchObject({ ok: true });
  expect(call('createRecord', 'roles', { email: 'eng@estate.example', name: '陈工', roles: ['department'], department: '工程部' })).toMatchObject({ ok: true });
  expect(call('createRecord', 'roles', { email: 'green@estate.example', name: '刘姐', roles: ['department'], department: '环境部' })).toMatchObject({ ok: true });
  const h = call('createRecord', 'households', { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'], phone: '13812345678', id_number: '110101194501011234', notes: 'CANARY-心脏病' });
  householdId = h.id;
  call('createRecord', 'households', { unit: '5-0602', occupant: '林阿姨', categories: ['empty_nest'] });
  const c = call('createRecord', 'complaints', { received_at: '2026-11-02T08:15:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-502', phone: '13900001111', subject: '楼道灯不亮', class: 'minor' });
  complaintId = c.id;
  bookPath = join(dir, 'book.xlsx');
  await saveWorkbook(workbook, bookPath);
  served = await startServer({ bookPath, as: CLERK, now: NOW });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(problems).toEqual([]);
});

test('a clerk edits a complaint from its card: the fields are filled in, the phone shows masked, the department is picked, and only the change is saved', async () => {
  const page = await sidebarPage();
  const card = await openEdit(page, 'complaints', complaintId);
  const form = `${card} [data-testid=edit-form]`;
  expect(await page.inputValue(`${form} [name=subject]`)).toBe('楼道灯不亮');
  expect(await page.inputValue(`${form} [name=complainant]`)).toBe('王女士');
  expect(await page.inputValue(`${form} [name=received_at]`)).toBe('2026-11-02T08:15');
  // The phone never reaches the page in full: the box is empty with the masked number as its hint.
  expect(await page.inputValue(`${form} [name=phone]`)).toBe('');
  expect(await page.getAttribute(`${form} [name=phone]`, 'placeholder')).toBe('139****1111');
  expect(await page.getAttribute(`${form} [name=phone]`, 'type')).toBe('tel');
  expect(await page.content()).not.toContain('13900001111');
  const departments = await page.$$eval(`${form} select[name=department] option`, (os) => os.map((o) => o.textContent));
  expect(departments).toEqual(['请选择', '工程部', '环境部']);

  await page.fill(`${form} [name=subject]`, '楼道灯不亮（三楼东侧）');
  await page.selectOption(`${form} [name=department]`, '工程部');
  // A required field cleared is caught beside it, with the create form's words.
  await page.fill(`${form} [name=complainant]`, '');
  await page.click(`${form} [data-testid=edit-save]`);
  expect(await waitText(page, `${form} [data-error-for=complainant]`, /\S/)).toBe(msg('required', 'zh-Hans'));
  await page.fill(`${form} [name=complainant]`, '王女士');
  await page.fill(`${form} [name=phone]`, '请回电');
  await page.click(`${form} [data-testid=edit-save]`);
  expect(await waitText(page, `${form} [data-error-for=phone]`, /\S/)).toBe(msg('not_phone', 'zh-Hans'));
  await page.fill(`${form} [name=phone]`, '');
  await page.locator(card).screenshot({ path: join(ARTIFACTS, 'sidebar-edit.png') });

  await page.click(`${form} [data-testid=edit-save]`);
  await page.waitForSelector(`${card} [data-testid=edit-form]`, { state: 'detached' });
  await waitText(page, `${card} .title`, /三楼东侧/);
  // The saved line outlives the list's refresh, as every action's result does.
  expect(await waitText(page, '[data-testid=records-feedback]', /\S/)).toBe(`已保存修改（${complaintId}）`);
  const row = (await rowsOf(bookPath, 'complaints')).find((r) => r.id === complaintId)!;
  expect(row).toMatchObject({ subject: '楼道灯不亮（三楼东侧）', department: '工程部', phone: '13900001111', complainant: '王女士', version: 2, updated_by: CLERK });
});

test('a stale edit shows what changed (mine → stored now), and 重新载入 brings the stored record into the form', async () => {
  const first = await sidebarPage();
  const second = await sidebarPage();
  const card = await openEdit(first, 'complaints', complaintId);
  await openEdit(second, 'complaints', complaintId);
  const form = `${card} [data-testid=edit-form]`;

  // Someone else saves first.
  await second.fill(`${form} [name=subject]`, '三楼东侧楼道灯已换，待观察');
  await second.fill(`${form} [name=details]`, '电工已到场');
  await second.click(`${form} [data-testid=edit-save]`);
  await second.waitForSelector(`${card} [data-testid=edit-form]`, { state: 'detached' });

  await first.fill(`${form} [name=subject]`, '楼道灯仍不亮');
  await first.click(`${form} [data-testid=edit-save]`);
  await first.waitForSelector(`${form} [data-testid=edit-conflict]:not([hidden])`);
  const changes = await first.$$eval(`${form} [data-change]`, (ls) => ls.map((l) => [(l as HTMLElement).dataset.change, l.textContent]));
  expect(changes).toEqual([
    ['subject', '投诉事项：楼道灯仍不亮 → 三楼东侧楼道灯已换，待观察'],
    ['details', '详细情况：（空） → 电工已到场'],
  ]);
  await first.locator(card).screenshot({ path: join(ARTIFACTS, 'sidebar-conflict.png') });
  // Nothing of the stale edit was written.
  expect((await rowsOf(bookPath, 'complaints')).find((r) => r.id === complaintId)).toMatchObject({ subject: '三楼东侧楼道灯已换，待观察', version: 3 });

  await first.click(`${form} [data-testid=edit-reload]`);
  expect(await first.inputValue(`${form} [name=subject]`)).toBe('三楼东侧楼道灯已换，待观察');
  expect(await first.inputValue(`${form} [name=details]`)).toBe('电工已到场');
  expect(await first.isHidden(`${form} [data-testid=edit-conflict]`)).toBe(true);
  expect(await textOf(first, `${form} [data-testid=edit-message]`)).toBe('已载入最新内容，请核对后再保存');
  await first.fill(`${form} [name=details]`, '电工已到场，明日复查');
  await first.click(`${form} [data-testid=edit-save]`);
  await first.waitForSelector(`${card} [data-testid=edit-form]`, { state: 'detached' });
  expect((await rowsOf(bookPath, 'complaints')).find((r) => r.id === complaintId)).toMatchObject({ subject: '三楼东侧楼道灯已换，待观察', details: '电工已到场，明日复查', version: 4 });
});

test('a key household is edited with its categories ticked, the ID number masked and the sensitive note kept out of the page', async () => {
  const page = await sidebarPage();
  const card = await openEdit(page, 'households', householdId);
  const form = `${card} [data-testid=edit-form]`;
  const ticked = await page.$$eval(`${form} input[name=categories]:checked`, (is) => is.map((i) => (i as HTMLInputElement).value));
  expect(ticked).toEqual(['elderly_alone']);
  expect(await page.getAttribute(`${form} [name=id_number]`, 'placeholder')).toBe('1101**********1234');
  expect(await page.inputValue(`${form} [name=notes]`)).toBe('');
  expect(await page.content()).not.toMatch(/13812345678|CANARY/);
  await page.check(`${form} input[name=categories][value=veteran]`);
  await page.fill(`${form} [name=needs]`, '每周送菜');
  await page.click(`${form} [data-testid=edit-save]`);
  await page.waitForSelector(`${card} [data-testid=edit-form]`, { state: 'detached' });
  const row = (await rowsOf(bookPath, 'households')).find((r) => r.id === householdId)!;
  expect(row).toMatchObject({ phone: '13812345678', id_number: '1101**********1234', notes: 'CANARY-心脏病', needs: '每周送菜', version: 2 });
  expect(String(row.categories)).toMatch(/独居.*退役军人|孤寡.*退役军人/);
});

test('the care log picks a household by unit or name, and saves its id', async () => {
  const page = await sidebarPage();
  await page.selectOption('[data-testid=register]', 'care_log');
  const form = 'form[data-register=care_log]';
  await page.waitForSelector(form);
  const offered = await page.$$eval(`${form} select[name=household_id] option`, (os) => os.map((o) => o.textContent));
  expect(offered).toEqual(['请选择', '3-1201 · 陈伯', '5-0602 · 林阿姨']);
  await page.fill(`${form} [data-picker-search=household]`, '陈');
  expect(await page.inputValue(`${form} select[name=household_id]`)).toBe(householdId);
  await page.selectOption(`${form} [name=kind]`, 'call');
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-care-picker.png'), fullPage: true });
  await page.click(`${form} [data-testid=submit]`);
  await waitText(page, '[data-testid=result]', /CL-2026-\d{4}/);
  const rows = await rowsOf(bookPath, 'care_log');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ household_id: householdId, created_by: CLERK });
});

test('a handover picks the incoming officer from the staff list', async () => {
  const page = await sidebarPage();
  await page.selectOption('[data-testid=register]', 'duty_log');
  await page.waitForSelector('[data-testid=duty-form]');
  await page.selectOption('[data-testid=duty-form] [name=kind]', 'handover');
  const offered = await page.$$eval('[data-testid=duty-form] select[name=incoming] option', (os) => os.map((o) => o.textContent));
  expect(offered).toEqual(['请选择', 'manager', '张敏']);
});
