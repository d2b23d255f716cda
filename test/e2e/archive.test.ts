// 归档: finished records past retention move to per-year archive tabs; nothing is lost, and the duty log and archives verify before and after.
import { as, CLERK, fireScan, MANAGER, ok, rpc, setSetting, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation } from './book';
import type { Host } from '../../src/local/host';

const request = (at: string, details: string) => ({ received_at: at, type: 'repair', unit: '2-301', details });
const visitor = (at: string, name: string) => ({ at, visitor: name, id_type: 'id_card', id_number: '110101199001011234', unit: '5-1-101', purpose: '探亲' });

/** Ids in a tab (the 编号 column by its header), for counting what is where. */
function idsIn(host: Host, tab: string): string[] {
  const rows = sheetNamed(host, tab).rows;
  const at = (rows[0] as string[]).indexOf('编号');
  return rows.slice(1).map((r) => String(r?.[at] ?? '')).filter(Boolean);
}

/** Two years of an office's records, some finished long ago, some not. */
function history(): { host: Host; ids: Record<string, string> } {
  const host = setUpBook({ now: '2024-03-01T09:00:00+08:00' });
  const ids: Record<string, string> = {};
  const make = (name: string, register: string, values: Record<string, unknown>) => (ids[name] = String(ok(rpc(host, 'createRecord', register, values)).id));
  make('oldRequest', 'requests', request('2024-03-01T08:00:00+08:00', '水管漏水'));
  make('openRequest', 'requests', request('2024-03-01T08:30:00+08:00', '门禁坏了'));
  make('general', 'violations', violation({ found_at: '2024-02-28T10:00:00+08:00', description: '=HYPERLINK("x")' }));
  make('major', 'violations', violation({ found_at: '2024-02-28T11:00:00+08:00', severity: 'major' }));
  host.setNow('2024-03-02T10:00:00+08:00');
  ok(rpc(host, 'transition', 'requests', ids.oldRequest, 1, 'close', {}));
  as(host, SUPERVISOR, () => ok(rpc(host, 'transition', 'violations', ids.general, 1, 'close', {})));
  // A major violation is the manager's.
  as(host, MANAGER, () => ok(rpc(host, 'transition', 'violations', ids.major, 1, 'close', {})));
  host.setNow('2025-06-10T09:00:00+08:00');
  make('recentRequest', 'requests', request('2025-06-10T08:00:00+08:00', '电梯异响'));
  ok(rpc(host, 'transition', 'requests', ids.recentRequest, 1, 'close', {}));
  host.setNow('2026-01-10T09:00:00+08:00');
  make('visitor', 'visitors', visitor('2026-01-10T08:30:00+08:00', '陈来访'));
  ok(rpc(host, 'transition', 'visitors', ids.visitor, 1, 'leave', {}));
  host.setNow('2026-11-25T09:00:00+08:00');
  return { host, ids };
}

const verify = (host: Host) => ({ log: ok(rpc(host, 'verifyDutyLog')).ok, archives: ok(rpc(host, 'verifyArchives')).archives as { tab: string; ok: boolean; rows: number; row?: number }[] });

test('finished records past retention move to the archive of their year; the rest stay; nothing is lost and all verifies', () => {
  const { host, ids } = history();
  const all = [...idsIn(host, '求助报事'), ...idsIn(host, '违章'), ...idsIn(host, '来访登记')].sort();
  expect(verify(host)).toEqual({ log: true, archives: [] });

  const r = as(host, MANAGER, () => ok(rpc(host, 'archiveRecords')));
  // Requests 2 years, a general violation 1 year, a visitor 1 year; a major violation 5 years.
  expect(r.moved).toEqual([
    { register: 'violations', tab: '归档-违章-2024', count: 1 },
    { register: 'requests', tab: '归档-求助报事-2024', count: 1 },
  ]);
  expect(idsIn(host, '归档-违章-2024')).toEqual([ids.general]);
  expect(idsIn(host, '违章')).toEqual([ids.major]);
  expect(idsIn(host, '求助报事').sort()).toEqual([ids.openRequest, ids.recentRequest].sort());
  // Every record is in exactly one place.
  const after = [...idsIn(host, '求助报事'), ...idsIn(host, '违章'), ...idsIn(host, '来访登记'), ...idsIn(host, '归档-违章-2024'), ...idsIn(host, '归档-求助报事-2024')].sort();
  expect(after).toEqual(all);
  // The archive keeps the values as they were: text that looks like a formula stays text.
  const archived = sheetNamed(host, '归档-违章-2024');
  expect(archived.rows[0]![0]).toBe('归档校验值');
  expect(JSON.stringify(archived.rows[1])).toContain('HYPERLINK');
  // Locked, not warning-only: nobody but the manager (the owner here) may edit it.
  const lock = archived.protections.find((p) => p.kind === 'SHEET')!;
  expect(lock).toMatchObject({ warningOnly: false, domainEdit: false });
  expect(lock.editors.filter((e) => e !== MANAGER)).toEqual([]);
  // The move is in the duty log's chain, and everything verifies after it.
  const log = sheetNamed(host, '值班记录').rows.map((row) => JSON.stringify(row));
  expect(log.some((l) => l.includes('归档：归档-违章-2024 1 条，归档-求助报事-2024 1 条'))).toBe(true);
  // And in 变更记录, one row per archive tab.
  const changes = sheetNamed(host, '变更记录').rows.map((row) => JSON.stringify(row));
  expect(changes.filter((l) => l.includes('"archive"') && l.includes('归档-违章-2024 1 条'))).toHaveLength(1);
  expect(verify(host)).toEqual({ log: true, archives: [{ tab: '归档-违章-2024', ok: true, rows: 1 }, { tab: '归档-求助报事-2024', ok: true, rows: 1 }] });

  // Once the visitor's year has passed: a new tab for 2026; the 2024 archives are untouched.
  host.setNow('2027-01-11T09:00:00+08:00');
  const later = as(host, MANAGER, () => ok(rpc(host, 'archiveRecords')));
  expect(later.moved).toEqual([{ register: 'visitors', tab: '归档-来访登记-2026', count: 1 }]);
  expect(verify(host).archives.every((a) => a.ok)).toBe(true);
});

