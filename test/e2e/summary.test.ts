// The month-end summary through dist/Code.js: on the 1st the scan issues last month's 月度工作汇总 (Doc, PDF, 文书记录) and mails it to the manager with the PDF, once.
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';
import { as, cells, CLERK, fireScan, MANAGER, OFFICE, ok, rpc, SECURITY, setSetting, setUpBook, violation } from './book';
import { renderPdf } from '../../src/local/pdf';
import { writeOutbox } from '../../src/local/eml';
import type { Host } from '../../src/local/host';

const SUBJECT = '月度工作汇总 · 2026-11';

/** November: four help requests (one never answered), two violations, a close-care household visited once of four, three visitors (one still inside). */
function november(quirks: Parameters<typeof setUpBook>[0] = {}): Host {
  const host = setUpBook({ now: '2026-11-01T10:00:00+08:00', ...quirks });
  const h = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'households', { unit: '6-1-201', occupant: '黄志强', phone: '13800001111', categories: ['elderly_alone'] })));
  host.setNow('2026-11-07T10:00:00+08:00');
  ok(as(host, CLERK, () => rpc(host, 'createRecord', 'care_log', { household_id: h.id, kind: 'visit', at: '2026-11-07T09:00:00+08:00', notes: '血压偏高' })));
  host.setNow('2026-11-20T10:00:00+08:00');
  for (const type of ['repair', 'repair', 'medical', 'enquiry']) {
    const r = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { type, received_at: '2026-11-20T09:00:00+08:00', details: '楼道灯不亮', requester: '王女士', phone: '13912345678' })));
    if (type !== 'enquiry') ok(as(host, CLERK, () => rpc(host, 'transition', 'requests', r.id, r.version, 'first_reply')));
  }
  ok(as(host, CLERK, () => rpc(host, 'createRecord', 'requests', { type: 'repair', received_at: '2026-10-30T09:00:00+08:00', details: '十月的' })));
  ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation())));
  ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', description: '阳台外扩' }))));
  const v = { visitor: '周先生', id_type: 'id_card', id_number: '110101199001011234', unit: '3-1-502', purpose: '探亲' };
  const left = ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', v)));
  ok(as(host, SECURITY, () => rpc(host, 'transition', 'visitors', left.id, left.version, 'leave')));
  ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', v)));
  // In late on the 30th: not yet past the 12 hours when the summary is drawn up.
  host.setNow('2026-11-30T23:00:00+08:00');
  ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'visitors', v)));
  return host;
}

const summaries = (host: Host) => host.outbox.filter((m) => m.subject.startsWith(SUBJECT));

describe('month-end summary', () => {
  it('is not sent on the 30th', () => {
    const host = november();
    host.setNow('2026-11-30T09:00:00+08:00');
    fireScan(host);
    expect(host.outbox.filter((m) => m.subject.startsWith('月度工作汇总'))).toHaveLength(0);
  });

  it('on the 1st mails November to the manager with its PDF, logged in 文书记录, once; counts only', async () => {
    const host = november();
    host.setNow('2026-12-01T08:00:00+08:00');
    fireScan(host);
    const [mail, ...more] = summaries(host);
    expect(more).toHaveLength(0);
    expect(mail.to).toBe(MANAGER);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf', name: expect.stringMatching(/^monthly_summary-202611-20261201\.pdf$/) });
    expect(mail.attachments[0].size).toBeGreaterThan(0);
    const log = JSON.stringify(cells(host, '文书记录'));
    expect(log).toContain('monthly_summary');
    expect(log).toContain('汇总字第 001 号');
    // Need to know: no names, phones, ID numbers or care notes.
    for (const secret of ['黄志强', '王女士', '周先生', '13912345678', '13800001111', '110101199001011234', '血压偏高']) {
      expect(mail.htmlBody + mail.body).not.toContain(secret);
    }

    const out = join(__dirname, '../../artifacts/notices');
    mkdirSync(out, { recursive: true });
    const pdf = join(out, 'monthly_summary-e2e.pdf');
    // The CLI's outbox keeps the PDF as an attachment a mail reader opens.
    const [eml] = writeOutbox(join(out, 'outbox-summary'), [mail]);
    const parsed = JSON.parse(execFileSync('python3', ['-c', PARSE_EML, eml]).toString()) as { types: string[]; files: string[]; size: number };
    expect(parsed).toEqual({ types: ['text/plain', 'text/html', 'application/pdf'], files: ['monthly_summary-202611-20261201.pdf'], size: mail.attachments[0].size });

    const request = host.pdfRequests.find((r) => r.name.startsWith('monthly_summary-202611'))!;
    expect(await renderPdf(request.html, pdf)).toEqual({ ok: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const t of [
      '月度工作汇总',
      '2026年11月1日至2026年11月30日',
      '受理求助报事4件', // October's is left out
      '仍有1件逾期未办',
      '发现违章2件',
      '报修2',
      '急病救助1',
      '咨询1',
      '按时走访1',
      '未按时走访3', // due 11-08, then 11-14, 11-21, 11-28 from the visit on 11-07: only the first met
      '拒交管理费1',
      '装修违章1',
      '来访登记3',
      '访客超时未离开1',
    ]) expect(text).toContain(t);

    host.setNow('2026-12-01T09:00:00+08:00');
    fireScan(host);
    host.setNow('2026-12-02T09:00:00+08:00');
    fireScan(host);
    expect(summaries(host)).toHaveLength(1);
    expect(JSON.stringify(cells(host, '文书记录')).match(/monthly_summary/g)).toHaveLength(1);
  }, 60_000);

  it('is tried again by the next run when the notice cannot be made, and not after the first week', () => {
    const host = november({ office: null });
    host.setNow('2026-12-01T08:00:00+08:00');
    fireScan(host);
    expect(summaries(host)).toHaveLength(0);
    expect(JSON.stringify(cells(host, '文书记录'))).not.toContain('monthly_summary');
    setSetting(host, 'office_phone', OFFICE.office_phone);
    setSetting(host, 'office_address', OFFICE.office_address);
    host.setNow('2026-12-01T09:00:00+08:00');
    fireScan(host);
    expect(summaries(host)).toHaveLength(1);
    // December's is due in January's first week, not on 8 January.
    host.setNow('2027-01-08T09:00:00+08:00');
    fireScan(host);
    expect(host.outbox.filter((m) => m.subject.startsWith('月度工作汇总 · 2026-12'))).toHaveLength(0);
  });

  it('waits for the digest hour on the 1st', () => {
    const host = november();
    host.setNow('2026-12-01T07:00:00+08:00');
    fireScan(host);
    expect(summaries(host)).toHaveLength(0);
    host.setNow('2026-12-01T08:00:00+08:00');
    fireScan(host);
    expect(summaries(host)).toHaveLength(1);
  });
});

/** Python's standard email parser reads the .eml as a mail client would. */
const PARSE_EML = `
import email, json, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
parts = [p for p in m.walk() if not p.is_multipart()]
files = [p for p in parts if p.get_filename()]
print(json.dumps({'types': [p.get_content_type() for p in parts], 'files': [p.get_filename() for p in files], 'size': sum(len(p.get_content()) for p in files)}))
`;
