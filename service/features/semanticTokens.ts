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
 * The pieces of values and the positions in a field's text come from
 * ../spans (selection ranges grow from the same pieces).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, SemanticTokens, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Comment, Duty, Field, Indicator, Item, Objective, ParseResult, Quantity, Value, ValueField } from '../../grammar/src/index';
import { KEYWORD_BY_KEY, parseValue } from '../../grammar/src/index';
import { firstStartingOnOrAfter } from '../ranges';
import { sameList } from '../sharedEnds';
import { textSpanRanges, valueSpans, type ValueSpanRole } from '../spans';

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

/**
 * The tokens of one part of the document — the header's lines, or a duty's up to the next duty —
 * encoded as LSP does, their lines counted from the part's first line: they stay true while the
 * part holds the same block and the same comments, wherever an edit above moved it. (A block
 * object never changes, and an edit on the part's lines makes a new one — but for blank and comment
 * lines typed at the start of the next duty's line, which come to the end of this part.)
 */
interface Part {
  comments: readonly Comment[];
  data: number[];
  /** The line of its last token, from the part's first line (-1: no token). */
  lastLine: number;
}

/** Each part's tokens, by what it holds (a duty, or the header's fields), for as long as that lives. */
const parts = new WeakMap<object, Part>();

/** The comments on lines [from, to), from the table's (in line order). */
function commentsOn(comments: readonly Comment[], from: number, to: number): readonly Comment[] {
  return comments.slice(firstStartingOnOrAfter(comments, from), firstStartingOnOrAfter(comments, to));
}

function partOf(owner: Duty | readonly Field[], from: number, to: number, tableComments: readonly Comment[]): Part {
  const comments = commentsOn(tableComments, from, to);
  const kept = parts.get(owner);
  if (kept && sameList(kept.comments, comments)) return kept;
  const part = collected(comments, from, Array.isArray(owner) ? (c) => c.fields(owner as readonly Field[]) : (c) => c.duty(owner as Duty));
  parts.set(owner, part);
  return part;
}

/** The tokens `collect` gives with the comments on the part's lines, counted from its first line `from`. */
function collected(comments: readonly Comment[], from: number, collect: (collector: TokenCollector) => void): Part {
  const collector = new TokenCollector(comments, 0, Infinity);
  collect(collector);
  collector.finish();
  const tokens = sortTokens(collector.tokens);
  for (let i = 0; i < tokens.length; i += 5) tokens[i] -= from;
  return { comments, data: encode(tokens), lastLine: tokens.length > 0 ? tokens[tokens.length - 5]! : -1 };
}

function objectivesOf(duty: Duty): number {
  let n = duty.objectives.length;
  for (const item of duty.items) n += item.objectives.length;
  return n;
}

/**
 * From this many objectives, a duty's tokens are its pieces' (piecesOf): a keystroke in a duty of
 * 5,000 indicators collected all of its tokens again (40 ms), and a delta read them all.
 */
const PIECES_FROM = 32;

/** A piece of a duty: its own lines or a 事项's (title and fields: `fields` kept with them), or an objective; kept per `key` object. */
interface Piece {
  key: object;
  fields?: readonly Field[];
  line: number;
  collect: (collector: TokenCollector) => void;
}

const pieceParts = new WeakMap<object, Part & { fields?: readonly Field[] }>();

/** A large duty's pieces' parts, with their first lines counted from the duty's, kept per duty object while the comments on its lines are the same. */
const dutyPieces = new WeakMap<Duty, { comments: readonly Comment[]; parts: Part[]; offsets: number[] }>();

/**
 * A large duty's tokens as the parts of its pieces (its own lines', each 事项's own lines' and each
 * objective's, with the comments up to the next piece), each kept while its object, fields and
 * comments are the same — a keystroke collects one objective again. Undefined when a piece's tokens
 * are not all on its lines (a tree not in written order): the duty is one part.
 */
function piecesOf(duty: Duty, from: number, to: number, tableComments: readonly Comment[]): { parts: Part[]; offsets: number[] } | undefined {
  const comments = commentsOn(tableComments, from, to);
  const kept = dutyPieces.get(duty);
  if (kept && sameList(kept.comments, comments)) return kept;
  const pieces: Piece[] = [{ key: duty.title, fields: duty.fields, line: from, collect: (c) => (c.field(duty.title, duty), c.fields(duty.fields)) }];
  const objectives = (list: readonly Objective[]) => {
    for (const o of list) pieces.push({ key: o, line: o.range.start.line, collect: (c) => c.objective(o) });
  };
  objectives(duty.objectives);
  for (const item of duty.items) {
    pieces.push({ key: item.title, fields: item.fields, line: item.range.start.line, collect: (c) => (c.field(item.title), c.fields(item.fields)) });
    objectives(item.objectives);
  }
  const parts: Part[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const { key, fields, line, collect } = pieces[i]!;
    const end = i + 1 < pieces.length ? pieces[i + 1]!.line : to;
    const pieceComments = commentsOn(comments, line, end);
    let part = pieceParts.get(key);
    if (!part || part.fields !== fields || !sameList(part.comments, pieceComments)) {
      part = { ...collected(pieceComments, line, collect), fields };
      if (part.data.length > 0 && part.data[0]! < 0) return undefined;
      pieceParts.set(key, part);
    }
    if (part.lastLine >= end - line) return undefined;
    parts.push(part);
    offsets.push(line - from);
  }
  const made = { comments, parts, offsets };
  dutyPieces.set(duty, made);
  return made;
}

