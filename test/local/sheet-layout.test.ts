// The saved .xlsx reads like a register: columns in reading order, widths that fit, frozen header and 编号; an older layout is rearranged by setup with every value kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createHost } from '../../src/local/host';
import { Formula, type SheetModel } from '../../src/local/host/model';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';
import { columnsOf, REGISTER_KEYS, REGISTERS, sheetColumnsOf } from '../../src/domain/registers';
import { CODE, complaint, MANAGER, ok, Result, rpc, setUpBook, snapshot, violation } from '../e2e/book';

jest.setTimeout(180_000);

const NOW = '2026-11-25T09:00:00+08:00';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheet-layout-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function reopen(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

function headersOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, c) => {
    out[c - 1] = String(cell.value);
  });
  return Array.from(out, (h) => h ?? '');
}

/** Each data row as header → cell value, as Excel reads it (dates, numbers, formulas with results). */
function rowsByHeader(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = headersOf(ws);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return rows;
}

const zh = (key: (typeof REGISTER_KEYS)[number]) => REGISTERS[key].label['zh-Hans'];
const labels = (key: (typeof REGISTER_KEYS)[number]) => sheetColumnsOf(REGISTERS[key]).map((f) => f.label['zh-Hans']);
/** Excel widths are in characters of the default font; a date-time needs its 16 and a little room. */
const DATETIME_CHARS = '2026-11-25 09:30'.length + 1;

/** What a person sees in Excel: order, frozen panes, widths that fit, minute-only date formats. */
function expectReadable(book: ExcelJS.Workbook): void {
  for (const key of REGISTER_KEYS) {
    const ws = book.getWorksheet(zh(key))!;
    expect([key, headersOf(ws).slice(0, labels(key).length)]).toEqual([key, labels(key)]);
    expect([key, ws.views[0]]).toEqual([key, expect.objectContaining({ state: 'frozen', xSplit: 1, ySplit: 1 })]);
    sheetColumnsOf(REGISTERS[key]).forEach((f, i) => {
      const col = ws.getColumn(i + 1);
      expect([key, f.key, (col.width ?? 0) > 0]).toEqual([key, f.key, true]);
      if (f.type === 'datetime') {
        expect([key, f.key, col.width! >= DATETIME_CHARS]).toEqual([key, f.key, true]);
        expect([key, f.key, ws.getCell(2, i + 1).numFmt]).toEqual([key, f.key, 'yyyy-mm-dd hh:mm']);
      }
      if (f.type === 'date') expect([key, f.key, ws.getCell(2, i + 1).numFmt]).toEqual([key, f.key, 'yyyy-mm-dd']);
    });
  }
  const complaints = book.getWorksheet('投诉')!;
  expect(complaints.getColumn(1).width!).toBeGreaterThanOrEqual('HC-2026-0001'.length + 1);
  expect(complaints.getColumn(headersOf(complaints).indexOf('详细情况') + 1).width!).toBeGreaterThan(DATETIME_CHARS);
}

/** A few records in several registers, some acted on. */
function fill(host: ReturnType<typeof setUpBook>): void {
  const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ details: '三楼到五楼的楼道灯都不亮' })));
  ok(rpc(host, 'transition', 'complaints', c.id, c.version, 'dispatch', { department: '工程部' }));
  ok(rpc(host, 'createRecord', 'complaints', complaint({ complainant: '周先生', subject: '电梯异响', class: 'important' })));
  const v = ok(rpc(host, 'createRecord', 'violations', violation()));
  ok(rpc(host, 'transition', 'violations', v.id, v.version, 'educate', {}));
  ok(rpc(host, 'createRecord', 'households', { unit: '1-101', occupant: '刘桂英', categories: ['elderly_alone'], phone: '13800138000', moved_in_on: '2020-05-01' }));
  ok(rpc(host, 'createRecord', 'passes', { holder: '赵阿姨', role: 'nanny', unit: '2-1-101', issued_on: '2026-11-20', expires_on: '2026-12-20' }));
  ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:40:00+08:00', type: 'repair', unit: '5-2-301', details: '厨房漏水', phone: '0571-8888' }));
}

/** Puts a tab's columns back in the order setup used before (system columns first, then the fields). */
function oldLayout(sheet: SheetModel, key: (typeof REGISTER_KEYS)[number]): void {
  const header = sheet.rows[0] as string[];
  const order = columnsOf(REGISTERS[key]).map((f) => header.indexOf(f.label['zh-Hans']));
  const rest = header.map((_, i) => i).filter((i) => !order.includes(i));
  const all = [...order, ...rest];
  for (const grid of [sheet.rows, sheet.styles, sheet.validations] as unknown[][][])
    for (let r = 0; r < grid.length; r++) if (grid[r]) grid[r] = all.map((i) => grid[r][i]);
  sheet.columnWidths = {};
  sheet.frozenColumns = 0;
}

