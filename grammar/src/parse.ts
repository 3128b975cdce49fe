/**
 * parse(text) → { ast, errors }. Never throws: a broken line gives an error
 * with its range and the rest of the table is still built.
 */
import type { Comment, Indicator, Item, Objective, ParseError, ParseResult, Range, Table } from './ast';
import type { IToken } from 'chevrotain';
import { AstBuilder, commentAt, tokenRange } from './builder';
import { keywordSuggestion } from './keywords';
import { messages, SYNTAX_RULES } from './messages';
import { parseTokens, type StartRule } from './parser';
import { ttabLexer } from './tokens';
import { defaultUnitCatalog, type UnitCatalog } from './units';

export interface ParseOptions {
  /** Unit catalog for the values (default: the built-in catalog). */
  units?: UnitCatalog;
  /**
   * Report positions as if the text started at this line of a larger
   * document (used by the incremental reparse of one duty block). Default 0.
   */
  startLine?: number;
}

export function endPosition(text: string, startLine = 0): Range['end'] {
  let line = startLine;
  let lastBreak = -1;
  if (!text.includes('\r')) {
    // The common case, with the native search: a 5 MB table in about a millisecond.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      line++;
      lastBreak = i;
    }
    return { line, character: text.length - lastBreak - 1 };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lastBreak = i;
    }
  }
  return { line, character: text.length - lastBreak - 1 };
}

function comparePositions(a: ParseError, b: ParseError): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function parse(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return text.length > CHUNKED_ABOVE ? parseInChunks(text, options) : parseUnsafe(text, options);
  } catch (e) {
    // The grammar is total, so this is a bug; still, the contract is "never throws".
    const detail = e instanceof Error ? e.message : String(e);
    const ast: Table = { kind: 'table', fields: [], duties: [], comments: [], range: { start: { line: options.startLine ?? 0, character: 0 }, end: endPosition(text, options.startLine) } };
    return {
      ast,
      errors: [{ code: 'TT001', severity: 'error', message: messages.parserError(detail), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    };
  }
}

/** Texts longer than this are parsed a group of duties at a time (see parseInChunks). */
const CHUNKED_ABOVE = 128 * 1024;
/** About how much text each chunk holds (it always ends at a duty line). */
const CHUNK_SIZE = 64 * 1024;
/** A line that opens a duty: the lexer's keyword rule for 职责/duty at a line start. */
const DUTY_LINE = /^[ \t\u3000\uFEFF]*(?:职责|duty)(?![^ \t\u3000\r\n])/gm;

/**
 * A large table parsed a group of duties at a time, each chunk from one duty
 * line to another, then put together. The result is the same as one parse of
 * the whole text — a duty parses independently of what precedes it (the
 * argument of incremental.ts, property-tested against the one-piece parse) —
 * but the tokens and CST of each chunk die young, so a 5 MB table never holds
 * all of them at once: less memory, less garbage collection.
 */
function parseInChunks(text: string, options: ParseOptions): ParseResult {
  // Lone CR line breaks would need their own line counting, and the regex's ^ also starts lines
  // at U+2028/U+2029, which the lexer does not: such files are parsed in one piece.
  if (/\r(?!\n)|[\u2028\u2029]/.test(text)) return parseUnsafe(text, options);
  const base = options.startLine ?? 0;
  const starts: number[] = [];
  let nextCut = 0;
  DUTY_LINE.lastIndex = 0;
  for (let m = DUTY_LINE.exec(text); m; m = DUTY_LINE.exec(text)) {
    if (m.index >= nextCut) {
      starts.push(m.index);
      nextCut = m.index + CHUNK_SIZE;
    }
    if (DUTY_LINE.lastIndex === m.index) DUTY_LINE.lastIndex++;
  }
  if (starts.length < 2) return parseUnsafe(text, options);

  // The part before the first duty (header, comments, stray lines) is a chunk of its own.
  const bounds = starts[0] === 0 ? starts : [0, ...starts];
  let line = base;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = offset;
    return line;
  };
  let head: ParseResult | undefined;
  const duties: Table['duties'] = [];
  const comments: Table['comments'] = [];
  const errors: ParseError[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const from = bounds[i]!;
    const to = i + 1 < bounds.length ? bounds[i + 1]! : text.length;
    const part = parseUnsafe(text.slice(from, to), { ...options, startLine: lineAt(from) });
    head ??= part;
    duties.push(...part.ast.duties);
    comments.push(...part.ast.comments);
    errors.push(...part.errors);
  }
  const ast: Table = { ...head!.ast, duties, comments, range: { start: { line: base, character: 0 }, end: endPosition(text, base) } };
  return { ast, errors };
}

