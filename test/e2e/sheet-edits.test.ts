// 表格直接修改 through dist/Code.js: a cell typed over in a register is found by the hourly scan or the on-edit trigger and recorded in 变更记录.
import vm from 'node:vm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, cells, CLERK, CODE, complaint, fireScan, MANAGER, ok, rpc, setUpBook, sheetNamed, SUPERVISOR, violation } from './book';
import { createHost, type Host } from '../../src/local/host';
import { loadWorkbook, saveWorkbook } from '../../src/local/xlsx';
import { Formula } from '../../src/local/host/model';

const LOG = '变更记录';
type Row = Record<string, unknown>;

/** A tab's rows as header → value, as a person reading the sheet sees them. */
function rows(host: Host, tab: string): Row[] {
  const [head, ...body] = cells(host, tab);
  return body.filter((r) => r.some((c) => c !== null && c !== undefined && c !== '')).map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i]])));
}
const edits = (host: Host) => rows(host, LOG).filter((r) => r['操作'] === 'sheet_edit');

/** Types a value into the record's cell under this header, as a person in the sheet would (the add-on is not told). */
function type(host: Host, tab: string, id: unknown, header: string, value: unknown): void {
  const sheet = sheetNamed(host, tab);
  const col = sheet.rows[0]!.indexOf(header);
  const row = sheet.rows.findIndex((r) => r && r[0] === id);
  if (col < 0 || row < 1) throw new Error(`no ${header} / ${String(id)} in ${tab}`);
  sheet.rows[row]![col] = value as never;
}
const cellOf = (host: Host, tab: string, id: unknown, header: string) => rows(host, tab).find((r) => r['编号'] === id)?.[header];
const scan = (host: Host) => fireScan(host) as { ok: boolean; edited: string[] };

/** A violation created and edited in the sidebar, so 变更记录 knows its values. */
function withViolation() {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ party: '孙某某' }))));
  host.setNow('2026-11-25T10:00:00+08:00');
  ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', v.id, 1, { description: '阳台违规封闭' })));
  return { host, id: v.id };
}

