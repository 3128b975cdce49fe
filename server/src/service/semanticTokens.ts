/**
 * Semantic highlighting. Standard token types only, so every colour theme
 * colours them without the extension declaring anything:
 *
 * | what                                        | type         | modifiers     |
 * |---------------------------------------------|--------------|---------------|
 * | field keyword                               | keyword      |               |
 * | level keyword (职责 事项 目标 指标)            | keyword      | declaration   |
 * | duty number, 年度 value                      | number       |               |
 * | comment                                     | comment      |               |
 * | value: comparator, 约/左右, 以上/以内          | operator     |               |
 * | value: number                               | number       |               |
 * | value: magnitude + unit (万元, %)            | type         |               |
 * | value: label of a composite part (公众号：)   | property     |               |
 * | value: qualitative text                     | string       |               |
 * | value or source written as none (/, 无)      | enumMember   |               |
 * | source (标准来源, 历史来源)                    | string       | documentation |
 * | office (科室)                                | variable     |               |
 * | budget project (预算项目)                     | namespace    |               |
 *
 * Sources carry `documentation` because they name a document (a plan, a
 * yearbook), which sets them apart from qualitative values. Malformed values
 * get no token, so their diagnostic is what stands out. Titles, explanations,
 * activities and remarks are prose and stay uncoloured.
 *
 * One pass over the tree; comments are merged in by line on the way, so the
 * tokens come out in document order without sorting (10,000 indicators give
 * over a hundred thousand tokens).
 *
 * The value spans (valueSpans) and the offset ↔ position mapping of a field's
 * text are exported: selection ranges grow from the same pieces.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Comment, Duty, Field, Indicator, Item, Objective, ParseResult, Quantity, Value, ValueField } from '../../../grammar/src/index';
import { KEYWORD_BY_KEY, parseValue } from '../../../grammar/src/index';

const TOKEN_TYPES = ['keyword', 'number', 'comment', 'operator', 'type', 'property', 'string', 'enumMember', 'variable', 'namespace'] as const;
const TOKEN_MODIFIERS = ['declaration', 'documentation'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const TYPE_INDEX = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
/** Modifiers are a bit set: bit i is tokenModifiers[i]. */
const MODIFIER_BIT = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<TokenModifier, number>;

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

// ---------------------------------------------------------------------------
// Collecting the tokens

const VALUE_TOKEN: Record<ValueSpanRole, TokenType> = {
  comparator: 'operator',
  number: 'number',
  unit: 'type',
  label: 'property',
  text: 'string',
  none: 'enumMember',
};

const YEAR_DIGITS = /^\d+$/;

/** Tokens in document order, absolute positions, five numbers each: line, character, length, type, modifiers. */
class TokenCollector {
  readonly tokens: number[] = [];
  private nextComment = 0;

  constructor(
    private readonly comments: readonly Comment[],
    private readonly fromLine: number,
    private readonly toLine: number,
  ) {}

  /** Does a node spanning these lines show in the requested lines? */
  visible(range: Range): boolean {
    return range.end.line >= this.fromLine && range.start.line <= this.toLine;
  }

  private push(range: Range, type: TokenType, modifiers: number): void {
    const { line, character } = range.start;
    // Tokens never span lines (callers split them), and empty ones mean nothing.
    if (range.end.line !== line || range.end.character <= character) return;
    if (line < this.fromLine || line > this.toLine) return;
    this.tokens.push(line, character, range.end.character - character, TYPE_INDEX[type], modifiers);
  }

  /** Comments above `line` that are still to be written. */
  private flushComments(line: number): void {
    while (this.nextComment < this.comments.length && this.comments[this.nextComment]!.range.start.line < line) {
      this.push(this.comments[this.nextComment]!.range, 'comment', 0);
      this.nextComment++;
    }
  }

  finish(): void {
    this.flushComments(Infinity);
  }

  private textTokens(field: Field, start: number, end: number, type: TokenType, modifiers = 0): void {
    for (const r of textSpanRanges(field, start, end)) this.push(r, type, modifiers);
  }

