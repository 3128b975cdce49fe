/**
 * Where a finding goes: the parts of a field a rule points at.
 */
import type { Field, Position, Range } from '../../grammar/src/index';

/** The first line of a field, from its keyword to the end of its text. */
export function headRange(field: Field): Range {
  return { start: field.keywordRange.start, end: field.text === '' ? field.keywordRange.end : field.textRange.end };
}

/** The text of a field's first line, or its keyword when there is no text. */
export function textOrKeyword(field: Field): Range {
  return field.textRange.start.character === field.textRange.end.character ? field.keywordRange : field.textRange;
}

/** Position of a UTF-16 offset into field.text (continuation lines joined with '\n'). */
export function positionInField(field: Field, offset: number): Position {
  let lineStart = 0;
  let segment = 0;
  for (;;) {
    const lineEnd = field.text.indexOf('\n', lineStart);
    if (lineEnd < 0 || offset <= lineEnd) break;
    lineStart = lineEnd + 1;
    segment++;
  }
  const start = segment === 0 ? field.textRange.start : field.continuationRanges[segment - 1]?.start;
  if (!start) return field.textRange.end;
  return { line: start.line, character: start.character + (offset - lineStart) };
}

/** The last line any of the fields covers (-1 for none). */
export function lastLineOf(fields: readonly Field[]): number {
  let last = -1;
  for (const f of fields) last = Math.max(last, f.range.end.line);
  return last;
}
