// End to end through dist/Code.js: the residents register (住户登记), its change log and the new-resident screening.
import { as, cells, CLERK, DEPT, MANAGER, ok, Result, rpc, setUpBook, snapshot } from './book';

const NOW = '2026-11-25T09:00:00+08:00';
const resident = (extra: Record<string, unknown> = {}) => ({
  unit: '6-1-201',
  name: '黄志强',
  tenure: 'tenant',
  members: '黄志强 本人 13812345678\n李娜 妻子 13900001111',
  phone: '13812345678',
  id_number: '440301199001011234',
  moved_in_on: '2026-11-10',
  cards: '00123, 00124',
  ...extra,
});

type Host = ReturnType<typeof setUpBook>;
const create = (host: Host, extra: Record<string, unknown> = {}) => ok(as(host, CLERK, () => rpc(host, 'createRecord', 'residents', resident(extra))));
const act = (host: Host, r: Result, action: string, fields: Record<string, unknown> = {}) => {
  const done = ok(as(host, CLERK, () => rpc(host, 'transition', 'residents', r.id, r.version, action, fields)));
  r.version = done.version;
  return done;
};
/** The change log's rows as objects by header. */
function changes(host: Host) {
  const [head, ...rows] = cells(host, '住户信息变更表') as string[][];
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}
const screeningIds = (host: Host) =>
  (ok(rpc(host, 'runOverdueScan')).overdue as { register: string; id: string; rule: string; due: string }[]).filter((i) => i.rule === 'screening_new_resident');

