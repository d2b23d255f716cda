// generateNotice through dist/Code.js: roles, the Doc and PDF in the add-on's folder, links written back, a versioned log.
import { as, CLERK, MANAGER, ok, rpc, Result, setUpBook, sheetNamed, snapshot, SUPERVISOR, violation } from './book';
import type { Host } from '../../src/local/host';

function withViolation(extra: Record<string, unknown> = {}): { host: Host; v: Result } {
  const host = setUpBook();
  const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', party: '孙某某', ...extra })));
  v.version = ok(rpc(host, 'transition', 'violations', v.id, 1, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '《装修管理规定》第五条' })).version;
  return { host, v };
}

describe('generateNotice', () => {
  it('creates a Doc and a PDF named <template>-<id>-<date>, writes the links back and logs the generation', () => {
    const { host, v } = withViolation();
    const r = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification')));
    expect(r.name).toBe('rectification-V-2026-0001-20261125');
    expect(r.docUrl).toMatch(/^https:\/\/docs\.google\.com\/document\/d\//);
    expect(r.pdfUrl).toMatch(/^https:\/\/drive\.google\.com\//);
    const files = host.workbook.drive.items.map((i) => [i.name, i.mimeType]);
    expect(files).toEqual(
      expect.arrayContaining([
        ['rectification-V-2026-0001-20261125', 'application/vnd.google-apps.document'],
        ['rectification-V-2026-0001-20261125.pdf', 'application/pdf'],
        ['物业台账文书', 'application/vnd.google-apps.folder'], // Settings drive_folder_name
      ]),
    );
    const rec = ok(rpc(host, 'getRecord', 'violations', v.id)).record as { fields: Record<string, unknown> };
    expect(rec.fields.doc_url).toBe(r.docUrl);
    expect(rec.fields.pdf_url).toBe(r.pdfUrl);
    const log = sheetNamed(host, '文书记录').rows.slice(1);
    expect(log.map((row) => row.slice(0, 3))).toEqual([['V-2026-0001', 'rectification', 1]]);
    expect(String(r.previewHtml)).toContain('违章整改通知书');
    // Served on the party, so addressed to them by name (README "Privacy").
    expect(String(r.previewHtml)).toContain('孙某某');
  });

  it('adds a new version when regenerated and keeps the old one', () => {
    const { host, v } = withViolation();
    const first = ok(rpc(host, 'generateNotice', 'violations', v.id, 'rectification'));
    host.advance(60_000);
    const second = ok(rpc(host, 'generateNotice', 'violations', v.id, 'rectification'));
    expect(second.version).toBe(2);
    const log = sheetNamed(host, '文书记录').rows.slice(1);
    expect(log.map((row) => [row[2], row[5]])).toEqual([
      [1, first.docUrl],
      [2, second.docUrl],
    ]);
    const rec = ok(rpc(host, 'getRecord', 'violations', v.id)).record as { fields: Record<string, unknown> };
    expect(rec.fields.doc_url).toBe(second.docUrl);
  });

  it('lets only the manager issue a penalty notice, and records when the cut notice was served', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ amount: 1860 })));
    ok(rpc(host, 'transition', 'violations', v.id, 1, 'educate', { at: '2026-11-25T08:00:00+08:00' }));
    ok(rpc(host, 'transition', 'violations', v.id, 2, 'serve_cut_notice', { cut_planned_at: '2026-11-29T09:00:00+08:00' }));
    for (const user of [CLERK, SUPERVISOR]) {
      const before = snapshot(host);
      expect(as(host, user, () => rpc(host, 'generateNotice', 'violations', v.id, 'cut_notice'))).toMatchObject({ ok: false, code: 'forbidden' });
      expect(snapshot(host)).toBe(before);
      expect(host.workbook.drive.items).toEqual([]);
    }
    const r = ok(as(host, MANAGER, () => rpc(host, 'generateNotice', 'violations', v.id, 'cut_notice')));
    expect(String(r.previewHtml)).toContain('停水停电通知');
    const rec = ok(rpc(host, 'getRecord', 'violations', v.id)).record as { fields: Record<string, unknown> };
    expect(rec.fields).toMatchObject({ step: 'cut_notice_served', cut_notice_served_at: '2026-11-25T09:00:00+08:00' });
  });

  it('serves a cut notice only with 3 days between serving and the planned cut', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation()));
    const r = rpc(host, 'generateNotice', 'violations', v.id, 'cut_notice');
    expect(r).toMatchObject({ ok: false, code: 'precondition' });
  });

  it('refuses a template that does not fit the record, and an unknown one', () => {
    const { host, v } = withViolation();
    expect(rpc(host, 'generateNotice', 'violations', v.id, 'fee_reminder')).toMatchObject({ ok: false, code: 'precondition' });
    expect(rpc(host, 'generateNotice', 'violations', v.id, 'love_letter')).toMatchObject({ ok: false, code: 'invalid' });
    expect(rpc(host, 'generateNotice', 'violations', 'V-2026-9999', 'rectification')).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('never puts sensitive notes or a full ID number into the household change list', () => {
    const host = setUpBook();
    const h = ok(rpc(host, 'createRecord', 'households', { unit: '3-1-502', occupant: '刘桂英', categories: ['elderly_alone'], id_number: '110101194501011234', notes: 'CANARY-病史' }));
    ok(rpc(host, 'updateRecord', 'households', h.id, 1, { categories: ['elderly_alone', 'disabled'], notes: 'CANARY-更新' }));
    const r = ok(rpc(host, 'generateNotice', 'household_changes', '2026-11-25', 'household_changes'));
    expect(r.name).toBe('household_changes-20261119-20261125-20261125');
    const html = String(r.previewHtml);
    expect(html).toContain('重点户异动表');
    expect(html).toContain('残疾人');
    expect(html).not.toContain('CANARY');
    expect(html).not.toContain('110101194501011234');
    expect(JSON.stringify(host.workbook.drive.items)).not.toContain('CANARY');
  });

  it('offers the templates that fit, hiding penalty notices from non-managers and the evidence pack from clerks', () => {
    const host = setUpBook();
    const v = ok(rpc(host, 'createRecord', 'violations', violation()));
    const keys = (user: string) => (ok(as(host, user, () => rpc(host, 'getNoticeOptions', 'violations', v.id))).templates as { key: string }[]).map((t) => t.key);
    expect(keys(MANAGER)).toEqual(['rectification', 'cut_notice', 'fee_reminder', 'evidence_pack']);
    expect(keys(SUPERVISOR)).toEqual(['rectification', 'fee_reminder', 'evidence_pack']);
    expect(keys(CLERK)).toEqual(['rectification', 'fee_reminder']);
  });

  it('picks up the record selected in the sheet', () => {
    const { host, v } = withViolation();
    host.select('违章', 'C2');
    expect(ok(rpc(host, 'getSelectedRecord')).record).toEqual({ register: 'violations', id: v.id });
  });

  it('makes the same fixed number of Google calls whatever the size of the register', () => {
    const calls = (extraRows: number) => {
      const { host, v } = withViolation();
      const sheet = sheetNamed(host, '违章');
      const row = sheet.rows[1];
      for (let i = 0; i < extraRows; i++) sheet.rows.push([`V-2025-${i}`, ...row.slice(1)]);
      sheet.maxRows = Math.max(sheet.maxRows, sheet.rows.length + 10);
      ok(rpc(host, 'generateNotice', 'violations', v.id, 'rectification')); // the first one also creates the folder
      host.resetCounters();
      ok(rpc(host, 'generateNotice', 'violations', v.id, 'rectification'));
      const c = host.counters;
      expect(c['Drive.Files.create']).toBe(2); // the Doc (imported from HTML) and its PDF
      expect(c['Drive.Files.export']).toBe(1);
      expect(Object.keys(c).filter((k) => k.startsWith('DriveApp'))).toEqual([]); // drive.file scope only
      expect(c['SpreadsheetApp.Range.setValues']).toBe(3); // the links on the record, one log row and one 变更记录 row
      return Object.values(c).reduce((a, b) => a + b, 0);
    };
    expect(calls(5)).toBe(calls(5000));
  });
});
