import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FoldingRange } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { foldingRanges } from '../service/index';
import { documentOf } from './support/cursor';

function rangesOf(input: string): FoldingRange[] {
  return foldingRanges(documentOf(input), parse(input));
}

/** `start-end` (0-based lines), with ` comment` for comment runs. */
function show(ranges: FoldingRange[]): string[] {
  return ranges.map((r) => `${r.startLine}-${r.endLine}${r.kind ? ` ${r.kind}` : ''}`);
}

function assertFolding(input: string, expected: string[]): void {
  expect(show(rangesOf(input))).toEqual(expected);
}

describe('folding ranges', () => {
  const cases: [string, string, string[]][] = [
    [
      'each duty, 事项, objective and indicator folds from its title line to its last line',
      [
        '部门 甲', //               0
        '职责 1 乙', //             1
        '  科室 丙', //             2
        '  事项 丁', //             3
        '    目标 戊', //           4
        '      指标 己', //         5
        '        指标值 1次', //    6
        '      指标 庚', //         7
        '        指标值 2次', //    8
        '', //                      9
        '职责 2 辛', //             10
        '  目标 壬', //             11
      ].join('\n'),
      ['1-8', '3-8', '4-8', '5-6', '7-8', '10-11'],
    ],
    [
      'a field with continuation lines folds; a one-line block does not',
      '职责 1 甲\n  目标 乙\n    指标 丙\n      活动 一\n        + 二\n        + 三\n    指标 丁\n',
      ['0-6', '1-6', '2-5', '3-5'],
    ],
    [
      'a block whose title has continuations folds once, as the block',
      '职责 1 甲\n  + 乙\n目标 丙\n  + 丁\n',
      ['0-3', '2-3'],
    ],
    [
      'runs of two or more comment lines fold as comments; a single comment or a blank line between does not',
      '# 一\n# 二\n# 三\n\n# 四\n\n# 五\n职责 1 甲\n  # 六\n  # 七\n  目标 乙\n',
      ['0-2 comment', '7-10', '8-9 comment'],
    ],
    ['nothing to fold', '部门 甲\n年度 2022\n', []],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertFolding(input, expected));

  it('a broken line does not cost the rest of the table its folding', () => {
    assertFolding('职责 1 甲\n乱写\n目标 乙\n指标 丙\n指标值 5\n', ['0-4', '2-4', '3-4']);
  });

  describe('cut at a limit (the client\'s rangeLimit, targetTable.maxItemsComputed), the outer levels first', () => {
    const input = [
      '# 一', //            0
      '# 二', //            1
      '职责 1 甲', //        2
      '  目标 乙', //        3
      '    指标 丙', //      4
      '      指标值 1次', // 5
      '    指标 丁', //      6
      '      指标值 2次', // 7
      '      # 三', //      8
      '      # 四', //      9
      '职责 2 戊', //        10
      '  目标 己', //        11
      '    指标 庚', //      12
      '      指标值 3次', // 13
    ].join('\n');
    // Levels: 0-1, 2-7, 8-9 and 10-13 outermost; then 3-7 and 11-13; then 4-5, 6-7 and 12-13.
    const cases: [number, string[]][] = [
      [2, ['0-1 comment', '2-7']],
      [4, ['0-1 comment', '2-7', '8-9 comment', '10-13']],
      [5, ['0-1 comment', '2-7', '3-7', '8-9 comment', '10-13']],
      [7, ['0-1 comment', '2-7', '3-7', '4-5', '8-9 comment', '10-13', '11-13']],
      [8, ['0-1 comment', '2-7', '3-7', '4-5', '6-7', '8-9 comment', '10-13', '11-13']],
    ];
    it.each(cases)('limit %i', (limit, expected) => {
      let cut = 0;
      const ranges = foldingRanges(documentOf(input), parse(input), { rangeLimit: limit, onRangeLimitExceeded: () => cut++ });
      expect(show(ranges)).toEqual(expected);
      expect(cut).toBe(1);
    });

    it('a table within the limit is given whole, and nothing is said', () => {
      let cut = 0;
      const ranges = foldingRanges(documentOf(input), parse(input), { rangeLimit: 9, onRangeLimitExceeded: () => cut++ });
      expect(show(ranges)).toEqual(show(rangesOf(input)));
      expect(ranges).toHaveLength(9);
      expect(cut).toBe(0);
    });
  });

  describe.each(['投资促进局-2022.ttab', '经济发展局-2022.ttab'])('on examples/%s', (file) => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', 'examples', file), 'utf8');
    const ranges = rangesOf(text);
    const lines = text.split('\n');

    it('folds every duty from its line to the line before the next duty', () => {
      const dutyLines = lines.flatMap((l, i) => (l.startsWith('职责') ? [i] : []));
      const dutyFolds = ranges.filter((r) => dutyLines.includes(r.startLine));
      expect(dutyFolds.map((r) => r.startLine)).toEqual(dutyLines);
      dutyFolds.forEach((r, k) => {
        const next = dutyLines[k + 1] ?? lines.length;
        // the duty ends at its last non-blank line before the next duty
        expect(lines.slice(r.endLine + 1, next).every((l) => l.trim() === '' || l.trim().startsWith('#'))).toBe(true);
        expect(lines[r.endLine]!.trim()).not.toBe('');
      });
    });

    it('ranges nest properly: two ranges are disjoint or one holds the other; one range per start line', () => {
      for (const a of ranges) {
        for (const b of ranges) {
          if (a === b) continue;
          const disjoint = a.endLine < b.startLine || b.endLine < a.startLine;
          const nested = (a.startLine < b.startLine && b.endLine <= a.endLine) || (b.startLine < a.startLine && a.endLine <= b.endLine);
          expect(disjoint || nested).toBe(true);
        }
      }
      expect(new Set(ranges.map((r) => r.startLine)).size).toBe(ranges.length);
    });
  });
});
