/**
 * What every reader gives the layout: a grid of cell texts per sheet, with the source line (or
 * spreadsheet row) of each grid row for messages. Readers never throw on bad input: they return
 * problems instead.
 */
import type { Message } from '../grammar/src/index';

export interface Grid {
  /** The sheet's name (XLSX), absent for text inputs. */
  sheet?: string;
  /** Cell texts as read (not yet cleaned); rows may differ in length. */
  rows: string[][];
  /** 1-based line (text) or row number (XLSX) of each row. */
  lines: number[];
  /**
   * Merged cells (XLSX): for a cell of a merged range other than its first (top-left) one, where
   * that first cell is (0-based indices into `rows` and the row's cells). The range's text is
   * repeated in every cell of `rows`; this says which cells are the same cell of the form.
   */
  merged?: readonly (readonly (CellIndex | undefined)[] | undefined)[];
  /** The cells are a spreadsheet's own (XLSX): a line break in a cell was typed, not a PDF's wrapping. */
  spreadsheet?: boolean;
}

/** A cell of a grid: 0-based row index into `Grid.rows`, 0-based column. */
export interface CellIndex {
  row: number;
  col: number;
}

export interface ImportProblem {
  severity: 'error' | 'warning';
  message: Message;
  /** 1-based line or spreadsheet row the problem is on, when there is one. */
  line?: number;
  sheet?: string;
}

export interface ReadResult {
  grids: Grid[];
  problems: ImportProblem[];
}

export function problem(severity: ImportProblem['severity'], zh: string, en: string, line?: number, sheet?: string): ImportProblem {
  return { severity, message: { zh, en }, ...(line !== undefined ? { line } : {}), ...(sheet !== undefined ? { sheet } : {}) };
}

/** A cell the importer could not place with confidence: kept in a `# 待核对` note that names where it was. */
export interface ReviewCell {
  /** 1-based line (text) or row (XLSX). */
  row: number;
  /** 1-based column. */
  col: number;
  text: string;
  reason: { zh: string; en: string };
}
