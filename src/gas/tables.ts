// Tables port on SpreadsheetApp: each read is one getValues, each write one setValues.
import type { CellWrite, Grid, Tables, TabSpec } from '../ports';
import type { Cell } from '../domain/types';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const OVERDUE_RED = '#f4c7c3';
const DUE_SOON_AMBER = '#fce8b2';
const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
/** Rows added at once when a write runs past the sheet's last row. */
const GROW_ROWS = 200;
/** The red and amber rules colourDue writes, for any due column. */
const DUE_RULE = /^=AND\(\$(?<c>[A-Z]+)2<>"",\$\k<c>2(?:<NOW\(\)|>=NOW\(\),\$\k<c>2<NOW\(\)\+1)\)$/;

const colLetter = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Runs of adjacent system columns as [first 0-based column, count]: one protection per run. */
function systemRuns(spec: TabSpec): [number, number][] {
  const runs: [number, number][] = [];
  spec.columns.forEach((c, i) => {
    if (!c.system) return;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  });
  return runs;
}

/** Runs of adjacent columns with the same set width as [first 0-based column, count, width]. */
function widthRuns(spec: TabSpec): [number, number, number][] {
  const runs: [number, number, number][] = [];
  spec.columns.forEach((c, i) => {
    if (!c.width) return;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i && last[2] === c.width) last[1]++;
    else runs.push([i, 1, c.width]);
  });
  return runs;
}

/** A rectangle written with one setValues, or cells sharing one value written with one RangeList.setValue. */
export type CellPlan = { block: { row: number; col: number; values: Cell[][] } } | { list: { cells: { row: number; col: number }[]; value: Cell } };

const valueKey = (v: Cell): string => (v instanceof Date ? `d${v.getTime()}` : `${typeof v}:${String(v)}`);

/**
 * Few calls for scattered cells (each Sheets call costs far more than its cells): runs of adjacent
 * rows in a column become one block, blocks over the same rows in adjacent columns merge, and lone
 * cells that share a value in a column (an upgrade's "major", its time and "system") share one
 * RangeList. Only the given cells are covered, never the ones between them.
 */
export function planCellWrites(cells: CellWrite[]): CellPlan[] {
  const last = new Map<string, CellWrite>();
  for (const c of cells) last.set(`${c.row},${c.col}`, c);
  const sorted = [...last.values()].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { row: number; col: number; values: Cell[] }[] = [];
  for (const c of sorted) {
    const r = runs[runs.length - 1];
    if (r && r.col === c.col && r.row + r.values.length === c.row) r.values.push(c.value);
    else runs.push({ row: c.row, col: c.col, values: [c.value] });
  }
  const plans: CellPlan[] = [];
  const alone = new Map<string, { cells: { row: number; col: number }[]; value: Cell }>();
  const blocks: { row: number; col: number; values: Cell[][] }[] = [];
  for (const r of runs) {
    if (r.values.length > 1) {
      blocks.push({ row: r.row, col: r.col, values: r.values.map((v) => [v]) });
      continue;
    }
    const k = `${r.col}|${valueKey(r.values[0])}`;
    const g = alone.get(k) ?? alone.set(k, { cells: [], value: r.values[0] }).get(k)!;
    g.cells.push({ row: r.row, col: r.col });
  }
  for (const g of alone.values()) {
    if (g.cells.length > 1) plans.push({ list: g });
    else blocks.push({ row: g.cells[0].row, col: g.cells[0].col, values: [[g.value]] });
  }
  blocks.sort((a, b) => a.row - b.row || a.values.length - b.values.length || a.col - b.col);
  let open: { row: number; col: number; values: Cell[][] } | null = null;
  for (const b of blocks) {
    if (open && open.row === b.row && open.values.length === b.values.length && open.col + open.values[0].length === b.col) {
      open.values.forEach((line, i) => line.push(...b.values[i]));
      continue;
    }
    if (open) plans.push({ block: open });
    open = { row: b.row, col: b.col, values: b.values.map((line) => [...line]) };
  }
  if (open) plans.push({ block: open });
  return plans;
}

const BOOK_ID = 'book.id';
/**
 * The workbook. Google documents getActive() as unavailable when a bound script runs as a web app
 * (doGet and its google.script.run calls), so there the workbook is opened by the id the sidebar,
 * menu and triggers recorded in script properties; opening by id needs the spreadsheets scope.
 */
