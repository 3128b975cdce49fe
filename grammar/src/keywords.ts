/**
 * The field keywords: one entry per field, with its Chinese keyword (the
 * official column name) and its English alias. The lexer, the parser, the
 * formatter, completion and hover all read this one table.
 */
import type { AnyFieldKey, EvaluationKey, FieldKey, LifecycleKey, IndicatorFieldKey, InheritedKey, MonitoringPointKey, ReferenceKey, TextKey, ValueKey } from './ast';
import { editDistance } from './units';

export type FieldRole =
  /** 部门, 年度: before the first duty. */
  | 'header'
  /** 职责, 事项, 目标, 指标: open a level. */
  | 'level'
  /** Single-valued indicator fields. */
  | 'indicator'
  /** 活动, 预算项目, 科室: repeatable, on any level, inherited downwards. */
  | 'inherited'
  /** 序号: once, on a 事项, 目标 or 指标 (a duty's number is on its 职责 line). */
  | 'number'
  /** 监控: opens a monitoring point of an indicator (its text is the as-of date). */
  | 'monitor'
  /** 累计完成值, 全年预计值, 完成可能性: single-valued fields of a monitoring point only. */
  | 'monitoring';

/**
 * The stage of the budget year a field belongs to (docs/language.md §8): the target table
 * itself (no stage), the monitoring during the year, or the self-evaluation after it.
 */
export type FieldStage = 'monitoring' | 'evaluation';

export interface KeywordInfo<K extends AnyFieldKey = AnyFieldKey> {
  key: K;
  zh: string;
  en: string;
  role: FieldRole;
  /** True for the fields that hold a value (§4 of docs/language.md). */
  isValue: boolean;
  /** The form's own column heading, for hover. */
  column: { zh: string; en: string };
  /** The field's short name inside a sentence or a label (hover, messages, reports, diffs). */
  label: { zh: string; en: string };
  /** Other Chinese keywords meaning the same field (实际完成值 for 完成值). */
  aliases?: readonly string[];
  /** Absent for the columns of the target table. */
  stage?: FieldStage;
  /** What the field asks for, beyond its heading (hover); the target table's fields have theirs in hover.ts. */
  help?: { zh: string; en: string };
}

