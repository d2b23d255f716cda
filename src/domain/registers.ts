// The register definitions: the single source for sheet headers, zod schemas, sidebar forms and digests.
import { L, L10n, RoleKey } from './types';

export type FieldType =
  | 'text' // one line
  | 'longtext' // free text
  | 'datetime' // a moment, ISO with offset across the bridge
  | 'date' // a calendar date, YYYY-MM-DD
  | 'enum'
  | 'list' // several of options, stored comma-separated
  | 'number'
  | 'boolean'
  | 'email';

export interface FieldDef {
  key: string;
  type: FieldType;
  label: L10n;
  required?: boolean;
  options?: readonly string[];
  /** Health/criminal notes: never in an email, a log line or a notice. */
  sensitive?: boolean;
  /** An ID number: stored and shown masked (first 4 and last 4). */
  maskId?: boolean;
  /** Set by the server only (ids, stamps, hashes); protected in the sheet. */
  system?: boolean;
  /** A time that records something that happened, so it may not be in the future. */
  past?: boolean;
  /** Set through actions only, not the edit form. */
  stamped?: boolean;
  /** A unit number: the sidebar offers households' units. */
  unit?: boolean;
  /** A phone number: the schema accepts phone-shaped text only, and the sidebar shows a tel input. */
  phone?: boolean;
  /** Picked from a list instead of typed: a department (Roles and Settings), or a key household (saved as its id). */
  picker?: 'department' | 'household';
  /** Changed only through this action (with its roles and history), never by editing the record. */
  byAction?: string;
  /**
   * The column is formatted plain text ('@'), so the value is written exactly as typed, with no
   * apostrophe in front: the format already keeps "=…", "1.50" or "22:10 …" as text, and Google
   * may keep such an apostrophe as part of the value in a plain-text cell.
   */
  plainText?: boolean;
  /** Filled on create when left blank: 'now', 'user' (the signed-in user's name), or this option. */
  initial?: string;
}

export interface ActionDef {
  key: string;
  label: L10n;
  /** States (status/step values) the action may start from. */
  from: readonly string[];
  /** The state it moves to; omitted when the state does not change. */
  to?: string;
  /** The timestamp field it sets (to `at`, or now). */
  stamp?: string;
  /** Fields the caller must supply. */
  needs?: readonly string[];
  /** Fields the caller may supply with the action. */
  accepts?: readonly string[];
  /** A penalty (SPEC `*`): manager only. */
  penalty?: boolean;
  /** Roles allowed; default clerk, supervisor and manager. */
  roles?: readonly RoleKey[];
}

export interface RegisterDef {
  key: RegisterKey;
  label: L10n;
  /** Record id prefix, e.g. C- gives C-2026-0001. Absent for registers keyed otherwise. */
  idPrefix?: string;
  fields: readonly FieldDef[];
  /** The field that carries the lifecycle state, if any. */
  stateField?: string;
  initialState?: string;
  actions: readonly ActionDef[];
  /** Rows are only ever appended, never edited (protected in the sheet). */
  appendOnly?: boolean;
  /** Written by the system only; no form in the sidebar. */
  systemOnly?: boolean;
  /** The field shown as the record's title in lists and digests. */
  titleField: string;
  /** The field holding the record's primary time, for lists and the future-time check. */
  timeField?: string;
}

export const REGISTER_KEYS = [
  'households',
  'household_changes',
  'care_log',
  'complaints',
  'violations',
  'requests',
  'passes',
  'duty_log',
  'roster',
  'roles',
  'visitors',
  'residents',
  'resident_changes',
  'outings',
  'emergency_entries',
  'tenancies',
  'release_passes',
  'move_ins',
  'history',
] as const;
export type RegisterKey = (typeof REGISTER_KEYS)[number];

const f = (key: string, type: FieldType, label: L10n, extra: Partial<FieldDef> = {}): FieldDef => ({ key, type, label, ...extra });
const req = { required: true } as const;
const past = { past: true } as const;
const stamp = { stamped: true, past: true } as const;

/** Columns every register with ids carries, after its own fields. */
export const SYSTEM_FIELDS: readonly FieldDef[] = [
  f('id', 'text', L('编号', '編號', 'ID'), { system: true }),
  f('version', 'number', L('版本', '版本', 'Version'), { system: true }),
  f('created_at', 'datetime', L('创建时间', '建立時間', 'Created at'), { system: true }),
  f('created_by', 'text', L('创建人', '建立人', 'Created by'), { system: true }),
  f('updated_at', 'datetime', L('更新时间', '更新時間', 'Updated at'), { system: true }),
  f('updated_by', 'text', L('更新人', '更新人', 'Updated by'), { system: true }),
];

/** Written by the overdue scan so conditional formatting can colour overdue and due-soon rows. */
const DUE_FIELDS: readonly FieldDef[] = [
  f('due_at', 'datetime', L('下一期限', '下一期限', 'Next due'), { system: true }),
  f('due_rule', 'text', L('期限事项', '期限事項', 'Due for'), { system: true }),
];

/** 指纹: a hash per visible field, written with every add-on write, so a cell typed over in the sheet is found (domain/fingerprint.ts). */
const ROW_HASH_FIELD = f('row_hash', 'text', L('指纹', '指紋', 'Fingerprint'), { system: true, plainText: true });

const NOTICE_FIELDS: readonly FieldDef[] = [
  f('doc_url', 'text', L('文书链接', '文書連結', 'Notice (Doc)'), { system: true }),
  f('pdf_url', 'text', L('PDF 链接', 'PDF 連結', 'Notice (PDF)'), { system: true }),
];

