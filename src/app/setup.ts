// setupWorkbook: creates every register tab, Settings and Roles; run again, it only adds what is missing.
import { Book, TABS } from './book';
import { guarded } from './guarded';
import type { ColumnSpec, Ports, TabSpec } from '../ports';
import { FieldDef, REGISTER_KEYS, REGISTERS, RegisterDef, sheetColumnsOf } from '../domain/registers';
import { optionLabel, t } from '../domain/labels';
import { officeProblem } from '../domain/notices';
import { defaultSettingRows, settingDef } from '../domain/settings';
import { applyMoves, columnMoves, layoutOf, matchesLabel } from '../domain/table';
import { msg } from '../domain/messages';
import { fail, L, L10n, Lang, LANGS } from '../domain/types';
import { hasAny } from './access';
import { ensureWordingTab } from './wording';
import { hasUnsavable } from '../domain/schema';
import { neutralise } from '../domain/neutralise';

const SETTINGS_HEADERS: { key: string; label: L10n }[] = [
  { key: 'key', label: L('设置项', '設定項', 'Setting') },
  { key: 'value', label: L('值', '值', 'Value') },
  { key: 'about', label: L('说明', '說明', 'About') },
];

/** A column of a tab that is not a register: its header, and how setup shows it. */
interface PlainHeader {
  key: string;
  label: L10n;
  type?: FieldDef['type'];
  width?: number;
}

/** The notices log: every generated document, one row per version. */
export const NOTICE_LOG_HEADERS: PlainHeader[] = [
  { key: 'record_id', label: L('记录编号', '記錄編號', 'Record'), width: 110 },
  { key: 'template', label: L('文书', '文書', 'Notice'), width: 140 },
  { key: 'version', label: L('版本', '版本', 'Version'), width: 60 },
  { key: 'at', label: L('生成时间', '產生時間', 'Generated at'), type: 'datetime', width: 135 },
  { key: 'by', label: L('生成人', '產生人', 'By'), width: 200 },
  { key: 'doc_url', label: L('文书链接', '文書連結', 'Doc'), width: 160 },
  { key: 'pdf_url', label: L('PDF 链接', 'PDF 連結', 'PDF'), width: 160 },
  // The office's number, kept by every version (〔2026〕整改字第 001 号), and its place in the template's yearly sequence.
  { key: 'number', label: L('文书编号', '文書編號', 'Number'), width: 190 },
  { key: 'seq', label: L('年度序号', '年度序號', 'Sequence'), width: 70 },
];

const PROTECTION_NOTE = L('由系统填写，请勿手工修改', '由系統填寫，請勿手工修改', 'Filled in by Estate Registers; do not edit by hand');
const APPEND_ONLY_NOTE = L('只能追加，不得改动或删除', '只能追加，不得改動或刪除', 'Append-only: do not alter or delete rows');

export interface SetupResult {
  ok: true;
  lang: Lang;
  created: string[];
  addedColumns: Record<string, string[]>;
  /** Tabs whose columns were put in reading order (an older layout), each with the columns moved. */
  arranged: Record<string, number>;
  manager: string | null;
}

const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** What setup asks the office for, printed on every notice; each optional, blank leaves the Settings row as it is. */
const OFFICE_KEYS = ['estate_name', 'office_phone', 'office_address', 'manager_name'] as const;
type OfficeDetails = Partial<Record<(typeof OFFICE_KEYS)[number], string>>;

const PHONE_TEXT = L('请填写电话号码（数字，可含 - 和空格）', '請填寫電話號碼（數字，可含 - 和空格）', 'Enter a phone number (digits, with - or spaces)');

