/**
 * The rules of the year (TT201–TT208) on cases written the way analysts write them — the
 * indicators and phrasing of the seed tables, carried into a monitoring point or a
 * self-evaluation — each with the cases it must stay silent on; silent on the nine examples and
 * on the lifecycle example; their quick fixes applied and the finding gone; the thresholds
 * taken from the workspace's "scoring" settings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { parse } from '../grammar/src/index';
import { codeActions, createContext, DEFAULT_SETTINGS, findingToDiagnostic, parseRuleSettings, validate, type Finding } from '../service/index';
import { documentOf } from './support/cursor';
import { DocumentStore } from '../server/src/documents';
import { defaultUnitCatalog } from '../grammar/src/index';

const examplesDir = path.resolve(__dirname, '..', 'examples');

/** One indicator under a duty and objective (lines 1–4: 部门, 年度, 职责, 目标; 指标 on line 5). */
function table(...indicators: string[]): string {
  return ['部门 投资促进局', '年度 2023', '职责 1 组织开展重大招商引资活动', '  目标 对外推介开发区', ...indicators].join('\n') + '\n';
}

function indicator(name: string, ...fields: string[]): string {
  return [`    指标 ${name}`, ...fields.map((f) => `      ${f}`)].join('\n');
}

function found(text: string, rulesJson?: unknown): Finding[] {
  const settings = rulesJson ? parseRuleSettings(rulesJson).settings : DEFAULT_SETTINGS;
  return validate(parse(text), { settings }).filter((f) => f.code.startsWith('TT2'));
}

/** The TT2xx findings as `line CODE`, 1-based. */
function codes(text: string, rulesJson?: unknown): string[] {
  return found(text, rulesJson).map((f) => `${f.range.start.line + 1} ${f.code}`);
}

const TIMES = ['解释 全区计划举办招商推介会次数', '指标值 20次', '标准值 20次', '标准来源 年度工作计划'];
const FUNDS = ['解释 拨付到位的招商奖补资金', '指标值 16万元', '上年值 15万元', '历史来源 内部统计'];
const RATE = ['解释 已整改问题数/发现问题数×100%', '指标值 ≥95%', '上年值 95%', '历史来源 内部统计'];
const DAYS = ['解释 各件办理天数之和/办结件数', '指标值 ≤10个工作日', '标准值 10个工作日', '标准来源 上级文件要求'];
const QUALITY = ['解释 按上级要求开展监督检查', '指标值 建立长效监督机制', '备注 定性指标'];
const REASONS = ['偏差原因 经费保障：专项经费下达较晚', '改进措施 提前与财政沟通经费下达时间'];

describe('TT201 an actual in another dimension than the target', () => {
  it.each([
    ['the completion rate written as the actual', indicator('重大活动举办次数', ...TIMES, '完成值 75%'), ['10 TT201']],
    ['a number without its unit', indicator('招商奖补资金', ...FUNDS, '完成值 12'), ['10 TT201']],
    ['another currency', indicator('招商奖补资金', ...FUNDS, '实际完成值 2万美元'), ['10 TT201']],
    ['another count unit (场 for 次)', indicator('重大活动举办次数', ...TIMES, '监控 2023-07-31', '  累计完成值 8场', '  偏差原因 /x'), ['11 TT201']],
    ['words where a number is due', indicator('问题整改率', ...RATE, '完成值 已完成整改'), ['10 TT201']],
    ['the expected value in money for a count', indicator('重大活动举办次数', ...TIMES, '监控 1-7月', '  累计完成值 8次', '  全年预计值 18万元'), ['12 TT201']],
    ['spending in 万元 for a budget execution rate', indicator('预算执行率', '解释 实际支出/预算数×100%', '指标值 100%', '标准值 100%', '标准来源 上级文件要求', '完成值 450万元'), ['10 TT201']],
  ])('fires: %s', (_name, block, expected) => {
    expect(codes(table(block)).filter((c) => c.endsWith('TT201'))).toEqual(expected);
  });

  it.each([
    ['the same unit', indicator('重大活动举办次数', ...TIMES, '完成值 20次')],
    ['the same dimension at another magnitude', indicator('招商奖补资金', ...FUNDS, '完成值 0.0017亿元')],
    ['a qualitative target and a qualitative actual', indicator('监督检查', ...QUALITY, '完成值 已建立', '达成情况 达成')],
    ['budget execution as a percentage', indicator('预算执行率', '解释 实际支出/预算数×100%', '指标值 100%', '标准值 100%', '标准来源 上级文件要求', '完成值 100%')],
    ['no actual yet (/)', indicator('重大活动举办次数', ...TIMES, '完成值 /')],
    ['an unknown unit (TT104 says it)', indicator('重大活动举办次数', ...TIMES, '完成值 20回')],
  ])('silent: %s', (_name, block) => {
    expect(codes(table(block)).filter((c) => c.endsWith('TT201'))).toEqual([]);
  });

  it('the quick fix adds the target’s unit', () => {
    const text = table(indicator('招商奖补资金', ...FUNDS, '完成值 16'));
    expect(applyFix(text, 'TT201', "Change to '16万元'")).toBe(text.replace('完成值 16\n', '完成值 16万元\n'));
  });
});

