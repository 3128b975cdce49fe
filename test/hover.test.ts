import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Hover, MarkupContent, Range } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { createContext, type Finding, hover, type Locale, RULES, validate, WorkspaceIndex } from '../service/index';
import { withCursor } from './support/cursor';

interface Options {
  locale?: Locale;
  findings?: Finding[];
  workspace?: WorkspaceIndex;
  uri?: string;
}

function hoverAt(input: string, options: Options = {}): Hover | null {
  const { text, position, document } = withCursor(input, options.uri);
  return hover(document, parse(text), position, createContext({ locale: options.locale ?? 'zh', workspace: options.workspace }), options.findings);
}

function assertHover(input: string, expected: string[], options: Options = {}): Hover {
  const result = hoverAt(input, options);
  expect(result, 'a hover').not.toBeNull();
  const value = (result!.contents as MarkupContent).value;
  expect((result!.contents as MarkupContent).kind).toBe('markdown');
  for (const s of expected) expect(value, `hover contains ${s}`).toContain(s);
  return result!;
}

function assertNoHover(input: string): void {
  expect(hoverAt(input)).toBeNull();
}

/** The hovered text, from the input (the `|` removed). */
function hoveredText(input: string, range: Range): string {
  const lines = withCursor(input).text.split('\n');
  return range.start.line === range.end.line ? lines[range.start.line]!.slice(range.start.character, range.end.character) : '(several lines)';
}

const INDICATOR = '职责 1 乙\n  科室 甲科\n  目标 丙\n    指标 丁\n      ';

describe('hover on a keyword', () => {
  const cases: [string, string, Locale, string[]][] = [
    ['the column heading and its meaning, zh', INDICATOR + '指|标值 ≥95%', 'zh', ['**指标值**\n', '年度指标值', '本年度要达到的值']],
    ['the column heading and its meaning, en', INDICATOR + '指|标值 ≥95%', 'en', ['**指标值**', '`target`', '年度指标值 — Annual target value', 'The value to reach this year']],
    ['an English alias shows the Chinese keyword', INDICATOR + 'tar|get 95%', 'en', ['**target**', '`指标值`', '年度指标值']],
    ['the official heading of a reference column', INDICATOR + '前三年|均值 90%', 'zh', ['指标参考值 / 历史值', '前三年均值', '前三年实际值的平均数']],
    ['inherited fields say they are inherited', '职责 1 乙\n  科|室 甲科', 'en', ['对应科室', 'every indicator below inherits them']],
    ['a level keyword', '职|责 1 乙', 'zh', ['职责序号 / 部门职责', '职责序号（可选）']],
    ['the cursor right after the keyword', INDICATOR + '备注|', 'en', ['备注（标准值和历史值均无的原因', 'say why here']],
  ];
  it.each(cases)('%s', (_name, input, locale, expected) => {
    assertHover(input, expected, { locale });
  });

  it('its range is the keyword', () => {
    const input = INDICATOR + '标准|来源 内部统计';
    expect(hoveredText(input, assertHover(input, ['标准来源']).range!)).toBe('标准来源');
  });
});

