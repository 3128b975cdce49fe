/**
 * The catalog of every finding code: the syntax codes the parser reports
 * (TT0xx, grammar/src/messages.ts) and the domain rules of brief §5 (TT1xx),
 * each with its default severity, zh/en title and a short explanation; the
 * message builders of the domain rules; the word lists the rules read; and the
 * reading of rule settings (`.ttab/rules.json`, editor settings).
 *
 * One catalog, so hover on a diagnostic, docs/rules.md and the settings check
 * cannot disagree about which codes exist. Pure module.
 */
import type { Dimension, Message, Quantity, Severity, ValueKey } from '../grammar/src/index';
import { DIMENSION_NAMES, KEYWORD_BY_KEY, SYNTAX_RULES } from '../grammar/src/index';
import type { RuleSetting, ServiceSettings } from './context';
import { DEFAULT_SETTINGS } from './context';
import { parseScoringSettings, type ScoringSettings } from './scoringSettings';

export interface RuleInfo {
  code: string;
  defaultSeverity: Severity;
  title: Message;
  /** Why it matters and what to do, 1–3 sentences. */
  explanation: Message;
  /** Syntax codes (TT0xx) are always errors: settings and disable comments do not apply to them. */
  syntax: boolean;
}

type RuleEntry = Omit<RuleInfo, 'code' | 'syntax'>;

const SYNTAX_EXPLANATIONS: Record<keyof typeof SYNTAX_RULES, Message> = {
  TT001: {
    zh: '这段文本无法读取。请重新输入该行，并检查是否从其他程序粘贴进了控制字符。',
    en: 'This text cannot be read. Retype the line and check for control characters pasted from another program.',
  },
  TT002: {
    zh: '每行须是字段（字段名 + 空格 + 内容）、续行（+）、注释（#）或空行。常见原因：字段名后缺少空格，或字段名写错。',
    en: 'Every line is a field (keyword, space, text), a continuation (+), a comment (#) or blank. Usually the space after the keyword is missing or the keyword is misspelt.',
  },
  TT003: {
    zh: '每个字段属于一个层级：指标的字段写在「指标」之下，「指标」写在「目标」之下，「目标」写在「职责」或「事项」之下。请把该行移到正确的层级之下。',
    en: 'Each field belongs to one level: indicator fields below an 指标 line, 指标 below a 目标, 目标 below a 职责 or 事项. Move the line below the level it belongs to.',
  },
  TT004: {
    zh: '以 + 开头的续行接续上一字段的内容，但它上面没有字段。请在前面写出字段名，或把内容并入上一字段。',
    en: 'A + line continues the field above it, and there is none. Start the line with a field keyword, or join it to the field above.',
  },
  TT005: {
    zh: '文件太大，编辑器不做分析，以免卡顿。一个文件只放一个部门一个年度的目标表；过大的表请拆分。',
    en: 'The file is too large for the editor to analyse without slowing down. Keep one table per department and year in a file; split a larger one.',
  },
  TT010: {
    zh: '同一层级中，单值字段（如 指标值、解释、备注）只能出现一次，以第一次为准。请删除或合并重复的一行。',
    en: 'A single-valued field (指标值, 解释, 备注 …) appears once per block; the first one counts. Delete or merge the repeated line.',
  },
  TT011: {
    zh: '年度须为四位数字的年份，如 2022，报表标题和导出都要用到它。',
    en: 'The year is four digits, such as 2022; the form title and the export use it.',
  },
  TT012: {
    zh: '表头字段（部门、年度）写在第一个职责之前，且各只写一次。',
    en: 'The header fields (部门, 年度) come before the first duty, once each.',
  },
};

