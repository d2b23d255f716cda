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
 * A leading apostrophe makes Sheets store the rest as text and show it unchanged, so the
 * value reads back exactly as the user typed it: nothing is silently changed.
 */
export function neutralise(s: string): string {
  return looksLikeFormula(s) || PARSED_AS_VALUE.test(s) ? `'${s}` : s;
}
