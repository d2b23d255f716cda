// The other ports on Google services: clock, lock, properties, identity, mail, Drive export, triggers and UI.
import { Clock, DocumentExporter, Identity, Lock, LockBusy, Mail, Mailer, Ports, Store, Triggers, Ui } from '../ports';
import { SheetTables } from './tables';

/** How long a write waits for another user's write to finish before answering "busy". */
const LOCK_WAIT_MS = 30_000;

export function systemClock(): Clock {
  const start = Date.now();
  return { now: () => new Date(), elapsedMs: () => Date.now() - start };
}

export const documentLock: Lock = {
  withLock<T>(fn: () => T): T {
    // getDocumentLock answers null outside a bound document; the script lock still serialises writers.
    const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
    if (!lock.tryLock(LOCK_WAIT_MS)) throw new LockBusy('document lock busy');
    try {
      return fn();
    } finally {
      lock.releaseLock();
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
  // Empty when the user's domain withholds it; the Roles check then refuses writes.
  email: () => Session.getActiveUser().getEmail(),
  timeZone: () => SpreadsheetApp.getActive().getSpreadsheetTimeZone() || Session.getScriptTimeZone(),
};

export const mailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send: (m: Mail) => MailApp.sendEmail({ to: m.to.join(','), subject: m.subject, body: m.text, htmlBody: m.html, name: '物业台账 Estate Registers' }),
};

const GOOGLE_DOC = 'application/vnd.google-apps.document';
const FOLDER = 'application/vnd.google-apps.folder';
const PDF = 'application/pdf';

/** files.export answers with the bytes; depending on the runtime that is a Blob, a byte array or a string. */
function pdfBlobOf(exported: unknown, name: string): GoogleAppsScript.Base.Blob {
  const blob =
    exported && typeof (exported as GoogleAppsScript.Base.Blob).getBytes === 'function'
      ? (exported as GoogleAppsScript.Base.Blob)
      : typeof exported === 'string'
        ? Utilities.newBlob(exported, PDF)
        : Utilities.newBlob(exported as number[], PDF);
  return blob.setContentType(PDF).setName(`${name}.pdf`);
}

export const docs: DocumentExporter = {
  /**
   * Everything goes through the Drive advanced service, which works under the drive.file scope
   * (DriveApp asks for full Drive access): the add-on's own folder, the HTML imported as a
   * Google Doc, and that Doc exported as a PDF. files.export needs {alt: 'media'} in Apps Script
   * (see gas-fakes issue #117 / issuetracker 468534237).
   */
  export(name, html, folderName, folderId) {
    const files = Drive!.Files!;
    const folder = folderId || files.create({ name: folderName, mimeType: FOLDER }).id!;
    const doc = files.create({ name, mimeType: GOOGLE_DOC, parents: [folder] }, Utilities.newBlob(html, 'text/html', `${name}.html`));
    const exported = (files.export as unknown as (id: string, mime: string, args: object) => unknown)(doc.id!, PDF, { alt: 'media' });
    const pdf = files.create({ name: `${name}.pdf`, mimeType: PDF, parents: [folder] }, pdfBlobOf(exported, name));
    return {
      folderId: folder,
      docId: doc.id!,
      docUrl: `https://docs.google.com/document/d/${doc.id}/edit`,
      pdfId: pdf.id!,
      pdfUrl: `https://drive.google.com/file/d/${pdf.id}/view`,
    };
  },
};

export const triggers: Triggers = {
  list: () =>
    ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() })),
  isInstalled: (uid, handler) => ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid && t.getHandlerFunction() === handler),
  createHourly: (handler) => ScriptApp.newTrigger(handler).timeBased().everyHours(1).create().getUniqueId(),
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
  showSidebar(file, title) {
    SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
  },
  alert(message) {
    SpreadsheetApp.getUi().alert(message);
  },
};

/** False in AuthMode.NONE (an add-on not yet used in this document), when the workbook may not be read. */
export const canReadDocument = (e?: { authMode?: GoogleAppsScript.Script.AuthMode }): boolean => !e || e.authMode !== ScriptApp.AuthMode.NONE;

/** The ports for one execution. */
export function gasPorts(): Ports {
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
  };
}
