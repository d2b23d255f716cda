// 表格直接修改: rows whose cells no longer match their 指纹 are recorded in 变更记录 (new values, and the old ones 变更记录 knows), the version bumped.
import type { Ports } from '../ports';
import { Book, Loaded } from './book';
import { guarded } from './guarded';
import { Change, recordHistory, shown, TEXT } from './history';
import { BLANK, changedFields, code, hashedFields, ROW_HASH, storedCode, UNSURE } from '../domain/fingerprint';
import { isTracked, REGISTER_KEYS, REGISTERS, RegisterDef } from '../domain/registers';
import { matchesLabel } from '../domain/table';
import { msg } from '../domain/messages';
import { Cell, fail, L, LANGS, Rec } from '../domain/types';

export const SHEET_EDIT = 'sheet_edit';
/** The installable on-edit trigger's handler (not onEdit: that name is Google's simple trigger, which may not write). */
export const EDIT_HANDLER = 'onSheetEdit';

const WORDS = {
  unknown: L('（原值未知）', '（原值未知）', '(earlier value unknown)'),
  formula: L('（公式结果）', '（公式結果）', ' (formula result)'),
  someone: L('表格编辑者', '表格編輯者', 'a sheet editor'),
};
/** Who a row is stamped as updated by when the sheet does not say who typed. */
const SHEET = 'sheet';
const TRACKED: RegisterDef[] = REGISTER_KEYS.map((k) => REGISTERS[k]).filter(isTracked);
/** What Sheets shows for a formula it cannot work out (text typed as "=…" or "+86…"). */
const FORMULA_ERROR = /^#(NAME\?|REF!|VALUE!|DIV\/0!|N\/A|NUM!|NULL!|ERROR!)$/;
const ARROW = ' → ';

/**
 * Each field's value as 变更记录 last showed it, per register, record and field, replayed from its
 * lines: a create line gives the value, an edit line the value after the arrow. Sensitive fields and
 * values never recorded there (an import batch, rows typed in before 变更记录) stay unknown.
 */
function lastKnown(book: Book): Map<string, string> {
  const known = new Map<string, string>();
  const log = book.load('history');
  const hidden = new Set(LANGS.flatMap((l) => [TEXT.changed[l], TEXT.filled[l]]));
  for (const r of log?.records ?? []) {
    const def = TRACKED.find((d) => LANGS.some((l) => d.label[l] === r.register));
    if (!def) continue;
    // Created through the add-on: a field its create line leaves out was blank.
    if (r.action === 'create') for (const f of hashedFields(def)) known.set(`${def.key}|${r.record_id}|${f.key}`, '—');
    for (const line of String(r.changes ?? '').split('\n')) {
      const at = line.indexOf('：');
      const field = at > 0 ? def.fields.find((f) => LANGS.some((l) => f.label[l] === line.slice(0, at))) : undefined;
      if (!field) continue;
      const rest = line.slice(at + 1);
      const arrow = r.action === 'create' ? -1 : rest.indexOf(ARROW);
      const value = arrow >= 0 ? rest.slice(arrow + ARROW.length) : rest;
      const key = `${def.key}|${r.record_id}|${field.key}`;
      if (hidden.has(value)) known.delete(key);
      else known.set(key, value);
    }
  }
  return known;
}

/**
 * Checks rows of these registers (every row, or the data rows given) against their fingerprints,
 * inside the caller's lock. A changed row gets one 变更记录 row and its version, stamps and
 * fingerprint written, in one write per register; a row without a fingerprint (set up or imported
 * before there was one) is fingerprinted silently. History is read only when something changed.
 * Returns the ids recorded.
 */
