// Official notices: which notices exist and fit which records, their whitelisted and masked view models, and the HTML render. Pure.
import rectificationTpl from '../../templates/notices/rectification.hbs';
import cutNoticeTpl from '../../templates/notices/cut_notice.hbs';
import feeReminderTpl from '../../templates/notices/fee_reminder.hbs';
import complaintReplyTpl from '../../templates/notices/complaint_reply.hbs';
import householdChangesTpl from '../../templates/notices/household_changes.hbs';
import weeklyStatsTpl from '../../templates/notices/weekly_stats.hbs';
import monthlyStatsTpl from '../../templates/notices/monthly_stats.hbs';
import emergencyEntryTpl from '../../templates/notices/emergency_entry.hbs';
import releasePassTpl from '../../templates/notices/release_pass.hbs';
import evidencePackTpl from '../../templates/notices/evidence_pack.hbs';
import layoutTpl from '../../templates/partials/notice_layout.hbs';
import fieldsTpl from '../../templates/partials/notice_fields.hbs';
import paragraphsTpl from '../../templates/partials/notice_paragraphs.hbs';
import signatureTpl from '../../templates/partials/notice_signature.hbs';
import countTablesTpl from '../../templates/partials/notice_count_tables.hbs';
import { amountInWords, compactDate, DateLike, formatDate, formatMoney, isMidnight, maskName, maskPersonalText, maskPhone } from './format';
import { changeView, NEED_TO_KNOW } from './privacy';
import { fill, optionLabel } from './labels';
import { REGISTERS } from './registers';
import { missingStep } from './prerequisite';
import { L, L10n, Lang, Rec } from './types';
import { applyLetterhead, paragraphWords, type Wording } from './overrides';
import type { MonthlyStats } from './complaintStats';
import { COUNTED, type MonthSummary } from './monthSummary';
import { ruleLabel } from './deadlines';
import type { EvidenceData } from './evidence';
import { parseAttachments } from './attachments';

export const NOTICE_KEYS = ['rectification', 'cut_notice', 'fee_reminder', 'complaint_reply', 'household_changes', 'weekly_stats', 'monthly_stats', 'emergency_entry', 'release_pass', 'monthly_summary', 'move_in_notice', 'inspection_list', 'evidence_pack'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];
export const isNoticeKey = (k: unknown): k is NoticeKey => typeof k === 'string' && (NOTICE_KEYS as readonly string[]).includes(k);

export interface NoticeDef {
  key: NoticeKey;
  register: 'violations' | 'complaints' | 'household_changes' | 'emergency_entries' | 'release_passes' | 'requests' | 'move_ins';
  label: L10n;
  /** A penalty notice (SPEC `*`): only the manager may issue it. */
  penalty: boolean;
  /**
   * What buildNoticeModel needs: one `record`, the `rows` of a period (from/to), or weekly `stats`.
   * Period and stats notices are not about one record.
   */
  input: 'record' | 'rows' | 'stats';
  /** Whether the notice may be generated from this record in its current state. */
  fits(rec: Rec): boolean;
  /**
   * Who reads it (README "Privacy"): 'party' notices are served on the person they are addressed to and
   * carry their name in full; 'posted' ones are posted or circulated, so names and phones are masked.
   */
  audience: 'party' | 'posted';
  /** Every register it serves when more than `register` (the evidence pack: violations and complaints). */
  registers?: readonly string[];
  /** Only these roles may issue it (else any staff). */
  roles?: readonly ('supervisor' | 'manager')[];
  /** A report on the record, not a notice served: its links stay in 文书记录 and the record is not rewritten. */
  report?: boolean;
}

const stepOf = (rec: Rec): string => (typeof rec.step === 'string' && rec.step ? rec.step : 'reported');
const isFees = (rec: Rec): boolean => rec.category === 'fees';
const oneOf = (value: string, list: readonly string[]): boolean => list.includes(value);

export const NOTICE_TEMPLATES: readonly NoticeDef[] = [
  {
    key: 'rectification',
    register: 'violations',
    label: L('违章整改通知书', '違章整改通知書', 'Rectification Notice'),
    penalty: false,
    input: 'record',
    fits: (rec) => oneOf(stepOf(rec), ['reported', 'educated', 'rectification_ordered']),
    audience: 'party',
  },
  {
    key: 'cut_notice',
    register: 'violations',
    label: L('停水停电通知', '停水停電通知', 'Notice of Water and Power Suspension'),
    penalty: true,
    input: 'record',
    // Served before the cut: from any step that may still lead to serve_cut_notice, or once served (a reprint).
    fits: (rec) => isFees(rec) && oneOf(stepOf(rec), ['reported', 'educated', 'rectification_ordered', 'compensation', 'cut_notice_served']),
    audience: 'party',
  },
  {
    key: 'fee_reminder',
    register: 'violations',
    label: L('催缴函', '催繳函', 'Payment Reminder'),
    penalty: false,
    input: 'record',
    fits: (rec) => isFees(rec) && !oneOf(stepOf(rec), ['rectified', 'closed']),
    audience: 'party',
  },
  {
    key: 'complaint_reply',
    register: 'complaints',
    label: L('投诉处理答复', '投訴處理答覆', 'Reply to Your Complaint'),
    penalty: false,
    input: 'record',
    fits: (rec) => oneOf(String(rec.status ?? ''), ['resolved', 'notified', 'visited', 'closed']),
    audience: 'party',
  },
  {
    key: 'household_changes',
    register: 'household_changes',
    label: L('重点户异动表', '重點戶異動表', 'Key Household Changes'),
    penalty: false,
    input: 'rows',
    // Any change row: the list is drawn up for the period around it.
    fits: () => true,
    audience: 'posted',
  },
  {
    key: 'weekly_stats',
    register: 'complaints',
    label: L('投诉周统计', '投訴週統計', 'Weekly Complaint Statistics'),
    penalty: false,
    input: 'stats',
    // Drawn up from the week's counts, never from one complaint.
    fits: () => false,
    audience: 'posted',
  },
  {
    key: 'monthly_stats',
    register: 'complaints',
    label: L('投诉月统计', '投訴月統計', 'Monthly Complaint Statistics'),
    penalty: false,
    input: 'stats',
    // The month's counts and time limits (seed 001 第13篇 三.2), never one complaint.
    fits: () => false,
    audience: 'posted',
  },
  {
    key: 'emergency_entry',
    register: 'emergency_entries',
    label: L('突发事件处理记录表', '突發事件處理記錄表', 'Emergency Entry Record'),
    penalty: false,
    input: 'record',
    fits: () => true,
    // Signed by the three witnesses and filed by the office, never posted: their names in full.
    audience: 'party',
  },
  {
    key: 'release_pass',
    register: 'release_passes',
    label: L('物资搬运放行条', '物資搬運放行條', 'Goods Release Pass'),
    penalty: false,
    input: 'record',
    // Offered in every state; one still awaiting its supervisor is refused with that step (noticeProblem).
    fits: () => true,
    audience: 'party',
  },
  {
    key: 'monthly_summary',
    register: 'requests',
    label: L('月度工作汇总', '月度工作彙總', 'Month-end Summary'),
    penalty: false,
    input: 'stats',
    // Counts across the registers for the manager, never one record.
    fits: () => false,
    audience: 'posted',
  },
  // Handed to the new resident (seed 003 ch. 2 步骤 2): their name in full.
  { key: 'move_in_notice', register: 'move_ins', label: L('入住通知书', '入住通知書', 'Move-in Notice'), penalty: false, input: 'record', fits: () => true, audience: 'party' },
  // Filled in by hand on the walk-through and signed by both sides (步骤 6).
  { key: 'inspection_list', register: 'move_ins', label: L('验房确认单', '驗房確認單', 'Inspection Checklist'), penalty: false, input: 'record', fits: () => true, audience: 'party' },
  // For a mediation, an arbitration or a court (issue 13): filed by the office, names in full, phones and ID numbers masked.
  {
    key: 'evidence_pack',
    register: 'violations',
    registers: ['violations', 'complaints'],
    label: L('证据包', '證據包', 'Evidence Pack'),
    penalty: false,
    input: 'record',
    fits: () => true,
    audience: 'party',
    roles: ['supervisor', 'manager'],
    report: true,
  },
];

/** Whether a notice is drawn up from this register's records. */
export const servesRegister = (d: NoticeDef, register: string): boolean => (d.registers ?? [d.register]).includes(register);

export function noticeDef(key: string): NoticeDef | undefined {
  return NOTICE_TEMPLATES.find((d) => d.key === key);
}

/** The notices a record may produce now (for the sidebar's "generate notice" menu). */
export function noticesFor(register: string, rec: Rec): NoticeDef[] {
  return NOTICE_TEMPLATES.filter((d) => servesRegister(d, register) && d.input !== 'stats' && d.fits(rec));
}

export interface WeeklyStats {
  from: string;
  to: string;
  byClass: Record<string, number>;
  byDepartment: Record<string, number>;
  byStatus: Record<string, number>;
  /** Overdue counts by complaint rule key (dispatch, manager, handover, answer, resolve, notify, visit, upgrade). */
  overdue: Record<string, number>;
  total: number;
}

/** The Settings a notice shows; the full Settings object fits. */
export interface NoticeSettings {
  estate_name: string;
  office_address: string;
  office_phone: string;
  manager_name: string;
  timezone: string;
  /** 'HH:MM-HH:MM' */
  working_hours?: string;
  /** Days of written notice before a water/power cut (default 3). */
  violation_cut_notice_days?: number;
  /** 'working' when deadline days are working days (the monthly statistics say so). */
  day_mode?: string;
}

