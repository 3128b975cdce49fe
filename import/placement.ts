/**
 * Where each cell of each data row goes, for a whole table at once (the rows teach each other):
 *
 * 1. every row of an official layout is aligned by content (align.ts);
 * 2. again, with a pull towards where the table's other rows put the same pasted column (a PDF
 *    that drops the 备注 column drops it on every row);
 * 3. a block — the rows under one header — reads alike: once a row's trailing cells (past the
 *    target value) are recognised as standing elsewhere than the table's habit, the rows below it
 *    with the same layout are pulled the same way (the PDF shifted the whole block, not one row);
 * 4. a row can be aligned again with columns closed (a sub-duty row shifted into 部门职责).
 *
 * Flat layouts (a tidy sheet) are taken as they stand.
 */
import { alignRow, cellKind, fit, type Placement, type RowCell } from './align';
import type { ColumnKey, Layout } from './columns';

/** How strongly the table's own habit (where its other rows put a pasted column) pulls a cell. */
const PRIOR_WEIGHT = 1;
/** A pasted column needs this many cells before its habit counts. */
const PRIOR_MIN_CELLS = 3;
/** How strongly a row is pulled towards the layout of the shifted row above it in its block (and away from any other). */
const BLOCK_WEIGHT = 1.5;
/** A closed column: no cell goes there. */
const CLOSED = -100;

export interface PlacedRow {
  /** The row's non-empty cells: 1-based column and cleaned text. */
  cells: readonly { col: number; text: string }[];
  layout: Layout;
}

type Prior = (position: number, column: number) => number;

interface Prepared {
  rowCells: RowCell[];
  /** Cells too far right of the layout to be placed anywhere. */
  reachable: boolean[];
  layout: Layout;
}

/** position → column → how many rows put it there (first pass). */
type Habit = Map<number, Map<number, number>>;

export interface Placer {
  /** Per row, per cell: the 0-based column, or -1 when the cell fits nowhere. */
  placements: number[][];
  /** Row `r` aligned again with `closed` columns taking no cell (official layouts only). */
  realign(r: number, closed: readonly ColumnKey[]): number[];
}

function prepare(row: PlacedRow): Prepared {
  const reachable = row.cells.map((c) => c.col - 1 < row.layout.columns.length + 5);
  const rowCells = row.cells.filter((_, i) => reachable[i]).map((c) => ({ position: c.col - 1, kind: cellKind(c.text), text: c.text }));
  return { rowCells, reachable, layout: row.layout };
}

/** The aligned cells back in the row's own order (unreachable cells unplaced). */
function expand(p: Prepared, aligned: Placement): number[] {
  let j = 0;
  return p.reachable.map((reachable) => (reachable ? aligned[j++]! : -1));
}

function habitsOf(prepared: readonly Prepared[], firstPass: readonly Placement[]): Map<Layout, Habit> {
  const habits = new Map<Layout, Habit>();
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
  return habits;
}

/** The habit of a layout as a table of pulls: pulls[position][column], past the target value only. */
function pullsOf(layout: Layout, habit: Habit): Map<number, Float64Array> {
  // only past the target value: the leading text columns keep their places, the reference and trailing ones drift
  const after = layout.columns.indexOf('target');
  const pulls = new Map<number, Float64Array>();
  for (const [position, counts] of habit) {
    if (after < 0 || position <= after) continue;
    let total = 0;
    for (const n of counts.values()) total += n;
    if (total < PRIOR_MIN_CELLS) continue;
    const pull = new Float64Array(layout.columns.length);
    for (const [column, n] of counts) if (column > after) pull[column] = (PRIOR_WEIGHT * n) / total;
    pulls.set(position, pull);
  }
  return pulls;
}

/** The column the table's rows most often put a pasted position in (ties: the nearest one). */
function usualColumn(habit: Habit | undefined, position: number): number | undefined {
  const counts = habit?.get(position);
  if (!counts) return undefined;
  let best: number | undefined;
  let most = 0;
  for (const [column, n] of counts) {
    if (n > most || (n === most && best !== undefined && Math.abs(column - position) < Math.abs(best - position))) {
      best = column;
      most = n;
    }
  }
  return best;
}

