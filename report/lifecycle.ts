/**
 * The two forms that follow the target table through its year, as sheets (sheet.ts renders
 * them as HTML, XLSX, Markdown and CSV):
 *
 *  - 绩效运行监控表 (`monitor`): per indicator its target and its latest monitoring point — the
 *    as-of date, the value to date, progress against the time elapsed, the expected full-year
 *    value, the outlook, the reason of a deviation and the corrective measure; budget execution
 *    (预算执行率) is watched beside the indicators (双监控).
 *  - 绩效自评表 (`self-eval`): per indicator its target, actual, completion, points, score and the
 *    reason and improvement of a deviation; the total and the grade.
 *
 * The numbers are the language service's (service/scoring.ts), so the report, `ttab export`
 * and the editor's hints agree. Pure module.
 */
import { dutyObjectives, formatAsOf, parseCategory, type Duty, type Indicator, type MonitorPoint, type Table } from '../grammar/src/index';
import { evaluateTable, formatNumber, formatPercent, isBudgetExecution, monitorStatus, scoreIndicator, type IndicatorScore, type MonitorStatus } from '../service/index';
import type { ReportModel, ReportTable } from './model';

export type LifecycleKind = 'monitor' | 'self-eval';

export interface SheetColumn {
  key: string;
  /** The form's heading (Chinese, as the official forms have it). */
  heading: string;
  /** Width in characters (XLSX; shares of the page in HTML). */
  width: number;
  center?: boolean;
  /** Cells merged over the rows of one duty. */
  merged?: boolean;
}

export interface SheetRow {
  /** 0-based line of the row's 指标 line ('合计' rows: -1). */
  line: number;
  cells: Record<string, string>;
  /** Row span of each merged column: n on the first row of a duty, 0 on the rows it covers. */
  spans: Record<string, number>;
  /** What the row shows about its indicator: a missed target, an actual far beyond it, progress behind time. */
  mark?: 'missed' | 'exceeded' | 'behind';
}

export interface Sheet {
  kind: LifecycleKind;
  table: ReportTable;
  title: string;
  /** Label and value pairs shown under the title (截至日期, 总分, 评价等级 …). */
  facts: [string, string][];
  columns: SheetColumn[];
  rows: SheetRow[];
  /** Rows below the body: 合计. */
  totals: SheetRow[];
}

const TITLES: Record<LifecycleKind, string> = { monitor: '部门预算整体绩效运行监控表', 'self-eval': '部门预算整体绩效自评表' };

export function lifecycleTitle(kind: LifecycleKind, department: string, year: string): string {
  return `${department}${TITLES[kind]}${year ? `（${year}年度）` : ''}`;
}

const DUTY_COLUMNS: SheetColumn[] = [
  { key: 'dutyNumber', heading: '序号', width: 5, center: true, merged: true },
  { key: 'duty', heading: '部门职责', width: 16, merged: true },
  { key: 'indicator', heading: '绩效指标', width: 16 },
];

const SELF_EVAL_COLUMNS: SheetColumn[] = [
  ...DUTY_COLUMNS,
  { key: 'category', heading: '指标类别', width: 10 },
  { key: 'target', heading: '年度指标值', width: 12, center: true },
  { key: 'actual', heading: '实际完成值', width: 14, center: true },
  { key: 'rate', heading: '完成率', width: 8, center: true },
  { key: 'points', heading: '分值', width: 6, center: true },
  { key: 'score', heading: '得分', width: 6, center: true },
  { key: 'deviation', heading: '偏差原因分析及改进措施', width: 30 },
];

