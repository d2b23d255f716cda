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

export const docs: DocumentExporter = {
  /**
   * The Drive advanced service imports HTML as a Google Doc; with the drive.file scope the add-on
   * may only touch files it created, so it keeps its own folder.
   */
  export(name, html, folderName, folderId) {
    const folder = folderId ? DriveApp.getFolderById(folderId) : DriveApp.createFolder(folderName);
    const blob = Utilities.newBlob(html, 'text/html', `${name}.html`);
    const doc = Drive!.Files!.create({ name, mimeType: 'application/vnd.google-apps.document', parents: [folder.getId()] }, blob);
    const pdf = folder.createFile(DriveApp.getFileById(doc.id!).getAs('application/pdf').setName(`${name}.pdf`));
    return {
      folderId: folder.getId(),
      docId: doc.id!,
      docUrl: `https://docs.google.com/document/d/${doc.id}/edit`,
      pdfId: pdf.getId(),
      pdfUrl: pdf.getUrl(),
    };
  },
};

export const triggers: Triggers = {
  list: () =>
    ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() })),
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
