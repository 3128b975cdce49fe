/**
 * Folding: every duty, 事项, objective and indicator (from its title line to
 * its last line), every field with continuation lines, and every run of two or
 * more comment lines.
 *
 * The editor keeps one range per start line, so where a block and its
 * multi-line title start on the same line only the block is offered.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Comment, Duty, Field, Objective, ParseResult, Range } from '../../grammar/src/index';

class FoldingCollector {
  /** Start line → the largest end line seen for it. */
  private readonly ends = new Map<number, number>();

  add(range: Range): void {
    const start = range.start.line;
    const end = range.end.line;
    if (end <= start) return;
    if ((this.ends.get(start) ?? -1) < end) this.ends.set(start, end);
  }

  fields(fields: readonly Field[]): void {
    for (const f of fields) this.add(f.range);
  }

  objective(objective: Objective): void {
    this.add(objective.range);
    this.add(objective.title.range);
    this.fields(objective.fields);
    for (const indicator of objective.indicators) {
      this.add(indicator.range);
      this.add(indicator.name.range);
      this.fields(indicator.fields);
      for (const point of indicator.monitors) this.add(point.range);
    }
  }

  duty(duty: Duty): void {
    this.add(duty.range);
    this.add(duty.title.range);
    this.fields(duty.fields);
    for (const objective of duty.objectives) this.objective(objective);
    for (const item of duty.items) {
      this.add(item.range);
      this.add(item.title.range);
      this.fields(item.fields);
      for (const objective of item.objectives) this.objective(objective);
    }
  }

  /** The block ranges, by start line, as pairs of lines counted from `from`. */
  relativeTo(from: number): number[] {
    const pairs: number[] = [];
    for (const start of [...this.ends.keys()].sort((a, b) => a - b)) pairs.push(start - from, this.ends.get(start)! - from);
    return pairs;
  }
}

/**
 * Each duty's ranges, counted from its first line: true wherever an edit above moved it (a duty
 * object never changes), so a keystroke walks the duty it is in, not the table.
 */
const dutyRanges = new WeakMap<Duty, number[]>();

function rangesOf(duty: Duty): number[] {
  let pairs = dutyRanges.get(duty);
  if (!pairs) {
    const collector = new FoldingCollector();
    collector.duty(duty);
    dutyRanges.set(duty, (pairs = collector.relativeTo(duty.range.start.line)));
  }
  return pairs;
}

/** Runs of comment lines on consecutive lines, two or more long. */
function commentRuns(comments: readonly Comment[]): FoldingRange[] {
  const runs: FoldingRange[] = [];
  let i = 0;
  while (i < comments.length) {
    let j = i;
    while (j + 1 < comments.length && comments[j + 1]!.range.start.line === comments[j]!.range.start.line + 1) j++;
    if (j > i) runs.push({ startLine: comments[i]!.range.start.line, endLine: comments[j]!.range.start.line, kind: FoldingRangeKind.Comment });
    i = j + 1;
  }
  return runs;
}

export function foldingRanges(_document: TextDocument, parsed: ParseResult): FoldingRange[] {
  try {
    const { ast } = parsed;
    const header = new FoldingCollector();
    header.fields(ast.fields);
    // The header's, then each duty's (lines apart from each other's, in order): the block ranges come sorted.
    const blocks: FoldingRange[] = [];
    const add = (pairs: readonly number[], from: number) => {
      for (let i = 0; i < pairs.length; i += 2) blocks.push({ startLine: from + pairs[i]!, endLine: from + pairs[i + 1]! });
    };
    add(header.relativeTo(0), 0);
    for (const duty of ast.duties) add(rangesOf(duty), duty.range.start.line);
    return mergeByStart(blocks, commentRuns(ast.comments));
  } catch {
    return [];
  }
}

/** Two lists sorted by start line, as one (a comment run never starts on a block's line). */
function mergeByStart(a: readonly FoldingRange[], b: readonly FoldingRange[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.startLine <= b[j]!.startLine) ? a[i++]! : b[j++]!);
  return out;
}
