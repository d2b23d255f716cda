// Notices an office would sign: its own numbers per template and year, its phone and address required, periods covered exactly, monthly statistics.
import { as, CLERK, CODE, complaint, ok, rpc, SECURITY, setUpBook, sheetNamed, setSetting, snapshot, violation } from './book';
import { createHost, type Host } from '../../src/local/host';


/** A decoration violation ordered to rectify, so the rectification notice fits. */
function ordered(host: Host, extra: Record<string, unknown> = {}): string {
  const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', ...extra })));
  ok(rpc(host, 'transition', 'violations', v.id, 1, 'order_rectification', { rectify_by: '2027-02-01T17:00:00+08:00' }));
  return String(v.id);
}

const numberShown = (html: unknown): string => /data-part="number">([^<]*)</.exec(String(html))?.[1] ?? '';
const logRows = (host: Host) => sheetNamed(host, '文书记录').rows.slice(1);

describe('notice numbers', () => {
  it('numbers each template in its own sequence, in the office pattern, printed under the title and kept in the log', () => {
    const host = setUpBook();
    const a = ordered(host);
    const b = ordered(host, { unit: '8-2-101' });
    const fees = ok(rpc(host, 'createRecord', 'violations', violation())).id;
    const r1 = ok(rpc(host, 'generateNotice', 'violations', a, 'rectification'));
    const r2 = ok(rpc(host, 'generateNotice', 'violations', b, 'rectification'));
    const f1 = ok(rpc(host, 'generateNotice', 'violations', fees, 'fee_reminder'));
    expect([r1.number, r2.number, f1.number]).toEqual(['〔2026〕整改字第 001 号', '〔2026〕整改字第 002 号', '〔2026〕催缴字第 001 号']);
    expect(numberShown(r2.previewHtml)).toBe('〔2026〕整改字第 002 号');
    const header = sheetNamed(host, '文书记录').rows[0];
    expect(header).toEqual(expect.arrayContaining(['文书编号', '年度序号']));
    const col = header.indexOf('文书编号');
    expect(logRows(host).map((r) => r[col])).toEqual(['〔2026〕整改字第 001 号', '〔2026〕整改字第 002 号', '〔2026〕催缴字第 001 号']);
  });

  it('restarts each template’s sequence at 001 on 1 January, office time', () => {
    const host = setUpBook({ now: '2026-12-31T23:30:00+08:00' });
    const a = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', a, 'rectification')).number).toBe('〔2026〕整改字第 001 号');
    host.setNow('2027-01-01T00:10:00+08:00'); // still 2026 in UTC
    const b = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', b, 'rectification')).number).toBe('〔2027〕整改字第 001 号');
    const c = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', c, 'rectification')).number).toBe('〔2027〕整改字第 002 号');
  });

  it('a new version keeps its number with the version after it, and takes no new one', () => {
    const host = setUpBook();
    const a = ordered(host);
    const b = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', a, 'rectification')).number).toBe('〔2026〕整改字第 001 号');
    host.advance(60_000);
    const again = ok(rpc(host, 'generateNotice', 'violations', a, 'rectification'));
    expect(again).toMatchObject({ version: 2, number: '〔2026〕整改字第 001 号（第2版）' });
    expect(numberShown(again.previewHtml)).toBe('〔2026〕整改字第 001 号（第2版）');
    // The log keeps the number itself; the version is its own column.
    expect(logRows(host).map((r) => [r[2], r[7]])).toEqual([
      [1, '〔2026〕整改字第 001 号'],
      [2, '〔2026〕整改字第 001 号'],
    ]);
    expect(ok(rpc(host, 'generateNotice', 'violations', b, 'rectification')).number).toBe('〔2026〕整改字第 002 号');
    // Re-issued next year, it is still last year's notice.
    host.setNow('2027-01-05T09:00:00+08:00');
    expect(ok(rpc(host, 'generateNotice', 'violations', a, 'rectification')).number).toBe('〔2026〕整改字第 001 号（第3版）');
    const c = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', c, 'rectification')).number).toBe('〔2027〕整改字第 001 号');
  });

  it('follows the office’s own pattern and words from Settings; a pattern without {seq} falls back to the default', () => {
    const host = setUpBook();
    setSetting(host, 'notice_number_pattern', '翠湖物业〔{year}〕{word}第{seq:4}号');
    setSetting(host, 'notice_number_words', 'rectification:整改通知, fee_reminder:催费');
    const a = ordered(host);
    const preview = ok(rpc(host, 'previewNotice', 'violations', a, 'rectification'));
    expect(preview.number).toBe('翠湖物业〔2026〕整改通知第0001号');
    expect(numberShown(preview.previewHtml)).toBe('翠湖物业〔2026〕整改通知第0001号');
    // A preview takes no number: generating still gives 0001.
    expect(ok(rpc(host, 'generateNotice', 'violations', a, 'rectification')).number).toBe('翠湖物业〔2026〕整改通知第0001号');
    setSetting(host, 'notice_number_pattern', '〔{year}〕第 号');
    const b = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', b, 'rectification')).number).toBe('〔2026〕整改通知字第 002 号');
  });

  it('a number taken by an export that then failed is not given again', () => {
    const host = setUpBook();
    const a = ordered(host);
    const b = ordered(host);
    setSetting(host, 'drive_folder_id', 'not-a-folder-of-ours');
    expect(rpc(host, 'generateNotice', 'violations', a, 'rectification')).toMatchObject({ ok: false });
    setSetting(host, 'drive_folder_id', '');
    expect(ok(rpc(host, 'generateNotice', 'violations', b, 'rectification')).number).toBe('〔2026〕整改字第 002 号');
  });
});

