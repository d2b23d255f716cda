// The spreadsheet Ui fake: menus, sidebars, dialogs, alerts and prompts are recorded in host.ui for tests and the CLI.
import { instrument, type HostCore, type Like, type MenuItemRecord, type MenuRecord } from './core';

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

type UiKeys = 'alert' | 'prompt' | 'createMenu' | 'createAddonMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog';

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number | null;
  getHeight?(): number | null;
}

export class FakeUi implements Like<GoogleAppsScript.Base.Ui, UiKeys> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(readonly h: HostCore) {}
  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); answers from host.ui.responses, else the set's first button. */
  alert(a: string, b?: unknown, c?: unknown) {
    const [title, message, buttons] = c !== undefined ? [a, String(b), String(c)] : b !== undefined && isButtonSet(b) ? ['', a, String(b)] : ['', a, 'OK'];
    this.h.ui.alerts.push({ title: String(title), message: String(message), buttons, at: new Date(this.h.now()) });
    return this._answer(buttons).button as unknown as GoogleAppsScript.Base.Button;
  }
  prompt(a: string, b?: unknown, c?: unknown) {
    const [title, message, buttons] = c !== undefined ? [a, String(b), String(c)] : b !== undefined && isButtonSet(b) ? ['', a, String(b)] : ['', a, 'OK'];
    this.h.ui.alerts.push({ title: String(title), message: String(message), buttons, at: new Date(this.h.now()) });
    const answer = this._answer(buttons);
    return { getResponseText: () => answer.text, getSelectedButton: () => answer.button } as unknown as GoogleAppsScript.Base.PromptResponse;
  }
  createMenu(caption: string) {
    return new FakeMenu(this.h, { title: String(caption), addon: false, items: [] });
  }
  createAddonMenu() {
    return new FakeMenu(this.h, { title: null, addon: true, items: [] });
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput) {
    this.h.ui.sidebars.push(this._shown(userInterface));
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string) {
    this.h.ui.dialogs.push({ ...this._shown(userInterface), title: String(title), modal: true });
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string) {
    this.h.ui.dialogs.push({ ...this._shown(userInterface), title: String(title), modal: false });
  }
  _shown(u: unknown) {
    const html = u as HtmlLike;
    if (!html || typeof html.getContent !== 'function') this.h.fail('Invalid argument: userInterface');
    return {
      title: html.getTitle(),
      content: html.getContent(),
      width: html.getWidth?.() ?? null,
      height: html.getHeight?.() ?? null,
      at: new Date(this.h.now()),
    };
  }
  _answer(buttons: string): { button: string; text: string } {
    const next = this.h.ui.responses.shift();
    const first = buttons.startsWith('YES') ? 'YES' : 'OK';
    return { button: next?.button ?? first, text: next?.text ?? '' };
  }
}

function isButtonSet(v: unknown): boolean {
  return typeof v === 'string' && v in ButtonSet;
}

export class FakeMenu implements Like<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  constructor(
    readonly h: HostCore,
    readonly record: MenuRecord,
  ) {}
  addItem(caption: string, functionName: string) {
    this.record.items.push({ caption: String(caption), fn: String(functionName) } satisfies MenuItemRecord);
    return this;
  }
  addSeparator() {
    this.record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu) {
    if (!(menu instanceof FakeMenu)) this.h.fail('Invalid argument: menu');
    this.record.items.push({ submenu: (menu as FakeMenu).record });
    return this;
  }
  /** A menu added again with the same title replaces the old one, as a reopened document would show it. */
  addToUi() {
    const menus = this.h.ui.menus;
    const i = menus.findIndex((m) => m.title === this.record.title && m.addon === this.record.addon);
    if (i >= 0) menus.splice(i, 1, this.record);
    else menus.push(this.record);
  }
}

instrument(FakeUi, 'Ui');
instrument(FakeMenu, 'Ui.Menu');
