/**
 * The self-evaluation's scores and the monitoring's progress (service/scoring.ts), each case with
 * its expectation computed by hand in the comment beside it: more and less is better, exceeded
 * targets, qualitative bands, budget execution, grade boundaries, duty and table sums, and the
 * worked example of ../shared/design/lifecycle.md §3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicatorsOf, parse, parseAsOf, parseBand, parseOutlook, parsePoints, yearElapsed, type Table } from '../grammar/src/index';
import { DEFAULT_SCORING, parseScoringSettings, type ScoringSettings } from '../service/scoringSettings';
import { evaluateTable, gradeOf, monitorStatus, scoreIndicator, type IndicatorScore } from '../service/scoring';

const EXAMPLE = path.resolve(__dirname, '..', 'examples', 'lifecycle', '就业创业服务中心-2023.ttab');

/** A table of one duty and objective with the given indicator blocks (indented by the caller). */
function table(...indicators: string[]): Table {
  const text = ['部门 测试局', '年度 2023', '', '职责 1 测试', '  目标 测试', ...indicators].join('\n');
  const { ast, errors } = parse(text);
  expect(errors).toEqual([]);
  return ast;
}

function indicator(name: string, ...fields: string[]): string {
  return [`    指标 ${name}`, ...fields.map((f) => `      ${f}`)].join('\n');
}

function score(block: string, scoring: ScoringSettings = DEFAULT_SCORING): IndicatorScore {
  const [first] = indicatorsOf(table(block));
  return scoreIndicator(first!.indicator, scoring);
}

describe('the worked example of the notes (lifecycle.md §3)', () => {
  it('培训次数 20次, actual 15次, 20 points → 15', () => {
    const s = score(indicator('培训次数', '指标值 20次', '完成值 15次', '分值 20'));
    expect([s.method, s.rate, s.score]).toEqual(['more', 0.75, 15]);
  });
  it('带动就业人数 300人, actual 240人, 30 points → 24', () => {
    const s = score(indicator('带动就业人数', '指标值 300人', '完成值 240人', '分值 30'));
    expect([s.method, s.rate, s.score]).toEqual(['more', 0.8, 24]);
  });
  it('平均办理时长 ≤5天, actual 4天, 15 points → 15', () => {
    const s = score(indicator('平均办理时长', '指标值 ≤5天', '完成值 4天', '分值 15'));
    expect([s.method, s.rate, s.score, s.missed]).toEqual(['less', 1.25, 15, false]);
  });
  it('预算执行率 100%, actual 95%, 10 points → 9.5', () => {
    const s = score(indicator('预算执行率', '指标值 100%', '完成值 95%', '分值 10'));
    expect([s.method, s.rate, s.score, s.group]).toEqual(['budget', 0.95, 9.5, '预算执行率']);
  });
});

