// SpreadsheetApp fakes: Spreadsheet, Sheet, Range, data validation, conditional formats, protection and charts over the workbook model.
import { FakeUser, HostCore, instrument, isDate, type Like } from './core';
import {
  a1Of,
  Formula,
  googleId,
  lastColumnOf,
  lastRowOf,
  newSheetModel,
  parseA1,
  rectContains,
  rectsOverlap,
  type ChartModel,
  type ConditionalRule,
  type ProtectionModel,
  type Rect,
  type SheetModel,
  type Stored,
  type Style,
  type Validation,
} from './model';
import { displayOf, passesValidation, readPlain, toStored, type WriteQuirks } from './cells';
import { wallToInstant } from './tz';
import { FakeUi } from './ui';


const writeQuirks = (h: HostCore): WriteQuirks => ({
  apostropheKept: h.quirk('apostrophe-kept'),
  localeConversion: h.quirk('locale-conversion'),
  year: new Date(h.now()).getUTCFullYear(),
});

const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  CHECKBOX: 'CHECKBOX',
} as const;
export const BooleanCriteria = { CUSTOM_FORMULA: 'CUSTOM_FORMULA' } as const;
export const CopyPasteType = {
  PASTE_NORMAL: 'PASTE_NORMAL',
  PASTE_NO_BORDERS: 'PASTE_NO_BORDERS',
  PASTE_FORMAT: 'PASTE_FORMAT',
  PASTE_FORMULA: 'PASTE_FORMULA',
  PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
  PASTE_VALUES: 'PASTE_VALUES',
  PASTE_CONDITIONAL_FORMATTING: 'PASTE_CONDITIONAL_FORMATTING',
  PASTE_COLUMN_WIDTHS: 'PASTE_COLUMN_WIDTHS',
} as const;
export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
  COMBO: 'COMBO',
  HISTOGRAM: 'HISTOGRAM',
} as const;

// ---------------------------------------------------------------------------------------------
// SpreadsheetApp
// ---------------------------------------------------------------------------------------------

type AppKeys =
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getUi'
  | 'openById'
  | 'newDataValidation'
  | 'newConditionalFormatRule'
  | 'flush';

const FULL_SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

export class FakeSpreadsheetApp implements Like<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppKeys> {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };
  readonly Dimension = { COLUMNS: 'COLUMNS', ROWS: 'ROWS' };
  readonly CopyPasteType = CopyPasteType;
  constructor(readonly h: HostCore) {}
  /** The webapp-no-active quirk: in the web app Google may give a bound script no active spreadsheet. */
  private get noActive(): boolean {
    return this.h.webApp && this.h.quirk('webapp-no-active');
  }
  getActive() {
    return this.noActive ? (null as unknown as FakeSpreadsheet) : new FakeSpreadsheet(this.h);
  }
  getActiveSpreadsheet() {
    return this.getActive();
  }
  getActiveSheet() {
    return this.noActive ? (null as unknown as ReturnType<FakeSpreadsheet['_activeSheet']>) : new FakeSpreadsheet(this.h)._activeSheet();
  }
  getActiveRange() {
    return this.noActive ? (null as unknown as ReturnType<FakeSpreadsheet['_activeRange']>) : new FakeSpreadsheet(this.h)._activeRange();
  }
  /** Needs the full spreadsheets scope: spreadsheets.currentonly reaches only the active (bound) one. */
  openById(id: string) {
    if (!this.h.scopes.includes(FULL_SPREADSHEETS)) this.h.fail(`You do not have permission to call SpreadsheetApp.openById. Required permissions: ${FULL_SPREADSHEETS}`);
    if (id !== this.h.workbook.id) this.h.fail('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return new FakeSpreadsheet(this.h);
  }
  getUi() {
    if (!this.h.uiAvailable) this.h.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return new FakeUi(this.h);
  }
  newDataValidation() {
    return new FakeDataValidationBuilder(this.h);
  }
  newConditionalFormatRule() {
    return new FakeConditionalFormatRuleBuilder(this.h);
  }
  flush() {}
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet
// ---------------------------------------------------------------------------------------------

type SpreadsheetKeys =
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'getSheetByName'
  | 'getSheetById'
  | 'getSheets'
  | 'getNumSheets'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'getRange'
  | 'getProtections'
  | 'toast'
  | 'getOwner';

export class FakeSpreadsheet implements Like<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetKeys> {
  constructor(readonly h: HostCore) {}
  private get wb() {
    return this.h.workbook;
  }
  getId() {
    return this.wb.id;
  }
  getName() {
    return this.wb.name;
  }
  rename(newName: string) {
    this.wb.name = String(newName);
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this.wb.id}/edit`;
  }
  getSpreadsheetTimeZone() {
    return this.wb.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      this.h.fail(`Invalid argument: ${timezone}`);
    }
    this.wb.timeZone = timezone;
  }
  getSpreadsheetLocale() {
    return this.wb.locale;
  }
  getSheetByName(name: string) {
    const m = this.wb.sheets.find((s) => s.name === name);
    return m ? new FakeSheet(this.h, m) : null;
  }
  getSheetById(id: number) {
    const m = this.wb.sheets.find((s) => s.id === id);
    return m ? new FakeSheet(this.h, m) : null;
  }
  getSheets() {
    return this.h.arr(this.wb.sheets.map((m) => new FakeSheet(this.h, m)));
  }
  getNumSheets() {
    return this.wb.sheets.length;
  }
  /** insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index); the new sheet becomes active. */
  insertSheet(nameOrIndex?: unknown, index?: unknown) {
    let name: string;
    let at = this.wb.sheets.length;
    if (typeof nameOrIndex === 'number') at = nameOrIndex;
    if (typeof index === 'number') at = index;
    if (typeof nameOrIndex === 'string') {
      name = nameOrIndex;
      if (this.wb.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        this.h.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    } else {
      let n = this.wb.sheets.length + 1;
      while (this.wb.sheets.some((s) => s.name === `Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const m = newSheetModel(this.wb.nextSheetId++, name);
    this.wb.sheets.splice(Math.max(0, Math.min(at, this.wb.sheets.length)), 0, m);
    this.h.activeSheetId = m.id;
    return new FakeSheet(this.h, m);
  }
  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    const m = sheetModelOf(this.h, sheet);
    if (this.wb.sheets.length === 1) this.h.fail("You can't remove all the sheets in a document.");
    assertSheetEditable(this.h, m);
    this.wb.sheets = this.wb.sheets.filter((s) => s !== m);
    if (this.h.activeSheetId === m.id) this.h.activeSheetId = null;
  }
  getActiveSheet() {
    return this._activeSheet();
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    const m = sheetModelOf(this.h, sheet);
    this.h.activeSheetId = m.id;
    this.h.selection = null;
    return new FakeSheet(this.h, m);
  }
  getActiveRange() {
    return this._activeRange();
  }
  /** getRange("Sheet1!A1:B2") or getRange("A1") on the active sheet. */
  getRange(a1Notation: string) {
    const bang = a1Notation.lastIndexOf('!');
    let sheet = this._activeSheet();
    let a1 = a1Notation;
    if (bang >= 0) {
      const name = a1Notation.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      const found = this.wb.sheets.find((s) => s.name === name);
      if (!found) this.h.fail(`Range not found`);
      sheet = new FakeSheet(this.h, found);
      a1 = a1Notation.slice(bang + 1);
    }
    return sheet._rangeA1(a1);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType) {
    const out: FakeProtection[] = [];
    for (const m of this.wb.sheets) out.push(...new FakeSheet(this.h, m)._protections(String(type)));
    return this.h.arr(out);
  }
  toast(msg: string, title?: string, _timeoutSeconds?: number | null) {
    this.h.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), at: new Date(this.h.now()) });
  }
  getOwner() {
    return new FakeUser(this.h, this.wb.owner ?? '');
  }
  _activeSheet(): FakeSheet {
    const sheets = this.wb.sheets;
    const m = sheets.find((s) => s.id === this.h.activeSheetId) ?? sheets.find((s) => !s.hidden) ?? sheets[0];
    return new FakeSheet(this.h, m);
  }
  _activeRange(): FakeRange {
    const sel = this.h.selection;
    const m = sel && this.wb.sheets.find((s) => s.id === sel.sheetId);
    if (sel && m) return new FakeRange(this.h, m, sel.rect.row, sel.rect.col, sel.rect.numRows, sel.rect.numCols);
    const sheet = this._activeSheet();
    return new FakeRange(this.h, sheet.m, 1, 1, 1, 1);
  }
}

