/** The renderer of each report and format: the one dispatch the CLI (`ttab report`) and the extension (Generate Report…) use. */
import { renderCsv } from './csv';
import { renderFormHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './model';
import type { HtmlOptions } from './page';
import { renderReviewHtml, renderReviewMarkdown } from './review';
import { xlsxBuffer } from './xlsx';
import type { ReportFormat, ReportKind } from './formats';

/** The report as text (HTML, Markdown, CSV) or bytes (XLSX). The caller checks the format is one of REPORT_FORMATS[kind]. */
export async function renderReport(model: ReportModel, kind: ReportKind, format: ReportFormat, options: HtmlOptions): Promise<string | Uint8Array> {
  if (kind === 'review') return format === 'md' ? renderReviewMarkdown(model, options) : renderReviewHtml(model, options);
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
