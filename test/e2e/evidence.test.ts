// 证据包 through dist/Code.js: a violation taken through actions, notices and an edit, then its evidence pack read back from the PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as, cells, CLERK, complaint, MANAGER, ok, Result, rpc, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation } from './book';
import { renderPdf } from '../../src/local/pdf';
import type { Host } from '../../src/local/host';
import { createHash } from 'node:crypto';
import { jpeg, PDF } from '../fixtures/images';

const OUT = join(__dirname, '../../artifacts/notices');
const PHONE = '13812345678';
const ID = '110101198001011234';
const squeeze = (s: string) => s.replace(/\s+/g, '');
// Reading order, not layout: a cell's lines stay together.
const pdftotext = (pdf: string) => squeeze(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));

/** The last notice's HTML as the Doc was made from it, printed to a PDF and read back as text. */
async function packText(host: Host, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const pdf = join(OUT, `${name}.pdf`);
  expect(await renderPdf(host.pdfRequests[host.pdfRequests.length - 1]!.html, pdf)).toEqual({ ok: true });
  return pdftotext(pdf);
}

/** Each text found after the one before it. */
function expectInOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const p of parts) {
    const next = text.indexOf(squeeze(p), at + 1);
    if (next < 0) throw new Error(`"${p}" not found after position ${at} in:\n${text}`);
    at = next;
  }
}

/**
 * A fees violation as an office handles it: reported (a phone typed into the description), edited, ordered to rectify by
 * `rectifyBy` with its notice, the cut notice served and issued, the supply cut, and (when `rectifiedAt`) put right.
 */
function violationCase(rectifyBy: string, rectifiedAt: string | null) {
  const host = setUpBook({ now: '2026-11-20T10:30:00+08:00' });
  const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ amount: 1860, description: `拖欠物业管理费六个月，电话${PHONE}`, evidence: `身份证${ID}` }))));
  const step = (at: string, user: string, fn: string, ...args: unknown[]): Result => {
    host.setNow(at);
    return ok(as(host, user, () => rpc(host, fn, ...args)));
  };
  const version = () => Number((ok(rpc(host, 'getRecord', 'violations', v.id)).record as { version: number }).version);
  step('2026-11-20T11:00:00+08:00', CLERK, 'updateRecord', 'violations', v.id, version(), { subtype: '拒交物业费' });
  step('2026-11-20T14:00:00+08:00', SUPERVISOR, 'transition', 'violations', v.id, version(), 'order_rectification', { rectify_by: rectifyBy });
  const rectification = step('2026-11-20T15:00:00+08:00', SUPERVISOR, 'generateNotice', 'violations', v.id, 'rectification');
  step('2026-11-24T09:00:00+08:00', MANAGER, 'transition', 'violations', v.id, version(), 'serve_cut_notice', { cut_planned_at: '2026-11-28T09:30:00+08:00' });
  const cut = step('2026-11-24T09:10:00+08:00', MANAGER, 'generateNotice', 'violations', v.id, 'cut_notice');
  step('2026-11-28T09:30:00+08:00', MANAGER, 'transition', 'violations', v.id, version(), 'cut', {});
  if (rectifiedAt) step(rectifiedAt, CLERK, 'transition', 'violations', v.id, version(), 'confirm_rectified', {});
  host.setNow('2026-11-28T12:00:00+08:00');
  return { host, v, rectification, cut };
}

