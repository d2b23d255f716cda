// Attaching a photo in the real sidebar at 300px: the file input, the upload through the bridge, the thumbnail, the 附件 columns in the .xlsx.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, textOf, waitText, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK, SECURITY } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';
import { parseAttachments } from '../../src/domain/attachments';
import { jpeg, PDF } from '../fixtures/images';

const NOW = '2026-11-02T09:00:00+08:00';

let dir: string;
let bookPath: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** A real photo (drawn by the browser, so it decodes) with an EXIF block spliced in after SOI, as a camera writes it. */
async function photo(p: Page): Promise<Buffer> {
  const b64 = await p.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d')!;
    g.fillStyle = '#8ab4f8';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#c5221f';
    g.fillRect(200, 120, 240, 240);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  const drawn = Buffer.from(b64, 'base64');
  const exif = jpeg('2026:11:01 20:35:12').subarray(2, -6); // the APP1 segment of the fixture
  return Buffer.concat([drawn.subarray(0, 2), exif, drawn.subarray(2)]);
}

async function violationRow(): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(bookPath);
  const ws = wb.getWorksheet('违章')!;
  const headers = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const values = Array.from(ws.getRow(2).values as unknown[]);
  return Object.fromEntries(headers.map((h, i) => [h, values[i]]));
}

