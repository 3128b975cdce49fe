/**
 * The table through its year (TT2xx, docs/language.md §8): the actual against its target, the
 * reasons a missed or far-exceeded target needs, points that add up to the weights, a score
 * written by hand against the computation, the words and dates the later stages are read from,
 * a monitoring point lagging behind the time elapsed, and a target carried over by `ttab
 * rollover` that nobody has reviewed yet. The numbers come from service/scoring.ts, the same
 * computation as the export, the reports and the editor's hints; the thresholds from the
 * workspace's `"scoring"` settings.
 */
import type { Comment, Duty, Field, Indicator, Message, MonitorValueField, Quantity, Table, Value, ValueField } from '../../../grammar/src/index';
import { BANDS, comparable, dutyObjectives, OUTLOOKS, parseAsOf, parseBand, parseOutlook, parsePoints, parseValue } from '../../../grammar/src/index';
import { isBudgetExecution, monitorStatus, scoreGroup, scoreIndicator, type IndicatorScore } from '../../scoring';
import { formatNumber, formatPercent } from '../../scoreWords';
import { SCORE_GROUPS, type ScoreGroup } from '../../scoringSettings';
import { indicatorRule, tableRule } from '../define';
import { isPercent, otherDimension, written } from '../facts';
import { keywordFor, replaceFix, type FixProposal, type FixSite } from '../fix';
import { dimensionName, excerpt, q, qe } from '../phrases';
import { headRange } from '../places';
import { firstStartingOnOrAfter } from '../../ranges';

/** The review mark `ttab rollover` writes above a target it carried over: `# ttab-carried 2023 指标值 20次`. */
export const CARRIED_MARK = 'ttab-carried';
/** What TT204 adds up per objective and per duty. */
interface PointsSummary {
  total: number;
  pointed: number;
  indicators: number;
  sums: Map<ScoreGroup | null, { sum: number; first: Field }>;
}

/** The points of several objectives or duties, in written order (the first 分值 of a group stays the one the group's finding is on). */
function addPoints(parts: readonly PointsSummary[]): PointsSummary {
  const all: PointsSummary = { total: 0, pointed: 0, indicators: 0, sums: new Map() };
  for (const part of parts) {
    all.total += part.total;
    all.pointed += part.pointed;
    all.indicators += part.indicators;
    for (const [group, { sum, first }] of part.sums) {
      const entry = all.sums.get(group);
      if (entry) entry.sum += sum;
      else all.sums.set(group, { sum, first });
    }
  }
  return all;
}

const CARRIED = new RegExp(`^#\\s*${CARRIED_MARK}\\s+(\\d{4})\\s+\\S+\\s+(.*)$`);

// ---------------------------------------------------------------------------
// Quick-fix data

/** Lines to add after `afterLine`, indented like `indentLine` (one level deeper when `deeper`). */
interface InsertLinesData {
  afterLine: number;
  indentLine: number;
  deeper: boolean;
  keywords: string[];
}

function isInsertLinesData(x: unknown): x is InsertLinesData {
  const d = x as Partial<InsertLinesData> | null;
  return typeof d === 'object' && d !== null && typeof d.afterLine === 'number' && typeof d.indentLine === 'number' && typeof d.deeper === 'boolean' && Array.isArray(d.keywords) && d.keywords.every((k) => typeof k === 'string');
}

function insertLinesFix(data: unknown, site: FixSite): FixProposal[] {
  if (!isInsertLinesData(data)) return [];
  const indent = site.indentation(data.indentLine) + (data.deeper ? site.indent : '');
  const names = data.keywords.map((k) => q(k)).join('');
  return [
    {
      title: { zh: `添加${names}行`, en: `Add ${data.keywords.map(qe).join(' and ')} line${data.keywords.length > 1 ? 's' : ''}` },
      edits: data.keywords.map((k) => site.insertLine(data.afterLine + 1, `${indent}${k} `)),
      preferred: true,
    },
  ];
}

