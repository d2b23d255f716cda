// The estate-registers CLI from a user's side: init, call, errors without stack traces, corrupt files untouched, parallel runs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { complaint, MANAGER } from './book';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/estate-registers.js');
const dir = mkdtempSync(join(tmpdir(), 'cli-'));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
async function cli(...args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const oneLine = (r: Ran) => {
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^estate-registers: /);
  expect(r.stderr).not.toMatch(/\bat .*\.(js|ts|cjs):\d+/);
};

describe('estate-registers', () => {
  const book = join(dir, 'book.xlsx');

  it('init makes a workbook that a separate xlsx reader opens, with every tab', async () => {
    const r = await cli('init', book, '--as', MANAGER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${MANAGER} is the manager`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const names = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['设置', '投诉', '违章', '值班记录', '人员权限']));
    expect(wb.getWorksheet('投诉')!.getRow(1).values).toContain('受理时间');
  });

  it('init --lang en heads the tabs in English', async () => {
    const en = join(dir, 'en.xlsx');
    expect((await cli('init', en, '--lang', 'en', '--as', MANAGER)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(en);
    expect(wb.getWorksheet('Complaints')!.getRow(1).values).toContain('Received at');
  });

  it('init --demo fills every register with sample records in Chinese', async () => {
    const demo = join(dir, 'demo.xlsx');
    expect((await cli('init', demo, '--demo', '--as', MANAGER)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(demo);
    for (const tab of ['重点户', '重点户异动表', '走访记录', '投诉', '违章', '求助报事', '临时出入卡', '值班记录', '值班安排表', '人员权限']) {
      const sheet = wb.getWorksheet(tab)!;
      expect({ tab, rows: sheet.actualRowCount }).toEqual({ tab, rows: expect.any(Number) });
      expect(sheet.actualRowCount).toBeGreaterThan(1);
    }
    expect(JSON.stringify(wb.getWorksheet('投诉')!.getSheetValues())).toMatch(/电梯|楼道/);
    // The gate's log: three visitors, their ID numbers kept masked.
    expect(wb.getWorksheet('来访登记')!.actualRowCount).toBe(4);
    expect(JSON.stringify(wb.getWorksheet('来访登记')!.getSheetValues())).toContain('4403**********1234');
    expect(JSON.stringify(wb.getWorksheet('来访登记')!.getSheetValues())).not.toContain('440301199001011234');
    // Outings and an emergency entry (issue 12).
    expect(wb.getWorksheet('出门备案录')!.actualRowCount).toBe(4);
    expect(wb.getWorksheet('突发事件处理记录')!.actualRowCount).toBe(2);
    // Two let flats and three release passes, the tenant's ID number kept masked.
    expect(wb.getWorksheet('出租屋登记')!.actualRowCount).toBe(3);
    expect(JSON.stringify(wb.getWorksheet('出租屋登记')!.getSheetValues())).not.toContain('110101199001011234');
    expect(wb.getWorksheet('物资放行条')!.actualRowCount).toBe(4);
    // Move-ins: one done in full, one past move_in_days without its inspection, one under way (issue 12).
    const moveIns = JSON.stringify(wb.getWorksheet('入住手续')!.getSheetValues());
    expect(wb.getWorksheet('入住手续')!.actualRowCount).toBe(4);
    for (const text of ['钱女士', '黄志强', '赵先生', 'RS-']) expect(moveIns).toContain(text);
    expect((await cli('verify-log', demo)).code).toBe(0);
  });

  it('init --phone --address fills in the office details, and notice takes a month for the monthly statistics', async () => {
    const office = join(dir, 'office.xlsx');
    expect((await cli('init', office, '--phone', '0755-86001234', '--address', '翠湖路88号', '--as', MANAGER)).code).toBe(0);
    const now = ['--as', MANAGER, '--now', '2026-12-01T09:00:00+08:00'];
    expect((await cli('call', office, 'createRecord', 'complaints', JSON.stringify(complaint({ received_at: '2026-11-30T23:30:00+08:00' })), ...now)).code).toBe(0);
    const r = await cli('notice', office, '2026-11', '--template', 'monthly_stats', '--out', join(dir, 'out'), '--json', ...now);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string; html: string };
    expect(out.name).toBe('monthly_stats-202611-20261201');
    const html = readFileSync(out.html, 'utf8');
    expect(html).toContain('本月共受理投诉<strong>1</strong>件');
    expect(html).toContain('〔2026〕月报字第 001 号');
    expect(html).toContain('翠湖路88号');
  });

  it('call parses JSON arguments, prints the JSON result and saves the row', async () => {
    const r = await cli('call', book, 'createRecord', 'complaints', JSON.stringify(complaint()), '--as', MANAGER, '--now', '2026-11-25T09:00:00+08:00');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, id: 'C-2026-0001' });
    const found = await cli('call', book, 'getRecord', 'complaints', 'C-2026-0001', '--as', MANAGER);
    expect(JSON.parse(found.stdout).record.fields.subject).toBe('楼道灯不亮');
  });

  it('exits 1 with the JSON failure when the add-on refuses', async () => {
    const r = await cli('call', book, 'createRecord', 'complaints', '{}', '--as', MANAGER);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it.each([
    ['an unknown entry point', ['call', 'BOOK', 'launchRockets'], /unknown entry point "launchRockets"/],
    ['a missing file', ['call', join(dir, 'nope.xlsx'), 'getRegisters'], /no such file/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['a missing argument', ['call', 'BOOK'], /usage: estate-registers call/],
    ['an unknown option', ['call', 'BOOK', 'getRegisters', '--bogus'], /Unknown option '--bogus'/],
    ['a bad --now', ['call', 'BOOK', 'getRegisters', '--now', 'tomorrow'], /--now tomorrow is not a date-time/],
  ])('answers %s with one line and exit 1', async (_what, args, message) => {
    const r = await cli(...args.map((a) => (a === 'BOOK' ? book : a)));
    oneLine(r);
    expect(r.stderr).toMatch(message);
  });

  it('reports a file that is not a workbook and leaves it byte for byte the same', async () => {
    const bad = join(dir, 'bad.xlsx');
    const bytes = Buffer.from('PK\u0003\u0004 this is not really a workbook');
    writeFileSync(bad, bytes);
    const r = await cli('call', bad, 'getRegisters');
    oneLine(r);
    expect(r.stderr).toContain('is not a readable .xlsx workbook');
    expect(readFileSync(bad).equals(bytes)).toBe(true);
  });

  it('--help lists exactly the commands that work', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    const commands = [...r.stdout.matchAll(/^  (\S+) </gm)].map((m) => m[1]);
    expect(commands).toEqual(['init', 'call', 'scan', 'notice', 'verify-log', 'serve', 'import', 'undo-import']);
  });

  it('queues 20 parallel runs on one workbook: 20 rows, 20 distinct ids, none lost', async () => {
    const shared = join(dir, 'shared.xlsx');
    copyFileSync(book, shared);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cli('call', shared, 'createRecord', 'complaints', JSON.stringify(complaint({ subject: `并发${i}` })), '--as', MANAGER, '--now', '2026-11-25T09:00:00+08:00'),
      ),
    );
    // A run that fails says why (its one-line message), so a failure here is never a bare exit code.
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr.trim())).toEqual([]);
    const ids = results.map((r) => JSON.parse(r.stdout).id as string);
    expect(new Set(ids).size).toBe(20);
    const list = await cli('call', shared, 'findRecords', 'complaints', '{"limit":100}', '--as', MANAGER);
    expect(JSON.parse(list.stdout).records).toHaveLength(21);
    // Twenty processes queue on one lock: generous on a busy 2-core machine.
  }, 900_000);
});
