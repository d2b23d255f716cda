// 出门备案录 and 突发事件处理记录 through dist/Code.js: an outing not back in time reaches security at the minute; an emergency entry is append-only, mailed to the manager without its reason, and printed for three signatures.
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { as, cells, CLERK, DEPT, fireScan, MANAGER, ok, rpc, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR, type Result } from './book';
import { renderPdf } from '../../src/local/pdf';

const PHONE = '13812345678';
const outing = { resident: '王奶奶', unit: '7-1-302', expected_back: '2026-11-25T17:00:00+08:00', phone: PHONE, note: '去女儿家吃饭' };

function withOuting() {
  const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
  const o = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'outings', outing)));
  return { host, o };
}

describe('outings (出门备案录)', () => {
  it('records the outing with the time out filled in; the phone is masked in the edit form', () => {
    const { host, o } = withOuting();
    expect(o.id).toMatch(/^OT-2026-\d+$/);
    expect(o.record).toMatchObject({ resident: '王奶奶', unit: '7-1-302' });
    expect(Date.parse(String(o.record!.out_at))).toBe(Date.parse('2026-11-25T09:00:00+08:00'));
    expect(o.record!.back_at ?? null).toBeNull();
    const edit = ok(as(host, CLERK, () => rpc(host, 'getEditable', 'outings', o.id))) as Result & { masked: Record<string, unknown> };
    expect(edit.masked.phone).toBe('138****5678');
    expect(JSON.stringify(cells(host, '出门备案录'))).toContain('王奶奶');
  });

  it('takes the unit from the key household picked', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '6-1-201', occupant: '黄志强', categories: ['elderly_alone'] })));
    const o = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'outings', { resident: '黄志强', household_id: h.id, expected_back: '2026-11-25T12:00:00+08:00' })));
    expect(o.record).toMatchObject({ household_id: h.id, unit: '6-1-201' });
  });

  it('refuses an outing with neither household nor unit, an unknown household, or a return before leaving, writing nothing', () => {
    const host = setUpBook({ now: '2026-11-25T09:00:00+08:00' });
    const before = snapshot(host);
    const none = as(host, CLERK, () => rpc(host, 'createRecord', 'outings', { resident: '王奶奶', expected_back: '2026-11-25T17:00:00+08:00' }));
    expect(none).toMatchObject({ ok: false, code: 'invalid' });
    expect(none.fieldErrors).toHaveProperty('unit');
    const unknown = as(host, CLERK, () => rpc(host, 'createRecord', 'outings', { resident: '王奶奶', household_id: 'H-2026-9999', expected_back: '2026-11-25T17:00:00+08:00' }));
    expect(unknown.fieldErrors).toHaveProperty('household_id');
    const early = as(host, CLERK, () => rpc(host, 'createRecord', 'outings', { ...outing, expected_back: '2026-11-25T08:00:00+08:00' }));
    expect(early.fieldErrors).toHaveProperty('expected_back');
    expect(String(early.fieldErrors!.expected_back)).toContain('预计返回时间须晚于出门时间');
    expect(as(host, DEPT, () => rpc(host, 'createRecord', 'outings', outing))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(as(host, STRANGER, () => rpc(host, 'createRecord', 'outings', outing))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
  });

  it('an edit may change the note, but not leave the outing with neither household nor unit', () => {
    const { host, o } = withOuting();
    const before = snapshot(host);
    const blanked = as(host, CLERK, () => rpc(host, 'updateRecord', 'outings', o.id, o.version, { unit: '', household_id: '' }));
    expect(blanked).toMatchObject({ ok: false, code: 'invalid' });
    expect(blanked.fieldErrors).toHaveProperty('unit');
    expect(snapshot(host)).toBe(before);
    const noted = ok(as(host, CLERK, () => rpc(host, 'updateRecord', 'outings', o.id, o.version, { note: '改去儿子家' })));
    expect(noted.record).toMatchObject({ note: '改去儿子家', unit: '7-1-302' });
  });

  it('已返回 stamps the time back, once; security may run it', () => {
    const { host, o } = withOuting();
    host.setNow('2026-11-25T16:20:00+08:00');
    const back = ok(as(host, SECURITY, () => rpc(host, 'transition', 'outings', o.id, o.version, 'returned')));
    expect(Date.parse(String(back.record!.back_at))).toBe(Date.parse('2026-11-25T16:20:00+08:00'));
    expect(as(host, SECURITY, () => rpc(host, 'transition', 'outings', o.id, back.version, 'returned'))).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('alerts security once the resident is outing_grace_hours (2) past the expected time: not at 19:00, at 19:01; no phone in mail or log', () => {
    const { host, o } = withOuting();
    host.setNow('2026-11-25T19:00:00+08:00');
    fireScan(host);
    expect(host.outbox.filter((m) => m.body.includes('王奶奶'))).toEqual([]);
    host.setNow('2026-11-25T19:01:00+08:00');
    fireScan(host);
    const mine = host.outbox.filter((m) => m.to.includes(SECURITY));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('出门逾时未归');
    expect(mine[0]!.body).toContain('王奶奶');
    expect(mine[0]!.body).toContain('7-1-302');
    expect(mine[0]!.body).toContain(String(o.id));
    for (const to of [DEPT, CLERK]) expect(host.outbox.some((m) => m.to.includes(to))).toBe(false);
    expect(JSON.stringify([host.outbox, host.logs])).not.toContain(PHONE);
    const todo = ok(as(host, SECURITY, () => rpc(host, 'getTodo'))) as Result & { items: { id: string; rule: string; clear: unknown }[] };
    expect(todo.items.find((i) => i.id === o.id)).toMatchObject({ rule: 'not_back', clear: { kind: 'action', action: 'returned' } });
  });

  it('follows the grace in Settings, and says nothing once 已返回 is done', () => {
    const { host, o } = withOuting();
    host.setNow('2026-11-25T17:30:00+08:00');
    ok(as(host, SECURITY, () => rpc(host, 'transition', 'outings', o.id, o.version, 'returned')));
    host.setNow('2026-11-25T23:00:00+08:00');
    fireScan(host);
    expect(host.outbox.some((m) => m.body.includes('王奶奶'))).toBe(false);
  });
});

const entry = {
  unit: '7-1-302',
  reason: '独居老人两天未出门，敲门无人应答，联系不上子女',
  entered_by: '张强',
  witness_office: '李晓梅',
  witness_security: '张强',
  witness_other: '邻居 孙阿姨',
  findings: '老人摔倒在客厅，神志清醒，已送医',
  follow_up: '已通知其女儿，门窗已关好',
};

function withEntry() {
  const host = setUpBook({ now: '2026-11-25T21:40:00+08:00' });
  const e = ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'emergency_entries', entry)));
  return { host, e };
}

