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
}

/** A whole tab as one batch: the header row and every data row, rectangular, "" for blanks. */
export interface Grid {
  headers: string[];
  rows: Cell[][];
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
  /** Applies setup's formatting; safe to run again (nothing is added twice). */
  format(spec: TabSpec): void;
  /** A link that opens the tab at a data row. */
  rowUrl(tab: string, rowIndex: number): string;
  /** The tab and data row index the user has selected, if any. */
  selection(): { tab: string; row: number } | null;
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
}
export interface DocumentExporter {
  /** Imports HTML as a Google Doc in the office folder and saves its PDF beside it. */
  export(name: string, html: string, folderName: string, folderId: string | null): ExportedDoc & { folderId: string };
}

export interface Triggers {
  /** Hourly trigger handlers this user owns for this spreadsheet. */
  list(): { id: string; handler: string }[];
  /** True when uid is one of this project's installed triggers for handler (a trigger event, not a caller's claim). */
  isInstalled(uid: string, handler: string): boolean;
  createHourly(handler: string): string;
  remove(id: string): void;
}

export interface Ui {
  addMenu(title: string, items: { label: string; fn: string }[]): void;
  showSidebar(file: string, title: string): void;
  alert(message: string): void;
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
}
