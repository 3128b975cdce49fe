/**
 * The model as JSON (`ttab export --format json`): department, year, duties →
 * objectives → indicators with every field, each value with its raw text and
 * its normalized form; the monitoring points and the self-evaluation with the
 * scores computed (per indicator `actual`, `weight`, `score`; per duty and per
 * table `evaluation`). Shape: schemas/ttab-export.schema.json. Lines are
 * 1-based, as people count them.
 */
import type { Duty, Field, Indicator, Inherited, Item, MonitorPoint, MonitorValueField, Objective, Table, Value, ValueField } from '../../grammar/src/index';
import { formatAsOf, inheritedTexts, parseCategory } from '../../grammar/src/index';
import { evaluateTable, monitorStatus, type IndicatorScore, type TableEvaluation } from '../scoring';
import { DEFAULT_SCORING, type ScoringSettings } from '../scoringSettings';
import type { Finding } from '../validation/index';

/** 2: the monitoring points, the self-evaluation and the scores were added. */
export const EXPORT_FORMAT_VERSION = 2;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function text(field: Field | undefined): string | null {
  return field ? field.text : null;
}

function line(field: Field): number {
  return field.keywordRange.start.line + 1;
}

export function valueToJson(value: Value): { [key: string]: Json } {
  switch (value.kind) {
    case 'quantity':
      return {
        kind: 'quantity',
        raw: value.raw,
        comparator: value.comparator,
        approximate: value.approximate,
        number: value.number,
        magnitude: value.magnitude,
        unit: value.unit,
        unitKnown: value.unitKnown,
        dimension: value.dimension,
        currency: value.currency,
        normalized: { comparator: value.comparator, value: value.normalized, unit: value.baseUnit },
      };
    case 'composite':
      return { kind: 'composite', raw: value.raw, parts: value.parts.map((p) => ({ label: p.label, quantity: valueToJson(p.quantity) })) };
    case 'qualitative':
      return { kind: 'qualitative', raw: value.raw, text: value.text };
    case 'none':
      return { kind: 'none', raw: value.raw };
    case 'malformed':
      return { kind: 'malformed', raw: value.raw, reason: { zh: value.reason.zh, en: value.reason.en } };
  }
}

function valueField(field: ValueField | MonitorValueField | undefined): Json {
  return field ? { line: line(field), ...valueToJson(field.value) } : null;
}

function ownInherited(block: Inherited): { [key: string]: Json } {
  return {
    activities: block.activity.map((f) => f.text),
    projects: block.project.map((f) => f.text),
    offices: block.office.map((f) => f.text),
  };
}

/** What export reads of the evaluation: each indicator's score, and the settings for the monitoring points. */
interface Scores {
  byIndicator: Map<Indicator, IndicatorScore>;
  evaluation: TableEvaluation | undefined;
  table: Table;
  scoring: ScoringSettings;
}

function monitorJson(indicator: Indicator, point: MonitorPoint, scores: Scores): Json {
  const status = monitorStatus(indicator, point, scores.table, scores.scoring);
  const year = scores.table.year && /^\d{4}$/.test(scores.table.year.text) ? Number(scores.table.year.text) : null;
  return {
    line: line(point.title),
    text: point.title.text,
    asOf: status.asOf ? formatAsOf(status.asOf, year) : null,
    elapsed: status.elapsed === null ? null : Math.round(status.elapsed * 10000) / 10000,
    progress: status.progress === null ? null : Math.round(status.progress * 10000) / 10000,
    toDate: valueField(point.toDate),
    expected: valueField(point.expected),
    outlook: text(point.outlook),
    deviationReason: text(point.deviationReason),
    improvement: text(point.improvement),
  };
}

function indicatorJson(duty: Duty, item: Item | undefined, objective: Objective, indicator: Indicator, scores: Scores): Json {
  const ctx = { duty, item, objective, indicator };
  const score = scores.byIndicator.get(indicator);
  const category = indicator.category ? parseCategory(indicator.category.text) : undefined;
  return {
    name: indicator.name.text,
    number: text(indicator.number),
    line: line(indicator.name),
    category: indicator.category
      ? { raw: indicator.category.text, level1: category?.level1 ?? null, level2: category?.level2 ?? null }
      : null,
    explanation: text(indicator.explanation),
    target: valueField(indicator.target),
    plan: valueField(indicator.plan),
    standard: valueField(indicator.standard),
    standardSource: text(indicator.standardSource),
    historyAverage: valueField(indicator.historyAverage),
    lastYear: valueField(indicator.lastYear),
    historySource: text(indicator.historySource),
    remark: text(indicator.remark),
    actual: valueField(indicator.actual),
    weight: score?.points ?? null,
    score: score?.score ?? null,
    attainment: text(indicator.attainment),
    writtenScore: text(indicator.score),
    deviationReason: text(indicator.deviationReason),
    improvement: text(indicator.improvement),
    monitoring: indicator.monitors.map((point) => monitorJson(indicator, point, scores)),
    ...ownInherited(indicator),
    effective: {
      activities: inheritedTexts(ctx, 'activity'),
      projects: inheritedTexts(ctx, 'project'),
      offices: inheritedTexts(ctx, 'office'),
    },
  };
}

function objectiveJson(duty: Duty, item: Item | undefined, objective: Objective, scores: Scores): Json {
  return {
    number: text(objective.number),
    text: objective.title.text,
    line: line(objective.title),
    ...ownInherited(objective),
    indicators: objective.indicators.map((i) => indicatorJson(duty, item, objective, i, scores)),
  };
}

/** The table's self-evaluation: null before any indicator has an actual, points or a score. */
function evaluationJson(evaluation: TableEvaluation | undefined): Json {
  if (!evaluation) return null;
  const { score, grade, points, percent, missing } = evaluation;
  return { score, grade, points, percent, missing };
}

export function exportTable(table: Table, findings: readonly Finding[], file: string | null = null, scoring: ScoringSettings = DEFAULT_SCORING): { [key: string]: Json } {
  const evaluation = evaluateTable(table, scoring);
  const scores: Scores = { byIndicator: new Map((evaluation?.scores ?? []).map((s) => [s.indicator, s])), evaluation, table, scoring };
  const dutyEvaluation = new Map((evaluation?.duties ?? []).map((d) => [d.duty, d.evaluation]));
  const yearText = table.year?.text ?? null;
  return {
    format: 'ttab-export',
    version: EXPORT_FORMAT_VERSION,
    file,
    department: text(table.department),
    year: yearText !== null && /^\d{4}$/.test(yearText) ? Number(yearText) : null,
    evaluation: evaluationJson(evaluation),
    duties: table.duties.map((duty) => {
      const own = dutyEvaluation.get(duty);
      return {
        number: duty.number ? duty.number.value : null,
        text: duty.title.text,
        line: line(duty.title),
        ...ownInherited(duty),
        evaluation: own ? { score: own.score, points: own.points, missing: own.missing } : null,
        objectives: duty.objectives.map((o) => objectiveJson(duty, undefined, o, scores)),
        items: duty.items.map((item) => ({
          number: text(item.number),
          text: item.title.text,
          line: line(item.title),
          ...ownInherited(item),
          objectives: item.objectives.map((o) => objectiveJson(duty, item, o, scores)),
        })),
      };
    }),
    findings: findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      message: { zh: f.message.zh, en: f.message.en },
    })),
  };
}