describe('hover on a value', () => {
  const cases: [string, string, Locale, string[]][] = [
    ['a magnitude normalized with grouping', INDICATOR + '指标值 28871.9|6万', 'zh', ['定量值', '28871.96万 = 288,719,600']],
    ['money in its base unit, with currency', INDICATOR + '上年值 1|2万元', 'en', ['quantity', '12万元 = 120,000 元', '万元 · money (CNY)']],
    ['US dollars', INDICATOR + '标准值 1.|2亿美元', 'zh', ['1.2亿美元 = 120,000,000 美元', '金额（USD）']],
    ['a comparator word and its reading', INDICATOR + '指标值 1000份以|上', 'zh', ['以上 → ≥', '不低于，含本数', '1000份', '份 · 计数']],
    ['a comparator word and its reading, en', INDICATOR + '指标值 12小时以|内', 'en', ['以内 → ≤', 'at most, inclusive', '12小时 = 0.5 天', 'time']],
    ['a per-mille ratio in percent', INDICATOR + '指标值 ≤|5‰', 'en', ['≤ (at most, inclusive)', '5‰ = 0.5 %', 'ratio']],
    ['an approximate value', INDICATOR + '指标值 约5|0场', 'zh', ['50场', '约数']],
    ['a composite lists its parts', INDICATOR + '指标值 公|众号：300期；抖音：156条', 'zh', ['组合值', '公众号：300期 = 300 期 · 计数', '抖音：156条']],
    ['a composite, en', INDICATOR + '指标值 公|众号：300期；抖音：156条', 'en', ['composite', '公众号: 300期']],
    ['a malformed value says why', INDICATOR + '指标值 1.2|.3次', 'zh', ['格式错误', '数字「1.2.3」格式错误']],
    ['a malformed value says why, en', INDICATOR + '指标值 ≥ |次', 'en', ['malformed', 'comparator "≥" without a number']],
    ['a qualitative value', INDICATOR + '指标值 有|效加强', 'en', ['qualitative', 'cannot be compared']],
    ['none', INDICATOR + '上年值 |/', 'zh', ['**上年值**：无']],
  ];
  it.each(cases)('%s', (_name, input, locale, expected) => {
    assertHover(input, expected, { locale });
  });

  it('its range is the whole value', () => {
    const input = INDICATOR + '指标值 ≥1|2万元以上';
    expect(hoveredText(input, assertHover(input, ['≥']).range!)).toBe('≥12万元以上');
  });
});

describe('hover on a target: compared with plan, standard and history', () => {
  const cases: [string, string, Locale, string[]][] = [
    ['ratios in points, naming the reference’s value', INDICATOR + '指标值 9|5%\n      上年值 93%', 'zh', ['较上年值 93%：+2.0 个百分点']],
    ['ratios in points, en', INDICATOR + '指标值 9|5%\n      上年值 93%', 'en', ['+2.0 pts vs last year 93%']],
    [
      'counts absolute and relative, against each reference',
      INDICATOR + '指标值 14|4次\n      规划值 150次\n      上年值 132次\n      前三年均值 120次',
      'zh',
      ['较规划值 150次：-6 次（-4.0%）', '较上年值 132次：+12 次（+9.1%）', '较前三年均值 120次：+24 次（+20.0%）'],
    ],
    ['counts, en', INDICATOR + '指标值 14|4次\n      上年值 132次', 'en', ['+12 次 (+9.1%) vs last year 132次']],
    ['money in the target’s unit', INDICATOR + '指标值 1|2万元\n      标准值 100000元', 'en', ['+2 万元 (+20.0%) vs standard 100000元']],
    ['an unchanged value says equal, and to what', INDICATOR + '指标值 |100%\n      标准值 100%', 'en', ['equal to standard 100%']],
    ['an unchanged count, zh', INDICATOR + '指标值 2|0份\n      标准值 20份', 'zh', ['与标准值 20份 相同']],
    ['the same amount with a comparator', INDICATOR + '指标值 1000份以|上\n      标准值 1000份', 'en', ['equal to standard 1000份']],
    ['the same amount in another magnitude', INDICATOR + '指标值 0.|5万元\n      上年值 5000元', 'zh', ['与上年值 5000元 相同']],
    ['different dimensions are not compared', INDICATOR + '指标值 3|4次\n      前三年均值 100%', 'zh', ['前三年均值：量纲或单位不同，不作比较']],
  ];
  it.each(cases)('%s', (_name, input, locale, expected) => {
    assertHover(input, expected, { locale });
  });

  it('only a target is compared', () => {
    expect((hoverAt(INDICATOR + '指标值 95%\n      上年值 9|3%')!.contents as MarkupContent).value).not.toContain('较');
    expect((hoverAt(INDICATOR + '指标值 95%\n      上年值 9|3%', { locale: 'en' })!.contents as MarkupContent).value).not.toContain('vs');
  });

  it('an unchanged value is never given as a zero difference', () => {
    const value = (hoverAt(INDICATOR + '指标值 2|0份\n      标准值 20份', { locale: 'en' })!.contents as MarkupContent).value;
    expect(value).not.toMatch(/[+-]?0 份|0\.0%/);
  });
});

