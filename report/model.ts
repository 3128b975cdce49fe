/**
 * Tables → the rows of the official form (部门预算整体绩效目标表), shared by
 * every report output: one row per indicator with every column, the inherited
 * 活动/预算项目/科室 resolved, and the row spans of the merged cells — a duty,
 * 事项 or objective spans its indicators, an activity/project/office spans the
 * indicators that inherit it from one level. Also the form's header grid
 * (HTML and XLSX draw the same one). Pure module.
 */
import type { Duty, Field, Inherited, InheritedKey, Item, Message, Objective, ParseResult, Severity } from '../grammar/src/index';
import { dutyObjectives, inherited, rowNumber, type IndicatorContext, INDICATOR_FIELD_KEYS, INHERITED_KEYS } from '../grammar/src/index';
import type { Finding } from '../service/index';

/** One table to report: its file (as it should be shown and linked), text, parse and findings. */
export interface ReportInput {
  file: string;
  text: string;
  parsed: ParseResult;
  findings: readonly Finding[];
}

/** The columns of the form, left to right. */
export const FORM_COLUMNS = [
  'dutyNumber',
  'duty',
  'item',
  'objective',
  'indicator',
  'category',
  'explanation',
  'target',
  'plan',
  'standard',
  'standardSource',
  'historyAverage',
  'lastYear',
  'historySource',
  'remark',
  'activity',
  'project',
  'office',
] as const;
export type FormColumn = (typeof FORM_COLUMNS)[number];

/** The columns whose cells are merged over several rows. */
export const MERGED_COLUMNS = ['dutyNumber', 'duty', 'item', 'objective', 'activity', 'project', 'office'] as const;
export type MergedColumn = (typeof MERGED_COLUMNS)[number];

/**
 * One name per column, for flat layouts (CSV, Markdown): the form's own
 * heading where it is unique, the reference columns named with their group.
 */
export const COLUMN_NAMES: Readonly<Record<FormColumn, string>> = {
  dutyNumber: '职责序号',
  duty: '部门职责',
  item: '具体事项',
  objective: '职责目标',
  indicator: '绩效指标',
  category: '指标类别',
  explanation: '指标解释',
  target: '年度指标值',
  plan: '规划值',
  standard: '当年标准值',
  standardSource: '标准值来源',
  historyAverage: '前三年均值',
  lastYear: '上年值',
  historySource: '历史值来源',
  remark: '备注',
  activity: '工作活动',
  project: '预算项目',
  office: '对应科室',
};

/** Width of each column in characters (XLSX column width; HTML shares of the page width). */
export const COLUMN_WIDTHS: Readonly<Record<FormColumn, number>> = {
  dutyNumber: 5,
  duty: 16,
  item: 16,
  objective: 20,
  indicator: 16,
  category: 10,
  explanation: 20,
  target: 10,
  plan: 9,
  standard: 9,
  standardSource: 14,
  historyAverage: 9,
  lastYear: 9,
  historySource: 10,
  remark: 14,
  activity: 22,
  project: 14,
  office: 10,
};

export interface ReportFinding {
  code: string;
  severity: Severity;
  message: Message;
  /** 0-based, as in the AST; add 1 to show it. */
  line: number;
  character: number;
}

export interface ReportRow {
  /** 0-based line of the row's 指标 line (of the 目标/事项/职责 line for a level with no indicator). */
  line: number;
  /** False for the one row shown for an objective, 事项 or duty that has no indicator. */
  isIndicator: boolean;
  /** The text of every column ('' when empty); several activities/projects/offices joined by '\n'. */
  cells: Record<FormColumn, string>;
  /** Row span of each merged column here: n ≥ 1 on the first row of a merged block, 0 on the rows it covers. */
  spans: Record<MergedColumn, number>;
  /** Findings that start within this row's indicator (or its level line), for marking the row. */
  findings: ReportFinding[];
  /** The indicator and its levels; absent on a row of a level with no indicator. */
  context?: IndicatorContext;
}

export interface ReportTable {
  file: string;
  /** '' when the table has no 部门 / 年度. */
  department: string;
  year: string;
  /** `<部门>部门预算整体绩效目标表（<年度>年度）`. */
  title: string;
  /**
   * The columns this table's form shows: 部门职责 splits into two columns (duty
   * and 事项) only when the table has 事项, and 指标类别 (not on the official
   * form) only when an indicator gives one — as the forms in use do.
   */
  columns: FormColumn[];
  rows: ReportRow[];
  findings: ReportFinding[];
  errorCount: number;
  parsed: ParseResult;
}

export interface ReportModel {
  tables: ReportTable[];
}

/** One cell of the form's header: position in the header grid (0-based) and extent. */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Rows of the form's header (指标参考值 → 标准值/历史值 → 规划值, 当年标准值, … → 标准值, 来源). */
export const HEADER_ROWS = 4;

export function formTitle(department: string, year: string): string {
  return `${department}部门预算整体绩效目标表${year ? `（${year}年度）` : ''}`;
}