/** A record's photos and PDFs (issue 13): one line per file, and how many (the keys are domain/attachments' ATTACHMENTS_FIELD and ATTACHMENT_COUNT_FIELD). */
const ATTACH_FIELDS: readonly FieldDef[] = [
  f('attachments', 'longtext', L('附件', '附件', 'Attachments'), { system: true }),
  f('attachment_count', 'number', L('附件数', '附件數', 'Files'), { system: true }),
];

export const HOUSEHOLD_CATEGORIES = [
  'tenant',
  'criminal_record',
  'troublemaker',
  'bad_credit',
  'high_risk_illness',
  'pregnant',
  'elderly_alone',
  'empty_nest',
  'very_old',
  'disabled',
  'child_in_difficulty',
  'nursing',
  'low_income',
  'veteran',
] as const;
/** Categories that call for weekly visits and twice-weekly calls (seed 004 第八条). */
export const CLOSE_CARE_CATEGORIES = ['elderly_alone', 'empty_nest', 'very_old'] as const;

const STAFF: readonly RoleKey[] = ['clerk', 'supervisor', 'manager'];
const SUPERVISORS: readonly RoleKey[] = ['supervisor', 'manager'];
const MANAGER: readonly RoleKey[] = ['manager'];
const COMPLAINT_OPEN = ['received', 'dispatched', 'in_progress'];
const a = (key: string, label: L10n, from: readonly string[], extra: Partial<ActionDef> = {}): ActionDef => ({
  key,
  label,
  from,
  ...extra,
});

const households: RegisterDef = {
  key: 'households',
  label: L('重点户', '重點戶', 'Key households'),
  idPrefix: 'H-',
  titleField: 'unit',
  stateField: 'status',
  initialState: 'active',
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('occupant', 'text', L('住户姓名', '住戶姓名', 'Occupant'), req),
    f('categories', 'list', L('类别', '類別', 'Categories'), { ...req, options: HOUSEHOLD_CATEGORIES }),
    f('living', 'enum', L('居住情况', '居住情況', 'Living'), { options: ['alone', 'two', 'three_plus'] }),
    f('age_band', 'text', L('年龄段', '年齡段', 'Age band')),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('emergency_contact', 'text', L('紧急联系人', '緊急聯絡人', 'Emergency contact')),
    f('emergency_phone', 'text', L('紧急联系电话', '緊急聯絡電話', 'Emergency phone'), { phone: true }),
    f('id_number', 'text', L('证件号码', '證件號碼', 'ID number'), { maskId: true }),
    f('helpers', 'number', L('保姆人数', '保姆人數', 'Helpers')),
    f('due_date', 'date', L('预产期', '預產期', 'Due date')),
    f('moved_in_on', 'date', L('入住日期', '入住日期', 'Moved in on')),
    // When a close-care category (elderly alone, empty nest, very old) was added: the first visit and call count from here.
    f('care_since', 'datetime', L('开始关爱时间', '開始關愛時間', 'Close care since'), { system: true }),
    f('screened_at', 'datetime', L('排查时间', '排查時間', 'Screened at'), past),
    f('needs', 'longtext', L('需要的帮助', '需要的協助', 'Needs')),
    f('notes', 'longtext', L('备注（敏感）', '備註（敏感）', 'Notes (sensitive)'), { sensitive: true }),
    f('status', 'enum', L('状态', '狀態', 'Status'), { options: ['active', 'inactive'], stamped: true }),
    ...DUE_FIELDS,
  ],
  actions: [
    a('deactivate', L('撤销重点户', '撤銷重點戶', 'Deactivate'), ['active'], { to: 'inactive' }),
    a('reactivate', L('恢复重点户', '恢復重點戶', 'Reactivate'), ['inactive'], { to: 'active' }),
  ],
};

const household_changes: RegisterDef = {
  key: 'household_changes',
  label: L('重点户异动表', '重點戶異動表', 'Household changes'),
  idPrefix: 'HC-',
  titleField: 'unit',
  timeField: 'at',
  appendOnly: true,
  systemOnly: true,
  fields: [
    f('at', 'datetime', L('时间', '時間', 'At'), past),
    f('household_id', 'text', L('重点户编号', '重點戶編號', 'Household')),
    f('unit', 'text', L('房号', '房號', 'Unit')),
    f('change', 'enum', L('异动', '異動', 'Change'), {
      options: ['added', 'removed', 'category_added', 'category_removed', 'moved_in', 'moved_out', 'updated'],
    }),
    f('before', 'longtext', L('变更前', '變更前', 'Before')),
    f('after', 'longtext', L('变更后', '變更後', 'After')),
    f('by', 'text', L('经办人', '經辦人', 'By')),
  ],
  actions: [],
};

const care_log: RegisterDef = {
  key: 'care_log',
  label: L('走访记录', '走訪記錄', 'Care log'),
  idPrefix: 'CL-',
  titleField: 'household_id',
  timeField: 'at',
  fields: [
    f('household_id', 'text', L('重点户编号', '重點戶編號', 'Household'), { ...req, picker: 'household' }),
    f('at', 'datetime', L('时间', '時間', 'At'), { ...req, ...past }),
    f('kind', 'enum', L('方式', '方式', 'Kind'), { ...req, options: ['visit', 'call', 'review', 'screening', 'survey'] }),
    f('by', 'text', L('走访人', '走訪人', 'By')),
    f('notes', 'longtext', L('情况（敏感）', '情況（敏感）', 'Notes (sensitive)'), { sensitive: true }),
  ],
  actions: [],
};

