// The interfaces the use cases need; src/gas implements them with Google services.
import type { Cell } from './domain/types';
import type { FieldType } from './domain/registers';

/** How setup formats one column. */
export interface ColumnSpec {
  type: FieldType;
  /** Dropdown values, as shown (labels in the office language). */
  options?: string[];
  /** Filled by the server: protected with a warning. */
  system?: boolean;
  /** Kept exactly as written ('@'): Sheets must not turn "1.50" into 1.5 (the duty log's hashed text). */
  plainText?: boolean;
  /** Width in pixels (setup sets it from the type and the header); absent: left as it is. */
  width?: number;
}

/** How setup formats a tab: frozen header, dropdowns, date formats, protection, overdue colours. */
export interface TabSpec {
  tab: string;
  columns: ColumnSpec[];
  /** 'columns' protects system columns; 'sheet' protects the whole tab (append-only registers). */
  protect: 'none' | 'columns' | 'sheet';
  /** 0-based column of the next due time, for red (overdue) and amber (due within a day) rows. */
  dueColumn?: number;
  hidden?: boolean;
  /** Text shown on the protection, in the office language. */
  protectionNote: string;
  /** Columns frozen at the left (the record's number), besides the frozen header row. */
  frozenColumns?: number;
}

/** A whole tab as one batch: the header row and every data row, rectangular, "" for blanks. */
export interface Grid {
  headers: string[];
  rows: Cell[][];
}

/** One cell to write: 0-based data row (0 = the first row under the header) and 0-based column. */
export interface CellWrite {
  row: number;
  col: number;
  value: Cell;
}

export interface Tables {
  /** The tab's names, in workbook order (hidden tabs included). */
  names(): string[];
  /** The first of these tab names that exists (one lookup per name, however many tabs the workbook has). */
  find(candidates: string[]): string | null;
  /** Reads a tab in one call; null when the tab does not exist. */
  read(tab: string): Grid | null;
  /** Writes rows starting at data row index `from` (0 = first row under the header) and 0-based column `col`, in one call. */
  write(tab: string, from: number, rows: Cell[][], col?: number): void;
  /** Writes a block of columns starting at 0-based column `col`, one row per data row, in one call. */
  writeColumns(tab: string, col: number, rows: Cell[][]): void;
  /**
   * Writes these cells and no others (a neighbour someone is typing in is never touched), in few
   * calls: adjacent cells as one block, a value repeated down a column as one list. Grows the tab
   * when a cell lies past its last row.
   */
  writeCells(tab: string, cells: CellWrite[]): void;
  /** Appends rows under the last one, in one call. */
  append(tab: string, rows: Cell[][]): void;
  /** Deletes data rows [from, from+count) (archiving only). */
  deleteRows(tab: string, from: number, count: number): void;
  /** Creates an empty tab (setup only). */
  create(tab: string): void;
  /** Replaces a tab's header row (setup only). */
  writeHeaders(tab: string, headers: string[]): void;
  /** Replaces a whole tab's contents (a report tab such as Stats), creating it when missing; one write. */
  replaceAll(tab: string, rows: Cell[][], chart?: { title: string; rows: number; cols: number }): void;
  /** Deletes a tab (setup removes the empty default Sheet1 only). */
  remove(tab: string): void;
  /** Hides a tab (the reminder ledger). */
  hide(tab: string): void;
  /**
   * Locks the whole tab (not warning-only) so only these editors and the owner may edit it; the
   * editor list is brought to exactly these. The Roles tab only, written by managers alone.
   */
  lockTo(tab: string, editors: string[], note: string): void;
  /**
   * Moves adjacent columns [from, from+count) (0-based) before column `to`, counted before the
   * move, with everything in them: values, formulas, formats, dropdowns, notes (setup only).
   */
  moveColumns(tab: string, from: number, count: number, to: number): void;
  /** Applies setup's formatting; safe to run again (nothing is added twice). */
  format(spec: TabSpec): void;
  /** A link that opens the tab at a data row. */
  rowUrl(tab: string, rowIndex: number): string;
  /** The tab and data row index the user has selected, if any. */
  selection(): { tab: string; row: number } | null;
  /** Each tab's size as Google counts it against a spreadsheet's 10 million cells (rows × columns), and its last used row. */
  sizes(): { tab: string; cells: number; used: number }[];
  /** Every row of a tab, the first included, as values (a formula gives its result); null when the tab does not exist. For importing an old register whose headers may be anywhere. */
  values(tab: string): Cell[][] | null;
}

export interface Clock {
  now(): Date;
  /** Milliseconds since this execution started, for the 6-minute budget. */
  elapsedMs(): number;
}

export interface Lock {
  /** Runs fn holding the document lock; throws LockBusy when it cannot be had in time. */
  withLock<T>(fn: () => T): T;
}
export class LockBusy extends Error {}

/** Document properties: small strings that travel with the workbook. */
export interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface Identity {
  /** The active user's email, '' when Google withholds it. */
  email(): string;
  timeZone(): string;
}

