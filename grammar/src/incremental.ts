/**
 * Incremental reparse: after an edit, parse again only the smallest run of
 * sibling blocks the edit lies in — some indicators of one objective, some
 * objectives or 事项 of one parent, or some duties — and reuse the rest of
 * the previous result.
 *
 * Why it is exact: nesting is carried by keywords (parser.ts). Inside a duty
 * every token belongs to the block opened last, and a block's tokens end
 * where a line of the same or a shallower level starts — so a block is built
 * from its own lines alone, whatever came before it, and comments, blank and
 * unknown lines are seen by no rule at all. When the text of a run of
 * siblings is replaced, parsing that text on its own with the rule "a run of
 * such blocks" gives exactly the blocks, comments and problems a full parse
 * would give there — provided the text still is such a run: it starts with
 * the run's first line (or with blank and comment lines before it, which
 * belong to no block: Enter typed at a duty's first line does not parse the
 * table again), and holds no shallower level line (which would close the
 * parent). Otherwise the run with the sibling before it is tried (a block's
 * first line broken joins its lines to that sibling), then the run one level
 * up, up to the duties; then the header with the duties up to the edit's
 * (reparseHead). The whole text is parsed again only for an edit from the
 * header into the last duty, or one that breaks a table's only duty line.
 *
 * The run's text ends where the next sibling (or a shallower level) starts,
 * or earlier: lines after the run's last field that hold no token (comments,
 * blank and unknown lines) and that the edit did not touch are kept, so
 * editing an indicator above a run of 100,000 comment lines does not read
 * them again.
 *
 * Smaller still: an edit among one indicator field's lines that leaves them
 * continuation lines, comments and blank lines (the keyword kept) patches
 * that field without parsing anything (patchField), so a field continued over
 * 50,000 lines does not make a keystroke or a new line in it a parse of them.
 *
 * The blocks around the run are reused: its ancestors are copied with the new
 * children (a block object never changes, so results cached per block stay
 * true), and everything after it, when the edit added or removed lines, is
 * moved in place — copying it would allocate about as much as a full parse.
 * So reparse takes ownership of `previous`: afterwards only the result is
 * valid. Position objects are shared between ranges in a fixed pattern
 * (builder.ts): each is moved exactly once (see fieldPositions); the duties,
 * 事项 and objectives after the edit move from a list of their positions kept
 * per block object.
 */
import type { Comment, Duty, Field, Indicator, Item, Objective, ParseError, ParseResult, Position, Range, Table } from './ast';
import { blockRange, commentAt, trimEnd, VALUE_KEYS } from './builder';
import { parse, parseRun, type BlockKind, type ParseOptions } from './parse';
import { defaultUnitCatalog } from './units';
import { parseValue } from './values';

/** The text after the edit, by lines (the caller's line index: lines end at CRLF, CR or LF). */
export interface TextLines {
  readonly lineCount: number;
  /** The text of lines [from, to), with their line breaks. */
  linesText(from: number, to: number): string;
}

export interface LineEdit {
  /** The replaced range, in the previous text's positions. */
  range: Range;
}

export interface ReparseInput {
  previous: ParseResult;
  edit: LineEdit;
  /** The whole text after the edit. */
  text: TextLines;
  options?: ParseOptions;
}

export type Block = Duty | Item | Objective | Indicator;

/** What an incremental reparse replaced: a run of sibling blocks of one kind, and the comments among them. */
export interface TreeChange {
  /** The tree the edit was made in (its blocks outside the run now belong to the new tree). */
  previous: Table;
  kind: BlockKind | 'duty';
  /**
   * The previous tree's blocks, detached: their positions are those of the previous text, but for
   * the lines below the edit of an indicator patched in one of its fields (patchField), which it
   * shares with its copy and which moved with it. Only their content is read (table rules' keys
   * and counts).
   */
  removed: Block[];
  /** The blocks in their place, in the new tree. */
  added: Block[];
  removedComments: Comment[];
  addedComments: Comment[];
  /** Lines [from, previousTo) of the previous text became lines [from, to) of the new one (the rest moved by lineDelta). */
  from: number;
  previousTo: number;
  to: number;
}

export interface ReparseResult extends ParseResult {
  /** True when only part of the text was parsed again. */
  incremental: boolean;
  /** Lines the edit added (negative: removed); what follows the reparsed lines moved by this much, in place. */
  lineDelta: number;
  /** Lines [from, to) of the new text that were parsed again (the whole text after a full parse). */
  reparsedLines: { from: number; to: number };
  /** What was replaced (absent after a full parse). */
  change?: TreeChange;
}