describe('hover on a unit', () => {
  const cases: [string, string, Locale, string[]][] = [
    ['money: dimension, currency and factor', INDICATOR + '指标值 12万|元', 'zh', ['**万元**：金额（CNY）', '1 万元 = 10,000 元']],
    ['money, en', INDICATOR + '指标值 12万|元', 'en', ['**万元**: money (CNY)']],
    ['a count', INDICATOR + '指标值 5|次', 'en', ['**次**: count', 'counts of the same unit']],
    ['time', INDICATOR + '指标值 ≤3个工作|日', 'zh', ['**个工作日**：时间']],
    ['a bare magnitude', INDICATOR + '指标值 28871.96|万', 'en', ['**万**: magnitude, no unit', '1 万 = 10,000']],
    ['a unit inside a composite part', INDICATOR + '指标值 公众号：300期；抖音：156|条', 'zh', ['**条**：计数']],
    ['an unknown unit with the nearest known ones', INDICATOR + '指标值 5吨公|里', 'zh', ['**吨公里**：未知单位', '公里']],
  ];
  it.each(cases)('%s', (_name, input, locale, expected) => {
    assertHover(input, expected, { locale });
  });

  it('its range is the unit', () => {
    const input = INDICATOR + '指标值 ≥12万|元以上';
    expect(hoveredText(input, assertHover(input, ['万元']).range!)).toBe('万元');
  });
});

describe('hover on a duty, 事项 or objective: a summary', () => {
  const TABLE = [
    '职责 3 招引人才', //              0
    '  事项 人才经费', //               1
    '    目标 完成人才指标', //          2
    '      指标 完成率', //            3
    '        指标值 100%', //          4
    '      指标 引进人数', //          5
    '        指标值 有效加强', //        6
    '    目标 培训', //                7
    '      指标 培训次数', //          8
    '        指标值 公众号：3期；抖音：2条', // 9
    '职责 4 其他', //                  10
    '  目标 无指标', //                11
  ].join('\n');
  const at = (line: number, character: number) => {
    const lines = TABLE.split('\n');
    lines[line] = lines[line]!.slice(0, character) + '|' + lines[line]!.slice(character);
    return lines.join('\n');
  };
  const finding = (line: number, severity: Finding['severity']): Finding => ({
    code: 'TT999',
    severity,
    message: { zh: '', en: '' },
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });
  const findings = [finding(4, 'error'), finding(6, 'warning'), finding(8, 'info'), finding(9, 'warning'), finding(11, 'error')];

  const cases: [string, string, Locale, string[]][] = [
    ['a duty: its indicators, the share with a quantified target', at(0, 6), 'zh', ['**职责 3** 招引人才', '指标 3 个，量化目标 2 个（67%）']],
    ['on the duty number too', at(0, 3), 'en', ['3 indicators, 2 with a quantified target (67%)']],
    ['a 事项', at(1, 7), 'zh', ['**事项** 人才经费', '指标 3 个']],
    ['an objective', at(2, 9), 'en', ['**目标** 完成人才指标', '2 indicators, 1 with a quantified target (50%)']],
    ['no indicators', at(11, 7), 'zh', ['没有指标']],
  ];
  it.each(cases)('%s', (_name, input, locale, expected) => {
    assertHover(input, expected, { locale });
  });

  it('with findings: those inside its range, by severity', () => {
    assertHover(at(0, 6), ['问题：错误 1，警告 2，提示 1'], { locale: 'zh', findings });
    assertHover(at(7, 8), ['Findings: 0 errors, 1 warning, 1 info'], { locale: 'en', findings });
    assertHover(at(11, 7), ['Findings: 1 error, 0 warnings, 0 info'], { locale: 'en', findings });
  });

  it('without findings, no findings line', () => {
    expect((hoverAt(at(0, 6))!.contents as MarkupContent).value).not.toContain('问题');
  });

  it('its range is the title with the duty number', () => {
    expect(hoveredText(at(0, 6), hoverAt(at(0, 6))!.range!)).toBe('3 招引人才');
  });
});

