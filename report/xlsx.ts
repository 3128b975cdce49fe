/**
 * The form as an Excel workbook (exceljs), one sheet per table: the title,
 * the table's errors, the four-row header with its merges, one row per
 * indicator with the merged cells of the form, column widths, wrapped text,
 * the header rows frozen and repeated on every printed page, A4 landscape.
 * Returns the bytes; writing them (atomically) is the caller's business.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { looksLikeFormula } from './formulaGuard';
import type { FormColumn, ReportModel, ReportTable } from './model';
import { COLUMN_WIDTHS, formHeader, HEADER_ROWS, MERGED_COLUMNS, type MergedColumn } from './model';
import { sayer, severityName, type HtmlOptions } from './page';

export type XlsxOptions = Pick<HtmlOptions, 'locale'>;

/** Errors listed above a sheet's form at most; the rest are counted in one more row. */
export const MAX_LISTED_ERRORS = 20;

/** Where things are on a table's sheet (1-based rows, as Excel counts). */
export interface SheetLayout {
  titleRow: number;
  /** Rows of the error list (empty when the table has no error). */
  errorRows: number[];
  headerTop: number;
  /** First row of the form's body. */
  bodyTop: number;
}

export function sheetLayout(table: ReportTable): SheetLayout {
  const listed = Math.min(table.errorCount, MAX_LISTED_ERRORS);
  const errorLines = table.errorCount === 0 ? 0 : 1 + listed + (table.errorCount > listed ? 1 : 0);
  const errorRows = Array.from({ length: errorLines }, (_, i) => 2 + i);
  const headerTop = 2 + errorLines;
  return { titleRow: 1, errorRows, headerTop, bodyTop: headerTop + HEADER_ROWS };
}

/** An Excel sheet name: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
export function sheetName(table: ReportTable, index: number, taken: Set<string>): string {
  const base = (table.department + table.year || table.file.replace(/^.*[\\/]/, '').replace(/\.ttab$/i, '') || `Sheet${index + 1}`)
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31) || `Sheet${index + 1}`;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - `(${n})`.length)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
// One object per kind of cell: exceljs recognises a style object it has seen and reuses its id.
const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } };
const ERROR_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10, color: { argb: 'FFC00000' } }, alignment: { vertical: 'middle', wrapText: true } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 10, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: THIN,
};
const BODY_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, alignment: { vertical: 'middle', wrapText: true }, border: THIN };
const CENTERED_STYLE: Partial<ExcelJS.Style> = { ...BODY_STYLE, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
const CENTERED = new Set<FormColumn>(['dutyNumber', 'target', 'plan', 'standard', 'historyAverage', 'lastYear']);
const MERGED = new Set<FormColumn>(MERGED_COLUMNS);
/** Points per line of 10-point text. */
const LINE_HEIGHT = 13.5;

export function buildWorkbook(model: ReportModel, options: XlsxOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Target Table';
  const taken = new Set<string>();
  model.tables.forEach((table, index) => addSheet(workbook, table, sheetName(table, index, taken), options));
  if (model.tables.length === 0) workbook.addWorksheet('Sheet1');
  return workbook;
}

export async function xlsxBuffer(model: ReportModel, options: XlsxOptions = {}): Promise<Uint8Array> {
  const workbook = buildWorkbook(model, options);
  const buffer = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return guardedCells.has(workbook) ? withQuotePrefix(buffer) : buffer;
}

// ---------------------------------------------------------------------------
// Cells that look like formulas (formulaGuard.ts) keep their text and get Excel's quote prefix
// (`quotePrefix="1"` on their cell format, as when a user types '=…): they stay text when edited
// or saved again, as CSV for instance. exceljs cannot write that attribute, so such cells get the
// Text number format (@, itself a guard: Excel does not evaluate what is typed into a Text cell),
// which marks their formats, and the formats are given the quote prefix in the written workbook.

const TEXT_FORMAT = '@';
/** A cell format with the Text number format (`@` is built-in format 49) in xl/styles.xml. */
const TEXT_FORMAT_XF = /\bnumFmtId="49"/;

/** Workbooks with at least one guarded cell: only they need the second pass. */
const guardedCells = new WeakSet<ExcelJS.Workbook>();
/** One guarded style per style (exceljs shares a cell format among cells with the same style object). */
const guardedStyles = new WeakMap<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();

function setText(cell: ExcelJS.Cell, text: string, style: Partial<ExcelJS.Style>, workbook: ExcelJS.Workbook): void {
  cell.value = text;
  if (!looksLikeFormula(text)) {
    cell.style = style;
    return;
  }
  let guarded = guardedStyles.get(style);
  if (!guarded) guardedStyles.set(style, (guarded = { ...style, numFmt: TEXT_FORMAT }));
  cell.style = guarded;
  guardedCells.add(workbook);
}

