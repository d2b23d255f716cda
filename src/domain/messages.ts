// Server messages (errors and results) in the three office languages.
import { L, L10n, Lang } from './types';

export const MESSAGES = {
  required: L('必填', '必填', 'Required'),
  not_text: L('应为文字', '應為文字', 'Must be text'),
  too_long: L('内容过长（最多 {max} 字）', '內容過長（最多 {max} 字）', 'Too long (at most {max} characters)'),
  not_number: L('应为数字', '應為數字', 'Must be a number'),
  not_boolean: L('应为是或否', '應為是或否', 'Must be yes or no'),
  not_email: L('邮箱格式不对', '郵箱格式不對', 'Not a valid email address'),
  not_phone: L(
    '请填写电话号码，只用数字，可带 +、-、空格、括号或“转”分机号',
    '請填寫電話號碼，只用數字，可帶 +、-、空格、括號或「轉」分機號',
    'Enter a phone number: digits only, with +, -, spaces, brackets or an extension if needed',
  ),
  bad_option: L('不在可选范围内', '不在可選範圍內', 'Not one of the allowed values'),
  bad_list: L('应从列表中选择', '應從列表中選擇', 'Choose from the list'),
  bad_date: L('日期格式不对（年-月-日）', '日期格式不對（年-月-日）', 'Not a valid date (YYYY-MM-DD)'),
  bad_datetime: L('时间格式不对', '時間格式不對', 'Not a valid date and time'),
  date_range: L('日期须在 1901 年至 9999 年之间', '日期須在 1901 年至 9999 年之間', 'The date must be between 1901 and 9999'),
  bad_chars: L(
    '含有无法保存的控制字符或特殊字符（如回车符、U+FFFF），请删除后再试',
    '含有無法保存的控制字元或特殊字元（如歸位字元、U+FFFF），請刪除後再試',
    'Contains a control or special character that cannot be saved (such as a carriage return or U+FFFF); remove it and try again',
  ),
  leading_apostrophe: L(
    "开头不能是英文单引号 '（表格会把它当作格式符号去掉），可改用中文引号 ‘",
    "開頭不能是英文單引號 '（試算表會把它當作格式符號去掉），可改用中文引號 ‘",
    "Cannot start with an apostrophe ' (Sheets treats it as a format mark and drops it); use ‘ instead",
  ),
  future: L('不能晚于当前时间', '不能晚於當前時間', 'Cannot be in the future'),
  duplicate: L('已有这条记录', '已有這條記錄', 'This one is already there'),
  unknown_field: L('没有这个栏目', '沒有這個欄目', 'No such field'),
  not_editable: L('此栏目由系统填写', '此欄目由系統填寫', 'This field is filled in by the system'),
  invalid_input: L('填写有误，请检查标出的栏目', '填寫有誤，請檢查標出的欄目', 'Some fields need attention'),
  unknown_register: L('没有这个台账', '沒有這個台賬', 'No such register'),
  unknown_action: L('没有这个操作', '沒有這個操作', 'No such action'),
  not_found: L('找不到这条记录', '找不到這條記錄', 'Record not found'),
  forbidden: L('您没有权限进行此操作', '您沒有權限進行此操作', 'You are not allowed to do this'),
  penalty_manager: L('处罚决定须由管理处经理作出', '處罰決定須由管理處經理作出', 'Only the office manager may decide a penalty'),
  evidence_roles: L('证据包只能由主管或管理处经理生成', '證據包只能由主管或管理處經理產生', 'Only a supervisor or the office manager may generate an evidence pack'),
  major_manager: L('重大违章由管理处经理处理', '重大違章由管理處經理處理', 'Major violations are decided by the office manager'),
  conflict: L('记录已被他人修改，请刷新后再试', '記錄已被他人修改，請重新整理後再試', 'Someone else changed this record; reload and try again'),
  bad_state: L('当前状态下不能进行此操作', '目前狀態下不能進行此操作', 'This action is not possible in the current state'),
  busy: L('台账正忙，请稍后再试', '台賬正忙，請稍後再試', 'The workbook is busy; try again shortly'),
  no_book: L(
    '手机网页版打不开台账：Google 没有把表格交给网页版，而台账只申请了访问当前表格的权限。请管理处经理在表格里运行“自检”，按说明处理',
    '手機網頁版打不開台賬：Google 沒有把表格交給網頁版，而台賬只申請了存取目前表格的權限。請管理處經理在表格裡執行「自檢」，按說明處理',
    'The phone page cannot reach the workbook: Google gave the web app no spreadsheet, and the registers only ask for access to the current one. Ask the office manager to run Self-check in the workbook',
  ),
  not_setup: L('台账尚未初始化，请先运行“初始化台账”', '台賬尚未初始化，請先執行「初始化台賬」', 'The workbook is not set up yet; run “Set up registers” first'),
  no_email: L(
    'Google 没有告诉台账您是谁，所以不能记录。请用与管理处同一单位（Workspace 域）的账号登录 Google 后重新打开表格；仍不行请联系管理处经理',
    'Google 沒有告訴台賬您是誰，所以不能記錄。請用與管理處同一單位（Workspace 網域）的帳號登入 Google 後重新開啟表格；仍不行請聯絡管理處經理',
    "Google did not tell the registers who you are, so nothing can be recorded. Sign in to Google with an account in the office's Workspace domain and reopen the workbook; if that fails, ask the office manager",
  ),
  not_registered: L('您不在人员权限表中，请联系管理处经理', '您不在人員權限表中，請聯絡管理處經理', 'You are not in the Roles tab; ask the office manager'),
  same_class: L('新类别与原类别相同，无需重新定级', '新類別與原類別相同，無需重新定級', 'The new class is the same as the old one'),
  fees_only: L('停水停电只适用于拒交管理费的情况', '停水停電只適用於拒交管理費的情況', 'A supply cut applies to fee arrears only'),
  append_only: L('此台账只能追加，不能修改', '此台賬只能追加，不能修改', 'This register is append-only'),
  system_register: L('此台账由系统填写', '此台賬由系統填寫', 'This register is written by the system'),
  drive_folder_refused: L(
    '无法在“设置”中指定的云端硬盘文件夹里保存文书：本插件只能使用它自己建立的文件夹。请清空“设置”中的“云端硬盘文件夹 ID”，之后每位同事的文书存入各自的文件夹，并自动共享给全体员工。',
    '無法在「設定」中指定的雲端硬碟資料夾裡儲存文書：本外掛只能使用它自己建立的資料夾。請清空「設定」中的「雲端硬碟資料夾 ID」，之後每位同事的文書存入各自的資料夾，並自動共用給全體員工。',
    'The notice could not be saved in the Drive folder set in Settings: the add-on can only use folders it created itself. Clear “Drive folder ID” in Settings; each colleague’s notices then go to their own folder, shared with all staff.',
  ),
  notice_photos_dropped: L(
    'Google 文档没有收下文书里的照片，文书没有生成，记录未改动。请不选照片再生成，并请经理运行“自检”查看“文书里的照片”一项',
    'Google 文件沒有收下文書裡的照片，文書沒有產生，記錄未改動。請不選照片再產生，並請經理執行「自檢」查看「文書裡的照片」一項',
    'Google Docs dropped the photos from the notice, so it was not made and the record is unchanged. Generate it without photos, and ask the manager to run Self-check (Photos in notices)',
  ),
  pdf_unreadable: L(
    '云端硬盘导出的 PDF 不完整，文书未保存，记录未改动。请稍后重试；如仍不行，请联系管理员。',
    '雲端硬碟匯出的 PDF 不完整，文書未儲存，記錄未改動。請稍後重試；如仍不行，請聯絡管理員。',
    'Drive exported an incomplete PDF; the notice was not saved and the record is unchanged. Try again later; if it keeps happening, contact the administrator.',
  ),
  internal: L('出现意外错误，已记录，请稍后再试', '出現意外錯誤，已記錄，請稍後再試', 'Something went wrong; it has been logged, try again'),
} satisfies Record<string, L10n>;

export type MessageKey = keyof typeof MESSAGES;

export function msg(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
