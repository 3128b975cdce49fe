/**
 * The lexer (grammar/src/tokens.ts) token by token: which lines are fields,
 * continuations, comments or unknown lines, where a keyword ends, and the
 * token positions the AST ranges are built from.
 */
import type { IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { ttabLexer } from '../grammar/src/tokens';

/** Every token of every group (parser tokens, comments, unknown lines), in source order. */
function allTokens(input: string): IToken[] {
  const lexed = ttabLexer.tokenize(input);
  // The lexer covers every character (unknown lines are a token group), so it never reports errors.
  expect(lexed.errors).toEqual([]);
  return [...lexed.tokens, ...(lexed.groups.comments ?? []), ...(lexed.groups.unknown ?? [])].sort((a, b) => a.startOffset - b.startOffset);
}

/** Tokens as `TokenName:image`, in source order. */
function assertTokens(input: string, expected: string[]): void {
  expect(allTokens(input).map((t) => `${t.tokenType.name}:${t.image}`)).toEqual(expected);
}

/** Tokens as `image@startLine:startColumn` (Chevrotain's 1-based line, 1-based UTF-16 column). */
function assertTokenPositions(input: string, expected: string[]): void {
  expect(allTokens(input).map((t) => `${t.image}@${t.startLine}:${t.startColumn}`)).toEqual(expected);
}

describe('lexer: tokens', () => {
  const cases: [string, string, string[]][] = [
    // --- keywords and what may follow them
    ['a keyword and its text', '指标值 ≥95%', ['Kw_target:指标值', 'Text:≥95%']],
    ['indentation before a keyword is skipped', '      指标 重大活动举办次数', ['Kw_indicator:指标', 'Text:重大活动举办次数']],
    ['indentation with tabs and ideographic spaces', '\t　 目标 双城同创', ['Kw_objective:目标', 'Text:双城同创']],
    ['keyword followed by a tab', '指标值\t95%', ['Kw_target:指标值', 'Text:95%']],
    ['keyword followed by an ideographic space', '指标值　95%', ['Kw_target:指标值', 'Text:95%']],
    ['keyword followed by several spacing characters', '指标值 \t　 95%', ['Kw_target:指标值', 'Text:95%']],
    ['keyword at the end of a line', '备注\n指标 甲', ['Kw_remark:备注', 'Kw_indicator:指标', 'Text:甲']],
    ['keyword at the end of input', '备注', ['Kw_remark:备注']],
    ['keyword followed by spaces only: no text token', '备注   \n', ['Kw_remark:备注']],
    ['text keeps inner and trailing spacing (the builder trims the end)', '职责 1  甲 乙  ', ['Kw_duty:职责', 'Text:1  甲 乙  ']],
    // --- a keyword must be followed by whitespace
    ['keyword glued to its value is an unknown line', '指标值95%', ['UnknownLine:指标值95%']],
    ['keyword glued to text is an unknown line, whatever follows', '指标值x 1', ['UnknownLine:指标值x 1']],
    ['a non-breaking space does not end a keyword', '指标值\u00A095%', ['UnknownLine:指标值\u00A095%']],
    // --- longest keyword: 指标 vs 指标值
    ['指标 is the indicator line', '指标 x', ['Kw_indicator:指标', 'Text:x']],
    ['指标值 is the target, not 指标 + text', '指标值 x', ['Kw_target:指标值', 'Text:x']],
    ['标准值 vs 标准来源', '标准值 1次\n标准来源 年度工作计划', ['Kw_standard:标准值', 'Text:1次', 'Kw_standardSource:标准来源', 'Text:年度工作计划']],
    // --- English aliases
    ['English alias', 'target ≥95%', ['Kw_target:target', 'Text:≥95%']],
    ['English alias with a hyphen: standard-source', 'standard-source 年度工作计划', ['Kw_standardSource:standard-source', 'Text:年度工作计划']],
    ['English alias with a hyphen: history-average', 'history-average 12次', ['Kw_historyAverage:history-average', 'Text:12次']],
    ['English alias: last-year, history-source', 'last-year /\nhistory-source 内部统计', ['Kw_lastYear:last-year', 'Text:/', 'Kw_historySource:history-source', 'Text:内部统计']],
    ['English alias without its hyphenated rest is an unknown line', 'standard 1\nstandard-sourc x', ['Kw_standard:standard', 'Text:1', 'UnknownLine:standard-sourc x']],
    ['English aliases are case-sensitive', 'Target 95%', ['UnknownLine:Target 95%']],
    ['Chinese and English mixed in one file', 'duty 1 甲\n目标 乙\nindicator 丙', ['Kw_duty:duty', 'Text:1 甲', 'Kw_objective:目标', 'Text:乙', 'Kw_indicator:indicator', 'Text:丙']],
    // --- continuation lines
    ['continuation with text', '  + 2、规范财务人员报销程序', ['Continuation:+', 'Text:2、规范财务人员报销程序']],
    ['continuation without text', '+', ['Continuation:+']],
    ['continuation without text, trailing spaces', '  +  \n', ['Continuation:+']],
    ['continuation glued to its text', '+二', ['Continuation:+', 'Text:二']],
    ['a + inside text is text', '活动 1+1', ['Kw_activity:活动', 'Text:1+1']],
    // --- comments
    ['comment line', '# 数据来源：2021年决算', ['Comment:# 数据来源：2021年决算']],
    ['indented comment line', '    #尾注', ['Comment:#尾注']],
    ['a lone #', '#', ['Comment:#']],
    ['# inside a field text is text, not a comment', '职责 1 建设 #1号楼', ['Kw_duty:职责', 'Text:1 建设 #1号楼']],
    ['# right after a keyword is text', '备注 #无', ['Kw_remark:备注', 'Text:#无']],
    // --- unknown lines
    ['a line of prose is an unknown line', '乱写一行', ['UnknownLine:乱写一行']],
    ['an unknown line keeps its trailing spaces (the error range trims them)', '乱写  ', ['UnknownLine:乱写  ']],
    ['a keyword in the middle of a line does not start a field', '甲 指标 乙', ['UnknownLine:甲 指标 乙']],
    // --- line endings, BOM, empty input
    ['LF', '部门 甲\n年度 2022\n', ['Kw_department:部门', 'Text:甲', 'Kw_year:年度', 'Text:2022']],
    ['CRLF: the \\r is not part of the text', '部门 甲\r\n年度 2022\r\n', ['Kw_department:部门', 'Text:甲', 'Kw_year:年度', 'Text:2022']],
    ['lone CR ends a line too', '部门 甲\r年度 2022\r', ['Kw_department:部门', 'Text:甲', 'Kw_year:年度', 'Text:2022']],
    ['mixed line endings', '部门 甲\r\n乱\r年度 2022\n#c', ['Kw_department:部门', 'Text:甲', 'UnknownLine:乱', 'Kw_year:年度', 'Text:2022', 'Comment:#c']],
    ['a leading byte-order mark is skipped', '\uFEFF部门 甲', ['Kw_department:部门', 'Text:甲']],
    ['a byte-order mark before a comment', '\uFEFF# 注', ['Comment:# 注']],
    ['empty input', '', []],
    ['a line of only spaces', '    ', []],
    ['blank lines of mixed whitespace', ' \t　\n\n\r\n', []],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertTokens(input, expected));
});

describe('lexer: positions', () => {
  const cases: [string, string, string[]][] = [
    ['indentation moves the keyword and its text', '  指标 a\n\t目标\u3000b', ['指标@1:3', 'a@1:6', '目标@2:2', 'b@2:5']],
    ['lines count across CRLF, CR and LF alike', '部门 甲\r\n年度 2022\r职责 1 乙\n# 注', ['部门@1:1', '甲@1:4', '年度@2:1', '2022@2:4', '职责@3:1', '1 乙@3:4', '# 注@4:1']],
    ['the BOM is a column of its own (UTF-16, as LSP positions)', '\uFEFF部门 甲', ['部门@1:2', '甲@1:5']],
    ['an unknown line and a continuation', '乱\n    +  续', ['乱@1:1', '+@2:5', '续@2:8']],
    ['blank lines still count', '\n\n   \n备注', ['备注@4:1']],
    ['characters outside the BMP take two columns', '# 😀\n活动 😀😀\n+ x', ['# 😀@1:1', '活动@2:1', '😀😀@2:4', '+@3:1', 'x@3:3']],
  ];
  it.each(cases)('%s', (_name, input, expected) => assertTokenPositions(input, expected));

  it('the text token ends at the last character of the line (end column, inclusive)', () => {
    const [, text] = allTokens('指标值 ≥95%\r\n');
    expect([text!.startOffset, text!.endOffset, text!.endLine, text!.endColumn]).toEqual([4, 7, 1, 8]);
  });
});
