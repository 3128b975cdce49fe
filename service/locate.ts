/**
 * What is at a position: the enclosing duty / 事项 / objective / indicator,
 * the field line under the cursor (keyword, text or continuation) and the
 * comment. Completion, hover and the other position-based features share it.
 *
 * Nesting is by keyword, so the enclosing block of a line is the last block
 * opened at or before it: a blank or half-typed line (which the parser keeps
 * out of the tree) belongs to the block above it. Binary search at every
 * level keeps this logarithmic on tables of 10,000 indicators.
 */
import type { Position } from 'vscode-languageserver-types';
import { firstStartingOnOrAfter } from './ranges';
import type { Comment, Duty, Field, Indicator, Item, MonitorPoint, Objective, ParseResult, Range } from '../grammar/src/index';

export type BlockLevel = 'table' | 'duty' | 'item' | 'objective' | 'indicator';

export interface FieldAt {
  field: Field;
  /**
   * 'keyword': on the keyword (its end included, so `指标值|` counts);
   * 'text': after the keyword on the keyword line;
   * 'continuation': anywhere on one of its `+` lines.
   */
  part: 'keyword' | 'text' | 'continuation';
  /** For 'continuation': the index into field.continuationRanges. */
  continuation?: number;
}

export interface Location {
  duty?: Duty;
  item?: Item;
  objective?: Objective;
  indicator?: Indicator;
  /** The monitoring point (监控) still open at the position: the indicator's last line at or above it is one of the point's. */
  monitor?: MonitorPoint;
  /** The innermost open block; 'table' before the first duty (the header). */
  level: BlockLevel;
  /** The field whose lines include the position (not its indentation). */
  field?: FieldAt;
  /** The comment, when the position is on a comment line. */
  comment?: Comment;
}

/** Index of the last element starting on `line` or before it, or -1. Elements are in line order. */
function lastStartingAtOrBefore(list: readonly { range: Range }[], line: number): number {
  return firstStartingOnOrAfter(list, line + 1) - 1;
}

function lastBlock<T extends { range: Range }>(list: readonly T[], line: number): T | undefined {
  const i = lastStartingAtOrBefore(list, line);
  return i < 0 ? undefined : list[i];
}

function fieldAt(fields: readonly Field[], position: Position): FieldAt | undefined {
  const { line, character } = position;
  for (const field of fields) {
    if (line < field.range.start.line || line > field.range.end.line) continue;
    if (line === field.keywordRange.start.line) {
      if (character < field.keywordRange.start.character) return undefined; // in the indentation
      return { field, part: character <= field.keywordRange.end.character ? 'keyword' : 'text' };
    }
    const continuation = field.continuationRanges.findIndex((r) => r.start.line === line);
    if (continuation >= 0) return { field, part: 'continuation', continuation };
  }
  return undefined;
}

function commentAt(comments: readonly Comment[], line: number): Comment | undefined {
  const i = lastStartingAtOrBefore(comments, line);
  return i >= 0 && comments[i]!.range.start.line === line ? comments[i] : undefined;
}

export function locate(parsed: ParseResult, position: Position): Location {
  try {
    return locateUnsafe(parsed, position);
  } catch {
    // A bug here must not take completion or hover down with it.
    return { level: 'table' };
  }
}

function locateUnsafe(parsed: ParseResult, position: Position): Location {
  const table = parsed.ast;
  const line = position.line;
  const comment = commentAt(table.comments, line);
  const duty = lastBlock(table.duties, line);
  if (!duty) return { level: 'table', field: comment ? undefined : fieldAt(table.fields, position), comment };

  const item = lastBlock(duty.items, line);
  const objective = lastBlock(item ? item.objectives : duty.objectives, line);
  const indicator = objective ? lastBlock(objective.indicators, line) : undefined;
  const location: Location = { duty, item, objective, indicator, level: 'duty', comment };
  let title: Field = duty.title;
  let fields: readonly Field[] = duty.fields;
  if (indicator) {
    location.level = 'indicator';
    title = indicator.name;
    fields = indicator.fields;
    const monitor = openPoint(indicator, line);
    if (monitor) location.monitor = monitor;
  } else if (objective) {
    location.level = 'objective';
    title = objective.title;
    fields = objective.fields;
  } else if (item) {
    location.level = 'item';
    title = item.title;
    fields = item.fields;
  }
  if (!comment) location.field = fieldAt([title], position) ?? fieldAt(fields, position);
  return location;
}

/** The monitoring point a line belongs to: the one holding the indicator's last field line at or above it. */
function openPoint(indicator: Indicator, line: number): MonitorPoint | undefined {
  if (indicator.monitors.length === 0) return undefined;
  const i = lastStartingAtOrBefore(indicator.fields, line);
  const field = i < 0 ? undefined : indicator.fields[i];
  if (!field) return undefined;
  return indicator.monitors.find((p) => p.title === field || p.fields.includes(field));
}

/** The location of the line above: the blocks open before this line was written (what completion on a line needs). */
export function locateBefore(parsed: ParseResult, line: number): Location {
  return line <= 0 ? { level: 'table' } : locate(parsed, { line: line - 1, character: Number.MAX_SAFE_INTEGER });
}
