// The hourly overdue scan end to end: who is emailed what, never twice, deferred not dropped, resumed, one trigger.
import { execFile } from 'node:child_process';
import vm from 'node:vm';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFileSync } from 'node:child_process';
import { as, cells, fireScan, CLERK, complaint, DEPT, MANAGER, ok, rpc, Result, setUpBook, sheetNamed, setSetting, SUPERVISOR } from './book';
import { createHost, Host } from '../../src/local/host';
import { CODE } from './book';

const run = promisify(execFile);
const BIN = join(__dirname, '../../bin/estate-registers.js');

interface Scan extends Result {
  overdue: { register: string; id: string; rule: string; due: string; level: number }[];
  emails: { to: string[]; subject: string; ids: string[] }[];
  deferred: { to: string[]; ids: string[]; reason: string }[];
  complete: boolean;
  resumed: boolean;
  upgraded: string[];
}

const scan = (host: Host) => fireScan(host) as Scan;

/**
 * A deep copy whose Dates are this realm's (structuredClone makes Node's own, which the host's
 * instanceof checks do not take for dates, so the copy would read every time differently).
 */
function sameRealmClone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(sameRealmClone) as T;
  if (v && typeof v === 'object') {
    const out = Object.create(Object.getPrototypeOf(v)) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = sameRealmClone(x);
    return out as T;
  }
  return v;
}

describe('scan through the CLI at pinned times', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  const book = join(dir, 'book.xlsx');
  const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC' } });
  const call = async (now: string, fn: string, ...args: unknown[]) => {
    const { stdout } = await cli('call', book, fn, ...args.map((a) => JSON.stringify(a)), '--as', MANAGER, '--now', now);
    return JSON.parse(stdout) as Result;
  };

  it('finds exactly the expected (id, rule) pairs', async () => {
    await cli('init', book, '--as', MANAGER, '--now', '2026-11-02T08:00:00+08:00');
    await call('2026-11-02T09:00:00+08:00', 'createRecord', 'complaints', complaint({ received_at: '2026-11-02T09:00:00+08:00', class: 'minor' }));
    const important = await call('2026-11-02T09:10:00+08:00', 'createRecord', 'complaints', complaint({ received_at: '2026-11-02T09:10:00+08:00', class: 'important' }));
    await call('2026-11-02T09:20:00+08:00', 'transition', 'complaints', important.id, 1, 'dispatch', { department: '工程部' });
    await call('2026-11-02T10:00:00+08:00', 'createRecord', 'requests', { received_at: '2026-11-02T10:00:00+08:00', type: 'repair', details: '水管漏水' });
    // 09:14:59 → nothing overdue yet: dispatch is due at exactly 09:15:00.
    let r = JSON.parse((await cli('scan', book, '--json', '--as', MANAGER, '--now', '2026-11-02T09:15:00+08:00')).stdout) as Scan;
    expect(r.overdue.filter((o) => o.register === 'complaints').map((o) => [o.id, o.rule])).toEqual([]);
    r = JSON.parse((await cli('scan', book, '--json', '--as', MANAGER, '--now', '2026-11-02T11:15:00+08:00')).stdout) as Scan;
    const pairs = r.overdue.filter((o) => o.register !== 'roster').map((o) => [o.id, o.rule]).sort();
    expect(pairs).toEqual([
      ['C-2026-0001', 'dispatch'],
      ['C-2026-0002', 'handover'],
      ['R-2026-0001', 'first_reply'],
    ]);
    expect(r.overdue.find((o) => o.id === 'C-2026-0001')?.due).toBe('2026-11-02T09:15:00+08:00');
  });

  it('writes parseable RFC 5322 .eml files with encoded Chinese subjects', async () => {
    const outbox = join(dir, 'outbox');
    await call('2026-11-02T12:00:00+08:00', 'createRecord', 'roles', { email: 'sup@estate.example', name: '王建国', roles: ['supervisor'] });
    await cli('scan', book, '--outbox', outbox, '--as', MANAGER, '--now', '2026-11-03T12:00:00+08:00');
    const files = readdirSync(outbox);
    expect(files.length).toBeGreaterThan(0);
    const parsed = execFileSync('python3', ['-c', PARSE_EML, join(outbox, files[0])]).toString();
    const info = JSON.parse(parsed) as { subject: string; to: string; types: string[]; text: string };
    expect(info.subject).toMatch(/【物业台账】.*逾期提醒/);
    expect(info.types).toEqual(['text/plain', 'text/html']);
    expect(info.text).toContain('C-2026-0001');
    expect(readFileSync(join(outbox, files[0]), 'utf8')).toMatch(/^Subject: =\?UTF-8\?B\?/m);
  });

  it('sends nothing twice when two scans overlap on one workbook', async () => {
    await call('2026-11-04T08:00:00+08:00', 'createRecord', 'complaints', complaint({ received_at: '2026-11-04T08:00:00+08:00' }));
    const [a, b] = await Promise.all(
      ['a', 'b'].map((n) => cli('scan', book, '--json', '--outbox', join(dir, `overlap-${n}`), '--as', MANAGER, '--now', '2026-11-04T09:00:00+08:00')),
    );
    const sent = [a, b].flatMap((x) => (JSON.parse(x.stdout) as Scan).emails.map((e) => e.to.join()));
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent).size).toBe(sent.length);
  });
});