const complaints: RegisterDef = {
  key: 'complaints',
  label: L('投诉', '投訴', 'Complaints'),
  idPrefix: 'C-',
  titleField: 'subject',
  timeField: 'received_at',
  stateField: 'status',
  initialState: 'received',
  fields: [
    f('received_at', 'datetime', L('受理时间', '受理時間', 'Received at'), { ...req, ...past }),
    f('channel', 'enum', L('投诉方式', '投訴方式', 'Channel'), { options: ['visit', 'phone', 'letter', 'online', 'other'] }),
    f('complainant', 'text', L('投诉人', '投訴人', 'Complainant'), req),
    f('unit', 'text', L('房号', '房號', 'Unit'), { unit: true }),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('department', 'text', L('责任部门', '責任部門', 'Department'), { picker: 'department' }),
    f('subject', 'text', L('投诉事项', '投訴事項', 'Subject'), req),
    f('details', 'longtext', L('详细情况', '詳細情況', 'Details')),
    f('class', 'enum', L('类别', '類別', 'Class'), { ...req, options: ['minor', 'important', 'major', 'invalid'], byAction: 'reclassify' }),
    // The class's duties count from here after a reclassification or the 30-day upgrade (else from receipt).
    f('class_since', 'datetime', L('定级时间', '定級時間', 'Class since'), { system: true }),
    f('class_history', 'longtext', L('定级记录', '定級記錄', 'Class changes'), { system: true }),
    f('request_id', 'text', L('来自求助', '來自求助', 'From request'), { system: true }),
    f('status', 'enum', L('状态', '狀態', 'Status'), {
      options: ['received', 'dispatched', 'in_progress', 'resolved', 'notified', 'visited', 'closed'],
      stamped: true,
    }),
    f('dispatched_at', 'datetime', L('派单时间', '派單時間', 'Dispatched at'), stamp),
    f('handed_over_at', 'datetime', L('转交片区时间', '轉交片區時間', 'Handed over at'), stamp),
    f('manager_informed_at', 'datetime', L('报经理时间', '報經理時間', 'Manager informed at'), stamp),
    f('answered_at', 'datetime', L('答复时间', '答覆時間', 'Answered at'), stamp),
    f('resolved_at', 'datetime', L('处理完毕时间', '處理完畢時間', 'Resolved at'), stamp),
    f('notified_at', 'datetime', L('告知投诉人时间', '告知投訴人時間', 'Complainant told at'), stamp),
    f('visited_at', 'datetime', L('回访时间', '回訪時間', 'Return visit at'), stamp),
    f('closed_at', 'datetime', L('结案时间', '結案時間', 'Closed at'), stamp),
    f('resolution', 'longtext', L('处理结果', '處理結果', 'Resolution')),
    f('feedback', 'longtext', L('回访意见', '回訪意見', 'Feedback')),
    ...DUE_FIELDS,
    ...NOTICE_FIELDS,
    ...ATTACH_FIELDS,
  ],
  actions: [
    a('dispatch', L('派单', '派單', 'Dispatch'), ['received'], { to: 'dispatched', stamp: 'dispatched_at', needs: ['department'], accepts: ['department'] }),
    a('hand_over', L('转交片区', '轉交片區', 'Hand over'), COMPLAINT_OPEN, { stamp: 'handed_over_at' }),
    a('inform_manager', L('报告经理', '報告經理', 'Inform manager'), COMPLAINT_OPEN, { stamp: 'manager_informed_at' }),
    a('answer', L('明确答复', '明確答覆', 'Answer'), COMPLAINT_OPEN, { stamp: 'answered_at', accepts: ['resolution'] }),
    a('start', L('开始处理', '開始處理', 'Start'), ['received', 'dispatched'], { to: 'in_progress' }),
    a('resolve', L('处理完毕', '處理完畢', 'Resolve'), COMPLAINT_OPEN, { to: 'resolved', stamp: 'resolved_at', accepts: ['resolution'] }),
    a('notify', L('告知投诉人', '告知投訴人', 'Tell complainant'), ['resolved'], { to: 'notified', stamp: 'notified_at' }),
    a('visit', L('回访', '回訪', 'Return visit'), ['notified'], { to: 'visited', stamp: 'visited_at', accepts: ['feedback'] }),
    a('close', L('结案', '結案', 'Close'), ['notified', 'visited'], { to: 'closed', stamp: 'closed_at', roles: SUPERVISORS }),
    a('reclassify', L('重新定级', '重新定級', 'Reclassify'), [...COMPLAINT_OPEN, 'resolved', 'notified', 'visited'], {
      needs: ['class'],
      accepts: ['class'],
      roles: SUPERVISORS,
    }),
  ],
};