describe('office details', () => {
  it('setup writes the phone and address it is given into Settings, and the notice prints them', () => {
    const host = setUpBook({ office: { office_phone: '0755-88886666', office_address: '翠湖路1号' } });
    const rows = sheetNamed(host, '设置').rows;
    expect(rows.find((r) => r[0] === 'office_phone')?.[1]).toBe('0755-88886666');
    expect(rows.find((r) => r[0] === 'office_address')?.[1]).toBe('翠湖路1号');
    const html = String(ok(rpc(host, 'previewNotice', 'violations', ordered(host), 'rectification')).previewHtml);
    expect(html).toContain('致电<strong>0755-88886666</strong>');
    expect(html).toContain('地址：翠湖路1号');
    expect(html).not.toContain('致电<strong>＿');
  });

  it('refuses to preview or generate a notice until both are filled in, naming what is missing, with nothing written', () => {
    const host = setUpBook({ office: null });
    const a = ordered(host);
    const before = snapshot(host);
    for (const fn of ['previewNotice', 'generateNotice']) {
      const r = as(host, CLERK, () => rpc(host, fn, 'violations', a, 'rectification'));
      expect(r).toMatchObject({ ok: false, code: 'precondition' });
      expect(r.message).toContain('管理处电话、管理处地址');
      expect(Object.keys(r.fieldErrors ?? {})).toEqual(['office_phone', 'office_address']);
    }
    expect(snapshot(host)).toBe(before);
    expect(host.workbook.drive.items).toEqual([]);
    setSetting(host, 'office_phone', '0755-86001234');
    const r = rpc(host, 'previewNotice', 'violations', a, 'rectification');
    expect(r).toMatchObject({ ok: false, fieldErrors: { office_address: expect.stringContaining('管理处地址') } });
    setSetting(host, 'office_address', '翠湖路88号');
    ok(rpc(host, 'generateNotice', 'violations', a, 'rectification'));
  });

  it('setup refuses a phone that is not a phone and an address too long, writing nothing', () => {
    const host = setUpBook();
    const before = snapshot(host);
    const r = rpc(host, 'setupWorkbook', 'zh-Hans', { office_phone: '=HYPERLINK("x")', office_address: '路'.repeat(101) });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { office_phone: expect.stringContaining('电话号码'), office_address: expect.stringContaining('100') } });
    expect(snapshot(host)).toBe(before);
  });

  it('a manager fills them in later by running setup with them; no one else may', () => {
    const host = setUpBook({ office: null });
    const details = { office_phone: '020-12345678', office_address: '天河路1号' };
    const before = snapshot(host);
    expect(as(host, CLERK, () => rpc(host, 'setupWorkbook', 'zh-Hans', details))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    expect(as(host, CLERK, () => rpc(host, 'getRegisters')).office).toMatchObject({ canFill: false });
    expect(rpc(host, 'getRegisters').office).toMatchObject({ canFill: true, fields: [{ key: 'office_phone' }, { key: 'office_address' }] });
    ok(rpc(host, 'setupWorkbook', 'zh-Hans', details));
    expect(rpc(host, 'getRegisters').office).toBeNull();
    const html = String(ok(rpc(host, 'previewNotice', 'violations', ordered(host), 'rectification')).previewHtml);
    expect(html).toContain('020-12345678');
  });

  it('a notices log from before numbering gets its number columns at the next setup, and numbers meanwhile', () => {
    const host = setUpBook();
    const log = sheetNamed(host, '文书记录');
    log.rows[0] = log.rows[0].slice(0, 7);
    const a = ordered(host);
    expect(ok(rpc(host, 'generateNotice', 'violations', a, 'rectification')).number).toBe('〔2026〕整改字第 001 号');
    ok(rpc(host, 'setupWorkbook', 'zh-Hans'));
    expect(log.rows[0].slice(7, 9)).toEqual(['文书编号', '年度序号']);
    expect(ok(rpc(host, 'generateNotice', 'violations', ordered(host), 'rectification')).number).toBe('〔2026〕整改字第 002 号');
    expect(logRows(host).map((r) => r[7])).toEqual(['〔2026〕整改字第 001 号', '〔2026〕整改字第 002 号']);
  });

  it('the menu’s setup says what to fill in before the first notice', () => {
    const host = setUpBook({ office: null });
    host.call('setupWorkbookFromMenu');
    expect(host.ui.alerts[host.ui.alerts.length - 1].message).toContain('管理处电话、管理处地址');
  });
});

