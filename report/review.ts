/**
 * The review report, for one table or a whole workspace (HTML and Markdown):
 * counts of duties, objectives and indicators, the share of quantified
 * targets, indicators by category, findings by rule and severity with links
 * back to `file:line`, the indicators whose target changed direction against
 * a reference or fell below history, and a chart (inline SVG) per indicator of
 * its target against plan, standard, 3-year average and last year — only the
 * quantities comparable with the target.
 */
import type { Quantity, Severity, ValueKey } from '../grammar/src/index';
import { defaultUnitCatalog, KEYWORD_BY_KEY, parseCategory, REFERENCE_KEYS } from '../grammar/src/index';
import { RULES, targetComparison } from '../service/index';
import { escapeHtml } from './escape';
import type { ReportFinding, ReportModel, ReportRow, ReportTable } from './model';
import { escapeMarkdown, markdownLink, type MarkdownOptions } from './markdown';
import { BASE_CSS, htmlDocument, linkTo, sayer, severityName, type HtmlOptions, type Say } from './page';

// ---------------------------------------------------------------------------
// Figures

type ReferenceKey = (typeof REFERENCE_KEYS)[number];

export interface ChartBar {
  key: ValueKey;
  raw: string;
  value: number;
}

export interface IndicatorChart {
  row: ReportRow;
  /** The target first, then each reference comparable with it. */
  bars: ChartBar[];
}

export interface DirectionChange {
  row: ReportRow;
  kind: 'direction' | 'belowHistory';
  reference: ReferenceKey;
  target: string;
  referenceText: string;
}

export interface TableReview {
  table: ReportTable;
  duties: number;
  items: number;
  objectives: number;
  indicators: number;
  /** Indicators whose target is a quantity or labelled quantities. */
  quantified: number;
  /** Indicators per first-level category (产出, 效益, 满意度) and per 一级/二级; '' = no 类别 or unreadable. */
  categories: Map<string, number>;
  changes: DirectionChange[];
  charts: IndicatorChart[];
}

/** The figures of one table. */
export function reviewOf(table: ReportTable): TableReview {
  const ast = table.parsed.ast;
  let items = 0;
  let objectives = 0;
  for (const duty of ast.duties) {
    items += duty.items.length;
    objectives += duty.objectives.length;
    for (const item of duty.items) objectives += item.objectives.length;
  }
  const review: TableReview = {
    table,
    duties: ast.duties.length,
    items,
    objectives,
    indicators: 0,
    quantified: 0,
    categories: new Map(),
    changes: [],
    charts: [],
  };
  for (const row of table.rows) {
    const indicator = row.context?.indicator;
    if (!indicator) continue;
    review.indicators++;
    const target = indicator.target?.value;
    // The checker's reading of the target and its references, so the report agrees with `ttab check`.
    const comparison = targetComparison(indicator, defaultUnitCatalog);
    if (comparison || target?.kind === 'quantity' || target?.kind === 'composite') review.quantified++;
    const category = indicator.category ? parseCategory(indicator.category.text) : undefined;
    const key = category ? (category.level2 ? `${category.level1}/${category.level2}` : category.level1) : '';
    review.categories.set(key, (review.categories.get(key) ?? 0) + 1);
    if (!comparison) continue;

    // As written: a bare number stays bare; of words and a quantity, the quantity.
    const targetText = (comparison.reading === 'labelled' ? comparison.target.raw : indicator.target!.text).trim();
    const bars: ChartBar[] = [{ key: 'target', raw: targetText, value: comparison.target.normalized }];
    for (const { key, field, value } of comparison.references) {
      const referenceText = field.text.trim();
      bars.push({ key, raw: referenceText, value: value.normalized });
      const change = changeAgainst(comparison.target, value, comparison.direction, key);
      if (change) review.changes.push({ row, kind: change, reference: key, target: targetText, referenceText });
    }
    if (bars.length > 1) review.charts.push({ row, bars });
  }
  return review;
}

