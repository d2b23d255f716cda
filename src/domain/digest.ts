// Digest emails: one per recipient, a summary line and then every item, latest first, as stacked blocks that read on a phone; HTML and plain text from digestBody.ts.
import { spokenId } from './labels';
import { digestHtml, digestText, DigestModel } from './digestBody';
import { REGISTERS, RegisterKey } from './registers';
import { ruleLabel } from './deadlines';
import { formatDate, maskPersonalText } from './format';
import { optionLabel } from './labels';
import { dutyOwner } from './privacy';
import { spanText } from './todo';
import { L, Lang } from './types';

export interface DigestLine {
  register: RegisterKey;
  id: string;
  /** What is due, in the office language (a rule, or a household change). */
  what: string;
  /** Who must act: a department, an officer or a role, in the office language; '' for a change list. */
  owner: string;
  unit: string;
  /** A one-line title from the register's title field; never a sensitive field. */
  title: string;
  due: Date | null;
  overdueMs: number;
  level: number;
  url: string;
  /** The sheet row the link opens (1 is the header); 0 when the link opens the tab. */
  row: number;
}

/** Who reads this digest, for its summary line. */
export interface DigestReader {
  /** A manager: escalated items were escalated to them. */
  manager: boolean;
  /** Whether anyone is the manager (else nothing is "escalated to the manager"). */
  managerExists: boolean;
  /** No supervisor exists, so this manager is sent what supervisors would have been. */
  standIn: boolean;
}

export interface Mail {
  subject: string;
  html: string;
  text: string;
}

const TEXT = {
  footer: L(
    '此邮件由物业台账每小时检查后自动发送。同一事项只在逾期升级或超过提醒间隔后再次提醒。',
    '此郵件由物業台賬每小時檢查後自動發送。同一事項只在逾期升級或超過提醒間隔後再次提醒。',
    'Sent by Estate Registers after its hourly check. An item is reminded again only when it escalates or after the reminder interval.',
  ),
  due: L('期限', '期限', 'Due'),
  at: L('时间', '時間', 'At'),
  overdueSubject: L('【物业台账】{estate}：{n} 项逾期提醒', '【物業台賬】{estate}：{n} 項逾期提醒', '[Estate Registers] {estate}: {n} overdue'),
  summary: L('共 {n} 项逾期，最久的是{register} {id}「{what}」，已逾期 {late}；', '共 {n} 項逾期，最久的是{register} {id}「{what}」，已逾期 {late}；', '{n} overdue; the longest is {register} {id} ({what}), {late} late. '),
  escalatedYou: L('其中 {k} 项已升级报您。', '其中 {k} 項已升級報您。', '{k} escalated to you.'),
  escalatedYouNone: L('没有升级报您的事项。', '沒有升級報您的事項。', 'None escalated to you.'),
  escalatedManager: L('其中 {k} 项已升级报经理。', '其中 {k} 項已升級報經理。', '{k} escalated to the manager.'),
  escalatedManagerNone: L('没有升级报经理的事项。', '沒有升級報經理的事項。', 'None escalated to the manager.'),
  escalatedLong: L('其中 {k} 项逾期较久。', '其中 {k} 項逾期較久。', '{k} long overdue.'),
  escalatedLongNone: L('没有逾期较久的事项。', '沒有逾期較久的事項。', 'None long overdue.'),
  standIn: L(
    '目前没有生效的客服主管（人员权限表和设置中都没有，或表中改动尚待经理确认），本应发给主管的提醒一并发给您。',
    '目前沒有生效的客服主管（人員權限表和設定中都沒有，或表中改動尚待經理確認），本應發給主管的提醒一併發給您。',
    'No supervisor is in effect (none in Roles or Settings, or changes to Roles await a manager’s confirmation), so you are also sent what supervisors would be.',
  ),
  changesSubject: L('【物业台账】{estate}：重点户异动 {n} 条', '【物業台賬】{estate}：重點戶異動 {n} 條', '[Estate Registers] {estate}: {n} key-household changes'),
  changesIntro: L('以下是重点户的最新异动，请各部门知悉并做好相应工作：', '以下是重點戶的最新異動，請各部門知悉並做好相應工作：', 'The latest key-household changes, for your information and follow-up:'),
  late: L('逾期 {t}', '逾期 {t}', '{t} late'),
  more: L('另有 {n} 项未列出，请在台账中按“下一期限”列查看。', '另有 {n} 項未列出，請在台賬中按「下一期限」欄查看。', '{n} more not listed: sort the registers by their “Next due” column.'),
  open: L('打开 {register} {id}', '打開 {register} {id}', 'Open {register} {id}'),
  row: L('（第 {row} 行）', '（第 {row} 行）', ' (row {row})'),
  upcoming: L('提醒', '提醒', 'reminder'),
  /** A complaint's duty before anyone was dispatched to: the clerk's, to dispatch it. */
  undispatched: L('未派单', '未派單', 'not dispatched'),
};