export interface NoticeInput {
  record?: Rec;
  /** Rectification: up to 2 photos chosen in the sidebar, as data: URIs with a caption (issue 13). */
  photos?: { src: string; caption: string }[];
  rows?: Rec[];
  /** Period of a rows or stats notice: 'YYYY-MM-DD' (or a Date), inclusive. */
  from?: DateLike;
  to?: DateLike;
  stats?: WeeklyStats;
  /** monthly_stats: the month's counts and time limits. */
  monthly?: MonthlyStats;
  /** monthly_summary: the month's counts across the registers. */
  summary?: MonthSummary;
  /** evidence_pack: the record's timeline, notices, deadline facts and the chain's state. */
  evidence?: EvidenceData;
  /** The office's number for this notice (〔2026〕整改字第 001 号), version suffix included; '' prints none. */
  number?: string;
  settings: NoticeSettings;
  lang: Lang;
  now: Date;
  /** The office's own wording from the 文书模板 tab, already checked (src/domain/overrides.ts). */
  wording?: Wording;
}

/** A run of text in a sentence; values filled into a sentence are strong. */
export interface Segment {
  text: string;
  strong: boolean;
}
export interface FieldRow {
  label: string;
  lines: string[];
}
export interface CountRow {
  label: string;
  count: number;
}
export interface CountTable {
  heading: string;
  rows: CountRow[];
  total: number;
  /** Rows that do not add up (visitors beside release passes): no total row. */
  noTotal?: boolean;
}
export interface ChangeRow {
  no: number;
  at: string;
  unit: string;
  householdId: string;
  change: string;
  before: string[];
  after: string[];
  by: string;
}

/** Everything a notice template reads: strings only, already whitelisted, masked and formatted. */
export interface NoticeModel {
  key: NoticeKey;
  lang: Lang;
  isEn: boolean;
  isHant: boolean;
  labels: Record<string, string>;
  docTitle: string;
  estate: { name: string; officeLine: string; address: string; phone: string; hours: string };
  recordId: string;
  /** The office's notice number, e.g. 〔2026〕整改字第 001 号; '' when none was given. */
  number: string;
  issuedOn: string;
  salutation: string;
  /** Paragraphs before the facts table. */
  intro: Segment[][];
  fields: FieldRow[];
  /** Paragraphs after it. */
  paragraphs: Segment[][];
  /** 特此通知。 on notices (empty on letters and in English). */
  closing: string;
  signature: { stampLine: string; managerName: string; receipt: boolean; handler: boolean };
  changes?: ChangeRow[];
  distribution?: string[];
  /** Weekly stats: the count tables, laid out in two columns [[class, status], [department, overdue]]. */
  tables?: CountTable[];
  tableColumns?: CountTable[][];
  /** Emergency entry: the three witnessing parties, each with the name to sign against. */
  witnesses?: { party: string; name: string }[];
  /** Monthly stats: one row per time limit (item, limit, on time, late, overdue, pending, share kept, mean time). */
  timeliness?: { head: string[]; rows: string[][] };
  /** Evidence pack: titled tables (head with column widths), each cell lines and an optional https link. */
  sections?: { heading: string; head: { t: string; w: string }[]; rows: EvidenceCell[][] }[];
  photos?: { src: string; caption: string }[];
}

export interface EvidenceCell {
  l: string[];
  a?: string;
}

const BLANK = '＿＿＿＿＿＿';
const BLANK_EN = '__________';

// ---------------------------------------------------------------------------------------------
// Words. `{name}` marks a value filled in (shown in bold).

type Words = Record<string, string>;

const COMMON: Record<Lang, Words> = {
  'zh-Hans': {
    colon: '：',
    recordNo: '编号',
    stamp: '管理处（盖章）',
    handler: '经办人',
    date: '日期',
    receipt: '签收人',
    manager: '管理处经理',
    address: '地址',
    phone: '电话',
    hours: '办公时间',
    office: '管理处',
    closing: '特此通知。',
  },
  'zh-Hant': {
    colon: '：',
    recordNo: '編號',
    stamp: '管理處（蓋章）',
    handler: '經辦人',
    date: '日期',
    receipt: '簽收人',
    manager: '管理處經理',
    address: '地址',
    phone: '電話',
    hours: '辦公時間',
    office: '管理處',
    closing: '特此通知。',
  },
  en: {
    colon: ': ',
    recordNo: 'No.',
    stamp: 'Management Office (stamp)',
    handler: 'Handled by',
    date: 'Date',
    receipt: 'Received by',
    manager: 'Office manager',
    address: 'Address',
    phone: 'Phone',
    hours: 'Office hours',
    office: 'Management Office',
    closing: '',
  },
};