const DOMAIN_RULES = {
  TT101: {
    defaultSeverity: 'error',
    title: { zh: '指标缺少名称', en: 'Indicator without a name' },
    explanation: {
      zh: '绩效指标的名称是目标表的必填列，审核和考核都以它为准。请在「指标」后写出指标名称。',
      en: 'The indicator name is a required column of the form; review and assessment refer to it. Write the name after 指标.',
    },
  },
  TT102: {
    defaultSeverity: 'error',
    title: { zh: '指标缺少年度指标值', en: 'Indicator without a target value' },
    explanation: {
      zh: '没有年度指标值，年底就无从考核。请写出「指标值」，尽量是可衡量的数值，如 ≥95%、12场。',
      en: 'Without an annual target there is nothing to assess at the end of the year. Write a 指标值 (target), measurable where possible, such as ≥95% or 12场.',
    },
  },
  TT103: {
    defaultSeverity: 'error',
    title: { zh: '无法识别的数值', en: 'Malformed value' },
    explanation: {
      zh: '这个值以数字或比较符开头，却无法读作数量（如 1.2.3次、≥ 次），因而不能比较或汇总。请改正数字或比较符。',
      en: 'The value starts like a number or a comparator but does not read as a quantity (1.2.3次, ≥ 次), so it cannot be compared or summed. Correct the number or the comparator.',
    },
  },
  TT104: {
    defaultSeverity: 'error',
    title: { zh: '未知的单位', en: 'Unknown unit' },
    explanation: {
      zh: '单位不在单位目录中，数值的量纲未知，无法与标准值、历史值比较。请改用目录中的单位（快速修复会给出最接近的），或在 .ttab/units.json 中补充该单位。',
      en: 'The unit is in no catalog, so the dimension of the value is unknown and it cannot be compared with standard or history values. Use a catalog unit (the quick fix offers the nearest) or add the unit to .ttab/units.json.',
    },
  },
  TT105: {
    defaultSeverity: 'error',
    title: { zh: '参考值与指标值量纲不同', en: 'Reference value in another dimension' },
    explanation: {
      zh: '标准值、规划值和历史值须与指标值同一量纲（同为比率、次数、金额且币种相同……），否则无从对比，多半是填错了列。请核对单位。',
      en: 'Standard, planned and history values must be in the dimension of the target (all ratios, all counts, money of one currency …), or they cannot be compared; most often a value went into the wrong column. Check the units.',
    },
  },
  TT106: {
    defaultSeverity: 'error',
    title: { zh: '无标准值、历史值，也无备注说明', en: 'No standard or history value, and no remark' },
    explanation: {
      zh: '目标表要求每个指标给出参考值（标准值或历史值）；两者均无时，表头要求在备注中说明原因。请补充参考值，或在「备注」中写明原因。',
      en: 'The form asks every indicator for a reference (a standard or a history value); where there is neither, its header demands the reason in 备注. Add a reference value, or write the reason in a 备注 (remark) line.',
    },
  },
  TT107: {
    defaultSeverity: 'warning',
    title: { zh: '标准值缺少来源', en: 'Standard value without a source' },
    explanation: {
      zh: '标准值须注明出处（规划目标、行业标准或其他明确标准），审核时才能核实。请在「标准来源」中写明，如 年度工作计划、行业标准。',
      en: 'A standard value names where it comes from (a plan, an industry standard or another explicit standard) so a reviewer can verify it. Write it in 标准来源, e.g. 年度工作计划 or 行业标准.',
    },
  },
  TT108: {
    defaultSeverity: 'warning',
    title: { zh: '历史值缺少来源', en: 'History value without a source' },
    explanation: {
      zh: '历史值须注明来源（统计年鉴、统计公报、内部统计等）。请在「历史来源」中写明。',
      en: 'A history value names its source (统计年鉴, 统计公报, 内部统计 …). Write it in 历史来源.',
    },
  },
  TT109: {
    defaultSeverity: 'warning',
    title: { zh: '指标值表述笼统', en: 'Vague target' },
    explanation: {
      zh: '「有效加强」「明显提升」「进一步完善」之类的表述无法考核。请改为可衡量的数值（如 ≥95%、12次），或写明完成的具体标准。',
      en: 'Targets such as 有效加强 (effectively strengthen) or 明显提升 (clearly improve) cannot be assessed. Give a measurable value (≥95%, 12次) or state the concrete result that counts as done.',
    },
  },
  TT110: {
    defaultSeverity: 'warning',
    title: { zh: '指标值为约数', en: 'Approximate target' },
    explanation: {
      zh: '「约50场」「50场左右」在考核时无法判断是否完成。请给出确定的数值；若是区间，用 ≥ 或 ≤ 表示。',
      en: 'With 约50场 or 50场左右 (about 50) nobody can say at the end of the year whether the target was met. Give an exact number; for a bound, write ≥ or ≤.',
    },
  },
  TT111: {
    defaultSeverity: 'warning',
    title: { zh: '指标值低于历史水平', en: 'Target below history' },
    explanation: {
      zh: '绩效目标一般不应低于上年值或前三年均值（对越低越好的指标，如投诉率、成本，则不应高于）。若确有原因，请在备注中说明。',
      en: "A target should not fall behind last year's value or the 3-year average (nor rise above it where lower is better, as for complaint rates or costs). If there is a reason, give it in 备注 (remark).",
    },
  },
  TT112: {
    defaultSeverity: 'info',
    title: { zh: '指标值远高于历史水平', en: 'Target far above history' },
    explanation: {
      zh: '指标值超过历史值的若干倍（默认 3 倍，可用 historyFactor 设置），可能是单位或数量级写错了。请核实。',
      en: 'The target is many times its history (3× by default, set with historyFactor): perhaps a wrong unit or magnitude. Check it.',
    },
  },
  TT113: {
    defaultSeverity: 'warning',
    title: { zh: '指标值低于规划值或标准值', en: 'Target below the plan or standard' },
    explanation: {
      zh: '年度指标值低于规划值或当年标准值（越低越好的指标则为高于），目标达不到标准。请核对指标值或参考值。',
      en: 'The annual target is below the planned or standard value (above it, where lower is better), so meeting the target would miss the standard. Check the target or the reference.',
    },
  },
  TT114: {
    defaultSeverity: 'warning',
    title: { zh: '比率超出 0–100%', en: 'Rate outside 0–100%' },
    explanation: {
      zh: '完成率、满意度等比率只能在 0 到 100% 之间。请核对数值（增长率、增速、增幅不在此列）。',
      en: 'A rate such as a completion rate or a satisfaction level lies between 0 and 100%. Check the value (growth rates are exempt).',
    },
  },
  TT115: {
    defaultSeverity: 'info',
    title: { zh: '指标解释与名称相同', en: 'Explanation repeats the name' },
    explanation: {
      zh: '指标解释应说明指标的含义和统计口径，照抄名称没有提供信息。请写明如何统计。',
      en: 'The explanation says what the indicator means and how it is counted; repeating the name says nothing. Describe how it is counted.',
    },
  },
  TT116: {
    defaultSeverity: 'info',
    title: { zh: '比率指标未说明计算方法', en: 'Rate without its formula' },
    explanation: {
      zh: '比率类指标的解释应写明计算公式（分子/分母），如「按时办结件数/受理件数×100%」，否则口径不明，无法复核。',
      en: 'The explanation of a rate gives its formula (numerator/denominator), e.g. 按时办结件数/受理件数×100%; otherwise nobody can recompute it.',
    },
  },
  TT117: {
    defaultSeverity: 'warning',
    title: { zh: '指标名称重复', en: 'Duplicate indicator name' },
    explanation: {
      zh: '同一张表中两个指标同名，汇总和考核时无法区分。请改名以示区别，或合并为一个指标。',
      en: 'Two indicators of one table share a name, so summaries and assessment cannot tell them apart. Rename one, or merge them.',
    },
  },
  TT118: {
    defaultSeverity: 'warning',
    title: { zh: '职责序号重复或顺序不对', en: 'Duplicate or out-of-order duty number' },
    explanation: {
      zh: '职责序号应唯一并按顺序递增，与报表中的职责序号列一致。请调整序号。',
      en: 'Duty numbers are unique and increase in order, as in the form’s 职责序号 column. Renumber the duties.',
    },
  },
  TT119: {
    defaultSeverity: 'warning',
    title: { zh: '职责、事项或目标下没有指标', en: 'Duty, item or objective without an indicator' },
    explanation: {
      zh: '每个职责目标都要落实到至少一个绩效指标，否则该目标无法考核。请补充指标，或删除多余的层级。',
      en: 'Every objective needs at least one performance indicator, or it cannot be assessed. Add an indicator, or remove the empty level.',
    },
  },
  TT120: {
    defaultSeverity: 'info',
    title: { zh: '指标类别不全或无法识别', en: 'Categories incomplete or unrecognised' },
    explanation: {
      zh: '填写了指标类别的表，应同时包含产出指标和效益指标（有服务对象时还应有满意度指标）；类别须为 产出/数量、效益/社会、满意度 等形式。缺少类别为提示，无法识别的类别为警告。',
      en: 'A table that gives categories should have both output (产出) and outcome (效益) indicators, and satisfaction (满意度) where it serves people; a category reads like 产出/数量, 效益/社会 or 满意度. A missing category is a hint, an unrecognised one a warning.',
    },
  },
  TT121: {
    defaultSeverity: 'warning',
    title: { zh: '比率指标值为 ≥100%', en: 'Rate target of ≥100%' },
    explanation: {
      zh: '比率不可能超过 100%，「≥100%」「不低于100%」「100%以上」实际只能是 =100%。请直接写 =100%（或 100%）。',
      en: 'A rate cannot exceed 100%, so ≥100% (不低于100%, 100%以上) can only mean exactly 100%. Write =100% (or 100%).',
    },
  },
} as const satisfies Record<string, RuleEntry>;

