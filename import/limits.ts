/**
 * How much an import may cost (issue 14): a hostile or broken file — a cell at the sheet's last
 * address, a zip bomb, millions of shared strings, a merge over the whole sheet — gets a clear
 * error instead of minutes of work and gigabytes of memory. The limits are far above any real
 * performance target table (the largest real ones have a few thousand rows and about twenty
 * columns) and they bound time and memory by what the file really holds.
 */
import { problem, type ImportProblem } from './grid';

export interface ImportLimits {
  /** Bytes of the file to import (checked before it is read). */
  maxInputBytes: number;
  /** Parts (zip entries) of an XLSX workbook. */
  maxParts: number;
  /** Bytes of all of a workbook's parts uncompressed: as the zip declares them, and as they inflate. */
  maxUncompressedBytes: number;
  /** XML elements in all of a workbook's parts: each becomes an object when the workbook is read. */
  maxXmlElements: number;
  /** Cells of all sheets, empty ones that only carry a format included; also the cells a defined name may cover. */
  maxCells: number;
  /** The last row and the last column that may hold a value. */
  maxRows: number;
  maxColumns: number;
  /** Cells of the area a table is read from: its rows up to the last row with a value, times its columns up to the last column with one. */
  maxGridCells: number;
  /** The whole import, from the bytes to the tables. */
  timeLimitMs: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxInputBytes: 32 * 1024 * 1024,
  maxParts: 10_000,
  maxUncompressedBytes: 128 * 1024 * 1024,
  maxXmlElements: 5_000_000,
  maxCells: 500_000,
  maxRows: 100_000,
  maxColumns: 1_000,
  maxGridCells: 2_000_000,
  timeLimitMs: 30_000,
};

/** Thrown by the readers when a limit is reached; importTables turns it into its problem. */
export class LimitExceeded extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message.en);
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
const count = (n: number) => n.toLocaleString('en-US');

