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
  visitors: { id_type: { id_card: L('身份证', '身份證', 'ID card'), passport: L('护照', '護照', 'Passport'), other } },
  residents: {
    tenure: { owner: L('业主', '業主', 'Owner'), tenant: L('租户', '租戶', 'Tenant') },
    status: { living: L('在住', '在住', 'Living'), moved_out: L('已迁出', '已遷出', 'Moved out') },
  },
  resident_changes: {
    change: {
      added: L('新登记', '新登記', 'Registered'),
      members: L('同住人员变更', '同住人員變更', 'Members changed'),
      renamed: L('户主更名', '戶主更名', 'Name changed'),
      moved_out: L('迁出', '遷出', 'Moved out'),
      updated: L('信息变更', '資料變更', 'Details changed'),
    },
  },
  tenancies: { status: { active: L('在租', '在租', 'Let'), closed: L('已退租', '已退租', 'Ended') } },
  release_passes: {
    approval: { owner: L('业主确认', '業主確認', 'Owner'), office: L('管理处核准', '管理處核准', 'Office') },
    status: { pending: L('待主管审批', '待主管審批', 'Awaiting approval'), approved: L('待放行', '待放行', 'Ready'), out: L('已放行', '已放行', 'Out') },
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
  // The key and the zh-Hans label first: the other languages' labels are read from a file when first asked for (scripts/texts.cjs).
  for (const [value, label] of Object.entries(options)) if (norm(value) === wanted || norm(label['zh-Hans']) === wanted) return value;
  for (const [value, label] of Object.entries(options)) if (LANGS.some((lang) => norm(label[lang]) === wanted)) return value;
  const aliases = ALIASES[register]?.[field] ?? {};
  for (const [value, words] of Object.entries(aliases)) {
    if (words.some((w) => norm(w) === wanted)) return value;
  }
  return null;
}

/** Menu and message strings the server says itself; the sidebar's own strings are in ui/text.ts. `{name}` marks a parameter filled by t(). */
export const SERVER_TEXT: Readonly<Record<string, L10n>> = {
  'menu.title': L('物业台账', '物業台賬', 'Estate registers'),
  'menu.open_form': L('打开登记表单', '打開登記表單', 'Open the form'),
  'menu.setup': L('初始化台账', '初始化台賬', 'Set up the registers'),
  'menu.install_triggers': L('安装提醒', '安裝提醒', 'Install reminders'),
  'menu.uninstall_triggers': L('卸载提醒', '卸載提醒', 'Remove reminders'),
  'menu.verify_log': L('核验值班记录和归档', '核驗值班記錄和歸檔', 'Verify the duty log and archives'),
  'menu.notice': L('生成文书', '生成文書', 'Generate a notice'),
  'ui.title': L('物业台账登记', '物業台賬登記', 'Estate registers'),
  'msg.setup_done': L('台账已初始化', '台賬已初始化', 'The registers are set up'),
  'msg.archived': L('已将 {count} 条超过保存期限的值班记录移入归档', '已將 {count} 條超過保存期限的值班記錄移入歸檔', '{count} duty-log entries past retention moved to the archive'),
  'menu.archive_log': L('归档过期记录', '歸檔過期記錄', 'Archive records past retention'),
  'menu.self_check': L('自检', '自檢', 'Self-check'),
  'menu.confirm_roles': L('确认人员权限', '確認人員權限', 'Confirm roles'),
  'menu.import': L('导入旧台账', '匯入舊台賬', 'Import an old register'),
  'msg.triggers_installed': L('提醒已安装', '提醒已安裝', 'Reminders installed'),
  'msg.triggers_removed': L('提醒已卸载', '提醒已卸載', 'Reminders removed'),
  'msg.log_ok': L('值班记录完整，共 {count} 条', '值班記錄完整，共 {count} 條', 'The duty log is intact ({count} entries)'),
  'msg.log_broken': L('值班记录第 {seq} 条校验不符，可能被改动', '值班記錄第 {seq} 條校驗不符，可能被改動', 'Duty log entry {seq} fails its check: it may have been altered'),
  'menu.batch_fee_reminders': L('批量生成催缴函', '批量產生催繳函', 'Payment reminders for all arrears'),
};

/** Fills `{name}` placeholders; a missing parameter leaves the placeholder visible rather than hiding it. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A UI string in a language; an unknown key comes back as itself so a gap is visible, not blank. */
export function t(key: string, lang: Lang, params?: Record<string, string | number>): string {
  const text = SERVER_TEXT[key]?.[lang] ?? key;
  return fill(text, params);
}

/** An id as a reader says it: a duty-log handover's '2026-11-23/night' is '2026-11-23 夜班'. */
export function spokenId(register: string, id: string, lang: Lang): string {
  const m = register === 'duty_log' ? /^(\d{4}-\d{2}-\d{2})\/(\w+)$/.exec(id) : null;
  return m ? `${m[1]} ${optionLabel('roster', 'shift', m[2]!, lang)}` : id;
}
