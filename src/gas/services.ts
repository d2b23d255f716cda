// The other ports on Google services: clock, lock, properties, identity, mail, Drive export, triggers and UI.
import { Clock, DocumentExporter, ExportFailed, ExportTarget, FileStore, Identity, Lock, LockBusy, Mail, Mailer, NoticeFolder, Ports, Store, Triggers, Ui } from '../ports';
import { hexFromBytes } from '../domain/sha256';
import { pdfBytesFrom } from '../domain/pdfBytes';
import { activeBook, forgetReach, reachedBy, rememberBookId, SheetTables } from './tables';
import { probes } from './probes';
import { useOffsetSource } from '../domain/zone';
import { useTextSource } from '../domain/types';
import { escapeHtml } from '../domain/escape';

/** How long a write waits for another user's write to finish before answering "busy". */
const LOCK_WAIT_MS = 30_000;

export function systemClock(): Clock {
  const start = Date.now();
  return { now: () => new Date(), elapsedMs: () => Date.now() - start };
}

/**
 * One lock for every path. getDocumentLock() can answer null (a time-driven trigger has no current
 * document in some deployments), and a trigger on the script lock would not exclude a sidebar on the
 * document lock. So every path takes the script lock, which a bound script shares with no other
 * workbook, and the document lock too where there is one, so it also excludes anything holding only that.
 */
export const documentLock: Lock = {
  withLock<T>(fn: () => T): T {
    const held: GoogleAppsScript.Lock.Lock[] = [];
    try {
      for (const lock of [LockService.getDocumentLock(), LockService.getScriptLock()]) {
        if (!lock) continue;
        if (!lock.tryLock(LOCK_WAIT_MS)) throw new LockBusy('document lock busy');
        held.push(lock);
      }
      return fn();
    } finally {
      for (const lock of held.reverse()) lock.releaseLock();
    }
  },
};

/** Opened on first use: onOpen in AuthMode.NONE may not touch document properties. */
export function documentStore(): Store {
  let props: GoogleAppsScript.Properties.Properties | null = null;
  const p = () => (props ??= PropertiesService.getDocumentProperties());
  return {
    get: (k) => p().getProperty(k),
    set: (k, v) => void p().setProperty(k, v),
    remove: (k) => void p().deleteProperty(k),
  };
}

export const identity: Identity = {
  /**
   * getActiveUser() is empty when Google withholds the user's identity (another domain, a consumer
   * account). In a sidebar call the script runs as the person at the keyboard, so the effective user
   * is that same person; both empty means the Roles check refuses with a message saying what to do.
   */
  email: () => Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '',
  timeZone: () => activeBook().getSpreadsheetTimeZone() || Session.getScriptTimeZone(),
};

export const mailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send: (m: Mail) => MailApp.sendEmail({ to: m.to.join(','), subject: m.subject, body: m.text, htmlBody: m.html, name: '物业台账 Estate Registers', ...(m.attachments ? { attachments: m.attachments as GoogleAppsScript.Base.BlobSource[] } : {}) }),
};

const GOOGLE_DOC = 'application/vnd.google-apps.document';
const FOLDER = 'application/vnd.google-apps.folder';
const PDF = 'application/pdf';

type DriveFiles = GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection;
/** files.export answers with the bytes; the typings say void, Google answers a Blob or (alt=media) possibly a string. */
export const exportMedia = (files: DriveFiles, id: string, mime: string): unknown =>
  (files.export as unknown as (id: string, mime: string, args: object) => unknown)(id, mime, { alt: 'media' });

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** How many images an exported Doc (a Blob, or a string of bytes) holds. */
export const imagesIn = (exported: unknown): number => {
  const text = exported && typeof (exported as GoogleAppsScript.Base.Blob).getDataAsString === 'function' ? (exported as GoogleAppsScript.Base.Blob).getDataAsString() : String(exported ?? '');
  return (text.match(/<img\b/gi) ?? []).length;
};
/** Drive's answers for a folder this user's run cannot use: 404 File not found, 403 insufficient permissions. */
const FOLDER_REFUSED = /not found|notFound|insufficient|permission/i;

