// Reminders staff can trust, end to end through dist/Code.js at pinned times: deadlines start when the duty starts, the ladder goes in order, the roster asks for what it can fill.
import { as, CLERK, complaint, MANAGER, ok, rpc, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation, type Result } from './book';
import type { Host } from '../../src/local/host';

interface Overdue {
  register: string;
  id: string;
  rule: string;
  due: string;
  level: number;
}
/** The hourly scan as a supervisor runs it from the sidebar: what is overdue at `now`. */
function overdueAt(host: Host, now: string): Overdue[] {
  host.setNow(now);
  return (ok(as(host, SUPERVISOR, () => rpc(host, 'runOverdueScan'))) as Result & { overdue: Overdue[] }).overdue;
}
const item = (list: Overdue[], id: string, rule: string) => list.find((i) => i.id === id && i.rule === rule);
const act = (host: Host, register: string, rec: Result, action: string, fields: Record<string, unknown> = {}, user = MANAGER) => {
  const r = as(host, user, () => rpc(host, 'transition', register, rec.id, rec.version, action, fields));
  if (r.ok) rec.version = r.version;
  return r;
};

describe('a reclassified complaint', () => {
  function reclassifiedAt15() {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00' });
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-20T09:00:00+08:00' }))));
    host.setNow('2026-11-20T09:05:00+08:00');
    ok(act(host, 'complaints', c, 'dispatch', { department: '工程部' }, CLERK));
    host.setNow('2026-11-25T15:00:00+08:00');
    ok(act(host, 'complaints', c, 'reclassify', { class: 'major' }, SUPERVISOR));
    return { host, c };
  }

  it('reclassified major at 15:00: the manager is due by 23:59:59 that day, not since receipt', () => {
    const { host, c } = reclassifiedAt15();
    expect(item(overdueAt(host, '2026-11-25T23:59:59+08:00'), c.id!, 'manager')).toBeUndefined();
    expect(item(overdueAt(host, '2026-11-26T00:00:01+08:00'), c.id!, 'manager')).toMatchObject({ due: '2026-11-25T23:59:59+08:00', level: 1 });
  });

  it('answer and resolve count from the reclassification (2 and 10 days)', () => {
    const { host, c } = reclassifiedAt15();
    const before = overdueAt(host, '2026-11-27T14:59:00+08:00');
    expect(item(before, c.id!, 'answer')).toBeUndefined();
    expect(item(before, c.id!, 'resolve')).toBeUndefined();
    expect(item(overdueAt(host, '2026-11-27T15:01:00+08:00'), c.id!, 'answer')).toMatchObject({ due: '2026-11-27T15:00:00+08:00' });
    expect(item(overdueAt(host, '2026-12-05T15:01:00+08:00'), c.id!, 'resolve')).toMatchObject({ due: '2026-12-05T15:00:00+08:00' });
  });

  it('keeps each change on the record (from, to, by, at) and shows it in the record view', () => {
    const { host, c } = reclassifiedAt15();
    host.setNow('2026-11-26T10:00:00+08:00');
    ok(act(host, 'complaints', c, 'reclassify', { class: 'important' }, SUPERVISOR));
    const rec = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'complaints', c.id))).record as { fields: Record<string, string> };
    expect(rec.fields.class_history.split('\n')).toEqual(['2026年11月25日 15:00 轻微 → 重大（王建国）', '2026年11月26日 10:00 重大 → 重要（王建国）']);
    expect(rec.fields.class_since).toBe('2026-11-26T10:00:00+08:00');
  });

  it('a reclassify that does not change the class is refused and changes nothing', () => {
    const { host, c } = reclassifiedAt15();
    const before = snapshot(host);
    expect(act(host, 'complaints', c, 'reclassify', { class: 'major' }, SUPERVISOR)).toMatchObject({ ok: false, code: 'precondition' });
    expect(snapshot(host)).toBe(before);
  });
});

