// Maps sheet rows to records and back, finding columns by key or by a header in any office language.
import { isoInZone, momentOfWall, wallOf } from './zone';

export { isoInZone };
import { columnsOf, FieldDef, RegisterDef } from './registers';
import { optionFromLabel, optionLabel } from './labels';
import { neutralise, unquote } from './neutralise';
import { Cell, FieldValue, L10n, Lang, LANGS, Rec } from './types';
import { isValidYmd } from './schema';
import { carry, fingerprint, ROW_HASH } from './fingerprint';

const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').trim().toLowerCase().replace(/[\s*＊]+$/g, '');

/** True when a header cell names this key, in any language. */
export function matchesLabel(text: unknown, key: string, label: L10n): boolean {
  const t = norm(text);
  return t !== '' && (t === key || LANGS.some((l) => norm(label[l]) === t));
}

/** A tab's name in the office language; lookups accept any language (a user may switch). */
export const tabName = (label: L10n, lang: Lang): string => label[lang];

/**
 * Where a text in any language (or the key) stands among these. The zh-Hans text is tried first on
 * its own: the other languages' texts are read from a file when first asked for (scripts/texts.cjs),
 * which a zh-Hans office's run need not do.
 */
export function indexOfLabel(items: readonly unknown[], key: string, label: L10n): number {
  const hans = norm(label['zh-Hans']);
  const i = items.findIndex((x) => norm(x) === hans);
  return i >= 0 ? i : items.findIndex((x) => matchesLabel(x, key, label));
}

export function findTab(names: readonly string[], key: string, label: L10n): string | null {
  return names[indexOfLabel(names, key, label)] ?? null;
}

export interface Layout {
  def: RegisterDef;
  /** field key → 0-based column index */
  col: Record<string, number>;
  width: number;
  /** Columns the register defines that the sheet lacks (setup adds them). */
  missing: FieldDef[];
}

export function layoutOf(def: RegisterDef, headers: readonly unknown[]): Layout {
  const col: Record<string, number> = {};
  const missing: FieldDef[] = [];
  for (const field of columnsOf(def)) {
    const i = indexOfLabel(headers, field.key, field.label);
    if (i >= 0) col[field.key] = i;
    else missing.push(field);
  }
  return { def, col, width: headers.length, missing };
}

const p2 = (n: number) => String(n).padStart(2, '0');

export const ymdInZone = (d: Date, tz: string): string => {
  const z = wallOf(d.getTime(), tz);
  return `${z.getUTCFullYear()}-${p2(z.getUTCMonth() + 1)}-${p2(z.getUTCDate())}`;
};

/** The instant a YYYY-MM-DD date begins in the office zone (what a date cell holds). */
export const ymdToDate = (ymd: string, tz: string): Date => {
  const [y, m, d] = ymd.split('-').map(Number);
  return momentOfWall(Date.UTC(y, m - 1, d), tz);
};

const LIST_SPLIT = /[,，、;；]\s*/;

/**
 * Option cells repeat the same few labels down a column, and matching a label in three languages
 * is the slowest part of reading a register, so each distinct text is matched once.
 */
const optionMemo = new Map<string, string>();
function optionOf(def: RegisterDef, field: FieldDef, text: string): string {
  const key = `${def.key}\u0000${field.key}\u0000${text}`;
  let v = optionMemo.get(key);
  if (v === undefined) {
    v = optionFromLabel(def.key, field.key, text) ?? text;
    if (optionMemo.size > 50_000) optionMemo.clear();
    optionMemo.set(key, v);
  }
  return v;
}

function cellToValue(def: RegisterDef, field: FieldDef, cell: Cell, tz: string): FieldValue {
  if (cell === '' || cell === null || cell === undefined) return null;
  switch (field.type) {
    case 'datetime':
      return cell instanceof Date ? cell : parseLooseDate(String(cell));
    case 'date':
      if (cell instanceof Date) return ymdInZone(cell, tz);
      return isValidYmd(String(cell).trim()) ? String(cell).trim() : String(cell);
    case 'number':
      return typeof cell === 'number' ? cell : Number.isFinite(Number(cell)) ? Number(cell) : String(cell);
    case 'boolean':
      return cell === true || norm(cell) === 'true' || cell === '是';
    case 'enum':
      return optionOf(def, field, String(cell));
    case 'list':
      return String(cell)
        .split(LIST_SPLIT)
        .filter(Boolean)
        .map((s) => optionOf(def, field, s));
    default:
      if (cell instanceof Date) return cell.toISOString();
      return field.plainText ? unquote(String(cell)) : String(cell);
  }
}

