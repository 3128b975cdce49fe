import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { formatTable } from '../service/index';

function format(input: string): string {
  const result = formatTable(input, parse(input));
  if (!result.ok) throw new Error(`refused: ${result.errors.map((e) => e.code).join(', ')}`);
  return result.text;
}

function assertFormat(input: string, expected: string): void {
  expect(format(input)).toBe(expected);
  // Idempotent: formatting the result changes nothing.
  expect(format(expected)).toBe(expected);
}

describe('formatter', () => {
  const cases: [string, string, string][] = [
    [
      'canonical indentation by level, not by the input indentation',
      '部门 甲\n年度 2022\n职责 1 乙\n预算项目 丙\n事项 丁\n目标 戊\n指标 己\n指标值 1次\n        科室 庚\n',
      '部门 甲\n年度 2022\n\n职责 1 乙\n  预算项目 丙\n  事项 丁\n    目标 戊\n      指标 己\n        指标值 1次\n        科室 庚\n',
    ],
    [
      '序号 one level below its 事项, objective or indicator',
      '职责 1 甲\n事项 乙\n序号 2\n目标 丙\n    序号 3\n指标 丁\n序号   4\n',
      '职责 1 甲\n  事项 乙\n    序号 2\n    目标 丙\n      序号 3\n      指标 丁\n        序号 4\n',
    ],
    [
      'objectives directly under a duty sit one level in',
      '职责 1 甲\n      目标 乙\n指标 丙\n',
      '职责 1 甲\n  目标 乙\n    指标 丙\n',
    ],
    [
      'one space after the keyword, no trailing whitespace, ideographic spaces too',
      '职责\t\t1   甲  \n  目标　　乙\t\n',
      '职责 1   甲\n  目标 乙\n',
    ],
    [
      'continuation lines one level deeper than their field',
      '职责 1 甲\n目标 乙\n指标 丙\n活动 一\n+二\n      +    三\n+\n',
      '职责 1 甲\n  目标 乙\n    指标 丙\n      活动 一\n        + 二\n        + 三\n        +\n',
    ],
    [
      'blank lines: at most one, none at the ends, one before each duty',
      '\n\n部门 甲\n\n\n\n年度 2022\n职责 1 乙\n目标 丙\n\n\n职责 2 丁\n\n\n',
      '部门 甲\n\n年度 2022\n\n职责 1 乙\n  目标 丙\n\n职责 2 丁\n',
    ],
    [
      'comments keep their text and take the indentation of the next line; a comment above a duty goes with it',
      '部门 甲\n职责 1 乙\n目标 丙\n# 关于指标\n指标 丁\n  #尾注\n# 关于职责2\n职责 2 戊\n',
      '部门 甲\n\n职责 1 乙\n  目标 丙\n    # 关于指标\n    指标 丁\n\n#尾注\n# 关于职责2\n职责 2 戊\n',
    ],
    [
      'keeps the keyword form the author used (English aliases)',
      'duty 1 甲\nobjective 乙\nindicator 丙\ntarget ≥95%\n',
      'duty 1 甲\n  objective 乙\n    indicator 丙\n      target ≥95%\n',
    ],
    [
      'keeps CRLF line endings and the byte-order mark',
      '\uFEFF部门 甲\r\n职责 1 乙\r\n目标 丙\r\n',
      '\uFEFF部门 甲\r\n\r\n职责 1 乙\r\n  目标 丙\r\n',
    ],
    ['empty text stays empty', '', ''],
    ['a file of comments only', '  # 只有注释\n', '# 只有注释\n'],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertFormat(input, expected));

  it('never changes a field text, even with inner spaces, #, and tabs', () => {
    const input = '职责 1 建设 #1号楼\t二期   工程\n';
    expect(format(input)).toBe(input);
  });

  it('refuses text with syntax errors and says why', () => {
    const input = '职责 1 甲\n乱写\n';
    const result = formatTable(input, parse(input));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['TT002']);
  });

  it('reports whether anything changed', () => {
    const canonical = '职责 1 甲\n  目标 乙\n';
    const result = formatTable(canonical, parse(canonical));
    expect(result).toEqual({ ok: true, text: canonical, changed: false });
  });
});