/**
 * Whether a row's trailing cells are recognised as shifted: some stand elsewhere than both their
 * own column and the table's habit, and each such cell fits where it went at least as well as
 * where the habit would put it (the content confirms the shift; neighbours alone do not).
 */
function recognisedShift(p: Prepared, placement: Placement, habit: Habit | undefined, after: number): boolean {
  let shifted = false;
  for (let i = 0; i < p.rowCells.length; i++) {
    const c = p.rowCells[i]!;
    const k = placement[i]!;
    if (c.position <= after || k < 0 || k === c.position) continue;
    const usual = usualColumn(habit, c.position) ?? c.position;
    if (k === usual) continue;
    const columns = p.layout.columns;
    if (usual < columns.length && fit(c.kind, c.text, columns[k]!) < fit(c.kind, c.text, columns[usual]!)) return false;
    shifted = true;
  }
  return shifted;
}

/**
 * Step 3: within a block (one header, so one Layout object), once a row is recognised as shifted
 * (recognisedShift), each row below it whose trailing cells stand only where that row had cells
 * is aligned again, pulled to read them the same way. A row of another layout ends the shift.
 */
function followBlockShifts(prepared: readonly Prepared[], placements: Placement[], habits: Map<Layout, Habit>, align: (r: number, extra: Prior) => Placement): void {
  const shifts = new Map<Layout, Map<number, number>>();
  prepared.forEach((p, r) => {
    const after = p.layout.columns.indexOf('target');
    if (p.layout.kind !== 'official' || after < 0) return;
    const trailing = p.rowCells.map((c, i) => ({ position: c.position, k: placements[r]![i]! })).filter((c) => c.position > after);
    if (trailing.length === 0) return;
    if (recognisedShift(p, placements[r]!, habits.get(p.layout), after)) {
      shifts.set(p.layout, new Map(trailing.filter((c) => c.k >= 0).map((c) => [c.position, c.k])));
      return;
    }
    const shift = shifts.get(p.layout);
    if (!shift) return;
    if (!trailing.every((c) => shift.has(c.position))) {
      shifts.delete(p.layout);
      return;
    }
    if (trailing.every((c) => shift.get(c.position) === c.k)) return;
    // for and against: the row's own in-place reading must not win by default
    placements[r] = align(r, (position, column) => {
      const expected = shift.get(position);
      return expected === undefined ? 0 : expected === column ? BLOCK_WEIGHT : -BLOCK_WEIGHT;
    });
  });
}

export function placeRows(rows: readonly PlacedRow[]): Placer {
  const prepared = rows.map(prepare);
  const firstPass = prepared.map((p) => (p.layout.kind === 'official' ? alignRow(p.rowCells, p.layout.columns) : []));
  const habits = habitsOf(prepared, firstPass);
  const pulls = new Map<Layout, Map<number, Float64Array>>();
  for (const [layout, habit] of habits) pulls.set(layout, pullsOf(layout, habit));
  const align = (r: number, extra?: Prior): Placement => {
    const { rowCells, layout } = prepared[r]!;
    const table = pulls.get(layout)!;
    return alignRow(rowCells, layout.columns, (position, column) => (table.get(position)?.[column] ?? 0) + (extra ? extra(position, column) : 0));
  };
  const aligned: Placement[] = prepared.map((p, r) => (p.layout.kind === 'official' ? align(r) : []));
  followBlockShifts(prepared, aligned, habits, align);
  const placements = rows.map((row, r) => {
    const { layout, cells } = row;
    if (layout.kind === 'flat') return cells.map((c) => (c.col - 1 < layout.columns.length && layout.columns[c.col - 1] !== 'unknown' ? c.col - 1 : -1));
    return expand(prepared[r]!, aligned[r]!);
  });
  return {
    placements,
    realign(r, closed) {
      const { layout } = prepared[r]!;
      const shut = new Set(closed.map((key) => layout.columns.indexOf(key)).filter((k) => k >= 0));
      return expand(prepared[r]!, align(r, (_position, column) => (shut.has(column) ? CLOSED : 0)));
    },
  };
}