/**
 * A copy of a slice that does not keep the whole text alive. V8 represents a
 * slice as a view of its parent string, and the tree's strings are slices of
 * the text they were parsed from: without the copy, every reparsed block
 * would keep the text it was cut from in memory for as long as it lives.
 */
function detached(slice: string): string {
  return (' ' + slice).slice(1);
}

/** Index of the last element whose start line is ≤ line, or -1 (elements in line order). */
function lastAtOrBefore<T>(list: readonly T[], line: number, lineOf: (t: T) => number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(list[mid]!) <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const startLine = (x: { range: Range }) => x.range.start.line;

/** Index of the first element whose start line is ≥ line (list.length when none). */
function firstAtOrAfter<T extends { range: Range }>(list: readonly T[], line: number): number {
  return lastAtOrBefore(list, line - 1, startLine) + 1;
}

/** One step of the path from the table down to a run: a block and its index among its siblings. */
interface Step {
  block: Duty | Item | Objective;
  index: number;
}

/** A run of sibling blocks [first, last] of `kind` in `siblings`, below the blocks of `path` (empty: duties). */
interface Run {
  kind: BlockKind | 'duty';
  siblings: readonly Block[];
  first: number;
  last: number;
  path: Step[];
}

/** The children of a block a line may lie in, by kind (a duty's objectives come before its 事项). */
function childrenOf(block: Duty | Item | Objective): { kind: BlockKind; list: readonly Block[] }[] {
  switch (block.kind) {
    case 'duty':
      return [
        { kind: 'objective', list: block.objectives },
        { kind: 'item', list: block.items },
      ];
    case 'item':
      return [{ kind: 'objective', list: block.objectives }];
    case 'objective':
      return [{ kind: 'indicator', list: block.indicators }];
  }
}

/** The child whose lines include `line` (the last one starting at or before it), or none in the block's own head. */
function childAt(block: Duty | Item | Objective, line: number): { kind: BlockKind; list: readonly Block[]; index: number } | undefined {
  let found: { kind: BlockKind; list: readonly Block[]; index: number } | undefined;
  for (const { kind, list } of childrenOf(block)) {
    const index = lastAtOrBefore(list, line, startLine);
    if (index >= 0 && (!found || startLine(list[index]!) > startLine(found.list[found.index]!))) found = { kind, list, index };
  }
  return found;
}

/**
 * The runs that hold lines [from, to] of the previous text, the smallest first, the duties' last;
 * each followed by the same run with the sibling before it: a block's first line deleted or broken
 * joins its lines to that sibling, whose first line still starts the text.
 */
function runsAround(table: Table, from: number, to: number): Run[] {
  const first = lastAtOrBefore(table.duties, from, startLine);
  if (first < 0) return [];
  const last = lastAtOrBefore(table.duties, to, startLine);
  const runs: Run[] = withSiblingBefore({ kind: 'duty', siblings: table.duties, first, last, path: [] });
  if (first !== last) return runs;
  const path: Step[] = [{ block: table.duties[first]!, index: first }];
  for (;;) {
    const parent = path[path.length - 1]!.block;
    const a = childAt(parent, from);
    const b = childAt(parent, to);
    if (!a || !b || a.list !== b.list) break;
    runs.unshift(...withSiblingBefore({ kind: a.kind, siblings: a.list, first: a.index, last: b.index, path: [...path] }));
    const block = a.list[a.index]!;
    if (a.index !== b.index || block.kind === 'indicator') break;
    path.push({ block, index: a.index });
  }
  return runs;
}

/** A run, then the run with the sibling before it when there is one. */
function withSiblingBefore(run: Run): Run[] {
  return run.first > 0 ? [run, { ...run, first: run.first - 1 }] : [run];
}

/** The line where the lines of a run end: the next sibling's, or a shallower level's, first line (or the end of the text). */
function runEnd(table: Table, run: Run): number {
  let list: readonly Block[] = run.siblings;
  let index = run.last;
  for (let level = run.path.length - 1; ; level--) {
    const next = list[index + 1];
    if (next) return startLine(next);
    const parent = level >= 0 ? run.path[level]!.block : undefined;
    // A duty's objectives are followed by its 事项.
    if (parent?.kind === 'duty' && list === parent.objectives && parent.items.length > 0) return startLine(parent.items[0]!);
    if (!parent) return table.range.end.line + 1;
    index = run.path[level]!.index;
    list = level === 0 ? table.duties : siblingsOf(run.path[level - 1]!.block, parent);
  }
}

/** The list of `parent`'s children that holds `child`. */
function siblingsOf(parent: Duty | Item | Objective, child: Block): readonly Block[] {
  if (parent.kind === 'objective') return parent.indicators;
  if (parent.kind === 'item' || child.kind === 'objective') return (parent as Duty | Item).objectives;
  return (parent as Duty).items;
}

/**
 * Where the part of a run's lines that must be parsed again ends: after its last field (and after the
 * edit), unless what follows until `end` may hold tokens. Lines after the last field hold none but
 * those of a misplaced field line, which is reported (TT003/TT012) on its keyword; comments, blank
 * lines and unknown lines (TT002) are seen by no rule, so they are kept as they were.
 */
function reparseEnd(previous: ParseResult, run: Run, editEnd: number, end: number): number {
  const lastField = run.siblings[run.last]!.range.end.line;
  const cut = Math.max(editEnd, lastField) + 1;
  if (cut >= end) return end;
  const errors = previous.errors;
  for (let i = firstAtOrAfter(errors, lastField + 1); i < errors.length && startLine(errors[i]!) < end; i++) {
    if (errors[i]!.code !== 'TT002') return end;
  }
  return cut;
}

export function reparse(input: ReparseInput): ReparseResult {
  const { previous, edit, text, options = {} } = input;
  // The tree's last line is the previous text's last line (parse counts CRLF, CR and LF as the caller's line index does).
  const lineDelta = text.lineCount - 1 - previous.ast.range.end.line;
  const runs = runsAround(previous.ast, edit.range.start.line, edit.range.end.line);
  const patched = patchField(previous, runs[0], edit.range, lineDelta, text, options);
  if (patched) return patched;
  for (const run of runs) {
    const result = reparseRun(previous, run, edit.range.end.line, lineDelta, text, options);
    if (result) return result;
  }
  const head = reparseHead(previous, edit.range.end.line, lineDelta, text, options);
  if (head) return head;
  const result = parse(text.linesText(0, text.lineCount), options);
  return { ...result, incremental: false, reparsedLines: { from: 0, to: result.ast.range.end.line + 1 }, lineDelta: 0 };
}

/** The run parsed again and put in place, or undefined when its text is no longer such a run. */
function reparseRun(previous: ParseResult, run: Run, editEnd: number, lineDelta: number, text: TextLines, options: ParseOptions): ReparseResult | undefined {
  const from = startLine(run.siblings[run.first]!);
  const previousTo = reparseEnd(previous, run, editEnd, runEnd(previous.ast, run));
  const to = previousTo + lineDelta;
  if (to <= from) return undefined;
  const slice = detached(text.linesText(from, to));
  const parsed = parseSlice(slice, run.kind, { ...options, startLine: from });
  // The text must still start with the run's first line, or with lines that hold no token before it; then it parses exactly as in a full parse.
  if (!parsed || !tokenFreeLines(slice, startLine(parsed.blocks[0]!) - from)) return undefined;
  return putInPlace(previous, run, { from, previousTo, to }, parsed, previous.ast, lineDelta, text);
}

/**
 * The header and the duties up to the edit's last, parsed again: an edit in the header, or one that
 * breaks the first duty's line (its lines join the header). Exact for the reason parseInChunks is:
 * each duty after them starts a line of its own and parses as it did, whatever precedes it. The
 * edit's last duty being the table's last, this is a full parse: undefined.
 */
function reparseHead(previous: ParseResult, editEnd: number, lineDelta: number, text: TextLines, options: ParseOptions): ReparseResult | undefined {
  const duties = previous.ast.duties;
  const last = lastAtOrBefore(duties, editEnd, startLine);
  if (last + 1 >= duties.length) return undefined;
  const previousTo = startLine(duties[last + 1]!);
  const to = previousTo + lineDelta;
  const head = parse(detached(text.linesText(0, to)), options);
  const run: Run = { kind: 'duty', siblings: duties, first: 0, last, path: [] };
  return putInPlace(previous, run, { from: 0, previousTo, to }, { blocks: head.ast.duties, comments: head.ast.comments, errors: head.errors }, head.ast, lineDelta, text);
}

/**
 * The result of parsing a run's lines again: the blocks in the run's place, its comments and errors in
 * theirs, what follows moved by `lineDelta` lines, the header taken from `header` (the previous
 * table's, or the one parsed again with the duties).
 */
function putInPlace(
  previous: ParseResult,
  run: Run,
  lines: { from: number; previousTo: number; to: number },
  parsed: { blocks: Block[]; comments: Comment[]; errors: ParseError[] },
  header: Pick<Table, 'department' | 'year' | 'fields'>,
  lineDelta: number,
  text: TextLines,
): ReparseResult {
  const { from, previousTo, to } = lines;
  // Comments and errors first: the copies of the errors after the run are made from the positions before the move.
  const comments = spliceByLine(previous.ast.comments, from, previousTo, parsed.comments);
  const errors = spliceByLine(previous.errors, from, previousTo, parsed.errors);
  if (lineDelta !== 0) {
    for (let i = comments.after; i < comments.list.length; i++) moveRange(comments.list[i]!.range, lineDelta);
    for (let i = errors.after; i < errors.list.length; i++) errors.list[i] = { ...errors.list[i]!, range: shiftRange(errors.list[i]!.range, lineDelta) };
  }

  const duties = replaceRun(previous.ast, run, parsed.blocks);
  if (lineDelta !== 0) moveAfterRun(duties, run, parsed.blocks.length, lineDelta);

  const ast: Table = {
    kind: 'table',
    department: header.department,
    year: header.year,
    fields: header.fields,
    duties,
    comments: comments.list,
    range: tableRange(previous.ast, text),
  };
  if (!ast.department) delete ast.department;
  if (!ast.year) delete ast.year;
  const removed = run.siblings.slice(run.first, run.last + 1);
  const change: TreeChange = {
    previous: previous.ast,
    kind: run.kind,
    removed,
    added: parsed.blocks,
    removedComments: comments.removed,
    addedComments: parsed.comments,
    from,
    previousTo,
    to,
  };
  return { ast, errors: errors.list, incremental: true, reparsedLines: { from, to }, lineDelta, change };
}

/** A line that holds no token: blank, or a comment (tokens.ts, line mode), with its line break. */
const TOKEN_FREE_LINE = /[ \t\u3000\uFEFF]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|$)/y;