export type DomainCode = keyof typeof DOMAIN_RULES;

function buildCatalog(): Record<string, RuleInfo> {
  const catalog: Record<string, RuleInfo> = {};
  for (const [code, rule] of Object.entries(SYNTAX_RULES)) {
    catalog[code] = {
      code,
      defaultSeverity: rule.severity,
      title: rule.title,
      explanation: SYNTAX_EXPLANATIONS[code as keyof typeof SYNTAX_RULES],
      syntax: true,
    };
  }
  for (const [code, rule] of Object.entries(DOMAIN_RULES)) {
    catalog[code] = { code, ...rule, syntax: false };
  }
  return catalog;
}

/** Every code the checker can report, syntax and domain, keyed by code. */
export const RULES: Readonly<Record<string, RuleInfo>> = buildCatalog();

/** Every rule, in code order. */
export function allRules(): RuleInfo[] {
  return Object.values(RULES).sort((a, b) => a.code.localeCompare(b.code));
}

export function isSyntaxCode(code: string): boolean {
  return RULES[code]?.syntax === true;
}

// ---------------------------------------------------------------------------
// Word lists the rules read

/** TT109: vague targets as written in real tables. */
export const VAGUE_TARGETS: readonly string[] = [
  '有效加强', '明显提升', '进一步完善', '有效提升', '稳步提升', '显著提高', '不断完善', '逐步提高',
  '有效整改', '有效强化', '明显改善', '显著改善', '有所提高', '有所提升', '大幅提升', '持续改善',
  '良好', '较好', '明显', '显著', '提高', '提升', '加强', '改善', '完善',
];
/** TT109: a qualitative target made only of these adverbs followed by these verbs is vague too. */
export const VAGUE_ADVERBS: readonly string[] = [
  '有效', '明显', '进一步', '稳步', '显著', '不断', '逐步', '持续', '全面', '切实', '大幅', '有所', '积极', '充分', '较大', '大力', '更加', '继续',
];
export const VAGUE_VERBS: readonly string[] = [
  '加强', '提升', '提高', '完善', '整改', '强化', '改善', '推进', '优化', '增强', '改进', '增加', '扩大', '推动', '加快', '规范', '巩固', '降低', '减少',
];

