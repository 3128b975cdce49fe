import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/src/index';
import { outline } from './support/ast';

/** Errors as `line:col-line:col CODE` (1-based), for compact expectations. */
function errorList(text: string): string[] {
  return parse(text).errors.map(
    (e) => `${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1} ${e.code}`,
  );
}

function assertParse(input: string, expectedOutline: string, expectedErrors: string[] = []): void {
  const { ast } = parse(input);
  expect(outline(ast)).toBe(expectedOutline.trim().replace(/^ {6}/gm, ''));
  expect(errorList(input)).toEqual(expectedErrors);
}

describe('parser: structure', () => {
  it('reads header, duty with number, sub-duty, objective, indicator and its fields', () => {
    assertParse(
      `部门 投资促进局
年度 2022
职责 1 组织开展重大招商引资活动,宣传开发区
  预算项目 双招双引
  科室 招商联络科
  事项 组织开展区重大推介会活动
    目标 对外推介开发区
      指标 重大活动举办次数
        解释 全区计划举办招商推介会
        指标值 1次
        标准值 1次
        标准来源 年度工作计划
        活动 举办招商推介会活动
`,
      `
      department: 投资促进局
      year: 2022
      duty: #1 组织开展重大招商引资活动,宣传开发区
        project: 双招双引
        office: 招商联络科
        item: 组织开展区重大推介会活动
          objective: 对外推介开发区
            indicator: 重大活动举办次数
              explanation: 全区计划举办招商推介会
              target: 1次
              standard: 1次
              standardSource: 年度工作计划
              activity: 举办招商推介会活动
      `,
    );
  });

  it('nests by keywords, not by indentation', () => {
    assertParse(
      `职责 2 服务联络
目标 驻外办招商引资的联络服务工作
指标 驻外办事处个数
指标值 2处
指标 第二个指标
            指标值 3处
目标 第二个目标
`,
      `
      duty: #2 服务联络
        objective: 驻外办招商引资的联络服务工作
          indicator: 驻外办事处个数
            target: 2处
          indicator: 第二个指标
            target: 3处
        objective: 第二个目标
      `,
    );
  });

  it('accepts English aliases, mixed with Chinese keywords', () => {
    assertParse(
      `department 投资促进局
year 2022
duty 3 招引人才
  objective 完成全局人才指标任务
    indicator 人才指标完成率
      target 100%
      last-year 100%
      history-source 内部统计
      备注 none
`,
      `
      department: 投资促进局
      year: 2022
      duty: #3 招引人才
        objective: 完成全局人才指标任务
          indicator: 人才指标完成率
            target: 100%
            lastYear: 100%
            historySource: 内部统计
            remark: none
      `,
    );
  });

  it('joins continuation lines with line breaks and trims trailing whitespace', () => {
    const { ast, errors } = parse('职责 1 x\n  目标 y\n    指标 z\n      活动 1、培训4次；   \n        + 2、规范报销程序\n        +\n        + 3、完\n');
    expect(errors).toEqual([]);
    const activity = ast.duties[0]!.objectives[0]!.indicators[0]!.activity[0]!;
    expect(activity.text).toBe('1、培训4次；\n2、规范报销程序\n\n3、完');
    expect(activity.continuationRanges.map((r) => r.start.line)).toEqual([4, 5, 6]);
    expect(activity.range.end).toEqual({ line: 6, character: 13 });
  });

  it('takes the duty number only when the first word is digits', () => {
    const { ast } = parse('职责 12 招商\n职责 2021年工作\n职责 7\n职责\n');
    expect(ast.duties.map((d) => [d.number?.value ?? null, d.title.text])).toEqual([
      [12, '招商'],
      [null, '2021年工作'],
      [7, ''],
      [null, ''],
    ]);
    expect(ast.duties[0]!.title.textRange.start.character).toBe(6);
  });

  it('requires whitespace after a keyword; accepts tabs and the ideographic space', () => {
    assertParse('职责\t一\n  目标　二\n', 'duty: 一\n  objective: 二');
    expect(errorList('指标值95%\n')).toEqual(['1:1-1:7 TT002']);
  });

  it('allows empty fields and keeps comments aside', () => {
    const { ast, errors } = parse('# 标题\n部门 甲\n  # 中间\n职责 1 甲\n  目标\n    指标 乙\n      备注\n');
    expect(errors).toEqual([]);
    expect(ast.comments.map((c) => [c.range.start.line, c.text])).toEqual([
      [0, ' 标题'],
      [2, ' 中间'],
    ]);
    expect(ast.duties[0]!.objectives[0]!.title.text).toBe('');
    expect(ast.duties[0]!.objectives[0]!.indicators[0]!.remark!.text).toBe('');
  });

  it('a # inside a field is text, not a comment', () => {
    const { ast } = parse('职责 1 建设#1号楼\n');
    expect(ast.duties[0]!.title.text).toBe('建设#1号楼');
    expect(ast.comments).toEqual([]);
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const { ast, errors } = parse('\uFEFF部门 甲\r\n年度 2022\r\n职责 1 乙\r\n');
    expect(errors).toEqual([]);
    expect(ast.department!.text).toBe('甲');
    expect(ast.duties[0]!.title.range.start).toEqual({ line: 2, character: 0 });
  });

  it('puts objectives written before 事项 on the duty, later ones on the 事项', () => {
    assertParse(
      '职责 1 甲\n  目标 直接\n  事项 子项\n    目标 子目标\n',
      'duty: #1 甲\n  objective: 直接\n  item: 子项\n    objective: 子目标',
    );
  });

  it('序号 (number): the own 职责序号 of a 事项, objective or indicator under a merged duty, in Chinese or English', () => {
    const text = '职责 1 招商\n  目标 推介\n    指标 次数\n  目标 签约\n    序号 2\n    指标 个数\n  事项 跟踪\n    number 3\n    目标 落地\n      指标 落地率\n      指标 满意度\n        序号 4\n';
    const { ast, errors } = parse(text);
    expect(errors).toEqual([]);
    const duty = ast.duties[0]!;
    expect(duty.number?.text).toBe('1');
    expect(duty.objectives.map((o) => o.number?.text ?? null)).toEqual([null, '2']);
    expect(duty.items[0]!.number?.text).toBe('3');
    expect(duty.items[0]!.objectives[0]!.indicators.map((i) => i.number?.text ?? null)).toEqual([null, '4']);
    expect(duty.objectives[1]!.number!.range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 8 } });
    expect(outline(ast)).toContain('  objective: 签约\n    number: 2\n    indicator: 个数');
  });

  it('gives every node a range: the indicator spans its fields', () => {
    const { ast } = parse('职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 5次\n      备注 丁\n\n职责 2 戊\n');
    const indicator = ast.duties[0]!.objectives[0]!.indicators[0]!;
    expect(indicator.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 4, character: 10 } });
    expect(indicator.target!.keywordRange).toEqual({ start: { line: 3, character: 6 }, end: { line: 3, character: 9 } });
    expect(indicator.target!.textRange).toEqual({ start: { line: 3, character: 10 }, end: { line: 3, character: 12 } });
    expect(ast.duties[0]!.range.end).toEqual({ line: 4, character: 10 });
    expect(ast.range.end).toEqual({ line: 7, character: 0 });
  });
});

