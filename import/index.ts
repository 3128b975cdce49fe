/**
 * Importing tables from spreadsheets and pasted text (issue 6): the bytes of a .tsv, .csv, .xlsx
 * or pasted-PDF .txt file (or the clipboard) → one canonical .ttab text per table, with a summary
 * and the cells that need a reviewer's eye. Pure: no file system; the CLI and the extension read
 * and write the files.
 */
import type { Message } from '../grammar/src/index';
import { readCsv } from './csv';
import type { ImportProblem, ReadResult } from './grid';
import { problem } from './grid';
import { checkGrid, Deadline, IMPORT_LIMITS, LimitExceeded, limitProblems, type ImportLimits } from './limits';
import type { ReviewCell } from './grid';
import { readGrid, type ImportedTable } from './layout';
import { readPasted } from './pasted';
import { toTtab } from './toTtab';
import { readTsv } from './tsv';
import { readXlsx } from './xlsx';

export type { ImportProblem } from './grid';
export { IMPORT_LIMITS, limitProblems, type ImportLimits } from './limits';
export type { ReviewCell } from './grid';

export interface ImportedTableResult {
  department?: string;
  year?: string;
  /** The sheet the table came from (XLSX). */
  sheet?: string;
  /** Canonical .ttab text. */
  text: string;
  summary: { duties: number; indicators: number; cellsPlaced: number; cellsForReview: number };
  reviewCells: ReviewCell[];
}

export interface ImportResult {
  tables: ImportedTableResult[];
  problems: ImportProblem[];
}

export type InputFormat = 'xlsx' | 'csv' | 'tsv' | 'pasted';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The format by the file name's extension, or by the content when the name says nothing. */
export function formatOf(name: string, bytes: Uint8Array): InputFormat {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'txt') return 'pasted';
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
  return 'tsv';
}

/**
 * Bytes → text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
 * "Unicode text"), or GB18030 (what Chinese Excel and WPS save CSV as). Undefined for binary data.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}

/** A 1-based line of the first byte that is not text, for the message about a binary file. */
function firstBinaryLine(bytes: Uint8Array): number {
  let line = 1;
  for (const b of bytes) {
    if (b === 0x0a) line++;
    else if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c)) return line;
  }
  return line;
}

async function read(format: InputFormat, bytes: Uint8Array, limits: ImportLimits, deadline: Deadline): Promise<ReadResult> {
  if (format === 'xlsx') return readXlsx(bytes, limits, deadline);
  const text = decodeText(bytes);
  if (text === undefined) {
    const line = firstBinaryLine(bytes);
    return { grids: [], problems: [problem('error', `不是文本文件，也不是 XLSX 工作簿（第 ${line} 行起是二进制数据）`, `not a text file nor an XLSX workbook (binary data from line ${line})`, line)] };
  }
  const result = format === 'csv' ? readCsv(text) : format === 'pasted' ? readPasted(text) : readTsv(text);
  for (const grid of result.grids) checkGrid(grid.rows, grid.lines, limits);
  return result;
}

function indicatorCount(table: ImportedTable): number {
  let n = 0;
  for (const duty of table.duties) {
    for (const o of [...duty.objectives, ...duty.items.flatMap((i) => i.objectives)]) n += o.indicators.length;
  }
  return n;
}

export interface ImportOptions {
  /** Other limits than IMPORT_LIMITS (tests use small ones). */
  limits?: Partial<ImportLimits>;
}

/**
 * Imports every table of the input. Never throws: what cannot be read is in `problems` (severity
 * error), a limit reached too (limits.ts: size, cells, rows, columns, time).
 */
export async function importTables(input: { name: string; bytes: Uint8Array }, options: ImportOptions = {}): Promise<ImportResult> {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const deadline = new Deadline(limits);
  const problems: ImportProblem[] = [];
  const tables: ImportedTableResult[] = [];
  try {
    if (input.bytes.length === 0) {
      return { tables, problems: [problem('error', '文件是空的', 'the file is empty', 1)] };
    }
    if (input.bytes.length > limits.maxInputBytes) return { tables, problems: [limitProblems.inputTooLarge(input.bytes.length, limits)] };
    const { grids, problems: readProblems } = await read(formatOf(input.name, input.bytes), input.bytes, limits, deadline);
    problems.push(...readProblems);
    for (const grid of grids) {
      deadline.check();
      for (const table of readGrid(grid, problems)) {
        const text = toTtab(table);
        tables.push({
          ...(table.department !== undefined ? { department: table.department } : {}),
          ...(table.year !== undefined ? { year: table.year } : {}),
          ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
          text,
          summary: {
            duties: table.duties.length,
            indicators: indicatorCount(table),
            cellsPlaced: table.cellsPlaced,
            cellsForReview: table.reviewCells.length,
          },
          reviewCells: table.reviewCells,
        });
      }
    }
    if (tables.length === 0 && !problems.some((p) => p.severity === 'error')) {
      problems.push(problem('error', '没有找到表格：输入中没有表头和数据行', 'no table found: the input has no header and no data rows', 1));
    }
  } catch (e) {
    // a limit reached: nothing of this input is imported
    if (e instanceof LimitExceeded) return { tables: [], problems: [e.problem] };
    problems.push(problem('error', `导入失败：${(e as Error).message}`, `import failed: ${(e as Error).message}`));
  }
  return { tables, problems };
}

/** `<部门>-<年度>.ttab`, with what a file name cannot hold replaced; `fallback` when the title gave neither. */
export function tableFileName(table: Pick<ImportedTableResult, 'department' | 'year' | 'sheet'>, fallback: string): string {
  const parts = [table.department, table.year].filter((p): p is string => p !== undefined && p !== '');
  const base = parts.length > 0 ? parts.join('-') : table.sheet ? `${fallback}-${table.sheet}` : fallback;
  return `${base.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120)}.ttab`;
}

export function describeProblem(p: ImportProblem): Message {
  const at = (zh: boolean) => [p.sheet !== undefined ? (zh ? `工作表 ${p.sheet}` : `sheet ${p.sheet}`) : '', p.line !== undefined ? (zh ? `第 ${p.line} 行` : `line ${p.line}`) : ''].filter(Boolean).join(zh ? '，' : ', ');
  const zhAt = at(true);
  const enAt = at(false);
  return { zh: zhAt ? `${zhAt}：${p.message.zh}` : p.message.zh, en: enAt ? `${enAt}: ${p.message.en}` : p.message.en };
}