/** TT111/TT113: words in an indicator's name saying that lower values are better. */
export const LESS_IS_BETTER_WORDS: readonly string[] = [
  '发生率', '事故率', '投诉率', '差错率', '失误率', '违规率', '违纪率', '空置率', '逾期率', '失败率', '返工率', '超标率',
  '成本', '费用', '降低', '减少', '压减', '压缩', '控制在',
];
/** …and these, when the target is a duration (dimension time). */
export const DURATION_WORDS: readonly string[] = ['时长', '用时', '耗时', '时间', '天数', '周期', '时限'];
/** TT114/TT121: rates that may exceed 100% (growth). */
export const GROWTH_WORDS: readonly string[] = ['增长', '增速', '增幅'];
/** TT116: an explanation that gives a formula contains one of these. */
export const FORMULA_MARKS: readonly string[] = ['/', '／', '÷', '除以', '比', '占', '比例', '公式', '=', '＝', '计算'];

// ---------------------------------------------------------------------------
// Message builders

const q = (s: string): string => `「${s}」`;
const qe = (s: string): string => `'${s}'`;

/** Shorten a text for a message. */
function excerpt(s: string, max = 24): string {
  const line = s.split('\n')[0]!;
  return line.length > max || line.length < s.length ? `${line.slice(0, max)}…` : line;
}