/** The export as PDF bytes, or why not (see domain/pdfBytes). */
function exportPdf(files: DriveFiles, docId: string, name: string): GoogleAppsScript.Base.Blob {
  const got = pdfBytesFrom(exportMedia(files, docId, PDF));
  if ('problem' in got) throw new ExportFailed('pdf', `PDF export unusable: ${got.problem}`);
  return Utilities.newBlob(got.bytes, PDF, `${name}.pdf`);
}

/**
 * Shares the folder with each reader not yet shared, without Drive's notification email (one
 * per notice folder per colleague would be noise). Permissions.create works under drive.file on
 * a folder the app created; the files inherit it. A refusal (say an address without a Google
 * account) leaves that reader out, to be tried again with the next notice.
 */
function shareFolder(folder: NoticeFolder, readers: string[]): NoticeFolder {
  const sharedWith = [...folder.sharedWith];
  for (const email of readers) {
    if (sharedWith.includes(email)) continue;
    try {
      Drive!.Permissions!.create({ type: 'user', role: 'reader', emailAddress: email }, folder.id, { sendNotificationEmail: false });
      sharedWith.push(email);
    } catch (e) {
      console.warn(`sharing the notices folder with a colleague failed: ${errorText(e)}`);
    }
  }
  return { id: folder.id, sharedWith };
}

/**
 * Runs use in the user's notices folder. Only "not found" / "no permission" say the folder itself
 * is the problem (deleted, or not this user's): then a new one is made, unless Settings fix the
 * folder. Anything else (a Drive hiccup) is passed on rather than answered with a new folder.
 */
function inNoticeFolder<T>(target: ExportTarget, use: (folderId: string) => T): { folder: NoticeFolder; value: T } {
  if (target.folder) {
    try {
      return { folder: target.folder, value: use(target.folder.id) };
    } catch (e) {
      if (!FOLDER_REFUSED.test(errorText(e))) throw e;
      if (target.fixed) throw new ExportFailed('folder', errorText(e));
    }
  }
  const folder = { id: Drive!.Files!.create({ name: target.folderName, mimeType: FOLDER }).id!, sharedWith: [] };
  return { folder, value: use(folder.id) };
}

export const docs: DocumentExporter = {
  /**
   * Everything goes through the Drive advanced service, which works under the drive.file scope
   * (DriveApp asks for full Drive access): the user's own notices folder, the HTML imported as a
   * Google Doc, and that Doc exported as a PDF. Under drive.file the app reaches only what it
   * created for this user, so each user gets a folder of their own (made again if they deleted
   * it), shared with the staff. files.export needs {alt: 'media'} in Apps Script (see gas-fakes
   * issue #117 / issuetracker 468534237).
   */
  export(name, html, target) {
    const files = Drive!.Files!;
    const source = () => Utilities.newBlob(html, 'text/html', `${name}.html`);
    const importDoc = (folderId: string) => files.create({ name, mimeType: GOOGLE_DOC, parents: [folderId] }, source());
    const { folder, value: doc } = inNoticeFolder(target, importDoc);
    // Photos go in as data: images; whether Google's import keeps them is not documented, so a notice
    // that should carry photos is checked, and never issued without them (自检 says which way Google went).
    const photos = (html.match(/<img\b/gi) ?? []).length;
    if (photos && imagesIn(exportMedia(files, doc.id!, 'text/html')) < photos) {
      files.remove(doc.id!);
      throw new ExportFailed('images', 'The Google Doc import dropped the notice photos');
    }
    let blob: GoogleAppsScript.Base.Blob;
    try {
      blob = exportPdf(files, doc.id!, name);
    } catch (e) {
      // The Doc alone would be a notice without its PDF: take it back, keep the record as it was.
      try {
        files.remove(doc.id!);
      } catch {
        // nothing more to undo
      }
      throw e instanceof ExportFailed ? e : new ExportFailed('pdf', errorText(e));
    }
    const pdf = files.create({ name: `${name}.pdf`, mimeType: PDF, parents: [folder.id] }, blob);
    return {
      folder: target.fixed ? folder : shareFolder(folder, target.readers),
      docId: doc.id!,
      docUrl: `https://docs.google.com/document/d/${doc.id}/edit`,
      pdfId: pdf.id!,
      pdfUrl: `https://drive.google.com/file/d/${pdf.id}/view`,
      pdfBlob: blob,
    };
  },
};