const AT_LEAST = new Set(['≥', '>']);
const AT_MOST = new Set(['≤', '<']);

/**
 * A target written as a floor (≥) against a reference written as a ceiling (≤)
 * or the reverse has changed direction; a target worse than last year or the
 * 3-year average (by the indicator's direction: more or less is better) fell
 * below history.
 */
function changeAgainst(target: Quantity, reference: Quantity, dir: 'more' | 'less' | null, key: ReferenceKey): DirectionChange['kind'] | null {
  if ((AT_LEAST.has(target.comparator) && AT_MOST.has(reference.comparator)) || (AT_MOST.has(target.comparator) && AT_LEAST.has(reference.comparator))) {
    return 'direction';
  }
  if (key !== 'historyAverage' && key !== 'lastYear') return null;
  if ((dir === 'more' && target.normalized < reference.normalized) || (dir === 'less' && target.normalized > reference.normalized)) return 'belowHistory';
  return null;
}

interface RuleCount {
  code: string;
  severity: Severity;
  occurrences: { table: ReportTable; finding: ReportFinding }[];
}

/** Findings grouped by code and severity, most severe first, then by code. */
function findingsByRule(tables: readonly ReportTable[]): RuleCount[] {
  const groups = new Map<string, RuleCount>();
  for (const table of tables) {
    for (const finding of table.findings) {
      const key = `${finding.severity}\u0000${finding.code}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { code: finding.code, severity: finding.severity, occurrences: [] }));
      group.occurrences.push({ table, finding });
    }
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...groups.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || a.code.localeCompare(b.code));
}

function sumReviews(reviews: readonly TableReview[]): Omit<TableReview, 'table'> {
  const total: Omit<TableReview, 'table'> = { duties: 0, items: 0, objectives: 0, indicators: 0, quantified: 0, categories: new Map(), changes: [], charts: [] };
  for (const r of reviews) {
    total.duties += r.duties;
    total.items += r.items;
    total.objectives += r.objectives;
    total.indicators += r.indicators;
    total.quantified += r.quantified;
    for (const [k, n] of r.categories) total.categories.set(k, (total.categories.get(k) ?? 0) + n);
  }
  return total;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------
// Words

const W = {
  title: { zh: '绩效目标表审核报告', en: 'Performance target review' },
  workspace: { zh: '全部目标表', en: 'All tables' },
  tables: { zh: '目标表', en: 'Tables' },
  table: { zh: '目标表', en: 'Table' },
  duties: { zh: '职责', en: 'Duties' },
  items: { zh: '事项', en: 'Sub-duties (事项)' },
  objectives: { zh: '职责目标', en: 'Objectives' },
  indicators: { zh: '绩效指标', en: 'Indicators' },
  quantified: { zh: '量化指标值占比', en: 'Quantified targets' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  infos: { zh: '提示', en: 'Info' },
  figures: { zh: '概况', en: 'Figures' },
  categories: { zh: '指标类别分布', en: 'Indicators by category' },
  category: { zh: '类别', en: 'Category' },
  count: { zh: '个数', en: 'Count' },
  share: { zh: '占比', en: 'Share' },
  uncategorized: { zh: '（未填类别）', en: '(no category)' },
  findings: { zh: '问题（按规则和严重程度）', en: 'Findings by rule and severity' },
  noFindings: { zh: '没有发现问题。', en: 'No findings.' },
  rule: { zh: '规则', en: 'Rule' },
  severity: { zh: '严重程度', en: 'Severity' },
  where: { zh: '位置', en: 'Where' },
  changes: { zh: '方向改变或低于历史值的指标', en: 'Targets that changed direction or fell below history' },
  changedCount: { zh: '方向改变或低于历史值', en: 'Changed direction or below history' },
  noChanges: { zh: '没有指标改变方向或低于历史值。', en: 'No target changed direction or fell below history.' },
  indicator: { zh: '绩效指标', en: 'Indicator' },
  target: { zh: '年度指标值', en: 'Target' },
  reference: { zh: '参考值', en: 'Reference' },
  what: { zh: '情况', en: 'What' },
  direction: { zh: '方向改变', en: 'changed direction' },
  belowHistory: { zh: '低于历史值', en: 'below history' },
  charts: { zh: '指标值与参考值对比', en: 'Targets against their references' },
  noCharts: { zh: '没有可与参考值比较的量化指标值。', en: 'No quantified target with a comparable reference.' },
} as const;


function categoryName(key: string, say: Say): string {
  return key === '' ? say(W.uncategorized) : key;
}

function ruleTitle(code: string, say: Say): string {
  const rule = RULES[code];
  return rule ? say(rule.title) : code;
}

function severityCounts(tables: readonly ReportTable[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const t of tables) for (const f of t.findings) counts[f.severity]++;
  return counts;
}

// ---------------------------------------------------------------------------
// HTML

const REVIEW_CSS = `${BASE_CSS}
h1 { text-align: left; }
h3 { font-size: 12pt; margin: 14px 0 6px; }
table.grid { border-collapse: collapse; font-size: 10pt; margin: 4px 0 8px; }
table.grid th, table.grid td { border: 1px solid #999; padding: 3px 8px; text-align: left; vertical-align: top; white-space: pre-line; }
table.grid th { background: #f2f2f2; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td.error { color: #c00; font-weight: bold; }
table.grid td.warning { color: #b36b00; font-weight: bold; }
table.grid td.info { color: #05a; }
details summary { cursor: pointer; }
.charts { display: flex; flex-wrap: wrap; gap: 10px; }
figure.chart { margin: 0; border: 1px solid #ddd; padding: 6px; width: 380px; break-inside: avoid; }
figure.chart figcaption { font-size: 9.5pt; margin-bottom: 4px; }
figure.chart svg { display: block; }
@page { size: A4 landscape; margin: 12mm; }
`;

export function renderReviewHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const say = sayer(options);
  const reviews = model.tables.map(reviewOf);
  let body = `<main class="report review-report">\n<h1>${escapeHtml(say(W.title))}</h1>\n`;
  if (reviews.length > 1) {
    body += `<section class="overview">\n<h2>${escapeHtml(say(W.workspace))}</h2>\n`;
    body += overviewHtml(reviews, say);
    body += figuresHtml(sumReviews(reviews), model.tables, say);
    body += categoriesHtml(sumReviews(reviews).categories, say);
    body += findingsHtml(model.tables, options);
    body += '</section>\n';
  }
  reviews.forEach((review, index) => (body += tableReviewHtml(review, index, options)));
  body += '</main>\n';
  return htmlDocument(say(W.title), REVIEW_CSS, body, options);
}

function overviewHtml(reviews: readonly TableReview[], say: Say): string {
  let out = `<table class="grid overview-tables"><thead><tr><th>${escapeHtml(say(W.table))}</th><th>${escapeHtml(say(W.indicators))}</th><th>${escapeHtml(say(W.quantified))}</th><th>${escapeHtml(say(W.errors))}</th><th>${escapeHtml(say(W.warnings))}</th><th>${escapeHtml(say(W.infos))}</th><th>${escapeHtml(say(W.changedCount))}</th></tr></thead>\n<tbody>\n`;
  reviews.forEach((r, index) => {
    const c = severityCounts([r.table]);
    out += `<tr><td><a href="#review-${index}">${escapeHtml(r.table.title)}</a><br>${escapeHtml(r.table.file)}</td><td class="num">${r.indicators}</td><td class="num">${percent(r.quantified, r.indicators)}</td><td class="num">${c.error}</td><td class="num">${c.warning}</td><td class="num">${c.info}</td><td class="num">${r.changes.length}</td></tr>\n`;
  });
  return `${out}</tbody></table>\n`;
}

function figuresHtml(figures: Omit<TableReview, 'table'>, tables: readonly ReportTable[], say: Say): string {
  const c = severityCounts(tables);
  const rows: [string, string][] = [
    [say(W.duties), String(figures.duties)],
    [say(W.items), String(figures.items)],
    [say(W.objectives), String(figures.objectives)],
    [say(W.indicators), String(figures.indicators)],
    [say(W.quantified), `${percent(figures.quantified, figures.indicators)} (${figures.quantified}/${figures.indicators})`],
    [say(W.errors), String(c.error)],
    [say(W.warnings), String(c.warning)],
    [say(W.infos), String(c.info)],
  ];
  return `<h3>${escapeHtml(say(W.figures))}</h3>\n<table class="grid figures"><tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td class="num">${escapeHtml(v)}</td></tr>\n`).join('')}</tbody></table>\n`;
}

function sortedCategories(categories: Map<string, number>): [string, number][] {
  return [...categories].sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : a[0].localeCompare(b[0], 'zh')));
}

function categoriesHtml(categories: Map<string, number>, say: Say): string {
  const total = [...categories.values()].reduce((a, b) => a + b, 0);
  let out = `<h3>${escapeHtml(say(W.categories))}</h3>\n<table class="grid categories"><thead><tr><th>${escapeHtml(say(W.category))}</th><th>${escapeHtml(say(W.count))}</th><th>${escapeHtml(say(W.share))}</th></tr></thead><tbody>\n`;
  for (const [key, n] of sortedCategories(categories)) {
    out += `<tr><td>${escapeHtml(categoryName(key, say))}</td><td class="num">${n}</td><td class="num">${percent(n, total)}</td></tr>\n`;
  }
  return `${out}</tbody></table>\n`;
}

function findingsHtml(tables: readonly ReportTable[], options: HtmlOptions): string {
  const say = sayer(options);
  const groups = findingsByRule(tables);
  let out = `<h3>${escapeHtml(say(W.findings))}</h3>\n`;
  if (groups.length === 0) return `${out}<p>${escapeHtml(say(W.noFindings))}</p>\n`;
  out += `<table class="grid findings-by-rule"><thead><tr><th>${escapeHtml(say(W.rule))}</th><th>${escapeHtml(say(W.severity))}</th><th>${escapeHtml(say(W.count))}</th><th>${escapeHtml(say(W.where))}</th></tr></thead><tbody>\n`;
  for (const g of groups) {
    const links = g.occurrences
      .map(({ table, finding }) => `<a href="${linkTo(options, table.file, finding.line + 1)}" title="${escapeHtml(say(finding.message))}">${escapeHtml(`${table.file}:${finding.line + 1}`)}</a>`)
      .join(' ');
    const where = g.occurrences.length > 5 ? `<details><summary>${g.occurrences.length}</summary>${links}</details>` : links;
    out += `<tr data-code="${escapeHtml(g.code)}"><td><code>${escapeHtml(g.code)}</code> ${escapeHtml(ruleTitle(g.code, say))}</td><td class="${g.severity}">${escapeHtml(severityName(g.severity, say))}</td><td class="num">${g.occurrences.length}</td><td>${where}</td></tr>\n`;
  }
  return `${out}</tbody></table>\n`;
}

function changesHtml(review: TableReview, options: HtmlOptions): string {
  const say = sayer(options);
  let out = `<h3>${escapeHtml(say(W.changes))}</h3>\n`;
  if (review.changes.length === 0) return `${out}<p>${escapeHtml(say(W.noChanges))}</p>\n`;
  out += `<table class="grid changes"><thead><tr><th>${escapeHtml(say(W.indicator))}</th><th>${escapeHtml(say(W.target))}</th><th>${escapeHtml(say(W.reference))}</th><th>${escapeHtml(say(W.what))}</th></tr></thead><tbody>\n`;
  for (const c of review.changes) {
    const line = c.row.line + 1;
    out +=
      `<tr data-line="${c.row.line}"><td><a href="${linkTo(options, review.table.file, line)}">${escapeHtml(c.row.cells.indicator)}</a> (${escapeHtml(`${review.table.file}:${line}`)})</td>` +
      `<td>${escapeHtml(c.target)}</td><td>${escapeHtml(`${say(KEYWORD_BY_KEY[c.reference].label)} ${c.referenceText}`)}</td><td>${escapeHtml(say(W[c.kind]))}</td></tr>\n`;
  }
  return `${out}</tbody></table>\n`;
}

const CHART = { width: 368, labelWidth: 84, valueWidth: 96, barHeight: 14, gap: 6 };

/** A horizontal bar per value, on one scale from 0; the target dark, the references grey. */
function chartSvg(chart: IndicatorChart, say: Say): string {
  const { width, labelWidth, valueWidth, barHeight, gap } = CHART;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(...chart.bars.map((b) => Math.abs(b.value)));
  const height = chart.bars.length * (barHeight + gap) + gap;
  const label = `${chart.row.cells.indicator}: ${chart.bars.map((b) => `${say(KEYWORD_BY_KEY[b.key].label)} ${b.raw}`).join('; ')}`;
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">`;
  out += `<title>${escapeHtml(label)}</title>`;
  chart.bars.forEach((bar, i) => {
    const y = gap + i * (barHeight + gap);
    const length = max === 0 ? 0 : Math.max(1, Math.round((Math.abs(bar.value) / max) * plot));
    const fill = bar.key === 'target' ? (bar.value < 0 ? '#a33' : '#1f5fa8') : bar.value < 0 ? '#d99' : '#9aa7b4';
    out +=
      `<text x="${labelWidth - 6}" y="${y + barHeight - 3}" text-anchor="end" font-size="11">${escapeHtml(say(KEYWORD_BY_KEY[bar.key].label))}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" fill="${fill}"/>` +
      `<text x="${labelWidth + length + 4}" y="${y + barHeight - 3}" font-size="11">${escapeHtml(bar.raw)}</text>`;
  });
  out += `<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#333" stroke-width="1"/>`;
  return `${out}</svg>`;
}

function chartsHtml(review: TableReview, options: HtmlOptions): string {
  const say = sayer(options);
  let out = `<h3>${escapeHtml(say(W.charts))}</h3>\n`;
  if (review.charts.length === 0) return `${out}<p>${escapeHtml(say(W.noCharts))}</p>\n`;
  out += '<div class="charts">\n';
  for (const chart of review.charts) {
    const line = chart.row.line + 1;
    out += `<figure class="chart" data-line="${chart.row.line}"><figcaption><a href="${linkTo(options, review.table.file, line)}">${escapeHtml(chart.row.cells.indicator)}</a></figcaption>${chartSvg(chart, say)}</figure>\n`;
  }
  return `${out}</div>\n`;
}

function tableReviewHtml(review: TableReview, index: number, options: HtmlOptions): string {
  const say = sayer(options);
  const table = review.table;
  let out = `<section class="report-table" id="review-${index}" data-file="${escapeHtml(table.file)}">\n<h2>${escapeHtml(table.title)}</h2>\n<p class="file">${escapeHtml(table.file)}</p>\n`;
  out += figuresHtml(review, [table], say);
  out += categoriesHtml(review.categories, say);
  out += findingsHtml([table], options);
  out += changesHtml(review, options);
  out += chartsHtml(review, options);
  return `${out}</section>\n`;
}

// ---------------------------------------------------------------------------
// Markdown

export function renderReviewMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const say = sayer(options);
  const reviews = model.tables.map(reviewOf);
  let out = `# ${escapeMarkdown(say(W.title))}\n\n`;
  if (reviews.length > 1) {
    out += `## ${escapeMarkdown(say(W.workspace))}\n\n`;
    out += mdTable(
      [say(W.table), say(W.indicators), say(W.quantified), say(W.errors), say(W.warnings), say(W.infos), say(W.changedCount)],
      reviews.map((r) => {
        const c = severityCounts([r.table]);
        return [escapeMarkdown(r.table.title), String(r.indicators), percent(r.quantified, r.indicators), String(c.error), String(c.warning), String(c.info), String(r.changes.length)];
      }),
    );
    out += figuresMarkdown(sumReviews(reviews), model.tables, say);
    out += categoriesMarkdown(sumReviews(reviews).categories, say);
    out += findingsMarkdown(model.tables, options);
  }
  for (const review of reviews) {
    out += `## ${escapeMarkdown(review.table.title)}\n\n${escapeMarkdown(review.table.file)}\n\n`;
    out += figuresMarkdown(review, [review.table], say);
    out += categoriesMarkdown(review.categories, say);
    out += findingsMarkdown([review.table], options);
    out += `### ${escapeMarkdown(say(W.changes))}\n\n`;
    out += review.changes.length === 0
      ? `${escapeMarkdown(say(W.noChanges))}\n\n`
      : mdTable(
          [say(W.indicator), say(W.target), say(W.reference), say(W.what)],
          review.changes.map((c) => [
            `${escapeMarkdown(c.row.cells.indicator)} (${markdownLink(options, review.table.file, c.row.line + 1)})`,
            escapeMarkdown(c.target),
            escapeMarkdown(`${say(KEYWORD_BY_KEY[c.reference].label)} ${c.referenceText}`),
            escapeMarkdown(say(W[c.kind])),
          ]),
        );
  }
  return out;
}

function mdTable(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = `| ${headings.map(escapeMarkdown).join(' | ')} |\n|${headings.map(() => ' --- |').join('')}\n`;
  for (const row of rows) out += `| ${row.join(' | ')} |\n`;
  return `${out}\n`;
}

function figuresMarkdown(figures: Omit<TableReview, 'table'>, tables: readonly ReportTable[], say: Say): string {
  const c = severityCounts(tables);
  return (
    `### ${escapeMarkdown(say(W.figures))}\n\n` +
    mdTable(
      [say(W.duties), say(W.items), say(W.objectives), say(W.indicators), say(W.quantified), say(W.errors), say(W.warnings), say(W.infos)],
      [[figures.duties, figures.items, figures.objectives, figures.indicators].map(String).concat([`${percent(figures.quantified, figures.indicators)} (${figures.quantified}/${figures.indicators})`, String(c.error), String(c.warning), String(c.info)])],
    )
  );
}

function categoriesMarkdown(categories: Map<string, number>, say: Say): string {
  const total = [...categories.values()].reduce((a, b) => a + b, 0);
  return (
    `### ${escapeMarkdown(say(W.categories))}\n\n` +
    mdTable(
      [say(W.category), say(W.count), say(W.share)],
      sortedCategories(categories).map(([key, n]) => [escapeMarkdown(categoryName(key, say)), String(n), percent(n, total)]),
    )
  );
}

function findingsMarkdown(tables: readonly ReportTable[], options: MarkdownOptions): string {
  const say = sayer(options);
  const groups = findingsByRule(tables);
  let out = `### ${escapeMarkdown(say(W.findings))}\n\n`;
  if (groups.length === 0) return `${out}${escapeMarkdown(say(W.noFindings))}\n\n`;
  return (
    out +
    mdTable(
      [say(W.rule), say(W.severity), say(W.count), say(W.where)],
      groups.map((g) => [
        `\`${g.code}\` ${escapeMarkdown(ruleTitle(g.code, say))}`,
        escapeMarkdown(severityName(g.severity, say)),
        String(g.occurrences.length),
        g.occurrences.map(({ table, finding }) => markdownLink(options, table.file, finding.line + 1)).join(' '),
      ]),
    )
  );
}