let reached: 'active' | 'id' | null = null;
/** How this execution reached the workbook: 'active', 'id' (the web app given no active spreadsheet), or not yet. */
export const reachedBy = () => reached;
/** Each entry point starts unreached (a host may keep module state between executions; Google does not). */
export const forgetReach = (): void => {
  reached = null;
};

/**
 * The workbook. Google's bound-script guide lists getActiveSpreadsheet among a container's own
 * privileges; whether its web app (doGet and calls from that page) gets it too is not said, so the
 * other way is handled: openById of the id the sidebar recorded. That needs the full spreadsheets
 * scope, which the manifest does not ask for, so under spreadsheets.currentonly it throws and doGet
 * says in words that the phone page cannot reach the workbook; 自检 reports which way Google went.
 */
export function activeBook(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActive();
  if (active) {
    reached = 'active';
    return active;
  }
  const id = PropertiesService.getScriptProperties().getProperty(BOOK_ID);
  if (!id) throw new Error('No active spreadsheet and no recorded workbook id: open the sidebar once in the workbook.');
  const book = SpreadsheetApp.openById(id);
  reached = 'id';
  return book;
}

/** Records the workbook's id for that fallback; called where the workbook is surely active (the sidebar, 自检), not on every run. */
export function rememberBookId(): void {
  const id = SpreadsheetApp.getActive()?.getId();
  const props = PropertiesService.getScriptProperties();
  if (id && props.getProperty(BOOK_ID) !== id) props.setProperty(BOOK_ID, id);
}

export class SheetTables implements Tables {
  private sheets = new Map<string, Sheet>();
  private book: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;

  private get ss(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return (this.book ??= activeBook());
  }

  private sheet(tab: string): Sheet {
    let s = this.sheets.get(tab);
    if (!s) {
      const found = this.ss.getSheetByName(tab);
      if (!found) throw new Error(`No tab named ${tab}`);
      this.sheets.set(tab, (s = found));
    }
    return s;
  }