/** Python's standard email parser reads the .eml as any mail client would. */
const PARSE_EML = `
import email, json, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
parts = [p for p in m.walk() if not p.is_multipart()]
print(json.dumps({'subject': str(m['subject']), 'to': str(m['to']), 'types': [p.get_content_type() for p in parts], 'text': parts[0].get_content()}))
`;

describe('digests', () => {
  function book(): Host {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const c = as(host, CLERK, () => {
      ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00', class: 'minor', subject: '小区门禁坏了' })));
      const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-24T08:10:00+08:00', class: 'major', subject: '电梯困人' })));
      return c;
    });
    // Recorded a day late: only a supervisor may date a step that far back.
    as(host, SUPERVISOR, () => ok(rpc(host, 'transition', 'complaints', c.id, 1, 'dispatch', { department: '工程部', at: '2026-11-24T08:20:00+08:00' })));
    return host;
  }
  const complaintIds = (ids: string[]) => ids.filter((i) => i.startsWith('C-')).sort();

  it('sends one digest per recipient: supervisors all, the manager major ones, the department none of the office’s duties', () => {
    const host = book();
    host.setNow('2026-11-25T12:00:00+08:00');
    const r = scan(host);
    const to = (email: string) => r.emails.find((e) => e.to.includes(email));
    expect(r.emails.filter((e) => e.to.includes(SUPERVISOR)).length).toBe(1);
    expect(complaintIds(to(SUPERVISOR)!.ids)).toEqual(['C-2026-0001', 'C-2026-0002']);
    expect(complaintIds(to(MANAGER)!.ids)).toEqual(['C-2026-0002']);
    // The major complaint is late only for the report to the manager: the office's duty, not the department's.
    expect(to(DEPT)).toBeUndefined();
    const mail = host.outbox.find((m) => m.to.includes(SUPERVISOR))!;
    expect(mail.subject).toMatch(/^【物业台账】示例花园：\d+ 项逾期提醒$/);
    // Links to the rows (Handlebars escapes = as &#x3D; in attributes, which mail readers decode).
    expect(mail.htmlBody).toMatch(/href="https:\/\/docs.google.com\/spreadsheets\/d\/[^"]+#gid(=|&#x3D;)\d+/);
    expect(mail.body).toContain('电梯困人');
  });

  it('never sends the same email twice in three runs; reminds again when the level rises', () => {
    const host = book();
    host.setNow('2026-11-25T12:00:00+08:00');
    const first = scan(host).emails.length;
    expect(first).toBeGreaterThan(0);
    expect(scan(host).emails).toEqual([]);
    expect(scan(host).emails).toEqual([]);
    // Two days later the minor complaint is overdue by more than the threshold: level 2 reaches the manager.
    host.setNow('2026-11-27T10:00:00+08:00');
    const later = scan(host);
    expect(later.overdue.find((o) => o.id === 'C-2026-0001' && o.rule === 'dispatch')?.level).toBe(2);
    expect(later.emails.find((e) => e.to.includes(MANAGER))?.ids).toContain('C-2026-0001');
  });

  it('lists at most 50 items in a digest, counts the rest, and never resends them', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    for (let i = 0; i < 60; i++) ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00', subject: `第${i}件` })));
    host.setNow('2026-11-25T10:00:00+08:00');
    const r = scan(host);
    const mail = host.outbox.find((m) => m.to.includes(SUPERVISOR))!;
    // Each item has one link line; the 60 complaints and the empty roster's two months make 62.
    expect((mail.body.match(/^打开 /gm) ?? []).length).toBe(50);
    expect(mail.body).toContain('另有 12 项未列出');
    expect(mail.htmlBody).toContain('另有 12 项未列出');
    expect(r.emails.find((e) => e.to.includes(SUPERVISOR))!.ids.filter((i) => i.startsWith('C-'))).toHaveLength(60);
    expect(scan(host).emails.filter((e) => e.to.includes(SUPERVISOR))).toEqual([]);
  });

  it('reminds again only after the re-remind interval', () => {
    const host = book();
    host.setNow('2026-11-25T12:00:00+08:00');
    scan(host);
    const sentFor = (r: Scan) => r.emails.filter((e) => e.to.includes(SUPERVISOR)).flatMap((e) => e.ids);
    host.setNow('2026-11-26T11:59:00+08:00');
    expect(sentFor(scan(host))).not.toContain('C-2026-0001');
    host.setNow('2026-11-26T12:00:00+08:00');
    expect(sentFor(scan(host))).toContain('C-2026-0001');
  });

  it('defers what the mail quota cannot take, reports it, and sends it on the next run', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00', mailQuota: 1 });
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00', class: 'major' })));
    host.setNow('2026-11-25T12:00:00+08:00');
    const r = scan(host);
    expect(r.emails.length).toBe(1);
    expect(r.deferred.length).toBeGreaterThan(0);
    expect(r.deferred.every((d) => d.reason === 'quota')).toBe(true);
    const deferredTo = r.deferred.map((d) => d.to.join()).sort();
    // The next run, with quota to spare, sends what was deferred and nothing already sent.
    const roomy = createHost({ codePath: CODE, workbook: host.workbook, user: MANAGER, now: '2026-11-25T13:00:00+08:00', mailQuota: 100 });
    const next = scan(roomy);
    expect(next.emails.map((e) => e.to.join()).sort()).toEqual(expect.arrayContaining(deferredTo));
    expect(next.emails.map((e) => e.to.join())).not.toContain(r.emails[0].to.join());
  });

  it('stops before the time budget with a cursor, and the next run resumes without repeats', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    for (let i = 0; i < 6; i++) ok(rpc(host, 'createRecord', 'roles', { email: `sup${i}@estate.example`, name: `主管${i}`, roles: ['supervisor'] }));
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00' })));
    host.setNow('2026-11-25T12:00:00+08:00');
    // A probe on a copy measures how many service calls come before the first email; each call
    // then takes one simulated second, and the budget runs out two emails in.
    const seq: string[] = [];
    const probe = createHost({ codePath: CODE, workbook: sameRealmClone(host.workbook), user: MANAGER, now: '2026-11-25T12:00:00+08:00', onCall: (n) => seq.push(n) });
    scan(probe);
    expect(probe.counters['MailApp.sendEmail']).toBe(8);
    setSetting(host, 'scan_budget_seconds', seq.indexOf('MailApp.sendEmail') + 2);
    const slow = createHost({ codePath: CODE, workbook: host.workbook, user: MANAGER, now: '2026-11-25T12:00:00+08:00', tickMs: 1000 });
    const first = scan(slow);
    expect(first.complete).toBe(false);
    expect(first.emails.length).toBeGreaterThan(0);
    expect(first.deferred.every((d) => d.reason === 'time')).toBe(true);
    const second = scan(host);
    expect(second.resumed).toBe(true);
    expect(second.complete).toBe(true);
    const all = [...first.emails, ...second.emails].map((e) => e.to.join());
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(8); // six supervisors, the clerk-turned-supervisor, and the manager
  });

  it('upgrades a valid complaint unresolved for 30 days to major, once', () => {
    const host = setUpBook({ now: '2026-10-01T09:00:00+08:00' });
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-10-01T08:00:00+08:00', class: 'minor' })));
    host.setNow('2026-10-31T08:00:01+08:00');
    expect(scan(host).upgraded).toEqual([c.id]);
    const rec = ok(rpc(host, 'getRecord', 'complaints', c.id)).record as { fields: Record<string, unknown> };
    expect(rec.fields.class).toBe('major');
    expect(scan(host).upgraded).toEqual([]);
  });

  it('sends the weekly statistics on Saturday and writes the Stats tab with a chart', () => {
    const host = book();
    host.setNow('2026-11-28T09:00:00+08:00'); // a Saturday, after the 08:00 digest hour
    const r = scan(host);
    const stats = host.outbox.find((m) => m.subject.startsWith('投诉 · 2026-11-22 – 2026-11-28'));
    expect(stats?.to).toContain(MANAGER);
    expect(stats?.htmlBody).toContain('重大');
    const tab = sheetNamed(host, '投诉统计');
    expect(tab.charts.length).toBe(1);
    expect(JSON.stringify(tab.rows)).toContain('按类别');
    expect(r.emails.filter((e) => e.ids[0]?.startsWith('stats-')).length).toBe(1);
    host.setNow('2026-11-28T10:00:00+08:00');
    host.resetCounters();
    scan(host);
    expect(host.outbox.filter((m) => m.subject.startsWith('投诉 ·')).length).toBe(1);
    // The rest of Saturday's hourly runs leave the Stats tab (and every other cell) alone.
    expect(host.cells.written).toBe(0);
  });

  it('mails the day’s household changes to each group once, without sensitive notes or full ID numbers', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    setSetting(host, 'emails_security', 'security-group@estate.example');
    setSetting(host, 'emails_supervisors', 'sup-group@estate.example');
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '3-1-502', occupant: '刘桂英', categories: ['elderly_alone'], id_number: '110101194501011234', notes: 'CANARY-精神病史', moved_in_on: '2026-01-01' }));
    ok(rpc(host, 'createRecord', 'care_log', { household_id: h.id, at: '2026-11-25T08:00:00+08:00', kind: 'visit', notes: 'CANARY-犯罪记录' }));
    ok(rpc(host, 'updateRecord', 'households', h.id, 1, { notes: 'CANARY-更新', phone: '13800000000' }));
    host.setNow('2026-11-26T09:00:00+08:00'); // the next morning, after the 08:00 digest hour
    scan(host);
    scan(host);
    const group = host.outbox.filter((m) => m.to.includes('security-group@estate.example'));
    expect(group.length).toBe(1);
    expect(group[0].subject).toContain('重点户异动');
    const everything = JSON.stringify(host.outbox);
    expect(everything).not.toContain('CANARY');
    expect(everything).not.toContain('110101194501011234');
    expect(host.outbox.some((m) => m.to.includes('sup-group@estate.example'))).toBe(true);
  });

  it('keeps the hidden ledger to one row per open item and rule: closed items drop out, nothing is resent', () => {
    const host = book();
    host.setNow('2026-11-25T12:00:00+08:00');
    const first = scan(host);
    expect(first.emails.length).toBeGreaterThanOrEqual(2);
    const ledger = sheetNamed(host, '_提醒记录');
    expect(ledger.hidden).toBe(true);
    const keyed = () => ledger.rows.slice(1).filter((r) => r && r[0]);
    const items = new Set(first.overdue.map((o) => `${o.register}|${o.id}|${o.rule}`));
    // However many people were reminded of an item, it has one row.
    expect(keyed().length).toBe(items.size);
    // Three thousand rows of items closed long ago, as a year of use would leave them.
    for (let i = 0; i < 3000; i++) ledger.rows.push([`complaints|C-2020-${i}|dispatch`, '2020-01-01T08:15:00+08:00', 1, '2020-01-01T09:00:00+08:00', 'old@estate.example', '', '']);
    host.setNow('2026-11-25T13:00:00+08:00');
    expect(scan(host).emails).toEqual([]);
    expect(keyed().length).toBe(items.size);
    expect(ledger.rows.length).toBeLessThanOrEqual(items.size + 1);
    // Closing a complaint drops its rows at the next scan, and nothing is sent again.
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', 'C-2026-0001', 1, 'dispatch', { department: '工程部' })));
    host.setNow('2026-11-25T14:00:00+08:00');
    const later = scan(host);
    expect(later.emails).toEqual([]);
    expect(keyed().map((r) => String(r![0]))).not.toContain('complaints|C-2026-0001|dispatch');
    expect(keyed().length).toBe(new Set(later.overdue.map((o) => `${o.register}|${o.id}|${o.rule}`)).size);
  });

  it('reads each register once and makes the same number of Spreadsheet calls on a large workbook', () => {
    const small = book();
    const large = book();
    const sheet = sheetNamed(large, '投诉');
    const row = sheet.rows[1];
    for (let i = 0; i < 5000; i++) sheet.rows.push([...row.slice(0, 0), `C-2025-${i}`, ...row.slice(1)]);
    sheet.maxRows = sheet.rows.length + 100;
    for (const host of [small, large]) {
      host.setNow('2026-11-25T12:00:00+08:00');
      scan(host); // first run creates the ledger tab
      host.setNow('2026-11-25T12:30:00+08:00');
      host.resetCounters();
      scan(host);
    }
    expect(small.counters['SpreadsheetApp.Range.getValues']).toBe(large.counters['SpreadsheetApp.Range.getValues']);
    // One read per scanned register (the visitor log, 住户登记, 出门备案录, 出租屋登记 and 入住手续 added one each), the ledger and Settings.
    expect(small.counters['SpreadsheetApp.Range.getValues']).toBeLessThanOrEqual(17);
    expect(large.spreadsheetCalls()).toBeLessThanOrEqual(small.spreadsheetCalls() + 2);
    void cells;
  });
});

