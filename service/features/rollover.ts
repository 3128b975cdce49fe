/**
 * Next year's table from this one (`ttab rollover`, *New Table for Next Year*): 年度 + 1; each
 * indicator's actual (完成值) becomes its 上年值, and its 前三年均值 the average of the last three
 * years' actuals found — in this table, in the earlier years' tables the caller found in the
 * workspace or the git history, or as 上年值 written in them — with 历史来源 saying where each
 * came from; the self-evaluation and the monitoring points are dropped; targets stay as a
 * starting point, each marked for review (`# ttab-carried 2023 指标值 20次`, checked by TT208
 * until the target is changed). Everything else — comments, layout, the other fields — is kept
 * as written. Pure: the caller reads the files and the history.
 */
import type { Comparator, Field, Indicator, Message, ParseResult, Quantity, Table } from '../../grammar/src/index';
import { comparable, EVALUATION_KEYS, indicatorsOf, isQuantity, type AnyFieldKey } from '../../grammar/src/index';
import { keywordFor } from '../validation/fix';
import { CARRIED_MARK } from '../validation/index';

/** A table of an earlier year, as the caller found it. */
export interface HistoryTable {
  year: number;
  table: Table;
  /** Where it was found, for 历史来源: a path, or `git 3f2a1c9:path`. */
  origin: string;
}

export interface RolloverOptions {
  /** How 历史来源 names this table (its file name). */
  source: string;
  /** Tables of the two years before this one, found in the workspace or the git history. */
  history?: readonly HistoryTable[];
}

export interface RolloverSummary {
  year: number;
  nextYear: number;
  indicators: number;
  /** Targets kept and marked for review. */
  carried: number;
  /** 上年值 written from this year's actuals. */
  lastYears: number;
  /** 前三年均值 computed. */
  averages: number;
  /** The years whose actuals were found for some average, with where. */
  years: { year: number; origins: string[] }[];
  /** Indicators without an actual this year (no 上年值 could be written). */
  withoutActual: string[];
}

export type RolloverResult = { ok: true; text: string; summary: RolloverSummary } | { ok: false; error: Message };

const CARRIED = new RegExp(`^\\s*#\\s*${CARRIED_MARK}\\b`);

/** Keys of the fields dropped from next year's table (the self-evaluation, the monitoring, the old history). */
const DROPPED: ReadonlySet<AnyFieldKey> = new Set<AnyFieldKey>([...EVALUATION_KEYS, 'monitor', 'toDate', 'expected', 'outlook', 'lastYear', 'historyAverage', 'historySource']);

/** The fields after which the new history lines go, in the form's order. */
const BEFORE_HISTORY: readonly AnyFieldKey[] = ['target', 'plan', 'standard', 'standardSource'];

interface Found {
  year: number;
  value: Quantity;
  origin: string;
}

