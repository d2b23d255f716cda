// The Settings tab: every office setting with its default (from SPEC.md and the seeds), and a parser that never throws.
import { dayKey, formatHm, isValidTimeZone, parseHm, splitYmd } from './calendar';
import { L, L10n, Lang, LANGS } from './types';
import { wallOf } from './zone';
import { DEFAULT_NUMBER_PATTERN, DEFAULT_NUMBER_WORDS_TEXT, parseNumberWords, patternProblem } from './noticeNumbers';
import { DEFAULT_RETENTION_TEXT, parseRetention } from './retention';

export type SettingType = 'text' | 'number' | 'time' | 'dates' | 'emails' | 'enum';

export interface SettingDef {
  key: SettingKey;
  type: SettingType;
  /** The default as it is written in the Settings tab. */
  default: string;
  label: L10n;
  options?: readonly string[];
  /** Numbers only: allowed range, and whether a fraction is allowed. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** Blank is a valid value (e.g. an office without a Drive folder yet). */
  optional?: boolean;
}

export type DayMode = 'calendar' | 'working';

/** The parsed Settings tab. Times are normalised 'HH:MM', dates 'YYYY-MM-DD', emails lower-case. */
export interface Settings {
  estate_name: string;
  office_address: string;
  office_phone: string;
  manager_name: string;
  timezone: string;
  lang: Lang;
  /** 'HH:MM-HH:MM', shown on notices. */
  working_hours: string;
  day_mode: DayMode;
  holidays: string[];
  /** Weekend days worked instead of a holiday (调休上班). */
  workdays: string[];
  /** 0 = Sunday … 6 = Saturday. */
  weekend_days: number[];
  drive_folder_id: string;
  drive_folder_name: string;
  digest_hour: number;
  emails_security: string[];
  emails_environment: string[];
  emails_maintenance: string[];
  emails_supervisors: string[];
  emails_manager: string[];
  manager_threshold_days: number;
  reremind_hours: number;
  stats_weekday: number;
  complaint_dispatch_minutes: number;
  complaint_handover_hours: number;
  complaint_answer_days: number;
  complaint_resolve_days_minor: number;
  complaint_resolve_days_important: number;
  complaint_resolve_days_major: number;
  complaint_visit_days: number;
  complaint_upgrade_days: number;
  violation_cut_notice_days: number;
  request_first_reply_minutes: number;
  request_written_reply_days: number;
  household_visit_days: number;
  household_calls_per_week: number;
  household_review_months: number;
  household_screening_days: number;
  household_due_date_days: number;
  household_due_date_end_days: number;
  household_survey_months: number;
  violation_restore_hours: number;
  pass_max_months: number;
  pass_expiry_days: number;
  duty_shift_start: string;
  duty_shift_end: string;
  signoff_time: string;
  roster_due_day: number;
  duty_retention_years: number;
  /** Years each register keeps a finished record before 归档 may move it: "complaints:3, violations_major:5, …". */
  retention_years: string;
  scan_budget_seconds: number;
  /** Departments a complaint can be dispatched to, besides those named in Roles. */
  departments: string[];
  /** Notice numbers: 〔{year}〕{word}字第 {seq:3} 号. */
  notice_number_pattern: string;
  /** Each template's word in its numbers: "rectification:整改, fee_reminder:催缴, …". */
  notice_number_words: string;
  /** A batch of notices stops after this long and the next run continues it. */
  batch_budget_seconds: number;
  /** A visitor not signed out this many hours after coming in is reported to security. */
  visitor_overstay_hours: number;
  /** An outing not marked back this many hours after its expected return is reported to security. */
  outing_grace_hours: number;
  /** A temporary resident not registered with the police this many days after arriving is overdue (seed 000 §4.4.1). */
  temp_resident_days: number;
  /** A lease ending within this many days shows in the digest. */
  lease_end_days: number;
  /** A move-in step still open this many days after the move-in date is overdue (to the office). */
  move_in_days: number;
  /** Largest photo or PDF a record takes, in MB (never above upload HARD_MAX_MB). */
  attach_max_mb: number;
  /** Most files one record holds. */
  attach_max_files: number;
}
export type SettingKey = keyof Settings;

