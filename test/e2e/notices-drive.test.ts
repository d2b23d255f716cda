// Notices on a real office's Drive, through dist/Code.js: every clerk can generate, every colleague can open, a broken PDF is never saved.
import vm from 'node:vm';
import { as, CLERK, DEPT, MANAGER, ok, rpc, Result, SECURITY, setUpBook, snapshot, STRANGER, SUPERVISOR, violation } from './book';
import { driveAccess } from '../../src/local/host/drive';
import type { Host } from '../../src/local/host';
import type { Quirk } from '../../src/local/host/quirks';

function book(quirks?: Quirk[]): { host: Host; ids: string[] } {
  const host = setUpBook({ quirks });
  const ids = [1, 2].map((n) => {
    const v = ok(rpc(host, 'createRecord', 'violations', violation({ category: 'decoration', unit: `7-1-30${n}` })));
    ok(rpc(host, 'transition', 'violations', v.id, 1, 'order_rectification', { rectify_by: '2026-12-01T17:00:00+08:00', rule_broken: '《装修管理规定》第五条' }));
    return String(v.id);
  });
  return { host, ids };
}

const links = (host: Host, id: string) => {
  const f = (ok(rpc(host, 'getRecord', 'violations', id)).record as { fields: Record<string, string> }).fields;
  return [f.doc_url, f.pdf_url];
};

describe('notices for every member of staff (drive.file)', () => {
  it('lets a second clerk generate after the first, and every colleague open both notices', () => {
    const { host, ids } = book();
    const first = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    // Fails on the old code: the folder was the clerk's, and drive.file does not let the supervisor's run add to it.
    const second = ok(as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'violations', ids[1], 'rectification')));
    expect(links(host, ids[0])).toEqual([first.docUrl, first.pdfUrl]);
    expect(links(host, ids[1])).toEqual([second.docUrl, second.pdfUrl]);
    for (const url of [first.docUrl, first.pdfUrl, second.docUrl, second.pdfUrl] as string[]) {
      for (const who of [CLERK, SUPERVISOR, MANAGER, SECURITY, DEPT]) expect([who, driveAccess(host.workbook, who, url)]).toEqual([who, expect.stringMatching(/^(owner|reader)$/)]);
      expect(driveAccess(host.workbook, STRANGER, url)).toBeNull();
    }
    expect(driveAccess(host.workbook, SUPERVISOR, String(first.pdfUrl))).toBe('reader');
    expect(driveAccess(host.workbook, CLERK, String(second.docUrl))).toBe('reader');
    // Shared quietly: nobody gets Drive's "shared with you" email for each notice folder.
    const notified = (host.context as unknown as { Drive: { Permissions: { notified: boolean[] } } }).Drive.Permissions.notified;
    expect(notified.length).toBeGreaterThan(0);
    expect(notified.every((n) => n === false)).toBe(true);
  });

  it('shares earlier notices with a colleague added to Roles later, at the next notice', () => {
    const { host, ids } = book();
    const first = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    const NEWCOMER = 'newcomer@estate.example';
    expect(driveAccess(host.workbook, NEWCOMER, String(first.pdfUrl))).toBeNull();
    ok(rpc(host, 'createRecord', 'roles', { email: NEWCOMER, name: '周敏', roles: ['clerk'], department: '客服中心' }));
    ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[1], 'rectification')));
    expect(driveAccess(host.workbook, NEWCOMER, String(first.pdfUrl))).toBe('reader');
    // ...and the newcomer can generate too.
    ok(as(host, NEWCOMER, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
  });

  it('starts a new folder when a clerk deleted theirs', () => {
    const { host, ids } = book();
    ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    host.workbook.drive.items = [];
    const again = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    expect(driveAccess(host.workbook, SUPERVISOR, String(again.pdfUrl))).toBe('reader');
  });

  it('refuses, in the office language, a Settings folder the add-on cannot write, and writes nothing', () => {
    const { host, ids } = book();
    const other = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    const folderId = host.workbook.drive.items.find((i) => i.mimeType === 'application/vnd.google-apps.folder' && i.owner === CLERK)!.id;
    const settings = host.workbook.sheets.find((s) => s.name === '设置')!;
    const row = settings.rows.findIndex((r) => r?.[0] === 'drive_folder_id');
    expect(row).toBeGreaterThan(0);
    settings.rows[row][1] = folderId;
    const before = snapshot(host);
    const files = host.workbook.drive.items.length;
    const r = as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'violations', ids[1], 'rectification'));
    expect(r).toMatchObject({ ok: false, code: 'precondition' });
    expect(r.message).toContain('云端硬盘文件夹 ID');
    expect(snapshot(host)).toBe(before);
    expect(host.workbook.drive.items.length).toBe(files);
    expect(other.ok).toBe(true);
  });
});

describe('a PDF export that answers a string (quirk export-string)', () => {
  const pdfBytes = (host: Host, url: string) => {
    const id = /\/d\/([\w-]+)/.exec(url)![1];
    return Buffer.from(host.workbook.drive.items.find((i) => i.id === id)!.dataBase64!, 'base64');
  };

  it('saves the very bytes Drive exported when the string holds one byte per character', () => {
    const { host, ids } = book(['export-string']);
    const r = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')));
    const bytes = pdfBytes(host, String(r.pdfUrl));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The binary comment line of a real PDF (bytes above 127) survives: the old code UTF-8-encoded it.
    expect([...bytes.subarray(9, 15)]).toEqual([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]);
  });

  it('refuses a string decoded as UTF-8 (bytes lost) with a clear message, leaving no notice behind', () => {
    const { host, ids } = book(['export-string']);
    const files = (host.context as unknown as { Drive: { Files: { export: (...a: unknown[]) => unknown } } }).Drive.Files;
    const real = files.export.bind(files);
    // What a runtime that decodes the body as text would answer.
    files.export = (...a: unknown[]) => Buffer.from(String(real(...a)), 'latin1').toString('utf8');
    const before = snapshot(host);
    const r = as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', ids[0], 'rectification')) as Result;
    expect(r).toMatchObject({ ok: false, code: 'export_failed' });
    expect(r.message).toBe('云端硬盘导出的 PDF 不完整，文书未保存，记录未改动。请稍后重试；如仍不行，请联系管理员。');
    expect(snapshot(host)).toBe(before);
    expect(host.workbook.drive.items.filter((i) => i.mimeType !== 'application/vnd.google-apps.folder')).toEqual([]);
    expect(vm.runInContext('typeof Drive.Files.export', host.context)).toBe('function');
  });
});
