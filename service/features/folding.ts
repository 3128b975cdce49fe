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

  /** The block ranges and the given comment runs, outer ranges first. */
  ranges(commentRuns: readonly FoldingRange[]): FoldingRange[] {
    const blocks: FoldingRange[] = [...this.ends].map(([startLine, endLine]) => ({ startLine, endLine }));
    return [...blocks, ...commentRuns].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  }
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
    const collector = new FoldingCollector();
    collector.fields(ast.fields);
    for (const duty of ast.duties) collector.duty(duty);
    return collector.ranges(commentRuns(ast.comments));
  } catch {
    return [];
  }
}
