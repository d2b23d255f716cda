// 变更记录 through dist/Code.js: a chained row for every create, edit, action and notice; sensitive values never there; tampering caught.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { as, cells, CLERK, DEPT, MANAGER, ok, rpc, SECURITY, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation } from './book';
import type { Host } from '../../src/local/host';
import { newSheetModel } from '../../src/local/host/model';

const TAB = '变更记录';
const ID = '110101194501011234';
const household = { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'], phone: '13812345678', id_number: ID, notes: 'CANARY-心脏病' };

type Entry = { at: string; by: string; action: string; label: string; version: number; changes: string };
const timeline = (host: Host, register: string, id: unknown, user = CLERK) => ok(as(host, user, () => rpc(host, 'getHistory', register, id))).entries as Entry[];
/** The tab's rows as header → value, so the test reads what a person reading the sheet would. */
function rows(host: Host): Record<string, unknown>[] {
  const [head, ...body] = cells(host, TAB);
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i]])));
}

/** A violation taken through every kind of change: created, edited, ordered to rectify, its notice issued. */
function violationLife() {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', party: '孙某某' }))));
  host.setNow('2026-11-25T10:00:00+08:00');
  const e = ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', v.id, v.version, { description: '阳台违规封闭' })));
  host.setNow('2026-11-25T11:00:00+08:00');
  const o = ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'violations', v.id, e.version, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '《装修管理规定》第五条' })));
  host.setNow('2026-11-25T12:00:00+08:00');
  const n = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification')));
  return { host, v, o, n };
}

describe('变更记录', () => {
  it('writes one row for each create, edit, action and notice, with who, when, the version and the fields before and after', () => {
    const { host, v, n } = violationLife();
    const mine = rows(host).filter((r) => r['记录编号'] === v.id);
    expect(mine.map((r) => [r['操作'], r['版本']])).toEqual([
      ['create', 1],
      ['update', 2],
      ['order_rectification', 3],
      ['notice:rectification', 4],
    ]);
    expect(mine.every((r) => r['台账'] === '违章')).toBe(true);
    expect(String(mine[0]!['操作人'])).toContain(CLERK);
    expect(String(mine[2]!['操作人'])).toContain(SUPERVISOR);
    expect(String(mine[0]!['变更内容'])).toContain('孙某某');
    expect(String(mine[1]!['变更内容'])).toMatch(/拖欠物业管理费六个月 → 阳台违规封闭/);
    expect(String(mine[2]!['变更内容'])).toContain('《装修管理规定》第五条');
    expect(String(mine[3]!['变更内容'])).toContain(String(n.number));
    // Each row carries a 64-hex hash, each different.
    expect(new Set(mine.map((r) => r['校验值'])).size).toBe(4);
    expect(mine.every((r) => /^[0-9a-f]{64}$/.test(String(r['校验值'])))).toBe(true);
  });

  it('the record’s timeline in the sidebar: oldest first, with labels, who and when; refused to those who may not read the record', () => {
    const { host, v } = violationLife();
    const t = timeline(host, 'violations', v.id);
    expect(t.map((e) => e.label)).toEqual(['新建', '修改', '限期整改', '生成文书：违章整改通知书']);
    expect(t[2]).toMatchObject({ version: 3, at: '2026-11-25T11:00:00+08:00' });
    expect(t[2]!.by).toContain('王建国');
    expect(as(host, DEPT, () => rpc(host, 'getHistory', 'violations', v.id))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, SECURITY, () => rpc(host, 'getHistory', 'nope', v.id))).toMatchObject({ ok: false, code: 'invalid' });
    expect(timeline(host, 'complaints', v.id)).toEqual([]);
  });

  it('records a sensitive field as changed without its value, and ID numbers and phones masked', () => {
    const host = setUpBook();
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', household)));
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'households', h.id, h.version, { notes: 'CANARY-糖尿病', phone: '13900001111' })));
    const tab = JSON.stringify(cells(host, TAB));
    expect(tab).not.toContain('CANARY');
    expect(tab).not.toContain(ID);
    expect(tab).not.toContain('13812345678');
    expect(tab).not.toContain('13900001111');
    const t = timeline(host, 'households', h.id);
    expect(t[0]!.changes).toContain('备注（敏感）：（已填写，内容不记录）');
    expect(t[1]!.changes).toContain('备注（敏感）：（已修改，内容不记录）');
    expect(t[1]!.changes).toMatch(/联系电话：138\*+5678 → 139\*+1111/);
  });

  it('writes nothing when the change is refused', () => {
    const { host, v, o } = violationLife();
    const before = snapshot(host);
    expect(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', v.id, 1, { description: '旧版本' }))).toMatchObject({ ok: false, code: 'conflict' });
    expect(as(host, CLERK, () => rpc(host, 'transition', 'violations', v.id, o.version, 'order_rectification', {}))).toMatchObject({ ok: false });
    expect(snapshot(host)).toBe(before);
  });

  it('verifies the chain, and names the first row changed in the sheet', () => {
    const { host } = violationLife();
    const good = ok(as(host, SUPERVISOR, () => rpc(host, 'verifyHistory')));
    expect(good.message).toMatch(/^“变更记录”核验通过，共 \d+ 条$/);
    expect(as(host, DEPT, () => rpc(host, 'verifyHistory'))).toMatchObject({ ok: false, code: 'forbidden' });
    // The menu's 核验 alert carries the line too.
    host.call('verifyDutyLogFromMenu');
    expect(host.ui.alerts.slice(-1)[0]!.message).toContain(String(good.message));
    // A cell typed over in the sheet (the 变更内容 of the 2nd row): the alert names that row and its record.
    const grid = sheetNamed(host, TAB).rows;
    const c = (cells(host, TAB)[0] as string[]).indexOf('变更内容');
    const id = String(grid[2]![(cells(host, TAB)[0] as string[]).indexOf('记录编号')]);
    grid[2]![c] = '（改过）';
    host.call('verifyDutyLogFromMenu');
    expect(host.ui.alerts.slice(-1)[0]!.message).toContain(`“变更记录”核验不通过：第 2 行（${id}）起与写入时不符`);
    expect(as(host, SUPERVISOR, () => rpc(host, 'verifyHistory'))).toMatchObject({ ok: false, row: 2, id });
  });
});