describe('period notices cover exactly the period asked for', () => {
  function changes(host: Host): void {
    // Changes on 31 Oct late evening, 1 Nov just after midnight, 30 Nov late evening and 1 Dec just after midnight (office time).
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '3-1-502', occupant: '刘桂英', categories: ['elderly_alone'] }));
    let version = 1;
    for (const [i, at] of ['2026-10-31T23:50:00+08:00', '2026-11-01T00:05:00+08:00', '2026-11-30T23:55:00+08:00', '2026-12-01T00:01:00+08:00'].entries()) {
      host.setNow(at);
      const categories = i % 2 ? ['elderly_alone'] : ['elderly_alone', 'disabled'];
      version = Number(ok(rpc(host, 'updateRecord', 'households', h.id, version, { categories })).version);
    }
    host.setNow('2026-12-02T09:00:00+08:00');
  }

  it('a month gives the whole month, 1st 00:00 to the next 1st 00:00, in a file named for the month', () => {
    const host = setUpBook({ now: '2026-10-30T09:00:00+08:00' });
    changes(host);
    const r = ok(rpc(host, 'generateNotice', 'household_changes', '2026-11', 'household_changes'));
    expect(r.name).toBe('household_changes-202611-20261202');
    const html = String(r.previewHtml);
    expect(html).toContain('<strong>2026年11月1日</strong>至<strong>2026年11月30日</strong>');
    expect(html).toContain('共<strong>2</strong>条异动');
    expect(html).toContain('2026年11月1日 00:05');
    expect(html).toContain('2026年11月30日 23:55');
    expect(html).not.toContain('2026年10月31日 23:50');
    expect(html).not.toContain('2026年12月1日 00:01');
    // Asked as a date range, the same month is the same notice.
    const again = ok(rpc(host, 'generateNotice', 'household_changes', '2026-11-01..2026-11-30', 'household_changes'));
    expect(again.name).toBe(r.name);
    expect(again.version).toBe(2);
  });

  it('a week gives that week only, named for it', () => {
    const host = setUpBook({ now: '2026-10-30T09:00:00+08:00' });
    changes(host);
    const r = ok(rpc(host, 'generateNotice', 'household_changes', '2026-W48', 'household_changes'));
    expect(r.name).toBe('household_changes-2026W48-20261202');
    const html = String(r.previewHtml);
    expect(html).toContain('<strong>2026年11月23日</strong>至<strong>2026年11月29日</strong>');
    expect(html).toContain('共<strong>0</strong>条异动');
  });

  it('weekly statistics asked for a month are refused, not cut to the last week; the month goes to the monthly statistics', () => {
    const host = setUpBook({ now: '2026-11-02T11:00:00+08:00' });
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-02T10:00:00+08:00', subject: 'EARLY-NOV' })));
    host.setNow('2026-12-01T09:00:00+08:00');
    const before = snapshot(host);
    for (const asked of ['2026-11', '2026-11-01..2026-11-30']) {
      const r = rpc(host, 'generateNotice', 'complaints', asked, 'weekly_stats');
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
      expect(r.message).toContain('投诉月统计');
    }
    expect(snapshot(host)).toBe(before);
    const week = ok(rpc(host, 'generateNotice', 'complaints', '2026-11-28', 'weekly_stats'));
    expect(week.name).toBe('weekly_stats-20261122-20261128-20261201');
    expect(String(week.previewHtml)).toContain('<strong>2026年11月22日</strong>至<strong>2026年11月28日</strong>');
    const month = ok(rpc(host, 'generateNotice', 'complaints', '2026-11', 'monthly_stats'));
    expect(month.name).toBe('monthly_stats-202611-20261201');
    expect(String(month.previewHtml)).toContain('本月共受理投诉<strong>1</strong>件');
  });
});

