// Importing an office's old registers: from a tab of the workbook and through the CLI from .xlsx and .csv; nothing lost, nothing twice, undo.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { as, CLERK, cells, CODE, MANAGER, ok, rpc, setSetting, setUpBook, sheetNamed, snapshot, SUPERVISOR } from './book';
import { createHost } from '../../src/local/host';
import { Formula, newSheetModel, type Stored } from '../../src/local/host/model';
import type { Host } from '../../src/local/host';

/** A wall-clock time as the host stores date cells (UTC fields = the office's clock). */
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi));

/**
 * The old complaints register offices keep: a title row, a blank row, a merged group header over
 * sub-headers, synonyms, dates typed five ways, a formula, an option nobody knows, a blank row
 * between records, a totals row at the foot and two columns the add-on does not have.
 */
const LEGACY: Stored[][] = [
  ['2025年投诉登记表'],
  [],
  ['序号', '日期', '投诉人信息', null, null, '投诉内容', '类别', '处理结果', '楼长'],
  [null, null, '反映人', '房间号', '手机', null, null, null, null],
  [1, '2025年3月5日', '张三', '3-201', 13800138000, '楼上噪音', '一般', '已协调', '老李'],
  [2, wall(2025, 3, 6, 9, 30), '李四', '5-502', null, '停车位被占', '重要', null, '老王'],
  [],
  [3, '3月8日', '王五', '1-101', null, '漏水', '特急', null, null],
  [4, 45730, '赵六', '2-301', null, '电梯故障', '重大', '已修复', null],
  [5, '2025.03.12 14:30', '钱七', '6-601', null, new Formula('="门禁"&"坏了"', '门禁坏了'), '一般', null, '=SUM(A1:A3)'],
  ['合计', null, null, null, null, null, null, null, null],
];

function addTab(host: Host, name: string, rows: Stored[][]): void {
  const wb = host.workbook;
  const sheet = newSheetModel(wb.nextSheetId++, name);
  sheet.rows = rows.map((r) => [...r]);
  sheet.maxColumns = Math.max(26, ...rows.map((r) => r.length));
  wb.sheets.push(sheet);
}

const complaintsOf = (host: Host) => (ok(rpc(host, 'findRecords', 'complaints', { limit: 200 })).records as { id: string; version: number; fields: Record<string, unknown> }[]);

