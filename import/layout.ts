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
import { INDICATOR_FIELD_KEYS, INHERITED_KEYS } from '../grammar/src/index';
import { cellKind, fit } from './align';
import { cleanCellText, cleanSpreadsheetText, cleanTidyText, squeeze } from './cleanText';
import { columnLabel, continuesHeader, isHeaderStart, layoutOfHeader, type ColumnKey, type Layout } from './columns';
import { problem, type Grid, type ImportProblem, type ReviewCell } from './grid';
import { HeadRows } from './headRows';
import { placeRows } from './placement';

/** A `# 待核对: …` line of the output. */
export type ReviewNote = string;

export interface ImportedField {
  key: FieldKey;
  text: string;
  notes: ReviewNote[];
}

interface Node {
  title: string;
  /** 序号: the row's own 职责序号 under a merged duty (事项, objective, indicator). */
  number?: string;
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
  /** Part of a merged range (XLSX) that starts on a row above: the same cell of the form as there. */
  mergedAbove?: boolean;
}

/** An aligned data row: the cell of each column. */
type RowRecord = Map<ColumnKey, Cell>;

interface Builder {
  table: ImportedTable;
  layout?: Layout;
  /** Rows above the header (not the title): one review note. */
  head: HeadRows;
  /** The 职责序号 the last row showed (a blank number cell is merged with it). */
  shownNumber?: string;
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

/** What the row says of the duty: a new one, or the one above — and the 职责序号 the row shows. */
interface DutyRow {
  newDuty: boolean;
  /** The row's 职责序号 when it continues the duty above: its own, or (blank or merged) the row above's. */
  number?: string;
  /** The row continues the duty with a number of its own in a blank 部门职责 cell (as pasted text shows a merged cell). */
  inferred: boolean;
}

/** The text of a cell that is the row's own: a cell merged from the row above is that row's. */
function ownText(cell: Cell | undefined): string {
  return cell && !cell.mergedAbove ? cell.text : '';
}

/**
 * A blank (or merged) 部门职责 continues the duty above, whatever the row's 职责序号: forms that
 * merge 部门职责 over several rows number those rows apart. The same duty text continues it too,
 * unless the row gives another number (forms repeat a text on duties numbered apart; a tidy
 * sheet, which repeats the text on every row, cannot say 序号 apart from that).
 */
function dutyRow(b: Builder, record: RowRecord): DutyRow {
  const dutyCell = record.get('duty');
  const dutyTitle = ownText(dutyCell);
  const own = ownText(record.get('number'));
  const duty = b.duty;
  const renumbered = own !== '' && own !== (duty?.number ?? '');
  const newDuty = !duty || (dutyTitle !== '' && (dutyTitle !== duty.title || renumbered));
  if (newDuty) return { newDuty, inferred: false };
  const number = own !== '' ? own : b.shownNumber;
  return { newDuty, inferred: own !== '' && dutyCell === undefined, ...(number !== undefined ? { number } : {}) };
}

/**
 * A sub-duty written in the 部门职责 column (its row shifted left by one, or its 事项 spanning
 * both duty columns): in a form with a 事项 column, a row with no 职责序号 of its own under a
 * numbered duty — in a spreadsheet, a row whose 职责序号 cell is merged with the duty's (an
 * empty cell of its own there is a duty without a number). Its 部门职责 text becomes the 事项 (the
 * 事项 cell, when the row has one too, its second line). Returns the note for the 事项, or
 * undefined when the row is no such row.
 */
function takeSubDuty(b: Builder, record: RowRecord, layout: Layout, spreadsheet: boolean): ReviewNote | undefined {
  const duty = b.duty;
  const dutyCell = record.get('duty');
  if (!duty?.number || !layout.columns.includes('item') || !dutyCell || dutyCell.mergedAbove || dutyCell.text === duty.title) return undefined;
  const numberCell = record.get('number');
  if (spreadsheet ? !numberCell?.mergedAbove : numberCell !== undefined && numberCell.text !== duty.number) return undefined;
  const itemCell = record.get('item');
  record.delete('duty');
  record.delete('number');
  const joined = itemCell ? `${dutyCell.text}\n${itemCell.text}` : dutyCell.text;
  record.set('item', { ...dutyCell, text: joined });
  review(b, dutyCell, `没有职责序号，作职责 ${duty.number} 的事项`, `no duty number: taken as a 事项 of duty ${duty.number}`);
  const row = dutyCell.row;
  const zh = `待核对: 第 ${row} 行部门职责列「${clip(dutyCell.text)}」没有职责序号，视为职责 ${duty.number} 的事项${itemCell ? `，事项列「${clip(itemCell.text)}」并为其第二行` : ''}`;
  const en = `row ${row}: the duty column holds no duty number, taken as a 事项 of duty ${duty.number}${itemCell ? ' (the 事项 cell as its second line)' : ''}`;
  return `${zh} / ${en}`;
}

/** The 职责序号 a row shows through `levels` (innermost first) before its own: the nearest number there. */
function numberInEffect(levels: readonly (Node | undefined)[], duty: ImportedDuty): string | undefined {
  for (const level of levels) if (level?.number !== undefined) return level.number;
  return duty.number;
}

function startDuty(b: Builder, record: RowRecord): ImportedDuty {
  const number = ownText(record.get('number'));
  const dutyTitle = ownText(record.get('duty'));
  const isNumber = /^\d+$/.test(number);
  const title = isNumber || number === '' ? dutyTitle : [number, dutyTitle].filter((t) => t !== '').join(' ');
  const duty: ImportedDuty = { kind: 'duty', title, notes: [], fields: [], objectives: [], items: [], ...(isNumber ? { number } : {}) };
  b.table.duties.push(duty);
  b.duty = duty;
  b.item = undefined;
  b.objective = undefined;
  return duty;
}

/**
 * Opens the 事项 and objective the row starts. Returns the outermost level it opened (none when the
 * row only adds an indicator) and the levels above that one, innermost first: a 序号 of the row's
 * own belongs to the level it begins.
 */
function openLevels(b: Builder, record: RowRecord, newDuty: boolean): { opened?: Node; parents: (Node | undefined)[] } {
  const duty = b.duty!;
  const text = (key: ColumnKey) => record.get(key)?.text ?? '';
  let opened: Node | undefined;
  const itemTitle = text('item');
  if (itemTitle !== '' && (newDuty || !b.item || itemTitle !== b.item.title)) {
    b.item = { kind: 'item', title: itemTitle, notes: [], fields: [], objectives: [] };
    duty.items.push(b.item);
    b.objective = undefined;
    opened = b.item;
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
    opened ??= b.objective;
  }
  if (opened && opened === b.item) return { opened, parents: [] };
  if (opened) return { opened, parents: [b.item] };
  return { parents: [b.objective, b.item] };
}

function addRecord(b: Builder, record: RowRecord, rowNotes: ReviewNote[], layout: Layout, spreadsheet: boolean): void {
  const tidy = layout.kind === 'flat';
  const hasOwnIndicator = [...record.keys()].some((k) => INDICATOR_COLUMNS.has(k));
  if (!hasOwnIndicator && b.indicator) {
    continueAbove(b, record);
    b.indicator.notes.push(...rowNotes);
    return;
  }
  const subDutyNote = layout.kind === 'official' ? takeSubDuty(b, record, layout, spreadsheet) : undefined;
  const { newDuty, number, inferred } = dutyRow(b, record);
  if (newDuty) startDuty(b, record);
  const { opened, parents } = openLevels(b, record, newDuty);
  if (subDutyNote) b.item!.notes.push(subDutyNote);
  const objective = b.objective!;
  let name = record.get('indicator')?.text ?? '';
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
  // the number the row shows, where the tree would show another: 序号 on the level the row begins
  if (number !== undefined && number !== numberInEffect(parents, b.duty!)) {
    const level = opened ?? indicator;
    level.number = number;
    if (inferred) {
      review(b, record.get('number')!, '部门职责空白，本行职责序号记为序号', "blank duty cell: the row's number kept as 序号");
      const row = firstCell.row;
      level.notes.push(`待核对: 第 ${row} 行部门职责空白，视为与上行合并（职责 ${b.duty!.number ?? b.duty!.title}），本行职责序号 ${number} 记为序号 / row ${row}: the duty cell is blank, taken as merged with the row above; the row's own duty number ${number} is kept as 序号`);
    }
  }
  b.shownNumber = number ?? b.duty!.number;
  addIndicatorFields(b, indicator, record, tidy || spreadsheet, tidy);
}

function addIndicatorFields(b: Builder, indicator: ImportedIndicator, record: RowRecord, linesAreValues: boolean, tidy: boolean): void {
  for (const [key, cell] of record) {
    if (!isIndicatorField(key)) continue;
    if (key === 'office' && !tidy && !(linesAreValues && cell.text.includes('\n'))) {
      const offices = splitOffices(cell.raw);
      if (offices) {
        const note = `待核对: ${where(cell.row, cell.col)} 「${cell.raw.trim()}」按空格分为 ${offices.length} 个科室 / split at its spaces into ${offices.length} offices`;
        offices.forEach((o, i) => indicator.fields.push(field('office', o, i === 0 ? [note] : [])));
        review(b, cell, '按空格分为多个科室', 'split into several offices');
        continue;
      }
    }
    // a tidy sheet or a spreadsheet lists several 活动 / 预算项目 / 科室 one per line of the cell
    if (linesAreValues && (key === 'activity' || key === 'project' || key === 'office') && cell.text.includes('\n') && !isNumberedList(cell.text)) {
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

interface PendingRow {
  cells: Cell[];
  layout: Layout;
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
      // a merged cell that fits nowhere is noted once, on the row it starts on
      if (cell.mergedAbove) return;
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

/**
 * A sub-duty row shifted left by one column as a whole — no 职责序号, its 事项 text in 部门职责 and
 * everything after it one column early, so the target value stands in 指标解释: aligned again with
 * 职责序号 and 部门职责 closed, and read that way when it agrees on the target value.
 */
function subDutyPlacement(b: Builder, row: PendingRow, placement: number[], realign: () => number[], spreadsheet: boolean): number[] {
  const { layout, cells } = row;
  if (spreadsheet) return placement; // a spreadsheet's cells stand in their columns
  const [numberK, dutyK, itemK, targetK] = (['number', 'duty', 'item', 'target'] as const).map((key) => layout.columns.indexOf(key));
  if (layout.kind !== 'official' || !b.duty?.number || dutyK! < 0 || itemK! < 0 || targetK! < 0) return placement;
  const placedAt = (k: number) => placement.indexOf(k);
  const duty = placedAt(dutyK!);
  const target = placedAt(targetK!);
  if (duty < 0 || target < 0 || placedAt(numberK!) >= 0) return placement;
  const dutyCell = cells[duty]!;
  if (dutyCell.col - 1 !== dutyK || dutyCell.mergedAbove || dutyCell.text === b.duty.title || cells[target]!.col - 1 !== targetK! - 1) return placement;
  const again = realign();
  return again[duty] === itemK && again[target] === targetK ? again : placement;
}

function startsTable(cells: readonly string[]): { department?: string; year?: string } | undefined {
  const filled = cells.filter((c) => c.trim() !== '');
  // one cell, or one merged across the row (every cell of the range holds its text)
  if (filled.length === 0 || filled.some((c) => c !== filled[0])) return undefined;
  return readTitle(filled[0]!);
}

/**
 * The non-empty cells of grid row `r`, cleaned as the layout reads them. A merged range counts
 * once per row (its first column); a cell of a range begun on a row above is marked so.
 */
function cellsOfRow(grid: Grid, r: number, line: number, tidy: boolean): Cell[] {
  const cells: Cell[] = [];
  const masters = grid.merged?.[r];
  grid.rows[r]!.forEach((raw, i) => {
    const master = masters?.[i];
    if (master && master.col !== i) return;
    const text = tidy ? cleanTidyText(raw) : grid.spreadsheet ? cleanSpreadsheetText(raw) : cleanCellText(raw);
    if (text !== '') cells.push({ row: line, col: i + 1, text, raw, ...(master ? { mergedAbove: true } : {}) });
  });
  return cells;
}

/** A row above the header: its texts once each (a merged banner reads as its text in every column). */
function addHeadRow(b: Builder, line: number, cells: readonly Cell[]): void {
  const seen = new Set<string>();
  b.head.add(
    line,
    cells.filter((c) => !c.mergedAbove && !seen.has(c.text) && seen.add(c.text)),
  );
}

/** Aligns the table's rows, builds its tree and its review notes. */
function buildTable(b: Builder, spreadsheet: boolean): ImportedTable {
  const head = b.head.note();
  if (head.note) b.table.notes.unshift(head.note);
  b.table.reviewCells.push(...head.cells);
  const placer = placeRows(b.rows);
  b.rows.forEach((row, i) => {
    const placement = subDutyPlacement(b, row, placer.placements[i]!, () => placer.realign(i, ['number', 'duty']), spreadsheet);
    const { record, notes } = readRow(b, row.cells, row.layout, placement);
    if (record.size === 0) {
      // nothing placed: the notes go with the current indicator, or the table
      (b.indicator ? b.indicator.notes : b.table.notes).push(...notes);
      return;
    }
    addRecord(b, record, notes, row.layout, spreadsheet);
  });
  finishTable(b.table);
  return b.table;
}

function newBuilder(line: number, sheet: string | undefined, layout?: Layout): Builder {
  return { table: newTable(line, sheet), head: new HeadRows(), rows: [], ...(layout ? { layout } : {}) };
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
      tables.push(buildTable(b, grid.spreadsheet === true));
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
      // rows above the first title (an attachment mark, 附件3) go with the table the title starts
      const above = b && !b.layout && b.table.comments.length === 0 ? b.head : undefined;
      if (above) {
        b = undefined;
        headerless = undefined;
      }
      finish();
      b = newBuilder(line, grid.sheet);
      if (above) b.head.takeOver(above);
      if (title.department) b.table.department = title.department;
      if (title.year) b.table.year = title.year;
      const text = raw.find((c) => c.trim() !== '')!.trim().replace(/^#+\s*/, '');
      b.table.comments.push(cleanCellText(text).replace(/\n/g, ' '));
      b.table.cellsPlaced++;
      continue;
    }
    if (isHeaderStart(raw)) {
      b ??= newBuilder(line, grid.sheet);
      const block: string[][] = [raw];
      while (r + 1 < rows.length && !rows[r + 1]!.every((c) => c.trim() === '') && continuesHeader(raw, rows[r + 1]!)) {
        block.push(rows[++r]!);
      }
      b.layout = layoutOfHeader(block);
      continue;
    }
    b ??= newBuilder(line, grid.sheet);
    const tidy = b.layout?.kind === 'flat';
    const cells = cellsOfRow(grid, r, line, tidy);
    if (tidy && b.layout) {
      // 部门 / 年度 on every row: a change starts the next table
      const layout = b.layout;
      const at = (key: ColumnKey) => cells.find((c) => layout.columns[c.col - 1] === key)?.text;
      const department = at('department');
      const year = at('year');
      const differs = (mine: string | undefined, theirs: string | undefined) => theirs !== undefined && mine !== undefined && mine !== theirs;
      if (b.rows.length > 0 && (differs(b.table.department, department) || differs(b.table.year, year))) {
        finish();
        b = newBuilder(line, grid.sheet, layout);
      }
      if (department !== undefined && b.table.department === undefined) b.table.department = department;
      if (year !== undefined && b.table.year === undefined) b.table.year = year;
    }
    if (!b.layout) {
      // above any header: a title, unit or note row (or data with no header, reported if none comes)
      headerless ??= line;
      addHeadRow(b, line, cells);
      continue;
    }
    b.rows.push({ cells, layout: b.layout });
  }
  finish();
  return tables;
}
