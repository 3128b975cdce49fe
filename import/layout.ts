/**
 * The official layout as it really comes, read into tables: the title line gives 部门 and 年度;
 * the header (spread over several lines, repeated at page breaks, 部门职责 in one column or two)
 * gives the columns; each data row is aligned with them by content (align.ts); blank leading
 * cells continue the row above (merged cells); cell text is repaired (cleanText.ts).
 *
 * Nothing is lost: every non-empty cell ends up in a field, or — when it could not be placed with
 * confidence — in a review comment (`# 待核对: …`) that names its line and column.
 */
import type { FieldKey, InheritedKey } from '../grammar/src/index';
import { alignRow, cellKind, fit, type RowCell } from './align';
import { cleanCellText, cleanTidyText, squeeze } from './cleanText';
import { columnLabel, continuesHeader, isHeaderStart, layoutOfHeader, type ColumnKey, type Layout } from './columns';
import { problem, type Grid, type ImportProblem } from './grid';
import { INDICATOR_FIELD_KEYS, INHERITED_KEYS } from '../grammar/src/index';

/** A `# 待核对: …` line of the output. */
export type ReviewNote = string;

export interface ImportedField {
  key: FieldKey;
  text: string;
  notes: ReviewNote[];
}

interface Node {
  title: string;
  notes: ReviewNote[];
  /** 活动 / 预算项目 / 科室 given on this level (after hoisting). */
  fields: ImportedField[];
}

export interface ImportedIndicator extends Node {
  kind: 'indicator';
}

export interface ImportedObjective extends Node {
  kind: 'objective';
  indicators: ImportedIndicator[];
}

export interface ImportedItem extends Node {
  kind: 'item';
  objectives: ImportedObjective[];
}

export interface ImportedDuty extends Node {
  kind: 'duty';
  number?: string;
  objectives: ImportedObjective[];
  items: ImportedItem[];
}

export interface ReviewCell {
  /** 1-based line (text) or row (XLSX). */
  row: number;
  /** 1-based column. */
  col: number;
  text: string;
  reason: { zh: string; en: string };
}

export interface ImportedTable {
  department?: string;
  year?: string;
  sheet?: string;
  /** Comment lines of the head of the file (the title as written). */
  comments: string[];
  /** Review lines about the table as a whole (stray rows before the header). */
  notes: ReviewNote[];
  duties: ImportedDuty[];
  reviewCells: ReviewCell[];
  /** Non-empty cells that became a field. */
  cellsPlaced: number;
  /** Line of the title (or of the first row) of the table. */
  line: number;
}

const INHERITED: readonly InheritedKey[] = ['activity', 'project', 'office'];
const LEADING: readonly ColumnKey[] = ['number', 'duty', 'item', 'objective', 'indicator'];
/** The columns whose presence makes a row an indicator of its own (not text run over from the row above). */
const INDICATOR_COLUMNS: ReadonlySet<ColumnKey> = new Set(['number', 'duty', 'item', 'objective', 'indicator', 'explanation', 'category', 'target', 'plan', 'standard', 'historyAverage', 'lastYear']);

const TITLE = /^(.*?)(?:部门)?(?:预算)?(?:整体)?绩效目标表/;

