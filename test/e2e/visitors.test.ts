// The gate's visitor log through dist/Code.js: four fields typed, the rest filled; leaving stamps the time; an overstay reaches security with no ID number.
import { as, cells, CLERK, DEPT, fireScan, ok, rpc, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR, type Result } from './book';

const ID = '440301199001011234';
const visitor = { visitor: '周先生', id_number: ID, unit: '3-1-502', purpose: '探亲' };

function gate() {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  const v = ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', visitor)));
  return { host, v };
}

describe('visitors', () => {
  it('takes four typed fields; time in, guard and ID type fill themselves, and the ID number is kept masked', () => {
    const { host, v } = gate();
    expect(v.id).toMatch(/^VS-2026-\d+$/);
    expect(v.record).toMatchObject({ visitor: '周先生', guard: '张强', id_type: 'id_card', id_number: '4403**********1234', unit: '3-1-502', purpose: '探亲' });
    expect(Date.parse(String(v.record!.at))).toBe(Date.parse('2026-11-25T09:00:00+08:00'));
    expect(v.record!.left_at ?? null).toBeNull();
    const tab = JSON.stringify(cells(host, '来访登记'));
    expect(tab).toContain('4403**********1234');
    expect(tab).not.toContain(ID);
  });

  it('refuses a guard typing the guard column, and a visit without the visitor’s details', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const before = snapshot(host);
    const typedGuard = as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', { ...visitor, guard: '别人' }));
    expect(typedGuard).toMatchObject({ ok: false, code: 'invalid' });
    expect(typedGuard.fieldErrors).toHaveProperty('guard');
    const missing = as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', { visitor: '周先生' }));
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(['id_number', 'purpose', 'unit']);
    expect(snapshot(host)).toBe(before);
  });

  it('stamps the time out when the visitor leaves, once', () => {
    const { host, v } = gate();
    host.setNow('2026-11-25T10:30:00+08:00');
    const left = ok(as(host, SECURITY, () => rpc(host, 'transition', 'visitors', v.id, v.version, 'leave')));
    expect(Date.parse(String(left.record!.left_at))).toBe(Date.parse('2026-11-25T10:30:00+08:00'));
    expect(as(host, SECURITY, () => rpc(host, 'transition', 'visitors', v.id, left.version, 'leave'))).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('reports a visitor still inside 12 hours later to security, on the minute, with no ID number in mail or log', () => {
    const { host, v } = gate();
    host.setNow('2026-11-25T21:00:00+08:00');
    fireScan(host);
    expect(host.outbox.filter((m) => m.body.includes('周先生'))).toEqual([]);
    host.setNow('2026-11-25T21:01:00+08:00');
    fireScan(host);
    const mine = host.outbox.filter((m) => m.to.includes(SECURITY));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('访客超时未离开');
    expect(mine[0]!.body).toContain('周先生');
    expect(mine[0]!.body).toContain(String(v.id));
    // Security is told of the gate's duties only; departments and clerks of none of them.
    for (const to of [DEPT, CLERK]) expect(host.outbox.some((m) => m.to.includes(to))).toBe(false);
    expect(host.outbox.some((m) => m.to.includes(SUPERVISOR) && m.body.includes('周先生'))).toBe(true);
    const everything = JSON.stringify([host.outbox, host.logs]);
    expect(everything).not.toContain(ID);
    expect(everything).not.toContain('4403**********1234');
    // In security's to-do list, cleared by the leave action.
    const todo = ok(as(host, SECURITY, () => rpc(host, 'getTodo'))) as Result & { items: { id: string; rule: string; clear: unknown }[] };
    expect(todo.items.find((i) => i.id === v.id)).toMatchObject({ rule: 'overstay', clear: { kind: 'action', action: 'leave' } });
  });

  it('does not report a visitor who left', () => {
    const { host, v } = gate();
    host.setNow('2026-11-25T11:00:00+08:00');
    ok(as(host, SECURITY, () => rpc(host, 'transition', 'visitors', v.id, v.version, 'leave')));
    host.setNow('2026-11-25T22:00:00+08:00');
    fireScan(host);
    expect(host.outbox.some((m) => m.body.includes('周先生'))).toBe(false);
  });

  it('refuses someone not in Roles, and writes nothing', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const before = snapshot(host);
    expect(as(host, STRANGER, () => rpc(host, 'createRecord', 'visitors', visitor))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, DEPT, () => rpc(host, 'createRecord', 'visitors', visitor))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
  });
});