describe('TT202 a missed target without its reason and improvement', () => {
  it.each([
    ['neither written', indicator('重大活动举办次数', ...TIMES, '完成值 15次', '分值 20'), '偏差原因'],
    ['only the reason', indicator('重大活动举办次数', ...TIMES, '完成值 15次', '偏差原因 场地改造'), '改进措施'],
    ['a reason that says nothing (/)', indicator('问题整改率', ...RATE, '完成值 90%', '偏差原因 /', '改进措施 /'), '偏差原因'],
    ['a qualitative indicator 部分达成', indicator('监督检查', ...QUALITY, '达成情况 部分达成', '分值 10'), '偏差原因'],
    ['less is better, missed: 12个工作日 for ≤10', indicator('审批办理时限', ...DAYS, '完成值 12个工作日'), '偏差原因'],
  ])('fires: %s', (_name, block, missing) => {
    const f = found(table(block)).find((x) => x.code === 'TT202');
    expect(f?.message.zh).toContain(missing);
  });

  it.each([
    ['met', indicator('重大活动举办次数', ...TIMES, '完成值 20次')],
    ['both written', indicator('重大活动举办次数', ...TIMES, '完成值 15次', ...REASONS)],
    ['less is better, met', indicator('审批办理时限', ...DAYS, '完成值 8个工作日')],
    ['达成', indicator('监督检查', ...QUALITY, '达成情况 达成', '分值 10')],
    ['no actual yet', indicator('重大活动举办次数', ...TIMES, '分值 20')],
  ])('silent: %s', (_name, block) => {
    expect(codes(table(block)).filter((c) => c.endsWith('TT202'))).toEqual([]);
  });

  it('the quick fix adds both lines after the indicator’s last field, in its keywords’ language', () => {
    const text = table(indicator('重大活动举办次数', ...TIMES, '完成值 15次'));
    // the lines are added for the analyst to write: the finding stays until they say something
    expect(applyFix(text, 'TT202', "Add '偏差原因' and '改进措施' lines", false)).toBe(text.replace('完成值 15次\n', '完成值 15次\n      偏差原因 \n      改进措施 \n'));
    const english = table('    indicator 活动次数\n      target 20次\n      standard 20次\n      standard-source 年度工作计划\n      actual 15次');
    expect(applyFix(english, 'TT202', "Add 'deviation-reason' and 'improvement' lines", false)).toContain('      actual 15次\n      deviation-reason \n      improvement \n');
  });
});

