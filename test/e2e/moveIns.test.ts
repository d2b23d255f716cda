// 入住手续 through dist/Code.js: each step stamps its own time once, a step still open move_in_days after the move-in date is overdue at the minute, and the 入住通知书 and 验房确认单 print.
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { as, cells, CLERK, DEPT, fireScan, ok, rpc, SECURITY, setSetting, setUpBook, snapshot, SUPERVISOR, type Result } from './book';
import { renderPdf } from '../../src/local/pdf';

type Host = ReturnType<typeof setUpBook>;
const moveIn = { unit: '6-1-201', resident: '黄志强', move_in_on: '2026-11-20' };
const STEPS = ['docs', 'notice', 'contract', 'fees', 'handover', 'inspection'] as const;

function withMoveIn(now = '2026-11-20T09:00:00+08:00') {
  const host = setUpBook({ now });
  const m = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'move_ins', moveIn)));
  return { host, m };
}
const step = (host: Host, m: Result, action: string, fields: Record<string, unknown> = {}, user = CLERK) => {
  const done = ok(as(host, user, () => rpc(host, 'transition', 'move_ins', m.id, m.version, action, fields)));
  m.version = done.version;
  return done;
};
const dueItems = (host: Host) => (ok(rpc(host, 'runOverdueScan')).overdue as { register: string; id: string; rule: string }[]).filter((i) => i.register === 'move_ins');