export const KEYWORDS: readonly KeywordInfo<FieldKey>[] = [
  { key: 'department', zh: '部门', en: 'department', role: 'header', isValue: false, column: { zh: '部门（表头：<部门>部门预算整体绩效目标表）', en: 'Department (title of the form)' }, label: { zh: '部门', en: 'department' } },
  { key: 'year', zh: '年度', en: 'year', role: 'header', isValue: false, column: { zh: '年度（表头：（<年度>年度））', en: 'Budget year (title of the form)' }, label: { zh: '年度', en: 'year' } },
  { key: 'duty', zh: '职责', en: 'duty', role: 'level', isValue: false, column: { zh: '职责序号 / 部门职责', en: 'Duty number / department duty' }, label: { zh: '职责', en: 'duty' } },
  { key: 'item', zh: '事项', en: 'item', role: 'level', isValue: false, column: { zh: '部门职责（第二列：具体事项）', en: 'Department duty, second column (sub-duty)' }, label: { zh: '事项', en: 'sub-duty' } },
  { key: 'objective', zh: '目标', en: 'objective', role: 'level', isValue: false, column: { zh: '职责目标', en: 'Objective of the duty' }, label: { zh: '目标', en: 'objective' } },
  { key: 'indicator', zh: '指标', en: 'indicator', role: 'level', isValue: false, column: { zh: '绩效指标', en: 'Performance indicator' }, label: { zh: '指标', en: 'indicator' } },
  { key: 'number', zh: '序号', en: 'number', role: 'number', isValue: false, column: { zh: '职责序号（部门职责合并、各行另有序号时，本行的序号）', en: 'Duty number of these rows (when rows under one merged duty are numbered apart)' }, label: { zh: '序号', en: 'number' } },
  { key: 'category', zh: '类别', en: 'category', role: 'indicator', isValue: false, column: { zh: '指标类别（产出：数量/质量/时效/成本；效益：经济/社会/生态/可持续影响；满意度）', en: 'Indicator category (output, outcome, satisfaction)' }, label: { zh: '类别', en: 'category' } },
  { key: 'explanation', zh: '解释', en: 'explanation', role: 'indicator', isValue: false, column: { zh: '指标解释', en: 'Explanation of the indicator (how it is counted)' }, label: { zh: '解释', en: 'explanation' } },
  { key: 'target', zh: '指标值', en: 'target', role: 'indicator', isValue: true, column: { zh: '年度指标值', en: 'Annual target value' }, label: { zh: '指标值', en: 'target' } },
  { key: 'plan', zh: '规划值', en: 'plan', role: 'indicator', isValue: true, column: { zh: '指标参考值 / 标准值（规划目标、行业标准或其他明确标准）/ 规划值', en: 'Reference / standard value / planned value' }, label: { zh: '规划值', en: 'plan' } },
  { key: 'standard', zh: '标准值', en: 'standard', role: 'indicator', isValue: true, column: { zh: '指标参考值 / 标准值 / 当年标准值 / 标准值', en: "Reference / standard value / this year's standard" }, label: { zh: '标准值', en: 'standard' } },
  { key: 'standardSource', zh: '标准来源', en: 'standard-source', role: 'indicator', isValue: false, column: { zh: '指标参考值 / 标准值 / 当年标准值 / 来源', en: "Reference / standard value / source of this year's standard" }, label: { zh: '标准来源', en: 'standard source' } },
  { key: 'historyAverage', zh: '前三年均值', en: 'history-average', role: 'indicator', isValue: true, column: { zh: '指标参考值 / 历史值（统计年鉴/统计公报/内部统计/其他需明确的来源）/ 前三年均值', en: 'Reference / history / average of the previous three years' }, label: { zh: '前三年均值', en: '3-year average' } },
  { key: 'lastYear', zh: '上年值', en: 'last-year', role: 'indicator', isValue: true, column: { zh: '指标参考值 / 历史值 / 上年值', en: "Reference / history / last year's value" }, label: { zh: '上年值', en: 'last year' } },
  { key: 'historySource', zh: '历史来源', en: 'history-source', role: 'indicator', isValue: false, column: { zh: '指标参考值 / 历史值 / 来源', en: 'Reference / history / source' }, label: { zh: '历史来源', en: 'history source' } },
  { key: 'remark', zh: '备注', en: 'remark', role: 'indicator', isValue: false, column: { zh: '备注（标准值和历史值均无的原因/其他需要说明的问题）', en: 'Remarks (why neither a standard nor a history value exists / other notes)' }, label: { zh: '备注', en: 'remark' } },
  { key: 'activity', zh: '活动', en: 'activity', role: 'inherited', isValue: false, column: { zh: '工作活动', en: 'Work activities' }, label: { zh: '活动', en: 'activity' } },
  { key: 'project', zh: '预算项目', en: 'project', role: 'inherited', isValue: false, column: { zh: '预算项目', en: 'Budget project(s)' }, label: { zh: '预算项目', en: 'budget project' } },
  { key: 'office', zh: '科室', en: 'office', role: 'inherited', isValue: false, column: { zh: '对应科室', en: 'Responsible office(s)' }, label: { zh: '科室', en: 'office' } },
];

/**
 * The fields of the two later stages of the year, written into the same table: the monitoring
 * points during the year and the self-evaluation after it (docs/language.md §8). Kept apart from
 * KEYWORDS, which are the official form's columns (the importer and the form read only those).
 */
