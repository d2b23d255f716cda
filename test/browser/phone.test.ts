// The phone web app (serve's /m, doGet's page) in headless Chromium at 390px: a guard's violation and visitor, a form kept offline and sent once, a duty officer's entry.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, textOf, waitText, CODE, ARTIFACTS } from './chromium';
import { MANAGER, CLERK, SECURITY } from '../e2e/book';
import { createHost, newWorkbook } from '../../src/local/host';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';
import { startServer, type Served } from '../../src/local/serve';
import { REGISTERS } from '../../src/domain/registers';

const NOW = '2026-11-25T22:00:00+08:00';
const STRANGER = 'stranger@elsewhere.example';

let dir: string;
let bookPath: string;
let browser: Browser;
const servers: Served[] = [];
const problems: string[] = [];

async function phone(as: string): Promise<{ page: Page; context: BrowserContext; served: Served }> {
  const served = await startServer({ bookPath, as, now: NOW });
  servers.push(served);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, isMobile: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(served.url.replace('/?token=', '/m?token='));
  return { page, context, served };
}

/** Rows of a tab in the saved .xlsx whose cells mention `text`. */
async function rowsWith(tab: string, text: string): Promise<unknown[][]> {
  const wb = await loadWorkbook(bookPath);
  const sheet = wb.sheets.find((s) => s.name === tab);
  return (sheet?.rows ?? []).filter((r) => r && r.some((c) => String(c).includes(text))) as unknown[][];
}

/** Every visible control shorter than a finger (44px), by its text. */
const smallTargets = (page: Page) =>
  page.$$eval('button, select, input:not([type=checkbox]):not([type=radio]), textarea', (ns) =>
    ns.filter((n) => (n as HTMLElement).offsetParent !== null && n.getBoundingClientRect().height < 44).map((n) => n.outerHTML.slice(0, 60)),
  );

