// The record card's 变更记录: the record's timeline from getHistory, loaded when first opened, every value as text.
import { call, errorText } from './bridge';
import { el, replace } from './dom';
import { tell } from './feedback';
import { displayTime, failureMessage } from './forms';
import type { RecordInfo, RegisterInfo, Reply } from './contract';

type Say = (key: string, params?: Record<string, string | number>) => string;
interface Entry {
  at: string;
  by: string;
  label: string;
  version: number;
  changes: string;
}

/** Folded under the card; one call per record opened, none for the list itself. */
export function timelineOf(reg: RegisterInfo, rec: RecordInfo, kit: { T: Say; text: Record<string, string>; offset: string }): HTMLElement | null {
  if (!rec.id) return null;
  const body = el('div', { class: 'slot' });
  const box = el('details', { class: 'more', 'data-history': 'timeline' }, el('summary', {}, kit.T('history.title')), body);
  let loaded = false;
  box.addEventListener('toggle', () => {
    if (!box.open || loaded) return;
    loaded = true;
    void load(reg, rec, body, kit);
  });
  return box;
}

async function load(reg: RegisterInfo, rec: RecordInfo, body: HTMLElement, kit: { T: Say; text: Record<string, string>; offset: string }): Promise<void> {
  const status = el('p', { class: 'message', role: 'status' });
  replace(body, status);
  tell(status, kit.T('ui.loading'), 'info');
  try {
    const reply = await call<Reply<{ entries: Entry[] }>>('getHistory', reg.key, rec.id);
    if (!reply.ok) return tell(status, failureMessage(reply, kit.text));
    if (!reply.entries.length) return tell(status, kit.T('history.none'), 'info');
    const item = (e: Entry) =>
      el(
        'li',
        { 'data-version': String(e.version) },
        el('div', { class: 'head' }, el('strong', {}, e.label), el('span', { class: 'time' }, displayTime(e.at, kit.offset))),
        el('div', { class: 'hint' }, e.by),
        e.changes ? el('div', { class: 'changes' }, e.changes) : null,
      );
    replace(body, el('ol', { class: 'timeline', 'data-testid': 'timeline' }, ...reply.entries.map(item)));
  } catch (e) {
    tell(status, kit.T('err.network', { message: errorText(e) }));
  }
}