const TEXT: Record<NoticeKey, Record<Lang, Words>> = {
  rectification: {
    'zh-Hans': {
      salutation: '{unit}业主/住户{party}：',
      unit: '房号/地点',
      party: '当事人',
      foundAt: '发现时间',
      category: '违章类别',
      description: '违章情况',
      rule: '违反的规定',
      rectifyBy: '整改期限',
      p1: '管理处于{foundAt}发现{unit}存在下表所列情况。',
      p2: '上述行为违反了{rule}。',
      p3: '请于{rectifyBy}前自行整改完毕，并告知管理处派员复查。逾期未整改的，管理处将依照《管理规约》和有关规定继续处理。',
      p4: '如对本通知有疑问，请在办公时间到管理处咨询，或致电{phone}。感谢您的理解与配合。',
    },
    'zh-Hant': {
      salutation: '{unit}業主/住戶{party}：',
      unit: '房號/地點',
      party: '當事人',
      foundAt: '發現時間',
      category: '違章類別',
      description: '違章情況',
      rule: '違反的規定',
      rectifyBy: '整改期限',
      p1: '管理處於{foundAt}發現{unit}存在下表所列情況。',
      p2: '上述行為違反了{rule}。',
      p3: '請於{rectifyBy}前自行整改完畢，並告知管理處派員複查。逾期未整改的，管理處將依照《管理規約》和有關規定繼續處理。',
      p4: '如對本通知有疑問，請於辦公時間到管理處查詢，或致電{phone}。感謝您的理解與配合。',
    },
    en: {
      salutation: 'To the owner or occupant of {unit} {party}:',
      unit: 'Unit / place',
      party: 'Party',
      foundAt: 'Found on',
      category: 'Category',
      description: 'What was found',
      rule: 'Rule broken',
      rectifyBy: 'Put right by',
      p1: 'On {foundAt} the management office found the matter set out below at {unit}.',
      p2: 'This breaches {rule}.',
      p3: 'Please put it right by {rectifyBy} and tell the management office, so that we can check it. If it has not been put right by then, the office will take further steps under the owners’ covenant and the applicable rules.',
      p4: 'If you have any questions, please visit the management office during office hours or call {phone}. Thank you for your cooperation.',
    },
  },
  cut_notice: {
    'zh-Hans': {
      salutation: '{unit}业主/住户{party}：',
      unit: '房号',
      party: '当事人',
      amount: '欠费金额',
      servedAt: '通知送达时间',
      cutAt: '计划停水停电时间',
      p1: '截至本通知送达之日，贵户尚欠物业服务费等费用共计{amount}（{amountWords}）。管理处已多次催缴，至今仍未缴清。',
      p2: '根据《管理规约》的约定，经管理处经理决定：如贵户未能在{cutAt}前缴清上述欠费，管理处将自{cutAt}起暂停对该户的供水、供电。停水停电前5分钟，管理处工作人员将再次上门告知。',
      p3: '欠费缴清后，管理处将立即恢复供应。',
      p4: '本通知于{servedAt}送达，距计划停水停电时间不少于{days}日。如有疑问，请致电{phone}。',
    },
    'zh-Hant': {
      salutation: '{unit}業主/住戶{party}：',
      unit: '房號',
      party: '當事人',
      amount: '欠費金額',
      servedAt: '通知送達時間',
      cutAt: '計劃停水停電時間',
      p1: '截至本通知送達之日，貴戶尚欠物業服務費等費用共計{amount}（{amountWords}）。管理處已多次催繳，至今仍未繳清。',
      p2: '根據《管理規約》的約定，經管理處經理決定：如貴戶未能在{cutAt}前繳清上述欠費，管理處將自{cutAt}起暫停對該戶的供水、供電。停水停電前5分鐘，管理處工作人員將再次上門告知。',
      p3: '欠費繳清後，管理處將立即恢復供應。',
      p4: '本通知於{servedAt}送達，距計劃停水停電時間不少於{days}日。如有疑問，請致電{phone}。',
    },
    en: {
      salutation: 'To the owner or occupant of {unit} {party}:',
      unit: 'Unit',
      party: 'Party',
      amount: 'Amount owed',
      servedAt: 'Notice served',
      cutAt: 'Planned suspension',
      p1: 'As of the date this notice is served, {amount} in property service and related fees is owed for this unit. The management office has asked for payment several times and it is still unpaid.',
      p2: 'Under the owners’ covenant, and by decision of the office manager: if the arrears are not paid by {cutAt}, the water and power supply to this unit will be suspended from {cutAt}. Our staff will call at the unit again 5 minutes before the supply is suspended.',
      p3: 'The supply will be restored as soon as the arrears are paid.',
      p4: 'This notice was served on {servedAt}, at least {days} days before the planned suspension. If you have any questions, please call {phone}.',
    },
  },
  fee_reminder: {
    'zh-Hans': {
      salutation: '尊敬的{unit}业主/住户{party}：',
      unit: '房号',
      amount: '欠费金额',
      payBy: '缴费期限',
      p1: '经核对，截至{today}，贵户尚欠物业服务费等费用共计{amount}（{amountWords}）。',
      p2: '物业服务费是维持小区正常管理和服务的必要费用。请于{payBy}前到管理处缴清，或与管理处联系商定缴费办法。',
      p3: '逾期仍未缴纳的，管理处将按照《管理规约》的约定加收滞纳金，并可依法采取进一步措施。如您已缴清，请忽略本函。',
      p4: '如有疑问，请致电{phone}。感谢您的支持与配合。',
    },
    'zh-Hant': {
      salutation: '尊敬的{unit}業主/住戶{party}：',
      unit: '房號',
      amount: '欠費金額',
      payBy: '繳費期限',
      p1: '經核對，截至{today}，貴戶尚欠物業服務費等費用共計{amount}（{amountWords}）。',
      p2: '物業服務費是維持小區正常管理和服務的必要費用。請於{payBy}前到管理處繳清，或與管理處聯絡商定繳費辦法。',
      p3: '逾期仍未繳納的，管理處將按照《管理規約》的約定加收滯納金，並可依法採取進一步措施。如您已繳清，請忽略本函。',
      p4: '如有疑問，請致電{phone}。感謝您的支持與配合。',
    },
    en: {
      salutation: 'Dear owner or occupant of {unit} {party},',
      unit: 'Unit',
      amount: 'Amount owed',
      payBy: 'Pay by',
      p1: 'Our records show that as of {today}, {amount} in property service and related fees is outstanding for your unit.',
      p2: 'Service fees keep the estate’s management and services running. Please pay at the management office by {payBy}, or contact us to agree how you will pay.',
      p3: 'If the fees are still unpaid after that date, a late fee may be charged under the owners’ covenant and the office may take further lawful steps. If you have already paid, please disregard this letter.',
      p4: 'If you have any questions, please call {phone}. Thank you for your cooperation.',
    },
  },
  complaint_reply: {
    'zh-Hans': {
      salutation: '尊敬的{complainant}：',
      receivedAt: '受理时间',
      unit: '房号',
      contactPhone: '联系电话',
      subject: '投诉事项',
      resolution: '处理结果',
      resolvedAt: '处理完毕时间',
      p1: '您于{receivedAt}反映的“{subject}”问题，管理处已受理并安排处理。现将处理情况答复如下。',
      p2: '如您对处理结果仍有意见，请与管理处联系（电话{phone}），我们将安排专人跟进。',
      p3: '感谢您对管理处工作的监督与支持。',
    },
    'zh-Hant': {
      salutation: '尊敬的{complainant}：',
      receivedAt: '受理時間',
      unit: '房號',
      contactPhone: '聯絡電話',
      subject: '投訴事項',
      resolution: '處理結果',
      resolvedAt: '處理完畢時間',
      p1: '您於{receivedAt}反映的「{subject}」問題，管理處已受理並安排處理。現將處理情況答覆如下。',
      p2: '如您對處理結果仍有意見，請與管理處聯絡（電話{phone}），我們將安排專人跟進。',
      p3: '感謝您對管理處工作的監督與支持。',
    },
    en: {
      salutation: 'Dear {complainant},',
      receivedAt: 'Received on',
      unit: 'Unit',
      contactPhone: 'Contact phone',
      subject: 'Subject',
      resolution: 'What we did',
      resolvedAt: 'Resolved on',
      p1: 'Thank you for your complaint of {receivedAt} about “{subject}”. The management office has dealt with it as set out below.',
      p2: 'If you are not satisfied with the outcome, please contact the management office on {phone} and a member of staff will follow it up.',
      p3: 'Thank you for helping us improve our service.',
    },
  },
  household_changes: {
    'zh-Hans': {
      p1: '统计期间：{from}至{to}，共{count}条异动。',
      no: '序号',
      at: '时间',
      unit: '房号',
      householdId: '重点户编号',
      change: '异动情况',
      before: '变更前',
      after: '变更后',
      by: '经办人',
      none: '本期无异动。',
      distribution: '分送',
      group: '部门',
      signedBy: '签收人',
      signedOn: '签收日期',
      confidential: '本表仅供内部工作使用，请妥善保管，不得外传。',
    },
    'zh-Hant': {
      p1: '統計期間：{from}至{to}，共{count}條異動。',
      no: '序號',
      at: '時間',
      unit: '房號',
      householdId: '重點戶編號',
      change: '異動情況',
      before: '變更前',
      after: '變更後',
      by: '經辦人',
      none: '本期無異動。',
      distribution: '分送',
      group: '部門',
      signedBy: '簽收人',
      signedOn: '簽收日期',
      confidential: '本表僅供內部工作使用，請妥善保管，不得外傳。',
    },
    en: {
      p1: 'Period: {from} to {to}; {count} change(s).',
      no: 'No.',
      at: 'When',
      unit: 'Unit',
      householdId: 'Household',
      change: 'Change',
      before: 'Before',
      after: 'After',
      by: 'By',
      none: 'No changes in this period.',
      distribution: 'Distribution',
      group: 'Group',
      signedBy: 'Received by',
      signedOn: 'Date received',
      confidential: 'For internal use only. Keep it safe and do not pass it on.',
    },
  },
  weekly_stats: {
    'zh-Hans': {
      salutation: '报：管理处经理{manager}',
      p1: '统计期间：{from}至{to}。本周共受理投诉{total}件，超时未办{overdue}项。',
      byClass: '按投诉类别',
      byDepartment: '按责任部门',
      byStatus: '按处理状态',
      overdue: '超时情况',
      item: '项目',
      count: '数量',
      total: '合计',
      noDepartment: '（未派单）',
      none: '无',
    },
    'zh-Hant': {
      salutation: '報：管理處經理{manager}',
      p1: '統計期間：{from}至{to}。本週共受理投訴{total}件，超時未辦{overdue}項。',
      byClass: '按投訴類別',
      byDepartment: '按責任部門',
      byStatus: '按處理狀態',
      overdue: '超時情況',
      item: '項目',
      count: '數量',
      total: '合計',
      noDepartment: '（未派單）',
      none: '無',
    },
    en: {
      salutation: 'To: the office manager {manager}',
      p1: 'Period: {from} to {to}. {total} complaint(s) received this week; {overdue} overdue item(s).',
      byClass: 'By class',
      byDepartment: 'By department',
      byStatus: 'By status',
      overdue: 'Overdue',
      item: 'Item',
      count: 'Count',
      total: 'Total',
      noDepartment: '(not dispatched)',
      none: 'None',
    },
  },
  // Filled below from the weekly words and MONTHLY_WORDS.
  monthly_stats: {} as Record<Lang, Words>,
  // Filled below from the weekly words and SUMMARY_WORDS.
  monthly_summary: {} as Record<Lang, Words>,
  emergency_entry: {
    'zh-Hans': {
      p1: '{at}，为确认住户安全，管理处会同秩序维护人员，在邻居或亲属见证下进入{unit}勘察。经过如下，由三方签字确认。',
      unit: '房号',
      at: '入户时间',
      reason: '入户原因',
      enteredBy: '入户人员',
      findings: '勘察情况',
      followUp: '后续处理',
      party: '见证方',
      name: '姓名',
      sign: '签字',
      office: '管理处',
      security: '秩序维护部',
      other: '邻居或亲属',
      confidential: '本记录涉及住户个人情况，仅供管理处备案，请妥善保管，不得外传。',
    },
    'zh-Hant': {
      p1: '{at}，為確認住戶安全，管理處會同秩序維護人員，在鄰居或親屬見證下進入{unit}勘察。經過如下，由三方簽字確認。',
      unit: '房號',
      at: '入戶時間',
      reason: '入戶原因',
      enteredBy: '入戶人員',
      findings: '勘察情況',
      followUp: '後續處理',
      party: '見證方',
      name: '姓名',
      sign: '簽字',
      office: '管理處',
      security: '秩序維護部',
      other: '鄰居或親屬',
      confidential: '本記錄涉及住戶個人情況，僅供管理處備案，請妥善保管，不得外傳。',
    },
    en: {
      p1: 'On {at}, to make sure the resident was safe, the management office and security entered {unit}, witnessed by a neighbour or relative. What happened is set out below and signed by all three.',
      unit: 'Unit',
      at: 'Entered at',
      reason: 'Reason',
      enteredBy: 'Entered by',
      findings: 'Findings',
      followUp: 'Follow-up',
      party: 'Witness',
      name: 'Name',
      sign: 'Signature',
      office: 'Management office',
      security: 'Security',
      other: 'Neighbour or relative',
      confidential: 'This record concerns a resident’s personal circumstances. It is kept on file by the office; keep it safe and do not pass it on.',
    },
  },
  release_pass: {
    'zh-Hans': {
      salutation: '秩序维护部门岗：',
      confirmed: '确认',
      approver: '主管审批',
      receipt: '门岗放行人',
      p1: '兹有{unit}住户委托{carrier}搬出下列物品（{confirmed}），请核对后放行。',
      p2: '物品与本条不符的，请暂缓放行，并立即报告管理处（电话{phone}）。本条由门岗签名后留存备查。',
    },
    'zh-Hant': {
      salutation: '秩序維護部門崗：',
      confirmed: '確認',
      approver: '主管審批',
      receipt: '門崗放行人',
      p1: '茲有{unit}住戶委託{carrier}搬出下列物品（{confirmed}），請核對後放行。',
      p2: '物品與本條不符的，請暫緩放行，並立即報告管理處（電話{phone}）。本條由門崗簽名後留存備查。',
    },
    en: {
      salutation: 'To the gate:',
      confirmed: 'Confirmed',
      approver: 'Supervisor',
      receipt: 'Gate guard',
      p1: '{carrier} may take the goods below out of {unit} (confirmed: {confirmed}). Check them before letting them out.',
      p2: 'If they do not match, hold them and call the office on {phone}. The gate signs and keeps this pass.',
    },
  },
  move_in_notice: {
    'zh-Hans': {
      unit: '房号',
      resident: '业主/住户',
      moveIn: '入住日期',
      salutation: '尊敬的{resident}：',
      p1: '{unit}已具备入住条件，请于{moveIn}带齐下列材料到管理处办理入住手续。',
      p2: '办理流程：审核资料，签订物业管理合同，缴纳物业管理费，领取钥匙和门禁卡，双方现场验房签字。',
      p3: '所需材料：身份证及复印件，房产证或购房合同（租户带租赁合同）。如有疑问，请致电 {phone}。',
    },
    'zh-Hant': {
      unit: '房號',
      resident: '業主/住戶',
      moveIn: '入住日期',
      salutation: '尊敬的{resident}：',
      p1: '{unit}已具備入住條件，請於{moveIn}帶齊下列材料到管理處辦理入住手續。',
      p2: '辦理流程：審核資料，簽訂物業管理合同，繳納物業管理費，領取鑰匙和門禁卡，雙方現場驗房簽字。',
      p3: '所需材料：身份證及影印本，房產證或購房合同（租戶帶租賃合同）。如有疑問，請致電 {phone}。',
    },
    en: {
      unit: 'Unit',
      resident: 'Resident',
      moveIn: 'Move-in date',
      salutation: 'Dear {resident},',
      p1: '{unit} is ready. Please come to the office on {moveIn} with the documents below to move in.',
      p2: 'Steps: document check, management contract, management fee, keys and access cards, and a joint inspection signed by both sides.',
      p3: 'Bring your ID card and a copy, and the property certificate or purchase contract (tenants: the lease). Questions: call {phone}.',
    },
  },
  inspection_list: {
    'zh-Hans': {
      p1: '管理处会同{resident}对{unit}（入住日期{moveIn}）现场验房，逐项在“完好”或“有问题”栏打勾，有问题的在备注栏写明。',
      p2: '交付钥匙{keys}把，门禁卡{cards}张。',
      sign: '管理处（签字）|业主/住户（签字）',
      timeliness: '验房项目',
      head: '房间/项目|完好|有问题|备注',
      rooms: '入户门及门锁|客厅|卧室|厨房|卫生间|阳台|门窗玻璃|墙面地面天花|水电开关插座|燃气|对讲门禁',
    },
    'zh-Hant': {
      p1: '管理處會同{resident}對{unit}（入住日期{moveIn}）現場驗房，逐項在「完好」或「有問題」欄打勾，有問題的在備註欄寫明。',
      p2: '交付鑰匙{keys}把，門禁卡{cards}張。',
      sign: '管理處（簽字）|業主/住戶（簽字）',
      timeliness: '驗房項目',
      head: '房間/項目|完好|有問題|備註',
      rooms: '入戶門及門鎖|客廳|臥室|廚房|衛生間|陽台|門窗玻璃|牆面地面天花|水電開關插座|燃氣|對講門禁',
    },
    en: {
      p1: 'The office and {resident} inspected {unit} (move-in {moveIn}). Tick each item; describe problems under Remarks.',
      p2: 'Handed over: {keys} keys, {cards} access cards.',
      sign: 'Office (signature)|Resident (signature)',
      timeliness: 'Inspection',
      head: 'Room / item|Good|Problem|Remarks',
      rooms: 'Front door, lock|Living room|Bedrooms|Kitchen|Bathroom|Balcony|Windows|Walls, floors|Switches, sockets|Gas|Intercom',
    },
  },
  evidence_pack: {
    'zh-Hans': {
      p1: '本证据包汇总{id}的全部变更记录、已出具的文书、照片附件和期限执行情况，均取自台账原始记录。',
      p2: '核验：{check}。生成时间：{at}；生成人：{by}。',
      notices: '文书记录',
      nHead: '文书|编号|版本|生成时间|链接',
      files: '照片及附件',
      fHead: '文件|SHA-256|拍摄时间|上传时间',
      dHead: '事项|期限|完成时间|结果',
      cutDue: '停水停电{cut}，须提前{days}天送达',
      noCheck: '无变更记录表',
    },
    'zh-Hant': {
      p1: '本證據包彙總{id}的全部變更記錄、已出具的文書、照片附件和期限執行情況，均取自台賬原始記錄。',
      p2: '核驗：{check}。產生時間：{at}；產生人：{by}。',
      notices: '文書記錄',
      nHead: '文書|編號|版本|產生時間|連結',
      files: '照片及附件',
      fHead: '檔案|SHA-256|拍攝時間|上傳時間',
      dHead: '事項|期限|完成時間|結果',
      cutDue: '停水停電{cut}，須提前{days}天送達',
      noCheck: '無變更記錄表',
    },
    en: {
      p1: 'This pack brings together every change to {id}, the notices issued, the photos and files, and how each deadline was kept, all taken from the registers as recorded.',
      p2: 'Verification: {check}. Generated {at} by {by}.',
      notices: 'Notices',
      nHead: 'Notice|Number|Version|Issued|Link',
      files: 'Photos and files',
      fHead: 'File|SHA-256|Taken|Uploaded',
      dHead: 'Item|Due|Done|Result',
      cutDue: 'cut {cut}; serve {days} days ahead',
      noCheck: 'no history tab',
    },
  },
};

