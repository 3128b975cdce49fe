/**
 * XLSX workbooks, read with exceljs: one grid per worksheet. A merged range's value fills its
 * whole span (exceljs gives every cell of the range the master's value), so merged 职责 / 科室
 * cells read like the same text repeated on each row; the grid also says which cells are part of
 * a merged range (so a merged title or banner is one cell, and a merged 部门职责 continues the row
 * above). Percent-formatted numbers read as written (0.95 with format 0% → 95%).
 */
import ExcelJS from 'exceljs';
import { problem, type CellIndex, type Grid, type ReadResult } from './grid';

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

export async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs hands the bytes to JSZip, which takes any Uint8Array (no Buffer: the browser has none); a copy keeps the caller's bytes untouched
    await workbook.xlsx.load(bytes.slice() as unknown as ArrayBuffer);
  } catch (e) {
    return { grids: [], problems: [problem('error', `无法读取 XLSX 工作簿：${(e as Error).message}`, `cannot read the XLSX workbook: ${(e as Error).message}`)] };
  }
  const grids: Grid[] = [];
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    const lines: number[] = [];
    const merged: (CellIndex | undefined)[][] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      let masters: (CellIndex | undefined)[] | undefined;
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell));
        const master = cell.isMerged ? cell.master : cell;
        if (master !== cell) (masters ??= [])[c - 1] = { row: Number(master.row) - 1, col: Number(master.col) - 1 };
      }
      rows.push(cells);
      lines.push(r);
      if (masters) merged[r - 1] = masters;
    }
    grids.push({ sheet: sheet.name, rows, lines, merged, spreadsheet: true });
  }
  return { grids, problems: [] };
}