beforeAll(async () => {
  if (!existsSync(CODE)) throw new Error('dist/Code.js is needed: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'attach-'));
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  expect(host.callFromClient('setupWorkbook', ['zh-Hans', { office_phone: '0755-86001234', office_address: '翠湖路88号' }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: CLERK, name: '张敏', roles: ['clerk'] }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: SECURITY, name: '张强', roles: ['security'] }])).toMatchObject({ ok: true });
  const found = { found_at: '2026-11-01T20:30:00+08:00', unit: '7-1101', party: '赵先生', category: 'decoration', severity: 'general', description: '阳台违规搭建雨棚' };
  expect(host.callFromClient('createRecord', ['violations', found])).toMatchObject({ ok: true, id: 'V-2026-0001' });
  expect(host.callFromClient('transition', ['violations', 'V-2026-0001', 1, 'order_rectification', { rectify_by: '2026-11-09T18:00:00+08:00', rule_broken: '《装修管理规定》第五条' }])).toMatchObject({ ok: true });
  bookPath = join(dir, 'book.xlsx');
  await saveWorkbook(workbook, bookPath);
  served = await startServer({ bookPath, as: CLERK, now: NOW });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(served.url);
  await page.waitForSelector('[data-testid=register]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a clerk attaches a photo and a PDF to a violation from its card: thumbnail, capture time, count, and the lines in the .xlsx', async () => {
  const bytes = await photo(page);
  await page.selectOption('[data-testid=register]', 'violations');
  const card = 'li[data-id="V-2026-0001"]';
  await page.waitForSelector(card);
  await page.click(`${card} details[data-history=attachments] > summary`);
  await waitText(page, `${card} details[data-history=attachments]`, /还没有附件/);
  // The camera input opens the phone's camera; the other takes PDFs too.
  expect(await page.getAttribute(`${card} [data-testid=attach-camera]`, 'accept')).toBe('image/*');
  expect(await page.getAttribute(`${card} [data-testid=attach-camera]`, 'capture')).toBe('environment');
  expect(await page.getAttribute(`${card} [data-testid=attach-file]`, 'accept')).toContain('application/pdf');

  await page.setInputFiles(`${card} [data-testid=attach-file]`, [
    { name: '雨棚.jpg', mimeType: 'image/jpeg', buffer: bytes },
    { name: '告知书回执.pdf', mimeType: 'application/pdf', buffer: PDF },
  ]);
  await waitText(page, `${card} [data-testid=attach-status]`, /已添加 2 个附件/);
  const items = `${card} [data-testid=attachments] li`;
  expect(await page.$$eval(items, (ls) => ls.length)).toBe(2);
  // The photo shows as a thumbnail the browser drew; the PDF as an icon with its name.
  const src = await page.getAttribute(`${items}:nth-child(1) img.thumb`, 'src');
  expect(src).toMatch(/^data:image\/jpeg;base64,/);
  expect(await page.$eval(`${items}:nth-child(1) img.thumb`, (i) => (i as HTMLImageElement).naturalWidth)).toBe(160);
  expect(await textOf(page, `${items}:nth-child(1)`)).toBe('雨棚.jpg拍摄 2026-11-01 20:35 · 上传 2026-11-02 09:00');
  expect(await textOf(page, `${items}:nth-child(2)`)).toMatch(/^PDF告知书回执\.pdf上传/);
  expect(await textOf(page, `${card} details[data-history=attachments] > summary`)).toBe('附件（2）');

  // The timeline shows each file.
  await page.click(`${card} details[data-history=timeline] > summary`);
  await waitText(page, `${card} [data-testid=timeline]`, /添加附件[\s\S]*添加附件/);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator(card).screenshot({ path: join(ARTIFACTS, 'attach-300.png') });

  const row = await violationRow();
  expect(row['附件数']).toBe(2);
  const lines = parseAttachments(row['附件']);
  expect(lines.map((l) => [l.name, l.sha256, l.takenAt])).toEqual([
    ['雨棚.jpg', createHash('sha256').update(bytes).digest('hex'), '2026-11-01T20:35:12+08:00'],
    ['告知书回执.pdf', createHash('sha256').update(PDF).digest('hex'), null],
  ]);
  expect(problems).toEqual([]);
}, 120_000);

test('a GIF named .jpg is refused with the reason beside the input', async () => {
  const card = 'li[data-id="V-2026-0001"]';
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  await page.setInputFiles(`${card} [data-testid=attach-file]`, [{ name: '假照片.jpg', mimeType: 'image/jpeg', buffer: gif }]);
  expect(await waitText(page, `${card} [data-testid=attach-status]`, /只能上传/)).toContain('假照片.jpg');
  expect((await violationRow())['附件数']).toBe(2);
}, 60_000);

test('the rectification notice takes a photo ticked in the notice panel: the preview shows it', async () => {
  const card = 'li[data-id="V-2026-0001"]';
  await page.click(`${card} [data-action=notice]`);
  await page.selectOption(`${card} [data-testid=notice-template]`, 'rectification');
  const box = `${card} [data-testid=notice-photos]`;
  await page.waitForSelector(`${box} input[type=checkbox]`);
  expect(await textOf(page, box)).toBe('放入照片（最多 2 张）雨棚.jpg');
  await page.check(`${box} input[type=checkbox]`);
  await page.click(`${card} [data-testid=notice-preview-button]`);
  await page.waitForSelector(`${card} [data-testid=notice-preview]`);
  const html = await page.getAttribute(`${card} [data-testid=notice-preview]`, 'srcdoc');
  expect(html).toMatch(/<img src="data:image\/jpeg;base64,/);
  expect(html).toContain('雨棚.jpg 2026-11-01 20:35');
  await page.locator(card).screenshot({ path: join(ARTIFACTS, 'attach-notice-photos-300.png') });
  await page.click(`${card} [data-testid=notice-generate]`);
  await page.waitForSelector(`${card} [data-testid=notice-links] a`);
  expect(problems).toEqual([]);
}, 120_000);

test('a guard on the phone page takes a photo for the violation with the camera input, a finger-sized button', async () => {
  const phoneServer = await startServer({ bookPath, as: SECURITY, now: NOW });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, isMobile: true });
  try {
    const p = await context.newPage();
    p.setDefaultTimeout(30_000);
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await p.goto(phoneServer.url.replace('/?token=', '/m?token='));
    await p.waitForSelector('[data-testid=register]');
    await p.selectOption('[data-testid=register]', 'violations');
    const card = 'li[data-id="V-2026-0001"]';
    await p.waitForSelector(card);
    await p.click(`${card} details[data-history=attachments] > summary`);
    const camera = `${card} [data-testid=attach-camera]`;
    await p.waitForSelector(camera, { state: 'attached' });
    const button = await p.$eval(camera, (i) => (i.parentElement as HTMLElement).getBoundingClientRect().height);
    expect(button).toBeGreaterThanOrEqual(44);
    await p.setInputFiles(camera, [{ name: 'image.jpg', mimeType: 'image/jpeg', buffer: await photo(p) }]);
    await waitText(p, `${card} [data-testid=attach-status]`, /已添加 1 个附件/);
    expect(await p.$$eval(`${card} [data-testid=attachments] li`, (ls) => ls.length)).toBe(3);
    await p.locator(card).screenshot({ path: join(ARTIFACTS, 'attach-phone-390.png') });
    expect((await violationRow())['附件数']).toBe(3);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    await phoneServer.close();
  }
}, 120_000);
