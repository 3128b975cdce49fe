/**
 * XLSX workbooks, read with exceljs after a bounded scan (xlsxScan.ts): one grid per worksheet. A
 * merged range's value fills its span, so merged 职责 / 科室 cells read like the same text repeated
 * on each row; the grid also says which cells are part of a merged range (so a merged title or
 * banner is one cell, and a merged 部门职责 continues the row above). Percent-formatted numbers
 * read as written (0.95 with format 0% → 95%).
 */
import ExcelJS from 'exceljs';
import { problem, type CellIndex, type Grid, type ReadResult } from './grid';
import { columnName, Deadline, IMPORT_LIMITS, LimitExceeded, limitProblems, type ImportLimits } from './limits';
import { scanWorkbook, SKIPPED_SHEET_PARTS, type CellRange, type WorkbookScan } from './xlsxScan';

/** A number as the sheet shows it: percent formats multiply by 100; no binary noise (0.1+0.2). */
function numberText(value: number, numFmt: string | undefined): string {
  const percent = numFmt !== undefined && numFmt.includes('%');
  const n = percent ? value * 100 : value;
  const text = String(Number(n.toPrecision(12)));
  return percent ? `${text}%` : text;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, cell.numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v || 'formula' in v) {
      const r = v.result;
      if (typeof r === 'number') return numberText(r, cell.numFmt);
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      if (r !== undefined && r !== null && typeof r === 'object' && 'error' in (r as object)) return String((r as { error: unknown }).error);
      return r === undefined || r === null ? '' : String(r);
    }
    if (typeof v.text === 'string') return v.text;
    if (v.text && typeof v.text === 'object' && Array.isArray((v.text as { richText?: unknown }).richText)) {
      return ((v.text as { richText: { text: string }[] }).richText).map((r) => r.text).join('');
    }
    if (typeof v.error === 'string') return v.error;
  }
  return cell.text ?? '';
}

/** A sheet's cells with a value: 1-based row and column, text. */
interface SheetCell {
  row: number;
  column: number;
  text: string;
}

/**
 * The grid of a sheet: rows up to the last row with a value, each as wide as the last column with
 * one, merged ranges filled with their first cell's text (clipped to that area; exceljs would fill
 * them whole) and their other cells marked with that first cell. Work and memory go by the cells
 * that exist, never by the sheet's declared size.
 */
function sheetGrid(sheet: ExcelJS.Worksheet, merges: readonly CellRange[], limits: ImportLimits, deadline: Deadline): Grid {
  const cells: SheetCell[] = [];
  let height = 0;
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    deadline.check();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const text = cellText(cell);
      if (text === '') return;
      if (r > limits.maxRows || c > limits.maxColumns) throw new LimitExceeded(limitProblems.cellOutside(`${columnName(c)}${r}`, r, limits, sheet.name));
      cells.push({ row: r, column: c, text });
      if (r > height) height = r;
      if (c > width) width = c;
    });
  });
  if (height * width > limits.maxGridCells) throw new LimitExceeded(limitProblems.areaTooLarge(height, width, limits, sheet.name));
  const rows = Array.from({ length: height }, () => new Array<string>(width).fill(''));
  for (const { row, column, text } of cells) rows[row - 1]![column - 1] = text;
  let filled = 0;
  const merged: (CellIndex | undefined)[][] = [];
  for (const m of merges) {
    const bottom = Math.min(m.bottom, height);
    const right = Math.min(m.right, width);
    if (m.top > bottom || m.left > right) continue;
    filled += (bottom - m.top + 1) * (right - m.left + 1);
    if (filled > limits.maxGridCells) throw new LimitExceeded(limitProblems.mergesTooLarge(limits, sheet.name));
    const text = rows[m.top - 1]![m.left - 1]!;
    const master: CellIndex = { row: m.top - 1, col: m.left - 1 };
    for (let r = m.top; r <= bottom; r++) {
      rows[r - 1]!.fill(text, m.left - 1, right);
      const marks = (merged[r - 1] ??= []);
      for (let c = m.left; c <= right; c++) if (r !== m.top || c !== m.left) marks[c - 1] = master;
    }
  }
  return { sheet: sheet.name, rows, lines: rows.map((_, i) => i + 1), merged, spreadsheet: true };
}

/**
 * Reads a workbook within the limits: scanned first (xlsxScan.ts), then read by exceljs without the
 * sheet parts it would expand, then one grid per sheet. Throws LimitExceeded when a limit is reached.
 */
export async function readXlsx(bytes: Uint8Array, limits: ImportLimits = IMPORT_LIMITS, deadline = new Deadline(limits)): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  let scan: WorkbookScan;
  try {
    scan = await scanWorkbook(bytes, limits, deadline);
    deadline.check();
    // exceljs types a Buffer as its own ArrayBuffer; a copy keeps the caller's bytes untouched
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer, { ignoreNodes: SKIPPED_SHEET_PARTS });
    deadline.check();
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    return { grids: [], problems: [problem('error', `无法读取 XLSX 工作簿：${(e as Error).message}`, `cannot read the XLSX workbook: ${(e as Error).message}`)] };
  }
  return { grids: workbook.worksheets.map((sheet) => sheetGrid(sheet, scan.merges.get(sheet.name) ?? [], limits, deadline)), problems: [] };
}
