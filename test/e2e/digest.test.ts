// The overdue digest as its readers get it: one summary line, every item latest first with its owner, lateness and row link, and only what is each reader's.
import { as, complaint, CLERK, CODE, DEPT, fireScan, MANAGER, ok, Result, rpc, setUpBook, sheetNamed, SUPERVISOR } from './book';
import { lateDay } from './late-day';
import { createHost, newWorkbook, type Host } from '../../src/local/host';

interface Scan extends Result {
  overdue: { register: string; id: string; rule: string; due: string; level: number }[];
  emails: { to: string[]; subject: string; ids: string[] }[];
}
const scan = (host: Host) => fireScan(host) as Scan;
const NOW = '2026-11-25T12:00:00+08:00';

type Sent = Host['outbox'][number];
const digestTo = (host: Host, who: string): Sent => {
  const m = host.outbox.find((x) => x.to.includes(who) && x.subject.includes('逾期提醒'));
  if (!m) throw new Error(`no digest to ${who}; sent to ${host.outbox.map((x) => x.to).join(', ')}`);
  return m;
};
/** The text body's item blocks: the rule line, the owner · lateness line, and the rest. */
const blocks = (body: string) =>
  body
    .split(/\n\n+/)
    .slice(1, -1)
    .map((b) => b.split('\n'))
    .filter((lines) => lines.length >= 3);
/** Attribute values as a mail reader decodes them (Handlebars writes = as &#x3D;). */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('the overdue digest', () => {
  let host: Host;
  let ids: Record<string, string>;
  let r: Scan;
  beforeAll(() => {
    host = setUpBook({ now: '2026-11-25T11:30:00+08:00' });
    ids = lateDay(host);
    host.setNow(NOW);
    r = scan(host);
  });

  it('opens with one line: how many, the most overdue and how late, and how many were escalated to this reader', () => {
    const sup = digestTo(host, SUPERVISOR);
    expect(sup.body.split('\n')[0]).toBe(`共 5 项逾期，最久的是投诉 ${ids.resolve}「投诉未按时处理完毕」，已逾期 3 天 3 小时；其中 2 项已升级报经理。`);
    const mgr = digestTo(host, MANAGER);
    expect(mgr.body.split('\n')[0]).toBe(`共 3 项逾期，最久的是投诉 ${ids.resolve}「投诉未按时处理完毕」，已逾期 3 天 3 小时；其中 2 项已升级报您。`);
    // The HTML opens with the same line, before any item.
    const html = mgr.htmlBody!;
    expect(html.indexOf('其中 2 项已升级报您')).toBeGreaterThan(0);
    expect(html.indexOf('其中 2 项已升级报您')).toBeLessThan(html.indexOf('投诉未按时处理完毕</div>'));
  });

  it('lists every item by lateness across registers, with its owner and how late it is', () => {
    const sup = digestTo(host, SUPERVISOR);
    expect(blocks(sup.body).map((b) => [b[0], b[1]])).toEqual([
      ['投诉未按时处理完毕', '工程部 · 逾期 3 天 3 小时'],
      ['求助未及时首次回应', '客服/值班员 · 逾期 2 天 1 小时'],
      ['值班结束未登记交接班', '张强 · 逾期 1 天 3 小时'],
      ['重大投诉未当天报经理', '客服/值班员 · 逾期 12 小时'],
      ['投诉未按时派单', '客服/值班员 · 逾期 45 分钟'],
    ]);
    // The same order as the scan's due times, latest first.
    const dueOrder = [...r.overdue].sort((a, b) => a.due.localeCompare(b.due)).map((o) => o.id);
    const shown = [...sup.body.matchAll(/^打开 \S+ (.+?)（/gm)].map((m) => m[1]);
    expect(shown).toEqual(dueOrder.map((id) => id.replace('/night', ' 夜班')));
    expect(shown).toEqual([ids.resolve, ids.request, '2026-11-23 夜班', ids.major, ids.dispatch]);
  });

  it('shows the unit once, not again in the content', () => {
    const resolve = blocks(digestTo(host, SUPERVISOR).body).find((b) => b[0] === '投诉未按时处理完毕')!;
    expect(resolve[2]).toBe('2-1-301 电梯异响');
    const dispatch = blocks(digestTo(host, SUPERVISOR).body).find((b) => b[0] === '投诉未按时派单')!;
    expect(dispatch[2]).toBe('3-1-502 门禁坏了');
  });

  it('links each item to its row: the spreadsheet, the tab’s id and the row', () => {
    const sheet = sheetNamed(host, '投诉');
    const idCol = (sheet.rows[0] as string[]).indexOf('编号');
    const row = sheet.rows.findIndex((x) => x?.[idCol] === ids.major) + 1;
    const url = `https://docs.google.com/spreadsheets/d/${host.workbook.id}/edit#gid=${sheet.id}&range=A${row}`;
    const sup = digestTo(host, SUPERVISOR);
    expect(sup.body).toContain(`打开 投诉 ${ids.major}（第 ${row} 行）`);
    expect(sup.body).toContain(url);
    expect(decoded(sup.htmlBody!)).toContain(`href="${url}"`);
  });

  it('escapes what a clerk typed', () => {
    const html = digestTo(host, SUPERVISOR).htmlBody!;
    expect(html).toContain('电梯困人 &lt;b&gt;急&lt;/b&gt;');
    expect(html).not.toContain('<b>急');
  });

  it('sends a department only its own duties on its complaints, never the office’s', () => {
    const dept = digestTo(host, DEPT);
    expect(r.emails.find((e) => e.to.includes(DEPT))!.ids).toEqual([ids.resolve]);
    expect(dept.body).toContain('投诉未按时处理完毕');
    // Its major complaint is late only for the report to the manager, which the office makes.
    expect(dept.body).not.toContain('重大投诉未当天报经理');
    expect(dept.htmlBody).not.toContain('重大投诉未当天报经理');
    expect(dept.body).not.toContain(ids.major);
  });

  it('reads on a phone: stacked blocks, no six-column table', () => {
    const html = digestTo(host, SUPERVISOR).htmlBody!;
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<th\b/);
    expect((html.match(/<td\b/g) ?? []).length).toBe(5);
    expect(html).not.toMatch(/<link\b|<style\b/);
  });
});