/**
 * Whether the first `count` lines of a slice hold no token. Enter, or a comment typed, at a block's
 * first line puts such lines before it: they belong to no block (a block's lines run from its keyword
 * line to its last field), so the run parses as in a full parse. Any other line there would belong
 * to the block before the run in a full parse (a field line, a `+` line) or is an unknown line.
 */
function tokenFreeLines(slice: string, count: number): boolean {
  if (count < 0) return false;
  let at = 0;
  for (let i = 0; i < count; i++) {
    TOKEN_FREE_LINE.lastIndex = at;
    const line = TOKEN_FREE_LINE.exec(slice);
    if (!line || line[0].length === 0) return false;
    at += line[0].length;
  }
  return true;
}

/** What follows a field line's keyword, or a continuation line's mark, as the lexer reads it (the line without its break): spacing, then one text token. */
const AFTER_MARK = /^([ \t\u3000]*)([^ \t\u3000\r\n][^\r\n]*)?$/;
/** What the lexer skips at the start of a line (tokens.ts, Indent). */
const LINE_INDENT = /^[ \t\u3000\uFEFF]*/;

/** One piece of a field's text: the keyword line's, or a continuation line's. */
interface Piece {
  text: string;
  range: Range;
}

/**
 * An edit within the lines of one indicator field — from its keyword line (the keyword kept) to the
 * line before the indicator's next field — after which each of those lines is a continuation line,
 * a comment or a blank line: the field is copied with the pieces of those lines replaced, and the
 * indicator with the field (its fields below moved by the lines the edit added or removed), without
 * reading the field's other lines. A field continued over 50,000 lines was parsed again whole on
 * every keystroke in it, and on every line typed in it.
 *
 * Exact because, in line mode, such a line is a keyword or a mark followed by one text token, a
 * comment, or nothing (tokens.ts), whatever the text says; a continuation line continues the last
 * field above it, however far (blank lines, comments and unknown lines take no part in the
 * grammar). So the tree's shape and the syntax errors are those of the previous text, and only the
 * field's pieces, the comments on the edited lines and the positions below them change. A syntax
 * error on the edited lines may quote them (the parser's messages give the token found), and a
 * field line misplaced below the field (TT003, TT012) takes the continuation lines after it:
 * either is parsed again.
 */
