// The local workbook keeps what the add-on does not own (merges, names, notes, user formulas), and a call that changes nothing leaves the file alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/local/cli';
import { loadWorkbook, saveWorkbook, WorkbookUnkeptError } from '../../src/local/xlsx';
import { complaint, MANAGER, STRANGER } from '../e2e/book';

jest.setTimeout(120_000);

// A 1×1 PNG, for an image the host cannot keep.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let dir: string;
let file: string;
const quiet = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
};
const NOW = ['--as', MANAGER, '--now', '2026-11-25T09:00:00+08:00'];

/** A set-up workbook to which the office added, in Excel, things of its own on the complaints tab. */
async function officeBook(extra?: (ws: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<void> {
  expect((await quiet(['init', file, ...NOW])).code).toBe(0);
  expect((await quiet(['call', file, 'createRecord', 'complaints', JSON.stringify(complaint()), ...NOW])).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet('投诉')!;
  ws.getCell('AR1').value = '自用备注';
  ws.mergeCells('AR1:AS1');
  ws.getCell('A1').note = '编号由系统生成，请勿修改';
  ws.getCell('AT2').value = { formula: 'LEN(A2)', result: 0 };
  ws.getCell('AU2').value = { text: '物业制度', hyperlink: 'https://estate.example/rules' };
  book.definedNames.add("'投诉'!$A$1:$A$100", '投诉编号');
  extra?.(ws, book);
  await book.xlsx.writeFile(file);
}

const unchanged = (before: { bytes: Buffer; mtime: number }) => {
  expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
  expect(fs.readFileSync(file).equals(before.bytes)).toBe(true);
};
const state = () => ({ bytes: fs.readFileSync(file), mtime: fs.statSync(file).mtimeMs });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-keep-'));
  file = path.join(dir, 'book.xlsx');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the office's own things in the workbook", () => {
  it('survive a record written by the add-on: merged cells, named ranges, notes, formulas and links in their columns', async () => {
    await officeBook();
    const r = await quiet(['call', file, 'createRecord', 'complaints', JSON.stringify(complaint()), ...NOW]);
    expect(r.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('投诉')!;
    expect(ws.getCell('A3').value).toBe('C-2026-0002'); // the add-on's write is there
    expect((ws.model as { merges?: string[] }).merges).toEqual(['AR1:AS1']);
    expect(ws.getCell('AR1').value).toBe('自用备注');
    expect(ws.getCell('A1').note).toBe('编号由系统生成，请勿修改');
    expect(ws.getCell('AT2').formula).toBe('LEN(A2)');
    expect(ws.getCell('AU2').formula).toBe('HYPERLINK("https://estate.example/rules","物业制度")');
    expect(book.definedNames.model).toEqual([{ name: '投诉编号', ranges: ["'投诉'!$A$1:$A$100"] }]);
  });

  it('a workbook holding what the host cannot keep (an image) is not overwritten: a clear one-line refusal', async () => {
    await officeBook((ws, book) => {
      const image = book.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(image, 'AH3:AI5');
    });
    const before = state();
    const r = await quiet(['call', file, 'createRecord', 'complaints', JSON.stringify(complaint()), ...NOW]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`estate-registers: ${file} holds images on 投诉, which the local host cannot keep; nothing was saved. Remove them (or work on a copy) and run the command again.`);
    unchanged(before);
  });

  it('a value that would vanish inside a merged range refuses the save', async () => {
    await officeBook();
    const wb = await loadWorkbook(file);
    const before = state();
    wb.sheets.find((s) => s.name === '投诉')!.rows[0][44] = '被合并吃掉'; // AS1, inside AR1:AS1
    const err = await saveWorkbook(wb, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookUnkeptError);
    expect((err as Error).message).toContain('投诉!AS1');
    unchanged(before);
  });
});

describe('a call that changes nothing does not rewrite the file', () => {
  it('a read (getRecord), a refused write and a bad argument leave bytes and time as they were', async () => {
    await officeBook();
    const before = state();
    await new Promise((r) => setTimeout(r, 20));
    expect((await quiet(['call', file, 'getRecord', 'complaints', 'C-2026-0001', ...NOW])).code).toBe(0);
    unchanged(before);
    const refused = await quiet(['call', file, 'createRecord', 'complaints', JSON.stringify(complaint()), '--as', STRANGER]);
    expect(refused.code).toBe(1);
    unchanged(before);
    expect((await quiet(['call', file, 'createRecord', 'complaints', '{"unit":""}', ...NOW])).code).toBe(1);
    unchanged(before);
  });
});