it('the 30-day upgrade starts the major duties from the upgrade, not all overdue at level 2 at once', () => {
  const host = setUpBook({ now: '2026-10-20T09:00:00+08:00' });
  const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-10-20T09:00:00+08:00' }))));
  ok(act(host, 'complaints', c, 'dispatch', { department: '工程部' }, CLERK));
  const atUpgrade = overdueAt(host, '2026-11-19T10:00:00+08:00');
  expect(item(atUpgrade, c.id!, 'upgrade')).toBeDefined();
  const after = overdueAt(host, '2026-11-19T11:00:00+08:00');
  for (const rule of ['manager', 'answer', 'resolve']) expect(item(after, c.id!, rule)).toBeUndefined();
  expect(item(overdueAt(host, '2026-11-20T00:00:01+08:00'), c.id!, 'manager')).toMatchObject({ due: '2026-11-19T23:59:59+08:00', level: 1 });
  const rec = ok(rpc(host, 'getRecord', 'complaints', c.id)).record as { fields: Record<string, string> };
  expect(rec.fields).toMatchObject({ class: 'major', class_since: '2026-11-19T10:00:00+08:00' });
  expect(rec.fields.class_history).toContain('轻微 → 重大（系统');
});

describe('key households', () => {
  it('a household that becomes elderly-alone owes its first visit 7 days after the category was added, not after moving in', () => {
    const host = setUpBook({ now: '2026-11-01T09:00:00+08:00' });
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '1-101', occupant: '刘桂英', categories: ['tenant'], moved_in_on: '2019-05-01', screened_at: '2026-11-01T08:00:00+08:00' })));
    host.setNow('2026-11-20T15:00:00+08:00');
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'households', h.id, h.version, { categories: ['tenant', 'elderly_alone'] })));
    expect(item(overdueAt(host, '2026-11-27T14:59:00+08:00'), h.id!, 'visit')).toBeUndefined();
    expect(item(overdueAt(host, '2026-11-27T15:01:00+08:00'), h.id!, 'visit')).toMatchObject({ due: '2026-11-27T15:00:00+08:00' });
  });

  it('the pregnancy reminder starts a week before the due date and ends when the household is updated', () => {
    const host = setUpBook({ now: '2026-11-01T09:00:00+08:00' });
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '5-2-1101', occupant: '周敏', categories: ['pregnant'], due_date: '2026-12-10' })));
    expect(item(overdueAt(host, '2026-12-02T12:00:00+08:00'), h.id!, 'due_date')).toBeUndefined();
    expect(item(overdueAt(host, '2026-12-03T12:00:00+08:00'), h.id!, 'due_date')).toMatchObject({ due: '2026-12-03T00:00:00+08:00' });
    ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'households', h.id, h.version, { needs: '已住院待产' })));
    expect(item(overdueAt(host, '2026-12-04T12:00:00+08:00'), h.id!, 'due_date')).toBeUndefined();
  });

  it('the pregnancy reminder ends two weeks after the due date even if nobody updates the household', () => {
    const host = setUpBook({ now: '2026-11-01T09:00:00+08:00' });
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '5-2-1101', occupant: '周敏', categories: ['pregnant'], due_date: '2026-12-10' })));
    expect(item(overdueAt(host, '2026-12-24T23:00:00+08:00'), h.id!, 'due_date')).toBeDefined();
    expect(item(overdueAt(host, '2026-12-25T00:00:01+08:00'), h.id!, 'due_date')).toBeUndefined();
  });
});

