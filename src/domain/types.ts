// Shared domain types: languages, roles, records, results. Pure: no Google globals, no I/O.

export const LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text in the three office languages. */
export type L10n = Readonly<Record<Lang, string>>;

/**
 * L('简', '繁', 'en'). The build (scripts/texts.cjs) rewrites it in Code.js as L('简', index), the other
 * two languages kept in a project file that only runs in those languages read (through the source
 * useTextSource installs). Outside that build (tests, the CLI) the three strings stay as written.
 */
export function L(hans: string, hant: string | number, en?: string): L10n {
  if (typeof hant === 'string') return { 'zh-Hans': hans, 'zh-Hant': hant, en: en ?? hans };
  const i = hant;
  return {
    'zh-Hans': hans,
    get 'zh-Hant'() {
      return other(i, 0, hans);
    },
    get en() {
      return other(i, 1, hans);
    },
  };
}

let texts: readonly (readonly string[])[] | null = null;
let textSource: (() => unknown) | null = null;

/** Where the moved texts are read from (src/gas: a project HTML file); read once per execution, at first use. */
export function useTextSource(source: () => unknown): void {
  textSource = source;
  texts = null;
}

function other(i: number, k: 0 | 1, hans: string): string {
  // No table is a broken deployment: failing loudly beats a zh-Hant office finding no tabs and setting up again.
  if (!texts) {
    const t = textSource ? textSource() : null;
    if (!Array.isArray(t)) throw new Error('Texts.html (the zh-Hant and en texts) is missing or unreadable: deploy dist/ again');
    texts = t as string[][];
  }
  const s = texts[i]?.[k];
  return typeof s === 'string' ? s : hans;
}

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