describe('quantitative indicators', () => {
  it('more is better: reached or beyond → full points; the alias 实际完成值 reads the same', () => {
    expect(score(indicator('招商推介会次数', '指标值 ≥4场', '实际完成值 4场', '分值 10')).score).toBe(10);
    expect(score(indicator('招商推介会次数', '指标值 4场', '完成值 5场', '分值 10')).score).toBe(10);
  });
  it('more is better, missed: 12万元 of 16万元 with 8 points → 8 × 0.75 = 6', () => {
    expect(score(indicator('奖补资金', '指标值 16万元', '完成值 12万元', '分值 8')).score).toBe(6);
  });
  it('compares in the same dimension across magnitudes: 0.3亿元 of 5000万元, 10 points → 10 × 0.6 = 6', () => {
    expect(score(indicator('到位资金', '指标值 5000万元', '完成值 0.3亿元', '分值 10')).score).toBe(6);
  });
  it('rates: ≥95% with 90%, 10 points → 10 × 90/95 = 9.47', () => {
    expect(score(indicator('问题整改率', '指标值 ≥95%', '完成值 90%', '分值 10')).score).toBe(9.47);
  });
  it('less is better, met: 3天 against ≤5天 → full points', () => {
    expect(score(indicator('审批时限', '指标值 ≤5天', '完成值 3天', '分值 15')).score).toBe(15);
  });
  it('less is better, missed: 8天 against ≤5天, 15 points → 15 × 5/8 = 9.38', () => {
    const s = score(indicator('审批时限', '指标值 ≤5天', '完成值 8天', '分值 15'));
    expect([s.method, s.score, s.missed]).toEqual(['less', 9.38, true]);
  });
  it('less is better by the name (成本): 12万元 against 10万元, 10 points → 10 × 10/12 = 8.33', () => {
    expect(score(indicator('单次活动成本', '指标值 10万元', '完成值 12万元', '分值 10')).score).toBe(8.33);
  });
  it('a duration nothing speaks about: the nearer ratio, 12个月 against 10个月 → 10 × 10/12 = 8.33', () => {
    const s = score(indicator('项目建设', '指标值 10个月', '完成值 12个月', '分值 10'));
    expect([s.method, s.score]).toEqual(['nearest', 8.33]);
  });
  it('labelled quantities: each part capped at 100 %, then averaged: (1 + 0.5) / 2 × 10 = 7.5', () => {
    const s = score(indicator('宣传', '指标值 公众号：300期；抖音：100条', '完成值 公众号：320期；抖音：50条', '分值 10'));
    expect([s.method, s.score]).toEqual(['parts', 7.5]);
  });
  it('no score without points, or for an actual in another dimension', () => {
    expect(score(indicator('培训次数', '指标值 20次', '完成值 15次')).missing).toBe('points');
    expect(score(indicator('培训次数', '指标值 20次', '完成值 75%', '分值 20')).missing).toBe('incomparable');
    expect(score(indicator('培训次数', '指标值 20次', '分值 20')).missing).toBe('actual');
  });
});

describe('exceeded targets', () => {
  it('an actual at 120 % of the target is exceeded (reported, no deduction by default): 360人 of 300人', () => {
    const s = score(indicator('带动就业人数', '指标值 300人', '完成值 360人', '分值 30'));
    expect([s.exceeded, s.score]).toEqual([true, 30]);
  });
  it('at 119 % it is not: 357人 of 300人', () => {
    expect(score(indicator('带动就业人数', '指标值 300人', '完成值 357人', '分值 30')).exceeded).toBe(false);
  });
  it('less is better, far beyond: ≤10天 done in 5天 (10/5 = 200 %)', () => {
    expect(score(indicator('审批时限', '指标值 ≤10天', '完成值 5天', '分值 10')).exceeded).toBe(true);
  });
  it('the deduction and the threshold are settings: 10 % off 30 points → 27; at 150 % 360人 is no longer exceeded', () => {
    const deducting = parseScoringSettings({ exceededDeduction: 10 }).scoring;
    expect(score(indicator('带动就业人数', '指标值 300人', '完成值 360人', '分值 30'), deducting).score).toBe(27);
    const lenient = parseScoringSettings({ exceededAt: 150 }).scoring;
    expect(score(indicator('带动就业人数', '指标值 300人', '完成值 360人', '分值 30'), lenient).exceeded).toBe(false);
  });
});

describe('qualitative indicators: bands of the points', () => {
  const block = (...fields: string[]) => indicator('监督检查', '指标值 建立长效监督机制', ...fields);
  it('达成 without a written score → full points (the band’s default, 100 %)', () => {
    expect(score(block('达成情况 达成', '分值 15')).score).toBe(15);
  });
  it('部分达成 without a written score → 70 % of 15 = 10.5', () => {
    const s = score(block('达成情况 部分达成', '分值 15'));
    expect([s.band, s.score, s.missed]).toEqual(['部分达成', 10.5, true]);
  });
  it('未达成 without a written score → 30 % of 15 = 4.5', () => {
    expect(score(block('达成情况 未达成年度指标且效果较差', '分值 15')).score).toBe(4.5);
  });
  it('a written score inside the band counts: 部分达成, 得分 11 (band 9–12)', () => {
    const s = score(block('达成情况 部分达成', '分值 15', '得分 11'));
    expect([s.score, s.bandRange]).toEqual([11, null]);
  });
  it('a written score outside the band is held to it: 部分达成, 得分 13 → 12, and the band is reported', () => {
    const s = score(block('达成情况 部分达成', '分值 15', '得分 13'));
    expect([s.score, s.bandRange]).toEqual([12, { min: 9, max: 12 }]);
  });
  it('the band may be the 完成值 itself', () => {
    expect(score(block('完成值 达成年度指标', '分值 10')).band).toBe('达成');
  });
  it('no band → no score', () => {
    expect(score(block('完成值 已建立', '分值 10')).missing).toBe('band');
  });
});

