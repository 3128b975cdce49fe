/**
 * The model as JSON (`ttab export --format json`): department, year, duties →
 * objectives → indicators with every field, each value with its raw text and
 * its normalized form. Shape: schemas/ttab-export.schema.json. Lines are
 * 1-based, as people count them.
 */
import type { Duty, Field, Indicator, Inherited, Item, Objective, Table, Value, ValueField } from '../../grammar/src/index';
import { inheritedTexts, parseCategory } from '../../grammar/src/index';
import type { Finding } from '../validation/index';

export const EXPORT_FORMAT_VERSION = 1;

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

function valueField(field: ValueField | undefined): Json {
  return field ? { line: line(field), ...valueToJson(field.value) } : null;
}

function ownInherited(block: Inherited): { [key: string]: Json } {
  return {
    activities: block.activity.map((f) => f.text),
    projects: block.project.map((f) => f.text),
    offices: block.office.map((f) => f.text),
  };
}

function indicatorJson(duty: Duty, item: Item | undefined, objective: Objective, indicator: Indicator): Json {
  const ctx = { duty, item, objective, indicator };
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
    ...ownInherited(indicator),
    effective: {
      activities: inheritedTexts(ctx, 'activity'),
      projects: inheritedTexts(ctx, 'project'),
      offices: inheritedTexts(ctx, 'office'),
    },
  };
}

function objectiveJson(duty: Duty, item: Item | undefined, objective: Objective): Json {
  return {
    number: text(objective.number),
    text: objective.title.text,
    line: line(objective.title),
    ...ownInherited(objective),
    indicators: objective.indicators.map((i) => indicatorJson(duty, item, objective, i)),
  };
}

export function exportTable(table: Table, findings: readonly Finding[], file: string | null = null): { [key: string]: Json } {
  const yearText = table.year?.text ?? null;
  return {
    format: 'ttab-export',
    version: EXPORT_FORMAT_VERSION,
    file,
    department: text(table.department),
    year: yearText !== null && /^\d{4}$/.test(yearText) ? Number(yearText) : null,
    duties: table.duties.map((duty) => ({
      number: duty.number ? duty.number.value : null,
      text: duty.title.text,
      line: line(duty.title),
      ...ownInherited(duty),
      objectives: duty.objectives.map((o) => objectiveJson(duty, undefined, o)),
      items: duty.items.map((item) => ({
        number: text(item.number),
        text: item.title.text,
        line: line(item.title),
        ...ownInherited(item),
        objectives: item.objectives.map((o) => objectiveJson(duty, item, o)),
      })),
    })),
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
