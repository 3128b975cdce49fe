/**
 * The AST of a .ttab table. Every node carries its LSP-style range
 * (0-based line, UTF-16 character), so the language service can use
 * ranges directly without conversion.
 */
import type { Value } from './values';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Canonical field keys; each has a Chinese keyword and an English alias (see keywords.ts). */
export type FieldKey =
  | 'department'
  | 'year'
  | 'duty'
  | 'item'
  | 'objective'
  | 'indicator'
  | 'number'
  | 'category'
  | 'explanation'
  | 'target'
  | 'plan'
  | 'standard'
  | 'standardSource'
  | 'historyAverage'
  | 'lastYear'
  | 'historySource'
  | 'remark'
  | 'activity'
  | 'project'
  | 'office';

/**
 * The fields of the later stages of the year (docs/language.md §8): the self-evaluation's of an
 * indicator, the 监控 line of a monitoring point and the fields only a point holds.
 */
export type LifecycleKey = EvaluationKey | MonitorKey;
export type EvaluationKey = 'actual' | 'points' | 'score' | 'attainment' | 'deviationReason' | 'improvement';
export type MonitorKey = 'monitor' | 'toDate' | 'expected' | 'outlook';
/** Every field key: the target table's and the later stages'. */
export type AnyFieldKey = FieldKey | LifecycleKey;

/** The indicator fields that hold a value (docs/language.md §4): the target, its references, the actual. */
export type ValueKey = 'target' | 'plan' | 'standard' | 'historyAverage' | 'lastYear' | 'actual';
/** The values a target is compared with. */
export type ReferenceKey = 'plan' | 'standard' | 'historyAverage' | 'lastYear';
/** The single-valued fields of a monitoring point. */
export type MonitoringPointKey = 'toDate' | 'expected' | 'outlook' | 'deviationReason' | 'improvement';
export type InheritedKey = 'activity' | 'project' | 'office';
/** The single-valued fields of an indicator (below its 指标 line). */
export type IndicatorFieldKey = Exclude<FieldKey, 'department' | 'year' | 'duty' | 'item' | 'objective' | 'indicator' | 'number' | InheritedKey>;
/** The target table's indicator fields that hold text, not a value. */
export type TextKey = Exclude<IndicatorFieldKey, ValueKey>;

/** One field line (plus its continuation lines). */
export interface Field {
  key: AnyFieldKey;
  /** The keyword as written (Chinese or English alias). */
  keyword: string;
  keywordRange: Range;
  /** The text, continuation lines joined with '\n'; trailing whitespace removed. */
  text: string;
  /** Range of the text on the keyword line (empty range right after the keyword when there is no text). */
  textRange: Range;
  /** Ranges of the continuation lines' text, in order. */
  continuationRanges: readonly Range[];
  /** From the keyword to the end of the last continuation line. */
  range: Range;
  /** The value read from the text, for the fields that hold one (指标值, 规划值, 标准值, 前三年均值, 上年值). */
  value?: Value;
}

export interface ValueField extends Field {
  key: ValueKey;
  value: Value;
}

/** A value field of a monitoring point (累计完成值, 全年预计值). */
export interface MonitorValueField extends Field {
  key: 'toDate' | 'expected';
  value: Value;
}

/** Fields every level may carry and pass down to its indicators. */
export interface Inherited {
  activity: Field[];
  project: Field[];
  office: Field[];
}

export interface Indicator extends Inherited {
  kind: 'indicator';
  /** The 指标 line: the indicator's name. */
  name: Field;
  /** 序号: this row's own 职责序号, under a duty whose 部门职责 cell is merged over rows numbered apart. */
  number?: Field;
  category?: Field;
  explanation?: Field;
  target?: ValueField;
  plan?: ValueField;
  standard?: ValueField;
  standardSource?: Field;
  historyAverage?: ValueField;
  lastYear?: ValueField;
  historySource?: Field;
  remark?: Field;
  /** Self-evaluation (docs/language.md §8): the actual value of the year, points, score, band, reason, improvement. */
  actual?: ValueField;
  points?: Field;
  score?: Field;
  attainment?: Field;
  deviationReason?: Field;
  improvement?: Field;
  /** Monitoring points during the year, in written order (the same empty array when there is none). */
  monitors: readonly MonitorPoint[];
  /**
   * Every field line of this indicator (excluding the 指标 line), in written order — the lines of
   * its monitoring points included, so whatever walks an indicator's lines sees them all.
   */
  fields: Field[];
  range: Range;
}

/**
 * A monitoring point (绩效运行监控): the 监控 line with its as-of date, and the fields below it
 * until a field that a point does not hold, or the next 监控 or 指标.
 */
export interface MonitorPoint {
  kind: 'monitor';
  /** The 监控 line; its text is the as-of date (`2022-07-31`, `7月31日`, `1-7月` …). */
  title: Field;
  toDate?: MonitorValueField;
  expected?: MonitorValueField;
  outlook?: Field;
  deviationReason?: Field;
  improvement?: Field;
  /** The point's field lines below the 监控 line, in written order. */
  fields: Field[];
  range: Range;
}

export interface Objective extends Inherited {
  kind: 'objective';
  /** The 目标 line. */
  title: Field;
  /** 序号: the 职责序号 of this objective's rows (see Indicator.number). */
  number?: Field;
  fields: Field[];
  indicators: Indicator[];
  range: Range;
}

export interface Item extends Inherited {
  kind: 'item';
  /** The 事项 line. */
  title: Field;
  /** 序号: the 职责序号 of this 事项's rows (see Indicator.number). */
  number?: Field;
  fields: Field[];
  objectives: Objective[];
  range: Range;
}

export interface Duty extends Inherited {
  kind: 'duty';
  /** The 职责 line (its text excludes the number). */
  title: Field;
  /** 职责序号, when the first word of the line is a number. */
  number?: { text: string; value: number; range: Range };
  fields: Field[];
  /** Objectives written directly under the duty (tables without 事项). */
  objectives: Objective[];
  items: Item[];
  range: Range;
}

export interface Comment {
  /** Text after '#', untrimmed at the start (so '# x' gives ' x'). */
  text: string;
  range: Range;
}

export interface Table {
  kind: 'table';
  department?: Field;
  year?: Field;
  /** Every header field line, in written order. */
  fields: Field[];
  duties: Duty[];
  comments: Comment[];
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Message {
  zh: string;
  en: string;
}

/** A syntax or model problem found while parsing. */
export interface ParseError {
  code: string;
  severity: Severity;
  message: Message;
  range: Range;
  /** What a quick fix needs (TT002: the keyword the line most likely meant); no line numbers in it. */
  data?: unknown;
}

export interface ParseResult {
  ast: Table;
  errors: ParseError[];
}
