// The one list of entry points: menu items, sidebar RPCs and trigger handlers. The build gives each a top-level function.
import { bookUnreached, canReadDocument, gasPorts, noteWebAccess, webPage } from './gas/services';
import * as phone from './app/phone';
import type { Ports } from './ports';
import * as menu from './app/menu';
import * as records from './app/records';
import * as scan from './app/scan';
import * as triggers from './app/triggers';
import * as notices from './app/notices';
import * as noticeDialog from './app/noticeDialog';
import * as batch from './app/batch';
import * as dutylog from './app/dutylog';
import * as roster from './app/roster';
import * as rolesApi from './app/roles';
import * as importer from './app/import';
import * as archive from './app/archive';
import * as history from './app/history';
import * as attach from './app/attach';
import * as sheetEdits from './app/sheetEdits';
import { setupFromMenu, setupWorkbook as setup } from './app/setup';
import * as selfcheck from './app/selfcheck';
import { getTodo as todo } from './app/todo';
import { getRegisters as registers } from './app/registersApi';
import { Book } from './app/book';
import { getPickers as pickers } from './app/pickers';
import { getEditable as editable } from './app/edit';
import { t } from './domain/labels';
import { msg } from './domain/messages';
import { fail } from './domain/types';

/**
 * Unexpected errors are logged without record contents (which may hold sensitive notes) and
 * answered with a plain failure, so the sidebar never shows a stack trace.
 */
function rpc<A extends unknown[], R>(name: string, fn: (ports: Ports, ...args: A) => R) {
  return (...args: A): R | ReturnType<typeof fail> => {
    try {
      return fn(gasPorts(), ...args);
    } catch (e) {
      console.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return bookUnreached() ? fail('no_book', msg('no_book', 'zh-Hans')) : fail('internal', msg('internal', 'zh-Hans'));
    }
  };
}

/** Menu items have no sidebar to show a result in, so the outcome is shown as an alert too. */
function alertIfMenu<R extends { ok: boolean; message?: string }>(p: Ports, r: R, okText: string, params: Record<string, number> = {}): R {
  try {
    p.ui.alert(r.ok ? t(okText, new Book(p).lang, params) : String(r.message));
  } catch {
    // no UI (a trigger): the result is enough
  }
  return r;
}

// ---- menu ----
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  menu.onOpen(gasPorts(), canReadDocument(e));
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  menu.showSidebar(gasPorts());
}

export function showImport(): void {
  menu.showImport(gasPorts());
}

export const setupWorkbook = rpc('setupWorkbook', (p, lang?: unknown, office?: unknown) => setup(p, lang, office));
export const setupWorkbookFromMenu = rpc('setupWorkbookFromMenu', (p) => setupFromMenu(p));

// ---- records ----
export const getRegisters = rpc('getRegisters', (p, view?: unknown) => registers(p, view));
export const createRecord = rpc('createRecord', (p, register: unknown, fields: unknown) => records.createRecord(p, register, fields));
export const updateRecord = rpc('updateRecord', (p, register: unknown, id: unknown, version: unknown, fields: unknown) =>
  records.updateRecord(p, register, id, version, fields),
);
export const transition = rpc('transition', (p, register: unknown, id: unknown, version: unknown, action: unknown, fields?: unknown) =>
  records.transition(p, register, id, version, action, fields ?? {}),
);
export const getRecord = rpc('getRecord', (p, register: unknown, id: unknown) => records.getRecord(p, register, id));
export const getTodo = rpc('getTodo', (p) => todo(p));
export const getPickers = rpc('getPickers', (p) => pickers(p));
export const getEditable = rpc('getEditable', (p, register: unknown, id: unknown) => editable(p, register, id));
export const findRecords = rpc('findRecords', (p, register: unknown, query?: unknown) => records.findRecords(p, register, query ?? {}));

// ---- deadlines ----
/**
 * The hourly trigger handler; also callable from the sidebar by a supervisor or manager. Anyone can
 * call it through google.script.run with a made-up event, so only a uid of an installed trigger counts.
 */
export function runOverdueScan(e?: { triggerUid?: unknown }) {
  return rpc('runOverdueScan', (p) => scan.runOverdueScan(p, { triggerUid: typeof e?.triggerUid === 'string' ? e.triggerUid : '' }))();
}
export const installTriggers = rpc('installTriggers', (p) => alertIfMenu(p, triggers.installTriggers(p), 'msg.triggers_installed'));
export const uninstallTriggers = rpc('uninstallTriggers', (p) => alertIfMenu(p, triggers.uninstallTriggers(p), 'msg.triggers_removed'));

/**
 * The installable on-edit trigger (安装提醒 adds it): a cell typed into a register is recorded in
 * 变更记录 as 表格直接修改 at once. Google names the editor only when its rules allow.
 */
export function onSheetEdit(e?: { range?: GoogleAppsScript.Spreadsheet.Range; triggerUid?: unknown; user?: unknown }) {
  return rpc('onSheetEdit', (p) => {
    const r = e?.range;
    const u = e?.user as { getEmail?: () => string } | string | undefined;
    let user = '';
    try {
      user = typeof u === 'string' ? u : String(u?.getEmail?.() ?? '');
    } catch {
      // withheld: the row says "someone editing the sheet"
    }
    const event = { tab: r ? r.getSheet().getName() : '', row: r ? r.getRow() : 0, rows: r ? r.getNumRows() : 0, user, triggerUid: typeof e?.triggerUid === 'string' ? e.triggerUid : '' };
    return sheetEdits.onSheetEdit(p, event);
  })();
}

