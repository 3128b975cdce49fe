/**
 * Which report comes in which format. No renderer is loaded from here, so the
 * extension can offer the choices at once and load the reports on first use.
 */
export type ReportKind = 'form' | 'review' | 'monitor' | 'self-eval';
export type ReportFormat = 'html' | 'xlsx' | 'md' | 'csv';

export const REPORT_KINDS: readonly ReportKind[] = ['form', 'review', 'monitor', 'self-eval'];

/** The formats each kind of report comes in, the first being the default. */
export const REPORT_FORMATS: Readonly<Record<ReportKind, readonly ReportFormat[]>> = {
  form: ['html', 'xlsx', 'md', 'csv'],
  review: ['html', 'md'],
  monitor: ['html', 'xlsx', 'md', 'csv'],
  'self-eval': ['html', 'xlsx', 'md', 'csv'],
};

/** The file name extension of each format. */
export const REPORT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = { html: 'html', xlsx: 'xlsx', md: 'md', csv: 'csv' };
