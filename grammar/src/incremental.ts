/**
 * Incremental reparse: after an edit, parse again only the duty blocks the
 * edit touched, and reuse the rest of the previous result.
 *
 * Why it is exact: a duty starts at a 职责 line and the grammar (parser.ts)
 * parses each duty independently of what came before it — the table rule
 * only strings duties, header fields and stray lines together, and the stray
 * bookkeeping resets at each duty. So when the text from one duty line to
 * another is replaced, parsing that slice on its own (starting with a duty
 * line) gives exactly the duties, comments and errors a full parse would give
 * there. Anything else — an edit in the header, or a slice that no longer
 * starts with a 职责 line — falls back to a full parse.
 *
 * Unchanged duties before the edit are reused as they are. Duties after it
 * are reused too, and when the edit added or removed lines their positions
 * are moved in place — copying them would allocate about as much as a full
 * parse. So reparse takes ownership of `previous`: afterwards only the result
 * is valid. Position objects are shared between ranges in a fixed pattern
 * (builder.ts): each is moved exactly once (see moveField).
 */
import type { Comment, Duty, Field, Objective, ParseError, ParseResult, Position, Range, Table } from './ast';
import { parse, type ParseOptions } from './parse';

export interface LineEdit {
  /** The replaced range, in the previous text's positions. */
  range: Range;
  /** The inserted text. */
  text: string;
}

export interface ReparseInput {
  previous: ParseResult;
  edit: LineEdit;
  /** The whole text after the edit. */
  text: string;
  /** Offset in the new text where a line starts (the caller's line index, e.g. TextDocument.offsetAt). */
  lineStart: (line: number) => number;
  /**
   * Lines of the new text (the caller's line index, e.g. TextDocument.lineCount). The lines an
   * edit adds cannot be counted in its text alone: a CR before it and an LF at its start (or a CR
   * at its end and an LF after it) become one CRLF break.
   */
  lineCount: number;
  options?: ParseOptions;
}

export interface ReparseResult extends ParseResult {
  /** True when only part of the text was parsed again. */
  incremental: boolean;
  /** Lines the edit added (negative: removed); the duties after it moved by this much, in place. */
  lineDelta: number;
  /** Lines [from, to) of the new text that were parsed again (the whole text after a full parse). */
  reparsedLines: { from: number; to: number };
}

/**
 * A copy of a slice that does not keep the whole text alive. V8 represents a
 * slice as a view of its parent string, and the tree's strings are slices of
 * the text they were parsed from: without the copy, every reparsed duty would
 * keep that version's whole document (megabytes) in memory for as long as the
 * duty lives — a leak of one document per edit on large tables.
 */
function detached(slice: string): string {
  return (' ' + slice).slice(1);
}

