// The shapes the sidebar receives from the server entry points (JSON only: dates are ISO strings).

export type FieldType = 'text' | 'longtext' | 'datetime' | 'date' | 'enum' | 'list' | 'number' | 'boolean' | 'email';

export interface OptionInfo {
  value: string;
  label: string;
}

export interface FieldInfo {
  key: string;
  type: FieldType;
  label: string;
  required?: boolean;
  options?: OptionInfo[];
  /** A unit number: offer the households' units. */
  unit?: boolean;
  past?: boolean;
  stamped?: boolean;
  system?: boolean;
  sensitive?: boolean;
  /** A phone number: a tel input, phone-shaped only. */
  phone?: boolean;
  /** Shown masked in the edit form (phones, ID numbers); sent only when retyped. */
  masked?: boolean;
  /** Picked from getPickers' lists instead of typed. */
  picker?: 'department' | 'household' | null;
  /** Changed only by this action, so the edit form leaves it out. */
  byAction?: string | null;
}

export interface ActionInfo {
  key: string;
  label: string;
  from: string[];
  needs: string[];
  accepts: string[];
  penalty?: boolean;
  allowed?: boolean;
}

export interface RegisterInfo {
  key: string;
  label: string;
  idPrefix?: string | null;
  systemOnly?: boolean;
  appendOnly?: boolean;
  stateField?: string | null;
  titleField: string;
  /** False when this user may not add records here (e.g. only a manager edits Roles). */
  canCreate?: boolean;
  /** True when this user may edit its records from the sidebar. */
  canEdit?: boolean;
  fields: FieldInfo[];
  actions: ActionInfo[];
}

export interface UserInfo {
  email: string;
  name: string;
  roles: string[];
}

export interface RegistersInfo {
  ok: true;
  lang: string;
  timeZone: string;
  now: string;
  /** False until 初始化台账 has run on this workbook. */
  setUp?: boolean;
  user: UserInfo;
  registers: RegisterInfo[];
  units: string[];
  /** Filled in by the sidebar from ui/text.ts for `lang`; the server does not send it. */
  text: Record<string, string>;
  /** The office details setup asks for (printed on every notice), while any is missing. */
  office?: { message: string; button: string; canFill: boolean; fields: { key: string; label: string }[] } | null;
}

export type Display = string | number | boolean | string[] | null;

export interface RecordInfo {
  id: string;
  version: number;
  state: string;
  title: string;
  at: string | null;
  actions: string[];
  fields: Record<string, Display>;
  /** What names a record without an id (a roster row: "2026-11-30 夜班"); '' otherwise. */
  label?: string;
  /** findRecords: the record's next deadline, coloured by how late it is. */
  next?: CardDeadline | null;
}

export interface CardDeadline {
  due: string;
  rule: string;
  what: string;
  tone: 'red' | 'amber' | 'later';
  when: string;
}

export interface Failure {
  ok: false;
  code: string;
  message: string;
  fieldErrors?: Record<string, string>;
}

export type Reply<T extends object> = ({ ok: true } & T) | Failure;

export interface DutyEntry {
  seq: number;
  at: string;
  officer: string;
  kind: string;
  text: string;
  corrects?: number | string | null;
}

export interface DutyDay {
  entries: DutyEntry[];
  canSignOff: boolean;
}

export interface NoticeTemplates {
  templates: OptionInfoKeyed[];
}
export interface OptionInfoKeyed {
  key: string;
  label: string;
}
export interface NoticeResult {
  docUrl: string;
  pdfUrl: string;
  previewHtml: string;
  /** 文书模板 rows this notice could not use (the built-in text was used), one message each. */
  warnings?: string[];
}

/** getSelectedRecord: the record on the row selected in the sheet, if it is one the sidebar can act on. */
export interface SelectedRecord {
  record: { register: string; id: string } | null;
}

/** fillRoster: the month it filled (YYYY-MM) and how many shifts it wrote. */
export interface RosterFilled {
  month: string;
  count: number;
  /** Set when the month's year has no public holidays in Settings. */
  warning?: string;
}

/** getTodo: what is late or due within the day for this user, latest first. */
export interface TodoItem {
  register: string;
  id: string;
  label: string;
  rule: string;
  what: string;
  unit: string;
  title: string;
  due: string;
  tone: 'red' | 'amber';
  when: string;
  clear: { kind: 'action'; action: string } | { kind: 'care'; careKind: string } | { kind: 'duty' } | { kind: 'roster' } | { kind: 'none' };
}
export interface Todo {
  now: string;
  overdue: number;
  items: TodoItem[];
}

/** getPickers: choices offered instead of free text (names and units only). */
export interface Pickers {
  departments: string[];
  officers: { value: string; label: string; rostered?: boolean }[];
  households: { id: string; unit: string; name: string }[];
}

/** getEditable: a record for the edit form; masked fields come only as their masked text. */
export interface Editable {
  id: string;
  version: number;
  values: Record<string, Display>;
  masked: Record<string, string>;
}
