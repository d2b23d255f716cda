// 入住手续: a linked resident must exist, each step is done once, and keys and cards are counted in whole numbers.
import { Book } from './book';
import { formatDate } from '../domain/format';
import { fill } from '../domain/labels';
import type { ActionDef, RegisterDef } from '../domain/registers';
import { fail, Failure, L, Lang, Rec } from '../domain/types';

const TEXT = {
  no_resident: L('住户登记里没有这个编号', '住戶登記裡沒有這個編號', 'No such record in Residents'),
  done: L('这一步已于 {at} 办理', '這一步已於 {at} 辦理', 'This step was done on {at}'),
  count: L('请填写 0 到 99 的整数', '請填寫 0 到 99 的整數', 'Give a whole number from 0 to 99'),
};

/** A move-in may name the residents row it belongs to (RS-…); a typed id that is not there is refused. */
export function moveInLink(book: Book, values: Rec, lang: Lang): Record<string, string> | null {
  const id = String(values.resident_id ?? '').trim();
  if (!id || book.load('residents')?.records.some((r) => r.id === id)) return null;
  return { resident_id: TEXT.no_resident[lang] };
}

/**
 * A step already stamped is not stamped again: its time and updated_by are the record of who did it.
 * Keys and cards handed over are counted, not measured.
 */
export function moveInStepProblem(def: RegisterDef, act: ActionDef, rec: Rec, next: Rec, book: Book): Failure | null {
  if (def.key !== 'move_ins') return null;
  const lang = book.lang;
  const at = act.stamp ? rec[act.stamp] : null;
  if (at instanceof Date) {
    const text = fill(TEXT.done[lang], { at: formatDate(at, book.tz, lang, true) });
    return fail('precondition', text, { action: text });
  }
  const bad = (act.needs ?? []).filter((k) => !Number.isInteger(next[k]) || (next[k] as number) < 0 || (next[k] as number) > 99);
  return bad.length ? fail('invalid', TEXT.count[lang], Object.fromEntries(bad.map((k) => [k, TEXT.count[lang]]))) : null;
}
