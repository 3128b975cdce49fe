/**
 * How the scores and the monitoring's progress are said, in Chinese and English: the short
 * labels of inlay hints and code lenses, and the computation spelled out for hover. The
 * reports phrase their cells with the same words. Pure module.
 */
import type { Field, Indicator, Message, MonitorPoint, Table } from '../grammar/src/index';
import { localize, type Locale, type ServiceSettings } from './context';
import { monitorStatus, scoreIndicator, scoringOf, type BlockEvaluation, type IndicatorScore, type MonitorStatus, type TableEvaluation } from './scoring';
import type { Grade, ScoringSettings } from './scoringSettings';

/** A number as people write a score: at most two decimals, no trailing zeros (9.5, 15, 13.33). */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A share as a percentage: 75%, 62.5%; ∞ stays a word. */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '∞';
  return `${Math.round(share * 1000) / 10}%`;
}

const GRADE_EN: Record<Grade, string> = { 优: 'excellent', 良: 'good', 中: 'fair', 差: 'poor' };

export function gradeLabel(grade: Grade, locale: Locale): string {
  return locale === 'zh' ? grade : `${GRADE_EN[grade]} (${grade})`;
}

/** `15/20 分` · `15/20 pts`; `—/20` before the score can be computed. */
export function scoreOfPoints(score: number | null, points: number | null, locale: Locale): string {
  const s = score === null ? '—' : formatNumber(score);
  if (points === null) return score === null ? '' : localize({ zh: `${s} 分`, en: `${s} pts` }, locale);
  return localize({ zh: `${s}/${formatNumber(points)} 分`, en: `${s}/${formatNumber(points)} pts` }, locale);
}

/** The inlay hint after an actual: `完成率 75% · 15/20 分`, `部分达成 · 10.5/15 分`. */
export function actualHint(s: IndicatorScore, locale: Locale): string | undefined {
  const parts: string[] = [];
  if (s.method === 'band') {
    if (s.band === null) return undefined;
    parts.push(locale === 'zh' ? s.band : `${BAND_EN[s.band]} (${s.band})`);
  } else if (s.rate !== null) {
    const word = s.method === 'budget' ? { zh: '执行率', en: 'executed' } : { zh: '完成率', en: 'done' };
    parts.push(localize({ zh: `${word.zh} ${formatPercent(s.rate)}`, en: `${formatPercent(s.rate)} ${word.en}` }, locale));
    if (s.exceeded) parts.push(localize({ zh: '超额较多', en: 'far beyond' }, locale));
  } else {
    return undefined;
  }
  const score = scoreOfPoints(s.score, s.points, locale);
  if (score) parts.push(score);
  return parts.join(' · ');
}

/** The inlay hint after 累计完成值: `进度 30%，时间 58%`. */
export function progressHint(status: MonitorStatus, locale: Locale): string | undefined {
  if (status.progress === null) return undefined;
  const time = status.elapsed === null ? '' : localize({ zh: `，时间 ${formatPercent(status.elapsed)}`, en: `, ${formatPercent(status.elapsed)} of the year` }, locale);
  const lag = status.lagging ? localize({ zh: '，进度滞后', en: ', behind' }, locale) : '';
  return localize({ zh: `进度 ${formatPercent(status.progress)}`, en: `${formatPercent(status.progress)} done` }, locale) + time + lag;
}

/** A duty's lens: `得分 44/50 · 缺完成值 1`. */
export function dutyLens(e: BlockEvaluation, locale: Locale): string {
  const parts = [localize({ zh: `得分 ${formatNumber(e.score)}/${formatNumber(e.points)}`, en: `score ${formatNumber(e.score)}/${formatNumber(e.points)}` }, locale)];
  parts.push(...missingParts(e, locale));
  return parts.join(' · ');
}

/** The table's lens: `自评得分 87.5 · 良 · 6 个指标全部评分`. */
export function tableLens(e: TableEvaluation, locale: Locale): string {
  const score = formatNumber(e.score);
  const of = e.points === 100 ? '' : `/${formatNumber(e.points)}`;
  const percent = e.points === 100 ? { zh: '', en: '' } : { zh: `（${formatNumber(e.percent)}%）`, en: ` (${formatNumber(e.percent)}%)` };
  const parts = [localize({ zh: `自评得分 ${score}${of}${percent.zh}`, en: `self-evaluation ${score}${of}${percent.en}` }, locale), gradeLabel(e.grade, locale)];
  const missing = missingParts(e, locale);
  parts.push(...(missing.length ? missing : [localize({ zh: `${e.indicators} 个指标均已评分`, en: `all ${e.indicators} indicators scored` }, locale)]));
  return parts.join(' · ');
}