function moveLines(data: unknown, lineDelta: number): unknown {
  return isInsertLinesData(data) ? { ...data, afterLine: data.afterLine + lineDelta, indentLine: data.indentLine + lineDelta } : data;
}

/** Replacements offered for a word that is none of the allowed ones (a band, an outlook). */
interface ChoicesData {
  choices: string[];
}

function choicesFix(data: unknown, site: FixSite): FixProposal[] {
  const d = data as Partial<ChoicesData> | null;
  if (typeof d !== 'object' || d === null || !Array.isArray(d.choices) || !d.choices.every((c) => typeof c === 'string')) return [];
  return d.choices.map((c) => ({ title: { zh: `改为「${c}」`, en: `Change to '${c}'` }, edits: [{ range: site.range, newText: c }] }));
}

// ---------------------------------------------------------------------------
// Helpers

/** An indicator in the self-evaluation: it has an actual, a band, points or a score. */
function inEvaluation(indicator: Indicator): boolean {
  return indicator.actual !== undefined || indicator.attainment !== undefined || indicator.points !== undefined || indicator.score !== undefined;
}

/** The indicator's own last field line (not one of its monitoring points'). */
function lastOwnLine(indicator: Indicator): number {
  const inPoints = new Set(indicator.monitors.flatMap((p) => [p.title, ...p.fields]));
  let last = indicator.name.range.end.line;
  for (const f of indicator.fields) if (!inPoints.has(f)) last = Math.max(last, f.range.end.line);
  return last;
}

/** Where the self-evaluation of an indicator is written: its actual, else its band. */
function evaluationAnchor(indicator: Indicator): Field | undefined {
  return indicator.actual ?? indicator.attainment;
}

function quantitiesAgree(target: Value, actual: Value): boolean {
  if (target.kind === 'quantity') return actual.kind === 'quantity' && comparable(target, actual);
  if (target.kind !== 'composite' || actual.kind !== 'composite' || actual.parts.length !== target.parts.length) return false;
  return target.parts.every((part) => actual.parts.some((p) => p.label === part.label && comparable(part.quantity, p.quantity)));
}

const describe = (v: Quantity): Message => (v.dimension ? dimensionName(v) : { zh: v.unit ? `单位 ${v.unit}` : '无单位', en: v.unit ? `unit ${v.unit}` : 'no unit' });

/** A monitoring point's or an indicator's value fields read against the target. */
function actualFields(indicator: Indicator): (ValueField | MonitorValueField)[] {
  const out: (ValueField | MonitorValueField)[] = [];
  if (indicator.actual) out.push(indicator.actual);
  for (const point of indicator.monitors) {
    if (point.toDate) out.push(point.toDate);
    if (point.expected) out.push(point.expected);
  }
  return out;
}

function groupName(group: ScoreGroup | null): Message {
  return group ? { zh: group, en: GROUP_EN[group] } : { zh: '未分类', en: 'no category' };
}

const GROUP_EN: Record<ScoreGroup, string> = { 产出: 'output (产出)', 成本: 'cost (成本)', 效益: 'outcome (效益)', 满意度: 'satisfaction (满意度)', 预算执行率: 'budget execution (预算执行率)' };

// ---------------------------------------------------------------------------
// The rules