function patchField(previous: ParseResult, run: Run | undefined, edit: Range, lineDelta: number, text: TextLines, options: ParseOptions): ReparseResult | undefined {
  if (!run || run.kind !== 'indicator' || run.first !== run.last) return undefined;
  const from = edit.start.line;
  const to = edit.end.line;
  const indicator = run.siblings[run.first] as Indicator;
  const at = fieldAt(indicator, from);
  if (!at) return undefined;
  const { field, next } = at;
  const keywordLine = field.keywordRange.start.line;
  if (to >= (next ? next.keywordRange.start.line : runEnd(previous.ast, run))) return undefined;
  const errors = previous.errors;
  const last = field.range.end.line;
  for (let i = firstAtOrAfter(errors, Math.min(from, last + 1)); i < errors.length && startLine(errors[i]!) <= to; i++) {
    if (startLine(errors[i]!) >= from || errors[i]!.code !== 'TT002') return undefined;
  }
  const read = readFieldLines(field, from, linesOf(text, from, to + lineDelta + 1));
  if (!read) return undefined;

  // Comments and errors first: the copies of the errors below are made from the positions before the move (an error's
  // range may be a field's own, TT010's).
  const comments = spliceByLine(previous.ast.comments, from, to + 1, read.comments);
  const kept = spliceByLine(errors, from, to + 1, []);
  if (lineDelta !== 0) {
    for (let i = comments.after; i < comments.list.length; i++) moveRange(comments.list[i]!.range, lineDelta);
    for (let i = kept.after; i < kept.list.length; i++) kept.list[i] = { ...kept.list[i]!, range: shiftRange(kept.list[i]!.range, lineDelta) };
  }

  // The continuation lines among the edited ones, [j0, j1), and where their pieces lie in the field's text.
  const ranges = field.continuationRanges;
  const j0 = lastAtOrBefore(ranges, from - 1, (r) => r.start.line) + 1;
  const j1 = lastAtOrBefore(ranges, to, (r) => r.start.line) + 1;
  // The text is the keyword line's piece, then each continuation line's after a line break: pieces [j0, j1) end where
  // piece j1 - 1 ends, and start where piece j0 - 1 ends (at 0 with the keyword line's).
  let start = length(field.textRange);
  for (let j = 0; j < j0; j++) start += 1 + length(ranges[j]!);
  let end = start;
  for (let j = j0; j < j1; j++) end += 1 + length(ranges[j]!);
  if (from === keywordLine) start = 0;
  const replaced = (read.keywordPiece?.text ?? '') + read.pieces.map((p) => `\n${p.text}`).join('');
  const fieldText = field.text.slice(0, start) + replaced + field.text.slice(end);
  const continuationRanges = withRanges(ranges, j0, j1, read.pieces.map((p) => p.range));
  // The continuation lines below the edit are moved in place, like the blocks below it (the previous field shares them).
  if (lineDelta !== 0) for (let j = j0 + read.pieces.length; j < continuationRanges.length; j++) moveRange(continuationRanges[j]!, lineDelta);
  const patched = withPieces(field, read.keywordPiece?.range ?? field.textRange, continuationRanges);
  patched.text = fieldText;
  patched.value = VALUE_KEYS.has(field.key) ? parseValue(fieldText, options.units ?? defaultUnitCatalog) : undefined;

  const copy = withFields(indicator, field, patched, lineDelta);
  const duties = replaceRun(previous.ast, run, [copy]);
  if (lineDelta !== 0) moveAfterRun(duties, run, 1, lineDelta);
  const ast: Table = { ...previous.ast, duties, comments: comments.list, range: tableRange(previous.ast, text) };
  const newTo = to + 1 + lineDelta;
  const change: TreeChange = { previous: previous.ast, kind: 'indicator', removed: [indicator], added: [copy], removedComments: comments.removed, addedComments: read.comments, from, previousTo: to + 1, to: newTo };
  return { ast, errors: kept.list, incremental: true, reparsedLines: { from, to: newTo }, lineDelta, change };
}