/** The monthly statistics say what the weekly ones say, and more. */
const MONTHLY_WORDS: Record<Lang, Words> = {
  'zh-Hans': {
    byChannel: '按投诉渠道',
    p1: '统计期间：{from}至{to}。本月共受理投诉{total}件，其中有效投诉{valid}件；已处理完毕{resolved}件，已结案{closed}件。',
    p2: '各项时限按管理处现行设置计算，统计截至{asOf}。“未办已超时”指至统计时仍未办理且已过时限的件数。',
    timeliness: '时限执行情况',
    limit: '时限',
    onTime: '按时',
    late: '超时办结',
    overdueNow: '未办已超时',
    pending: '未到期',
    rate: '按时率',
    mean: '平均用时',
  },
  'zh-Hant': {
    byChannel: '按投訴渠道',
    p1: '統計期間：{from}至{to}。本月共受理投訴{total}件，其中有效投訴{valid}件；已處理完畢{resolved}件，已結案{closed}件。',
    p2: '各項時限按管理處現行設定計算，統計截至{asOf}。「未辦已超時」指至統計時仍未辦理且已過時限的件數。',
    timeliness: '時限執行情況',
    limit: '時限',
    onTime: '按時',
    late: '超時辦結',
    overdueNow: '未辦已超時',
    pending: '未到期',
    rate: '按時率',
    mean: '平均用時',
  },
  en: {
    byChannel: 'By channel',
    p1: 'Period: {from} to {to}. {total} complaint(s) received this month, {valid} of them valid; {resolved} resolved, {closed} closed.',
    p2: 'Time limits are those in the office’s current Settings, counted as of {asOf}. “Overdue” counts those still not done after their limit.',
    timeliness: 'Time limits kept',
    limit: 'Limit',
    onTime: 'On time',
    late: 'Late',
    overdueNow: 'Overdue',
    pending: 'Not yet due',
    rate: 'Kept',
    mean: 'Mean time',
  },
};
for (const lang of Object.keys(MONTHLY_WORDS) as Lang[]) TEXT.monthly_stats[lang] = { ...TEXT.weekly_stats[lang], ...MONTHLY_WORDS[lang] };

const SUMMARY_WORDS: Record<Lang, Words> = {
  'zh-Hans': {
    p1: '统计期间：{from}至{to}。本月受理求助报事{requests}件，至{asOf}仍有{overdue}件逾期未办；发现违章{violations}件。',
    p2: '关爱走访本月应完成{due}次，按时完成{met}次。本表只列件数，不含住户姓名、电话等个人资料。',
    requests: '求助报事（按类型）',
    byCategory: '违章（按类别）',
    byStep: '违章（按目前步骤）',
    care: '关爱走访',
    met: '按时走访',
    missed: '未按时走访',
    gate: '门岗与入住',
  },
  'zh-Hant': {
    p1: '統計期間：{from}至{to}。本月受理求助報事{requests}件，至{asOf}仍有{overdue}件逾期未辦；發現違章{violations}件。',
    p2: '關愛走訪本月應完成{due}次，按時完成{met}次。本表只列件數，不含住戶姓名、電話等個人資料。',
    requests: '求助報事（按類型）',
    byCategory: '違章（按類別）',
    byStep: '違章（按目前步驟）',
    care: '關愛走訪',
    met: '按時走訪',
    missed: '未按時走訪',
    gate: '門崗與入住',
  },
  en: {
    p1: 'Period: {from} to {to}. {requests} help request(s) received; {overdue} still overdue as of {asOf}. {violations} violation(s) found.',
    p2: 'Care visits: {met} of {due} due this month made on time. Counts only: no names or phone numbers.',
    requests: 'Help requests by type',
    byCategory: 'Violations by category',
    byStep: 'Violations by current step',
    care: 'Care visits',
    met: 'On time',
    missed: 'Missed or late',
    gate: 'Gate and move-ins',
  },
};
for (const lang of Object.keys(SUMMARY_WORDS) as Lang[]) TEXT.monthly_summary[lang] = { ...TEXT.weekly_stats[lang], ...SUMMARY_WORDS[lang] };

/** The time limits of the monthly statistics, by key (complaintStats.ts). */
export const LIMIT_LABELS: Record<string, L10n> = {
  dispatch: L('派单', '派單', 'Dispatch'),
  resolve_minor: L('轻微投诉处理完毕', '輕微投訴處理完畢', 'Minor: resolved'),
  resolve_important: L('重要投诉处理完毕', '重要投訴處理完畢', 'Important: resolved'),
  resolve_major: L('重大投诉处理完毕', '重大投訴處理完畢', 'Major: resolved'),
  notify: L('告知投诉人', '告知投訴人', 'Complainant told'),
  visit: L('回访（重要、重大）', '回訪（重要、重大）', 'Return visit (important, major)'),
  close: L('结案', '結案', 'Closed'),
};

/** "15 分钟内", "当天", "3 天内"; days follow day_mode, which the word says. */
function limitText(limit: { n: number; unit: string } | null, lang: Lang, working: boolean): string {
  if (!limit) return '—';
  if (limit.unit === 'same_day') return L('当天', '當天', 'Same day')[lang];
  if (lang === 'en') return `${limit.n} ${limit.unit === 'days' && working ? 'working days' : limit.unit}`;
  const unit = { minutes: L('分钟', '分鐘', ''), hours: L('小时', '小時', ''), days: working ? L('个工作日', '個工作日', '') : L('天', '天', '') }[limit.unit as 'days'];
  return `${limit.n} ${unit[lang]}${lang === 'zh-Hant' ? '內' : '内'}`;
}

