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
