// One validation source: for the same payload, the sidebar's early check and the deployed server (dist/Code.js) give the same field errors.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, type Host } from '../../src/local/host';
import { actionErrors, entryErrors, type Payload } from '../../src/ui/forms';

const CODE = join(__dirname, '../../dist/Code.js');
const NOW = '2026-11-02T09:00:00+08:00';
const MANAGER = 'manager@estate.example';

type Reply = { ok: boolean; code?: string; id?: string; version?: number; fieldErrors?: Record<string, string> };

let host: Host;

function server(fn: string, ...args: unknown[]): Reply {
  return host.callFromClient(fn, args) as Reply;
}

beforeAll(() => {
  if (!existsSync(CODE)) throw new Error('dist/Code.js is needed: run `npm run build` first');
  host = createHost({ codePath: CODE, user: MANAGER, now: NOW });
  expect(server('setupWorkbook', 'zh-Hans')).toMatchObject({ ok: true });
});

const complaint = { received_at: '2026-11-02T08:00:00+08:00', complainant: '王女士', subject: '楼道灯不亮', class: 'minor' };
const violation = { found_at: '2026-11-02T08:00:00+08:00', unit: '5-302', category: 'fees', severity: 'general', description: '拖欠管理费三个月' };
const household = { unit: '3-1201', occupant: '陈伯', categories: ['elderly_alone'] };

test.each([
  ['complaints', 'nothing filled in', {}],
  ['complaints', 'a blank complainant', { ...complaint, complainant: '' }],
  ['complaints', 'a receipt time after now', { ...complaint, received_at: '2026-11-02T09:05:00+08:00' }],
  ['complaints', 'a time that does not exist', { ...complaint, received_at: '2026-02-30T08:00' }],
  ['complaints', 'options not offered', { ...complaint, class: 'severe', channel: 'fax' }],
  ['complaints', 'a 501-character subject', { ...complaint, subject: '吵'.repeat(501) }],
  ['complaints', 'a stamped field', { ...complaint, status: 'closed' }],
  ['complaints', 'a good complaint', complaint],
  ['violations', 'an amount in words', { ...violation, amount: '两百' }],
  ['violations', 'blank required choices and text', { ...violation, severity: '', description: '  ' }],
  ['violations', 'a good violation with an amount', { ...violation, amount: 200.5 }],
  ['households', 'no category', { ...household, categories: [] }],
  ['households', 'a bad category, date and number', { ...household, categories: ['tenant', 'alien'], due_date: '2026-13-01', helpers: 'two' }],
  ['households', 'a screening tomorrow', { ...household, screened_at: '2026-11-03T08:00:00+08:00' }],
  ['households', 'a good household', household],
  ['roles', 'an email without a domain', { email: 'nobody', roles: ['clerk'] }],
  ['roles', 'no role', { email: 'li@estate.example', roles: [] }],
  ['passes', 'an expiry on 31 November', { holder: '刘阿姨', role: 'nanny', unit: '3-1201', issued_on: '2026-11-01', expires_on: '2026-11-31' }],
] as const)('%s, %s: the sidebar and the server give the same field errors', (register, _what, payload) => {
  const client = entryErrors(register, payload as Payload, { nowMs: Date.parse(NOW), lang: 'zh-Hans' });
  const reply = server('createRecord', register, payload);
  expect(client).toEqual(reply.ok ? {} : reply.fieldErrors);
});

describe('actions', () => {
  let complaintRef: { id: string; version: number };
  let violationRef: { id: string; version: number };

  beforeAll(() => {
    const c = server('createRecord', 'complaints', complaint);
    const v = server('createRecord', 'violations', violation);
    expect(c.ok && v.ok).toBe(true);
    complaintRef = { id: c.id!, version: c.version! };
    violationRef = { id: v.id!, version: v.version! };
  });

  // Only payloads the schema refuses: those never reach a record, so each case starts from the same one.
  test.each([
    ['complaints', 'dispatch', {}],
    ['complaints', 'dispatch', { department: '' }],
    ['complaints', 'resolve', { resolution: '修'.repeat(5001) }],
    ['complaints', 'reclassify', { class: 'urgent' }],
    ['complaints', 'dispatch', { department: '工程部', at: '2026-11-02T10:00:00+08:00' }],
    ['complaints', 'dispatch', { department: '工程部', at: 'yesterday' }],
    ['complaints', 'start', { department: '工程部' }],
    ['violations', 'order_rectification', { rule_broken: '管理规约第十条' }],
    ['violations', 'order_rectification', { rectify_by: '2026-11-31T18:00:00+08:00' }],
    ['violations', 'serve_cut_notice', { cut_planned_at: '2026-11-09T09:00:00+08:00', amount: '很多' }],
  ] as const)('%s %s %j: the same field errors', (register, action, payload) => {
    const ref = register === 'complaints' ? complaintRef : violationRef;
    const client = actionErrors(register, action, payload as Payload, { nowMs: Date.parse(NOW), lang: 'zh-Hans' });
    const reply = server('transition', register, ref.id, ref.version, action, payload);
    expect(reply.ok).toBe(false);
    expect(Object.keys(client).length).toBeGreaterThan(0);
    expect(client).toEqual(reply.fieldErrors);
  });

  test('a payload the schema accepts is sent, and the server takes it', () => {
    const payload = { department: '工程部', at: '2026-11-02T08:30:00+08:00' };
    expect(actionErrors('complaints', 'dispatch', payload, { nowMs: Date.parse(NOW), lang: 'zh-Hans' })).toEqual({});
    expect(server('transition', 'complaints', complaintRef.id, complaintRef.version, 'dispatch', payload)).toMatchObject({ ok: true });
  });
});
