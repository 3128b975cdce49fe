/** The renderer of each report and format: the one dispatch the CLI (`ttab report`) and the extension (Generate Report…) use. */
import { renderCsv } from './csv';
import { renderFormHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './model';
import type { HtmlOptions } from './page';
import { renderReviewHtml, renderReviewMarkdown } from './review';
import { xlsxBuffer } from './xlsx';
import { LIFECYCLE_COLUMNS, lifecycleSheets } from './lifecycle';
import { renderSheetsCsv, renderSheetsHtml, renderSheetsMarkdown, sheetsXlsx } from './sheet';
import type { ReportFormat, ReportKind } from './formats';

/** The report as text (HTML, Markdown, CSV) or bytes (XLSX). The caller checks the format is one of REPORT_FORMATS[kind]. */
export async function renderReport(model: ReportModel, kind: ReportKind, format: ReportFormat, options: HtmlOptions): Promise<string | Uint8Array> {
  if (kind === 'review') return format === 'md' ? renderReviewMarkdown(model, options) : renderReviewHtml(model, options);
  if (kind === 'monitor' || kind === 'self-eval') {
    const sheets = lifecycleSheets(model, kind);
    switch (format) {
      case 'html':
        return renderSheetsHtml(sheets, kind, options);
      case 'xlsx':
        return sheetsXlsx(sheets, options);
      case 'md':
        return renderSheetsMarkdown(sheets, options);
      case 'csv':
        return renderSheetsCsv(sheets, LIFECYCLE_COLUMNS[kind]);
    }
  }
  switch (format) {
    case 'html':
      return renderFormHtml(model, options);
    case 'xlsx':
      return xlsxBuffer(model, options);
    case 'md':
      return renderMarkdown(model, options);
    case 'csv':
      return renderCsv(model);
  }
}

/** Any report as an HTML page (for a webview: pass `forPreview`); the form for a kind without HTML. */
export function renderHtml(model: ReportModel, kind: ReportKind, options: HtmlOptions): string {
  if (kind === 'review') return renderReviewHtml(model, options);
  if (kind === 'monitor' || kind === 'self-eval') return renderSheetsHtml(lifecycleSheets(model, kind), kind, options);
  return renderFormHtml(model, options);
}