it('a new workbook saved to .xlsx has its columns in reading order, fitted, with the header and 编号 frozen', async () => {
  const host = setUpBook({ now: NOW });
  fill(host);
  const file = path.join(dir, 'new.xlsx');
  await saveWorkbook(host.workbook, file);
  expectReadable(await reopen(file));
});

it('初始化台账 rearranges an older layout: every value stays under its header, office columns follow, a second run changes nothing', async () => {
  const host = setUpBook({ now: NOW });
  fill(host);
  for (const key of REGISTER_KEYS) oldLayout(host.workbook.sheets.find((s) => s.name === zh(key))!, key);
  // The office's own columns: one typed between two of ours, one at the end with a formula.
  const complaints = host.workbook.sheets.find((s) => s.name === '投诉')!;
  const mid = (complaints.rows[0] as string[]).indexOf('房号');
  for (const [r, row] of complaints.rows.entries()) row.splice(mid, 0, r === 0 ? '回访备注' : `备注${r}`);
  const end = complaints.rows[0].length;
  complaints.rows[0][end] = '字数';
  complaints.rows[1][end] = new Formula('=LEN(A2)', 11);
  // Someone froze a column of the old layout: columns cannot move across it until setup unfreezes it.
  host.workbook.sheets.find((s) => s.name === '违章')!.frozenColumns = 2;

  const oldFile = path.join(dir, 'old.xlsx');
  await saveWorkbook(host.workbook, oldFile);
  const before = await reopen(oldFile);
  expect(headersOf(before.getWorksheet('投诉')!).slice(0, 3)).toEqual(['编号', '版本', '创建时间']);

  const wb = await loadWorkbook(oldFile);
  const office = createHost({ codePath: CODE, workbook: wb, user: MANAGER, now: NOW });
  const r = ok(rpc(office, 'setupWorkbook'));
  expect(Object.keys(r.arranged as Record<string, number>).sort()).toEqual(
    REGISTER_KEYS.filter((k) => columnsOf(REGISTERS[k]).some((f, i) => sheetColumnsOf(REGISTERS[k])[i] !== f)).map(zh).sort(),
  );
  expect(r.created).toEqual([]);
  const newFile = path.join(dir, 'migrated.xlsx');
  await saveWorkbook(wb, newFile);
  const after = await reopen(newFile);

  expectReadable(after);
  expect(headersOf(after.getWorksheet('投诉')!)).toEqual([...labels('complaints'), '回访备注', '字数']);
  for (const key of REGISTER_KEYS) {
    const tab = zh(key);
    const was = rowsByHeader(before.getWorksheet(tab)!);
    expect([tab, rowsByHeader(after.getWorksheet(tab)!)]).toEqual([tab, was]);
  }
  expect(rowsByHeader(after.getWorksheet('投诉')!)[0]['字数']).toEqual({ formula: 'LEN(A2)', result: 11 });

  // The warnings cover the system columns where they now are; the due colours key on 下一期限 where it now is.
  const sheet = wb.sheets.find((s) => s.name === '投诉')!;
  const header = sheet.rows[0] as string[];
  const system = new Set(sheetColumnsOf(REGISTERS.complaints).filter((f) => f.system).map((f) => header.indexOf(f.label['zh-Hans']) + 1));
  for (const p of sheet.protections.filter((x) => x.kind === 'RANGE'))
    for (let c = p.rect!.col; c < p.rect!.col + p.rect!.numCols; c++) expect([header[c - 1], system.has(c)]).toEqual([header[c - 1], true]);
  const due = header.indexOf('下一期限') + 1;
  const letter = due > 26 ? String.fromCharCode(64 + Math.floor((due - 1) / 26)) + String.fromCharCode(65 + ((due - 1) % 26)) : String.fromCharCode(64 + due);
  const dueRules = sheet.conditionalRules.filter((x) => /NOW\(\)/.test(x.formula));
  expect(dueRules.map((x) => x.formula)).toEqual([`=AND($${letter}2<>"",$${letter}2<NOW())`, `=AND($${letter}2<>"",$${letter}2>=NOW(),$${letter}2<NOW()+1)`]);

  const settled = snapshot(office);
  const again = ok(rpc(office, 'setupWorkbook')) as Result;
  expect(again.arranged).toEqual({});
  expect(snapshot(office)).toBe(settled);
});
