/**
 * Smart select (Shift+Alt+→): from what is under the cursor outwards —
 *   a value's piece (number, unit, comparator, composite label), a word of
 *   text, the duty number or the keyword
 *   → the composite part (label + quantity)
 *   → the text on this line → the field's whole text (with its continuations)
 *   → the field (keyword, text, continuations)
 *   → indicator → objective → 事项 → duty → the whole document.
 * A step that would select the same as the one before is left out.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { Duty, Field, ParseResult, ValueField } from '../../grammar/src/index';
import { KEYWORD_BY_KEY } from '../../grammar/src/index';
import { locate } from '../locate';
import { contains, containsRange, sameRange } from '../ranges';
import { textOffsetAt, textSpanRanges, valueSpans } from '../spans';


function span(start: Position, end: Position): Range {
  return { start, end };
}

/** Field text of field.text[start, end) as one range (it may run over continuation lines). */
function textRange(field: Field, start: number, end: number): Range | null {
  const pieces = textSpanRanges(field, start, end);
  if (pieces.length === 0) return null;
  return span(pieces[0]!.start, pieces[pieces.length - 1]!.end);
}

/** Where words end in prose: whitespace and punctuation, Chinese and Latin ('.' stays: 1.5倍). */
const WORD_BREAK = /[\s\u3000,，。;；:：、!！?？()（）[\]【】<>《》"“”'‘’/|]/;

/** The word of field.text around offset, or null when the cursor is between words. */
function wordAt(text: string, offset: number): [number, number] | null {
  let start = offset;
  while (start > 0 && !WORD_BREAK.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && !WORD_BREAK.test(text[end]!)) end++;
  return start < end ? [start, end] : null;
}

/** What the cursor is on inside the field's text: a value's piece (and its composite part), or a word. */
function innerTextSteps(field: Field, offset: number): Range[] {
  const steps: Range[] = [];
  if (KEYWORD_BY_KEY[field.key].isValue) {
    const value = (field as ValueField).value;
    const spans = valueSpans(value);
    const here = spans.find((s) => s.start <= offset && offset < s.end) ?? spans.find((s) => s.end === offset);
    if (here) {
      if (value.kind === 'composite') {
        const ofPart = spans.filter((s) => s.part === here.part);
        const part = textRange(field, ofPart[0]!.start, ofPart[ofPart.length - 1]!.end);
        if (part) steps.push(part);
      }
      const piece = textRange(field, here.start, here.end);
      if (piece) steps.push(piece);
      if (value.kind !== 'qualitative') return steps;
    }
  }
  const word = wordAt(field.text, offset);
  const range = word && textRange(field, word[0], word[1]);
  if (range) steps.push(range);
  return steps;
}

/** From the field outwards to what the cursor is on, outermost first. */
function fieldSteps(field: Field, position: Position, duty: Duty | null): Range[] {
  const steps: Range[] = [field.range];
  if (contains(field.keywordRange, position)) return [...steps, field.keywordRange];
  // The duty line's text starts at the duty number.
  const number = duty?.number;
  const firstLineStart = number ? number.range.start : field.textRange.start;
  const lastLine = field.continuationRanges[field.continuationRanges.length - 1] ?? field.textRange;
  steps.push(span(firstLineStart, lastLine.end));
  if (number && contains(span(firstLineStart, field.textRange.end), position)) {
    steps.push(span(firstLineStart, field.textRange.end));
    if (contains(number.range, position)) return [...steps, number.range];
  }
  const offset = textOffsetAt(field, position);
  if (offset === null) return steps;
  const line = [field.textRange, ...field.continuationRanges].find((r) => contains(r, position));
  if (line) steps.push(line);
  return [...steps, ...innerTextSteps(field, offset)];
}

/** Every range around the position, outermost first. */
function stepsAt(parsed: ParseResult, position: Position, whole: Range): Range[] {
  const here = locate(parsed, position);
  // locate gives the blocks open at this line; a blank line after a block is not inside its range.
  const steps: Range[] = [whole];
  for (const block of [here.duty, here.item, here.objective, here.indicator]) if (block && contains(block.range, position)) steps.push(block.range);
  const field = here.field?.field;
  if (field && contains(field.range, position)) steps.push(...fieldSteps(field, position, field.key === 'duty' ? (here.duty ?? null) : null));
  if (here.comment && contains(here.comment.range, position)) steps.push(here.comment.range);
  return steps;
}

function selectionRangeAt(document: TextDocument, parsed: ParseResult, position: Position): SelectionRange {
  const whole = span({ line: 0, character: 0 }, document.positionAt(document.getText().length));
  if (!contains(whole, position)) return { range: span(position, position) };
  let innermost: SelectionRange | undefined;
  for (const range of stepsAt(parsed, position, whole)) {
    if (innermost && (sameRange(innermost.range, range) || !containsRange(innermost.range, range))) continue;
    innermost = innermost ? { range, parent: innermost } : { range };
  }
  return innermost!;
}

export function selectionRanges(document: TextDocument, parsed: ParseResult, positions: readonly Position[]): SelectionRange[] {
  try {
    return positions.map((position) => selectionRangeAt(document, parsed, position));
  } catch {
    return [];
  }
}