/**
 * A document's tokens as its parts hold them, in order (the header's, each duty's, or a large
 * duty's pieces'): a keystroke collects the tokens of the duty, or the objective, it is in again
 * (and an edit that adds a line, those of no part it only moved), and the rest are the parts'
 * kept. What the next version's delta is compared with, part by part.
 */
export interface PlacedTokens {
  readonly parts: readonly Part[];
  /** Each part's first number as the document's list has it: its first token's line from the previous part's last token (a part without tokens: -1). */
  readonly firsts: readonly number[];
}

const NO_TOKENS: PlacedTokens = { parts: [], firsts: [] };

/** The document's parts and where each begins in the document's list. */
export function placedTokens(_document: TextDocument, parsed: ParseResult): PlacedTokens {
  try {
    const { ast } = parsed;
    const duties = ast.duties;
    const firstDuty = duties.length > 0 ? duties[0]!.range.start.line : ast.range.end.line + 1;
    const parts = [partOf(ast.fields, 0, firstDuty, ast.comments)];
    const froms = [0];
    for (let i = 0; i < duties.length; i++) {
      const duty = duties[i]!;
      const from = duty.range.start.line;
      const to = i + 1 < duties.length ? duties[i + 1]!.range.start.line : ast.range.end.line + 1;
      const pieces = objectivesOf(duty) >= PIECES_FROM ? piecesOf(duty, from, to, ast.comments) : undefined;
      if (!pieces) {
        parts.push(partOf(duty, from, to, ast.comments));
        froms.push(from);
        continue;
      }
      for (let k = 0; k < pieces.parts.length; k++) {
        parts.push(pieces.parts[k]!);
        froms.push(from + pieces.offsets[k]!);
      }
    }
    const firsts: number[] = [];
    let previousLine = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.data.length === 0) {
        firsts.push(-1);
        continue;
      }
      // The part's first token is on a line after the previous part's tokens, or on line 0: its character is its own.
      firsts.push(froms[i]! + part.data[0]! - previousLine);
      previousLine = froms[i]! + part.lastLine;
    }
    return { parts, firsts };
  } catch {
    return NO_TOKENS;
  }
}

/** The numbers of parts [from, to) as the document's list has them: copied whole (a native copy), each part's first patched. */
function numbersOf(placed: PlacedTokens, from = 0, to = placed.parts.length): number[] {
  const data = ([] as number[]).concat(...placed.parts.slice(from, to).map((part) => part.data));
  let at = 0;
  for (let i = from; i < to; i++) {
    const length = placed.parts[i]!.data.length;
    if (length > 0) data[at] = placed.firsts[i]!;
    at += length;
  }
  return data;
}

export function semanticTokens(document: TextDocument, parsed: ParseResult): SemanticTokens {
  return { data: numbersOf(placedTokens(document, parsed)) };
}

/** The document's list of numbers, for a client asking for all of them. */
export function placedTokensData(placed: PlacedTokens): number[] {
  return numbersOf(placed);
}

/**
 * The edit that turns one version's tokens into the next (LSP's semanticTokens/full/delta): the
 * parts the two share at both ends (the same part at the same distance from the one before) are
 * passed over without reading their numbers — after a keystroke in a 10,000-indicator table, the
 * numbers of one duty are read, not the table's half million — and within the rest, the numbers
 * between those they share at their ends.
 */
export function semanticTokensDelta(previous: PlacedTokens, next: PlacedTokens): SemanticTokensEdit[] {
  const a = previous.parts;
  const b = next.parts;
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head] && previous.firsts[head] === next.firsts[head]) head++;
  let tail = 0;
  // A part kept after the edit is, today, also as far from the one before (lines edited between two blocks parse the
  // block after them again), but its first number is compared anyway: it is what the client holds.
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail] && previous.firsts[a.length - 1 - tail] === next.firsts[b.length - 1 - tail]) tail++;
  let start = 0;
  for (let i = 0; i < head; i++) start += a[i]!.data.length;
  const edits = semanticTokensEdits(numbersOf(previous, head, a.length - tail), numbersOf(next, head, b.length - tail));
  for (const edit of edits) edit.start += start;
  return edits;
}

/**
 * The edit that turns one token list into the next: the numbers between those the two share at
 * their ends — after a keystroke, the tokens of a line or two. (vscode-languageserver diffs the same
 * way inside its SemanticTokensBuilder, which would need every token pushed again.)
 */
function semanticTokensEdits(previous: readonly number[], next: readonly number[]): SemanticTokensEdit[] {
  // A plain loop over numbers: the lists may hold a duty's hundreds of thousands.
  let head = 0;
  while (head < previous.length && head < next.length && previous[head] === next[head]) head++;
  let tail = 0;
  while (tail < previous.length - head && tail < next.length - head && previous[previous.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  if (head === previous.length && head === next.length) return [];
  return [{ start: head, deleteCount: previous.length - head - tail, data: next.slice(head, next.length - tail) }];
}

/** The tokens on the lines of `range` (whole lines: the editor asks for what is visible). */
export function semanticTokensRange(_document: TextDocument, parsed: ParseResult, range: Range): SemanticTokens {
  return collect(parsed, range.start.line, range.end.line);
}
