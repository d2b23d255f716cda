// Office notice numbers (发文字号) such as 〔2026〕整改字第 001 号: the pattern from Settings, one yearly sequence per template. Pure.
import type { Lang } from './types';

/** The word each template's numbers carry by default (Settings notice_number_words overrides it). */
export const DEFAULT_NUMBER_WORDS: Readonly<Record<string, string>> = {
  rectification: '整改',
  cut_notice: '停供',
  fee_reminder: '催缴',
  complaint_reply: '投复',
  household_changes: '异动',
  weekly_stats: '周报',
  monthly_stats: '月报',
  emergency_entry: '入户',
  release_pass: '放行',
  monthly_summary: '汇总',
  move_in_notice: '入住',
  inspection_list: '验房',
  evidence_pack: '证据',
};

export const DEFAULT_NUMBER_PATTERN = '〔{year}〕{word}字第 {seq:3} 号';
export const DEFAULT_NUMBER_WORDS_TEXT = Object.entries(DEFAULT_NUMBER_WORDS)
  .map(([k, w]) => `${k}:${w}`)
  .join(', ');

const PLACEHOLDER = /\{(\w+)(?::(\d+))?\}/g;

/** Why a pattern cannot number notices, or null: it needs {seq} (or {seq:N}, N 1–6) and knows only {year}, {word}, {seq}. */
export function patternProblem(pattern: string): 'no_seq' | 'unknown' | null {
  let seq = false;
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    if (m[1] === 'seq' && (m[2] === undefined || (Number(m[2]) >= 1 && Number(m[2]) <= 6))) seq = true;
    else if (!((m[1] === 'year' || m[1] === 'word') && m[2] === undefined)) return 'unknown';
  }
  return seq ? null : 'no_seq';
}

/** "rectification:整改, fee_reminder:催缴" as a map; items that are not key:word are returned as bad. */
export function parseNumberWords(text: string): { words: Record<string, string>; bad: string[] } {
  const words: Record<string, string> = {};
  const bad: string[] = [];
  for (const item of text.split(/[,，;；、\n]+/).map((x) => x.trim()).filter(Boolean)) {
    const hit = /^(\w+)\s*[:：=]\s*(\S.*)$/.exec(item);
    if (hit && hit[1] in DEFAULT_NUMBER_WORDS) words[hit[1]] = hit[2].trim();
    else bad.push(item);
  }
  return { words, bad };
}

/** The number a notice gets: the pattern filled with the year, the template's word and its sequence. */
export function formatNoticeNumber(pattern: string, template: string, year: number, seq: number, wordsText: string): string {
  const word = parseNumberWords(wordsText).words[template] ?? DEFAULT_NUMBER_WORDS[template] ?? template;
  const usable = patternProblem(pattern) === null ? pattern : DEFAULT_NUMBER_PATTERN;
  return usable.replace(PLACEHOLDER, (_, name: string, width?: string) =>
    name === 'year' ? String(year) : name === 'word' ? word : String(seq).padStart(Number(width ?? 1), '0'),
  );
}

/**
 * A new version of a notice keeps its number with the version after it, as offices mark a re-issued
 * document: 〔2026〕整改字第 001 号（第2版）. The first version carries the number alone.
 */
export function versionedNumber(number: string, version: number, lang: Lang): string {
  if (!number || version <= 1) return number;
  return lang === 'en' ? `${number} (version ${version})` : `${number}（第${version}版）`;
}
