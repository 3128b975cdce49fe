/**
 * Reports of tables: the official form (HTML, XLSX, Markdown, CSV) and the
 * review report (HTML, Markdown). The CLI (`ttab report`) and the extension
 * (Generate Report…, live preview) call only this:
 *
 *   const model = buildReportModel([{ file, text, parsed, findings }, …]);
 *   renderFormHtml(model, { locale, forPreview: { nonce, cspSource, scripts } });
 *   renderReviewHtml(model, { locale }); renderMarkdown(model); renderReviewMarkdown(model);
 *   renderCsv(model); await xlsxBuffer(model);
 *   renderReport(model, 'monitor' | 'self-eval', format, options)  // the forms of the year (lifecycle.ts, sheet.ts)
 *
 * Pure: no file system; every renderer takes any model (tables with errors,
 * empty tables) and never throws on table content.
 */
export {
  buildReportModel,
  formHeader,
  formTitle,
  COLUMN_NAMES,
  FORM_COLUMNS,
  MERGED_COLUMNS,
  HEADER_ROWS,
  type FormColumn,
  type HeaderCell,
  type MergedColumn,
  type ReportFinding,
  type ReportInput,
  type ReportModel,
  type ReportRow,
  type ReportTable,
} from './model';
export type { HtmlOptions } from './page';
export { escapeHtml, fileUrl } from './escape';
export { renderFormHtml, renderFormBody } from './html';
export { renderMarkdown, escapeMarkdown, type MarkdownOptions } from './markdown';
export { renderCsv, CSV_HEADER } from './csv';
export { xlsxBuffer, buildWorkbook, sheetLayout, type XlsxOptions } from './xlsx';
export { renderReviewHtml, renderReviewMarkdown, reviewOf, type TableReview } from './review';
export { renderReport, renderHtml } from './render';
export { lifecycleSheets, lifecycleTitle, LIFECYCLE_COLUMNS, type LifecycleKind, type Sheet, type SheetColumn, type SheetRow } from './lifecycle';
export { renderSheetsHtml, renderSheetsMarkdown, renderSheetsCsv, sheetsXlsx, lifecycleSheetLayout } from './sheet';
export { REPORT_EXTENSIONS, REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from './formats';