export const LIFECYCLE_KEYWORDS: readonly KeywordInfo<LifecycleKey>[] = [
  {
    key: 'actual', zh: '完成值', en: 'actual', aliases: ['实际完成值'], role: 'indicator', isValue: true, stage: 'evaluation',
    column: { zh: '绩效自评 / 实际完成值', en: 'Self-evaluation / actual value of the year' }, label: { zh: '完成值', en: 'actual' },
    help: { zh: '年度实际完成的值，与指标值同一量纲（同为次数、比率、金额……），据此计算得分。', en: 'The value actually reached in the year, in the dimension of the target (count, rate, amount …); the score is computed from it.' },
  },
  {
    key: 'points', zh: '分值', en: 'points', role: 'indicator', isValue: false, stage: 'evaluation',
    column: { zh: '绩效自评 / 分值', en: "Self-evaluation / the indicator's points" }, label: { zh: '分值', en: 'points' },
    help: { zh: '本指标的分值（权重）。同一一级指标的分值之和等于其权重（默认 产出 50、效益 30、满意度 10、预算执行率 10），合计 100。', en: "The indicator's points (weight). The points of a category add up to its weight (by default output 50, outcome 30, satisfaction 10, budget execution 10), 100 in all." },
  },
  {
    key: 'score', zh: '得分', en: 'score', role: 'indicator', isValue: false, stage: 'evaluation',
    column: { zh: '绩效自评 / 得分', en: 'Self-evaluation / score' }, label: { zh: '得分', en: 'score' },
    help: { zh: '由工具按完成值计算；定性指标由评价人在达成情况的分档内确定。手写的得分会与计算结果（或分档）核对。', en: 'Computed from the actual; for a qualitative indicator the evaluator picks it inside its band. A score written by hand is checked against the computation (or the band).' },
  },
  {
    key: 'attainment', zh: '达成情况', en: 'attainment', role: 'indicator', isValue: false, stage: 'evaluation',
    column: { zh: '绩效自评 / 定性指标达成情况', en: 'Self-evaluation / band of a qualitative indicator' }, label: { zh: '达成情况', en: 'attainment' },
    help: { zh: '定性指标的评价分档：达成（分值的 100–80%）、部分达成（80–60%）、未达成（60–0%）。', en: 'The band of a qualitative indicator: 达成 achieved (100–80 % of its points), 部分达成 partly (80–60 %), 未达成 not achieved (60–0 %).' },
  },
  {
    key: 'deviationReason', zh: '偏差原因', en: 'deviation-reason', role: 'indicator', isValue: false, stage: 'evaluation',
    column: { zh: '偏差原因分析', en: 'Reason for the deviation' }, label: { zh: '偏差原因', en: 'deviation reason' },
    help: { zh: '未完成（或大幅超额完成）目标的原因；写在监控点下时为监控期的偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）。', en: 'Why the target was missed (or far exceeded); under a monitoring point, the reason for the deviation at that date (funding, rules, staff, equipment, other).' },
  },
  {
    key: 'improvement', zh: '改进措施', en: 'improvement', role: 'indicator', isValue: false, stage: 'evaluation',
    column: { zh: '改进措施（纠偏措施）', en: 'Improvement (corrective measure)' }, label: { zh: '改进措施', en: 'improvement' },
    help: { zh: '针对偏差的改进或纠偏措施。', en: 'What will be done about the deviation.' },
  },
  {
    key: 'monitor', zh: '监控', en: 'monitoring', role: 'monitor', isValue: false, stage: 'monitoring',
    column: { zh: '绩效运行监控 / 截至日期', en: 'Monitoring / as-of date' }, label: { zh: '监控', en: 'monitoring' },
    help: { zh: '一个监控点，后写截至日期（2022-07-31、7月31日、1-7月）；其下写累计完成值、全年预计值、完成可能性、偏差原因、改进措施。', en: 'A monitoring point, followed by its as-of date (2022-07-31, 7月31日, 1-7月); below it: 累计完成值, 全年预计值, 完成可能性, 偏差原因, 改进措施.' },
  },
  {
    key: 'toDate', zh: '累计完成值', en: 'to-date', role: 'monitoring', isValue: true, stage: 'monitoring',
    column: { zh: '绩效运行监控 / 截至监控日期的累计完成值', en: 'Monitoring / completed up to the as-of date' }, label: { zh: '累计完成值', en: 'to date' },
    help: { zh: '从年初到截至日期累计完成的值（如 1–7 月完成值），与指标值同一量纲。', en: 'What was completed from the start of the year up to the as-of date (e.g. January–July), in the dimension of the target.' },
  },
  {
    key: 'expected', zh: '全年预计值', en: 'expected', role: 'monitoring', isValue: true, stage: 'monitoring',
    column: { zh: '绩效运行监控 / 全年预计完成值', en: 'Monitoring / expected value for the whole year' }, label: { zh: '全年预计值', en: 'expected' },
    help: { zh: '按目前进度预计全年能完成的值。', en: 'The value expected for the whole year at the current pace.' },
  },
  {
    key: 'outlook', zh: '完成可能性', en: 'outlook', role: 'monitoring', isValue: false, stage: 'monitoring',
    column: { zh: '绩效运行监控 / 完成目标可能性', en: 'Monitoring / likelihood of meeting the target' }, label: { zh: '完成可能性', en: 'outlook' },
    help: { zh: '完成年度目标的可能性：确定能、有可能、完全不可能。', en: 'How likely the annual target is met: 确定能 (certainly), 有可能 (possibly), 完全不可能 (impossible).' },
  },
];

/** Every keyword: the form's columns, then the monitoring and self-evaluation fields. */
export const ALL_KEYWORDS: readonly KeywordInfo[] = [...KEYWORDS, ...LIFECYCLE_KEYWORDS];

export const KEYWORD_BY_KEY: Readonly<Record<AnyFieldKey, KeywordInfo>> = Object.fromEntries(
  ALL_KEYWORDS.map((k) => [k.key, k]),
) as Record<AnyFieldKey, KeywordInfo>;

/** Every way of writing a keyword: the Chinese keyword, its Chinese aliases, the English alias. */
export function keywordForms(info: KeywordInfo): string[] {
  return [info.zh, ...(info.aliases ?? []), info.en];
}

