// A complaint's class changes (by a supervisor or the 30-day upgrade): the new duties count from the change, and each change is kept on the record.
import { formatDate } from './format';
import { optionLabel } from './labels';
import { L, Lang, Rec } from './types';

const AUTO = L('系统（满 30 天未解决自动升级）', '系統（滿 30 天未解決自動升級）', 'system (unresolved for 30 days)');

/**
 * The fields a class change sets: the class, when it took effect (the engine counts the class's
 * duties from there), and one more line in the record's class history: when, from → to, by whom.
 */
export function classChange(rec: Rec, to: string, at: Date, by: string | null, tz: string, lang: Lang): Rec {
  const from = String(rec.class ?? '');
  const line = `${formatDate(at, tz, lang, true)} ${optionLabel('complaints', 'class', from, lang)} → ${optionLabel('complaints', 'class', to, lang)}（${by ?? AUTO[lang]}）`;
  const before = typeof rec.class_history === 'string' && rec.class_history.trim() ? `${rec.class_history}\n` : '';
  return { class: to, class_since: at, class_history: before + line };
}
