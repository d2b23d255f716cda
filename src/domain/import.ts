// Reading an office's old register: finds the header row, matches headers and options, parses office dates. Pure.
import { REGISTERS, RegisterDef, RegisterKey, FieldDef } from './registers';
import { optionFromLabel, optionLabel } from './labels';
import { momentOfWall } from './zone';
import { isoInZone, ymdInZone } from './table';
import { hasUnsavable, MAX_LONGTEXT, MAX_TEXT } from './schema';
import { sha256Hex } from './sha256';
import { msg } from './messages';
import { Cell, L, L10n, Lang, LANGS, Rec } from './types';

/** Registers an old workbook can be imported into (the others are written by the add-on alone). */
export const IMPORTABLE: readonly RegisterKey[] = ['complaints', 'violations', 'requests', 'households', 'care_log', 'passes', 'duty_log', 'residents', 'tenancies', 'visitors'];

/**
 * Headers offices use for a field, besides its label in the three languages. `*` applies to every
 * register that has the field; words are separated by spaces (a smaller bundle).
 */
export const HEADER_SYNONYMS: Readonly<Record<string, string>> = {
  'complaints.complainant': '反映人 来电人 业主姓名 投诉人姓名 姓名 业主',
  '*.unit': '房号 房间号 单元 楼栋房号 地址 门牌号 户号 房屋 位置',
  '*.phone': '联系电话 电话 手机 联系方式 手机号 电话号码 联络电话 联络方式 tel mobile',
  'complaints.received_at': '日期 投诉时间 来电时间 受理日期 登记时间 登记日期 时间',
  'complaints.resolution': '处理情况 结果 处理结果 处理意见 办理结果',
  'complaints.subject': '投诉内容 投诉事由 反映问题 事由 问题 内容',
  'complaints.details': '详细内容 具体情况 情况说明 描述',
  'complaints.class': '级别 等级 投诉级别 投诉类别 分类',
  'complaints.status': '进度 处理状态 是否完成 状态',
  'complaints.department': '部门 处理部门 派单部门 负责部门',
  'complaints.channel': '方式 来源 渠道 投诉渠道',
  'complaints.feedback': '回访情况 回访 满意度',
  'violations.found_at': '日期 发现日期 登记日期 时间',
  'violations.party': '业主 违章人 姓名 住户',
  'violations.category': '类别 违章类型 类型',
  'violations.severity': '程度 等级 级别',
  'violations.description': '违章内容 情况 内容 事由',
  'requests.received_at': '日期 来电时间 时间 求助时间 报事时间',
  'requests.type': '类别 报事类型 求助类型',
  'requests.requester': '来电人 姓名 报事人 业主',
  'requests.details': '内容 求助内容 报事内容 事项',
  'requests.handler': '经办人 维修人',
  'households.occupant': '姓名 住户 户主 业主姓名 住户名称',
  'households.categories': '类别 类型 重点户类别 人员类别',
  'households.emergency_contact': '紧急联系人 联系人 监护人',
  'households.notes': '备注 情况',
  'care_log.at': '日期 走访日期 时间',
  'care_log.kind': '走访方式 类型',
  'care_log.by': '走访人员 人员 经办人',
  'care_log.notes': '走访情况 情况 备注',
  'duty_log.at': '日期 时间 记录时间 值班日期 值班时间',
  'duty_log.officer': '值班人员 值班员 记录人 值班人',
  'duty_log.text': '值班情况 记录内容 内容 事项 情况',
  'passes.holder': '姓名 持卡人姓名',
  'passes.role': '类型 人员类别 工种',
  'passes.issued_on': '办卡日期 发卡日期 日期 办理日期',
  'passes.expires_on': '有效期 到期日期 截止日期',
  'residents.name': '户主 业主姓名 姓名 住户姓名',
  'residents.tenure': '性质 业主或租户 产权',
  'residents.members': '家庭成员 同住人 同住人员 家庭人口',
  'residents.moved_in_on': '入住时间 入伙日期 迁入日期 交房日期',
  'residents.cards': '门禁卡 卡号 门卡',
  '*.id_number': '身份证号 身份证 证件号 身份证号码',
  'tenancies.tenant': '租户 租客 承租人姓名 姓名',
  'tenancies.lease_start': '起租日期 租赁开始 开始日期',
  'tenancies.lease_end': '到期日期 租赁结束 结束日期 租期至',
  'tenancies.temporary': '暂住人员 同住人员 暂住人口',
  'visitors.at': '来访时间 进入时间 时间 日期',
  'visitors.visitor': '来访人 访客 姓名 来访人员',
  'visitors.unit': '被访房号 访问房号 房号 拜访单位',
  'visitors.purpose': '事由 来访事由 目的',
  'visitors.left_at': '离开时间 离去时间 出门时间',
};

