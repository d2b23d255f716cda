// The in-memory workbook the local host's fakes read and write (persisted by src/local/xlsx.ts).
import { randomBytes } from 'node:crypto';

/** A formula cell: its text (starting with "=") and, when known (e.g. loaded from .xlsx), its last result. */
export class Formula {
  constructor(
    readonly text: string,
    public result: string | number | boolean | Date | null = null,
  ) {}
}

/**
 * What a cell holds. A Date here is a WALL-CLOCK time in the spreadsheet's time zone, kept in the
 * Date's UTC fields (the same convention exceljs uses), never an instant. Blank is null/undefined.
 */
export type Stored = string | number | boolean | Date | Formula | null | undefined;

export interface Style {
  numberFormat?: string;
  fontWeight?: string;
  fontColor?: string;
  background?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
}

export interface Validation {
  kind: 'list' | 'date' | 'checkbox';
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

/** A rectangle of cells, 1-based like the Sheets API. */
export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ConditionalRule {
  formula: string;
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: Rect[];
}

export interface ProtectionModel {
  id: string;
  kind: 'SHEET' | 'RANGE';
  /** null for a whole-sheet protection. */
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: Rect[];
}

export interface ChartModel {
  id: number;
  type: string;
  ranges: Rect[];
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export interface SheetModel {
  id: number;
  name: string;
  /** rows[r][c], 0-based; rows and cells may be missing (blank). */
  rows: Stored[][];
  styles: (Style | undefined)[][];
  validations: (Validation | undefined)[][];
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  /** Column widths in pixels by 1-based column. */
  columnWidths: Record<number, number>;
  conditionalRules: ConditionalRule[];
  protections: ProtectionModel[];
  charts: ChartModel[];
  /** Merged ranges ("A5:C5") and cell notes by A1, kept from the .xlsx as they were (Code.js does not use them). */
  merges?: string[];
  notes?: Record<string, string>;
}

export interface TriggerModel {
  id: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'CLOCK' | 'SPREADSHEETS';
  /** The spreadsheet the trigger was created from (every trigger this host creates is bound to one). */
  docId: string;
  owner: string;
  schedule: Record<string, number | string>;
}

export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  createdAt: string;
  owner: string;
  /** A fake Google Doc's HTML. */
  html?: string;
  /** Other files' bytes. */
  dataBase64?: string;
  /** A PDF made from a Doc: the request the CLI renders for real. */
  pdfOf?: string;
  trashed?: boolean;
  /** Who else may open it (Drive.Permissions.create); children inherit a folder's. */
  permissions?: DrivePermission[];
}

export interface DrivePermission {
  id: string;
  type: 'user';
  role: 'writer' | 'commenter' | 'reader';
  emailAddress: string;
}

export interface MailUse {
  day: string;
  used: number;
}

export interface Workbook {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  /** The spreadsheet owner: may always edit protected ranges. */
  owner: string | null;
  sheets: SheetModel[];
  activeSheetId: number | null;
  nextSheetId: number;
  properties: {
    document: Record<string, string>;
    script: Record<string, string>;
    user: Record<string, Record<string, string>>;
  };
  triggers: TriggerModel[];
  drive: { items: DriveItem[] };
  /** Mail quota used, per sending user, per day (in the script's time zone). */
  mail: Record<string, MailUse>;
  /** Named ranges from the .xlsx ({name, ranges: ["'投诉'!$A$1:$C$3"]}), written back as they were. */
  definedNames?: { name: string; ranges: string[] }[];
  /**
   * Set by loadWorkbook/saveWorkbook: the file this model came from, to refuse overwriting others'
   * changes; `model` fingerprints the model as loaded, so an unchanged one is not written again;
   * `unkept` names what the file holds that a save would lose (the save is then refused).
   */
  source?: { path: string; mtimeMs: number; size: number; sha256: string; model?: string; unkept?: string[] };
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

/** A random id shaped like Google's (44 url-safe characters for spreadsheets, 33 for Drive files). */
export function googleId(length = 44): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = randomBytes(length);
  let id = '1';
  for (let i = 1; i < length; i++) id += alphabet[bytes[i] & 63];
  return id;
}

export function newSheetModel(id: number, name: string): SheetModel {
  return {
    id,
    name,
    rows: [],
    styles: [],
    validations: [],
    maxRows: DEFAULT_ROWS,
    maxColumns: DEFAULT_COLUMNS,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    tabColor: null,
    columnWidths: {},
    conditionalRules: [],
    protections: [],
    charts: [],
  };
}

export interface NewWorkbookOptions {
  timeZone?: string;
  name?: string;
  locale?: string;
  owner?: string;
  /** Name of the first tab (Google's default is "Sheet1"). */
  firstSheet?: string;
}

export function newWorkbook(opts: NewWorkbookOptions = {}): Workbook {
  const first = newSheetModel(0, opts.firstSheet ?? 'Sheet1');
  return {
    id: googleId(44),
    name: opts.name ?? 'Untitled spreadsheet',
    timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
    locale: opts.locale ?? 'zh_CN',
    owner: opts.owner ?? null,
    sheets: [first],
    activeSheetId: 0,
    nextSheetId: 1,
    properties: { document: {}, script: {}, user: {} },
    triggers: [],
    drive: { items: [] },
    mail: {},
  };
}

/** Row index (1-based) of the last row holding a value or formula; 0 when the sheet is empty. */
export function lastRowOf(sheet: SheetModel): number {
  const rows = sheet.rows;
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return r + 1;
  }
  return 0;
}

