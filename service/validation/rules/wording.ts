/**
 * What the words say: a target that can be assessed, an explanation that
 * explains, a rate that gives its formula.
 */
import { indicatorRule } from '../define';
import { includesAny, isRate, written } from '../facts';
import { excerpt, q, qe } from '../phrases';
import { textOrKeyword } from '../places';
import { FORMULA_MARKS, VAGUE_ADVERBS, VAGUE_TARGETS, VAGUE_VERBS } from '../words';

/** Compactly: the text without whitespace and closing punctuation. */
function compact(text: string): string {
  return text.replace(/[\s。；;，,、！!]+/g, '');
}

const VAGUE_SET = new Set(VAGUE_TARGETS);
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** Adverbs then verbs and nothing else ('进一步有效提升'); anchored, short alternations, no nested repetition of overlapping parts. */
const VAGUE_PATTERN = new RegExp(`^(?:${alternation(VAGUE_ADVERBS)})*(?:${alternation(VAGUE_VERBS)})+$`);

export function isVague(text: string): boolean {
  const t = compact(text);
  return t.length > 0 && t.length <= 16 && (VAGUE_SET.has(t) || VAGUE_PATTERN.test(t));
}

export const WORDING = [
  indicatorRule({
    code: 'TT109',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值表述笼统', en: 'Vague target' },
    explanation: {
      zh: '「有效加强」「明显提升」「进一步完善」之类的表述无法考核。请改为可衡量的数值（如 ≥95%、12次），或写明完成的具体标准。',
      en: 'Targets such as 有效加强 (effectively strengthen) or 明显提升 (clearly improve) cannot be assessed. Give a measurable value (≥95%, 12次) or state the concrete result that counts as done.',
    },
    messages: {
      vague: (text: string) => ({
        zh: `指标值${q(excerpt(text))}表述笼统，无法考核：请改为可衡量的数值或明确的完成标准`,
        en: `The target ${qe(excerpt(text))} is vague and cannot be assessed: give a measurable value or a concrete result`,
      }),
    },
    check({ indicator }, report, say) {
      const target = indicator.target;
      const t = target?.value;
      if (target && t?.kind === 'qualitative' && isVague(t.text)) report(target.textRange, say.vague(t.text));
    },
  }),

  indicatorRule({
    code: 'TT115',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '指标解释与名称相同', en: 'Explanation repeats the name' },
    explanation: {
      zh: '指标解释应说明指标的含义和统计口径，照抄名称没有提供信息。请写明如何统计。',
      en: 'The explanation says what the indicator means and how it is counted; repeating the name says nothing. Describe how it is counted.',
    },
    messages: {
      explanationRepeatsName: () => ({
        zh: '指标解释与指标名称相同：请说明指标的含义和统计口径',
        en: 'The explanation repeats the indicator name: say what it means and how it is counted',
      }),
    },
    check({ indicator, name }, report, say) {
      const explanation = indicator.explanation;
      if (explanation && name !== '' && compact(explanation.text) === compact(name)) {
        report(textOrKeyword(explanation), say.explanationRepeatsName());
      }
    },
  }),

  indicatorRule({
    code: 'TT116',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '比率指标未说明计算方法', en: 'Rate without its formula' },
    explanation: {
      zh: '比率类指标的解释应写明计算公式（分子/分母），如「按时办结件数/受理件数×100%」，否则口径不明，无法复核。',
      en: 'The explanation of a rate gives its formula (numerator/denominator), e.g. 按时办结件数/受理件数×100%; otherwise nobody can recompute it.',
    },
    messages: {
      rateWithoutFormula: (name: string, hasExplanation: boolean) =>
        hasExplanation
          ? {
              zh: `比率指标${q(excerpt(name))}的解释未写明计算方法（如 分子/分母×100%）`,
              en: `The explanation of the rate ${qe(excerpt(name))} does not say how it is computed (e.g. numerator/denominator×100%)`,
            }
          : {
              zh: `比率指标${q(excerpt(name))}没有解释：请写明计算方法（如 分子/分母×100%）`,
              en: `The rate ${qe(excerpt(name))} has no explanation: say how it is computed (e.g. numerator/denominator×100%)`,
            },
    },
    check({ indicator, name, nameRange }, report, say) {
      const explanation = indicator.explanation;
      if (name === '' || !isRate(indicator) || (explanation && includesAny(explanation.text, FORMULA_MARKS))) return;
      const explained = written(explanation);
      report(explanation && explained ? textOrKeyword(explanation) : nameRange, say.rateWithoutFormula(name, explained));
    },
  }),
];
