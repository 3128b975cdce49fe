/**
 * The form as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese
 * text correctly), one row per indicator with every column — the merged cells
 * repeated on each row, as data rather than layout — then the file and line.
 */
import { stringify } from 'csv-stringify/sync';
import { looksLikeFormula } from './formulaGuard';
import { COLUMN_NAMES, FORM_COLUMNS, type ReportModel } from './model';

export const CSV_HEADER: readonly string[] = ['部门', '年度', ...FORM_COLUMNS.map((c) => COLUMN_NAMES[c]), '文件', '行'];

/** A cell a spreadsheet would run as a formula (formulaGuard.ts) gets a leading apostrophe, which spreadsheets show as text. */
export function protectCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
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