const quoted = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A record's files, through the Drive advanced service under drive.file like the notices: the
 * user's notices folder (made again when gone, as export does), a subfolder named by the record id,
 * one file per upload. Files.list under drive.file sees only what the add-on made for this user.
 */
export const files: FileStore = {
  save(target, sub, list) {
    const api = Drive!.Files!;
    const dirIn = (parent: string): string => {
      const q = `name = ${quoted(sub)} and ${quoted(parent)} in parents and mimeType = '${FOLDER}' and trashed = false`;
      return api.list({ q, fields: 'files(id)' }).files?.[0]?.id ?? api.create({ name: sub, mimeType: FOLDER, parents: [parent] }).id!;
    };
    const { folder, value: dir } = inNoticeFolder(target, dirIn);
    const made: string[] = [];
    const put = (name: string, mime: string, b64: string) => {
      const blob = Utilities.newBlob(Utilities.base64Decode(b64), mime, name);
      made.push(api.create({ name, mimeType: mime, parents: [dir!] }, blob).id!);
      return { id: made[made.length - 1], blob };
    };
    try {
      const out = list.map((f) => {
        const { id, blob } = put(f.name, f.mime, f.base64);
        const sha256 = hexFromBytes(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, blob.getBytes()));
        const thumbId = f.thumb ? put(`${id}.thumb.jpg`, 'image/jpeg', f.thumb).id : null;
        return { id, url: `https://drive.google.com/file/d/${id}/view`, sha256, thumbId };
      });
      return { folder: target.fixed ? folder : shareFolder(folder, target.readers), files: out };
    } catch (e) {
      for (const id of made) files.remove(id);
      throw e;
    }
  },
  read(id) {
    try {
      // alt=media answers the bytes: a Blob, or (as the typings say) a string of one byte per character.
      const got = (Drive!.Files!.get as unknown as (id: string, a: object) => unknown)(id, { alt: 'media' });
      if (got && typeof (got as GoogleAppsScript.Base.Blob).getBytes === 'function') return Utilities.base64Encode((got as GoogleAppsScript.Base.Blob).getBytes());
      // Bytes decoded as text (U+FFFD and friends) are lost for good: no photo rather than a broken one.
      if (typeof got !== 'string' || /[^\x00-\xff]/.test(got)) return console.warn(`file ${id} came back as text, not bytes`), null;
      return Utilities.base64Encode(Array.from(got, (c) => (c.charCodeAt(0) << 24) >> 24));
    } catch (e) {
      if (FOLDER_REFUSED.test(errorText(e))) return null;
      throw e;
    }
  },
  find(names) {
    if (!names.length) return {};
    const q = `(${names.map((n) => `name = ${quoted(n)}`).join(' or ')}) and trashed = false`;
    const got = Drive!.Files!.list({ q, fields: 'files(id,name)', pageSize: 100 }).files ?? [];
    return Object.fromEntries(got.map((f) => [f.name!, f.id!]));
  },
  remove(id) {
    try {
      Drive!.Files!.remove(id);
    } catch (e) {
      console.warn(`removing an uploaded file failed: ${errorText(e)}`);
    }
  },
};

export const triggers: Triggers = {
  /**
   * getUserTriggers(spreadsheet) may leave out time-driven triggers (their source id is null), so the
   * ids this workbook recorded are looked up among the project's triggers too. getProjectTriggers alone
   * would also list an add-on user's triggers for other workbooks.
   */
  list: (known) => {
    const found = new Map<string, GoogleAppsScript.Script.Trigger>();
    for (const t of ScriptApp.getUserTriggers(activeBook())) found.set(t.getUniqueId(), t);
    if (known.some((id) => !found.has(id))) for (const t of ScriptApp.getProjectTriggers()) if (known.includes(t.getUniqueId())) found.set(t.getUniqueId(), t);
    return [...found.values()].map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() }));
  },
  isInstalled: (uid, handler) => ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid && t.getHandlerFunction() === handler),
  createHourly: (handler) => ScriptApp.newTrigger(handler).timeBased().everyHours(1).create().getUniqueId(),
  createOnEdit: (handler) => ScriptApp.newTrigger(handler).forSpreadsheet(activeBook()).onEdit().create().getUniqueId(),
  remove: (id) => {
    const t = ScriptApp.getProjectTriggers().find((x) => x.getUniqueId() === id);
    if (t) ScriptApp.deleteTrigger(t);
  },
};

