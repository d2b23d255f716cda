// The 文书模板 tab as a clerk meets it in the 300px sidebar: the office wording in the preview, a bad row named above it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';

const NOW = '2026-11-02T09:00:00+08:00';

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;
let badRow = 0;
const problems: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wording-'));
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  expect(host.callFromClient('setupWorkbook', ['zh-Hans', { office_phone: '0755-86001234', office_address: '翠湖路88号' }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: CLERK, name: '张敏', roles: ['clerk'] }])).toMatchObject({ ok: true });
  const v = host.callFromClient('createRecord', ['violations', { found_at: '2026-11-01T20:30:00+08:00', unit: '7-1101', party: '赵先生', category: 'decoration', severity: 'general', description: '阳台违规搭建雨棚' }]) as { id: string; version: number };
  expect(host.callFromClient('transition', ['violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-11-09T18:00:00+08:00' }])).toMatchObject({ ok: true });
  // The supervisor rewords the last paragraph, and mistypes a placeholder in the first.
  const tab = workbook.sheets.find((s) => s.name === '文书模板')!;
  const at = (part: string) => tab.rows.findIndex((r) => r && r[0] === '违章整改通知书' && r[1] === part);
  tab.rows[at('第4段')]![2] = '如有疑问，请在工作日致电{phone}，<b>我们</b>会尽快答复。';
  badRow = at('第1段') + 1;
  tab.rows[badRow - 1]![2] = '管理处于{date}发现{unit}存在下表所列情况。';
  const book = join(dir, 'book.xlsx');
  await saveWorkbook(workbook, book);
  served = await startServer({ bookPath: book, as: CLERK, now: NOW, select: { tab: '违章', a1: 'A2' } });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(served.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the preview prints the office wording escaped, and names the bad row above it in amber', async () => {
  const box = '[data-testid=selected-record]';
  // The sidebar loads the selected record and its notices first; the machine may be busy.
  await page.waitForSelector(`${box} [data-testid=notice-template]`, { timeout: 90_000 });
  await page.selectOption(`${box} [data-testid=notice-template]`, 'rectification');
  await page.click(`${box} [data-testid=notice-preview-button]`);
  await page.waitForSelector(`${box} iframe[data-testid=notice-preview]`);
  const warnings = await page.$$eval(`${box} [data-testid=notice-warning]`, (ps) => ps.map((p) => p.textContent));
  expect(warnings).toEqual([`文书模板第 ${badRow} 行：占位符 {date} 不认识，这一段可用：{foundAt}、{unit}；已改用内置文字`]);
  const colour = await page.$eval(`${box} [data-testid=notice-warning]`, (p) => getComputedStyle(p).color);
  expect(colour).toBe('rgb(176, 96, 0)');
  const srcdoc = (await page.getAttribute(`${box} iframe[data-testid=notice-preview]`, 'srcdoc')) ?? '';
  expect(srcdoc).toContain('如有疑问，请在工作日致电');
  expect(srcdoc).toContain('&lt;b&gt;我们&lt;/b&gt;');
  expect(srcdoc).toContain('管理处于<strong>2026年11月1日 20:30</strong>发现');
  // Generating is still possible: the built-in paragraph stands in for the bad row.
  expect(await page.$eval(`${box} [data-testid=notice-generate]`, (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'sidebar-notice-wording.png'), fullPage: true });
  expect(problems).toEqual([]);
});