/** The ranges with those of [j0, j1) replaced (a field's 50,000 continuation ranges are copied in one go, not pushed one by one). */
function withRanges(ranges: readonly Range[], j0: number, j1: number, replacing: readonly Range[]): readonly Range[] {
  if (replacing.length === j1 - j0) {
    if (replacing.length === 0) return ranges;
    const out = ranges.slice();
    for (let k = 0; k < replacing.length; k++) out[j0 + k] = replacing[k]!;
    return out;
  }
  return ranges.slice(0, j0).concat(replacing, ranges.slice(j1));
}

/** Lines [from, to) of the text, without their line breaks (undefined when they are not as many). */
function linesOf(text: TextLines, from: number, to: number): string[] | undefined {
  const lines = text.linesText(from, to).split(/\r\n|\r|\n/);
  if (lines.length === to - from + 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === to - from ? lines : undefined;
}

/**
 * The edited lines of a field, from line `from` on, as the lexer reads them: the keyword line's
 * piece (when `from` is the keyword's line, whose keyword must be as it was), the continuation
 * lines' pieces and the comments; undefined when one of them is anything else.
 */
function readFieldLines(field: Field, from: number, lines: readonly string[] | undefined): { keywordPiece?: Piece; pieces: Piece[]; comments: Comment[] } | undefined {
  if (!lines) return undefined;
  const pieces: Piece[] = [];
  const comments: Comment[] = [];
  let keywordPiece: Piece | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = from + i;
    const lineText = lines[i]!;
    if (line === field.keywordRange.start.line) {
      const lead = field.keywordRange.start.character;
      const headEnd = field.keywordRange.end.character;
      if (LINE_INDENT.exec(lineText)![0].length !== lead || lineText.slice(lead, headEnd) !== field.keyword) return undefined;
      // A keyword ends at spacing or at the line's end (tokens.ts).
      keywordPiece = pieceAfter(lineText, headEnd, field.keywordRange.end, true);
      if (!keywordPiece) return undefined;
      continue;
    }
    const lead = LINE_INDENT.exec(lineText)![0].length;
    if (lead === lineText.length) continue;
    const c = lineText.charCodeAt(lead);
    if (c === 0x23 /* # */) {
      comments.push(commentAt(detached(lineText.slice(lead)), line, lead));
    } else if (c === 0x2b /* + */) {
      // A mark may be followed by text at once.
      pieces.push(pieceAfter(lineText, lead + 1, { line, character: lead + 1 }, false)!);
    } else {
      return undefined;
    }
  }
  return { keywordPiece, pieces, comments };
}