const VIOLATION_ACTIVE = ['reported', 'educated', 'rectification_ordered', 'compensation', 'cut_notice_served', 'cut', 'restored', 'publicized', 'legal'];
const violations: RegisterDef = {
  key: 'violations',
  label: L('违章', '違章', 'Violations'),
  idPrefix: 'V-',
  titleField: 'description',
  timeField: 'found_at',
  stateField: 'step',
  initialState: 'reported',
  fields: [
    f('found_at', 'datetime', L('发现时间', '發現時間', 'Found at'), { ...req, ...past }),
    f('unit', 'text', L('房号/地点', '房號/地點', 'Unit / place'), { ...req, unit: true }),
    f('party', 'text', L('当事人', '當事人', 'Party')),
    f('category', 'enum', L('违章类别', '違章類別', 'Category'), {
      ...req,
      options: ['decoration', 'fire', 'hygiene', 'security', 'fees', 'other'],
    }),
    f('subtype', 'text', L('具体情形', '具體情形', 'Subtype')),
    f('severity', 'enum', L('性质', '性質', 'Severity'), { ...req, options: ['general', 'major'] }),
    f('description', 'longtext', L('违章情况', '違章情況', 'Description'), req),
    f('evidence', 'longtext', L('证据', '證據', 'Evidence')),
    f('rule_broken', 'text', L('违反的规定', '違反的規定', 'Rule broken')),
    f('amount', 'number', L('金额（元）', '金額（元）', 'Amount (CNY)')),
    f('step', 'enum', L('处理步骤', '處理步驟', 'Step'), {
      options: [...VIOLATION_ACTIVE.slice(0, 3), 'rectified', ...VIOLATION_ACTIVE.slice(3), 'closed'],
      stamped: true,
    }),
    f('educated_at', 'datetime', L('劝导时间', '勸導時間', 'Persuaded at'), stamp),
    f('ordered_at', 'datetime', L('下达整改时间', '下達整改時間', 'Rectification ordered at'), stamp),
    f('rectify_by', 'datetime', L('整改期限', '整改期限', 'Rectify by'), { stamped: true }),
    f('rectified_at', 'datetime', L('整改完成时间', '整改完成時間', 'Rectified at'), stamp),
    f('cut_notice_served_at', 'datetime', L('停水停电通知送达时间', '停水停電通知送達時間', 'Cut notice served at'), stamp),
    f('cut_planned_at', 'datetime', L('计划停水停电时间', '計劃停水停電時間', 'Cut planned at'), { stamped: true }),
    f('cut_at', 'datetime', L('停水停电时间', '停水停電時間', 'Cut at'), stamp),
    f('paid_at', 'datetime', L('缴清欠费时间', '繳清欠費時間', 'Paid at'), stamp),
    f('restored_at', 'datetime', L('恢复供应时间', '恢復供應時間', 'Restored at'), stamp),
    f('committee_agreed_by', 'text', L('业委会同意人', '業委會同意人', 'Owners’ committee: agreed by'), { stamped: true }),
    f('committee_agreed_on', 'date', L('业委会同意日期', '業委會同意日期', 'Owners’ committee: agreed on'), { stamped: true }),
    f('publicized_at', 'datetime', L('通报时间', '通報時間', 'Public notice at'), stamp),
    f('skip_reasons', 'longtext', L('越级处理理由', '越級處理理由', 'Reasons for skipping a step'), { stamped: true }),
    f('decided_by', 'text', L('决定人', '決定人', 'Decided by'), { stamped: true }),
    f('closed_at', 'datetime', L('结案时间', '結案時間', 'Closed at'), stamp),
    ...DUE_FIELDS,
    ...NOTICE_FIELDS,
    ...ATTACH_FIELDS,
  ],
  actions: [
    a('educate', L('劝导教育', '勸導教育', 'Persuade'), ['reported'], { to: 'educated', stamp: 'educated_at' }),
    // A clerk records and persuades; ordering rectification is a supervisor's or the manager's decision.
    a('order_rectification', L('限期整改', '限期整改', 'Order rectification'), ['reported', 'educated'], {
      to: 'rectification_ordered',
      stamp: 'ordered_at',
      needs: ['rectify_by'],
      accepts: ['rectify_by', 'rule_broken'],
      roles: SUPERVISORS,
    }),
    a('confirm_rectified', L('确认已整改', '確認已整改', 'Confirm rectified'), ['rectification_ordered', 'compensation', 'cut', 'publicized', 'legal'], {
      to: 'rectified',
      stamp: 'rectified_at',
    }),
    a('compensate', L('责令赔偿', '責令賠償', 'Order compensation'), ['reported', 'educated', 'rectification_ordered'], {
      to: 'compensation',
      penalty: true,
      accepts: ['amount', 'skip_reasons'],
    }),
    a('serve_cut_notice', L('送达停水停电通知', '送達停水停電通知', 'Serve cut notice'), ['reported', 'educated', 'rectification_ordered', 'compensation'], {
      to: 'cut_notice_served',
      stamp: 'cut_notice_served_at',
      needs: ['cut_planned_at'],
      accepts: ['cut_planned_at', 'amount', 'skip_reasons'],
      penalty: true,
    }),
    a('cut', L('停水停电', '停水停電', 'Cut supply'), ['cut_notice_served'], { to: 'cut', stamp: 'cut_at', penalty: true }),
    a('confirm_paid', L('确认已缴清', '確認已繳清', 'Confirm paid'), VIOLATION_ACTIVE, { stamp: 'paid_at' }),
    a('restore', L('恢复供应', '恢復供應', 'Restore supply'), ['cut', 'rectified'], { to: 'restored', stamp: 'restored_at' }),
    a('publicize', L('通报批评', '通報批評', 'Public notice'), ['reported', 'educated', 'rectification_ordered', 'compensation', 'restored'], {
      to: 'publicized',
      stamp: 'publicized_at',
      penalty: true,
      needs: ['committee_agreed_by', 'committee_agreed_on'],
      accepts: ['committee_agreed_by', 'committee_agreed_on', 'skip_reasons'],
    }),
    a('take_legal_action', L('仲裁/诉讼', '仲裁/訴訟', 'Arbitration / lawsuit'), VIOLATION_ACTIVE, { to: 'legal', penalty: true, accepts: ['skip_reasons'] }),
    a('close', L('结案', '結案', 'Close'), [...VIOLATION_ACTIVE, 'rectified'], { to: 'closed', stamp: 'closed_at', roles: SUPERVISORS }),
  ],
};

