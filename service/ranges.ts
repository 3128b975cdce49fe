/** Positions and ranges, as the features compare them. */
import type { Position, Range } from 'vscode-languageserver-types';

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The end counts: a cursor right after the last character of a word or value is still on it. */
export function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

export function containsRange(outer: Range, inner: Range): boolean {
  return contains(outer, inner.start) && contains(outer, inner.end);
}

/** Strictly inside [start, end) of a one-line range: the end does not count. */
export function within(range: Range, position: Position): boolean {
  return !before(position, range.start) && before(position, range.end);
}