/** Keyword text (Chinese, a Chinese alias or English) → field key. */
export const KEY_BY_KEYWORD: ReadonlyMap<string, AnyFieldKey> = new Map(ALL_KEYWORDS.flatMap((k) => keywordForms(k).map((form) => [form, k.key] as const)));

/** The level a field opens, and its depth (职责 0 … 指标 3 when under 事项). */
export const LEVEL_KEYS = ['duty', 'item', 'objective', 'indicator'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

/** The single-valued indicator fields, in the form's column order (the formatter's and the exports' order). */
export const INDICATOR_FIELD_KEYS = KEYWORDS.filter((k) => k.role === 'indicator').map((k) => k.key) as readonly IndicatorFieldKey[];

/** The indicator fields that hold text (类别, 解释, sources, 备注), in the form's column order. */
export const TEXT_KEYS = KEYWORDS.filter((k) => k.role === 'indicator' && !k.isValue).map((k) => k.key) as readonly TextKey[];

/** The indicator fields that hold a value: the target, then its references (in the form's column order), then the actual. */
export const VALUE_KEYS = ALL_KEYWORDS.filter((k) => k.isValue && k.role === 'indicator').map((k) => k.key) as readonly ValueKey[];

/** The values a target is compared with (plan, standard, history), in the form's column order. */
export const REFERENCE_KEYS = KEYWORDS.filter((k) => k.isValue && k.key !== 'target').map((k) => k.key) as readonly ReferenceKey[];

/** The self-evaluation's fields of an indicator (完成值, 分值, 得分, 达成情况, 偏差原因, 改进措施). */
export const EVALUATION_KEYS = LIFECYCLE_KEYWORDS.filter((k) => k.stage === 'evaluation').map((k) => k.key) as readonly EvaluationKey[];

/** The fields a monitoring point (监控) holds, in the monitoring form's column order. */
export const MONITORING_POINT_KEYS: readonly MonitoringPointKey[] = ['toDate', 'expected', 'outlook', 'deviationReason', 'improvement'];

/** 活动, 预算项目, 科室: written on any level, inherited by the indicators below. */
export const INHERITED_KEYS = KEYWORDS.filter((k) => k.role === 'inherited').map((k) => k.key) as readonly InheritedKey[];

/** What an unknown line most likely meant: its first word replaced (a misspelt keyword), or a keyword followed by a space. */
export interface KeywordSuggestion {
  /** The first word of the line as written. */
  word: string;
  /** What replaces it: the keyword, with a space when none follows. */
  replacement: string;
  keyword: string;
  /** The keyword is right, the space after it is missing ('指标值80%'). */
  missingSpace: boolean;
}

/** The first word of a line, at most 17 characters (a longer one is no slip of a keyword, and lines may be megabytes). */
const LEADING_WORD = /^(?:[\u3400-\u9fff]{1,17}|[A-Za-z][A-Za-z-]{0,16})/;
const WORD_CHAR = /[\u3400-\u9fffA-Za-z-]/;

/**
 * The keyword an unknown line starts with but for one slip: a misspelt keyword (`指示值 80%`,
 * `标准来原 年度工作计划`: one edit for a word of up to three characters, two for a longer one,
 * and only when one keyword is nearest), or a keyword with no space after it (`指标值80%`).
 */
export function keywordSuggestion(line: string): KeywordSuggestion | null {
  const word = LEADING_WORD.exec(line)?.[0];
  if (!word || (word.length === 17 && WORD_CHAR.test(line.charAt(17)))) return null;
  const spaced = /^[ \t\u3000]/.test(line.slice(word.length)) || line.length === word.length;
  if (KEY_BY_KEYWORD.has(word)) return spaced ? null : { word, replacement: `${word} `, keyword: word, missingSpace: true };
  const chars = Array.from(word);
  // keywords are short: a longer word is no slip of one
  if (chars.length < 2 || chars.length > 16) return null;
  const latin = /^[A-Za-z]/.test(word);
  const limit = chars.length <= 3 ? 1 : 2;
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const k of ALL_KEYWORDS) {
    const candidate = latin ? k.en : k.zh;
    const d = editDistance(latin ? Array.from(word.toLowerCase()) : chars, Array.from(candidate));
    if (d < bestDistance) [best, bestDistance] = [[candidate], d];
    else if (d === bestDistance) best.push(candidate);
  }
  if (best.length !== 1) return null;
  const keyword = best[0]!;
  return { word, replacement: spaced ? keyword : `${keyword} `, keyword, missingSpace: false };
}
