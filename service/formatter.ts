/**
 * The formatter: canonical indentation (two spaces per level) and spacing
 * (one space after the keyword, no trailing whitespace, at most one blank
 * line in a row, one blank line before each 职责, a final line break).
 * It never changes a field's text and keeps every comment. It refuses to
 * format text with syntax errors, since the nesting would be a guess.
 * `ttab fmt` and the language server both call `formatTable`.
 */
import type { Duty, Field, Objective, ParseResult, Table } from '../grammar/src/index';

export const INDENT = '  ';

export type FormatResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; errors: ParseResult['errors'] };

interface LineLayout {
  depth: number;
  /** Canonical content (without indentation). */
  content: string;
  opensDuty?: boolean;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The text of a field's keyword line and continuation lines as canonical content. */
function layoutField(layout: Map<number, LineLayout>, field: Field, depth: number, sourceLines: string[]): void {
  const line = field.keywordRange.start.line;
  const first = sourceLines[line]!.slice(field.textRange.start.character, field.textRange.end.character);
  layout.set(line, { depth, content: first ? `${field.keyword} ${first}` : field.keyword });
  for (const r of field.continuationRanges) {
    const rest = sourceLines[r.start.line]!.slice(r.start.character, r.end.character);
    layout.set(r.start.line, { depth: depth + 1, content: rest ? `+ ${rest}` : '+' });
  }
}

function layoutObjective(layout: Map<number, LineLayout>, objective: Objective, depth: number, lines: string[]): void {
  layoutField(layout, objective.title, depth, lines);
  for (const f of objective.fields) layoutField(layout, f, depth + 1, lines);
  for (const indicator of objective.indicators) {
    layoutField(layout, indicator.name, depth + 1, lines);
    for (const f of indicator.fields) layoutField(layout, f, depth + 2, lines);
    // The fields of a monitoring point one level below its 监控 line.
    for (const point of indicator.monitors) for (const f of point.fields) layoutField(layout, f, depth + 3, lines);
  }
}

function layoutDuty(layout: Map<number, LineLayout>, duty: Duty, lines: string[]): void {
  // The duty line's text starts at the number, when there is one.
  const title: Field = duty.number ? { ...duty.title, textRange: { start: duty.number.range.start, end: duty.title.textRange.end } } : duty.title;
  layoutField(layout, title, 0, lines);
  layout.get(duty.title.keywordRange.start.line)!.opensDuty = true;
  for (const f of duty.fields) layoutField(layout, f, 1, lines);
  for (const objective of duty.objectives) layoutObjective(layout, objective, 1, lines);
  for (const item of duty.items) {
    layoutField(layout, item.title, 1, lines);
    for (const f of item.fields) layoutField(layout, f, 2, lines);
    for (const objective of item.objectives) layoutObjective(layout, objective, 2, lines);
  }
}

function tableLayout(table: Table, lines: string[]): Map<number, LineLayout> {
  const layout = new Map<number, LineLayout>();
  for (const f of table.fields) layoutField(layout, f, 0, lines);
  for (const duty of table.duties) layoutDuty(layout, duty, lines);
  for (const c of table.comments) {
    const line = c.range.start.line;
    layout.set(line, { depth: -1, content: lines[line]!.trim() });
  }
  return layout;
}

export function formatTable(text: string, parsed: ParseResult): FormatResult {
  const errors = parsed.errors.filter((e) => e.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };

  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = /\r\n/.exec(text) && text.indexOf('\r\n') === text.search(/\r\n|\r|\n/) ? '\r\n' : '\n';
  const lines = splitLines(text);
  const layout = tableLayout(parsed.ast, lines);

  // Comments take the depth of the next field line; a comment block directly
  // above a duty belongs to it (the blank line goes above the comments).
  type Out = { blank: true } | { blank: false; depth: number; content: string; opensDuty: boolean; isComment: boolean };
  const out: Out[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = layout.get(i);
    if (!l) {
      // Anything unlaid-out is blank: with no syntax errors every other line is a field or comment.
      out.push({ blank: true });
      continue;
    }
    out.push({ blank: false, depth: l.depth, content: l.content, opensDuty: !!l.opensDuty, isComment: l.depth === -1 });
  }
  let nextDepth = 0;
  let nextOpensDuty = false;
  for (let i = out.length - 1; i >= 0; i--) {
    const o = out[i]!;
    if (o.blank) {
      nextOpensDuty = false;
      continue;
    }
    if (o.isComment) {
      o.depth = nextDepth;
      o.opensDuty = nextOpensDuty;
    } else {
      nextDepth = o.depth;
      nextOpensDuty = o.opensDuty;
    }
  }
  // A duty and the comment block right above it: only the first line opens the duty.
  // (Backwards, so each line still sees the flag of the line above it as computed.)
  for (let i = out.length - 1; i >= 1; i--) {
    const prev = out[i - 1]!;
    const o = out[i]!;
    if (!o.blank && o.opensDuty && !prev.blank && prev.isComment && prev.opensDuty) o.opensDuty = false;
  }

  const result: string[] = [];
  let pendingBlank = false;
  for (const o of out) {
    if (o.blank) {
      pendingBlank = result.length > 0;
      continue;
    }
    if ((pendingBlank || o.opensDuty) && result.length > 0) result.push('');
    pendingBlank = false;
    result.push(INDENT.repeat(o.depth) + o.content);
  }
  const formatted = bom + result.join(eol) + (result.length ? eol : '');
  return { ok: true, text: formatted, changed: formatted !== text };
}