export interface Mail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Files to attach, as the exporter handed them over (ExportedDoc.pdfBlob). */
  attachments?: unknown[];
}
export interface Mailer {
  remainingQuota(): number;
  send(mail: Mail): void;
}

export interface ExportedDoc {
  docId: string;
  docUrl: string;
  pdfId: string;
  pdfUrl: string;
  /** The PDF itself, to attach to a mail without reading it back from Drive. */
  pdfBlob?: unknown;
}
/** A notices folder the add-on made, and the staff it is already shared with (its files inherit that). */
export interface NoticeFolder {
  id: string;
  sharedWith: string[];
}
export interface ExportTarget {
  /** Name of a new folder. */
  folderName: string;
  /** The folder to use; null makes a new one. */
  folder: NoticeFolder | null;
  /** The office's folder from Settings: used as it is, never replaced or shared by the add-on. */
  fixed: boolean;
  /** Staff who must be able to open the files: the folder is shared with those not yet in sharedWith. */
  readers: string[];
}
/** Drive refused the folder, or the PDF it exported is not a whole PDF; nothing was kept. */
export class ExportFailed extends Error {
  constructor(
    /** folder: the notices folder was refused; pdf: the export was unusable; images: the Doc dropped the notice's photos. */
    readonly reason: 'folder' | 'pdf' | 'images',
    message: string,
  ) {
    super(message);
  }
}
export interface DocumentExporter {
  /** Imports HTML as a Google Doc in the folder and saves its PDF beside it; throws ExportFailed. */
  export(name: string, html: string, target: ExportTarget): ExportedDoc & { folder: NoticeFolder };
}

/** A file kept for a record: its Drive id and link, its SHA-256 from the bytes Drive got, and its thumbnail's id. */
export interface StoredFile {
  id: string;
  url: string;
  sha256: string;
  thumbId: string | null;
}
export interface FileStore {
  /**
   * Saves the files (base64) in the subfolder `sub` of the user's notices folder (made when
   * missing), each with its thumbnail (a small JPEG) beside it as "<id>.thumb.jpg"; all or none.
   * Throws ExportFailed('folder') when the office's fixed folder is refused.
   */
  save(target: ExportTarget, sub: string, files: { name: string; mime: string; base64: string; thumb?: string }[]): { folder: NoticeFolder; files: StoredFile[] };
  /** A file's bytes as base64; null when this user's run cannot reach it (drive.file: a colleague's file). */
  read(id: string): string | null;
  /** name → id of the files with these names this user's run can reach. */
  find(names: string[]): Record<string, string>;
  remove(id: string): void;
}

export interface Triggers {
  /** Trigger handlers this user owns for this spreadsheet; `known` are ids this workbook recorded, found even when Google leaves them out. */
  list(known: string[]): { id: string; handler: string }[];
  /** True when uid is one of this project's installed triggers for handler (a trigger event, not a caller's claim). */
  isInstalled(uid: string, handler: string): boolean;
  createHourly(handler: string): string;
  /** An installable on-edit trigger on this spreadsheet, for handler; its id. */
  createOnEdit(handler: string): string;
  remove(id: string): void;
}

/** One finding of the self-check: whether the add-on works here, and which plausible behaviour Google showed. */
export interface Probe {
  ok: boolean;
  /** 'expected', the host quirk's name for the other behaviour (e.g. 'apostrophe-kept'), 'untested' or 'error'. */
  behaviour: string;
  /** What was seen, in Google's own terms (not translated). */
  detail: string;
}

/** Small experiments on the real deployment, each cleaning up after itself. */
export interface Probes {
  intl(tz: string): Probe;
  /** Uses a cell of the given hidden scratch tab. */
  apostrophe(tab: string): Probe;
  /** Which typed text an automatic-format cell of the scratch tab converts. */
  conversion(tab: string): Probe;
  pdfExport(): Probe;
  /** Whether a Doc imported from HTML keeps a data: image (the notices' photos). */
  docImages(): Probe;
  triggers(handler: string): Probe;
  email(): Probe;
  lock(): Probe;
  mailQuota(): Probe;
  sharing(colleague: string | null): Probe;
  /** How the phone web app last reached the workbook (its doGet notes it). */
  webApp(): Probe;
}

export interface Ui {
  addMenu(title: string, items: { label: string; fn: string }[]): void;
  /** `view` names the panel the sidebar opens on (a constant of ours, never user text). */
  showSidebar(file: string, title: string, view?: 'import'): void;
  alert(message: string): void;
  /** A modal dialog of ready-made (escaped) HTML. */
  showDialog(html: string, title: string, width: number, height: number): void;
}

export interface Ports {
  tables: Tables;
  clock: Clock;
  lock: Lock;
  store: Store;
  identity: Identity;
  mailer: Mailer;
  docs: DocumentExporter;
  triggers: Triggers;
  ui: Ui;
  probes: Probes;
  files: FileStore;
}