describe('TT203 an actual far beyond the target', () => {
  it.each([
    ['127 %', indicator('新增签约项目', '解释 新签约项目个数', '指标值 30个', '上年值 28个', '历史来源 内部统计', '完成值 38个'), true],
    ['exactly 120 %', indicator('新增签约项目', '解释 新签约项目个数', '指标值 30个', '上年值 28个', '历史来源 内部统计', '完成值 36个'), true],
    ['119 %', indicator('新增签约项目', '解释 新签约项目个数', '指标值 30个', '上年值 28个', '历史来源 内部统计', '完成值 35.7个'), false],
    ['less is better, twice as fast', indicator('审批办理时限', ...DAYS, '完成值 5个工作日'), true],
    ['explained in 偏差原因', indicator('新增签约项目', '解释 新签约项目个数', '指标值 30个', '上年值 28个', '历史来源 内部统计', '完成值 38个', '偏差原因 新落户企业集中签约'), false],
    ['a rate at its cap', indicator('问题整改率', ...RATE, '完成值 100%'), false],
  ])('%s → %s', (_name, block, fires) => {
    expect(codes(table(block)).some((c) => c.endsWith('TT203'))).toBe(fires);
  });

  it('the threshold is a setting: at 130 %, 127 % is not far beyond', () => {
    const text = table(indicator('新增签约项目', '解释 新签约项目个数', '指标值 30个', '上年值 28个', '历史来源 内部统计', '完成值 38个'));
    expect(codes(text, { scoring: { exceededAt: 130 } })).toEqual([]);
  });
});

describe('TT204 points that do not add up', () => {
  const output = (points: number) => indicator('重大活动举办次数', '类别 产出/数量', ...TIMES, `分值 ${points}`);
  const outcome = (points: number) => indicator('带动就业人数', '类别 效益/社会', '解释 带动就业人数', '指标值 300人', '上年值 280人', '历史来源 内部统计', `分值 ${points}`);
  const satisfaction = (points: number) => indicator('服务对象满意度', '类别 满意度', '解释 满意人数/调查人数×100%', '指标值 ≥90%', '上年值 90%', '历史来源 问卷调查', `分值 ${points}`);
  const budget = (points: number) => indicator('预算执行率', '解释 实际支出/预算数×100%', '指标值 100%', '标准值 100%', '标准来源 上级文件要求', `分值 ${points}`);

  it('the weights by category: 产出 60 for 50 and 效益 20 for 30, on their first 分值 lines', () => {
    const text = table(output(60), outcome(20), satisfaction(10), budget(10));
    expect(codes(text)).toEqual(['11 TT204', '18 TT204']);
    expect(found(text)[0]!.message.en).toBe('the points of the output (产出) indicators add up to 60; its weight is 50');
  });

  it('the total, on the 部门 line, naming the sums and the indicators without points', () => {
    const text = table(output(50), outcome(30), satisfaction(10), indicator('预算执行率', '解释 实际支出/预算数×100%', '指标值 100%', '标准值 100%', '标准来源 上级文件要求'));
    expect(codes(text)).toEqual(['1 TT204']);
    expect(found(text)[0]!.message.zh).toBe('分值合计 90，应为 100（产出 50、效益 30、满意度 10）；1 个指标未写分值');
  });

  it('silent when the weights and the total hold, without points, and without categories when the total holds', () => {
    expect(codes(table(output(50), outcome(30), satisfaction(10), budget(10)))).toEqual([]);
    expect(codes(table(indicator('重大活动举办次数', ...TIMES)))).toEqual([]);
    expect(codes(table(indicator('重大活动举办次数', ...TIMES, '分值 60'), indicator('招商奖补资金', ...FUNDS, '分值 40')))).toEqual([]);
  });

  it('other weights from .ttab/rules.json', () => {
    const text = table(output(60), outcome(20), satisfaction(10), budget(10));
    expect(codes(text, { scoring: { weights: { 产出: 60, 效益: 20 } } })).toEqual([]);
  });
});