/** The workbook with `quotePrefix="1"` on every cell format of the Text number format. */
async function withQuotePrefix(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('xl/styles.xml');
  if (!part) return bytes;
  const styles = await part.async('string');
  const marked = styles.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (cellXfs) =>
    cellXfs.replace(/<xf\b([^>]*?)(\/?)>/g, (xf, attributes: string, selfClosing: string) =>
      TEXT_FORMAT_XF.test(attributes) && !/\bquotePrefix=/.test(attributes) ? `<xf${attributes} quotePrefix="1"${selfClosing}>` : xf,
    ),
  );
  zip.file('xl/styles.xml', marked);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable, name: string, options: XlsxOptions): void {
  const layout = sheetLayout(table);
  const columns = table.columns;
  const width = columns.length;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: layout.bodyTop - 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${layout.headerTop}:${layout.bodyTop - 1}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = columns.map((c) => ({ width: COLUMN_WIDTHS[c] }));

  setText(sheet.getCell(layout.titleRow, 1), table.title, TITLE_STYLE, workbook);
  sheet.getRow(layout.titleRow).height = 30;
  sheet.mergeCells(layout.titleRow, 1, layout.titleRow, width);

  if (layout.errorRows.length > 0) {
    const say = sayer(options);
    const totalWidth = columns.reduce((w, c) => w + COLUMN_WIDTHS[c], 0);
    const errors = table.findings.filter((f) => f.severity === 'error');
    const n = table.errorCount;
    const lines = [say({ zh: `本表有 ${n} 个错误，报表可能不完整：`, en: `This table has ${n} error${n === 1 ? '' : 's'}; the report may be incomplete:` })];
    for (const f of errors.slice(0, MAX_LISTED_ERRORS)) lines.push(`${table.file}:${f.line + 1} ${severityName(f.severity, say)} ${f.code} ${say(f.message)}`);
    if (n > MAX_LISTED_ERRORS) lines.push(say({ zh: `……另有 ${n - MAX_LISTED_ERRORS} 个错误`, en: `… and ${n - MAX_LISTED_ERRORS} more` }));
    layout.errorRows.forEach((row, i) => {
      setText(sheet.getCell(row, 1), lines[i]!, ERROR_STYLE, workbook);
      sheet.mergeCells(row, 1, row, width);
      sheet.getRow(row).height = textLines(lines[i]!, totalWidth) * LINE_HEIGHT + 4;
    });
  }

  for (const h of formHeader(columns)) {
    const top = layout.headerTop + h.row;
    const left = h.col + 1;
    sheet.getCell(top, left).value = h.text;
    for (let r = top; r < top + h.rowSpan; r++) for (let c = left; c < left + h.colSpan; c++) sheet.getCell(r, c).style = HEADER_STYLE;
    if (h.rowSpan > 1 || h.colSpan > 1) sheet.mergeCells(top, left, top + h.rowSpan - 1, left + h.colSpan - 1);
  }
  for (let r = layout.headerTop; r < layout.bodyTop; r++) sheet.getRow(r).height = r === layout.headerTop + 1 ? 42 : 20;

  const styles = columns.map((c) => (CENTERED.has(c) ? CENTERED_STYLE : BODY_STYLE));
  // Lines each row needs, so wrapped text is visible without resizing (Excel does not grow rows with merged cells).
  const lines = new Float64Array(table.rows.length).fill(1);
  table.rows.forEach((row, i) => {
    const r = layout.bodyTop + i;
    const excelRow = sheet.getRow(r);
    columns.forEach((column, k) => {
      const cell = excelRow.getCell(k + 1);
      cell.style = styles[k]!;
      const span = MERGED.has(column) ? row.spans[column as MergedColumn] : 1;
      if (span === 0) return;
      const text = row.cells[column];
      if (text !== '') setText(cell, text, styles[k]!, workbook);
      if (span > 1) sheet.mergeCells(r, k + 1, r + span - 1, k + 1);
      const needed = textLines(text, COLUMN_WIDTHS[column]) / span;
      for (let j = i; j < i + span; j++) if (lines[j]! < needed) lines[j] = needed;
    });
  });
  table.rows.forEach((_, i) => (sheet.getRow(layout.bodyTop + i).height = Math.ceil(lines[i]!) * LINE_HEIGHT + 4));
}

/** Lines a text takes in a column of the given width (a CJK character is about two widths of '0'). */
function textLines(text: string, width: number): number {
  if (text === '') return 1;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let w = 0;
    for (let i = 0; i < paragraph.length; i++) w += paragraph.charCodeAt(i) > 0x2e7f ? 2 : 1.1;
    lines += Math.max(1, Math.ceil(w / Math.max(1, width - 1)));
  }
  return lines;
}