/** The office details as given (trimmed), or the fields to correct. */
function officeDetails(input: unknown, lang: Lang): { ok: true; value: OfficeDetails } | { ok: false; errors: Record<string, string> } {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: { office: msg('invalid_input', lang) } };
  const value: OfficeDetails = {};
  const errors: Record<string, string> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (!(OFFICE_KEYS as readonly string[]).includes(k)) errors[k] = msg('unknown_field', lang);
    else if (v === undefined || v === null || v === '') continue;
    else if (typeof v !== 'string') errors[k] = msg('not_text', lang);
    else if (hasUnsavable(v) || /\n/.test(v)) errors[k] = msg('bad_chars', lang);
    else if (v.trim().length > 100) errors[k] = msg('too_long', lang, { max: 100 });
    else if (k === 'office_phone' && !/^\+?[0-9][0-9\- ()（）转#]{4,30}$/.test(v.trim())) errors[k] = PHONE_TEXT[lang];
    else value[k as keyof OfficeDetails] = v.trim();
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

export function setupWorkbook(ports: Ports, lang?: unknown, office?: unknown) {
  const book = new Book(ports);
  // Setup lists every tab, so tabs renamed with different case or spacing are still found.
  book.names();
  const existing = book.isSetUp();
  // Without the user's email no one could become manager and the Roles check would refuse everything after.
  if (!ports.identity.email()) return fail('forbidden', msg('no_email', book.lang));
  if (lang !== undefined && lang !== null && lang !== '' && !isLang(lang)) {
    return fail('invalid', msg('invalid_input', book.lang), { lang: msg('bad_option', book.lang) });
  }
  if (existing) {
    const actor = book.actor();
    const anyManager = book.load('roles')?.records.some((r) => Array.isArray(r.roles) && r.roles.includes('manager'));
    if (anyManager && !hasAny(actor, ['manager'])) return fail('forbidden', msg('forbidden', book.lang));
  }
  // A new workbook takes the language asked for; an existing one keeps its Settings (no data changes).
  const useLang: Lang = existing ? book.lang : isLang(lang) ? lang : 'zh-Hans';
  const details = officeDetails(office, useLang);
  if (!details.ok) return fail('invalid', msg('invalid_input', useLang), details.errors);
  return guarded(ports, () => useLang, (): SetupResult => {
    const result: SetupResult = { ok: true, lang: useLang, created: [], addedColumns: {}, arranged: {}, manager: null };
    hadRecords = false;
    ensureSettings(book, useLang, result, details.value);
    for (const key of REGISTER_KEYS) ensureRegister(book, REGISTERS[key], useLang, result);
    ensurePlainTab(book, TABS.notices, NOTICE_LOG_HEADERS, useLang, result);
    ensureWordingTab(book, useLang, result.created);
    result.manager = hadRecords || book.rolesSeal().sealed ? null : ensureFirstManager(book);
    // Seal and lock Roles now, unless it holds changes made outside the add-on (a manager confirms those).
    if (book.rolesSeal().intact) book.sealRoles();
    if (!existing) removeBlankDefaultTab(book);
    return result;
  });
}

function createTab(book: Book, name: string, headers: string[], result: SetupResult): void {
  book.ports.tables.create(name);
  book.ports.tables.writeHeaders(name, headers);
  book.addName(name);
  result.created.push(name);
}

function ensureSettings(book: Book, lang: Lang, result: SetupResult, office: OfficeDetails = {}): void {
  const { tables } = book.ports;
  let tab = book.tabOf(TABS.settings.key, TABS.settings.label);
  if (!tab) {
    tab = TABS.settings.label[lang];
    createTab(book, tab, SETTINGS_HEADERS.map((h) => h.label[lang]), result);
  }
  const have = new Set((tables.read(tab)?.rows ?? []).map((r) => String(r[0]).trim().toLowerCase()));
  const rows = defaultSettingRows()
    .filter(([key]) => !have.has(key))
    .map(([key, value]) => [key, key === 'lang' ? lang : key === 'timezone' ? book.ports.identity.timeZone() || value : value, settingDef(key)?.label[lang] ?? '']);
  if (rows.length) tables.append(tab, rows);
  // The office details given at setup go into their rows (the office may also type them there later).
  if (Object.keys(office).length) {
    const keys = (tables.read(tab)?.rows ?? []).map((r) => String(r[0]).trim().toLowerCase());
    const cells = Object.entries(office).map(([k, v]) => ({ row: keys.indexOf(k), col: 1, value: neutralise(String(v)) })).filter((c) => c.row >= 0);
    tables.writeCells(tab, cells);
  }
  tables.format({
    tab,
    columns: [
      { type: 'text', system: true, width: 220 },
      { type: 'text', width: 220 },
      { type: 'text', system: true, width: 320 },
    ],
    protect: 'columns',
    protectionNote: PROTECTION_NOTE[lang],
  });
}

/**
 * Creates a register's tab, or adds the columns it lacks, puts its columns in reading order (the
 * office's own columns after the add-on's), then formats it.
 */
function ensureRegister(book: Book, def: RegisterDef, lang: Lang, result: SetupResult): void {
  const { tables } = book.ports;
  const cols = sheetColumnsOf(def);
  let tab = book.registerTab(def.key);
  if (!tab) {
    tab = def.label[lang];
    createTab(book, tab, cols.map((f) => f.label[lang]), result);
  }
  const grid = tables.read(tab);
  // Deleting the Roles tab and running setup must not make a stranger manager of a workbook in use.
  if (grid?.rows.some((r) => r.some((c) => c !== '' && c !== null))) hadRecords = true;
  let headers = (grid?.headers ?? []).map(String);
  const missing = layoutOf(def, headers).missing;
  if (missing.length) {
    headers = [...trimEnd(headers), ...missing.map((f) => f.label[lang])];
    tables.writeHeaders(tab, headers);
    if (!result.created.includes(tab)) result.addedColumns[tab] = missing.map((f) => f.key);
  }
  headers = arrange(book, tab, def, headers, result);
  const layout = layoutOf(def, headers);
  const columns: ColumnSpec[] = new Array(layout.width).fill(null).map(() => ({ type: 'text' as const }));
  for (const f of cols) {
    const i = layout.col[f.key];
    if (i !== undefined) columns[i] = columnSpec(def, f, lang);
  }
  const spec: TabSpec = {
    tab,
    columns,
    protect: def.appendOnly ? 'sheet' : 'columns',
    dueColumn: layout.col.due_at,
    protectionNote: (def.appendOnly ? APPEND_ONLY_NOTE : PROTECTION_NOTE)[lang],
    frozenColumns: 1,
  };
  tables.format(spec);
}

/**
 * Moves whole columns (values, formulas, formats and dropdowns go with them) until the add-on's
 * columns stand in reading order from column A, the office's own after them in their order.
 * Nothing is rewritten, so no value is touched; a sheet already in order needs no call.
 */
function arrange(book: Book, tab: string, def: RegisterDef, headers: string[], result: SetupResult): string[] {
  const layout = layoutOf(def, headers);
  const want = sheetColumnsOf(def).map((f) => layout.col[f.key]).filter((i): i is number => i !== undefined);
  const moves = columnMoves(trimEnd(headers).length, want);
  if (!moves.length) return headers;
  for (const m of moves) book.ports.tables.moveColumns(tab, m.from, m.count, m.to);
  if (!result.created.includes(tab)) result.arranged[tab] = moves.reduce((n, m) => n + m.count, 0);
  return applyMoves(headers, moves);
}

/** Headers without the blank cells after the last one, so added columns follow on directly. */
const trimEnd = (headers: string[]): string[] => {
  let n = headers.length;
  while (n > 0 && headers[n - 1].trim() === '') n--;
  return headers.slice(0, n);
};

function columnSpec(def: RegisterDef, f: FieldDef, lang: Lang): ColumnSpec {
  const options = f.type === 'enum' ? f.options?.map((o) => optionLabel(def.key, f.key, o, lang)) : undefined;
  const plainText = f.plainText === true;
  return { type: f.type, options, system: f.system, ...(plainText ? { plainText } : {}), width: columnWidth(def, f, options, lang) };
}

/** Pixels a header or value takes in Sheets' default font: CJK and full-width characters about twice a Latin one. */
const textPx = (s: string): number => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 14 : 7.5), 0);
const PAD_PX = 20;
/** Room for what each type holds: a whole yyyy-mm-dd hh:mm (Sheets shows ### when a date does not fit), an email, a sentence. */
const TYPE_PX: Record<FieldDef['type'], number> = { datetime: 135, date: 95, longtext: 240, list: 160, enum: 90, number: 70, boolean: 70, email: 200, text: 110 };
/** Fields that hold an email (stamps, decisions) or a long link. */
const EMAIL_TEXT = new Set(['created_by', 'updated_by', 'decided_by']);
const LINK_TEXT = new Set(['doc_url', 'pdf_url', 'prev_hash', 'hash']);

