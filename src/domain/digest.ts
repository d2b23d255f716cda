// Digest emails: one per recipient, overdue items grouped by register, HTML and plain text from templates.
import htmlTemplate from '../../templates/emails/digest.html.hbs';
import textTemplate from '../../templates/emails/digest.txt.hbs';
import { REGISTERS, RegisterKey } from './registers';
import { ruleLabel } from './deadlines';
import { formatDate, maskPersonalText } from './format';
import { optionLabel } from './labels';
import { L, L10n, Lang } from './types';

export interface DigestLine {
  register: RegisterKey;
  id: string;
  /** What is due, in the office language (a rule, or a household change). */
  what: string;
  unit: string;
  /** A one-line title from the register's title field; never a sensitive field. */
  title: string;
  due: Date | null;
  overdueMs: number;
  level: number;
  url: string;
}

export interface Mail {
  subject: string;
  html: string;
  text: string;
}

const TEXT = {
  greeting: L('您好：', '您好：', 'Hello,'),
  footer: L(
    '此邮件由物业台账每小时检查后自动发送。同一事项只在逾期升级或超过提醒间隔后再次提醒。',
    '此郵件由物業台賬每小時檢查後自動發送。同一事項只在逾期升級或超過提醒間隔後再次提醒。',
    'Sent by Estate Registers after its hourly check. An item is reminded again only when it escalates or after the reminder interval.',
  ),
  due: L('期限', '期限', 'due'),
  overdueSubject: L('【物业台账】{estate}：{n} 项逾期提醒', '【物業台賬】{estate}：{n} 項逾期提醒', '[Estate Registers] {estate}: {n} overdue'),
  overdueIntro: L('以下事项已超过期限，请尽快处理：', '以下事項已超過期限，請盡快處理：', 'These items are past their deadline; please deal with them:'),
  changesSubject: L('【物业台账】{estate}：重点户异动 {n} 条', '【物業台賬】{estate}：重點戶異動 {n} 條', '[Estate Registers] {estate}: {n} key-household changes'),
  changesIntro: L('以下是重点户的最新异动，请各部门知悉并做好相应工作：', '以下是重點戶的最新異動，請各部門知悉並做好相應工作：', 'The latest key-household changes, for your information and follow-up:'),
  late: L('逾期 {t}', '逾期 {t}', '{t} late'),
  more: L('另有 {n} 项未列出，请在台账中按“下一期限”列查看。', '另有 {n} 項未列出，請在台賬中按「下一期限」欄查看。', '{n} more not listed: sort the register by its “Next due” column.'),
  upcoming: L('提醒', '提醒', 'reminder'),
};

const COLUMNS: L10n[] = [L('编号', '編號', 'ID'), L('事项', '事項', 'What'), L('房号', '房號', 'Unit'), L('内容', '內容', 'Details'), L('期限', '期限', 'Due'), L('逾期', '逾期', 'Late')];

const fill = (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

/** "2天3小时" / "2 d 3 h": how long past due, to the minute. */
export function lateText(ms: number, lang: Lang): string {
  const m = Math.max(0, Math.floor(ms / 60000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const parts = lang === 'en' ? [[d, ' d'], [h, ' h'], [min, ' min']] : [[d, '天'], [h, '小时'], [min, '分钟']];
  const shown = parts.filter(([n]) => (n as number) > 0).slice(0, 2);
  return shown.length ? shown.map(([n, u]) => `${n}${u}`).join(lang === 'en' ? ' ' : '') : lang === 'en' ? '< 1 min' : '不到1分钟';
}

export const ruleWhat = (register: RegisterKey, rule: string, lang: Lang): string => ruleLabel(register, rule, lang);

export const changeWhat = (change: string, lang: Lang): string => optionLabel('household_changes', 'change', change, lang);

/** Lines shown per register: a digest is read by a person; the rest are counted, and the sheet shows them in red. */
export const MAX_LINES_PER_SECTION = 50;

function sections(lines: DigestLine[], lang: Lang, tz: string) {
  const order = [...new Set(lines.map((l) => l.register))];
  return order.map((register) => {
    const mine = lines.filter((l) => l.register === register);
    const hidden = mine.length - MAX_LINES_PER_SECTION;
    return {
      title: REGISTERS[register].label[lang],
      count: mine.length,
      more: hidden > 0 ? fill(TEXT.more[lang], { n: hidden }) : '',
      lines: mine.slice(0, MAX_LINES_PER_SECTION).map((l) => ({
        ...l,
        // Whatever a clerk typed leaves the workbook with ID and phone numbers masked.
        unit: maskPersonalText(l.unit),
        title: maskPersonalText(l.title),
        due: l.due ? formatDate(l.due, tz, lang, true) : '',
        late: l.overdueMs > 0 ? fill(TEXT.late[lang], { t: lateText(l.overdueMs, lang) }) : TEXT.upcoming[lang],
        urgent: l.level >= 2,
      })),
    };
  });
}

/** The digest for one recipient: overdue items, or the day's household changes for a group. */
export function digestMail(kind: 'overdue' | 'changes', lines: DigestLine[], ctx: { lang: Lang; tz: string; estate: string }): Mail {
  const { lang, tz, estate } = ctx;
  const subject = fill((kind === 'overdue' ? TEXT.overdueSubject : TEXT.changesSubject)[lang], { estate, n: lines.length });
  const text = Object.fromEntries(Object.entries(TEXT).map(([k, v]) => [k, v[lang]]));
  const model = {
    lang,
    subject,
    text,
    intro: (kind === 'overdue' ? TEXT.overdueIntro : TEXT.changesIntro)[lang],
    columns: COLUMNS.map((c) => c[lang]),
    sections: sections(lines, lang, tz),
  };
  return { subject, html: htmlTemplate(model), text: textTemplate(model) };
}