const requests: RegisterDef = {
  key: 'requests',
  label: L('求助报事', '求助報事', 'Help requests'),
  idPrefix: 'R-',
  titleField: 'details',
  timeField: 'received_at',
  fields: [
    f('received_at', 'datetime', L('受理时间', '受理時間', 'Received at'), { ...req, ...past }),
    f('type', 'enum', L('类型', '類型', 'Type'), {
      ...req,
      options: ['medical', 'repair', 'complaint', 'enquiry', 'written_enquiry', 'crime', 'disaster', 'other'],
    }),
    f('unit', 'text', L('房号', '房號', 'Unit'), { unit: true }),
    f('requester', 'text', L('求助人', '求助人', 'Requester')),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('details', 'longtext', L('事由', '事由', 'Details'), req),
    f('paid', 'boolean', L('有偿服务', '有償服務', 'Paid service')),
    f('handler', 'text', L('处理人', '處理人', 'Handler')),
    f('complaint_id', 'text', L('转为投诉', '轉為投訴', 'Complaint'), { system: true }),
    f('first_reply_at', 'datetime', L('首次回应时间', '首次回應時間', 'First reply at'), stamp),
    f('replied_at', 'datetime', L('书面答复时间', '書面答覆時間', 'Replied at'), stamp),
    f('closed_at', 'datetime', L('结案时间', '結案時間', 'Closed at'), stamp),
    ...DUE_FIELDS,
    ...ATTACH_FIELDS,
  ],
  actions: [
    a('first_reply', L('首次回应', '首次回應', 'First reply'), ['open'], { stamp: 'first_reply_at', accepts: ['handler'] }),
    a('reply', L('书面答复', '書面答覆', 'Written reply'), ['open'], { stamp: 'replied_at' }),
    a('close', L('结案', '結案', 'Close'), ['open'], { stamp: 'closed_at' }),
  ],
};

const passes: RegisterDef = {
  key: 'passes',
  label: L('临时出入卡', '臨時出入卡', 'Access passes'),
  idPrefix: 'P-',
  titleField: 'holder',
  fields: [
    f('holder', 'text', L('持卡人', '持卡人', 'Holder'), req),
    f('role', 'enum', L('身份', '身份', 'Role'), { ...req, options: ['nanny', 'hourly_worker', 'tutor', 'other'] }),
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('issued_on', 'date', L('发卡日期', '發卡日期', 'Issued on'), req),
    f('expires_on', 'date', L('有效期至', '有效期至', 'Expires on'), req),
    f('returned_on', 'date', L('退卡日期', '退卡日期', 'Returned on'), { stamped: true }),
    ...DUE_FIELDS,
  ],
  actions: [a('return', L('退卡', '退卡', 'Return'), ['open'], { stamp: 'returned_on' })],
};

const duty_log: RegisterDef = {
  key: 'duty_log',
  label: L('值班记录', '值班記錄', 'Duty log'),
  titleField: 'text',
  timeField: 'at',
  appendOnly: true,
  systemOnly: true,
  fields: [
    f('seq', 'number', L('序号', '序號', 'Seq'), { system: true }),
    f('at', 'datetime', L('时间', '時間', 'At'), past),
    f('officer', 'text', L('值班人', '值班人', 'Officer'), { plainText: true }),
    f('kind', 'enum', L('类型', '類型', 'Kind'), { ...req, options: ['entry', 'handover', 'signoff', 'correction'] }),
    f('text', 'longtext', L('内容', '內容', 'Text'), { ...req, plainText: true }),
    f('corrects', 'number', L('更正序号', '更正序號', 'Corrects')),
    f('prev_hash', 'text', L('前一条校验值', '前一條校驗值', 'Previous hash'), { system: true, plainText: true }),
    f('hash', 'text', L('校验值', '校驗值', 'Hash'), { system: true, plainText: true }),
  ],
  actions: [],
};

const roster: RegisterDef = {
  key: 'roster',
  label: L('值班安排表', '值班安排表', 'Duty roster'),
  titleField: 'officer',
  systemOnly: true,
  fields: [
    f('date', 'date', L('日期', '日期', 'Date'), req),
    f('shift', 'enum', L('班次', '班次', 'Shift'), { ...req, options: ['night', 'full_day'] }),
    f('officer', 'text', L('值班人', '值班人', 'Officer'), req),
    f('backup', 'text', L('备班人', '備班人', 'Backup')),
    f('swapped_from', 'text', L('原值班人（换班）', '原值班人（換班）', 'Swapped from')),
    f('swap_approved_by', 'text', L('换班批准人', '換班批准人', 'Swap approved by')),
  ],
  actions: [],
};

const roles: RegisterDef = {
  key: 'roles',
  label: L('人员权限', '人員權限', 'Roles'),
  titleField: 'email',
  fields: [
    f('email', 'email', L('邮箱', '郵箱', 'Email'), req),
    f('name', 'text', L('姓名', '姓名', 'Name')),
    f('roles', 'list', L('角色', '角色', 'Roles'), { ...req, options: ['clerk', 'supervisor', 'manager', 'security', 'department'] }),
    f('department', 'text', L('部门', '部門', 'Department')),
  ],
  actions: [],
};

