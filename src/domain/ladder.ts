// The violation ladder in order (seed 001 第8篇 4.4.1): persuade or order rectification before penalties, a public notice before going to law; a skipped step needs a written reason.
import { dayKey } from './calendar';
import { formatDate } from './format';
import { L, Lang, Rec } from './types';

const PENALTIES_AFTER_PERSUASION = ['compensate', 'serve_cut_notice', 'publicize', 'take_legal_action'];

const TEXT = {
  persuadeFirst: L(
    '应先劝导教育或限期整改；如需越级处理，请在“越级处理理由”中写明理由',
    '應先勸導教育或限期整改；如需越級處理，請在「越級處理理由」中寫明理由',
    'Persuade or order rectification first; to skip that step, give the reason under “Reasons for skipping a step”',
  ),
  noticeFirst: L(
    '仲裁或诉讼前应先通报批评；如需越级处理，请在“越级处理理由”中写明理由',
    '仲裁或訴訟前應先通報批評；如需越級處理，請在「越級處理理由」中寫明理由',
    'A public notice comes before arbitration or a lawsuit; to skip it, give the reason under “Reasons for skipping a step”',
  ),
  rectifyAfterOrder: L('整改期限须晚于下达整改的时间（{at}）', '整改期限須晚於下達整改的時間（{at}）', 'The rectification deadline must be after the order ({at})'),
  nothingCut: L('尚未停水停电，无需恢复供应', '尚未停水停電，無需恢復供應', 'Supply was not cut, so there is nothing to restore'),
  agreedLater: L('业委会同意日期不能晚于通报时间', '業委會同意日期不能晚於通報時間', 'The owners’ committee must have agreed before the public notice'),
};

const given = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
const stepWas = (rec: Rec, ...fields: string[]): boolean => fields.some((f) => rec[f] !== null && rec[f] !== undefined && rec[f] !== '');

/**
 * Why this step may not be taken now, or null. `rec` is the record before the action and `next`
 * the record with the caller's values; `at` is when the action happens.
 */
export function ladderProblem(action: string, rec: Rec, next: Rec, at: Date, tz: string, lang: Lang): { field: string; message: string } | null {
  const reason = given(next.skip_reasons) && next.skip_reasons !== rec.skip_reasons;
  // A record whose step shows it was persuaded or ordered (kept before these stamps existed) counts too.
  const persuaded = stepWas(rec, 'educated_at', 'ordered_at') || rec.step === 'educated' || rec.step === 'rectification_ordered';
  if (PENALTIES_AFTER_PERSUASION.includes(action) && !persuaded && !reason) return { field: 'skip_reasons', message: TEXT.persuadeFirst[lang] };
  if (action === 'take_legal_action' && !stepWas(rec, 'publicized_at') && rec.step !== 'publicized' && !reason) return { field: 'skip_reasons', message: TEXT.noticeFirst[lang] };
  if (action === 'order_rectification' && !(next.rectify_by instanceof Date && next.rectify_by.getTime() > at.getTime())) {
    return { field: 'rectify_by', message: TEXT.rectifyAfterOrder[lang].replace('{at}', formatDate(at, tz, lang, true)) };
  }
  if (action === 'restore' && !stepWas(rec, 'cut_at')) return { field: 'action', message: TEXT.nothingCut[lang] };
  if (action === 'publicize' && typeof next.committee_agreed_on === 'string' && next.committee_agreed_on > dayKey(at, tz)) {
    return { field: 'committee_agreed_on', message: TEXT.agreedLater[lang] };
  }
  return null;
}

/** The record's reasons with one more line: when, which step, the reason, by whom. */
export function withSkipReason(rec: Rec, step: string, reason: unknown, at: Date, by: string, tz: string, lang: Lang): string {
  const before = given(rec.skip_reasons) ? `${String(rec.skip_reasons)}\n` : '';
  return `${before}${formatDate(at, tz, lang, true)} ${step}：${String(reason ?? '').trim()}（${by}）`;
}