describe('what the scan writes, and when it holds the lock', () => {
  /** A host on the same workbook whose hook runs before every service call of the scan. */
  const hooked = (host: Host, onCall: (name: string) => void, mailQuota?: number) =>
    createHost({ codePath: CODE, workbook: host.workbook, user: MANAGER, now: host.now().toISOString(), onCall, mailQuota });

  it('writes no cell when nothing changed, and an upgrade writes only its changed cells, never a cell typed meanwhile', () => {
    const host = setUpBook({ now: '2026-10-01T09:00:00+08:00' });
    const c = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-10-01T08:00:00+08:00', class: 'minor' })));
    for (let i = 0; i < 20; i++) {
      const other = ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-10-01T08:00:00+08:00', subject: `第${i}件` })));
      ok(rpc(host, 'transition', 'complaints', other.id, 1, 'dispatch', { department: '工程部' }));
      ok(rpc(host, 'transition', 'complaints', other.id, 2, 'resolve', {}));
    }
    host.setNow('2026-10-30T09:00:00+08:00');
    scan(host);
    host.setNow('2026-10-30T09:30:00+08:00');
    host.resetCounters();
    expect(scan(host).emails).toEqual([]);
    expect(host.cells.written).toBe(0);

    // The upgrade run: a clerk types into the same row (complainant and notes) after the scan read the tab.
    const sheet = sheetNamed(host, '投诉');
    const header = sheet.rows[0] as string[];
    const rowOf = () => sheet.rows.findIndex((r) => r && r[header.indexOf('编号')] === c.id);
    const typed = { 投诉人: '刚改过的王女士', 投诉事项: '楼道灯不亮（已补充：三楼也坏了）' };
    let typedIn = false;
    const runner = hooked(host, (name) => {
      if (typedIn || !/\.(setValues|setValue)$/.test(name)) return;
      typedIn = true;
      for (const [h, v] of Object.entries(typed)) sheet.rows[rowOf()]![header.indexOf(h)] = v;
    });
    runner.setNow('2026-10-31T08:00:01+08:00');
    const r = scan(runner);
    expect(r.upgraded).toEqual([c.id]);
    expect(typedIn).toBe(true);
    for (const [h, v] of Object.entries(typed)) expect(sheet.rows[rowOf()]![header.indexOf(h)]).toBe(v);
    const rec = ok(rpc(host, 'getRecord', 'complaints', c.id)).record as { version: number; fields: Record<string, unknown> };
    expect(rec.fields.class).toBe('major');
    expect(rec.version).toBe(2);
    // Class, version, updated at/by, 指纹 and the two due cells, the upgrade's 变更记录 row, plus the reminder ledger's few cells; not 21 rows.
    expect(runner.cells.written).toBeLessThan(60);
    // The fingerprint was taken over the cells as read, so what the clerk typed meanwhile is reported by the next scan.
    runner.setNow('2026-10-31T09:00:00+08:00');
    expect((scan(runner) as unknown as { edited: string[] }).edited).toEqual([c.id]);
  });

  it('does not hold the document lock while mailing: another run gets it at once and resends nothing in progress', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00', class: 'major' })));
    const free: boolean[] = [];
    let overlapping: Scan | null = null;
    const other = createHost({ codePath: CODE, workbook: host.workbook, user: MANAGER, now: '2026-11-25T12:00:00+08:00' });
    const runner = hooked(host, (name) => {
      if (name !== 'MailApp.sendEmail') return;
      // Another user's write would take the lock here (the no-document-lock quirk falls back to the script lock).
      free.push(
        vm.runInContext('(function () { var l = LockService.getDocumentLock() || LockService.getScriptLock(); var got = l.tryLock(0); if (got) l.releaseLock(); return got; })()', other.context) as boolean,
      );
      overlapping ??= scan(other);
    });
    runner.setNow('2026-11-25T12:00:00+08:00');
    const r = scan(runner);
    expect(r.emails.length).toBeGreaterThan(1);
    expect(free.length).toBe(r.emails.length);
    expect(free.every(Boolean)).toBe(true);
    // The overlapping run was not turned away as busy, and sent nothing the first run was sending.
    expect(overlapping).toMatchObject({ ok: true, emails: [] });
    expect(other.outbox).toEqual([]);
    // Once both are done, nothing is left to send.
    runner.setNow('2026-11-25T12:05:00+08:00');
    expect(scan(runner).emails).toEqual([]);
  });

  it('keeps a reminder whose email failed and sends it at the next run, without resending the others', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T08:00:00+08:00', class: 'major' })));
    let failed = false;
    const runner = hooked(host, (name) => {
      if (name !== 'MailApp.sendEmail' || failed) return;
      failed = true;
      throw new Error('Service unavailable: Gmail');
    });
    runner.setNow('2026-11-25T12:00:00+08:00');
    const first = scan(runner);
    expect(first.ok).toBe(true);
    expect(first.deferred).toEqual([expect.objectContaining({ reason: 'failed' })]);
    const lost = first.deferred[0].to.join();
    host.setNow('2026-11-25T13:00:00+08:00');
    const next = scan(host);
    expect(next.emails.map((e) => e.to.join())).toEqual([lost]);
    expect(next.emails[0].ids).toEqual(first.deferred[0].ids);
  });
});

