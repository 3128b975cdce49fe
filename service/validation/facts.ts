/**
 * What the indicator rules read, worked out once per indicator: whether it
 * has references and a remark, the target as a quantity, which references
 * can be compared with it, and whether more or less is better. Rules stay
 * small and agree with each other because they read the same facts.
 */
import type { Comment, Field, Indicator, Quantity, Range, ReferenceKey, UnitCatalog, ValueField, ValueKey } from '../../grammar/src/index';
import { comparable, escapeRegExp, isQuantity, parseValue, REFERENCE_KEYS } from '../../grammar/src/index';
import { DEFAULT_SCORING, type ScoringSettings } from '../scoringSettings';
import { textOrKeyword } from './places';
import { CHANGE_WORDS, DURATION_WORDS, GROWTH_WORDS, LESS_IS_BETTER_WORDS, type Word } from './words';

export type Direction = 'more' | 'less';

/** What the per-duty rules read besides the tree. */
export interface RuleContext {
  units: UnitCatalog;
  historyFactor: number;
  /** Weights, bands and thresholds of the self-evaluation and the monitoring (the TT2xx rules). */
  scoring: ScoringSettings;
  /** The table's comments, by line (TT208 reads the review marks above a target); absent where no table is checked. */
  comments?: readonly Comment[];
}

export interface Reference {
  key: ReferenceKey;
  field: ValueField;
  /** As compared: the value written, or a number without unit read in the expected unit. */
  value: Quantity;
  /** The value is a number written without its unit, read in the expected unit. */
  assumedUnit: boolean;
}

/** The unit a number written without one should carry, and where it was read. */
export interface ExpectedUnit {
  /** The catalog unit as the value wrote it ('平方米', '万元', '%'). */
  unit: string;
  /** The magnitude written before it ('万' of '15万平方米'), or null. */
  magnitude: string | null;
  from: ValueKey;
}

/** How the target's quantity was read. */
export type TargetReading = 'quantity' | 'labelled' | 'assumedUnit';

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
  /**
   * The target as a quantity to compare: the quantity written (its unit known, or none), the
   * quantity a label ends in (资金支付进度≥60%), or a number written without its unit read in the
   * references' unit.
   */
  target: Quantity | undefined;
  targetReading: TargetReading | undefined;
  /** The target says by how much something changes (同比增长15%), not its level: not compared with levels. */
  change: boolean;
  /** The unit a number written without one should carry: the target's, else the references' when they agree. */
  expectedUnit: ExpectedUnit | undefined;
  /** The references that are quantities, as compared, in the form's column order. */
  references: Reference[];
  /** The references the target can be compared with: same dimension (and currency, count unit), no magnitude slip. */
  comparable: Reference[];
  /** The references in another dimension or currency than the target. */
  otherDimension: Reference[];
  /** The references 100× or more away from the target: a 万/亿/元 slip on one side. */
  magnitudeSlips: Reference[];
  /** Whether a higher target is better, for the comparisons; null when nothing says. */
  direction: Direction | null;
}

/** A value 100× or more away from another is read as a slip of magnitude (万, 亿, 元), not as a plan. */
export const MAGNITUDE_SLIP = 100;

/** A value field that holds something (not left out, not `/` or `无`). */
export function given(field: ValueField | undefined): field is ValueField {
  return field !== undefined && field.value.kind !== 'none';
}

/** A text field with content: `/`, `无`, `-` and an empty line say nothing (the none forms of values, all short). */
export function written(field: Field | undefined): boolean {
  return field !== undefined && field.text !== '' && (field.text.length > 4 || parseValue(field.text).kind !== 'none');
}

/** One pattern per list of words: a long text (a field continued over thousands of lines) is read once, not once per word. */
const ANY_OF = new WeakMap<readonly string[], RegExp>();

export function includesAny(text: string, words: readonly string[]): boolean {
  let pattern = ANY_OF.get(words);
  if (!pattern) ANY_OF.set(words, (pattern = new RegExp(words.map(escapeRegExp).join('|'))));
  return words.length > 0 && pattern.test(text);
}

/** The text has one of the words as itself, not inside a longer word it excludes (计算, not 计算机). */
export function includesWord(text: string, words: readonly Word[]): boolean {
  return words.some(({ word, not }) => {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (!not || !not.some((longer) => text.startsWith(longer, i - longer.indexOf(word)) && i >= longer.indexOf(word))) return true;
    }
    return false;
  });
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
 * Whether more or less is better: the name's words (投诉率, 成本, 降低 …, a duration; but a
 * target of 100% there is a completion rate), then the comparator the author wrote (≥ / ≤), then
 * rates and amounts (more); null for a duration nothing speaks about.
 */