const fill = (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

/** "2 天 3 小时" / "2 d 3 h": how long past due, the two largest units, as the sidebar's to-do list says it. */
export const lateText = (ms: number, lang: Lang): string => spanText(ms, lang);

export const ruleWhat = (register: RegisterKey, rule: string, lang: Lang): string => ruleLabel(register, rule, lang);

export const changeWhat = (change: string, lang: Lang): string => optionLabel('household_changes', 'change', change, lang);

/**
 * Who must act on an overdue item, as the digest names them: the complaint's department, the
 * rostered officer, or the role whose duty it is.
 */
export function ownerText(register: RegisterKey, rule: string, department: string, officer: string, lang: Lang): string {
  const owner = dutyOwner(register, rule);
  const role = (r: string) => optionLabel('roles', 'roles', r, lang);
  if (owner === 'department') return department.trim() || `${role('clerk')}（${TEXT.undispatched[lang]}）`;
  if (owner === 'officer') return officer.trim() || role('clerk');
  return role(owner);
}

/** Items listed in one digest: a digest is read by a person; the rest are counted, and the sheet shows them in red. */
export const MAX_LINES = 50;

/** The latest first, across registers; ties in register order, then by id. */
function byLateness(a: DigestLine, b: DigestLine): number {
  const order = Object.keys(REGISTERS);
  return b.overdueMs - a.overdueMs || b.level - a.level || order.indexOf(a.register) - order.indexOf(b.register) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The text under the title: the unit and the record's title, each once (a household's title is its unit). */
function contentOf(l: DigestLine): string {
  const unit = maskPersonalText(l.unit.trim());
  // The title says nothing the block does not already say: the officer who owns it, a month that is the id.
  const title = [l.owner, l.id, l.unit.trim()].includes(l.title.trim()) ? '' : maskPersonalText(l.title.trim());
  if (!unit) return title;
  if (!title || title.includes(unit)) return title || unit;
  return `${unit} ${title}`;
}

function shownId(l: DigestLine, lang: Lang): string {
  return spokenId(l.register, l.id, lang);
}

function itemsOf(kind: 'overdue' | 'changes', lines: DigestLine[], lang: Lang, tz: string) {
  return lines.slice(0, MAX_LINES).map((l) => ({
    id: l.id,
    what: l.what,
    owner: l.owner,
    // Whatever a clerk typed leaves the workbook with ID and phone numbers masked.
    content: contentOf(l),
    when: kind === 'changes' ? (l.due ? `${TEXT.at[lang]} ${formatDate(l.due, tz, lang, true)}` : '') : l.overdueMs > 0 ? fill(TEXT.late[lang], { t: lateText(l.overdueMs, lang) }) : TEXT.upcoming[lang],
    due: kind === 'overdue' && l.due ? `${TEXT.due[lang]} ${formatDate(l.due, tz, lang, true)}` : '',
    url: l.url,
    link: fill(TEXT.open[lang], { register: REGISTERS[l.register].label[lang], id: shownId(l, lang) }) + (l.row > 0 ? fill(TEXT.row[lang], { row: l.row }) : ''),
    urgent: kind === 'overdue' && l.level >= 2,
    late: kind === 'overdue',
  }));
}

function summaryOf(lines: DigestLine[], reader: DigestReader, lang: Lang): string {
  const first = lines[0];
  const k = lines.filter((l) => l.level >= 2).length;
  const [some, none] = reader.manager
    ? [TEXT.escalatedYou, TEXT.escalatedYouNone]
    : reader.managerExists
      ? [TEXT.escalatedManager, TEXT.escalatedManagerNone]
      : [TEXT.escalatedLong, TEXT.escalatedLongNone];
  return fill(TEXT.summary[lang], { n: lines.length, register: REGISTERS[first.register].label[lang], id: shownId(first, lang), what: first.what, late: lateText(first.overdueMs, lang) }) + fill((k ? some : none)[lang], { k });
}

const FONTS: Record<Lang, string> = {
  'zh-Hans': "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',Arial,sans-serif",
  'zh-Hant': "'Noto Sans CJK TC','PingFang TC','Microsoft JhengHei',Arial,sans-serif",
  en: "Arial,'Helvetica Neue','Noto Sans CJK SC','Microsoft YaHei',sans-serif",
};

const NOBODY: DigestReader = { manager: false, managerExists: true, standIn: false };

/** The digest for one recipient: overdue items, or the day's household changes for a group. */
export function digestMail(kind: 'overdue' | 'changes', lines: DigestLine[], ctx: { lang: Lang; tz: string; estate: string; reader?: DigestReader }): Mail {
  const { lang, tz, estate } = ctx;
  const reader = ctx.reader ?? NOBODY;
  const sorted = kind === 'overdue' ? [...lines].sort(byLateness) : lines;
  const subject = fill((kind === 'overdue' ? TEXT.overdueSubject : TEXT.changesSubject)[lang], { estate, n: lines.length });
  const hidden = sorted.length - MAX_LINES;
  const model: DigestModel = {
    lang,
    subject,
    footer: TEXT.footer[lang],
    // Latin fonts first in English (a CJK font sets ’ full width); CJK first in Chinese, for its 「」 and “”.
    font: FONTS[lang],
    summary: kind === 'overdue' && sorted.length ? summaryOf(sorted, reader, lang) : TEXT.changesIntro[lang],
    note: kind === 'overdue' && reader.standIn ? TEXT.standIn[lang] : '',
    items: itemsOf(kind, sorted, lang, tz),
    more: hidden > 0 ? fill(TEXT.more[lang], { n: hidden }) : '',
  };
  return { subject, html: digestHtml(model), text: digestText(model) };
}