/** China's 2026 public holidays (国务院办公厅 2025-11-04). */
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06',
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21',
  '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];
/** The weekend days worked in exchange in 2026 (调休上班). */
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

const text = (key: SettingKey, def: string, label: L10n, extra: Partial<SettingDef> = {}): SettingDef => ({ key, type: 'text', default: def, label, ...extra });
const num = (key: SettingKey, def: number, label: L10n, extra: Partial<SettingDef> = {}): SettingDef => ({
  key,
  type: 'number',
  default: String(def),
  label,
  min: 0,
  integer: true,
  ...extra,
});
const time = (key: SettingKey, def: string, label: L10n): SettingDef => ({ key, type: 'time', default: def, label });
const emails = (key: SettingKey, label: L10n): SettingDef => ({ key, type: 'emails', default: '', label, optional: true });
const fraction = { integer: false } as const;

/**
 * Every setting, in the order the Settings tab lists them. "days" deadlines follow
 * day_mode; the care rhythm (weekly visits, calls, quarterly reviews) and the reminders
 * counted back from a date (due date, pass expiry) are always calendar days, because
 * a resident's week and a due date do not move for the office's holidays.
 */
export const SETTING_DEFS: readonly SettingDef[] = [
  text('estate_name', '示例花园', L('小区名称', '小區名稱', 'Estate name')),
  text('office_address', '', L('管理处地址', '管理處地址', 'Office address'), { optional: true }),
  text('office_phone', '', L('管理处电话', '管理處電話', 'Office phone'), { optional: true }),
  text('manager_name', '', L('管理处经理', '管理處經理', 'Office manager'), { optional: true }),
  text('timezone', 'Asia/Shanghai', L('时区', '時區', 'Time zone')),
  { key: 'lang', type: 'enum', default: 'zh-Hans', label: L('语言', '語言', 'Language'), options: LANGS },
  text('working_hours', '09:00-18:00', L('办公时间', '辦公時間', 'Office hours')),
  {
    key: 'day_mode',
    type: 'enum',
    default: 'calendar',
    label: L('时限天数计法（calendar 自然日 / working 工作日）', '時限天數計法（calendar 自然日 / working 工作日）', 'Deadline days (calendar / working)'),
    options: ['calendar', 'working'],
  },
  { key: 'holidays', type: 'dates', default: HOLIDAYS_2026.join(','), label: L('法定节假日', '法定節假日', 'Public holidays'), optional: true },
  { key: 'workdays', type: 'dates', default: WORKDAYS_2026.join(','), label: L('调休上班日', '調休上班日', 'Make-up working days'), optional: true },
  text('weekend_days', '6,0', L('休息日（0 周日 … 6 周六）', '休息日（0 週日 … 6 週六）', 'Weekend days (0 Sun … 6 Sat)'), { optional: true }),
  text('drive_folder_id', '', L('云端硬盘文件夹 ID', '雲端硬碟資料夾 ID', 'Drive folder ID'), { optional: true }),
  text('drive_folder_name', '物业台账文书', L('云端硬盘文件夹名称', '雲端硬碟資料夾名稱', 'Drive folder name')),
  num('digest_hour', 8, L('逾期汇总发送时间（时）', '逾期彙總發送時間（時）', 'Digest hour'), { max: 23 }),
  emails('emails_security', L('秩序维护部邮箱', '秩序維護部郵箱', 'Security group emails')),
  emails('emails_environment', L('环境部邮箱', '環境部郵箱', 'Environment group emails')),
  emails('emails_maintenance', L('工程维修部邮箱', '工程維修部郵箱', 'Maintenance group emails')),
  emails('emails_supervisors', L('客服主管邮箱', '客服主管郵箱', 'Supervisors’ emails')),
  emails('emails_manager', L('管理处经理邮箱', '管理處經理郵箱', 'Manager’s emails')),
  num('manager_threshold_days', 2, L('逾期超过几天报经理', '逾期超過幾天報經理', 'Days overdue before the manager is told')),
  num('reremind_hours', 24, L('重复提醒间隔（小时）', '重複提醒間隔（小時）', 'Re-remind after (hours)'), { min: 1, ...fraction }),
  num('stats_weekday', 6, L('周统计日（0 周日 … 6 周六）', '週統計日（0 週日 … 6 週六）', 'Weekly statistics day (0 Sun … 6 Sat)'), { max: 6 }),
  num('complaint_dispatch_minutes', 15, L('投诉派单时限（分钟）', '投訴派單時限（分鐘）', 'Complaint: dispatch within (minutes)'), fraction),
  num('complaint_handover_hours', 2, L('重要投诉转交片区时限（小时）', '重要投訴轉交片區時限（小時）', 'Important complaint: hand over within (hours)'), fraction),
  num('complaint_answer_days', 2, L('重大投诉明确答复时限（天）', '重大投訴明確答覆時限（天）', 'Major complaint: answer within (days)')),
  num('complaint_resolve_days_minor', 2, L('轻微投诉处理时限（天）', '輕微投訴處理時限（天）', 'Minor complaint: resolve within (days)')),
  num('complaint_resolve_days_important', 3, L('重要投诉处理时限（天）', '重要投訴處理時限（天）', 'Important complaint: resolve within (days)')),
  num('complaint_resolve_days_major', 10, L('重大投诉处理时限（天）', '重大投訴處理時限（天）', 'Major complaint: resolve within (days)')),
  num('complaint_visit_days', 7, L('投诉回访时限（天）', '投訴回訪時限（天）', 'Complaint: return visit within (days)')),
  num('complaint_upgrade_days', 30, L('有效投诉未解决升级重大（天）', '有效投訴未解決升級重大（天）', 'Unresolved complaint becomes major after (days)'), { min: 1 }),
  num('violation_cut_notice_days', 3, L('停水停电提前书面通知（天）', '停水停電提前書面通知（天）', 'Water/power cut: written notice (days before)')),
  num('request_first_reply_minutes', 5, L('求助首次回应时限（分钟）', '求助首次回應時限（分鐘）', 'Request: first reply within (minutes)'), fraction),
  num('request_written_reply_days', 2, L('书面咨询答复时限（天）', '書面諮詢答覆時限（天）', 'Written enquiry: reply within (days)')),
  num('household_visit_days', 7, L('孤寡空巢老人上门走访间隔（天）', '孤寡空巢老人上門走訪間隔（天）', 'Elderly alone: visit every (days)'), { min: 1 }),
  num('household_calls_per_week', 2, L('孤寡空巢老人每周电话次数', '孤寡空巢老人每週電話次數', 'Elderly alone: calls per week')),
  num('household_review_months', 3, L('重点户复查间隔（月）', '重點戶複查間隔（月）', 'Key household: review every (months)'), { min: 1 }),
  num('household_screening_days', 15, L('新入住户排查时限（天）', '新入住戶排查時限（天）', 'New resident: screen within (days)')),
  num('household_due_date_days', 7, L('预产期提前提醒（天）', '預產期提前提醒（天）', 'Due date: remind (days before)')),
  num('household_due_date_end_days', 14, L('预产期后停止提醒（天）', '預產期後停止提醒（天）', 'Due date: stop reminding (days after)')),
  num('household_survey_months', 12, L('重点户全面普查间隔（月）', '重點戶全面普查間隔（月）', 'Key household: full survey every (months)'), { min: 1 }),
  num('violation_restore_hours', 24, L('整改或缴清后恢复供应时限（小时）', '整改或繳清後恢復供應時限（小時）', 'Restore supply within (hours) of rectifying or paying'), fraction),
  num('pass_max_months', 3, L('临时出入卡最长有效期（月）', '臨時出入卡最長有效期（月）', 'Access pass: longest validity (months)'), { min: 1 }),
  num('pass_expiry_days', 7, L('出入卡到期前提醒（天）', '出入卡到期前提醒（天）', 'Access pass: remind (days before expiry)')),
  time('duty_shift_start', '17:30', L('值班开始时间', '值班開始時間', 'Duty shift starts')),
  time('duty_shift_end', '08:30', L('值班结束时间（次日）', '值班結束時間（次日）', 'Duty shift ends (next day)')),
  time('signoff_time', '10:00', L('主管签阅值班记录时限', '主管簽閱值班記錄時限', 'Supervisor signs the duty log by')),
  num('roster_due_day', 25, L('下月值班表编制截止日（每月几号）', '下月值班表編製截止日（每月幾號）', 'Next month’s roster due on day'), { min: 1, max: 31 }),
  num('duty_retention_years', 3, L('值班记录保存年限', '值班記錄保存年限', 'Duty log kept (years)'), { min: 1 }),
  text('retention_years', DEFAULT_RETENTION_TEXT, L('各台账保存年限（台账:年）', '各台賬保存年限（台賬:年）', 'Each register kept (register:years)'), { optional: true }),
  num('scan_budget_seconds', 270, L('逾期扫描时间预算（秒）', '逾期掃描時間預算（秒）', 'Overdue scan time budget (seconds)'), { min: 30, max: 330 }),
  text('departments', '', L('责任部门（逗号或顿号分隔）', '責任部門（逗號或頓號分隔）', 'Departments (separated by commas)'), { optional: true }),
  text('notice_number_pattern', DEFAULT_NUMBER_PATTERN, L('文书编号格式（{year} 年份，{word} 文书字，{seq:3} 三位序号）', '文書編號格式（{year} 年份，{word} 文書字，{seq:3} 三位序號）', 'Notice number pattern ({year}, {word}, {seq:3} = 3-digit sequence)')),
  text('notice_number_words', DEFAULT_NUMBER_WORDS_TEXT, L('各类文书的字（文书:字）', '各類文書的字（文書:字）', 'Each notice’s word (notice:word)'), { optional: true }),
  num('batch_budget_seconds', 270, L('批量生成文书时间预算（秒）', '批量產生文書時間預算（秒）', 'Notice batch time budget (seconds)'), { min: 1, max: 330 }),
  num('visitor_overstay_hours', 12, L('访客滞留提醒（小时）', '訪客滯留提醒（小時）', 'Visitor still inside after (hours)'), { min: 1, ...fraction }),
  num('outing_grace_hours', 2, L('出门未归提醒（超过预计返回小时数）', '出門未歸提醒（超過預計返回小時數）', 'Outing not back after expected (hours)'), { min: 0, ...fraction }),
  num('temp_resident_days', 15, L('暂住人员派出所登记时限（天）', '暫住人員派出所登記時限（天）', 'Temporary resident: register with police within (days)')),
  num('lease_end_days', 30, L('租期届满前提醒（天）', '租期屆滿前提醒（天）', 'Lease end: remind (days before)')),
  num('move_in_days', 7, L('入住手续办结时限（入住后天数）', '入住手續辦結時限（入住後天數）', 'Move-in steps done within (days after move-in)')),
  // 20 MB is what one google.script.run call carries safely (domain/upload HARD_MAX_MB).
  num('attach_max_mb', 10, L('附件单个文件上限（MB）', '附件單個檔案上限（MB）', 'Largest file (MB)'), { min: 1, max: 20, ...fraction }),
  num('attach_max_files', 20, L('每条记录附件上限（个）', '每筆記錄附件上限（個）', 'Most files per record'), { min: 1, max: 50 }),
];

