/**
 * The form as Markdown, for pull requests and wikis: per table its title,
 * errors and a GitHub table with one row per indicator. Markdown tables cannot
 * merge cells, so a merged cell is written on its first row and left blank
 * below, as the form itself looks. Table text is escaped: it never becomes
 * markup, a link or raw HTML.
 */
import { fileUrl } from './escape';
import type { ReportModel, ReportTable } from './model';
import { COLUMN_NAMES, MERGED_COLUMNS, type FormColumn, type MergedColumn } from './model';
import { sayer, severityName, type HtmlOptions } from './page';

export type MarkdownOptions = Pick<HtmlOptions, 'locale' | 'link'>;

/**
 * Text → Markdown text that shows exactly that text in a table cell or a
 * paragraph: the characters that open emphasis, code, links, raw HTML, entities,
 * math or a cell boundary are backslash-escaped, and so is a leading heading,
 * list or quote mark; line breaks become `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&$]/g, '\\$&')
    .replace(/^[#+\-=]|^(\d+)([.)])/, (m, digits: string | undefined, mark: string | undefined) => (digits ? `${digits}\\${mark}` : `\\${m}`))
    .replace(/\r?\n/g, '<br>');
}

/** Headings as the form names them, the reference columns with their group. */
const MARKDOWN_HEADINGS: Readonly<Record<FormColumn, string>> = {
  ...COLUMN_NAMES,
  plan: '标准值·规划值',
  standard: '标准值·当年标准值',
  standardSource: '标准值·来源',
  historyAverage: '历史值·前三年均值',
  lastYear: '历史值·上年值',
  historySource: '历史值·来源',
};

const MERGED = new Set<FormColumn>(MERGED_COLUMNS);

export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  return model.tables.map((t) => tableMarkdown(t, options)).join('\n');
}

export function markdownLink(options: MarkdownOptions, file: string, line: number): string {
  return `[${escapeMarkdown(`${file}:${line}`)}](<${(options.link ?? fileUrl)(file, line).replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

export function markdownFindings(table: ReportTable, findings: ReportTable['findings'], options: MarkdownOptions): string {
  const say = sayer(options);
  return findings
    .map((f) => `- ${markdownLink(options, table.file, f.line + 1)} **${escapeMarkdown(severityName(f.severity, say))}** \`${f.code}\` ${escapeMarkdown(say(f.message))}\n`)
    .join('');
}

function tableMarkdown(table: ReportTable, options: MarkdownOptions): string {
  const say = sayer(options);
  let out = `## ${escapeMarkdown(table.title)}\n\n${escapeMarkdown(table.file)}\n\n`;
  if (table.errorCount > 0) {
    const n = table.errorCount;
    out += `> ${escapeMarkdown(say({ zh: `本表有 ${n} 个错误，报表可能不完整：`, en: `This table has ${n} error${n === 1 ? '' : 's'}; the report may be incomplete:` }))}\n\n`;
    out += `${markdownFindings(table, table.findings.filter((f) => f.severity === 'error'), options)}\n`;
  }
  const columns = table.columns;
  out += `| ${columns.map((c) => MARKDOWN_HEADINGS[c]).join(' | ')} |\n`;
  out += `|${columns.map(() => ' --- |').join('')}\n`;
  for (const row of table.rows) {
    const cells = columns.map((c) => (MERGED.has(c) && row.spans[c as MergedColumn] === 0 ? '' : escapeMarkdown(row.cells[c])));
    out += `| ${cells.join(' | ')} |\n`;
  }
  return out;
}