describe('residents (住户登记)', () => {
  it('registers a household living in a unit, with the ID number masked in the sheet and in what the sidebar gets', () => {
    const host = setUpBook({ now: NOW });
    const r = create(host);
    expect(r.id).toMatch(/^RS-2026-/);
    expect(r.record).toMatchObject({ unit: '6-1-201', name: '黄志强', tenure: 'tenant', status: 'living', id_number: '4403**********1234', moved_in_on: '2026-11-10' });
    const got = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'residents', r.id)));
    expect((got.record as { fields: Record<string, unknown> }).fields.id_number).toBe('4403**********1234');
    expect(snapshot(host)).not.toContain('440301199001011234');
    expect(cells(host, '住户登记')[0]).toEqual(expect.arrayContaining(['编号', '房号', '户主姓名', '业主/租户', '入住日期', '门禁卡号', '状态']));
    expect(changes(host)).toEqual([expect.objectContaining({ 住户编号: r.id, 房号: '6-1-201', 变更: '新登记', 变更后: '6-1-201 黄志强（租户）', 经办人: '李晓梅' })]);
  });

  it('refuses a registration without a move-in date or the people living there, writing nothing', () => {
    const host = setUpBook({ now: NOW });
    const before = snapshot(host);
    const r = as(host, CLERK, () => rpc(host, 'createRecord', 'residents', resident({ moved_in_on: '', members: ' ' })));
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { moved_in_on: expect.any(String), members: expect.any(String) } });
    expect(snapshot(host)).toBe(before);
  });

  it('logs each change (new member, name change, move-out) with before and after, phones masked', () => {
    const host = setUpBook({ now: NOW });
    const r = create(host);
    act(host, r, 'change_members', { members: '黄志强 本人 13812345678\n李娜 妻子 13900001111\n黄小宝 儿子' });
    act(host, r, 'rename', { name: '黄志刚' });
    const out = act(host, r, 'move_out');
    expect(out.record).toMatchObject({ status: 'moved_out', moved_out_on: '2026-11-25', name: '黄志刚' });
    const log = changes(host).slice(1);
    expect(log.map((c) => c['变更'])).toEqual(['同住人员变更', '户主更名', '迁出']);
    expect(log[0]['变更前']).toContain('李娜 妻子 139****1111');
    expect(log[0]['变更后']).toContain('黄小宝 儿子');
    expect(JSON.stringify(log)).not.toContain('13900001111');
    expect(log[1]).toMatchObject({ 变更前: '户主姓名：黄志强', 变更后: '户主姓名：黄志刚' });
    expect(log[2]).toMatchObject({ 变更前: '在住', 变更后: '已迁出 2026-11-25' });
    // A moved-out household takes no more changes.
    expect(as(host, CLERK, () => rpc(host, 'transition', 'residents', r.id, r.version, 'rename', { name: '王五' }))).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('changes the members only through their action, so the log misses nothing', () => {
    const host = setUpBook({ now: NOW });
    const r = create(host);
    const edit = as(host, CLERK, () => rpc(host, 'updateRecord', 'residents', r.id, r.version, { members: '别人' }));
    expect(edit).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { members: expect.stringContaining('变更同住人员') } });
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'residents', r.id, r.version, { cards: '00123' })));
    expect(changes(host).at(-1)).toMatchObject({ 变更: '信息变更', 变更前: '门禁卡号：00123, 00124', 变更后: '门禁卡号：00123' });
  });

  describe('the 15-day key-household screening of a new resident', () => {
    // Moved in 10 November: screened by the end of 25 November.
    const DUE = '2026-11-25T23:59:59.999+08:00';

    it('is due at the end of the 15th day after moving in, and overdue a millisecond later', () => {
      const host = setUpBook({ now: NOW });
      const r = create(host);
      host.setNow(DUE);
      expect(screeningIds(host)).toEqual([]);
      host.setNow('2026-11-26T00:00:00+08:00');
      expect(screeningIds(host)).toEqual([{ register: 'residents', id: r.id, rule: 'screening_new_resident', due: '2026-11-25T23:59:59+08:00', level: 1 }]);
      const todo = ok(as(host, CLERK, () => rpc(host, 'getTodo'))).items as { id: string; rule: string; clear: unknown; what: string }[];
      expect(todo.find((i) => i.id === r.id)).toMatchObject({ rule: 'screening_new_resident', clear: { kind: 'action', action: 'screened_not_key' }, what: '新住户未按时做重点户排查' });
    });

    it('is closed by a key-household record for the unit', () => {
      const host = setUpBook({ now: NOW });
      create(host);
      ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '6-1-201', occupant: '黄志强', categories: ['tenant'] })));
      host.setNow('2026-11-26T00:00:00+08:00');
      expect(screeningIds(host)).toEqual([]);
    });

    it('is closed when a clerk marks it not a key household', () => {
      const host = setUpBook({ now: NOW });
      const r = create(host);
      const done = act(host, r, 'screened_not_key');
      expect(done.record).toMatchObject({ screened_at: NOW });
      host.setNow('2026-11-26T00:00:00+08:00');
      expect(screeningIds(host)).toEqual([]);
    });
  });

  it('offers its units in the unit pickers, to those who read it', () => {
    const host = setUpBook({ now: NOW });
    create(host);
    create(host, { unit: '8-2-1502', name: '钱女士', tenure: 'owner', id_number: '' });
    const units = (user: string) => (as(host, user, () => rpc(host, 'getRegisters')) as Result & { units: string[] }).units;
    expect(units(CLERK)).toEqual(['6-1-201', '8-2-1502']);
    expect(units(MANAGER)).toEqual(['6-1-201', '8-2-1502']);
    expect(units(DEPT)).toEqual([]);
  });
});

describe('the overdue screening in the digest', () => {
  it('reaches the supervisors with the unit and the rule, never the ID number or phones', () => {
    const host = setUpBook({ now: NOW });
    create(host);
    host.setNow('2026-11-26T00:30:00+08:00');
    ok(rpc(host, 'runOverdueScan'));
    const mail = host.outbox.find((m) => JSON.stringify(m).includes('新住户未按时做重点户排查'));
    expect(mail).toBeDefined();
    expect(mail!.to).toContain('supervisor@estate.example');
    expect(JSON.stringify(mail)).toContain('客服/值班员');
    expect(JSON.stringify(mail)).toContain('6-1-201');
    expect(JSON.stringify(mail)).not.toMatch(/440301199001011234|13812345678|13900001111/);
  });
});

describe('the red row in 住户登记', () => {
  it('is red while the screening is late, and cleared at once by a key household for the unit', () => {
    const host = setUpBook({ now: '2026-11-26T08:00:00+08:00' });
    create(host);
    const due = () => {
      const [head, row] = cells(host, '住户登记') as unknown[][];
      return [row[(head as string[]).indexOf('下一期限')], row[(head as string[]).indexOf('期限事项')]];
    };
    expect(due()[1]).toBe('新住户未按时做重点户排查');
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '6-1-201', occupant: '黄志强', categories: ['tenant'] })));
    expect(due().map((v) => v ?? '')).toEqual(['', '']);
  });
});
