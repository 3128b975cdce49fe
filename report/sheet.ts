/**
 * The monitoring and self-evaluation forms (lifecycle.ts) as HTML (one page per table, printing
 * on A4 landscape with the header repeated), XLSX (a sheet per table, merged duty cells, frozen
 * header, A4 landscape), Markdown and CSV (UTF-8 with BOM, formula-looking cells neutralised).
 * Table text reaches HTML only through escapeHtml and Markdown only through escapeMarkdown.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { protectCell } from './csv';
import { escapeHtml } from './escape';
import { lifecycleTitle, type LifecycleKind, type Sheet, type SheetColumn, type SheetRow } from './lifecycle';
import { escapeMarkdown, type MarkdownOptions } from './markdown';
import { BASE_CSS, errorsBox, htmlDocument, printCss, sayer, type HtmlOptions } from './page';
import { BODY_STYLE, CENTERED_STYLE, FONT, HEADER_STYLE, landscapeA4, LINE_HEIGHT, setText, sheetLayout, sheetName, textLines, TITLE_STYLE, workbookBytes, writeErrors, type XlsxOptions } from './xlsx';

const SHEET_CSS = `${BASE_CSS}
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 8px; font-size: 10.5pt; }
dl.facts div { display: flex; gap: 4px; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table.sheet { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; line-height: 1.35; }
table.sheet th, table.sheet td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; white-space: pre-line; overflow-wrap: anywhere; }
table.sheet th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.sheet td.center { text-align: center; }
table.sheet tfoot td { font-weight: bold; }
table.sheet tr.missed td.c-rate, table.sheet tr.missed td.c-score { color: #b00; }
table.sheet tr.exceeded td.c-rate { color: #05a; }
table.sheet tr.behind td.c-progress { color: #b00; font-weight: bold; }
${printCss('table.sheet', '8.5pt')}`;

const MARK_TITLE = {
  missed: { zh: '未完成目标', en: 'target missed' },
  exceeded: { zh: '大幅超过目标', en: 'far beyond the target' },
  behind: { zh: '进度滞后', en: 'behind time' },
} as const;

// ---------------------------------------------------------------------------
// HTML

export function renderSheetsHtml(sheets: readonly Sheet[], kind: LifecycleKind, options: HtmlOptions = {}): string {
  const title = sheets.length === 1 ? sheets[0]!.title : lifecycleTitle(kind, '', '');
  return htmlDocument(title, SHEET_CSS + columnWidths(sheets), renderSheetsBody(sheets, kind, options), options);
}

/** Column widths as shares of the page, per table (in the stylesheet: no style attributes, for the webview's CSP). */
function columnWidths(sheets: readonly Sheet[]): string {
  return sheets
    .map((sheet, index) => {
      const total = sheet.columns.reduce((w, c) => w + c.width, 0);
      return sheet.columns.map((c) => `#table-${index} col.c-${c.key} { width: ${((100 * c.width) / total).toFixed(2)}%; }`).join('\n');
    })
    .join('\n');
}

export function renderSheetsBody(sheets: readonly Sheet[], kind: LifecycleKind, options: HtmlOptions = {}): string {
  let out = `<main class="report ${kind}-report">\n`;
  sheets.forEach((sheet, index) => (out += sheetSection(sheet, index, options)));
  return `${out}</main>\n`;
}

function sheetSection(sheet: Sheet, index: number, options: HtmlOptions): string {
  const say = sayer(options);
  let out = `<section class="report-table" id="table-${index}" data-file="${escapeHtml(sheet.table.file)}">\n`;
  out += `<h1>${escapeHtml(sheet.title)}</h1>\n<p class="file">${escapeHtml(sheet.table.file)}</p>\n`;
  out += errorsBox(sheet.table, options);
  out += `<dl class="facts">${sheet.facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>\n`;
  out += `<table class="sheet">\n<colgroup>${sheet.columns.map((c) => `<col class="c-${c.key}">`).join('')}</colgroup>\n`;
  out += `<thead><tr>${sheet.columns.map((c) => `<th scope="col">${escapeHtml(c.heading)}</th>`).join('')}</tr></thead>\n<tbody>\n`;
  for (const row of sheet.rows) out += rowHtml(sheet.columns, row, say);
  out += '</tbody>\n';
  if (sheet.totals.length) out += `<tfoot>\n${sheet.totals.map((row) => rowHtml(sheet.columns, row, say)).join('')}</tfoot>\n`;
  return `${out}</table>\n</section>\n`;
}

function rowHtml(columns: readonly SheetColumn[], row: SheetRow, say: ReturnType<typeof sayer>): string {
  const title = row.mark ? ` title="${escapeHtml(say(MARK_TITLE[row.mark]))}"` : '';
  let out = `<tr${row.line >= 0 ? ` data-line="${row.line}"` : ''}${row.mark ? ` class="${row.mark}"` : ''}${title}>`;
  for (const c of columns) {
    const span = c.merged ? (row.spans[c.key] ?? 1) : 1;
    if (span === 0) continue;
    const classes = `c-${c.key}${c.center ? ' center' : ''}`;
    out += `<td class="${classes}"${span > 1 ? ` rowspan="${span}"` : ''}>${escapeHtml(row.cells[c.key] ?? '')}</td>`;
  }
  return `${out}</tr>\n`;
}