/** The model behind a Sheet object Code.js passes back; refuses objects that did not come from this host. */
function sheetModelOf(h: HostCore, sheet: unknown): SheetModel {
  if (!(sheet instanceof FakeSheet)) h.fail('Invalid argument: sheet');
  const m = (sheet as FakeSheet).m;
  if (!h.workbook.sheets.includes(m)) h.fail('Sheet not found');
  return m;
}

// ---------------------------------------------------------------------------------------------
// Protection checks
// ---------------------------------------------------------------------------------------------

function mayEdit(h: HostCore, p: ProtectionModel): boolean {
  return p.warningOnly || p.domainEdit || h.user === h.workbook.owner || p.editors.includes(h.user);
}

/** Throws Google's message when the active user may not edit any cell of rect. */
function assertEditable(h: HostCore, m: SheetModel, rect: Rect): void {
  for (const p of m.protections) {
    if (mayEdit(h, p)) continue;
    if (p.kind === 'RANGE') {
      if (p.rect && rectsOverlap(p.rect, rect)) h.fail(PROTECTED_MESSAGE);
      continue;
    }
    if (p.unprotected.some((u) => rectContains(u, rect.row, rect.col) && rectContains(u, rect.row + rect.numRows - 1, rect.col + rect.numCols - 1)))
      continue;
    for (let r = rect.row; r < rect.row + rect.numRows; r++)
      for (let c = rect.col; c < rect.col + rect.numCols; c++)
        if (!p.unprotected.some((u) => rectContains(u, r, c))) h.fail(PROTECTED_MESSAGE);
  }
}

/** Structure changes (delete/insert rows, delete the sheet) need the whole-sheet protection's permission. */
function assertSheetEditable(h: HostCore, m: SheetModel): void {
  for (const p of m.protections) if (p.kind === 'SHEET' && !mayEdit(h, p)) h.fail(PROTECTED_MESSAGE);
}

// ---------------------------------------------------------------------------------------------
// Sheet
// ---------------------------------------------------------------------------------------------

type SheetKeys =
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getParent'
  | 'getRange'
  | 'getRangeList'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'hideSheet'
  | 'showSheet'
  | 'isSheetHidden'
  | 'protect'
  | 'getProtections'
  | 'setConditionalFormatRules'
  | 'getConditionalFormatRules'
  | 'clearConditionalFormatRules'
  | 'deleteRows'
  | 'deleteRow'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'insertColumnsAfter'
  | 'deleteColumns'
  | 'appendRow'
  | 'clear'
  | 'clearContents'
  | 'newChart'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'updateChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'moveColumns'
  | 'autoResizeColumns'
  | 'setTabColor'
  | 'getTabColor'
  | 'activate';