// The gate's visitor log (seed 000 §4.4.4): a guard types four fields, the rest fills itself.
const visitors: RegisterDef = {
  key: 'visitors',
  label: L('来访登记', '來訪登記', 'Visitors'),
  idPrefix: 'VS-',
  titleField: 'visitor',
  timeField: 'at',
  fields: [
    f('at', 'datetime', L('来访时间', '來訪時間', 'In at'), { ...past, initial: 'now' }),
    f('visitor', 'text', L('来访人', '來訪人', 'Visitor'), req),
    f('id_type', 'enum', L('证件类型', '證件類型', 'ID type'), { options: ['id_card', 'passport', 'other'], initial: 'id_card' }),
    f('id_number', 'text', L('证件号码', '證件號碼', 'ID number'), { ...req, maskId: true }),
    f('unit', 'text', L('被访房号', '被訪房號', 'Visiting unit'), { ...req, unit: true }),
    f('purpose', 'text', L('来访事由', '來訪事由', 'Purpose'), req),
    f('left_at', 'datetime', L('离开时间', '離開時間', 'Out at'), stamp),
    f('guard', 'text', L('值班门岗', '值班門崗', 'Guard'), { system: true, initial: 'user' }),
    ...DUE_FIELDS,
  ],
  actions: [a('leave', L('离开', '離開', 'Leave'), ['open'], { stamp: 'left_at', roles: [...STAFF, 'security'] })],
};

// 住户登记 (seed 002 §1, 003 ch. 2): one row per household living in a unit; its changes go through actions so each is logged.
const residents: RegisterDef = {
  key: 'residents',
  label: L('住户登记', '住戶登記', 'Residents'),
  idPrefix: 'RS-',
  titleField: 'unit',
  stateField: 'status',
  initialState: 'living',
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('name', 'text', L('户主姓名', '戶主姓名', 'Head of household'), { ...req, byAction: 'rename' }),
    f('tenure', 'enum', L('业主/租户', '業主/租戶', 'Owner / tenant'), { ...req, options: ['owner', 'tenant'] }),
    f('members', 'longtext', L('同住人员（每行一人：姓名 关系 电话）', '同住人員（每行一人：姓名 關係 電話）', 'Members (one a line: name, relation, phone)'), { ...req, byAction: 'change_members' }),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('id_number', 'text', L('证件号码', '證件號碼', 'ID number'), { maskId: true }),
    f('moved_in_on', 'date', L('入住日期', '入住日期', 'Moved in on'), req),
    f('cards', 'text', L('门禁卡号', '門禁卡號', 'Access cards')),
    f('status', 'enum', L('状态', '狀態', 'Status'), { options: ['living', 'moved_out'], stamped: true }),
    f('moved_out_on', 'date', L('迁出日期', '遷出日期', 'Moved out on'), { stamped: true }),
    f('screened_at', 'datetime', L('排查时间', '排查時間', 'Screened at'), stamp),
    ...DUE_FIELDS,
  ],
  actions: [
    a('change_members', L('变更同住人员', '變更同住人員', 'Change members'), ['living'], { needs: ['members'], accepts: ['members'] }),
    a('rename', L('更改户主姓名', '更改戶主姓名', 'Change name'), ['living'], { needs: ['name'], accepts: ['name'] }),
    a('move_out', L('迁出', '遷出', 'Move out'), ['living'], { to: 'moved_out', stamp: 'moved_out_on' }),
    a('screened_not_key', L('排查：非重点户', '排查：非重點戶', 'Screened: not key'), ['living'], { stamp: 'screened_at' }),
  ],
};

// 住户信息变更表: written by the residents' actions, before and after, like the key-household change log.
const resident_changes: RegisterDef = {
  ...household_changes,
  key: 'resident_changes',
  label: L('住户信息变更表', '住戶資料變更表', 'Resident changes'),
  idPrefix: 'RC-',
  fields: [
    household_changes.fields[0],
    f('resident_id', 'text', L('住户编号', '住戶編號', 'Resident')),
    ...household_changes.fields.slice(2, 3),
    f('change', 'enum', L('变更', '變更', 'Change'), { options: ['added', 'members', 'renamed', 'moved_out', 'updated'] }),
    ...household_changes.fields.slice(4),
  ],
};

// 出门备案录 (seed 000 §4.3.3.3): a vulnerable resident says when they leave and expect to be back; 已返回 closes it.
const outings: RegisterDef = {
  key: 'outings',
  label: L('出门备案录', '出門備案錄', 'Outings'),
  idPrefix: 'OT-',
  titleField: 'resident',
  timeField: 'out_at',
  fields: [
    f('household_id', 'text', L('重点户编号', '重點戶編號', 'Household'), { picker: 'household' }),
    f('resident', 'text', L('住户', '住戶', 'Resident'), req),
    f('unit', 'text', L('房号', '房號', 'Unit'), { unit: true }),
    f('out_at', 'datetime', L('出门时间', '出門時間', 'Left at'), { ...past, initial: 'now' }),
    f('expected_back', 'datetime', L('预计返回', '預計返回', 'Expected back'), req),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('note', 'longtext', L('备注', '備註', 'Note')),
    f('back_at', 'datetime', L('返回时间', '返回時間', 'Back at'), stamp),
    ...DUE_FIELDS,
  ],
  actions: [a('returned', L('已返回', '已返回', 'Back'), ['open'], { stamp: 'back_at', roles: [...STAFF, 'security'] })],
};

// 突发事件处理记录表 (seed 000 §4.3.3.3): entering a home for a resident in danger, witnessed by three parties. Corrections are new rows.
const emergency_entries: RegisterDef = {
  key: 'emergency_entries',
  label: L('突发事件处理记录', '突發事件處理記錄', 'Emergency entries'),
  idPrefix: 'EE-',
  titleField: 'unit',
  timeField: 'at',
  appendOnly: true,
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('at', 'datetime', L('入户时间', '入戶時間', 'Entered at'), { ...past, initial: 'now' }),
    f('reason', 'longtext', L('入户原因', '入戶原因', 'Reason'), req),
    f('entered_by', 'text', L('入户人员', '入戶人員', 'Entered by'), req),
    f('witness_office', 'text', L('见证人（管理处）', '見證人（管理處）', 'Witness (office)'), req),
    f('witness_security', 'text', L('见证人（秩序维护）', '見證人（秩序維護）', 'Witness (security)'), req),
    f('witness_other', 'text', L('见证人（邻居或亲属）', '見證人（鄰居或親屬）', 'Witness (neighbour or relative)'), req),
    f('findings', 'longtext', L('勘察情况', '勘察情況', 'Findings')),
    f('follow_up', 'longtext', L('后续处理', '後續處理', 'Follow-up')),
    ...ATTACH_FIELDS,
  ],
  actions: [],
};

