// The office's own notice wording from the 文书模板 tab: read, checked against the built-in placeholders, and applied as plain text (never compiled as a template). Pure.
import { builtinWording, NOTICE_KEYS, NoticeKey, noticeDef, NoticeModel } from './notices';
import { indexOfLabel, matchesLabel } from './table';
import { fill } from './labels';
import { Cell, L, L10n, Lang, LANGS } from './types';

export const WORDING_TAB = { key: 'notice_wording', label: L('文书模板', '文書範本', 'Notice wording') };
/** The tab is locked to these, so what a notice says is the manager's and the supervisors' to change. */
export const WORDING_EDITORS: readonly string[] = ['manager', 'supervisor'];
export const WORDING_LOCK_NOTE = L('文书措辞只由经理和主管修改', '文書措辭只由經理和主管修改', 'Notice wording is changed by the manager and supervisors only');

export const WORDING_HEADERS: { key: 'template' | 'part' | 'text' | 'builtin'; label: L10n }[] = [
  { key: 'template', label: L('模板', '範本', 'Template') },
  { key: 'part', label: L('段落', '段落', 'Part') },
  { key: 'text', label: L('文字', '文字', 'Text') },
  { key: 'builtin', label: L('内置文字（参考）', '內置文字（參考）', 'Built-in text (for reference)') },
];

/** Paragraphs of the body, in the order they print. */
export const PARAGRAPH_PARTS = ['salutation', 'p1', 'p2', 'p3', 'p4', 'closing'] as const;
/** Letterhead lines: the estate line above the title, the title, the footer's office line, the stamp line. */
export const LETTERHEAD_PARTS = ['heading', 'title', 'office', 'stamp'] as const;
export type Part = (typeof PARAGRAPH_PARTS)[number] | (typeof LETTERHEAD_PARTS)[number];
/** Validated text per part for one notice: only what the office changed. */
export type Wording = Partial<Record<Part, string>>;

const PART_LABELS: Record<Part, L10n> = {
  salutation: L('称呼', '稱呼', 'Salutation'),
  p1: L('第1段', '第1段', 'Paragraph 1'),
  p2: L('第2段', '第2段', 'Paragraph 2'),
  p3: L('第3段', '第3段', 'Paragraph 3'),
  p4: L('第4段', '第4段', 'Paragraph 4'),
  closing: L('结束语', '結束語', 'Closing'),
  heading: L('抬头', '抬頭', 'Heading'),
  title: L('标题', '標題', 'Title'),
  office: L('页脚', '頁腳', 'Footer'),
  stamp: L('落款', '落款', 'Stamp line'),
};
const ALL_PARTS = Object.keys(PART_LABELS) as Part[];
const isLetterhead = (p: Part): boolean => (LETTERHEAD_PARTS as readonly string[]).includes(p);
/** Lines that may be set once for every notice (模板 = 全部); the title belongs to each notice. */
const SHARED_PARTS: readonly Part[] = ['heading', 'office', 'stamp'];

const ALL_TEMPLATES = L('全部', '全部', 'All');
const NOTE_ROW = L('说明', '說明', 'Note');
const MAX_TEXT = 1000;