describe('triggers', () => {
  it('keeps exactly one hourly scan trigger per spreadsheet, however often and by whomever it is installed', () => {
    const host = setUpBook();
    for (let i = 0; i < 3; i++) ok(rpc(host, 'installTriggers'));
    const other = as(host, SUPERVISOR, () => ok(rpc(host, 'installTriggers')));
    expect(other.installed).toBe(false);
    expect(other.owner).toBe(MANAGER);
    const scans = host.workbook.triggers.filter((t) => t.handler === 'runOverdueScan');
    expect(scans.length).toBe(1);
    expect(scans[0].owner).toBe(MANAGER);
    ok(rpc(host, 'uninstallTriggers'));
    expect(host.workbook.triggers.filter((t) => t.handler === 'runOverdueScan')).toEqual([]);
    ok(as(host, SUPERVISOR, () => rpc(host, 'installTriggers')));
    expect(host.workbook.triggers.filter((t) => t.handler === 'runOverdueScan').map((t) => t.owner)).toEqual([SUPERVISOR]);
  });

  it('refuses a clerk', () => {
    const host = setUpBook();
    expect(as(host, CLERK, () => rpc(host, 'installTriggers'))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('rows typed straight into the sheet', () => {
  it('become records with ids, keep what was typed, and have their deadlines caught', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    ok(rpc(host, 'createRecord', 'complaints', complaint()));
    const sheet = sheetNamed(host, '投诉');
    const header = sheet.rows[0] as string[];
    const typed: unknown[] = header.map(() => '');
    typed[header.indexOf('受理时间')] = '2026-11-25 08:00';
    typed[header.indexOf('投诉人')] = '手工录入的王先生';
    typed[header.indexOf('投诉事项')] = '地下车库漏水';
    typed[header.indexOf('类别')] = '重要';
    sheet.rows.push(typed as never);
    const typedCells = JSON.stringify(['受理时间', '投诉人', '投诉事项', '类别'].map((h) => typed[header.indexOf(h)]));
    host.setNow('2026-11-25T12:00:00+08:00');
    const r = scan(host);
    expect(r.adopted).toEqual(['C-2026-0002']);
    expect(r.overdue.filter((o) => o.id === 'C-2026-0002').map((o) => o.rule).sort()).toEqual(['dispatch', 'handover']);
    const row = sheet.rows.at(-1)!;
    expect(JSON.stringify(['受理时间', '投诉人', '投诉事项', '类别'].map((h) => row[header.indexOf(h)]))).toBe(typedCells);
    const rec = ok(rpc(host, 'getRecord', 'complaints', 'C-2026-0002')).record as { version: number; state: string; fields: Record<string, unknown> };
    expect(rec).toMatchObject({ version: 1, state: 'received', fields: { created_by: 'sheet', subject: '地下车库漏水', class: 'important' } });
    ok(rpc(host, 'transition', 'complaints', 'C-2026-0002', 1, 'dispatch', { department: '工程部' }));
    expect(scan(host).adopted).toEqual([]);
  });
});
