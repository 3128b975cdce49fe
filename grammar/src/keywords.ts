/**
 * The field keywords: one entry per field, with its Chinese keyword (the
 * official column name) and its English alias. The lexer, the parser, the
 * formatter, completion and hover all read this one table.
 */
import type { FieldKey, IndicatorFieldKey, InheritedKey, TextKey, ValueKey } from './ast';
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
  | 'number';

export interface KeywordInfo {
  key: FieldKey;
  zh: string;
  en: string;
  role: FieldRole;
  /** True for the fields that hold a value (§4 of docs/language.md). */
  isValue: boolean;
  /** The form's own column heading, for hover. */
  column: { zh: string; en: string };
  /** The field's short name inside a sentence or a label (hover, messages, reports, diffs). */
  label: { zh: string; en: string };
}

export const KEYWORDS: readonly KeywordInfo[] = [
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

export const KEYWORD_BY_KEY: Readonly<Record<FieldKey, KeywordInfo>> = Object.fromEntries(
  KEYWORDS.map((k) => [k.key, k]),
) as Record<FieldKey, KeywordInfo>;

/** Keyword text (Chinese or English) → field key. */
export const KEY_BY_KEYWORD: ReadonlyMap<string, FieldKey> = new Map(
  KEYWORDS.flatMap((k) => [
    [k.zh, k.key],
    [k.en, k.key],
  ]),
);

/** The level a field opens, and its depth (职责 0 … 指标 3 when under 事项). */
export const LEVEL_KEYS = ['duty', 'item', 'objective', 'indicator'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

/** The single-valued indicator fields, in the form's column order (the formatter's and the exports' order). */
export const INDICATOR_FIELD_KEYS = KEYWORDS.filter((k) => k.role === 'indicator').map((k) => k.key) as readonly IndicatorFieldKey[];

/** The indicator fields that hold text (类别, 解释, sources, 备注), in the form's column order. */
export const TEXT_KEYS = KEYWORDS.filter((k) => k.role === 'indicator' && !k.isValue).map((k) => k.key) as readonly TextKey[];

/** The fields that hold a value, in the form's column order: the target, then its references. */
export const VALUE_KEYS = KEYWORDS.filter((k) => k.isValue).map((k) => k.key) as readonly ValueKey[];

/** The values a target is compared with (plan, standard, history), in the form's column order. */
export const REFERENCE_KEYS = VALUE_KEYS.filter((k) => k !== 'target') as readonly Exclude<ValueKey, 'target'>[];

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
  for (const k of KEYWORDS) {
    const candidate = latin ? k.en : k.zh;
    const d = editDistance(latin ? Array.from(word.toLowerCase()) : chars, Array.from(candidate));
    if (d < bestDistance) [best, bestDistance] = [[candidate], d];
    else if (d === bestDistance) best.push(candidate);
  }
  if (best.length !== 1) return null;
  const keyword = best[0]!;
  return { word, replacement: spaced ? keyword : `${keyword} `, keyword, missingSpace: false };
}
