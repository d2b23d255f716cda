// End to end through dist/Code.js: the duty log's entries, handover, sign-off, verification, archiving, roster and their overdue rules.
import vm from 'node:vm';
import { as, cells, CLERK, fireScan, CODE, DEPT, MANAGER, ok, rpc, Result, SECURITY, setUpBook, sheetNamed, snapshot, SUPERVISOR } from './book';
import { createHost, Host } from '../../src/local/host';
import { buildEntry, ChainPoint, parseHandover, verifyChain, DutyRecord } from '../../src/domain/dutylog';

const TZ = 'Asia/Shanghai';
const LOG = '值班记录';
const ARCHIVE = '值班记录归档';
const ROSTER = '值班安排表';

const write = (host: Host, user: string, entry: Record<string, unknown>): Result => as(host, user, () => rpc(host, 'appendDutyLog', entry));
const entry = (host: Host, text: string, user = CLERK): Result => ok(write(host, user, { kind: 'entry', text }));
const verify = (host: Host): Result => ok(rpc(host, 'verifyDutyLog'));
const props = (host: Host): Record<string, string> => host.workbook.properties.document;

/** The duty log's data rows as the sheet holds them, keyed by header. */
function logRows(host: Host, tab = LOG): Record<string, unknown>[] {
  const [header, ...rows] = cells(host, tab);
  return rows.filter((r) => r && r.some((c) => c !== null && c !== '')).map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}
const col = (host: Host, name: string, tab = LOG): number => (cells(host, tab)[0] as string[]).indexOf(name);

