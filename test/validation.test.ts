/**
 * The checker: syntax errors plus the domain rules of brief §5 (TT101–TT121),
 * severity settings, disable comments, messages in both languages, and
 * docs/rules.md, whose examples must do what they say.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUnitCatalog, parse, reparse, SYNTAX_RULES } from '../grammar/src/index';
import { ChunkedTextDocument } from '../server/src/textDocument';
import { loadWorkspaceConfig } from '../node/workspaceConfig';
import { allRules, DEFAULT_SETTINGS, type Finding, findingToDiagnostic, mostSevere, parseRuleSettings, RULES, type ServiceSettings, validate, ValidationCache } from '../service/index';
import { quickFixes } from '../service/validation/index';
import { byPosition, mergeSorted } from '../service/validation/findings';
import fc from 'fast-check';

/** Findings as `line:col CODE`, 1-based, as an editor shows them. */
function findings(input: string, settings?: Partial<ServiceSettings>): Finding[] {
  return validate(parse(input), { settings: { ...DEFAULT_SETTINGS, ...settings } });
}

function brief(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`;
}

function assertFindings(input: string, expected: string[], settings?: Partial<ServiceSettings>): void {
  expect(findings(input, settings).map(brief)).toEqual(expected);
}

/**
 * One indicator in a duty and objective: `职责` is line 1, `目标` line 2, `指标 <name>` line 3
 * (name at column 8), its fields from line 4, keyword at column 7.
 */
function indicator(name: string, fields: string): string {
  const body = fields ? `${fields.split('\n').map((l) => `      ${l}`).join('\n')}\n` : '';
  return `职责 1 乙\n  目标 丙\n    指标 ${name}\n${body}`;
}

/** Target + standard + source: an indicator that breaks no rule, to vary one field at a time. */
const SOUND = '指标值 5次\n标准值 5次\n标准来源 年度工作计划';

describe('domain rules', () => {
  it.each<[string, string, string[]]>([
    ['a sound indicator has no finding', indicator('活动次数', SOUND), []],

    // TT101
    ['TT101 an empty 指标 line', indicator('', SOUND), ['3:5 TT101']],

    // TT102
    ['TT102 no 指标值 line (on the name)', indicator('活动次数', '标准值 5次\n标准来源 年度工作计划'), ['3:5 TT102']],
    ['TT102 an empty 指标值', indicator('活动次数', '指标值\n标准值 5次\n标准来源 年度工作计划'), ['4:7 TT102']],
    ['TT102 指标值 /', indicator('活动次数', '指标值 /\n标准值 5次\n标准来源 年度工作计划'), ['4:7 TT102']],
    ['TT102 指标值 无', indicator('活动次数', '指标值 无\n标准值 5次\n标准来源 年度工作计划'), ['4:7 TT102']],

    // TT103
    ['TT103 a broken number in the target', indicator('活动次数', '指标值 1.2.3次\n标准值 5次\n标准来源 年度工作计划'), ['4:11 TT103']],
    ['TT103 a comparator without a number, in any value field', indicator('活动次数', '指标值 5次\n标准值 ≥ 次\n标准来源 年度工作计划'), ['5:11 TT103']],
    ['TT103 not for words', indicator('活动次数', '指标值 完成3次以上的宣传\n标准值 5次\n标准来源 年度工作计划'), []],

    // TT104
    ['TT104 unknown unit: range is the unit, after the magnitude', indicator('绿化面积', '指标值 15万平米\n标准值 15万平方米\n标准来源 年度工作计划'), ['4:14 TT104']],
    ['TT104 inside a composite', indicator('宣传发布', '指标值 公众号：300期；抖音：156趟\n标准值 /\n备注 新增'), ['4:26 TT104']],
    ['TT104 on a continuation line of a composite', indicator('宣传发布', '指标值 公众号：300期\n+ 抖音：156趟\n备注 新增'), ['5:15 TT104']],
    ['TT104 not for a unit of the catalog', indicator('绿化面积', '指标值 15万平方米\n标准值 15万平方米\n标准来源 年度工作计划'), []],

    // TT105
    ['TT105 count target, ratio history (the odd one out)', indicator('宣传次数', '指标值 34次\n标准值 34次\n标准来源 年度工作计划\n前三年均值 100%\n历史来源 内部统计'), ['7:13 TT105']],
    ['TT105 money of another currency', indicator('利用外资', '指标值 1.2亿美元\n规划值 1亿元\n标准来源 规划目标'), ['5:11 TT105']],
    ['TT105 not for two count units', indicator('推介活动', '指标值 4场\n标准值 4次\n标准来源 年度工作计划'), []],
    ['TT105 not for a number without unit (TT124 asks for its unit)', indicator('招商金额', '指标值 3万\n标准值 3万元\n标准来源 年度工作计划'), ['4:11 TT124']],

    // TT106
    ['TT106 neither standard, history nor remark (on the name)', indicator('活动次数', '指标值 5次'), ['3:8 TT106']],
    ['TT106 standard and history given as none', indicator('活动次数', '指标值 5次\n标准值 /\n上年值 无'), ['3:8 TT106']],
    ['TT106 a remark that says 无 explains nothing', indicator('活动次数', '指标值 5次\n备注 无'), ['3:8 TT106']],
    ['TT106 a remark explains', indicator('活动次数', '指标值 5次\n备注 新设指标，无历史数据'), []],
    ['TT106 a history value is enough', indicator('活动次数', '指标值 5次\n上年值 5次\n历史来源 内部统计'), []],

    // TT107, TT108
    ['TT107 standard value without source', indicator('活动次数', '指标值 5次\n标准值 5次'), ['5:7 TT107']],
    ['TT107 planned value without source', indicator('活动次数', '指标值 5次\n规划值 5次'), ['5:7 TT107']],
    ['TT107 an empty source is no source', indicator('活动次数', '指标值 5次\n标准值 5次\n标准来源'), ['5:7 TT107']],
    ['TT108 history value without source (shown on 上年值)', indicator('活动次数', '指标值 5次\n前三年均值 5次\n上年值 5次'), ['6:7 TT108']],
    ['TT108 with its source', indicator('活动次数', '指标值 5次\n前三年均值 5次\n历史来源 内部统计'), []],

    // TT109
    ['TT109 有效加强', indicator('监督检查', '指标值 有效加强\n备注 定性指标'), ['4:11 TT109']],
    ['TT109 adverbs and a verb only', indicator('监督检查', '指标值 进一步有效提升。\n备注 定性指标'), ['4:11 TT109']],
    ['TT109 not for a concrete qualitative target', indicator('审批改革', '指标值 多评合一,有效优化审批流程\n备注 定性指标'), []],
    ['TT109 not for 完成', indicator('专项整治', '指标值 完成\n备注 定性指标'), []],

    // TT110
    ['TT110 约', indicator('活动场次', '指标值 约50场\n标准值 50场\n标准来源 年度工作计划'), ['4:11 TT110']],
    ['TT110 左右', indicator('活动场次', '指标值 50场左右\n标准值 50场\n标准来源 年度工作计划'), ['4:11 TT110']],

    // TT111
    [
      'TT111 a rate below last year',
      indicator('问题整改率', '解释 整改问题数/发现问题数\n指标值 95%\n上年值 98%\n历史来源 内部统计'),
      ['5:11 TT111'],
    ],
    [
      'TT111 a count below the 3-year average',
      indicator('活动次数', '指标值 3次\n前三年均值 4次\n历史来源 内部统计'),
      ['4:11 TT111'],
    ],
    [
      'TT111 less is better: a complaint rate above last year',
      indicator('投诉率', '解释 投诉件数/办理件数\n指标值 5%\n上年值 3%\n历史来源 内部统计'),
      ['5:11 TT111'],
    ],
    [
      'TT111 less is better: a processing time (duration) above last year',
      indicator('平均办理时长', '指标值 3天\n上年值 2天\n历史来源 内部统计'),
      ['4:11 TT111'],
    ],
    [
      'TT111 the written comparator says which way: ≤ above last year',
      indicator('办公经费', '指标值 ≤12万元\n上年值 10万元\n历史来源 内部统计'),
      ['4:11 TT111'],
    ],
    ['TT111 a remark explains the drop', indicator('活动次数', '指标值 3次\n上年值 4次\n历史来源 内部统计\n备注 因合并活动减少'), []],
    ['TT111 a complaint rate below last year is good', indicator('投诉率', '解释 投诉件数/办理件数\n指标值 2%\n上年值 3%\n历史来源 内部统计'), []],
    ['TT111 equal to last year', indicator('活动次数', '指标值 4次\n上年值 4次\n历史来源 内部统计'), []],
    ['TT111 not across count units', indicator('活动次数', '指标值 3场\n上年值 4次\n历史来源 内部统计'), []],

    // TT112
    ['TT112 more than 3× history', indicator('活动次数', '指标值 40次\n上年值 10次\n历史来源 内部统计'), ['4:11 TT112']],
    ['TT112 3× is not more than 3×', indicator('活动次数', '指标值 30次\n上年值 10次\n历史来源 内部统计'), []],
    ['TT112 normalized: 1.2亿元 against 2000万元', indicator('招商金额', '指标值 1.2亿元\n上年值 2000万元\n历史来源 内部统计'), ['4:11 TT112']],

    // TT113
    ['TT113 below the standard', indicator('活动次数', '指标值 8次\n标准值 10次\n标准来源 年度工作计划'), ['4:11 TT113']],
    ['TT113 below the plan', indicator('活动次数', '指标值 8次\n规划值 10次\n标准来源 规划目标'), ['4:11 TT113']],
    ['TT113 less is better: a cost above the standard', indicator('运行成本', '指标值 12万元\n标准值 10万元\n标准来源 行业标准'), ['4:11 TT113']],
    ['TT113 a remark does not excuse missing the standard', indicator('活动次数', '指标值 8次\n标准值 10次\n标准来源 年度工作计划\n备注 经费压减'), ['4:11 TT113']],

    // TT114
    ['TT114 a rate above 100%', indicator('任务完成率', '解释 完成数/计划数\n指标值 120%\n标准值 100%\n标准来源 年度工作计划'), ['5:11 TT114']],
    ['TT114 a negative rate, on the standard value', indicator('任务完成率', '解释 完成数/计划数\n指标值 90%\n标准值 -5%\n标准来源 年度工作计划'), ['6:11 TT114']],
    ['TT114 not for growth rates', indicator('进出口增长率', '解释 (本年-上年)/上年\n指标值 120%\n标准值 120%\n标准来源 规划目标'), []],

    // TT115
    ['TT115 the explanation repeats the name', indicator('统计工作', '解释 统计工作\n' + SOUND), ['4:10 TT115']],
    ['TT115 the name again, punctuation and spacing aside', indicator('统计工作', '解释 统计，工作。\n' + SOUND), ['4:10 TT115']],
    ['TT115 the name again over a continuation line', indicator('数据统计工作', '解释 数据统计\n+ 工作；\n' + SOUND), ['4:10 TT115']],
    ['TT115 the name and more is an explanation', indicator('统计工作', '解释 统计工作完成数量\n' + SOUND), []],
    ['TT115 the name and more on a continuation line is an explanation', indicator('统计工作', '解释 统计工作\n+ 按季度报送\n' + SOUND), []],
    ['TT115 part of the name is not the name', indicator('统计工作', '解释 统计\n' + SOUND), []],

    // TT116
    ['TT116 a rate whose explanation gives no formula', indicator('人才指标完成率', '解释 全局人才指标完成情况\n指标值 100%\n标准值 100%\n标准来源 年度工作计划'), ['4:10 TT116']],
    ['TT116 a rate without explanation (on the name)', indicator('群众满意度', '指标值 95%\n标准值 95%\n标准来源 年度工作计划'), ['3:8 TT116']],
    ['TT116 a target in % makes a rate', indicator('整改', '解释 整改情况\n指标值 100%\n标准值 100%\n标准来源 年度工作计划'), ['4:10 TT116']],
    ['TT116 占 … 比例 is a formula', indicator('整改率', '解释 已整改问题占发现问题的比例\n指标值 100%\n标准值 100%\n标准来源 年度工作计划'), []],

    // TT121
    ['TT121 ≥100% for a rate', indicator('整改率', '解释 整改数/问题数\n指标值 ≥100%\n标准值 100%\n标准来源 年度工作计划'), ['5:11 TT121']],
    ['TT121 不低于100%', indicator('整改率', '解释 整改数/问题数\n指标值 不低于100%\n标准值 100%\n标准来源 年度工作计划'), ['5:11 TT121']],
    ['TT121 100%以上', indicator('整改率', '解释 整改数/问题数\n指标值 100%以上\n标准值 100%\n标准来源 年度工作计划'), ['5:11 TT121']],
    ['TT121 not ≥95%', indicator('整改率', '解释 整改数/问题数\n指标值 ≥95%\n标准值 95%\n标准来源 年度工作计划'), []],
  ])('%s', (_title, input, expected) => assertFindings(input, expected));
});

describe('table-wide rules', () => {
  it.each<[string, string, string[]]>([
    [
      'TT117 each later duplicate name',
      `职责 1 乙
  目标 丙
    指标 活动次数
      ${SOUND.replace(/\n/g, '\n      ')}
    指标 活动次数
      ${SOUND.replace(/\n/g, '\n      ')}
  目标 丁
    指标 活动次数
      ${SOUND.replace(/\n/g, '\n      ')}
`,
      ['7:8 TT117', '12:8 TT117'],
    ],
    [
      'TT118 out of order, then a duplicate',
      `职责 1 甲\n  目标 乙\n    指标 一\n      ${SOUND.replace(/\n/g, '\n      ')}
职责 3 甲\n  目标 乙\n    指标 二\n      ${SOUND.replace(/\n/g, '\n      ')}
职责 2 甲\n  目标 乙\n    指标 三\n      ${SOUND.replace(/\n/g, '\n      ')}
职责 2 甲\n  目标 乙\n    指标 四\n      ${SOUND.replace(/\n/g, '\n      ')}
`,
      ['13:4 TT118', '19:4 TT118'],
    ],
    ['TT119 a duty with nothing below', '职责 1 甲\n', ['1:1 TT119']],
    ['TT119 an objective without indicator', '职责 1 甲\n  目标 乙\n', ['2:3 TT119']],
    ['TT119 an item without objective', `职责 1 甲\n  事项 乙\n  事项 丙\n    目标 丁\n      指标 戊\n        ${SOUND.replace(/\n/g, '\n        ')}\n`, ['2:3 TT119']],
    [
      'TT120 categories without 效益: on the department line (and TT132: no 满意度 either)',
      `部门 甲\n职责 1 乙\n  目标 丙\n    指标 丁\n      类别 产出/数量\n      ${SOUND.replace(/\n/g, '\n      ')}\n`,
      ['1:1 TT120', '1:1 TT132'],
    ],
    [
      'TT120 an unrecognised category',
      `职责 1 乙\n  目标 丙\n    指标 丁\n      类别 产品\n      ${SOUND.replace(/\n/g, '\n      ')}\n    指标 戊\n      类别 效益/社会\n      ${SOUND.replace(/\n/g, '\n      ')}\n`,
      ['1:1 TT120', '1:1 TT132', '4:10 TT120'],
    ],
    [
      'TT120 output and outcome are there (TT132: but no 满意度)',
      `职责 1 乙\n  目标 丙\n    指标 丁\n      类别 产出指标/数量指标\n      ${SOUND.replace(/\n/g, '\n      ')}\n    指标 戊\n      类别 社会效益\n      ${SOUND.replace(/\n/g, '\n      ')}\n`,
      ['1:1 TT132'],
    ],
  ])('%s', (_title, input, expected) => assertFindings(input, expected));

  it('TT120: a missing category is info, an unrecognised one a warning', () => {
    const input = `职责 1 乙\n  目标 丙\n    指标 丁\n      类别 产品\n      ${SOUND.replace(/\n/g, '\n      ')}\n`;
    expect(findings(input).map((f) => `${f.code} ${f.severity}`)).toEqual(['TT120 info', 'TT132 info', 'TT120 warning']);
  });
});

describe('syntax errors come first-class with the domain findings', () => {
  it('keeps the parse errors, sorted by position with the domain findings', () => {
    assertFindings('职责 1 甲\n  目标 乙\n  这一行坏了\n    指标 丁\n      指标值 5次\n', ['3:3 TT002', '4:8 TT106']);
  });
});

describe('messages', () => {
  const belowLastYear = indicator('问题整改率', '解释 整改问题数/发现问题数\n指标值 95%\n上年值 98%\n历史来源 内部统计');

  it('say the delta in points, in Chinese and English', () => {
    const [f] = findings(belowLastYear);
    expect(f!.message.zh).toMatch(/^指标值 95% 低于上年值 98%（−3\.0 个百分点）/);
    expect(f!.message.en).toMatch(/^target 95% is below last year's 98% \(−3\.0 points\)/);
  });

  it('name the nearest known units of an unknown unit, and carry them for the quick fix', () => {
    const [f] = findings(indicator('绿化面积', '指标值 15万平米\n备注 新增'));
    expect(f!.message.zh).toContain('「平米」');
    expect(f!.message.zh).toContain('「平方米」');
    expect(f!.message.en).toContain("did you mean '平方米'");
    expect(f!.data).toEqual({ unit: '平米', suggestions: expect.arrayContaining(['平方米']) });
    expect((f!.data as { suggestions: string[] }).suggestions[0]).toBe('平方米');
  });

  it('offer no unrelated unit for an unknown one-character unit', () => {
    const [f] = findings(indicator('巡查', '指标值 30趟\n备注 新增'));
    expect(f!.data).toEqual({ unit: '趟', suggestions: [] });
    expect(f!.message.en).toBe("Unknown unit '趟'");
  });

  it('use the workspace catalog: a unit it defines is known', () => {
    const units = createUnitCatalog([{ unit: '趟', dimension: 'count', factor: 1 }]);
    const input = indicator('巡查', '指标值 30趟\n备注 新增');
    expect(validate(parse(input, { units }), { units })).toEqual([]);
  });

  it('every finding speaks both languages, and the title of its code is in the catalog', () => {
    const all = [
      belowLastYear,
      indicator('', '指标值 有效加强'),
      indicator('投诉率', '指标值 约120%\n标准值 34次\n前三年均值 1%'),
      '职责 2 甲\n职责 1 乙\n  事项 丙\n',
    ].flatMap((input) => findings(input));
    expect(new Set(all.map((f) => f.code)).size).toBeGreaterThan(8);
    for (const f of all) {
      expect(RULES[f.code]).toBeDefined();
      expect(f.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message.en).toMatch(/^[A-Za-z]/);
      expect(f.message.en).not.toContain('undefined');
      expect(f.message.zh).not.toContain('undefined');
    }
  });

  it('findingToDiagnostic: code, source, severity, message in the locale, data kept', () => {
    const [f] = findings(indicator('绿化面积', '指标值 15万平米\n备注 新增'));
    const zh = findingToDiagnostic(f!, 'zh');
    expect(zh).toMatchObject({ code: 'TT104', source: 'ttab', severity: 1, message: f!.message.zh, range: f!.range, data: f!.data });
    expect(findingToDiagnostic(f!, 'en').message).toBe(f!.message.en);
    expect(findingToDiagnostic(findings(indicator('活动次数', '指标值 5次\n标准值 5次'))[0]!, 'en').severity).toBe(2);
    expect(findingToDiagnostic(findings(indicator('统计工作', '解释 统计工作\n' + SOUND))[0]!, 'en').severity).toBe(3);
  });

  // A duplicate names the first use as a place (a link in the editor), not by its line in the message: the message stays the same when lines are added above.
  const twice = (first: string, later: string) => `职责 1 甲\n  目标 乙\n    指标 ${first}\n      ${SOUND.replace(/\n/g, '\n      ')}\n  目标 丙\n    指标 ${later}\n      ${SOUND.replace(/\n/g, '\n      ')}\n`;
  it.each<[string, string, string, string, [number, number], string]>([
    ['TT117, a duplicate indicator name', twice('活动次数', '活动次数'), 'TT117', '8:8', [2, 7], 'first indicator of this name'],
    ['TT117, in a table that starts lower down', `部门 甲\n年度 2024\n\n${twice('走访企业数', '走访企业数')}`, 'TT117', '11:8', [5, 7], 'first indicator of this name'],
    ['TT118, a duty number used twice', `职责 1 甲\n  目标 乙\n    指标 一\n      ${SOUND.replace(/\n/g, '\n      ')}\n职责 1 丙\n  目标 丁\n    指标 二\n      ${SOUND.replace(/\n/g, '\n      ')}\n`, 'TT118', '7:4', [0, 3], 'first use of this number'],
  ])('%s: the first use is a related place; the message quotes no line; without links it is said in words', (_title, text, code, at, [line, character], place) => {
    const f = findings(text).find((x) => x.code === code)!;
    expect(brief(f)).toBe(`${at} ${code}`);
    expect(f.related).toEqual([{ range: { start: { line, character }, end: expect.anything() }, message: { zh: expect.any(String), en: place } }]);
    expect(f.message.en).not.toMatch(/line/);
    expect(f.message.zh).not.toMatch(/行/);
    const linked = findingToDiagnostic(f, 'en', 'file:///t.ttab');
    expect(linked.message).toBe(f.message.en);
    expect(linked.relatedInformation).toEqual([{ location: { uri: 'file:///t.ttab', range: f.related![0]!.range }, message: place }]);
    expect(findingToDiagnostic(f, 'en').message).toBe(`${f.message.en} (${place}: line ${line + 1})`);
    expect(findingToDiagnostic(f, 'zh').message).toBe(`${f.message.zh}（${f.related![0]!.message.zh}：第 ${line + 1} 行）`);
    expect(findingToDiagnostic(f, 'en').relatedInformation).toBeUndefined();
  });
});

describe('severity settings', () => {
  const vague = indicator('监督检查', '指标值 有效加强\n备注 定性指标');

  it('off: not reported', () => {
    assertFindings(vague, [], { rules: { TT109: 'off' } });
  });

  it('another severity', () => {
    expect(findings(vague, { rules: { TT109: 'error' } }).map((f) => f.severity)).toEqual(['error']);
    expect(findings(vague, { rules: { TT109: 'info' } }).map((f) => f.severity)).toEqual(['info']);
  });

  it('syntax errors cannot be turned off or lowered', () => {
    const broken = '职责 1 甲\n  这一行坏了\n  目标 乙\n    指标 丙\n      指标值 1次\n      备注 无标准\n';
    expect(findings(broken, { rules: { TT002: 'off' } }).map((f) => `${f.code} ${f.severity}`)).toEqual(['TT002 error']);
    expect(findings(broken, { rules: { TT002: 'info' } }).map((f) => `${f.code} ${f.severity}`)).toEqual(['TT002 error']);
  });

  it('historyFactor sets the TT112 threshold', () => {
    const tenfold = indicator('活动次数', '指标值 40次\n上年值 10次\n历史来源 内部统计');
    assertFindings(tenfold, ['4:11 TT112']);
    assertFindings(tenfold, [], { historyFactor: 5 });
  });
});

describe('disable comments', () => {
  const vagueAt = (comment: string) =>
    `职责 1 乙\n  目标 丙\n    指标 监督检查\n${comment}      指标值 有效加强\n      备注 定性指标\n    指标 活动次数\n      指标值 有效提升\n      备注 定性指标\n`;

  it.each<[string, string, string[]]>([
    ['without a comment both are reported', '', ['4:11 TT109', '7:11 TT109']],
    ['next line, one code', '      # ttab-disable-next-line TT109\n', ['8:11 TT109']],
    ['next line, codes separated by commas, with a reason after them', '      # ttab-disable-next-line TT101, TT109 上级文件原文\n', ['8:11 TT109']],
    ['next line, no code: everything', '      # ttab-disable-next-line\n', ['8:11 TT109']],
    ['next line, another code: nothing silenced', '      # ttab-disable-next-line TT110\n', ['5:11 TT109', '8:11 TT109']],
    ['comments between count through', '      # ttab-disable-next-line TT109\n      # 说明\n', ['9:11 TT109']],
    ['whole file', '# ttab-disable TT109\n', []],
    ['whole file, another code', '# ttab-disable TT110\n', ['5:11 TT109', '8:11 TT109']],
  ])('%s', (_title, comment, expected) => assertFindings(vagueAt(comment), expected));

  it('a disable comment above the indicator silences what is reported on its name', () => {
    assertFindings('职责 1 乙\n  目标 丙\n    # ttab-disable-next-line TT106\n    指标 活动次数\n      指标值 5次\n', []);
  });

  it('parse errors cannot be silenced', () => {
    assertFindings('# ttab-disable\n职责 1 乙\n  # ttab-disable-next-line TT002\n  这一行坏了\n', ['4:3 TT002']);
  });
});

describe('rule settings from .ttab/rules.json', () => {
  it('reads codes and historyFactor', () => {
    expect(parseRuleSettings({ TT109: 'off', TT111: 'error', historyFactor: 5 })).toEqual({
      settings: { rules: { TT109: 'off', TT111: 'error' }, historyFactor: 5 },
      problems: [],
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['unknown code', { TT999: 'off' }, /unknown rule code or setting "TT999"/],
    ['bad severity', { TT109: 'hint' }, /must be one of error, warning, info, off/],
    ['syntax error lowered', { TT002: 'warning' }, /"TT002" is a syntax error: it cannot be turned off or lowered/],
    ['bad historyFactor', { historyFactor: -1 }, /"historyFactor" must be a positive number/],
    ['not an object', ['TT109'], /must be an object/],
  ])('reports %s in both languages, keeps the rest', (_title, json, english) => {
    const { settings, problems } = parseRuleSettings(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.en).toMatch(english);
    expect(problems[0]!.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(settings).toEqual({ rules: {}, historyFactor: 3 });
  });
});

describe('.ttab/rules.json in the workspace', () => {
  function workspaceWith(rules: string): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ttab-rules-'));
    fs.mkdirSync(path.join(root, '.ttab'));
    fs.writeFileSync(path.join(root, '.ttab', 'rules.json'), rules);
    return root;
  }

  it('gives the settings validate applies', () => {
    const root = workspaceWith('{ "TT109": "off", "historyFactor": 5 }');
    try {
      const config = loadWorkspaceConfig(root);
      expect(config.problems).toEqual([]);
      expect(config.settings).toEqual({ rules: { TT109: 'off' }, historyFactor: 5 });
      const input = indicator('监督检查', '指标值 有效加强\n上年值 有效加强\n历史来源 内部统计');
      expect(validate(parse(input), { settings: config.settings })).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports malformed entries naming the file, in both languages', () => {
    const root = workspaceWith('{ "TT109": "never", "TT900": "off" }');
    try {
      const { problems, settings } = loadWorkspaceConfig(root);
      expect(problems).toHaveLength(2);
      for (const p of problems) expect(p).toContain(path.join('.ttab', 'rules.json'));
      expect(problems[0]).toMatch(/级别.*never.*\/.*must be one of error, warning, info, off/);
      expect(problems[1]).toMatch(/未知.*TT900.*\/.*unknown rule code or setting "TT900"/);
      expect(settings).toEqual(DEFAULT_SETTINGS);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('without the file: the default settings', () => {
    expect(loadWorkspaceConfig(null).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('findings cache', () => {
  it('reuses the findings of the blocks an edit kept (the same objects), and computes those of the blocks it replaced', () => {
    const input = `${indicator('活动次数', '指标值 5次')}    指标 参与人数\n      指标值 5人\n职责 2 丁\n`;
    const document = new ChunkedTextDocument('file:///t.ttab', 'target-table', 1, input);
    const parsed = parse(input);
    const cache = new ValidationCache();
    // A copy: the cache's list is updated in place by its next validation.
    const before = [...validate(parsed, { cache })];
    expect(before.map(brief)).toEqual(['3:8 TT106', '5:8 TT106', '7:1 TT119']);
    // Typing in the second indicator: the first one's finding and the duty's are kept as they were.
    const edit = { start: { line: 5, character: 13 }, end: { line: 5, character: 13 } };
    document.update([{ range: edit, text: '0' }], 2);
    const result = reparse({ previous: parsed, edit: { range: edit }, text: document });
    expect(result.change?.kind).toBe('indicator');
    cache.changed(result);
    const after = validate(result, { cache });
    expect(after.map(brief)).toEqual(['3:8 TT106', '5:8 TT106', '7:1 TT119']);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(after).toEqual(validate(parse(document.getText())));
  });
});

describe('merging sorted findings', () => {
  it('gives what a stable sort of both lists gives, whichever is longer (property)', () => {
    const finding = (line: number, character: number, code: string, tag: string): Finding => ({
      code,
      severity: 'warning',
      message: { zh: tag, en: tag },
      range: { start: { line, character }, end: { line, character: character + 1 } },
      data: undefined,
    });
    const item = fc.tuple(fc.nat(30), fc.nat(3), fc.constantFrom('TT106', 'TT109', 'TT117'));
    // lists of any length, and a few against many (merged by bisection), each way round
    const any = fc.array(item, { maxLength: 200 });
    const few = fc.array(item, { minLength: 1, maxLength: 4 });
    const many = fc.array(item, { minLength: 80, maxLength: 300 });
    const pairs = fc.oneof(fc.tuple(any, any), fc.tuple(few, many), fc.tuple(many, few));
    fc.assert(
      fc.property(pairs, ([xs, ys]) => {
        const a = xs.map(([l, c, code], i) => finding(l, c, code, `a${i}`)).sort(byPosition);
        const b = ys.map(([l, c, code], i) => finding(l, c, code, `b${i}`)).sort(byPosition);
        expect(mergeSorted(a, b).map((f) => f.message.en)).toEqual([...a, ...b].sort(byPosition).map((f) => f.message.en));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the examples', () => {
  const dir = path.resolve(__dirname, '..', 'examples');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ttab'));

  it.each(files)('%s: validates without throwing, findings sorted, every code in the catalog', (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const result = validate(parse(text));
    expect(result.map((f) => f.code).every((c) => RULES[c] !== undefined)).toBe(true);
    const keys = result.map((f) => f.range.start.line * 1e6 + f.range.start.character);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('never throws on a table cut at any line or character', () => {
    const text = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
    for (let end = 0; end <= text.length; end += 7) expect(() => validate(parse(text.slice(0, end)))).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// docs/rules.md: one section per code, each with examples that do what they say

interface DocSection {
  code: string;
  heading: string;
  body: string;
  wrong: string[];
  right: string[];
}

function docSections(): DocSection[] {
  const md = fs.readFileSync(path.resolve(__dirname, '..', 'docs', 'rules.md'), 'utf8');
  const parts = md.split(/^## /m).slice(1);
  return parts
    .filter((p) => /^TT\d{3}\b/.test(p))
    .map((p) => {
      const heading = p.slice(0, p.indexOf('\n'));
      const blocks = (label: string) => [...p.matchAll(new RegExp('^```ttab ' + label + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]!);
      return { code: heading.slice(0, 5), heading, body: p, wrong: blocks('wrong'), right: blocks('right') };
    });
}

