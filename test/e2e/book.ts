// Test helpers: a set-up workbook in the local host running the real dist/Code.js, with the office's staff.
import { join } from 'node:path';
import vm from 'node:vm';
import { createHost, Host, Quirk, Workbook } from '../../src/local/host';
import { newWorkbook } from '../../src/local/host/model';
import type { Stored } from '../../src/local/host/model';

export const CODE = join(__dirname, '../../dist/Code.js');
export const MANAGER = 'manager@estate.example';
export const SUPERVISOR = 'supervisor@estate.example';
export const CLERK = 'clerk@estate.example';
export const SECURITY = 'security@estate.example';
export const DEPT = 'engineering@estate.example';
export const STRANGER = 'stranger@elsewhere.example';

export interface Result {
  ok: boolean;
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  id?: string;
  version?: number;
  record?: Record<string, unknown>;
  [k: string]: unknown;
}

/** The office details setup asks for: printed on every notice, required before the first. */
export const OFFICE = { office_phone: '0755-86001234', office_address: '翠湖路88号物业服务中心一楼' };

/** A host on a fresh workbook, set up by the manager, with a clerk, a supervisor, security and a department. */
export function setUpBook(
  opts: {
    now?: string;
    lang?: string;
    workbook?: Workbook;
    tickMs?: number;
    mailQuota?: number;
    quirks?: Quirk[];
    onCall?: (name: string) => void;
    /** Granted OAuth scopes (default the built manifest's). */
    scopes?: string[];
    /** The office details given at setup (default OFFICE; null gives none, as the menu's setup does). */
    office?: Record<string, string> | null;
  } = {},
): Host {
  const host = createHost({
    codePath: CODE,
    workbook: opts.workbook ?? newWorkbook(),
    user: MANAGER,
    now: opts.now ?? '2026-11-25T09:00:00+08:00',
    tickMs: opts.tickMs,
    mailQuota: opts.mailQuota,
    quirks: opts.quirks,
    onCall: opts.onCall,
    scopes: opts.scopes,
  });
  const setup = host.call('setupWorkbook', opts.lang ?? 'zh-Hans', opts.office === undefined ? OFFICE : opts.office) as Result;
  if (!setup.ok) throw new Error(`setup failed: ${setup.message} ${host.logs.join(" | ")}`);
  const staff: [string, string, string[], string][] = [
    [CLERK, '李晓梅', ['clerk'], '客服中心'],
    [SUPERVISOR, '王建国', ['supervisor'], '客服中心'],
    [SECURITY, '张强', ['security'], '秩序维护部'],
    [DEPT, '陈工', ['department'], '工程部'],
  ];
  for (const [email, name, roles, department] of staff) ok(rpc(host, 'createRecord', 'roles', { email, name, roles, department }));
  return host;
}

/** Calls an entry point as google.script.run would. */
export const rpc = (host: Host, fn: string, ...args: unknown[]): Result => host.callFromClient(fn, args) as Result;

export function as<T>(host: Host, user: string, fn: () => T): T {
  const before = host.currentUser();
  host.setUser(user);
  try {
    return fn();
  } finally {
    host.setUser(before);
  }
}

export function ok(r: Result): Result {
  if (!r || r.ok !== true) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

export const sheetNamed = (host: Host, name: string) => {
  const s = host.workbook.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no tab ${name}; have ${host.workbook.sheets.map((x) => x.name).join(', ')}`);
  return s;
};

/** Sets one Settings value the way a manager types it into the 设置 tab. */
export function setSetting(host: Host, key: string, value: string | number): void {
  const row = sheetNamed(host, '设置').rows.find((r) => r && r[0] === key);
  if (!row) throw new Error(`no setting ${key}`);
  row[1] = value;
}

/** A tab's cells as stored (formulas included), trimmed to its used area. */
export function cells(host: Host, name: string): Stored[][] {
  return sheetNamed(host, name).rows.map((r) => [...(r ?? [])]);
}

/** Every cell of every tab, as a comparable snapshot. */
export function snapshot(host: Host): string {
  return JSON.stringify(host.workbook.sheets.map((s) => [s.name, s.rows]));
}

/** Every formula anywhere in the workbook, as Range.getFormulas() reports it inside the script's realm. */
export function formulas(host: Host): string[] {
  const all = vm.runInContext(
    'SpreadsheetApp.getActive().getSheets().map(function (s) { return s.getDataRange().getFormulas(); })',
    host.context,
  ) as string[][][];
  return all.flat(2).filter((f) => f !== '');
}

export const complaint = (extra: Record<string, unknown> = {}) => ({
  received_at: '2026-11-25T08:30:00+08:00',
  channel: 'phone',
  complainant: '王女士',
  unit: '3-1-502',
  subject: '楼道灯不亮',
  class: 'minor',
  ...extra,
});

export const violation = (extra: Record<string, unknown> = {}) => ({
  found_at: '2026-11-20T10:00:00+08:00',
  unit: '7-1-302',
  party: '赵先生',
  category: 'fees',
  severity: 'general',
  description: '拖欠物业管理费六个月',
  ...extra,
});

/**
 * Runs the hourly scan as Google does: its installed trigger fires as the owner with its uid. A
 * workbook without one gets the manager's (as if installed earlier, without counting service calls).
 */
export function fireScan(host: Host): unknown {
  if (!host.workbook.triggers.some((t) => t.handler === 'runOverdueScan')) {
    host.workbook.triggers.push({ id: `9${Date.now()}`, handler: 'runOverdueScan', eventType: 'CLOCK', source: 'CLOCK', docId: host.workbook.id, owner: MANAGER, schedule: { everyHours: 1 } });
  }
  return host.fireTrigger('runOverdueScan');
}
