// The 导入旧台账 panel in headless Chromium at 300px: a supervisor previews an old register pasted into a tab, imports it, and undoes it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHost, newWorkbook } from '../../src/local/host';
import { newSheetModel } from '../../src/local/host/model';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';

const ROOT = join(__dirname, '../..');
const CODE = join(ROOT, 'dist/Code.js');
const ARTIFACTS = join(ROOT, 'artifacts');
const NOW = '2026-11-25T09:00:00+08:00';
const MANAGER = 'manager@estate.example';
const SUPERVISOR = 'supervisor@estate.example';
const CLERK = 'clerk@estate.example';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir: string;
let bookPath: string;
let browser: Browser;
const servers: Served[] = [];
const problems: string[] = [];

async function open(as: string): Promise<Page> {
  const served = await startServer({ bookPath, as, now: NOW });
  servers.push(served);
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(served.url);
  await page.waitForSelector('[data-testid=register]');
  return page;
}

async function complaintRows(): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bookPath);
  return wb.getWorksheet('投诉')!.actualRowCount - 1;
}

beforeAll(async () => {
  if (!existsSync(CODE)) throw new Error('dist/Code.js is needed: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'import-ui-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  expect(host.callFromClient('setupWorkbook', ['zh-Hans'])).toMatchObject({ ok: true });
  for (const [email, name, roles] of [[SUPERVISOR, '李强', ['supervisor']], [CLERK, '张敏', ['clerk']]] as const) {
    expect(host.callFromClient('createRecord', ['roles', { email, name, roles }])).toMatchObject({ ok: true });
  }
  // The office pasted last year's complaints register into a tab of its own.
  const old = newSheetModel(workbook.nextSheetId++, '旧投诉');
  old.rows = [
    ['2025年投诉登记表'],
    [],
    ['日期', '反映人', '房间号', '投诉内容', '类别', '处理结果', '楼长'],
    ['2025年3月5日', '张三', '3-201', '楼上噪音', '一般', '已协调', '老李'],
    ['2025/3/6 9:30', '李四', '5-502', '停车位被占', '重要', null, '老王'],
    ['3月8日', '王五', '1-101', '漏水', '特急', null, null],
    ['合计', null, null, null, null, null, null],
  ];
  workbook.sheets.push(old);
  bookPath = join(dir, 'book.xlsx');
  await saveWorkbook(workbook, bookPath);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(problems).toEqual([]));

test('a clerk is not offered the import', async () => {
  const page = await open(CLERK);
  const values = await page.$$eval('[data-testid=register] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values).not.toContain('__import');
});

test('a supervisor sees the preview before anything is written, imports, then undoes', async () => {
  const page = await open(SUPERVISOR);
  await page.selectOption('[data-testid=register]', '__import');
  await page.fill('[data-testid=import-tab]', '旧投诉');
  await page.click('[data-testid=import-preview]');
  await page.waitForSelector('[data-testid=import-run]');
  expect(await page.textContent('[data-testid=import-preview-out]')).toContain('表头在第 3 行，认作“投诉”');
  const matches = await page.$$eval('[data-testid=import-matches] li', (ls) => ls.map((l) => l.textContent));
  expect(matches).toEqual(expect.arrayContaining(['反映人→投诉人90%', '楼长→保留为单独一列']));
  expect(await page.textContent('[data-testid=import-counts]')).toBe('共 3 行数据：将导入 2 行，已导入过 0 行，有问题 1 行（另有空行 0、合计行 1）');
  expect(await page.textContent('[data-testid=import-rejected]')).toContain('特急');
  expect(await complaintRows()).toBe(0);
  await page.screenshot({ path: join(ARTIFACTS, 'import-preview.png'), fullPage: true });

  await page.click('[data-testid=import-run]');
  await page.waitForSelector('[data-testid=import-undo]');
  expect(await page.textContent('[data-testid=import-counts]')).toBe('已导入 2 行，批次 IMP-2026-0001；已导入过 0 行；有问题 1 行');
  expect(await complaintRows()).toBe(2);
  await page.screenshot({ path: join(ARTIFACTS, 'import-done.png'), fullPage: true });

  await page.click('[data-testid=import-undo]');
  await page.waitForFunction(() => document.querySelector('[data-testid=import-preview-out]')?.textContent?.includes('已撤销'));
  expect(await page.textContent('[data-testid=import-preview-out]')).toBe('已撤销，删除了 2 行');
  expect(await complaintRows()).toBe(0);
});

test('a tab that does not exist is said so, beside nothing written', async () => {
  const page = await open(SUPERVISOR);
  await page.selectOption('[data-testid=register]', '__import');
  await page.fill('[data-testid=import-tab]', '没有这页');
  await page.click('[data-testid=import-preview]');
  await page.waitForFunction(() => (document.querySelector('[data-testid=import-message]')?.textContent ?? '') !== '');
  expect(await page.textContent('[data-testid=import-message]')).toBe('找不到工作表“没有这页”');
});
