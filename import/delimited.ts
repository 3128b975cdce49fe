/**
 * Delimited text (CSV, and TSV as Excel and WPS put cells on the clipboard): quoted cells may hold
 * line breaks, tabs and doubled quotes. Read with csv-parse, forgiving about ragged rows and stray
 * quotes; a quote that never closes is reported with its line.
 */
import { parse } from 'csv-parse/sync';
import { problem, type ReadResult } from './grid';

export function readDelimited(text: string, delimiter: ',' | '\t' | ';'): ReadResult {
  try {
    const records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const rows: string[][] = [];
    const lines: number[] = [];
    let nextLine = 1;
    for (const { record, info } of records) {
      rows.push(record);
      // info.lines is the line the record ends on; a record starts after the previous one
      lines.push(nextLine);
      nextLine = info.lines + 1;
    }
    return { grids: [{ rows, lines }], problems: [] };
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    return {
      grids: [],
      problems: [problem('error', `无法读取分隔文本：${err.message ?? String(e)}`, `cannot read the delimited text: ${err.message ?? String(e)}`, line)],
    };
  }
}
