/**
 * The form as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese
 * text correctly), one row per indicator with every column — the merged cells
 * repeated on each row, as data rather than layout — then the file and line.
 */
import { stringify } from 'csv-stringify/sync';
import { COLUMN_NAMES, FORM_COLUMNS, type ReportModel } from './model';

export const CSV_HEADER: readonly string[] = ['部门', '年度', ...FORM_COLUMNS.map((c) => COLUMN_NAMES[c]), '文件', '行'];

const NUMBER_OR_NONE = /^(?:[+-]?\d+(?:\.\d+)?%?|[-—–])$/;

/**
 * A spreadsheet reads a cell starting with = + - @ as a formula (`=100%` → 1,
 * `=HYPERLINK(…)` → a link): such a cell is written with a leading apostrophe,
 * which spreadsheets show as text. Plain numbers and a lone dash stay as they are.
 */
export function protectCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER_OR_NONE.test(text) ? `'${text}` : text;
}

export function renderCsv(model: ReportModel): string {
  const records: string[][] = [[...CSV_HEADER]];
  for (const table of model.tables) {
    for (const row of table.rows) {
      if (!row.isIndicator) continue;
      records.push([table.department, table.year, ...FORM_COLUMNS.map((c) => row.cells[c]), table.file, String(row.line + 1)].map(protectCell));
    }
  }
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}
