/**
 * The self-evaluation's scores and the monitoring's progress, computed from a parsed table
 * (docs/language.md §8; the rules of 财预〔2020〕10号 as ../shared/design/lifecycle.md reads them):
 *
 *  - more is better: target reached → full points, else points × actual / target;
 *  - less is better (≤5天, costs): target met → full points, else points × target / actual;
 *  - neither (a duration nothing speaks about): points × the nearer of actual/target, target/actual;
 *  - labelled quantities: the mean of each part's completion, each at most 100 %;
 *  - qualitative: the band (达成 100–80 %, 部分达成 80–60 %, 未达成 60–0 % of the points), the score
 *    the evaluator wrote inside it, or the band's default;
 *  - 预算执行率: points × execution rate, at most the full points;
 *  - an actual at or beyond 120 % of its target is reported (the deduction is a setting);
 *  - per duty and for the table the sum, and the grade of the table (≥ 90 优, ≥ 80 良, ≥ 60 中, 差).
 *
 * Pure module: the checker, export, reports and the editor features read the same numbers.
 * Every score is rounded to two decimals, and sums add the rounded scores, as a paper form does.
 */
import {
  comparable,
  dutyObjectives,
  isQuantity,
  parseAsOf,
  parseBand,
  parseCategory,
  parsePoints,
  yearElapsed,
  type AsOfDate,
  type Band,
  type Composite,
  type Dimension,
  type Duty,
  type Indicator,
  type MonitorPoint,
  type Quantity,
  type Table,
  type Value,
} from '../grammar/src/index';
import type { ServiceSettings } from './context';
import { DEFAULT_SCORING, type Grade, type ScoreGroup, type ScoringSettings } from './scoringSettings';
import { direction } from './validation/facts';

/** How an indicator's score is computed. */
export type ScoreMethod = 'more' | 'less' | 'nearest' | 'parts' | 'band' | 'budget';

/** Why an indicator has no score. */
export type Missing = 'actual' | 'points' | 'band' | 'incomparable';

export interface IndicatorScore {
  indicator: Indicator;
  /** What its points count towards: its first-level category, or 预算执行率. */
  group: ScoreGroup | null;
  /** 分值, when written and readable. */
  points: number | null;
  method: ScoreMethod | null;
  /** Completion: the actual against the target (1 = reached), uncapped; null when it cannot be computed (qualitative). */
  rate: number | null;
  /** The band of a qualitative indicator. */
  band: Band | null;
  /** The score as computed (rounded to 0.01); null when something is missing. */
  score: number | null;
  /** 得分 as written by hand (null when not written or unreadable). */
  written: number | null;
  /** The actual is at or beyond `exceededAt` % of the target. */
  exceeded: boolean;
  /** The target was not reached (completion below 100 %, or a band below 达成). */
  missed: boolean;
  /** Why there is no score. */
  missing: Missing | null;
  /** For a hand-written score of a qualitative indicator outside its band: the band's limits in points. */
  bandRange: { min: number; max: number } | null;
}

export interface BlockEvaluation {
  /** Sum of the scores computed (rounded to 0.01). */
  score: number;
  /** Sum of the points written. */
  points: number;
  indicators: number;
  /** Indicators without a score (no actual, points or band yet). */
  missing: number;
  /** Indicators without an actual (完成值, or the band of a qualitative one). */
  withoutActual: number;
}

export interface TableEvaluation extends BlockEvaluation {
  /** The score out of 100 (score / points × 100; the score itself when the points add up to 100). */
  percent: number;
  grade: Grade;
  duties: { duty: Duty; evaluation: BlockEvaluation }[];
  /** Points per group, for the weight check. */
  groups: Map<ScoreGroup | null, number>;
  /** Every indicator's score, in document order. */
  scores: IndicatorScore[];
}