function missingParts(e: BlockEvaluation, locale: Locale): string[] {
  const out: string[] = [];
  if (e.withoutActual > 0) out.push(localize({ zh: `缺完成值 ${e.withoutActual}`, en: `${e.withoutActual} without actual` }, locale));
  const other = e.missing - e.withoutActual;
  if (other > 0) out.push(localize({ zh: `未评分 ${other}`, en: `${other} not scored` }, locale));
  return out;
}

/** The monitoring lens of a table or duty still in the year: `监控 2023-07-31：进度滞后 1`. */
export function monitoringLens(asOf: string | null, statuses: readonly MonitorStatus[], locale: Locale): string {
  const lagging = statuses.filter((s) => s.lagging).length;
  const date = asOf ?? '—';
  return localize(
    {
      zh: `监控 ${date}：${statuses.length} 个监控点${lagging ? `，进度滞后 ${lagging}` : ''}`,
      en: `monitoring ${date}: ${statuses.length} ${statuses.length === 1 ? 'point' : 'points'}${lagging ? `, ${lagging} behind` : ''}`,
    },
    locale,
  );
}

// ---------------------------------------------------------------------------
// The computation spelled out (hover)

const BAND_EN = { 达成: 'achieved', 部分达成: 'partly achieved', 未达成: 'not achieved' } as const;

const METHOD: Record<NonNullable<IndicatorScore['method']>, Message> = {
  more: { zh: '越大越好', en: 'more is better' },
  less: { zh: '越小越好', en: 'less is better' },
  nearest: { zh: '越接近越好', en: 'the nearer the better' },
  parts: { zh: '各分项完成率（各不超过 100%）的平均', en: 'the mean of the parts’ completion, each at most 100 %' },
  band: { zh: '定性指标，按达成情况分档', en: 'qualitative, scored by its band' },
  budget: { zh: '预算执行率', en: 'budget execution' },
};

/** Markdown lines explaining an indicator's score: the completion, the formula, what is missing. */
export function explainScore(s: IndicatorScore, scoring: ScoringSettings, locale: Locale): string[] {
  const say = (m: Message) => localize(m, locale);
  const lines: string[] = [];
  const points = s.points === null ? null : formatNumber(s.points);
  if (s.method) lines.push(`- ${say({ zh: '计分方法', en: 'method' })}${say({ zh: '：', en: ': ' })}${say(METHOD[s.method])}`);
  if (s.method === 'band') {
    if (s.band === null) return [...lines, `- ${say({ zh: '达成情况未写（达成 / 部分达成 / 未达成），无法计分', en: 'no band (达成 / 部分达成 / 未达成): no score' })}`];
    const band = scoring.bands[s.band];
    lines.push(`- ${say({ zh: `达成情况：${s.band} → 分值的 ${band.min}–${band.max}%`, en: `band: ${BAND_EN[s.band]} (${s.band}) → ${band.min}–${band.max} % of the points` })}`);
    if (points !== null && s.score !== null) {
      if (s.written === null) lines.push(`- ${say({ zh: `未写得分，按 ${band.default}% 计：${points} × ${band.default}% = ${formatNumber(s.score)}`, en: `no 得分 written, ${band.default} % counts: ${points} × ${band.default}% = ${formatNumber(s.score)}` })}`);
      else if (s.bandRange) lines.push(`- ${say({ zh: `手写得分 ${formatNumber(s.written)} 超出分档 ${formatNumber(s.bandRange.min)}–${formatNumber(s.bandRange.max)}，按 ${formatNumber(s.score)} 计`, en: `the written 得分 ${formatNumber(s.written)} leaves the band ${formatNumber(s.bandRange.min)}–${formatNumber(s.bandRange.max)}; ${formatNumber(s.score)} counts` })}`);
      else lines.push(`- ${say({ zh: `得分 ${formatNumber(s.score)}（评价人在分档内确定）`, en: `score ${formatNumber(s.score)} (chosen by the evaluator inside the band)` })}`);
    }
  } else if (s.rate !== null) {
    const rate = formatPercent(s.rate);
    const word = s.method === 'budget' ? say({ zh: '执行率', en: 'execution rate' }) : say({ zh: '完成率', en: 'completion' });
    lines.push(`- ${word}${say({ zh: '：', en: ': ' })}${rate}`);
    if (s.exceeded) {
      const deduction = scoring.exceededDeduction;
      lines.push(`- ${say({ zh: `达到目标的 ${scoring.exceededAt}% 以上：目标可能定得过低${deduction ? `，扣分值的 ${deduction}%` : ''}`, en: `at least ${scoring.exceededAt} % of the target: it was probably set too low${deduction ? `; ${deduction} % of the points deducted` : ''}` })}`);
    }
    if (points !== null && s.score !== null) {
      const share = s.exceeded && scoring.exceededDeduction ? `${100 - scoring.exceededDeduction}%` : s.rate >= 1 ? '100%' : rate;
      lines.push(`- ${say({ zh: '得分', en: 'score' })}${say({ zh: '：', en: ': ' })}${points} × ${share} = **${formatNumber(s.score)}**`);
    }
  } else if (s.missing === 'incomparable') {
    lines.push(`- ${say({ zh: '完成值与指标值量纲或单位不同，无法计分', en: 'the actual and the target are in different dimensions or units: no score' })}`);
  }
  if (s.missing === 'actual') lines.push(`- ${say({ zh: '未写完成值，无法计分', en: 'no actual (完成值): no score' })}`);
  if (s.missing === 'points') lines.push(`- ${say({ zh: '未写分值，无法计分', en: 'no points (分值): no score' })}`);
  if (s.written !== null && s.score !== null && s.method !== 'band' && Math.abs(s.written - s.score) > 0.05) {
    lines.push(`- ${say({ zh: `手写得分 ${formatNumber(s.written)} 与计算结果 ${formatNumber(s.score)} 不符`, en: `the written 得分 ${formatNumber(s.written)} differs from the computed ${formatNumber(s.score)}` })}`);
  }
  return lines;
}

