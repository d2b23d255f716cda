// End to end through dist/Code.js: 物资放行条 (release_passes): a let flat's or key household's pass waits for a supervisor, the gate stamps the time out, and the 放行条 prints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, CLERK, DEPT, ok, Result, rpc, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR } from './book';
import { renderPdf } from '../../src/local/pdf';

const NOW = '2026-11-25T09:00:00+08:00';
const pass = (extra: Record<string, unknown> = {}) => ({ unit: '6-1-201', goods: '冰箱一台\n旧沙发一套', carrier: '赵师傅', approval: 'owner', approved_by: '黄志强', ...extra });

type Host = ReturnType<typeof setUpBook>;
const create = (host: Host, extra: Record<string, unknown> = {}) => ok(as(host, CLERK, () => rpc(host, 'createRecord', 'release_passes', pass(extra))));
const run = (host: Host, user: string, r: Result, action: string) => as(host, user, () => rpc(host, 'transition', 'release_passes', r.id, r.version, action));
const letFlat = (host: Host) =>
  ok(as(host, CLERK, () => rpc(host, 'createRecord', 'tenancies', { unit: '6-1-201', tenant: '黄志强', lease_start: '2026-11-01', lease_end: '2027-10-31' })));

describe('release passes (物资放行条)', () => {
  it('lets the gate stamp the time out at once for a unit that is neither let nor a key household', () => {
    const host = setUpBook({ now: NOW });
    const r = create(host);
    expect(r.id).toMatch(/^RP-2026-/);
    expect(r.record).toMatchObject({ status: 'approved', goods: '冰箱一台\n旧沙发一套', carrier: '赵师傅', approval: 'owner', approved_by: '黄志强' });
    host.setNow('2026-11-25T10:20:00+08:00');
    const out = ok(run(host, SECURITY, r, 'out'));
    expect(out.record).toMatchObject({ status: 'out', out_at: '2026-11-25T10:20:00+08:00' });
    expect(run(host, SECURITY, { ...r, version: out.version }, 'out')).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('holds a let flat’s pass at the gate until a supervisor approves it, naming that step', () => {
    const host = setUpBook({ now: NOW });
    letFlat(host);
    const r = create(host);
    expect(r.record).toMatchObject({ status: 'pending' });
    const before = snapshot(host);
    const refused = run(host, SECURITY, r, 'out');
    expect(refused).toMatchObject({ ok: false, code: 'precondition' });
    expect(refused.message).toBe('当前状态下不能进行此操作：先执行 主管审批');
    expect(run(host, CLERK, r, 'approve')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(run(host, SECURITY, r, 'approve')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    host.setNow('2026-11-25T09:30:00+08:00');
    const approved = ok(run(host, SUPERVISOR, r, 'approve'));
    expect(approved.record).toMatchObject({ status: 'approved', approver: '王建国', approved_at: '2026-11-25T09:30:00+08:00' });
    host.setNow('2026-11-25T10:00:00+08:00');
    expect(ok(run(host, SECURITY, approved, 'out')).record).toMatchObject({ status: 'out', out_at: '2026-11-25T10:00:00+08:00' });
  });

  it('holds a key household’s pass too, but not once the tenancy has ended', () => {
    const host = setUpBook({ now: NOW });
    ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '7-1-302', occupant: '钱先生', categories: ['troublemaker'] })));
    expect(create(host, { unit: '7-1-302' }).record).toMatchObject({ status: 'pending' });
    const t = letFlat(host);
    ok(as(host, CLERK, () => rpc(host, 'transition', 'tenancies', t.id, t.version, 'end')));
    expect(create(host).record).toMatchObject({ status: 'approved' });
  });

  it('sends a ready pass back to the supervisor when its unit is changed to a let flat', () => {
    const host = setUpBook({ now: NOW });
    letFlat(host);
    const r = create(host, { unit: '9-1-301' });
    expect(r.record).toMatchObject({ status: 'approved' });
    const moved = ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'release_passes', r.id, r.version, { unit: '6-1-201' })));
    expect(moved.record).toMatchObject({ status: 'pending' });
    expect(run(host, SECURITY, moved, 'out')).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('is issued by the office and read by the gate; nobody else writes or reads it', () => {
    const host = setUpBook({ now: NOW });
    const before = snapshot(host);
    expect(as(host, SECURITY, () => rpc(host, 'createRecord', 'release_passes', pass()))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, STRANGER, () => rpc(host, 'createRecord', 'release_passes', pass()))).toMatchObject({ ok: false, code: 'forbidden' });
    const missing = as(host, CLERK, () => rpc(host, 'createRecord', 'release_passes', { unit: '6-1-201', goods: ' ' }));
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(['approval', 'approved_by', 'carrier', 'goods']);
    expect(snapshot(host)).toBe(before);
    create(host);
    expect(ok(as(host, SECURITY, () => rpc(host, 'findRecords', 'release_passes', {}))).records).toHaveLength(1);
    expect(as(host, DEPT, () => rpc(host, 'findRecords', 'release_passes', {}))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('prints the 放行条 once approved: unit, goods, carrier, who confirmed, the supervisor, and a line for the gate', async () => {
    const host = setUpBook({ now: NOW });
    letFlat(host);
    const r = create(host, { goods: '冰箱一台\n纸箱五个（联系13812345678）' });
    const early = as(host, CLERK, () => rpc(host, 'generateNotice', 'release_passes', r.id, 'release_pass'));
    expect(early).toMatchObject({ ok: false, code: 'precondition', message: '先执行 主管审批' });
    const options = ok(as(host, CLERK, () => rpc(host, 'getNoticeOptions', 'release_passes', r.id))).templates;
    expect(options).toEqual([{ key: 'release_pass', label: '物资搬运放行条' }]);
    host.setNow('2026-11-25T09:30:00+08:00');
    ok(run(host, SUPERVISOR, r, 'approve'));
    const doc = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'release_passes', r.id, 'release_pass')));
    expect(doc.number).toBe('〔2026〕放行字第 001 号');
    const fields = (ok(rpc(host, 'getRecord', 'release_passes', r.id)).record as { fields: Record<string, string> }).fields;
    expect(fields.pdf_url).toBe(doc.pdfUrl);
    const pdf = join(mkdtempSync(join(tmpdir(), 'release-')), 'pass.pdf');
    expect(await renderPdf(host.pdfRequests.at(-1)!.html, pdf)).toEqual({ ok: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    for (const s of ['物资搬运放行条', '〔2026〕放行字第 001 号', '秩序维护部门岗', '6-1-201', '冰箱一台', '纸箱五个', '赵师傅', '业主确认：黄志强', '王建国', '门岗放行人', '0755-86001234']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('13812345678');
  }, 60_000);
});