export const LIFECYCLE = [
  indicatorRule({
    code: 'TT201',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '完成值与指标值量纲不同', en: 'Actual in another dimension than the target' },
    explanation: {
      zh: '完成值（以及监控的累计完成值、全年预计值）须与指标值同一量纲、币种和计量单位（同为次数、比率、金额……），否则无法计算完成率和得分。请写与指标值同一单位的数量。',
      en: 'The actual (and a monitoring point’s value to date or expected value) must be in the dimension, currency and unit of the target (all counts, all rates, money of one currency …), or no completion rate or score can be computed. Write a quantity in the unit of the target.',
    },
    messages: {
      otherDimension: (keyword: string, actual: Quantity, target: Quantity) => {
        const a = describe(actual);
        const t = describe(target);
        return {
          zh: `${keyword} ${excerpt(actual.raw)}（${a.zh}）与指标值 ${excerpt(target.raw)}（${t.zh}）量纲不同，无法计算完成率`,
          en: `${keyword} ${excerpt(actual.raw)} (${a.en}) and the target ${excerpt(target.raw)} (${t.en}) are in different dimensions: no completion rate can be computed`,
        };
      },
      noUnit: (keyword: string, actual: string, unit: string) => ({
        zh: `${keyword} ${excerpt(actual)} 没有单位，指标值的单位是「${unit}」`,
        en: `${keyword} ${excerpt(actual)} has no unit; the target’s is '${unit}'`,
      }),
      notQuantity: (keyword: string, actual: string, target: string) => ({
        zh: `${keyword}${q(excerpt(actual))}不是与指标值 ${excerpt(target)} 同一单位的数量，无法计算完成率和得分`,
        en: `${keyword} ${qe(excerpt(actual))} is no quantity in the unit of the target ${excerpt(target)}: no completion rate or score can be computed`,
      }),
    },
    check({ indicator }, report, say) {
      const target = indicator.target?.value;
      if (!target || (target.kind !== 'quantity' && target.kind !== 'composite') || (target.kind === 'quantity' && !target.unitKnown)) return;
      const budget = isBudgetExecution(indicator);
      for (const field of actualFields(indicator)) {
        const v = field.value;
        // nothing written, unreadable (TT103) or an unknown unit (TT104): said elsewhere
        if (v.kind === 'none' || v.kind === 'malformed' || (v.kind === 'quantity' && !v.unitKnown)) continue;
        if (budget && v.kind === 'quantity' && isPercent(v)) continue;
        if (quantitiesAgree(target, v)) continue;
        if (target.kind === 'quantity' && v.kind === 'quantity' && target.unit !== null) {
          if (otherDimension(target, v)) report(field.textRange, say.otherDimension(field.keyword, v, target));
          else if (v.unit === null && v.magnitude === null) {
            const unit = `${target.magnitude ?? ''}${target.unit}`;
            report(field.textRange, say.noUnit(field.keyword, v.raw, unit), { data: { replacement: `${field.text}${unit}` } });
          } else report(field.textRange, say.notQuantity(field.keyword, v.raw, target.raw));
          continue;
        }
        report(field.textRange, say.notQuantity(field.keyword, v.raw, target.raw));
      }
    },
    fixes: replaceFix,
  }),

  indicatorRule({
    code: 'TT202',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '未完成目标，未写偏差原因或改进措施', en: 'Missed target without a reason or an improvement' },
    explanation: {
      zh: '绩效自评要求对未完成的指标写明偏差原因分析和改进措施（经费、制度、人员、硬件条件或其他原因，以及下一步怎么做）。请补写「偏差原因」和「改进措施」。',
      en: 'The self-evaluation asks, for every target missed, the reason for the deviation and the improvement (funding, rules, staff, equipment or another cause, and what will be done). Write the 偏差原因 (reason) and 改进措施 (improvement) lines.',
    },
    messages: {
      missed: (name: string, how: Message, missing: readonly string[]) => ({
        zh: `指标${q(excerpt(name))}未完成目标（${how.zh}），未写${missing.map(q).join('和')}`,
        en: `Indicator ${qe(excerpt(name))} missed its target (${how.en}) and has no ${missing.map(qe).join(' and no ')}`,
      }),
    },
    check({ indicator, name, rc }, report, say) {
      if (!inEvaluation(indicator)) return;
      const s = scoreIndicator(indicator, rc.scoring);
      const anchor = evaluationAnchor(indicator);
      if (!s.missed || !anchor) return;
      const missing = (['deviationReason', 'improvement'] as const).filter((k) => !written(indicator[k]));
      if (missing.length === 0) return;
      const how: Message = s.band ? { zh: s.band, en: s.band } : { zh: `完成率 ${formatPercent(s.rate!)}`, en: `${formatPercent(s.rate!)} done` };
      const keywords = missing.map((k) => keywordFor(indicator, k));
      const first = indicator.fields[0];
      const data: InsertLinesData = { afterLine: lastOwnLine(indicator), indentLine: first ? first.keywordRange.start.line : indicator.name.keywordRange.start.line, deeper: first === undefined, keywords };
      report(headRange(anchor), say.missed(name, how, keywords), { data });
    },
    fixes: insertLinesFix,
    moveData: moveLines,
  }),

  indicatorRule({
    code: 'TT203',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '完成值远超指标值', en: 'Actual far beyond the target' },
    explanation: {
      zh: '完成值达到指标值的 120% 以上（可用 "scoring": { "exceededAt" } 设置），说明指标值可能定得过低；不少地方的评价会因此扣分（"exceededDeduction"）。请在「偏差原因」中说明，明年据实设定指标值。',
      en: 'An actual at 120 % of the target or more (set with "scoring": { "exceededAt" }) suggests the target was set too low; many evaluations deduct points for it ("exceededDeduction"). Explain it in 偏差原因 (reason) and set next year’s target from the actual.',
    },
    messages: {
      exceeded: (actual: string, target: string, rate: string, threshold: number) => ({
        zh: `完成值 ${excerpt(actual)} 达到指标值 ${excerpt(target)} 的 ${rate}（≥${threshold}%），指标值可能定得过低；请在偏差原因中说明`,
        en: `the actual ${excerpt(actual)} is ${rate} of the target ${excerpt(target)} (≥${threshold}%): the target was probably set too low; say why in 偏差原因`,
      }),
    },
    check({ indicator, rc }, report, say) {
      if (!indicator.actual || written(indicator.deviationReason)) return;
      const s = scoreIndicator(indicator, rc.scoring);
      if (s.exceeded && s.rate !== null) report(indicator.actual.textRange, say.exceeded(indicator.actual.text, indicator.target?.text ?? '', formatPercent(s.rate), rc.scoring.exceededAt));
    },
  }),

  tableRule({
    code: 'TT204',
    scope: 'table',
    defaultSeverity: 'warning',
    title: { zh: '分值合计与权重不符', en: 'Points do not add up to the weights' },
    explanation: {
      zh: '自评的分值合计应为 100，各一级指标的分值之和应等于其权重（默认 产出 50、效益 30、满意度 10、预算执行率 10，可在 .ttab/rules.json 的 "scoring": { "weights" } 中设置）。请调整分值。',
      en: 'The points of a self-evaluation add up to 100, and the points of each first-level category to its weight (by default output 50, outcome 30, satisfaction 10, budget execution 10; set in .ttab/rules.json under "scoring": { "weights" }). Adjust the points.',
    },
    messages: {
      total: (total: number, groups: readonly [Message, number][], unpointed: number) => ({
        zh: `分值合计 ${formatNumber(total)}，应为 100${groups.length ? `（${groups.map(([g, n]) => `${g.zh} ${formatNumber(n)}`).join('、')}）` : ''}${unpointed ? `；${unpointed} 个指标未写分值` : ''}`,
        en: `the points add up to ${formatNumber(total)}, not 100${groups.length ? ` (${groups.map(([g, n]) => `${g.en} ${formatNumber(n)}`).join(', ')})` : ''}${unpointed ? `; ${unpointed} indicator${unpointed === 1 ? ' has' : 's have'} no 分值` : ''}`,
      }),
      group: (group: Message, sum: number, weight: number) => ({
        zh: `${group.zh}指标的分值合计 ${formatNumber(sum)}，权重为 ${formatNumber(weight)}`,
        en: `the points of the ${group.en} indicators add up to ${formatNumber(sum)}; its weight is ${formatNumber(weight)}`,
      }),
    },
    summary: {
      // per objective and duty: the points its indicators give, in all and per score group (the first 分值 of each)
      ofObjective({ objective }): PointsSummary {
        const summary: PointsSummary = { total: 0, pointed: 0, indicators: 0, sums: new Map() };
        for (const indicator of objective.indicators) {
          summary.indicators++;
          const points = indicator.points ? parsePoints(indicator.points.text) : undefined;
          if (points === undefined) continue;
          summary.pointed++;
          summary.total += points;
          const group = scoreGroup(indicator);
          const entry = summary.sums.get(group) ?? { sum: 0, first: indicator.points! };
          entry.sum += points;
          summary.sums.set(group, entry);
        }
        return summary;
      },
      combine: addPoints,
      check(duties: readonly PointsSummary[], table, report, say, rc) {
        const { sums, total, pointed, indicators } = addPoints(duties);
        if (pointed === 0) return;
        if (!sums.has(null)) {
          for (const [group, { sum, first }] of sums) {
            const weight = rc.scoring.weights[group!];
            if (weight !== undefined && Math.abs(sum - weight) > 0.005) report(headRange(first), say.group(groupName(group), sum, weight));
          }
        }
        if (Math.abs(total - 100) > 0.005) {
          const anchor = table.department ?? table.year ?? table.duties[0]?.title;
          const groups = SCORE_GROUPS.filter((g) => sums.has(g)).map((g) => [groupName(g), sums.get(g)!.sum] as [Message, number]);
          if (anchor) report(headRange(anchor), say.total(total, groups, indicators - pointed));
        }
      },
    },
  }),

  indicatorRule({
    code: 'TT205',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '手写得分与计算不符', en: 'Written score differs from the computation' },
    explanation: {
      zh: '定量指标的得分由完成值和分值算出（越大越好：分值×完成值/指标值；越小越好：分值×指标值/完成值；预算执行率：分值×执行率），定性指标的得分须在达成情况的分档内（达成 100–80%、部分达成 80–60%、未达成 60–0%）。请改正得分，或删去由工具计算。',
      en: 'A quantitative indicator’s score follows from its actual and points (more is better: points × actual / target; less is better: points × target / actual; budget execution: points × execution rate); a qualitative one’s lies in its band (达成 100–80 %, 部分达成 80–60 %, 未达成 60–0 %). Correct the score, or delete it and let the tool compute it.',
    },
    messages: {
      differs: (written: number, computed: number) => ({
        zh: `得分 ${formatNumber(written)} 与计算结果 ${formatNumber(computed)} 不符`,
        en: `the score ${formatNumber(written)} differs from the computed ${formatNumber(computed)}`,
      }),
      outsideBand: (written: number, band: string, min: number, max: number) => ({
        zh: `得分 ${formatNumber(written)} 不在「${band}」的分档 ${formatNumber(min)}–${formatNumber(max)} 内`,
        en: `the score ${formatNumber(written)} lies outside the band of '${band}', ${formatNumber(min)}–${formatNumber(max)}`,
      }),
    },
    check({ indicator, rc }, report, say) {
      const field = indicator.score;
      if (!field) return;
      const s: IndicatorScore = scoreIndicator(indicator, rc.scoring);
      if (s.written === null) return;
      if (s.method === 'band') {
        if (s.bandRange && s.band) report(field.textRange, say.outsideBand(s.written, s.band, s.bandRange.min, s.bandRange.max));
      } else if (s.score !== null && Math.abs(s.written - s.score) > 0.05) {
        report(field.textRange, say.differs(s.written, s.score), { data: { replacement: formatNumber(s.score) } });
      }
    },
    fixes: replaceFix,
  }),

  indicatorRule({
    code: 'TT206',
    scope: 'indicator',
    defaultSeverity: 'error',
    title: { zh: '无法识别的自评或监控内容', en: 'Unreadable self-evaluation or monitoring entry' },
    explanation: {
      zh: '分值和得分须是数字（如 20、9.5），达成情况须是 达成、部分达成 或 未达成，完成可能性须是 确定能、有可能 或 完全不可能，监控后须写本年度内的截至日期（2023-07-31、7月31日、1-7月）。否则无法计分或计算进度。',
      en: 'Points and scores are numbers (20, 9.5); 达成情况 is 达成, 部分达成 or 未达成; 完成可能性 is 确定能, 有可能 or 完全不可能; 监控 is followed by an as-of date in the table’s year (2023-07-31, 7月31日, 1-7月). Otherwise nothing can be scored or set against time.',
    },
    messages: {
      notNumber: (keyword: string, text: string) => ({ zh: `${keyword}${q(excerpt(text))}不是数字`, en: `${keyword} ${qe(excerpt(text))} is not a number` }),
      notBand: (text: string) => ({ zh: `达成情况${q(excerpt(text))}应为 达成、部分达成 或 未达成`, en: `达成情况 ${qe(excerpt(text))} must be 达成, 部分达成 or 未达成` }),
      notOutlook: (text: string) => ({ zh: `完成可能性${q(excerpt(text))}应为 确定能、有可能 或 完全不可能`, en: `完成可能性 ${qe(excerpt(text))} must be 确定能, 有可能 or 完全不可能` }),
      notDate: (text: string) => ({ zh: `监控的截至日期${q(excerpt(text))}无法识别（如 2023-07-31、7月31日、1-7月）`, en: `the as-of date ${qe(excerpt(text))} of a monitoring point cannot be read (e.g. 2023-07-31, 7月31日, 1-7月)` }),
    },
    check({ indicator }, report, say) {
      for (const field of [indicator.points, indicator.score]) {
        if (field && field.text !== '' && parseValue(field.text).kind !== 'none' && parsePoints(field.text) === undefined) report(field.textRange, say.notNumber(field.keyword, field.text));
      }
      const band = indicator.attainment;
      if (band && band.text !== '' && !parseBand(band.text)) report(band.textRange, say.notBand(band.text), { data: { choices: [...BANDS] } satisfies ChoicesData });
      for (const point of indicator.monitors) {
        if (!parseAsOf(point.title.text)) report(point.title.text === '' ? point.title.keywordRange : point.title.textRange, say.notDate(point.title.text));
        const outlook = point.outlook;
        if (outlook && outlook.text !== '' && !parseOutlook(outlook.text)) report(outlook.textRange, say.notOutlook(outlook.text), { data: { choices: [...OUTLOOKS] } satisfies ChoicesData });
      }
    },
    fixes: choicesFix,
  }),

  indicatorRule({
    code: 'TT207',
    scope: 'indicator',
    defaultSeverity: 'warning',
    title: { zh: '监控进度落后，未说明原因', en: 'Monitoring behind, with no reason' },
    explanation: {
      zh: '绩效运行监控时，完成进度明显落后于时间进度（默认落后 20 个百分点以上，可用 "scoring": { "monitoringLag" } 设置），或预计全年完不成目标，须在该监控点下写明偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）和纠偏措施。',
      en: 'When, at a monitoring point, progress lags far behind the time elapsed (more than 20 percentage points by default; set with "scoring": { "monitoringLag" }), or the year is expected to miss the target, the point needs the reason for the deviation (funding, rules, staff, equipment, other) and the corrective measure.',
    },
    messages: {
      behind: (date: string, progress: string, elapsed: string) => ({
        zh: `截至 ${date} 完成 ${progress}，时间已过 ${elapsed}，进度明显落后，未写偏差原因`,
        en: `by ${date} ${progress} is done with ${elapsed} of the year gone: far behind, and no 偏差原因 (reason)`,
      }),
      expectedMiss: (date: string, expected: string, target: string) => ({
        zh: `截至 ${date} 预计全年完成 ${excerpt(expected)}，达不到指标值 ${excerpt(target)}，未写偏差原因`,
        en: `at ${date} the year is expected to reach ${excerpt(expected)}, short of the target ${excerpt(target)}, and no 偏差原因 (reason) is given`,
      }),
    },
    check({ indicator, rc }, report, say) {
      for (const point of indicator.monitors) {
        if (written(point.deviationReason)) continue;
        const status = monitorStatus(indicator, point, undefined, rc.scoring);
        const first = point.fields[0];
        const data: InsertLinesData = {
          afterLine: point.range.end.line,
          indentLine: first ? first.keywordRange.start.line : point.title.keywordRange.start.line,
          deeper: first === undefined,
          keywords: [keywordFor(indicator, 'deviationReason')],
        };
        const date = point.title.text;
        if (status.lagging && status.progress !== null && status.elapsed !== null) {
          report(headRange(point.toDate ?? point.title), say.behind(date, formatPercent(status.progress), formatPercent(status.elapsed)), { data });
        } else if (status.expectedRate !== null && status.expectedRate < 1 - 1e-9 && point.expected) {
          report(headRange(point.expected), say.expectedMiss(date, point.expected.text, indicator.target?.text ?? ''), { data });
        }
      }
    },
    fixes: insertLinesFix,
    moveData: moveLines,
  }),

  indicatorRule({
    code: 'TT208',
    scope: 'indicator',
    defaultSeverity: 'info',
    title: { zh: '沿用上年的指标值未复核', en: 'Target carried over, not reviewed' },
    explanation: {
      zh: 'ttab rollover 生成下一年的表时沿用上一年的指标值，并在其上方写下 # ttab-carried 注释。复核后若保留原值，请删除该注释（快速修复）；若修改指标值，此提示自动消失。',
      en: 'ttab rollover keeps last year’s targets in next year’s table and marks each with a # ttab-carried comment. Once reviewed, delete the comment to keep the value (the quick fix), or change the target and this goes away.',
    },
    messages: {
      carried: (year: string, text: string) => ({
        zh: `指标值 ${excerpt(text)} 沿用 ${year} 年，尚未复核：确认后删除上方的 # ${CARRIED_MARK} 注释，或修改指标值`,
        en: `the target ${excerpt(text)} was carried over from ${year} and not reviewed: delete the # ${CARRIED_MARK} comment above to keep it, or change it`,
      }),
    },
    // The mark is a comment inside the indicator (above its 指标值): an edit of it reparses the indicator, so this is kept with it.
    check({ indicator, rc }, report, say) {
      const target = indicator.target;
      if (!target || !rc.comments) return;
      const mark = carriedMark(rc.comments, indicator.range.start.line, target.keywordRange.start.line);
      if (mark && mark.text === target.text.split('\n')[0]) report(headRange(target), say.carried(mark.year, mark.text), { data: { commentLine: mark.line } });
    },
    fixes(data, site) {
      const line = (data as { commentLine?: unknown } | null)?.commentLine;
      if (typeof line !== 'number' || !CARRIED.test(site.lineText(line).trim())) return [];
      return [{ title: { zh: '确认沿用（删除复核标记）', en: 'Keep the target (remove the review mark)' }, edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], preferred: true }];
    },
    moveData: (data, lineDelta) => {
      const line = (data as { commentLine?: unknown } | null)?.commentLine;
      return typeof line === 'number' ? { commentLine: line + lineDelta } : data;
    },
  }),
];

/**
 * The `# ttab-carried` mark standing above the field on line `field` (comments between them skipped),
 * among the comments on lines [from, field) of the table's (sorted by line): the one nearest the field.
 */
function carriedMark(comments: readonly Comment[], from: number, field: number): { line: number; year: string; text: string } | undefined {
  let found: { line: number; year: string; text: string } | undefined;
  for (let i = firstStartingOnOrAfter(comments, from); i < comments.length && comments[i]!.range.start.line < field; i++) {
    if (!comments[i]!.text.includes(CARRIED_MARK)) continue;
    const m = CARRIED.exec(`#${comments[i]!.text}`.trim());
    if (!m) continue;
    // the field the mark stands above: the first line after the comments that follow it (in line order)
    let next = comments[i]!.range.start.line + 1;
    for (let k = i + 1; k < comments.length && comments[k]!.range.start.line === next; k++) next++;
    if (next === field) found = { line: comments[i]!.range.start.line, year: m[1]!, text: m[2]!.trim() };
  }
  return found;
}