/**
 * The piece after a keyword or a mark that ends at `headEnd` (at `head`): spacing, then one text
 * token, trailing spacing left out — as the builder makes it, an empty piece's range is `head`,
 * twice. Undefined when text follows a keyword without spacing (it is no longer that keyword).
 */
function pieceAfter(lineText: string, headEnd: number, head: Position, keyword: boolean): Piece | undefined {
  const m = AFTER_MARK.exec(lineText.slice(headEnd));
  if (!m || (keyword && m[1] === '' && m[2] !== undefined)) return undefined;
  const line = head.line;
  if (m[2] === undefined) return { text: '', range: { start: head, end: head } };
  const text = detached(trimEnd(m[2]));
  const at = headEnd + m[1]!.length;
  return { text, range: { start: { line, character: at }, end: { line, character: at + text.length } } };
}

/**
 * The indicator's field (its name or one of its fields, not a monitoring point's) whose lines
 * `line` may be one of, and the field after it.
 */
function fieldAt(indicator: Indicator, line: number): { field: Field; next: Field | undefined } | undefined {
  const index = lastAtOrBefore(indicator.fields, line, (f) => f.keywordRange.start.line);
  const field = index >= 0 ? indicator.fields[index]! : indicator.name;
  // A monitoring point's fields are its own as well as the indicator's: those are parsed again with the indicator.
  for (const point of indicator.monitors) if (point.title === field || point.fields.includes(field)) return undefined;
  return { field, next: indicator.fields[index + 1] };
}

/** A copy of the field with these pieces' ranges (its own range ends with the last piece: a continuation line's, the keyword line's text, or the keyword). */
function withPieces(field: Field, textRange: Range, continuationRanges: readonly Range[]): Field {
  const keywordRange = field.keywordRange;
  const last = continuationRanges[continuationRanges.length - 1] ?? (textRange.start === keywordRange.end ? keywordRange : textRange);
  return { ...field, textRange, continuationRanges, range: { start: keywordRange.start, end: last.end } };
}

