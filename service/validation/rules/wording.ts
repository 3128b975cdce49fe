/**
 * What the words say: a target that can be assessed, an explanation that
 * explains, a rate that gives its formula.
 */
import { indicatorRule } from '../define';
import { includesAny, includesWord, isRate, written } from '../facts';
import { excerpt, q, qe } from '../phrases';
import { textOrKeyword } from '../places';
import { ACTION_VERBS, DELIVERABLE_VERBS, FORMULA_MARKS, MEASURABLE_WORDS, VAGUE_ADVERBS, VAGUE_OUTCOMES, VAGUE_TARGETS, VAGUE_VERBS } from '../words';

/** Whitespace and closing punctuation, which a compact text leaves out. */
const SEPARATORS = '[\\s。；;，,、！!]';
const SEPARATOR = new RegExp(SEPARATORS);
const SEPARATOR_RUNS = new RegExp(`${SEPARATORS}+`, 'g');

/** Compactly: the text without whitespace and closing punctuation. */
function compact(text: string): string {
  return text.replace(SEPARATOR_RUNS, '');
}

function isSeparator(code: number): boolean {
  return SEPARATOR.test(String.fromCharCode(code));
}

/** compact(a) === compact(b), reading the texts only as far as they agree (an explanation continued over thousands of lines is not copied). */
function sameCompact(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
  }
}

const VAGUE_SET = new Set(VAGUE_TARGETS);
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** Adverbs then verbs and nothing else ('进一步有效提升'); anchored, short alternations, no nested repetition of overlapping parts. */
const VAGUE_PATTERN = new RegExp(`^(?:${alternation(VAGUE_ADVERBS)})*(?:${alternation(VAGUE_VERBS)})+$`);

/** A count in Chinese numerals (两次, 三个) is measurable. */
const CHINESE_COUNT = /[一二两三四五六七八九十百千][个次场期项人件家批篇份名处]/;

/** One clause (between commas) says only that something will be done: an action verb or a vague outcome, nothing checkable. */
function vagueClause(clause: string): boolean {
  if (includesAny(clause, MEASURABLE_WORDS) || includesAny(clause, DELIVERABLE_VERBS) || CHINESE_COUNT.test(clause)) return false;
  return VAGUE_SET.has(clause) || includesAny(clause, ACTION_VERBS) || includesAny(clause, VAGUE_OUTCOMES);
}

/**
 * A target nobody can assess: no number, and every clause an action without a measure
 * (进一步加强宣传引导工作, 全面优化服务流程,切实提高效率), whatever its length. A clause naming a
 * concrete deliverable (完成示范点建设, 多评合一) or a threshold (零事故, 按期) makes it assessable.
 */
export function isVague(text: string): boolean {
  const t = compact(text);
  if (t.length === 0 || /[0-9０-９]/.test(t)) return false;
  if (VAGUE_SET.has(t) || VAGUE_PATTERN.test(t)) return true;
  const clauses = text.split(/[\s。；;，,、！!：:]+/).filter((c) => c !== '');
  return clauses.length > 0 && clauses.every(vagueClause);
}

export const WORDING = [
  indicatorRule({
    code: 'TT109',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '指标值表述笼统', en: 'Vague target' },
    explanation: {
      zh: '只说要做什么、没有数值也没有可核验结果的指标值（「有效加强」「进一步加强宣传引导工作」「全面优化服务流程,切实提高效率」）无法考核，无论写多长。请改为可衡量的数值（如 ≥95%、12次），或写明完成的具体成果（如 完成示范点建设）。',
      en: 'A target that only says what will be done, with no number and no checkable result (有效加强, 进一步加强宣传引导工作, 全面优化服务流程,切实提高效率), cannot be assessed, however long it is. Give a measurable value (≥95%, 12次) or name the concrete result that counts as done (完成示范点建设).',
    },
    messages: {
      vague: (text: string) => ({
        zh: `指标值${q(excerpt(text))}表述笼统，无法考核：请改为可衡量的数值（如 ≥95%、12次）或写明完成的具体成果`,
        en: `The target ${qe(excerpt(text))} is vague and cannot be assessed: give a measurable value (≥95%, 12次) or the concrete result that counts as done`,
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
      if (explanation && name !== '' && sameCompact(explanation.text, name)) {
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
      zh: '比率类指标的解释应写明计算公式（分子/分母），如「按时办结件数/受理件数×100%」，否则口径不明，无法复核。公式看 /、÷、×、=、比例、占、计算 这些词（按词而不是按字：「计算机」「比较」「占地」不算）。',
      en: 'The explanation of a rate gives its formula (numerator/denominator), e.g. 按时办结件数/受理件数×100%; otherwise nobody can recompute it. A formula shows in words such as /, ÷, ×, =, 比例, 占, 计算 (as words, not characters: 计算机, 比较, 占地 do not count).',
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
      if (name === '' || !isRate(indicator) || (explanation && includesWord(explanation.text, FORMULA_MARKS))) return;
      const explained = written(explanation);
      report(explanation && explained ? textOrKeyword(explanation) : nameRange, say.rateWithoutFormula(name, explained));
    },
  }),
];
