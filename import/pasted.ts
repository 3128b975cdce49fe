/**
 * The pasted-text form of the tables, as analysts copy them out of a PDF (the seed files): one
 * row per line, cells separated by tabs, no quoting; title lines may carry Markdown `#` marks.
 */
import type { ReadResult } from './grid';

export function readPasted(text: string): ReadResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  return { grids: [{ rows: lines.map((l) => l.split('\t')), lines: lines.map((_, i) => i + 1) }], problems: [] };
}
