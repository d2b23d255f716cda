// Properties, Lock, Mail, Script, Session, Html, Utilities and Drive fakes keep Google's limits, messages and shapes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHost, newWorkbook, type Host, type HostOptions } from '../../../src/local/host';

const host = (code: string, opts: HostOptions = {}) => createHost({ code, user: 'clerk@estate.example', ...opts });

describe('PropertiesService', () => {
  const code = `
    function set(kind, k, v) { PropertiesService['get' + kind + 'Properties']().setProperty(k, v); }
    function get(kind, k) { return PropertiesService['get' + kind + 'Properties']().getProperty(k); }
    function all(kind) { var p = PropertiesService['get' + kind + 'Properties'](); return [p.getProperties(), p.getKeys().sort()]; }
    function replace() { PropertiesService.getDocumentProperties().setProperties({ a: '1', b: 2 }, true); }
    function fill(n, size) { var p = PropertiesService.getScriptProperties(); var v = new Array(size + 1).join('x'); for (var i = 0; i < n; i++) p.setProperty('k' + i, v); }`;

  test('values are strings; document and script stores are shared, user stores are per user', () => {
    const wb = newWorkbook();
    const a = host(code, { workbook: wb, user: 'a@estate.example' });
    const b = host(code, { workbook: wb, user: 'b@estate.example' });
    a.call('set', 'Document', 'n', 5);
    a.call('set', 'User', 'lang', 'en');
    expect(b.call('get', 'Document', 'n')).toBe('5');
    expect(b.call('get', 'User', 'lang')).toBeNull();
    expect(a.call('get', 'User', 'lang')).toBe('en');
    a.call('replace');
    expect(a.call('all', 'Document')).toEqual([{ a: '1', b: '2' }, ['a', 'b']]);
  });

  test.each([
    ['a value over 9 KB', 1, 9 * 1024 + 1, 'Argument too large: value'],
    ['a store over 500 KB', 60, 9 * 1024, 'You have exceeded the property storage quota. Please remove some properties and try again.'],
  ])('%s throws Google\'s message', (_name, n, size, message) => {
    const h = host(code);
    expect(() => h.call('fill', n, size)).toThrow(message);
  });

  test('exactly 9 KB is accepted', () => {
    expect(() => host(code).call('fill', 1, 9 * 1024)).not.toThrow();
  });
});

describe('LockService', () => {
  const code = `
    function holdAndAsk(ms) { var l = LockService.getDocumentLock(); l.waitLock(ms); var other = askOther(); return [l.hasLock(), other]; }
    function tryIt(ms) { var t0 = Date.now(); var ok = LockService.getDocumentLock().tryLock(ms); return [ok, Date.now() - t0]; }
    function waitIt() { LockService.getDocumentLock().waitLock(1000); return 'got it'; }
    function scriptLock() { var l = LockService.getScriptLock(); return l.tryLock(0) && l.hasLock(); }`;

  function pair(): { a: Host; b: Host; answers: unknown[] } {
    const wb = newWorkbook();
    const answers: unknown[] = [];
    const b = host(code, { workbook: wb, user: 'b@estate.example', now: '2026-11-02T09:00:00Z' });
    let ask: () => unknown = () => null;
    const a = host(code, { workbook: wb, user: 'a@estate.example', globals: { askOther: () => ask() } });
    return {
      a,
      b,
      answers,
      set asker(f: () => unknown) {
        ask = f;
      },
    } as never;
  }

  test('while one host holds the document lock, another host\'s tryLock returns false after the wait, and waitLock throws', () => {
    const p = pair() as unknown as { a: Host; b: Host; asker: () => unknown };
    p.asker = () => [p.b.call('tryIt', 5000), (() => {
      try {
        return p.b.call('waitIt');
      } catch (e) {
        return (e as Error).message;
      }
    })()];
    expect(p.a.call('holdAndAsk', 1000)).toEqual([true, [[false, 5000], 'Lock timeout: another process was holding the lock for too long.']]);
    // The lock is released when the holder's execution ends.
    expect(p.b.call('tryIt', 0)).toEqual([true, 0]);
    expect(p.b.call('waitIt')).toBe('got it');
  });

  test('the script lock can be taken and reports hasLock', () => {
    expect(host(code).call('scriptLock')).toBe(true);
  });
});