describe('hover on an indicator: its effective 活动/预算项目/科室', () => {
  const example = readFileSync(new URL('../examples/投资促进局-2022.ttab', import.meta.url), 'utf8');
  const onIndicator = (name: string) => example.replace(`指标 ${name}`, `指标 ${name.slice(0, 2)}|${name.slice(2)}`);

  it('inherited from the duty, or its own', () => {
    assertHover(onIndicator('重大活动举办次数'), ['**指标** 重大活动举办次数', '活动：举办招商推介会活动（本指标）', '预算项目：双招双引（继承自职责 1）', '科室：招商联络科（继承自职责 1）']);
    assertHover(onIndicator('重大活动举办次数'), ['activity: 举办招商推介会活动 (this indicator)', 'project: 双招双引 (inherited from duty 1)'], { locale: 'en' });
  });

  it('from an objective or a 事项, nearest first; several values; none', () => {
    const input = [
      '职责 1 乙',
      '  科室 甲科',
      '  事项 丙',
      '    预算项目 项目一',
      '    目标 丁',
      '      科室 乙科',
      '      科室 丙科',
      '      指标 戊|己',
    ].join('\n');
    assertHover(input, ['科室：乙科、丙科（继承自目标）', '预算项目：项目一（继承自事项）', '活动：（未填写）']);
    assertHover(input, ['office: 乙科; 丙科 (inherited from the objective)', 'project: 项目一 (inherited from the sub-duty)', 'activity: (none)'], { locale: 'en' });
  });
});

describe('hover on an office, a budget project or a source: where it is used', () => {
  const dir = new URL('../examples/', import.meta.url);
  const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ttab')).map((f) => [`file:///examples/${f}`, readFileSync(new URL(f, dir), 'utf8')]));
  const workspace = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) workspace.update(uri, parse(text).ast);
  /** A hover in the example `file`, the cursor after the first `before`. */
  const inExample = (file: string, before: string, locale: Locale = 'zh'): { value: string; hovered: string } => {
    const uri = `file:///examples/${file}`;
    const text = files[uri]!;
    const at = text.indexOf(before) + before.length;
    const input = `${text.slice(0, at)}|${text.slice(at)}`;
    const result = hoverAt(input, { locale, workspace, uri });
    expect(result, `a hover after ${before}`).not.toBeNull();
    return { value: (result!.contents as MarkupContent).value, hovered: hoveredText(input, result!.range!) };
  };

  it('an office used in this table only: its indicators and duties', () => {
    const { value, hovered } = inExample('宣传统战部-2022.ttab', '科室 新闻');
    expect(hovered).toBe('新闻科');
    for (const s of ['**新闻科** · 科室', '本表：2 个指标（职责 1）', '工作区的其他目标表没有用到', '部门：宣传统战部']) expect(value).toContain(s);
  });

  it('an office several tables use: how many indicators each, which departments', () => {
    const { value } = inExample('文化传媒中心-2022.ttab', '科室 科技', 'en');
    expect(value).toContain('**科技行政科** · office');
    expect(value).toMatch(/This table: \d+ indicators \(duty 1, duty 2, duty 3…\)/);
    // 财政金融局 names it on an objective of nine indicators
    expect(value).toContain('Other tables: 1, 9 indicators\n- 财政金融局-2022.ttab: 9 indicators');
    expect(value).toContain('Departments: 财政金融局, 文化传媒中心');
  });

  it('an unsaved table is named as its tab is (Untitled-1), not by its URI', () => {
    const untitled = new WorkspaceIndex();
    untitled.update('untitled:Untitled-1', parse('部门 乙局\n年度 2022\n职责 1 甲\n  科室 新闻科\n  目标 乙\n    指标 丙\n      指标值 1次\n').ast);
    const uri = 'file:///examples/宣传统战部-2022.ttab';
    const text = files[uri]!;
    const at = text.indexOf('科室 新闻') + '科室 新闻'.length;
    const result = hoverAt(`${text.slice(0, at)}|${text.slice(at)}`, { locale: 'en', workspace: untitled, uri });
    const value = (result!.contents as MarkupContent).value;
    expect(value).toContain('- Untitled-1: 1 indicator');
    expect(value).not.toContain('untitled:');
  });

  it('one office of a listing cell', () => {
    const { value, hovered } = inExample('党政办公室-2022.ttab', '综合科、政务信');
    expect(hovered).toBe('政务信息科');
    expect(value).toContain('**政务信息科** · 科室');
    expect(value).not.toContain('综合科、');
  });

  it('a budget project, and a source', () => {
    expect(inExample('宣传统战部-2022.ttab', '预算项目 基本').value).toContain('**基本支出** · 预算项目');
    const source = inExample('宣传统战部-2022.ttab', '标准来源 年度', 'en').value;
    expect(source).toContain('**年度工作计划** · source');
    expect(source).toMatch(/Other tables: \d+, \d+ indicators/);
  });

  it('nothing over a placeholder', () => {
    const uri = 'file:///examples/投资促进局-2022.ttab';
    expect(hoverAt(INDICATOR + '预算项目 |无', { workspace, uri })).toBeNull();
  });
});