const CURRENCY_NAMES: Record<string, Message> = { CNY: { zh: '人民币', en: 'CNY' }, USD: { zh: '美元', en: 'USD' } };

function dimensionName(v: Quantity): Message {
  const d = DIMENSION_NAMES[v.dimension!];
  if (v.dimension !== 'money' || v.currency === null) return d;
  const c = CURRENCY_NAMES[v.currency] ?? { zh: v.currency, en: v.currency };
  return { zh: `${d.zh}·${c.zh}`, en: `${d.en}, ${c.en}` };
}

/** How a value field is named inside an English sentence ("last year's 98%"). */
const REFERENCE_EN: Record<ValueKey, (v: string) => string> = {
  target: (v) => `the target ${v}`,
  plan: (v) => `the planned ${v}`,
  standard: (v) => `the standard ${v}`,
  historyAverage: (v) => `the 3-year average ${v}`,
  lastYear: (v) => `last year's ${v}`,
  actual: (v) => `the actual ${v}`,
};

/** …and at the start of an English sentence. */
const SUBJECT_EN: Record<ValueKey, string> = {
  target: 'The target',
  plan: 'The planned value',
  standard: 'The standard value',
  historyAverage: 'The 3-year average',
  lastYear: "Last year's value",
  actual: 'The actual value',
};

const MINUS = '\u2212';

/** The gap between a target and a reference: points for rates, else the relative change. */
export function formatDelta(target: Quantity, reference: Quantity): Message {
  const diff = target.normalized - reference.normalized;
  const sign = diff < 0 ? MINUS : '+';
  if (target.dimension === 'ratio') {
    const points = Math.abs(diff).toFixed(1);
    return { zh: `${sign}${points} 个百分点`, en: `${sign}${points} points` };
  }
  if (reference.normalized === 0) {
    const abs = `${sign}${Number(Math.abs(diff).toPrecision(6))}${target.baseUnit ?? ''}`;
    return { zh: abs, en: abs };
  }
  const percent = `${sign}${((Math.abs(diff) / Math.abs(reference.normalized)) * 100).toFixed(1)}%`;
  return { zh: percent, en: percent };
}

export type Direction = 'more' | 'less';

