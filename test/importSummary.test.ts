/**
 * The message after Import Table… / Paste Table as .ttab (issue 16): English singular and plural
 * ("Imported 1 table", not "Imported 1 tables"), and every message in the Chinese bundle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSummary, type Translate } from '../client/src/importSummary';

const zh = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** vscode.l10n.t with a bundle: the translation (or the message itself), {n} replaced. */
function translator(bundle: Record<string, string> | undefined, used: Set<string>): Translate {
  return (message, ...args) => {
    used.add(message);
    return (bundle?.[message] ?? message).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
  };
}

const cases: [number, number, number, string, string][] = [
  [1, 1, 0, 'Imported 1 table with 1 indicator.', '已导入 1 张表、1 个指标。'],
  [1, 12, 0, 'Imported 1 table with 12 indicators.', '已导入 1 张表、12 个指标。'],
  [2, 30, 0, 'Imported 2 tables with 30 indicators.', '已导入 2 张表、30 个指标。'],
  [1, 12, 1, 'Imported 1 table with 12 indicators; 1 cell needs review (comments starting with “# 待核对”).', '已导入 1 张表、12 个指标；1 个单元格待核对（见以“# 待核对”开头的注释）。'],
  [3, 1, 5, 'Imported 3 tables with 1 indicator; 5 cells need review (comments starting with “# 待核对”).', '已导入 3 张表、1 个指标；5 个单元格待核对（见以“# 待核对”开头的注释）。'],
];

describe('the import summary', () => {
  it.each(cases)('%i tables, %i indicators, %i cells for review', (tables, indicators, cellsForReview, en, zhText) => {
    const used = new Set<string>();
    expect(importSummary({ tables, indicators, cellsForReview }, translator(undefined, used))).toBe(en);
    expect(importSummary({ tables, indicators, cellsForReview }, translator(zh, used))).toBe(zhText);
  });

  it('every message it uses has a Chinese translation', () => {
    const used = new Set<string>();
    for (const [tables, indicators, cellsForReview] of cases) importSummary({ tables, indicators, cellsForReview }, translator(undefined, used));
    expect([...used].filter((m) => !(m in zh))).toEqual([]);
  });
});