export const limitProblems = {
  inputTooLarge: (bytes: number, limits: ImportLimits) =>
    problem('error', `文件过大（${mib(bytes)}），导入上限为 ${mib(limits.maxInputBytes)}`, `the file is too large (${mib(bytes)}); the import limit is ${mib(limits.maxInputBytes)}`),
  notAFile: () => problem('error', '不是普通文件（设备、FIFO 或文件夹），无法导入', 'not a regular file (a device, a FIFO or a folder); cannot import it'),
  tooManyParts: (parts: number, limits: ImportLimits) =>
    problem('error', `XLSX 工作簿的部件过多（${count(parts)} 个），上限为 ${count(limits.maxParts)} 个`, `the XLSX workbook has too many parts (${count(parts)}); the limit is ${count(limits.maxParts)}`),
  uncompressedTooLarge: (limits: ImportLimits) =>
    problem(
      'error',
      `XLSX 工作簿解压后超过 ${mib(limits.maxUncompressedBytes)}（可能是压缩炸弹），未读取`,
      `the XLSX workbook is over ${mib(limits.maxUncompressedBytes)} uncompressed (possibly a zip bomb); not read`,
    ),
  sizeMismatch: (part: string) =>
    problem('error', `XLSX 工作簿已损坏：部件 ${part} 解压后比声明的大（可能是压缩炸弹），未读取`, `the XLSX workbook is damaged: part ${part} inflates to more than it declares (possibly a zip bomb); not read`),
  tooManyElements: (limits: ImportLimits) =>
    problem('error', `XLSX 工作簿的内容过多（超过 ${count(limits.maxXmlElements)} 个 XML 元素）`, `the XLSX workbook holds too much (over ${count(limits.maxXmlElements)} XML elements)`),
  tooManyCells: (limits: ImportLimits) =>
    problem('error', `XLSX 工作簿的单元格过多（超过 ${count(limits.maxCells)} 个，含只有格式的空单元格）`, `the XLSX workbook has too many cells (over ${count(limits.maxCells)}, empty formatted cells included)`),
  definedNameTooLarge: (name: string, cells: number, limits: ImportLimits) =>
    problem(
      'error',
      `XLSX 工作簿的名称 ${name}（打印区域或命名区域）覆盖 ${count(cells)} 个单元格，超过导入上限 ${count(limits.maxCells)}`,
      `the XLSX workbook's name ${name} (a print area or named range) covers ${count(cells)} cells, over the import limit of ${count(limits.maxCells)}`,
    ),
  cellOutside: (address: string, row: number, limits: ImportLimits, sheet?: string) =>
    problem(
      'error',
      `单元格 ${address} 超出导入范围（最多 ${count(limits.maxRows)} 行、${count(limits.maxColumns)} 列）；请删除表格以外的内容后再导入`,
      `cell ${address} lies outside the import limits (at most ${count(limits.maxRows)} rows and ${count(limits.maxColumns)} columns); delete what lies outside the table and import again`,
      row,
      sheet,
    ),
  areaTooLarge: (rows: number, columns: number, limits: ImportLimits, sheet?: string) =>
    problem(
      'error',
      `表格区域过大：${count(rows)} 行 × ${count(columns)} 列 = ${count(rows * columns)} 个单元格，导入上限为 ${count(limits.maxGridCells)}`,
      `the table area is too large: ${count(rows)} rows × ${count(columns)} columns = ${count(rows * columns)} cells; the import limit is ${count(limits.maxGridCells)}`,
      undefined,
      sheet,
    ),
  mergesTooLarge: (limits: ImportLimits, sheet?: string) =>
    problem('error', `合并单元格相互重叠或过大（合计超过 ${count(limits.maxGridCells)} 个单元格）`, `the merged cells overlap or are too large (over ${count(limits.maxGridCells)} cells in all)`, undefined, sheet),
  tooSlow: (limits: ImportLimits) =>
    problem('error', `导入超时（超过 ${limits.timeLimitMs / 1000} 秒），已停止`, `the import took too long (over ${limits.timeLimitMs / 1000} s) and was stopped`),
};

/** The time an import may take, checked between steps and while reading. */
export class Deadline {
  private readonly end: number;
  constructor(private readonly limits: ImportLimits) {
    this.end = Date.now() + limits.timeLimitMs;
  }
  check(): void {
    if (Date.now() > this.end) throw new LimitExceeded(limitProblems.tooSlow(this.limits));
  }
}

/** `A`…`XFD` → 1…16384; 0 when it is not a column name. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** 1 → `A`, 16384 → `XFD`. */
export function columnName(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** `B3` → { row: 3, column: 2 } (absolute `$B$3` too); undefined when it is not a cell address. */
export function parseAddress(address: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(address);
  if (!m) return undefined;
  const column = columnNumber(m[1]!);
  const row = Number(m[2]);
  return column > 0 && row > 0 ? { row, column } : undefined;
}

/** Checks a grid read from text (CSV, TSV, pasted): rows, columns and area, as for a sheet. */
export function checkGrid(rows: readonly (readonly string[])[], lines: readonly number[], limits: ImportLimits): void {
  let lastRow = 0;
  let width = 0;
  rows.forEach((row, i) => {
    let last = row.length;
    while (last > 0 && row[last - 1]!.trim() === '') last--;
    if (last === 0) return;
    lastRow = i + 1;
    if (last > limits.maxColumns) throw new LimitExceeded(limitProblems.cellOutside(`${columnName(last)}${lines[i] ?? i + 1}`, lines[i] ?? i + 1, limits));
    if (last > width) width = last;
  });
  if (lastRow > limits.maxRows) throw new LimitExceeded(limitProblems.cellOutside(`A${lines[lastRow - 1] ?? lastRow}`, lines[lastRow - 1] ?? lastRow, limits));
  if (lastRow * width > limits.maxGridCells) throw new LimitExceeded(limitProblems.areaTooLarge(lastRow, width, limits));
}