export const say = {
  noName: (): Message => ({
    zh: '指标缺少名称：请在「指标」后写出绩效指标的名称',
    en: 'Indicator without a name: write the performance indicator’s name after 指标',
  }),
  noTarget: (name: string): Message => ({
    zh: `指标${q(excerpt(name))}缺少年度指标值（指标值）`,
    en: `Indicator ${qe(excerpt(name))} has no annual target value (指标值)`,
  }),
  emptyTarget: (name: string): Message => ({
    zh: `指标${q(excerpt(name))}的指标值为空`,
    en: `The target (指标值) of indicator ${qe(excerpt(name))} is empty`,
  }),
  malformed: (keyword: string, raw: string, reason: Message): Message => ({
    zh: `${keyword}${q(excerpt(raw))}无法识别：${reason.zh}`,
    en: `${keyword} ${qe(excerpt(raw))} cannot be read: ${reason.en}`,
  }),
  unknownUnit: (unit: string, suggestions: readonly string[]): Message => ({
    zh: `未知的单位${q(unit)}${suggestions.length ? `，是否应为 ${suggestions.map(q).join('、')}？` : ''}`,
    en: `Unknown unit ${qe(unit)}${suggestions.length ? `; did you mean ${suggestions.map(qe).join(', ')}?` : ''}`,
  }),
  differentDimension: (key: ValueKey, ref: Quantity, target: Quantity): Message => {
    const rd = dimensionName(ref);
    const td = dimensionName(target);
    return {
      zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${rd.zh}）与指标值 ${excerpt(target.raw)}（${td.zh}）量纲不同，无法比较`,
      en: `${SUBJECT_EN[key]} ${excerpt(ref.raw)} (${rd.en}) and the target ${excerpt(target.raw)} (${td.en}) are in different dimensions and cannot be compared`,
    };
  },
  noReference: (name: string): Message => ({
    zh: `指标${q(excerpt(name))}既无标准值（规划值/标准值）也无历史值（前三年均值/上年值），须在备注中说明原因`,
    en: `Indicator ${qe(excerpt(name))} has neither a standard value (规划值/标准值) nor a history value (前三年均值/上年值): give the reason in 备注 (remark)`,
  }),
  noStandardSource: (key: ValueKey, raw: string): Message => ({
    zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(raw)} 未注明标准来源`,
    en: `${SUBJECT_EN[key]} ${excerpt(raw)} has no source (标准来源)`,
  }),
  noHistorySource: (key: ValueKey, raw: string): Message => ({
    zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(raw)} 未注明历史来源`,
    en: `${SUBJECT_EN[key]} ${excerpt(raw)} has no source (历史来源)`,
  }),
  vague: (text: string): Message => ({
    zh: `指标值${q(excerpt(text))}表述笼统，无法考核：请改为可衡量的数值或明确的完成标准`,
    en: `The target ${qe(excerpt(text))} is vague and cannot be assessed: give a measurable value or a concrete result`,
  }),
  approximate: (raw: string): Message => ({
    zh: `指标值${q(excerpt(raw))}是约数，无法考核：请给出确定的数值（区间用 ≥、≤ 表示）`,
    en: `The target ${qe(excerpt(raw))} is approximate and cannot be assessed: give an exact number (≥ or ≤ for a bound)`,
  }),
  belowHistory: (target: Quantity, key: ValueKey, ref: Quantity, direction: Direction): Message => {
    const delta = formatDelta(target, ref);
    const below = direction === 'more';
    return {
      zh: `指标值 ${excerpt(target.raw)} ${below ? '低于' : '高于'}${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${delta.zh}）${below ? '' : '，该指标越低越好'}，备注未说明原因`,
      en: `target ${excerpt(target.raw)} is ${below ? 'below' : 'above'} ${REFERENCE_EN[key](excerpt(ref.raw))} (${delta.en})${below ? '' : ', and lower is better here'}, with no remark saying why`,
    };
  },
  farAboveHistory: (target: Quantity, key: ValueKey, ref: Quantity, factor: number): Message => {
    const times = (target.normalized / ref.normalized).toFixed(1);
    return {
      zh: `指标值 ${excerpt(target.raw)} 是${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)} 的 ${times} 倍（超过 ${factor} 倍），请核实单位和数量级`,
      en: `target ${excerpt(target.raw)} is ${times}× ${REFERENCE_EN[key](excerpt(ref.raw))} (more than ${factor}×): check the unit and magnitude`,
    };
  },
  belowStandard: (target: Quantity, key: ValueKey, ref: Quantity, direction: Direction): Message => {
    const delta = formatDelta(target, ref);
    const below = direction === 'more';
    return {
      zh: `指标值 ${excerpt(target.raw)} ${below ? '低于' : '高于'}${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${delta.zh}）${below ? '' : '，该指标越低越好'}`,
      en: `target ${excerpt(target.raw)} is ${below ? 'below' : 'above'} ${REFERENCE_EN[key](excerpt(ref.raw))} (${delta.en})${below ? '' : ', and lower is better here'}`,
    };
  },
  rateOutOfRange: (key: ValueKey, raw: string): Message => ({
    zh: `比率 ${excerpt(raw)}（${KEYWORD_BY_KEY[key].zh}）超出 0–100% 的范围`,
    en: `The rate ${excerpt(raw)} (${KEYWORD_BY_KEY[key].label.en}) lies outside 0–100%`,
  }),
  explanationRepeatsName: (): Message => ({
    zh: '指标解释与指标名称相同：请说明指标的含义和统计口径',
    en: 'The explanation repeats the indicator name: say what it means and how it is counted',
  }),
  rateWithoutFormula: (name: string, hasExplanation: boolean): Message =>
    hasExplanation
      ? {
          zh: `比率指标${q(excerpt(name))}的解释未写明计算方法（如 分子/分母×100%）`,
          en: `The explanation of the rate ${qe(excerpt(name))} does not say how it is computed (e.g. numerator/denominator×100%)`,
        }
      : {
          zh: `比率指标${q(excerpt(name))}没有解释：请写明计算方法（如 分子/分母×100%）`,
          en: `The rate ${qe(excerpt(name))} has no explanation: say how it is computed (e.g. numerator/denominator×100%)`,
        },
  duplicateName: (name: string, firstLine: number): Message => ({
    zh: `指标名称${q(excerpt(name))}重复（第 ${firstLine} 行已有同名指标）`,
    en: `Indicator name ${qe(excerpt(name))} is used twice (already on line ${firstLine})`,
  }),
  duplicateDutyNumber: (number: string, firstLine: number): Message => ({
    zh: `职责序号 ${number} 重复（第 ${firstLine} 行已使用）`,
    en: `Duty number ${number} is used twice (already on line ${firstLine})`,
  }),
  dutyNumberOutOfOrder: (number: string, previous: string): Message => ({
    zh: `职责序号 ${number} 排在 ${previous} 之后，顺序不对`,
    en: `Duty number ${number} comes after ${previous}: out of order`,
  }),
  emptyDuty: (): Message => ({
    zh: '职责下没有目标和指标',
    en: 'The duty has no objective and no indicator',
  }),
  emptyItem: (): Message => ({
    zh: '事项下没有目标和指标',
    en: 'The item has no objective and no indicator',
  }),
  emptyObjective: (): Message => ({
    zh: '目标下没有指标',
    en: 'The objective has no indicator',
  }),
  missingCategories: (missing: readonly string[]): Message => ({
    zh: `本表填写了指标类别，但没有${missing.map((m) => `${m}指标`).join('和')}`,
    en: `The table gives categories but has no ${missing.map((m) => (m === '产出' ? 'output (产出)' : 'outcome (效益)')).join(' and no ')} indicator`,
  }),
  unknownCategory: (text: string): Message => ({
    zh: `无法识别的指标类别${q(excerpt(text))}：应为 产出/数量、产出/质量、产出/时效、产出/成本、效益/经济、效益/社会、效益/生态、效益/可持续影响 或 满意度`,
    en: `Unrecognised category ${qe(excerpt(text))}: use 产出/数量, 产出/质量, 产出/时效, 产出/成本, 效益/经济, 效益/社会, 效益/生态, 效益/可持续影响 or 满意度`,
  }),
  atLeastHundred: (raw: string): Message => ({
    zh: `比率不会超过 100%，指标值${q(excerpt(raw))}实际只能是 =100%`,
    en: `A rate cannot exceed 100%, so the target ${qe(excerpt(raw))} can only mean =100%`,
  }),
};

// ---------------------------------------------------------------------------
// Settings

const SEVERITY_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/**
 * Reads rule settings as written in `.ttab/rules.json` (or the editor's settings):
 * `{ "TT109": "off", "TT111": "error", "historyFactor": 5 }`. Keeps the valid entries and
 * reports each invalid one: an unknown code or key, a bad severity, a syntax code set to
 * anything but "error" (syntax errors cannot be turned off or lowered), a bad historyFactor.
 */
export function parseRuleSettings(json: unknown): { settings: ServiceSettings; problems: Message[] } {
  const rules: Record<string, RuleSetting> = {};
  let historyFactor = DEFAULT_SETTINGS.historyFactor;
  const problems: Message[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push({
      zh: '规则设置必须是一个对象，如 { "TT109": "off" }',
      en: 'rule settings must be an object, such as { "TT109": "off" }',
    });
    return { settings: { rules, historyFactor }, problems };
  }
  let scoring: ScoringSettings | undefined;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === 'scoring') {
      const read = parseScoringSettings(value);
      scoring = read.scoring;
      problems.push(...read.problems);
      continue;
    }
    if (key === 'historyFactor') {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) historyFactor = value;
      else problems.push({ zh: '"historyFactor" 必须是正数', en: '"historyFactor" must be a positive number' });
      continue;
    }
    const rule = RULES[key];
    if (!rule) {
      problems.push({ zh: `未知的规则代码或设置 "${key}"`, en: `unknown rule code or setting "${key}"` });
      continue;
    }
    if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
      problems.push({
        zh: `"${key}" 的级别必须是 error、warning、info 或 off 之一，而不是 ${JSON.stringify(value)}`,
        en: `the severity of "${key}" must be one of error, warning, info, off, not ${JSON.stringify(value)}`,
      });
      continue;
    }
    if (rule.syntax && value !== 'error') {
      problems.push({
        zh: `"${key}" 是语法错误，不能关闭或降级`,
        en: `"${key}" is a syntax error: it cannot be turned off or lowered`,
      });
      continue;
    }
    rules[key] = value as RuleSetting;
  }
  return { settings: scoring ? { rules, historyFactor, scoring } : { rules, historyFactor }, problems };
}