/** Index of the last duty whose first line is ≤ line, or -1. */
function dutyAtOrBefore(duties: readonly Duty[], line: number): number {
  let lo = 0;
  let hi = duties.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (duties[mid]!.range.start.line <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export function reparse(input: ReparseInput): ReparseResult {
  const { previous, edit, text, lineStart, lineCount, options = {} } = input;
  const full = (): ReparseResult => {
    const result = parse(text, options);
    return { ...result, incremental: false, reparsedLines: { from: 0, to: result.ast.range.end.line + 1 }, lineDelta: 0 };
  };
  const duties = previous.ast.duties;
  const first = dutyAtOrBefore(duties, edit.range.start.line);
  if (first < 0) return full();
  const last = dutyAtOrBefore(duties, edit.range.end.line);
  // The tree's last line is the previous text's last line (parse counts CRLF, CR and LF as the line index does).
  const lineDelta = lineCount - 1 - previous.ast.range.end.line;

  const fromLine = duties[first]!.range.start.line;
  const next = duties[last + 1];
  const oldToLine = next ? next.range.start.line : previous.ast.range.end.line + 1;
  const toLine = oldToLine + lineDelta;
  const sliceStart = lineStart(fromLine);
  const sliceEnd = next ? lineStart(toLine) : text.length;
  if (sliceEnd < sliceStart) return full();

  const slice = parse(detached(text.slice(sliceStart, sliceEnd)), { ...options, startLine: fromLine });
  // The slice must still start with its duty line (the edit may have broken it); then it parses exactly as in a full parse.
  const sliceDuties = slice.ast.duties;
  if (sliceDuties.length === 0 || sliceDuties[0]!.range.start.line !== fromLine || slice.ast.fields.length > 0) return full();

  const inPrefix = (r: Range) => r.start.line < fromLine;
  const inSuffix = (r: Range) => r.start.line >= oldToLine;
  const linesKept = lineDelta === 0;

  // Comments and errors first: their copies are made from the positions before the move.
  const comments: Comment[] = [];
  for (const c of previous.ast.comments) if (inPrefix(c.range)) comments.push(c);
  comments.push(...slice.ast.comments);
  for (const c of previous.ast.comments) if (inSuffix(c.range)) comments.push(linesKept ? c : { text: c.text, range: shiftRange(c.range, lineDelta) });

  const errors: ParseError[] = [];
  for (const e of previous.errors) if (inPrefix(e.range)) errors.push(e);
  errors.push(...slice.errors);
  for (const e of previous.errors) if (inSuffix(e.range)) errors.push(linesKept ? e : { ...e, range: shiftRange(e.range, lineDelta) });

  const newDuties: Duty[] = duties.slice(0, first);
  newDuties.push(...sliceDuties);
  for (let i = last + 1; i < duties.length; i++) {
    const duty = duties[i]!;
    if (!linesKept) moveDuty(duty, lineDelta);
    newDuties.push(duty);
  }

  const lastLine = previous.ast.range.end.line + lineDelta;
  const ast: Table = {
    kind: 'table',
    department: previous.ast.department,
    year: previous.ast.year,
    fields: previous.ast.fields,
    duties: newDuties,
    comments,
    range: { start: previous.ast.range.start, end: { line: lastLine, character: text.length - lineStart(lastLine) } },
  };
  if (!ast.department) delete ast.department;
  if (!ast.year) delete ast.year;
  return { ast, errors, incremental: true, reparsedLines: { from: fromLine, to: toLine }, lineDelta };
}

function shiftPosition(p: Position, delta: number): Position {
  return { line: p.line + delta, character: p.character };
}

/** A copy of a range, `delta` lines further down. */
export function shiftRange(r: Range, delta: number): Range {
  return { start: shiftPosition(r.start, delta), end: shiftPosition(r.end, delta) };
}

// Moving in place. The builder shares Position objects in one pattern: a
// field's range starts at its keyword's start and ends at the end of its last
// piece (keyword, text or continuation); an empty text range is the keyword's
// end, twice; an empty continuation range is one position, twice; a block's
// range is its title's start and its last child's end. So moving the keyword,
// text and continuation positions of every field once moves everything.

function move(p: Position, delta: number): void {
  p.line += delta;
}

function moveField(f: Field, delta: number): void {
  const k = f.keywordRange;
  const t = f.textRange;
  move(k.start, delta);
  move(k.end, delta);
  if (t.start !== k.end) move(t.start, delta);
  if (t.end !== k.end && t.end !== t.start) move(t.end, delta);
  for (const c of f.continuationRanges) {
    move(c.start, delta);
    if (c.end !== c.start) move(c.end, delta);
  }
}

function moveFields(fields: readonly Field[], delta: number): void {
  for (const f of fields) moveField(f, delta);
}

function moveObjective(o: Objective, delta: number): void {
  moveField(o.title, delta);
  moveFields(o.fields, delta);
  for (const i of o.indicators) {
    moveField(i.name, delta);
    moveFields(i.fields, delta);
  }
}

function moveDuty(d: Duty, delta: number): void {
  moveField(d.title, delta);
  if (d.number) {
    // The number's range is the text's former start and a position of its own.
    move(d.number.range.start, delta);
    move(d.number.range.end, delta);
  }
  moveFields(d.fields, delta);
  for (const o of d.objectives) moveObjective(o, delta);
  for (const it of d.items) {
    moveField(it.title, delta);
    moveFields(it.fields, delta);
    for (const o of it.objectives) moveObjective(o, delta);
  }
}
