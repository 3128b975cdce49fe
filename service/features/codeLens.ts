/**
 * Code lenses of the later stages. Once the self-evaluation has begun, the table's first line
 * shows its score and grade (`自评得分 87.5 · 良 · 6 个指标均已评分`) and each duty its score of
 * its points and what is missing (`得分 44/50 · 缺完成值 1`); during the year, before any actual,
 * the monitoring points' date and how many lag behind. A table still at its targets (the nine
 * examples) gets none. Clicking the table's lens generates the matching report, when the editor offers the command.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import { dutyObjectives, formatAsOf, type Duty, type ParseResult, type Table } from '../../grammar/src/index';
import type { ServiceContext } from '../context';
import { dutyHasEvaluation, evaluateTable, monitorStatus, scoreDuty, scoringOf, type DutyScoring, type IndicatorScore, type MonitorStatus } from '../scoring';
import type { ScoringSettings } from '../scoringSettings';
import { dutyLens, monitoringLens, tableLens } from '../scoreWords';

export interface CodeLensOptions {
  /**
   * The command the table's lens runs (the client's Generate Report…), given `{ kind }`: the
   * self-evaluation report (`self-eval`) or, during the year, the monitoring report (`monitor`).
   */
  reportCommand?: string;
}

/** A lens; one without a command is plain text. */
function lens(range: Range, title: string, command?: string, kind?: 'self-eval' | 'monitor'): CodeLens {
  return { range, command: command ? { title, command, arguments: [{ kind }] } : { title, command: '' } };
}

/** Where the table's lens stands: its 部门 line, else its first duty. */
function tableAnchor(table: Table): Range | undefined {
  return (table.department ?? table.year ?? table.duties[0]?.title)?.range;
}

function dutyStatuses(duty: Duty, table: Table, scoring: ScoringSettings): MonitorStatus[] {
  const out: MonitorStatus[] = [];
  for (const { objective } of dutyObjectives(duty)) {
    for (const indicator of objective.indicators) for (const point of indicator.monitors) out.push(monitorStatus(indicator, point, table, scoring));
  }
  return out;
}

/**
 * What the lenses read of each duty, kept per duty object (which an edit elsewhere keeps): the
 * editor asks for the lenses after every keystroke, and a table of 10,000 indicators was walked
 * twice each time. Scores follow the scoring settings; monitoring statuses the table's year too.
 */
interface DutyLensFacts {
  evaluated: boolean;
  scores?: { scoring: ScoringSettings; list: readonly IndicatorScore[] };
  statuses?: { scoring: ScoringSettings; year: string | undefined; list: MonitorStatus[] };
}

const dutyFacts = new WeakMap<Duty, DutyLensFacts>();

function factsOf(duty: Duty): DutyLensFacts {
  let facts = dutyFacts.get(duty);
  if (!facts) dutyFacts.set(duty, (facts = { evaluated: dutyHasEvaluation(duty) }));
  return facts;
}

function keptScoring(scoring: ScoringSettings): DutyScoring {
  return {
    hasEvaluation: (duty) => factsOf(duty).evaluated,
    scores: (duty) => {
      const facts = factsOf(duty);
      if (facts.scores?.scoring !== scoring) facts.scores = { scoring, list: scoreDuty(duty, scoring) };
      return facts.scores.list;
    },
  };
}

function keptStatuses(duty: Duty, table: Table, scoring: ScoringSettings): MonitorStatus[] {
  const facts = factsOf(duty);
  const year = table.year?.text;
  const kept = facts.statuses;
  if (kept?.scoring === scoring && kept.year === year) return kept.list;
  facts.statuses = { scoring, year, list: dutyStatuses(duty, table, scoring) };
  return facts.statuses.list;
}

/** The latest as-of date among the points, as written out (YYYY-MM-DD). */
function latestDate(statuses: readonly MonitorStatus[], table: Table): string | null {
  const year = /^\d{4}$/.test(table.year?.text ?? '') ? Number(table.year!.text) : null;
  const dates = statuses.flatMap((s) => (s.asOf ? [formatAsOf(s.asOf, year)] : []));
  return dates.length ? dates.sort().at(-1)! : null;
}

export function codeLenses(_document: TextDocument, parsed: ParseResult, ctx: ServiceContext, options: CodeLensOptions = {}): CodeLens[] {
  try {
    const table = parsed.ast;
    const scoring = scoringOf(ctx.settings);
    const anchor = tableAnchor(table);
    const evaluation = evaluateTable(table, scoring, keptScoring(scoring));
    if (evaluation) {
      const out = anchor ? [lens(anchor, tableLens(evaluation, ctx.locale), options.reportCommand, 'self-eval')] : [];
      for (const { duty, evaluation: e } of evaluation.duties) if (e.indicators > 0) out.push(lens(duty.title.range, dutyLens(e, ctx.locale)));
      return out;
    }
    const perDuty = table.duties.map((duty) => ({ duty, statuses: keptStatuses(duty, table, scoring) }));
    const all = perDuty.flatMap((d) => d.statuses);
    if (all.length === 0) return [];
    const out = anchor ? [lens(anchor, monitoringLens(latestDate(all, table), all, ctx.locale), options.reportCommand, 'monitor')] : [];
    for (const { duty, statuses } of perDuty) if (statuses.length) out.push(lens(duty.title.range, monitoringLens(latestDate(statuses, table), statuses, ctx.locale)));
    return out;
  } catch {
    return [];
  }
}