/** `# 党政办公室部门预算整体绩效目标表（2022年度）` → department and year. */
export function readTitle(text: string): { department?: string; year?: string } | undefined {
  const squeezed = squeeze(text).replace(/^#+/, '');
  if (!squeezed.includes('绩效目标表')) return undefined;
  const m = TITLE.exec(squeezed.replace(/^[(（]?\d{4}年度?[)）]?/, ''));
  const department = m?.[1]?.replace(/^[：:]/, '') || undefined;
  const year = /(\d{4})\s*年/.exec(squeezed)?.[1];
  return { ...(department ? { department } : {}), ...(year ? { year } : {}) };
}

function clip(text: string, max = 24): string {
  const oneLine = text.replace(/\n/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

function where(row: number, col: number): string {
  return `第 ${row} 行第 ${col} 列 / row ${row} col ${col}`;
}

/** A comment keeps the whole cell text (its line breaks as spaces): the cell is not lost. */
function unplacedNote(cell: ReviewCell): ReviewNote {
  return `待核对: ${cell.text.replace(/\n/g, ' ')} (${where(cell.row, cell.col)}): ${cell.reason.zh} / ${cell.reason.en}`;
}

interface Cell {
  row: number;
  col: number;
  text: string;
  raw: string;
}

/** An aligned data row: the cell of each column. */
type RowRecord = Map<ColumnKey, Cell>;

interface Builder {
  table: ImportedTable;
  layout?: Layout;
  /** Data rows, aligned when the table is complete (the alignment learns from all of them). */
  rows: PendingRow[];
  duty?: ImportedDuty;
  item?: ImportedItem;
  objective?: ImportedObjective;
  indicator?: ImportedIndicator;
}

function newTable(line: number, sheet: string | undefined): ImportedTable {
  return { comments: [], notes: [], duties: [], reviewCells: [], cellsPlaced: 0, line, ...(sheet !== undefined ? { sheet } : {}) };
}

function field(key: FieldKey, text: string, notes: ReviewNote[] = []): ImportedField {
  return { key, text, notes };
}

/** Several offices in one cell, separated by spaces (`城建开发科 房地产市场管理科`): one 科室 each. */
function splitOffices(raw: string): string[] | undefined {
  const parts = raw.trim().split(/\s+/).map(cleanCellText).filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  return parts.every((p) => cellKind(p) === 'office') ? parts : undefined;
}

function review(b: Builder, cell: Cell, zh: string, en: string): ReviewCell {
  const r: ReviewCell = { row: cell.row, col: cell.col, text: cell.text, reason: { zh, en } };
  b.table.reviewCells.push(r);
  return r;
}

/** A row of text run over from the row above (no indicator of its own): its cells continue that indicator's fields. */
function continueAbove(b: Builder, record: RowRecord): void {
  const indicator = b.indicator!;
  for (const [key, cell] of record) {
    if (!isIndicatorField(key)) continue;
    const existing = indicator.fields.find((f) => f.key === key);
    const note = `待核对: ${where(cell.row, cell.col)} 接续上一行的${columnLabel(key).zh} / continues the ${columnLabel(key).en} of the row above`;
    if (existing && key !== 'office' && key !== 'activity' && key !== 'project') {
      existing.text = `${existing.text}\n${cell.text}`;
      existing.notes.push(note);
    } else {
      indicator.fields.push(field(key, cell.text, [note]));
    }
    review(b, cell, '接续上一行', 'continues the row above');
    b.table.cellsPlaced++;
  }
}

/** `1、…\n2、…`: one text that is a numbered list, not one value per line. */
function isNumberedList(text: string): boolean {
  return text.split('\n').slice(1).some((line) => /^(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[)）])/.test(line));
}

/** The columns that become fields of the indicator itself (not its levels, not the table's head). */
function isIndicatorField(key: ColumnKey): key is Exclude<FieldKey, 'department' | 'year' | 'duty' | 'item' | 'objective' | 'indicator'> {
  return !LEADING.includes(key) && key !== 'unknown' && key !== 'meta' && key !== 'department' && key !== 'year';
}

function addRecord(b: Builder, record: RowRecord, rowNotes: ReviewNote[], tidy: boolean): void {
  const text = (key: ColumnKey) => record.get(key)?.text ?? '';
  const hasOwnIndicator = [...record.keys()].some((k) => INDICATOR_COLUMNS.has(k));
  if (!hasOwnIndicator && b.indicator) {
    continueAbove(b, record);
    b.indicator.notes.push(...rowNotes);
    return;
  }
  const table = b.table;
  const number = text('number');
  const dutyTitle = text('duty');
  // a new duty: a new number, or a new duty text; blank leading cells continue the one above
  const newDuty =
    !b.duty ||
    (number !== '' && number !== (b.duty.number ?? '')) ||
    (dutyTitle !== '' && dutyTitle !== b.duty.title);
  if (newDuty) {
    const isNumber = /^\d+$/.test(number);
    const title = isNumber || number === '' ? dutyTitle : [number, dutyTitle].filter((t) => t !== '').join(' ');
    b.duty = { kind: 'duty', title, notes: [], fields: [], objectives: [], items: [], ...(isNumber ? { number } : {}) };
    table.duties.push(b.duty);
    b.item = undefined;
    b.objective = undefined;
  }
  const duty = b.duty!;
  const itemTitle = text('item');
  if (itemTitle !== '' && (newDuty || !b.item || itemTitle !== b.item.title)) {
    b.item = { kind: 'item', title: itemTitle, notes: [], fields: [], objectives: [] };
    duty.items.push(b.item);
    b.objective = undefined;
  }
  const objectiveTitle = text('objective');
  const parentObjectives = b.item ? b.item.objectives : duty.objectives;
  if (!b.objective || !parentObjectives.includes(b.objective) || (objectiveTitle !== '' && objectiveTitle !== b.objective.title)) {
    b.objective = { kind: 'objective', title: objectiveTitle, notes: [], fields: [], indicators: [] };
    // the grammar puts a duty's own objectives before its 事项
    if (!b.item && duty.items.length > 0) {
      b.item = duty.items[duty.items.length - 1];
      b.item!.objectives.push(b.objective);
    } else {
      parentObjectives.push(b.objective);
    }
    if (objectiveTitle === '' && record.size > 0) {
      b.objective.notes.push(`待核对: 第 ${[...record.values()][0]!.row} 行职责目标空白 / row ${[...record.values()][0]!.row}: the objective is blank`);
    }
  }
  const objective = b.objective!;
  let name = text('indicator');
  const indicatorNotes: ReviewNote[] = [...rowNotes];
  const previous = objective.indicators[objective.indicators.length - 1];
  const firstCell = [...record.values()].sort((x, y) => x.col - y.col)[0]!;
  if (name === '') {
    if (previous) {
      name = previous.title;
      indicatorNotes.push(`待核对: 第 ${firstCell.row} 行绩效指标空白，视为与上行合并 / row ${firstCell.row}: the indicator name is blank, taken as merged with the row above`);
    } else {
      indicatorNotes.push(`待核对: 第 ${firstCell.row} 行绩效指标空白 / row ${firstCell.row}: the indicator name is blank`);
    }
  }
  const indicator: ImportedIndicator = { kind: 'indicator', title: name, notes: indicatorNotes, fields: [] };
  b.indicator = indicator;
  objective.indicators.push(indicator);
  for (const [key, cell] of record) {
    if (!isIndicatorField(key)) continue;
    if (key === 'office' && !tidy) {
      const offices = splitOffices(cell.raw);
      if (offices) {
        const note = `待核对: ${where(cell.row, cell.col)} 「${cell.raw.trim()}」按空格分为 ${offices.length} 个科室 / split at its spaces into ${offices.length} offices`;
        offices.forEach((o, i) => indicator.fields.push(field('office', o, i === 0 ? [note] : [])));
        review(b, cell, '按空格分为多个科室', 'split into several offices');
        continue;
      }
    }
    // a tidy sheet lists several 活动 / 预算项目 / 科室 one per line of the cell
    if (tidy && (key === 'activity' || key === 'project' || key === 'office') && cell.text.includes('\n') && !isNumberedList(cell.text)) {
      for (const line of cell.text.split('\n')) if (line !== '') indicator.fields.push(field(key, line));
      continue;
    }
    indicator.fields.push(field(key, cell.text));
  }
}

/** Sorts an indicator's fields in the keyword table's order (类别, 解释, 指标值 … 科室), keeping repeated ones in order. */
const FIELD_ORDER: readonly FieldKey[] = [...INDICATOR_FIELD_KEYS, ...INHERITED_KEYS];

function sortFields(fields: ImportedField[]): ImportedField[] {
  return fields
    .map((f, i) => ({ f, i }))
    .sort((x, y) => FIELD_ORDER.indexOf(x.f.key) - FIELD_ORDER.indexOf(y.f.key) || x.i - y.i)
    .map(({ f }) => f);
}

function valuesOf(node: Node, key: InheritedKey): string[] {
  return node.fields.filter((f) => f.key === key).map((f) => f.text);
}

/**
 * 活动 / 预算项目 / 科室 given alike on every child move up to the parent (as merged cells of the
 * form are written once in .ttab); a child with the field blank keeps the parent from taking it.
 */
function hoist(parent: Node, children: readonly Node[]): void {
  if (children.length === 0) return;
  for (const key of INHERITED) {
    const first = valuesOf(children[0]!, key);
    if (first.length === 0) continue;
    const same = children.every((c) => {
      const v = valuesOf(c, key);
      return v.length === first.length && v.every((t, i) => t === first[i]);
    });
    if (!same) continue;
    const moved: ImportedField[] = [];
    for (const c of children) {
      const mine = c.fields.filter((f) => f.key === key);
      if (moved.length === 0) moved.push(...mine.map((f) => field(f.key, f.text, [...f.notes])));
      else mine.forEach((f, i) => moved[i]!.notes.push(...f.notes));
      c.fields = c.fields.filter((f) => f.key !== key);
    }
    parent.fields.push(...moved);
  }
}

function finishTable(table: ImportedTable): void {
  for (const duty of table.duties) {
    const objectivesOf = (objectives: ImportedObjective[]) => {
      for (const o of objectives) {
        for (const i of o.indicators) i.fields = sortFields(i.fields);
        hoist(o, o.indicators);
      }
    };
    objectivesOf(duty.objectives);
    for (const item of duty.items) {
      objectivesOf(item.objectives);
      hoist(item, item.objectives);
    }
    if (duty.objectives.length === 0) hoist(duty, duty.items);
    else if (duty.items.length === 0) hoist(duty, duty.objectives);
    for (const n of [duty, ...duty.items, ...duty.objectives, ...duty.items.flatMap((i) => i.objectives)]) n.fields = sortFields(n.fields);
  }
}

/** How strongly the table's own habit (where its other rows put a pasted column) pulls a cell. */
const PRIOR_WEIGHT = 1;
/** A pasted column needs this many cells before its habit counts. */
const PRIOR_MIN_CELLS = 3;

interface PendingRow {
  cells: Cell[];
  layout: Layout;
}

function rowCellsOf(cells: readonly Cell[], layout: Layout): { rowCells: RowCell[]; reachable: boolean[] } {
  const reachable = cells.map((c) => c.col - 1 < layout.columns.length + 5);
  const rowCells = cells.filter((_, i) => reachable[i]).map((c) => ({ position: c.col - 1, kind: cellKind(c.text), text: c.text }));
  return { rowCells, reachable };
}

/**
 * Where each cell of each row goes. Official layouts: every row is aligned by content once; then
 * again with a pull towards where the table's other rows put the same pasted column (a PDF that
 * drops the 备注 column drops it on every row).
 */
function placeRows(rows: readonly PendingRow[]): number[][] {
  const prepared = rows.map((r) => ({ ...rowCellsOf(r.cells, r.layout), layout: r.layout }));
  const firstPass = prepared.map((p) => (p.layout.kind === 'official' ? alignRow(p.rowCells, p.layout.columns) : []));
  const habits = new Map<Layout, Map<number, Map<number, number>>>();
  prepared.forEach((p, r) => {
    if (p.layout.kind !== 'official') return;
    let habit = habits.get(p.layout);
    if (!habit) habits.set(p.layout, (habit = new Map()));
    p.rowCells.forEach((c, i) => {
      const k = firstPass[r]![i]!;
      if (k < 0) return;
      const counts = habit!.get(c.position) ?? new Map<number, number>();
      counts.set(k, (counts.get(k) ?? 0) + 1);
      habit!.set(c.position, counts);
    });
  });
  // the habit of each layout as a table of pulls: priors.get(layout)[position][column]
  const priors = new Map<Layout, Map<number, Float64Array>>();
  for (const [layout, habit] of habits) {
    const after = layout.columns.indexOf('target');
    const table = new Map<number, Float64Array>();
    for (const [position, counts] of habit) {
      // only past the target value: the leading text columns keep their places, the reference and trailing ones drift
      if (after < 0 || position <= after) continue;
      let total = 0;
      for (const n of counts.values()) total += n;
      if (total < PRIOR_MIN_CELLS) continue;
      const pull = new Float64Array(layout.columns.length);
      for (const [column, n] of counts) if (column > after) pull[column] = (PRIOR_WEIGHT * n) / total;
      table.set(position, pull);
    }
    priors.set(layout, table);
  }
  return rows.map((row, r) => {
    const { layout, cells } = row;
    if (layout.kind === 'flat') {
      return cells.map((c) => (c.col - 1 < layout.columns.length && layout.columns[c.col - 1] !== 'unknown' ? c.col - 1 : -1));
    }
    const { rowCells, reachable } = prepared[r]!;
    const table = priors.get(layout)!;
    const aligned = alignRow(rowCells, layout.columns, (position, column) => table.get(position)?.[column] ?? 0);
    let j = 0;
    return cells.map((_, i) => (reachable[i] ? aligned[j++]! : -1));
  });
}

/** Turns an aligned row into a record; unplaced and moved cells become review notes. */
function readRow(b: Builder, cells: Cell[], layout: Layout, placement: readonly number[]): { record: RowRecord; notes: ReviewNote[] } {
  const record: RowRecord = new Map();
  const notes: ReviewNote[] = [];
  const moved: string[] = [];
  const misfits: string[] = [];
  cells.forEach((cell, i) => {
    const k = placement[i]!;
    if (k < 0) {
      const reason =
        layout.kind === 'flat'
          ? { zh: '表头未标明此列', en: 'the header does not name this column' }
          : { zh: '无法确定所属列', en: 'no column fits it' };
      notes.push(unplacedNote(review(b, cell, reason.zh, reason.en)));
      return;
    }
    const key = layout.columns[k]!;
    if (key === 'meta') return; // the report's own provenance (文件, 行)
    b.table.cellsPlaced++;
    if (key === 'department' || key === 'year') return; // read into the table's 部门 / 年度 as the row came in
    record.set(key, cell);
    if (k !== cell.col - 1) {
      const label = columnLabel(key);
      review(b, cell, `按内容作${label.zh}（原在第 ${cell.col} 列）`, `placed as ${label.en} by its content (was in column ${cell.col})`);
      moved.push(`「${clip(cell.text)}」${cell.col}→${k + 1} ${label.zh}/${label.en}`);
    } else if (layout.kind === 'official' && fit(cellKind(cell.text), cell.text, key) < 0) {
      // in its column, but its content does not look like that column's
      const label = columnLabel(key);
      review(b, cell, `内容不像${label.zh}，按所在列录入`, `does not look like ${label.en}; kept as its column says`);
      misfits.push(`「${clip(cell.text)}」${label.zh}/${label.en}`);
    }
  });
  if (misfits.length > 0) {
    const row = cells[0]!.row;
    notes.unshift(`待核对: 第 ${row} 行内容与所在列不符，按原列录入 / row ${row}: content unlike its column, kept as placed: ${misfits.join('; ')}`);
  }
  if (moved.length > 0) {
    const row = cells[0]!.row;
    notes.unshift(`待核对: 第 ${row} 行 ${moved.length} 格不在表头所示列，已按内容归位 / row ${row}: ${moved.length} cells placed by content, not by header: ${moved.join('; ')}`);
  }
  return { record, notes };
}

function startsTable(cells: readonly string[]): { department?: string; year?: string } | undefined {
  const filled = cells.filter((c) => c.trim() !== '');
  // one cell, or one merged across the row (every cell of the range holds its text)
  if (filled.length === 0 || filled.some((c) => c !== filled[0])) return undefined;
  return readTitle(filled[0]!);
}

/** Reads the tables of one grid (a text input or one sheet). */
export function readGrid(grid: Grid, problems: ImportProblem[]): ImportedTable[] {
  const tables: ImportedTable[] = [];
  let b: Builder | undefined;
  /** Data rows seen before any header of the current table: reported if no header ever comes. */
  let headerless: number | undefined;
  const finish = () => {
    if (!b) return;
    if (!b.layout) {
      const line = headerless ?? b.table.line;
      problems.push(problem('error', `没有找到表头（职责序号、部门职责、绩效指标、年度指标值……），无法识别第 ${line} 行起的表格`, `no header row found (职责序号, 部门职责, 绩效指标, 年度指标值 …): cannot read the table from line ${line} on`, line, grid.sheet));
    } else {
      const placements = placeRows(b.rows);
      b.rows.forEach((row, i) => {
        const { record, notes } = readRow(b!, row.cells, row.layout, placements[i]!);
        if (record.size === 0) {
          // nothing placed: the notes go with the current indicator, or the table
          (b!.indicator ? b!.indicator.notes : b!.table.notes).push(...notes);
          return;
        }
        addRecord(b!, record, notes, row.layout.kind === 'flat');
      });
      finishTable(b.table);
      tables.push(b.table);
    }
    b = undefined;
    headerless = undefined;
  };
  const rows = grid.rows;
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r]!;
    const line = grid.lines[r] ?? r + 1;
    if (raw.every((c) => c.trim() === '')) continue;
    const title = startsTable(raw);
    if (title) {
      finish();
      b = { table: newTable(line, grid.sheet), rows: [] };
      if (title.department) b.table.department = title.department;
      if (title.year) b.table.year = title.year;
      const text = raw.find((c) => c.trim() !== '')!.trim().replace(/^#+\s*/, '');
      b.table.comments.push(cleanCellText(text).replace(/\n/g, ' '));
      b.table.cellsPlaced++;
      continue;
    }
    if (isHeaderStart(raw)) {
      if (!b) b = { table: newTable(line, grid.sheet), rows: [] };
      const block: string[][] = [raw];
      while (r + 1 < rows.length && !rows[r + 1]!.every((c) => c.trim() === '') && continuesHeader(raw, rows[r + 1]!)) {
        block.push(rows[++r]!);
      }
      b.layout = layoutOfHeader(block);
      continue;
    }
    if (!b) b = { table: newTable(line, grid.sheet), rows: [] };
    const tidy = b.layout?.kind === 'flat';
    const cells: Cell[] = [];
    raw.forEach((c, i) => {
      const text = tidy ? cleanTidyText(c) : cleanCellText(c);
      if (text !== '') cells.push({ row: line, col: i + 1, text, raw: c });
    });
    if (tidy && b.layout) {
      // 部门 / 年度 on every row: a change starts the next table
      const layout = b.layout;
      const at = (key: ColumnKey) => cells.find((c) => layout.columns[c.col - 1] === key)?.text;
      const department = at('department');
      const year = at('year');
      const differs = (mine: string | undefined, theirs: string | undefined) => theirs !== undefined && mine !== undefined && mine !== theirs;
      if (b.rows.length > 0 && (differs(b.table.department, department) || differs(b.table.year, year))) {
        finish();
        b = { table: newTable(line, grid.sheet), rows: [], layout };
      }
      if (department !== undefined && b.table.department === undefined) b.table.department = department;
      if (year !== undefined && b.table.year === undefined) b.table.year = year;
    }
    if (!b.layout) {
      // before any header: kept for review, the table cannot be read from it
      headerless ??= line;
      for (const cell of cells) b.table.notes.push(unplacedNote(review(b, cell, '表头之前的内容', 'before the header')));
      continue;
    }
    b.rows.push({ cells, layout: b.layout });
  }
  finish();
  return tables;
}