describe('MailApp', () => {
  const code = `
    function send(to) { MailApp.sendEmail({ to: to, subject: '逾期提醒', body: 'text', htmlBody: '<b>html</b>', name: '物业台账' }); return MailApp.getRemainingDailyQuota(); }
    function send4(to) { MailApp.sendEmail(to, 's', 'b', { cc: 'cc@estate.example' }); }
    function left() { return MailApp.getRemainingDailyQuota(); }`;

  test('each recipient uses one of the daily quota; going over throws; a new day starts again', () => {
    const h = host(code, { mailQuota: 3, now: '2026-11-02T09:00:00+08:00' });
    expect(h.call('send', 'a@estate.example, b@estate.example')).toBe(1);
    expect(() => h.call('send4', 'c@estate.example')).toThrow('Service invoked too many times for one day: email.');
    expect(h.call('left')).toBe(1);
    expect(h.outbox).toHaveLength(1);
    expect(h.outbox[0]).toMatchObject({ to: 'a@estate.example,b@estate.example', subject: '逾期提醒', htmlBody: '<b>html</b>', name: '物业台账', from: 'clerk@estate.example' });
    expect(h.outbox[0].at.toISOString()).toBe('2026-11-02T01:00:00.000Z');
    h.setNow('2026-11-03T00:00:01+08:00');
    expect(h.call('left')).toBe(3);
    h.call('send4', 'c@estate.example');
    expect(h.outbox[1]).toMatchObject({ to: 'c@estate.example', cc: 'cc@estate.example', body: 'b' });
    expect(h.call('left')).toBe(1);
  });

  test('the used quota is kept in the workbook, so a second run the same day sees it', () => {
    const wb = newWorkbook();
    host(code, { workbook: wb, mailQuota: 5, now: '2026-11-02T09:00:00+08:00' }).call('send', 'a@estate.example');
    expect(host(code, { workbook: wb, mailQuota: 5, now: '2026-11-02T18:00:00+08:00' }).call('left')).toBe(4);
  });
});