// ---------------------------------------------------------------------------
// Markdown and CSV

export function renderSheetsMarkdown(sheets: readonly Sheet[], options: MarkdownOptions = {}): string {
  const say = sayer(options);
  return sheets
    .map((sheet) => {
      let out = `## ${escapeMarkdown(sheet.title)}\n\n${escapeMarkdown(sheet.table.file)}\n\n`;
      const n = sheet.table.errorCount;
      if (n > 0) out += `> ${escapeMarkdown(say({ zh: `本表有 ${n} 个错误，报表可能不完整。`, en: `This table has ${n} error${n === 1 ? '' : 's'}; the report may be incomplete.` }))}\n\n`;
      out += `${sheet.facts.map(([k, v]) => `**${escapeMarkdown(k)}** ${escapeMarkdown(v)}`).join(' · ')}\n\n`;
      out += `| ${sheet.columns.map((c) => escapeMarkdown(c.heading)).join(' | ')} |\n|${sheet.columns.map(() => ' --- |').join('')}\n`;
      for (const row of [...sheet.rows, ...sheet.totals]) {
        out += `| ${sheet.columns.map((c) => (c.merged && row.spans[c.key] === 0 ? '' : escapeMarkdown(row.cells[c.key] ?? ''))).join(' | ')} |\n`;
      }
      return out;
    })
    .join('\n');
}

/** One record per indicator, every column (merged cells repeated), then the file and line; the totals are left out (a CSV is data). */
export function renderSheetsCsv(sheets: readonly Sheet[], columns: readonly SheetColumn[]): string {
  const records: string[][] = [['部门', '年度', ...columns.map((c) => c.heading), '文件', '行']];
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      records.push([sheet.table.department, sheet.table.year, ...columns.map((c) => row.cells[c.key] ?? ''), sheet.table.file, String(row.line + 1)].map(protectCell));
    }
  }
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}

// ---------------------------------------------------------------------------
// XLSX

const FACTS_STYLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, alignment: { vertical: 'middle', wrapText: true } };
const TOTAL_STYLE: Partial<ExcelJS.Style> = { ...CENTERED_STYLE, font: { name: FONT, size: 10, bold: true } };

export async function sheetsXlsx(sheets: readonly Sheet[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Target Table';
  const taken = new Set<string>();
  sheets.forEach((sheet, index) => addSheet(workbook, sheet, sheetName(sheet.table, index, taken), options));
  if (sheets.length === 0) workbook.addWorksheet('Sheet1');
  return workbookBytes(workbook);
}

/** Rows of a lifecycle sheet (1-based): the title, the errors, the facts, the header, the body. */
export function lifecycleSheetLayout(sheet: Sheet): { errorRows: number[]; factsRow: number; headerRow: number; bodyTop: number } {
  const { errorRows, headerTop } = sheetLayout(sheet.table);
  return { errorRows, factsRow: headerTop, headerRow: headerTop + 1, bodyTop: headerTop + 2 };
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet, name: string, options: XlsxOptions): void {
  const layout = lifecycleSheetLayout(sheet);
  const width = sheet.columns.length;
  const totalWidth = sheet.columns.reduce((w, c) => w + c.width, 0);
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: layout.headerRow }],
    pageSetup: landscapeA4(`${layout.headerRow}:${layout.headerRow}`),
  });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  setText(ws.getCell(1, 1), sheet.title, TITLE_STYLE, workbook);
  ws.getRow(1).height = 30;
  ws.mergeCells(1, 1, 1, width);
  writeErrors(ws, sheet.table, layout.errorRows, width, totalWidth, options, workbook);

  setText(ws.getCell(layout.factsRow, 1), sheet.facts.map(([k, v]) => `${k}：${v}`).join('    '), FACTS_STYLE, workbook);
  ws.mergeCells(layout.factsRow, 1, layout.factsRow, width);

  sheet.columns.forEach((c, k) => setText(ws.getCell(layout.headerRow, k + 1), c.heading, HEADER_STYLE, workbook));
  ws.getRow(layout.headerRow).height = 30;

  const rows = [...sheet.rows, ...sheet.totals];
  const lines = new Float64Array(rows.length).fill(1);
  rows.forEach((row, i) => {
    const r = layout.bodyTop + i;
    const total = i >= sheet.rows.length;
    sheet.columns.forEach((c, k) => {
      const cell = ws.getCell(r, k + 1);
      const style = total ? TOTAL_STYLE : c.center ? CENTERED_STYLE : BODY_STYLE;
      cell.style = style;
      const span = c.merged ? (row.spans[c.key] ?? 1) : 1;
      if (span === 0) return;
      const text = row.cells[c.key] ?? '';
      if (text !== '') setText(cell, text, style, workbook);
      if (span > 1) ws.mergeCells(r, k + 1, r + span - 1, k + 1);
      const needed = textLines(text, c.width) / Math.max(1, span);
      for (let j = i; j < i + Math.max(1, span); j++) if (lines[j]! < needed) lines[j] = needed;
    });
  });
  rows.forEach((_, i) => (ws.getRow(layout.bodyTop + i).height = Math.ceil(lines[i]!) * LINE_HEIGHT + 4));
}