/**
 * Codes no short example can produce: TT001 guards against a lexer bug (the lexer reads every
 * line; TT002 catches the rest), TT005 is the language server's size limit.
 */
const UNREACHABLE = new Set(['TT001', 'TT005']);

describe('docs/rules.md', () => {
  const sections = docSections();

  it('has one section per code of the catalog, in order, and no other', () => {
    expect(sections.map((s) => s.code)).toEqual(allRules().map((r) => r.code));
  });

  it.each(allRules().map((r) => [r.code, r] as const))('%s: heading with both titles, the default severity, both explanations', (code, rule) => {
    const section = sections.find((s) => s.code === code)!;
    expect(section.heading).toContain(rule.title.zh);
    expect(section.heading).toContain(rule.title.en);
    expect(section.body).toContain(rule.explanation.zh);
    expect(section.body).toContain(rule.explanation.en);
    expect(section.body).toMatch(new RegExp(`\\b${rule.defaultSeverity}\\b`));
  });

  it.each(allRules().map((r) => [r.code] as const))('%s: the wrong example produces it, the right one is clean', (code) => {
    const section = sections.find((s) => s.code === code)!;
    if (!UNREACHABLE.has(code)) {
      expect(section.wrong.length).toBeGreaterThan(0);
      for (const wrong of section.wrong) expect(findings(wrong).map((f) => f.code)).toContain(code);
    }
    expect(section.right.length).toBeGreaterThan(0);
    for (const right of section.right) expect(findings(right).map(brief)).toEqual([]);
  });
});