/** Column index (1-based) of the last column holding a value or formula in any row; 0 when empty. */
export function lastColumnOf(sheet: SheetModel): number {
  let last = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = row.length - 1; c >= last; c--) {
      if (!isBlank(row[c])) {
        last = c + 1;
        break;
      }
    }
  }
  return last;
}

export function isBlank(v: Stored): boolean {
  return v === null || v === undefined || v === '';
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(rect: Rect): string {
  const start = `${columnLetters(rect.col)}${rect.row}`;
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  return `${start}:${columnLetters(rect.col + rect.numCols - 1)}${rect.row + rect.numRows - 1}`;
}

/** Parses "B2", "A1:C3", "A:C" or "2:5" (maxRows/maxColumns fill the open side); null when not A1 notation. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Rect | null {
  const text = a1.trim().replace(/\$/g, '');
  const cell = /^([A-Za-z]+)(\d+)$/;
  const parts = text.split(':');
  if (parts.length === 1) {
    const m = cell.exec(parts[0]);
    if (!m) return null;
    return { row: Number(m[2]), col: columnNumber(m[1]), numRows: 1, numCols: 1 };
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  if (ma && mb) {
    const r1 = Number(ma[2]);
    const r2 = Number(mb[2]);
    const c1 = columnNumber(ma[1]);
    const c2 = columnNumber(mb[1]);
    return { row: Math.min(r1, r2), col: Math.min(c1, c2), numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
  }
  if (/^[A-Za-z]+$/.test(a) && /^[A-Za-z]+$/.test(b)) {
    const c1 = columnNumber(a);
    const c2 = columnNumber(b);
    return { row: 1, col: Math.min(c1, c2), numRows: maxRows, numCols: Math.abs(c2 - c1) + 1 };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const r1 = Number(a);
    const r2 = Number(b);
    return { row: Math.min(r1, r2), col: 1, numRows: Math.abs(r2 - r1) + 1, numCols: maxColumns };
  }
  // "A2:C" (open-ended column range)
  const open = /^([A-Za-z]+)(\d+)$/.exec(a);
  if (open && /^[A-Za-z]+$/.test(b)) {
    const r1 = Number(open[2]);
    const c1 = columnNumber(open[1]);
    const c2 = columnNumber(b);
    return { row: r1, col: Math.min(c1, c2), numRows: maxRows - r1 + 1, numCols: Math.abs(c2 - c1) + 1 };
  }
  return null;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

export function rectContains(outer: Rect, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.numRows && col >= outer.col && col < outer.col + outer.numCols;
}