describe('表格直接修改', () => {
  it('the next scan records a cell typed over in the sheet, with the old value and the new, and bumps the version; a second scan finds nothing new', () => {
    const { host, id } = withViolation();
    const fp = cellOf(host, '违章', id, '指纹');
    expect(String(fp)).toMatch(/^[0-9a-f]+$/);
    host.setNow('2026-11-25T11:00:00+08:00');
    type(host, '违章', id, '违章情况', '阳台违规封闭，已拆除一半');
    type(host, '违章', id, '当事人', '孙先生');
    const first = scan(host);
    expect(first.edited).toEqual([id]);
    const [row] = edits(host);
    expect(row).toMatchObject({ 记录编号: id, 版本: 3, 台账: '违章' });
    expect(String(row!['操作人'])).toContain('表格编辑者');
    const lines = String(row!['变更内容']).split('\n');
    expect(lines).toContain('当事人：孙某某 → 孙先生');
    expect(lines).toContain('违章情况：阳台违规封闭 → 阳台违规封闭，已拆除一半');
    expect(lines).toHaveLength(2);
    // The record moved on a version (a form opened before now is refused as stale) and keeps what was typed.
    expect(cellOf(host, '违章', id, '版本')).toBe(3);
    expect(cellOf(host, '违章', id, '当事人')).toBe('孙先生');
    expect(cellOf(host, '违章', id, '指纹')).not.toBe(fp);
    expect(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', id, 2, { evidence: '照片' }))).toMatchObject({ ok: false });
    host.setNow('2026-11-25T12:00:00+08:00');
    expect(scan(host).edited).toEqual([]);
    expect(edits(host)).toHaveLength(1);
    // The sidebar's timeline names it, and the chain still verifies.
    const t = ok(as(host, CLERK, () => rpc(host, 'getHistory', 'violations', id))).entries as { label: string; version: number }[];
    expect(t.map((e) => e.label)).toEqual(['新建', '修改', '表格直接修改']);
    expect(ok(as(host, SUPERVISOR, () => rpc(host, 'verifyHistory'))).rows).toBe(rows(host, LOG).length);
    // A later edit in the sidebar starts from the new version and the typed values.
    const next = ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', id, 3, { party: '孙某' })));
    expect(next.version).toBe(4);
    expect(String(rows(host, LOG).at(-1)!['变更内容'])).toContain('孙先生 → 孙某');
  });

  it('never reports the add-on’s own writes: creates, edits, actions, notices, upgrades and due times', () => {
    const host = setUpBook({ now: '2026-10-01T09:00:00+08:00' });
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-10-01T08:00:00+08:00', phone: '13812345678' }))));
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', c.id, 1, { details: '三楼到五楼' })));
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, 2, 'dispatch', { department: '工程部' })));
    const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ found_at: '2026-09-30T10:00:00+08:00' }))));
    ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'violations', v.id, 1, 'order_rectification', { rectify_by: '2026-10-03T17:00:00+08:00', rule_broken: '第五条' })));
    ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification')));
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'] })));
    // Hours and days pass: due times are written and moved, a month on the complaint is upgraded to major by the scan.
    for (const at of ['2026-10-01T12:00:00+08:00', '2026-10-02T09:00:00+08:00', '2026-10-04T09:00:00+08:00', '2026-11-02T09:00:00+08:00', '2026-11-02T10:00:00+08:00']) {
      host.setNow(at);
      expect(scan(host).edited).toEqual([]);
    }
    expect(cellOf(host, '投诉', c.id, '类别')).toBe('重大');
    expect(edits(host)).toEqual([]);
    // The upgrade is in 变更记录 too, so a class typed over later shows what it was.
    expect(rows(host, LOG).filter((r) => r['记录编号'] === c.id).map((r) => r['操作'])).toEqual(['create', 'update', 'dispatch', 'reclassify']);
    type(host, '投诉', c.id, '类别', '重要');
    host.setNow('2026-11-02T11:00:00+08:00');
    expect(scan(host).edited).toEqual([c.id]);
    expect(edits(host)[0]!['变更内容']).toBe('类别：重大 → 重要');
  });

  it('the on-edit trigger records an edit at once, naming the editor; edits elsewhere and made-up calls do nothing', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    ok(as(host, SUPERVISOR, () => rpc(host, 'installTriggers')));
    expect(host.workbook.triggers.filter((t) => t.eventType === 'ON_EDIT').map((t) => [t.handler, t.owner])).toEqual([['onSheetEdit', SUPERVISOR]]);
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint())));
    host.setNow('2026-11-25T09:05:00+08:00');
    type(host, '投诉', c.id, '投诉事项', '楼道灯不亮，已报修');
    const head = sheetNamed(host, '投诉').rows[0]!;
    const a1 = `${String.fromCharCode(65 + head.indexOf('投诉事项'))}2`;
    const [r] = host.fireEdit('投诉', a1, CLERK) as { ok: boolean; edited: string[] }[];
    expect(r).toMatchObject({ ok: true, edited: [c.id] });
    const [row] = edits(host);
    expect(row).toMatchObject({ 记录编号: c.id, 版本: 2, 操作人: CLERK });
    expect(String(row!['变更内容'])).toBe('投诉事项：楼道灯不亮 → 楼道灯不亮，已报修');
    expect(cellOf(host, '投诉', c.id, '更新人')).toBe(CLERK);
    // The scan that follows finds it recorded already.
    expect(scan(host).edited).toEqual([]);
    // An edit to Settings, or the trigger fired again with nothing changed, writes nothing.
    const before = JSON.stringify(host.workbook.sheets.map((s) => s.rows));
    host.fireEdit('设置', 'B2', CLERK);
    host.fireEdit('投诉', a1, CLERK);
    expect(JSON.stringify(host.workbook.sheets.map((s) => s.rows))).toBe(before);
    // Called with a made-up event (google.script.run cannot pass a range; a trigger uid not installed is refused): nothing runs.
    type(host, '投诉', c.id, '投诉事项', '改过');
    expect(as(host, CLERK, () => rpc(host, 'onSheetEdit', { triggerUid: '123' })).edited).toEqual([]);
    const forged = `onSheetEdit({ range: SpreadsheetApp.getActive().getSheetByName('投诉').getRange('${a1}'), triggerUid: '123' })`;
    expect(as(host, CLERK, () => vm.runInContext(forged, host.context))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(edits(host)).toHaveLength(1);
    // 卸载提醒 removes it with the hourly one.
    expect(as(host, SUPERVISOR, () => ok(rpc(host, 'uninstallTriggers')))).toMatchObject({ removed: 2 });
    expect(host.workbook.triggers).toEqual([]);
  });

  it('says when the old value is unknown, records sensitive fields without values, and notes a formula', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    // A row typed straight into the sheet is adopted by the scan: 变更记录 never saw its values.
    const sheet = sheetNamed(host, '投诉');
    const head = sheet.rows[0]!;
    const typed: unknown[] = head.map(() => '');
    typed[head.indexOf('受理时间')] = new Date(Date.UTC(2026, 10, 25, 8, 0));
    typed[head.indexOf('投诉人')] = '刘先生';
    typed[head.indexOf('投诉事项')] = '电梯异响';
    typed[head.indexOf('类别')] = '一般';
    sheet.rows.push(typed as never);
    const adopted = (fireScan(host) as { adopted: string[] }).adopted;
    expect(adopted).toHaveLength(1);
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'], notes: '高血压' })));
    host.setNow('2026-11-25T10:00:00+08:00');
    type(host, '投诉', adopted[0], '投诉事项', '电梯异响，已停用');
    type(host, '重点户', h.id, '备注（敏感）', 'CANARY-心脏病');
    type(host, '重点户', h.id, '联系电话', new Formula('=13812345678+1'));
    expect(scan(host).edited.sort()).toEqual([adopted[0], h.id].sort());
    const one = edits(host).find((r) => r['记录编号'] === adopted[0]);
    const two = edits(host).find((r) => r['记录编号'] === h.id);
    expect(String(one!['变更内容'])).toBe('投诉事项：（原值未知） → 电梯异响，已停用');
    expect(String(two!['变更内容'])).toContain('备注（敏感）：（已修改，内容不记录）');
    expect(String(two!['变更内容'])).toMatch(/联系电话：— → #NAME\?（公式结果）/);
    expect(JSON.stringify(rows(host, LOG))).not.toContain('CANARY');
    // The person's formula is left in their cell.
    expect(cellOf(host, '重点户', h.id, '联系电话')).toBeInstanceOf(Formula);
  });

  it('a sidebar edit or action on a row typed over since is refused as stale, after the typing is recorded', () => {
    const { host, id } = withViolation();
    type(host, '违章', id, '证据', '现场照片两张');
    expect(as(host, CLERK, () => rpc(host, 'updateRecord', 'violations', id, 2, { party: '孙某' }))).toMatchObject({ ok: false, code: 'conflict' });
    expect(edits(host).map((r) => [r['版本'], r['变更内容']])).toEqual([[3, '证据：— → 现场照片两张']]);
    // Reloaded, the record shows what was typed, and the edit goes through on the new version.
    expect(ok(as(host, CLERK, () => rpc(host, 'getRecord', 'violations', id))).record).toMatchObject({ version: 3, fields: { evidence: '现场照片两张' } });
    ok(as(host, CLERK, () => rpc(host, 'transition', 'violations', id, 3, 'educate', {})));
    expect(scan(host).edited).toEqual([]);
    // A notice issued over typed cells prints them, and 变更记录 has the typing before the notice.
    ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'violations', id, 4, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '第五条' })));
    type(host, '违章', id, '当事人', '孙先生');
    const n = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', id, 'rectification')));
    expect(String(n.previewHtml)).toContain('孙先生');
    const mine = rows(host, LOG).filter((r) => r['记录编号'] === id);
    expect(mine.slice(-2).map((r) => [r['操作'], r['版本']])).toEqual([['sheet_edit', 6], ['notice:rectification', 7]]);
    expect(cellOf(host, '违章', id, '版本')).toBe(7);
    expect(scan(host).edited).toEqual([]);
  });

  it('reads a workbook saved to .xlsx and opened again (the local CLI) as unedited, times with milliseconds included', async () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00.678+08:00' });
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint())));
    host.setNow('2026-11-25T09:10:00.512+08:00');
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', { department: '工程部' })));
    const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation())));
    host.setNow('2026-11-25T09:20:00.499+08:00');
    ok(as(host, CLERK, () => rpc(host, 'transition', 'violations', v.id, 1, 'educate', {})));
    const file = join(mkdtempSync(join(tmpdir(), 'sheet-edits-')), 'book.xlsx');
    await saveWorkbook(host.workbook, file);
    const again = createHost({ codePath: CODE, workbook: await loadWorkbook(file), user: MANAGER, now: '2026-11-25T10:00:00+08:00' });
    expect(scan(again).edited).toEqual([]);
  });

  it('fingerprints silently, once, a row that has none (a workbook from before 指纹)', () => {
    const { host, id } = withViolation();
    type(host, '违章', id, '指纹', '');
    type(host, '违章', id, '证据', '现场照片两张');
    expect(scan(host).edited).toEqual([]);
    // Marked as taken from the row as found: 变更记录 never saw 现场照片两张.
    expect(String(cellOf(host, '违章', id, '指纹'))).toMatch(/^~[0-9a-f]+$/);
    expect(edits(host)).toEqual([]);
    type(host, '违章', id, '证据', '现场照片三张');
    type(host, '违章', id, '当事人', '孙先生');
    expect(scan(host).edited).toEqual([id]);
    // So its old value is not offered; the party's, which 变更记录 holds and the fingerprint bears out, is.
    expect(String(edits(host)[0]!['变更内容']).split('\n')).toEqual(['当事人：孙某某 → 孙先生', '证据：（原值未知） → 现场照片三张']);
  });
});