/** A mean duration in the unit people use for it: minutes under two hours, hours under two days, else days. */
function durationText(ms: number | null, lang: Lang): string {
  if (ms === null) return '—';
  const min = ms / 60000;
  const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
  if (min < 120) return lang === 'en' ? `${fmt(min)} min` : `${fmt(min)} ${lang === 'zh-Hant' ? '分鐘' : '分钟'}`;
  if (min < 48 * 60) return lang === 'en' ? `${fmt(min / 60)} h` : `${fmt(min / 60)} ${lang === 'zh-Hant' ? '小時' : '小时'}`;
  return lang === 'en' ? `${fmt(min / 1440)} days` : `${fmt(min / 1440)} 天`;
}

/** Complaint overdue rules, in the order SPEC lists them. */
const OVERDUE_RULES: Record<string, L10n> = {
  dispatch: L('派单超时', '派單超時', 'Dispatch late'),
  manager: L('未按时报告经理', '未按時報告經理', 'Manager not told in time'),
  handover: L('转交片区超时', '轉交片區超時', 'Hand-over late'),
  answer: L('明确答复超时', '明確答覆超時', 'Answer late'),
  resolve: L('处理超时', '處理超時', 'Resolution late'),
  notify: L('告知投诉人超时', '告知投訴人超時', 'Complainant told late'),
  visit: L('回访超时', '回訪超時', 'Return visit late'),
  upgrade: L('逾月未决升为重大投诉', '逾月未決升為重大投訴', 'Unresolved a month: now major'),
};

/** The groups a household change list goes to (seed 000 §4.2.5). */
const DISTRIBUTION: readonly L10n[] = [
  L('秩序维护组', '秩序維護組', 'Security group'),
  L('环境卫生组', '環境衛生組', 'Environment group'),
  L('工程维修组', '工程維修組', 'Maintenance group'),
];

// ---------------------------------------------------------------------------------------------
// Reading a record: only named fields, as plain text. The raw record never reaches a template.

/** Text of a non-date field; lists joined, everything else stringified; ID and phone numbers typed into it masked. */
function textOf(rec: Rec | undefined, key: string): string {
  const v = rec?.[key];
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return maskPersonalText(v.join('、'));
  if (v instanceof Date) return '';
  return maskPersonalText(String(v).trim());
}

function dateOf(rec: Rec | undefined, key: string): DateLike | null {
  const v = rec?.[key];
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && v.trim() && !isNaN(new Date(v.trim()).getTime())) return v.trim();
  return null;
}

function numberOf(rec: Rec | undefined, key: string): number | null {
  const v = rec?.[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.replace(/,/g, '')))) return Number(v.replace(/,/g, ''));
  return null;
}

/** Free text as lines, with any ID or phone number in it masked. */
const linesOf = (s: string): string[] =>
  maskPersonalText(s)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Splits a sentence at `{name}` into plain and strong segments; an empty value leaves a blank to fill by hand. */
export function sentence(template: string, values: Record<string, string>, blank = BLANK): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index! > last) out.push({ text: template.slice(last, m.index), strong: false });
    const v = values[m[1]];
    out.push({ text: v ? v : blank, strong: true });
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last), strong: false });
  return out;
}

// ---------------------------------------------------------------------------------------------
// View models

interface Ctx {
  key: NoticeKey;
  lang: Lang;
  tz: string;
  words: Words;
  common: Words;
  settings: NoticeSettings;
  now: Date;
  number: string;
  blank: string;
  date(d: DateLike | null, withTime?: boolean): string;
  /** A deadline: with its time unless it was entered as a bare date (midnight). */
  deadline(d: DateLike | null): string;
  money(n: number | null): { amount: string; words: string };
}

function context(key: NoticeKey, input: NoticeInput): Ctx {
  const { lang, settings, now } = input;
  const tz = settings.timezone || 'Asia/Shanghai';
  const date = (d: DateLike | null, withTime = false): string => (d === null ? '' : formatDate(d, tz, lang, withTime));
  return {
    key,
    lang,
    tz,
    words: paragraphWords(TEXT[key][lang], input.wording),
    common: input.wording?.closing !== undefined && COMMON[lang].closing ? { ...COMMON[lang], closing: input.wording.closing } : COMMON[lang],
    settings,
    now,
    number: (input.number ?? '').trim(),
    blank: lang === 'en' ? BLANK_EN : BLANK,
    date,
    deadline: (d) => (d === null ? '' : date(d, !isMidnight(d, tz))),
    money(n) {
      if (n === null) return { amount: '', words: '' };
      if (lang === 'en') return { amount: `CNY ${formatMoney(n)}`, words: '' };
      return { amount: `${formatMoney(n)}元`, words: `${lang === 'zh-Hant' ? '人民幣' : '人民币'}${amountInWords(n, lang)}` };
    },
  };
}

function base(ctx: Ctx, recordId: string): NoticeModel {
  const { settings, common, lang } = ctx;
  const title = TEXT_TITLE(ctx.key, lang);
  const estateName = settings.estate_name.trim();
  const stampLine = lang === 'en' ? `${estateName} ${common.stamp}` : `${estateName}${common.stamp}`;
  return {
    key: ctx.key,
    lang,
    isEn: lang === 'en',
    isHant: lang === 'zh-Hant',
    labels: { ...common, ...ctx.words, title },
    docTitle: `${title} ${recordId}`.trim(),
    estate: {
      name: estateName,
      officeLine: lang === 'en' ? `${estateName} ${common.office}` : `${estateName}${common.office}`,
      address: settings.office_address.trim(),
      phone: settings.office_phone.trim(),
      hours: (settings.working_hours ?? '').trim(),
    },
    recordId,
    number: ctx.number,
    issuedOn: ctx.date(ctx.now),
    salutation: '',
    intro: [],
    fields: [],
    paragraphs: [],
    closing: '',
    signature: { stampLine, managerName: '', receipt: false, handler: true },
  };
}

const TEXT_TITLE = (key: NoticeKey, lang: Lang): string => noticeDef(key)!.label[lang];

/** A field row; free text keeps its lines. Empty optional rows are left out, required ones get a blank. */
function row(label: string, value: string | string[], required = false, blank = BLANK): FieldRow | null {
  const lines = Array.isArray(value) ? value : value ? [value] : [];
  if (lines.length === 0) return required ? { label, lines: [blank] } : null;
  return { label, lines };
}
const rows = (...r: (FieldRow | null)[]): FieldRow[] => r.filter((x): x is FieldRow => x !== null);

/** One rule for every notice: names are masked only on notices for posting or circulation. */
function shouldMask(key: NoticeKey): boolean {
  return noticeDef(key)!.audience === 'posted';
}

function partyName(rec: Rec, masked: boolean): string {
  const party = textOf(rec, 'party');
  return masked ? maskName(party) : party;
}

function violationNotice(ctx: Ctx, rec: Rec): NoticeModel {
  const { words: w, lang } = ctx;
  const m = base(ctx, textOf(rec, 'id'));
  const masked = shouldMask(ctx.key);
  const unit = textOf(rec, 'unit');
  const party = partyName(rec, masked);
  const phone = ctx.settings.office_phone.trim();
  const partyInSalutation = party && lang === 'en' ? `(${party})` : party;
  m.salutation = fill(w.salutation, { unit: unit || ctx.blank, party: partyInSalutation }).replace(/\s+([:：,])/, '$1');
  m.signature.receipt = true;

  if (ctx.key === 'rectification') {
    const foundAt = ctx.date(dateOf(rec, 'found_at'), true);
    const rectifyBy = ctx.deadline(dateOf(rec, 'rectify_by'));
    const rule = textOf(rec, 'rule_broken');
    const category = [optionLabel('violations', 'category', textOf(rec, 'category'), lang), textOf(rec, 'subtype')].filter(Boolean).join(' / ');
    m.fields = rows(
      row(w.unit, unit, true, ctx.blank),
      row(w.party, party),
      row(w.foundAt, foundAt, true, ctx.blank),
      row(w.category, category),
      row(w.description, linesOf(textOf(rec, 'description')), true, ctx.blank),
      row(w.rule, rule),
      row(w.rectifyBy, rectifyBy, true, ctx.blank),
    );
    m.intro = [sentence(w.p1, { foundAt, unit }, ctx.blank)];
    if (rule) m.paragraphs.push(sentence(w.p2, { rule }));
    m.paragraphs.push(sentence(w.p3, { rectifyBy }, ctx.blank), sentence(w.p4, { phone }, ctx.blank));
    m.closing = ctx.common.closing;
    return m;
  }

  const { amount, words: amountWords } = ctx.money(numberOf(rec, 'amount'));
  const amountLines = [amount, amountWords].filter(Boolean);
  if (ctx.key === 'cut_notice') {
    const servedAt = ctx.date(dateOf(rec, 'cut_notice_served_at') ?? ctx.now, true);
    const cutAt = ctx.date(dateOf(rec, 'cut_planned_at'), true);
    const days = String(ctx.settings.violation_cut_notice_days ?? 3);
    m.fields = rows(
      row(w.unit, unit, true, ctx.blank),
      row(w.party, party),
      row(w.amount, amountLines, true, ctx.blank),
      row(w.servedAt, servedAt, true, ctx.blank),
      row(w.cutAt, cutAt, true, ctx.blank),
    );
    const p1 = lang === 'en' ? w.p1 : amountWords ? w.p1 : w.p1.replace('（{amountWords}）', '');
    m.intro = [sentence(p1, { amount, amountWords }, ctx.blank)];
    m.paragraphs = [sentence(w.p2, { cutAt }, ctx.blank), sentence(w.p3, {}), sentence(w.p4, { servedAt, days, phone }, ctx.blank)];
    m.closing = ctx.common.closing;
    m.signature.managerName = ctx.settings.manager_name.trim() || ctx.blank;
    return m;
  }

  // fee_reminder: the pay-by date is the deadline set when the reminder was ordered.
  const payBy = ctx.deadline(dateOf(rec, 'pay_by') ?? dateOf(rec, 'rectify_by'));
  const today = ctx.date(ctx.now);
  m.fields = rows(row(w.unit, unit, true, ctx.blank), row(w.amount, amountLines, true, ctx.blank), row(w.payBy, payBy, true, ctx.blank));
  const p1 = lang === 'en' ? w.p1 : amountWords ? w.p1 : w.p1.replace('（{amountWords}）', '');
  m.intro = [sentence(p1, { today, amount, amountWords }, ctx.blank)];
  m.paragraphs = [sentence(w.p2, { payBy }, ctx.blank), sentence(w.p3, {}), sentence(w.p4, { phone }, ctx.blank)];
  return m;
}

