// Reads and writes the local host's workbook as .xlsx (exceljs); state Google keeps outside cells goes to a veryHidden "__host__" tab as JSON.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  Formula,
  a1Of,
  columnLetters,
  googleId,
  newSheetModel,
  newWorkbook,
  parseA1,
  type ChartModel,
  type ConditionalRule,
  type ProtectionModel,
  type Rect,
  type SheetModel,
  type Stored,
  type Style,
  type Validation,
  type Workbook,
} from './host/model';
import { isDateFormat } from './host/tz';

export { newWorkbook } from './host/model';
export type { Workbook } from './host/model';

export const HOST_SHEET = '__host__';
/** Excel's limit on characters in a cell is 32,767; JSON chunks stay under it. */
const CHUNK = 30_000;
/** Google column pixels per Excel width unit (character of the default font). */
const PX_PER_CHAR = 7;

/** The format a date cell without one is written with: it shows what getDisplayValues shows for it. */
function autoDateFormat(wall: Date): string {
  if (wall.getUTCFullYear() === 1899 && wall.getUTCMonth() === 11 && wall.getUTCDate() === 30) return 'h:mm:ss';
  if (wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0 && wall.getUTCSeconds() === 0) return 'yyyy-mm-dd';
  return 'yyyy-mm-dd h:mm:ss';
}

export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

export class WorkbookChangedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookChangedError';
  }
}

interface SheetState {
  id: number;
  maxRows: number;
  maxColumns: number;
  frozenColumns: number;
  columnWidths: Record<number, number>;
  protections: ProtectionModel[];
  conditionalRules: ConditionalRule[];
  validationRules: Validation[];
  validations: (Rect & { rule: number })[];
  charts: ChartModel[];
}

interface HostState {
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string | null;
  activeSheetId: number | null;
  nextSheetId: number;
  properties: Workbook['properties'];
  triggers: Workbook['triggers'];
  drive: Workbook['drive'];
  mail: Workbook['mail'];
  sheets: Record<string, SheetState>;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

/** Reads a workbook; throws WorkbookReadError (one line) for a missing or unreadable file, which is never modified. */
export async function loadWorkbook(file: string): Promise<Workbook> {
  let buffer: Buffer;
  try {
    buffer = await fs.promises.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? 'error'})`);
  }
  const stat = await fs.promises.stat(file);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new WorkbookReadError(`${file} is not a readable .xlsx workbook`);
  }
  if (book.worksheets.length === 0) throw new WorkbookReadError(`${file} is not a readable .xlsx workbook`);
  let wb: Workbook;
  try {
    wb = fromExcel(book, path.basename(file, path.extname(file)));
  } catch (e) {
    throw new WorkbookReadError(`${file} is not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const unkept = unkeptFeatures(book);
  wb.source = { path: path.resolve(file), mtimeMs: stat.mtimeMs, size: stat.size, sha256: sha256(buffer), model: fingerprint(wb), ...(unkept.length ? { unkept } : {}) };
  return wb;
}

/**
 * The model as a comparable hash (Dates and formulas included), without where it came from. A
 * validation or style object shared by thousands of cells is written in full once and then as
 * "#n": megabytes less to hash on every CLI run. Two equal models that share objects differently
 * hash differently, which only costs a save.
 */
function fingerprint(wb: Workbook): string {
  const seen = new Map<object, number>();
  const json = JSON.stringify({ ...wb, source: undefined }, function (this: unknown, _key, value: unknown) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const n = seen.get(value);
    if (n !== undefined) return `#${n}`;
    seen.set(value, seen.size);
    return value;
  });
  return sha256(Buffer.from(json, 'utf8'));
}

/** What the file holds that the model does not carry, so a save would drop it. */
function unkeptFeatures(book: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of book.worksheets) {
    if (ws.name === HOST_SHEET) continue;
    if (ws.getImages().length) out.push(`images on ${ws.name}`);
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (Array.isArray((cell.value as { richText?: unknown } | null)?.richText)) out.push(`formatted text in ${ws.name}!${cell.address}`);
      }),
    );
  }
  return out;
}