// 出租屋清单 with its 暂住人员 (seed 000 §4.3.1, §4.4.1). Temporary residents are lines of one text
// field, "姓名 关系 到达日期 [登记日期]", not a register of their own: the office lists a handful per
// flat and updates them together, and src/domain/tenancy.ts parses the lines for the 15-day rule.
const tenancies: RegisterDef = {
  key: 'tenancies',
  label: L('出租屋登记', '出租屋登記', 'Tenancies'),
  idPrefix: 'TN-',
  titleField: 'tenant',
  stateField: 'status',
  initialState: 'active',
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('tenant', 'text', L('承租人', '承租人', 'Tenant'), req),
    f('phone', 'text', L('联系电话', '聯絡電話', 'Phone'), { phone: true }),
    f('id_number', 'text', L('证件号码', '證件號碼', 'ID number'), { maskId: true }),
    f('lease_start', 'date', L('租期开始', '租期開始', 'Lease from'), req),
    f('lease_end', 'date', L('租期结束', '租期結束', 'Lease to'), req),
    f('via_office', 'boolean', L('经管理处出租', '經管理處出租', 'Let through the office')),
    f('agreement_on', 'date', L('租户管理协议书签订日期', '租戶管理協議書簽訂日期', 'Tenant agreement signed on')),
    f('temporary', 'longtext', L('暂住人员（每行：姓名 关系 到达日期 登记日期）', '暫住人員（每行：姓名 關係 到達日期 登記日期）', 'Temporary residents (name relation arrived registered)'), { byAction: 'temporaries' }),
    f('status', 'enum', L('状态', '狀態', 'Status'), { options: ['active', 'closed'], stamped: true }),
    f('ended_on', 'date', L('退租日期', '退租日期', 'Ended on'), { stamped: true }),
    ...DUE_FIELDS,
  ],
  actions: [
    a('sign_agreement', L('签订租户管理协议书', '簽訂租戶管理協議書', 'Sign tenant agreement'), ['active'], { stamp: 'agreement_on' }),
    a('temporaries', L('更新暂住人员', '更新暫住人員', 'Update temporary residents'), ['active'], { accepts: ['temporary'] }),
    a('end', L('退租', '退租', 'End lease'), ['active'], { to: 'closed', stamp: 'ended_on' }),
  ],
};

// 物资搬运放行条 (seed 000 §4.3.2): a tenancy's or key household's unit waits for a supervisor before the gate lets goods out.
const release_passes: RegisterDef = {
  key: 'release_passes',
  label: L('物资放行条', '物資放行條', 'Release passes'),
  idPrefix: 'RP-',
  titleField: 'goods',
  stateField: 'status',
  initialState: 'pending',
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('goods', 'longtext', L('搬出物品', '搬出物品', 'Goods'), req),
    f('carrier', 'text', L('搬运人', '搬運人', 'Carried by'), req),
    f('approval', 'enum', L('确认方式', '確認方式', 'Confirmed by'), { ...req, options: ['owner', 'office'] }),
    f('approved_by', 'text', L('确认人', '確認人', 'Confirmed by (name)'), req),
    f('status', 'enum', L('状态', '狀態', 'Status'), { options: ['pending', 'approved', 'out'], stamped: true }),
    f('approver', 'text', L('审批主管', '審批主管', 'Approved by supervisor'), { stamped: true }),
    f('approved_at', 'datetime', L('审批时间', '審批時間', 'Approved at'), stamp),
    f('out_at', 'datetime', L('放行时间', '放行時間', 'Out at'), stamp),
    ...NOTICE_FIELDS,
  ],
  actions: [
    a('approve', L('主管审批', '主管審批', 'Approve'), ['pending'], { to: 'approved', stamp: 'approved_at', roles: SUPERVISORS }),
    a('out', L('放行', '放行', 'Let out'), ['approved'], { to: 'out', stamp: 'out_at', roles: [...STAFF, 'security'] }),
  ],
};

// 入住手续 (seed 003 ch. 2): one checklist per move-in. Each step is an action stamping `<step>_at`, so the sheet shows when and (updated_by) by whom.
export const MOVE_IN_STEPS: readonly [string, L10n][] = [
  ['docs', L('资料审核', '資料審核', 'Documents checked')],
  ['notice', L('发入住通知书', '發入住通知書', 'Move-in notice')],
  ['contract', L('签物业合同', '簽物業合同', 'Contract signed')],
  ['fees', L('收物业费', '收物業費', 'Fees paid')],
  ['handover', L('交钥匙门禁卡', '交鑰匙門禁卡', 'Keys handed over')],
  ['inspection', L('验房双方签字', '驗房雙方簽字', 'Inspection signed')],
];
const move_ins: RegisterDef = {
  key: 'move_ins',
  label: L('入住手续', '入住手續', 'Move-ins'),
  idPrefix: 'MI-',
  titleField: 'resident',
  fields: [
    f('unit', 'text', L('房号', '房號', 'Unit'), { ...req, unit: true }),
    f('resident', 'text', L('业主/住户', '業主/住戶', 'Resident'), req),
    f('resident_id', 'text', L('住户编号', '住戶編號', 'Resident record')),
    f('move_in_on', 'date', L('入住日期', '入住日期', 'Move-in date'), req),
    ...MOVE_IN_STEPS.map(([k, label]) => f(`${k}_at`, 'datetime', label, stamp)),
    f('keys', 'number', L('钥匙（把）', '鑰匙（把）', 'Keys'), { stamped: true }),
    f('cards', 'number', L('门禁卡（张）', '門禁卡（張）', 'Cards'), { stamped: true }),
    f('note', 'longtext', L('备注', '備註', 'Note')),
    ...DUE_FIELDS,
    ...NOTICE_FIELDS,
  ],
  actions: MOVE_IN_STEPS.map(([k, label]) => a(k, label, ['open'], { stamp: `${k}_at`, ...(k === 'handover' && { needs: ['keys', 'cards'], accepts: ['keys', 'cards'] }) })),
};