export function buildReportModel(inputs: readonly ReportInput[]): ReportModel {
  return { tables: inputs.map(buildReportTable) };
}

function buildReportTable(input: ReportInput): ReportTable {
  const table = input.parsed.ast;
  const findings = input.findings.map(toReportFinding).sort((a, b) => a.line - b.line || a.character - b.character);
  const rows = formRows(input.parsed, findings);
  const department = table.department?.text ?? '';
  const year = table.year?.text ?? '';
  const hasItems = table.duties.some((d) => d.items.length > 0);
  const hasCategory = rows.some((r) => r.cells.category !== '');
  return {
    file: input.file,
    department,
    year,
    title: formTitle(department, year),
    columns: FORM_COLUMNS.filter((c) => (c !== 'item' || hasItems) && (c !== 'category' || hasCategory)),
    rows,
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    parsed: input.parsed,
  };
}

function toReportFinding(f: Finding): ReportFinding {
  return { code: f.code, severity: f.severity, message: f.message, line: f.range.start.line, character: f.range.start.character };
}

// ---------------------------------------------------------------------------
// Rows

/** What a merged column's cell belongs to: consecutive rows with the same owner share one cell. */
type Owners = Record<MergedColumn, object | null>;

interface Draft {
  row: ReportRow;
  owners: Owners;
  /** First line of the row's duty and last line of the row: which findings mark it (see attachFindings). */
  dutyLine: number;
  lastLine: number;
}

/** The indicator's own single-valued columns, each the field's text as written. */


function texts(fields: readonly Field[]): string {
  return fields.map((f) => f.text).join('\n');
}

function emptyCells(): Record<FormColumn, string> {
  const cells = {} as Record<FormColumn, string>;
  for (const c of FORM_COLUMNS) cells[c] = '';
  return cells;
}

/** The nearest of the given levels (innermost first) that gives the field. */
function nearest(levels: readonly Inherited[], key: InheritedKey): Field[] | null {
  for (const level of levels) if (level[key].length) return level[key];
  return null;
}

function levelCells(duty: Duty, item: Item | undefined, objective: Objective | undefined): Record<FormColumn, string> {
  const cells = emptyCells();
  cells.dutyNumber = rowNumber({ duty, item, objective })?.text ?? '';
  cells.duty = duty.title.text;
  cells.item = item?.title.text ?? '';
  cells.objective = objective?.title.text ?? '';
  return cells;
}

function formRows(parsed: ParseResult, findings: readonly ReportFinding[]): ReportRow[] {
  const drafts: Draft[] = [];
  const levelRow = (duty: Duty, item: Item | undefined, objective: Objective | undefined, level: Duty | Item | Objective): void => {
    const cells = levelCells(duty, item, objective);
    const levels = [objective, item, duty].filter((l): l is Objective | Item | Duty => l !== undefined);
    const owners: Owners = { dutyNumber: rowNumber({ duty, item, objective })?.from ?? duty, duty, item: item ?? duty, objective: objective ?? null, activity: null, project: null, office: null };
    for (const key of INHERITED_KEYS) {
      const fields = nearest(levels, key);
      if (fields) {
        cells[key] = texts(fields);
        owners[key] = fields;
      }
    }
    const row = newRow(level.title.keywordRange.start.line, false, cells);
    drafts.push({ row, owners, dutyLine: duty.range.start.line, lastLine: level.range.end.line });
  };

  for (const duty of parsed.ast.duties) {
    let any = false;
    for (const { item, objective } of dutyObjectives(duty)) {
      any = true;
      if (objective.indicators.length === 0) {
        levelRow(duty, item, objective, objective);
        continue;
      }
      for (const indicator of objective.indicators) {
        const context: IndicatorContext = { duty, item, objective, indicator };
        const cells = levelCells(duty, item, objective);
        const number = rowNumber(context);
        cells.dutyNumber = number?.text ?? '';
        cells.indicator = indicator.name.text;
        for (const key of INDICATOR_FIELD_KEYS) cells[key] = indicator[key]?.text ?? '';
        // the number cell spans the rows of the level that gives the number (序号 under a merged duty)
        const owners: Owners = { dutyNumber: number?.from ?? duty, duty, item: item ?? duty, objective, activity: null, project: null, office: null };
        for (const key of INHERITED_KEYS) {
          // The owner is the level's own list of fields: an indicator that gives the field itself
          // has a cell of its own, even when a neighbour's text is the same.
          const { fields, from } = inherited(context, key);
          cells[key] = texts(fields);
          owners[key] = from === null ? null : fields;
        }
        const row = newRow(indicator.name.keywordRange.start.line, true, cells);
        row.context = context;
        drafts.push({ row, owners, dutyLine: duty.range.start.line, lastLine: indicator.range.end.line });
      }
    }
    // A 事项 with no objective, or a duty with nothing under it, still shows as a row.
    for (const item of duty.items) if (item.objectives.length === 0) levelRow(duty, item, undefined, item);
    if (!any && duty.items.length === 0) levelRow(duty, undefined, undefined, duty);
  }
  drafts.sort((a, b) => a.row.line - b.row.line);
  mergeSpans(drafts);
  attachFindings(drafts, findings);
  return drafts.map((d) => d.row);
}