/**
 * Settings earlier versions had and no rule uses any more: an office's old row is ignored without a
 * warning. household_change_hours ("record a change within 24 hours") had no event time to count
 * from; the change log is written the moment a household is edited.
 */
const RETIRED = new Set(['household_change_hours']);

export const SETTING_KEYS: readonly SettingKey[] = SETTING_DEFS.map((d) => d.key);
const DEF_BY_KEY = new Map<string, SettingDef>(SETTING_DEFS.map((d) => [d.key, d]));
export const settingDef = (key: string): SettingDef | undefined => DEF_BY_KEY.get(key);

export interface SettingError {
  key: string;
  message: string;
}

const MESSAGES: Record<string, L10n> = {
  missing: L('缺少此设置，已使用默认值 {0}', '缺少此設定，已使用預設值 {0}', 'Missing; using the default {0}'),
  blank: L('不能为空，已使用默认值 {0}', '不能為空，已使用預設值 {0}', 'May not be blank; using the default {0}'),
  number: L('“{1}”不是有效数字，已使用默认值 {0}', '「{1}」不是有效數字，已使用預設值 {0}', '“{1}” is not a valid number; using the default {0}'),
  range: L('“{1}”超出允许范围 {2}，已使用默认值 {0}', '「{1}」超出允許範圍 {2}，已使用預設值 {0}', '“{1}” is outside {2}; using the default {0}'),
  time: L('“{1}”不是 HH:MM 格式的时间，已使用默认值 {0}', '「{1}」不是 HH:MM 格式的時間，已使用預設值 {0}', '“{1}” is not an HH:MM time; using the default {0}'),
  option: L('“{1}”不是可选值（{2}），已使用默认值 {0}', '「{1}」不是可選值（{2}），已使用預設值 {0}', '“{1}” is not one of {2}; using the default {0}'),
  timezone: L('“{1}”不是有效时区，已使用默认值 {0}', '「{1}」不是有效時區，已使用預設值 {0}', '“{1}” is not a known time zone; using the default {0}'),
  hours: L('“{1}”应写成 09:00-18:00 的格式，已使用默认值 {0}', '「{1}」應寫成 09:00-18:00 的格式，已使用預設值 {0}', '“{1}” should look like 09:00-18:00; using the default {0}'),
  weekdays: L('“{1}”应为 0–6 的数字，用逗号分隔，已使用默认值 {0}', '「{1}」應為 0–6 的數字，以逗號分隔，已使用預設值 {0}', '“{1}” should be numbers 0–6 separated by commas; using the default {0}'),
  bad_dates: L('以下日期无效，已忽略：{1}（格式 YYYY-MM-DD）', '以下日期無效，已忽略：{1}（格式 YYYY-MM-DD）', 'Ignored invalid dates: {1} (use YYYY-MM-DD)'),
  bad_emails: L('以下邮箱无效，已忽略：{1}', '以下郵箱無效，已忽略：{1}', 'Ignored invalid emails: {1}'),
  unknown: L('未知的设置项，已忽略', '未知的設定項，已忽略', 'Unknown setting; ignored'),
  duplicate: L('重复的设置项，以第一行为准', '重複的設定項，以第一行為準', 'Listed twice; the first row is used'),
  pattern: L('“{1}”须含 {seq} 或 {seq:3}，且只能用 {year}、{word}、{seq}，已使用默认值 {0}', '「{1}」須含 {seq} 或 {seq:3}，且只能用 {year}、{word}、{seq}，已使用預設值 {0}', '“{1}” needs {seq} or {seq:3} and may use only {year}, {word}, {seq}; using the default {0}'),
  bad_words: L('以下项目写法不对（应写成“名称:值”），已忽略：{1}', '以下項目寫法不對（應寫成「名稱:值」），已忽略：{1}', 'Ignored items not written as name:value: {1}'),
};

