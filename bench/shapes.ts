/**
 * The tables the `lsp` section measures: generated tables of a given number
 * of indicators, and the shapes that defeat an editor whose work grows with
 * the block or the run an edit lies in (issue 15): one duty holding 5,000
 * indicators, one duty with 100,000 comment lines, one field continued over
 * 50,000 `+` lines. Each comes with the lines the bench edits; every server
 * measured (ours and the peer) gets the same workload.
 */
import { generateTable } from './generate';

/** What every run does, ours and the peer's alike. */
export const WORKLOAD = { edits: 30, lineEdits: 10, blockLineEdits: 10, viewEdits: 10, completions: 200, hovers: 200 } as const;

export interface BenchTable {
  /** What the table is, for the report. */
  name: string;
  text: string;
  indicators: number;
  /**
   * Lines whose text an edit may append a character to without changing the table's structure:
   * value and explanation fields, and, where the shape is about one, the lines of its run.
   */
  editable: number[];
}

const EDITABLE = /^\s+(解释|指标值|备注) /;

function editableLines(lines: readonly string[], extra: (line: string) => boolean = () => false): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (EDITABLE.test(l) || extra(l)) out.push(i);
  });
  return out;
}

export function sizedTable(indicators: number, seed: number): BenchTable {
  const { text } = generateTable({ indicators, seed });
  return { name: `${indicators.toLocaleString('en')} indicators`, text, indicators, editable: editableLines(text.split('\n')) };
}

/** A generated table of `indicators` whose duty lines but the first are gone: one duty holds them all. */
export function oneDuty(indicators: number, seed: number): BenchTable {
  const { text } = generateTable({ indicators, seed });
  let first = true;
  const merged = text.replace(/^职责 [^\n]*\n/gm, (line) => {
    if (first) {
      first = false;
      return line;
    }
    return '';
  });
  return { name: `one duty, ${indicators.toLocaleString('en')} indicators`, text: merged, indicators, editable: editableLines(merged.split('\n')) };
}

/** The first duty of a 40-indicator table, with `comments` comment lines after its second indicator. */
export function commentRun(comments: number, seed: number): BenchTable {
  const { text } = generateTable({ indicators: 40, seed });
  const lines = text.split('\n');
  const secondDuty = lines.findIndex((l, i) => i > 0 && l.startsWith('职责 ') && lines.slice(0, i).some((x) => x.startsWith('职责 ')));
  const duty = secondDuty > 0 ? lines.slice(0, secondDuty) : lines;
  const indicatorLines = duty.map((l, i) => (/^\s+指标 /.test(l) ? i : -1)).filter((i) => i >= 0);
  const at = indicatorLines[Math.min(2, indicatorLines.length - 1)]!;
  const run = Array.from({ length: comments }, (_, i) => `      # 备忘 ${i + 1}：往年数据待核对，见附件`);
  const out = [...duty.slice(0, at), ...run, ...duty.slice(at), ''];
  const indicators = indicatorLines.length;
  return { name: `one duty, ${comments.toLocaleString('en')} comment lines`, text: out.join('\n'), indicators, editable: editableLines(out) };
}

/** A 40-indicator table whose first 解释 is continued over `continuations` lines; half the edits go there. */
export function continuationRun(continuations: number, seed: number): BenchTable {
  const { text } = generateTable({ indicators: 40, seed });
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s+解释 /.test(l));
  const indent = ' '.repeat(lines[at]!.search(/\S/) + 2);
  const run = Array.from({ length: continuations }, (_, i) => `${indent}+ 第${i + 1}项：按季度统计并报送完成情况`);
  const out = [...lines.slice(0, at + 1), ...run, ...lines.slice(at + 1)];
  const editable = editableLines(out);
  // As many edits in the run as elsewhere.
  const inRun = editable.map((_, i) => at + 1 + Math.floor(((i + 0.5) * continuations) / editable.length));
  return { name: `one field, ${continuations.toLocaleString('en')} + lines`, text: out.join('\n'), indicators: 40, editable: [...editable, ...inRun].sort((a, b) => a - b) };
}
