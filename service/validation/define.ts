/**
 * What a rule is: one definition holding its code, default severity, zh/en
 * title, explanation (the text of docs/rules.md), messages, the check itself
 * and its quick fixes. The families in rules/ define them; registry.ts lists
 * them; validate.ts runs them; features/codeActions.ts asks them for fixes.
 *
 * A rule's scope says what its check looks at, and so what an incremental
 * validator re-runs after an edit:
 * - `indicator`: one indicator (with what its duty, 事项 and objective pass down),
 *   cached per indicator object;
 * - `duty`: one duty block (its 事项, objectives and indicators), cached per
 *   duty object;
 * - `table`: across the table, in one of the forms below, each kept up to
 *   date from the blocks an edit replaced (tableState.ts): indicators compared
 *   by a key (`groups`: only the groups an edit changed are checked again),
 *   indicators counted (`tally`: only changed indicators are counted again),
 *   the duties' numbers and titles (`duties`: checked again when an edit
 *   changed a duty line or moved lines), or, for what none of these can say,
 *   a summary of each objective, run of objectives, 事项 and duty (`summary`:
 *   kept per run, 事项 and duty object, so an edit summarizes again only the
 *   run it changed and combines its 事项's and duty's; the check over the
 *   duties' summaries runs on every validation, the findings about one duty
 *   are kept per duty summary), or the whole table (`whole`: run on every
 *   validation, so only for what reads the header alone).
 */
import type { Duty, Indicator, Item, Message, Objective, Range, Severity, Table } from '../../grammar/src/index';
import type { IndicatorFacts, RuleContext } from './facts';
import type { RelatedPlace } from './findings';
import type { FixProposal, FixSite } from './fix';

export type { RuleContext } from './facts';

/** What a check hands back: the range of the finding, its message, and optionally what its quick fix needs and the other places it is about. */
export type Report = (range: Range, message: Message, options?: { data?: unknown; severity?: Severity; related?: readonly RelatedPlace[] }) => void;

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
  /**
   * The data with its line numbers moved by `lineDelta` (only for data that holds line numbers). A
   * finding carries them relative to its first line (the reporter moves them there, quickFixes back
   * for the fix), so its data stays the same when lines are added above it.
   */
  moveData?: MoveData;
}

/** A rule's data with the line numbers it holds moved by `lineDelta` (RuleBase.moveData). */
export type MoveData = (data: unknown, lineDelta: number) => unknown;

export interface IndicatorRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'indicator';
  check(facts: IndicatorFacts, report: Report, say: M): void;
}

export interface DutyRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'duty';
  /** The findings on the duty's and its 事项's own lines. */
  check(duty: Duty, report: Report, say: M, rc: RuleContext): void;
  /**
   * The findings on one objective's own lines: run once per objective object, with its indicators'
   * (an edit in a duty of a thousand objectives runs it on the objective edited, not on all).
   */
  objective?(objective: Objective, report: Report, say: M): void;
}

/** Indicators compared by a key across the table (their names …): findings per group of two or more. */
export interface GroupCheck<M extends Messages = Messages> {
  /** What an indicator is compared by; undefined leaves it out. */
  key(indicator: Indicator): string | undefined;
  /**
   * The findings of the indicators sharing one key, in written order (at least two). Their ranges
   * and related places are the members' own range objects (not computed ones), their data holds no
   * line and their messages quote none: the tree moves those ranges in place when lines move, and
   * the findings with them, without a new check (tableState.ts).
   */
  check(members: readonly Indicator[], report: Report, say: M): void;
}

/** What the indicators add up to across the table (the levels of their 类别 …). */
export interface TallyCheck<M extends Messages = Messages> {
  /** What one indicator counts as (undefined: nothing), and the findings about it alone. */
  count(indicator: Indicator, report: Report, say: M): string | undefined;
  /** The findings of the totals (how many indicators counted as each value); cheap, run on every validation. */
  check(totals: ReadonlyMap<string, number>, table: Table, report: Report, say: M): void;
}

/**
 * What each objective's indicators add up to (their points, whether they name an office …); a run
 * of objectives' and a duty's from those in order (`combine`, so it must not care how a list is cut
 * in runs), kept per run while it holds the same objectives and what they inherit from above is
 * the same, and per duty object; and the findings of the table from the duties' summaries in order.
 * So a keystroke in a duty of 5,000 indicators summarizes one run again. A summary may hold the
 * tree's own objects (they move with it), never positions copied out of them.
 */
export interface SummaryCheck<M extends Messages = Messages, S = unknown> {
  ofObjective(at: { duty: Duty; item?: Item; objective: Objective }): S;
  combine(summaries: readonly S[]): S;
  /** The findings about the table as a whole, from the duties' summaries in order. */
  check?(summaries: readonly S[], table: Table, report: Report, say: M, rc: RuleContext): void;
  /**
   * The findings about one duty's contents, when what the whole table adds up to calls for them
   * (`when`): kept per duty summary while no line moves, so a keystroke re-checks the duty it is
   * in (e.g. the indicators without an office, reported when the table names offices at all).
   */
  perDuty?: { when(whole: S): boolean; check(duty: S, report: Report, say: M): void };
}

export interface TableRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'table';
  groups?: GroupCheck<M>;
  tally?: TallyCheck<M>;
  /** The duties in order (their numbers and titles, not their contents). */
  duties?(duties: readonly Duty[], report: Report, say: M): void;
  summary?: SummaryCheck<M>;
  /** The whole table, on every validation: only for what reads the header (or as little) alone. */
  whole?(table: Table, report: Report, say: M, rc: RuleContext): void;
}

/** A syntax code (TT0xx) the parser reports: catalogued here for its explanation and fixes; it has no check. */
export interface SyntaxRule<M extends Messages = Messages> extends RuleBase<M> {
  scope: 'syntax';
}

export type RuleDefinition = IndicatorRule | DutyRule | TableRule | SyntaxRule;

// The helpers keep each definition's messages typed inside its own check.
/** The data of a rule's finding with its line numbers moved by `lineDelta` (see RuleBase.moveData); data that holds none, as it is. */
export function dataMovedBy(rule: { moveData?: MoveData }, data: unknown, lineDelta: number): unknown {
  return data !== undefined && rule.moveData ? rule.moveData(data, lineDelta) : data;
}

export const indicatorRule = <M extends Messages>(rule: IndicatorRule<M>): IndicatorRule => rule as unknown as IndicatorRule;
export const dutyRule = <M extends Messages>(rule: DutyRule<M>): DutyRule => rule as unknown as DutyRule;
export const tableRule = <M extends Messages>(rule: TableRule<M>): TableRule => rule as unknown as TableRule;
export const syntaxRule = <M extends Messages>(rule: SyntaxRule<M>): SyntaxRule => rule as unknown as SyntaxRule;