const TEXT = {
  note: L(
    '在“文字”列写上本处的措辞，即替换该段内置文字；“文字”留空就用内置文字。占位符照抄内置文字里的写法，如 {phone}，只能用该段内置文字里有的。模板填“全部”的抬头、页脚、落款适用于所有文书。有错的行会在预览时指出，并改用内置文字。',
    '在「文字」欄寫上本處的措辭，即替換該段內置文字；「文字」留空就用內置文字。佔位符照抄內置文字裡的寫法，如 {phone}，只能用該段內置文字裡有的。範本填「全部」的抬頭、頁腳、落款適用於所有文書。有錯的行會在預覽時指出，並改用內置文字。',
    'Write the office’s wording under Text to replace that part’s built-in text; leave Text empty to keep the built-in one. Copy placeholders as the built-in text writes them, e.g. {phone}; a part takes only the placeholders its built-in text has. Heading, footer and stamp lines with template “All” apply to every notice. Rows with mistakes are pointed out in the preview, and the built-in text is used.',
  ),
  where: L('文书模板第 {row} 行', '文書範本第 {row} 行', 'Notice wording, row {row}'),
  unknownTemplate: L('没有“{value}”这种文书', '沒有「{value}」這種文書', 'there is no notice called “{value}”'),
  unknownPart: L('没有“{value}”这个段落，可填：{parts}', '沒有「{value}」這個段落，可填：{parts}', 'there is no part called “{value}”; use one of: {parts}'),
  notShared: L('“全部”只能用于抬头、页脚、落款', '「全部」只能用於抬頭、頁腳、落款', '“All” is only for the heading, footer and stamp lines'),
  noSuchPart: L('{template}没有“{part}”', '{template}沒有「{part}」', '{template} has no “{part}”'),
  unknownPlaceholder: L(
    '占位符 {{value}} 不认识，这一段可用：{names}；已改用内置文字',
    '佔位符 {{value}} 不認識，這一段可用：{names}；已改用內置文字',
    'unknown placeholder {{value}}; this part takes: {names}; the built-in text is used',
  ),
  doubled: L(
    '占位符只用一层花括号，如 {phone}，不写 {{phone}}；已改用内置文字',
    '佔位符只用一層花括號，如 {phone}，不寫 {{phone}}；已改用內置文字',
    'a placeholder takes one pair of braces, {phone}, not {{phone}}; the built-in text is used',
  ),
  unbalanced: L('花括号不成对；已改用内置文字', '花括號不成對；已改用內置文字', 'unbalanced braces; the built-in text is used'),
  tooLong: L('文字超过 {max} 字；已改用内置文字', '文字超過 {max} 字；已改用內置文字', 'the text is longer than {max} characters; the built-in text is used'),
  duplicate: L('与第 {first} 行重复，用第 {first} 行', '與第 {first} 行重複，用第 {first} 行', 'repeats row {first}; row {first} is used'),
  none: L('（无）', '（無）', '(none)'),
};

export interface WordingProblem {
  /** The sheet row (the header is row 1). */
  row: number;
  /** The notice it concerns; null when the row names no notice or all of them. */
  template: NoticeKey | null;
  message: string;
}

/** The tab as read: what each notice overrides, and each row that could not be used. */
export interface WordingTable {
  shared: Wording;
  byTemplate: Partial<Record<NoticeKey, Wording>>;
  problems: WordingProblem[];
}

const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : c instanceof Date ? '' : String(c)).trim();

function templateOf(value: string): NoticeKey | 'all' | null {
  if (matchesLabel(value, 'all', ALL_TEMPLATES) || value === '*') return 'all';
  return NOTICE_KEYS.find((k) => matchesLabel(value, k, noticeDef(k)!.label)) ?? null;
}

const partOf = (value: string): Part | null => ALL_PARTS.find((p) => matchesLabel(value, p, PART_LABELS[p])) ?? null;

/** The `{name}`s of a text, in order. */
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** The placeholders a part may use: those its built-in text uses (in any language), and {estate} on letterhead lines. */
export function allowedPlaceholders(key: NoticeKey, part: Part): string[] {
  const names = new Set<string>(isLetterhead(part) ? ['estate'] : []);
  for (const lang of LANGS) for (const n of placeholders(builtinWording(key, lang)[part] ?? '')) names.add(n);
  return [...names];
}

/**
 * Why a text cannot be used for a part, or null. Braces are only ever `{name}` with a name the part
 * knows: anything else would print wrong or, with a name like {constructor}, reach object internals.
 */
export function placeholderProblem(s: string, allowed: readonly string[], lang: Lang): string | null {
  if (s.length > MAX_TEXT) return fill(TEXT.tooLong[lang], { max: MAX_TEXT });
  if (/\{\{|\}\}/.test(s)) return TEXT.doubled[lang];
  for (const m of s.matchAll(/\{([^{}]*)\}|[{}]/g)) {
    if (m[1] === undefined) return TEXT.unbalanced[lang];
    if (!allowed.includes(m[1])) {
      const names = allowed.length ? allowed.map((n) => `{${n}}`).join(lang === 'en' ? ', ' : '、') : TEXT.none[lang];
      return fill(TEXT.unknownPlaceholder[lang], { value: m[1], names });
    }
  }
  return null;
}

/** The parts a notice has: the body paragraphs its built-in text has, and every letterhead line. */
export function partsOf(key: NoticeKey, lang: Lang): Part[] {
  const builtin = builtinWording(key, lang);
  return ALL_PARTS.filter((p) => isLetterhead(p) || builtin[p] !== undefined);
}

