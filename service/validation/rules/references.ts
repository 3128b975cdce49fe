/**
 * The target against its references (规划值, 标准值, 前三年均值, 上年值) and
 * the references themselves: there is one, it has a source, it is in the
 * target's dimension, the target does not fall behind it.
 */
import type { Indicator, Message, Qualitative, Quantity, Value, ValueKey } from '../../../grammar/src/index';
import { KEYWORD_BY_KEY, REFERENCE_KEYS } from '../../../grammar/src/index';
import { indicatorRule, type Report } from '../define';
import { given, written, type Direction, type IndicatorFacts, type Reference } from '../facts';
import { insertData, insertFieldFix, moveInsertData } from '../fix';
import { dimensionName, excerpt, formatDelta, q, qe, REFERENCE_EN, SUBJECT_EN } from '../phrases';
import { isVague } from './wording';
import { headRange, lastLineOf } from '../places';

/** Is the target worse than the reference, the way this indicator counts? */
function worse(facts: IndicatorFacts, ref: Quantity): boolean {
  const t = facts.target!;
  return facts.direction === 'more' ? t.normalized < ref.normalized : facts.direction === 'less' ? t.normalized > ref.normalized : false;
}

function reference(facts: IndicatorFacts, key: ValueKey): Reference | undefined {
  return facts.comparable.find((r) => r.key === key);
}

/** The form's two groups of references, each with its values (in column order) and its source. */
const GROUPS = {
  standard: { values: ['plan', 'standard'], source: 'standardSource' },
  history: { values: ['historyAverage', 'lastYear'], source: 'historySource' },
} as const;
type Group = (typeof GROUPS)[keyof typeof GROUPS];

/** A group's values given without its source: reported on the later value, the fix adds the source line after the last. */
function valueWithoutSource(indicator: Indicator, group: Group, report: Report, message: (key: ValueKey, raw: string) => Message): void {
  const values = group.values.map((key) => indicator[key]).filter(given);
  if (values.length === 0 || written(indicator[group.source])) return;
  const shown = values[values.length - 1]!;
  report(headRange(shown), message(shown.key, shown.text), { data: insertData(indicator, lastLineOf(values), group.source) });
}

/** A value that is words only: no number anywhere in it. */
function isWords(v: Value): v is Qualitative {
  return v.kind === 'qualitative' && !/[0-9０-９]/.test(v.text);
}

/** 10000, 1.5, 1234.5: the ratio of two values as people say it. */
function formatTimes(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Number(x.toPrecision(3)));
}

const behind = (direction: Direction): { zh: string; en: string } =>
  direction === 'more' ? { zh: '低于', en: 'below' } : { zh: '高于', en: 'above' };