describe('an office with no supervisor', () => {
  it('sends the manager everything, saying why, so nothing overdue reaches nobody', () => {
    const host = createHost({ codePath: CODE, workbook: newWorkbook(), user: MANAGER, now: '2026-11-25T11:30:00+08:00' });
    ok(host.call('setupWorkbook', 'zh-Hans') as Result);
    ok(rpc(host, 'createRecord', 'roles', { email: CLERK, name: '李晓梅', roles: ['clerk'], department: '客服中心' }));
    ok(rpc(host, 'createRecord', 'roles', { email: DEPT, name: '陈工', roles: ['department'], department: '工程部' }));
    const ids = lateDay(host, MANAGER);
    host.setNow(NOW);
    const r = scan(host);
    const mgr = r.emails.find((e) => e.to.includes(MANAGER))!;
    // Every overdue item reaches someone: here, the manager.
    expect(new Set(mgr.ids)).toEqual(new Set(r.overdue.map((o) => o.id)));
    expect(mgr.ids).toEqual(expect.arrayContaining([ids.dispatch, ids.request, ids.major, ids.resolve]));
    const mail = digestTo(host, MANAGER);
    expect(mail.body.split('\n')[0]).toBe(`共 5 项逾期，最久的是投诉 ${ids.resolve}「投诉未按时处理完毕」，已逾期 3 天 3 小时；其中 2 项已升级报您。`);
    expect(mail.body).toContain('目前没有生效的客服主管（人员权限表和设置中都没有，或表中改动尚待经理确认），本应发给主管的提醒一并发给您。');
    expect(mail.htmlBody).toContain('目前没有生效的客服主管');
    // The department still gets only its own.
    expect(r.emails.find((e) => e.to.includes(DEPT))!.ids).toEqual([ids.resolve]);
  });
});

describe('in the office’s language', () => {
  it.each([
    // This workbook has no roster yet: this month's is the most overdue.
    ['zh-Hant', '共 3 項逾期，最久的是值班安排表 2026-11「值班表未按時編製」，已逾期 31 天 12 小時；其中 2 項已升級報經理。', '工程部 · 逾期 3 天 3 小時'],
    ['en', '3 overdue; the longest is Duty roster 2026-11 (Roster not made in time), 31 d 12 h late. 2 escalated to the manager.', '工程部 · 3 d 3 h late'],
  ])('%s', (lang, summary, owner) => {
    const host = setUpBook({ now: '2026-11-25T11:30:00+08:00', lang });
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-20T09:00:00+08:00' }))));
    ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'complaints', 'C-2026-0001', 1, 'dispatch', { department: '工程部', at: '2026-11-20T09:05:00+08:00' })));
    host.setNow(NOW);
    scan(host);
    const mail = host.outbox.find((m) => m.to.includes(SUPERVISOR))!;
    expect(mail.body.split('\n')[0]).toBe(summary);
    expect(mail.body).toContain(owner);
  });
});

describe('a Roles tab edited by hand', () => {
  it('sends a clerk who typed themselves supervisor nothing; until a manager confirms, the manager gets everything', () => {
    const host = setUpBook({ now: '2026-11-25T11:30:00+08:00' });
    lateDay(host);
    const tab = sheetNamed(host, '人员权限');
    const header = tab.rows[0]!.map(String);
    tab.rows.find((x, i) => i > 0 && x?.[header.indexOf('邮箱')] === CLERK)![header.indexOf('角色')] = '客服主管';
    host.setNow(NOW);
    const r = scan(host);
    expect(r.emails.map((e) => e.to.join())).not.toContain(CLERK);
    // The real supervisor's row is as confirmed, but the tab is not: its supervisors wait with the rest.
    expect(r.emails.map((e) => e.to.join())).not.toContain(SUPERVISOR);
    const mgr = r.emails.find((e) => e.to.includes(MANAGER))!;
    expect(new Set(mgr.ids)).toEqual(new Set(r.overdue.map((o) => o.id)));
    expect(digestTo(host, MANAGER).body).toContain('本应发给主管的提醒一并发给您');
    // Once the manager confirms the tab, supervisors (the clerk now among them) are sent digests again.
    ok(rpc(host, 'confirmRoles'));
    host.setNow('2026-11-26T13:00:00+08:00');
    const later = scan(host);
    expect(later.emails.map((e) => e.to.join())).toEqual(expect.arrayContaining([CLERK, SUPERVISOR]));
  });
});