describe('monthly complaint statistics', () => {
  it('counts the month’s complaints by class, status and department, and each time limit as kept, late or overdue', () => {
    const host = setUpBook({ now: '2026-10-31T09:00:00+08:00' });
    const make = (at: string, extra: Record<string, unknown>) => {
      host.setNow(at);
      return ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: at, ...extra }))).id as string;
    };
    make('2026-10-31T23:59:00+08:00', { subject: 'OCTOBER' });
    // Minor, dispatched in 10 minutes, resolved next day, complainant told the same day, closed.
    const a = make('2026-11-03T09:00:00+08:00', { class: 'minor' });
    host.setNow('2026-11-03T09:10:00+08:00');
    ok(rpc(host, 'transition', 'complaints', a, 1, 'dispatch', { department: '工程部' }));
    host.setNow('2026-11-04T09:00:00+08:00');
    ok(rpc(host, 'transition', 'complaints', a, 2, 'start'));
    ok(rpc(host, 'transition', 'complaints', a, 3, 'resolve', { resolution: '已修复' }));
    ok(rpc(host, 'transition', 'complaints', a, 4, 'notify'));
    ok(rpc(host, 'transition', 'complaints', a, 5, 'close'));
    // Important, dispatched 40 minutes late, never resolved: overdue.
    const b = make('2026-11-10T09:00:00+08:00', { class: 'important' });
    host.setNow('2026-11-10T09:40:00+08:00');
    ok(rpc(host, 'transition', 'complaints', b, 1, 'dispatch', { department: '保洁部' }));
    // The last minute of November, not yet dispatched.
    make('2026-11-30T23:59:00+08:00', { class: 'minor', subject: 'LAST-MINUTE' });
    make('2026-12-01T00:00:00+08:00', { subject: 'DECEMBER' });
    host.setNow('2026-12-01T09:00:00+08:00');
    const r = ok(rpc(host, 'generateNotice', 'complaints', '2026-11', 'monthly_stats'));
    const html = String(r.previewHtml);
    expect(html).toContain('投诉月统计');
    expect(html).toContain('〔2026〕月报字第 001 号');
    expect(html).toContain('本月共受理投诉<strong>3</strong>件，其中有效投诉<strong>3</strong>件；已处理完毕<strong>1</strong>件，已结案<strong>1</strong>件');
    const row = (label: string): string[] => {
      const tr = new RegExp(`<tr><td[^>]*>${label}</td>(.*?)</tr>`).exec(html.replace(/\n/g, ''));
      return tr ? [...tr[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]) : [];
    };
    // limit, on time, late, overdue, not yet due, share kept, mean time
    expect(row('派单')).toEqual(['15 分钟内', '1', '1', '1', '0', '33%', '25 分钟']);
    expect(row('轻微投诉处理完毕')).toEqual(['2 天内', '1', '0', '0', '1', '100%', '24 小时']);
    expect(row('重要投诉处理完毕')).toEqual(['3 天内', '0', '0', '1', '0', '0%', '—']);
    expect(row('告知投诉人')).toEqual(['当天', '1', '0', '0', '0', '100%', '0 分钟']);
    expect(html).toContain('工程部');
    expect(html).toContain('保洁部');
    expect(html).not.toMatch(/OCTOBER|DECEMBER/);
    expect(html).toContain('按投诉渠道');
    // The 投诉月统计 tab: by class (charted), channel, department and status, then each time limit.
    const tab = sheetNamed(host, '投诉月统计');
    expect(tab.charts).toHaveLength(1);
    const text = tab.rows.map((r) => (r ?? []).map(String).join('|'));
    expect(text).toEqual(expect.arrayContaining(['按类别|件数', '按渠道|件数', '电话|3', '按部门|件数', '派单|1 / 1 / 1 / 0', '2026-11-01 – 2026-11-30|3']));
  });
});