describe('证据包 (evidence pack)', () => {
  it('prints the cover, the timeline in order, every notice with its number, the deadline facts and the verification line; 文书记录 and 变更记录 get their rows', async () => {
    const { host, v, rectification, cut } = violationCase('2026-11-29T17:00:00+08:00', '2026-11-28T10:00:00+08:00');
    const record = JSON.stringify(cells(host, '违章'));
    const pack = ok(as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'violations', v.id, 'evidence_pack')));
    expect(pack.name).toBe(`evidence_pack-${v.id}-20261128`);
    expect(pack.number).toBe('〔2026〕证据字第 001 号');
    // A report on the record, not a notice served: the row keeps the cut notice's links and its version.
    expect(JSON.stringify(cells(host, '违章'))).toBe(record);
    const text = await packText(host, 'evidence_pack-e2e');
    // The cover: the record, its unit, party and current step; the generation time in the office zone.
    expectInOrder(text, ['示例花园', '证据包', '〔2026〕证据字第001号', `编号：${v.id}`, '台账违章', '房号/地点7-1-302', '当事人赵先生', '处理步骤已整改']);
    // The timeline, oldest first, each action with its time in the office zone and who acted (exactly, in the HTML the PDF is printed from)…
    const html = squeeze(String(pack.previewHtml).replace(/<[^>]+>/g, ' '));
    expectInOrder(html, [
      '变更记录',
      '2026年11月20日10:30', '新建', '1', '李晓梅', '当事人：赵先生',
      '2026年11月20日11:00', '修改', '2', '李晓梅', '具体情形：—→拒交物业费',
      '2026年11月20日14:00', '限期整改', '3', '王建国', '整改期限：—→2026年11月29日17:00',
      '2026年11月20日15:00', '生成文书：违章整改通知书', '4', '王建国', `文书编号：${String(rectification.number)}`,
      '2026年11月24日09:00', '送达停水停电通知', '5', 'manager@estate.example',
      '2026年11月24日09:10', '生成文书：停水停电通知', '6', `文书编号：${String(cut.number)}`,
      '2026年11月28日09:30', '停水停电', '7',
      '2026年11月28日10:00', '确认已整改', '8', '李晓梅',
      '文书记录',
    ]);
    // …and in the printed PDF, row after row (a wrapped cell's lines may come out beside its neighbours').
    expectInOrder(text, ['变更记录', '新建', '修改', '限期整改', '整改字第001', '送达停水停电', '停供字第001', '确认已整改', '文书记录']);
    for (const t of ['10:30', '11:00', '14:00', '15:00', '09:10', '09:30']) expect(text).toContain(t);
    expect(text).not.toContain("→'7-1-302");
    // Every notice issued, with its number, version, date and link.
    expectInOrder(text, ['文书记录', '违章整改通知书', String(rectification.number), '1', '2026年11月20日15:00', String(rectification.pdfUrl).slice(0, 30), '停水停电通知', String(cut.number), '2026年11月24日09:10']);
    // No photos on a workbook without the 附件 column: the section says so.
    expectInOrder(text, ['照片及附件', 'SHA-256', '无']);
    // The deadline facts: put right before the deadline; the cut notice served four days before the cut, three required.
    expectInOrder(text, ['时限执行情况', '限期整改', '2026年11月29日17:00', '2026年11月28日10:00', '按时']);
    expectInOrder(text, ['送达停水停电通知', '2026年11月25日09:30', '停水停电2026年11月28日09:30，须提前3天送达', '2026年11月24日09:00', '按时']);
    expectInOrder(text, ['核验：“变更记录”核验通过，共', '生成时间：2026年11月28日12:00；生成人：王建国<supervisor@estate.example>']);
    // Phones and ID numbers typed into free text are masked; the sensitive-looking evidence field is not printed at all.
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID);
    expect(text).toContain('138****5678');
    // Logged like every notice, and its own 变更记录 row carries its number.
    const log = sheetNamed(host, '文书记录').rows.slice(1).filter((row) => row[0] === v.id);
    expect(log.map((row) => row[1])).toEqual(['rectification', 'cut_notice', 'evidence_pack']);
    expect(log[2]![5]).toBe(pack.docUrl);
    const history = ok(as(host, SUPERVISOR, () => rpc(host, 'getHistory', 'violations', v.id))).entries as { label: string; changes: string }[];
    expect(history[history.length - 1]).toMatchObject({ label: '生成文书：证据包', changes: `文书编号：${pack.number}` });
  }, 60_000);

  // SPEC: a rectification deadline passed with the violation not rectified is overdue; done after it is late.
  it.each([
    ['put right before the deadline', '2026-11-29T17:00:00+08:00', '2026-11-28T10:00:00+08:00', ['2026年11月29日17:00', '2026年11月28日10:00', '按时']],
    ['put right after the deadline', '2026-11-23T17:00:00+08:00', '2026-11-28T10:00:00+08:00', ['2026年11月23日17:00', '2026年11月28日10:00', '超时办结']],
    ['not put right, deadline passed', '2026-11-23T17:00:00+08:00', null, ['2026年11月23日17:00', '—', '未办已超时']],
    ['not put right, deadline ahead', '2026-11-30T17:00:00+08:00', null, ['2026年11月30日17:00', '—', '未到期']],
  ] as const)('the rectification deadline: %s', (_, rectifyBy, rectifiedAt, row) => {
    const { host, v } = violationCase(rectifyBy, rectifiedAt);
    const pack = ok(as(host, MANAGER, () => rpc(host, 'generateNotice', 'violations', v.id, 'evidence_pack')));
    const html = squeeze(String(pack.previewHtml).replace(/<[^>]+>/g, ' '));
    expectInOrder(html, ['时限执行情况', '限期整改', ...row, '送达停水停电通知']);
  }, 60_000);

  it('says the chain does not verify once a 变更记录 row was changed in the sheet', async () => {
    const { host, v } = violationCase('2026-11-29T17:00:00+08:00', null);
    const [head] = cells(host, '变更记录') as string[][];
    const grid = sheetNamed(host, '变更记录').rows;
    grid[2]![head!.indexOf('变更内容')] = '当事人：某某';
    const pack = ok(as(host, MANAGER, () => rpc(host, 'generateNotice', 'violations', v.id, 'evidence_pack')));
    const text = await packText(host, 'evidence_pack-tampered-e2e');
    const id = String(grid[2]![head!.indexOf('记录编号')]);
    expect(text).toContain(squeeze(`核验：“变更记录”核验不通过：第 2 行（${id}）起与写入时不符`));
    expect(text).not.toContain('核验通过');
    expect(pack.ok).toBe(true);
  }, 60_000);

  it('refuses a clerk, writing nothing; the sidebar offers it only to supervisors and the manager', () => {
    const { host, v } = violationCase('2026-11-29T17:00:00+08:00', null);
    const before = snapshot(host);
    const files = host.workbook.drive.items.length;
    expect(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'evidence_pack'))).toMatchObject({ ok: false, code: 'forbidden', message: '证据包只能由主管或管理处经理生成' });
    expect(as(host, CLERK, () => rpc(host, 'previewNotice', 'violations', v.id, 'evidence_pack'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(snapshot(host)).toBe(before);
    expect(host.workbook.drive.items).toHaveLength(files);
    const offered = (user: string) => (ok(as(host, user, () => rpc(host, 'getNoticeOptions', 'violations', v.id))).templates as { key: string }[]).map((t) => t.key);
    expect(offered(CLERK)).not.toContain('evidence_pack');
    expect(offered(SUPERVISOR)).toContain('evidence_pack');
  });

  it('a complaint’s pack lists its time limits: dispatched late, resolved in time, not yet told', () => {
    const host = setUpBook({ now: '2026-11-25T08:30:00+08:00' });
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint({ phone: PHONE }))));
    host.setNow('2026-11-25T09:00:00+08:00');
    const d = ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, c.version, 'dispatch', { department: '工程部' })));
    host.setNow('2026-11-26T10:00:00+08:00');
    ok(as(host, CLERK, () => rpc(host, 'transition', 'complaints', c.id, d.version, 'resolve', { resolution: '已更换灯泡' })));
    host.setNow('2026-11-28T09:00:00+08:00');
    const pack = ok(as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'complaints', c.id, 'evidence_pack')));
    const html = squeeze(String(pack.previewHtml).replace(/<[^>]+>/g, ' '));
    expectInOrder(html, ['台账', '投诉', '投诉人', '王女士', '状态', '处理完毕']);
    expectInOrder(html, ['派单', '2026年11月25日08:45', '2026年11月25日09:00', '超时办结']);
    expectInOrder(html, ['轻微投诉处理完毕', '2026年11月27日08:30', '2026年11月26日10:00', '按时']);
    expectInOrder(html, ['告知投诉人', '2026年11月26日23:59', '—', '未办已超时']);
    expectInOrder(html, ['结案', '—', '—', '—']);
    expect(html).not.toContain(PHONE);
  });
});

