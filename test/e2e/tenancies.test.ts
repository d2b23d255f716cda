// End to end through dist/Code.js: 出租屋登记 (tenancies): the tenant household marked, the agreement, temporary residents' police registration at the minute, the lease end in the digest.
import { as, cells, CLERK, formulas, DEPT, ok, Result, rpc, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR } from './book';

const NOW = '2026-11-25T09:00:00+08:00';
const ID = '440301199001011234';
const PHONE = '13812345678';
const tenancy = (extra: Record<string, unknown> = {}) => ({
  unit: '6-1-201',
  tenant: '黄志强',
  phone: PHONE,
  id_number: ID,
  lease_start: '2026-11-01',
  lease_end: '2027-10-31',
  ...extra,
});

type Host = ReturnType<typeof setUpBook>;
const create = (host: Host, extra: Record<string, unknown> = {}) => ok(as(host, CLERK, () => rpc(host, 'createRecord', 'tenancies', tenancy(extra))));
const act = (host: Host, r: Result, action: string, fields: Record<string, unknown> = {}) => {
  const done = ok(as(host, CLERK, () => rpc(host, 'transition', 'tenancies', r.id, r.version, action, fields)));
  r.version = done.version;
  return done;
};
const overdue = (host: Host, rule: string) =>
  (ok(rpc(host, 'runOverdueScan')).overdue as { register: string; id: string; rule: string; due: string }[]).filter((i) => i.register === 'tenancies' && i.rule === rule);
