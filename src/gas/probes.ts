// What this deployment of Google actually does: one small, self-cleaning experiment per assumption, for selfCheck.
import type { Probe, Probes } from '../ports';
import { pdfBytesFrom } from '../domain/pdfBytes';
import { exportMedia, imagesIn, WEB_ACCESS } from './services';
import { rememberBookId } from './tables';

const DAY_MS = 24 * 3600 * 1000;
const expected = (detail: string): Probe => ({ ok: true, behaviour: 'expected', detail });

/** Runs a probe; a probe that throws is a failed row with Google's message, never a failed self-check. */
function guard(fn: () => Probe): Probe {
  try {
    return fn();
  } catch (e) {
    return { ok: false, behaviour: 'error', detail: e instanceof Error ? e.message : String(e) };
  }
}

/** "+08:00" from Utilities (Java's XXX gives "Z" for UTC). */
const utilitiesOffset = (d: Date, tz: string) => {
  const x = Utilities.formatDate(d, tz, 'XXX');
  return x === 'Z' ? '+00:00' : x;
};

function intl(tz: string): Probe {
  const d = new Date(Date.UTC(2026, 0, 15, 4, 0, 0));
  const util = utilitiesOffset(d, tz);
  let offset = '';
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /^GMT(?:([+-]\d{2}:\d{2}))?$/.exec(name);
    offset = m ? (m[1] ?? '+00:00') : '';
  } catch {
    offset = '';
  }
  const hourIntl = Number(new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(d));
  const hourUtil = Number(Utilities.formatDate(d, tz, 'HH'));
  const detail = `Intl ${offset || '—'} / Utilities ${util}`;
  // The add-on takes offsets from Utilities, so either finding is handled; the row says which one this is.
  if (hourIntl !== hourUtil) return { ok: true, behaviour: 'no-intl-tz', detail };
  if (!offset) return { ok: true, behaviour: 'no-longoffset', detail };
  return offset === util ? expected(detail) : { ok: false, behaviour: 'error', detail };
}

function apostrophe(tab: string): Probe {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
  sheet.hideSheet();
  const cell = sheet.getRange(1, 1);
  cell.setNumberFormat('@').setValue("'0755");
  SpreadsheetApp.flush();
  const read = cell.getValue();
  cell.clearContent();
  if (read === '0755') return expected("'0755 → 0755");
  if (read === "'0755") return { ok: true, behaviour: 'apostrophe-kept', detail: "'0755 → '0755" };
  return { ok: false, behaviour: 'error', detail: `'0755 → ${String(read)}` };
}

/** Text that some locales turn into a number or date in an automatic-format cell; the add-on keeps text columns plain text. */
const CONVERTIBLE = ['０７５５', 'Jan 5', '5/1', '12%'];

function conversion(tab: string): Probe {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
  sheet.hideSheet();
  const range = sheet.getRange(1, 1, 1, CONVERTIBLE.length);
  range.setNumberFormat('General').setValues([CONVERTIBLE]);
  SpreadsheetApp.flush();
  const read = range.getValues()[0]!;
  range.clearContent();
  const changed = CONVERTIBLE.filter((v, i) => read[i] !== v);
  return changed.length ? { ok: true, behaviour: 'locale-conversion', detail: `converted: ${changed.join(', ')}` } : expected('kept as typed');
}

const GOOGLE_DOC = 'application/vnd.google-apps.document';

/**
 * Imports a one-line Doc and exports it as the notices are exported; a whole PDF (header, trailer and
 * xref, see pdfBytesFrom) is a pass, and the row says whether Google answered a Blob or a string.
 */
function pdfExport(): Probe {
  const files = Drive!.Files!;
  const doc = files.create({ name: '物业台账自检 self-check', mimeType: GOOGLE_DOC }, Utilities.newBlob('<p>自检 self-check</p>', 'text/html', 'self-check.html'));
  try {
    const raw = exportMedia(files, doc.id!, 'application/pdf');
    const shape = raw && typeof (raw as GoogleAppsScript.Base.Blob).getBytes === 'function' ? 'Blob' : typeof raw;
    const got = pdfBytesFrom(raw);
    if ('problem' in got) return { ok: false, behaviour: shape === 'Blob' ? 'error' : 'export-string', detail: `${shape}: ${got.problem}` };
    const detail = `${shape}, ${got.bytes.length}-byte PDF`;
    return shape === 'Blob' ? expected(detail) : { ok: true, behaviour: 'export-string', detail };
  } finally {
    files.remove(doc.id!);
  }
}

