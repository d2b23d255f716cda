// Editing from the sidebar and its pickers, on the server: getPickers' lists and who gets them, getEditable's masking, stale edits, phone and household checks.
import { as, CLERK, complaint, DEPT, MANAGER, ok, Result, rpc, SECURITY, setUpBook, sheetNamed, snapshot, STRANGER, SUPERVISOR, setSetting } from './book';

type Pickers = Result & { departments: string[]; officers: { value: string; label: string; rostered?: boolean }[]; households: { id: string; unit: string; name: string }[] };
type Editable = Result & { id: string; version: number; values: Record<string, unknown>; masked: Record<string, string> };


const household = (extra: Record<string, unknown> = {}) => ({ unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'], phone: '13812345678', id_number: '110101194501011234', notes: 'CANARY-心脏病', ...extra });

describe('getPickers', () => {
  it('offers the departments of department staff in Roles, then the Settings list, each once', () => {
    const host = setUpBook();
    // Clerks and supervisors carry 客服中心 in Roles, but nobody there handles dispatched complaints.
    expect((ok(rpc(host, 'getPickers')) as Pickers).departments).toEqual(['工程部']);
    setSetting(host, 'departments', '客服中心、环境部, 工程部');
    expect((ok(rpc(host, 'getPickers')) as Pickers).departments).toEqual(['工程部', '客服中心', '环境部']);
  });

  it("offers staff as incoming officers, tonight's rostered officer first, and follows a swap", () => {
    const host = setUpBook();
    const names = () => (ok(as(host, CLERK, () => rpc(host, 'getPickers'))) as Pickers).officers;
    expect(names().map((o) => o.label)).toEqual(['manager', '李晓梅', '王建国']);
    ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-11', [SUPERVISOR])));
    expect(names()[0]).toEqual({ value: SUPERVISOR, label: '王建国', rostered: true });
    expect(names().filter((o) => o.rostered)).toHaveLength(1);
    ok(as(host, SUPERVISOR, () => rpc(host, 'swapShift', '2026-11-25', 'night', CLERK)));
    expect(names().map((o) => o.label)).toEqual(['李晓梅', 'manager', '王建国']);
    // Security and departments do not keep the duty log, so they are offered nobody.
    expect((ok(as(host, SECURITY, () => rpc(host, 'getPickers'))) as Pickers).officers).toEqual([]);
  });

  it('offers active key households by unit and name only — no phone, ID number, category or note — and only to those who read them', () => {
    const host = setUpBook();
    const a = ok(rpc(host, 'createRecord', 'households', household()));
    const b = ok(rpc(host, 'createRecord', 'households', household({ unit: '1-0302', occupant: '林阿姨', phone: '0755-86001234' })));
    ok(rpc(host, 'transition', 'households', b.id, b.version, 'deactivate', {}));
    const p = ok(as(host, CLERK, () => rpc(host, 'getPickers'))) as Pickers;
    expect(p.households).toEqual([{ id: a.id, unit: '3-1201', name: '陈伯' }]);
    const text = JSON.stringify(p);
    for (const secret of ['13812345678', '1234', '110101', 'CANARY', 'elderly_alone', '独居']) expect(text).not.toContain(secret);
    expect((ok(as(host, DEPT, () => rpc(host, 'getPickers'))) as Pickers).households).toEqual([]);
    expect(as(host, STRANGER, () => rpc(host, 'getPickers'))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('the care log names a household that exists', () => {
  it('refuses an unknown household id beside the field and writes nothing; a picked one is saved', () => {
    const host = setUpBook();
    const h = ok(rpc(host, 'createRecord', 'households', household()));
    const before = snapshot(host);
    const bad = as(host, CLERK, () => rpc(host, 'createRecord', 'care_log', { household_id: 'H-2026-9999', at: '2026-11-25T08:00:00+08:00', kind: 'visit' }));
    expect(bad).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { household_id: '没有这个重点户，请从列表中按房号或姓名选择' } });
    expect(snapshot(host)).toBe(before);
    const good = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'care_log', { household_id: h.id, at: '2026-11-25T08:00:00+08:00', kind: 'visit' })));
    const stale = as(host, CLERK, () => rpc(host, 'updateRecord', 'care_log', good.id, good.version, { household_id: 'H-nope' }));
    expect(stale).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { household_id: expect.stringContaining('没有这个重点户') } });
  });
});

describe('phone fields', () => {
  it.each(['13812345678', '+86 138 1234 5678', '(0755)8600-1234', '0755-86001234转 812', '110'])('take %s', (phone) => {
    const host = setUpBook();
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ phone }))));
  });

  it.each(['请致电王女士', '王女士 138', '12', 'n/a', '-1234567'])('refuse %s with a field error and write nothing', (phone) => {
    const host = setUpBook();
    const before = snapshot(host);
    const r = as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ phone })));
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { phone: '请填写电话号码，只用数字，可带 +、-、空格、括号或“转”分机号' } });
    expect(snapshot(host)).toBe(before);
  });

  it('refuse a non-phone emergency phone in English too', () => {
    const host = setUpBook({ lang: 'en' });
    const r = rpc(host, 'createRecord', 'households', household({ emergency_phone: 'call the son' }));
    expect(r.fieldErrors?.emergency_phone).toMatch(/phone number/);
  });
});