async function pdfText(host: Host, name: string): Promise<string> {
  const out = join(__dirname, '../../artifacts/notices');
  mkdirSync(out, { recursive: true });
  const pdf = join(out, `${name}.pdf`);
  expect(await renderPdf(host.pdfRequests[host.pdfRequests.length - 1]!.html, pdf)).toEqual({ ok: true });
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('move-ins (入住手续)', () => {
  it('records a move-in with every step open, in the 入住手续 tab', () => {
    const { host, m } = withMoveIn();
    expect(m.id).toMatch(/^MI-2026-\d+$/);
    expect(m.record).toMatchObject({ unit: '6-1-201', resident: '黄志强', move_in_on: '2026-11-20' });
    for (const s of STEPS) expect(m.record![`${s}_at`] ?? null).toBeNull();
    const got = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'move_ins', m.id))) as Result & { record: { actions: string[] } };
    expect(got.record).toMatchObject({ state: 'open', actions: [...STEPS] });
    expect(cells(host, '入住手续')[0]).toEqual(expect.arrayContaining(['编号', '房号', '业主/住户', '入住日期', '资料审核', '签物业合同', '交钥匙门禁卡', '钥匙（把）', '门禁卡（张）', '验房双方签字', '更新人']));
  });

  it('each step stamps its own time and who did it, once; keys and cards are counted', () => {
    const { host, m } = withMoveIn();
    const times = ['09:10', '09:20', '09:40', '10:00', '10:30', '11:15'];
    STEPS.forEach((s, i) => {
      host.setNow(`2026-11-20T${times[i]}:00+08:00`);
      const user = s === 'inspection' ? SUPERVISOR : CLERK;
      const done = step(host, m, s, s === 'handover' ? { keys: 3, cards: 2 } : {}, user);
      expect(Date.parse(String(done.record![`${s}_at`]))).toBe(Date.parse(`2026-11-20T${times[i]}:00+08:00`));
      expect(done.record!.updated_by).toBe(user);
    });
    const row = JSON.stringify(cells(host, '入住手续'));
    expect(row).toContain(SUPERVISOR);
    const last = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'move_ins', m.id))) as Result & { record: { fields: Record<string, unknown>; actions: string[] } };
    expect(last.record.fields).toMatchObject({ keys: 3, cards: 2 });
    expect(last.record.actions).toEqual([]);
    // With its last step done the move-in is closed: it leaves the sidebar's open list.
    expect(last.record).toMatchObject({ state: 'closed' });
    const open = ok(as(host, CLERK, () => rpc(host, 'findRecords', 'move_ins', { open: true }))) as Result & { records: { id: string }[] };
    expect(open.records.map((r) => r.id)).not.toContain(m.id);
    // Done once: the time it was done stays the record of it.
    const before = snapshot(host);
    const again = as(host, CLERK, () => rpc(host, 'transition', 'move_ins', m.id, m.version, 'docs'));
    expect(again).toMatchObject({ ok: false, code: 'precondition' });
    expect(again.message).toContain('这一步已于 2026年11月20日 09:10 办理');
    expect(snapshot(host)).toBe(before);
  });

  it('refuses keys without counts, a count that is not a whole number, an unknown resident, and staff outside the office, writing nothing', () => {
    const { host, m } = withMoveIn();
    const before = snapshot(host);
    const none = as(host, CLERK, () => rpc(host, 'transition', 'move_ins', m.id, m.version, 'handover', {}));
    expect(none).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys(none.fieldErrors ?? {}).sort()).toEqual(['cards', 'keys']);
    const half = as(host, CLERK, () => rpc(host, 'transition', 'move_ins', m.id, m.version, 'handover', { keys: 2.5, cards: -1 }));
    expect(half).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { keys: '请填写 0 到 99 的整数', cards: '请填写 0 到 99 的整数' } });
    const unknown = as(host, CLERK, () => rpc(host, 'createRecord', 'move_ins', { ...moveIn, resident_id: 'RS-2026-9999' }));
    expect(unknown).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { resident_id: '住户登记里没有这个编号' } });
    const noDate = as(host, CLERK, () => rpc(host, 'createRecord', 'move_ins', { ...moveIn, move_in_on: '' }));
    expect(noDate.fieldErrors).toHaveProperty('move_in_on');
    for (const user of [DEPT, SECURITY]) {
      expect(as(host, user, () => rpc(host, 'createRecord', 'move_ins', moveIn))).toMatchObject({ ok: false, code: 'forbidden' });
      expect(as(host, user, () => rpc(host, 'transition', 'move_ins', m.id, m.version, 'docs'))).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(snapshot(host)).toBe(before);
  });

  it('links to the residents row it names', () => {
    const host = setUpBook({ now: '2026-11-20T09:00:00+08:00' });
    const r = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'residents', { unit: '6-1-201', name: '黄志强', tenure: 'owner', members: '黄志强 本人', moved_in_on: '2026-11-20' })));
    const m = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'move_ins', { ...moveIn, resident_id: r.id })));
    expect(m.record).toMatchObject({ resident_id: r.id });
  });

  it('a step still open move_in_days (7) after the move-in date is overdue: not at 23:59 on the 27th, at 00:00 on the 28th, naming the open steps', () => {
    const { host, m } = withMoveIn();
    for (const s of ['docs', 'notice', 'contract', 'fees']) step(host, m, s);
    host.setNow('2026-11-27T23:59:00+08:00');
    expect(dueItems(host)).toEqual([]);
    host.setNow('2026-11-28T00:00:00+08:00');
    const [item, ...rest] = dueItems(host);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ id: m.id, rule: 'steps_due', due: '2026-11-27T23:59:59+08:00' });
    fireScan(host);
    const mail = host.outbox.filter((x) => x.body.includes(String(m.id)));
    expect(mail.length).toBeGreaterThan(0);
    // The supervisors' digest; the clerk who does the steps sees it in the to-do list below.
    expect(mail.some((x) => x.to.includes(SUPERVISOR))).toBe(true);
    expect(mail.some((x) => x.to.includes(DEPT) || x.to.includes(SECURITY))).toBe(false);
    expect(mail[0]!.body).toContain('入住手续未按时办完');
    expect(mail[0]!.body).toContain('交钥匙门禁卡、验房双方签字');
    const todo = ok(as(host, CLERK, () => rpc(host, 'getTodo'))) as Result & { items: { id: string; rule: string; title: string }[] };
    expect(todo.items.find((i) => i.id === m.id)).toMatchObject({ rule: 'steps_due', title: '黄志强：交钥匙门禁卡、验房双方签字' });
    step(host, m, 'handover', { keys: 2, cards: 2 });
    step(host, m, 'inspection');
    expect(dueItems(host)).toEqual([]);
  });

  it('follows move_in_days in Settings', () => {
    const { host, m } = withMoveIn();
    setSetting(host, 'move_in_days', 3);
    host.setNow('2026-11-23T23:59:00+08:00');
    expect(dueItems(host)).toEqual([]);
    host.setNow('2026-11-24T00:01:00+08:00');
    expect(dueItems(host).map((i) => i.id)).toEqual([m.id]);
  });

  it('prints the 入住通知书 with the date, the steps and what to bring; issuing it marks that step done', async () => {
    const { host, m } = withMoveIn('2026-11-18T10:00:00+08:00');
    const options = ok(as(host, CLERK, () => rpc(host, 'getNoticeOptions', 'move_ins', m.id))) as Result & { templates: { key: string }[] };
    expect(options.templates.map((t) => t.key)).toEqual(['move_in_notice', 'inspection_list']);
    host.setNow('2026-11-18T10:05:00+08:00');
    const r = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'move_ins', m.id, 'move_in_notice')));
    expect(r.number).toContain('入住字第 001 号');
    const got = ok(as(host, CLERK, () => rpc(host, 'getRecord', 'move_ins', m.id))) as Result & { record: { fields: Record<string, unknown>; actions: string[] } };
    expect(Date.parse(String(got.record.fields.notice_at))).toBe(Date.parse('2026-11-18T10:05:00+08:00'));
    expect(got.record.actions).not.toContain('notice');
    const text = await pdfText(host, 'move_in_notice-e2e');
    for (const t of ['入住通知书', '尊敬的黄志强', '6-1-201已具备入住条件', '2026年11月20日', '办理流程', '签订物业管理合同', '领取钥匙和门禁卡', '所需材料', '身份证', '0755-86001234', String(m.id)]) expect(text).toContain(t);
  }, 60_000);

  it('prints the 验房确认单: the rooms with 完好/有问题 left to tick, the keys handed over and both sides’ signature lines, in zh-Hant too', async () => {
    const { host, m } = withMoveIn();
    step(host, m, 'handover', { keys: 3, cards: 2 });
    ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'move_ins', m.id, 'inspection_list')));
    const text = await pdfText(host, 'inspection_list-e2e');
    for (const t of ['验房确认单', '验房项目', '房间/项目完好有问题备注', '入户门及门锁', '卫生间', '对讲门禁', '钥匙3把，门禁卡2张', '管理处（签字）', '业主/住户（签字）', '黄志强', '6-1-201']) expect(text).toContain(t);
    setSetting(host, 'lang', 'zh-Hant');
    const r = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'move_ins', m.id, 'inspection_list')));
    expect(r.number).toContain('验房字第');
    const hant = await pdfText(host, 'inspection_list-zh-Hant-e2e');
    for (const t of ['驗房確認單', '房間/項目完好有問題備註', '衛生間', '鑰匙3把，門禁卡2張', '管理處（簽字）', '業主/住戶（簽字）']) expect(hant).toContain(t);
  }, 90_000);
});