/**
 * A copy of the indicator with one of its fields replaced, wherever it stands (its slot, its fields,
 * an inherited list), and the fields after it moved `delta` lines down in place (the previous
 * indicator shares them). Its monitoring points are the same objects: the edited field is none of
 * theirs, and their fields, among the indicator's, move with the others (a point's range is made of
 * its first and last field's positions).
 */
function withFields(indicator: Indicator, old: Field, field: Field, delta: number): Indicator {
  if (delta !== 0) for (let i = indicator.fields.indexOf(old) + 1; i < indicator.fields.length; i++) moveField(indicator.fields[i]!, delta);
  const copy = { ...indicator } as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (value === old) copy[key] = field;
    else if (Array.isArray(value) && key !== 'monitors' && value.includes(old)) copy[key] = value.map((f) => (f === old ? field : f));
  }
  const out = copy as unknown as Indicator;
  out.range = blockRange(out);
  return out;
}

function length(r: Range): number {
  return r.end.character - r.start.character;
}

/** The table's range in the text after the edit: from where it started to the end of the last line. */
function tableRange(previous: Table, text: TextLines): Range {
  const lastLine = text.lineCount - 1;
  return { start: previous.range.start, end: { line: lastLine, character: text.linesText(lastLine, lastLine + 1).length } };
}

function parseSlice(slice: string, kind: Run['kind'], options: ParseOptions): { blocks: Block[]; comments: Comment[]; errors: ParseError[] } | undefined {
  if (kind === 'duty') {
    const result = parse(slice, options);
    if (result.ast.duties.length === 0 || result.ast.fields.length > 0) return undefined;
    return { blocks: result.ast.duties, comments: result.ast.comments, errors: result.errors };
  }
  const run = parseRun(slice, kind, options);
  return run.complete ? run : undefined;
}

/**
 * The list with its items on lines [from, to) replaced by `items` (in place: the list is the previous
 * result's), the items removed, and the index where the items after them start.
 */
function spliceByLine<T extends { range: Range }>(list: T[], from: number, to: number, items: readonly T[]): { list: T[]; removed: T[]; after: number } {
  const a = firstAtOrAfter(list, from);
  const b = firstAtOrAfter(list, to);
  const after = a + items.length;
  if (items.length < 10_000) return { removed: list.splice(a, b - a, ...items), list, after };
  // Spreading many items into splice would overflow the argument limit.
  return { list: [...list.slice(0, a), ...items, ...list.slice(b)], removed: list.slice(a, b), after };
}

/** The table's duties with the run replaced: the run's ancestors are copied with their new children. */
function replaceRun(table: Table, run: Run, blocks: Block[]): Duty[] {
  let replacement: Block[] = blocks;
  let siblings = run.siblings;
  let first = run.first;
  let last = run.last;
  for (let level = run.path.length - 1; level >= 0; level--) {
    const { block, index } = run.path[level]!;
    const children = [...siblings.slice(0, first), ...replacement, ...siblings.slice(last + 1)];
    const kind = level === run.path.length - 1 ? run.kind : run.path[level + 1]!.block.kind;
    const copy = withChildren(block, kind as BlockKind, children);
    replacement = [copy];
    siblings = level === 0 ? table.duties : siblingsOf(run.path[level - 1]!.block, block);
    first = last = index;
  }
  return [...(siblings as readonly Duty[]).slice(0, first), ...(replacement as Duty[]), ...(siblings as readonly Duty[]).slice(last + 1)];
}

/** A copy of a block with new children of one kind, and the range they give it. */
function withChildren(block: Duty | Item | Objective, kind: BlockKind, children: Block[]): Duty | Item | Objective {
  let copy: Duty | Item | Objective;
  if (block.kind === 'objective') copy = { ...block, indicators: children as Indicator[] };
  else if (kind === 'objective') copy = { ...block, objectives: children as Objective[] };
  else copy = { ...(block as Duty), items: children as Item[] };
  copy.range = blockRange(copy);
  return copy;
}

