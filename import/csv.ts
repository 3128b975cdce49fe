/** Comma-separated cells (a semicolon when the first line has more semicolons than commas, as some locales export). */
import { readDelimited } from './delimited';
import type { ReadResult } from './grid';

export function readCsv(text: string): ReadResult {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return readDelimited(text, count(';') > count(',') ? ';' : ',');
}
