// Formula-injection defence: text that Sheets (or Excel, after a download) would run as a formula is stored as plain text.

/**
 * Starts Sheets or spreadsheet exports treat as a formula or command: = + - @, tab and CR,
 * and their full-width forms (IMEs type these, and some tools normalise them to ASCII).
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63]/;

export const looksLikeFormula = (s: string): boolean => FORMULA_START.test(s);

/**
 * Text Sheets would turn into a number, date, time or boolean on write ("0755" → 755,
 * "3-1" → a date, "TRUE" → true): kept as typed, like a formula start.
 */
const PARSED_AS_VALUE = /^\s*([\d.$¥￥€£%(]|(true|false)\s*$)/i;

/**
 * What Sheets in an English-speaking locale also reads as a date: a month name and a day
 * ("Jan 5", "March 3, 2026"). Tested after folding full-width forms ("０７５５", "＄5", "（5）")
 * to ASCII, because Sheets reads those as numbers too.
 */
const LOCALE_VALUE = /^\s*((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,]*\d|[\d.$¥€£%(])/i;

/** The rule the duty log's hashes were first computed with (see canonicalWords); it must not change. */
export const quotedInLog = (s: string): boolean => looksLikeFormula(s) || PARSED_AS_VALUE.test(s);

/** True when the add-on writes the text behind an apostrophe, so Sheets keeps it as typed. */
export const needsQuote = (s: string): boolean => quotedInLog(s) || LOCALE_VALUE.test(s.normalize('NFKC'));

/**
 * A leading apostrophe makes Sheets store the rest as text and show it unchanged, so the
 * value reads back exactly as the user typed it: nothing is silently changed.
 */
export function neutralise(s: string): string {
  return needsQuote(s) ? `'${s}` : s;
}

/**
 * A plain-text (@) cell may keep the apostrophe neutralise put in front (Google has been seen to):
 * exactly one is taken off, and only where the add-on would have added it. Text typed with a
 * leading apostrophe of its own is refused at input (see schema), so nothing else is lost.
 */
export function unquote(s: string): string {
  return s.length > 1 && s[0] === "'" && needsQuote(s.slice(1)) ? s.slice(1) : s;
}