describe('in Chinese, a hover has no English word', () => {
  const example = readFileSync(new URL('../examples/宣传统战部-2022.ttab', import.meta.url), 'utf8');
  const words = (value: string) => (value.replace(/TT\d{3}|\b[A-Z]{3}\b/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !example.includes(w));
  it('over every keyword and every text of a real table', () => {
    const { document } = withCursor(`${example}|`);
    const parsed = parse(example);
    const findings = validate(parsed);
    const lines = example.split('\n');
    let hovers = 0;
    lines.forEach((line, i) => {
      const indent = line.length - line.trimStart().length;
      const space = line.indexOf(' ', indent);
      for (const character of [indent + 1, space + 2]) {
        if (character <= 0 || character > line.length) continue;
        const result = hover(document, parsed, { line: i, character }, createContext({ locale: 'zh' }), findings);
        if (!result) continue;
        hovers++;
        expect(words((result.contents as MarkupContent).value), `line ${i + 1}: ${line.trim()}`).toEqual([]);
      }
    });
    expect(hovers).toBeGreaterThan(100);
  });
});

describe('no hover', () => {
  const cases: [string, string][] = [
    ['on a comment', '# 注|释\n职责 1 乙'],
    ['on a blank line', '职责 1 乙\n|\n'],
    ['in the indentation', INDICATOR.slice(0, -2) + '|  指标值 1次'],
    ['on free text', INDICATOR + '解释 按|次数统计'],
    ['on an unknown line', INDICATOR + '指标|值95%'],
    ['past the end of the line', INDICATOR + '指标值 1次  |'],
  ];
  it.each(cases)('%s', (_name, input) => assertNoHover(input));

  it('past the end of the file', () => {
    const { text, document } = withCursor('职责 1 乙|');
    expect(hover(document, parse(text), { line: 40, character: 2 }, createContext())).toBeNull();
  });
});

describe('hover over a problem: why the rule exists', () => {
  const input = '职责 1 甲\n  目标 乙\n    指标 丙\n      指标值 有效|加强\n      标准值 有效加强\n      标准来源 年度工作计划\n';
  const findingsOf = (text: string) => validate(parse(text));

  it('adds the explanation of each rule whose finding covers the position, in the user’s language', () => {
    const { text } = withCursor(input);
    assertHover(input, ['**TT109**', RULES.TT109!.explanation.en], { locale: 'en', findings: findingsOf(text) });
    assertHover(input, ['**TT109**', RULES.TT109!.explanation.zh], { locale: 'zh', findings: findingsOf(text) });
  });

  it('adds nothing away from the finding', () => {
    const away = input.replace('有效|加强', '有效加强').replace('标准来源 年度', '标准来源 年|度');
    const { text } = withCursor(away);
    const result = hoverAt(away, { locale: 'en', findings: findingsOf(text) });
    expect((result?.contents as MarkupContent | undefined)?.value ?? '').not.toContain('TT109');
  });
});
