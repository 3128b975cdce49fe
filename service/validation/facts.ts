/**
 * What the indicator rules read, worked out once per indicator: whether it
 * has references and a remark, the target as a quantity, which references
 * can be compared with it, and whether more or less is better. Rules stay
 * small and agree with each other because they read the same facts.
 */
import type { Field, Indicator, Quantity, Range, UnitCatalog, ValueField, ValueKey } from '../../grammar/src/index';
import { comparable, isQuantity, parseValue, REFERENCE_KEYS } from '../../grammar/src/index';
import { textOrKeyword } from './places';
import { DURATION_WORDS, GROWTH_WORDS, LESS_IS_BETTER_WORDS } from './words';

export type Direction = 'more' | 'less';

/** What the per-duty rules read besides the tree. */
export interface RuleContext {
  units: UnitCatalog;
  historyFactor: number;
}

export interface Reference {
  key: Exclude<ValueKey, 'target'>;
  field: ValueField;
  value: Quantity;
}

export interface IndicatorFacts {
  indicator: Indicator;
  rc: RuleContext;
  /** The name as written, and where a finding about the indicator as a whole goes. */
  name: string;
  nameRange: Range;
  /** A plan or standard value, a 3-year average or last year's value is given (not `/` or `无`). */
  hasStandard: boolean;
  hasHistory: boolean;
  /** A 备注 that says something. */
  hasRemark: boolean;
  /** A growth rate (增长, 增速, 增幅): may pass 100% or fall below 0. */
  growth: boolean;
  /** The target when it is a quantity whose unit is known (or that has none). */
  target: Quantity | undefined;
  /** The references in the target's dimension (and currency, and count unit), in the form's column order. */
  comparable: Reference[];
  /** The references in another dimension or currency than the target. */
  otherDimension: Reference[];
  /** Whether a higher target is better, for the comparisons; null when nothing says. */
  direction: Direction | null;
}

/** A value field that holds something (not left out, not `/` or `无`). */
export function given(field: ValueField | undefined): field is ValueField {
  return field !== undefined && field.value.kind !== 'none';
}

/** A text field with content: `/`, `无`, `-` and an empty line say nothing (the none forms of values, all short). */
export function written(field: Field | undefined): boolean {
  return field !== undefined && field.text !== '' && (field.text.length > 4 || parseValue(field.text).kind !== 'none');
}

export function includesAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}

/** A share of a whole (%, ‰), not a change in points. */
export function isPercent(q: Quantity): boolean {
  return q.dimension === 'ratio' && q.unit !== null && !q.unit.includes('百分点');
}

/** Is the indicator a rate: 率 or 满意度 in its name, or a target in % / ‰. */
export function isRate(indicator: Indicator): boolean {
  const name = indicator.name.text;
  if (name.includes('率') || name.includes('满意度')) return true;
  const target = indicator.target?.value;
  return isQuantity(target) && isPercent(target);
}

/**
 * Whether more or less is better: the name's words (投诉率, 成本, 降低 …, a duration), then the
 * comparator the author wrote (≥ / ≤), then rates and amounts (more); null for a duration
 * nothing speaks about.
 */
export function direction(indicator: Indicator, target: Quantity): Direction | null {
  const name = indicator.name.text;
  if (includesAny(name, LESS_IS_BETTER_WORDS)) return 'less';
  if (target.dimension === 'time' && includesAny(name, DURATION_WORDS)) return 'less';
  if (target.comparator === '≤' || target.comparator === '<') return 'less';
  if (target.comparator === '≥' || target.comparator === '>') return 'more';
  if (name.includes('率') || name.includes('满意度')) return 'more';
  if (indicator.explanation && includesAny(indicator.explanation.text, LESS_IS_BETTER_WORDS)) return 'less';
  return target.dimension === 'time' ? null : 'more';
}

/** Different dimensions, or money of different currencies (unitless numbers and count units are not dimensions apart). */
export function otherDimension(a: Quantity, b: Quantity): boolean {
  if (a.dimension === null || b.dimension === null) return false;
  if (a.dimension !== b.dimension) return true;
  return a.dimension === 'money' && a.currency !== b.currency;
}

export function indicatorFacts(indicator: Indicator, rc: RuleContext): IndicatorFacts {
  const t = indicator.target?.value;
  const target = t && t.kind === 'quantity' && t.unitKnown ? t : undefined;
  const comparableRefs: Reference[] = [];
  const otherRefs: Reference[] = [];
  if (target) {
    for (const key of REFERENCE_KEYS) {
      const field = indicator[key];
      const v = field?.value;
      if (!field || !isQuantity(v) || !v.unitKnown) continue;
      if (comparable(target, v)) comparableRefs.push({ key, field, value: v });
      else if (otherDimension(target, v)) otherRefs.push({ key, field, value: v });
    }
  }
  return {
    indicator,
    rc,
    name: indicator.name.text,
    nameRange: textOrKeyword(indicator.name),
    hasStandard: given(indicator.plan) || given(indicator.standard),
    hasHistory: given(indicator.historyAverage) || given(indicator.lastYear),
    hasRemark: written(indicator.remark),
    growth: includesAny(indicator.name.text, GROWTH_WORDS),
    target,
    comparable: comparableRefs,
    otherDimension: otherRefs,
    direction: target ? direction(indicator, target) : null,
  };
}
