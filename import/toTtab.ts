/**
 * An imported table as canonical .ttab text: the layout `ttab fmt` gives (two spaces per level,
 * a blank line before each 职责 and its comments), one field per line, a cell's line breaks as
 * `+` continuation lines, review notes as `#` comments right above what they are about.
 */
import { KEYWORD_BY_KEY, type FieldKey } from '../grammar/src/index';
import { INDENT } from '../service/index';
import type { ImportedDuty, ImportedField, ImportedObjective, ImportedTable, ReviewNote } from './layout';

class Writer {
  readonly lines: string[] = [];

  comment(depth: number, text: string): void {
    // a comment is one line: the cell's own line breaks become spaces
    this.lines.push(`${INDENT.repeat(depth)}# ${text.replace(/[\r\n]+/g, ' ')}`.trimEnd());
  }

  /** Review notes above one line: an identical note once. */
  notes(depth: number, notes: readonly ReviewNote[]): void {
    for (const n of new Set(notes)) this.comment(depth, n);
  }

  /** `KEYWORD text`, and `+ line` for each further line of the text. */
  field(depth: number, key: FieldKey, text: string, prefix = ''): void {
    const [first = '', ...rest] = text.split('\n').map((l) => l.trim());
    const head = [prefix, first].filter((t) => t !== '').join(' ');
    this.lines.push(`${INDENT.repeat(depth)}${KEYWORD_BY_KEY[key].zh}${head ? ` ${head}` : ''}`);
    for (const line of rest) this.lines.push(`${INDENT.repeat(depth + 1)}+${line ? ` ${line}` : ''}`);
  }

  fields(depth: number, fields: readonly ImportedField[]): void {
    for (const f of fields) {
      this.notes(depth, f.notes);
      this.field(depth, f.key, f.text);
    }
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }
}

/** A level's line, and its 序号 right below it. */
function writeLevel(w: Writer, depth: number, key: 'item' | 'objective' | 'indicator', node: { title: string; number?: string; notes: ReviewNote[] }): void {
  w.notes(depth, node.notes);
  w.field(depth, key, node.title);
  if (node.number !== undefined) w.field(depth + 1, 'number', node.number);
}

function writeObjective(w: Writer, objective: ImportedObjective, depth: number): void {
  writeLevel(w, depth, 'objective', objective);
  w.fields(depth + 1, objective.fields);
  for (const indicator of objective.indicators) {
    writeLevel(w, depth + 1, 'indicator', indicator);
    w.fields(depth + 2, indicator.fields);
  }
}

function writeDuty(w: Writer, duty: ImportedDuty): void {
  w.blank();
  w.notes(0, duty.notes);
  w.field(0, 'duty', duty.title, duty.number ?? '');
  w.fields(1, duty.fields);
  for (const objective of duty.objectives) writeObjective(w, objective, 1);
  for (const item of duty.items) {
    writeLevel(w, 1, 'item', item);
    w.fields(2, item.fields);
    for (const objective of item.objectives) writeObjective(w, objective, 2);
  }
}

/** A four-digit year goes to 年度; anything else would be a TT011 error, so it stays in a comment. */
function isYear(text: string | undefined): text is string {
  return text !== undefined && /^\d{4}$/.test(text);
}

export function toTtab(table: ImportedTable): string {
  const w = new Writer();
  for (const c of table.comments) w.comment(0, c);
  w.notes(0, table.notes);
  if (table.department) w.field(0, 'department', table.department.replace(/\n/g, ' '));
  if (isYear(table.year)) w.field(0, 'year', table.year);
  for (const duty of table.duties) writeDuty(w, duty);
  return w.lines.length > 0 ? `${w.lines.join('\n')}\n` : '';
}
