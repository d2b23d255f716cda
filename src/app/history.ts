// 变更记录: one hash-chained row per create, edit, action and notice, written in the same locked batch as the change.
import type { Ports, Store } from '../ports';
import { Book } from './book';
import { denyRead } from './access';
import { isRegisterKey, REGISTERS, RegisterDef, RegisterKey, sheetColumnsOf } from '../domain/registers';
import { chainHash, CHAIN_START } from '../domain/retention';
import { isoInZone, layoutOf, Layout, recordToRow } from '../domain/table';
import { formatDate, maskPhone } from '../domain/format';
import { optionLabel, fill } from '../domain/labels';
import { msg } from '../domain/messages';
import { noticeDef } from '../domain/notices';
import { Cell, fail, L, Lang, LANGS, Rec } from '../domain/types';

/** Document property: the chain's end {count, hash}, so rows cut off the bottom are caught too. */
export const HISTORY_HEAD = 'history.head';
const DEF = REGISTERS.history;
/** The columns the hash covers, in definition order (wherever a person moved them in the sheet). */
const CHAINED = DEF.fields.map((f) => f.key).filter((k) => k !== 'hash');
/** Bookkeeping that every write changes; the row's version and time already say it. */
const SKIP = new Set(['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'due_at', 'due_rule', 'doc_url', 'pdf_url']);
const LONG = 120;

export const TEXT = {
  changed: L('（已修改，内容不记录）', '（已修改，內容不記錄）', '(changed, not recorded)'),
  filled: L('（已填写，内容不记录）', '（已填寫，內容不記錄）', '(filled in, not recorded)'),
  number: L('文书编号', '文書編號', 'Notice number'),
  good: L('“{tab}”核验通过，共 {n} 条', '「{tab}」核驗通過，共 {n} 條', '“{tab}” verifies: {n} rows'),
  bad: L('“{tab}”核验不通过：第 {row} 行（{id}）起与写入时不符', '「{tab}」核驗不通過：第 {row} 行（{id}）起與寫入時不符', '“{tab}” does not verify from row {row} ({id})'),
  missing: L(
    '本台账还没有“变更记录”页：请经理再运行一次“初始化台账”（已有记录不变），此后的每次修改才会留下记录',
    '本台賬還沒有「變更記錄」頁：請經理再執行一次「初始化台賬」（已有記錄不變），此後的每次修改才會留下記錄',
    'This workbook has no 变更记录 (history) tab yet: ask the manager to run “Set up registers” again (records stay as they are); changes are recorded from then on',
  ),
  cut: L('“{tab}”核验不通过：末尾的行与写入时不符（被删除或添加过）', '「{tab}」核驗不通過：末尾的行與寫入時不符（被刪除或新增過）', '“{tab}” does not verify: rows at the end were removed or added'),
};
const say = (key: keyof typeof TEXT, lang: Lang, p: Record<string, string | number> = {}) => fill(TEXT[key][lang], p);

export interface Change {
  register: RegisterKey;
  before: Rec | null;
  after: Rec;
  /** create, update, an action key, or notice:<template>. */
  action: string;
  /** A notice's number, as printed. */
  number?: string;
  /** A line of its own (an import batch: how many, which ids, from where). */
  note?: string;
  /** Who made it, when not the user running the add-on (a person typing in the sheet). */
  by?: string;
}

function readHead(store: Store): { count: number; hash: string } | null {
  try {
    const h = JSON.parse(store.get(HISTORY_HEAD) ?? 'null') as { count?: unknown; hash?: unknown } | null;
    return h && typeof h.count === 'number' && typeof h.hash === 'string' ? { count: h.count, hash: h.hash } : null;
  } catch {
    return null;
  }
}

/** A value as a line shows it: phones masked (ID numbers are stored masked already), times in the office zone, long text cut. */
export function shown(def: RegisterDef, key: string, v: unknown, tz: string, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  const field = def.fields.find((f) => f.key === key);
  let s = v instanceof Date ? formatDate(v, tz, lang, field?.type !== 'date') : Array.isArray(v) ? v.join('、') : String(v);
  if (field?.type === 'enum' || field?.type === 'list') s = (Array.isArray(v) ? v : [v]).map((x) => optionLabel(def.key, key, String(x), lang)).join('、');
  if (field?.phone) s = maskPhone(s);
  s = s.replace(/\s+/g, ' ');
  return s.length > LONG ? `${s.slice(0, LONG)}…` : s;
}

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** "字段：前 → 后" per changed field; sensitive fields say only that they changed. */
export function changeLines(def: RegisterDef, before: Rec | null, after: Rec, tz: string, lang: Lang): string[] {
  const out: string[] = [];
  for (const f of def.fields) {
    if (SKIP.has(f.key) || f.system) continue;
    const a = after[f.key];
    const b = before ? before[f.key] : null;
    if (before ? same(a, b) : a === null || a === undefined || a === '') continue;
    const label = f.label[lang];
    if (f.sensitive) out.push(`${label}：${TEXT[before ? 'changed' : 'filled'][lang]}`);
    else out.push(before ? `${label}：${shown(def, f.key, b, tz, lang)} → ${shown(def, f.key, a, tz, lang)}` : `${label}：${shown(def, f.key, a, tz, lang)}`);
  }
  return out;
}

const chained = (layout: Layout, row: readonly Cell[]): Cell[] => CHAINED.map((k) => row[layout.col[k] ?? -1] ?? '');

/**
 * Appends one row per change, chained on from the head, in one write. Called inside the caller's
 * lock, right after its own write, so a change and its history row go together. A workbook set up
 * before 变更记录 existed has no tab yet: setup adds it, and history starts there.
 */
export function recordHistory(book: Book, changes: Change[]): void {
  const tab = changes.length ? book.registerTab('history') : null;
  if (!tab) return;
  const { lang, tz } = book;
  // Not read back: the tab is the biggest in the book and only ever appended to. Setup put its columns in this order and the tab is locked.
  const layout = layoutOf(DEF, sheetColumnsOf(DEF).map((f) => f.label[lang]));
  // Only asked for when needed: an edit trigger names the person itself, without reading Roles.
  const me = () => {
    const actor = book.actor();
    return actor.name && actor.email ? `${actor.name} <${actor.email}>` : actor.name || actor.email;
  };
  let by: string | undefined;
  const head = readHead(book.ports.store);
  let prev = head?.hash ?? CHAIN_START;
  const recs = changes.map((c) => {
    const def = REGISTERS[c.register];
    const lines = [...changeLines(def, c.before, c.after, tz, lang), ...(c.number ? [`${TEXT.number[lang]}：${c.number}`] : []), ...(c.note ? [c.note] : [])];
    const rec: Rec = {
      at: book.now,
      register: def.label[lang],
      record_id: String(c.after.id ?? ''),
      version: typeof c.after.version === 'number' ? c.after.version : Number(c.after.version) || null,
      by: c.by ?? (by ??= me()),
      action: c.action,
      changes: lines.join('\n'),
    };
    prev = chainHash(prev, chained(layout, recordToRow(layout, rec, lang, tz)), tz);
    return recordToRow(layout, { ...rec, hash: prev }, lang, tz);
  });
  book.ports.tables.append(tab, recs);
  book.ports.store.set(HISTORY_HEAD, JSON.stringify({ count: (head?.count ?? 0) + recs.length, hash: prev }));
}

export type HistoryCheck = { ok: true; tab: string; rows: number; message: string } | { ok: false; tab: string; row: number; id: string; message: string };

/** Every row against the chain and the chain's end against the head; the first bad row is 1-based under the header (0: the end). */
export function checkHistory(book: Book): HistoryCheck | null {
  const tab = book.registerTab('history');
  const grid = tab ? book.ports.tables.read(tab) : null;
  if (!tab || !grid) return null;
  const lang = book.lang;
  const layout = layoutOf(DEF, grid.headers);
  const head = readHead(book.ports.store);
  let prev = CHAIN_START;
  for (let i = 0; i < grid.rows.length; i++) {
    const row = grid.rows[i];
    const want = chainHash(prev, chained(layout, row), book.tz);
    const have = String(row[layout.col.hash ?? -1] ?? '').replace(/^'/, '').trim();
    if (have !== want) {
      const id = String(row[layout.col.record_id ?? -1] ?? '');
      return { ok: false, tab, row: i + 1, id, message: say('bad', lang, { tab, row: i + 1, id }) };
    }
    prev = want;
  }
  if (head ? head.count !== grid.rows.length || head.hash !== prev : grid.rows.length > 0) return { ok: false, tab, row: 0, id: '', message: say('cut', lang, { tab }) };
  return { ok: true, tab, rows: grid.rows.length, message: say('good', lang, { tab, n: grid.rows.length }) };
}

/** The rpc: staff only, like the duty log's verification. */
export function verifyHistory(ports: Ports) {
  const book = new Book(ports);
  if (!book.isSetUp()) return fail('not_setup', msg('not_setup', book.lang));
  const denied = denyRead(book.actor(), book.lang, DEF);
  if (denied) return denied;
  return checkHistory(book) ?? fail('not_setup', msg('not_setup', book.lang));
}

/** The line for the menu's 核验 alert, or none on a workbook without the tab. */
export const historyLines = (ports: Ports): string[] => {
  const book = new Book(ports);
  const r = checkHistory(book);
  // A workbook set up before 变更记录 existed writes no history until setup adds the tab: say so where the chains are checked.
  return r ? [r.message] : book.isSetUp() ? [TEXT.missing[book.lang]] : [];
};

/**
 * One record's timeline for the sidebar, oldest first: whoever may read the record may read its
 * history. The lines were masked when written (sensitive fields never had values there).
 */
export function getHistory(ports: Ports, register: unknown, id: unknown) {
  const book = new Book(ports);
  const lang = book.lang;
  if (!isRegisterKey(register)) return fail('invalid', msg('unknown_register', lang), { register: msg('unknown_register', lang) });
  const def = REGISTERS[register];
  const denied = denyRead(book.actor(), lang, def);
  if (denied) return denied;
  const log = book.load('history');
  if (!log) return { ok: true as const, entries: [] };
  // Rows name the register in the language of their day; the other languages' names are read only if a row needs them.
  let names: Set<string> | null = null;
  const mine = (name: string) => name === def.label[lang] || (names ??= new Set(LANGS.map((l) => def.label[l]))).has(name);
  const entries = log.records
    .filter((r) => r.record_id === id && id !== '' && mine(String(r.register ?? '')))
    .map((r) => ({
      at: r.at instanceof Date ? isoInZone(r.at, book.tz) : String(r.at ?? ''),
      by: String(r.by ?? ''),
      action: String(r.action ?? ''),
      label: actionLabel(def, String(r.action ?? ''), lang),
      version: Number(r.version) || 0,
      changes: String(r.changes ?? ''),
    }));
  return { ok: true as const, entries };
}

const WORDS = {
  create: L('新建', '新建', 'Created'),
  update: L('修改', '修改', 'Edited'),
  notice: L('生成文书', '產生文書', 'Notice'),
  import: L('导入旧台账', '匯入舊台賬', 'Imported'),
  undo_import: L('撤销导入', '撤銷匯入', 'Import undone'),
  archive: L('归档', '歸檔', 'Archived'),
  swap: L('换班', '換班', 'Shift swapped'),
  attach: L('添加附件', '新增附件', 'File attached'),
  sheet_edit: L('表格直接修改', '表格直接修改', 'Edited in the sheet'),
};

function actionLabel(def: RegisterDef, action: string, lang: Lang): string {
  if (Object.prototype.hasOwnProperty.call(WORDS, action)) return WORDS[action as keyof typeof WORDS][lang];
  if (action.startsWith('notice:')) return `${WORDS.notice[lang]}：${noticeDef(action.slice(7))?.label[lang] ?? action.slice(7)}`;
  return def.actions.find((a) => a.key === action)?.label[lang] ?? action;
}