function newRow(line: number, isIndicator: boolean, cells: Record<FormColumn, string>): ReportRow {
  const spans = {} as Record<MergedColumn, number>;
  for (const c of MERGED_COLUMNS) spans[c] = 1;
  return { line, isIndicator, cells, spans, findings: [] };
}

/** Consecutive rows with the same owner of a merged column share one cell: span on the first, 0 on the others. */
function mergeSpans(drafts: readonly Draft[]): void {
  for (const column of MERGED_COLUMNS) {
    let first = 0;
    for (let i = 1; i <= drafts.length; i++) {
      const owner = drafts[first]!.owners[column];
      if (i < drafts.length && owner !== null && drafts[i]!.owners[column] === owner) {
        drafts[i]!.row.spans[column] = 0;
        continue;
      }
      drafts[first]!.row.spans[column] = i - first;
      first = i;
    }
  }
}

/**
 * Each finding marks the row whose lines hold it: a row owns the lines from the
 * end of the row before it (its duty's first line, for a duty's first row) to
 * the end of its indicator, so a finding on a 目标 or 职责 line marks the first
 * row of that objective or duty. Drafts are in line order, as are findings.
 */
function attachFindings(drafts: readonly Draft[], findings: readonly ReportFinding[]): void {
  let d = 0;
  for (const f of findings) {
    while (d < drafts.length && drafts[d]!.lastLine < f.line) d++;
    if (d === drafts.length) return;
    const draft = drafts[d]!;
    const firstLine = draft.row.spans.duty > 0 ? draft.dutyLine : drafts[d - 1]!.lastLine + 1;
    if (f.line >= firstLine) draft.row.findings.push(f);
  }
}

// ---------------------------------------------------------------------------
// Header

/**
 * The header grid of the form for the given columns, as the official form
 * draws it: every plain column spans the four header rows; 部门职责 spans two
 * columns when the table has 事项; 指标参考值 spans the six reference columns,
 * split into 标准值 (规划值, 当年标准值 → 标准值/来源) and 历史值 (前三年均值,
 * 上年值, 来源).
 */
export function formHeader(columns: readonly FormColumn[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  const at = (column: FormColumn): number => columns.indexOf(column);
  const plain = (column: FormColumn, text: string): void => {
    cells.push({ text, row: 0, col: at(column), rowSpan: HEADER_ROWS, colSpan: 1 });
  };
  for (const column of columns) {
    switch (column) {
      case 'dutyNumber':
        plain(column, '职责序号');
        break;
      case 'duty':
        cells.push({ text: '部门职责', row: 0, col: at('duty'), rowSpan: HEADER_ROWS, colSpan: columns.includes('item') ? 2 : 1 });
        break;
      case 'item':
        break; // under 部门职责
      case 'objective':
        plain(column, '职责目标');
        break;
      case 'indicator':
        plain(column, '绩效指标');
        break;
      case 'category':
        plain(column, '指标类别');
        break;
      case 'explanation':
        plain(column, '指标解释');
        break;
      case 'target':
        plain(column, '年度指标值');
        break;
      case 'plan': {
        const c = at('plan');
        cells.push(
          { text: '指标参考值', row: 0, col: c, rowSpan: 1, colSpan: 6 },
          { text: '标准值（规划目标、行业标准或其他明确标准）', row: 1, col: c, rowSpan: 1, colSpan: 3 },
          { text: '规划值', row: 2, col: c, rowSpan: 2, colSpan: 1 },
          { text: '当年标准值', row: 2, col: c + 1, rowSpan: 1, colSpan: 2 },
          { text: '标准值', row: 3, col: c + 1, rowSpan: 1, colSpan: 1 },
          { text: '来源', row: 3, col: c + 2, rowSpan: 1, colSpan: 1 },
          { text: '历史值（统计年鉴/统计公报/内部统计/其他需明确的来源）', row: 1, col: c + 3, rowSpan: 1, colSpan: 3 },
          { text: '前三年均值', row: 2, col: c + 3, rowSpan: 2, colSpan: 1 },
          { text: '上年值', row: 2, col: c + 4, rowSpan: 2, colSpan: 1 },
          { text: '来源', row: 2, col: c + 5, rowSpan: 2, colSpan: 1 },
        );
        break;
      }
      case 'standard':
      case 'standardSource':
      case 'historyAverage':
      case 'lastYear':
      case 'historySource':
        break; // under 指标参考值
      case 'remark':
        plain(column, '备注（标准值和历史值均无的原因/其他需要说明的问题）');
        break;
      case 'activity':
        plain(column, '工作活动');
        break;
      case 'project':
        plain(column, '预算项目');
        break;
      case 'office':
        plain(column, '对应科室');
        break;
    }
  }
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}