beforeAll(async () => {
  if (!existsSync(CODE)) throw new Error('dist/Code.js is needed: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'phone-'));
  bookPath = join(dir, 'book.xlsx');
  const workbook = newWorkbook();
  const host = createHost({ codePath: CODE, workbook, user: MANAGER, now: NOW });
  expect(host.callFromClient('setupWorkbook', ['zh-Hans', { office_phone: '0755-86001234', office_address: '翠湖路88号' }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: CLERK, name: '张敏', roles: ['clerk'] }])).toMatchObject({ ok: true });
  expect(host.callFromClient('createRecord', ['roles', { email: SECURITY, name: '张强', roles: ['security'] }])).toMatchObject({ ok: true });
  await saveWorkbook(workbook, bookPath);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => expect(problems).toEqual([]));

test('a guard opens the to-do list on a phone, is offered the rounds’ registers, and records a violation and a visitor', async () => {
  const { page, context } = await phone(SECURITY);
  await page.waitForSelector('[data-testid=register]');
  expect(await page.$eval('[data-testid=register]', (s) => (s as HTMLSelectElement).value)).toBe('__todo');
  const offered = await page.$$eval('[data-testid=register] option', (os) => os.map((o) => o.textContent));
  const label = (k: keyof typeof REGISTERS) => REGISTERS[k].label['zh-Hans'];
  expect(offered.slice(1).sort()).toEqual((['violations', 'requests', 'visitors', 'release_passes', 'outings', 'duty_log'] as const).map(label).sort());

  await page.selectOption('[data-testid=register]', 'violations');
  await page.waitForSelector('form[data-register=violations]');
  await page.fill('[name=found_at]', '2026-11-25T21:40');
  await page.fill('[name=unit]', '3栋地下车库');
  await page.selectOption('[name=category]', 'fire');
  await page.selectOption('[name=severity]', 'general');
  await page.fill('[name=description]', '消防通道停放电动车两辆');
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-violation.png'), fullPage: false });
  await page.click('[data-testid=submit]');
  expect(await waitText(page, '[data-testid=result]', /V-2026-\d{4}/)).toMatch(/^已登记，编号 V-2026-\d{4}$/);
  expect(await rowsWith('违章', '消防通道停放电动车两辆')).toHaveLength(1);

  await page.selectOption('[data-testid=register]', 'visitors');
  await page.waitForSelector('form[data-register=visitors]');
  await page.fill('[name=visitor]', '周先生');
  await page.fill('[name=id_number]', '440301199001011234');
  await page.fill('[name=unit]', '3-1-502');
  await page.fill('[name=purpose]', '探亲');
  await page.click('[data-testid=submit]');
  expect(await waitText(page, '[data-testid=result]', /VS-2026-\d{4}/)).toMatch(/VS-2026-\d{4}/);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-visitor.png'), fullPage: true });
  await context.close();
});

test('a visitor logged with the network cut is kept on the phone, sent once when it returns, and a replay of its client id adds nothing', async () => {
  const { page, context } = await phone(SECURITY);
  await page.waitForSelector('[data-testid=register]');
  await page.selectOption('[data-testid=register]', 'visitors');
  await page.waitForSelector('form[data-register=visitors]');
  await context.setOffline(true);
  await page.fill('[name=visitor]', '吴女士');
  await page.fill('[name=id_number]', '440301198507153321');
  await page.fill('[name=unit]', '5-2-1101');
  await page.fill('[name=purpose]', '送快递');
  await page.click('[data-testid=submit]');
  expect(await waitText(page, '[data-testid=result]', /\S/)).toBe('暂时没有网络，已保存在本机，联网后自动发送');
  expect(await textOf(page, '[data-testid=outbox]')).toBe('还有 1 条登记等待发送');
  await page.screenshot({ path: join(ARTIFACTS, 'phone-offline.png'), fullPage: false });
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('er-outbox') ?? '[]') as { clientId: string; register: string; fields: object }[]);
  expect(kept).toHaveLength(1);
  expect(await rowsWith('来访登记', '吴女士')).toHaveLength(0);

  await context.setOffline(false);
  expect(await waitText(page, '[data-testid=outbox]', /已发送/)).toBe('离线时填写的 1 条已发送');
  expect(await page.evaluate(() => localStorage.getItem('er-outbox'))).toBeNull();
  expect(await rowsWith('来访登记', '吴女士')).toHaveLength(1);

  // The same form again (an answer lost on the way back, the page resending): the first record, no second row.
  const replay = await page.evaluate(
    (k) =>
      new Promise((ok, bad) => {
        const run = (window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => void> & { withSuccessHandler(f: unknown): { withFailureHandler(f: unknown): Record<string, (...a: unknown[]) => void> } } } } }).google.script.run;
        run.withSuccessHandler(ok).withFailureHandler(bad).submitOffline(k.clientId, 'record', k.register, k.fields);
      }),
    kept[0],
  );
  expect(replay).toMatchObject({ ok: true, duplicate: true, id: expect.stringMatching(/^VS-2026-\d{4}$/) });
  expect(await rowsWith('来访登记', '吴女士')).toHaveLength(1);
  await context.close();
});

test('a duty officer writes a duty-log entry from the phone', async () => {
  const { page, context } = await phone(CLERK);
  await page.waitForSelector('[data-testid=register]');
  await page.selectOption('[data-testid=register]', 'duty_log');
  await page.waitForSelector('[data-testid=duty-form]');
  await page.fill('[data-testid=duty-form] [name=text]', '21:50 巡查 3 栋地下车库，消防通道已清空');
  await page.click('[data-testid=duty-form] button[type=submit]');
  await waitText(page, '[data-testid=duty-entries]', /消防通道已清空/);
  expect(await rowsWith('值班记录', '消防通道已清空')).toHaveLength(1);
  expect(await smallTargets(page)).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-duty.png'), fullPage: false });
  await context.close();
});

test('someone outside the Roles tab sees only a refusal', async () => {
  const { page, context } = await phone(STRANGER);
  expect(await textOf(page, '[data-testid=refusal]')).toBe('您不在人员权限表中，请联系管理处经理');
  expect(await page.$$('[data-testid=register], form, script')).toHaveLength(0);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-refusal.png') });
  await context.close();
});