describe('parser: errors, with exact ranges', () => {
  const cases: [string, string, string[]][] = [
    ['unknown line', '职责 1 甲\n  乱写一行\n', ['2:3-2:7 TT002']],
    ['indicator field under an objective', '职责 1 甲\n  目标 乙\n  指标值 5次\n', ['3:3-3:6 TT003']],
    ['indicator field at the top', '指标值 5次\n', ['1:1-1:4 TT003']],
    ['inherited field at the top', '科室 综合科\n', ['1:1-1:3 TT003']],
    ['objective before any duty', '目标 乙\n', ['1:1-1:3 TT003']],
    ['orphan indicator block reports once', '指标 甲\n  指标值 1次\n  标准值 1次\n', ['1:1-1:3 TT003']],
    ['continuation with nothing above', '+ 文字\n', ['1:1-1:2 TT004']],
    ['field given twice', '职责 1 甲\n目标 乙\n指标 丙\n指标值 1次\n指标值 2次\n', ['5:1-5:4 TT010']],
    ['year not four digits', '年度 二〇二二\n', ['1:4-1:8 TT011']],
    ['header after a duty', '职责 1 甲\n部门 乙\n', ['2:1-2:3 TT012']],
    ['header twice', '部门 甲\n部门 乙\n', ['2:1-2:3 TT012']],
    ['序号 on a duty (its number goes on the 职责 line)', '职责 1 甲\n  序号 2\n', ['2:3-2:5 TT003']],
    ['序号 at the top', '序号 2\n', ['1:1-1:3 TT003']],
    ['序号 twice on one objective', '职责 1 甲\n  目标 乙\n    序号 2\n    序号 3\n', ['4:5-4:7 TT010']],
    ['序号 twice on one indicator', '职责 1 甲\n  目标 乙\n    指标 丙\n      序号 2\n      序号 3\n', ['5:7-5:9 TT010']],
    ['several errors, in order', '乱\n职责 1 甲\n  指标值 1\n  目标 乙\n    指标 丙\n      指标值 1\n      指标值 2\n', ['1:1-1:2 TT002', '3:3-3:6 TT003', '7:7-7:10 TT010']],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(errorList(input)).toEqual(expected);
  });

  it('every error has bilingual messages', () => {
    for (const [, input] of cases) {
      for (const e of parse(input).errors) {
        expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(e.message.en).toMatch(/[A-Za-z]{4,}( [a-z]+){2,}/);
        expect(e.severity).toBe('error');
      }
    }
  });
});

