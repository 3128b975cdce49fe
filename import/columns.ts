/**
 * The columns of the official form and how a header names them: the header words (with the
 * keywords of keywords.ts, Chinese and English, as names too), the official multi-row header
 * (部门职责 in one column or two, the 指标参考值 group of six columns), and a flat header of one
 * named column each (as a tidy spreadsheet or `ttab report --format csv` has).
 */
import { KEYWORDS, KEYWORD_BY_KEY, type FieldKey } from '../grammar/src/index';
import { squeeze } from './cleanText';

/** What a column holds: a field of the table, the duty number, or nothing known. */
export type ColumnKey = Exclude<FieldKey, 'department' | 'year'> | 'number' | 'department' | 'year' | 'meta' | 'unknown';

/** The 指标参考值 group: 规划值, 当年标准值 (标准值, 来源), 前三年均值, 上年值, 来源. */
export const REFERENCE_COLUMNS: readonly ColumnKey[] = ['plan', 'standard', 'standardSource', 'historyAverage', 'lastYear', 'historySource'];

/** Header words of the official form and of tidy sheets → the column they name. */
const HEADER_WORDS: ReadonlyMap<string, ColumnKey | 'reference' | 'group'> = new Map<string, ColumnKey | 'reference' | 'group'>([
  ['职责序号', 'number'],
  ['序号', 'number'],
  ['部门职责', 'duty'],
  ['具体事项', 'item'],
  ['子职责', 'item'],
  ['职责目标', 'objective'],
  ['绩效指标', 'indicator'],
  ['指标名称', 'indicator'],
  ['指标类别', 'category'],
  ['指标解释', 'explanation'],
  ['年度指标值', 'target'],
  ['指标参考值', 'reference'],
  ['参考值', 'reference'],
  ['当年标准值', 'standard'],
  ['标准值来源', 'standardSource'],
  ['历史值来源', 'historySource'],
  ['工作活动', 'activity'],
  ['对应科室', 'office'],
  // group headings of the second header row: they name no column of their own
  ['历史值', 'group'],
  ['来源', 'group'],
  ['duty-number', 'number'],
  ['number', 'number'],
  // a tidy sheet may carry the table's 部门 and 年度 on every row (`ttab report --format csv` does)
  ['部门', 'department'],
  ['department', 'department'],
  ['年度', 'year'],
  ['year', 'year'],
  // where `ttab report` took each row from: provenance of the report, not part of the table
  ['文件', 'meta'],
  ['行', 'meta'],
  ['file', 'meta'],
  ['line', 'meta'],
  ...KEYWORDS.filter((k) => k.key !== 'department' && k.key !== 'year').flatMap((k) => [
    [k.zh, k.key as ColumnKey] as const,
    [k.en, k.key as ColumnKey] as const,
  ]),
]);

/** Words that start a header (a data row hardly holds them): the official form's first row. */
const STRONG_WORDS = new Set(['职责序号', '部门职责', '职责目标', '绩效指标', '指标解释', '年度指标值', '指标参考值', 'indicator', 'target']);