function readState(book: ExcelJS.Workbook): HostState | null {
  const ws = book.getWorksheet(HOST_SHEET);
  if (!ws) return null;
  let json = '';
  ws.getColumn(1).eachCell({ includeEmpty: false }, (cell) => {
    json += String(cell.value ?? '');
  });
  if (!json) return null;
  return JSON.parse(json) as HostState;
}

function fromExcel(book: ExcelJS.Workbook, fallbackName: string): Workbook {
  const state = readState(book);
  const wb = newWorkbook({ name: state?.name ?? fallbackName });
  wb.sheets = [];
  if (state) {
    wb.id = state.id;
    wb.timeZone = state.timeZone;
    wb.locale = state.locale;
    wb.owner = state.owner;
    wb.activeSheetId = state.activeSheetId;
    wb.properties = state.properties;
    wb.triggers = state.triggers;
    wb.drive = state.drive;
    wb.mail = state.mail;
  }
  const names = (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  if (names.length) wb.definedNames = names.map((n) => ({ name: n.name, ranges: [...n.ranges] }));
  let nextId = state?.nextSheetId ?? 0;
  for (const ws of book.worksheets) {
    if (ws.name === HOST_SHEET) continue;
    const s = state?.sheets[ws.name];
    const id = s?.id ?? (state ? nextId++ : wb.sheets.length === 0 ? 0 : nextId);
    if (!state && wb.sheets.length > 0) nextId = id + 1;
    if (!state && wb.sheets.length === 0) nextId = 1;
    wb.sheets.push(sheetFromExcel(ws, id, s));
  }
  if (wb.sheets.length === 0) wb.sheets.push(newSheetModel(nextId++, 'Sheet1'));
  wb.nextSheetId = Math.max(nextId, ...wb.sheets.map((s) => s.id + 1));
  if (wb.activeSheetId !== null && !wb.sheets.some((s) => s.id === wb.activeSheetId)) wb.activeSheetId = wb.sheets[0].id;
  return wb;
}

function sheetFromExcel(ws: ExcelJS.Worksheet, id: number, s: SheetState | undefined): SheetModel {
  const m = newSheetModel(id, ws.name);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const values: Stored[] = [];
    const styles: (Style | undefined)[] = [];
    let styled = false;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const note = noteText(cell.note);
      if (note) (m.notes ??= {})[cell.address] = note;
      // A merged range's other cells echo its first cell's value; only the first one holds it.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      values[c - 1] = cellValue(cell);
      const style = styleOf(cell, values[c - 1]);
      if (style) {
        styles[c - 1] = style;
        styled = true;
      }
    });
    m.rows[r - 1] = values;
    if (styled) m.styles[r - 1] = styles;
  });
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  if (merges.length) m.merges = [...merges];
  const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
  if (view?.state === 'frozen') {
    m.frozenRows = view.ySplit ?? 0;
    m.frozenColumns = view.xSplit ?? 0;
  }
  m.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
  const tab = ws.properties?.tabColor as { argb?: string } | undefined;
  m.tabColor = tab?.argb ? argbToHex(tab.argb) : null;
  const usedRows = m.rows.length;
  const usedCols = widest(m.rows);
  if (s) {
    m.maxRows = Math.max(s.maxRows, usedRows);
    m.maxColumns = Math.max(s.maxColumns, usedCols);
    m.frozenColumns = s.frozenColumns ?? m.frozenColumns;
    m.columnWidths = { ...s.columnWidths };
    m.protections = s.protections;
    m.conditionalRules = s.conditionalRules;
    m.charts = s.charts;
    for (const v of s.validations) fillValidation(m, v, s.validationRules[v.rule]);
  } else {
    m.maxRows = Math.max(DEFAULT_ROWS, usedRows);
    m.maxColumns = Math.max(DEFAULT_COLUMNS, usedCols);
    ws.columns?.forEach((col, i) => {
      if (col.width) m.columnWidths[i + 1] = Math.round(col.width * PX_PER_CHAR);
    });
    readNativeValidations(ws, m);
    readNativeConditionalRules(ws, m);
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet)
      m.protections.push({ id: googleId(16), kind: 'SHEET', rect: null, description: '', warningOnly: false, editors: [], domainEdit: false, unprotected: [] });
  }
  return m;
}

