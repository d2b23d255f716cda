// Holes found by trying: what a signed-in user could do from the browser console or the sheet itself, refused.
import { createHost, Host } from '../../src/local/host';
import { Formula } from '../../src/local/host/model';
import { as, cells, CLERK, DEPT, fireScan, formulas, MANAGER, ok, rpc, Result, SECURITY, setUpBook, sheetNamed, snapshot, STRANGER, SUPERVISOR } from './book';

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

describe('roles cannot be raised outside the add-on', () => {
  const rolesTab = (host: Host) => sheetNamed(host, '人员权限');
  /** Types into the Roles tab as a sheet editor would, without the add-on. */
  const typeRoles = (host: Host, email: string, roles: string) => {
    const s = rolesTab(host);
    const header = s.rows[0]!.map(String);
    const row = s.rows.find((r, i) => i > 0 && r && r[header.indexOf('邮箱')] === email)!;
    row[header.indexOf('角色')] = roles;
  };

  it('the Roles tab is locked to the managers, and a manager added through the add-on can edit it', () => {
    const host = setUpBook();
    const lock = () => rolesTab(host).protections.find((p) => p.kind === 'SHEET')!;
    expect(lock()).toMatchObject({ warningOnly: false });
    ok(rpc(host, 'createRecord', 'roles', { email: 'deputy@estate.example', name: '副经理', roles: ['manager'] }));
    expect(lock().editors).toContain('deputy@estate.example');
    expect(lock().editors).not.toContain(CLERK);
    expect(lock().editors).not.toContain(SUPERVISOR);
    // The add-on still writes it for a manager who is not the owner.
    ok(as(host, 'deputy@estate.example', () => rpc(host, 'createRecord', 'roles', { email: 'new@estate.example', name: '新人', roles: ['clerk'] })));
  });

  it('a clerk who types manager into the tab gains nothing until a manager confirms it, and the managers are told', () => {
    const host = setUpBook();
    typeRoles(host, CLERK, '管理处经理');
    const before = host.outbox.length;
    // Elevated actions are refused: changing roles, and what only a supervisor or manager may do.
    const raise = as(host, CLERK, () => rpc(host, 'updateRecord', 'roles', SUPERVISOR, 1, { roles: ['manager'] }));
    expect(raise).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, CLERK, () => rpc(host, 'archiveDutyLog'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, CLERK, () => rpc(host, 'installTriggers'))).toMatchObject({ ok: false, code: 'forbidden' });
    // Even the real manager cannot change roles until the change is confirmed.
    expect(rpc(host, 'updateRecord', 'roles', SUPERVISOR, 1, { roles: ['clerk'] })).toMatchObject({ ok: false, code: 'precondition' });
    // The clerk cannot confirm their own promotion.
    expect(as(host, CLERK, () => rpc(host, 'confirmRoles'))).toMatchObject({ ok: false, code: 'forbidden' });
    const alerts = host.outbox.slice(before);
    expect(alerts.map((m) => String(m.to))).toEqual([MANAGER]);
    expect(alerts[0].subject).toContain('人员权限');
    // The manager confirms: the change stands, and role changes work again.
    ok(rpc(host, 'confirmRoles'));
    expect(ok(as(host, CLERK, () => rpc(host, 'getRegisters'))).user).toMatchObject({ roles: ['manager'] });
    ok(rpc(host, 'updateRecord', 'roles', SUPERVISOR, 1, { roles: ['supervisor', 'clerk'] }));
  });

  it('deleting the Roles tab and running setup makes nobody manager of a workbook that has records', () => {
    const host = setUpBook();
    ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-25T08:30:00+08:00', channel: 'phone', complainant: '王女士', subject: '楼道灯不亮', class: 'minor' }));
    host.workbook.sheets = host.workbook.sheets.filter((s) => s.name !== '人员权限');
    const r = as(host, STRANGER, () => ok(rpc(host, 'setupWorkbook')));
    expect(r.manager).toBeNull();
    expect(rolesTab(host).rows.slice(1).filter((row) => row && row.some((c) => c !== null && c !== ''))).toEqual([]);
    expect(as(host, STRANGER, () => rpc(host, 'getRegisters'))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('the last manager cannot stop being one', () => {
    const host = setUpBook();
    expect(rpc(host, 'updateRecord', 'roles', MANAGER, 1, { roles: ['supervisor'] })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { roles: expect.stringContaining('经理') } });
    ok(rpc(host, 'createRecord', 'roles', { email: 'deputy@estate.example', name: '副经理', roles: ['manager'] }));
    ok(rpc(host, 'updateRecord', 'roles', MANAGER, 1, { roles: ['supervisor'] }));
  });
});

describe('a renamed header the add-on owns', () => {
  it('is named in the answer, and nothing is written', () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-25T08:30:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'minor' }));
    const tab = sheetNamed(host, '投诉');
    const header = tab.rows[0]!;
    header[header.indexOf('房号')] = '房间';
    const before = snapshot(host);
    const created = rpc(host, 'createRecord', 'complaints', { received_at: '2026-11-25T08:40:00+08:00', channel: 'phone', complainant: '李先生', unit: '2-1-101', subject: '电梯异响', class: 'minor' });
    expect(created).toMatchObject({ ok: false, code: 'precondition', fieldErrors: { unit: expect.stringContaining('房号') } });
    expect(created.message).toContain('房号');
    const updated = rpc(host, 'updateRecord', 'complaints', c.id, 1, { unit: '3-1-503' });
    expect(updated).toMatchObject({ ok: false, code: 'precondition' });
    expect(snapshot(host)).toBe(before);
  });
});

