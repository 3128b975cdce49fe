/**
 * Aligning a pasted row with the official columns by content. PDF text drops empty cells and
 * shifts the rest, so a row's cells may stand one or two columns off the header. Each cell is
 * given a kind (a value, a source, an office, text …); a dynamic programme then places the row's
 * cells, in order, in the columns where their kinds fit best, paying for every change of shift,
 * so that the target value is found by its content and the cells around it follow. A cell that
 * fits nowhere is left unplaced (it goes to a review comment).
 */
import { defaultSources, parseValue } from '../grammar/src/index';
import type { ColumnKey } from './columns';

export type CellKind = 'none' | 'number' | 'quantity' | 'short' | 'source' | 'office' | 'project' | 'text';

const SOURCES = new Set(defaultSources);
const OFFICE = /^[\u4e00-\u9fff]{1,14}(?:科|室|办|局|中心|处|组|队|站|所)$/;
/** Budget projects are named after money: 宣传工作专项经费, 国安宣传费用, 基本支出. */
const PROJECT = /(?:经费|费用|专项|资金|支出|补贴|补助|服务费|维护费|会费|奖励|预算)/;
const SOURCE_END = /(?:计划|统计|要求|标准|目标|文件|通知|办法|合同|协议|总结|数据|系统|年鉴|公报|样本|安排|考核|备忘录|规定|意见|制度|诉求|工作量|数量|纪要|方案)$/;

/** The kind of a cleaned, non-empty cell text. */
export function cellKind(text: string): CellKind {
  if (/^\d{1,3}$/.test(text)) return 'number';
  const value = parseValue(text);
  if (value.kind === 'none') return 'none';
  if (value.kind === 'quantity' || value.kind === 'composite' || value.kind === 'malformed') return 'quantity';
  // several offices or budget projects, one per line of a spreadsheet cell
  if (text.includes('\n')) return text.split(/\n|、/).every((part) => OFFICE.test(part)) ? 'office' : text.split('\n').every((line) => line.length <= 40 && PROJECT.test(line)) ? 'project' : 'text';
  if (SOURCES.has(text) || /^《.*》$/.test(text) || (text.length <= 30 && SOURCE_END.test(text)) || (text.includes('《') && text.length <= 60)) return 'source';
  if (text.split('、').every((part) => OFFICE.test(part))) return 'office';
  if (text.length <= 40 && PROJECT.test(text)) return 'project';
  if (text.length <= 6 && !/[，,。；;：:、]/.test(text)) return 'short';
  return 'text';
}

type FitTable = Record<CellKind, number>;

const TITLE: FitTable = { none: -1, number: -3, quantity: -2, short: 0.5, source: 0, office: 1, project: 0.5, text: 1 };
const INDICATOR: FitTable = { none: -2, number: -2, quantity: -1, short: 0.5, source: 0, office: 0, project: 0.5, text: 1 };
const TARGET: FitTable = { none: 0, number: 2, quantity: 3, short: 1, source: -2, office: -2, project: -1.5, text: -1.5 };
const VALUE: FitTable = { none: 1, number: 2, quantity: 2, short: 0.5, source: -2, office: -2, project: -1.5, text: -1.5 };
const SOURCE: FitTable = { none: 1, number: -2, quantity: -2, short: 0.3, source: 2, office: -0.5, project: 0, text: 0.5 };
/** The 备注 column is mostly empty (PDF text drops it): ambiguous text goes to 活动 rather than here. */
const REMARK: FitTable = { none: 0.5, number: 0, quantity: 0, short: -0.7, source: -0.3, office: -1, project: -0.7, text: -0.7 };
const ACTIVITY: FitTable = { none: 0.5, number: -1, quantity: -1, short: 0.5, source: 0, office: -1, project: 0, text: 1 };
const PROJECTS: FitTable = { none: 0.5, number: -1, quantity: -1, short: 0.5, source: 0, office: -1, project: 2, text: 0.5 };
const OFFICES: FitTable = { none: 0, number: -3, quantity: -3, short: -1, source: -1, office: 3, project: -2, text: -2 };
const NUMBER: FitTable = { none: -2, number: 4, quantity: -6, short: -6, source: -6, office: -6, project: -6, text: -6 };
const UNKNOWN: FitTable = { none: -1, number: -1, quantity: -1, short: -1, source: -1, office: -1, project: -1, text: -1 };
const CATEGORY_FIT = 3;

const FIT: Record<Exclude<ColumnKey, 'category'>, FitTable> = {
  department: UNKNOWN,
  year: UNKNOWN,
  meta: UNKNOWN,
  number: NUMBER,
  duty: TITLE,
  item: TITLE,
  objective: TITLE,
  indicator: INDICATOR,
  explanation: INDICATOR,
  target: TARGET,
  plan: VALUE,
  standard: VALUE,
  historyAverage: VALUE,
  lastYear: VALUE,
  standardSource: SOURCE,
  historySource: SOURCE,
  remark: REMARK,
  activity: ACTIVITY,
  project: PROJECTS,
  office: OFFICES,
  unknown: UNKNOWN,
};