  names(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  find(candidates: string[]): string | null {
    for (const name of candidates) {
      const sheet = this.sheets.get(name) ?? this.ss.getSheetByName(name);
      if (sheet) {
        this.sheets.set(name, sheet);
        return name;
      }
    }
    return null;
  }

  read(tab: string): Grid | null {
    const sheet = this.sheets.get(tab) ?? this.ss.getSheetByName(tab);
    if (!sheet) return null;
    this.sheets.set(tab, sheet);
    const values = sheet.getDataRange().getValues() as Cell[][];
    // An empty sheet still answers with one blank cell.
    const headers = values.length ? values[0].map(String) : [];
    const blank = headers.every((h) => h === '');
    return { headers: blank ? [] : headers, rows: blank ? [] : values.slice(1) };
  }

  values(tab: string): Cell[][] | null {
    const sheet = this.ss.getSheetByName(tab);
    return sheet ? (sheet.getDataRange().getValues() as Cell[][]) : null;
  }

  /**
   * setValues never grows a sheet (Google throws "outside the dimensions"), so rows and columns
   * are added first when a write would run past the edge.
   */
  private fit(sheet: Sheet, lastRow: number, lastCol: number): void {
    const rows = sheet.getMaxRows();
    const cols = sheet.getMaxColumns();
    if (lastRow > rows) {
      // A block at a time, and the last row's date formats and dropdowns go on down, so a record
      // past the rows setup formatted still shows yyyy-mm-dd hh:mm (not seconds) and its dropdowns.
      const add = Math.max(lastRow - rows, GROW_ROWS);
      sheet.insertRowsAfter(rows, add);
      if (rows > 1) {
        const last = sheet.getRange(rows, 1, 1, cols);
        const added = sheet.getRange(rows + 1, 1, add, cols);
        last.copyTo(added, SpreadsheetApp.CopyPasteType.PASTE_FORMAT, false);
        last.copyTo(added, SpreadsheetApp.CopyPasteType.PASTE_DATA_VALIDATION, false);
      }
    }
    if (lastCol > cols) sheet.insertColumnsAfter(cols, lastCol - cols);
  }

  write(tab: string, from: number, rows: Cell[][], col = 0): void {
    if (!rows.length) return;
    const sheet = this.sheet(tab);
    this.fit(sheet, from + 1 + rows.length, col + rows[0].length);
    sheet.getRange(from + 2, col + 1, rows.length, rows[0].length).setValues(rows);
  }

  writeColumns(tab: string, col: number, rows: Cell[][]): void {
    if (rows.length) this.sheet(tab).getRange(2, col + 1, rows.length, rows[0].length).setValues(rows);
  }

  writeCells(tab: string, cells: CellWrite[]): void {
    if (!cells.length) return;
    const sheet = this.sheet(tab);
    let lastRow = 0;
    let lastCol = 0;
    for (const c of cells) {
      if (c.row > lastRow) lastRow = c.row;
      if (c.col > lastCol) lastCol = c.col;
    }
    this.fit(sheet, lastRow + 2, lastCol + 1);
    for (const p of planCellWrites(cells)) {
      if ('block' in p) sheet.getRange(p.block.row + 2, p.block.col + 1, p.block.values.length, p.block.values[0].length).setValues(p.block.values);
      else sheet.getRangeList(p.list.cells.map((c) => `${colLetter(c.col)}${c.row + 2}`)).setValue(p.list.value);
    }
  }

  append(tab: string, rows: Cell[][]): void {
    if (!rows.length) return;
    const sheet = this.sheet(tab);
    const first = sheet.getLastRow() + 1;
    this.fit(sheet, first + rows.length - 1, rows[0].length);
    sheet.getRange(first, 1, rows.length, rows[0].length).setValues(rows);
  }

  deleteRows(tab: string, from: number, count: number): void {
    if (count > 0) this.sheet(tab).deleteRows(from + 2, count);
  }

  create(tab: string): void {
    this.sheets.set(tab, this.ss.insertSheet(tab));
  }

  writeHeaders(tab: string, headers: string[]): void {
    const sheet = this.sheet(tab);
    this.fit(sheet, 1, headers.length);
    sheet.getRange(1, 1, 1, headers.length).setValues([headers]).setFontWeight('bold');
  }

  replaceAll(tab: string, rows: Cell[][], chart?: { title: string; rows: number; cols: number }): void {
    const sheet = this.ss.getSheetByName(tab) ?? this.ss.insertSheet(tab);
    this.sheets.set(tab, sheet);
    sheet.clear();
    const width = Math.max(...rows.map((r) => r.length));
    const padded = rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
    if (padded.length) {
      this.fit(sheet, padded.length, width);
      sheet.getRange(1, 1, padded.length, width).setValues(padded);
    }
    for (const c of sheet.getCharts()) sheet.removeChart(c);
    if (chart && chart.rows > 0) {
      const built = sheet.newChart().asColumnChart().addRange(sheet.getRange(1, 1, chart.rows, chart.cols)).setPosition(1, width + 2, 0, 0).setOption('title', chart.title).build();
      sheet.insertChart(built);
    }
  }

  remove(tab: string): void {
    this.ss.deleteSheet(this.sheet(tab));
    this.sheets.delete(tab);
  }

  hide(tab: string): void {
    this.sheet(tab).hideSheet();
  }

  private url: string | null = null;
  private gids = new Map<string, number>();

  /** Digests link many rows; the URL and tab ids are asked for once each. */
  rowUrl(tab: string, rowIndex: number): string {
    this.url ??= this.ss.getUrl();
    if (!this.gids.has(tab)) this.gids.set(tab, this.sheet(tab).getSheetId());
    return `${this.url}#gid=${this.gids.get(tab)}&range=A${rowIndex + 2}`;
  }

  selection(): { tab: string; row: number } | null {
    const range = this.ss.getActiveRange();
    if (!range) return null;
    const row = range.getRow() - 2;
    return row >= 0 ? { tab: range.getSheet().getName(), row } : null;
  }

  /** Tabs whose frozen columns this execution took off before moving columns (format puts them back). */
  private unfrozen = new Set<string>();

  moveColumns(tab: string, from: number, count: number, to: number): void {
    const sheet = this.sheet(tab);
    // Sheets refuses to move a column across the frozen edge, as in its UI.
    if (!this.unfrozen.has(tab)) {
      if (sheet.getFrozenColumns() > 0) sheet.setFrozenColumns(0);
      this.unfrozen.add(tab);
    }
    sheet.moveColumns(sheet.getRange(1, from + 1, 1, count), to + 1);
  }

  format(spec: TabSpec): void {
    const sheet = this.sheet(spec.tab);
    sheet.setFrozenRows(1);
    if (spec.frozenColumns !== undefined) sheet.setFrozenColumns(spec.frozenColumns);
    this.unfrozen.delete(spec.tab);
    // Adjacent columns of one width take one call.
    for (const [first, count, width] of widthRuns(spec)) {
      if (count === 1) sheet.setColumnWidth(first + 1, width);
      else sheet.setColumnWidths(first + 1, count, width);
    }
    const rows = Math.max(sheet.getMaxRows() - 1, 1);
    // Each distinct rule is built once: a setup touches every column of every tab. Rules warn rather
    // than reject: Sheets applies "reject" to the add-on's own writes too, and a label in another
    // office language (after Settings switch language) must never make a record fail to save.
    const rules = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
    const rule = (key: string, make: () => GoogleAppsScript.Spreadsheet.DataValidation) => rules.get(key) ?? rules.set(key, make()).get(key)!;
    spec.columns.forEach((c, i) => {
      const format = c.plainText ? '@' : c.type === 'date' ? DATE_FORMAT : c.type === 'datetime' ? DATETIME_FORMAT : null;
      const validation =
        c.type === 'date' || c.type === 'datetime'
          ? rule('date', () => SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(true).build())
          : c.options?.length
            ? rule(c.options.join('\u0000'), () => SpreadsheetApp.newDataValidation().requireValueInList(c.options!, true).setAllowInvalid(true).build())
            : null;
      if (!format && !validation) return;
      const range = sheet.getRange(2, i + 1, rows, 1);
      if (format) range.setNumberFormat(format);
      if (validation) range.setDataValidation(validation);
    });
    this.protect(sheet, spec);
    if (spec.dueColumn !== undefined) this.colourDue(sheet, spec.dueColumn, spec.columns.length, rows);
    if (spec.hidden) sheet.hideSheet();
  }

  sizes(): { tab: string; cells: number; used: number }[] {
    return this.ss.getSheets().map((sh) => ({ tab: sh.getName(), cells: sh.getMaxRows() * sh.getMaxColumns(), used: sh.getLastRow() }));
  }

  lockTo(tab: string, editors: string[], note: string): void {
    const sheet = this.sheet(tab);
    // A tab has one whole-sheet protection; a language switch only rewrites its note.
    const p = (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? sheet.protect()).setDescription(note);
    p.setWarningOnly(false);
    if (p.canDomainEdit()) p.setDomainEdit(false);
    const want = new Set(editors.map((e) => e.toLowerCase()));
    const have = p.getEditors().map((u) => u.getEmail().toLowerCase());
    const drop = have.filter((e) => !want.has(e));
    const add = [...want].filter((e) => !have.includes(e));
    // Google keeps the owner and the user running this whatever is removed.
    if (drop.length) p.removeEditors(drop);
    if (add.length) p.addEditors(add);
  }

  /**
   * Warning-only protection: the add-on writes as the signed-in user, so a hard lock would stop
   * the add-on too. The warning stops accidental edits; the duty log's hash chain catches the rest.
   */
  private protect(sheet: Sheet, spec: TabSpec): void {
    if (spec.protect === 'none') return;
    const mine = (p: GoogleAppsScript.Spreadsheet.Protection) => p.getDescription() === spec.protectionNote;
    if (spec.protect === 'sheet') {
      if (!sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some(mine)) sheet.protect().setDescription(spec.protectionNote).setWarningOnly(true);
      return;
    }
    const want = systemRuns(spec).map(([first, count]) => sheet.getRange(1, first + 1, sheet.getMaxRows(), count));
    const wanted = new Set(want.map((r) => r.getA1Notation()));
    const have = new Set<string>();
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter(mine)) {
      const a1 = p.getRange().getA1Notation();
      // After columns moved, an old warning may cover a column the office types in: it goes.
      if (wanted.has(a1)) have.add(a1);
      else p.remove();
    }
    for (const range of want) if (!have.has(range.getA1Notation())) range.protect().setDescription(spec.protectionNote).setWarningOnly(true);
  }

  /** Red when the next due time has passed, amber when it falls within a day; NOW() keeps it live. */
  private colourDue(sheet: Sheet, dueCol: number, width: number, rows: number): void {
    const c = colLetter(dueCol);
    const range = sheet.getRange(2, 1, rows, width);
    const red = `=AND($${c}2<>"",$${c}2<NOW())`;
    const amber = `=AND($${c}2<>"",$${c}2>=NOW(),$${c}2<NOW()+1)`;
    // Ours on any column (the due column moves when setup arranges the columns), never the office's.
    const ours = (f: unknown) => typeof f === 'string' && DUE_RULE.test(f);
    const kept = sheet.getConditionalFormatRules().filter((r) => !ours(r.getBooleanCondition()?.getCriteriaValues()?.[0]));
    const rule = (f: string, colour: string) => SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(f).setBackground(colour).setRanges([range]).build();
    sheet.setConditionalFormatRules([...kept, rule(red, OVERDUE_RED), rule(amber, DUE_SOON_AMBER)]);
  }
}
