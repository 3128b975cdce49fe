/**
 * What a rule is: one definition holding its code, default severity, zh/en
 * title, explanation (the text of docs/rules.md), messages, the check itself
 * and its quick fixes. The families in rules/ define them; registry.ts lists
 * them; validate.ts runs them; features/codeActions.ts asks them for fixes.
 *
 * A rule's scope says what its check looks at, and so what an incremental
 * validator may re-run after an edit:
 * - `indicator`: one indicator (with what its duty, 事项 and objective pass down);
 * - `duty`: one duty block (its 事项, objectives and indicators);
 * - `table`: the whole table (comparisons across duties, the header).
 * Indicator and duty findings are cached per duty object; table findings are
 * computed from the whole table on every run.
 */
import type { Duty, Message, Range, Severity, Table } from '../../grammar/src/index';
import type { IndicatorFacts, RuleContext } from './facts';
import type { FixProposal, FixSite } from './fix';

export type { RuleContext } from './facts';

/** What a check hands back: the range of the finding, its message, and optionally what its quick fix needs. */
export type Report = (range: Range, message: Message, options?: { data?: unknown; severity?: Severity }) => void;

/** What table-wide rules may keep between runs, per AST object (see ValidationCache.memo). */
export interface TableMemo {
  memo<K extends object, V>(code: string): WeakMap<K, V>;
}

type Messages = Record<string, (...args: never[]) => Message>;

interface RuleBase<M extends Messages> {
  code: string;
  defaultSeverity: Severity;
  title: Message;
  /** Why it matters and what to do, 1–3 sentences; docs/rules.md quotes it, hover shows it. */
  explanation: Message;
  /** The message builders of the check; each says what is wrong and what to write instead. */
  messages: M;
  /**
   * The quick fixes for one of this rule's findings, from the data the check attached (it comes
   * back from the editor: check its shape) and the document around the finding.
   */
  fixes?: (data: unknown, site: FixSite) => FixProposal[];
  /** The data moved with its finding when lines are added above it (only data that holds line numbers). */
  moveData?: (data: unknown, lineDelta: number) => unknown;
}

export interface IndicatorRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'indicator';
  check(facts: IndicatorFacts, report: Report, say: M): void;
}

export interface DutyRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'duty';
  check(duty: Duty, report: Report, say: M, rc: RuleContext): void;
}

export interface TableRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'table';
  check(table: Table, report: Report, say: M, memo: TableMemo | undefined): void;
}

/** A syntax code (TT0xx) the parser reports: catalogued here for its explanation and fixes; it has no check. */
export interface SyntaxRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'syntax';
}

export type RuleDefinition = IndicatorRule | DutyRule | TableRule | SyntaxRule;

// The helpers keep each definition's messages typed inside its own check.
export const indicatorRule = <M extends Messages>(rule: IndicatorRule<M>): IndicatorRule => rule as unknown as IndicatorRule;
export const dutyRule = <M extends Messages>(rule: DutyRule<M>): DutyRule => rule as unknown as DutyRule;
export const tableRule = <M extends Messages>(rule: TableRule<M>): TableRule => rule as unknown as TableRule;
export const syntaxRule = <M extends Messages>(rule: SyntaxRule<M>): SyntaxRule => rule as unknown as SyntaxRule;