describe('importing an old register from a tab of the workbook', () => {
  let host: Host;
  beforeEach(() => {
    host = setUpBook();
    addTab(host, '旧投诉', LEGACY);
  });

  test('the preview finds the header under the title, says how it read every column, and writes nothing', () => {
    const before = snapshot(host);
    const r = as(host, SUPERVISOR, () => ok(rpc(host, 'previewImport', { tab: '旧投诉' })));
    expect(snapshot(host)).toBe(before);
    expect(r).toMatchObject({ register: 'complaints', headerRow: 3, headerRows: 2, rows: 5, imported: 4, duplicates: 0, skipped: { blank: 1, totals: 1 } });
    expect(r.mapping).toEqual({ 日期: 'received_at', 反映人: 'complainant', 房间号: 'unit', 手机: 'phone', 投诉内容: 'subject', 类别: 'class', 处理结果: 'resolution' });
    expect(r.unmapped).toEqual(['序号', '楼长']);
    expect((r.matches as { source: string; confidence: number }[]).find((m) => m.source === '反映人')!.confidence).toBe(0.9);
    expect(r.rejected).toEqual([{ row: 8, reasons: { class: expect.stringContaining('特急') } }]);
  });

  test('every row is imported, a duplicate or rejected with its reasons; values read in the office forms; nothing as a formula', () => {
    const r = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    const rejected = r.rejected as { row: number; reasons: Record<string, string> }[];
    expect(Number(r.imported) + Number(r.duplicates) + rejected.length).toBe(r.rows);
    expect(r).toMatchObject({ imported: 4, duplicates: 0, batch: 'IMP-2026-0001', problemsTab: '导入问题' });

    const recs = complaintsOf(host);
    expect(recs).toHaveLength(4);
    const by = Object.fromEntries(recs.map((x) => [x.fields.complainant, x.fields]));
    expect(by['张三']).toMatchObject({ received_at: '2025-03-05T00:00:00+08:00', unit: '3-201', phone: '13800138000', class: 'minor', status: 'resolved', resolution: '已协调', resolved_at: null });
    expect(by['李四']).toMatchObject({ received_at: '2025-03-06T09:30:00+08:00', class: 'important', status: 'received' });
    expect(by['赵六']).toMatchObject({ received_at: '2025-03-14T00:00:00+08:00', class: 'major', status: 'resolved', closed_at: null });
    expect(by['钱七']).toMatchObject({ received_at: '2025-03-12T14:30:00+08:00', subject: '门禁坏了' });

    // The columns the register does not have are kept after its own, with the batch and fingerprint column.
    const tab = cells(host, '投诉');
    const head = tab[0] as string[];
    expect(head.slice(-3)).toEqual(['导入来源', '序号', '楼长']);
    const rowOf = (name: string) => tab.find((row) => row.includes(name))!;
    expect(rowOf('张三').slice(-3)).toEqual([expect.stringMatching(/^IMP-2026-0001 [0-9a-f]{20}$/), 1, '老李']);
    // A text that would be a formula is kept as typed text, and a formula came in as its value.
    const q = rowOf('钱七');
    expect(String(q[q.length - 1]).replace(/^'/, '')).toBe('=SUM(A1:A3)');
    expect(tab.flat().some((c) => c instanceof Formula)).toBe(false);

    // The rejected row, with its original values and the reason, in 导入问题.
    const problems = cells(host, '导入问题');
    expect(problems[0][0]).toBe('导入问题 · 旧投诉 · 2025年');
    expect(problems[1].slice(0, 5)).toEqual(['未导入原因', '原表', '原表行号', '行指纹', '序号']);
    expect(problems).toHaveLength(3);
    expect(String(problems[2][0])).toContain('类别');
    expect(problems[2]).toEqual(expect.arrayContaining(['王五', '3月8日', '特急', 8]));
  });

  test('importing again adds nothing; three new rows add exactly three; fixed rejects come in from 导入问题', () => {
    as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    const again = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    expect(again).toMatchObject({ imported: 0, duplicates: 4, batch: null });
    expect(complaintsOf(host)).toHaveLength(4);

    const src = sheetNamed(host, '旧投诉');
    src.rows.splice(10, 0, [6, '2025/3/20', '孙八', '7-701', null, '垃圾未清', '一般', null, null], [7, '2025-3-21', '周九', '7-702', null, '路灯不亮', '一般', null, null], [8, '3月22日', '吴十', '7-703', null, '绿化', '一般', null, null]);
    const more = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    expect(more).toMatchObject({ rows: 8, imported: 3, duplicates: 4 });
    expect(complaintsOf(host)).toHaveLength(7);

    // The clerk fixes the unknown class where the reject was put, and imports that tab.
    const problems = sheetNamed(host, '导入问题');
    const at = problems.rows[1].indexOf('类别');
    problems.rows[2][at] = '重要';
    const fixed = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '导入问题', register: 'complaints' })));
    expect(fixed).toMatchObject({ imported: 1, rejected: [] });
    expect(cells(host, '导入问题')).toHaveLength(2);
    expect(complaintsOf(host).find((x) => x.fields.complainant === '王五')!.fields).toMatchObject({ class: 'important', received_at: '2025-03-08T00:00:00+08:00' });
    // The original source now has nothing new: the fixed row counts as already imported.
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })))).toMatchObject({ imported: 0, duplicates: 8, rejected: [] });
  });

  test('undo removes exactly its batch, or nothing and names the records changed since', () => {
    const first = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    addTab(host, '旧投诉2', [['日期', '投诉人', '投诉事项', '类别'], ['2025-4-1', '郑一', '噪音', '一般'], ['2025-4-2', '冯二', '漏水', '一般']]);
    const second = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉2' })));
    expect(second).toMatchObject({ imported: 2, batch: 'IMP-2026-0002' });
    expect(complaintsOf(host)).toHaveLength(6);

    const edited = complaintsOf(host).find((x) => x.fields.complainant === '张三')!;
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', edited.id, edited.version, { details: '补充：晚上十点后' })));
    const before = snapshot(host);
    const refused = as(host, SUPERVISOR, () => rpc(host, 'undoImport', first.batch));
    expect(refused).toMatchObject({ ok: false, code: 'conflict', changed: [edited.id] });
    expect(refused.message).toContain(edited.id);
    expect(snapshot(host)).toBe(before);

    const undone = as(host, SUPERVISOR, () => ok(rpc(host, 'undoImport', second.batch)));
    expect(undone.removed).toBe(2);
    const left = complaintsOf(host).map((x) => x.fields.complainant).sort();
    expect(left).toEqual(['张三', '李四', '赵六', '钱七'].sort());
    expect(as(host, SUPERVISOR, () => rpc(host, 'undoImport', second.batch))).toMatchObject({ ok: false, code: 'not_found' });
  });

  test('a clerk may not import or undo; bad requests write nothing', () => {
    const before = snapshot(host);
    expect(as(host, CLERK, () => rpc(host, 'runImport', { tab: '旧投诉' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, CLERK, () => rpc(host, 'previewImport', { tab: '旧投诉' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, SUPERVISOR, () => rpc(host, 'runImport', { tab: '没有这页' }))).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { tab: expect.any(String) } });
    expect(as(host, SUPERVISOR, () => rpc(host, 'runImport', { tab: '旧投诉', map: '楼长=floor_captain' }))).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { map: expect.any(String) } });
    expect(as(host, SUPERVISOR, () => rpc(host, 'runImport', { tab: '投诉' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(as(host, SUPERVISOR, () => rpc(host, 'runImport', { tab: '旧投诉', register: 'roles' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(as(host, MANAGER, () => rpc(host, 'undoImport', 'IMP-2026-0099'))).toMatchObject({ ok: false, code: 'not_found' });
    expect(snapshot(host)).toBe(before);
  });
});

// ---------------------------------------------------------------- an uploaded file

/** What the sidebar sends for a file it read: plain values only (date cells as the text it showed). */
const plain = (rows: Stored[][]) => rows.map((r) => r.map((c) => (c instanceof Formula ? c.result : c instanceof Date ? c.toISOString().slice(0, 16).replace('T', ' ') : c ?? null)));

describe('importing a file uploaded in the sidebar', () => {
  test('the file comes in parts into a tab named after it, is read like a pasted tab, and the tab goes once every row is in', () => {
    const host = setUpBook();
    const rows = plain(LEGACY);
    const first = as(host, SUPERVISOR, () => ok(rpc(host, 'stageImport', { name: '投诉2025.xlsx', sheet: '2025年', offset: 0, rows: rows.slice(0, 5) })));
    expect(first).toMatchObject({ tab: '导入源·投诉2025.xlsx·2025年', rows: 5 });
    const second = as(host, SUPERVISOR, () => ok(rpc(host, 'stageImport', { name: '投诉2025.xlsx', sheet: '2025年', offset: 5, rows: rows.slice(5) })));
    expect(second.rows).toBe(LEGACY.length);
    // Row numbers stay those of the file: the blank row between parts is kept, and "=SUM(…)" stays text.
    const staged = cells(host, String(first.tab));
    expect(staged).toHaveLength(LEGACY.length);
    expect(String(staged[9][8])).toMatch(/^'?=SUM\(A1:A3\)$/);
    expect(staged[9][8]).not.toBeInstanceOf(Formula);
    const request = { tab: first.tab, source: '投诉2025.xlsx', sheet: '2025年' };
    const preview = as(host, SUPERVISOR, () => ok(rpc(host, 'previewImport', request)));
    expect(preview).toMatchObject({ register: 'complaints', headerRow: 3, rows: 5, imported: 4, rejected: [{ row: 8, reasons: { class: expect.any(String) } }] });
    const done = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', request)));
    expect(done).toMatchObject({ imported: 4, remaining: 0, problemsTab: '导入问题' });
    expect(host.workbook.sheets.map((x) => x.name)).not.toContain(first.tab);
    expect(complaintsOf(host).find((x) => x.fields.complainant === '钱七')!.fields).toMatchObject({ subject: '门禁坏了', received_at: '2025-03-12T14:30:00+08:00' });
    // The same file uploaded again adds nothing.
    as(host, SUPERVISOR, () => ok(rpc(host, 'stageImport', { name: '投诉2025.xlsx', sheet: '2025年', offset: 0, rows })));
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', request)))).toMatchObject({ imported: 0, duplicates: 4 });
  });

  test('a clerk may not upload; a part that is not a table, or too big, is refused and writes nothing', () => {
    const host = setUpBook();
    const before = snapshot(host);
    expect(as(host, CLERK, () => rpc(host, 'stageImport', { name: 'a.csv', offset: 0, rows: [['x']] }))).toMatchObject({ ok: false, code: 'forbidden' });
    for (const bad of [{ name: 'a.csv', offset: 0, rows: 'x' }, { name: '', offset: 0, rows: [] }, { name: 'a.csv', offset: 0, rows: [[{ f: 1 }]] }, { name: 'a.csv', offset: 0, rows: Array.from({ length: 2001 }, () => ['x']) }, { name: 'a.csv', offset: 99_999, rows: [['x'], ['y']] }]) {
      expect(as(host, SUPERVISOR, () => rpc(host, 'stageImport', bad))).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(as(host, SUPERVISOR, () => rpc(host, 'stageImport', { name: 'a.csv', offset: 10, rows: [['x']] }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(snapshot(host)).toBe(before);
  });
});

test('a big import stops at the time budget and the next run goes on from where it stopped, with no row twice and no number skipped', () => {
  const host = setUpBook();
  const N = 20_005;
  const rows: Stored[][] = [['日期', '投诉人', '房号', '投诉内容', '类别'], ...Array.from({ length: N }, (_, i) => ['2025-3-5', `住户${i}`, `${1 + (i % 30)}-${100 + (i % 97)}`, `第${i}件`, '一般'] as Stored[])];
  addTab(host, '历年投诉', rows);
  setSetting(host, 'batch_budget_seconds', 5);
  // Every service call takes a simulated second, so the budget is spent after the first 10,000 rows.
  const slow = createHost({ codePath: CODE, workbook: host.workbook, user: SUPERVISOR, now: '2026-11-25T10:00:00+08:00', tickMs: 1000 });
  const first = ok(rpc(slow, 'runImport', { tab: '历年投诉' }));
  expect(first).toMatchObject({ rows: N, imported: 10_000, remaining: N - 10_000, duplicates: 0 });
  const second = ok(rpc(slow, 'runImport', { tab: '历年投诉' }));
  expect(second).toMatchObject({ imported: 10_000, duplicates: 10_000, remaining: 5 });
  const third = ok(rpc(slow, 'runImport', { tab: '历年投诉' }));
  expect(third).toMatchObject({ imported: 5, duplicates: 20_000, remaining: 0 });
  const ids = cells(host, '投诉').slice(1).map((r) => String(r[0]));
  expect(new Set(ids).size).toBe(N);
  expect(ids.at(-1)).toBe(`C-2026-${String(N).padStart(4, '0')}`);
}, 120_000);

test('the menu item 导入旧台账 opens the sidebar on the import panel', () => {
  const host = setUpBook();
  host.call('onOpen');
  const item = host.ui.menus.at(-1)!.items.find((i) => i.caption === '导入旧台账')!;
  expect(item.fn).toBe('showImport');
  host.call('showImport');
  expect(host.ui.sidebars.at(-1)!.content).toContain('<meta name="er-view" content="import">');
  host.call('showSidebar');
  expect(host.ui.sidebars.at(-1)!.content).not.toContain('<meta name="er-view"');
});

// ---------------------------------------------------------------- the CLI

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/estate-registers.js');
const dir = mkdtempSync(join(tmpdir(), 'import-'));
const NOW = ['--now', '2026-11-25T09:00:00+08:00'];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, ...NOW], { env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function legacyXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2025年');
  wb.addWorksheet('说明').addRow(['这页不是台账']);
  for (const row of LEGACY) ws.addRow(row.map((c) => (c instanceof Formula ? { formula: c.text.slice(1), result: c.result } : c ?? null)));
  ws.mergeCells('A1:I1');
  ws.mergeCells('C3:E3');
  // A real date cell as Excel keeps it.
  ws.getCell('B6').numFmt = 'yyyy-mm-dd hh:mm';
  await wb.xlsx.writeFile(file);
}

const csvOf = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n') + '\r\n';
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('estate-registers import', () => {
  const book = join(dir, 'book.xlsx');
  const old = join(dir, '旧台账.xlsx');
  const csv = join(dir, 'passes.csv');

  beforeAll(async () => {
    expect((await cli('init', book, '--as', MANAGER)).code).toBe(0);
    for (const [email, roles] of [[SUPERVISOR, ['supervisor']], [CLERK, ['clerk']]] as const) {
      expect((await cli('call', book, 'createRecord', 'roles', JSON.stringify({ email, name: email, roles }), '--as', MANAGER)).code).toBe(0);
    }
    await legacyXlsx(old);
    writeFileSync(
      csv,
      csvOf([
        ['姓名', '工种', '房号', '办卡日期', '有效期', '备注'],
        ['刘阿姨', '保姆', '3-1-502', '2025/3/1', '2025年9月1日', '住家'],
        ['陈师傅', '钟点工', '3-1-502', '2025.03.02', '2025-6-2', '每周二、四'],
        ['', '', '', '', '', ''],
        ['"何老师"', '家教', '5-201', '3/3', '2025-9-3', ''],
      ]),
    );
  });

  it('--dry-run prints the plan as JSON and leaves the workbook untouched', async () => {
    const before = hash(book);
    const r = await cli('import', book, old, '--dry-run', '--json', '--as', SUPERVISOR);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ register: 'complaints', headerRow: 3, imported: 4, duplicates: 0, unmapped: ['序号', '楼长'], rejected: [{ row: 8, reasons: { class: expect.any(String) } }] });
    expect(out.mapping['反映人']).toBe('complainant');
    expect(hash(book)).toBe(before);
  });

  it('imports, reports what it did, and a second run adds nothing', async () => {
    const r = await cli('import', book, old, '--json', '--as', SUPERVISOR);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.imported + out.duplicates + out.rejected.length).toBe(out.rows);
    expect(out).toMatchObject({ imported: 4, batch: 'IMP-2026-0001' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const ws = wb.getWorksheet('投诉')!;
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['导入来源', '序号', '楼长']));
    expect(wb.getWorksheet('导入问题')!.getRow(3).values).toEqual(expect.arrayContaining(['特急', '王五']));
    // The copy of the source sheet is not left behind.
    expect(wb.worksheets.map((w) => w.name).some((n) => n.includes('导入源'))).toBe(false);

    const again = JSON.parse((await cli('import', book, old, '--json', '--as', SUPERVISOR)).stdout);
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });
  });

  it('a CSV with --register and --map; blank rows skipped; --sheet picks a sheet; undo-import takes the batch back', async () => {
    const plain = JSON.parse((await cli('import', book, csv, '--register', 'passes', '--year', '2025', '--json', '--as', SUPERVISOR)).stdout);
    expect(plain).toMatchObject({ register: 'passes', rows: 3, imported: 3, rejected: [], skipped: { blank: 1 } });
    const undone = await cli('undo-import', book, plain.batch, '--as', SUPERVISOR);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain('removed 3 rows');

    // The map is applied as asked: 备注 becomes the holder, 姓名 is kept in a column of its own, and 3/3 has no year.
    const mapped = JSON.parse((await cli('import', book, csv, '--register', 'passes', '--map', '备注=holder', '--json', '--as', SUPERVISOR)).stdout);
    expect(mapped).toMatchObject({ register: 'passes', mapping: { 备注: 'holder', 工种: 'role' }, unmapped: ['姓名'], imported: 2 });
    expect(mapped.rejected).toEqual([{ row: 5, reasons: { holder: expect.any(String), issued_on: expect.stringContaining('年份') } }]);
    const human = await cli('import', book, old, '--sheet', '2025年', '--as', SUPERVISOR);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('反映人 → complainant (90%)');
    expect(human.stdout).toContain('5 rows: imported 0, 4 already there, 1 rejected; skipped 1 blank, 1 totals');
  });

  it('unusable input exits 1 with one line and writes nothing', async () => {
    const before = hash(book);
    const cases = [
      ['import', book, join(dir, 'missing.xlsx')],
      ['import', book, old, '--sheet', '没有'],
      ['import', book, old, '--sheet', '说明'],
      ['import', book, old, '--register', 'roster'],
      ['import', book, old, '--map', '楼长=nothing'],
    ];
    for (const args of cases) {
      const r = await cli(...args, '--as', SUPERVISOR);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli('import', book, old, '--as', CLERK)).code).toBe(1);
    expect(hash(book)).toBe(before);
  });
});

describe('importing an old duty log', () => {
  test('old rows join the chain as entries at their own times, one correction note records the import, and the chain verifies', () => {
    const host = setUpBook();
    ok(as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text: '本系统第一条记录', at: '2026-11-25T08:00:00+08:00' })));
    addTab(host, '2025值班记录', [
      ['2025年值班记录'],
      ['值班日期', '值班人', '值班情况', '天气'],
      ['2025年3月5日 22:00', '老张', '巡查一遍，正常', '晴'],
      ['2025/3/6 23:10', '老李', '3 栋电梯困人，已解救', ''],
      [],
      ['上周五', '老王', '停电', ''],
    ]);
    const r = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '2025值班记录' })));
    expect(r).toMatchObject({ register: 'duty_log', rows: 3, imported: 2, duplicates: 0, unmapped: [], skipped: { blank: 1 } });
    expect(r.rejected).toEqual([{ row: 6, reasons: { at: expect.stringContaining('上周五') } }]);

    const log = cells(host, '值班记录');
    const at = (name: string) => (log[0] as string[]).indexOf(name);
    const body = log.slice(1).map((row) => ({ seq: row[at('序号')], officer: row[at('值班人')], kind: row[at('类型')], text: row[at('内容')], corrects: row[at('更正序号')] }));
    expect(body).toHaveLength(4);
    expect(body[1]).toMatchObject({ seq: 2, officer: '老张', kind: '值班记录', text: '值班日期：2025年3月5日 22:00；值班人：老张；值班情况：巡查一遍，正常；天气：晴' });
    expect(body[2]).toMatchObject({ seq: 3, officer: '老李' });
    expect(body[3]).toMatchObject({ seq: 4, kind: '更正', corrects: 2, officer: '王建国', text: `导入历史记录 2 条（2025值班记录，批次 ${r.batch}）` });
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'verifyDutyLog')))).toMatchObject({ intact: true, entries: 4 });

    // Again: nothing new; later entries chain on; the import cannot be undone out of an append-only log.
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '2025值班记录' })))).toMatchObject({ imported: 0, duplicates: 2 });
    ok(as(host, CLERK, () => rpc(host, 'appendDutyLog', { kind: 'entry', text: '导入后的记录' })));
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'verifyDutyLog')))).toMatchObject({ intact: true, entries: 5 });
    expect(as(host, SUPERVISOR, () => rpc(host, 'undoImport', r.batch))).toMatchObject({ ok: false, code: 'precondition' });
    expect(cells(host, '值班记录')).toHaveLength(6);
  });
});