function message(lang: Lang, code: string, ...args: string[]): string {
  return MESSAGES[code][lang].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** A cell as the text a person would see in it (numbers, dates and times included). */
function cellText(v: unknown, tz: string, type: SettingType): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return '';
    if (type === 'time') return timeOfCellDate(v, tz);
    return dayKey(v, tz);
  }
  if (Array.isArray(v)) return v.map(String).join(',');
  // A time cell read from .xlsx can arrive as a fraction of a day.
  if (type === 'time' && typeof v === 'number' && v >= 0 && v < 1) {
    const minutes = Math.round(v * 24 * 60) % (24 * 60);
    return formatHm({ h: Math.floor(minutes / 60), m: minutes % 60 });
  }
  return String(v).trim();
}

/**
 * Sheets turns a typed "17:30" into a Date on 1899-12-30, and old dates carry the zone's
 * local-mean-time offset (Shanghai +08:05:43), so the clock reading is rounded to the minute.
 */
function timeOfCellDate(v: Date, tz: string): string {
  const w = wallOf(v.getTime(), tz);
  const total = (w.getUTCHours() * 3600 + w.getUTCMinutes() * 60 + w.getUTCSeconds() + 30) / 60;
  const minutes = Math.floor(total) % (24 * 60);
  return formatHm({ h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** Lists in a cell may be separated by commas, semicolons, Chinese punctuation or spaces. */
const splitList = (s: string): string[] => s.split(/[\s,;，；、]+/).filter(Boolean);

/** Accepts 2026-1-1 and 2026/01/01 as well as 2026-01-01. */
function normaliseDate(s: string): string | null {
  const hit = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!hit) return null;
  const ymd = `${hit[1]}-${hit[2].padStart(2, '0')}-${hit[3].padStart(2, '0')}`;
  return splitYmd(ymd) ? ymd : null;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;

type Parsed = { ok: true; value: unknown; warning?: string } | { ok: false; error: string };

function parseNumber(def: SettingDef, raw: string, lang: Lang): Parsed {
  const n = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw) || !isFinite(n)) return { ok: false, error: message(lang, 'number', def.default, raw) };
  const min = def.min ?? -Infinity;
  const max = def.max ?? Infinity;
  if (n < min || n > max || (def.integer && !Number.isInteger(n))) {
    const bounds = def.max === undefined ? `≥ ${def.min ?? 0}` : `${def.min ?? 0}–${def.max}`;
    const range = `${bounds}${def.integer ? (lang === 'en' ? ', whole numbers' : lang === 'zh-Hant' ? '，整數' : '，整数') : ''}`;
    return { ok: false, error: message(lang, 'range', def.default, raw, range) };
  }
  return { ok: true, value: n };
}

function parseDates(raw: string, lang: Lang): Parsed {
  const good: string[] = [];
  const bad: string[] = [];
  for (const item of splitList(raw)) {
    const ymd = normaliseDate(item);
    if (ymd) good.push(ymd);
    else bad.push(item);
  }
  const value = [...new Set(good)].sort();
  return bad.length ? { ok: true, value, warning: message(lang, 'bad_dates', '', bad.join(', ')) } : { ok: true, value };
}

function parseEmails(raw: string, lang: Lang): Parsed {
  const items = splitList(raw).map((e) => e.toLowerCase());
  const bad = items.filter((e) => !EMAIL.test(e));
  const value = [...new Set(items.filter((e) => EMAIL.test(e)))];
  return bad.length ? { ok: true, value, warning: message(lang, 'bad_emails', '', bad.join(', ')) } : { ok: true, value };
}

function parseText(def: SettingDef, raw: string, lang: Lang): Parsed {
  if (def.key === 'timezone') return isValidTimeZone(raw) ? { ok: true, value: raw } : { ok: false, error: message(lang, 'timezone', def.default, raw) };
  if (def.key === 'working_hours') {
    const [from, to, extra] = raw.split(/\s*[-–~～—至]\s*/);
    const a = parseHm(from ?? '');
    const b = parseHm(to ?? '');
    return a && b && extra === undefined ? { ok: true, value: `${formatHm(a)}-${formatHm(b)}` } : { ok: false, error: message(lang, 'hours', def.default, raw) };
  }
  if (def.key === 'notice_number_pattern') return patternProblem(raw) ? { ok: false, error: message(lang, 'pattern', def.default, raw) } : { ok: true, value: raw };
  if (def.key === 'notice_number_words' || def.key === 'retention_years') {
    const bad = (def.key === 'retention_years' ? parseRetention(raw) : parseNumberWords(raw)).bad;
    return bad.length ? { ok: true, value: raw, warning: message(lang, 'bad_words', '', bad.join(', ')) } : { ok: true, value: raw };
  }
  if (def.key === 'weekend_days') {
    const items = splitList(raw);
    const ok = items.every((d) => /^[0-6]$/.test(d));
    return ok ? { ok: true, value: [...new Set(items.map(Number))] } : { ok: false, error: message(lang, 'weekdays', def.default, raw) };
  }
  // A department's name may hold a space ("工程 一组"), so only commas, 、 and semicolons separate.
  if (def.key === 'departments') return { ok: true, value: [...new Set(raw.split(/[,;，；、\n]+/).map((d) => d.trim()).filter(Boolean))] };
  return { ok: true, value: raw };
}

function parseValue(def: SettingDef, raw: string, lang: Lang): Parsed {
  if (raw === '' && !def.optional) return { ok: false, error: message(lang, 'blank', def.default) };
  switch (def.type) {
    case 'number':
      return parseNumber(def, raw, lang);
    case 'time': {
      const t = parseHm(raw);
      return t ? { ok: true, value: formatHm(t) } : { ok: false, error: message(lang, 'time', def.default, raw) };
    }
    case 'enum':
      return def.options?.includes(raw) ? { ok: true, value: raw } : { ok: false, error: message(lang, 'option', def.default, raw, (def.options ?? []).join(' / ')) };
    case 'dates':
      return parseDates(raw, lang);
    case 'emails':
      return parseEmails(raw, lang);
    default:
      return parseText(def, raw, lang);
  }
}

/** A default is always valid, so parsing it cannot fail. */
function defaultValue(def: SettingDef): unknown {
  const parsed = parseValue(def, def.default, 'en');
  if (!parsed.ok) throw new Error(`Bad default for setting ${def.key}`);
  return parsed.value;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(SETTING_DEFS.map((d) => [d.key, defaultValue(d)])) as unknown as Settings,
);

/**
 * Reads the Settings tab's key/value rows. Keys are matched trimmed and case-insensitively.
 * A missing or invalid value falls back to its default and is reported; in a list (holidays,
 * emails) only the bad items are dropped and reported, so one typo does not lose the list.
 * Unknown and repeated keys are reported too. Never throws.
 */
export function parseSettings(pairs: [string, unknown][]): { settings: Settings; errors: SettingError[] } {
  const rows = new Map<string, unknown>();
  const errors: SettingError[] = [];
  const extra: SettingError[] = [];
  for (const [rawKey, value] of pairs) {
    const key = String(rawKey ?? '').trim().toLowerCase();
    if (!key) continue;
    if (RETIRED.has(key)) continue;
    if (!DEF_BY_KEY.has(key)) extra.push({ key, message: 'unknown' });
    else if (rows.has(key)) extra.push({ key, message: 'duplicate' });
    else rows.set(key, value);
  }
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  // Language and zone first: messages are written in the office's language, cells read in its zone.
  const ordered = ['lang', 'timezone', ...SETTING_KEYS.filter((k) => k !== 'lang' && k !== 'timezone')];
  for (const key of ordered) {
    const def = DEF_BY_KEY.get(key) as SettingDef;
    const lang = settings.lang as Lang;
    if (!rows.has(key)) {
      errors.push({ key, message: message(lang, 'missing', def.default === '' ? '""' : def.default) });
      continue;
    }
    const parsed = parseValue(def, cellText(rows.get(key), settings.timezone as string, def.type), lang);
    if (parsed.ok) {
      settings[key] = parsed.value;
      if (parsed.warning) errors.push({ key, message: parsed.warning });
    } else {
      errors.push({ key, message: parsed.error });
    }
  }
  const lang = settings.lang as Lang;
  for (const e of extra) errors.push({ key: e.key, message: message(lang, e.message) });
  return { settings: settings as unknown as Settings, errors };
}

/** A setting's value written back as Settings-tab text (lists comma-separated). */
export function settingText(settings: Settings, key: SettingKey): string {
  const v = settings[key];
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** The rows a new Settings tab starts with: [key, default text]. */
export const defaultSettingRows = (): [SettingKey, string][] => SETTING_DEFS.map((d) => [d.key, d.default]);

/** Settings from a partial object of overrides, for tests and the CLI (values as typed Settings values). */
export const withSettings = (overrides: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...overrides });
