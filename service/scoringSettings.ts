/**
 * The numbers of the self-evaluation and the monitoring (docs/language.md §8, docs/rules.md):
 * category weights, grade boundaries, the bands of qualitative indicators, the threshold of an
 * actual far beyond its target, and how far behind the time elapsed a monitoring point may lag.
 * The defaults are the common reading of 财预〔2020〕10号; provinces adjust them, so each can be
 * set in `.ttab/rules.json` under `"scoring"`:
 *
 *   { "scoring": { "weights": { "产出": 50, "效益": 30, "满意度": 10, "预算执行率": 10 },
 *                  "grades": { "优": 90, "良": 80, "中": 60 },
 *                  "bands": { "达成": [80, 100, 100], "部分达成": [60, 80, 70], "未达成": [0, 60, 30] },
 *                  "exceededAt": 120, "exceededDeduction": 0, "monitoringLag": 20 } }
 *
 * Pure module.
 */
import { BANDS, type Band, type Message } from '../grammar/src/index';

/** What the weights are given to: the first-level categories (成本 since 财预〔2021〕101号) and budget execution. */
export const SCORE_GROUPS = ['产出', '成本', '效益', '满意度', '预算执行率'] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

export interface BandSetting {
  /** Percent of the indicator's points, inclusive. */
  min: number;
  max: number;
  /** The score (percent of the points) when the evaluator writes no 得分. */
  default: number;
}

export interface ScoringSettings {
  /** Points per group, out of 100; a group without a weight (成本 by default) is not checked against one. */
  weights: Readonly<Partial<Record<ScoreGroup, number>>>;
  /** The lowest total (of 100) of 优, 良 and 中; below 中 is 差. */
  grades: Readonly<Record<Exclude<Grade, '差'>, number>>;
  bands: Readonly<Record<Band, BandSetting>>;
  /** An actual at or beyond this percent of its target suggests the target was set too low. */
  exceededAt: number;
  /** Percent of its points an indicator loses for that (0: reported only). */
  exceededDeduction: number;
  /** Percentage points a monitoring point's completion may lag behind the time elapsed. */
  monitoringLag: number;
}

export const DEFAULT_SCORING: ScoringSettings = Object.freeze({
  weights: Object.freeze({ 产出: 50, 效益: 30, 满意度: 10, 预算执行率: 10 }),
  grades: Object.freeze({ 优: 90, 良: 80, 中: 60 }),
  bands: Object.freeze({
    达成: Object.freeze({ min: 80, max: 100, default: 100 }),
    部分达成: Object.freeze({ min: 60, max: 80, default: 70 }),
    未达成: Object.freeze({ min: 0, max: 60, default: 30 }),
  }),
  exceededAt: 120,
  exceededDeduction: 0,
  monitoringLag: 20,
});

const KEYS = ['weights', 'grades', 'bands', 'exceededAt', 'exceededDeduction', 'monitoringLag'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

const problem = (zh: string, en: string): Message => ({ zh: `"scoring"：${zh}`, en: `"scoring": ${en}` });

/** Numbers by name (0–max each), for weights and grades; unknown names and bad numbers are problems. */
function readNumbers<K extends string>(json: unknown, names: readonly K[], max: number, what: Message, problems: Message[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  if (!isObject(json)) {
    problems.push(problem(`${what.zh} 应为对象`, `${what.en} must be an object`));
    return out;
  }
  for (const [name, value] of Object.entries(json)) {
    if (!(names as readonly string[]).includes(name)) problems.push(problem(`${what.zh} 中未知的 "${name}"（可用：${names.join('、')}）`, `unknown "${name}" in ${what.en} (use ${names.join(', ')})`));
    else if (!isNumberIn(value, 0, max)) problems.push(problem(`${what.zh} "${name}" 应为 0–${max} 的数`, `${what.en} "${name}" must be a number from 0 to ${max}`));
    else out[name as K] = value;
  }
  return out;
}

function readBands(json: unknown, problems: Message[]): Partial<Record<Band, BandSetting>> {
  const out: Partial<Record<Band, BandSetting>> = {};
  if (!isObject(json)) {
    problems.push(problem('bands 应为对象', 'bands must be an object'));
    return out;
  }
  for (const [name, value] of Object.entries(json)) {
    if (!(BANDS as readonly string[]).includes(name)) {
      problems.push(problem(`bands 中未知的 "${name}"（可用：${BANDS.join('、')}）`, `unknown band "${name}" (use ${BANDS.join(', ')})`));
      continue;
    }
    const ok = Array.isArray(value) && value.length === 3 && value.every((v) => isNumberIn(v, 0, 100)) && value[0] <= value[2] && value[2] <= value[1];
    if (!ok) {
      problems.push(problem(`bands "${name}" 应为 [下限, 上限, 默认得分]（分值的百分比，下限 ≤ 默认 ≤ 上限）`, `band "${name}" must be [min, max, default] (percent of the points, min ≤ default ≤ max)`));
      continue;
    }
    const [min, max, def] = value as number[];
    out[name as Band] = { min: min!, max: max!, default: def! };
  }
  return out;
}

/** Reads the `"scoring"` object of `.ttab/rules.json`; keeps what is valid and names every problem. */
export function parseScoringSettings(json: unknown): { scoring: ScoringSettings; problems: Message[] } {
  const problems: Message[] = [];
  if (!isObject(json)) {
    problems.push(problem('应为对象，如 { "weights": { "产出": 50 } }', 'must be an object, such as { "weights": { "产出": 50 } }'));
    return { scoring: DEFAULT_SCORING, problems };
  }
  let { weights, grades, bands, exceededAt, exceededDeduction, monitoringLag } = DEFAULT_SCORING;
  for (const [key, value] of Object.entries(json)) {
    switch (key as (typeof KEYS)[number]) {
      case 'weights':
        weights = { ...weights, ...readNumbers(value, SCORE_GROUPS, 100, { zh: 'weights（权重）', en: 'weights' }, problems) };
        break;
      case 'grades': {
        const read = { ...grades, ...readNumbers(value, ['优', '良', '中'] as const, 100, { zh: 'grades（等级下限）', en: 'grades' }, problems) };
        if (read.优 > read.良 && read.良 > read.中) grades = read;
        else problems.push(problem('grades 须满足 优 > 良 > 中', 'grades must have 优 > 良 > 中'));
        break;
      }
      case 'bands':
        bands = { ...bands, ...readBands(value, problems) };
        break;
      case 'exceededAt':
        if (isNumberIn(value, 100.01, 10000)) exceededAt = value;
        else problems.push(problem('exceededAt 应为大于 100 的百分数，如 120', 'exceededAt must be a percentage above 100, such as 120'));
        break;
      case 'exceededDeduction':
        if (isNumberIn(value, 0, 100)) exceededDeduction = value;
        else problems.push(problem('exceededDeduction 应为 0–100 的百分数', 'exceededDeduction must be a percentage from 0 to 100'));
        break;
      case 'monitoringLag':
        if (isNumberIn(value, 0, 100)) monitoringLag = value;
        else problems.push(problem('monitoringLag 应为 0–100 的百分点数', 'monitoringLag must be a number of percentage points from 0 to 100'));
        break;
      default:
        problems.push(problem(`未知的设置 "${key}"（可用：${KEYS.join('、')}）`, `unknown setting "${key}" (use ${KEYS.join(', ')})`));
    }
  }
  return { scoring: { weights, grades, bands, exceededAt, exceededDeduction, monitoringLag }, problems };
}
