/**
 * Running the registry: the findings of one table — the parser's syntax and
 * model problems (TT0xx) and every registered rule — after the user's
 * severity settings and disable comments. `ttab check`, the language server
 * and the reports report exactly these.
 *
 * It runs after every edit of tables with 10,000 indicators, so what it
 * computes is kept per AST object in a ValidationCache and reused while the
 * object lives: an incremental reparse (grammar/src/incremental.ts) replaces
 * only the blocks an edit touched and copies their ancestors, so an edit
 * re-validates the indicators it touched and re-assembles the duty that holds
 * them. Indicator and duty findings own their positions and move with their
 * block when lines are added above it. Table rules keep their state up to
 * date from the replaced blocks (tableState.ts), and so do the disable
 * comments. Without a cache, everything is computed once, the same way.
 */
import type { Duty, Indicator, ParseResult, ReparseResult, Table } from '../../grammar/src/index';
import { defaultUnitCatalog, dutyObjectives, type UnitCatalog } from '../../grammar/src/index';
import type { ServiceSettings } from '../context';
import { DEFAULT_SETTINGS } from '../context';
import type { RuleContext } from './define';
import { indicatorFacts } from './facts';
import { byPosition, mergeSorted, ownPositions, shiftFinding, type Finding } from './findings';
import { DUTY_RULES, INDICATOR_RULES, RULES } from './registry';
import { applySettings, DisableComments } from './suppressions';
import { reporter, TableState, TALLY_RULES } from './tableState';

export interface ValidateOptions {
  settings?: ServiceSettings;
  /** The catalog the table was parsed with; TT104 offers its nearest units. */
  units?: UnitCatalog;
  /**
   * Results kept across versions of one document (see ValidationCache), so an edit re-validates
   * only what it touched. Tell it of every incremental reparse (`changed`).
   */
  cache?: ValidationCache;
}

/** What one indicator gives: its findings (sorted, before settings) and what it counts as for each tally rule. */
interface IndicatorResults {
  /** The indicator's first line when these were computed: if it moved since, they move by as much. */
  line: number;
  findings: Finding[];
  counts: (string | undefined)[];
}

/** What validation reuses between versions of a document, keyed by AST objects. */
export class ValidationCache {
  private indicators = new WeakMap<Indicator, IndicatorResults>();
  /** The findings of each duty's duty and indicator rules, sorted, before settings, with the duty's first line then. */
  private duties = new WeakMap<Duty, { line: number; findings: Finding[] }>();
  /** The table rules' state and the disable comments, for one tree (updated along with it by `changed`). */
  private tree: { table: TableState; disable: DisableComments } | undefined;
  private rc: RuleContext | undefined;
  /** How often the table-wide state was built from scratch and kept up to date from an edit (tests check the second happens). */
  readonly stats = { built: 0, updated: 0 };

  /** A reparse of the tree this cache has seen: keep the table-wide state up to date from what it replaced. */
  changed(result: ReparseResult): void {
    const change = result.change;
    if (!this.tree || !change || this.tree.table.table !== change.previous) {
      this.tree = undefined;
      return;
    }
    this.tree.table.update(result.ast, change.removed, change.added, change.kind === 'duty', result.lineDelta !== 0);
    this.tree.disable.update(change.removedComments, change.addedComments);
    this.stats.updated++;
  }

  validate(parsed: ParseResult, rc: RuleContext, settings: ServiceSettings): Finding[] {
    if (!this.rc || this.rc.units !== rc.units || this.rc.historyFactor !== rc.historyFactor) {
      // The rules' results depend on the catalog and the history factor: start anew.
      this.indicators = new WeakMap();
      this.duties = new WeakMap();
      this.tree = undefined;
      this.rc = rc;
    }
    const table: Table = parsed.ast;
    if (!this.tree || this.tree.table.table !== table) {
      this.tree = { table: new TableState(table, (indicator) => this.indicator(indicator).counts), disable: new DisableComments(table.comments) };
      this.stats.built++;
    }
    // Each part is sorted on its own: duties do not overlap and come in order, so their findings
    // concatenate in order; the three parts are then merged rather than sorted again.
    const perDuty: Finding[] = [];
    for (const duty of table.duties) for (const f of this.duty(duty)) perDuty.push(f);
    const silence = this.tree.disable.suppressions(table.comments);
    return mergeSorted(mergeSorted(parsed.errors, applySettings(perDuty, settings, silence)), applySettings(this.tree.table.findings(), settings, silence));
  }

  /** The duty's findings, computed once per duty object and moved along with it. */
  private duty(duty: Duty): Finding[] {
    const line = duty.range.start.line;
    const cached = this.duties.get(duty);
    if (cached && cached.line === line) return cached.findings;
    const findings = cached ? cached.findings.map((f) => moved(f, line - cached.line)) : this.computeDuty(duty);
    this.duties.set(duty, { line, findings });
    return findings;
  }

  private computeDuty(duty: Duty): Finding[] {
    const own: Finding[] = [];
    for (const rule of DUTY_RULES) rule.check(duty, reporter(rule, own), rule.messages, this.rc!);
    const perIndicator: Finding[] = [];
    for (const { objective } of dutyObjectives(duty)) {
      for (const indicator of objective.indicators) for (const f of this.indicator(indicator).findings) perIndicator.push(f);
    }
    return mergeSorted(own.sort(byPosition).map(ownPositions), perIndicator);
  }

  /** The indicator's results, computed once per indicator object and moved along with it. */
  private indicator(indicator: Indicator): IndicatorResults {
    const line = indicator.range.start.line;
    const cached = this.indicators.get(indicator);
    if (cached && cached.line === line) return cached;
    const results = cached ? { line, findings: cached.findings.map((f) => moved(f, line - cached.line)), counts: cached.counts } : this.computeIndicator(indicator, line);
    this.indicators.set(indicator, results);
    return results;
  }

  private computeIndicator(indicator: Indicator, line: number): IndicatorResults {
    const out: Finding[] = [];
    const facts = indicatorFacts(indicator, this.rc!);
    for (const rule of INDICATOR_RULES) rule.check(facts, reporter(rule, out), rule.messages);
    const counts = TALLY_RULES.map((rule) => rule.tally!.count(indicator, reporter(rule, out), rule.messages));
    return { line, findings: out.sort(byPosition).map(ownPositions), counts };
  }
}

function moved(f: Finding, lineDelta: number): Finding {
  return shiftFinding(f, lineDelta, RULES[f.code]?.moveData);
}

export function validate(parsed: ParseResult, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rc: RuleContext = { units: options.units ?? defaultUnitCatalog, historyFactor: settings.historyFactor };
  return (options.cache ?? new ValidationCache()).validate(parsed, rc, settings);
}