describe('budget execution', () => {
  it('capped at the full points: 102% → 10', () => {
    expect(score(indicator('预算执行率', '指标值 100%', '完成值 102%', '分值 10')).score).toBe(10);
  });
  it('the execution rate counts, whatever the target: ≥90% with 85% → 10 × 0.85 = 8.5', () => {
    expect(score(indicator('预算执行率', '指标值 ≥90%', '完成值 85%', '分值 10')).score).toBe(8.5);
  });
  it('spending against the budget: 450万元 of 500万元 → 10 × 0.9 = 9', () => {
    expect(score(indicator('预算支出进度', '指标值 500万元', '完成值 450万元', '分值 10')).score).toBe(9);
  });
});

describe('grades', () => {
  it.each([
    [100, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
    [0, '差'],
  ] as const)('%d → %s', (percent, grade) => {
    expect(gradeOf(percent)).toBe(grade);
  });
  it('the boundaries are settings', () => {
    const strict = parseScoringSettings({ grades: { 优: 95, 良: 85, 中: 70 } }).scoring;
    expect([gradeOf(94, strict), gradeOf(84, strict), gradeOf(69, strict)]).toEqual(['良', '中', '差']);
  });
});

describe('the table and its duties', () => {
  const text = fs.readFileSync(EXAMPLE, 'utf8');
  const evaluation = evaluateTable(parse(text).ast)!;

  it('the lifecycle example: 15 + 14 + 15 + 24 + 10 + 9.5 = 87.5 of 100 → 良', () => {
    const byName = Object.fromEntries(evaluation.scores.map((s) => [s.indicator.name.text, s.score]));
    expect(byName).toEqual({ 培训次数: 15, 培训课程体系建设: 14, 就业创业补贴平均办理时长: 15, 带动就业人数: 24, 服务对象满意度: 10, 预算执行率: 9.5 });
    expect([evaluation.score, evaluation.points, evaluation.percent, evaluation.grade, evaluation.missing]).toEqual([87.5, 100, 87.5, '良', 0]);
  });
  it('per duty: 15 + 14 + 15 = 44 of 50; 24 + 10 = 34 of 40; 9.5 of 10', () => {
    expect(evaluation.duties.map((d) => [d.evaluation.score, d.evaluation.points])).toEqual([
      [44, 50],
      [34, 40],
      [9.5, 10],
    ]);
  });
  it('points per group: 产出 50, 效益 30, 满意度 10, 预算执行率 10', () => {
    expect(Object.fromEntries(evaluation.groups)).toEqual({ 产出: 50, 效益: 30, 满意度: 10, 预算执行率: 10 });
  });
  it('an indicator with points but no actual is missing, and counts 0; the percent is of the points written', () => {
    const t = table(indicator('培训次数', '指标值 20次', '完成值 20次', '分值 60'), indicator('带动就业人数', '指标值 300人', '分值 40'));
    const e = evaluateTable(t)!;
    expect([e.score, e.points, e.missing, e.grade]).toEqual([60, 100, 1, '中']);
  });
  it('no evaluation before the self-evaluation starts (the nine examples have none)', () => {
    expect(evaluateTable(table(indicator('培训次数', '指标值 20次')))).toBeUndefined();
  });
});

describe('monitoring', () => {
  const point = (toDate: string, ...more: string[]) =>
    indicator('培训次数', '指标值 20次', '监控 2023-07-31', `  累计完成值 ${toDate}`, ...more.map((m) => `  ${m}`));

  it('7-31 of 2023: 212 of 365 days passed (58.1 %)', () => {
    expect(yearElapsed(parseAsOf('2023-07-31')!, 2023)).toBeCloseTo(212 / 365, 10);
    expect(yearElapsed(parseAsOf('7-31')!, 2024)).toBeCloseTo(213 / 366, 10);
  });
  it('6次 of 20次 (30 %) at 58.1 % of the year lags more than 20 points behind', () => {
    const [ctx] = indicatorsOf(table(point('6次')));
    const status = monitorStatus(ctx!.indicator, ctx!.indicator.monitors[0]!, undefined);
    expect([status.progress, status.lagging]).toEqual([0.3, true]);
  });
  it('8次 (40 %) lags 18.1 points: within the default 20', () => {
    const [ctx] = indicatorsOf(table(point('8次')));
    expect(monitorStatus(ctx!.indicator, ctx!.indicator.monitors[0]!, undefined).lagging).toBe(false);
  });
  it('the expected full-year value against the target: 16次 of 20次 → 0.8', () => {
    const [ctx] = indicatorsOf(table(point('8次', '全年预计值 16次')));
    expect(monitorStatus(ctx!.indicator, ctx!.indicator.monitors[0]!, undefined).expectedRate).toBe(0.8);
  });
  it('a rate is not set against time (满意度 96% of ≥95% in July is not progress)', () => {
    const [ctx] = indicatorsOf(table(indicator('服务对象满意度', '指标值 ≥95%', '监控 7月31日', '  累计完成值 50%')));
    const status = monitorStatus(ctx!.indicator, ctx!.indicator.monitors[0]!, undefined);
    expect([status.progress, status.lagging]).toEqual([null, false]);
  });
});

describe('the words of the later stages', () => {
  it.each([
    ['2022-07-31', { year: 2022, month: 7, day: 31 }],
    ['2022/7/31', { year: 2022, month: 7, day: 31 }],
    ['2022年7月31日', { year: 2022, month: 7, day: 31 }],
    ['截至7月31日', { year: null, month: 7, day: 31 }],
    ['7-31', { year: null, month: 7, day: 31 }],
    ['1-7月', { year: null, month: 7, day: 31 }],
    ['1—6月', { year: null, month: 6, day: 30 }],
    ['9月底', { year: null, month: 9, day: 30 }],
    ['上半年', { year: null, month: 6, day: 30 }],
    ['2023年前三季度', { year: 2023, month: 9, day: 30 }],
  ])('as-of date %s', (text, date) => {
    expect(parseAsOf(text)).toEqual(date);
  });
  it.each(['7月32日', '2023-02-29', '13-01', '年中', ''])('not a date: %s', (text) => {
    expect(parseAsOf(text)).toBeUndefined();
  });
  it('bands, outlooks, points', () => {
    expect(['达成', '部分达成年度指标并具有一定效果', '未达成', '没有达成', 'Partly achieved', '基本完成'].map(parseBand)).toEqual(['达成', '部分达成', '未达成', '未达成', '部分达成', undefined]);
    expect(['确定能', '有可能', '完全不可能', '不可能', '大概'].map(parseOutlook)).toEqual(['确定能', '有可能', '完全不可能', '完全不可能', undefined]);
    expect(['20', '20分', '9.5', '１５', '-1', '20次', '约20', '/'].map(parsePoints)).toEqual([20, 20, 9.5, 15, undefined, undefined, undefined, undefined]);
  });
});

describe('scoring settings', () => {
  it('reads weights, grades, bands and thresholds, and names every problem', () => {
    const { scoring, problems } = parseScoringSettings({
      weights: { 产出: 60, 效益: 20, 其他: 5 },
      bands: { 部分达成: [60, 80, 75], 未达成: [0, 60, 90] },
      exceededAt: 50,
      unknown: 1,
    });
    expect(scoring.weights).toEqual({ 产出: 60, 效益: 20, 满意度: 10, 预算执行率: 10 });
    expect(scoring.bands.部分达成).toEqual({ min: 60, max: 80, default: 75 });
    expect(scoring.bands.未达成).toEqual(DEFAULT_SCORING.bands.未达成);
    expect(scoring.exceededAt).toBe(120);
    expect(problems.map((p) => p.en)).toEqual([
      expect.stringContaining('unknown "其他"'),
      expect.stringContaining('band "未达成"'),
      expect.stringContaining('exceededAt'),
      expect.stringContaining('unknown setting "unknown"'),
    ]);
  });
});
