/**
 * Cells a spreadsheet would run as a formula (issue 14): a text starting with = + - @ (`=100%` → 1,
 * `=HYPERLINK(…)` → a link), their full-width forms (Excel and WPS turn a leading ＝ typed with a
 * Chinese input method into =), or a tab or carriage return. Plain numbers and a lone dash
 * ("none") are what they look like and stay as they are. CSV writes such a cell with a leading
 * apostrophe; XLSX keeps the text and marks the cell with Excel's quote prefix, so it stays text
 * when the cell is edited or the workbook saved again in another format.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const NUMBER_OR_NONE = /^(?:[+-]?\d+(?:\.\d+)?%?|[-—–－])$/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !NUMBER_OR_NONE.test(text);
}
