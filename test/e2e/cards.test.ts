// The sidebar's record lists through dist/Code.js: most urgent first with each card's next deadline, no 未结 where nothing closes, refusals that name the step to take first, and the full-size notice preview.
import { as, CLERK, complaint, MANAGER, ok, rpc, setUpBook, snapshot, STRANGER, SUPERVISOR, violation, type Result } from './book';

interface Card {
  id: string;
  state: string;
  label: string;
  title: string;
  next: { due: string; rule: string; what: string; tone: string; when: string } | null;
}
const find = (host: ReturnType<typeof setUpBook>, register: string, query: Record<string, unknown> = { open: true }) =>
  (ok(rpc(host, 'findRecords', register, query)) as Result & { records: Card[] }).records;

describe('findRecords: the most urgent first, each with its next deadline', () => {
  /** At 09:00: one complaint 2 h 5 min late for dispatch, one due for dispatch in 5 minutes, one due for resolve tomorrow, one with nothing owed. */
  function day() {
    const host = setUpBook({ now: '2026-11-24T08:00:00+08:00' });
    // Entered first, so the newest-first order of today would put it last.
    const settled = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-24T07:00:00+08:00', subject: '垃圾未清' }))));
    const tomorrow = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-24T08:00:00+08:00', subject: '电梯异响' }))));
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', tomorrow.id, tomorrow.version, 'dispatch', { department: '工程部' })));
    host.setNow('2026-11-24T10:00:00+08:00');
    let v = ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', settled.id, settled.version, 'dispatch', { department: '工程部' })));
    v = ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', settled.id, v.version, 'resolve', { resolution: '已清运' })));
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', settled.id, v.version, 'notify')));
    host.setNow('2026-11-25T09:00:00+08:00');
    const late = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T06:40:00+08:00' }))));
    const soon = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:50:00+08:00', subject: '噪音扰民' }))));
    return { host, settled, tomorrow, late, soon };
  }

  it('sorts by urgency (most overdue, then soonest due), then the newest, and says how late in the to-do list’s words', () => {
    const { host, settled, tomorrow, late, soon } = day();
    const cards = find(host, 'complaints');
    expect(cards.map((c) => c.id)).toEqual([late.id, soon.id, tomorrow.id, settled.id]);
    expect(cards[0].next).toEqual({ due: '2026-11-25T06:55:00+08:00', rule: 'dispatch', what: '投诉未按时派单', tone: 'red', when: '逾期 2 小时 5 分钟' });
    expect(cards[1].next).toMatchObject({ rule: 'dispatch', tone: 'amber', when: '还剩 5 分钟' });
    expect(cards[2].next).toMatchObject({ rule: 'resolve', tone: 'amber', when: '还剩 23 小时', due: '2026-11-26T08:00:00+08:00' });
    expect(cards[3].next).toBeNull();
  });

  it('ranks before the limit, so the late record is never cut off by newer ones', () => {
    const { host, late } = day();
    expect(find(host, 'complaints', { open: true, limit: 1 }).map((c) => c.id)).toEqual([late.id]);
  });

  it('a deadline more than a day away is neither red nor amber, and still shown', () => {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00' });
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', found_at: '2026-11-20T08:00:00+08:00' })));
    ok(rpc(host, 'transition', 'violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-11-27T17:00:00+08:00' }));
    expect(find(host, 'violations')[0].next).toEqual({ due: '2026-11-27T17:00:00+08:00', rule: 'rectify', what: '违章逾期未整改', tone: 'later', when: '还剩 7 天 8 小时' });
  });
});