function cellValue(cell: ExcelJS.Cell): Stored {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    const text = cell.formula ?? String(o.formula ?? '');
    const result = o.result as unknown;
    const plain = result === undefined || result === null || typeof result === 'object' && !(result instanceof Date) ? null : (result as string | number | boolean | Date);
    return new Formula(`=${text}`, plain);
  }
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  // A link typed in Excel is kept the way Sheets keeps one: a HYPERLINK formula showing its text.
  if ('hyperlink' in o) {
    const text = String(o.text ?? o.hyperlink ?? '');
    return new Formula(`=HYPERLINK("${String(o.hyperlink).replace(/"/g, '""')}","${text.replace(/"/g, '""')}")`, text);
  }
  if ('error' in o) return String(o.error);
  return String(cell.text ?? '');
}

/** A note's text: exceljs gives a string, or {texts: [{text}]} for a formatted one. */
function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text?: string }[] } | undefined)?.texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? '').join('') : '';
}

function styleOf(cell: ExcelJS.Cell, value: Stored): Style | undefined {
  const style: Style = {};
  const fmt = cell.numFmt;
  if (fmt && fmt !== 'General') style.numberFormat = fmt;
  if (cell.font?.bold) style.fontWeight = 'bold';
  const color = (cell.font?.color as { argb?: string } | undefined)?.argb;
  if (color) style.fontColor = argbToHex(color);
  const fill = cell.fill as { type?: string; fgColor?: { argb?: string } } | undefined;
  if (fill?.type === 'pattern' && fill.fgColor?.argb) style.background = argbToHex(fill.fgColor.argb);
  if (cell.alignment?.wrapText !== undefined) style.wrap = Boolean(cell.alignment.wrapText);
  if (cell.alignment?.horizontal) style.horizontalAlignment = cell.alignment.horizontal;
  // A date cell written with the automatic format (because it had none) reads back without one.
  if (value instanceof Date && style.numberFormat === autoDateFormat(value)) delete style.numberFormat;
  return Object.keys(style).length ? style : undefined;
}

function fillValidation(m: SheetModel, rect: Rect, rule: Validation | undefined): void {
  if (!rule) return;
  for (let r = rect.row - 1; r < rect.row - 1 + rect.numRows; r++) {
    const row = (m.validations[r] ??= []);
    for (let c = rect.col - 1; c < rect.col - 1 + rect.numCols; c++) row[c] = rule;
  }
}

function readNativeValidations(ws: ExcelJS.Worksheet, m: SheetModel): void {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation> } }).dataValidations?.model ?? {};
  const shared = new Map<string, Validation>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv) continue;
    let rule: Validation | null = null;
    const allowInvalid = !dv.showErrorMessage;
    const helpText = dv.prompt ?? null;
    if (dv.type === 'list' && typeof dv.formulae?.[0] === 'string' && /^".*"$/.test(dv.formulae[0])) {
      const values = dv.formulae[0].slice(1, -1).split(',');
      rule = { kind: 'list', values, showDropdown: true, allowInvalid, helpText };
    } else if (dv.type === 'date') {
      rule = { kind: 'date', values: [], showDropdown: false, allowInvalid, helpText };
    }
    if (!rule) continue;
    const key = JSON.stringify(rule);
    if (!shared.has(key)) shared.set(key, rule);
    const rect = parseA1(address, m.maxRows, m.maxColumns);
    if (rect) fillValidation(m, rect, shared.get(key));
  }
}

function readNativeConditionalRules(ws: ExcelJS.Worksheet, m: SheetModel): void {
  const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: ExcelJS.ConditionalFormattingRule[] }[] }).conditionalFormattings ?? [];
  for (const cf of cfs) {
    const ranges = cf.ref
      .split(/\s+/)
      .map((a) => parseA1(a, m.maxRows, m.maxColumns))
      .filter((r): r is Rect => r !== null);
    for (const rule of cf.rules) {
      if (rule.type !== 'expression') continue;
      const formula = String((rule as ExcelJS.ExpressionRuleType).formulae?.[0] ?? '');
      const style = rule.style as { fill?: { bgColor?: { argb?: string }; fgColor?: { argb?: string } }; font?: { color?: { argb?: string }; bold?: boolean } } | undefined;
      const bg = style?.fill?.bgColor?.argb ?? style?.fill?.fgColor?.argb;
      m.conditionalRules.push({
        formula: formula.startsWith('=') ? formula : `=${formula}`,
        background: bg ? argbToHex(bg) : null,
        fontColor: style?.font?.color?.argb ? argbToHex(style.font.color.argb) : null,
        bold: style?.font?.bold ?? null,
        ranges,
      });
    }
  }
}