export const ui: Ui = {
  addMenu(title, items) {
    const menu = SpreadsheetApp.getUi().createMenu(title);
    for (const item of items) menu.addItem(item.label, item.fn);
    menu.addToUi();
  },
  showSidebar(file, title, view) {
    rememberBookId();
    const page = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
    // HtmlOutput.append adds trusted HTML after the page; the sidebar reads it once its first call returns.
    if (view) page.append(`<meta name="er-view" content="${view}">`);
    SpreadsheetApp.getUi().showSidebar(page);
  },
  alert(message) {
    SpreadsheetApp.getUi().alert(message);
  },
  showDialog(html, title, width, height) {
    SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(width).setHeight(height), title);
  },
};

/** False in AuthMode.NONE (an add-on not yet used in this document), when the workbook may not be read. */
export const canReadDocument = (e?: { authMode?: GoogleAppsScript.Script.AuthMode }): boolean => !e || e.authMode !== ScriptApp.AuthMode.NONE;

/**
 * A zone's offset from Java's zone data: Apps Script's V8 may lack Intl's timeZoneName
 * 'longOffset' or ignore timeZone altogether. The wall clock to the second (not 'XXX', which
 * drops the seconds of local mean time, +08:05:43) minus the moment.
 */
export function utilitiesOffset(tz: string, ms: number): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const wall = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(Utilities.formatDate(new Date(whole), tz, 'yyyy-MM-dd HH:mm:ss'));
  if (!wall) throw new RangeError(`Unknown time zone: ${tz}`);
  const [y, mo, d, h, mi, s] = wall.slice(1).map(Number);
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  at.setUTCHours(h, mi, s, 0);
  return (at.getTime() - whole) / 60_000;
}

/** The ports for one execution. */
export function gasPorts(): Ports {
  useOffsetSource(utilitiesOffset);
  useTextSource(readTexts);
  forgetReach();
  return {
    tables: new SheetTables(),
    clock: systemClock(),
    lock: documentLock,
    store: documentStore(),
    identity,
    mailer,
    docs,
    triggers,
    ui,
    probes,
    files,
  };
}

/**
 * The phone web app's page. Google ignores a viewport meta inside the HTML of a web app, so it is added
 * with addMetaTag. The page is not framed by anyone, so the default X-Frame-Options (same origin) stays.
 * A refusal is built from our own message, escaped, with no script: nothing else is shown.
 */
export function webPage(page: { ok: boolean; title: string; message?: string }): GoogleAppsScript.HTML.HtmlOutput {
  const out = page.ok
    ? HtmlService.createHtmlOutputFromFile('Sidebar').append('<meta name="er-view" content="mobile">')
    : HtmlService.createHtmlOutput(`<!DOCTYPE html><html><body style="font:16px sans-serif;padding:16px"><p data-testid="refusal">${escapeHtml(page.message ?? '')}</p></body></html>`);
  return out.setTitle(page.title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** The zh-Hant and en texts the build moved to Texts.html (scripts/texts.cjs), read at their first use in a run. */
function readTexts(): unknown {
  return JSON.parse(HtmlService.createHtmlOutputFromFile('Texts').getContent());
}

/** Script property: how the web app last reached the workbook (script, not document, properties: it may have no document). */
export const WEB_ACCESS = 'webapp.access';

/** Notes how this doGet reached the workbook, or why not, for 自检; never fails the page. */
export function noteWebAccess(error: string | null): void {
  try {
    PropertiesService.getScriptProperties().setProperty(WEB_ACCESS, JSON.stringify({ by: reachedBy(), at: new Date().toISOString(), error }));
  } catch {
    // the page matters more than the note
  }
}

/** Whether a doGet failure was the workbook out of reach (rather than a fault after it was open). */
export const bookUnreached = (): boolean => reachedBy() === null;
