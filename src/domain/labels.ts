// Localized labels for every option value in the registers and for the menu, sidebar and messages. Pure.
import { L, L10n, Lang, LANGS } from './types';

type FieldOptions = Record<string, L10n>;

const living: FieldOptions = {
  alone: L('独居', '獨居', 'Lives alone'),
  two: L('两人同住', '兩人同住', 'Two people'),
  three_plus: L('三人及以上', '三人及以上', 'Three or more'),
};

const householdCategories: FieldOptions = {
  tenant: L('租户', '租戶', 'Tenant'),
  criminal_record: L('有犯罪记录', '有犯罪記錄', 'Criminal record'),
  troublemaker: L('习惯性滋事', '習慣性滋事', 'Habitual trouble-maker'),
  bad_credit: L('恶意欠费', '惡意欠費', 'Bad credit'),
  high_risk_illness: L('高危病史', '高危病史', 'High-risk illness'),
  pregnant: L('孕妇', '孕婦', 'Pregnant'),
  elderly_alone: L('独居老人', '獨居老人', 'Elderly living alone'),
  empty_nest: L('空巢老人', '空巢老人', 'Empty-nest elderly'),
  very_old: L('高龄老人', '高齡老人', 'Very old'),
  disabled: L('残疾人', '殘疾人', 'Disabled'),
  child_in_difficulty: L('困境儿童', '困境兒童', 'Child in difficulty'),
  nursing: L('孕产期哺乳期妇女', '孕產期哺乳期婦女', 'Pregnant or nursing mother'),
  low_income: L('低收入家庭', '低收入家庭', 'Low-income family'),
  veteran: L('退役军人及军属', '退役軍人及軍屬', 'Veteran or military family'),
};

const closed = L('已结案', '已結案', 'Closed');
const other = L('其他', '其他', 'Other');

