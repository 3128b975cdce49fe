/** Positions and ranges, as the features compare them. */
import type { Position, Range } from 'vscode-languageserver-types';

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The end counts: a cursor right after the last character of a word or value is still on it. */
export function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function containsRange(outer: Range, inner: Range): boolean {
  return contains(outer, inner.start) && contains(outer, inner.end);
}

/** Strictly inside [start, end) of a one-line range: the end does not count. */
export function within(range: Range, position: Position): boolean {
  return !before(position, range.start) && before(position, range.end);
}

/** In a list of things in line order (each starting on a later or the same line), the index of the first starting on `line` or after (the length when none does). */
export function firstStartingOnOrAfter(sorted: readonly { range: Range }[], line: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
