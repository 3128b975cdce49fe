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

export type ValueKey = 'target' | 'plan' | 'standard' | 'historyAverage' | 'lastYear';
export type InheritedKey = 'activity' | 'project' | 'office';
/** The single-valued fields of an indicator (below its 指标 line). */
export type IndicatorFieldKey = Exclude<FieldKey, 'department' | 'year' | 'duty' | 'item' | 'objective' | 'indicator' | 'number' | InheritedKey>;
/** The indicator fields that hold text, not a value. */
export type TextKey = Exclude<IndicatorFieldKey, ValueKey>;

/** One field line (plus its continuation lines). */
export interface Field {
  key: FieldKey;
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
  /** Every field line of this indicator (excluding the 指标 line), in written order. */
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
