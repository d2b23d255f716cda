// The 物业台账 menu and the sidebar opener.
import { Book } from './book';
import type { Ports } from '../ports';
import { t } from '../domain/labels';
import { Lang } from '../domain/types';

/** Menu items in order: label key and the entry point it runs. */
export const MENU_ITEMS = [
  { text: 'menu.open_form', fn: 'showSidebar' },
  { text: 'menu.notice', fn: 'showSidebar' },
  { text: 'menu.setup', fn: 'setupWorkbookFromMenu' },
  { text: 'menu.install_triggers', fn: 'installTriggers' },
  { text: 'menu.uninstall_triggers', fn: 'uninstallTriggers' },
  { text: 'menu.verify_log', fn: 'verifyDutyLogFromMenu' },
  { text: 'menu.archive_log', fn: 'archiveFromMenu' },
  { text: 'menu.self_check', fn: 'selfCheckFromMenu' },
  { text: 'menu.confirm_roles', fn: 'confirmRolesFromMenu' },
  { text: 'menu.import', fn: 'showImport' },
  { text: 'menu.batch_fee_reminders', fn: 'batchFeeRemindersFromMenu' },
] as const;

/**
 * In AuthMode.NONE (an add-on not yet used in this document) the workbook cannot be read, so
 * the menu falls back to Simplified Chinese.
 */
function menuLang(ports: Ports, canRead: boolean): Lang {
  if (!canRead) return 'zh-Hans';
  try {
    return new Book(ports).lang;
  } catch {
    return 'zh-Hans';
  }
}

export function onOpen(ports: Ports, canRead: boolean): void {
  const lang = menuLang(ports, canRead);
  ports.ui.addMenu(
    t('menu.title', lang),
    MENU_ITEMS.map((i) => ({ label: t(i.text, lang), fn: i.fn })),
  );
}

export function showSidebar(ports: Ports): void {
  ports.ui.showSidebar('Sidebar', t('ui.title', new Book(ports).lang));
}

/** The sidebar opened on its 导入旧台账 panel (the sidebar shows its to-do list to anyone who may not import). */
export function showImport(ports: Ports): void {
  ports.ui.showSidebar('Sidebar', t('ui.title', new Book(ports).lang), 'import');
}
