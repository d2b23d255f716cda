// A day of late work across registers, for the digest tests (e2e and the 390 px screenshot).
import { as, CLERK, complaint, ok, rpc, sheetNamed, SUPERVISOR } from './book';
import type { Host } from '../../src/local/host';

/** Roster rows typed into 值班安排表, so only these shifts are checked for a handover. */
function roster(host: Host, rows: [string, string][]) {
  const sheet = sheetNamed(host, '值班安排表');
  const header = sheet.rows[0] as string[];
  for (const [date, officer] of rows) {
    const row: unknown[] = header.map(() => '');
    row[header.indexOf('日期')] = date;
    row[header.indexOf('班次')] = '夜班';
    row[header.indexOf('值班人')] = officer;
    sheet.rows.push(row as never);
  }
}

/**
 * A day's late work across registers: a complaint the engineering department has not resolved, a
 * night shift with no handover, a help request with no first reply for two days, a major
 * complaint nobody reported to the manager, and a new complaint not yet dispatched.
 */
export function lateDay(host: Host, boss = SUPERVISOR): Record<string, string> {
  roster(host, [
    ['2026-11-23', '张强'],
    ['2026-12-01', '张强'],
  ]);
  const ids: Record<string, string> = {};
  as(host, CLERK, () => {
    ids.request = String(ok(rpc(host, 'createRecord', 'requests', { received_at: '2026-11-23T10:00:00+08:00', type: 'repair', unit: '5-2-101', details: '厨房水管漏水' })).id);
    ids.resolve = String(ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-20T09:00:00+08:00', unit: '2-1-301', subject: '2-1-301 电梯异响' }))).id);
    ids.major = String(ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-24T08:10:00+08:00', class: 'major', subject: '电梯困人 <b>急</b>' }))).id);
    ids.dispatch = String(ok(rpc(host, 'createRecord', 'complaints', complaint({ received_at: '2026-11-25T11:00:00+08:00', subject: '门禁坏了' }))).id);
  });
  as(host, boss, () => {
    ok(rpc(host, 'transition', 'complaints', ids.resolve, 1, 'dispatch', { department: '工程部', at: '2026-11-20T09:05:00+08:00' }));
    ok(rpc(host, 'transition', 'complaints', ids.major, 1, 'dispatch', { department: '工程部', at: '2026-11-24T08:20:00+08:00' }));
  });
  return ids;
}

