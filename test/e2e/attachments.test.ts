// 附件 through dist/Code.js: photos and PDFs on a record, checked by content, size and count, hashed, in Drive, in the timeline.
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdf } from '../../src/local/pdf';
import { as, cells, CLERK, CODE, complaint, DEPT, MANAGER, ok, rpc, SECURITY, setSetting, setUpBook, snapshot, SUPERVISOR, violation } from './book';
import { createHost } from '../../src/local/host';
import type { Host, Quirk } from '../../src/local/host';
import { BRIDGE_MAX_CHARS } from '../../src/local/host';
import { GIF, HEIC, jpeg, jpegOfSize, PDF, photoTaken, PNG } from '../fixtures/images';
import { parseAttachments } from '../../src/domain/attachments';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (name: string, bytes: Buffer, thumb?: Buffer) => ({ name, data: bytes.toString('base64'), ...(thumb ? { thumb: thumb.toString('base64') } : {}) });
const attach = (host: Host, user: string, register: string, id: unknown, f: object) => as(host, user, () => rpc(host, 'attachFile', register, id, f));
/** The record's row as header → value, as a person reading the sheet sees it. */
function row(host: Host, tab: string, id: unknown): Record<string, unknown> {
  const [head, ...body] = cells(host, tab);
  const r = body.find((x) => x.includes(id as string))!;
  return Object.fromEntries(head!.map((h, i) => [String(h), r[i]]));
}
type Listed = { name: string; thumb: string | null }[];
const driveFiles = (host: Host) => host.workbook.drive.items.filter((i) => i.mimeType !== 'application/vnd.google-apps.folder');

/** The run's host quirks (ESTATE_HOST_QUIRKS), less any a test sets apart to test both ways itself. */
const envQuirks = (without: string[] = []) => (process.env.ESTATE_HOST_QUIRKS ?? '').split(',').filter((q) => q && !without.includes(q)) as Quirk[];

function withViolation(quirks?: Quirk[]) {
  const host = setUpBook({ now: '2026-11-30T15:02:00+08:00', quirks });
  const v = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'violations', violation({ category: 'decoration' }))));
  return { host, v };
}