export const REFERENCES = [
  indicatorRule({
    code: 'TT105',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '参考值与指标值量纲不同', en: 'Reference value in another dimension' },
    explanation: {
      zh: '标准值、规划值和历史值须与指标值同一量纲（同为比率、次数、金额且币种相同……），否则无从对比，多半是填错了列。请核对单位。',
      en: 'Standard, planned and history values must be in the dimension of the target (all ratios, all counts, money of one currency …), or they cannot be compared; most often a value went into the wrong column. Check the units.',
    },
    messages: {
      differentDimension: (key: ValueKey, ref: Quantity, target: Quantity) => {
        const rd = dimensionName(ref);
        const td = dimensionName(target);
        return {
          zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${rd.zh}）与指标值 ${excerpt(target.raw)}（${td.zh}）量纲不同，无法比较`,
          en: `${SUBJECT_EN[key]} ${excerpt(ref.raw)} (${rd.en}) and the target ${excerpt(target.raw)} (${td.en}) are in different dimensions and cannot be compared`,
        };
      },
    },
    check({ target, otherDimension }, report, say) {
      for (const ref of otherDimension) report(ref.field.textRange, say.differentDimension(ref.key, ref.value, target!));
    },
  }),

  indicatorRule({
    code: 'TT106',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '无标准值、历史值，也无备注说明', en: 'No standard or history value, and no remark' },
    explanation: {
      zh: '目标表要求每个指标给出参考值（标准值或历史值）；两者均无时，表头要求在备注中说明原因。请补充参考值，或在「备注」中写明原因。',
      en: 'The form asks every indicator for a reference (a standard or a history value); where there is neither, its header demands the reason in 备注. Add a reference value, or write the reason in a 备注 (remark) line.',
    },
    messages: {
      noReference: (name: string) => ({
        zh: `指标${q(excerpt(name))}既无标准值（规划值/标准值）也无历史值（前三年均值/上年值），须在备注中说明原因`,
        en: `Indicator ${qe(excerpt(name))} has neither a standard value (规划值/标准值) nor a history value (前三年均值/上年值): give the reason in 备注 (remark)`,
      }),
    },
    check({ indicator, name, nameRange, hasStandard, hasHistory, hasRemark }, report, say) {
      if (hasStandard || hasHistory || hasRemark) return;
      const last = Math.max(indicator.name.range.end.line, lastLineOf(indicator.fields));
      report(nameRange, say.noReference(name), { data: insertData(indicator, last, 'remark') });
    },
    fixes: insertFieldFix,
    moveData: moveInsertData,
  }),

  indicatorRule({
    code: 'TT107',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '标准值缺少来源', en: 'Standard value without a source' },
    explanation: {
      zh: '标准值须注明出处（规划目标、行业标准或其他明确标准），审核时才能核实。请在「标准来源」中写明，如 年度工作计划、行业标准。',
      en: 'A standard value names where it comes from (a plan, an industry standard or another explicit standard) so a reviewer can verify it. Write it in 标准来源, e.g. 年度工作计划 or 行业标准.',
    },
    messages: {
      noStandardSource: (key: ValueKey, raw: string) => ({
        zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(raw)} 未注明标准来源`,
        en: `${SUBJECT_EN[key]} ${excerpt(raw)} has no source (标准来源)`,
      }),
    },
    check({ indicator }, report, say) {
      valueWithoutSource(indicator, GROUPS.standard, report, say.noStandardSource);
    },
    fixes: insertFieldFix,
    moveData: moveInsertData,
  }),

  indicatorRule({
    code: 'TT108',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '历史值缺少来源', en: 'History value without a source' },
    explanation: {
      zh: '历史值须注明来源（统计年鉴、统计公报、内部统计等）。请在「历史来源」中写明。',
      en: 'A history value names its source (统计年鉴, 统计公报, 内部统计 …). Write it in 历史来源.',
    },
    messages: {
      noHistorySource: (key: ValueKey, raw: string) => ({
        zh: `${KEYWORD_BY_KEY[key].zh} ${excerpt(raw)} 未注明历史来源`,
        en: `${SUBJECT_EN[key]} ${excerpt(raw)} has no source (历史来源)`,
      }),
    },
    check({ indicator }, report, say) {
      valueWithoutSource(indicator, GROUPS.history, report, say.noHistorySource);
    },
    fixes: insertFieldFix,
    moveData: moveInsertData,
  }),

  indicatorRule({
    code: 'TT111',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值低于历史水平', en: 'Target below history' },
    explanation: {
      zh: '绩效目标一般不应低于上年值或前三年均值（对越低越好的指标，如投诉率、成本，则不应高于）。若确有原因，请在备注中说明。',
      en: "A target should not fall behind last year's value or the 3-year average (nor rise above it where lower is better, as for complaint rates or costs). If there is a reason, give it in 备注 (remark).",
    },
    messages: {
      belowHistory: (target: Quantity, key: ValueKey, ref: Quantity, direction: Direction) => {
        const delta = formatDelta(target, ref);
        const word = behind(direction);
        const lower = direction === 'less';
        return {
          zh: `指标值 ${excerpt(target.raw)} ${word.zh}${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${delta.zh}）${lower ? '，该指标越低越好' : ''}，备注未说明原因`,
          en: `target ${excerpt(target.raw)} is ${word.en} ${REFERENCE_EN[key](excerpt(ref.raw))} (${delta.en})${lower ? ', and lower is better here' : ''}, with no remark saying why`,
        };
      },
    },
    // Reported once: last year before the 3-year average.
    check(facts, report, say) {
      const { target, direction, hasRemark, indicator } = facts;
      if (!target || !direction || hasRemark) return;
      const lastYear = reference(facts, 'lastYear');
      const average = reference(facts, 'historyAverage');
      const ref = lastYear && worse(facts, lastYear.value) ? lastYear : average && worse(facts, average.value) ? average : undefined;
      if (ref) report(indicator.target!.textRange, say.belowHistory(target, ref.key, ref.value, direction));
    },
  }),

  indicatorRule({
    code: 'TT112',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '指标值远高于历史水平', en: 'Target far above history' },
    explanation: {
      zh: '指标值超过历史值的若干倍（默认 3 倍，可用 historyFactor 设置），可能是单位或数量级写错了。请核实。',
      en: 'The target is many times its history (3× by default, set with historyFactor): perhaps a wrong unit or magnitude. Check it.',
    },
    messages: {
      farAboveHistory: (target: Quantity, key: ValueKey, ref: Quantity, factor: number) => {
        const times = (target.normalized / ref.normalized).toFixed(1);
        return {
          zh: `指标值 ${excerpt(target.raw)} 是${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)} 的 ${times} 倍（超过 ${factor} 倍），请核实单位和数量级`,
          en: `target ${excerpt(target.raw)} is ${times}× ${REFERENCE_EN[key](excerpt(ref.raw))} (more than ${factor}×): check the unit and magnitude`,
        };
      },
    },
    // Against the higher of last year and the 3-year average.
    check(facts, report, say) {
      const { target, direction, rc, indicator } = facts;
      if (!target || direction === 'less') return;
      const lastYear = reference(facts, 'lastYear');
      const average = reference(facts, 'historyAverage');
      const highest = lastYear && average ? (average.value.normalized > lastYear.value.normalized ? average : lastYear) : (lastYear ?? average);
      if (highest && highest.value.normalized > 0 && target.normalized > rc.historyFactor * highest.value.normalized) {
        report(indicator.target!.textRange, say.farAboveHistory(target, highest.key, highest.value, rc.historyFactor));
      }
    },
  }),

  indicatorRule({
    code: 'TT113',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值低于规划值或标准值', en: 'Target below the plan or standard' },
    explanation: {
      zh: '年度指标值低于规划值或当年标准值（越低越好的指标则为高于），目标达不到标准。请核对指标值或参考值。',
      en: 'The annual target is below the planned or standard value (above it, where lower is better), so meeting the target would miss the standard. Check the target or the reference.',
    },
    messages: {
      belowStandard: (target: Quantity, key: ValueKey, ref: Quantity, direction: Direction) => {
        const delta = formatDelta(target, ref);
        const word = behind(direction);
        const lower = direction === 'less';
        return {
          zh: `指标值 ${excerpt(target.raw)} ${word.zh}${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)}（${delta.zh}）${lower ? '，该指标越低越好' : ''}`,
          en: `target ${excerpt(target.raw)} is ${word.en} ${REFERENCE_EN[key](excerpt(ref.raw))} (${delta.en})${lower ? ', and lower is better here' : ''}`,
        };
      },
    },
    // Reported once: the standard before the plan.
    check(facts, report, say) {
      const { target, direction, indicator } = facts;
      if (!target || !direction) return;
      const standard = reference(facts, 'standard');
      const plan = reference(facts, 'plan');
      const ref = standard && worse(facts, standard.value) ? standard : plan && worse(facts, plan.value) ? plan : undefined;
      if (ref) report(indicator.target!.textRange, say.belowStandard(target, ref.key, ref.value, direction));
    },
  }),
  indicatorRule({
    code: 'TT125',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '疑似数量级错误', en: 'Likely a slip of magnitude' },
    explanation: {
      zh: '指标值与参考值相差 100 倍以上（如 921万元 与 921元、1.2亿美元 与 1.2万美元），多半是「万」「亿」「元」写错了，而不是真实的计划。无论高低、无论该指标是否越低越好，都请核对单位和数量级。',
      en: 'The target and a reference are 100× or more apart (921万元 against 921元, 1.2亿美元 against 1.2万美元): most likely 万, 亿 or 元 was written wrong, not a real plan. Whichever is higher, and whether or not lower is better, check the unit and magnitude.',
    },
    messages: {
      slip: (target: Quantity, key: ValueKey, ref: Quantity) => {
        const ratio = target.normalized / ref.normalized;
        const times = ratio >= 1 ? `${formatTimes(ratio)} 倍` : `1/${formatTimes(1 / ratio)}`;
        const timesEn = ratio >= 1 ? `${formatTimes(ratio)}×` : `1/${formatTimes(1 / ratio)}`;
        return {
          zh: `指标值 ${excerpt(target.raw)} 是${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)} 的 ${times}，相差 100 倍以上，疑似「万」「亿」「元」写错：请核对单位和数量级`,
          en: `target ${excerpt(target.raw)} is ${timesEn} ${REFERENCE_EN[key](excerpt(ref.raw))}, 100× or more apart: likely a 万/亿/元 slip, check the unit and magnitude`,
        };
      },
    },
    check({ target, magnitudeSlips, indicator }, report, say) {
      const ref = magnitudeSlips[0];
      if (target && ref) report(indicator.target!.textRange, say.slip(target, ref.key, ref.value));
    },
  }),

  indicatorRule({
    code: 'TT127',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值与参考值一个是文字一个是数值', en: 'Target and reference: one words, the other a number' },
    explanation: {
      zh: '参考值是数值（如 标准值 4次），指标值却是文字（如「完成」「按计划推进」）；或者反过来，指标值是数值而参考值是文字（如 标准值「规划目标」，这其实是来源）。两者无法对照，年底无从判断是否达成。请把两者都写成同单位的数值，文字说明写入解释，来源写入标准来源或历史来源。',
      en: 'The references are numbers (标准值 4次) but the target is words (完成, 按计划推进); or the other way round, the target is a number and a reference is words (标准值 规划目标, which is a source). They cannot be set against each other, so nobody can tell at the end of the year whether the target was met. Write both as numbers in one unit; put words in the explanation and sources in 标准来源 or 历史来源.',
    },
    messages: {
      textTarget: (text: string, key: ValueKey, ref: Quantity) => ({
        zh: `指标值${q(excerpt(text))}是文字，而${KEYWORD_BY_KEY[key].zh} ${excerpt(ref.raw)} 是数值：请把指标值写成可与之比较的数值（如 ${excerpt(ref.raw)}）`,
        en: `The target ${qe(excerpt(text))} is words while ${REFERENCE_EN[key](excerpt(ref.raw))} is a number: write the target as a number that compares with it (e.g. ${excerpt(ref.raw)})`,
      }),
      textReference: (key: ValueKey, text: string, target: Quantity) => ({
        zh: `${KEYWORD_BY_KEY[key].zh}${q(excerpt(text))}是文字，而指标值 ${excerpt(target.raw)} 是数值：参考值请填数值（如 ${excerpt(target.raw)}）；来源写在${KEYWORD_BY_KEY[key === 'plan' || key === 'standard' ? 'standardSource' : 'historySource'].zh}`,
        en: `${SUBJECT_EN[key]} ${qe(excerpt(text))} is words while the target ${excerpt(target.raw)} is a number: give the reference as a number (e.g. ${excerpt(target.raw)}); a source goes in ${KEYWORD_BY_KEY[key === 'plan' || key === 'standard' ? 'standardSource' : 'historySource'].zh}`,
      }),
    },
    check({ indicator, references, target }, report, say) {
      const field = indicator.target;
      const t = field?.value;
      const ref = references[0];
      // Words only: a text with a number in it is a labelled quantity or a phrase TT109/TT126 speak about.
      if (field && ref && t && isWords(t) && !isVague(t.text)) report(field.textRange, say.textTarget(t.text, ref.key, ref.field.value as Quantity));
      if (!target) return;
      for (const key of REFERENCE_KEYS) {
        const v = indicator[key]?.value;
        if (v && isWords(v)) report(indicator[key]!.textRange, say.textReference(key, v.text, target));
      }
    },
  }),

  indicatorRule({
    code: 'TT128',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '有来源而无参考值', en: 'Source without its value' },
    explanation: {
      zh: '写了标准来源却没有标准值（规划值/标准值），或写了历史来源却没有历史值（前三年均值/上年值）：来源说明的是一个没有填写的数。请补上来源所对应的数值；确实没有时删去来源，并在备注中说明原因。',
      en: 'A 标准来源 with no standard value (规划值/标准值), or a 历史来源 with no history value (前三年均值/上年值): the source names a figure that is not there. Add the value the source gives; if there is none, remove the source and say why in 备注.',
    },
    messages: {
      sourceWithoutValue: (source: string, values: readonly string[]) => ({
        zh: `写了${source}，却没有${values.join('或')}：请补上该来源对应的数值`,
        en: `${source} is given but no ${values.join(' or ')}: add the value this source gives`,
      }),
    },
    check({ indicator }, report, say) {
      for (const group of [GROUPS.standard, GROUPS.history]) {
        const source = indicator[group.source];
        if (!source || !written(source) || group.values.some((key) => given(indicator[key]))) continue;
        report(headRange(source), say.sourceWithoutValue(KEYWORD_BY_KEY[group.source].zh, group.values.map((key) => KEYWORD_BY_KEY[key].zh)));
      }
    },
  }),
];