describe('emergency entries (突发事件处理记录)', () => {
  it('mails the manager at once: unit, time, who entered and the row link, never the reason or findings', () => {
    const { host, e } = withEntry();
    expect(e.id).toMatch(/^EE-2026-\d+$/);
    expect(Date.parse(String(e.record!.at))).toBe(Date.parse('2026-11-25T21:40:00+08:00'));
    const mail = host.outbox.filter((m) => m.subject.includes('突发事件入户'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toContain(MANAGER);
    expect(mail[0]!.subject).toContain('7-1-302');
    for (const text of ['7-1-302', '2026年11月25日 21:40', '张强', 'https://docs.google.com/spreadsheets/']) expect(mail[0]!.body).toContain(text);
    for (const text of ['摔倒', '送医', '两天未出门', '孙阿姨']) expect(JSON.stringify([host.outbox, host.logs])).not.toContain(text);
    // The manager's mail only: supervisors and clerks read the register.
    for (const to of [SUPERVISOR, CLERK, SECURITY]) expect(mail[0]!.to).not.toContain(to);
  });

  it('is append-only: no edit, no actions, and a bad entry names the three witnesses it lacks, writing and mailing nothing', () => {
    const { host, e } = withEntry();
    const before = snapshot(host);
    const sent = host.outbox.length;
    expect(as(host, MANAGER, () => rpc(host, 'updateRecord', 'emergency_entries', e.id, e.version, { findings: '改写' }))).toMatchObject({ ok: false, code: 'invalid' });
    const regs = ok(as(host, CLERK, () => rpc(host, 'getRegisters'))) as Result & { registers: { key: string; canEdit: boolean; appendOnly: boolean }[] };
    expect(regs.registers.find((r) => r.key === 'emergency_entries')).toMatchObject({ canEdit: false, appendOnly: true });
    const missing = as(host, SECURITY, () => rpc(host, 'createRecord', 'emergency_entries', { unit: '7-1-302', reason: '无应答', entered_by: '张强' }));
    expect(missing).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(['witness_office', 'witness_other', 'witness_security']);
    expect(as(host, DEPT, () => rpc(host, 'createRecord', 'emergency_entries', entry))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    expect(host.outbox).toHaveLength(sent);
  });

  it('prints 突发事件处理记录表 with the facts and three signature lines, named per party; the row is not rewritten', async () => {
    const { host, e } = withEntry();
    const options = ok(as(host, CLERK, () => rpc(host, 'getNoticeOptions', 'emergency_entries', e.id))) as Result & { templates: { key: string }[] };
    expect(options.templates.map((t) => t.key)).toEqual(['emergency_entry']);
    const row = JSON.stringify(cells(host, '突发事件处理记录'));
    const r = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'emergency_entries', e.id, 'emergency_entry')));
    expect(r.name).toBe(`emergency_entry-${e.id}-20261125`);
    expect(r.number).toContain('入户字第 001 号');
    expect(JSON.stringify(cells(host, '突发事件处理记录'))).toBe(row);
    const out = join(__dirname, '../../artifacts/notices');
    mkdirSync(out, { recursive: true });
    const pdf = join(out, 'emergency_entry-e2e.pdf');
    expect(await renderPdf(host.pdfRequests[host.pdfRequests.length - 1]!.html, pdf)).toEqual({ ok: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const t of ['突发事件处理记录表', '7-1-302', '2026年11月25日21:40', '入户原因', '独居老人两天未出门', '老人摔倒在客厅', '已通知其女儿', '见证方', '签字', '管理处李晓梅', '秩序维护部张强', '邻居或亲属邻居孙阿姨']) expect(text).toContain(t);
  }, 60_000);
});