describe('help requests', () => {
  it('a request of type 投诉 opens a linked complaint at once, whose dispatch deadline runs from the request', () => {
    const host = setUpBook();
    const r = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:50:00+08:00', type: 'complaint', unit: '3-1-502', requester: '王女士', details: '楼道灯坏了一周没人修\n晚上很黑' })));
    const cid = (r.record as Record<string, string>).complaint_id;
    expect(cid).toMatch(/^C-2026-\d{4}$/);
    const c = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'complaints', cid))).record as { fields: Record<string, string> };
    expect(c.fields).toMatchObject({ subject: '楼道灯坏了一周没人修', complainant: '王女士', unit: '3-1-502', class: 'minor', request_id: r.id, received_at: '2026-11-25T08:50:00+08:00' });
    expect(item(overdueAt(host, '2026-11-25T09:05:01+08:00'), cid, 'dispatch')).toMatchObject({ due: '2026-11-25T09:05:00+08:00' });
  });

  it('a medical request mails the supervisors at once, outside the digest, with phone and ID numbers masked', () => {
    const host = setUpBook();
    const sent = host.outbox.length;
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:58:00+08:00', type: 'medical', unit: '2-3-801', requester: '孙大爷', phone: '13511112222', details: '老人在家摔倒，家属电话13987654321，身份证110101195001011234' })));
    const mail = host.outbox.slice(sent);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe(SUPERVISOR);
    expect(mail[0]!.subject).toContain('紧急求助');
    expect(mail[0]!.body).toContain('2-3-801');
    expect(mail[0]!.body + mail[0]!.htmlBody).not.toMatch(/13511112222|110101195001011234/);
  });

  it('a medical request is not mailed to a clerk who typed themselves in as supervisor; the manager stands in until the tab is confirmed', () => {
    const host = setUpBook();
    const tab = sheetNamed(host, '人员权限');
    const header = tab.rows[0]!.map(String);
    tab.rows.find((x, i) => i > 0 && x?.[header.indexOf('邮箱')] === CLERK)![header.indexOf('角色')] = '客服主管';
    const sent = host.outbox.length;
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:58:00+08:00', type: 'medical', unit: '2-3-801', requester: '孙大爷', details: '老人在家摔倒' })));
    const mail = host.outbox.slice(sent);
    expect(mail.filter((m) => m.subject.includes('紧急求助')).map((m) => m.to)).toEqual([MANAGER]);
  });

  it('a repair request sends nothing at once', () => {
    const host = setUpBook();
    const sent = host.outbox.length;
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:58:00+08:00', type: 'repair', unit: '2-3-801', details: '水管漏水' })));
    expect(host.outbox.length).toBe(sent);
  });
});

describe('the violation ladder', () => {
  it('a clerk records and persuades; ordering rectification is a supervisor’s', () => {
    const host = setUpBook();
    const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' }))));
    ok(act(host, 'violations', v, 'educate', {}, CLERK));
    expect(act(host, 'violations', v, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00' }, CLERK)).toMatchObject({ ok: false, code: 'forbidden' });
    ok(act(host, 'violations', v, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00' }, SUPERVISOR));
  });

  it('a rectification deadline already past is refused, so it never prints on a notice', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' })));
    const before = snapshot(host);
    const r = act(host, 'violations', v, 'order_rectification', { rectify_by: '2026-11-25T08:00:00+08:00' });
    expect(r).toMatchObject({ ok: false, code: 'precondition' });
    expect(r.fieldErrors?.rectify_by).toContain('整改期限须晚于');
    expect(snapshot(host)).toBe(before);
  });

  it('a penalty before any persuasion needs a written reason, which is kept on the record', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation()));
    const r = act(host, 'violations', v, 'compensate', { amount: 500 });
    expect(r).toMatchObject({ ok: false, code: 'precondition' });
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(['skip_reasons']);
    ok(act(host, 'violations', v, 'compensate', { amount: 500, skip_reasons: '当事人已书面拒绝整改' }));
    const rec = ok(rpc(host, 'getRecord', 'violations', v.id)).record as { fields: Record<string, string> };
    expect(rec.fields.skip_reasons).toBe('2026年11月25日 09:00 责令赔偿：当事人已书面拒绝整改（manager）');
  });

  it('a lawsuit comes after the public notice, and the public notice after the owners’ committee agreed', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' })));
    ok(act(host, 'violations', v, 'educate'));
    expect(act(host, 'violations', v, 'take_legal_action')).toMatchObject({ ok: false, code: 'precondition', fieldErrors: { skip_reasons: expect.stringContaining('通报批评') } });
    expect(act(host, 'violations', v, 'publicize')).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { committee_agreed_by: '必填', committee_agreed_on: '必填' } });
    ok(act(host, 'violations', v, 'publicize', { committee_agreed_by: '业委会主任 陈某', committee_agreed_on: '2026-11-24' }));
    ok(act(host, 'violations', v, 'take_legal_action'));
  });

  it('restoring supply after the party paid has its own deadline', () => {
    const host = setUpBook({ now: '2026-11-10T09:00:00+08:00' });
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ found_at: '2026-11-10T08:00:00+08:00' })));
    ok(act(host, 'violations', v, 'educate'));
    ok(act(host, 'violations', v, 'serve_cut_notice', { cut_planned_at: '2026-11-14T09:00:00+08:00' }));
    host.setNow('2026-11-14T09:00:00+08:00');
    ok(act(host, 'violations', v, 'cut'));
    host.setNow('2026-11-20T10:00:00+08:00');
    ok(act(host, 'violations', v, 'confirm_paid', {}, CLERK));
    expect(item(overdueAt(host, '2026-11-21T10:00:00+08:00'), v.id!, 'restore')).toBeUndefined();
    expect(item(overdueAt(host, '2026-11-21T10:00:01+08:00'), v.id!, 'restore')).toMatchObject({ due: '2026-11-21T10:00:00+08:00' });
    ok(act(host, 'violations', v, 'restore', {}, CLERK));
    expect(item(overdueAt(host, '2026-11-22T10:00:00+08:00'), v.id!, 'restore')).toBeUndefined();
  });
});