describe('TT205 a score written by hand', () => {
  it.each([
    ['a missed target scored full', indicator('重大活动举办次数', ...TIMES, '完成值 15次', '分值 20', '得分 20', ...REASONS), "the score 20 differs from the computed 15"],
    ['the wrong formula for less is better (points × actual / target)', indicator('审批办理时限', ...DAYS, '完成值 12个工作日', '分值 15', '得分 18分', ...REASONS), 'the score 18 differs from the computed 12.5'],
    ['a band’s score out of its band', indicator('监督检查', ...QUALITY, '达成情况 部分达成', '分值 15', '得分 13', ...REASONS), "the score 13 lies outside the band of '部分达成', 9–12"],
  ])('fires: %s', (_name, block, message) => {
    expect(found(table(block)).find((f) => f.code === 'TT205')?.message.en).toBe(message);
  });

  it.each([
    ['the computed score', indicator('重大活动举办次数', ...TIMES, '完成值 15次', '分值 20', '得分 15', ...REASONS)],
    ['rounded to one decimal (13.3 for 13.33)', indicator('重大活动举办次数', ...TIMES, '完成值 15次', '分值 17.77', '得分 13.3', ...REASONS)],
    ['inside its band', indicator('监督检查', ...QUALITY, '达成情况 部分达成', '分值 15', '得分 11', ...REASONS)],
  ])('silent: %s', (_name, block) => {
    expect(codes(table(block)).filter((c) => c.endsWith('TT205'))).toEqual([]);
  });

  it('the quick fix writes the computed score', () => {
    const text = table(indicator('重大活动举办次数', ...TIMES, '完成值 15次', '分值 20', '得分 20', ...REASONS));
    expect(applyFix(text, 'TT205', "Change to '15'")).toBe(text.replace('得分 20', '得分 15'));
  });
});

describe('TT206 unreadable entries', () => {
  it.each([
    ['分值 in words', '分值 二十'],
    ['a negative score', '得分 -3'],
    ['a band that is none', '达成情况 基本完成'],
    ['an outlook that is none', '监控 2023-07-31\n        完成可能性 不确定'],
    ['an as-of date that is none', '监控 年中'],
    ['a day that does not exist', '监控 2023年6月31日'],
  ])('fires: %s', (_name, line) => {
    const text = table(indicator('监督检查', ...QUALITY, line));
    const last = line.split('\n').at(-1)!.trim();
    expect(codes(text)).toContain(`${text.split('\n').findIndex((l) => l.trim() === last) + 1} TT206`);
  });

  it.each([['分值 20分'], ['达成情况 部分达成年度指标并具有一定效果'], ['监控 上半年'], ['监控 截至7月31日'], ['分值 /']])('silent: %s', (line) => {
    expect(codes(table(indicator('监督检查', ...QUALITY, line)))).not.toContain(expect.stringContaining('TT206'));
  });

  it('the quick fixes offer the band words', () => {
    const text = table(indicator('监督检查', ...QUALITY, '达成情况 基本完成'));
    expect(applyFix(text, 'TT206', "Change to '部分达成'")).toBe(text.replace('基本完成', '部分达成'));
  });
});

describe('TT207 a monitoring point behind time, with no reason', () => {
  const point = (...lines: string[]) => table(indicator('重大活动举办次数', ...TIMES, '监控 2023-07-31', ...lines.map((l) => `  ${l}`)));

  it.each([
    ['30 % done at 58 % of the year', point('累计完成值 6次'), 'by 2023-07-31 30% is done with 58.1% of the year gone: far behind, and no 偏差原因 (reason)'],
    ['the year expected to miss', point('累计完成值 12次', '全年预计值 16次'), 'at 2023-07-31 the year is expected to reach 16次, short of the target 20次, and no 偏差原因 (reason) is given'],
    ['a reason that says nothing', point('累计完成值 6次', '偏差原因 无'), 'by 2023-07-31 30% is done with 58.1% of the year gone: far behind, and no 偏差原因 (reason)'],
  ])('fires: %s', (_name, text, message) => {
    expect(found(text).find((f) => f.code === 'TT207')?.message.en).toBe(message);
  });

  it.each([
    ['on time', point('累计完成值 12次', '全年预计值 20次')],
    ['18 points behind (within 20)', point('累计完成值 8次')],
    ['explained', point('累计完成值 6次', '偏差原因 经费保障：专项经费6月才下达')],
    ['a rate is not set against time', table(indicator('问题整改率', ...RATE, '监控 1-7月', '  累计完成值 40%'))],
  ])('silent: %s', (_name, text) => {
    expect(codes(text)).toEqual([]);
  });

  it('the lag is a setting; the quick fix adds a 偏差原因 line to the point', () => {
    expect(codes(point('累计完成值 6次'), { scoring: { monitoringLag: 30 } })).toEqual([]);
    const text = point('累计完成值 6次', '全年预计值 20次');
    expect(applyFix(text, 'TT207', "Add '偏差原因' line", false)).toBe(text.replace('全年预计值 20次\n', '全年预计值 20次\n        偏差原因 \n'));
  });
});