export function direction(indicator: Indicator, target: Quantity): Direction | null {
  const name = indicator.name.text;
  // 100% is no goal for a rate of what should be low: it counts what was done (降低财务风险率 100%, 成本控制率 100%).
  const completion = isPercent(target) && target.normalized === 100 && target.comparator !== '≤' && target.comparator !== '<';
  if (includesAny(name, LESS_IS_BETTER_WORDS)) return completion ? 'more' : 'less';
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

/** Where the number of a quantity ends in its raw text (after the digits, before any magnitude). */
function numberEnd(v: Quantity): number {
  const at = v.raw.indexOf(v.numberText);
  return at < 0 ? -1 : at + v.numberText.length;
}

const MAGNITUDE_PREFIX = /^(?:万亿|百万|千万|千|万|亿)/;

/**
 * The unit text that makes a number without unit read in the expected unit, and where it goes
 * (an offset in the value's raw text): after the magnitude when the number has one ('3万' + '元'),
 * else after the number ('13' + '万平方米'). null when the value has a unit or no such text reads.
 */
export function unitInsertion(v: Quantity, expected: ExpectedUnit, units: UnitCatalog): { text: string; at: number } | null {
  if (v.unit !== null) return null;
  let text = `${expected.magnitude ?? ''}${expected.unit}`;
  if (v.magnitude !== null) {
    text = expected.unit.replace(MAGNITUDE_PREFIX, '');
    if (text === expected.unit && expected.magnitude === null && MAGNITUDE_PREFIX.test(expected.unit)) return null;
    if (!units.lookup(text)) return null;
  }
  const at = v.unitRange ? v.unitRange.end : numberEnd(v);
  return at < 0 ? null : { text, at };
}

/** The value read with the expected unit; undefined when that does not read as a quantity of a known unit. */
function withExpectedUnit(v: Quantity, expected: ExpectedUnit, units: UnitCatalog): Quantity | undefined {
  const insertion = unitInsertion(v, expected, units);
  if (!insertion) return undefined;
  const read = parseValue(`${v.raw.slice(0, insertion.at)}${insertion.text}${v.raw.slice(insertion.at)}`, units);
  return read.kind === 'quantity' && read.unitKnown && read.unit !== null ? read : undefined;
}

function expectedFrom(v: Quantity, key: ValueKey): ExpectedUnit | undefined {
  if (v.unit === null || !v.unitKnown || v.per !== undefined) return undefined;
  return { unit: v.unit, magnitude: v.magnitude, from: key };
}

/** The target's unit, else the unit of the references that have one, when they all share its dimension. */
function expectedUnit(target: Quantity | undefined, references: readonly { key: ValueKey; value: Quantity }[]): ExpectedUnit | undefined {
  const own = target && expectedFrom(target, 'target');
  if (own) return own;
  const withUnit = references.filter((r) => r.value.unit !== null && r.value.unitKnown);
  const first = withUnit[0];
  if (!first || withUnit.some((r) => !comparable(r.value, first.value) && otherDimension(r.value, first.value))) return undefined;
  return expectedFrom(first.value, first.key);
}

/** The target as written, or the quantity its label ends in. */
function writtenTarget(indicator: Indicator): { value: Quantity; reading: TargetReading; label?: string } | undefined {
  const t = indicator.target?.value;
  if (t?.kind === 'quantity') return t.unitKnown ? { value: t, reading: 'quantity' } : undefined;
  if (t?.kind === 'qualitative' && t.labelled && t.labelled.quantity.unitKnown) return { value: t.labelled.quantity, reading: 'labelled', label: t.labelled.label };
  return undefined;
}

function isSlip(a: Quantity, b: Quantity): boolean {
  const [x, y] = [Math.abs(a.normalized), Math.abs(b.normalized)];
  return x > 0 && y > 0 && Math.max(x, y) >= MAGNITUDE_SLIP * Math.min(x, y);
}

export function indicatorFacts(indicator: Indicator, rc: RuleContext): IndicatorFacts {
  const quantities: { key: ReferenceKey; field: ValueField; value: Quantity }[] = [];
  for (const key of REFERENCE_KEYS) {
    const field = indicator[key];
    const v = field?.value;
    if (field && isQuantity(v) && v.unitKnown) quantities.push({ key, field, value: v });
  }
  const shown = writtenTarget(indicator);
  const expected = expectedUnit(shown?.value, quantities);
  let target = shown?.value;
  let targetReading = shown?.reading;
  if (target && target.unit === null && expected) {
    const assumed = withExpectedUnit(target, expected, rc.units);
    if (assumed) [target, targetReading] = [assumed, 'assumedUnit'];
  }
  const references: Reference[] = quantities.map((r) => {
    const assumed = r.value.unit === null && expected ? withExpectedUnit(r.value, expected, rc.units) : undefined;
    return { key: r.key, field: r.field, value: assumed ?? r.value, assumedUnit: assumed !== undefined };
  });
  const change = shown?.label !== undefined && includesAny(shown.label, CHANGE_WORDS);
  const comparableRefs: Reference[] = [];
  const otherRefs: Reference[] = [];
  const slips: Reference[] = [];
  if (target) {
    for (const ref of references) {
      if (otherDimension(target, ref.value)) otherRefs.push(ref);
      else if (!comparable(target, ref.value) || change) continue;
      else if (isSlip(target, ref.value)) slips.push(ref);
      else comparableRefs.push(ref);
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
    growth: includesAny(indicator.name.text, GROWTH_WORDS) || change,
    target,
    targetReading,
    change,
    expectedUnit: expected,
    references,
    comparable: comparableRefs,
    otherDimension: otherRefs,
    magnitudeSlips: slips,
    direction: target ? direction(indicator, target) : null,
  };
}

/** The target and the references it is compared with, as the checker reads them (for the review report's charts and lists). */
export interface TargetComparison {
  target: Quantity;
  /** How the target was read: written as a quantity, at the end of words, or a bare number in the references' unit. */
  reading: TargetReading;
  /** The comparable references (no magnitude slips), in the form's column order. */
  references: Reference[];
  direction: Direction | null;
}

/** What the review report compares: exactly what the checker's rules compare. */
export function targetComparison(indicator: Indicator, units: UnitCatalog): TargetComparison | undefined {
  const facts = indicatorFacts(indicator, { units, historyFactor: Infinity, scoring: DEFAULT_SCORING });
  if (!facts.target || !facts.targetReading) return undefined;
  return { target: facts.target, reading: facts.targetReading, references: facts.comparable, direction: facts.direction };
}