/** A tab's rows as objects by header. */
function rowsOf(host: Host, tab: string) {
  const [head, ...rows] = cells(host, tab) as string[][];
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('tenancies (出租屋登记)', () => {
  it('registers a let flat, keeping the ID number masked and showing the phone masked', () => {
    const host = setUpBook({ now: NOW });
    const r = create(host);
    expect(r.id).toMatch(/^TN-2026-/);
    expect(r.record).toMatchObject({ unit: '6-1-201', tenant: '黄志强', status: 'active', id_number: '4403**********1234', lease_end: '2027-10-31' });
    const shown = ok(as(host, CLERK, () => rpc(host, 'findRecords', 'tenancies', {}))).records as { fields: Record<string, unknown> }[];
    expect(JSON.stringify(shown)).not.toContain(ID);
    // The edit form shows the phone and ID number masked; the real phone stays in the sheet.
    const form = ok(as(host, CLERK, () => rpc(host, 'getEditable', 'tenancies', r.id))) as Result & { values: Record<string, unknown>; masked: Record<string, string> };
    expect(form.masked).toEqual({ phone: '138****5678', id_number: '4403**********1234' });
    expect(JSON.stringify(form.values)).not.toContain(PHONE);
    expect(snapshot(host)).not.toContain(ID);
    expect(cells(host, '出租屋登记')[0]).toEqual(expect.arrayContaining(['编号', '房号', '承租人', '租期开始', '租期结束', '经管理处出租', '租户管理协议书签订日期', '状态']));
  });

  it('marks the unit’s key household as a tenant household, and the change log says so', () => {
    const host = setUpBook({ now: NOW });
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '6-1-201', occupant: '黄志强', categories: ['elderly_alone'] })));
    create(host, { unit: '6-1-201 ' });
    const got = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'households', h.id))).record as { version: number; fields: Record<string, unknown> };
    expect(got.fields.categories).toEqual(['elderly_alone', 'tenant']);
    expect(got.version).toBe(2);
    const log = rowsOf(host, '重点户异动表');
    expect(log.at(-1)).toMatchObject({ 重点户编号: h.id, 房号: '6-1-201', 异动: '增加类别', 变更后: '独居老人、租户', 经办人: '李晓梅' });
    // A second tenancy of the same flat adds nothing more.
    create(host, { tenant: '钱女士' });
    expect(rowsOf(host, '重点户异动表')).toHaveLength(log.length);
  });

  it('leaves the key households alone when the unit has none', () => {
    const host = setUpBook({ now: NOW });
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '9-9-909', occupant: '刘女士', categories: ['pregnant'] })));
    const before = JSON.stringify([cells(host, '重点户'), cells(host, '重点户异动表')]);
    create(host);
    expect(JSON.stringify([cells(host, '重点户'), cells(host, '重点户异动表')])).toBe(before);
  });

  it('refuses a lease ending before it starts and an unreadable temporary-resident line, writing nothing', () => {
    const host = setUpBook({ now: NOW });
    const before = snapshot(host);
    const r = as(host, CLERK, () => rpc(host, 'createRecord', 'tenancies', tenancy({ lease_end: '2026-10-01', temporary: '王芳 保姆' })));
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { lease_end: '租期结束不能早于租期开始', temporary: '第1行请写：姓名 关系 到达日期 [登记日期]，日期如 2026-11-10' } });
    expect(as(host, SECURITY, () => rpc(host, 'createRecord', 'tenancies', tenancy()))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, STRANGER, () => rpc(host, 'createRecord', 'tenancies', tenancy()))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, DEPT, () => rpc(host, 'findRecords', 'tenancies', {}))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
  });

  it('neutralises a tenant name Sheets would read as a formula', () => {
    const host = setUpBook({ now: NOW });
    create(host, { tenant: '=HYPERLINK("x","y")' });
    expect(formulas(host)).toEqual([]);
  });

  describe('the 租户管理协议书 of a flat let through the office', () => {
    it('is due by the end of the lease’s first day, on the minute, and signing clears it', () => {
      const host = setUpBook({ now: NOW });
      const r = create(host, { via_office: true, lease_start: '2026-11-25' });
      host.setNow('2026-11-25T23:59:00+08:00');
      expect(overdue(host, 'agreement')).toEqual([]);
      host.setNow('2026-11-26T00:00:00+08:00');
      expect(overdue(host, 'agreement')).toEqual([expect.objectContaining({ id: r.id, due: '2026-11-25T23:59:59+08:00' })]);
      const todo = ok(as(host, CLERK, () => rpc(host, 'getTodo'))).items as { id: string; rule: string; clear: unknown }[];
      expect(todo.find((i) => i.id === r.id && i.rule === 'agreement')).toMatchObject({ clear: { kind: 'action', action: 'sign_agreement' } });
      const signed = act(host, r, 'sign_agreement');
      expect(signed.record).toMatchObject({ agreement_on: '2026-11-26' });
      expect(overdue(host, 'agreement')).toEqual([]);
    });

    it('is not asked of a flat its owner let privately, nor of one signed at registration', () => {
      const host = setUpBook({ now: NOW });
      create(host, { via_office: false, lease_start: '2026-11-01' });
      create(host, { unit: '6-1-202', via_office: true, lease_start: '2026-11-01', agreement_on: '2026-10-30' });
      expect(overdue(host, 'agreement')).toEqual([]);
    });
  });

  describe('temporary residents (暂住人员)', () => {
    // Arrived 10 November: registered with the police by the end of 25 November.
    const lines = '王芳 保姆 2026-11-10\n李伯 父亲 2026-11-12';

    it('are overdue a minute after the end of the 15th day, naming who, and registering clears it', () => {
      const host = setUpBook({ now: NOW });
      const r = create(host, { temporary: lines });
      host.setNow('2026-11-25T23:59:00+08:00');
      expect(overdue(host, 'temp_registration')).toEqual([]);
      host.setNow('2026-11-26T00:01:00+08:00');
      expect(overdue(host, 'temp_registration')).toEqual([expect.objectContaining({ id: r.id, due: '2026-11-25T23:59:59+08:00' })]);
      expect(host.outbox.find((m) => m.body.includes('暂住人员逾期未到派出所登记'))?.body).toContain('黄志强：王芳');
      // A bad line is refused and changes nothing.
      const bad = as(host, CLERK, () => rpc(host, 'transition', 'tenancies', r.id, r.version, 'temporaries', { temporary: '王芳 保姆 2026-11-10 2026-11-01' }));
      expect(bad).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { temporary: expect.stringContaining('第1行') } });
      // The list changes only through its action.
      expect(as(host, CLERK, () => rpc(host, 'updateRecord', 'tenancies', r.id, r.version, { temporary: '' }))).toMatchObject({ ok: false, fieldErrors: { temporary: expect.stringContaining('更新暂住人员') } });
      const done = act(host, r, 'temporaries', { temporary: '王芳 保姆 2026-11-10 2026-11-20\n李伯 父亲 2026-11-12' });
      expect(done.record).toMatchObject({ temporary: '王芳 保姆 2026-11-10 2026-11-20\n李伯 父亲 2026-11-12' });
      // 李伯 is next: due the end of 27 November.
      expect(overdue(host, 'temp_registration')).toEqual([]);
      host.setNow('2026-11-28T00:01:00+08:00');
      expect(overdue(host, 'temp_registration')).toEqual([expect.objectContaining({ due: '2026-11-27T23:59:59+08:00' })]);
      expect(host.outbox.some((m) => m.body.includes('黄志强：李伯'))).toBe(true);
      // When they have all left, the list is emptied and nothing is due.
      expect(act(host, r, 'temporaries', { temporary: '' }).record).toMatchObject({ temporary: null });
      expect(overdue(host, 'temp_registration')).toEqual([]);
    });
  });

  describe('the lease’s end', () => {
    it('reaches the supervisors’ digest 30 days ahead, on the minute, with no ID number or phone, until the lease ends', () => {
      const host = setUpBook({ now: NOW });
      const r = create(host, { lease_start: '2026-01-01', lease_end: '2026-12-31' });
      host.setNow('2026-11-30T23:59:00+08:00');
      expect(overdue(host, 'lease_end')).toEqual([]);
      host.setNow('2026-12-01T00:01:00+08:00');
      expect(overdue(host, 'lease_end')).toEqual([expect.objectContaining({ id: r.id, due: '2026-12-01T00:00:00+08:00' })]);
      const mail = host.outbox.find((m) => m.to.includes(SUPERVISOR) && m.body.includes('租期即将届满'));
      expect(mail).toBeDefined();
      expect(mail!.body).toContain('6-1-201');
      expect(JSON.stringify([host.outbox, host.logs])).not.toMatch(/440301199001011234|4403\*+1234|13812345678/);
      const ended = act(host, r, 'end');
      expect(ended.record).toMatchObject({ status: 'closed', ended_on: '2026-12-01' });
      expect(overdue(host, 'lease_end')).toEqual([]);
      // An ended lease takes no more steps.
      expect(as(host, CLERK, () => rpc(host, 'transition', 'tenancies', r.id, r.version, 'sign_agreement'))).toMatchObject({ ok: false, code: 'precondition' });
    });
  });
});