function complaintReply(ctx: Ctx, rec: Rec): NoticeModel {
  const { words: w } = ctx;
  const m = base(ctx, textOf(rec, 'id'));
  const complainant = textOf(rec, 'complainant');
  const receivedAt = ctx.date(dateOf(rec, 'received_at'), true);
  const subject = textOf(rec, 'subject');
  m.salutation = fill(w.salutation, { complainant: complainant || ctx.blank });
  m.fields = rows(
    row(w.receivedAt, receivedAt, true, ctx.blank),
    row(w.unit, textOf(rec, 'unit')),
    row(w.contactPhone, maskPhone(textOf(rec, 'phone'))),
    row(w.subject, subject, true, ctx.blank),
    row(w.resolution, linesOf(textOf(rec, 'resolution')), true, ctx.blank),
    row(w.resolvedAt, ctx.date(dateOf(rec, 'resolved_at'), true)),
  );
  m.intro = [sentence(w.p1, { receivedAt, subject }, ctx.blank)];
  m.paragraphs = [sentence(w.p2, { phone: ctx.settings.office_phone.trim() }, ctx.blank), sentence(w.p3, {})];
  return m;
}

/** 放行条: the unit, goods and carrier, who confirmed it (and the supervisor where one had to), and a line for the gate. */
function releasePass(ctx: Ctx, rec: Rec): NoticeModel {
  const { words: w, lang } = ctx;
  const m = base(ctx, textOf(rec, 'id'));
  const unit = textOf(rec, 'unit');
  const carrier = textOf(rec, 'carrier');
  const confirmed = [optionLabel('release_passes', 'approval', textOf(rec, 'approval'), lang), textOf(rec, 'approved_by')].filter(Boolean).join(ctx.common.colon);
  const approver = textOf(rec, 'approver');
  m.salutation = w.salutation;
  // The register's own column names, so the pass and the sheet say the same.
  const label = (k: string): string => REGISTERS.release_passes.fields.find((f) => f.key === k)!.label[lang];
  m.fields = rows(
    row(label('unit'), unit, true, ctx.blank),
    row(label('goods'), linesOf(textOf(rec, 'goods')), true, ctx.blank),
    row(label('carrier'), carrier, true, ctx.blank),
    row(w.confirmed, confirmed, true, ctx.blank),
    row(w.approver, approver ? `${approver}　${ctx.date(dateOf(rec, 'approved_at'), true)}` : ''),
    row(label('out_at'), ctx.date(dateOf(rec, 'out_at'), true), true, ctx.blank),
  );
  m.intro = [sentence(w.p1, { unit, carrier, confirmed }, ctx.blank)];
  m.paragraphs = [sentence(w.p2, { phone: ctx.settings.office_phone.trim() }, ctx.blank)];
  m.signature.receipt = true;
  return m;
}

/** The id shown on a period notice and used in its file name: 20261119-20261125. */
export function periodId(from: DateLike, to: DateLike, tz: string): string {
  return `${compactDate(from, tz)}-${compactDate(to, tz)}`;
}

function householdChanges(ctx: Ctx, input: NoticeInput): NoticeModel {
  const { words: w, tz, lang } = ctx;
  const from = input.from ?? input.now;
  const to = input.to ?? input.now;
  const m = base(ctx, input.record ? textOf(input.record, 'id') : periodId(from, to, tz));
  const lo = compactDate(from, tz);
  const hi = compactDate(to, tz);
  const inPeriod = (input.rows ?? [])
    .map((r) => ({ r, at: dateOf(r, 'at') }))
    .filter(({ at }) => at !== null && compactDate(at, tz) >= lo && compactDate(at, tz) <= hi)
    .sort((a, b) => new Date(a.at!).getTime() - new Date(b.at!).getTime());
  // The printed list is circulated: each row as the need-to-know table allows it for posting.
  const shown = inPeriod.map((x) => ({ ...x, view: changeView(x.r, NEED_TO_KNOW.posted, lang) })).filter((x) => x.view !== null);
  m.changes = shown.map(({ r, at, view }, i) => ({
    no: i + 1,
    at: ctx.date(at, true),
    unit: textOf(r, 'unit'),
    householdId: textOf(r, 'household_id'),
    change: optionLabel('household_changes', 'change', textOf(r, 'change'), lang),
    before: linesOf(view!.before),
    after: linesOf(view!.after),
    by: textOf(r, 'by'),
  }));
  m.intro = [sentence(w.p1, { from: ctx.date(from), to: ctx.date(to), count: String(m.changes.length) })];
  m.distribution = DISTRIBUTION.map((g) => g[lang]);
  return m;
}

/** Known keys first in their usual order (with zeros, so the table is complete), then any others. */
function countRows(counts: Record<string, number>, order: readonly string[], label: (k: string) => string, keepZeros: boolean): CountRow[] {
  const known = order.filter((k) => keepZeros || (counts[k] ?? 0) > 0).map((k) => ({ label: label(k), count: counts[k] ?? 0 }));
  const others = Object.keys(counts)
    .filter((k) => !order.includes(k))
    .sort((a, b) => counts[b] - counts[a] || a.localeCompare(b))
    .map((k) => ({ label: label(k), count: counts[k] }));
  return [...known, ...others];
}
const sum = (rows: CountRow[]): number => rows.reduce((s, r) => s + r.count, 0);

function weeklyStats(ctx: Ctx, input: NoticeInput): NoticeModel {
  const { words: w, lang, tz } = ctx;
  const stats = input.stats ?? { from: '', to: '', byClass: {}, byDepartment: {}, byStatus: {}, overdue: {}, total: 0 };
  const from = stats.from || input.from || input.now;
  const to = stats.to || input.to || input.now;
  const m = base(ctx, periodId(from, to, tz));
  const options = (field: string): readonly string[] => REGISTERS.complaints.fields.find((f) => f.key === field)?.options ?? [];
  const tables: CountTable[] = [
    { heading: w.byClass, rows: countRows(stats.byClass, options('class'), (k) => optionLabel('complaints', 'class', k, lang), true), total: 0 },
    { heading: w.byDepartment, rows: countRows(stats.byDepartment, [], (k) => maskPersonalText(k.trim()) || w.noDepartment, false), total: 0 },
    { heading: w.byStatus, rows: countRows(stats.byStatus, options('status'), (k) => optionLabel('complaints', 'status', k, lang), true), total: 0 },
    { heading: w.overdue, rows: countRows(stats.overdue, Object.keys(OVERDUE_RULES), (k) => OVERDUE_RULES[k]?.[lang] ?? k, true), total: 0 },
  ];
  for (const t of tables) t.total = sum(t.rows);
  m.tables = tables;
  m.tableColumns = [
    [tables[0], tables[2]],
    [tables[1], tables[3]],
  ];
  m.salutation = fill(w.salutation, { manager: ctx.settings.manager_name.trim() }).trim();
  m.intro = [sentence(w.p1, { from: ctx.date(from), to: ctx.date(to), total: String(stats.total), overdue: String(tables[3].total) })];
  return m;
}

function monthlyStatsNotice(ctx: Ctx, input: NoticeInput): NoticeModel {
  const { words: w, lang, tz } = ctx;
  const st = input.monthly ?? { from: '', to: '', total: 0, valid: 0, resolved: 0, closed: 0, byClass: {}, byDepartment: {}, byStatus: {}, byChannel: {}, timeliness: [] };
  const from = st.from || input.from || input.now;
  const to = st.to || input.to || input.now;
  const m = base(ctx, periodId(from, to, tz));
  const options = (field: string): readonly string[] => REGISTERS.complaints.fields.find((f) => f.key === field)?.options ?? [];
  const tables: CountTable[] = [
    { heading: w.byClass, rows: countRows(st.byClass, options('class'), (k) => optionLabel('complaints', 'class', k, lang), true), total: 0 },
    { heading: w.byStatus, rows: countRows(st.byStatus, options('status'), (k) => optionLabel('complaints', 'status', k, lang), true), total: 0 },
    { heading: w.byDepartment, rows: countRows(st.byDepartment, [], (k) => maskPersonalText(k.trim()) || w.noDepartment, false), total: 0 },
    { heading: w.byChannel, rows: countRows(st.byChannel, options('channel'), (k) => optionLabel('complaints', 'channel', k, lang), true), total: 0 },
  ];
  for (const t of tables) t.total = sum(t.rows);
  m.tables = tables;
  // Class and department on the left, the statuses and channels on the right: the page stays one page.
  m.tableColumns = [[tables[0], tables[2]], [tables[1], tables[3]]];
  const working = ctx.settings.day_mode === 'working';
  m.timeliness = {
    head: [w.item, w.limit, w.onTime, w.late, w.overdueNow, w.pending, w.rate, w.mean],
    rows: st.timeliness.map((r) => {
      const due = r.onTime + r.late + r.overdue;
      const rate = r.limit && due > 0 ? `${Math.round((r.onTime / due) * 100)}%` : '—';
      const limit = limitText(r.limit, lang, working && r.limit?.unit === 'days');
      return [LIMIT_LABELS[r.key]?.[lang] ?? r.key, limit, ...[r.onTime, r.late, r.overdue, r.pending].map(String), rate, durationText(r.meanMs, lang)];
    }),
  };
  m.salutation = fill(w.salutation, { manager: ctx.settings.manager_name.trim() }).trim();
  const n = (x: number): string => String(x);
  m.intro = [sentence(w.p1, { from: ctx.date(from), to: ctx.date(to), total: n(st.total), valid: n(st.valid), resolved: n(st.resolved), closed: n(st.closed) })];
  m.paragraphs = [sentence(w.p2, { asOf: ctx.date(ctx.now, true) })];
  return m;
}

