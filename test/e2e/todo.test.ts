// The to-do view's data through dist/Code.js: what is late or due today, for the signed-in user's roles, latest first, with the action that clears it.
import { lateDay } from './late-day';
import { as, CLERK, complaint, DEPT, ok, rpc, setUpBook, snapshot, STRANGER, SUPERVISOR, violation, type Result } from './book';

interface Todo {
  register: string;
  id: string;
  rule: string;
  what: string;
  tone: string;
  when: string;
  due: string;
  clear: { kind: string; action?: string; careKind?: string };
}
const todo = (host: ReturnType<typeof setUpBook>, user: string) => (ok(as(host, user, () => rpc(host, 'getTodo'))) as Result & { items: Todo[]; overdue: number });

describe('getTodo', () => {
  function day() {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    // Received 2 h 20 min ago and never dispatched: 2 h 5 min late. A minor complaint due in 2 days is not listed yet.
    const late = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T06:40:00+08:00' }))));
    // Received and dispatched yesterday at 08:00: resolve is due tomorrow at 08:00, within the day: amber.
    host.setNow('2026-11-24T08:00:00+08:00');
    const soon = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-24T08:00:00+08:00', subject: '电梯异响' }))));
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', soon.id, soon.version, 'dispatch', { department: '工程部' })));
    host.setNow('2026-11-25T09:00:00+08:00');
    return { host, late, soon };
  }

  it('lists overdue in red before due-today in amber, with the countdown and the action that clears it', () => {
    const { host, late, soon } = day();
    const r = todo(host, CLERK);
    const mine = r.items.filter((i) => i.id === late.id || i.id === soon.id);
    expect(mine.map((i) => [i.id, i.rule, i.tone, i.when, i.clear])).toEqual([
      [late.id, 'dispatch', 'red', '逾期 2 小时 5 分钟', { kind: 'action', action: 'dispatch' }],
      [soon.id, 'resolve', 'amber', '还剩 23 小时', { kind: 'action', action: 'resolve' }],
    ]);
    expect(mine[0]!.what).toBe('投诉未按时派单');
    expect(r.overdue).toBeGreaterThanOrEqual(1);
  });

  it('gives a department only its own complaints to resolve, and the supervisor everything', () => {
    const { host, soon } = day();
    expect(todo(host, DEPT).items.map((i) => [i.id, i.rule])).toEqual([[soon.id, 'resolve']]);
    expect(todo(host, SUPERVISOR).items.length).toBeGreaterThanOrEqual(todo(host, CLERK).items.length);
  });

  it('marks a rectification past its deadline, and changes nothing by being read', () => {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00' });
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', found_at: '2026-11-20T08:00:00+08:00' })));
    ok(rpc(host, 'transition', 'violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-11-24T17:00:00+08:00' }));
    host.setNow('2026-11-25T09:00:00+08:00');
    const before = snapshot(host);
    expect(todo(host, SUPERVISOR).items.find((i) => i.id === v.id)).toMatchObject({ rule: 'rectify', tone: 'red', when: '逾期 16 小时', clear: { kind: 'action', action: 'confirm_rectified' } });
    expect(snapshot(host)).toBe(before);
  });

  it('refuses someone not in Roles', () => {
    const { host } = day();
    expect(as(host, STRANGER, () => rpc(host, 'getTodo'))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('names a missed handover by its date and shift, not by its id', () => {
    const host = setUpBook({ now: '2026-11-25T11:30:00+08:00' });
    lateDay(host);
    const handover = todo(host, SUPERVISOR).items.find((i) => i.register === 'duty_log') as (Todo & { label: string }) | undefined;
    expect(handover).toMatchObject({ id: '2026-11-23/night', label: '2026-11-23 夜班' });
  });
});