describe('变更记录 for an import', () => {
  it('one row per import batch naming how many and which ids, and one when the batch is undone; the chain still verifies', () => {
    const host = setUpBook();
    const sheet = newSheetModel(host.workbook.nextSheetId++, '旧投诉');
    sheet.rows = [
      ['日期', '投诉人', '房号', '投诉内容', '类别'],
      ['2025-03-05', '张三', '3-201', '楼上噪音', '一般'],
      ['2025-03-06', '李四', '5-502', '停车位被占', '一般'],
    ];
    host.workbook.sheets.push(sheet);
    const r = as(host, SUPERVISOR, () => ok(rpc(host, 'runImport', { tab: '旧投诉' })));
    expect(r.imported).toBe(2);
    const mine = () => rows(host).filter((x) => x['记录编号'] === r.batch);
    expect(mine().map((x) => [x['操作'], x['台账'], x['变更内容']])).toEqual([['import', '投诉', '导入 2 条 C-2026-0001 – C-2026-0002（来源：旧投诉）']]);
    ok(as(host, SUPERVISOR, () => rpc(host, 'undoImport', r.batch)));
    expect(mine().map((x) => [x['操作'], x['变更内容']])).toEqual([['import', expect.any(String)], ['undo_import', '删除本批导入的 2 条']]);
    expect(timeline(host, 'complaints', r.batch).map((e) => e.label)).toEqual(['导入旧台账', '撤销导入']);
    expect(as(host, SUPERVISOR, () => rpc(host, 'verifyHistory'))).toMatchObject({ ok: true });
  });
});