describe('getEditable and updateRecord', () => {
  it('gives the edit form every form field, phones and ID numbers only masked, sensitive notes not at all', () => {
    const host = setUpBook();
    const h = ok(rpc(host, 'createRecord', 'households', household()));
    const e = ok(as(host, CLERK, () => rpc(host, 'getEditable', 'households', h.id))) as Editable;
    expect(e).toMatchObject({ id: h.id, version: 1, masked: { phone: '138****5678', id_number: '1101**********1234' } });
    expect(e.values).toMatchObject({ unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'] });
    expect(Object.keys(e.values)).not.toEqual(expect.arrayContaining(['phone', 'id_number', 'notes', 'status', 'id']));
    expect(JSON.stringify(e)).not.toMatch(/13812345678|CANARY/);
  });

  it('is for those who may edit the register', () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    expect(as(host, DEPT, () => rpc(host, 'getEditable', 'complaints', c.id))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, STRANGER, () => rpc(host, 'getEditable', 'complaints', c.id))).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('人员权限') });
    expect(as(host, CLERK, () => rpc(host, 'getEditable', 'roles', MANAGER))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(rpc(host, 'getEditable', 'duty_log', '1')).toMatchObject({ ok: false, code: 'invalid' });
    expect(rpc(host, 'getEditable', 'complaints', 'C-2026-9999')).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('keeps the real phone when the masked one comes back, and takes a retyped one', () => {
    const host = setUpBook();
    const h = ok(rpc(host, 'createRecord', 'households', household()));
    const cell = (key: string) => {
      const rows = sheetNamed(host, '重点户').rows;
      return rows[1]![(rows[0] as string[]).indexOf(key)];
    };
    const r = ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'households', h.id, 1, { phone: '138****5678', id_number: '1101**********1234', needs: '每周送菜' })));
    expect(cell('联系电话')).toBe('13812345678');
    expect(cell('需要的帮助')).toBe('每周送菜');
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'households', h.id, r.version, { phone: '13900001111' })));
    expect(cell('联系电话')).toBe('13900001111');
  });

  it('refuses a stale edit with conflict and writes nothing; the record fetched again has what changed', () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    const mine = ok(as(host, CLERK, () => rpc(host, 'getEditable', 'complaints', c.id))) as Editable;
    ok(as(host, SUPERVISOR, () => rpc(host, 'updateRecord', 'complaints', c.id, 1, { subject: '楼道灯不亮（三楼）' })));
    const before = snapshot(host);
    const stale = as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', c.id, mine.version, { subject: '楼道灯坏了' }));
    expect(stale).toMatchObject({ ok: false, code: 'conflict', message: '记录已被他人修改，请刷新后再试' });
    expect(snapshot(host)).toBe(before);
    const now = ok(as(host, CLERK, () => rpc(host, 'getEditable', 'complaints', c.id))) as Editable;
    expect(now).toMatchObject({ version: 2, values: { subject: '楼道灯不亮（三楼）' } });
    // After reloading, the same edit goes through on the new version.
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', c.id, now.version, { subject: '楼道灯坏了' })));
  });

  it("does not change a complaint's class by editing: that is 重新定级, with its history", () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ class: 'major' })));
    const before = snapshot(host);
    const r = as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', c.id, 1, { class: 'minor' }));
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { class: '此项请用“重新定级”修改，相关记录和期限会随之更新' } });
    expect(snapshot(host)).toBe(before);
    // The same class sent back unchanged (as a form would) is fine.
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'complaints', c.id, 1, { class: 'major', details: '补充说明' })));
  });

  it('tells the sidebar which fields are phones or picked, and who may edit', () => {
    const host = setUpBook();
    const regs = (user: string) => (ok(as(host, user, () => rpc(host, 'getRegisters'))) as unknown as { registers: { key: string; canEdit: boolean; fields: { key: string; phone: boolean; picker: string | null; masked: boolean }[] }[] }).registers;
    const clerk = regs(CLERK);
    const field = (reg: string, key: string) => clerk.find((r) => r.key === reg)!.fields.find((f) => f.key === key)!;
    expect(field('complaints', 'phone')).toMatchObject({ phone: true, masked: true });
    expect(field('complaints', 'department')).toMatchObject({ picker: 'department' });
    expect(field('care_log', 'household_id')).toMatchObject({ picker: 'household' });
    expect(field('complaints', 'class')).toMatchObject({ byAction: 'reclassify' });
    expect(field('households', 'id_number')).toMatchObject({ masked: true, phone: false });
    expect(clerk.find((r) => r.key === 'complaints')!.canEdit).toBe(true);
    expect(clerk.find((r) => r.key === 'duty_log')!.canEdit).toBe(false);
    expect(regs(SECURITY).find((r) => r.key === 'violations')!.canEdit).toBe(false);
  });
});
