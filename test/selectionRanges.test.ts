import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { selectionRanges } from '../service/index';
import { documentOf, withCursor } from './support/cursor';

/** The text of each step, innermost first; line breaks shown as ⏎. */
function steps(document: TextDocument, selection: SelectionRange | undefined): string[] {
  const out: string[] = [];
  for (let s = selection; s; s = s.parent) out.push(document.getText(s.range).replace(/\r?\n/g, '⏎'));
  return out;
}

/** The steps around the `|` cursor, up to (not including) the whole document, which is always last. */
function assertSelection(input: string, expected: string[]): void {
  const { document, text, position } = withCursor(input);
  const [selection] = selectionRanges(document, parse(text), [position]);
  const all = steps(document, selection);
  expect(all[all.length - 1]).toBe(text.replace(/\r?\n/g, '⏎'));
  expect(all.slice(0, -1)).toEqual(expected);
}

/** The first steps around the `|` cursor, innermost first. */
function assertFirstSteps(input: string, expected: string[]): void {
  const { document, text, position } = withCursor(input);
  const [selection] = selectionRanges(document, parse(text), [position]);
  expect(steps(document, selection).slice(0, expected.length)).toEqual(expected);
}

const TABLE = (body: string) => `部门 甲\n职责 1 组织开展\n  事项 推介会\n    目标 对外推介\n      指标 次数\n${body}\n`;
const INDICATOR = (field: string) => `指标 次数\n${field}`;

describe('selection ranges', () => {
  const cases: [string, string, string[]][] = [
    [
      'a number grows to the value, the field, then indicator, objective, 事项, duty',
      TABLE('        指标值 ≥1,2|00万元以上'),
      [
        '1,200',
        '≥1,200万元以上',
        '指标值 ≥1,200万元以上',
        INDICATOR('        指标值 ≥1,200万元以上').replace(/\n/g, '⏎'),
        '目标 对外推介⏎      指标 次数⏎        指标值 ≥1,200万元以上',
        '事项 推介会⏎    目标 对外推介⏎      指标 次数⏎        指标值 ≥1,200万元以上',
        '职责 1 组织开展⏎  事项 推介会⏎    目标 对外推介⏎      指标 次数⏎        指标值 ≥1,200万元以上',
      ],
    ],
    ['a unit', TABLE('        指标值 95|%'), ['%', '95%', '指标值 95%']],
    ['a comparator word', TABLE('        指标值 不低|于95%'), ['不低于', '不低于95%', '指标值 不低于95%']],
    ['a composite: piece, then its part (label + quantity), then the value', TABLE('        指标值 公众号：300期；抖|音：156条'), ['抖音', '抖音：156条', '公众号：300期；抖音：156条', '指标值 公众号：300期；抖音：156条']],
    ['prose: the word between punctuation', TABLE('        解释 全区计划举办招商推介会,推介开|发区次数'), ['推介开发区次数', '全区计划举办招商推介会,推介开发区次数', '解释 全区计划举办招商推介会,推介开发区次数']],
    ['a qualitative value: word, then the text', TABLE('        指标值 有效加强、明显|提升'), ['明显提升', '有效加强、明显提升', '指标值 有效加强、明显提升']],
    [
      'continuation lines: this line, then the whole text, then the field',
      TABLE('        活动 1、培训4次；\n          + 2、规范报|销程序'),
      ['规范报销程序', '2、规范报销程序', '1、培训4次；⏎          + 2、规范报销程序', '活动 1、培训4次；⏎          + 2、规范报销程序'],
    ],
    ['the keyword, then its field', TABLE('        标准|来源 年度工作计划'), ['标准来源', '标准来源 年度工作计划']],
  ];
  // The first steps only; the block steps above the field are the same for all (see the first case).
  it.each(cases)('%s', (_name, input, expected) => assertFirstSteps(input, expected));

  const whole: [string, string, string[]][] = [
    ['the duty number, then the duty line, then the duty', '职责 1|2 组织开展\n  目标 乙\n', ['12', '12 组织开展', '职责 12 组织开展', '职责 12 组织开展⏎  目标 乙']],
    ['the duty text', '职责 12 组织|开展\n  目标 乙\n', ['组织开展', '12 组织开展', '职责 12 组织开展', '职责 12 组织开展⏎  目标 乙']],
    ['a header field', '部门 投资|促进局\n年度 2022\n', ['投资促进局', '部门 投资促进局']],
    ['a comment inside a block', '职责 1 甲\n  # 注|释\n  目标 乙\n', ['# 注释', '职责 1 甲⏎  # 注释⏎  目标 乙']],
    ['the indentation before a comment: not the comment', '职责 1 甲\n |  # 注释\n  目标 乙\n', ['职责 1 甲⏎   # 注释⏎  目标 乙']],
    ['indentation before a field: the enclosing block', '职责 1 甲\n | 目标 乙\n', ['职责 1 甲⏎  目标 乙']],
    ['a blank line between duties: the document only', '职责 1 甲\n|\n职责 2 乙\n', []],
  ];
  it.each(whole)('%s', (_name, input, expected) => assertSelection(input, expected));

  it('answers each position in order, and never throws (positions past the end, broken tables)', () => {
    const input = '职责 1 甲\n乱写\n  目标 乙\n+\n';
    const document = documentOf(input);
    const parsed = parse(input);
    const result = selectionRanges(document, parsed, [
      { line: 0, character: 4 },
      { line: 1, character: 1 },
      { line: 99, character: 0 },
      { line: 0, character: 999 },
    ]);
    expect(result).toHaveLength(4);
    expect(document.getText(result[0]!.range)).toBe('1');
    expect(result[2]!.range).toEqual({ start: { line: 99, character: 0 }, end: { line: 99, character: 0 } });
  });

  it('every step holds the one before, on every field line of examples/投资促进局-2022.ttab', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', 'examples', '投资促进局-2022.ttab'), 'utf8');
    const document = documentOf(text);
    const parsed = parse(text);
    const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    const positions = text.split('\n').map((l, line) => ({ line, character: Math.max(0, l.length - 1) }));
    for (const selection of selectionRanges(document, parsed, positions)) {
      for (let s: SelectionRange | undefined = selection; s?.parent; s = s.parent) {
        expect(le(s.parent.range.start, s.range.start) && le(s.range.end, s.parent.range.end)).toBe(true);
        expect(s.parent.range).not.toEqual(s.range);
      }
    }
  });
});