/** The longest row of a sparse grid (Array.map skips holes, so no spread of map here). */
function widest(grid: unknown[][]): number {
  let w = 0;
  for (let i = 0; i < grid.length; i++) if (grid[i] && grid[i].length > w) w = grid[i].length;
  return w;
}

function argbToHex(argb: string): string {
  const hex = argb.length === 8 ? argb.slice(2) : argb;
  return `#${hex.toLowerCase()}`;
}

function hexToArgb(hex: string): string {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  return `FF${full.toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Save
// ---------------------------------------------------------------------------------------------

/**
 * Writes the workbook atomically (temp file in the same directory, then rename). Refuses, with
 * WorkbookChangedError, to overwrite a file another program changed since this model was loaded.
 */
export async function saveWorkbook(wb: Workbook, file: string): Promise<void> {
  const target = path.resolve(file);
  // Nothing changed (a read, or a refused write): the file keeps its bytes and its time.
  if (wb.source?.path === target && wb.source.model && fingerprint(wb) === wb.source.model && fs.existsSync(target)) return;
  if (wb.source?.path === target && wb.source.unkept?.length) throw new WorkbookUnkeptError(`${file} holds ${listed(wb.source.unkept)}, which the local host cannot keep; nothing was saved. Remove them (or work on a copy) and run the command again.`);
  const inMerge = valuesInsideMerges(wb);
  if (inMerge.length) throw new WorkbookUnkeptError(`${file}: ${listed(inMerge)} would be lost inside merged cells; nothing was saved. Unmerge them in Excel and run the command again.`);
  await assertUnchanged(wb, target, file);
  const book = toExcel(wb);
  await protectSheets(book, wb);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.promises.writeFile(tmp, buffer);
    await assertUnchanged(wb, target, file);
    await fs.promises.rename(tmp, target);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  const stat = await fs.promises.stat(target);
  wb.source = { path: target, mtimeMs: stat.mtimeMs, size: stat.size, sha256: sha256(buffer), model: fingerprint(wb) };
}

const listed = (items: string[]): string => (items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', '));

/** Cells the model holds a value in that a merge would hide: Excel keeps only a merge's first cell. */
function valuesInsideMerges(wb: Workbook): string[] {
  const out: string[] = [];
  for (const m of wb.sheets) {
    for (const range of m.merges ?? []) {
      const rect = parseA1(range, m.maxRows, m.maxColumns);
      if (!rect) continue;
      for (let r = rect.row; r < rect.row + rect.numRows; r++)
        for (let c = rect.col; c < rect.col + rect.numCols; c++) {
          if (r === rect.row && c === rect.col) continue;
          const v = m.rows[r - 1]?.[c - 1];
          if (v !== null && v !== undefined && v !== '') out.push(`${m.name}!${columnLetters(c)}${r}`);
        }
    }
  }
  return out;
}

export class WorkbookUnkeptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookUnkeptError';
  }
}

async function assertUnchanged(wb: Workbook, target: string, shown: string): Promise<void> {
  const source = wb.source;
  if (!source || source.path !== target) return;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(target);
  } catch {
    throw changed(shown);
  }
  if (stat.mtimeMs === source.mtimeMs && stat.size === source.size) return;
  const now = await fs.promises.readFile(target);
  if (sha256(now) !== source.sha256) throw changed(shown);
}

const changed = (shown: string) =>
  new WorkbookChangedError(`${shown} was changed by another program after it was opened; nothing was saved. Run the command again.`);

function toExcel(wb: Workbook): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'estate-registers local host';
  const state: HostState = {
    version: 1,
    id: wb.id,
    name: wb.name,
    timeZone: wb.timeZone,
    locale: wb.locale,
    owner: wb.owner,
    activeSheetId: wb.activeSheetId,
    nextSheetId: wb.nextSheetId,
    properties: wb.properties,
    triggers: wb.triggers,
    drive: wb.drive,
    mail: wb.mail,
    sheets: {},
  };
  for (const m of wb.sheets) {
    const ws = book.addWorksheet(m.name, {
      state: m.hidden ? 'hidden' : 'visible',
      views: m.frozenRows || m.frozenColumns ? [{ state: 'frozen', ySplit: m.frozenRows, xSplit: m.frozenColumns }] : [],
      properties: m.tabColor ? { tabColor: { argb: hexToArgb(m.tabColor) } } : {},
    });
    writeCells(ws, m);
    for (const range of m.merges ?? []) ws.mergeCells(range);
    for (const [address, note] of Object.entries(m.notes ?? {})) ws.getCell(address).note = note;
    for (const [col, px] of Object.entries(m.columnWidths)) ws.getColumn(Number(col)).width = px / PX_PER_CHAR;
    const { rules, rects } = compressValidations(m);
    writeNativeValidations(ws, rules, rects);
    writeNativeConditionalRules(ws, m.conditionalRules);
    state.sheets[m.name] = {
      id: m.id,
      maxRows: m.maxRows,
      maxColumns: m.maxColumns,
      frozenColumns: m.frozenColumns,
      columnWidths: m.columnWidths,
      protections: m.protections,
      conditionalRules: m.conditionalRules,
      validationRules: rules,
      validations: rects,
      charts: m.charts,
    };
  }
  if (wb.definedNames?.length) (book.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model = wb.definedNames;
  const host = book.addWorksheet(HOST_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(state);
  for (let i = 0, row = 1; i < json.length || row === 1; i += CHUNK, row++) host.getCell(row, 1).value = escapeXlsxText(json.slice(i, i + CHUNK));
  return book;
}

function writeCells(ws: ExcelJS.Worksheet, m: SheetModel): void {
  const rowCount = Math.max(m.rows.length, m.styles.length);
  for (let r = 0; r < rowCount; r++) {
    const values = m.rows[r];
    const styles = m.styles[r];
    if (!values && !styles) continue;
    const row = ws.getRow(r + 1);
    const width = Math.max(values?.length ?? 0, styles?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const v = values?.[c];
      const s = styles?.[c];
      const blank = v === null || v === undefined || v === '';
      if (blank && !s) continue;
      const cell = row.getCell(c + 1);
      if (!blank) cell.value = excelValue(v);
      applyStyle(cell, s, v);
    }
  }
}

/** Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR, lone surrogates, U+FFFE, U+FFFF), and CR, which XML reads as LF. */
const NOT_XML = '[\\u0000-\\u0008\\u000B-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const XLSX_ESCAPE = new RegExp(`_(?=x[0-9A-F]{4}(?:_|${NOT_XML}))|${NOT_XML}`, 'g');

/**
 * Text as OOXML stores it: a character XML cannot hold becomes _xHHHH_ (one such character
 * would otherwise make the file unreadable for good), and a literal "_x0041_" has its underscore
 * written as _x005F_, since readers (exceljs included) decode _xHHHH_ back to the character.
 */
export const escapeXlsxText = (s: string): string =>
  s.replace(XLSX_ESCAPE, (c) => (c === '_' ? '_x005F_' : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`));