describe('the roster', () => {
  it('值班表 with no month on 1 December fills December, then January; the reminder names only what is still empty', () => {
    const host = setUpBook({ now: '2026-12-01T09:00:00+08:00' });
    expect(item(overdueAt(host, '2026-12-01T09:00:00+08:00'), '2026-12', 'roster')).toBeDefined();
    const dec = ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster')));
    expect(dec.month).toBe('2026-12');
    const left = overdueAt(host, '2026-12-01T09:01:00+08:00');
    expect(item(left, '2026-12', 'roster')).toBeUndefined();
    const jan = ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster')));
    expect(jan.month).toBe('2027-01');
    // 2027's holidays are not in Settings yet: the fill warns instead of guessing, and the manager is reminded.
    expect(jan.warning).toContain('2027');
    expect(item(overdueAt(host, '2026-12-01T09:02:00+08:00'), '2027', 'holidays')).toBeDefined();
  });

  it('a shift swap names both officers and the approver, and the handover reminder follows it', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster', '2026-11')));
    const row = sheetNamed(host, '值班安排表').rows.find((r) => String(r?.[0] ?? '').includes('2026-11-25') || (r?.[0] instanceof Date && (r[0] as Date).getDate() === 25));
    const was = String(row?.[2]);
    expect(as(host, CLERK, () => rpc(host, 'swapShift', '2026-11-25', 'night', '张强'))).toMatchObject({ ok: false, code: 'forbidden' });
    const swap = ok(as(host, SUPERVISOR, () => rpc(host, 'swapShift', '2026-11-25', 'night', 'security@estate.example')));
    expect(swap).toMatchObject({ officer: '张强', swappedFrom: was, approvedBy: '王建国' });
    const after = sheetNamed(host, '值班安排表').rows.find((r) => r === row)!;
    expect(after.slice(2)).toEqual(expect.arrayContaining(['张强', was, '王建国']));
    // The night passes with no handover: the duty-log reminder names the officer who actually worked it.
    host.setNow('2026-11-26T11:00:00+08:00');
    const sent = host.outbox.length;
    ok(as(host, SUPERVISOR, () => rpc(host, 'runOverdueScan')));
    const digest = host.outbox.slice(sent).find((m) => m.to === SUPERVISOR)!;
    // The item's owner line, under its rule, names the officer.
    expect(digest.body).toMatch(/值班结束未登记交接班\n张强 · 逾期/);
  });
});