test('a key-household list: categories by common words, ID numbers masked in the register, its own columns and 导入问题', () => {
  const host = setUpBook();
  addTab(host, '重点户名单', [
    ['房号', '住户姓名', '类别', '身份证号', '联系电话', '监护人证件号'],
    ['3-1201', '陈伯', '独居、高龄', '110101194001011234', '13800138000', '110101197001011234'],
    ['5-302', '林婆婆', '空巢', '', '', ''],
    ['6-101', '赵某', '待定', '', '', '110101198001011234'],
  ]);
  const r = as(host, MANAGER, () => ok(rpc(host, 'runImport', { tab: '重点户名单' })));
  expect(r).toMatchObject({ register: 'households', imported: 2, rejected: [{ row: 4, reasons: { categories: expect.stringContaining('待定') } }], unmapped: ['监护人证件号'] });
  const tab = cells(host, '重点户');
  const chen = tab.find((row) => row.includes('陈伯'))!;
  expect(chen).toContain('1101**********1234');
  expect(chen[chen.length - 1]).toBe('1101**********1234');
  expect(JSON.stringify(tab)).not.toContain('110101194001011234');
  expect(JSON.stringify(cells(host, '导入问题'))).not.toContain('110101198001011234');
  const recs = (ok(rpc(host, 'findRecords', 'households', {})).records as { fields: Record<string, unknown> }[]).map((x) => x.fields);
  expect(recs.find((x) => x.occupant === '陈伯')).toMatchObject({ categories: ['elderly_alone', 'very_old'] });
});

