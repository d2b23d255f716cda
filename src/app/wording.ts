// The 文书模板 tab for one notice: the office's checked wording and the rows the clerk should be told about.
import { Book } from './book';
import type { NoticeKey } from '../domain/notices';
import { readWording, Wording, wordingFor, WordingTable, WORDING_HEADERS, WORDING_TAB, wordingReferenceRows } from '../domain/overrides';
import { neutralise } from '../domain/neutralise';
import { matchesLabel } from '../domain/table';
import { L, Lang } from '../domain/types';

/** One read of the tab per call, however many times a use case asks. */
const read = new WeakMap<Book, WordingTable>();

/** A workbook without the tab (set up before it existed) uses the built-in text. */
export function officeWording(book: Book, key: NoticeKey): { wording: Wording; warnings: string[] } {
  let table = read.get(book);
  if (!table) {
    const tab = book.tabOf(WORDING_TAB.key, WORDING_TAB.label);
    table = readWording(tab ? book.ports.tables.read(tab) : null, book.lang);
    read.set(book, table);
  }
  return wordingFor(table, key);
}

const BUILTIN_NOTE = L('内置文字仅供参考：改这一列不起作用，请写在“文字”列', '內置文字僅供參考：改這一欄不起作用，請寫在「文字」欄', 'Built-in text, for reference only: write the wording under Text');

/**
 * Setup: a new tab gets a note row and one reference row per part (Text empty, so nothing is overridden
 * until the office writes something); an existing tab only gets headers it lacks, its rows untouched.
 */
export function ensureWordingTab(book: Book, lang: Lang, created: string[]): void {
  const { tables } = book.ports;
  let tab = book.tabOf(WORDING_TAB.key, WORDING_TAB.label);
  if (!tab) {
    tab = WORDING_TAB.label[lang];
    tables.create(tab);
    tables.writeHeaders(tab, WORDING_HEADERS.map((h) => h.label[lang]));
    book.addName(tab);
    created.push(tab);
    // Built-in text is the add-on's own (no formula can start it), but neutralise it as every written text is.
    tables.append(tab, wordingReferenceRows(lang).map((r) => r.map(neutralise)));
  } else {
    const have = (tables.read(tab)?.headers ?? []).map(String);
    const missing = WORDING_HEADERS.filter((h) => !have.some((x) => matchesLabel(x, h.key, h.label)));
    if (missing.length) {
      let n = have.length;
      while (n > 0 && have[n - 1].trim() === '') n--;
      tables.writeHeaders(tab, [...have.slice(0, n), ...missing.map((h) => h.label[lang])]);
    }
  }
  tables.format({ tab, columns: WORDING_HEADERS.map((h) => ({ type: 'text' as const, system: h.key === 'builtin' })), protect: 'columns', protectionNote: BUILTIN_NOTE[lang] });
}