function monthlySummaryNotice(ctx: Ctx, input: NoticeInput): NoticeModel {
  const { words: w, lang, tz } = ctx;
  // Always given: resolve() and the scan compute it for the month asked.
  const st = input.summary!;
  const m = base(ctx, periodId(st.from, st.to, tz));
  const by = (heading: string, reg: string, field: string, counts: Record<string, number>): CountTable => {
    const rows = countRows(counts, [], (k) => optionLabel(reg, field, k, lang), false);
    return { heading, rows, total: sum(rows) };
  };
  const known = REGISTERS as Record<string, { label: Record<Lang, string> } | undefined>;
  const gate: CountRow[] = [];
  for (const [k] of COUNTED) {
    if (!(k in st.counts) || !known[k]) continue;
    gate.push({ label: known[k]!.label[lang], count: st.counts[k] });
    if (k === 'visitors') gate.push({ label: ruleLabel('visitors', 'overstay', lang), count: st.overstay });
  }
  const t = [
    by(w.requests, 'requests', 'type', st.requests),
    { heading: w.care, rows: [{ label: w.met, count: st.care.met }, { label: w.missed, count: st.care.due - st.care.met }], total: st.care.due },
    by(w.byCategory, 'violations', 'category', st.violationsByCategory),
    by(w.byStep, 'violations', 'step', st.violationsByStep),
    { heading: w.gate, rows: gate, total: 0, noTotal: true },
  ];
  m.tables = t;
  m.tableColumns = [t.slice(0, 2), t.slice(2)];
  m.salutation = fill(w.salutation, { manager: ctx.settings.manager_name.trim() }).trim();
  const n = (x: number): string => String(x);
  m.intro = [
    sentence(w.p1, { from: ctx.date(st.from), to: ctx.date(st.to), asOf: ctx.date(ctx.now, true), requests: n(t[0].total), overdue: n(st.requestsOverdue), violations: n(t[2].total) }),
    sentence(w.p2, { due: n(st.care.due), met: n(st.care.met) }),
  ];
  return m;
}

/** The record itself, to be signed by the office, security and a neighbour or relative (seed 000 §4.3.3.3). */
function emergencyEntry(ctx: Ctx, rec: Rec): NoticeModel {
  const { words: w } = ctx;
  const m = base(ctx, textOf(rec, 'id'));
  const at = ctx.date(dateOf(rec, 'at'), true);
  const unit = textOf(rec, 'unit');
  m.intro = [sentence(w.p1, { at, unit }, ctx.blank)];
  m.fields = rows(
    row(w.unit, unit, true, ctx.blank),
    row(w.at, at, true, ctx.blank),
    row(w.reason, linesOf(textOf(rec, 'reason')), true, ctx.blank),
    row(w.enteredBy, textOf(rec, 'entered_by'), true, ctx.blank),
    row(w.findings, linesOf(textOf(rec, 'findings')), true, ctx.blank),
    row(w.followUp, linesOf(textOf(rec, 'follow_up')), true, ctx.blank),
  );
  m.witnesses = (['office', 'security', 'other'] as const).map((k) => ({ party: w[k], name: textOf(rec, `witness_${k}`) }));
  return m;
}

/** 入住通知书 and 验房确认单 (seed 003 ch. 2). The list is the monthly statistics' page: its table holds the rooms with blank cells to tick, its paragraphs the keys and both sides' signature lines. */
function moveIn(ctx: Ctx, rec: Rec): NoticeModel {
  const { words: w, common: c } = ctx;
  const m = base(ctx, textOf(rec, 'id'));
  const unit = textOf(rec, 'unit');
  const resident = textOf(rec, 'resident');
  const moveInOn = ctx.date(dateOf(rec, 'move_in_on'));
  m.intro = [sentence(w.p1, { unit, resident, moveIn: moveInOn }, ctx.blank)];
  if (w.rooms) {
    const count = (k: string) => String(numberOf(rec, k) ?? '');
    m.timeliness = { head: w.head.split('|'), rows: w.rooms.split('|').map((r) => [r, '', '', '']) };
    const line = (label: string) => `${label}${c.colon}＿＿＿＿＿＿　${c.date}${c.colon}＿＿＿＿＿＿`;
    m.paragraphs = [sentence(w.p2, { keys: count('keys'), cards: count('cards') }, '＿＿'), ...w.sign.split('|').map((x) => [{ text: line(x), strong: false }])];
    return m;
  }
  m.salutation = fill(w.salutation, { resident: resident || ctx.blank });
  m.fields = rows(row(w.unit, unit, true, ctx.blank), row(w.resident, resident, true, ctx.blank), row(w.moveIn, moveInOn, true, ctx.blank));
  m.paragraphs = [sentence(w.p2, {}), sentence(w.p3, { phone: ctx.settings.office_phone.trim() }, ctx.blank)];
  return m;
}

/** The cover's facts, per register. */
const COVER: Record<string, string> = { violations: 'unit party category severity step found_at', complaints: 'unit complainant subject class status received_at' };