const MONITOR_COLUMNS: SheetColumn[] = [
  ...DUTY_COLUMNS,
  { key: 'target', heading: '年度指标值', width: 12, center: true },
  { key: 'asOf', heading: '截至日期', width: 11, center: true },
  { key: 'toDate', heading: '累计完成值', width: 12, center: true },
  { key: 'progress', heading: '完成进度', width: 8, center: true },
  { key: 'elapsed', heading: '时间进度', width: 8, center: true },
  { key: 'expected', heading: '全年预计完成值', width: 12, center: true },
  { key: 'outlook', heading: '完成目标可能性', width: 9, center: true },
  { key: 'reason', heading: '偏差原因分析', width: 22 },
  { key: 'improvement', heading: '纠偏措施', width: 22 },
];

function tableYear(table: Table): number | null {
  const text = table.year?.text ?? '';
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

function indicatorsOfDuty(duty: Duty): Indicator[] {
  return [...dutyObjectives(duty)].flatMap(({ objective }) => objective.indicators);
}

/** One row per indicator, the duty's number and text merged over its rows. */
function dutyRows(table: Table, cellsOf: (indicator: Indicator) => { cells: Record<string, string>; mark?: SheetRow['mark'] }): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const duty of table.duties) {
    const indicators = indicatorsOfDuty(duty);
    indicators.forEach((indicator, i) => {
      const { cells, mark } = cellsOf(indicator);
      const span = i === 0 ? indicators.length : 0;
      const row: SheetRow = {
        line: indicator.name.keywordRange.start.line,
        cells: { dutyNumber: duty.number?.text ?? '', duty: duty.title.text, indicator: indicator.name.text, ...cells },
        spans: { dutyNumber: span, duty: span },
      };
      if (mark) row.mark = mark;
      rows.push(row);
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// 绩效自评表

function deviationText(indicator: Indicator): string {
  const parts: string[] = [];
  if (indicator.deviationReason?.text) parts.push(`偏差原因：${indicator.deviationReason.text}`);
  if (indicator.improvement?.text) parts.push(`改进措施：${indicator.improvement.text}`);
  return parts.join('\n');
}

function selfEvalCells(s: IndicatorScore): { cells: Record<string, string>; mark?: SheetRow['mark'] } {
  const i = s.indicator;
  const category = i.category ? parseCategory(i.category.text) : undefined;
  const actual = i.actual?.text ?? '';
  const cells: Record<string, string> = {
    category: category ? [category.level1, category.level2].filter(Boolean).join('/') : (i.category?.text ?? ''),
    target: i.target?.text ?? '',
    actual: actual || (s.band ?? ''),
    rate: s.method === 'band' ? (s.band ?? '') : s.rate === null ? '' : formatPercent(s.rate),
    points: s.points === null ? '' : formatNumber(s.points),
    score: s.score === null ? '' : formatNumber(s.score),
    deviation: deviationText(i),
  };
  const mark = s.exceeded ? 'exceeded' : s.missed ? 'missed' : undefined;
  return mark ? { cells, mark } : { cells };
}

function selfEvalSheet(table: ReportTable): Sheet {
  const ast = table.parsed.ast;
  const evaluation = evaluateTable(ast, table.scoring);
  const scores = new Map((evaluation?.scores ?? []).map((s) => [s.indicator, s]));
  const rows = dutyRows(ast, (indicator) => selfEvalCells(scores.get(indicator) ?? scoreIndicator(indicator, table.scoring)));
  const hasCategory = rows.some((r) => r.cells.category !== '');
  const facts: [string, string][] = [];
  if (evaluation) {
    facts.push(['总分', evaluation.points === 100 ? formatNumber(evaluation.score) : `${formatNumber(evaluation.score)}/${formatNumber(evaluation.points)}（${formatNumber(evaluation.percent)}%）`]);
    facts.push(['评价等级', evaluation.grade]);
    if (evaluation.missing > 0) facts.push(['未评分指标', String(evaluation.missing)]);
  } else {
    facts.push(['总分', '—'], ['评价等级', '—（尚无完成值和分值）']);
  }
  const totals: SheetRow[] = evaluation
    ? [{ line: -1, cells: { indicator: '合计', points: formatNumber(evaluation.points), score: formatNumber(evaluation.score), deviation: `评价等级：${evaluation.grade}` }, spans: {} }]
    : [];
  return {
    kind: 'self-eval',
    table,
    title: lifecycleTitle('self-eval', table.department, table.year),
    facts,
    columns: SELF_EVAL_COLUMNS.filter((c) => c.key !== 'category' || hasCategory),
    rows,
    totals,
  };
}

// ---------------------------------------------------------------------------
// 绩效运行监控表

/** The latest point of an indicator by its as-of date (the last written when dates cannot be read). */
function latestPoint(indicator: Indicator, table: ReportTable): MonitorStatus | undefined {
  let latest: MonitorStatus | undefined;
  let latestKey = '';
  const year = tableYear(table.parsed.ast);
  for (const point of indicator.monitors as readonly MonitorPoint[]) {
    const status = monitorStatus(indicator, point, table.parsed.ast, table.scoring);
    const key = status.asOf ? formatAsOf(status.asOf, year) : '';
    if (!latest || key >= latestKey) {
      latest = status;
      latestKey = key;
    }
  }
  return latest;
}

function monitorCells(indicator: Indicator, status: MonitorStatus | undefined, year: number | null): { cells: Record<string, string>; mark?: SheetRow['mark'] } {
  const p = status?.point;
  const cells: Record<string, string> = {
    target: indicator.target?.text ?? '',
    asOf: status?.asOf ? formatAsOf(status.asOf, year) : (p?.title.text ?? ''),
    toDate: p?.toDate?.text ?? '',
    progress: status?.progress == null ? '' : formatPercent(status.progress),
    elapsed: status?.elapsed == null ? '' : formatPercent(status.elapsed),
    expected: p?.expected?.text ?? '',
    outlook: p?.outlook?.text ?? '',
    reason: p?.deviationReason?.text ?? '',
    improvement: p?.improvement?.text ?? '',
  };
  return status?.lagging ? { cells, mark: 'behind' } : { cells };
}

function monitorSheet(table: ReportTable): Sheet {
  const ast = table.parsed.ast;
  const year = tableYear(ast);
  const statuses: MonitorStatus[] = [];
  let budget: { indicator: Indicator; status: MonitorStatus } | undefined;
  const rows = dutyRows(ast, (indicator) => {
    const status = latestPoint(indicator, table);
    if (status) statuses.push(status);
    if (status && !budget && isBudgetExecution(indicator)) budget = { indicator, status };
    return monitorCells(indicator, status, year);
  });
  const dates = statuses.flatMap((s) => (s.asOf ? [formatAsOf(s.asOf, year)] : [])).sort();
  const latest = statuses.find((s) => s.asOf && formatAsOf(s.asOf, year) === dates.at(-1));
  const facts: [string, string][] = [['截至日期', dates.at(-1) ?? '—']];
  if (latest?.elapsed != null) facts.push(['时间进度', formatPercent(latest.elapsed)]);
  if (budget) facts.push(['预算执行', `${budget.status.point.toDate?.text ?? '—'}（年度目标 ${budget.indicator.target?.text ?? '—'}）`]);
  facts.push(['已监控指标', `${statuses.length}/${rows.length}`], ['进度滞后', String(statuses.filter((s) => s.lagging).length)]);
  return { kind: 'monitor', table, title: lifecycleTitle('monitor', table.department, table.year), facts, columns: MONITOR_COLUMNS, rows, totals: [] };
}

/** Every column each form can have (the CSV's columns: the same for every table). */
export const LIFECYCLE_COLUMNS: Readonly<Record<LifecycleKind, readonly SheetColumn[]>> = { monitor: MONITOR_COLUMNS, 'self-eval': SELF_EVAL_COLUMNS };

export function lifecycleSheets(model: ReportModel, kind: LifecycleKind): Sheet[] {
  return model.tables.map((table) => (kind === 'monitor' ? monitorSheet(table) : selfEvalSheet(table)));
}