/** A column's width from its type and its header, so no date shows as ### and no id or header is cut off. */
export function columnWidth(def: RegisterDef, f: FieldDef, options: string[] | undefined, lang: Lang): number {
  let px = TYPE_PX[f.type];
  if (f.key === 'id') px = def.idPrefix ? Math.max(px, textPx(`${def.idPrefix}2026-00001`) + PAD_PX) : TYPE_PX.email;
  else if (EMAIL_TEXT.has(f.key)) px = TYPE_PX.email;
  else if (LINK_TEXT.has(f.key)) px = 160;
  // An option shows with the dropdown's arrow beside it.
  if (options?.length) px = Math.max(px, ...options.map((o) => textPx(o) + PAD_PX + 16));
  // Whole 20 px steps: neighbours of about the same width share one call.
  return Math.min(Math.ceil(Math.max(px, textPx(f.label[lang]) + PAD_PX) / 20) * 20, 320);
}

function ensurePlainTab(book: Book, t: { key: string; label: L10n }, headers: PlainHeader[], lang: Lang, result: SetupResult): void {
  let tab = book.tabOf(t.key, t.label);
  if (!tab) {
    tab = t.label[lang];
    createTab(book, tab, headers.map((h) => h.label[lang]), result);
  }
  const have = (book.ports.tables.read(tab)?.headers ?? []).map(String);
  const missing = headers.filter((h) => !have.some((x) => matchesLabel(x, h.key, h.label)));
  if (missing.length) book.ports.tables.writeHeaders(tab, [...trimEnd(have), ...missing.map((h) => h.label[lang])]);
  // Columns are found by position here: the widths and the time's format go by the header found.
  const all = [...trimEnd(have), ...missing.map((h) => h.label[lang])];
  const columns = all.map((text): ColumnSpec => {
    const h = headers.find((x) => matchesLabel(text, x.key, x.label));
    return { type: h?.type ?? 'text', system: true, ...(h ? { width: h.width } : {}) };
  });
  book.ports.tables.format({ tab, columns, protect: 'sheet', protectionNote: APPEND_ONLY_NOTE[lang] });
}

