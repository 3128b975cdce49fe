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
import { dutyObjectives, type Comment, type Duty, type Field, type Objective, type ParseResult, type Range } from '../../grammar/src/index';

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

  /** The duty's and its 事项's own ranges (their objectives' are apart: see rangesOf). */
  dutyOwn(duty: Duty): void {
    this.add(duty.range);
    this.add(duty.title.range);
    this.fields(duty.fields);
    for (const item of duty.items) {
      this.add(item.range);
      this.add(item.title.range);
      this.fields(item.fields);
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
 * Each duty's and each objective's ranges, counted from its first line: true wherever an edit above
 * moved it (a block object never changes), so a keystroke walks the objective it is in, not the
 * table nor a duty of 5,000 indicators. No range of an objective starts on a line of its duty's
 * own (the duty's, its 事项's, their fields'), and the objectives come in the order written.
 */
const keptRanges = new WeakMap<Duty | Objective, number[]>();

function objectiveRanges(objective: Objective): number[] {
  let pairs = keptRanges.get(objective);
  if (!pairs) {
    const collector = new FoldingCollector();
    collector.objective(objective);
    keptRanges.set(objective, (pairs = collector.relativeTo(objective.range.start.line)));
  }
  return pairs;
}

function rangesOf(duty: Duty): number[] {
  let pairs = keptRanges.get(duty);
  if (!pairs) {
    const from = duty.range.start.line;
    const own = new FoldingCollector();
    own.dutyOwn(duty);
    const inner: number[] = [];
    for (const { objective } of dutyObjectives(duty)) {
      const shift = objective.range.start.line - from;
      for (const line of objectiveRanges(objective)) inner.push(line + shift);
    }
    keptRanges.set(duty, (pairs = mergePairs(own.relativeTo(from), inner)));
  }
  return pairs;
}

/** Two lists of (start, end) pairs, each sorted by start, as one. */
function mergePairs(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) out.push(a[i++]!, a[i++]!);
    else out.push(b[j++]!, b[j++]!);
  }
  return out;
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

export interface FoldingOptions {
  /**
   * The most ranges to give: the client's `rangeLimit` (vscode-languageclient asks for 5,000, and
   * VS Code keeps no more, editor.foldingMaximumRegions) or targetTable.maxItemsComputed.
   */
  rangeLimit?: number;
  /** Called when ranges were left out. */
  onRangeLimitExceeded?: () => void;
}

export function foldingRanges(_document: TextDocument, parsed: ParseResult, options: FoldingOptions = {}): FoldingRange[] {
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
    const ranges = mergeByStart(blocks, commentRuns(ast.comments));
    const limit = options.rangeLimit ?? Number.POSITIVE_INFINITY;
    if (ranges.length <= limit) return ranges;
    options.onRangeLimitExceeded?.();
    return outermost(ranges, limit);
  } catch {
    return [];
  }
}

/**
 * At most `limit` of the ranges (sorted by start line), the outer ones first: every range of a
 * nesting level is kept before any of the next, and of the level that does not fit whole, the
 * first ones in the document (how VS Code itself and vscode-json-languageservice cut them).
 */
function outermost(ranges: readonly FoldingRange[], limit: number): FoldingRange[] {
  const levels: number[] = [];
  const counts: number[] = [];
  // The end lines of the ranges that hold the current one.
  const open: number[] = [];
  for (const range of ranges) {
    while (open.length > 0 && open[open.length - 1]! < range.startLine) open.pop();
    levels.push(open.length);
    counts[open.length] = (counts[open.length] ?? 0) + 1;
    open.push(range.endLine);
  }
  // The deepest level kept whole is the one before `cut`; of level `cut`, the first `room`.
  let cut = 0;
  let room = limit;
  while (cut < counts.length && counts[cut]! <= room) room -= counts[cut++]!;
  const out: FoldingRange[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const level = levels[i]!;
    if (level < cut || (level === cut && room-- > 0)) out.push(ranges[i]!);
  }
  return out;
}

/** Two lists sorted by start line, as one (a comment run never starts on a block's line). */
function mergeByStart(a: readonly FoldingRange[], b: readonly FoldingRange[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.startLine <= b[j]!.startLine) ? a[i++]! : b[j++]!);
  return out;
}