/** Markdown lines explaining a monitoring point's progress. */
export function explainProgress(status: MonitorStatus, scoring: ScoringSettings, locale: Locale): string[] {
  const say = (m: Message) => localize(m, locale);
  const lines: string[] = [];
  if (status.elapsed !== null) lines.push(`- ${say({ zh: `时间进度：${formatPercent(status.elapsed)}`, en: `time elapsed: ${formatPercent(status.elapsed)} of the year` })}`);
  else lines.push(`- ${say({ zh: '截至日期无法识别，不计时间进度', en: 'the as-of date cannot be read: no time elapsed' })}`);
  if (status.progress !== null) {
    lines.push(`- ${say({ zh: `完成进度：${formatPercent(status.progress)}`, en: `progress: ${formatPercent(status.progress)} of the target` })}`);
    if (status.lagging) lines.push(`- ${say({ zh: `落后时间进度超过 ${scoring.monitoringLag} 个百分点`, en: `more than ${scoring.monitoringLag} points behind the time elapsed` })}`);
  } else {
    lines.push(`- ${say({ zh: '不按时间计进度（比率、时长或越小越好的指标）', en: 'progress is not set against time (a rate, a duration, or less is better)' })}`);
  }
  if (status.expectedRate !== null) lines.push(`- ${say({ zh: `全年预计完成：${formatPercent(status.expectedRate)}`, en: `expected for the year: ${formatPercent(status.expectedRate)} of the target` })}`);
  return lines;
}

/**
 * What hover adds on a field of the later stages: on 完成值, 分值, 得分 and 达成情况 how the score
 * is computed; on 累计完成值 and 全年预计值 the progress against the time elapsed. undefined for
 * the other fields.
 */
export function stageExplanation(field: Field, indicator: Indicator, point: MonitorPoint | undefined, table: Table, settings: ServiceSettings, locale: Locale): string[] | undefined {
  const scoring = scoringOf(settings);
  const heading = (m: Message) => ['', `**${localize(m, locale)}**`];
  if (point && (field.key === 'toDate' || field.key === 'expected')) {
    return [...heading({ zh: '监控进度', en: 'Monitoring progress' }), ...explainProgress(monitorStatus(indicator, point, table, scoring), scoring, locale)];
  }
  if (field.key === 'actual' || field.key === 'points' || field.key === 'score' || field.key === 'attainment') {
    return [...heading({ zh: '自评计分', en: 'Self-evaluation score' }), ...explainScore(scoreIndicator(indicator, scoring), scoring, locale)];
  }
  return undefined;
}