describe('ScriptApp triggers', () => {
  const code = `
    function make(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('runOverdueScan').timeBased().everyHours(1).create(); return ScriptApp.getProjectTriggers().length; }
    function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map(function (t) { return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource(), t.getTriggerSourceId()]; }); }
    function onOpenTrigger() { return ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getTriggerSourceId(); }
    function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }`;

  test('20 triggers per user; the 21st throws Google\'s message; another user has their own 20', () => {
    const wb = newWorkbook();
    const a = host(code, { workbook: wb, user: 'a@estate.example' });
    expect(a.call('make', 20)).toBe(20);
    expect(() => a.call('make', 1)).toThrow('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    const b = host(code, { workbook: wb, user: 'b@estate.example' });
    expect(b.call('make', 1)).toBe(1);
    expect(wb.triggers.filter((t) => t.owner === 'a@estate.example')).toHaveLength(20);
  });

  test('getUserTriggers lists only the active user\'s triggers for this spreadsheet; deleteTrigger removes them', () => {
    const wb = newWorkbook();
    const a = host(code, { workbook: wb, user: 'a@estate.example' });
    const b = host(code, { workbook: wb, user: 'b@estate.example' });
    a.call('make', 1);
    expect(a.call('onOpenTrigger')).toBe(wb.id);
    b.call('make', 2);
    expect(a.call('mine')).toEqual([
      ['runOverdueScan', 'CLOCK', 'CLOCK', null],
      ['onOpenInstalled', 'ON_OPEN', 'SPREADSHEETS', wb.id],
    ]);
    expect(a.call('removeAll')).toBe(0);
    expect(wb.triggers.map((t) => t.owner)).toEqual(['b@estate.example', 'b@estate.example']);
  });

  test('everyHours accepts only Google\'s values', () => {
    const h = host(`function bad() { ScriptApp.newTrigger('x').timeBased().everyHours(3).create(); }`);
    expect(() => h.call('bad')).toThrow('everyHours');
  });
});

describe('Session, Ui and HtmlService', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'html-'));
    fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<div id="app">台账</div>');
    fs.writeFileSync(path.join(dir, 'Hello.html'), '<p><?= name ?></p><? for (var i = 0; i < 2; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const code = `
    function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone(), Session.getActiveUserLocale()]; }
    function onOpen() {
      SpreadsheetApp.getUi().createMenu('物业台账').addItem('打开台账', 'showSidebar').addSeparator()
        .addSubMenu(SpreadsheetApp.getUi().createMenu('管理').addItem('初始化台账', 'setupWorkbook')).addToUi();
    }
    function showSidebar() {
      SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('物业台账').setSandboxMode(HtmlService.SandboxMode.IFRAME));
      return SpreadsheetApp.getUi().alert('已保存');
    }
    function template() { var t = HtmlService.createTemplateFromFile('Hello'); t.name = '<李>'; t.raw = '<br>'; return t.evaluate().getContent(); }
    function missing() { HtmlService.createHtmlOutputFromFile('Nope'); }`;

  test('Session reports the active user, script time zone and locale', () => {
    expect(host(code, { htmlDir: dir }).call('who')).toEqual(['clerk@estate.example', 'clerk@estate.example', 'Asia/Shanghai', 'zh_CN']);
  });

  test('menus, sidebars and alerts are recorded; the sidebar is read from the html directory', () => {
    const h = host(code, { htmlDir: dir });
    h.call('onOpen');
    expect(h.call('showSidebar')).toBe('OK');
    expect(h.ui.menus).toEqual([
      {
        title: '物业台账',
        addon: false,
        items: [{ caption: '打开台账', fn: 'showSidebar' }, { separator: true }, { submenu: { title: '管理', addon: false, items: [{ caption: '初始化台账', fn: 'setupWorkbook' }] } }],
      },
    ]);
    expect(h.ui.sidebars[0]).toMatchObject({ title: '物业台账', content: '<div id="app">台账</div>' });
    expect(h.ui.alerts[0]).toMatchObject({ message: '已保存' });
    expect(() => h.call('missing')).toThrow('No HTML file named Nope was found.');
  });

  test('templates evaluate scriptlets inside the script, escaping <?= ?>', () => {
    expect(host(code, { htmlDir: dir }).call('template')).toBe('<p>&lt;李&gt;</p><i>0</i><i>1</i><br>');
  });

  test('in an installable trigger the Ui is not available, as in Google', () => {
    const h = host(code, { htmlDir: dir });
    expect(() => h.callAsTrigger('showSidebar')).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(h.call('showSidebar')).toBe('OK');
  });
});

describe('Utilities', () => {
  const code = `
    function digest(alg, text) { return Utilities.computeDigest(Utilities.DigestAlgorithm[alg], text, Utilities.Charset.UTF_8); }
    function fmt(ms, tz, pattern) { return Utilities.formatDate(new Date(ms), tz, pattern); }
    function blob() { var b = Utilities.newBlob('台账', 'text/plain', 'a.txt'); return [b.getBytes().length, b.getDataAsString(), b.getContentType(), b.getName(), Utilities.base64Encode('台账'), Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode('台账'))).getDataAsString()]; }
    function nap() { var t = Date.now(); Utilities.sleep(1500); return Date.now() - t; }
    function uuid() { return Utilities.getUuid(); }`;

  test.each([
    ['SHA_256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['SHA_256', '值班记录', '' /* computed below */],
    ['MD5', 'abc', '900150983cd24fb0d6963f7d28e17f72'],
  ])('computeDigest(%s) returns Java signed bytes', (alg, text, hex) => {
    const expectedHex = hex || require('node:crypto').createHash('sha256').update(text, 'utf8').digest('hex');
    const expected = [...Buffer.from(expectedHex, 'hex')].map((b) => (b > 127 ? b - 256 : b));
    const got = host(code).call('digest', alg, text) as number[];
    expect(got).toEqual(expected);
    expect(Math.min(...got)).toBeGreaterThanOrEqual(-128);
  });

  test.each([
    ["yyyy-MM-dd'T'HH:mm:ssXXX", 'Asia/Shanghai', '2026-11-02T09:30:05+08:00'],
    ['yyyy-MM-dd HH:mm EEE Z', 'Asia/Shanghai', '2026-11-02 09:30 Mon +0800'],
    ["yyyy年M月d日 h:mm a 'o''clock'", 'UTC', "2026年11月2日 1:30 AM o'clock"],
    ['EEEE dd MMM yy X', 'America/New_York', 'Sunday 01 Nov 26 -05'],
  ])('formatDate(%s, %s)', (pattern, tz, expected) => {
    expect(host(code).call('fmt', Date.parse('2026-11-02T01:30:05Z'), tz, pattern)).toBe(expected);
  });

  test.each([
    ['Asia/Shanghai', '2026-11-02T01:30:05Z', '+08:00'],
    ['UTC', '2026-11-02T01:30:05Z', 'Z'],
    ['Asia/Kolkata', '2026-11-02T01:30:05Z', '+05:30'],
    ['America/St_Johns', '2026-11-02T01:30:05Z', '-03:30'],
    // Local mean time before 1901 (+08:05:43): Java's XXX keeps whole minutes, cut, not rounded.
    ['Asia/Shanghai', '1899-12-30T00:00:00Z', '+08:05'],
  ])("formatDate 'XXX' in %s at %s is %s, as Java's SimpleDateFormat writes it", (tz, at, expected) => {
    expect(host(code).call('fmt', Date.parse(at), tz, 'XXX')).toBe(expected);
  });

  test('an unknown pattern letter throws like Java', () => {
    expect(() => host(code).call('fmt', 0, 'UTC', 'yyyy x')).toThrow("Illegal pattern character 'x'");
  });

  test('blobs, base64, sleep on the pinned clock, uuid', () => {
    const h = host(code, { now: '2026-01-01T00:00:00Z' });
    expect(h.call('blob')).toEqual([6, '台账', 'text/plain', 'a.txt', Buffer.from('台账').toString('base64'), '台账']);
    expect(h.call('nap')).toBe(1500);
    expect(h.call('uuid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Drive', () => {
  const code = `
    function exportDoc() {
      var folder = DriveApp.createFolder('物业通知');
      var doc = Drive.Files.create({ name: '整改通知-V-2026-0001', mimeType: 'application/vnd.google-apps.document', parents: [folder.getId()] }, Utilities.newBlob('<h1>违章整改通知书</h1>', 'text/html', 'n.html'));
      var pdf = folder.createFile(DriveApp.getFileById(doc.id).getAs('application/pdf').setName('整改通知-V-2026-0001.pdf'));
      return { doc: doc, pdf: [pdf.getName(), pdf.getMimeType(), pdf.getUrl().indexOf('https://drive.google.com/file/d/') === 0],
        again: DriveApp.getFolderById(folder.getId()).getName() };
    }
    function missing() { DriveApp.getFileById('nope'); }`;

  test('HTML imported as a Google Doc; its PDF is a request the CLI renders, linked to the saved file', () => {
    const h = host(code);
    const r = h.call('exportDoc') as { doc: { id: string; name: string; mimeType: string; webViewLink: string }; pdf: unknown[]; again: string };
    expect(r.doc).toMatchObject({ name: '整改通知-V-2026-0001', mimeType: 'application/vnd.google-apps.document' });
    expect(r.doc.webViewLink).toBe(`https://docs.google.com/document/d/${r.doc.id}/edit?usp=drivesdk`);
    expect(r.pdf).toEqual(['整改通知-V-2026-0001.pdf', 'application/pdf', true]);
    expect(r.again).toBe('物业通知');
    expect(h.pdfRequests).toHaveLength(1);
    const pdfFile = h.workbook.drive.items.find((i) => i.mimeType === 'application/pdf')!;
    expect(h.pdfRequests[0]).toMatchObject({ docId: r.doc.id, html: '<h1>违章整改通知书</h1>', fileId: pdfFile.id });
    expect(pdfFile.pdfOf).toBe(r.doc.id);
    expect(h.workbook.drive.items.find((i) => i.id === r.doc.id)!.html).toBe('<h1>违章整改通知书</h1>');
    expect(() => h.call('missing')).toThrow('No item with the given ID could be found');
  });
});