function indicatorByName(table: Table): Map<string, Indicator> {
  const map = new Map<string, Indicator>();
  for (const { indicator } of indicatorsOf(table)) if (!map.has(indicator.name.text)) map.set(indicator.name.text, indicator);
  return map;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** An average in the unit (and magnitude) the actual is written in: `16.33次`, `2.5万元`. */
function averageText(values: readonly Quantity[], like: Quantity): string {
  const mean = values.reduce((sum, q) => sum + q.normalized, 0) / values.length;
  if (like.number !== 0 && like.normalized !== 0) return `${round(mean / (like.normalized / like.number))}${like.magnitude ?? ''}${like.unit ?? ''}`;
  return `${round(mean)}${like.baseUnit ?? ''}`;
}

const COMPARATOR_FREE: ReadonlySet<Comparator> = new Set(['=']);

/**
 * The actuals of the three years up to `year` for one indicator: this year's, then each earlier
 * year's from its table's 完成值, else from the 上年值 of the year after it.
 */
function actualsOf(name: string, actual: Quantity, year: number, own: Indicator, history: ReadonlyMap<number, { byName: Map<string, Indicator>; origin: string }>, source: string): Found[] {
  const found: Found[] = [{ year, value: actual, origin: source }];
  let later: { indicator: Indicator; origin: string } = { indicator: own, origin: source };
  for (let y = year - 1; y >= year - 2; y--) {
    const earlier = history.get(y);
    const match = earlier?.byName.get(name);
    const fromActual = match?.actual?.value;
    const fromLater = later.indicator.lastYear?.value;
    if (isQuantity(fromActual) && comparable(actual, fromActual)) found.push({ year: y, value: fromActual, origin: earlier!.origin });
    else if (isQuantity(fromLater) && comparable(actual, fromLater) && COMPARATOR_FREE.has(fromLater.comparator)) {
      found.push({ year: y, value: fromLater, origin: `${later.origin} 上年值` });
    } else break;
    if (!match) break;
    later = { indicator: match, origin: earlier!.origin };
  }
  return found;
}

function historySource(year: number, found: readonly Found[], source: string): string {
  const parts = [`上年值：${year}年完成值（${source}）`];
  const years = found.map((f) => f.year).sort();
  if (found.length >= 2) {
    const origins = [...found].sort((a, b) => a.year - b.year).filter((f) => f.origin !== source).map((f) => `${f.year}年：${f.origin}`);
    const missing = found.length < 3 ? `，未找到${years[0]! - 1}年` : '';
    parts.push(`前三年均值：${years[0]}—${years.at(-1)}年完成值的平均${origins.length ? `（${origins.join('；')}）` : ''}${missing}`);
  } else {
    parts.push(`前三年均值：未找到${year - 2}—${year - 1}年的完成值，未计算`);
  }
  return parts.join('；');
}

interface LineChange {
  /** Lines removed (0-based, inclusive). */
  remove: Set<number>;
  /** Text that replaces a line (the year). */
  replace: Map<number, string>;
  /** Lines inserted before a line. */
  before: Map<number, string[]>;
  /** Lines inserted after a line. */
  after: Map<number, string[]>;
}

function addTo(map: Map<number, string[]>, line: number, lines: string[]): void {
  map.set(line, [...(map.get(line) ?? []), ...lines]);
}

function removeField(change: LineChange, field: Field): void {
  for (let l = field.range.start.line; l <= field.range.end.line; l++) change.remove.add(l);
}

export function rolloverTable(text: string, parsed: ParseResult, options: RolloverOptions): RolloverResult {
  const errors = parsed.errors.filter((e) => e.severity === 'error');
  if (errors.length) return { ok: false, error: { zh: `表中有 ${errors.length} 个语法错误，请先修正`, en: `the table has ${errors.length} syntax error${errors.length === 1 ? '' : 's'}; fix them first` } };
  const table = parsed.ast;
  const yearText = table.year?.text ?? '';
  if (!table.year || !/^\d{4}$/.test(yearText)) return { ok: false, error: { zh: '表中没有年度（如「年度 2023」），无法确定下一年', en: 'the table has no 年度 (such as "年度 2023"), so there is no next year' } };
  const year = Number(yearText);
  const lines = text.split(/\r\n|\r|\n/);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const change: LineChange = { remove: new Set(), replace: new Map(), before: new Map(), after: new Map() };
  const yearLine = table.year.textRange.start.line;
  change.replace.set(yearLine, lines[yearLine]!.slice(0, table.year.textRange.start.character) + String(year + 1) + lines[yearLine]!.slice(table.year.textRange.end.character));

  const firstDuty = table.duties[0]?.range.start.line ?? lines.length;
  for (const comment of table.comments) {
    const line = comment.range.start.line;
    if (CARRIED.test(lines[line]!)) change.remove.add(line);
    else if (line < firstDuty && lines[line]!.includes(`${year}年度`)) change.replace.set(line, lines[line]!.split(`${year}年度`).join(`${year + 1}年度`));
  }

  const history = new Map<number, { byName: Map<string, Indicator>; origin: string }>();
  for (const h of options.history ?? []) if (h.year < year && h.year >= year - 2 && !history.has(h.year)) history.set(h.year, { byName: indicatorByName(h.table), origin: h.origin });

  const summary: RolloverSummary = { year, nextYear: year + 1, indicators: 0, carried: 0, lastYears: 0, averages: 0, years: [], withoutActual: [] };
  const yearOrigins = new Map<number, Set<string>>();
  for (const { indicator } of indicatorsOf(table)) {
    summary.indicators++;
    for (const field of indicator.fields) if (DROPPED.has(field.key)) removeField(change, field);
    const indent = (line: number) => /^[ \t\u3000]*/.exec(lines[line]!)![0];
    const fieldIndent = indicator.fields.length ? indent(indicator.fields[0]!.keywordRange.start.line) : `${indent(indicator.name.keywordRange.start.line)}  `;
    const target = indicator.target;
    if (target && target.value.kind !== 'none') {
      addTo(change.before, target.keywordRange.start.line, [`${indent(target.keywordRange.start.line)}# ${CARRIED_MARK} ${year} ${target.keyword} ${firstLine(target.text)}`]);
      summary.carried++;
    }
    const anchor = indicator.fields.filter((f) => BEFORE_HISTORY.includes(f.key)).at(-1);
    const anchorLine = anchor ? anchor.range.end.line : indicator.name.range.end.line;
    const actual = indicator.actual;
    if (!actual || actual.value.kind === 'none') {
      // Last year's history no longer applies; say why none replaces it.
      summary.withoutActual.push(indicator.name.text);
      addTo(change.after, anchorLine, [`${fieldIndent}${keywordFor(indicator, 'historySource')} 上年值：${year}年未填完成值，待补`]);
      continue;
    }
    const added = [`${fieldIndent}${keywordFor(indicator, 'lastYear')} ${firstLine(actual.text)}`];
    summary.lastYears++;
    let found: Found[] = [];
    if (isQuantity(actual.value)) found = actualsOf(indicator.name.text, actual.value, year, indicator, history, options.source);
    if (found.length >= 2) {
      added.unshift(`${fieldIndent}${keywordFor(indicator, 'historyAverage')} ${averageText(found.map((f) => f.value), actual.value as Quantity)}`);
      summary.averages++;
      for (const f of found) yearOrigins.set(f.year, (yearOrigins.get(f.year) ?? new Set()).add(f.origin));
    }
    added.push(`${fieldIndent}${keywordFor(indicator, 'historySource')} ${historySource(year, found, options.source)}`);
    addTo(change.after, anchorLine, added);
  }
  summary.years = [...yearOrigins].sort((a, b) => a[0] - b[0]).map(([y, origins]) => ({ year: y, origins: [...origins] }));

  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(...(change.before.get(i) ?? []));
    if (!change.remove.has(i)) out.push(change.replace.get(i) ?? line);
    out.push(...(change.after.get(i) ?? []));
  });
  return { ok: true, text: out.join(eol), summary };
}