describe('backdating a step', () => {
  const complaintAt = (host: Host, at: string) =>
    ok(rpc(host, 'createRecord', 'complaints', { received_at: at, channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'important' }));

  it('a step cannot be dated before the step before it', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const c = complaintAt(host, '2026-11-25T08:30:00+08:00');
    const r = as(host, SUPERVISOR, () => rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', { department: '工程部', at: '2026-11-25T08:00:00+08:00' }));
    // The previous step's time is said as a clerk reads it, not as an ISO stamp.
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { at: '不能早于上一步的时间（2026年11月25日 08:30）' } });
  });

  it('a clerk cannot date a step more than a day back; a supervisor can', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const c = complaintAt(host, '2026-11-20T08:30:00+08:00');
    const back = { department: '工程部', at: '2026-11-22T09:00:00+08:00' };
    expect(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', back))).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { at: expect.stringContaining('主管') } });
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', { department: '工程部', at: '2026-11-24T12:00:00+08:00' })));
    const c2 = complaintAt(host, '2026-11-20T08:30:00+08:00');
    ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'complaints', c2.id, 1, 'dispatch', back)));
  });

  it('the written notice before a supply cut cannot be dated back to skip the 3-day wait', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const v = ok(rpc(host, 'createRecord', 'violations', { found_at: '2026-11-10T10:00:00+08:00', unit: '7-1-302', party: '赵先生', category: 'fees', severity: 'general', description: '拖欠物业管理费六个月' }));
    const served = rpc(host, 'transition', 'violations', v.id, 1, 'serve_cut_notice', { cut_planned_at: '2026-11-25T10:00:00+08:00', at: '2026-11-21T09:00:00+08:00' });
    expect(served).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { at: expect.any(String) } });
    expect(rpc(host, 'getRecord', 'violations', v.id).record).toMatchObject({ state: 'reported' });
  });
});

describe('values read back are never written back as formulas', () => {
  const base = { received_at: '2026-11-25T08:30:00+08:00', channel: 'phone', complainant: '王女士', unit: '3-1-502', subject: '楼道灯不亮', class: 'minor' };

  it("a formula in the office's own column survives an update, and text that looks like a formula stays text", () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', base));
    const tab = sheetNamed(host, '投诉');
    const header = tab.rows[0]!;
    const width = header.length;
    header[width] = '我的备注';
    header[width + 1] = '链接';
    tab.rows[1]![width] = '=1+1';
    tab.rows[1]![width + 1] = new Formula('=HYPERLINK("https://example.com","看")', '看');
    ok(rpc(host, 'updateRecord', 'complaints', c.id, 1, { subject: '楼道灯还是不亮' }));
    const f = formulas(host);
    expect(f).toEqual(['=HYPERLINK("https://example.com","看")']);
    expect(tab.rows[1]![width]).toBe('=1+1');
  });

  it('a department typed as formula text is not a formula on the statistics tab or in a dropdown column', () => {
    const host = setUpBook({ now: '2026-11-28T09:00:00+08:00' });
    const c = ok(rpc(host, 'createRecord', 'complaints', { ...base, received_at: '2026-11-27T08:30:00+08:00' }));
    as(host, SUPERVISOR, () => ok(rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', { department: '=HYPERLINK("http://evil.example","工程部")' })));
    // Someone types formula-looking text into a dropdown column (kept as text behind an apostrophe).
    const tab = sheetNamed(host, '投诉');
    const col = tab.rows[0]!.indexOf('渠道');
    tab.rows[1]![col] = '=2+3';
    ok(rpc(host, 'updateRecord', 'complaints', c.id, 2, { subject: '楼道灯还是不亮' }));
    fireScan(host);
    expect(formulas(host)).toEqual([]);
    expect(cells(host, '投诉统计').flat()).toContain('=HYPERLINK("http://evil.example","工程部")');
  });
});