describe('registers without a lifecycle', () => {
  it('care log, roles and roster records have no open state; the roster names each row by its date and shift', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const hh = ok(rpc(host, 'createRecord', 'households', { unit: '5-2-101', occupant: '孙大爷', categories: ['elderly_alone'] }));
    ok(rpc(host, 'createRecord', 'care_log', { household_id: hh.id, at: '2026-11-25T08:00:00+08:00', kind: 'visit' }));
    ok(as(host, SUPERVISOR, () => rpc(host, 'fillRoster')));
    for (const register of ['care_log', 'roles', 'roster']) {
      const cards = find(host, register, { open: false });
      expect(cards.length).toBeGreaterThan(0);
      expect([register, cards.map((c) => c.state).filter(Boolean)]).toEqual([register, []]);
    }
    const roster = find(host, 'roster', { open: false, limit: 500 });
    expect(roster.map((c) => c.label)).toContain('2026-11-30 夜班');
    expect(roster.every((c) => /^2026-\d{2}-\d{2} (夜班|全天班)$/.test(c.label))).toBe(true);
    // Registers that do close keep their state: a help request is open until closed.
    ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:30:00+08:00', type: 'repair', details: '水管漏水' }));
    expect(find(host, 'requests')[0].state).toBe('open');
    expect(find(host, 'households')[0].state).toBe('active');
  });
});

describe('a refusal says what is needed first', () => {
  const reported = (lang: string) => {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00', lang });
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', found_at: '2026-11-20T08:00:00+08:00' })));
    return { host, v };
  };

  it.each([
    ['zh-Hans', '当前状态下不能进行此操作：先执行 限期整改，填写整改期限'],
    ['zh-Hant', '目前狀態下不能進行此操作：先執行 限期整改，填寫整改期限'],
    ['en', 'This action is not possible in the current state: First do Order rectification, giving Rectify by'],
  ])('confirming rectification before it was ordered (%s) names the step and its field, and writes nothing', (lang, text) => {
    const { host, v } = reported(lang);
    const before = snapshot(host);
    expect(rpc(host, 'transition', 'violations', v.id, v.version, 'confirm_rectified')).toEqual({ ok: false, code: 'precondition', message: text, fieldErrors: { action: text } });
    expect(snapshot(host)).toBe(before);
  });

  it('a rectification notice for a violation with no deadline yet says to order rectification first', () => {
    const { host, v } = reported('zh-Hans');
    for (const fn of ['previewNotice', 'generateNotice', 'showNoticeDialog']) {
      expect([fn, rpc(host, fn, 'violations', v.id, 'rectification')]).toEqual([
        fn,
        { ok: false, code: 'precondition', message: '先执行 限期整改，填写整改期限', fieldErrors: { rectify_by: '先执行 限期整改，填写整改期限' } },
      ]);
    }
    expect(host.ui.dialogs).toEqual([]);
  });
});

describe('showNoticeDialog: the preview full-size', () => {
  it('opens the same escaped preview in a modal dialog, wide enough for an A4 page', () => {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00' });
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', found_at: '2026-11-20T08:00:00+08:00', party: '<b>赵</b>先生' })));
    ok(rpc(host, 'transition', 'violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-11-27T17:00:00+08:00' }));
    const preview = ok(rpc(host, 'previewNotice', 'violations', v.id, 'rectification'));
    expect(rpc(host, 'showNoticeDialog', 'violations', v.id, 'rectification')).toEqual({ ok: true });
    expect(host.ui.dialogs).toHaveLength(1);
    const [dialog] = host.ui.dialogs;
    expect(dialog).toMatchObject({ modal: true, title: `违章整改通知书 ${v.id}`, content: preview.previewHtml });
    expect(dialog.width).toBeGreaterThanOrEqual(794);
    expect(dialog.content).not.toContain('<b>赵</b>');
  });

  it('someone not in Roles gets no dialog', () => {
    const host = setUpBook();
    const v = as(host, MANAGER, () => ok(rpc(host, 'createRecord', 'violations', violation())));
    expect(as(host, STRANGER, () => rpc(host, 'showNoticeDialog', 'violations', v.id, 'fee_reminder'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(host.ui.dialogs).toEqual([]);
  });
});