describe('payment reminders for every open fee-arrears violation, in one batch', () => {
  /** Five open fee violations, one closed, one fee violation already rectified, and one decoration violation. */
  function arrears(): { host: Host; open: string[] } {
    const host = setUpBook();
    const open: string[] = [];
    for (let i = 0; i < 5; i++) open.push(String(ok(rpc(host, 'createRecord', 'violations', violation({ unit: `7-1-30${i}`, amount: 1000 + i }))).id));
    const paid = ok(rpc(host, 'createRecord', 'violations', violation({ unit: '7-1-399' }))).id;
    ok(rpc(host, 'transition', 'violations', paid, 1, 'close'));
    ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' })));
    return { host, open };
  }
  const reminders = (host: Host) => logRows(host).filter((r) => r[1] === 'fee_reminder');

  it('makes one 催缴函 for each open fee violation and none for the others', () => {
    const { host, open } = arrears();
    const r = ok(as(host, CLERK, () => rpc(host, 'batchFeeReminders')));
    expect(r).toMatchObject({ complete: true, remaining: 0, failed: [] });
    expect(reminders(host).map((row) => row[0]).sort()).toEqual([...open].sort());
    expect((r.generated as { number: string }[]).map((g) => g.number)).toEqual([1, 2, 3, 4, 5].map((n) => `〔2026〕催缴字第 00${n} 号`));
    expect(r.message).toContain('已生成催缴函 5 份，全部完成');
  });

  it('stops when its time budget runs out, and the next run continues with no reminder made twice', () => {
    const { host, open } = arrears();
    setSetting(host, 'batch_budget_seconds', 60);
    // Every service call takes a simulated second, so the budget runs out partway.
    const slow = createHost({ codePath: CODE, workbook: host.workbook, user: CLERK, now: '2026-11-25T10:00:00+08:00', tickMs: 1000 });
    const first = ok(rpc(slow, 'batchFeeReminders'));
    expect(first.complete).toBe(false);
    const made = (first.generated as unknown[]).length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(5);
    expect(first.remaining).toBe(5 - made);
    expect(first.message).toContain(`还有 ${5 - made} 份`);
    const runs = [first];
    for (let i = 0; i < 10 && !runs[runs.length - 1].complete; i++) runs.push(ok(rpc(slow, 'batchFeeReminders')));
    const last = runs[runs.length - 1];
    expect(last).toMatchObject({ complete: true, resumed: true });
    const ids = reminders(host).map((row) => String(row[0]));
    expect(ids.sort()).toEqual([...open].sort());
    const numbers = runs.flatMap((r) => (r.generated as { number: string }[]).map((g) => g.number));
    expect(numbers).toEqual([1, 2, 3, 4, 5].map((n) => `〔2026〕催缴字第 00${n} 号`));
    // The batch is over: the next run is a new round, a second version for each.
    host.setNow('2026-12-25T10:00:00+08:00');
    const next = ok(rpc(host, 'batchFeeReminders'));
    expect(next).toMatchObject({ resumed: false, complete: true });
    expect((next.generated as { number: string }[]).map((g) => g.number)[0]).toBe('〔2026〕催缴字第 001 号（第2版）');
  });

  it('is for staff only, and needs the office details first', () => {
    const { host } = arrears();
    const before = snapshot(host);
    expect(as(host, SECURITY, () => rpc(host, 'batchFeeReminders'))).toMatchObject({ ok: false, code: 'forbidden' });
    setSetting(host, 'office_phone', '');
    const snap = snapshot(host);
    expect(rpc(host, 'batchFeeReminders')).toMatchObject({ ok: false, code: 'precondition', fieldErrors: { office_phone: expect.any(String) } });
    expect(snapshot(host)).toBe(snap);
    expect(before).not.toBe(snap);
    expect(host.workbook.drive.items).toEqual([]);
  });

  it('runs from the menu and says how far it got', () => {
    const { host } = arrears();
    host.call('batchFeeRemindersFromMenu');
    expect(host.ui.alerts[host.ui.alerts.length - 1].message).toContain('已生成催缴函 5 份');
  });
});