describe('appendDutyLog', () => {
  const host = setUpBook();

  it('writes seq, time, officer, kind, text and the two hashes, and keeps the head in document properties', () => {
    const r = entry(host, '22:10 巡查 3 号楼，消防通道畅通');
    expect(r).toMatchObject({ seq: 1, officer: '李晓梅', kind: 'entry', at: '2026-11-25T09:00:00+08:00' });
    const [row] = logRows(host);
    expect(row).toMatchObject({ 序号: 1, 值班人: '李晓梅', 类型: '值班记录', 内容: '22:10 巡查 3 号楼，消防通道畅通' });
    expect(row['前一条校验值']).toBe('0'.repeat(64));
    expect(row['校验值']).toMatch(/^[0-9a-f]{64}$/);
    expect(row['校验值']).toBe(r.hash);
    expect(JSON.parse(props(host)['dutylog.head'])).toEqual({ seq: 1, hash: r.hash });
  });

  it('keeps text that looks like a number, a date or a formula exactly as written, and the chain verifies', () => {
    for (const text of ['1.50', '2026-11-24', 'TRUE', '=SUM(A1:A9) 是住户写的', '0012']) entry(host, text);
    const texts = logRows(host).map((r) => r['内容']);
    expect(texts.slice(-5)).toEqual(['1.50', '2026-11-24', 'TRUE', '=SUM(A1:A9) 是住户写的', '0012']);
    expect(sheetNamed(host, LOG).styles[2]?.[col(host, '内容')]?.numberFormat).toBe('@');
    expect(verify(host)).toMatchObject({ intact: true, entries: 6, firstBad: null, problem: null });
  });

  it('still verifies if Sheets keeps the apostrophe it was given in front of such text, but not another added one', () => {
    const rows = sheetNamed(host, LOG).rows;
    const c = col(host, '内容');
    for (const r of rows.slice(2, 7)) r[c] = `'${r[c]}`;
    expect(verify(host)).toMatchObject({ intact: true, entries: 6 });
    rows[1][c] = `'${rows[1][c]}`;
    expect(verify(host)).toMatchObject({ intact: true });
    for (const r of rows.slice(1, 7)) r[c] = String(r[c]).slice(1);
    rows[1][c] = `'${rows[1][c]}x`;
    expect(verify(host)).toMatchObject({ intact: false, problem: 'edited', firstBad: 1 });
    rows[1][c] = String(rows[1][c]).slice(1, -1);
    expect(verify(host).intact).toBe(true);
  });

  it('takes a past time but not a future one, and refuses an empty text with field errors', () => {
    expect(ok(write(host, CLERK, { kind: 'entry', text: '补记：凌晨停电', at: '2026-11-25T02:15:00+08:00' })).at).toBe('2026-11-25T02:15:00+08:00');
    const before = snapshot(host);
    expect(write(host, CLERK, { kind: 'entry', text: '还没发生', at: '2026-11-25T10:00:00+08:00' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { at: expect.any(String) } });
    expect(write(host, CLERK, { kind: 'entry', text: '   ' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { text: expect.any(String) } });
    expect(write(host, CLERK, { kind: 'note', text: 'x' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { kind: expect.any(String) } });
    expect(write(host, CLERK, { kind: 'entry', text: 'x', at: 'yesterday' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { at: expect.any(String) } });
    expect(snapshot(host)).toBe(before);
  });

  it('corrects a mistake only by a correction naming an existing entry', () => {
    const before = snapshot(host);
    expect(write(host, CLERK, { kind: 'correction', text: '更正' })).toMatchObject({ ok: false, fieldErrors: { corrects: expect.any(String) } });
    expect(write(host, CLERK, { kind: 'correction', text: '更正', corrects: 99 })).toMatchObject({ ok: false, fieldErrors: { corrects: expect.stringContaining('99') } });
    expect(write(host, CLERK, { kind: 'entry', text: '普通记录', corrects: 1 })).toMatchObject({ ok: false, fieldErrors: { corrects: expect.any(String) } });
    expect(snapshot(host)).toBe(before);
    const r = ok(write(host, CLERK, { kind: 'correction', text: '第 1 条应为 22:40 巡查', corrects: 1 }));
    expect(r.corrects).toBe(1);
    expect(logRows(host).slice(-1)[0]).toMatchObject({ 类型: '更正', 更正序号: 1 });
    expect(verify(host).intact).toBe(true);
  });

  it('lets staff and guards on duty write, but not department staff or strangers; a guard cannot sign off', () => {
    const before = snapshot(host);
    expect(write(host, DEPT, { kind: 'entry', text: '巡逻正常' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(write(host, 'stranger@elsewhere.example', { kind: 'entry', text: '巡逻正常' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(write(host, SECURITY, { kind: 'signoff', text: '' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    expect(ok(write(host, SECURITY, { kind: 'entry', text: '23:00 巡逻 5 栋，正常' }))).toMatchObject({ kind: 'entry', text: '23:00 巡逻 5 栋，正常' });
    expect(verify(host).intact).toBe(true);
  });
});

describe('handover', () => {
  const host = setUpBook();

  it('names the outgoing officer (the writer), the incoming officer and the open items', () => {
    const r = ok(write(host, CLERK, { kind: 'handover', text: '设备检查正常', incoming: SUPERVISOR, openItems: ['5-2-1101 厨房漏水，已报工程部', '2 号电梯困人已解除，待回访'] }));
    expect(parseHandover(r.text as string)).toEqual({ outgoing: '李晓梅', incoming: '王建国', openItems: ['5-2-1101 厨房漏水，已报工程部', '2 号电梯困人已解除，待回访'] });
    expect(logRows(host)[0]).toMatchObject({ 类型: '交接班', 值班人: '李晓梅' });
    expect(logRows(host)[0]['内容']).toContain('设备检查正常');
  });

  it('takes open items as lines from the sidebar and an incoming officer who is not in the Roles tab', () => {
    const r = ok(write(host, CLERK, { kind: 'handover', text: '交班', incoming: '赵师傅', openItems: '门岗对讲机待充电\n\n3 号楼路灯不亮' }));
    expect(parseHandover(r.text as string)).toMatchObject({ incoming: '赵师傅', openItems: ['门岗对讲机待充电', '3 号楼路灯不亮'] });
  });

  it('refuses a handover without an incoming officer, or to oneself', () => {
    expect(write(host, CLERK, { kind: 'handover', text: '交班' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { incoming: expect.any(String) } });
    expect(write(host, CLERK, { kind: 'handover', text: '交班', incoming: CLERK })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { incoming: expect.any(String) } });
    expect(logRows(host)).toHaveLength(2);
  });
});

describe('sign-off', () => {
  it('is refused for a clerk, and nothing is written', () => {
    const host = setUpBook({ now: '2026-11-24T20:00:00+08:00' });
    entry(host, '夜间巡查一次，正常');
    host.setNow('2026-11-25T09:00:00+08:00');
    const before = snapshot(host);
    const r = write(host, CLERK, { kind: 'signoff', text: '已签阅' });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    expect(logRows(host)).toHaveLength(1);
    expect(JSON.parse(props(host)['dutylog.head']).seq).toBe(1);
  });

  it('by the supervisor covers the entries since the last sign-off, and is dated when made', () => {
    const host = setUpBook({ now: '2026-11-24T18:00:00+08:00' });
    entry(host, '接班，设备正常');
    host.setNow('2026-11-25T01:30:00+08:00');
    entry(host, '凌晨巡查，正常');
    host.setNow('2026-11-25T09:05:00+08:00');
    expect(write(host, SUPERVISOR, { kind: 'signoff', text: '已签阅', at: '2026-11-25T08:00:00+08:00' })).toMatchObject({ ok: false, fieldErrors: { at: expect.any(String) } });
    const r = ok(write(host, SUPERVISOR, { kind: 'signoff', text: '已签阅' }));
    expect(r).toMatchObject({ seq: 3, officer: '王建国', kind: 'signoff', at: '2026-11-25T09:05:00+08:00', covers: { from: 1, to: 2, count: 2, days: ['2026-11-24', '2026-11-25'] } });
    expect(r.text).toMatch(/第 1 至 2 条.*共 2 条/);
    // Nothing left to sign.
    expect(write(host, SUPERVISOR, { kind: 'signoff', text: '已签阅' })).toMatchObject({ ok: false, code: 'precondition' });
    entry(host, '白班记录');
    expect(ok(write(host, MANAGER, { kind: 'signoff', text: '' })).covers).toMatchObject({ from: 4, to: 4, count: 1 });
    expect(verify(host).intact).toBe(true);
  });
});

describe('getDutyDay', () => {
  const host = setUpBook({ now: '2026-11-23T22:00:00+08:00' });
  entry(host, '前天的记录');
  host.setNow('2026-11-24T22:00:00+08:00');
  entry(host, '昨天夜班巡查');
  host.setNow('2026-11-25T08:00:00+08:00');
  entry(host, '今天早上交班前');

  it("shows yesterday's and today's entries and older unsigned ones, with the sign-off button for a supervisor only", () => {
    const day = as(host, SUPERVISOR, () => ok(rpc(host, 'getDutyDay')));
    expect(day).toMatchObject({ today: '2026-11-25', previousDay: '2026-11-24', pending: 3, canSignOff: true, lastSignoff: null });
    expect((day.entries as { seq: number; text: string; kind: string; at: string }[]).map((e) => [e.seq, e.kind, e.text, e.at])).toEqual([
      [1, 'entry', '前天的记录', '2026-11-23T22:00:00+08:00'],
      [2, 'entry', '昨天夜班巡查', '2026-11-24T22:00:00+08:00'],
      [3, 'entry', '今天早上交班前', '2026-11-25T08:00:00+08:00'],
    ]);
    expect(as(host, CLERK, () => ok(rpc(host, 'getDutyDay'))).canSignOff).toBe(false);
    // A guard on duty reads the day too (issue 15), but may not sign it off; department staff see nothing.
    expect(as(host, SECURITY, () => ok(rpc(host, 'getDutyDay'))).canSignOff).toBe(false);
    expect(as(host, DEPT, () => rpc(host, 'getDutyDay'))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('after the sign-off hides the button and shows only recent days', () => {
    ok(write(host, SUPERVISOR, { kind: 'signoff', text: '已签阅' }));
    const day = as(host, SUPERVISOR, () => ok(rpc(host, 'getDutyDay')));
    expect(day).toMatchObject({ pending: 0, canSignOff: false, lastSignoff: { seq: 4, kind: 'signoff' } });
    expect((day.entries as { seq: number }[]).map((e) => e.seq)).toEqual([2, 3, 4]);
  });
});

describe('two officers writing at once', () => {
  it('interleaved appenders on one workbook give a gap-free chain that verifies', () => {
    const a = setUpBook();
    const b = createHost({ codePath: CODE, workbook: a.workbook, user: SUPERVISOR, now: '2026-11-25T09:00:00+08:00' });
    for (let i = 0; i < 15; i++) {
      entry(a, `A 第 ${i} 次`);
      ok(b.callFromClient('appendDutyLog', [{ kind: 'entry', text: `B 第 ${i} 次` }]) as Result);
    }
    const rows = logRows(a);
    expect(rows.map((r) => r['序号'])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(rows.map((r) => r['值班人'])).toEqual(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? '李晓梅' : '王建国')));
    rows.slice(1).forEach((r, i) => expect(r['前一条校验值']).toBe(rows[i]['校验值']));
    expect(verify(a)).toMatchObject({ intact: true, entries: 30 });
    expect(ok(b.callFromClient('verifyDutyLog', []) as Result)).toMatchObject({ intact: true, entries: 30, head: 30 });
  });

  it('waits for the document lock: while another holds it the writer is told the log is busy and nothing is written', () => {
    const a = setUpBook();
    const b = createHost({ codePath: CODE, workbook: a.workbook, user: SUPERVISOR, now: '2026-11-25T09:00:00+08:00' });
    entry(a, '第一条');
    expect(vm.runInContext('(LockService.getDocumentLock() || LockService.getScriptLock()).tryLock(0)', b.context)).toBe(true);
    const before = snapshot(a);
    expect(write(a, CLERK, { kind: 'entry', text: '被挡住的一条' })).toMatchObject({ ok: false, code: 'busy' });
    expect(snapshot(a)).toBe(before);
    vm.runInContext('(LockService.getDocumentLock() || LockService.getScriptLock()).releaseLock()', b.context);
    expect(entry(a, '锁释放后再写').seq).toBe(2);
    expect(verify(a).intact).toBe(true);
  });
});

describe('verifyDutyLog', () => {
  function book(): Host {
    const host = setUpBook();
    for (const t of ['一', '二', '三', '四', '五']) entry(host, `记录${t}`);
    return host;
  }
  const dataRows = (host: Host) => sheetNamed(host, LOG).rows;

  it.each<[string, (host: Host) => void, { problem: string; firstBad: number }]>([
    ['an edited text cell', (h) => void (dataRows(h)[3][col(h, '内容')] = '记录三（改）'), { problem: 'edited', firstBad: 3 }],
    ['an edited officer', (h) => void (dataRows(h)[2][col(h, '值班人')] = '张三'), { problem: 'edited', firstBad: 2 }],
    ['a deleted middle row', (h) => void dataRows(h).splice(2, 1), { problem: 'deleted', firstBad: 2 }],
    ['the last rows cut off', (h) => void dataRows(h).splice(4, 2), { problem: 'truncated', firstBad: 4 }],
    ['two rows swapped', (h) => void ([dataRows(h)[2], dataRows(h)[3]] = [dataRows(h)[3], dataRows(h)[2]]), { problem: 'reordered', firstBad: 2 }],
    ['a row inserted', (h) => void dataRows(h).splice(3, 0, [...dataRows(h)[2]]), { problem: 'inserted', firstBad: 3 }],
    ['the saved head changed', (h) => void (props(h)['dutylog.head'] = JSON.stringify({ seq: 5, hash: 'f'.repeat(64) })), { problem: 'head_mismatch', firstBad: 5 }],
  ])('catches %s and says which entry', (_name, tamper, want) => {
    const host = book();
    expect(verify(host)).toMatchObject({ intact: true, entries: 5 });
    tamper(host);
    const r = verify(host);
    expect(r).toMatchObject({ intact: false, ...want });
    expect(r.message).toContain(String(want.firstBad));
  });

  it('the menu item shows the result as an alert', () => {
    const host = book();
    host.call('verifyDutyLogFromMenu');
    expect(host.ui.alerts.slice(-1)[0].message).toMatch(/值班记录完整，共 5 条/);
    dataRows(host)[1][col(host, '内容')] = '记录一 ';
    host.call('verifyDutyLogFromMenu');
    expect(host.ui.alerts.slice(-1)[0].message).toMatch(/第 1 条.*不符[\s\S]*改动/);
  });

  it('a new entry after a cut-off tail chains to the saved head, so the gap stays visible', () => {
    const host = book();
    dataRows(host).splice(5, 1);
    expect(entry(host, '第六条').seq).toBe(6);
    expect(verify(host)).toMatchObject({ intact: false, problem: 'deleted', firstBad: 5 });
  });
});

describe('a long log', () => {
  it('verifies 10,000 entries in one read, well inside the 6-minute limit, and an edit near the end is still found', () => {
    const host = setUpBook();
    const sheet = sheetNamed(host, LOG);
    let head: ChainPoint | null = null;
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    for (let i = 0; i < 10_000; i++) {
      const at = new Date(start + i * 45 * 60_000);
      const row = buildEntry(head, { at, officer: i % 2 ? '李晓梅' : '王建国', kind: 'entry', text: `第 ${i} 条：巡查 ${i % 17} 号楼，消防通道畅通。` }, TZ);
      head = { seq: row.seq, hash: row.hash };
      // Cells as the sheet stores them: wall-clock time, the kind's label.
      sheet.rows.push([row.seq, new Date(at.getTime() + 8 * 3600_000), row.officer, '值班记录', row.text, null, row.prev_hash, row.hash]);
    }
    sheet.maxRows = 11_000;
    props(host)['dutylog.head'] = JSON.stringify(head);
    host.resetCounters();
    const t0 = Date.now();
    expect(verify(host)).toMatchObject({ intact: true, entries: 10_000 });
    const ms = Date.now() - t0;
    expect(host.counters['SpreadsheetApp.Range.getValues']).toBe(3); // Settings, Roles (who is asking) and the log
    expect(ms).toBeLessThan(5_000);
    sheet.rows[9_990][col(host, '内容')] = '改动';
    expect(verify(host)).toMatchObject({ intact: false, problem: 'edited', firstBad: 9_990 });
  });
});

describe('the duty log is append-only through the add-on', () => {
  it('updateRecord and createRecord refuse the duty log and change nothing', () => {
    const host = setUpBook();
    entry(host, '巡查正常');
    const before = snapshot(host);
    for (const user of [CLERK, SUPERVISOR, MANAGER]) {
      expect(as(host, user, () => rpc(host, 'updateRecord', 'duty_log', '1', 1, { text: '改写' }))).toMatchObject({ ok: false, code: 'invalid' });
      expect(as(host, user, () => rpc(host, 'updateRecord', 'duty_log', 1, 0, { text: '改写' }))).toMatchObject({ ok: false, code: 'invalid' });
      expect(as(host, user, () => rpc(host, 'createRecord', 'duty_log', { kind: 'entry', text: '绕过哈希' }))).toMatchObject({ ok: false, code: 'invalid' });
    }
    expect(snapshot(host)).toBe(before);
    expect(verify(host).intact).toBe(true);
  });
});

describe('archiveDutyLog', () => {
  function oldAndNew(): Host {
    const host = setUpBook({ now: '2022-06-01T09:00:00+08:00' });
    for (let i = 1; i <= 4; i++) {
      host.setNow(`2022-06-0${i}T21:00:00+08:00`);
      entry(host, `2022 年 6 月 ${i} 日夜班，正常`);
    }
    host.setNow('2023-12-01T21:00:00+08:00');
    entry(host, '2023 年 12 月的记录');
    host.setNow('2026-11-25T09:00:00+08:00');
    entry(host, '今天的记录');
    return host;
  }

  it('is for the manager only', () => {
    const host = oldAndNew();
    const before = snapshot(host);
    for (const user of [CLERK, SUPERVISOR]) expect(as(host, user, () => rpc(host, 'archiveDutyLog'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
  });

  it('moves entries older than 3 years to the archive tab, and the rest still verifies', () => {
    const host = oldAndNew();
    const r = ok(rpc(host, 'archiveDutyLog'));
    expect(r).toMatchObject({ moved: 4, archiveTab: ARCHIVE, base: 4, remaining: 2, cutoff: '2023-11-25T09:00:00+08:00' });
    expect(logRows(host).map((x) => x['序号'])).toEqual([5, 6]);
    expect(logRows(host, ARCHIVE).map((x) => x['序号'])).toEqual([1, 2, 3, 4]);
    expect(logRows(host, ARCHIVE)[0]['内容']).toBe('2022 年 6 月 1 日夜班，正常');
    expect(verify(host)).toMatchObject({ intact: true, entries: 2, base: 4, head: 6 });
    // The archive itself is the chain's first part, ending at the saved cut.
    const archived = logRows(host, ARCHIVE).map((x) => ({ seq: x['序号'], at: x['时间'], officer: x['值班人'], kind: x['类型'], text: x['内容'], corrects: x['更正序号'], prev_hash: x['前一条校验值'], hash: x['校验值'] })) as DutyRecord[];
    const wall = (d: unknown) => (d instanceof Date ? new Date(d.getTime() - 8 * 3600_000) : d);
    expect(verifyChain(archived.map((a) => ({ ...a, at: wall(a.at) as Date })), JSON.parse(props(host)['dutylog.base']), null, TZ).intact).toBe(true);
    // Writing goes on from the head; nothing younger than 3 years moves on a second run.
    expect(entry(host, '归档后的记录').seq).toBe(7);
    expect(ok(rpc(host, 'archiveDutyLog')).moved).toBe(0);
    expect(verify(host)).toMatchObject({ intact: true, entries: 3 });
  });

  it('refuses to archive a stretch that does not verify, and moves nothing', () => {
    const host = oldAndNew();
    sheetNamed(host, LOG).rows[2][col(host, '内容')] = '被改过';
    const before = snapshot(host);
    expect(rpc(host, 'archiveDutyLog')).toMatchObject({ ok: false, code: 'precondition' });
    expect(snapshot(host)).toBe(before);
  });
});

describe('fillRoster', () => {
  it('fills next month for the supervisor, one night shift a day in turns, and never overwrites it', () => {
    const host = setUpBook();
    ok(rpc(host, 'createRecord', 'roles', { email: 'zhou@estate.example', name: '周丽', roles: ['clerk'], department: '客服中心' }));
    expect(as(host, CLERK, () => rpc(host, 'fillRoster'))).toMatchObject({ ok: false, code: 'forbidden' });
    const r = as(host, SUPERVISOR, () => ok(rpc(host, 'fillRoster', '2026-12')));
    expect(r).toMatchObject({ month: '2026-12', count: 31 });
    const rows = r.rows as { date: string; shift: string; officer: string; backup: string; start: string; end: string }[];
    expect(rows[0]).toEqual({ date: '2026-12-01', shift: 'night', officer: '李晓梅', backup: '周丽', start: '2026-12-01T17:30:00+08:00', end: '2026-12-02T08:30:00+08:00' });
    expect(rows[1]).toMatchObject({ officer: '周丽', backup: '李晓梅' });
    expect(logRows(host, ROSTER)).toHaveLength(31);
    expect(logRows(host, ROSTER)[0]).toMatchObject({ 班次: '夜班', 值班人: '李晓梅' });
    const before = snapshot(host);
    expect(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-12'))).toMatchObject({ ok: false, code: 'conflict' });
    expect(snapshot(host)).toBe(before);
  });

  it('puts full-day duty on the holidays and keeps the tab in date order when an earlier month is filled later', () => {
    const host = setUpBook({ now: '2026-09-20T09:00:00+08:00' });
    ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-11', [CLERK, '赵师傅'])));
    const oct = as(host, SUPERVISOR, () => ok(rpc(host, 'fillRoster', '2026-10', [CLERK, '赵师傅'])));
    const shifts = (oct.rows as { date: string; shift: string; start: string }[]).slice(0, 8).map((x) => x.shift);
    expect(shifts).toEqual(['full_day', 'full_day', 'full_day', 'full_day', 'full_day', 'full_day', 'full_day', 'night']);
    expect((oct.rows as { start: string }[])[0].start).toBe('2026-10-01T08:30:00+08:00');
    const dates = logRows(host, ROSTER).map((x) => (x['日期'] as Date).getTime());
    expect(dates).toHaveLength(61);
    expect([...dates].sort((x, y) => x - y)).toEqual(dates);
    expect(logRows(host, ROSTER)[0]).toMatchObject({ 班次: '全天班', 值班人: '李晓梅' });
  });

  it('refuses a month that is not YYYY-MM', () => {
    const host = setUpBook();
    expect(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-13'))).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { month: expect.any(String) } });
  });
});

describe('overdue rules in the hourly scan', () => {
  const scan = (host: Host) => ok(fireScan(host) as Result).overdue as { register: string; id: string; rule: string; due: string }[];
  const find = (items: ReturnType<typeof scan>, rule: string, id: string) => items.find((i) => i.rule === rule && i.id === id);

  it("a day with entries and no sign-off by 10:00 the next working day is overdue as 'signoff'", () => {
    const host = setUpBook({ now: '2026-11-27T21:00:00+08:00' }); // a Friday
    entry(host, '周五夜班巡查');
    host.setNow('2026-11-28T10:30:00+08:00'); // Saturday: not a working day
    expect(find(scan(host), 'signoff', '2026-11-27')).toBeUndefined();
    host.setNow('2026-11-30T09:59:00+08:00'); // Monday, before 10:00
    expect(find(scan(host), 'signoff', '2026-11-27')).toBeUndefined();
    host.setNow('2026-11-30T10:01:00+08:00');
    expect(find(scan(host), 'signoff', '2026-11-27')).toMatchObject({ register: 'duty_log', due: '2026-11-30T10:00:00+08:00' });
    ok(write(host, SUPERVISOR, { kind: 'signoff', text: '已签阅' }));
    expect(find(scan(host), 'signoff', '2026-11-27')).toBeUndefined();
  });

  it("next month's roster still empty on the 25th is overdue as 'roster'", () => {
    const host = setUpBook({ now: '2026-11-24T12:00:00+08:00' });
    expect(find(scan(host), 'roster', '2026-12')).toBeUndefined();
    host.setNow('2026-11-25T00:30:00+08:00');
    expect(find(scan(host), 'roster', '2026-12')).toMatchObject({ register: 'roster', due: '2026-11-25T00:00:00+08:00' });
    // With no month named the fill takes the empty current month first, then the next.
    expect(ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster')))).toMatchObject({ month: '2026-11' });
    expect(find(scan(host), 'roster', '2026-12')).toBeDefined();
    expect(ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster')))).toMatchObject({ month: '2026-12' });
    expect(find(scan(host), 'roster', '2026-12')).toBeUndefined();
  });
});