/** Words for a register in a tab name or title ("2025年投诉登记表"). */
const REGISTER_WORDS: Readonly<Record<string, string>> = {
  complaints: '投诉 投訴 complaint',
  violations: '违章 違章 violation',
  requests: '求助 报事 报修 報事 request',
  households: '重点户 重點戶 关爱 household',
  care_log: '走访 走訪 care',
  passes: '出入卡 临时卡 出入證 pass',
  duty_log: '值班 duty',
  residents: '住户 业主 入住 resident',
  tenancies: '出租 租户 租赁 暂住 tenan',
  visitors: '来访 访客 visitor',
};

/** Common words for options, beyond their labels and the aliases in labels.ts. */
export const OPTION_WORDS: Readonly<Record<string, Record<string, string>>> = {
  'complaints.class': { minor: '一般 普通 一般投诉', important: '较重要 重要', major: '重大 严重 特别重大' },
  'complaints.status': {
    received: '未处理 待处理 受理 新',
    dispatched: '已派 派单',
    in_progress: '跟进中 处理中 进行中 未完成',
    resolved: '已处理 完成 已完成 处理完毕 已解决 解决 已办结',
    notified: '已告知 已答复',
    visited: '已回访',
    closed: '结案 已结案 关闭',
  },
  'complaints.channel': { phone: '电话 来电 热线', visit: '来访 上门 当面', letter: '信件 书信 来信', online: '网络 微信 网上 app 邮件' },
  'violations.severity': { general: '一般 轻微 普通', major: '重大 严重' },
  'violations.category': { decoration: '装修', fire: '消防', hygiene: '卫生 环境', security: '治安', fees: '欠费 管理费' },
  'requests.type': { repair: '维修 报修', medical: '急病 医疗', enquiry: '咨询', complaint: '投诉' },
  'households.categories': { elderly_alone: '独居', empty_nest: '空巢', very_old: '高龄', disabled: '残疾', tenant: '出租 租客' },
  'care_log.kind': { visit: '走访 上门', call: '电话' },
  'passes.role': { nanny: '保姆 住家保姆', hourly_worker: '钟点工 保洁', tutor: '家教 老师' },
  'residents.tenure': { owner: '业主 自住 房主', tenant: '租户 出租 租客' },
};

/** Headers of the 导入问题 tab the add-on adds before the source's own; read back when that tab is imported again. */
export const PROBLEM_META = {
  reasons: L('未导入原因', '未匯入原因', 'Why not imported'),
  source: L('原表', '原表', 'Source table'),
  row: L('原表行号', '原表行號', 'Source row'),
  fingerprint: L('行指纹', '行指紋', 'Row fingerprint'),
} as const;
export const PROBLEM_TAB = L('导入问题', '匯入問題', 'Import problems');
/** The register column that keeps each imported row's batch and fingerprint. */
export const IMPORT_REF = { key: 'import_ref', label: L('导入来源', '匯入來源', 'Imported from') };

/**
 * Traditional characters offices in Hong Kong and Taiwan type in headers and option words, read
 * as their simplified forms, so one synonym table serves both scripts (聯絡電話 = 联络电话).
 */