export class FakeSheet implements Like<GoogleAppsScript.Spreadsheet.Sheet, SheetKeys> {
  constructor(
    readonly h: HostCore,
    readonly m: SheetModel,
  ) {}
  getName() {
    return this.m.name;
  }
  setName(name: string) {
    const clash = this.h.workbook.sheets.find((s) => s !== this.m && s.name.toLowerCase() === String(name).toLowerCase());
    if (clash) this.h.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.m.name = String(name);
    return this;
  }
  getSheetId() {
    return this.m.id;
  }
  getIndex() {
    return this.h.workbook.sheets.indexOf(this.m) + 1;
  }
  getParent() {
    return new FakeSpreadsheet(this.h);
  }
  /** getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation). */
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number) {
    if (typeof a === 'string') return this._rangeA1(a);
    return this._range(a, column, numRows ?? 1, numColumns ?? 1);
  }
  /** Ranges of this sheet by A1 notation, e.g. ['B2:B4', 'D7']; like Google, every one must exist. */
  getRangeList(a1Notations: string[]) {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) this.h.fail('The parameters () don\'t match the method signature for SpreadsheetApp.Sheet.getRangeList.');
    return new FakeRangeList(this.h, Array.from(a1Notations, (a) => this._rangeA1(a)));
  }
  getDataRange() {
    return new FakeRange(this.h, this.m, 1, 1, Math.max(1, lastRowOf(this.m)), Math.max(1, lastColumnOf(this.m)));
  }
  getLastRow() {
    return lastRowOf(this.m);
  }
  getLastColumn() {
    return lastColumnOf(this.m);
  }
  getMaxRows() {
    return this.m.maxRows;
  }
  getMaxColumns() {
    return this.m.maxColumns;
  }
  setFrozenRows(rows: number) {
    this.m.frozenRows = Math.max(0, Math.floor(rows));
  }
  getFrozenRows() {
    return this.m.frozenRows;
  }
  setFrozenColumns(columns: number) {
    this.m.frozenColumns = Math.max(0, Math.floor(columns));
  }
  getFrozenColumns() {
    return this.m.frozenColumns;
  }
  hideSheet() {
    if (!this.m.hidden && this.h.workbook.sheets.filter((s) => !s.hidden).length === 1)
      this.h.fail("You can't hide all the sheets in a document.");
    this.m.hidden = true;
    return this;
  }
  showSheet() {
    this.m.hidden = false;
    return this;
  }
  isSheetHidden() {
    return this.m.hidden;
  }
  /** Returns the sheet's existing whole-sheet protection, or creates one editable by its creator. */
  protect() {
    let p = this.m.protections.find((x) => x.kind === 'SHEET');
    if (!p) {
      p = newProtection(this.h, 'SHEET', null);
      this.m.protections.push(p);
    }
    return new FakeProtection(this.h, this.m, p);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType) {
    return this.h.arr(this._protections(String(type)));
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]) {
    this.m.conditionalRules = Array.from(rules, (r) => {
      if (!(r instanceof FakeConditionalFormatRule)) this.h.fail('Invalid argument: rules');
      return { ...r.model, ranges: r.model.ranges.map((x) => ({ ...x })) };
    });
  }
  getConditionalFormatRules() {
    return this.h.arr(this.m.conditionalRules.map((r) => new FakeConditionalFormatRule(this.h, { ...r }, this.m)));
  }
  clearConditionalFormatRules() {
    this.m.conditionalRules = [];
  }
  deleteRows(rowPosition: number, howMany: number) {
    const m = this.m;
    if (!(howMany >= 1)) this.h.fail('The number of rows must be at least 1.');
    if (rowPosition < 1 || rowPosition + howMany - 1 > m.maxRows) this.h.fail('Those rows are out of bounds.');
    if (howMany >= m.maxRows) this.h.fail("You can't delete all the rows on the sheet.");
    if (m.maxRows - howMany <= m.frozenRows && rowPosition > m.frozenRows)
      this.h.fail('Sorry, it is not possible to delete all non-frozen rows.');
    assertSheetEditable(this.h, m);
    assertEditable(this.h, m, { row: rowPosition, col: 1, numRows: howMany, numCols: m.maxColumns });
    const at = rowPosition - 1;
    m.rows.splice(at, howMany);
    m.styles.splice(at, howMany);
    m.validations.splice(at, howMany);
    m.maxRows -= howMany;
    shiftRects(m, rowPosition, -howMany);
  }
  deleteRow(rowPosition: number) {
    this.deleteRows(rowPosition, 1);
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    this._insertRows(afterPosition + 1, howMany);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number) {
    this._insertRows(beforePosition, howMany);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    const m = this.m;
    if (afterPosition < 0 || afterPosition > m.maxColumns) this.h.fail('Those columns are out of bounds.');
    assertSheetEditable(this.h, m);
    for (const grid of [m.rows, m.styles, m.validations] as unknown[][][])
      for (const row of grid) if (row && row.length > afterPosition) insertBlanks(row, afterPosition, howMany);
    m.maxColumns += howMany;
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number) {
    const m = this.m;
    if (columnPosition < 1 || columnPosition + howMany - 1 > m.maxColumns) this.h.fail('Those columns are out of bounds.');
    if (howMany >= m.maxColumns) this.h.fail("You can't delete all the columns on the sheet.");
    assertSheetEditable(this.h, m);
    for (const grid of [m.rows, m.styles, m.validations] as unknown[][][])
      for (const row of grid) if (row) row.splice(columnPosition - 1, howMany);
    m.maxColumns -= howMany;
  }
  appendRow(rowContents: unknown[]) {
    const m = this.m;
    if (!Array.isArray(rowContents)) this.h.fail("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = lastRowOf(m) + 1;
    const width = rowContents.length;
    assertEditable(this.h, m, { row, col: 1, numRows: 1, numCols: Math.max(1, width) });
    if (row > m.maxRows) m.maxRows = row;
    if (width > m.maxColumns) m.maxColumns = width;
    const tz = this.h.workbook.timeZone;
    const target = (m.rows[row - 1] ??= []);
    const styles = m.styles[row - 1];
    for (let c = 0; c < width; c++) target[c] = toStored(rowContents[c], tz, styles?.[c]?.numberFormat === '@', writeQuirks(this.h));
    checkValidation(this.h, m, { row, col: 1, numRows: 1, numCols: Math.max(1, width) });
    return this;
  }
  /** clear() clears values and formats; clear({contentsOnly, formatOnly, validationsOnly}) just those. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }) {
    const all = !options || (!options.contentsOnly && !options.formatOnly && !options.validationsOnly);
    assertEditable(this.h, this.m, { row: 1, col: 1, numRows: this.m.maxRows, numCols: this.m.maxColumns });
    if (all || options?.contentsOnly) this.m.rows = [];
    if (all || options?.formatOnly) this.m.styles = [];
    if (options?.validationsOnly) this.m.validations = [];
    return this;
  }
  clearContents() {
    assertEditable(this.h, this.m, { row: 1, col: 1, numRows: this.m.maxRows, numCols: this.m.maxColumns });
    this.m.rows = [];
    return this;
  }
  newChart() {
    return new FakeChartBuilder(this.h, this.m, null);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const c = chartOf(this.h, chart);
    const id = 1 + Math.max(0, ...this.h.workbook.sheets.flatMap((s) => s.charts.map((x) => x.id)));
    const model: ChartModel = { ...c.model, id };
    this.m.charts.push(model);
    c.model = model;
  }
  getCharts() {
    return this.h.arr(this.m.charts.map((c) => new FakeEmbeddedChart(this.h, this.m, c)));
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const c = chartOf(this.h, chart);
    this.m.charts = this.m.charts.filter((x) => x.id !== c.model.id);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    const c = chartOf(this.h, chart);
    const i = this.m.charts.findIndex((x) => x.id === c.model.id);
    if (i < 0) this.h.fail('Chart not found');
    this.m.charts[i] = { ...c.model };
  }
  setColumnWidth(columnPosition: number, width: number) {
    this.m.columnWidths[columnPosition] = width;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number) {
    if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > this.m.maxColumns) this.h.fail('Those columns are out of bounds.');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.m.columnWidths[c] = width;
    return this;
  }
  /**
   * The columns columnSpec spans go before column destinationIndex (counted before the move),
   * with their values, formats, dropdowns, widths, notes and merges; protected, conditional-format
   * and chart ranges follow their cells. Formulas elsewhere are not re-pointed (Google does that;
   * the host does not calculate). A move across the frozen columns' edge is refused, as in Sheets.
   */
  moveColumns(columnSpec: GoogleAppsScript.Spreadsheet.Range, destinationIndex: number) {
    const h: HostCore = this.h;
    const m = this.m;
    if (!(columnSpec instanceof FakeRange) || columnSpec.m !== m) h.fail('Invalid argument: columnSpec');
    const spec = columnSpec as FakeRange;
    const from = spec.col;
    const count = spec.numCols;
    const dest = Math.floor(destinationIndex);
    if (!(dest >= 1) || dest > m.maxColumns + 1) h.fail('Those columns are out of bounds.');
    if (dest >= from && dest <= from + count) return;
    const f = m.frozenColumns;
    const blockFrozen = from + count - 1 <= f;
    const blockFree = from > f;
    if (f > 0 && !((blockFrozen && dest <= f + 1) || (blockFree && dest >= f + 1)))
      h.fail('Sorry, it is not possible to move columns across the frozen columns. Unfreeze them first.');
    assertSheetEditable(h, m);
    const lo = Math.min(from, dest);
    const hi = Math.max(from + count - 1, dest - 1);
    assertEditable(h, m, { row: 1, col: lo, numRows: m.maxRows, numCols: hi - lo + 1 });
    // newCol[c] for 1-based old column c.
    const order = Array.from({ length: m.maxColumns }, (_, i) => i + 1);
    const block = order.splice(from - 1, count);
    order.splice(dest < from ? dest - 1 : dest - 1 - count, 0, ...block);
    const newCol = new Map(order.map((old, i) => [old, i + 1] as const));
    const to = (c: number) => newCol.get(c) ?? c;
    for (const grid of [m.rows, m.styles, m.validations] as unknown[][][])
      for (let r = 0; r < grid.length; r++) {
        const row = grid[r];
        if (!row) continue;
        const moved: unknown[] = [];
        for (let c = 0; c < row.length; c++) if (c in row) moved[to(c + 1) - 1] = row[c];
        grid[r] = moved;
      }
    const widths: Record<number, number> = {};
    for (const [c, w] of Object.entries(m.columnWidths)) widths[to(Number(c))] = w;
    m.columnWidths = widths;
    const rect = (r: Rect): Rect => {
      const cols = Array.from({ length: r.numCols }, (_, i) => to(r.col + i));
      const first = Math.min(...cols);
      return { ...r, col: first, numCols: Math.max(...cols) - first + 1 };
    };
    for (const p of m.protections) {
      if (p.rect) p.rect = rect(p.rect);
      p.unprotected = p.unprotected.map(rect);
    }
    for (const rule of m.conditionalRules) rule.ranges = rule.ranges.map(rect);
    for (const chart of m.charts) chart.ranges = chart.ranges.map(rect);
    const a1 = (text: string) => {
      const r = parseA1(text, m.maxRows, m.maxColumns);
      return r ? a1Of(rect(r)) : text;
    };
    if (m.merges) m.merges = m.merges.map(a1);
    if (m.notes) m.notes = Object.fromEntries(Object.entries(m.notes).map(([k, v]) => [a1(k), v]));
  }
  getColumnWidth(columnPosition: number) {
    return this.m.columnWidths[columnPosition] ?? 100;
  }
  autoResizeColumns(_startColumn: number, _numColumns: number) {
    return this;
  }
  setTabColor(color: string | null) {
    this.m.tabColor = color;
    return this;
  }
  getTabColor() {
    return this.m.tabColor;
  }
  activate() {
    this.h.activeSheetId = this.m.id;
    this.h.selection = null;
    return this;
  }

  _range(row: number, column: number | undefined, numRows: number, numColumns: number): FakeRange {
    const h: HostCore = this.h;
    if (typeof row !== 'number' || typeof column !== 'number' || Number.isNaN(row) || Number.isNaN(column))
      h.fail("The parameters (number,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    const r = Math.floor(row);
    const c = Math.floor(column);
    const nr = Math.floor(numRows);
    const nc = Math.floor(numColumns);
    if (r < 1) h.fail('The starting row of the range is too small.');
    if (c < 1) h.fail('The starting column of the range is too small.');
    if (!(nr >= 1)) h.fail('The number of rows in the range must be at least 1.');
    if (!(nc >= 1)) h.fail('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > this.m.maxRows || c + nc - 1 > this.m.maxColumns)
      h.fail('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(h, this.m, r, c, nr, nc);
  }
  _rangeA1(a1: string): FakeRange {
    const rect = parseA1(String(a1), this.m.maxRows, this.m.maxColumns);
    if (!rect) this.h.fail('Range not found');
    return this._range(rect.row, rect.col, rect.numRows, rect.numCols);
  }
  _insertRows(at: number, howMany: number) {
    const m = this.m;
    if (at < 1 || at > m.maxRows + 1) this.h.fail('Those rows are out of bounds.');
    if (!(howMany >= 1)) this.h.fail('The number of rows must be at least 1.');
    assertSheetEditable(this.h, m);
    const idx = at - 1;
    for (const grid of [m.rows, m.styles, m.validations] as unknown[][][]) if (grid.length > idx) insertBlanks(grid, idx, howMany);
    m.maxRows += howMany;
    shiftRects(m, at, howMany);
  }
  _protections(type: string): FakeProtection[] {
    return this.m.protections.filter((p) => p.kind === type).map((p) => new FakeProtection(this.h, this.m, p));
  }
}

/** Inserts n holes at idx without spreading (a spread of 100,000 arguments would overflow the stack). */
function insertBlanks(list: unknown[], idx: number, n: number): void {
  const tail = list.splice(idx);
  list.length = idx + n;
  for (let i = 0; i < tail.length; i++) list[idx + n + i] = tail[i];
}

/** Moves protected ranges, conditional-format ranges and charts when rows are inserted (delta > 0) or deleted. */
function shiftRects(m: SheetModel, at: number, delta: number): void {
  const move = (r: Rect): Rect | null => {
    const end = r.row + r.numRows - 1;
    if (delta > 0) {
      if (r.row >= at) return { ...r, row: r.row + delta };
      if (end >= at) return { ...r, numRows: r.numRows + delta };
      return r;
    }
    const delEnd = at - delta - 1;
    if (end < at) return r;
    if (r.row > delEnd) return { ...r, row: r.row + delta };
    const keptTop = Math.max(0, at - r.row);
    const keptBottom = Math.max(0, end - delEnd);
    const rows = keptTop + keptBottom;
    return rows === 0 ? null : { ...r, row: Math.min(r.row, at), numRows: rows };
  };
  const keep = (rs: Rect[]) => rs.map(move).filter((x): x is Rect => x !== null);
  m.protections = m.protections.filter((p) => {
    if (p.rect) {
      const moved = move(p.rect);
      if (!moved) return false;
      p.rect = moved;
    }
    p.unprotected = keep(p.unprotected);
    return true;
  });
  for (const rule of m.conditionalRules) rule.ranges = keep(rule.ranges);
  m.conditionalRules = m.conditionalRules.filter((r) => r.ranges.length > 0);
}

function checkValidation(h: HostCore, m: SheetModel, rect: Rect): void {
  for (let r = rect.row - 1; r < rect.row - 1 + rect.numRows; r++) {
    const vrow = m.validations[r];
    if (!vrow) continue;
    const row = m.rows[r];
    for (let c = rect.col - 1; c < rect.col - 1 + rect.numCols; c++) {
      const rule = vrow[c];
      if (rule && !rule.allowInvalid && !passesValidation(row?.[c], rule))
        h.fail(`The data you entered in cell ${a1Of({ row: r + 1, col: c + 1, numRows: 1, numCols: 1 })} violates the data validation rules set on this cell.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------------

type RangeKeys =
  | 'activate'
  | 'getValues'
  | 'setValues'
  | 'getValue'
  | 'setValue'
  | 'getDisplayValues'
  | 'getDisplayValue'
  | 'getFormulas'
  | 'getFormula'
  | 'setFormula'
  | 'setFormulas'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setDataValidation'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'clearDataValidations'
  | 'setFontWeight'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'setFontColor'
  | 'getFontColor'
  | 'setBackground'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setWrap'
  | 'getWrap'
  | 'setHorizontalAlignment'
  | 'clearContent'
  | 'clearFormat'
  | 'clear'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getA1Notation'
  | 'getSheet'
  | 'getCell'
  | 'offset'
  | 'protect'
  | 'isBlank'
  | 'copyTo';

export class FakeRange implements Like<GoogleAppsScript.Spreadsheet.Range, RangeKeys> {
  constructor(
    readonly h: HostCore,
    readonly m: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
  ) {}
  activate() {
    this.h.activeSheetId = this.m.id;
    this.h.selection = { sheetId: this.m.id, rect: this._rect() };
    return this;
  }
  getValues() {
    return this._grid((v, fmt, tz, h) => {
      const plain = readPlain(v, fmt);
      return plain instanceof Date ? h.vmDate(wallToInstant(plain.getTime(), tz)) : plain;
    });
  }
  setValues(values: unknown[][]) {
    this._checkShape(values, 'setValues');
    this._write((i, j) => values[i][j]);
    return this;
  }
  getValue() {
    return this._cell((v, fmt, tz, h) => {
      const plain = readPlain(v, fmt);
      return plain instanceof Date ? h.vmDate(wallToInstant(plain.getTime(), tz)) : plain;
    });
  }
  /** Sets every cell of the range to the value, like Google. */
  setValue(value: unknown) {
    this._write(() => value);
    return this;
  }
  getDisplayValues() {
    return this._grid((v, fmt) => displayOf(v, fmt));
  }
  getDisplayValue() {
    return this._cell((v, fmt) => displayOf(v, fmt));
  }
  getFormulas() {
    return this._grid((v) => (v instanceof Formula ? v.text : ''));
  }
  getFormula() {
    return this._cell((v) => (v instanceof Formula ? v.text : ''));
  }
  setFormula(formula: string) {
    const text = String(formula);
    this._write(() => (text.startsWith('=') ? text : `=${text}`));
    return this;
  }
  setFormulas(formulas: string[][]) {
    this._checkShape(formulas, 'setFormulas');
    this._write((i, j) => {
      const text = String(formulas[i][j] ?? '');
      return text === '' || text.startsWith('=') ? text : `=${text}`;
    });
    return this;
  }
  setNumberFormat(numberFormat: string) {
    this._style({ numberFormat: String(numberFormat) });
    return this;
  }
  setNumberFormats(numberFormats: unknown[][]) {
    this._checkShape(numberFormats, 'setNumberFormats');
    this._styleEach((i, j) => ({ numberFormat: String(numberFormats[i][j]) }));
    return this;
  }
  getNumberFormat() {
    return this.m.styles[this.row - 1]?.[this.col - 1]?.numberFormat ?? '';
  }
  getNumberFormats() {
    return this._styleGrid((s) => s?.numberFormat ?? '');
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null) {
    if (rule !== null && !(rule instanceof FakeDataValidation)) this.h.fail('Invalid argument: rule');
    const model = rule ? (rule as FakeDataValidation).model : undefined;
    assertEditable(this.h, this.m, this._rect());
    for (let r = this.row - 1; r < this.row - 1 + this.numRows; r++) {
      const vrow = (this.m.validations[r] ??= []);
      for (let c = this.col - 1; c < this.col - 1 + this.numCols; c++) vrow[c] = model;
    }
    return this;
  }
  getDataValidation() {
    const v = this.m.validations[this.row - 1]?.[this.col - 1];
    return v ? new FakeDataValidation(this.h, v) : null;
  }
  getDataValidations() {
    const out = this.h.realm.newArray(this.numRows);
    for (let i = 0; i < this.numRows; i++) {
      const vrow = this.m.validations[this.row - 1 + i];
      const line = this.h.realm.newArray(this.numCols);
      for (let j = 0; j < this.numCols; j++) {
        const v = vrow?.[this.col - 1 + j];
        line[j] = v ? new FakeDataValidation(this.h, v) : null;
      }
      out[i] = line;
    }
    return out as (FakeDataValidation | null)[][];
  }
  clearDataValidations() {
    return this.setDataValidation(null);
  }
  setFontWeight(fontWeight: string | null) {
    this._style({ fontWeight: fontWeight ?? undefined });
    return this;
  }
  getFontWeight() {
    return this.m.styles[this.row - 1]?.[this.col - 1]?.fontWeight ?? 'normal';
  }
  getFontWeights() {
    return this._styleGrid((s) => s?.fontWeight ?? 'normal');
  }
  setFontColor(color: string | null) {
    this._style({ fontColor: color ?? undefined });
    return this;
  }
  getFontColor() {
    return this.m.styles[this.row - 1]?.[this.col - 1]?.fontColor ?? '#000000';
  }
  setBackground(color: string | null) {
    this._style({ background: color ?? undefined });
    return this;
  }
  getBackground() {
    return this.m.styles[this.row - 1]?.[this.col - 1]?.background ?? '#ffffff';
  }
  getBackgrounds() {
    return this._styleGrid((s) => s?.background ?? '#ffffff');
  }
  setWrap(isWrapEnabled: boolean) {
    this._style({ wrap: Boolean(isWrapEnabled) });
    return this;
  }
  getWrap() {
    return this.m.styles[this.row - 1]?.[this.col - 1]?.wrap ?? true;
  }
  setHorizontalAlignment(alignment: string | null) {
    this._style({ horizontalAlignment: alignment ?? undefined });
    return this;
  }
  clearContent() {
    this._blank(this.m.rows, null);
    return this;
  }
  clearFormat() {
    this._blank(this.m.styles, undefined);
    return this;
  }
  /** Blanks this range's cells in one of the sheet's grids (values or styles). */
  _blank<T>(grid: T[][], blank: T) {
    assertEditable(this.h, this.m, this._rect());
    for (let r = this.row - 1; r < this.row - 1 + this.numRows; r++) {
      const row = grid[r];
      if (row) for (let c = this.col - 1; c < this.col - 1 + this.numCols && c < row.length; c++) row[c] = blank;
    }
  }
  clear() {
    this.clearContent();
    this.clearFormat();
    return this;
  }
  getRow() {
    return this.row;
  }
  getColumn() {
    return this.col;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numCols;
  }
  getLastRow() {
    return this.row + this.numRows - 1;
  }
  getLastColumn() {
    return this.col + this.numCols - 1;
  }
  getA1Notation() {
    return a1Of(this._rect());
  }
  getSheet() {
    return new FakeSheet(this.h, this.m);
  }
  getCell(row: number, column: number) {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols) this.h.fail('Cell reference out of range');
    return new FakeRange(this.h, this.m, this.row + row - 1, this.col + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
    return new FakeSheet(this.h, this.m)._range(this.row + rowOffset, this.col + columnOffset, numRows ?? this.numRows, numColumns ?? this.numCols);
  }
  protect() {
    const p = newProtection(this.h, 'RANGE', this._rect());
    this.m.protections.push(p);
    return new FakeProtection(this.h, this.m, p);
  }
  /**
   * copyTo(destination, copyPasteType, transposed): the formats (PASTE_FORMAT) or dropdowns
   * (PASTE_DATA_VALIDATION) of this range, repeated over the destination as Sheets tiles a paste.
   * Other kinds are not modelled and throw, so no caller relies on a kinder fake.
   */
  copyTo(destination: GoogleAppsScript.Spreadsheet.Range, copyPasteType?: unknown, transposed?: boolean) {
    if (!(destination instanceof FakeRange)) this.h.fail('Invalid argument: destination');
    const dest = destination as FakeRange;
    const type = String(copyPasteType);
    if (transposed || (type !== CopyPasteType.PASTE_FORMAT && type !== CopyPasteType.PASTE_DATA_VALIDATION))
      this.h.fail(`copyTo(${type}${transposed ? ', transposed' : ''}) is not modelled by the local host`);
    assertEditable(this.h, dest.m, dest._rect());
    const grid = (type === CopyPasteType.PASTE_FORMAT ? this.m.styles : this.m.validations) as unknown[][];
    const into = (type === CopyPasteType.PASTE_FORMAT ? dest.m.styles : dest.m.validations) as unknown[][];
    const src = Array.from({ length: this.numRows }, (_, i) => Array.from({ length: this.numCols }, (_, j) => grid[this.row - 1 + i]?.[this.col - 1 + j]));
    for (let i = 0; i < dest.numRows; i++) {
      const row = (into[dest.row - 1 + i] ??= []);
      for (let j = 0; j < dest.numCols; j++) row[dest.col - 1 + j] = src[i % this.numRows][j % this.numCols];
    }
  }
  isBlank() {
    for (let r = this.row - 1; r < this.row - 1 + this.numRows; r++) {
      const row = this.m.rows[r];
      if (!row) continue;
      for (let c = this.col - 1; c < this.col - 1 + this.numCols; c++) {
        const v = row[c];
        if (v !== null && v !== undefined && v !== '') return false;
      }
    }
    return true;
  }

  _rect(): Rect {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }
  /** Builds a vm-realm 2-D array, one row slice at a time (no per-cell objects). */
  _grid<T>(read: (v: Stored, fmt: string | undefined, tz: string, h: HostCore) => T): T[][] {
    const { h, m } = this;
    const tz = h.workbook.timeZone;
    const out = h.realm.newArray(this.numRows) as T[][];
    h.cells.read += this.numRows * this.numCols;
    const c0 = this.col - 1;
    for (let i = 0; i < this.numRows; i++) {
      const src = m.rows[this.row - 1 + i];
      const styles = m.styles[this.row - 1 + i];
      const line = h.realm.newArray(this.numCols) as T[];
      for (let j = 0; j < this.numCols; j++) {
        const v = src === undefined ? undefined : src[c0 + j];
        const fmt = styles === undefined ? undefined : styles[c0 + j]?.numberFormat;
        line[j] = read(v, fmt, tz, h);
      }
      out[i] = line;
    }
    return out;
  }
  _cell<T>(read: (v: Stored, fmt: string | undefined, tz: string, h: HostCore) => T): T {
    this.h.cells.read++;
    const v = this.m.rows[this.row - 1]?.[this.col - 1];
    const fmt = this.m.styles[this.row - 1]?.[this.col - 1]?.numberFormat;
    return read(v, fmt, this.h.workbook.timeZone, this.h);
  }
  _styleGrid<T>(read: (s: Style | undefined) => T): T[][] {
    const out = this.h.realm.newArray(this.numRows) as T[][];
    for (let i = 0; i < this.numRows; i++) {
      const srow = this.m.styles[this.row - 1 + i];
      const line = this.h.realm.newArray(this.numCols) as T[];
      for (let j = 0; j < this.numCols; j++) line[j] = read(srow?.[this.col - 1 + j]);
      out[i] = line;
    }
    return out;
  }
  _checkShape(values: unknown, method: string): asserts values is unknown[][] {
    const h: HostCore = this.h;
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r)))
      h.fail(`The parameters (${typeName(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    if (values.length !== this.numRows)
      h.fail(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    for (const row of values as unknown[][])
      if (row.length !== this.numCols)
        h.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numCols}.`,
        );
  }
  _write(valueAt: (i: number, j: number) => unknown): void {
    const { h, m } = this;
    assertEditable(h, m, this._rect());
    h.cells.written += this.numRows * this.numCols;
    const tz = h.workbook.timeZone;
    const c0 = this.col - 1;
    const before: Stored[][] = [];
    const guarded = m.validations.length > 0;
    const quirks = writeQuirks(h);
    for (let i = 0; i < this.numRows; i++) {
      const r = this.row - 1 + i;
      const target = (m.rows[r] ??= []);
      const styles = m.styles[r];
      if (guarded) before.push(target.slice(c0, c0 + this.numCols));
      for (let j = 0; j < this.numCols; j++) target[c0 + j] = toStored(valueAt(i, j), tz, styles?.[c0 + j]?.numberFormat === '@', quirks);
    }
    if (!guarded) return;
    try {
      checkValidation(h, m, this._rect());
    } catch (e) {
      // Google rejects the whole write: put the old values back.
      for (let i = 0; i < this.numRows; i++) {
        const target = m.rows[this.row - 1 + i];
        for (let j = 0; j < this.numCols; j++) target[c0 + j] = before[i][j];
      }
      throw e;
    }
  }
  _style(patch: Style): void {
    this._styleEach(() => patch, true);
  }
  _styleEach(patchAt: (i: number, j: number) => Style, samePatch = false): void {
    const { m } = this;
    assertEditable(this.h, m, this._rect());
    // One merged Style object per distinct previous style, so a formatted column shares a handful of objects.
    const memo = new Map<Style | undefined, Style>();
    for (let i = 0; i < this.numRows; i++) {
      const srow = (m.styles[this.row - 1 + i] ??= []);
      for (let j = 0; j < this.numCols; j++) {
        const c = this.col - 1 + j;
        const old = srow[c];
        if (samePatch && memo.has(old)) {
          srow[c] = memo.get(old);
          continue;
        }
        const merged: Style = { ...old, ...patchAt(i, j) };
        for (const k of Object.keys(merged) as (keyof Style)[]) if (merged[k] === undefined) delete merged[k];
        if (samePatch) memo.set(old, merged);
        srow[c] = merged;
      }
    }
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'Object[]';
  if (isDate(v)) return 'Date';
  const t = typeof v;
  return t === 'string' ? 'String' : t === 'number' ? 'number' : t === 'boolean' ? 'Boolean' : 'Object';
}

// ---------------------------------------------------------------------------------------------
// Data validation
// ---------------------------------------------------------------------------------------------

type DvBuilderKeys = 'requireValueInList' | 'requireDate' | 'requireCheckbox' | 'setAllowInvalid' | 'setHelpText' | 'build';

/** Several ranges of one sheet, written in one call (RangeList.setValue puts the same value in each). */
export class FakeRangeList implements Like<GoogleAppsScript.Spreadsheet.RangeList, 'getRanges' | 'setValue' | 'clearContent'> {
  constructor(
    readonly h: HostCore,
    readonly ranges: FakeRange[],
  ) {}
  getRanges() {
    return this.h.arr(this.ranges);
  }
  setValue(value: unknown) {
    for (const r of this.ranges) r._write(() => value);
    return this;
  }
  clearContent() {
    for (const r of this.ranges) r._write(() => '');
    return this;
  }
}

export class FakeDataValidationBuilder implements Like<GoogleAppsScript.Spreadsheet.DataValidationBuilder, DvBuilderKeys> {
  model: Validation = { kind: 'list', values: [], showDropdown: true, allowInvalid: true, helpText: null };
  constructor(readonly h: HostCore) {}
  requireValueInList(values: string[], showDropdown?: boolean) {
    this.model = { ...this.model, kind: 'list', values: Array.from(values, String), showDropdown: showDropdown ?? true };
    return this;
  }
  requireDate() {
    this.model = { ...this.model, kind: 'date', values: [] };
    return this;
  }
  requireCheckbox() {
    this.model = { ...this.model, kind: 'checkbox', values: [] };
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean) {
    this.model = { ...this.model, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }
  setHelpText(helpText: string) {
    this.model = { ...this.model, helpText: String(helpText) };
    return this;
  }
  build() {
    return new FakeDataValidation(this.h, { ...this.model, values: [...this.model.values] });
  }
}

type DvKeys = 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText' | 'copy';

export class FakeDataValidation implements Like<GoogleAppsScript.Spreadsheet.DataValidation, DvKeys> {
  constructor(
    readonly h: HostCore,
    readonly model: Validation,
  ) {}
  getCriteriaType() {
    const kinds = { list: 'VALUE_IN_LIST', date: 'DATE_IS_VALID_DATE', checkbox: 'CHECKBOX' } as const;
    return kinds[this.model.kind] as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues() {
    return this.model.kind === 'list' ? this.h.arr([this.h.arr(this.model.values), this.model.showDropdown]) : this.h.arr([]);
  }
  getAllowInvalid() {
    return this.model.allowInvalid;
  }
  getHelpText() {
    return this.model.helpText;
  }
  copy() {
    const b = new FakeDataValidationBuilder(this.h);
    b.model = { ...this.model, values: [...this.model.values] };
    return b;
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formatting
// ---------------------------------------------------------------------------------------------

type CfBuilderKeys = 'whenFormulaSatisfied' | 'setBackground' | 'setFontColor' | 'setBold' | 'setRanges' | 'build';

export class FakeConditionalFormatRuleBuilder implements Like<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, CfBuilderKeys> {
  model: ConditionalRule = { formula: '', background: null, fontColor: null, bold: null, ranges: [] };
  sheet: SheetModel | null = null;
  constructor(readonly h: HostCore) {}
  whenFormulaSatisfied(formula: string) {
    this.model.formula = String(formula);
    return this;
  }
  setBackground(color: string | null) {
    this.model.background = color;
    return this;
  }
  setFontColor(color: string | null) {
    this.model.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null) {
    this.model.bold = bold;
    return this;
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    const list = Array.from(ranges, (r) => {
      if (!(r instanceof FakeRange)) this.h.fail('Invalid argument: ranges');
      return r as FakeRange;
    });
    this.sheet = list[0]?.m ?? null;
    this.model.ranges = list.map((r) => r._rect());
    return this;
  }
  build() {
    if (!this.model.formula) this.h.fail('Conditional format rule must have a condition set.');
    return new FakeConditionalFormatRule(this.h, { ...this.model, ranges: [...this.model.ranges] }, this.sheet);
  }
}

export class FakeConditionalFormatRule implements Like<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, 'getRanges' | 'getBooleanCondition' | 'copy'> {
  constructor(
    readonly h: HostCore,
    readonly model: ConditionalRule,
    readonly sheet: SheetModel | null,
  ) {}
  getRanges() {
    const sheet = this.sheet;
    if (!sheet) return this.h.arr([]);
    return this.h.arr(this.model.ranges.map((r) => new FakeRange(this.h, sheet, r.row, r.col, r.numRows, r.numCols)));
  }
  getBooleanCondition() {
    return new FakeBooleanCondition(this.h, this.model);
  }
  copy() {
    const b = new FakeConditionalFormatRuleBuilder(this.h);
    b.model = { ...this.model, ranges: [...this.model.ranges] };
    b.sheet = this.sheet;
    return b;
  }
}

export class FakeBooleanCondition
  implements Like<GoogleAppsScript.Spreadsheet.BooleanCondition, 'getCriteriaType' | 'getCriteriaValues' | 'getBackground' | 'getFontColor' | 'getBold'>
{
  constructor(
    readonly h: HostCore,
    readonly model: ConditionalRule,
  ) {}
  getCriteriaType() {
    return BooleanCriteria.CUSTOM_FORMULA as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues() {
    return this.h.arr([this.model.formula]);
  }
  getBackground() {
    return this.model.background;
  }
  getFontColor() {
    return this.model.fontColor;
  }
  getBold() {
    return this.model.bold;
  }
}

// ---------------------------------------------------------------------------------------------
// Protection
// ---------------------------------------------------------------------------------------------

function newProtection(h: HostCore, type: 'SHEET' | 'RANGE', rect: Rect | null): ProtectionModel {
  const editors = h.user && h.user !== h.workbook.owner ? [h.user] : [];
  return { id: googleId(16), kind: type, rect, description: '', warningOnly: false, editors, domainEdit: false, unprotected: [] };
}

type ProtectionKeys =
  | 'setDescription'
  | 'getDescription'
  | 'setWarningOnly'
  | 'isWarningOnly'
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'getEditors'
  | 'canEdit'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'getRange'
  | 'setRange'
  | 'getProtectionType'
  | 'setUnprotectedRanges'
  | 'getUnprotectedRanges'
  | 'remove';

export class FakeProtection implements Like<GoogleAppsScript.Spreadsheet.Protection, ProtectionKeys> {
  constructor(
    readonly h: HostCore,
    readonly sheet: SheetModel,
    readonly model: ProtectionModel,
  ) {}
  setDescription(description: string) {
    this.model.description = String(description);
    return this;
  }
  getDescription() {
    return this.model.description;
  }
  setWarningOnly(warningOnly: boolean) {
    this.model.warningOnly = Boolean(warningOnly);
    return this;
  }
  isWarningOnly() {
    return this.model.warningOnly;
  }
  addEditor(emailAddress: string | GoogleAppsScript.Base.User) {
    return this.addEditors([emailOf(emailAddress)]);
  }
  addEditors(emailAddresses: string[]) {
    this._assertManager();
    for (const e of Array.from(emailAddresses, emailOf)) {
      if (e !== this.h.workbook.owner && !this.model.editors.includes(e)) this.model.editors.push(e);
    }
    return this;
  }
  removeEditor(emailAddress: string | GoogleAppsScript.Base.User) {
    return this.removeEditors([emailOf(emailAddress)]);
  }
  /**
   * Neither the spreadsheet owner nor the user running the script is removed, as in Google (its own
   * sample calls removeEditors(getEditors()) right after addEditor(me) and keeps editing).
   */
  removeEditors(emailAddresses: (string | GoogleAppsScript.Base.User)[]) {
    this._assertManager();
    const drop = new Set(Array.from(emailAddresses, emailOf));
    drop.delete(this.h.user);
    this.model.editors = this.model.editors.filter((e) => !drop.has(e));
    return this;
  }
  getEditors() {
    const owner = this.h.workbook.owner;
    const emails = owner ? [owner, ...this.model.editors] : [...this.model.editors];
    return this.h.arr(emails.map((e) => new FakeUser(this.h, e)));
  }
  canEdit() {
    return mayEdit(this.h, { ...this.model, warningOnly: false });
  }
  canDomainEdit() {
    return this.model.domainEdit;
  }
  setDomainEdit(editable: boolean) {
    this.model.domainEdit = Boolean(editable);
    return this;
  }
  getRange() {
    const r = this.model.rect ?? { row: 1, col: 1, numRows: this.sheet.maxRows, numCols: this.sheet.maxColumns };
    return new FakeRange(this.h, this.sheet, r.row, r.col, r.numRows, r.numCols);
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range) {
    if (!(range instanceof FakeRange)) this.h.fail('Invalid argument: range');
    if (this.model.kind === 'RANGE') this.model.rect = (range as FakeRange)._rect();
    return this;
  }
  getProtectionType() {
    return this.model.kind as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    if (this.model.kind !== 'SHEET') this.h.fail('Unprotected ranges can only be set on a sheet protection.');
    this.model.unprotected = Array.from(ranges, (r) => {
      if (!(r instanceof FakeRange)) this.h.fail('Invalid argument: ranges');
      return (r as FakeRange)._rect();
    });
    return this;
  }
  getUnprotectedRanges() {
    return this.h.arr(this.model.unprotected.map((r) => new FakeRange(this.h, this.sheet, r.row, r.col, r.numRows, r.numCols)));
  }
  remove() {
    this._assertManager();
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.model);
  }
  _assertManager() {
    if (!this.canEdit()) this.h.fail(PROTECTED_MESSAGE);
  }
}

function emailOf(u: unknown): string {
  if (u && typeof u === 'object' && typeof (u as { getEmail?: unknown }).getEmail === 'function')
    return String((u as { getEmail(): string }).getEmail());
  return String(u);
}

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

type ChartBuilderKeys =
  | 'asColumnChart'
  | 'asBarChart'
  | 'asLineChart'
  | 'asPieChart'
  | 'setChartType'
  | 'addRange'
  | 'clearRanges'
  | 'setPosition'
  | 'setOption'
  | 'build';

export class FakeChartBuilder implements Like<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, ChartBuilderKeys> {
  model: ChartModel;
  constructor(
    readonly h: HostCore,
    readonly sheet: SheetModel,
    from: ChartModel | null,
  ) {
    this.model = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options }, position: { ...from.position } }
      : { id: 0, type: 'COLUMN', ranges: [], position: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, options: {} };
  }
  asColumnChart() {
    this.model.type = 'COLUMN';
    return this;
  }
  asBarChart() {
    this.model.type = 'BAR';
    return this;
  }
  asLineChart() {
    this.model.type = 'LINE';
    return this;
  }
  asPieChart() {
    this.model.type = 'PIE';
    return this;
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType) {
    this.model.type = String(type);
    return this;
  }
  setTitle(title: string) {
    this.model.options.title = String(title);
    return this;
  }
  setStacked() {
    this.model.options.isStacked = true;
    return this;
  }
  addRange(range: GoogleAppsScript.Spreadsheet.Range) {
    if (!(range instanceof FakeRange)) this.h.fail('Invalid argument: range');
    this.model.ranges.push((range as FakeRange)._rect());
    return this;
  }
  clearRanges() {
    this.model.ranges = [];
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number) {
    this.model.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown) {
    this.model.options[String(option)] = JSON.parse(JSON.stringify(value ?? null));
    return this;
  }
  build() {
    return new FakeEmbeddedChart(this.h, this.sheet, { ...this.model, ranges: [...this.model.ranges], options: { ...this.model.options } });
  }
}

export class FakeEmbeddedChart implements Like<GoogleAppsScript.Spreadsheet.EmbeddedChart, 'getChartId' | 'getRanges' | 'getOptions' | 'modify' | 'getContainerInfo'> {
  constructor(
    readonly h: HostCore,
    readonly sheet: SheetModel,
    public model: ChartModel,
  ) {}
  getChartId() {
    return this.model.id || null;
  }
  getType() {
    return this.model.type;
  }
  getRanges() {
    return this.h.arr(this.model.ranges.map((r) => new FakeRange(this.h, this.sheet, r.row, r.col, r.numRows, r.numCols)));
  }
  getOptions() {
    const options = this.model.options;
    const h: HostCore = this.h;
    return { get: (key: string) => (key in options ? h.data(options[key]) : null) } as GoogleAppsScript.Charts.ChartOptions;
  }
  modify() {
    return new FakeChartBuilder(this.h, this.sheet, this.model);
  }
  getContainerInfo() {
    const p = this.model.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.col,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    } as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }
}

function chartOf(h: HostCore, chart: unknown): FakeEmbeddedChart {
  if (!(chart instanceof FakeEmbeddedChart)) h.fail('Invalid argument: chart');
  return chart as FakeEmbeddedChart;
}

for (const [cls, name] of [
  [FakeSpreadsheetApp, 'SpreadsheetApp'],
  [FakeSpreadsheet, 'SpreadsheetApp.Spreadsheet'],
  [FakeSheet, 'SpreadsheetApp.Sheet'],
  [FakeRange, 'SpreadsheetApp.Range'],
  [FakeRangeList, 'SpreadsheetApp.RangeList'],
  [FakeDataValidationBuilder, 'SpreadsheetApp.DataValidationBuilder'],
  [FakeDataValidation, 'SpreadsheetApp.DataValidation'],
  [FakeConditionalFormatRuleBuilder, 'SpreadsheetApp.ConditionalFormatRuleBuilder'],
  [FakeConditionalFormatRule, 'SpreadsheetApp.ConditionalFormatRule'],
  [FakeBooleanCondition, 'SpreadsheetApp.BooleanCondition'],
  [FakeProtection, 'SpreadsheetApp.Protection'],
  [FakeChartBuilder, 'SpreadsheetApp.EmbeddedChartBuilder'],
  [FakeEmbeddedChart, 'SpreadsheetApp.EmbeddedChart'],
] as const)
  instrument(cls, name);