/** A header cell reduced to its word: no whitespace, no parenthesised note, no trailing colon. */
export function headerWord(cell: string): string {
  return squeeze(cell)
    .replace(/[(（][^)）]*[)）]?/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** What the header word names; undefined for words no header uses. */
export function headerMeaning(cell: string): ColumnKey | 'reference' | 'group' | undefined {
  const word = headerWord(cell);
  if (word === '') return 'group'; // only a parenthesised note: '(规划目标、行业标准或其他明确标准)'
  return HEADER_WORDS.get(word) ?? HEADER_WORDS.get(word.replace(/^[(（]|[)）]$/g, ''));
}

/** The first row of a header: at least three header words, one of them a strong one, and nothing else. */
export function isHeaderStart(cells: readonly string[]): boolean {
  const words = cells.filter((c) => c.trim() !== '');
  if (words.length < 3) return false;
  if (!words.every((c) => headerMeaning(c) !== undefined)) return false;
  return words.some((c) => STRONG_WORDS.has(headerWord(c)));
}

/** A later row of a multi-row header: every cell a header word or a parenthesised note. */
export function isHeaderContinuation(cells: readonly string[]): boolean {
  const words = cells.filter((c) => c.trim() !== '');
  return words.length > 0 && words.every((c) => headerMeaning(c) !== undefined);
}

/**
 * A later row of the header that starts with `first`: a continuation row whose strong words, if
 * any, stand where they stand in the first row (merged header cells repeat their text downwards).
 */
export function continuesHeader(first: readonly string[], cells: readonly string[]): boolean {
  if (!isHeaderContinuation(cells)) return false;
  return cells.every((c, i) => !STRONG_WORDS.has(headerWord(c)) || headerWord(first[i] ?? '') === headerWord(c));
}

export interface Layout {
  /** The key of each column, in order. */
  columns: ColumnKey[];
  /**
   * Official: the columns are the form's, in its order, whatever the pasted positions (PDF text
   * drops and shifts cells), so each row is aligned by content. Flat: every column is named where
   * it stands, and rows are taken as they are.
   */
  kind: 'official' | 'flat';
}

/** The layout a header block (its first row and continuation rows) describes. */
export function layoutOfHeader(block: readonly (readonly string[])[]): Layout {
  const first = block[0] ?? [];
  const meanings = first.map((c) => (c.trim() === '' ? undefined : headerMeaning(c)));
  const official = block.length > 1 || meanings.includes('reference');
  if (official) return { kind: 'official', columns: officialColumns(first, meanings) };
  return { kind: 'flat', columns: flatColumns(block[0] ?? []) };
}

/**
 * The form's columns in the order the first header row names them: an empty cell right after
 * 部门职责 (or 部门职责 twice, as merged cells read) is the sub-duty column 事项; 指标参考值 is
 * the six reference columns, whatever cells follow it empty or repeated.
 */
function officialColumns(first: readonly string[], meanings: readonly (ColumnKey | 'reference' | 'group' | undefined)[]): ColumnKey[] {
  const columns: ColumnKey[] = [];
  for (let i = 0; i < first.length; i++) {
    const meaning = meanings[i];
    if (meaning === undefined || meaning === 'group') continue;
    if (meaning === 'reference') {
      columns.push(...REFERENCE_COLUMNS);
      while (i + 1 < first.length && (meanings[i + 1] === undefined || meanings[i + 1] === 'reference' || meanings[i + 1] === 'group')) i++;
      continue;
    }
    if (meaning === 'duty' && columns.includes('duty')) {
      if (!columns.includes('item')) columns.push('item');
      continue;
    }
    if (columns.includes(meaning)) continue; // a merged heading read once per cell
    columns.push(meaning);
    if (meaning === 'duty' && i + 1 < first.length && meanings[i + 1] === undefined) {
      const next = meanings.slice(i + 1).find((m) => m !== undefined);
      if (next !== 'item' && next !== 'duty') columns.push('item');
    }
  }
  return columns;
}

/** Every cell names its own column; a second 部门职责 is 事项, a 来源 after 上年值/前三年均值 the history source. */
function flatColumns(first: readonly string[]): ColumnKey[] {
  const columns: ColumnKey[] = [];
  for (const cell of first) {
    const word = headerWord(cell);
    let meaning = cell.trim() === '' ? undefined : headerMeaning(cell);
    if (word === '来源') meaning = columns.includes('historyAverage') || columns.includes('lastYear') ? 'historySource' : 'standardSource';
    if (meaning === 'duty' && columns.includes('duty')) meaning = 'item';
    // the report's provenance columns (文件, 行) are both 'meta'; any other column named twice is unknown
    if (meaning === undefined || meaning === 'group' || meaning === 'reference' || (meaning !== 'meta' && columns.includes(meaning))) columns.push('unknown');
    else columns.push(meaning);
  }
  return columns;
}

/** The column's name for notes: the official column heading words, the .ttab keyword and its English alias. */
export function columnLabel(key: ColumnKey): { zh: string; en: string } {
  if (key === 'number') return { zh: '职责序号', en: 'duty number' };
  if (key === 'unknown' || key === 'meta') return { zh: '未知列', en: 'unknown column' };
  const k = KEYWORD_BY_KEY[key];
  return { zh: k.zh, en: k.en };
}