const HANT = '業业嚴严臨临書书體体關关決决況况別别辦办醫医單单衛卫發发號号員员報报處处備备復复覆复導导師师錄录態态護护時时機机來来棟栋樓楼殘残畢毕潔洁滿满熱热愛爱獨独環环現现電电療疗監监碼码種种稱称類类緊紧級级線线細细經经結结絡络維维網网聯联見见訪访證证訴诉話话詢询詳详說说負负責责費费較较進进違违郵邮鐘钟門门閉闭問问間间項项題题齡龄記记輕轻狀状點点戶户內内係系繫系註注屬属數数額额區区層层價价繳缴實实際际檢检為为與与會会對对於于這这個个裡里歲岁續续銷销標标準准資资訊讯設设審审紀纪齊齐';
const FOLD = new Map(Array.from({ length: HANT.length / 2 }, (_, i) => [HANT[2 * i], HANT[2 * i + 1]]));
export const foldHant = (s: string): string => s.replace(/[^\x00-\u33ff]/g, (c) => FOLD.get(c) ?? c);

export const normHeader = (s: unknown): string =>
  foldHant(String(s ?? '').normalize('NFKC'))
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]|[\s*:：_]/g, '');

const textOf = (c: Cell | undefined): string => (c === undefined || c === null ? '' : c instanceof Date ? '' : String(c).trim());

// ---------------- header row ----------------

/** Every word that names some field of an importable register, for telling a header row from data. */
let KNOWN: Set<string> | null = null;
function knownWords(): Set<string> {
  if (KNOWN) return KNOWN;
  KNOWN = new Set();
  for (const key of IMPORTABLE) for (const f of REGISTERS[key].fields) for (const w of wordsFor(key, f)) KNOWN.add(w);
  return KNOWN;
}

const words = (s: string | undefined): string[] => (s ? s.split(' ') : []);

function wordsFor(register: string, f: FieldDef): string[] {
  return [...LANGS.map((l) => f.label[l]), ...words(HEADER_SYNONYMS[`${register}.${f.key}`]), ...words(HEADER_SYNONYMS[`*.${f.key}`])].map(normHeader);
}

const isMeta = (h: string): boolean => Object.values(PROBLEM_META).some((l) => LANGS.some((lang) => normHeader(l[lang]) === h));

export interface HeaderFind {
  /** 0-based index of the (first) header row; -1 when nothing looks like headers. */
  index: number;
  /** 1 or 2: a second header row under the first (merged group headers over sub-headers). */
  rows: number;
  headers: string[];
}

/** A row's count of cells naming known fields, and of filled cells. */
function headerScore(row: readonly Cell[]): { known: number; filled: number; values: number } {
  const known = knownWords();
  let k = 0;
  let filled = 0;
  let values = 0;
  for (const c of row) {
    if (c === '' || c === null || c === undefined) continue;
    filled++;
    if (c instanceof Date || typeof c === 'number') values++;
    else if (known.has(normHeader(c)) || isMeta(normHeader(c))) k++;
  }
  return { known: k, filled, values };
}