test('an old 住户 list comes into 住户登记: tenure by common words, ID numbers masked, the move-in date read', () => {
  const host = setUpBook();
  addTab(host, '住户名册', [
    ['房号', '户主', '性质', '家庭成员', '入伙日期', '身份证号码', '门卡'],
    ['3-1-502', '周建华', '自住', '周建华 户主\n李梅 妻', '2019/6/1', '110101198001011234', '00123'],
    ['3-1-503', '吴伟', '出租', '吴伟 租客', '2025年8月15日', null, null],
  ]);
  const r = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '住户名册' })));
  expect(r).toMatchObject({ register: 'residents', imported: 2, rejected: [] });
  const rows = ok(rpc(host, 'findRecords', 'residents', { limit: 10 })).records as { fields: Record<string, unknown> }[];
  const zhou = rows.find((x) => x.fields.name === '周建华')!.fields;
  expect(zhou).toMatchObject({ unit: '3-1-502', tenure: 'owner', moved_in_on: '2019-06-01', status: 'living' });
  expect(String(zhou.id_number)).not.toContain('198001011234');
  expect(rows.find((x) => x.fields.name === '吴伟')!.fields).toMatchObject({ tenure: 'tenant', moved_in_on: '2025-08-15' });
  expect(JSON.stringify(cells(host, '住户登记'))).not.toContain('110101198001011234');
});
