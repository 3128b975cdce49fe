/**
 * The pieces of a field's text: offsets in `field.text` (continuation lines
 * joined with '\n') ↔ positions, and the spans of a value (comparator, number,
 * unit, label, text). Semantic tokens colour them; selection ranges grow from them.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Field, Quantity, Value } from '../grammar/src/index';

// ---------------------------------------------------------------------------
// A field's text: offsets in `field.text` (lines joined with '\n') ↔ positions

interface TextLine {
  /** Offset in field.text where this line's text starts. */
  offset: number;
  length: number;
  start: Position;
}

/** The field's text lines: the keyword line's text, then each continuation's. */
function textLines(field: Field): TextLine[] {
  const lines: TextLine[] = [];
  let offset = 0;
  for (const r of [field.textRange, ...field.continuationRanges]) {
    const length = r.end.character - r.start.character;
    lines.push({ offset, length, start: r.start });
    offset += length + 1; // the '\n' joining the lines
  }
  return lines;
}

/** The ranges (one per line, empty pieces dropped) of field.text[start, end). */
export function textSpanRanges(field: Field, start: number, end: number): Range[] {
  if (field.continuationRanges.length === 0) {
    // The usual one-line field, without building its line table.
    const { line, character } = field.textRange.start;
    const b = Math.min(end, field.textRange.end.character - character);
    return start < b ? [{ start: { line, character: character + start }, end: { line, character: character + b } }] : [];
  }
  const out: Range[] = [];
  for (const line of textLines(field)) {
    const a = Math.max(start, line.offset);
    const b = Math.min(end, line.offset + line.length);
    if (a >= b) continue;
    const { line: l, character } = line.start;
    out.push({ start: { line: l, character: character + a - line.offset }, end: { line: l, character: character + b - line.offset } });
  }
  return out;
}

/** The offset in field.text of a position on the field's text (end of a line included), or null. */
export function textOffsetAt(field: Field, position: Position): number | null {
  for (const line of textLines(field)) {
    if (line.start.line !== position.line) continue;
    const column = position.character - line.start.character;
    if (column >= 0 && column <= line.length) return line.offset + column;
  }
  return null;
}

// ---------------------------------------------------------------------------
// The parts of a value

export type ValueSpanRole = 'comparator' | 'number' | 'unit' | 'label' | 'text' | 'none';

export interface ValueSpan {
  role: ValueSpanRole;
  /** Offsets in the value's raw text (= the field's text), end exclusive. */
  start: number;
  end: number;
  /** Index of the composite part the span belongs to; 0 for a value that is not a composite. */
  part: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** '+', '-' and their full-width forms, and the minus sign. */
function isSign(c: number): boolean {
  return c === 0x2b || c === 0x2d || c === 0xff0b || c === 0xff0d || c === 0x2212;
}

/** ',' of thousands, '.' and the full-width '．' — only inside a number. */
function isNumberInner(c: number): boolean {
  return c === 0x2c || c === 0x2e || c === 0xff0e;
}

function trimmedSpan(raw: string, start: number, end: number): [number, number] | null {
  while (start < end && isSpace(raw.charCodeAt(start))) start++;
  while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
  return start < end ? [start, end] : null;
}

/**
 * The spans of one quantity written at raw[start, end): what comes before the
 * number (comparator, 约), the number, the magnitude and unit (its unitRange),
 * and what comes after (以上, 左右). parseValue already read the quantity; this
 * only finds where its pieces are.
 */
function quantitySpans(raw: string, q: Quantity, start: number, end: number, part: number, out: ValueSpan[]): void {
  let first = start;
  while (first < end && !isDigit(raw.charCodeAt(first))) first++;
  if (first === end) return;
  let numberStart = first;
  if (numberStart > start && isSign(raw.charCodeAt(numberStart - 1))) numberStart--;
  let numberEnd = first;
  while (numberEnd < end) {
    const c = raw.charCodeAt(numberEnd);
    if (isDigit(c) || (isNumberInner(c) && isDigit(raw.charCodeAt(numberEnd + 1)))) numberEnd++;
    else break;
  }
  const before = trimmedSpan(raw, start, numberStart);
  if (before) out.push({ role: 'comparator', start: before[0], end: before[1], part });
  out.push({ role: 'number', start: numberStart, end: numberEnd, part });
  let afterUnit = numberEnd;
  if (q.unitRange && q.unitRange.start >= numberEnd && q.unitRange.end <= end) {
    out.push({ role: 'unit', start: q.unitRange.start, end: q.unitRange.end, part });
    afterUnit = q.unitRange.end;
  }
  const after = trimmedSpan(raw, afterUnit, end);
  if (after) out.push({ role: 'comparator', start: after[0], end: after[1], part });
}

/** The pieces of a value, in order; offsets in value.raw. Malformed values have none. */
export function valueSpans(value: Value): ValueSpan[] {
  const raw = value.raw;
  const whole = trimmedSpan(raw, 0, raw.length);
  if (!whole) return [];
  const out: ValueSpan[] = [];
  switch (value.kind) {
    case 'quantity':
      quantitySpans(raw, value, whole[0], whole[1], 0, out);
      break;
    case 'qualitative':
      out.push({ role: 'text', start: whole[0], end: whole[1], part: 0 });
      break;
    case 'none':
      out.push({ role: 'none', start: whole[0], end: whole[1], part: 0 });
      break;
    case 'composite': {
      // Labels and quantities are slices of raw, in order: find each after the previous one.
      let cursor = 0;
      value.parts.forEach(({ label, quantity }, part) => {
        if (label !== '') {
          const labelStart = raw.indexOf(label, cursor);
          if (labelStart < 0) return;
          out.push({ role: 'label', start: labelStart, end: labelStart + label.length, part });
          cursor = labelStart + label.length;
        }
        const quantityStart = raw.indexOf(quantity.raw, cursor);
        if (quantityStart < 0) return;
        cursor = quantityStart + quantity.raw.length;
        quantitySpans(raw, quantity, quantityStart, cursor, part, out);
      });
      break;
    }
    case 'malformed':
      break;
  }
  return out;
}
