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
 * are reused as they are when the edit kept the number of lines, and copied
 * with shifted lines otherwise (the previous result stays valid for whoever
 * still holds it).
 */
import type { Comment, Duty, Field, Indicator, Item, Objective, ParseError, ParseResult, Position, Range, Table } from './ast';
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
  options?: ParseOptions;
}

export interface ReparseResult extends ParseResult {
  /** True when only part of the text was parsed again. */
  incremental: boolean;
  /**
   * Duties after the edit that were copied with their lines shifted (the edit added or removed
   * lines): results computed for `from` hold for `to` once shifted by `lineDelta`.
   */
  shifted: { from: Duty; to: Duty }[];
  lineDelta: number;
  /** Lines [from, to) of the new text that were parsed again (the whole text after a full parse). */
  reparsedLines: { from: number; to: number };
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
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
  const { previous, edit, text, lineStart, options = {} } = input;
  const full = (): ReparseResult => {
    const result = parse(text, options);
    return { ...result, incremental: false, reparsedLines: { from: 0, to: result.ast.range.end.line + 1 }, shifted: [], lineDelta: 0 };
  };
  const duties = previous.ast.duties;
  const first = dutyAtOrBefore(duties, edit.range.start.line);
  if (first < 0) return full();
  const last = dutyAtOrBefore(duties, edit.range.end.line);
  const lineDelta = countLineBreaks(edit.text) - (edit.range.end.line - edit.range.start.line);

  const fromLine = duties[first]!.range.start.line;
  const next = duties[last + 1];
  const oldToLine = next ? next.range.start.line : previous.ast.range.end.line + 1;
  const toLine = oldToLine + lineDelta;
  const sliceStart = lineStart(fromLine);
  const sliceEnd = next ? lineStart(toLine) : text.length;
  if (sliceEnd < sliceStart) return full();

  const slice = parse(text.slice(sliceStart, sliceEnd), { ...options, startLine: fromLine });
  // The slice must still start with its duty line (the edit may have broken it); then it parses exactly as in a full parse.
  const sliceDuties = slice.ast.duties;
  if (sliceDuties.length === 0 || sliceDuties[0]!.range.start.line !== fromLine || slice.ast.fields.length > 0) return full();

  const inPrefix = (r: Range) => r.start.line < fromLine;
  const inSuffix = (r: Range) => r.start.line >= oldToLine;
  const linesKept = lineDelta === 0;

  const newDuties: Duty[] = duties.slice(0, first);
  newDuties.push(...sliceDuties);
  const shifted: { from: Duty; to: Duty }[] = [];
  for (let i = last + 1; i < duties.length; i++) {
    const from = duties[i]!;
    if (linesKept) {
      newDuties.push(from);
    } else {
      const to = shiftDuty(from, lineDelta);
      newDuties.push(to);
      shifted.push({ from, to });
    }
  }

  const comments: Comment[] = [];
  for (const c of previous.ast.comments) if (inPrefix(c.range)) comments.push(c);
  comments.push(...slice.ast.comments);
  for (const c of previous.ast.comments) if (inSuffix(c.range)) comments.push(linesKept ? c : { text: c.text, range: shiftRange(c.range, lineDelta) });

  const errors: ParseError[] = [];
  for (const e of previous.errors) if (inPrefix(e.range)) errors.push(e);
  errors.push(...slice.errors);
  for (const e of previous.errors) if (inSuffix(e.range)) errors.push(linesKept ? e : { ...e, range: shiftRange(e.range, lineDelta) });

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
  return { ast, errors, incremental: true, reparsedLines: { from: fromLine, to: toLine }, shifted, lineDelta };
}

// Copies with lines shifted. Fields appear both in a block's `fields` and in
// its typed slots (target, office …); the copies keep that sharing.

function shiftPosition(p: Position, delta: number): Position {
  return { line: p.line + delta, character: p.character };
}

export function shiftRange(r: Range, delta: number): Range {
  return { start: shiftPosition(r.start, delta), end: shiftPosition(r.end, delta) };
}

function shiftField(f: Field, delta: number): Field {
  return {
    key: f.key,
    keyword: f.keyword,
    keywordRange: shiftRange(f.keywordRange, delta),
    text: f.text,
    textRange: shiftRange(f.textRange, delta),
    continuationRanges: f.continuationRanges.length ? f.continuationRanges.map((r) => shiftRange(r, delta)) : f.continuationRanges,
    range: shiftRange(f.range, delta),
    value: f.value,
  };
}

type Shifted = Map<Field, Field>;

function shiftFields(fields: readonly Field[], delta: number, map: Shifted): Field[] {
  return fields.map((f) => {
    const copy = shiftField(f, delta);
    map.set(f, copy);
    return copy;
  });
}

const same = <T extends Field | undefined>(map: Shifted, f: T): T => (f ? (map.get(f) as T) : f);

function shiftInherited<T extends { activity: Field[]; project: Field[]; office: Field[] }>(block: T, map: Shifted) {
  return {
    activity: block.activity.map((f) => map.get(f)!),
    project: block.project.map((f) => map.get(f)!),
    office: block.office.map((f) => map.get(f)!),
  };
}

function shiftIndicator(i: Indicator, delta: number): Indicator {
  const map: Shifted = new Map();
  const fields = shiftFields(i.fields, delta, map);
  const copy: Indicator = {
    kind: 'indicator',
    name: shiftField(i.name, delta),
    fields,
    ...shiftInherited(i, map),
    range: shiftRange(i.range, delta),
  };
  for (const key of ['category', 'explanation', 'target', 'plan', 'standard', 'standardSource', 'historyAverage', 'lastYear', 'historySource', 'remark'] as const) {
    const f = i[key];
    if (f) (copy as unknown as Record<string, Field>)[key] = same(map, f as Field);
  }
  return copy;
}

function shiftObjective(o: Objective, delta: number): Objective {
  const map: Shifted = new Map();
  const fields = shiftFields(o.fields, delta, map);
  return {
    kind: 'objective',
    title: shiftField(o.title, delta),
    fields,
    ...shiftInherited(o, map),
    indicators: o.indicators.map((i) => shiftIndicator(i, delta)),
    range: shiftRange(o.range, delta),
  };
}

function shiftItem(it: Item, delta: number): Item {
  const map: Shifted = new Map();
  const fields = shiftFields(it.fields, delta, map);
  return {
    kind: 'item',
    title: shiftField(it.title, delta),
    fields,
    ...shiftInherited(it, map),
    objectives: it.objectives.map((o) => shiftObjective(o, delta)),
    range: shiftRange(it.range, delta),
  };
}

export function shiftDuty(d: Duty, delta: number): Duty {
  const map: Shifted = new Map();
  const fields = shiftFields(d.fields, delta, map);
  const copy: Duty = {
    kind: 'duty',
    title: shiftField(d.title, delta),
    fields,
    ...shiftInherited(d, map),
    objectives: d.objectives.map((o) => shiftObjective(o, delta)),
    items: d.items.map((it) => shiftItem(it, delta)),
    range: shiftRange(d.range, delta),
  };
  if (d.number) copy.number = { text: d.number.text, value: d.number.value, range: shiftRange(d.number.range, delta) };
  return copy;
}