/**
 * The first row that looks like headers: at least two cells naming known fields, no dates or
 * numbers. A title row (one merged cell) and blank rows above it are passed over. When the row under
 * it also names fields, the two are read together: the lower row wins where it says something.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[], scan = 15): HeaderFind {
  const limit = Math.min(rows.length, scan);
  let index = -1;
  for (let i = 0; i < limit && index < 0; i++) {
    const s = headerScore(rows[i]);
    if (s.known >= 2 && s.values === 0) index = i;
  }
  // No known header at all: the first row with three or more filled text cells.
  for (let i = 0; i < limit && index < 0; i++) {
    const s = headerScore(rows[i]);
    if (s.filled >= 3 && s.values === 0) index = i;
  }
  if (index < 0) return { index: -1, rows: 0, headers: [] };
  const top = rows[index].map(textOf);
  const next = rows[index + 1];
  const s2 = next ? headerScore(next) : null;
  if (!next || !s2 || s2.known < 2 || s2.values > 0) return { index, rows: 1, headers: top };
  const known = knownWords();
  // A merged group header shows in its first column only: it carries on to the right under blanks.
  let group = '';
  const headers = next.map((c, i) => {
    if (top[i]) group = top[i];
    const low = textOf(c);
    if (!low) return top[i] || '';
    if (known.has(normHeader(low)) || !top[i]) return low;
    return known.has(normHeader(top[i])) ? top[i] : low || group;
  });
  for (let i = headers.length; i < top.length; i++) headers.push(top[i]);
  return { index, rows: 2, headers };
}

// ---------------- header matching and register guess ----------------

export interface HeaderMatch {
  column: number;
  source: string;
  field: string | null;
  /** 1 = a label in one of the three languages, 0.9 = a synonym, 0.6 = a label inside the header, 1 = named by the user. */
  confidence: number;
}

/** Fields an import may fill: the register's own, not what the add-on computes. */
export const importFields = (def: RegisterDef): FieldDef[] => def.fields.filter((f) => !f.system);

function scoreHeader(register: string, f: FieldDef, header: string): number {
  const h = normHeader(header);
  if (!h) return 0;
  if (h === f.key || LANGS.some((l) => normHeader(f.label[l]) === h)) return 1;
  const words = wordsFor(register, f);
  if (words.includes(h)) return 0.9;
  if (h.length >= 3 && LANGS.some((l) => normHeader(f.label[l]).length >= 2 && h.includes(normHeader(f.label[l])))) return 0.6;
  return 0;
}

/**
 * Each header to at most one field and each field to at most one header, best matches first
 * (the leftmost wins a tie). `given` (source header → field key or label) overrides.
 */
export function matchHeaders(def: RegisterDef, headers: readonly string[], given: Record<string, string> = {}): HeaderMatch[] {
  const fields = importFields(def);
  const out: HeaderMatch[] = headers.map((source, column) => ({ column, source, field: null, confidence: 0 }));
  const taken = new Set<string>();
  const givenNorm = new Map(Object.entries(given).map(([k, v]) => [normHeader(k), v]));
  for (const m of out) {
    const want = givenNorm.get(normHeader(m.source));
    if (want === undefined) continue;
    const f = fields.find((x) => x.key === want || LANGS.some((l) => x.label[l] === want));
    if (f && !taken.has(f.key)) {
      m.field = f.key;
      m.confidence = 1;
      taken.add(f.key);
    } else if (!f && want === '') m.confidence = -1;
  }
  const pairs: { m: HeaderMatch; f: FieldDef; s: number }[] = [];
  for (const m of out) {
    if (m.field || m.confidence < 0 || isMeta(normHeader(m.source))) continue;
    for (const f of fields) {
      const s = scoreHeader(def.key, f, m.source);
      if (s > 0) pairs.push({ m, f, s });
    }
  }
  pairs.sort((a, b) => b.s - a.s || a.m.column - b.m.column);
  for (const { m, f, s } of pairs) {
    if (m.field || taken.has(f.key)) continue;
    m.field = f.key;
    m.confidence = s;
    taken.add(f.key);
  }
  for (const m of out) if (m.confidence < 0) m.confidence = 0;
  return out;
}

/** Registers ranked by how well the headers fit them, with the tab name or title as a hint. */
export function guessRegister(headers: readonly string[], names: readonly string[]): { register: RegisterKey; score: number }[] {
  const hint = foldHant(names.join(' ').toLowerCase());
  return IMPORTABLE.map((register) => {
    const def = REGISTERS[register];
    const matches = matchHeaders(def, headers).filter((m) => m.field);
    let score = matches.reduce((n, m) => n + m.confidence * (def.fields.find((f) => f.key === m.field)?.required ? 1.5 : 1), 0);
    if (words(REGISTER_WORDS[register]).some((w) => hint.includes(w)) || LANGS.some((l) => hint.includes(def.label[l].toLowerCase()))) score += 3;
    return { register, score: Math.round(score * 10) / 10 };
  }).sort((a, b) => b.score - a.score);
}