/** A one-pixel PNG as a notice carries its photos (a data: image), imported as a Doc and read back as HTML. */
const DOT = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
function docImages(): Probe {
  const files = Drive!.Files!;
  const html = `<p>自检 self-check</p><p><img src="data:image/png;base64,${DOT}" width="8" height="8"></p>`;
  const doc = files.create({ name: '物业台账自检 photo', mimeType: GOOGLE_DOC }, Utilities.newBlob(html, 'text/html', 'self-check.html'));
  try {
    const n = imagesIn(exportMedia(files, doc.id!, 'text/html'));
    return n ? expected(`${n} image kept`) : { ok: true, behaviour: 'doc-drops-images', detail: 'the import dropped the data: image; notices with photos are refused' };
  } finally {
    files.remove(doc.id!);
  }
}

function triggers(handler: string): Probe {
  const made = ScriptApp.newTrigger(handler).timeBased().after(DAY_MS).create();
  try {
    const listed = ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).some((t) => t.getUniqueId() === made.getUniqueId());
    return listed ? expected('getUserTriggers lists clock triggers') : { ok: true, behaviour: 'clock-triggers-unbound', detail: 'getUserTriggers leaves out clock triggers' };
  } finally {
    ScriptApp.deleteTrigger(made);
  }
}

function email(): Probe {
  const active = Session.getActiveUser().getEmail();
  if (active) return expected(active);
  const effective = Session.getEffectiveUser().getEmail();
  return effective ? { ok: true, behaviour: 'empty-email', detail: `getActiveUser "" / getEffectiveUser ${effective}` } : { ok: false, behaviour: 'empty-email', detail: 'getActiveUser "" / getEffectiveUser ""' };
}

function lock(): Probe {
  const doc = LockService.getDocumentLock();
  return doc ? expected('getDocumentLock + getScriptLock') : { ok: true, behaviour: 'no-document-lock', detail: 'getDocumentLock null; getScriptLock' };
}

function mailQuota(): Probe {
  const left = MailApp.getRemainingDailyQuota();
  return { ok: left > 0, behaviour: left > 0 ? 'expected' : 'error', detail: String(left) };
}

/** Shares a scratch file with a colleague (no notification) through the Drive API that drive.file allows, then deletes it. */
function sharing(colleague: string | null): Probe {
  if (!colleague) return { ok: true, behaviour: 'untested', detail: 'no other staff in Roles' };
  const files = Drive!.Files!;
  const file = files.create({ name: '物业台账自检 sharing', mimeType: 'text/plain' }, Utilities.newBlob('self-check', 'text/plain', 'self-check.txt'));
  try {
    Drive!.Permissions!.create({ role: 'reader', type: 'user', emailAddress: colleague }, file.id!, { sendNotificationEmail: false });
    return expected(`reader: ${colleague}`);
  } finally {
    files.remove(file.id!);
  }
}

/** What the phone web app found the last time it was opened; it can only be seen from there, so it is read back. */
function webApp(): Probe {
  rememberBookId();
  const seen = JSON.parse(PropertiesService.getScriptProperties().getProperty(WEB_ACCESS) ?? 'null') as { by: string | null; at: string; error: string | null } | null;
  if (!seen) {
    const url = ScriptApp.getService().getUrl();
    return { ok: true, behaviour: 'untested', detail: url ? `open ${url} once, then run 自检 again` : 'no web app deployment' };
  }
  if (seen.error) return { ok: false, behaviour: 'webapp-no-active', detail: `${seen.at}: ${seen.error}` };
  if (seen.by === 'id') return { ok: true, behaviour: 'webapp-no-active', detail: `${seen.at}: no active spreadsheet; opened by id` };
  return expected(`${seen.at}: getActiveSpreadsheet`);
}

export const probes: Probes = {
  intl: (tz) => guard(() => intl(tz)),
  apostrophe: (tab) => guard(() => apostrophe(tab)),
  conversion: (tab) => guard(() => conversion(tab)),
  pdfExport: () => guard(pdfExport),
  docImages: () => guard(docImages),
  triggers: (handler) => guard(() => triggers(handler)),
  email: () => guard(email),
  lock: () => guard(lock),
  mailQuota: () => guard(mailQuota),
  sharing: (colleague) => guard(() => sharing(colleague)),
  webApp: () => guard(webApp),
};