// The workbook as the CLI keeps it, edited with exceljs as someone opening the .xlsx would.
describe('变更记录 tampered with outside the add-on', () => {
  const BIN = join(__dirname, '../../bin/estate-registers.js');
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  let dir: string;
  let book: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'history-'));
    book = join(dir, 'book.xlsx');
    expect(cli('init', book, '--as', MANAGER).status).toBe(0);
    for (const party of ['甲先生', '乙女士', '丙先生']) {
      const r = cli('call', book, 'createRecord', 'violations', JSON.stringify(violation({ party })), '--as', MANAGER);
      expect(r.status).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = (file: string) => JSON.parse(cli('call', file, 'verifyHistory', '--as', MANAGER).stdout) as { ok: boolean; row?: number; id?: string; message: string };

  async function tampered(name: string, change: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const file = join(dir, `${name}.xlsx`);
    copyFileSync(book, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    change(wb.getWorksheet(TAB)!);
    await wb.xlsx.writeFile(file);
    return file;
  }
  const col = (ws: ExcelJS.Worksheet, header: string): number => (ws.getRow(1).values as unknown[]).indexOf(header);
  const rowOf = (ws: ExcelJS.Worksheet, party: string): number => {
    for (let i = 2; i <= ws.rowCount; i++) if (String(ws.getRow(i).getCell(col(ws, '变更内容')).value).includes(party)) return i;
    throw new Error(`no row for ${party}`);
  };

  it('an untouched book verifies', () => {
    expect(verify(book)).toMatchObject({ ok: true });
  });

  it('a changed cell is named by its row and record', async () => {
    let at = 0;
    const file = await tampered('edited', (ws) => {
      at = rowOf(ws, '乙女士');
      ws.getRow(at).getCell(col(ws, '变更内容')).value = '当事人：某某';
    });
    const r = verify(file);
    expect(r).toMatchObject({ ok: false, row: at - 1, id: 'V-2026-0002' });
    expect(r.message).toBe(`“变更记录”核验不通过：第 ${at - 1} 行（V-2026-0002）起与写入时不符`);
  });

  it('a last row deleted is caught at the end', async () => {
    const file = await tampered('cut', (ws) => void ws.spliceRows(ws.rowCount, 1));
    expect(verify(file)).toMatchObject({ ok: false, row: 0, message: '“变更记录”核验不通过：末尾的行与写入时不符（被删除或添加过）' });
  });
});

describe('变更记录 for changes made as a side effect', () => {
  it('a let flat marks its key household 租户: the household gets its own row naming the let', () => {
    const host = setUpBook();
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { ...household, unit: '6-1-201' })));
    const t = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'tenancies', { unit: '6-1-201', tenant: '黄志强', phone: '13812345678', id_number: '440301199001011234', lease_start: '2026-11-01', lease_end: '2027-10-31' })));
    const entries = timeline(host, 'households', h.id);
    expect(entries.map((e) => [e.label, e.version])).toEqual([['新建', 1], ['修改', 2]]);
    expect(entries[1]!.changes).toContain('租户');
    expect(entries[1]!.changes).toContain(`出租屋登记：${t.id}`);
  });

  it('a shift swap and an old duty log imported each leave one row', () => {
    const host = setUpBook();
    ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-11', [SUPERVISOR])));
    ok(as(host, SUPERVISOR, () => rpc(host, 'swapShift', '2026-11-25', 'night', CLERK)));
    const swap = timeline(host, 'roster', '2026-11-25');
    expect(swap.map((e) => e.label)).toEqual(['换班']);
    expect(swap[0]!.changes).toMatch(/王建国 → 李晓梅/);
    const sheet = newSheetModel(host.workbook.nextSheetId++, '旧值班');
    sheet.rows = [['值班日期', '值班人', '值班情况'], ['2025-03-05 22:00', '老张', '巡查正常'], ['2025-03-06 23:10', '老李', '电梯困人已解救']];
    host.workbook.sheets.push(sheet);
    const r = ok(as(host, SUPERVISOR, () => rpc(host, 'runImport', { tab: '旧值班' })));
    const row = rows(host).find((x) => x['记录编号'] === r.batch)!;
    expect(row).toMatchObject({ 台账: '值班记录', 操作: 'import' });
    expect(String(row['变更内容'])).toBe('导入 2 条 1 – 2（来源：旧值班）');
    expect(ok(as(host, SUPERVISOR, () => rpc(host, 'verifyHistory'))).ok).toBe(true);
  });

  it('a workbook set up before 变更记录 existed is told, where the chains are checked, to run setup again', () => {
    const host = setUpBook();
    host.workbook.sheets = host.workbook.sheets.filter((s) => s.name !== TAB);
    delete host.workbook.properties.document['history.head'];
    host.call('verifyDutyLogFromMenu');
    expect(host.ui.alerts.slice(-1)[0]!.message).toContain('本台账还没有“变更记录”页：请经理再运行一次“初始化台账”');
  });
});