/** register key → field key → option value → label. Covers every option in registers.ts (a test checks). */
export const OPTION_LABELS: Readonly<Record<string, Record<string, FieldOptions>>> = {
  households: {
    categories: householdCategories,
    living,
    status: { active: L('在册', '在冊', 'Active'), inactive: L('已撤销', '已撤銷', 'Inactive') },
  },
  household_changes: {
    change: {
      added: L('新增重点户', '新增重點戶', 'Added'),
      removed: L('撤销重点户', '撤銷重點戶', 'Removed'),
      category_added: L('增加类别', '增加類別', 'Category added'),
      category_removed: L('取消类别', '取消類別', 'Category removed'),
      moved_in: L('迁入', '遷入', 'Moved in'),
      moved_out: L('迁出', '遷出', 'Moved out'),
      updated: L('信息变更', '資料變更', 'Details changed'),
    },
  },
  care_log: {
    kind: {
      visit: L('上门走访', '上門走訪', 'Home visit'),
      call: L('电话问候', '電話問候', 'Phone call'),
      review: L('定期复核', '定期複核', 'Review'),
      screening: L('入住排查', '入住排查', 'Screening'),
      survey: L('全面普查', '全面普查', 'Full survey'),
    },
  },
  complaints: {
    channel: {
      visit: L('来访', '來訪', 'In person'),
      phone: L('电话', '電話', 'Phone'),
      letter: L('信函', '信函', 'Letter'),
      online: L('网上', '網上', 'Online'),
      other,
    },
    class: {
      minor: L('轻微', '輕微', 'Minor'),
      important: L('重要', '重要', 'Important'),
      major: L('重大', '重大', 'Major'),
      invalid: L('无效', '無效', 'Invalid'),
    },
    status: {
      received: L('已受理', '已受理', 'Received'),
      dispatched: L('已派单', '已派單', 'Dispatched'),
      in_progress: L('处理中', '處理中', 'In progress'),
      resolved: L('已处理完毕', '已處理完畢', 'Resolved'),
      notified: L('已告知投诉人', '已告知投訴人', 'Complainant told'),
      visited: L('已回访', '已回訪', 'Visited'),
      closed,
    },
  },
  violations: {
    category: {
      decoration: L('装修违章', '裝修違章', 'Decoration'),
      fire: L('消防违章', '消防違章', 'Fire safety'),
      hygiene: L('环境卫生/公共道德', '環境衛生/公共道德', 'Hygiene and public order'),
      security: L('治安违章', '治安違章', 'Public security'),
      fees: L('拒交管理费', '拒交管理費', 'Refusing fees'),
      other: L('其他违章', '其他違章', 'Other'),
    },
    severity: { general: L('一般', '一般', 'General'), major: L('重大', '重大', 'Major') },
    step: {
      reported: L('已登记', '已登記', 'Reported'),
      educated: L('已劝导', '已勸導', 'Persuaded'),
      rectification_ordered: L('限期整改中', '限期整改中', 'Rectification ordered'),
      rectified: L('已整改', '已整改', 'Rectified'),
      compensation: L('责令赔偿', '責令賠償', 'Compensation ordered'),
      cut_notice_served: L('已送达停水停电通知', '已送達停水停電通知', 'Cut notice served'),
      cut: L('已停水停电', '已停水停電', 'Supply cut'),
      restored: L('已恢复供应', '已恢復供應', 'Supply restored'),
      publicized: L('已通报批评', '已通報批評', 'Publicly named'),
      legal: L('仲裁/诉讼中', '仲裁/訴訟中', 'In arbitration / court'),
      closed,
    },
  },
  requests: {
    type: {
      medical: L('急病救助', '急病救助', 'Medical emergency'),
      repair: L('报修', '報修', 'Repair'),
      complaint: L('投诉', '投訴', 'Complaint'),
      enquiry: L('咨询', '諮詢', 'Enquiry'),
      written_enquiry: L('书面咨询', '書面諮詢', 'Written enquiry'),
      crime: L('治安/意外事件', '治安/意外事件', 'Crime or accident'),
      disaster: L('灾害险情', '災害險情', 'Disaster'),
      other: L('其他求助', '其他求助', 'Other help'),
    },
  },
  passes: {
    role: {
      nanny: L('保姆', '保姆', 'Nanny'),
      hourly_worker: L('钟点工', '鐘點工', 'Hourly worker'),
      tutor: L('家教', '家教', 'Tutor'),
      other,
    },
  },
  duty_log: {
    kind: {
      entry: L('值班记录', '值班記錄', 'Entry'),
      handover: L('交接班', '交接班', 'Handover'),
      signoff: L('主管签阅', '主管簽閱', 'Supervisor sign-off'),
      correction: L('更正', '更正', 'Correction'),
    },
  },
  roster: {
    shift: {
      night: L('夜班', '夜班', 'Night shift'),
      full_day: L('全天班', '全天班', 'Full day'),
    },
  },
  roles: {
    roles: {
      clerk: L('客服/值班员', '客服/值班員', 'Clerk / duty officer'),
      supervisor: L('客服主管', '客服主管', 'Supervisor'),
      manager: L('管理处经理', '管理處經理', 'Manager'),
      security: L('秩序维护部', '秩序維護部', 'Security'),
      department: L('责任部门', '責任部門', 'Department'),
    },
  },
};

/** Other words people type for an option (older sheets, the seeds' own wording). */
const ALIASES: Readonly<Record<string, Record<string, Record<string, readonly string[]>>>> = {
  households: {
    categories: {
      tenant: ['租赁户', '租賃戶'],
      criminal_record: ['犯罪记录', '犯罪記錄'],
      bad_credit: ['恶意欠费/被起诉', '被起诉'],
      pregnant: ['临产孕妇'],
      nursing: ['哺乳期妇女'],
      veteran: ['退役军人', '军属'],
    },
  },
  complaints: { class: { minor: ['轻微投诉'], important: ['重要投诉'], major: ['重大投诉'], invalid: ['无效投诉'] } },
};

/** The label of an option in a language; an unknown value is shown as it is. */
export function optionLabel(register: string, field: string, value: string, lang: Lang): string {
  return OPTION_LABELS[register]?.[field]?.[value]?.[lang] ?? value;
}

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The option value a typed cell means: the key itself, its label in any language, or a known alias.
 * Null when the text matches nothing (the caller reports it).
 */
