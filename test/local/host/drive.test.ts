// The Drive advanced service fake models drive.file: each user's run reaches only what the app created for that user; sharing is for people.
import { createHost, newWorkbook, type HostOptions } from '../../../src/local/host';
import { driveAccess } from '../../../src/local/host/drive';
import { placeholderPdf } from '../../../src/local/host/utilities';

const code = `
  function folder(name) { return Drive.Files.create({ name: name, mimeType: 'application/vnd.google-apps.folder' }).id; }
  function doc(parent) { return Drive.Files.create({ name: 'n', mimeType: 'application/vnd.google-apps.document', parents: [parent] }, Utilities.newBlob('<p>通知</p>', 'text/html', 'n.html')).id; }
  function share(id, email) { return Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: email }, id, { sendNotificationEmail: false }).role; }
  function pdf(id) { var x = Drive.Files.export(id, 'application/pdf', { alt: 'media' }); return typeof x === 'string' ? ['string', x] : ['blob', x.getBytes().length]; }
  function get(id) { return Drive.Files.get(id).name; }
  function fail(fn, a) { try { this[fn](a); return null; } catch (e) { return [e.name, e.message, e.details && e.details.code]; } }`;

const two = (opts: HostOptions = { quirks: [] }) => {
  const wb = newWorkbook();
  const a = createHost({ code, workbook: wb, user: 'clerk@estate.example', ...opts });
  const b = createHost({ code, workbook: wb, user: 'supervisor@estate.example', ...opts });
  return { wb, a, b };
};

describe('Drive under drive.file', () => {
  test("another user's run cannot add to, read or export what the app made for the first, shared or not", () => {
    const { wb, a, b } = two();
    const f = a.call('folder', '物业台账文书') as string;
    const d = a.call('doc', f) as string;
    expect(b.call('fail', 'doc', f)).toEqual(['GoogleJsonResponseException', `API call to drive.files.create failed with error: File not found: ${f}.`, 404]);
    a.call('share', f, 'supervisor@estate.example');
    // Shared: the person can open it in the browser, but drive.file is granted per user, so the run still cannot.
    expect(driveAccess(wb, 'supervisor@estate.example', d)).toBe('reader');
    expect(b.call('fail', 'doc', f)).toEqual(['GoogleJsonResponseException', `API call to drive.files.create failed with error: File not found: ${f}.`, 404]);
    expect(b.call('fail', 'get', d)).toEqual(['GoogleJsonResponseException', `API call to drive.files.get failed with error: File not found: ${d}.`, 404]);
    expect(a.call('get', d)).toBe('n');
  });

  test('sharing a folder reaches the files in it; a person it is not shared with reaches nothing', () => {
    const { wb, a } = two();
    const f = a.call('folder', 'x') as string;
    const d = a.call('doc', f) as string;
    expect(driveAccess(wb, 'clerk@estate.example', d)).toBe('owner');
    expect(driveAccess(wb, 'manager@estate.example', d)).toBeNull();
    expect(a.call('share', f, 'manager@estate.example')).toBe('reader');
    expect(driveAccess(wb, 'manager@estate.example', `https://docs.google.com/document/d/${d}/edit`)).toBe('reader');
    expect(driveAccess(wb, 'manager@estate.example', `https://drive.google.com/drive/folders/${f}`)).toBe('reader');
    expect(a.call('fail', 'share', 'not an email')).toEqual(expect.arrayContaining(['GoogleJsonResponseException']));
  });

  test('export answers a Blob, or under export-string a string of the same bytes one per character', () => {
    const plain = two().a;
    const d1 = plain.call('doc', plain.call('folder', 'x')) as string;
    expect(plain.call('pdf', d1)).toEqual(['blob', placeholderPdf().length]);
    const quirky = two({ quirks: ['export-string'] }).a;
    const d2 = quirky.call('doc', quirky.call('folder', 'x')) as string;
    const [kind, text] = quirky.call('pdf', d2) as [string, string];
    expect(kind).toBe('string');
    expect(Buffer.from(text, 'latin1').equals(placeholderPdf())).toBe(true);
  });
});
