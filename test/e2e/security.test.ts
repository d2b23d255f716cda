// Holes found by trying: what a signed-in user could do from the browser console or the sheet itself, refused.
import { createHost } from '../../src/local/host';
import { as, CLERK, DEPT, MANAGER, ok, rpc, Result, SECURITY, setUpBook, STRANGER, SUPERVISOR } from './book';

describe('the hourly scan cannot be run by claiming to be a trigger', () => {
  it('a clerk or a stranger passing a made-up trigger id from the browser is refused, and nothing is sent', () => {
    const host = setUpBook();
    ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-20T08:30:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'minor' }));
    for (const who of [CLERK, STRANGER]) {
      const r = as(host, who, () => rpc(host, 'runOverdueScan', { triggerUid: 'x' }));
      expect([who, r.ok, r.code]).toEqual([who, false, 'forbidden']);
    }
    expect(host.outbox).toHaveLength(0);
  });

  it('the installed trigger runs it, and a supervisor may run it by hand', () => {
    const host = setUpBook();
    ok(as(host, SUPERVISOR, () => rpc(host, 'installTriggers')));
    const fired = host.fireTrigger('runOverdueScan') as Result;
    expect(fired.ok).toBe(true);
    expect(as(host, SUPERVISOR, () => rpc(host, 'runOverdueScan')).ok).toBe(true);
    expect(as(host, MANAGER, () => rpc(host, 'runOverdueScan', { triggerUid: 'x' })).ok).toBe(true);
  });

  it('google.script.run cannot call a private (trailing underscore) function', () => {
    const host = createHost({ code: 'function helper_() { return 1; }', user: MANAGER });
    expect(host.call('helper_')).toBe(1);
    expect(() => host.callFromClient('helper_', [])).toThrow('Script function not found: helper_');
  });
});

describe('reading needs a role too', () => {
  const seeded = () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-25T08:30:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'minor' }));
    const v = ok(rpc(host, 'createRecord', 'violations', { found_at: '2026-11-20T10:00:00+08:00', unit: '7-1-302', party: '赵先生', category: 'fees', severity: 'general', description: '拖欠物业管理费六个月' }));
    const hh = ok(rpc(host, 'createRecord', 'households', { unit: '5-2-101', occupant: '孙大爷', categories: ['tenant'] }));
    return { host, c, v, hh };
  };

  it('someone not in the Roles tab reads nothing: every read answers forbidden', () => {
    const { host, c, v } = seeded();
    host.select('投诉', 'A2');
    const calls: [string, ...unknown[]][] = [
      ['getRegisters'],
      ['getRecord', 'complaints', c.id],
      ['findRecords', 'complaints', {}],
      ['findRecords', 'roles', {}],
      ['previewNotice', 'violations', v.id, 'rectification'],
      ['getNoticeOptions', 'violations', v.id],
      ['getSelectedRecord'],
      ['getDutyDay'],
      ['verifyDutyLog'],
    ];
    for (const [fn, ...args] of calls) {
      const r = as(host, STRANGER, () => rpc(host, fn, ...args));
      expect([fn, r.ok, r.code]).toEqual([fn, false, 'forbidden']);
      expect(String(r.message)).toContain('人员权限');
    }
  });

  it('department staff read complaints but not key households, their change log or the Roles tab', () => {
    const { host, c, hh } = seeded();
    expect(as(host, DEPT, () => rpc(host, 'getRecord', 'complaints', c.id)).ok).toBe(true);
    for (const [register, id] of [['households', hh.id], ['roles', CLERK]] as const) {
      expect(as(host, DEPT, () => rpc(host, 'getRecord', register, id))).toMatchObject({ ok: false, code: 'forbidden' });
      expect(as(host, DEPT, () => rpc(host, 'findRecords', register, {}))).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(as(host, DEPT, () => rpc(host, 'findRecords', 'household_changes', {}))).toMatchObject({ ok: false, code: 'forbidden' });
    const info = as(host, DEPT, () => rpc(host, 'getRegisters'));
    const keys = (info.registers as { key: string }[]).map((r) => r.key);
    expect(keys).toContain('complaints');
    expect(keys).not.toContain('households');
    expect(keys).not.toContain('roles');
    // The unit list comes from the key-household register: it would name the units of the elderly living alone.
    expect(info.units).toEqual([]);
  });

  it('security reads the key-household change list but not the Roles tab; clerks read both', () => {
    const { host } = seeded();
    expect(as(host, SECURITY, () => rpc(host, 'findRecords', 'household_changes', {})).ok).toBe(true);
    expect(as(host, SECURITY, () => rpc(host, 'findRecords', 'roles', {}))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, CLERK, () => rpc(host, 'findRecords', 'roles', {})).ok).toBe(true);
    expect(as(host, CLERK, () => rpc(host, 'findRecords', 'households', {})).ok).toBe(true);
  });
});