function excelValue(v: Stored): ExcelJS.CellValue {
  if (typeof v === 'string') return escapeXlsxText(v);
  if (v instanceof Formula) {
    const result = v.result;
    return result === null || result === undefined ? { formula: v.text.slice(1), date1904: false } as ExcelJS.CellFormulaValue : ({ formula: v.text.slice(1), result, date1904: false } as ExcelJS.CellFormulaValue);
  }
  return v as ExcelJS.CellValue;
}

function applyStyle(cell: ExcelJS.Cell, s: Style | undefined, v: Stored): void {
  // Excel needs a date format to show a date; a date without one gets the host's default.
  const fmt = s?.numberFormat ?? (v instanceof Date ? autoDateFormat(v) : undefined);
  if (fmt) cell.numFmt = fmt;
  if (!s) return;
  if (s.fontWeight === 'bold' || s.fontColor) {
    cell.font = { ...(s.fontWeight === 'bold' ? { bold: true } : {}), ...(s.fontColor ? { color: { argb: hexToArgb(s.fontColor) } } : {}) };
  }
  if (s.background) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: hexToArgb(s.background) } };
  if (s.wrap !== undefined || s.horizontalAlignment) {
    cell.alignment = {
      ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
      ...(s.horizontalAlignment ? { horizontal: s.horizontalAlignment as ExcelJS.Alignment['horizontal'] } : {}),
    };
  }
}