/** How well a cell fits a column (higher is better). */
export function fit(kind: CellKind, text: string, column: ColumnKey): number {
  if (column === 'category') return /^(?:产出|效益|满意度)/.test(text) ? CATEGORY_FIT : -CATEGORY_FIT;
  return FIT[column][kind];
}

export interface RowCell {
  /** 0-based column the cell stands in. */
  position: number;
  kind: CellKind;
  text: string;
}

/** Where each cell went: its column, or -1 when it was left unplaced. */
export type Placement = number[];

const MAX_SHIFT = 5;
/** A row with cells before and after the indicator column but none in it is most likely shifted. */
const INDICATOR_GAP_COST = 3;
const MAX_SKIP = 3;
const SKIP_COST = 3;
/** A value right before a source is that source's value: 当年标准值 and its 来源, 上年值 and its 来源. */
const PAIRS = new Set(['standard>standardSource', 'lastYear>historySource']);
const PAIR_BONUS = 0.5;
const SHIFTED_COST = 0.25;

function shiftChangeCost(from: number, to: number): number {
  return from === to ? 0 : 1.2 + 0.3 * Math.abs(from - to);
}

/**
 * Places the cells of one row in `columns` (in order, at most one cell per column). Cells stay
 * where they stand when each fits its column; otherwise the placement with the best total fit,
 * less the cost of shifting, wins.
 */
export function alignRow(cells: readonly RowCell[], columns: readonly ColumnKey[], prior?: (position: number, column: number) => number): Placement {
  const n = cells.length;
  const width = columns.length;
  const fits = cells.map((c) => columns.map((col, k) => fit(c.kind, c.text, col) + (prior ? prior(c.position, k) : 0)));
  const indicatorColumn = columns.indexOf('indicator');
  // pairBonusAt[k]: the bonus for a cell in column k right after one in column k - 1
  const pairBonusAt = columns.map((col, k) => (k > 0 && PAIRS.has(`${columns[k - 1]}>${col}`) ? PAIR_BONUS : 0));
  const inPlace = cells.every((c, i) => c.position < width && fits[i]![c.position]! >= 0);
  const skipsIndicator =
    indicatorColumn >= 0 &&
    cells.some((c) => c.position < indicatorColumn) &&
    cells.some((c) => c.position > indicatorColumn) &&
    !cells.some((c) => c.position === indicatorColumn);
  // the fast path: every cell in its own column, fitting it
  if (inPlace && !skipsIndicator) return cells.map((c) => c.position);

  const NONE = -Infinity;
  // best[i * width + k]: best score with cell i placed in column k; fromCell/fromColumn: the previous placed cell (-1: none)
  const best = new Float64Array(n * width).fill(NONE);
  const fromCell = new Int32Array(n * width).fill(-1);
  const fromColumn = new Int32Array(n * width).fill(-1);
  for (let i = 0; i < n; i++) {
    const cell = cells[i]!;
    const lo = Math.max(0, cell.position - MAX_SHIFT);
    const hi = Math.min(width - 1, cell.position + MAX_SHIFT);
    const cellFits = fits[i]!;
    for (let k = lo; k <= hi; k++) {
      const offset = k - cell.position;
      const here = cellFits[k]! - (offset === 0 ? 0 : SHIFTED_COST);
      const at = i * width + k;
      // first placed cell (the ones before it skipped)
      if (i <= MAX_SKIP) {
        const score = here - i * SKIP_COST - shiftChangeCost(0, offset);
        if (score > best[at]!) {
          best[at] = score;
          fromCell[at] = -1;
          fromColumn[at] = -1;
        }
      }
      for (let j = i - 1; j >= 0 && j >= i - 1 - MAX_SKIP; j--) {
        const skipped = (i - 1 - j) * SKIP_COST;
        const prevPosition = cells[j]!.position;
        const pLo = Math.max(0, prevPosition - MAX_SHIFT);
        const pHi = Math.min(k - 1, prevPosition + MAX_SHIFT);
        for (let kp = pLo; kp <= pHi; kp++) {
          const b = best[j * width + kp]!;
          if (b === NONE) continue;
          let score = b + here - skipped - shiftChangeCost(kp - prevPosition, offset);
          if (kp === k - 1) score += pairBonusAt[k]!;
          if (indicatorColumn >= 0 && kp < indicatorColumn && k > indicatorColumn) score -= INDICATOR_GAP_COST;
          if (score > best[at]!) {
            best[at] = score;
            fromCell[at] = j;
            fromColumn[at] = kp;
          }
        }
      }
    }
  }
  let endCell = -1;
  let endColumn = -1;
  let endScore = -n * SKIP_COST; // nothing placed at all
  for (let i = Math.max(0, n - 1 - MAX_SKIP); i < n; i++) {
    for (let k = 0; k < width; k++) {
      const b = best[i * width + k]!;
      if (b === NONE) continue;
      const score = b - (n - 1 - i) * SKIP_COST;
      if (score > endScore) {
        endScore = score;
        endCell = i;
        endColumn = k;
      }
    }
  }
  const placement: Placement = new Array<number>(n).fill(-1);
  for (let i = endCell, k = endColumn; i >= 0; ) {
    placement[i] = k;
    const at = i * width + k;
    i = fromCell[at]!;
    k = fromColumn[at]!;
  }
  return placement;
}