// ---- notices ----
export const generateNotice = rpc('generateNotice', (p, register: unknown, id: unknown, template: unknown, photos?: unknown) => notices.generateNotice(p, register, id, template, photos));
export const previewNotice = rpc('previewNotice', (p, register: unknown, id: unknown, template: unknown, photos?: unknown) => notices.previewNotice(p, register, id, template, photos));
export const getNoticeOptions = rpc('getNoticeOptions', (p, register: unknown, id: unknown) => notices.getNoticeOptions(p, register, id));
export const getSelectedRecord = rpc('getSelectedRecord', (p) => notices.getSelectedRecord(p));
export const showNoticeDialog = rpc('showNoticeDialog', (p, register: unknown, id: unknown, template: unknown) => noticeDialog.showNoticeDialog(p, register, id, template));
export const batchFeeReminders = rpc('batchFeeReminders', (p) => batch.batchFeeReminders(p));
export const batchFeeRemindersFromMenu = rpc('batchFeeRemindersFromMenu', (p) => batch.batchFeeRemindersFromMenu(p));

// ---- self-check on the real deployment ----
export const selfCheck = rpc('selfCheck', (p) => selfcheck.selfCheck(p));
export const selfCheckFromMenu = rpc('selfCheckFromMenu', (p) => selfcheck.selfCheckDialog(p));

// ---- duty log and roster ----
export const appendDutyLog = rpc('appendDutyLog', (p, entry: unknown) => dutylog.appendDutyLog(p, entry));
export const verifyDutyLog = rpc('verifyDutyLog', (p) => dutylog.verifyDutyLog(p));
export const getDutyDay = rpc('getDutyDay', (p) => dutylog.getDutyDay(p));
export const archiveDutyLog = rpc('archiveDutyLog', (p) => dutylog.archiveDutyLog(p));
export const archiveDutyLogFromMenu = rpc('archiveDutyLogFromMenu', (p) => {
  const r = dutylog.archiveDutyLog(p);
  return alertIfMenu(p, r, 'msg.archived', { count: r.ok ? r.moved : 0 });
});
export const archiveRecords = rpc('archiveRecords', (p) => archive.archiveRecords(p));
export const verifyArchives = rpc('verifyArchives', (p) => ({ ok: true, archives: archive.verifyArchives(p) }));
/** The menu's 归档过期记录: the duty log's old entries, then every register's finished records past retention. */
export const archiveFromMenu = rpc('archiveFromMenu', (p) => {
  const log = dutylog.archiveDutyLog(p);
  const regs = log.ok ? archive.archiveRecords(p) : log;
  const lang = new Book(p).lang;
  const lines = !log.ok ? [String(log.message)] : [t('msg.archived', lang, { count: log.moved }), ...(regs.ok ? regs.moved.map((m) => `${m.tab}：${m.count}`) : [String(regs.message)])];
  try {
    p.ui.alert(lines.join('\n'));
  } catch {
    // no UI: the result is enough
  }
  return regs;
});
// ---- roles ----
export const confirmRoles = rpc('confirmRoles', (p) => rolesApi.confirmRoles(p));
export const confirmRolesFromMenu = rpc('confirmRolesFromMenu', (p) => {
  const r = rolesApi.confirmRoles(p);
  try {
    p.ui.alert(String(r.message));
  } catch {
    // no UI: the result is enough
  }
  return r;
});

export const fillRoster = rpc('fillRoster', (p, month?: unknown, officers?: unknown) => roster.fillRoster(p, month, officers));
export const swapShift = rpc('swapShift', (p, date: unknown, shift: unknown, officer: unknown) => roster.swapShift(p, date, shift, officer));

/** The menu item 核验值班记录: the result as an alert. */
export function verifyDutyLogFromMenu(): void {
  const ports = gasPorts();
  const r = dutylog.verifyDutyLog(ports);
  const lang = new Book(ports).lang;
  ports.ui.alert([dutylog.verifyAlert(r, lang), ...archive.archiveLines(archive.verifyArchives(ports), lang), ...history.historyLines(ports)].join('\n'));
}

// ---- importing old registers ----
export const previewImport = rpc('previewImport', (p, request: unknown) => importer.previewImport(p, request));
export const runImport = rpc('runImport', (p, request: unknown) => importer.runImport(p, request));
export const undoImport = rpc('undoImport', (p, batch: unknown) => importer.undoImport(p, batch));
export const stageImport = rpc('stageImport', (p, part: unknown) => importer.stageImport(p, part));

// ---- the phone web app ----
/** The web app's page: the sidebar laid out for a phone, or a refusal and nothing else. */
export function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  let page: ReturnType<typeof phone.phonePage>;
  try {
    page = phone.phonePage(gasPorts());
    noteWebAccess(null);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.error(`doGet failed: ${why}`);
    // The workbook out of reach is Google's way of running web apps, not a fault: say it, and keep it for 自检.
    if (bookUnreached()) noteWebAccess(why);
    page = { ok: false, title: 'Estate registers', message: msg(bookUnreached() ? 'no_book' : 'internal', 'zh-Hans') };
  }
  return webPage(page);
}
export const submitOffline = rpc('submitOffline', (p, clientId: unknown, kind: unknown, register: unknown, fields: unknown) =>
  phone.submitOffline(p, clientId, kind, register, fields),
);
// ---- 变更记录 ----
export const verifyHistory = rpc('verifyHistory', (p) => history.verifyHistory(p));
export const getHistory = rpc('getHistory', (p, register: unknown, id: unknown) => history.getHistory(p, register, id));
// ---- 附件 ----
export const attachFile = rpc('attachFile', (p, register: unknown, id: unknown, file: unknown) => attach.attachFile(p, register, id, file));
export const getAttachments = rpc('getAttachments', (p, register: unknown, id: unknown) => attach.getAttachments(p, register, id));