describe('TT208 a target carried over by ttab rollover', () => {
  const carried = table(indicator('重大活动举办次数', '解释 全区计划举办招商推介会次数', '# ttab-carried 2022 指标值 20次', '指标值 20次', '上年值 18次', '历史来源 内部统计'));

  it('fires until the target changes', () => {
    expect(codes(carried)).toEqual(['8 TT208']);
    expect(codes(carried.replace('      指标值 20次', '      指标值 22次'))).toEqual([]);
  });

  it('the quick fix removes the mark', () => {
    expect(applyFix(carried, 'TT208', 'Keep the target (remove the review mark)')).toBe(carried.replace('      # ttab-carried 2022 指标值 20次\n', ''));
  });

  it('as the table is edited, in the editor: the mark moves with lines added above, and goes with the mark deleted or the target changed', () => {
    const second = indicator('参加活动企业数', '# ttab-carried 2022 指标值 50家', '# 复核中', '指标值 50家', '上年值 45家', '历史来源 内部统计');
    const store = new DocumentStore({ units: defaultUnitCatalog, settings: DEFAULT_SETTINGS });
    let open = store.open('file:///t.ttab', 'target-table', 1, carried + second + '\n');
    const lineOf = (text: string) => open.document.getText().split('\n').findIndex((l) => l.includes(text));
    const edit = (line: number, from: number, to: number, text: string) => {
      open = store.change('file:///t.ttab', open.document.version + 1, [{ range: { start: { line, character: from }, end: { line: to, character: 0 } }, text }])!;
      const findings = store.findings(open);
      expect(findings).toEqual(validate(parse(open.document.getText())));
      // The mark's line, as the quick fix reads it: the data holds it relative to the finding's line.
      return findings.filter((f) => f.code === 'TT208').map((f) => [f.range.start.line, f.range.start.line + (f.data as { commentLine: number }).commentLine]);
    };
    expect(edit(2, 0, 2, '# 招商部分\n')).toEqual([[8, 7], [14, 12]]);
    expect(edit(lineOf('指标值 50家'), 0, lineOf('指标值 50家') + 1, '      指标值 55家\n')).toEqual([[8, 7]]);
    expect(edit(lineOf('ttab-carried 2022 指标值 20次'), 0, lineOf('ttab-carried 2022 指标值 20次') + 1, '')).toEqual([]);
  });
});

describe('silent where there is nothing to say', () => {
  it.each(fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ttab')))('the example %s', (file) => {
    expect(codes(fs.readFileSync(path.join(examplesDir, file), 'utf8'))).toEqual([]);
  });
  it('the lifecycle example (every missed target explained, points adding up)', () => {
    expect(validate(parse(fs.readFileSync(path.join(examplesDir, 'lifecycle', '就业创业服务中心-2023.ttab'), 'utf8')))).toEqual([]);
  });
});

/** Applies the quick fix titled `title` of the first `code` finding; the finding is gone afterwards (when `settles`). */
function applyFix(text: string, code: string, title: string, settles = true): string {
  const document = documentOf(text);
  const diagnostic = validate(parse(text))
    .map((f) => findingToDiagnostic(f, 'en'))
    .find((d) => d.code === code);
  if (!diagnostic) throw new Error(`no ${code}`);
  const actions: CodeAction[] = codeActions(document, parse(text), diagnostic.range, [diagnostic], createContext({ locale: 'en' }));
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`no fix '${title}': ${actions.map((a) => a.title).join(' | ')}`);
  const result = TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
  if (settles) expect(validate(parse(result)).filter((f) => f.code === code && f.range.start.line === diagnostic.range.start.line)).toEqual([]);
  return result;
}
