/**
 * The official form as one self-contained HTML page: the title, the four-row
 * header of the form, one row per indicator with the merged cells as row
 * spans, the table's errors listed above it. Inline CSS only; printing it (A4
 * landscape, the header repeated on every page) gives the paper form. Each row
 * carries `data-line` (its 指标 line, 0-based) for the editor's preview.
 */
import { escapeHtml } from './escape';
import type { FormColumn, MergedColumn, ReportModel, ReportRow, ReportTable } from './model';
import { COLUMN_WIDTHS, formHeader, HEADER_ROWS, MERGED_COLUMNS } from './model';
import { BASE_CSS, errorsBox, htmlDocument, printCss, sayer, severityName, type HtmlOptions } from './page';

const FORM_CSS = `${BASE_CSS}
table.form { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; line-height: 1.35; }
table.form th, table.form td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; white-space: pre-line; overflow-wrap: anywhere; }
table.form th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.form td { text-align: left; }
table.form td.c-dutyNumber, table.form td.c-target, table.form td.c-plan, table.form td.c-standard, table.form td.c-historyAverage, table.form td.c-lastYear { text-align: center; }
table.form tr.level-only td { color: #777; }
${columnWidths()}
${printCss('table.form', '8pt')}`;

/**
 * Column widths as shares of the page, so the form fits the printed page;
 * a table without some columns (事项, 类别) spreads their share over the others.
 */
function columnWidths(): string {
  const total = Object.values(COLUMN_WIDTHS).reduce((a, b) => a + b, 0);
  return Object.entries(COLUMN_WIDTHS)
    .map(([column, width]) => `col.c-${column} { width: ${((100 * width) / total).toFixed(2)}%; }`)
    .join('\n');
}

/** Marks for the preview: a row with findings shows its most severe one. */
const PREVIEW_CSS = `
tr.has-error td { background: #fde7e7; }
tr.has-warning td { background: #fff5d6; }
tr.has-info td { background: #e8f1fb; }
tbody tr:hover td { outline: 1px solid #05a; outline-offset: -1px; cursor: pointer; }
`;

/** The HTML form of every table of the model, one section each. */
export function renderFormHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const title = model.tables.length === 1 ? model.tables[0]!.title : '部门预算整体绩效目标表';
  const css = options.forPreview ? FORM_CSS + PREVIEW_CSS : FORM_CSS;
  return htmlDocument(title, css, renderFormBody(model, options), options);
}

/** The page body alone (the sections of every table), for a preview that replaces its content in place. */
export function renderFormBody(model: ReportModel, options: HtmlOptions = {}): string {
  let out = '<main class="report form-report">\n';
  model.tables.forEach((table, index) => (out += formSection(table, index, options)));
  return `${out}</main>\n`;
}

function formSection(table: ReportTable, index: number, options: HtmlOptions): string {
  let out = `<section class="report-table" id="table-${index}" data-file="${escapeHtml(table.file)}">\n`;
  out += `<h1>${escapeHtml(table.title)}</h1>\n`;
  out += `<p class="file">${escapeHtml(table.file)}</p>\n`;
  out += errorsBox(table, options);
  out += `<table class="form">\n<colgroup>${table.columns.map((c) => `<col class="c-${c}">`).join('')}</colgroup>\n`;
  out += `<thead>\n${headerRows(table.columns)}</thead>\n<tbody>\n`;
  for (const row of table.rows) out += bodyRow(table.columns, row, options);
  return `${out}</tbody>\n</table>\n</section>\n`;
}

function headerRows(columns: readonly FormColumn[]): string {
  const rows: string[] = Array.from({ length: HEADER_ROWS }, () => '');
  for (const cell of formHeader(columns)) {
    const span = `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`;
    rows[cell.row] += `<th scope="col"${span}>${escapeHtml(cell.text)}</th>`;
  }
  return rows.map((r) => `<tr>${r}</tr>\n`).join('');
}

const MERGED = new Set<FormColumn>(MERGED_COLUMNS);

function bodyRow(columns: readonly FormColumn[], row: ReportRow, options: HtmlOptions): string {
  const classes: string[] = [];
  if (!row.isIndicator) classes.push('level-only');
  let title = '';
  if (options.forPreview && row.findings.length > 0) {
    const worst = row.findings.some((f) => f.severity === 'error') ? 'error' : row.findings.some((f) => f.severity === 'warning') ? 'warning' : 'info';
    classes.push(`has-${worst}`);
    const say = sayer(options);
    title = ` title="${escapeHtml(row.findings.map((f) => `${f.line + 1}: ${severityName(f.severity, say)} ${f.code} ${say(f.message)}`).join('\n'))}"`;
  }
  let out = `<tr data-line="${row.line}"${classes.length ? ` class="${classes.join(' ')}"` : ''}${title}>`;
  for (const column of columns) {
    let span = 1;
    if (MERGED.has(column)) {
      span = row.spans[column as MergedColumn];
      if (span === 0) continue; // covered by the cell of a row above
    }
    out += `<td class="c-${column}"${span > 1 ? ` rowspan="${span}"` : ''}>${escapeHtml(row.cells[column])}</td>`;
  }
  return `${out}</tr>\n`;
}