export function optionFromLabel(register: string, field: string, text: string): string | null {
  const options = OPTION_LABELS[register]?.[field];
  if (!options || typeof text !== 'string') return null;
  const wanted = norm(text);
  if (!wanted) return null;
  for (const [value, label] of Object.entries(options)) {
    if (norm(value) === wanted) return value;
    if (LANGS.some((lang) => norm(label[lang]) === wanted)) return value;
  }
  const aliases = ALIASES[register]?.[field] ?? {};
  for (const [value, words] of Object.entries(aliases)) {
    if (words.some((w) => norm(w) === wanted)) return value;
  }
  return null;
}

/** Sidebar, menu and message strings. `{name}` marks a parameter filled by t(). */
export const UI_TEXT: Readonly<Record<string, L10n>> = {
  // Menu
  'menu.title': L('物业台账', '物業台賬', 'Estate registers'),
  'menu.open_form': L('打开登记表单', '打開登記表單', 'Open the form'),
  'menu.setup': L('初始化台账', '初始化台賬', 'Set up the registers'),
  'menu.install_triggers': L('安装提醒', '安裝提醒', 'Install reminders'),
  'menu.uninstall_triggers': L('卸载提醒', '卸載提醒', 'Remove reminders'),
  'menu.verify_log': L('核验值班记录', '核驗值班記錄', 'Verify the duty log'),
  'menu.notice': L('生成文书', '生成文書', 'Generate a notice'),

  // Sidebar
  'ui.title': L('物业台账登记', '物業台賬登記', 'Estate registers'),
  'ui.register': L('台账', '台賬', 'Register'),
  'ui.todo': L('待办（逾期和今天到期）', '待辦（逾期和今天到期）', 'To do (late and due today)'),
  'ui.todo_empty': L('没有逾期或今天到期的事项', '沒有逾期或今天到期的事項', 'Nothing late or due today'),
  'ui.todo_summary': L('逾期 {late} 项，今天到期 {soon} 项', '逾期 {late} 項，今天到期 {soon} 項', '{late} late, {soon} due today'),
  'ui.todo_go': L('去登记', '去登記', 'Record it'),
  'ui.new_record': L('新登记', '新登記', 'New entry'),
  'ui.submit': L('提交登记', '提交登記', 'Save entry'),
  'ui.saving': L('正在保存…', '正在儲存…', 'Saving…'),
  'ui.loading': L('正在加载…', '正在載入…', 'Loading…'),
  'ui.saved': L('已登记，编号 {id}', '已登記，編號 {id}', 'Saved as {id}'),
  'ui.records': L('最近记录', '最近記錄', 'Recent records'),
  'ui.open_only': L('只看未结', '只看未結', 'Open only'),
  'ui.search': L('搜索', '搜尋', 'Search'),
  'ui.no_records': L('暂无记录', '暫無記錄', 'No records'),
  'ui.refresh': L('刷新', '重新整理', 'Refresh'),
  'ui.cancel': L('取消', '取消', 'Cancel'),
  'ui.confirm': L('确定', '確定', 'Confirm'),
  'ui.action_done': L('{action}：已完成（{id}）', '{action}：已完成（{id}）', '{action}: done ({id})'),
  'ui.action_at': L('发生时间（不填为现在）', '發生時間（不填為現在）', 'When (blank = now)'),
  'ui.system_only': L('此台账由系统自动写入，不能手工登记。', '此台賬由系統自動寫入，不能手工登記。', 'The system writes this register; it has no form.'),
  'ui.more': L('后续处理时填写的项目', '後續處理時填寫的項目', 'Filled in later, as the case goes on'),
  'ui.read_only': L('您对此台账只有查看权限。', '您對此台賬只有檢視權限。', 'You can view this register but not add to it.'),
  'ui.required_mark': L('必填', '必填', 'required'),
  'ui.sensitive': L('敏感信息：仅限内部使用，不得写入邮件或文书。', '敏感資料：僅限內部使用，不得寫入郵件或文書。', 'Sensitive: internal only, never in an email or a notice.'),
  'ui.principles': L(
    '先劝导教育，后处罚；处罚须经理签批；处理后注意修复关系。',
    '先勸導教育，後處罰；處罰須經理簽批；處理後注意修復關係。',
    'Persuade first, penalise last, only with the manager’s signature — and mend the relationship afterwards.',
  ),
  'ui.penalty': L('处罚（须经理）', '處罰（須經理）', 'Penalty (manager only)'),
  'ui.user': L('当前用户：{name}', '目前使用者：{name}', 'Signed in as {name}'),
  'ui.yes': L('是', '是', 'Yes'),
  'ui.no': L('否', '否', 'No'),
  'ui.choose': L('请选择', '請選擇', 'Choose'),
  'ui.state': L('状态', '狀態', 'State'),

  // Notices
  'notice.button': L('生成文书', '生成文書', 'Notice'),
  'notice.template': L('文书模板', '文書範本', 'Template'),
  'notice.preview': L('预览', '預覽', 'Preview'),
  'notice.generate': L('生成', '生成', 'Generate'),
  'notice.open_doc': L('打开文档', '開啟文件', 'Open the Doc'),
  'notice.open_pdf': L('打开 PDF', '開啟 PDF', 'Open the PDF'),
  'notice.none': L('当前状态没有可用的文书', '目前狀態沒有可用的文書', 'No notice fits this record’s state'),
  'notice.selected_title': L('表格中选中的记录', '表格中選取的記錄', 'The record selected in the sheet'),
  'notice.selected': L('为 {id}（{title}）生成文书', '為 {id}（{title}）生成文書', 'Notice for {id} ({title})'),

  // Duty log
  'duty.title': L('值班记录', '值班記錄', 'Duty log'),
  'duty.kind': L('类型', '類型', 'Kind'),
  'duty.text': L('内容', '內容', 'Text'),
  'duty.add': L('写入记录', '寫入記錄', 'Add entry'),
  'duty.corrects': L('更正第几条', '更正第幾條', 'Corrects entry no.'),
  'duty.incoming': L('接班人', '接班人', 'Incoming officer'),
  'duty.open_items': L('未完事项', '未完事項', 'Open items'),
  'duty.signoff': L('主管签阅', '主管簽閱', 'Sign off'),
  'duty.signed_off': L('已签阅', '已簽閱', 'Signed off'),
  'duty.entries': L('待签阅的记录', '待簽閱的記錄', 'Entries to sign off'),
  'duty.no_entries': L('暂无值班记录', '暫無值班記錄', 'No entries'),
  'duty.append_only': L(
    '值班记录只能追加，不能修改或删除；写错了请写一条更正记录。',
    '值班記錄只能追加，不能修改或刪除；寫錯了請寫一條更正記錄。',
    'The duty log is append-only: to fix a mistake, add a correction.',
  ),

  // Roster
  'roster.title': L('值班安排表', '值班安排表', 'Duty roster'),
  'roster.hint': L(
    '按设置中的值班时间和节假日排班：本月还没排就先排本月，否则排下月；已有安排的月份不会被覆盖。',
    '按設定中的值班時間和節假日排班：本月還沒排就先排本月，否則排下月；已有安排的月份不會被覆蓋。',
    'Fills this month if it is still empty, else next month, from the duty hours and holidays in Settings; a month that already has rows is never overwritten.',
  ),
  'roster.fill': L('生成值班表', '生成值班表', 'Fill the roster'),
  'roster.swap': L('换班', '換班', 'Swap a shift'),
  'roster.swap_date': L('日期', '日期', 'Date'),
  'roster.swap_shift': L('班次', '班次', 'Shift'),
  'roster.swap_officer': L('换成（姓名或邮箱）', '換成（姓名或郵箱）', 'New officer (name or email)'),
  'roster.swap_do': L('登记换班', '登記換班', 'Record the swap'),
  'roster.swapped': L('{date} {shift}：{from} 换为 {to}，{by} 批准', '{date} {shift}：{from} 換為 {to}，{by} 批准', '{date} {shift}: {from} swapped for {to}, approved by {by}'),
  'roster.filled': L('已生成 {year} 年 {month} 月值班表，共 {count} 个班次', '已生成 {year} 年 {month} 月值班表，共 {count} 個班次', 'Roster for {month}/{year} filled: {count} shifts'),

  // State words for registers that have no state field
  'state.open': L('未结', '未結', 'Open'),
  'state.closed': L('已结', '已結', 'Closed'),
  'state.returned': L('已退卡', '已退卡', 'Returned'),

  // Validation and errors
  'err.required': L('必填', '必填', 'Required'),
  'err.format': L('格式不对', '格式不對', 'Wrong format'),
  'err.future': L('不能晚于当前时间', '不能晚於目前時間', 'Cannot be in the future'),
  'err.number': L('请输入数字', '請輸入數字', 'Enter a number'),
  'err.email': L('邮箱格式不对', '郵箱格式不對', 'Not an email address'),
  'err.option': L('请从选项中选择', '請從選項中選擇', 'Choose one of the options'),
  'err.too_long': L('内容过长', '內容過長', 'Too long'),
  'err.invalid': L('填写有误，请检查标出的项目', '填寫有誤，請檢查標出的項目', 'Please check the marked fields'),
  'err.forbidden': L('无权操作', '無權操作', 'You are not allowed to do this'),
  'err.conflict': L('记录已被他人修改，请刷新后再试', '記錄已被他人修改，請重新整理後再試', 'Someone else changed this record; refresh and try again'),
  'err.precondition': L('当前状态不能进行此操作', '目前狀態不能進行此操作', 'Not possible in the record’s current state'),
  'err.not_found': L('找不到该记录', '找不到該記錄', 'Record not found'),
  'err.busy': L('系统繁忙，请稍后再试', '系統繁忙，請稍後再試', 'Busy; try again in a moment'),
  'err.not_setup': L('台账尚未初始化，请先在菜单中选择“初始化台账”', '台賬尚未初始化，請先在選單中選擇「初始化台賬」', 'The registers are not set up yet: use “Set up the registers” first'),
  'err.quota': L('今日邮件额度已用完', '今日郵件額度已用完', 'Today’s email quota is used up'),
  'err.internal': L('出现意外错误，请稍后再试或联系管理员', '出現意外錯誤，請稍後再試或聯絡管理員', 'Something went wrong; try again or ask the administrator'),
  'err.network': L('无法连接服务器：{message}', '無法連接伺服器：{message}', 'Could not reach the server: {message}'),

  // Messages from menu actions
  'msg.setup_done': L('台账已初始化', '台賬已初始化', 'The registers are set up'),
  'msg.archived': L('已将 {count} 条超过保存期限的值班记录移入归档', '已將 {count} 條超過保存期限的值班記錄移入歸檔', '{count} duty-log entries past retention moved to the archive'),
  'menu.archive_log': L('归档过期值班记录', '歸檔過期值班記錄', 'Archive old duty-log entries'),
  'menu.self_check': L('自检', '自檢', 'Self-check'),
  'menu.confirm_roles': L('确认人员权限', '確認人員權限', 'Confirm roles'),
  'menu.import': L('导入旧台账', '匯入舊台賬', 'Import an old register'),
  'msg.triggers_installed': L('提醒已安装', '提醒已安裝', 'Reminders installed'),
  'msg.triggers_removed': L('提醒已卸载', '提醒已卸載', 'Reminders removed'),
  'msg.log_ok': L('值班记录完整，共 {count} 条', '值班記錄完整，共 {count} 條', 'The duty log is intact ({count} entries)'),
  'msg.log_broken': L('值班记录第 {seq} 条校验不符，可能被改动', '值班記錄第 {seq} 條校驗不符，可能被改動', 'Duty log entry {seq} fails its check: it may have been altered'),

  // Record cards, feedback and the full-size notice preview
  'card.due': L('期限 {at}', '期限 {at}', 'due {at}'),
  'notice.fullscreen': L('全屏预览', '全螢幕預覽', 'Full-size preview'),
  'notice.preview_first': L('先预览，确认无误后才能生成', '先預覽，確認無誤後才能生成', 'Preview first; you can generate once the preview is right'),
  'notice.preview_refused': L('预览未通过，不能生成：请先按上面的提示处理', '預覽未通過，不能生成：請先按上面的提示處理', 'The preview was refused, so it cannot be generated: deal with the message above first'),
  'duty.added': L('已写入值班记录', '已寫入值班記錄', 'Added to the duty log'),
  // Editing a record from its card
  'edit.button': L('编辑', '編輯', 'Edit'),
  'edit.title': L('编辑 {id}', '編輯 {id}', 'Edit {id}'),
  'edit.save': L('保存修改', '儲存修改', 'Save changes'),
  'edit.saved': L('已保存修改（{id}）', '已儲存修改（{id}）', 'Changes saved ({id})'),
  'edit.nothing': L('没有改动，无需保存', '沒有改動，無需儲存', 'Nothing changed'),
  'edit.masked_hint': L('为保护隐私只显示部分号码；不改请留空，要更换请输入完整号码', '為保護私隱只顯示部分號碼；不改請留空，要更換請輸入完整號碼', 'Shown masked for privacy; leave blank to keep it, or type the full new number'),
  'edit.sensitive_hint': L('原有内容不在此显示；留空则不变，填写则替换原内容', '原有內容不在此顯示；留空則不變，填寫則取代原內容', 'The current text is not shown; leave blank to keep it, or type to replace it'),
  'edit.conflict': L('您保存前，这条记录已被他人修改。下面是您的填写 → 现在保存的内容：', '您儲存前，這條記錄已被他人修改。下面是您的填寫 → 現在儲存的內容：', 'Someone changed this record before you saved. Your entry → what is stored now:'),
  'edit.conflict_other': L('改动在表单以外（如处理进度），重新载入后再保存即可', '改動在表單以外（如處理進度），重新載入後再儲存即可', 'The change is outside this form (such as its progress); reload, then save again'),
  'edit.reload': L('重新载入', '重新載入', 'Reload'),
  'edit.reloaded': L('已载入最新内容，请核对后再保存', '已載入最新內容，請核對後再儲存', 'The latest is loaded; check it and save again'),
  'edit.blank': L('（空）', '（空）', '(blank)'),
  'pick.household_search': L('按房号或姓名查找', '按房號或姓名查找', 'Find by unit or name'),
  'pick.no_household': L('没有匹配的重点户', '沒有匹配的重點戶', 'No matching key household'),
  'pick.rostered': L('{name}（今晚值班）', '{name}（今晚值班）', '{name} (on duty tonight)'),
  'menu.batch_fee_reminders': L('批量生成催缴函', '批量產生催繳函', 'Payment reminders for all arrears'),
};

/** Fills `{name}` placeholders; a missing parameter leaves the placeholder visible rather than hiding it. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A UI string in a language; an unknown key comes back as itself so a gap is visible, not blank. */
export function t(key: string, lang: Lang, params?: Record<string, string | number>): string {
  const text = UI_TEXT[key]?.[lang] ?? key;
  return fill(text, params);
}

/** UI_TEXT flattened to one language, as the server hands it to the sidebar. */
export function uiTextFor(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, l10n] of Object.entries(UI_TEXT)) out[key] = l10n[lang];
  return out;
}

/** An id as a reader says it: a duty-log handover's '2026-11-23/night' is '2026-11-23 夜班'. */
export function spokenId(register: string, id: string, lang: Lang): string {
  const m = register === 'duty_log' ? /^(\d{4}-\d{2}-\d{2})\/(\w+)$/.exec(id) : null;
  return m ? `${m[1]} ${optionLabel('roster', 'shift', m[2]!, lang)}` : id;
}