  field(field: Field, duty?: Duty): void {
    this.flushComments(field.keywordRange.start.line);
    if (!this.visible(field.range)) return;
    const info = KEYWORD_BY_KEY[field.key];
    this.push(field.keywordRange, 'keyword', info.role === 'level' ? MODIFIER_BIT.declaration : 0);
    if (duty?.number) this.push(duty.number.range, 'number', 0);
    const text = field.text;
    if (info.isValue) {
      for (const span of valueSpans((field as ValueField).value)) this.textTokens(field, span.start, span.end, VALUE_TOKEN[span.role]);
      return;
    }
    switch (field.key) {
      case 'standardSource':
      case 'historySource':
        if (parseValue(text).kind === 'none') this.textTokens(field, 0, text.length, 'enumMember');
        else this.textTokens(field, 0, text.length, 'string', MODIFIER_BIT.documentation);
        break;
      case 'office':
        this.textTokens(field, 0, text.length, 'variable');
        break;
      case 'project':
        this.textTokens(field, 0, text.length, 'namespace');
        break;
      case 'year':
        if (YEAR_DIGITS.test(text)) this.textTokens(field, 0, text.length, 'number');
        break;
      case 'number':
        this.textTokens(field, 0, text.length, 'number');
        break;
      default:
        break;
    }
  }

  fields(fields: readonly Field[]): void {
    for (const f of fields) this.field(f);
  }

  indicator(indicator: Indicator): void {
    if (!this.visible(indicator.range)) return;
    this.field(indicator.name);
    this.fields(indicator.fields);
  }

  objective(objective: Objective): void {
    if (!this.visible(objective.range)) return;
    this.field(objective.title);
    this.fields(objective.fields);
    for (const indicator of objective.indicators) this.indicator(indicator);
  }

  item(item: Item): void {
    if (!this.visible(item.range)) return;
    this.field(item.title);
    this.fields(item.fields);
    for (const objective of item.objectives) this.objective(objective);
  }

  duty(duty: Duty): void {
    if (!this.visible(duty.range)) return;
    this.field(duty.title, duty);
    this.fields(duty.fields);
    for (const objective of duty.objectives) this.objective(objective);
    for (const item of duty.items) this.item(item);
  }
}

/** Stable sort of the flat token list, for trees that are not in document order (misplaced lines). */
function sortTokens(tokens: number[]): number[] {
  const n = tokens.length / 5;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    const d = tokens[i * 5]! - tokens[(i - 1) * 5]! || tokens[i * 5 + 1]! - tokens[(i - 1) * 5 + 1]!;
    if (d < 0) sorted = false;
  }
  if (sorted) return tokens;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => tokens[a * 5]! - tokens[b * 5]! || tokens[a * 5 + 1]! - tokens[b * 5 + 1]! || a - b);
  const out: number[] = [];
  for (const i of order) out.push(tokens[i * 5]!, tokens[i * 5 + 1]!, tokens[i * 5 + 2]!, tokens[i * 5 + 3]!, tokens[i * 5 + 4]!);
  return out;
}

/** LSP's relative encoding: each token's line and start relative to the previous token. */
function encode(tokens: number[]): number[] {
  const data: number[] = new Array(tokens.length);
  let previousLine = 0;
  let previousCharacter = 0;
  for (let i = 0; i < tokens.length; i += 5) {
    const line = tokens[i]!;
    const character = tokens[i + 1]!;
    data[i] = line - previousLine;
    data[i + 1] = line === previousLine ? character - previousCharacter : character;
    data[i + 2] = tokens[i + 2]!;
    data[i + 3] = tokens[i + 3]!;
    data[i + 4] = tokens[i + 4]!;
    previousLine = line;
    previousCharacter = character;
  }
  return data;
}

function collect(parsed: ParseResult, fromLine: number, toLine: number): SemanticTokens {
  try {
    const { ast } = parsed;
    const collector = new TokenCollector(ast.comments, fromLine, toLine);
    collector.fields(ast.fields);
    for (const duty of ast.duties) collector.duty(duty);
    collector.finish();
    return { data: encode(sortTokens(collector.tokens)) };
  } catch {
    return { data: [] };
  }
}

export function semanticTokens(_document: TextDocument, parsed: ParseResult): SemanticTokens {
  return collect(parsed, 0, Infinity);
}

/** The tokens on the lines of `range` (whole lines: the editor asks for what is visible). */
export function semanticTokensRange(_document: TextDocument, parsed: ParseResult, range: Range): SemanticTokens {
  return collect(parsed, range.start.line, range.end.line);
}
