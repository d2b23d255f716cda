// `estate-registers verify-log` on a real .xlsx: tampering done with exceljs, outside the add-on, is caught and exits 1.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MANAGER } from './book';

const BIN = join(__dirname, '../../bin/estate-registers.js');
const LOG = '值班记录';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const verifyJson = (file: string) => {
  const r = cli('verify-log', file, '--json');
  return { status: r.status, json: JSON.parse(r.stdout) as Record<string, unknown> };
};

let dir: string;
let book: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verify-log-'));
  book = join(dir, 'book.xlsx');
  expect(cli('init', book, '--as', MANAGER).status).toBe(0);
  const texts = ['22:10 巡查 3 号楼，消防通道畅通', '23:40 5-2-1101 报厨房漏水，已通知工程部', '01:15 东门道闸故障，手动放行', '06:30 交班前巡查，一切正常'];
  texts.forEach((text, i) => {
    const r = cli('call', book, 'appendDutyLog', JSON.stringify({ kind: 'entry', text }), '--as', MANAGER, '--now', `2026-11-25T0${i + 1}:00:00+08:00`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, seq: i + 1 });
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the book with the duty log changed by exceljs, as someone editing the file directly would. */
async function tampered(name: string, change: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const file = join(dir, `${name}.xlsx`);
  copyFileSync(book, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(LOG);
  if (!ws) throw new Error('no duty log tab');
  change(ws);
  await wb.xlsx.writeFile(file);
  return file;
}

const textCol = (ws: ExcelJS.Worksheet): number => (ws.getRow(1).values as unknown[]).indexOf('内容');

describe('verify-log', () => {
  it('an untouched workbook is intact: exit 0, JSON with intact true, and the file is not rewritten', () => {
    const before = statSync(book).mtimeMs;
    expect(verifyJson(book)).toEqual({ status: 0, json: { intact: true, entries: 4, firstBad: null, problem: null } });
    const human = cli('verify-log', book);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^intact: 4 entries/);
    expect(statSync(book).mtimeMs).toBe(before);
  });

  it.each<[string, (ws: ExcelJS.Worksheet) => void, { firstBad: number; problem: string }]>([
    ['a text cell edited', (ws) => void (ws.getRow(3).getCell(textCol(ws)).value = '23:40 无事'), { firstBad: 2, problem: 'edited' }],
    ['a row deleted', (ws) => void ws.spliceRows(3, 1), { firstBad: 2, problem: 'deleted' }],
    [
      'two rows swapped',
      (ws) => {
        const a = ws.getRow(3).values;
        const b = ws.getRow(4).values;
        ws.getRow(3).values = b;
        ws.getRow(4).values = a;
      },
      { firstBad: 2, problem: 'reordered' },
    ],
    ['the last row deleted', (ws) => void ws.spliceRows(5, 1), { firstBad: 4, problem: 'truncated' }],
  ])('%s: exit 1 and the first bad entry in the JSON', async (name, change, want) => {
    const file = await tampered(name.replace(/\W+/g, '-'), change);
    expect(verifyJson(file)).toEqual({ status: 1, json: { intact: false, entries: expect.any(Number), ...want } });
  });

  it('says in words which entry is wrong', async () => {
    const file = await tampered('words', (ws) => void (ws.getRow(2).getCell(textCol(ws)).value = '22:10 巡查 3 号楼'));
    const r = cli('verify-log', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/NOT intact: entry 1 edited/);
    expect(r.stdout).toContain('第 1 条记录写入后被改动过');
  });

  it('a missing workbook is a one-line error with exit 1', () => {
    const r = cli('verify-log', join(dir, 'nope.xlsx'), '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
