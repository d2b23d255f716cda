// A record's card in a register's list: what names it, its state chip, and its next deadline in red, amber or plain.
import type { RecordInfo, RegisterInfo } from './contract';
import { el } from './dom';
import { displayTime } from './forms';

/** A roster row has no id: it is named by its date, shift and officer ("2026-11-30 夜班 · 张三"). */
export function cardHeading(rec: RecordInfo): string {
  if (!rec.label) return rec.id;
  return rec.title ? `${rec.label} · ${rec.title}` : rec.label;
}

/** The title line under the heading, unless the heading already carries it. */
export const cardTitle = (rec: RecordInfo): string => (rec.label ? '' : rec.title);

/** The tone a card is drawn in: its next deadline's, or none. */
export const cardTone = (rec: RecordInfo): string => rec.next?.tone ?? 'none';

/** "逾期 2 天 3 小时 · 投诉未按时派单 · 期限 2026-11-25 06:55", coloured by how late it is. */
export function deadlineLine(rec: RecordInfo, offset: string, dueWord: (at: string) => string): HTMLElement | null {
  const next = rec.next;
  if (!next) return null;
  return el(
    'div',
    { class: `due tone-${next.tone}`, 'data-testid': 'due', 'data-tone': next.tone, 'data-rule': next.rule },
    el('strong', { class: 'when' }, next.when),
    ` · ${next.what} · `,
    el('span', { class: 'at' }, dueWord(displayTime(next.due, offset))),
  );
}

/** Records that never close (care log, roster, roles) have no 未结 to filter by. */
export const hasLifecycle = (reg: RegisterInfo): boolean => Boolean(reg.stateField) || reg.actions.length > 0;