/** 证据包: a cover with the record's facts, then its timeline, notices, files and deadlines as tables, and the chain's state when generated. */
function evidencePack(ctx: Ctx, rec: Rec, ev: EvidenceData | undefined): NoticeModel {
  const { words: w, lang } = ctx;
  const reg = ev?.register ?? 'violations';
  const def = REGISTERS[reg];
  const id = textOf(rec, 'id');
  const m = base(ctx, id);
  const when = (d: unknown): string => (d instanceof Date || (typeof d === 'string' && d && !isNaN(new Date(d).getTime())) ? ctx.date(d as DateLike, true) : String(d ?? '')) || '—';
  const cell = (...l: string[]): EvidenceCell => ({ l: l.filter(Boolean).map(maskPersonalText) });
  // Only an https address becomes a link; anything else typed into the sheet prints as text.
  const link = (url: string, ...l: string[]): EvidenceCell => (/^https:\/\//.test(url) ? { ...cell(...l), a: url } : cell(...l, url));
  const head = (s: string, widths: string) => s.split('|').map((t, i) => ({ t, w: widths.split(' ')[i] }));
  const h = REGISTERS.history;
  const label = (k: string): string => h.fields.find((f) => f.key === k)!.label[lang];
  // The monthly statistics' words for a limit kept, kept late, overdue, not yet due; a step with no limit has none.
  const mw = TEXT.monthly_stats[lang];
  const verdict = { met: mw.onTime, late: mw.late, overdue: mw.overdueNow, pending: mw.pending, done: '—', open: '—' };
  m.fields = rows(
    row(label('register'), def.label[lang]),
    ...COVER[reg].split(' ').map((k) => {
      const f = def.fields.find((x) => x.key === k)!;
      const value = f.type === 'enum' ? optionLabel(reg, k, textOf(rec, k), lang) : f.type === 'datetime' ? ctx.date(dateOf(rec, k), true) : textOf(rec, k);
      return row(f.label[lang], value, true, ctx.blank);
    }),
  );
  m.sections = [
    { heading: h.label[lang], head: head('at action version by changes'.split(' ').map(label).join('|'), '17% 20% 8% 22% 33%'), rows: (ev?.timeline ?? []).map((e) => [cell(when(e.at)), cell(e.label), cell(String(e.version || '')), cell(e.by), cell(...linesOf(e.changes))]) },
    { heading: w.notices, head: head(w.nHead, '18% 24% 8% 18% 32%'), rows: (ev?.notices ?? []).map((n) => [cell(noticeDef(n.key)?.label[lang] ?? n.key), cell(n.number), cell(String(n.version)), cell(when(n.at)), link(n.url)]) },
    { heading: w.files, head: head(w.fHead, '30% 34% 18% 18%'), rows: parseAttachments(rec.attachments).map((f) => [link(f.url, f.name), cell(f.sha256), cell(when(f.takenAt)), cell(when(f.uploadedAt), f.by)]) },
    {
      heading: mw.timeliness,
      head: head(w.dHead, '24% 34% 24% 18%'),
      rows: (ev?.facts ?? []).map((f) => [
        cell(LIMIT_LABELS[f.key]?.[lang] ?? def.actions.find((a) => a.key === f.key)?.label[lang] ?? f.key),
        cell(f.due ? ctx.deadline(f.due) : '—', f.cut !== undefined ? fill(w.cutDue, { cut: when(f.cut), days: f.days ?? '' }) : ''),
        cell(when(f.done)),
        cell(verdict[f.verdict]),
      ]),
    },
  ];
  // An empty section still shows its table, with a row that says so.
  for (const sec of m.sections) if (!sec.rows.length) sec.rows.push([cell(TEXT.weekly_stats[lang].none)]);
  m.intro = [sentence(w.p1, { id })];
  m.paragraphs = [sentence(w.p2, { check: ev?.check || w.noCheck, at: ctx.date(ctx.now, true), by: ev?.by ?? '' }, ctx.blank)];
  return m;
}

/**
 * The view model of a notice: only whitelisted fields, formatted in the office language and time zone,
 * personal data masked where the notice may be posted. Record notices need `record`; household_changes needs
 * `rows` (+ from/to); weekly_stats needs `stats`. Missing values become blanks to fill in by hand.
 */
export function buildNoticeModel(key: NoticeKey, input: NoticeInput): NoticeModel {
  const m = applyLetterhead(buildBuiltinModel(key, input), input.wording, input.settings.estate_name);
  return key === 'rectification' && input.photos?.length ? { ...m, photos: input.photos.slice(0, 2) } : m;
}

function buildBuiltinModel(key: NoticeKey, input: NoticeInput): NoticeModel {
  const def = noticeDef(key);
  if (!def) throw new Error(`Unknown notice template: ${String(key)}`);
  const ctx = context(key, input);
  if (def.input === 'rows') return householdChanges(ctx, input);
  if (key === 'monthly_stats') return monthlyStatsNotice(ctx, input);
  if (key === 'monthly_summary') return monthlySummaryNotice(ctx, input);
  if (def.input === 'stats') return weeklyStats(ctx, input);
  if (!input.record) throw new Error(`The ${key} notice needs a record`);
  if (key === 'emergency_entry') return emergencyEntry(ctx, input.record);
  if (key === 'release_pass') return releasePass(ctx, input.record);
  if (key === 'evidence_pack') return evidencePack(ctx, input.record, input.evidence);
  if (def.register === 'move_ins') return moveIn(ctx, input.record);
  return key === 'complaint_reply' ? complaintReply(ctx, input.record) : violationNotice(ctx, input.record);
}

/**
 * Why a notice should not be issued yet, or null when it may. The caller refuses with code
 * 'precondition' (the field is the one to fix).
 */
export function noticeProblem(key: NoticeKey, input: NoticeInput): NoticeProblem | null {
  const def = noticeDef(key);
  if (!def) return { field: 'template', message: 'unknown template' };
  const { lang } = input;
  if (def.input !== 'record') return null;
  const rec = input.record;
  if (!rec) return { field: 'id', message: PROBLEMS.noRecord[lang] };
  if (def.register === 'violations' && (key === 'cut_notice' || key === 'fee_reminder') && !isFees(rec)) {
    return { field: 'category', message: PROBLEMS.feesOnly[lang] };
  }
  if (key === 'rectification' && !dateOf(rec, 'rectify_by')) return { field: 'rectify_by', message: PROBLEMS.rectifyBy[lang] };
  // A pass still awaiting its supervisor names that step, as the gate's refusal does.
  if (key === 'release_pass' && rec.status === 'pending') {
    const def = REGISTERS.release_passes;
    return { field: 'status', message: missingStep(def, def.actions.find((a) => a.key === 'out')!, 'pending', lang)! };
  }
  if (key === 'complaint_reply' && !textOf(rec, 'resolution')) return { field: 'resolution', message: PROBLEMS.resolution[lang] };
  if (key === 'cut_notice') {
    const planned = dateOf(rec, 'cut_planned_at');
    if (!planned) return { field: 'cut_planned_at', message: PROBLEMS.cutPlanned[lang] };
    const served = dateOf(rec, 'cut_notice_served_at') ?? input.now;
    const days = input.settings.violation_cut_notice_days ?? 3;
    if (new Date(planned).getTime() - new Date(served).getTime() < days * 24 * 60 * 60 * 1000) {
      return { field: 'cut_planned_at', message: fill(PROBLEMS.cutNoticeDays[lang], { days }) };
    }
  }
  return null;
}

export interface NoticeProblem {
  field: string;
  message: string;
  /** Several fields to fix, each with its message (else `field` alone). */
  fields?: Record<string, string>;
}

/**
 * The office's phone and address are printed on every notice ("致电…", the footer): without them no
 * notice is issued, so none goes out with a blank to fill in by hand. Names the Settings rows to fill.
 */
export function officeProblem(settings: NoticeSettings, lang: Lang): NoticeProblem | null {
  const missing = (['office_phone', 'office_address'] as const).filter((k) => !String(settings[k] ?? '').trim());
  if (!missing.length) return null;
  const names = missing.map((k) => OFFICE_FIELDS[k][lang]);
  const message = fill(PROBLEMS.office[lang], { names: names.join(lang === 'en' ? ' and ' : '、') });
  const fields = Object.fromEntries(missing.map((k) => [k, fill(PROBLEMS.officeField[lang], { name: OFFICE_FIELDS[k][lang] })]));
  return { field: missing[0], message, fields };
}

const OFFICE_FIELDS = {
  office_phone: L('管理处电话', '管理處電話', 'office phone'),
  office_address: L('管理处地址', '管理處地址', 'office address'),
};

/** Statistics cover what their title says: the weekly ones a week, the monthly ones a calendar month. */
export function periodProblem(key: NoticeKey, kind: 'month' | 'week' | 'range', lang: Lang): string | null {
  if (key === 'weekly_stats' && kind !== 'week') return PROBLEMS.weekOnly[lang];
  if ((key === 'monthly_stats' || key === 'monthly_summary') && kind !== 'month') return PROBLEMS.monthOnly[lang];
  return null;
}

const PROBLEMS = {
  office: L(
    '生成文书前，请先填写{names}：在“设置”表中填写，或重新运行“初始化台账”时填写。',
    '產生文書前，請先填寫{names}：在「設定」表中填寫，或重新執行「初始化台賬」時填寫。',
    'Before the first notice, fill in the {names}: in the Settings tab, or when running “Set up registers” again.',
  ),
  officeField: L('请在“设置”中填写{name}', '請在「設定」中填寫{name}', 'Fill in the {name} in Settings'),
  weekOnly: L(
    '投诉周统计按一周（7 天）生成；整月请用“投诉月统计”',
    '投訴週統計按一週（7 天）產生；整月請用「投訴月統計」',
    'Weekly statistics cover one week (7 days); for a whole month use the monthly statistics',
  ),
  monthOnly: L('投诉月统计按整月生成，请选择月份（如 2026-11）', '投訴月統計按整月產生，請選擇月份（如 2026-11）', 'Monthly statistics cover a calendar month; give a month such as 2026-11'),
  noRecord: L('找不到这条记录', '找不到這條記錄', 'Record not found'),
  rectifyBy: L('请先填写整改期限', '請先填寫整改期限', 'Set the rectify-by date first'),
  resolution: L('请先填写处理结果', '請先填寫處理結果', 'Enter the resolution first'),
  cutPlanned: L('请先填写计划停水停电时间', '請先填寫計劃停水停電時間', 'Set the planned cut time first'),
  cutNoticeDays: L(
    '计划停水停电时间须在通知送达 {days} 天以后',
    '計劃停水停電時間須在通知送達 {days} 天以後',
    'The planned cut must be at least {days} days after the notice is served',
  ),
  feesOnly: L('此通知只适用于拒交管理费的违章', '此通知只適用於拒交管理費的違章', 'This notice is for fee arrears only'),
};

// ---------------------------------------------------------------------------------------------
// Rendering

type Template = (context: unknown, options?: { helpers?: Record<string, unknown>; partials?: Record<string, unknown> }) => string;

const TEMPLATES: Record<NoticeKey, Template> = {
  rectification: rectificationTpl,
  cut_notice: cutNoticeTpl,
  fee_reminder: feeReminderTpl,
  complaint_reply: complaintReplyTpl,
  household_changes: householdChangesTpl,
  weekly_stats: weeklyStatsTpl,
  monthly_stats: monthlyStatsTpl,
  emergency_entry: emergencyEntryTpl,
  release_pass: releasePassTpl,
  evidence_pack: evidencePackTpl,
  // The weekly statistics' page: a salutation, the count tables and the paragraphs.
  monthly_summary: weeklyStatsTpl,
  // The same page as the rectification notice: salutation, facts, paragraphs, stamp (it prints no closing line).
  move_in_notice: rectificationTpl,
  // The monthly statistics' page: intro, one table (the rooms), paragraphs, stamp.
  inspection_list: monthlyStatsTpl,
};

/** The notice partials by the names the templates use. */
export const NOTICE_PARTIALS: Readonly<Record<string, Template>> = {
  noticeLayout: layoutTpl,
  noticeFields: fieldsTpl,
  noticeParagraphs: paragraphsTpl,
  noticeSignature: signatureTpl,
  noticeCountTables: countTablesTpl,
};

/**
 * Registers the notice partials on a Handlebars runtime instance, for callers that render the notice
 * templates themselves. renderNotice does not need it: it hands the partials to each call. No helpers are
 * needed, since the view model carries finished strings.
 */
export function registerNoticeHelpers(hb: { registerPartial(name: string, partial: unknown): void }): void {
  for (const [name, tpl] of Object.entries(NOTICE_PARTIALS)) hb.registerPartial(name, tpl);
}

/** The full HTML document (<!doctype html>…) of a notice from its view model. */
export function renderNotice(key: NoticeKey, model: NoticeModel): string {
  const tpl = TEMPLATES[key];
  if (!tpl) throw new Error(`Unknown notice template: ${String(key)}`);
  return tpl(model, { partials: { ...NOTICE_PARTIALS } }).trim() + '\n';
}

/** Notices whose template prints the closing line (特此通知。). */
const WITH_CLOSING: readonly NoticeKey[] = ['rectification', 'cut_notice'];

/**
 * The built-in text of every part the 文书模板 tab may override, in one language: the body paragraphs with
 * their `{name}` placeholders, and the letterhead lines with `{estate}` for the estate's name.
 */
export function builtinWording(key: NoticeKey, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(TEXT[key][lang])) if (/^(salutation|p\d+)$/.test(k)) out[k] = v;
  if (WITH_CLOSING.includes(key) && COMMON[lang].closing) out.closing = COMMON[lang].closing;
  const sep = lang === 'en' ? ' ' : '';
  out.heading = '{estate}';
  out.title = noticeDef(key)!.label[lang];
  out.office = `{estate}${sep}${COMMON[lang].office}`;
  out.stamp = `{estate}${sep}${COMMON[lang].stamp}`;
  return out;
}

/** `<template>-<record id>-<yyyyMMdd>` in the office time zone; characters unsafe in file names become _. */
export function noticeFileName(key: string, recordId: string, date: Date, tz: string): string {
  const safe = (s: string): string => s.replace(/[^0-9A-Za-z_\-\u4e00-\u9fff]/g, '_');
  return `${safe(key)}-${safe(recordId)}-${compactDate(date, tz)}`;
}