/** What was done, in a few lines for the CLI and the editor: the years found and where, what needs review. */
export function rolloverReport(summary: RolloverSummary): Message[] {
  const { year, nextYear, indicators, carried, lastYears, averages, years, withoutActual } = summary;
  const out: Message[] = [
    {
      zh: `${nextYear}年度目标表：${indicators} 个指标，${carried} 个指标值沿用${year}年，待复核（TT208）`,
      en: `the ${nextYear} table: ${indicators} indicators, ${carried} targets carried over from ${year}, to review (TT208)`,
    },
    { zh: `上年值：${lastYears} 个取自${year}年完成值`, en: `last year (上年值): ${lastYears} from the ${year} actuals` },
  ];
  if (years.length) {
    const zh = years.map((y) => `${y.year}年（${y.origins.join('、')}）`).join('、');
    const en = years.map((y) => `${y.year} (${y.origins.join(', ')})`).join(', ');
    out.push({ zh: `前三年均值：${averages} 个，按 ${zh} 的完成值计算`, en: `3-year average (前三年均值): ${averages}, from the actuals of ${en}` });
  }
  const missing = [year - 2, year - 1].filter((y) => !years.some((f) => f.year === y));
  if (missing.length) {
    out.push({
      zh: `未找到 ${missing.map((y) => `${y}年`).join('、')} 的目标表（工作区和 git 历史中），${averages ? '均值按找到的年份计算' : '未计算前三年均值'}`,
      en: `no table of ${missing.join(' or ')} found (workspace and git history); ${averages ? 'averages use the years found' : 'no 3-year average computed'}`,
    });
  }
  if (withoutActual.length) {
    const names = withoutActual.slice(0, 5).join('、') + (withoutActual.length > 5 ? '…' : '');
    out.push({ zh: `${withoutActual.length} 个指标${year}年未填完成值，上年值待补：${names}`, en: `${withoutActual.length} indicators have no ${year} actual; fill in their 上年值: ${names}` });
  }
  return out;
}

/** Next year's file name: this one's with the year replaced, else `<部门>-<年度>.ttab`. */
export function nextYearFileName(baseName: string, department: string, year: number): string {
  return baseName.includes(String(year)) ? baseName.split(String(year)).join(String(year + 1)) : `${department || 'table'}-${year + 1}.ttab`;
}