/** A date-time a person typed as text (2026-11-25 09:30); Sheets usually gives a Date already. */
function parseLooseDate(s: string): Date | string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return s;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
}

/** One sheet row as a record keyed by field (unknown columns are ignored). */
export function rowToRecord(layout: Layout, row: readonly Cell[], tz: string): Rec {
  const rec: Rec = {};
  for (const field of columnsOf(layout.def)) {
    const i = layout.col[field.key];
    rec[field.key] = i === undefined ? null : cellToValue(layout.def, field, row[i], tz);
  }
  return rec;
}

function valueToCell(def: RegisterDef, field: FieldDef, value: FieldValue, lang: Lang, tz: string): Cell {
  if (value === null || value === undefined) return '';
  switch (field.type) {
    case 'date':
      return typeof value === 'string' && isValidYmd(value) ? ymdToDate(value, tz) : neutralise(String(value));
    case 'datetime':
      return value instanceof Date ? value : neutralise(String(value));
    // A value no option knows is written as read (a cell typed by hand): kept as text, never a formula.
    case 'enum':
      return neutralise(optionLabel(def.key, field.key, String(value), lang));
    case 'list': {
      const sep = lang === 'en' ? ', ' : '、';
      return neutralise((Array.isArray(value) ? value : [String(value)]).map((v) => optionLabel(def.key, field.key, v, lang)).join(sep));
    }
    case 'number':
      return typeof value === 'number' ? value : neutralise(String(value));
    case 'boolean':
      return value === true;
    default:
      // A plain-text column keeps the text as typed; an apostrophe there might stay visible.
      return field.plainText ? String(value) : neutralise(String(value));
  }
}

/**
 * A record as a sheet row of the layout's width. Columns the register does not know (a user's
 * own notes column) keep what `base` had, so an update never wipes them.
 */
export function recordToRow(layout: Layout, rec: Rec, lang: Lang, tz: string, base?: readonly Cell[]): Cell[] {
  const row: Cell[] = base ? [...base] : new Array(layout.width).fill('');
  while (row.length < layout.width) row.push('');
  for (const field of columnsOf(layout.def)) {
    const i = layout.col[field.key];
    if (i !== undefined && field.key in rec) row[i] = valueToCell(layout.def, field, rec[field.key], lang, tz);
  }
  // Every row the add-on writes carries the fingerprint of what it wrote (see Book.writeChanges for partial writes).
  const h = layout.col[ROW_HASH];
  if (h !== undefined) row[h] = carry(base?.[h]) + fingerprint(layout.def, layout.col, row);
  return row;
}

/** A record made safe for google.script.run and JSON: Dates become ISO strings. */
export function toWire(rec: Rec, tz: string): Record<string, string | number | boolean | string[] | null> {
  const out: Record<string, string | number | boolean | string[] | null> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = v instanceof Date ? isoInZone(v, tz) : v;
  return out;
}

/** One move of adjacent columns, 0-based: [from, from+count) go before column `to` (counted before the move). */
export interface ColumnMove {
  from: number;
  count: number;
  to: number;
}

/**
 * The moves that put the columns of `width` in the order `want` (old indexes, the wanted ones
 * first; the rest keep their order after them). Columns already in place stay; columns that
 * follow each other in both orders move together, so an old layout takes a handful of moves.
 */
export function columnMoves(width: number, want: readonly number[]): ColumnMove[] {
  const wanted = new Set(want);
  const target = [...want, ...Array.from({ length: width }, (_, i) => i).filter((i) => !wanted.has(i))];
  const now = Array.from({ length: width }, (_, i) => i);
  const moves: ColumnMove[] = [];
  for (let t = 0; t < target.length; t++) {
    if (now[t] === target[t]) continue;
    const p = now.indexOf(target[t]);
    let count = 1;
    while (t + count < target.length && p + count < now.length && now[p + count] === target[t + count]) count++;
    moves.push({ from: p, count, to: t });
    now.splice(t, 0, ...now.splice(p, count));
  }
  return moves;
}

/** Applies moves to a list (headers, a row) the way the sheet applies them to its columns. */
export function applyMoves<T>(list: readonly T[], moves: readonly ColumnMove[]): T[] {
  const out = [...list];
  for (const m of moves) {
    const block = out.splice(m.from, m.count);
    out.splice(m.to < m.from ? m.to : m.to - m.count, 0, ...block);
  }
  return out;
}