export function recordSheetEdits(book: Book, regs: (Loaded | null | undefined)[], opts: { rows?: number[]; by?: string } = {}): string[] {
  const { lang, tz } = book;
  const edits: { l: Loaded; index: number; keys: string[] }[] = [];
  const fresh: { l: Loaded; index: number }[] = [];
  for (const l of regs) {
    const h = l?.layout.col[ROW_HASH];
    if (!l || h === undefined || !isTracked(l.def)) continue;
    for (const index of opts.rows ?? l.rows.keys()) {
      const row = l.rows[index];
      if (!row || !l.records[index]?.id) continue;
      const keys = changedFields(l.def, l.layout.col, row, row[h]);
      if (!keys) fresh.push({ l, index });
      else if (keys.length) edits.push({ l, index, keys });
    }
  }
  const known = edits.length ? lastKnown(book) : new Map<string, string>();
  const by = opts.by || WORDS.someone[lang];
  const changes: Change[] = [];
  const writes = new Map<Loaded, { index: number; rec: Rec }[]>();
  const add = (l: Loaded, index: number, rec: Rec) => writes.set(l, [...(writes.get(l) ?? []), { index, rec }]);
  for (const { l, index, keys } of edits) {
    const def = l.def;
    const rec = l.records[index];
    const lines = keys.map((k) => {
      const f = def.fields.find((x) => x.key === k)!;
      if (f.sensitive) return `${f.label[lang]}：${TEXT.changed[lang]}`;
      const cell: Cell | undefined = l.rows[index][l.layout.col[k] ?? -1];
      const now = typeof cell === 'string' && FORMULA_ERROR.test(cell) ? cell + WORDS.formula[lang] : shown(def, k, rec[k], tz, lang);
      return `${f.label[lang]}：${trusted(l, index, k, known.get(`${def.key}|${rec.id}|${k}`)) ?? WORDS.unknown[lang]}${ARROW}${now}`;
    });
    const after = { ...rec, version: (Number(rec.version) || 0) + 1, updated_at: book.now, updated_by: opts.by || SHEET };
    add(l, index, after);
    changes.push({ register: def.key, before: rec, after, action: SHEET_EDIT, note: lines.join('\n'), by });
  }
  for (const { l, index } of fresh) {
    // Marks the fingerprint as taken from the row as found (writeChanges keeps the mark).
    l.rows[index][l.layout.col[ROW_HASH]] = UNSURE;
    add(l, index, l.records[index]);
  }
  for (const [l, list] of writes) book.writeChanges(l, ['version', 'updated_at', 'updated_by', ROW_HASH], list);
  recordHistory(book, changes);
  return changes.map((c) => String(c.after.id));
}

/**
 * The old value 变更记录 gives. Where the fingerprint was taken from the row as found, 变更记录 may
 * be behind the sheet: a text field's value is offered only when it hashes to the field's old
 * share (a blank, to a blank's), and other fields' not at all.
 */
function trusted(l: Loaded, index: number, key: string, value: string | undefined): string | undefined {
  const stored = l.rows[index][l.layout.col[ROW_HASH]];
  if (value === undefined || !String(stored ?? '').startsWith(UNSURE)) return value;
  const f = l.def.fields.find((x) => x.key === key)!;
  const had = storedCode(l.def, stored, key);
  return (f.type === 'text' || f.type === 'longtext') && !f.phone && (value === '—' ? had === BLANK : code(value) === had) ? value : undefined;
}

export interface EditEvent {
  tab: string;
  /** The edited range's first sheet row (1 = the header) and how many rows it spans. */
  row: number;
  rows: number;
  /** The editor's email, when Google gives it. */
  user: string;
  triggerUid: string;
}

/**
 * The installable on-edit trigger: an edit typed into a register is recorded at once. Edits to
 * other tabs cost nothing; anyone may call the function through google.script.run, so only an
 * event of this project's own trigger counts.
 */
export function onSheetEdit(ports: Ports, e: EditEvent) {
  const def = TRACKED.find((d) => matchesLabel(e.tab, d.key, d.label));
  if (!def || e.row + e.rows - 1 < 2) return { ok: true as const, edited: [] as string[] };
  const book = new Book(ports);
  if (!ports.triggers.isInstalled(e.triggerUid, EDIT_HANDLER)) return fail('forbidden', msg('forbidden', book.lang));
  return guarded(ports, () => book.lang, () => {
    const l = book.load(def.key);
    const from = Math.max(e.row - 2, 0);
    const rows = Array.from({ length: Math.max(e.row - 2 + e.rows - from, 0) }, (_, i) => from + i);
    return { ok: true as const, edited: l ? recordSheetEdits(book, [l], { rows, by: e.user }) : [] };
  });
}
