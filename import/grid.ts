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