/** Reads the 文书模板 tab. Columns are found by header in any language; rows with empty Text are reference rows. */
export function readWording(grid: { headers: string[]; rows: Cell[][] } | null, lang: Lang): WordingTable {
  const table: WordingTable = { shared: {}, byTemplate: {}, problems: [] };
  if (!grid) return table;
  const col = (k: (typeof WORDING_HEADERS)[number]['key']): number => indexOfLabel(grid.headers, k, WORDING_HEADERS.find((x) => x.key === k)!.label);
  const [tCol, pCol, xCol] = [col('template'), col('part'), col('text')];
  if (tCol < 0 || pCol < 0 || xCol < 0) return table;
  const seen = new Map<string, number>();
  grid.rows.forEach((r, i) => {
    const row = i + 2;
    const value = text(r[xCol]);
    const tName = text(r[tCol]);
    if (!value || matchesLabel(tName, 'note', NOTE_ROW)) return;
    const where = fill(TEXT.where[lang], { row });
    const problem = (template: NoticeKey | null, message: string): void => void table.problems.push({ row, template, message: `${where}${lang === 'en' ? ': ' : '：'}${message}` });
    const template = templateOf(tName);
    if (!template) return problem(null, fill(TEXT.unknownTemplate[lang], { value: tName }));
    const pName = text(r[pCol]);
    const part = partOf(pName);
    const key = template === 'all' ? null : template;
    if (!part) return problem(key, fill(TEXT.unknownPart[lang], { value: pName, parts: ALL_PARTS.map((p) => PART_LABELS[p][lang]).join('、') }));
    if (template === 'all' && !SHARED_PARTS.includes(part)) return problem(null, TEXT.notShared[lang]);
    if (template !== 'all' && !partsOf(template, lang).includes(part)) {
      return problem(template, fill(TEXT.noSuchPart[lang], { template: noticeDef(template)!.label[lang], part: PART_LABELS[part][lang] }));
    }
    // A shared line is checked against what every notice's line takes: {estate}.
    const allowed = allowedPlaceholders(key ?? 'rectification', part);
    const bad = placeholderProblem(value, allowed, lang);
    if (bad) return problem(key, bad);
    const slot = `${template}/${part}`;
    const first = seen.get(slot);
    if (first !== undefined) return problem(key, fill(TEXT.duplicate[lang], { first }));
    seen.set(slot, row);
    const target = template === 'all' ? table.shared : (table.byTemplate[template] ??= {});
    target[part] = value;
  });
  return table;
}

/** What one notice uses (its own lines over the shared ones) and the problems the clerk should see for it. */
export function wordingFor(table: WordingTable, key: NoticeKey): { wording: Wording; warnings: string[] } {
  return {
    wording: { ...table.shared, ...table.byTemplate[key] },
    warnings: table.problems.filter((p) => p.template === null || p.template === key).map((p) => p.message),
  };
}

/** The body words with the office's paragraphs over the built-in ones (the notice fills them as it fills its own). */
export function paragraphWords<W extends Record<string, string>>(words: W, wording: Wording | undefined): W {
  const out: Record<string, string> = { ...words };
  for (const p of PARAGRAPH_PARTS) if (p !== 'closing' && wording?.[p] !== undefined && words[p] !== undefined) out[p] = wording[p]!;
  return out as W;
}

/** The letterhead lines of a finished model, replaced where the office set them. Strings only: the template escapes them. */
export function applyLetterhead(model: NoticeModel, wording: Wording | undefined, estateName: string): NoticeModel {
  if (!wording) return model;
  const line = (s: string | undefined): string | null => (s === undefined ? null : fill(s, { estate: estateName.trim() }));
  const heading = line(wording.heading);
  const title = line(wording.title);
  const office = line(wording.office);
  const stamp = line(wording.stamp);
  if (heading !== null) model.estate.name = heading;
  if (title !== null) {
    model.labels.title = title;
    model.docTitle = `${title} ${model.recordId}`.trim();
  }
  if (office !== null) model.estate.officeLine = office;
  if (stamp !== null) model.signature.stampLine = stamp;
  return model;
}

/** The rows setup writes into a new 文书模板 tab: a note, then every part of every notice with its built-in text and Text empty. */
export function wordingReferenceRows(lang: Lang): string[][] {
  const rows: string[][] = [[NOTE_ROW[lang], '', '', TEXT.note[lang]]];
  const shared = builtinWording('rectification', lang);
  for (const p of SHARED_PARTS) rows.push([ALL_TEMPLATES[lang], PART_LABELS[p][lang], '', shared[p] ?? '']);
  for (const key of NOTICE_KEYS) {
    const builtin = builtinWording(key, lang);
    for (const p of partsOf(key, lang)) if (!SHARED_PARTS.includes(p)) rows.push([noticeDef(key)!.label[lang], PART_LABELS[p][lang], '', builtin[p] ?? '']);
  }
  return rows;
}