export function scoringOf(settings: ServiceSettings | undefined): ScoringSettings {
  return settings?.scoring ?? DEFAULT_SCORING;
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

// ---------------------------------------------------------------------------
// The indicator

const BUDGET_NAME = /预算执行|资金执行|资金支付|支出进度|预算支出/;

/** The budget-execution indicator (预算执行率) is scored by its execution rate and weighed apart. */
export function isBudgetExecution(indicator: Indicator): boolean {
  return BUDGET_NAME.test(indicator.name.text) || (indicator.category !== undefined && BUDGET_NAME.test(indicator.category.text));
}

export function scoreGroup(indicator: Indicator): ScoreGroup | null {
  if (isBudgetExecution(indicator)) return '预算执行率';
  const category = indicator.category ? parseCategory(indicator.category.text) : undefined;
  return category?.level1 ?? null;
}

/** The band of a qualitative indicator: its 达成情况, else a 完成值 that names one. */
export function bandOf(indicator: Indicator): Band | null {
  const written = indicator.attainment?.text;
  if (written) return parseBand(written) ?? null;
  const actual = indicator.actual?.value;
  return actual?.kind === 'qualitative' ? (parseBand(actual.text) ?? null) : null;
}

/** A quantitative target is one with a number: a quantity or labelled quantities with known units. */
function isQuantitative(value: Value | undefined): value is Quantity | Composite {
  return value !== undefined && (value.kind === 'quantity' || value.kind === 'composite');
}

/** The completion of a quantity: the actual against the target, by the direction that is better. */
function quantityRate(method: 'more' | 'less' | 'nearest', target: number, actual: number): number {
  if (method === 'more') return target === 0 ? (actual >= 0 ? 1 : 0) : actual / target;
  if (method === 'less') return actual === 0 ? (target >= 0 ? Infinity : 0) : target / actual;
  if (target === actual) return 1;
  if (target === 0 || actual === 0) return 0;
  return Math.min(actual / target, target / actual);
}

/** Labelled parts matched by label: the mean of their completions, each at most 1. */
function partsRate(target: Composite, actual: Value): number | null {
  if (actual.kind !== 'composite' || actual.parts.length !== target.parts.length) return null;
  let sum = 0;
  for (const part of target.parts) {
    const match = actual.parts.find((p) => p.label === part.label);
    if (!match || !comparable(part.quantity, match.quantity)) return null;
    sum += Math.min(1, quantityRate('more', part.quantity.normalized, match.quantity.normalized));
  }
  return target.parts.length === 0 ? null : sum / target.parts.length;
}

/** The execution rate of 预算执行率: a percentage, or spending against the budget. */
function budgetRate(target: Value | undefined, actual: Quantity): number | null {
  if (actual.dimension === 'ratio' && actual.unit !== null && !actual.unit.includes('百分点')) return actual.normalized / 100;
  if (isQuantity(target) && comparable(target, actual)) return quantityRate('more', target.normalized, actual.normalized);
  return null;
}

export function scoreIndicator(indicator: Indicator, scoring: ScoringSettings = DEFAULT_SCORING): IndicatorScore {
  const points = indicator.points ? (parsePoints(indicator.points.text) ?? null) : null;
  const written = indicator.score ? (parsePoints(indicator.score.text) ?? null) : null;
  const result: IndicatorScore = {
    indicator,
    group: scoreGroup(indicator),
    points,
    method: null,
    rate: null,
    band: null,
    score: null,
    written,
    exceeded: false,
    missed: false,
    missing: null,
    bandRange: null,
  };
  const target = indicator.target?.value;
  const actual = indicator.actual?.value;

  if (!isQuantitative(target) && !(isBudgetExecution(indicator) && isQuantity(actual))) {
    return scoreQualitative(result, scoring);
  }
  if (!actual || actual.kind === 'none') return finish(result, 'actual');
  if (isBudgetExecution(indicator) && isQuantity(actual)) {
    result.method = 'budget';
    result.rate = budgetRate(target, actual);
  } else if (target!.kind === 'composite') {
    result.method = 'parts';
    result.rate = partsRate(target!, actual);
  } else if (isQuantity(actual) && comparable(target as Quantity, actual)) {
    const t = target as Quantity;
    const dir = direction(indicator, t);
    result.method = dir === null ? 'nearest' : dir;
    result.rate = quantityRate(result.method, t.normalized, actual.normalized);
    result.exceeded = result.method !== 'nearest' && result.rate * 100 >= scoring.exceededAt - 1e-9;
  }
  if (result.rate === null) return finish(result, 'incomparable');
  result.missed = result.rate < 1 - 1e-9;
  if (points === null) return finish(result, 'points');
  const share = result.exceeded ? 1 - scoring.exceededDeduction / 100 : Math.min(1, result.rate);
  result.score = round2(points * share);
  return result;
}

function scoreQualitative(result: IndicatorScore, scoring: ScoringSettings): IndicatorScore {
  result.method = 'band';
  const band = bandOf(result.indicator);
  result.band = band;
  if (band === null) return finish(result, result.indicator.actual || result.indicator.attainment ? 'band' : 'actual');
  result.missed = band !== '达成';
  const { points } = result;
  if (points === null) return finish(result, 'points');
  const setting = scoring.bands[band];
  const range = { min: round2((points * setting.min) / 100), max: round2((points * setting.max) / 100) };
  const written = result.written;
  if (written !== null && (written < range.min - 0.005 || written > range.max + 0.005)) result.bandRange = range;
  result.score = written !== null ? round2(Math.min(range.max, Math.max(range.min, written))) : round2((points * setting.default) / 100);
  return result;
}

function finish(result: IndicatorScore, missing: Missing): IndicatorScore {
  result.missing = missing;
  return result;
}

// ---------------------------------------------------------------------------
// Duties and the table

/** Whether one of the duty's indicators has a 完成值, 分值, 得分 or 达成情况. */
export function dutyHasEvaluation(duty: Duty): boolean {
  for (const { objective } of dutyObjectives(duty)) {
    for (const indicator of objective.indicators) if (indicator.actual || indicator.points || indicator.score || indicator.attainment) return true;
  }
  return false;
}

/** Whether the table has reached its self-evaluation: an indicator with a 完成值, 分值, 得分 or 达成情况. */
export function hasEvaluation(table: Table): boolean {
  return table.duties.some(dutyHasEvaluation);
}

/** The scores of a duty's indicators, in written order. */
export function scoreDuty(duty: Duty, scoring: ScoringSettings = DEFAULT_SCORING): IndicatorScore[] {
  const scores: IndicatorScore[] = [];
  for (const { objective } of dutyObjectives(duty)) for (const indicator of objective.indicators) scores.push(scoreIndicator(indicator, scoring));
  return scores;
}

/**
 * What evaluateTable reads of each duty: computed afresh, or kept by a caller that asks again
 * after every keystroke (the code lenses keep it per duty object, which an edit elsewhere keeps).
 */
export interface DutyScoring {
  hasEvaluation(duty: Duty): boolean;
  scores(duty: Duty): readonly IndicatorScore[];
}

function sumOf(scores: readonly IndicatorScore[]): BlockEvaluation {
  let score = 0;
  let points = 0;
  let missing = 0;
  let withoutActual = 0;
  for (const s of scores) {
    if (s.score !== null) score += s.score;
    else missing++;
    if (s.points !== null) points += s.points;
    if (s.missing === 'actual') withoutActual++;
  }
  return { score: round2(score), points: round2(points), indicators: scores.length, missing, withoutActual };
}

export function gradeOf(percent: number, scoring: ScoringSettings = DEFAULT_SCORING): Grade {
  const p = round2(percent);
  if (p >= scoring.grades.优) return '优';
  if (p >= scoring.grades.良) return '良';
  if (p >= scoring.grades.中) return '中';
  return '差';
}

export function evaluateDuty(duty: Duty, scoring: ScoringSettings = DEFAULT_SCORING): BlockEvaluation {
  return sumOf(scoreDuty(duty, scoring));
}

/** The table's evaluation; undefined while no indicator has reached the self-evaluation. */
export function evaluateTable(table: Table, scoring: ScoringSettings = DEFAULT_SCORING, perDuty?: DutyScoring): TableEvaluation | undefined {
  const dutyScoring = perDuty ?? { hasEvaluation: dutyHasEvaluation, scores: (duty: Duty) => scoreDuty(duty, scoring) };
  if (!table.duties.some((duty) => dutyScoring.hasEvaluation(duty))) return undefined;
  const scores: IndicatorScore[] = [];
  const duties: TableEvaluation['duties'] = [];
  const groups = new Map<ScoreGroup | null, number>();
  for (const duty of table.duties) {
    const own = dutyScoring.scores(duty);
    for (const s of own) if (s.points !== null) groups.set(s.group, round2((groups.get(s.group) ?? 0) + s.points));
    duties.push({ duty, evaluation: sumOf(own) });
    for (const s of own) scores.push(s);
  }
  const total = sumOf(scores);
  const percent = total.points > 0 ? round2((total.score / total.points) * 100) : 0;
  return { ...total, percent, grade: gradeOf(percent, scoring), duties, groups, scores };
}

// ---------------------------------------------------------------------------
// Monitoring

/** Indicators whose value accumulates over the year, so that progress can be set against time. */
const CUMULATIVE: ReadonlySet<Dimension> = new Set(['count', 'money', 'length', 'area', 'mass', 'volume']);

export interface MonitorStatus {
  point: MonitorPoint;
  /** The as-of date, undefined when unreadable. */
  asOf: AsOfDate | undefined;
  /** Share of the year passed at the as-of date, 0–1. */
  elapsed: number | null;
  /** The value to date against the target (accumulating indicators and budget execution only). */
  progress: number | null;
  /** The expected full-year value against the target, by the better direction. */
  expectedRate: number | null;
  /** Progress more than `monitoringLag` points behind the time elapsed. */
  lagging: boolean;
}

function tableYear(table: Table | undefined): number | null {
  const text = table?.year?.text ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

export function monitorStatus(indicator: Indicator, point: MonitorPoint, table: Table | undefined, scoring: ScoringSettings = DEFAULT_SCORING): MonitorStatus {
  const asOf = parseAsOf(point.title.text);
  const elapsed = asOf ? yearElapsed(asOf, tableYear(table)) : null;
  const status: MonitorStatus = { point, asOf, elapsed, progress: null, expectedRate: null, lagging: false };
  const target = indicator.target?.value;
  const toDate = point.toDate?.value;
  const expected = point.expected?.value;
  const budget = isBudgetExecution(indicator);
  if (isQuantity(toDate)) {
    if (budget) status.progress = budgetRate(target, toDate);
    else if (isQuantity(target) && comparable(target, toDate) && target.dimension !== null && CUMULATIVE.has(target.dimension) && direction(indicator, target) === 'more') {
      status.progress = quantityRate('more', target.normalized, toDate.normalized);
    }
  }
  if (isQuantity(expected) && isQuantity(target) && comparable(target, expected)) {
    const dir = budget ? 'more' : direction(indicator, target);
    status.expectedRate = quantityRate(dir ?? 'nearest', target.normalized, expected.normalized);
  } else if (isQuantity(expected) && budget) {
    status.expectedRate = budgetRate(target, expected);
  }
  status.lagging = status.progress !== null && elapsed !== null && status.progress * 100 < elapsed * 100 - scoring.monitoringLag - 1e-9;
  return status;
}
