// The sheet reads like a register: reading order, widths, frozen 编号, minute-only dates, and a row coloured from the write that makes it due.
import vm from 'node:vm';
import { cells, complaint, fireScan, ok, rpc, setUpBook, sheetNamed, snapshot } from './book';

const NOW = '2026-11-25T09:00:00+08:00';
const headerOf = (host: ReturnType<typeof setUpBook>, tab: string) => cells(host, tab)[0] as string[];
/** What the sheet shows in a row, by header (getDisplayValues, as a person reads it). */
function shown(host: ReturnType<typeof setUpBook>, tab: string, id: string): Record<string, string> {
  const grid = vm.runInContext(`SpreadsheetApp.getActive().getSheetByName(${JSON.stringify(tab)}).getDataRange().getDisplayValues()`, host.context) as string[][];
  const row = grid.find((r) => r[0] === id)!;
  return Object.fromEntries(grid[0].map((h, i) => [h, row[i]]));
}

describe('a new workbook', () => {
  const host = setUpBook({ now: NOW });

  it('puts 编号 first, then what a clerk fills, then the steps, then the system columns', () => {
    const h = headerOf(host, '投诉');
    expect(h.slice(0, 4)).toEqual(['编号', '受理时间', '投诉方式', '投诉人']);
    const at = (label: string) => h.indexOf(label);
    expect(at('类别')).toBeLessThan(at('状态'));
    expect(at('状态')).toBeLessThan(at('派单时间'));
    expect(at('结案时间')).toBeLessThan(at('版本'));
    expect(h.slice(-9)).toEqual(['创建时间', '创建人', '更新时间', '更新人', '下一期限', '期限事项', '文书链接', 'PDF 链接', '指纹']);
    expect(headerOf(host, '违章').slice(0, 3)).toEqual(['编号', '发现时间', '房号/地点']);
    expect(headerOf(host, '值班记录')[0]).toBe('序号');
  });

  it('freezes the header row and the 编号 column, and sizes columns by what they hold', () => {
    for (const tab of ['投诉', '违章', '重点户', '临时出入卡', '值班记录']) {
      const s = sheetNamed(host, tab);
      expect([tab, s.frozenRows, s.frozenColumns]).toEqual([tab, 1, 1]);
    }
    const s = sheetNamed(host, '投诉');
    const h = headerOf(host, '投诉');
    const width = (label: string) => s.columnWidths[h.indexOf(label) + 1];
    // Every column has a width; a date-time is wider than an id, a long text wider than a date-time.
    h.forEach((label, i) => expect([label, s.columnWidths[i + 1] > 0]).toEqual([label, true]));
    expect(width('受理时间')).toBeGreaterThanOrEqual(130);
    expect(width('编号')).toBeGreaterThanOrEqual(100);
    expect(width('详细情况')).toBeGreaterThan(width('受理时间'));
    // A long header widens its column so it is not cut off.
    const v = sheetNamed(host, '违章');
    const vh = headerOf(host, '违章');
    expect(v.columnWidths[vh.indexOf('停水停电通知送达时间') + 1]).toBeGreaterThan(v.columnWidths[vh.indexOf('劝导时间') + 1]);
  });

  it('shows every date as yyyy-mm-dd hh:mm, without seconds', () => {
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:30:27.512+08:00' })));
    const row = shown(host, '投诉', c.id as string);
    expect(row['受理时间']).toBe('2026-11-25 08:30');
    expect(row['创建时间']).toBe('2026-11-25 09:00');
    for (const v of Object.values(row)) expect(v).not.toMatch(/\d:\d\d:\d\d/);
  });
});

it('keeps minute-only dates and the dropdowns on records past the rows setup formatted', () => {
  const host = setUpBook({ now: NOW });
  const first = ok(rpc(host, 'createRecord', 'complaints', complaint()));
  // The sheet ends right under that record, as a full register does after its first thousand rows.
  const s = sheetNamed(host, '投诉');
  s.maxRows = 2;
  s.styles.length = 2;
  s.validations.length = 2;
  const next = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:45:10+08:00' })));
  expect(s.maxRows).toBeGreaterThan(3);
  expect(shown(host, '投诉', next.id as string)).toMatchObject({ 受理时间: '2026-11-25 08:45', 创建时间: '2026-11-25 09:00', 下一期限: '2026-11-25 09:00' });
  const classCol = headerOf(host, '投诉').indexOf('类别');
  expect(s.validations[2]?.[classCol]).toEqual(s.validations[1]?.[classCol]);
  expect(s.validations[2]?.[classCol]).toBeDefined();
  void first;
});

describe('下一期限 is set by the write itself', () => {
  it('colours a new complaint at once, moves on after 派单, and leaves the hourly scan nothing to change', () => {
    const host = setUpBook({ now: NOW });
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:50:00+08:00' })));
    // Dispatch is due 15 minutes after receipt.
    expect(shown(host, '投诉', c.id as string)).toMatchObject({ 下一期限: '2026-11-25 09:05', 期限事项: '投诉未按时派单' });
    expect((c.record as Record<string, unknown>).due_at).toBe('2026-11-25T09:05:00+08:00');
    // The row is amber now: the conditional format keys on this column.
    const s = sheetNamed(host, '投诉');
    const due = headerOf(host, '投诉').indexOf('下一期限');
    const letter = String.fromCharCode(65 + (due % 26));
    const prefix = due >= 26 ? String.fromCharCode(64 + Math.floor(due / 26)) : '';
    expect(s.conditionalRules.map((r) => r.formula)).toContain(`=AND($${prefix}${letter}2<>"",$${prefix}${letter}2>=NOW(),$${prefix}${letter}2<NOW()+1)`);

    const d = ok(rpc(host, 'transition', 'complaints', c.id, c.version, 'dispatch', { department: '工程部' }));
    const after = shown(host, '投诉', c.id as string);
    expect(after['下一期限']).not.toBe('2026-11-25 09:05');
    expect(after['期限事项']).not.toBe('投诉未按时派单');
    expect((d.record as Record<string, unknown>).due_rule).toBe(after['期限事项'] || null);

    const before = snapshot(host);
    fireScan(host);
    const rows = (snap: string) => (JSON.parse(snap) as [string, unknown][]).find(([n]) => n === '投诉')![1];
    expect(rows(snapshot(host))).toEqual(rows(before));
  });

  it('clears 下一期限 when the step that was due is done', () => {
    const host = setUpBook({ now: NOW });
    const p = ok(rpc(host, 'createRecord', 'passes', { holder: '赵阿姨', role: 'nanny', unit: '2-1-101', issued_on: '2026-11-20', expires_on: '2026-11-25' }));
    expect(shown(host, '临时出入卡', p.id as string)['期限事项']).toBe('临时出入卡即将到期或已到期未退');
    ok(rpc(host, 'transition', 'passes', p.id, p.version, 'return', {}));
    expect(shown(host, '临时出入卡', p.id as string)).toMatchObject({ 下一期限: '', 期限事项: '' });
  });

  it('moves a household’s colour when its visit is recorded', () => {
    const host = setUpBook({ now: NOW });
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '1-101', occupant: '刘桂英', categories: ['elderly_alone'] }));
    host.setNow('2026-12-03T10:00:00+08:00');
    fireScan(host);
    expect(shown(host, '重点户', h.id as string)['期限事项']).toBe('老人户未按时上门走访');
    ok(rpc(host, 'createRecord', 'care_log', { household_id: h.id, at: '2026-12-03T09:30:00+08:00', kind: 'visit' }));
    expect(shown(host, '重点户', h.id as string)['期限事项']).not.toBe('老人户未按时上门走访');
  });
});