/** Per-cell rules -> distinct rules and rectangles (runs down each column, merged across equal neighbouring columns). */
function compressValidations(m: SheetModel): { rules: Validation[]; rects: (Rect & { rule: number })[] } {
  const rules: Validation[] = [];
  const index = new Map<Validation, number>();
  const runs: (Rect & { rule: number })[] = [];
  const width = widest(m.validations);
  for (let c = 0; c < width; c++) {
    let start = -1;
    let current: Validation | undefined;
    const flush = (end: number) => {
      if (current && start >= 0) {
        if (!index.has(current)) {
          index.set(current, rules.length);
          rules.push(current);
        }
        runs.push({ row: start + 1, col: c + 1, numRows: end - start, numCols: 1, rule: index.get(current)! });
      }
    };
    for (let r = 0; r <= m.validations.length; r++) {
      const v = m.validations[r]?.[c];
      if (v !== current) {
        flush(r);
        current = v;
        start = r;
      }
    }
  }
  const merged: (Rect & { rule: number })[] = [];
  for (const run of runs) {
    const left = merged.find((x) => x.rule === run.rule && x.row === run.row && x.numRows === run.numRows && x.col + x.numCols === run.col);
    if (left) left.numCols++;
    else merged.push({ ...run });
  }
  return { rules, rects: merged };
}

function writeNativeValidations(ws: ExcelJS.Worksheet, rules: Validation[], rects: (Rect & { rule: number })[]): void {
  const dvs = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const rect of rects) {
    const rule = rules[rect.rule];
    const common = {
      allowBlank: true,
      showErrorMessage: !rule.allowInvalid,
      ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {}),
    };
    let dv: ExcelJS.DataValidation | null = null;
    if (rule.kind === 'list') {
      const literal = `"${rule.values.join(',')}"`;
      // Excel keeps literal lists to 255 characters without commas or quotes inside values.
      if (literal.length <= 255 && rule.values.every((v) => !/[,"]/.test(v))) dv = { type: 'list', formulae: [literal], ...common };
    } else if (rule.kind === 'date') {
      dv = { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))], ...common };
    } else {
      dv = { type: 'list', formulae: ['"TRUE,FALSE"'], ...common };
    }
    if (dv) dvs.add(a1Of(rect), dv);
  }
}

function writeNativeConditionalRules(ws: ExcelJS.Worksheet, rules: ConditionalRule[]): void {
  rules.forEach((rule, i) => {
    if (rule.ranges.length === 0) return;
    const style: Partial<ExcelJS.Style> = {};
    if (rule.background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: hexToArgb(rule.background) } };
    if (rule.fontColor || rule.bold) style.font = { ...(rule.fontColor ? { color: { argb: hexToArgb(rule.fontColor) } } : {}), ...(rule.bold ? { bold: true } : {}) };
    ws.addConditionalFormatting({
      ref: rule.ranges.map(a1Of).join(' '),
      rules: [{ type: 'expression', priority: i + 1, formulae: [rule.formula.replace(/^=/, '')], style } as ExcelJS.ExpressionRuleType],
    });
  });
}

/** A strict whole-sheet protection is also written as Excel sheet protection, so Excel users see it too. */
async function protectSheets(book: ExcelJS.Workbook, wb: Workbook): Promise<void> {
  for (const m of wb.sheets) {
    const p = m.protections.find((x) => x.kind === 'SHEET' && !x.warningOnly && x.unprotected.length === 0);
    if (p) await book.getWorksheet(m.name)!.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  }
}

/** For tests and tools: the column letter helper, re-exported. */
export const columnName = columnLetters;
export const isDateNumberFormat = isDateFormat;