// 变更记录: one row per create, edit, action and notice on any register, hash-chained (app/history.ts); the hash leads.
const history: RegisterDef = {
  key: 'history',
  label: L('变更记录', '變更記錄', 'Record history'),
  titleField: 'record_id',
  timeField: 'at',
  appendOnly: true,
  systemOnly: true,
  fields: [
    f('hash', 'text', L('校验值', '校驗值', 'Hash'), { system: true, plainText: true }),
    f('at', 'datetime', L('时间', '時間', 'At')),
    f('register', 'text', L('台账', '台賬', 'Register'), { plainText: true }),
    f('record_id', 'text', L('记录编号', '記錄編號', 'Record'), { plainText: true }),
    f('version', 'number', L('版本', '版本', 'Version')),
    f('by', 'text', L('操作人', '操作人', 'By'), { plainText: true }),
    f('action', 'text', L('操作', '操作', 'Action'), { plainText: true }),
    f('changes', 'longtext', L('变更内容', '變更內容', 'Changes'), { plainText: true }),
  ],
  actions: [],
};

export const REGISTERS: Readonly<Record<RegisterKey, RegisterDef>> = {
  households,
  household_changes,
  care_log,
  complaints,
  violations,
  requests,
  passes,
  duty_log,
  roster,
  roles,
  visitors,
  residents,
  resident_changes,
  outings,
  emergency_entries,
  tenancies,
  release_passes,
  move_ins,
  history,
};

/**
 * Registers with deadline rules: their rows carry 下一期限 (DUE_FIELDS), the scan colours them, and
 * the cards and the to-do list read them. Derived, so a new register with DUE_FIELDS joins them all.
 */
export const DUE_REGISTERS: readonly RegisterKey[] = REGISTER_KEYS.filter((k) => REGISTERS[k].fields.some((f) => f.key === 'due_at'));

/** Registers whose rows carry id/version/created/updated columns. */
export const hasSystemColumns = (def: RegisterDef): boolean => Boolean(def.idPrefix) || def.key === 'roles';

/** Registers whose rows people edit (ids, not append-only): each row carries 指纹, and a cell typed over in the sheet is recorded in 变更记录. */
export const isTracked = (def: RegisterDef): boolean => Boolean(def.idPrefix) && !def.appendOnly && !def.systemOnly;

/** Every column of a register, in sheet order: system columns first, then its own fields. */
const COLUMNS = new WeakMap<RegisterDef, readonly FieldDef[]>();
export function columnsOf(def: RegisterDef): readonly FieldDef[] {
  let cols = COLUMNS.get(def);
  if (!cols) COLUMNS.set(def, (cols = hasSystemColumns(def) ? [...SYSTEM_FIELDS, ...def.fields, ...(isTracked(def) ? [ROW_HASH_FIELD] : [])] : def.fields));
  return cols;
}

/** Roles allowed to run an action; penalties and a major violation's decisions are the manager's. */
export function rolesFor(action: ActionDef): readonly RoleKey[] {
  return action.penalty ? MANAGER : action.roles ?? STAFF;
}

export const isRegisterKey = (k: unknown): k is RegisterKey => typeof k === 'string' && (REGISTER_KEYS as readonly string[]).includes(k);

/**
 * A register's columns in the order a person reads the sheet: the record's number first, then
 * what a clerk fills in, then the state and the times of its steps, then what the add-on keeps
 * (its own working columns, version and stamps, the next due time, links to notices). Columns
 * are found by header wherever they are; setup arranges them in this order.
 */
const SHEET_ORDER = new WeakMap<RegisterDef, readonly FieldDef[]>();
export function sheetColumnsOf(def: RegisterDef): readonly FieldDef[] {
  const hit = SHEET_ORDER.get(def);
  if (hit) return hit;
  const all = columnsOf(def);
  // Registers without ids (duty log, roster) lead with their first field: the sequence number or the date.
  const lead = hasSystemColumns(def) ? all.find((f) => f.key === 'id')! : def.fields[0];
  const stamps = SYSTEM_FIELDS.filter((f) => f !== lead);
  const tail = [...DUE_FIELDS, ...NOTICE_FIELDS, ROW_HASH_FIELD];
  const group = (f: FieldDef): number => {
    if (f === lead) return 0;
    if (tail.includes(f)) return 5;
    if (stamps.includes(f)) return 4;
    if (f.system) return 3;
    if (f.stamped || f.key === def.stateField) return 2;
    return 1;
  };
  // Stable: within a group, the order of the definition.
  const ordered = all.map((f, i) => ({ f, i, g: group(f) })).sort((a, b) => a.g - b.g || a.i - b.i).map((x) => x.f);
  SHEET_ORDER.set(def, ordered);
  return ordered;
}
