/** Tab-separated cells: a .tsv file, or what Excel and WPS put on the clipboard. */
import { readDelimited } from './delimited';
import type { ReadResult } from './grid';

export function readTsv(text: string): ReadResult {
  return readDelimited(text, '\t');
}