// ---------------- dates ----------------

/** The year a title or tab name mentions ("2025年投诉登记表"), for dates typed as 3月5日. */
export function yearHint(texts: readonly string[]): number | null {
  for (const t of texts) {
    const m = /((?:19|20)\d{2})\s*年/.exec(t) ?? /\b((?:19|20)\d{2})\b/.exec(t);
    if (m) return Number(m[1]);
  }
  return null;
}

const DATE_FULL = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号號]?(.*)$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})(.*)$/;
const DATE_SHORT = /^(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*[日号號]?(.*)$/;
const TIME = /^(?:[T\s]*)(上午|下午|晚上)?\s*(\d{1,2})\s*[:：时點点]\s*(\d{1,2})?\s*(?:[:：分]\s*(\d{1,2})\s*秒?)?\s*分?$/;
/** Excel counts days from 1899-12-30; serials from 1950 to 2100 are taken as dates. */
const SERIAL_MIN = 18264;
const SERIAL_MAX = 73051;

export type DateRead = { ok: true; ymd: string; h: number; m: number; s: number } | { ok: false; reason: 'format' | 'no_year' };

/** A wall-clock date (and time) as offices type it; real date cells are read in the workbook's zone. */
export function readOfficeDate(cell: Cell, tz: string, year: number | null): DateRead {
  if (cell instanceof Date) {
    const ymd = ymdInZone(cell, tz);
    const iso = isoInZone(cell, tz);
    const [h, m, s] = iso.slice(11, 19).split(':').map(Number);
    return { ok: true, ymd, h, m, s };
  }
  if (typeof cell === 'number') {
    if (cell < SERIAL_MIN || cell > SERIAL_MAX) return { ok: false, reason: 'format' };
    const ms = Math.round((cell - 25569) * 86_400_000 / 1000) * 1000;
    const w = new Date(ms);
    const ymd = `${w.getUTCFullYear()}-${p2(w.getUTCMonth() + 1)}-${p2(w.getUTCDate())}`;
    const [h, m, s] = [w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds()];
    return { ok: true, ymd, h, m, s };
  }
  const text = String(cell).normalize('NFKC').trim();
  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  const full = DATE_FULL.exec(text) ?? DATE_COMPACT.exec(text);
  if (full) [y, mo, d, rest] = [Number(full[1]), Number(full[2]), Number(full[3]), full[4]];
  else {
    const short = DATE_SHORT.exec(text);
    if (!short) return { ok: false, reason: 'format' };
    if (year === null) return { ok: false, reason: 'no_year' };
    [y, mo, d, rest] = [year, Number(short[1]), Number(short[2]), short[3]];
  }
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || y < 1901) return { ok: false, reason: 'format' };
  let [h, m, s] = [0, 0, 0];
  if (rest.trim()) {
    const tm = TIME.exec(rest.trim());
    if (!tm) return { ok: false, reason: 'format' };
    [h, m, s] = [Number(tm[2]), Number(tm[3] ?? 0), Number(tm[4] ?? 0)];
    if (tm[1] && tm[1] !== '上午' && h < 12) h += 12;
    if (h > 23 || m > 59 || s > 59) return { ok: false, reason: 'format' };
  }
  return { ok: true, ymd: `${y}-${p2(mo)}-${p2(d)}`, h, m, s };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** The moment a read date names in the zone. */
export const momentOf = (r: { ymd: string; h: number; m: number; s: number }, tz: string): Date => {
  const [y, mo, d] = r.ymd.split('-').map(Number);
  return momentOfWall(Date.UTC(y, mo - 1, d, r.h, r.m, r.s), tz);
};

// ---------------- options ----------------

/** The option a typed word means: key, label in any language, alias, or a common office word. */
export function optionOfWord(register: string, field: string, text: string): string | null {
  const hit = optionFromLabel(register, field, text);
  if (hit) return hit;
  const want = normHeader(text);
  for (const [value, list] of Object.entries(OPTION_WORDS[`${register}.${field}`] ?? {})) if (words(list).some((w) => normHeader(w) === want)) return value;
  return null;
}

// ---------------- rows ----------------

export const isBlankRow = (row: readonly Cell[]): boolean => row.every((c) => c === '' || c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

/** A totals row at the foot of a register: 合计 / 总计 / 小计 / Total in its first filled cell. */
export function isTotalsRow(row: readonly Cell[]): boolean {
  const first = row.find((c) => c !== '' && c !== null && c !== undefined);
  return typeof first === 'string' && /^([合总總小共]\s*[计計]|(grand\s+)?total\b|sum\b)/i.test(first.trim());
}

/** The hash that identifies a source row: its values as text, so the same row read again gives the same hash. */
export function fingerprint(source: string, sheet: string, row: readonly Cell[], tz: string): string {
  const cells = row.map((c) => (c instanceof Date ? isoInZone(c, tz) : c === null || c === undefined ? '' : typeof c === 'string' ? c.trim() : String(c)));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return sha256Hex(JSON.stringify([source, sheet, cells])).slice(0, 20);
}

const IMPORT_TEXT = {
  option: L('“{v}”不在可选范围内（可选：{list}）', '「{v}」不在可選範圍內（可選：{list}）', '“{v}” is not one of: {list}'),
  date: L('看不懂的日期“{v}”', '看不懂的日期「{v}」', 'Cannot read the date “{v}”'),
  no_year: L('“{v}”没有年份，请写上年份或指定年份', '「{v}」沒有年份，請寫上年份或指定年份', '“{v}” has no year; add one or give the year'),
  number: L('“{v}”不是数字', '「{v}」不是數字', '“{v}” is not a number'),
} as const satisfies Record<string, L10n>;

const say = (key: keyof typeof IMPORT_TEXT, lang: Lang, params: Record<string, string | number> = {}): string =>
  IMPORT_TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

export interface RowRead {
  values: Rec;
  errors: Record<string, string>;
}

/**
 * One source row as a record of the register's fields. Values are kept as typed where a field is
 * free text; what cannot be read is an error naming the field, never a guess. A 处理结果 with no
 * status means the case was dealt with (resolved); stamps are never made up.
 */
export function readRow(def: RegisterDef, matches: readonly HeaderMatch[], row: readonly Cell[], ctx: { tz: string; year: number | null; now: Date; lang: Lang }): RowRead {
  return def.key === 'duty_log' ? readDutyRow(def, matches, row, ctx) : readFields(def, matches, row, ctx);
}

function readFields(def: RegisterDef, matches: readonly HeaderMatch[], row: readonly Cell[], ctx: { tz: string; year: number | null; now: Date; lang: Lang }): RowRead {
  const values: Rec = {};
  const errors: Record<string, string> = {};
  const fields = new Map(def.fields.map((f) => [f.key, f] as const));
  for (const m of matches) {
    if (!m.field) continue;
    const f = fields.get(m.field)!;
    const cell = row[m.column];
    if (cell === '' || cell === null || cell === undefined || (typeof cell === 'string' && !cell.trim())) continue;
    const shown = cell instanceof Date ? isoInZone(cell, ctx.tz).slice(0, 16).replace('T', ' ') : String(cell).trim();
    if (hasUnsavable(shown)) {
      errors[f.key] = msg('bad_chars', ctx.lang);
      continue;
    }
    switch (f.type) {
      case 'datetime':
      case 'date': {
        const r = readOfficeDate(typeof cell === 'string' ? cell.trim() : cell, ctx.tz, ctx.year);
        if (!r.ok) errors[f.key] = say(r.reason === 'no_year' ? 'no_year' : 'date', ctx.lang, { v: shown });
        else if (f.type === 'date') values[f.key] = r.ymd;
        else {
          const at = momentOf(r, ctx.tz);
          if (f.past && at.getTime() > ctx.now.getTime()) errors[f.key] = msg('future', ctx.lang);
          else values[f.key] = at;
        }
        break;
      }
      case 'enum': {
        const v = optionOfWord(def.key, f.key, shown);
        if (v && f.options!.includes(v)) values[f.key] = v;
        else errors[f.key] = optionError(def, f, shown, ctx.lang);
        break;
      }
      case 'list': {
        const parts = shown.split(/[,，、;；/\s]+/).filter(Boolean);
        const got = parts.map((p) => optionOfWord(def.key, f.key, p));
        const bad = parts.filter((_, i) => !got[i]);
        if (bad.length) errors[f.key] = optionError(def, f, bad.join('、'), ctx.lang);
        else values[f.key] = [...new Set(got as string[])];
        break;
      }
      case 'number': {
        const n = typeof cell === 'number' ? cell : Number(shown.replace(/[,，元¥￥\s]/g, ''));
        if (Number.isFinite(n)) values[f.key] = n;
        else errors[f.key] = say('number', ctx.lang, { v: shown });
        break;
      }
      case 'boolean':
        values[f.key] = /^(是|有|y|yes|true|1|√|✓)$/i.test(shown);
        break;
      default: {
        const max = f.type === 'longtext' ? MAX_LONGTEXT : MAX_TEXT;
        if (shown.length > max) errors[f.key] = msg('too_long', ctx.lang, { max });
        else values[f.key] = shown;
      }
    }
  }
  if (def.stateField && !(def.stateField in values) && !errors[def.stateField]) {
    values[def.stateField] = def.key === 'complaints' && values.resolution ? 'resolved' : def.initialState ?? null;
  }
  for (const f of importFields(def)) if (f.required && !(f.key in values) && !errors[f.key]) errors[f.key] = msg('required', ctx.lang);
  return { values, errors };
}

function optionError(def: RegisterDef, f: FieldDef, v: string, lang: Lang): string {
  const list = f.options!.map((o) => optionLabel(def.key, f.key, o, lang)).join(lang === 'en' ? ', ' : '、');
  return say('option', lang, { v, list });
}

/**
 * An old duty-log row becomes one entry of kind `entry` at its own time, whose text is the whole
 * row as it was written (header：value；…), so nothing in it is lost or reinterpreted.
 */
function readDutyRow(def: RegisterDef, matches: readonly HeaderMatch[], row: readonly Cell[], ctx: { tz: string; year: number | null; now: Date; lang: Lang }): RowRead {
  const atCol = matches.find((m) => m.field === 'at');
  const officer = matches.find((m) => m.field === 'officer');
  const only = readFields({ ...def, stateField: undefined, fields: def.fields.filter((f) => f.key === 'at') }, atCol ? [atCol] : [], row, ctx);
  const shown = (c: Cell | undefined) => (c instanceof Date ? isoInZone(c, ctx.tz).slice(0, 16).replace('T', ' ') : c === undefined || c === null ? '' : String(c).trim());
  const text = matches
    .filter((m) => shown(row[m.column]) && !isMeta(normHeader(m.source)))
    .map((m) => (m.source ? `${m.source}：${shown(row[m.column])}` : shown(row[m.column])))
    .join('；');
  const errors = { ...only.errors };
  if (text.length > MAX_LONGTEXT) errors.text = msg('too_long', ctx.lang, { max: MAX_LONGTEXT });
  if (hasUnsavable(text)) errors.text = msg('bad_chars', ctx.lang);
  return { values: { at: only.values.at ?? null, officer: officer ? shown(row[officer.column]) : '', kind: 'entry', text }, errors };
}
