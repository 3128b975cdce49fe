/**
 * The rows above a table's header other than its title: a unit row (`单位：万元`), 编制单位 and
 * date lines, an attachment mark (`附件3`), notes — and the list of errors `ttab report` writes
 * above its form. None of them is part of the table, so they are not read as data: they are
 * named in one review note per table, each merged range and each repeated text once (a merged
 * banner is one cell, not one per column). The report's own error list is only counted: `ttab
 * check` lists those errors again.
 */
import type { ReviewCell } from './grid';

/** The lines of the error list `ttab report` writes above a form (XLSX, HTML): heading, findings, tail. */
const REPORT_ERROR_LINE = [
  /^本表有\s*\d+\s*个错误/,
  /^This table has \d+ errors?\b/,
  /^…*\s*另有\s*\d+\s*个错误/,
  /^…\s*and \d+ more$/,
  // `file:line severity code message` (cleaned cell text may have lost the spaces between CJK and digits)
  /^\S.*\.ttab:\d+\s*(?:错误|警告|提示|error|warning|info)\s*TT\d{3}/,
];

export function isReportErrorLine(text: string): boolean {
  const line = text.trim();
  return REPORT_ERROR_LINE.some((re) => re.test(line));
}

interface HeadText {
  text: string;
  /** 1-based lines it stands on, and the 1-based column of its first cell. */
  lines: number[];
  col: number;
}

/** `第 2–5 行` / `rows 2–5`, for runs of consecutive lines. */
function linesLabel(lines: readonly number[]): { zh: string; en: string } {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`);
    i = j + 1;
  }
  return { zh: `第 ${runs.join('、')} 行`, en: `${lines.length > 1 ? 'rows' : 'row'} ${runs.join(', ')}` };
}

export class HeadRows {
  private readonly texts = new Map<string, HeadText>();
  private readonly errorLines: number[] = [];
  private readonly lines = new Set<number>();

  /** A row above the header: its distinct texts, one per merged range (1-based line and columns). */
  add(line: number, cells: readonly { col: number; text: string }[]): void {
    if (cells.length > 0 && cells.every((c) => isReportErrorLine(c.text))) {
      this.errorLines.push(line);
      return;
    }
    for (const { col, text } of cells) {
      this.lines.add(line);
      const seen = this.texts.get(text);
      if (!seen) this.texts.set(text, { text, lines: [line], col });
      else if (!seen.lines.includes(line)) seen.lines.push(line);
    }
  }

  get isEmpty(): boolean {
    return this.texts.size === 0 && this.errorLines.length === 0;
  }

  /** Moves what `other` collected (rows above a title) in front of this one's. */
  takeOver(other: HeadRows): void {
    const mine = [...this.texts.values()];
    this.texts.clear();
    for (const t of [...other.texts.values(), ...mine]) this.texts.set(t.text, t);
    for (const line of other.lines) this.lines.add(line);
    this.errorLines.unshift(...other.errorLines);
  }

  /** The one review note, and one review cell per distinct text (the report's error list has none). */
  note(): { note?: string; cells: ReviewCell[] } {
    if (this.isEmpty) return { cells: [] };
    const parts: string[] = [];
    const cells: ReviewCell[] = [];
    if (this.texts.size > 0) {
      const n = this.lines.size;
      const listed = [...this.texts.values()].map((t) => {
        const at = linesLabel(t.lines);
        cells.push({ row: t.lines[0]!, col: t.col, text: t.text, reason: { zh: '表头之前的内容，未导入', en: 'above the header, not imported' } });
        return `${at.zh} / ${at.en}「${t.text.replace(/\n/g, ' ')}」`;
      });
      parts.push(`表头之前的 ${n} 行未作为表格内容导入（标题、单位、说明等） / ${n} row${n === 1 ? '' : 's'} above the header not imported (title, unit, notes): ${listed.join('；')}`);
    }
    if (this.errorLines.length > 0) {
      const at = linesLabel(this.errorLines);
      parts.push(`ttab report 的错误清单（${at.zh}）已略去，ttab check 会重新列出 / the error list of ttab report (${at.en}) left out: ttab check lists the errors again`);
    }
    return { note: `待核对: ${parts.join('。')}`, cells };
  }
}
