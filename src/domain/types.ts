// Shared domain types: languages, roles, records, results. Pure: no Google globals, no I/O.

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text in the three office languages. */
export type L10n = Readonly<Record<Lang, string>>;
export const L = (hans: string, hant: string, en: string): L10n => ({ 'zh-Hans': hans, 'zh-Hant': hant, en });

export const ROLE_KEYS = ['clerk', 'supervisor', 'manager', 'security', 'department'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** What a cell can hold once read from a sheet (Sheets gives "" for blanks). */
export type Cell = string | number | boolean | Date;

/**
 * A record keyed by field key. Date-times are Date, dates are 'YYYY-MM-DD' strings,
 * lists are string[], blanks are null.
 */
export type FieldValue = string | number | boolean | Date | string[] | null;
export type Rec = Record<string, FieldValue>;

export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'precondition'
  | 'busy'
  | 'not_setup'
  /** The phone web app was given no workbook (Google's web-app context under spreadsheets.currentonly). */
  | 'no_book'
  | 'quota'
  /** Drive answered something unusable (a broken PDF): nothing was saved. */
  | 'export_failed'
  | 'internal';

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors: Record<string, string>;
}
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export const fail = (code: ErrorCode, message: string, fieldErrors: Record<string, string> = {}): Failure => ({
  ok: false,
  code,
  message,
  fieldErrors,
});

/** The acting user, as the server resolved them from the Roles tab. */
export interface Actor {
  email: string;
  name: string;
  roles: RoleKey[];
  department: string;
}