/** The whole text in one piece, never chunked (for tests that check chunking changes nothing). */
/** TT002, with the keyword the line most likely meant (the quick fix replaces the line's first word). */
function unknownLine(token: IToken, base: number): ParseError {
  const line = token.image.trimEnd();
  const error: ParseError = { code: 'TT002', severity: 'error', message: messages.unknownLine(line), range: tokenRange(token, line.length, base) };
  const suggestion = keywordSuggestion(line);
  if (suggestion) {
    error.message = suggestion.missingSpace ? messages.spaceAfterKeyword(line, suggestion.keyword) : messages.misspeltKeyword(line, suggestion.word, suggestion.keyword);
    error.data = { word: suggestion.word, replacement: suggestion.replacement };
  }
  return error;
}

export function parseInOnePiece(text: string, options: ParseOptions = {}): ParseResult {
  return parseUnsafe(text, options);
}

function parseUnsafe(text: string, options: ParseOptions): ParseResult {
  const piece = parsePiece(text, options, 'table');
  const ast = piece.built as Table;
  ast.range = { start: { line: options.startLine ?? 0, character: 0 }, end: piece.end };
  ast.comments = piece.comments;
  return { ast, errors: piece.errors };
}

/** Lexing, parsing with one start rule and building: the tree (or blocks), its comments and every problem found. */
function parsePiece(text: string, options: ParseOptions, rule: StartRule): { built: unknown; comments: Comment[]; errors: ParseError[]; parserErrors: number; end: Range['end'] } {
  const base = options.startLine ?? 0;
  const lexed = ttabLexer.tokenize(text);
  const errors: ParseError[] = [];
  const end = endPosition(text, base);
  for (const e of lexed.errors) {
    const start = { line: (e.line ?? 1) - 1 + base, character: (e.column ?? 1) - 1 };
    errors.push({
      code: 'TT001',
      severity: SYNTAX_RULES.TT001.severity,
      message: messages.unreadable(text.substr(e.offset, e.length)),
      range: { start, end: { line: start.line, character: start.character + e.length } },
    });
  }
  for (const token of lexed.groups.unknown ?? []) errors.push(unknownLine(token, base));
  const { cst, errors: parserErrors } = parseTokens(lexed.tokens, rule);
  for (const e of parserErrors) {
    // Recovery may point at the end-of-input token, which has no position.
    const range = Number.isFinite(e.token.startOffset) && e.token.startLine !== undefined && !Number.isNaN(e.token.startLine) ? tokenRange(e.token, e.token.image.length, base) : { start: end, end };
    errors.push({ code: 'TT003', severity: 'error', message: messages.parserError(e.message), range });
  }
  const builder = new AstBuilder(options.units ?? defaultUnitCatalog, base);
  const built = builder.visit(cst);
  const comments = (lexed.groups.comments ?? []).map((token) => commentAt(token.image, token.startLine! - 1 + base, token.startColumn! - 1));
  errors.push(...builder.errors);
  errors.sort(comparePositions);
  return { built, comments, errors, parserErrors: parserErrors.length, end };
}

/** The kinds of block below a duty, each parsed as a run of siblings by the incremental reparse. */
export type BlockKind = 'item' | 'objective' | 'indicator';
type BlockOfKind = { item: Item; objective: Objective; indicator: Indicator };

export interface RunParse<K extends BlockKind> {
  /** The text is exactly a run of such blocks (it starts with one, and holds no shallower level); else the rest is meaningless. */
  complete: boolean;
  blocks: BlockOfKind[K][];
  comments: Comment[];
  errors: ParseError[];
}

const RUN_RULE: Record<BlockKind, StartRule> = { item: 'itemRun', objective: 'objectiveRun', indicator: 'indicatorRun' };

/**
 * A text that should be a run of sibling blocks of one kind (some indicators of one objective, …),
 * as a slice of a larger document starting at `options.startLine`. Never throws.
 */
export function parseRun<K extends BlockKind>(text: string, kind: K, options: ParseOptions = {}): RunParse<K> {
  try {
    const piece = parsePiece(text, options, RUN_RULE[kind]);
    const blocks = piece.built as BlockOfKind[K][];
    return { complete: piece.parserErrors === 0 && blocks.length > 0, blocks, comments: piece.comments, errors: piece.errors };
  } catch {
    return { complete: false, blocks: [], comments: [], errors: [] };
  }
}