test('an archive edited by hand fails verification at the row, and takes nothing more until put right', () => {
  const { host } = history();
  as(host, MANAGER, () => ok(rpc(host, 'archiveRecords')));
  const tab = sheetNamed(host, '归档-求助报事-2024');
  const at = (tab.rows[0] as string[]).indexOf('事由');
  tab.rows[1]![at] = '水管漏水（已改）';
  expect(verify(host).archives.find((a) => a.tab === '归档-求助报事-2024')).toEqual({ tab: '归档-求助报事-2024', ok: false, rows: 1, row: 1 });
  // Another 2024 request now past retention is not added to a broken archive; nothing moves.
  host.setNow('2024-04-01T09:00:00+08:00');
  const late = String(ok(rpc(host, 'createRecord', 'requests', request('2024-04-01T08:00:00+08:00', '路灯不亮'))).id);
  ok(rpc(host, 'transition', 'requests', late, 1, 'close', {}));
  host.setNow('2026-11-26T09:00:00+08:00');
  const before = snapshot(host);
  expect(as(host, MANAGER, () => rpc(host, 'archiveRecords'))).toMatchObject({ ok: false, code: 'precondition' });
  expect(snapshot(host)).toBe(before);
  tab.rows[1]![at] = '水管漏水';
  expect(verify(host).archives.every((a) => a.ok)).toBe(true);
  // A row taken off the bottom is caught too.
  tab.rows.splice(1, 1);
  expect(verify(host).archives.find((a) => a.tab === '归档-求助报事-2024')).toMatchObject({ ok: false, row: 0 });
});

test('only the manager archives; Settings retention_years keeps a register longer', () => {
  const { host } = history();
  const before = snapshot(host);
  for (const user of [CLERK, SUPERVISOR]) expect(as(host, user, () => rpc(host, 'archiveRecords'))).toMatchObject({ ok: false, code: 'forbidden' });
  expect(snapshot(host)).toBe(before);
  setSetting(host, 'retention_years', 'requests:5, violations:3');
  expect(as(host, MANAGER, () => ok(rpc(host, 'archiveRecords'))).moved).toEqual([]);
});

test('on the 1st the manager gets the workbook size against Google’s 10 million cells, once, with the register that grew most', () => {
  const host = setUpBook({ now: '2026-11-30T09:00:00+08:00' });
  const capacity = () => host.outbox.filter((m) => m.subject.startsWith('表格容量月报'));
  fireScan(host);
  expect(capacity()).toHaveLength(0);
  host.setNow('2026-12-01T09:05:00+08:00');
  fireScan(host);
  fireScan(host);
  expect(capacity()).toHaveLength(1);
  const first = capacity()[0]!;
  expect(first.to).toBe(MANAGER);
  expect(first.subject).toContain('2026-12');
  expect(first.body).toMatch(/本表格 \d+ 个工作表共占用 [\d,]+ 个单元格，为 Google 表格上限（1000 万个）的 [\d.]+%。/);
  host.setNow('2026-12-02T09:05:00+08:00');
  fireScan(host);
  expect(capacity()).toHaveLength(1);
  // A month of requests later, the report names the register that grew.
  host.setNow('2026-12-10T09:00:00+08:00');
  for (let i = 0; i < 3; i++) ok(rpc(host, 'createRecord', 'requests', request('2026-12-10T08:00:00+08:00', `报修${i}`)));
  host.setNow('2027-01-01T09:05:00+08:00');
  fireScan(host);
  expect(capacity()).toHaveLength(2);
  expect(capacity()[1]!.body).toContain('上次报告以来增长最快的台账：求助报事，增加 3 行。');
});
