/**
 * Running the registry: the findings of one table — the parser's syntax and
 * model problems (TT0xx) and every registered rule — after the user's
 * severity settings and disable comments. `ttab check`, the language server
 * and the reports report exactly these.
 *
 * It runs on every edit of tables with 10,000 indicators, so every rule is one
 * linear pass. Indicator and duty rules run per duty (`validateDuty`), and
 * their findings are cached per duty object: an incremental reparse keeps
 * untouched duties as the same objects, so an edit re-validates only the duty
 * it touched. Table rules (`validateTable`) run over the whole table.
 */
import type { Duty, ParseResult, Severity, Table } from '../../grammar/src/index';
import { defaultUnitCatalog, dutyObjectives, type UnitCatalog } from '../../grammar/src/index';
import type { ServiceSettings } from '../context';
import { DEFAULT_SETTINGS } from '../context';
import type { Report, RuleContext, TableMemo } from './define';
import { indicatorFacts } from './facts';
import { byPosition, mergeSorted, ownPositions, shiftFinding, type Finding } from './findings';
import { DUTY_RULES, INDICATOR_RULES, RULES, TABLE_RULES } from './registry';
import { applySettings, suppressions } from './suppressions';

export interface ValidateOptions {
  settings?: ServiceSettings;
  /** The catalog the table was parsed with; TT104 offers its nearest units. */
  units?: UnitCatalog;
  /**
   * Results kept across versions of one document, so an edit re-validates only what it touched:
   * an incremental reparse keeps untouched duties (and their fields) as the same objects.
   * Drop it when the units or historyFactor change.
   */
  cache?: ValidationCache;
}

/** What validation reuses between versions of a document, keyed by AST objects. */
export class ValidationCache implements TableMemo {
  /**
   * Findings of `validateDuty` per duty, sorted, before settings and disable comments, with the
   * duty's first line when they were computed: an edit above a duty moves it (in place, see
   * grammar/src/incremental.ts) and its findings then move by as many lines. The findings own
   * their positions (copies), so moving the tree does not move them twice.
   */
  readonly duties = new WeakMap<Duty, { line: number; findings: Finding[] }>();
  private readonly memos = new Map<string, WeakMap<object, unknown>>();

  /** The duty's findings, computed once and moved along with the duty. */
  dutyFindings(duty: Duty, compute: () => Finding[]): Finding[] {
    const line = duty.range.start.line;
    const cached = this.duties.get(duty);
    if (cached && cached.line === line) return cached.findings;
    const findings = cached ? cached.findings.map((f) => shiftFinding(f, line - cached.line, RULES[f.code]?.moveData)) : compute().map(ownPositions);
    this.duties.set(duty, { line, findings });
    return findings;
  }

  /** What a table rule keeps per AST object (a parsed 类别, a message naming another line …). */
  memo<K extends object, V>(code: string): WeakMap<K, V> {
    let memo = this.memos.get(code);
    if (!memo) this.memos.set(code, (memo = new WeakMap()));
    return memo as unknown as WeakMap<K, V>;
  }
}

export function validate(parsed: ParseResult, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rc: RuleContext = { units: options.units ?? defaultUnitCatalog, historyFactor: settings.historyFactor };
  const cache = options.cache;
  // Each part is sorted on its own: duties do not overlap and come in order, so their findings
  // concatenate in order; the three parts are then merged rather than sorted again.
  const perDuty: Finding[] = [];
  for (const duty of parsed.ast.duties) {
    const compute = () => validateDuty(duty, rc).sort(byPosition);
    for (const f of cache ? cache.dutyFindings(duty, compute) : compute()) perDuty.push(f);
  }
  const tableWide = validateTable(parsed.ast, cache);
  const silence = suppressions(parsed.ast.comments);
  return mergeSorted(mergeSorted(parsed.errors, applySettings(perDuty, settings, silence)), applySettings(tableWide, settings, silence));
}

/** A report function that files findings of one rule into `out`. */
function reporter(code: string, defaultSeverity: Severity, out: Finding[]): Report {
  return (range, message, options) => {
    const f: Finding = { code, severity: options?.severity ?? defaultSeverity, message, range };
    if (options?.data !== undefined) f.data = options.data;
    out.push(f);
  };
}

/** The findings of the duty and indicator rules for one duty, unsorted, before settings. */
export function validateDuty(duty: Duty, rc: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of DUTY_RULES) rule.check(duty, reporter(rule.code, rule.defaultSeverity, out), rule.messages, rc);
  if (INDICATOR_RULES.length === 0) return out;
  const reports = INDICATOR_RULES.map((rule) => reporter(rule.code, rule.defaultSeverity, out));
  for (const { objective } of dutyObjectives(duty)) {
    for (const indicator of objective.indicators) {
      const facts = indicatorFacts(indicator, rc);
      INDICATOR_RULES.forEach((rule, i) => rule.check(facts, reports[i]!, rule.messages));
    }
  }
  return out;
}

/** The findings of the table rules, sorted, before settings. */
export function validateTable(table: Table, cache?: ValidationCache): Finding[] {
  const out: Finding[] = [];
  for (const rule of TABLE_RULES) rule.check(table, reporter(rule.code, rule.defaultSeverity, out), rule.messages, cache);
  return out.sort(byPosition);
}