/** A new spreadsheet's empty "Sheet1" would only confuse; one with anything in it is kept. */
const DEFAULT_TABS = ['Sheet1', '工作表1', '工作表 1', '表1'];
function removeBlankDefaultTab(book: Book): void {
  for (const tab of book.names().filter((n) => DEFAULT_TABS.includes(n))) {
    const grid = book.ports.tables.read(tab);
    if (grid && !grid.headers.length && !grid.rows.length) book.ports.tables.remove(tab);
  }
}

/** Set by ensureRegister: some register already holds rows (setup then names no manager). */
let hadRecords = false;

/** The user who sets up a new workbook becomes its first manager. */
function ensureFirstManager(book: Book): string | null {
  const roles = book.load('roles');
  const email = book.ports.identity.email().toLowerCase();
  if (!roles || roles.records.some((r) => r.email) || !email) return null;
  const now = book.now;
  book.appendRecords(roles, [
    { id: email, version: 1, email, name: email.split('@')[0], roles: ['manager'], department: '', created_at: now, created_by: email, updated_at: now, updated_by: email },
  ]);
  return email;
}

/**
 * 初始化台账 from the menu: sets up, then says what the office must still fill in before its first
 * notice (phone, address), since a menu item cannot ask for them.
 */
export function setupFromMenu(ports: Ports) {
  const r = setupWorkbook(ports);
  const book = new Book(ports);
  const lang = r.ok ? r.lang : book.lang;
  const missing = r.ok ? officeProblem(book.settings(), lang) : null;
  try {
    ports.ui.alert(r.ok ? [t('msg.setup_done', lang), missing?.message].filter(Boolean).join('\n') : String(r.message));
  } catch {
    // no UI: the result is enough
  }
  return r;
}
