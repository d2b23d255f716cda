// The 导入旧台账 panel in headless Chromium at 300px: a supervisor previews an old register (a pasted tab, an uploaded .xlsx, a GBK CSV), imports it, and undoes it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { newSheetModel } from '../../src/local/host/model';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';

const NOW = '2026-11-25T09:00:00+08:00';
const SUPERVISOR = 'supervisor@estate.example';

let dir: string;
let bookPath: string;
let browser: Browser;
const servers: Served[] = [];
const problems: string[] = [];

async function open(as: string, view = ''): Promise<Page> {
  const served = await startServer({ bookPath, as, now: NOW });
  servers.push(served);
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(served.url + view);
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
  browser = await launchChromium();
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

async function tabNames(): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bookPath);
  return wb.worksheets.map((w) => w.name);
}

/** Text as GBK bytes, the way Excel on a Chinese Windows saves a CSV (Node can decode GBK but not encode it). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(dec.decode(new Uint8Array([a, b])), [a, b]);
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

test('the menu item opens the panel; an uploaded .xlsx is read in the page, previewed, imported, and its copy removed', async () => {
  // Last year's register as Excel keeps it: a merged title, real date cells, a formula, a second sheet.
  const file = join(dir, '2025年投诉登记.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['这页不是台账']);
  const ws = wb.addWorksheet('2025年');
  ws.addRow(['2025年投诉登记表']);
  ws.mergeCells('A1:F1');
  ws.addRow(['日期', '来电人', '房号', '投诉内容', '类别', '联系电话']);
  ws.addRow([new Date(Date.UTC(2025, 3, 1, 9, 30)), '周一', '8-801', { formula: '"电梯"&"异响"', result: '电梯异响' }, '一般', 13900139000]);
  ws.addRow([new Date(Date.UTC(2025, 3, 2)), '吴二', '8-802', '楼道堆物', '重要', null]);
  ws.getColumn(1).numFmt = 'yyyy"年"m"月"d"日"';
  await wb.xlsx.writeFile(file);

  const page = await open(SUPERVISOR, '&view=import');
  await page.waitForSelector('[data-testid=import-panel]');
  expect(await page.$eval('[data-testid=register]', (s) => (s as HTMLSelectElement).value)).toBe('__import');
  await page.setInputFiles('[data-testid=import-file]', file);
  await page.waitForFunction(() => (document.querySelector('[data-testid=import-sheet]') as HTMLSelectElement | null)?.options.length === 2);
  await page.selectOption('[data-testid=import-sheet]', { label: '2025年' });
  await page.click('[data-testid=import-preview]');
  await page.waitForSelector('[data-testid=import-run]');
  expect(await page.textContent('[data-testid=import-preview-out]')).toContain('表头在第 2 行，认作“投诉”');
  expect(await page.textContent('[data-testid=import-counts]')).toContain('将导入 2 行');
  await page.screenshot({ path: join(ARTIFACTS, 'import-upload.png'), fullPage: true });
  expect(await tabNames()).toContain('导入源·2025年投诉登记.xlsx·2025年');

  await page.click('[data-testid=import-run]');
  await page.waitForSelector('[data-testid=import-undo]');
  expect(await page.textContent('[data-testid=import-counts]')).toMatch(/^已导入 2 行/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(bookPath);
  const sheet = book.getWorksheet('投诉')!;
  const head = (sheet.getRow(1).values as unknown[]).map(String);
  const row = sheet.getRow(2).values as unknown[];
  expect(row[head.indexOf('投诉事项')]).toBe('电梯异响');
  expect(String(row[head.indexOf('联系电话')])).toBe('13900139000');
  expect(await tabNames()).not.toContain('导入源·2025年投诉登记.xlsx·2025年');
  await page.click('[data-testid=import-undo]');
  await page.waitForFunction(() => document.querySelector('[data-testid=import-preview-out]')?.textContent?.includes('已撤销'));
});

test('a CSV saved by Excel in GBK is read as Chinese; a file that is neither .xlsx nor .csv is refused in words', async () => {
  const csv = join(dir, '求助.csv');
  writeFileSync(csv, gbk('日期,来电人,房号,求助内容,类别\r\n2025-5-1 20:10,郑三,9-901,老人摔倒,急病\r\n'));
  const page = await open(SUPERVISOR, '&view=import');
  await page.waitForSelector('[data-testid=import-panel]');
  await page.setInputFiles('[data-testid=import-file]', csv);
  await page.click('[data-testid=import-preview]');
  await page.waitForSelector('[data-testid=import-run]');
  expect(await page.textContent('[data-testid=import-preview-out]')).toContain('认作“求助报事”');
  expect(await page.textContent('[data-testid=import-matches]')).toContain('来电人');

  const doc = join(dir, 'old.xls');
  writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  await page.setInputFiles('[data-testid=import-file]', doc);
  await page.waitForFunction(() => (document.querySelector('[data-testid=import-message]')?.textContent ?? '').includes('.xlsx'));
  expect(await page.textContent('[data-testid=import-message]')).toBe('只能导入 .xlsx 或 .csv 文件；旧的 .xls 请先在 Excel 里另存为 .xlsx。');
});