describe('the rule registry', () => {
  it('registers each code once, the parser’s syntax codes and the domain rules with their scope', () => {
    const rules = allRules();
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    expect(rules.filter((r) => r.syntax).map((r) => r.code)).toEqual(Object.keys(SYNTAX_RULES).sort());
    for (const rule of rules) {
      expect(rule.code).toMatch(rule.syntax ? /^TT0\d\d$/ : /^TT[12]\d\d$/);
      expect(['syntax', 'indicator', 'duty', 'table']).toContain((rule as unknown as { scope: string }).scope);
      for (const text of [rule.title, rule.explanation]) {
        expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).toMatch(/^[A-Za-z0-9'(]/);
      }
    }
  });

  it('offers no fix for data of another shape (the data comes back from the editor)', () => {
    const site = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      lineText: () => '',
      indentation: () => '',
      indent: '  ',
      insertLine: () => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' }),
    };
    for (const rule of allRules()) {
      for (const data of [undefined, null, 3, 'x', {}, [], { unit: 1 }, { insertLine: '1' }, { replacement: 5 }]) {
        expect(quickFixes(rule.code, data, site)).toEqual([]);
      }
    }
  });
});

describe('mostSevere: the problems shown when there are too many', () => {
  const f = (line: number, severity: Finding['severity']): Finding => ({
    code: 'TT101',
    severity,
    message: { zh: '甲', en: 'a' },
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });
  const list = [f(0, 'info'), f(1, 'warning'), f(2, 'error'), f(3, 'info'), f(4, 'warning'), f(5, 'error')];
  it.each([
    [10, [0, 1, 2, 3, 4, 5]],
    [2, [2, 5]],
    [3, [1, 2, 5]],
    [5, [0, 1, 2, 4, 5]],
    [1, [2]],
  ])('at most %i: errors first, then warnings, then infos, in document order', (max, lines) => {
    expect(mostSevere(list, max).map((x) => x.range.start.line)).toEqual(lines);
  });
});
