/**
 * What the HTML reports share: the options, the document shell (with its
 * Content Security Policy, for a file on disk or for the editor's preview
 * webview) and the list of findings. Every piece of table text goes through
 * escapeHtml; no markup here carries a style attribute or an inline script, so
 * the preview's CSP (styles and scripts by nonce only) holds.
 */
import { type Locale, localize } from '../service/index';
import { escapeHtml, fileUrl } from './escape';
import type { ReportFinding, ReportTable } from './model';

export interface HtmlOptions {
  /** Language of everything the report says besides the form's own headings (default zh). */
  locale?: Locale;
  /**
   * For the editor's live preview webview: the CSP allows only the webview's
   * own resources (`cspSource`) and, for the inline style and the given
   * scripts, the nonce. Without it the page is a standalone file.
   */
  forPreview?: { nonce: string; cspSource: string; scripts?: readonly string[] };
  /** The link to a line of a table (1-based); default: the file path with `#L<line>`. */
  link?: (file: string, line: number) => string;
}

export type Say = (message: { zh: string; en: string }) => string;

export function sayer(options: HtmlOptions): Say {
  const locale = options.locale ?? 'zh';
  return (message) => localize(message, locale);
}

export function linkTo(options: HtmlOptions, file: string, line: number): string {
  return escapeHtml((options.link ?? fileUrl)(file, line));
}

/** The whole HTML document around a report body. */
export function htmlDocument(title: string, css: string, body: string, options: HtmlOptions): string {
  const preview = options.forPreview;
  const lang = (options.locale ?? 'zh') === 'zh' ? 'zh-CN' : 'en';
  let csp: string;
  let head: string;
  if (preview) {
    const nonce = escapeHtml(preview.nonce);
    const source = escapeHtml(preview.cspSource);
    csp = `default-src 'none'; img-src ${source} data:; font-src ${source}; style-src ${source} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
    head = `<style nonce="${nonce}">${css}</style>${(preview.scripts ?? []).map((src) => `<script nonce="${nonce}" src="${escapeHtml(src)}"></script>`).join('')}`;
  } else {
    // A report on disk runs nothing and loads nothing, even if a browser were tricked into reading markup from it.
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    head = `<style>${css}</style>`;
  }
  return (
    `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n${head}\n</head>\n<body>\n${body}</body>\n</html>\n`
  );
}

const SEVERITY_NAMES = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
} as const;

export function severityName(severity: ReportFinding['severity'], say: Say): string {
  return say(SEVERITY_NAMES[severity]);
}

/** `<li>` per finding: a link to `file:line`, the code and the message. */
export function findingItems(table: ReportTable, findings: readonly ReportFinding[], options: HtmlOptions): string {
  const say = sayer(options);
  let out = '';
  for (const f of findings) {
    const line = f.line + 1;
    out +=
      `<li class="finding ${f.severity}" data-line="${f.line}">` +
      `<a href="${linkTo(options, table.file, line)}">${escapeHtml(`${table.file}:${line}`)}</a> ` +
      `<span class="severity">${escapeHtml(severityName(f.severity, say))}</span> ` +
      `<code>${escapeHtml(f.code)}</code> ${escapeHtml(say(f.message))}</li>\n`;
  }
  return out;
}

/** The errors of a table, listed above its form; '' when it has none. */
export function errorsBox(table: ReportTable, options: HtmlOptions): string {
  if (table.errorCount === 0) return '';
  const say = sayer(options);
  const n = table.errorCount;
  const heading = say({ zh: `本表有 ${n} 个错误，报表可能不完整：`, en: `This table has ${n} error${n === 1 ? '' : 's'}; the report may be incomplete:` });
  const errors = table.findings.filter((f) => f.severity === 'error');
  return `<div class="errors" role="alert"><p>${escapeHtml(heading)}</p>\n<ul>\n${findingItems(table, errors, options)}</ul></div>\n`;
}

/** Styles every HTML report shares. */
export const BASE_CSS = `
:root { color-scheme: light; }
body { margin: 16px; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; color: #000; background: #fff; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8px; font-weight: bold; }
h2 { font-size: 14pt; margin: 16px 0 6px; }
.file { text-align: right; font-size: 9pt; color: #555; margin: 0 0 6px; }
.errors { border: 1px solid #c00; background: #fff4f4; padding: 6px 10px; margin: 0 0 10px; font-size: 10pt; }
.errors p { margin: 0 0 4px; font-weight: bold; color: #c00; }
.errors ul, ul.findings { margin: 0; padding-left: 20px; }
li.finding { margin: 2px 0; }
li.finding .severity { font-weight: bold; }
li.finding.error .severity { color: #c00; }
li.finding.warning .severity { color: #b36b00; }
li.finding.info .severity { color: #05a; }
a { color: #05a; }
section.report-table + section.report-table { margin-top: 32px; }
@media print {
  body { margin: 0; }
  section.report-table + section.report-table { break-before: page; margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A table that prints on A4 landscape: its header repeated on every page, rows and the error box kept whole. */
export function printCss(table: string, fontSize: string): string {
  return `@page { size: A4 landscape; margin: 10mm; }
@media print {
  ${table} { font-size: ${fontSize}; }
  ${table} thead { display: table-header-group; }
  ${table} tr { break-inside: avoid; }
  ${table} th { background: none; }
  .errors { break-inside: avoid; }
}
`;
}
