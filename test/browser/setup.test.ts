// The sidebar's setup at 300px: on a new workbook it asks for the office details every notice prints, and saves them with setupWorkbook.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { launchChromium, CODE, ARTIFACTS } from './chromium';
import { MANAGER } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';

const NOW = '2026-11-02T09:00:00+08:00';

let dir: string;
let served: Served | undefined;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'setup-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a new workbook’s sidebar asks for the estate, phone and address, refuses a bad phone beside it, then sets up', async () => {
  const bookPath = join(dir, 'new.xlsx');
  await saveWorkbook(newWorkbook(), bookPath);
  served = await startServer({ bookPath, as: MANAGER, now: NOW });
  const context = await browser.newContext({ viewport: { width: 300, height: 700 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(served.url);
  const form = '[data-testid=office-details]';
  await page.waitForSelector(form);
  expect(await page.$$eval(`${form} label`, (ls) => ls.map((l) => l.textContent))).toEqual(['小区名称', '管理处电话', '管理处地址']);
  await page.fill(`${form} input[name=estate_name]`, '翠湖花园');
  await page.fill(`${form} input[name=office_phone]`, '请打前台');
  await page.fill(`${form} input[name=office_address]`, '翠湖路88号物业服务中心一楼');
  await page.click(`${form} button[type=submit]`);
  await page.waitForFunction(() => (document.querySelector('[data-error-for=office_phone]')?.textContent ?? '') !== '');
  expect(await page.textContent('[data-error-for=office_phone]')).toContain('电话号码');
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-setup-office.png'), fullPage: true });
  await page.fill(`${form} input[name=office_phone]`, '0755-86001234');
  await page.click(`${form} button[type=submit]`);
  await page.waitForSelector('[data-testid=register]');
  expect(await page.$(form)).toBeNull();
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-setup-done.png'), fullPage: true });
  expect(problems).toEqual([]);
  await served.close();
  served = undefined;
  const settings = (await loadWorkbook(bookPath)).sheets.find((s) => s.name === '设置')!.rows;
  const value = (key: string) => settings.find((r) => r && r[0] === key)?.[1];
  expect([value('estate_name'), value('office_phone'), value('office_address')]).toEqual(['翠湖花园', '0755-86001234', '翠湖路88号物业服务中心一楼']);
  // A workbook set up without them (the menu) tells a clerk what is missing instead.
  const host = createHost({ codePath: CODE, workbook: newWorkbook(), user: MANAGER, now: NOW });
  host.callFromClient('setupWorkbook', ['zh-Hans']);
  expect((host.callFromClient('getRegisters', []) as { office: { message: string } }).office.message).toContain('管理处电话、管理处地址');
});