/** Move, in the new tree, every block after the run's new blocks by `delta` lines. */
function moveAfterRun(duties: Duty[], run: Run, added: number, delta: number): void {
  // Walk down the new tree along the run's path; at each level, move the siblings after it.
  let parent: Duty | Item | Objective | undefined;
  for (let level = 0; level <= run.path.length; level++) {
    const siblings: readonly Block[] = level === 0 ? duties : siblingsOf(parent!, level === run.path.length ? run.siblings[run.first]! : run.path[level]!.block);
    const index = level === run.path.length ? run.first : run.path[level]!.index;
    const after = level === run.path.length ? index + added : index + 1;
    const later: Block[] = siblings.slice(after);
    // A duty's objectives are followed by its 事项.
    if (parent?.kind === 'duty' && siblings === parent.objectives) later.push(...parent.items);
    for (const block of later) moveBlock(block, delta);
    if (level < run.path.length) parent = siblings[index] as Duty | Item | Objective;
  }
}

function moveRange(r: Range, delta: number): void {
  r.start.line += delta;
  if (r.end !== r.start) r.end.line += delta;
}

function shiftPosition(p: Position, delta: number): Position {
  return { line: p.line + delta, character: p.character };
}

/** A copy of a range, `delta` lines further down. */
function shiftRange(r: Range, delta: number): Range {
  return { start: shiftPosition(r.start, delta), end: shiftPosition(r.end, delta) };
}

// Moving in place. The builder shares Position objects in one pattern: a
// field's range starts at its keyword's start and ends at the end of its last
// piece (keyword, text or continuation); an empty text range is the keyword's
// end, twice; an empty continuation range is one position, twice; a block's
// range is its title's start and its last child's end. So moving the keyword,
// text and continuation positions of every field once moves everything.

type Visit = (p: Position) => void;

function fieldPositions(f: Field, visit: Visit): void {
  const k = f.keywordRange;
  const t = f.textRange;
  visit(k.start);
  visit(k.end);
  if (t.start !== k.end) visit(t.start);
  if (t.end !== k.end && t.end !== t.start) visit(t.end);
  for (const c of f.continuationRanges) {
    visit(c.start);
    if (c.end !== c.start) visit(c.end);
  }
}

/** Every position of a block, each once. */
function blockPositions(block: Block, visit: Visit): void {
  switch (block.kind) {
    case 'indicator':
      fieldPositions(block.name, visit);
      for (const f of block.fields) fieldPositions(f, visit);
      return;
    case 'objective':
      fieldPositions(block.title, visit);
      for (const f of block.fields) fieldPositions(f, visit);
      for (const i of block.indicators) blockPositions(i, visit);
      return;
    case 'item':
      fieldPositions(block.title, visit);
      for (const f of block.fields) fieldPositions(f, visit);
      for (const o of block.objectives) blockPositions(o, visit);
      return;
    case 'duty':
      fieldPositions(block.title, visit);
      if (block.number) {
        // The number's range is the text's former start and a position of its own.
        visit(block.number.range.start);
        visit(block.number.range.end);
      }
      for (const f of block.fields) fieldPositions(f, visit);
      for (const o of block.objectives) blockPositions(o, visit);
      for (const it of block.items) blockPositions(it, visit);
  }
}

function moveField(f: Field, delta: number): void {
  fieldPositions(f, (p) => {
    p.line += delta;
  });
}

/**
 * Each duty's, 事项's and objective's positions in one list, made the first time the block is moved
 * whole: such a block object never changes (an edit in it makes a copy), and Enter above half of a
 * 10,000-indicator table moves 200,000 positions — 2 ms from a list, 11 by walking the blocks'
 * fields. The objectives below an Enter in one duty of 5,000 indicators are moved the same way.
 * An indicator's few positions are walked (a list per indicator would cost more than it saves).
 */
const positionLists = new WeakMap<Block, Position[]>();

function moveBlock(block: Block, delta: number): void {
  if (block.kind === 'indicator') {
    blockPositions(block, (p) => {
      p.line += delta;
    });
    return;
  }
  const positions = positionsOf(block);
  for (let i = 0; i < positions.length; i++) positions[i]!.line += delta;
}

function positionsOf(block: Duty | Item | Objective): Position[] {
  let positions = positionLists.get(block);
  if (!positions) {
    const list: Position[] = [];
    blockPositions(block, (p) => list.push(p));
    positionLists.set(block, (positions = list));
  }
  return positions;
}

/**
 * Makes a duty's list of positions now, if it has none: walking a duty's fields for its list is
 * most of what the first edit above it costs (25 ms for the first Enter in a 10,000-indicator
 * table), so the server makes the lists of an opened table's duties once its diagnostics are out.
 */
export function listPositions(duty: Duty): void {
  positionsOf(duty);
}