describe('附件 on a record', () => {
  it('keeps a JPEG, a PNG and a PDF in Drive under the record, each line with its SHA-256, EXIF time and upload time; the count and version follow', () => {
    const { host, v } = withViolation();
    const photo = jpeg('2026:11:30 14:05:09');
    const a = ok(attach(host, CLERK, 'violations', v.id, file('阳台.jpg', photo, jpeg())));
    expect(a).toMatchObject({ count: 1, version: Number(v.version) + 1, file: { sha256: sha(photo), takenAt: '2026-11-30T14:05:09+08:00' } });
    ok(attach(host, CLERK, 'violations', v.id, file('现场.png', PNG)));
    const last = ok(attach(host, CLERK, 'violations', v.id, file('整改通知回执.pdf', PDF)));
    expect(last.count).toBe(3);

    const r = row(host, '违章', v.id);
    expect(r['附件数']).toBe(3);
    expect(r['版本']).toBe(Number(v.version) + 3);
    const lines = parseAttachments(r['附件']);
    expect(lines.map((l) => [l.name, l.sha256, l.takenAt, l.uploadedAt])).toEqual([
      ['阳台.jpg', sha(photo), '2026-11-30T14:05:09+08:00', '2026-11-30T15:02:00+08:00'],
      ['现场.png', sha(PNG), null, '2026-11-30T15:02:00+08:00'],
      ['整改通知回执.pdf', sha(PDF), null, '2026-11-30T15:02:00+08:00'],
    ]);
    expect(lines[0].by).toContain(CLERK);

    // In Drive: one subfolder named by the record, in the clerk's notices folder, holding the bytes as sent (and the photo's thumbnail).
    const folder = host.workbook.drive.items.find((i) => i.name === v.id)!;
    const kept = driveFiles(host).filter((i) => i.parents.includes(folder.id));
    expect(kept.map((i) => i.name).sort()).toEqual(['现场.png', '整改通知回执.pdf', '阳台.jpg', `${lines[0].url.split('/')[5]}.thumb.jpg`].sort());
    expect(Buffer.from(kept.find((i) => i.name === '阳台.jpg')!.dataBase64!, 'base64')).toEqual(photo);
    expect(kept.every((i) => i.owner === CLERK)).toBe(true);

    // The card lists them; the photo with its thumbnail as a data: URI, the others without.
    const got = ok(as(host, CLERK, () => rpc(host, 'getAttachments', 'violations', v.id))) as unknown as { files: Listed };
    expect(got.files.map((f) => [f.name, Boolean(f.thumb)])).toEqual([['阳台.jpg', true], ['现场.png', false], ['整改通知回执.pdf', false]]);
    expect(got.files[0].thumb).toBe(`data:image/jpeg;base64,${jpeg().toString('base64')}`);
  });

  it('writes one 变更记录 row per file, named with its SHA-256, that the timeline shows', () => {
    const { host, v } = withViolation();
    ok(attach(host, CLERK, 'violations', v.id, file('阳台.jpg', jpeg())));
    const entries = ok(as(host, CLERK, () => rpc(host, 'getHistory', 'violations', v.id))).entries as { action: string; label: string; version: number; changes: string }[];
    expect(entries.map((e) => [e.action, e.label, e.version])).toEqual([
      ['create', '新建', 1],
      ['attach', '添加附件', 2],
    ]);
    expect(entries[1].changes).toBe(`阳台.jpg，SHA-256：${sha(jpeg())}`);
    expect(ok(as(host, MANAGER, () => rpc(host, 'verifyHistory'))).ok).toBe(true);
  });

  it.each([
    ['a GIF renamed .jpg', file('照片.jpg', GIF), '只能上传 JPEG、PNG、HEIC 照片或 PDF'],
    ['an empty file', file('空.jpg', Buffer.alloc(0)), '没有收到文件内容'],
  ])('refuses %s: nothing written, nothing left in Drive', (_, f, text) => {
    const { host, v } = withViolation();
    const before = JSON.stringify(cells(host, '违章'));
    const r = attach(host, CLERK, 'violations', v.id, f);
    expect(r).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { file: expect.stringContaining(text) } });
    expect(JSON.stringify(cells(host, '违章'))).toBe(before);
    expect(driveFiles(host)).toEqual([]);
  });

  it('takes a HEIC photo (no EXIF read, no thumbnail)', () => {
    const { host, v } = withViolation();
    expect((ok(attach(host, CLERK, 'violations', v.id, file('IMG_0001.HEIC', HEIC))).file as { takenAt: unknown }).takenAt).toBeNull();
  });

  it('takes a file of exactly the size limit and refuses one byte more, with the limit in the message', () => {
    const { host, v } = withViolation();
    setSetting(host, 'attach_max_mb', 1);
    ok(attach(host, CLERK, 'violations', v.id, file('at-limit.jpg', jpegOfSize(1024 * 1024))));
    const r = attach(host, CLERK, 'violations', v.id, file('over.jpg', jpegOfSize(1024 * 1024 + 1)));
    expect(r).toMatchObject({ ok: false, code: 'invalid', message: '文件太大：1.0 MB，每个文件最大 1 MB' });
    expect(driveFiles(host)).toHaveLength(1);
  });

  it('never takes more than 20 MB, whatever Settings say: what one google.script.run call carries', () => {
    const { host, v } = withViolation();
    setSetting(host, 'attach_max_mb', 50);
    // Settings refuse the value, so the default (10 MB) holds; above the hard limit the bridge itself is the next wall.
    const r = attach(host, CLERK, 'violations', v.id, file('big.jpg', jpegOfSize(10 * 1024 * 1024 + 1)));
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    ok(attach(host, CLERK, 'violations', v.id, file('ten.jpg', jpegOfSize(10 * 1024 * 1024))));
    expect(() => as(host, CLERK, () => rpc(host, 'attachFile', 'violations', v.id, { name: 'x.jpg', data: 'A'.repeat(BRIDGE_MAX_CHARS) }))).toThrow('Request payload size exceeds the limit');
  });

  it('refuses a 21st file', () => {
    const { host, v } = withViolation();
    for (let i = 1; i <= 20; i++) ok(attach(host, CLERK, 'violations', v.id, file(`${i}.png`, PNG)));
    const before = JSON.stringify(cells(host, '违章'));
    const r = attach(host, CLERK, 'violations', v.id, file('21.png', PNG));
    expect(r).toMatchObject({ ok: false, code: 'invalid', message: '这条记录已有 20 个附件，不能再添加' });
    expect(JSON.stringify(cells(host, '违章'))).toBe(before);
    expect(driveFiles(host)).toHaveLength(20);
  });

  it('lets whoever may edit the record attach, and security on violations and help requests only', () => {
    const host = setUpBook({ now: '2026-11-30T15:02:00+08:00' });
    const v = ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'violations', violation())));
    ok(attach(host, SECURITY, 'violations', v.id, file('巡逻.jpg', jpeg())));
    const c = ok(as(host, CLERK, () => rpc(host, 'createRecord', 'complaints', complaint())));
    for (const user of [SECURITY, DEPT, 'stranger@elsewhere.example']) {
      expect(attach(host, user, 'complaints', c.id, file('x.jpg', jpeg()))).toMatchObject({ ok: false, code: 'forbidden' });
    }
    ok(attach(host, CLERK, 'complaints', c.id, file('x.jpg', jpeg())));
    // Registers that take no files refuse before anything else.
    expect(attach(host, CLERK, 'visitors', 'VS-1', file('x.jpg', jpeg()))).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('a clerk removed from Roles is refused and nothing is written', () => {
    const { host, v } = withViolation();
    const before = JSON.stringify(cells(host, '违章'));
    expect(attach(host, 'former@estate.example', 'violations', v.id, file('x.jpg', jpeg()))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(JSON.stringify(cells(host, '违章'))).toBe(before);
    expect(driveFiles(host)).toEqual([]);
  });

  it('a colleague sees the file listed with its link but without the thumbnail their run cannot reach (drive.file)', () => {
    const { host, v } = withViolation();
    ok(attach(host, CLERK, 'violations', v.id, file('阳台.jpg', jpeg(), jpeg())));
    const got = ok(as(host, MANAGER, () => rpc(host, 'getAttachments', 'violations', v.id))) as unknown as { files: Listed };
    expect(got.files.map((f) => [f.name, f.thumb])).toEqual([['阳台.jpg', null]]);
  });

  it('a second photo reuses the record’s subfolder; an emergency entry takes files too', () => {
    const { host, v } = withViolation();
    ok(attach(host, CLERK, 'violations', v.id, file('1.jpg', jpeg())));
    ok(attach(host, CLERK, 'violations', v.id, file('2.jpg', jpeg())));
    expect(host.workbook.drive.items.filter((i) => i.name === v.id)).toHaveLength(1);
    const entry = { unit: '3-1201', reason: '屋内有呼救声', entered_by: '张强', witness_office: '李晓梅', witness_security: '张强', witness_other: '邻居王女士' };
    const e = ok(as(host, SECURITY, () => rpc(host, 'createRecord', 'emergency_entries', entry)));
    expect(ok(attach(host, CLERK, 'emergency_entries', e.id, file('入户.jpg', jpeg()))).count).toBe(1);
    expect(row(host, '突发事件处理记录', e.id)['附件数']).toBe(1);
  });

  it('takes the file back out of Drive when the record cannot be written (the lock is held elsewhere)', () => {
    const { host, v } = withViolation();
    const other = createHost({ codePath: CODE, workbook: host.workbook, user: MANAGER, now: '2026-11-30T15:02:00+08:00' });
    expect(vm.runInContext('(LockService.getDocumentLock() || LockService.getScriptLock()).tryLock(0)', other.context)).toBe(true);
    const before = snapshot(host);
    expect(attach(host, CLERK, 'violations', v.id, file('阳台.jpg', jpeg(), jpeg()))).toMatchObject({ ok: false, code: 'busy' });
    expect(snapshot(host)).toBe(before);
    expect(driveFiles(host)).toEqual([]);
  });

  describe('the rectification notice with photos chosen in the sidebar', () => {
    /** A violation ordered to rectify, with two photos and a PDF attached by the clerk. */
    function ordered(quirks = envQuirks(['doc-drops-images'])) {
      const { host, v } = withViolation(quirks);
      const o = ok(as(host, SUPERVISOR, () => rpc(host, 'transition', 'violations', v.id, v.version, 'order_rectification', { rectify_by: '2026-12-05T17:00:00+08:00', rule_broken: '《装修管理规定》第五条' })));
      ok(attach(host, CLERK, 'violations', v.id, file('阳台.jpg', photoTaken('2026:11:30 14:05:09'))));
      ok(attach(host, CLERK, 'violations', v.id, file('雨棚.png', PNG)));
      ok(attach(host, CLERK, 'violations', v.id, file('回执.pdf', PDF)));
      const urls = parseAttachments(row(host, '违章', v.id)['附件']).map((a) => a.url);
      return { host, v, o, urls };
    }

    it('embeds up to 2 of the record’s photos as data: URIs read back from Drive, each with its name and time; the PDF shows them', async () => {
      const { host, v, urls } = ordered();
      const n = ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification', urls.slice(0, 2))));
      const html = host.pdfRequests[host.pdfRequests.length - 1]!.html;
      expect(html).toContain('阳台.jpg 2026-11-30 14:05');
      expect(html).toContain('雨棚.png 2026-11-30 15:02');
      const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1].replace(/&#x3D;/g, '='));
      expect(srcs).toEqual([`data:image/jpeg;base64,${photoTaken('2026:11:30 14:05:09').toString('base64')}`, `data:image/png;base64,${PNG.toString('base64')}`]);
      expect(n.previewHtml).toContain('<img src="data:image/png');
      const dir = join(__dirname, '../../artifacts');
      mkdirSync(dir, { recursive: true });
      expect(await renderPdf(html, join(dir, 'rectification-photos.pdf'))).toEqual({ ok: true });
      const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'rectification-photos.pdf'), join(dir, 'rectification-photos')]);
      expect(png.status).toBe(0);
    });

    it.each([
      ['three photos', (u: string[]) => [u[0], u[1], u[0]]],
      ['the PDF', (u: string[]) => [u[2]]],
      ['a link not on the record', () => ['https://drive.google.com/file/d/elsewhere/view']],
    ])('refuses %s, and issues nothing', (_, pick) => {
      const { host, v, urls } = ordered();
      const logged = host.pdfRequests.length;
      expect(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification', pick(urls)))).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { photos: expect.stringContaining('最多放 2 张') } });
      expect(host.pdfRequests.length).toBe(logged);
    });

    it('where Google’s Doc import drops the photos, the notice is not issued without them: nothing is written and no Doc is left', () => {
      const { host, v, urls } = ordered([...envQuirks(), 'doc-drops-images']);
      const before = snapshot(host);
      const docs = () => host.workbook.drive.items.filter((i) => i.mimeType === 'application/vnd.google-apps.document').length;
      const had = docs();
      expect(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification', urls.slice(0, 2)))).toMatchObject({
        ok: false,
        code: 'export_failed',
        message: expect.stringContaining('Google 文档没有收下文书里的照片'),
      });
      expect(snapshot(host)).toBe(before);
      expect(docs()).toBe(had);
      // Without photos the same notice is issued as ever.
      expect(ok(as(host, CLERK, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification'))).number).toBeTruthy();
    });

    it('a colleague cannot put the clerk’s photo in a notice (drive.file), and is told why', () => {
      const { host, v, urls } = ordered();
      expect(as(host, SUPERVISOR, () => rpc(host, 'generateNotice', 'violations', v.id, 'rectification', [urls[0]]))).toMatchObject({ ok: false, code: 'precondition', message: expect.stringContaining('阳台.jpg') });
    });
  });
});
