/**
 * Words the features share about values: what a comparator means, how a
 * dimension is named, in which order a target is compared with its
 * references. (The short name of each field is the `label` column of the
 * keyword table, grammar/src/keywords.ts.)
 */
import { DIMENSION_NAMES, type Comparator, type Dimension, type ValueKey } from '../grammar/src/index';
import { localize, type Locale } from './context';

type Text = { zh: string; en: string };

/** '金额（CNY）' / 'money (CNY)': a unit's dimension, with the currency for money. Also used by completion. */
export function dimensionLabel(dimension: Dimension, currency: string | null | undefined, locale: Locale): string {
  const name = localize(DIMENSION_NAMES[dimension], locale);
  if (!currency) return name;
  return locale === 'zh' ? `${name}（${currency}）` : `${name} (${currency})`;
}

/** What each comparator means (Civil Code art. 1259: 以上/以下/以内 include the number). Also used by completion. */
export const COMPARATOR_MEANING: Record<Comparator, Text> = {
  '≥': { zh: '不低于，含本数', en: 'at least, inclusive' },
  '≤': { zh: '不超过，含本数', en: 'at most, inclusive' },
  '>': { zh: '高于，不含本数', en: 'more than, exclusive' },
  '<': { zh: '低于，不含本数', en: 'less than, exclusive' },
  '=': { zh: '等于', en: 'exactly' },
};

/** The order in which hover and the semantic diff compare a target with its references: the plan, the standard, then history nearest first. */
export const COMPARISON_ORDER: readonly Exclude<ValueKey, 'target'>[] = ['plan', 'standard', 'lastYear', 'historyAverage'];

/** '3 个指标' / '1 indicator' / '3 indicators'. */
export function indicatorCount(n: number, locale: Locale): string {
  return localize({ zh: `${n} 个指标`, en: n === 1 ? '1 indicator' : `${n} indicators` }, locale);
}