describe('parser: error recovery keeps the rest of the table', () => {
  it('a broken line in the middle does not lose the indicators after it', () => {
    const text = `部门 甲
职责 1 第一
  目标 一
    指标 A
      指标值 1次
    这一行坏了
    指标 B
      指标值 2次
  目标 二
  指标值 放错位置
    指标 C
      指标值 3次
职责 2 第二
  目标 二
    指标 D
      指标值 4次
`;
    const { ast, errors } = parse(text);
    expect(errors.map((e) => e.code)).toEqual(['TT002', 'TT003']);
    const names = ast.duties.flatMap((d) => d.objectives.flatMap((o) => o.indicators.map((i) => `${i.name.text}=${i.target?.text}`)));
    // The misplaced 指标值 (directly under 目标 二) is reported and left out; nothing else is lost.
    expect(names).toEqual(['A=1次', 'B=2次', 'C=3次', 'D=4次']);
    expect(ast.duties[0]!.objectives.map((o) => o.title.text)).toEqual(['一', '二']);
  });
});

describe('TT002: the keyword an unknown line most likely meant', () => {
  it.each<[string, { word: string; replacement: string } | undefined]>([
    ['指示值 80%', { word: '指示值', replacement: '指标值' }],
    ['标准来原 年度工作计划', { word: '标准来原', replacement: '标准来源' }],
    ['备住 无', { word: '备住', replacement: '备注' }],
    ['指标值80%', { word: '指标值', replacement: '指标值 ' }],
    ['指示值80%', { word: '指示值', replacement: '指标值 ' }],
    ['targt 5次', { word: 'targt', replacement: 'target' }],
    ['histroy-source 内部统计', { word: 'histroy-source', replacement: 'history-source' }],
    ['这一行坏了', undefined],
    ['乱写一行', undefined],
    ['说明 无', undefined],
    [`${'很长的一行'.repeat(200)}`, undefined],
  ])('%s', (line, expected) => {
    const { errors } = parse(`职责 1 甲\n  目标 乙\n    指标 丙\n      ${line}\n      指标值 1次\n      备注 新增\n`);
    const tt002 = errors.find((e) => e.code === 'TT002')!;
    expect(tt002.data).toEqual(expected);
    if (expected) expect(tt002.message.zh).toContain(expected.replacement.trim());
  });
});