describe('证据包 from the CLI', () => {
  const BIN = join(__dirname, '../../bin/estate-registers.js');
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('notice <book> <id> --template evidence_pack writes the PDF for a supervisor and refuses a clerk', () => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-'));
    const book = join(dir, 'book.xlsx');
    const now = ['--now', '2026-11-25T09:00:00+08:00'];
    expect(cli('init', book, '--phone', '0755-86001234', '--address', '翠湖路88号', '--as', MANAGER, ...now).status).toBe(0);
    for (const [email, role] of [[SUPERVISOR, 'supervisor'], [CLERK, 'clerk']]) {
      expect(cli('call', book, 'createRecord', 'roles', JSON.stringify({ email, name: role, roles: [role] }), '--as', MANAGER, ...now).status).toBe(0);
    }
    const created = JSON.parse(cli('call', book, 'createRecord', 'violations', JSON.stringify(violation()), '--as', CLERK, ...now).stdout) as Result;
    const refused = cli('notice', book, String(created.id), '--template', 'evidence_pack', '--as', CLERK, '--out', dir, ...now);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('证据包只能由主管或管理处经理生成');
    const r = cli('notice', book, String(created.id), '--template', 'evidence_pack', '--as', SUPERVISOR, '--out', dir, '--json', ...now);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { pdf: string; name: string };
    expect(out.name).toBe(`evidence_pack-${created.id}-20261125`);
    expect(existsSync(out.pdf)).toBe(true);
    const text = pdftotext(out.pdf);
    expectInOrder(text, ['证据包', String(created.id), '变更记录', '新建', '时限执行情况', '核验：“变更记录”核验通过，共']);
  }, 90_000);
});

describe('证据包 with the record’s photos', () => {
  it('lists each file attached with its SHA-256, capture and upload time, and the timeline shows each attaching', async () => {
    const { host, v } = violationCase('2026-11-29T17:00:00+08:00', null);
    const photo = jpeg('2026:11:27 21:40:05');
    const put = (name: string, bytes: Buffer) => ok(as(host, CLERK, () => rpc(host, 'attachFile', 'violations', v.id, { name, data: bytes.toString('base64') })));
    put('楼道堆物.jpg', photo);
    put('催缴记录.pdf', PDF);
    ok(as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'violations', v.id, 'evidence_pack')));
    const text = await packText(host, 'evidence_pack-photos');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expectInOrder(text, ['变更记录', '添加附件', '楼道堆物.jpg', '添加附件', '催缴记录.pdf', '文书记录']);
    // Cells wrap, so a long hash or link may come out beside its neighbours: the order of files, and each one's facts.
    expectInOrder(text, ['照片及附件', '楼道堆物.jpg', sha(photo).slice(0, 16), '2026年11月27日', '催缴记录.pdf', sha(PDF).slice(0, 16), '时限执行情况']);
    expect(text).toContain('21:40');
    expect(text).not.toMatch(/照片及附件.{0,40}无/);
  });
});
