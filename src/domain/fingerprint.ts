// A row's fingerprint (指纹): a short hash per field a person can see, so a later read tells which cells were typed over outside the add-on.
import type { FieldDef, RegisterDef } from './registers';
import { sha256Hex } from './sha256';
import { unquote } from './neutralise';
import type { Cell } from './types';

/** The system column that holds it. */
export const ROW_HASH = 'row_hash';
/** Hex digits per field: 16 bits, so an edit goes unseen once in 65 536. */
const WIDTH = 4;
export const BLANK = '0'.repeat(WIDTH);

/** The fields it covers: what a clerk fills in and the state and step times, never the add-on's bookkeeping (ids, stamps, due times, links). */
const HASHED = new WeakMap<RegisterDef, FieldDef[]>();
export const hashedFields = (def: RegisterDef): FieldDef[] => {
  let list = HASHED.get(def);
  if (!list) HASHED.set(def, (list = def.fields.filter((f) => !f.system)));
  return list;
};

/**
 * A cell as the add-on wrote it and as Sheets gives it back: the apostrophe neutralise put in front
 * is not part of the value (or is, in a plain-text cell: either way it is taken off), a time counts
 * to the second, and a number reads the same as the text of it.
 */
function canonical(cell: Cell | null | undefined): string {
  if (cell === null || cell === undefined || cell === '') return '';
  if (cell instanceof Date) return `@${Math.round(cell.getTime() / 1000)}`;
  return typeof cell === 'string' ? unquote(cell) : String(cell);
}

/**
 * In front of a fingerprint taken from the row as found (a row from before 指纹), not from an add-on
 * write: 变更记录 may not hold the values it was taken over, so they are not offered as old values.
 * Kept through later writes of the row.
 */
export const UNSURE = '~';
export const carry = (had: Cell | undefined): string => (String(had ?? '').startsWith(UNSURE) ? UNSURE : '');

/** One field's share of a fingerprint. */
export const code = (cell: Cell | null | undefined): string => {
  const s = canonical(cell);
  return s === '' ? BLANK : sha256Hex(s).slice(0, WIDTH);
};

/** The fingerprint of a row, by the register's columns (a field the sheet lacks counts as blank). */
export function fingerprint(def: RegisterDef, col: Readonly<Record<string, number>>, row: readonly Cell[]): string {
  return hashedFields(def)
    .map((f) => code(col[f.key] === undefined ? '' : row[col[f.key]]))
    .join('');
}

/**
 * The keys of the fields whose cells differ from the stored fingerprint; null when there is none to
 * compare with (blank, or made before the register gained or lost a field): such a row is
 * fingerprinted afresh, not reported.
 */
export function changedFields(def: RegisterDef, col: Readonly<Record<string, number>>, row: readonly Cell[], stored: Cell | undefined): string[] | null {
  const fields = hashedFields(def);
  const had = String(stored ?? '').replace(/^'/, '').trim().replace(UNSURE, '');
  if (had.length !== fields.length * WIDTH || !/^[0-9a-f]+$/.test(had)) return null;
  const now = fingerprint(def, col, row);
  return fields.filter((f, i) => had.slice(i * WIDTH, (i + 1) * WIDTH) !== now.slice(i * WIDTH, (i + 1) * WIDTH)).map((f) => f.key);
}

/** The share a stored fingerprint holds for one field ('' when it has none). */
export function storedCode(def: RegisterDef, stored: Cell | undefined, key: string): string {
  const i = hashedFields(def).findIndex((f) => f.key === key);
  return i < 0 ? '' : String(stored ?? '').replace(UNSURE, '').slice(i * WIDTH, (i + 1) * WIDTH);
}
