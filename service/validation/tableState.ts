/**
 * The table rules' state, kept up to date from the blocks each edit replaced
 * (grammar/src/incremental.ts reports them) instead of walking the table on
 * every validation:
 * - `groups`: per rule, the indicators of each key in written order, and the
 *   findings of each group; an edit re-checks the groups of the indicators it
 *   removed or added; when lines move, nothing: a group's findings lie on its
 *   members' own ranges (and name the first member's as a related place),
 *   which the tree moves in place;
 * - `tally`: per rule, how many indicators count as each value; what an
 *   indicator counts as is kept with it (validate.ts), so an edit recounts
 *   only the indicators it replaced;
 * - `duties`: checked again when an edit replaced duties or moved lines;
 * - `summary`: each run of objectives' summary (objectiveMemo.ts) kept while
 *   the run holds the same objectives, each 事项's per 事项 object and each
 *   duty's (combined from its own runs' and its 事项's) per duty object: an
 *   edit replaces the blocks it touched and copies their 事项 and duty, so one
 *   run is summarized again and its 事项's and duty's combined; the check over
 *   the duties' summaries runs on every validation, and the findings about one
 *   duty (`perDuty`) are kept per duty summary while no line moves;
 * - `whole`: run on every validation.
 * The groups' findings are the tree's own ranges, which move in place with
 * it; the others own their positions (copies) and are made again when lines
 * move. validate.ts copies none of them: they reach the editor through the
 * diagnostics, which copy the ranges they show. A group re-checked with the
 * same findings leaves the table's list as it was, and the list is kept sorted
 * by applying what changed (SortedChanges): moving lines keeps its order.
 */
import type { Duty, Field, Indicator, Item, Table } from '../../grammar/src/index';
import { dutyObjectives, hasQuantifiedTarget, indicatorsOf, inheritedContext, sameInheritedContext, type Block } from '../../grammar/src/index';
import { forEachRunOf, RunMemo } from '../objectiveMemo';
import { resultsReusingEnds, sharedEndsBy } from '../sharedEnds';
import { firstStartingOnOrAfter, sameRange } from '../ranges';
import { dataMovedBy, type MoveData, type Report, type RuleContext } from './define';
import { byPosition, mergeSorted, ownPositions, type Finding, type RelatedPlace } from './findings';
import { TABLE_RULES } from './registry';
import type { RegisteredRule } from './registry';
import type { TableRule } from './define';

type Rule = TableRule & RegisteredRule;

/**
 * A report function that files findings of one rule into `out`. Every finding has the same shape
 * (`data` present, maybe undefined): the passes over tens of thousands of them stay monomorphic.
 */
export function reporter(rule: { code: string; defaultSeverity: Finding['severity']; moveData?: MoveData }, out: Finding[]): Report {
  return (range, message, options) => {
    // Line numbers in the data, relative to the finding's first line: the data names no line (see RuleBase.moveData).
    const data = dataMovedBy(rule, options?.data, -range.start.line);
    out.push({ code: rule.code, severity: options?.severity ?? rule.defaultSeverity, message, range, data, related: options?.related });
  };
}

/** Every indicator of some blocks of the tree, in written order. */
export function* indicatorsIn(blocks: readonly Block[]): Generator<Indicator> {
  for (const block of blocks) {
    switch (block.kind) {
      case 'indicator':
        yield block;
        break;
      case 'objective':
        yield* block.indicators;
        break;
      case 'item':
        for (const o of block.objectives) yield* o.indicators;
        break;
      case 'duty':
        for (const { objective } of dutyObjectives(block)) yield* objective.indicators;
    }
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.code === b.code &&
    a.severity === b.severity &&
    a.message.zh === b.message.zh &&
    a.message.en === b.message.en &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character &&
    sameRelated(a.related, b.related) &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

function sameRelated(a: readonly RelatedPlace[] | undefined, b: readonly RelatedPlace[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((r, i) => sameRange(r.range, b[i]!.range) && r.message.zh === b[i]!.message.zh && r.message.en === b[i]!.message.en);
}

export function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFinding(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * The same finding on the same ranges of the tree: a group's findings lie on its members' ranges,
 * which move with the tree, and a member the edit parsed again is a new node at the same place,
 * which the next edit moves (the one it replaced stays where it was).
 */
function sameOnTheSameNodes(a: Finding, b: Finding): boolean {
  return sameFinding(a, b) && a.range === b.range && (a.related ?? []).every((r, i) => r.range === b.related![i]!.range);
}


/** Lines whose table findings changed since they were last read (validate.ts re-assembles the duties there). */
type DirtyLines = number[];

/** Lines from `from` on (in the new text) moved by `delta` lines. */
export interface LineMove {
  from: number;
  delta: number;
}

/**
 * Marks the lines of the findings that differ between two lists in the same order: those between
 * what the two share at both ends (a finding added to the table's totals marks its own line, not
 * the lines of all the others, whose duties keep their parts).
 */
function markChanged(dirty: DirtyLines, before: readonly Finding[], after: readonly Finding[]): void {
  const { head, tail } = sharedEndsBy(before, after, sameFinding);
  for (let i = head; i < before.length - tail; i++) dirty.push(before[i]!.range.start.line);
  for (let i = head; i < after.length - tail; i++) dirty.push(after[i]!.range.start.line);
}

/** Up to how many removed findings are looked up by their lines rather than by a pass over the list. */
const FEW_REMOVED = 64;

/**
 * What changed among the table rules' findings since their sorted list was made, applied to it
 * instead of sorting them all again: an edit removes or adds the findings of the few groups it
 * changed, and a line-adding edit none (a group's findings move with the tree).
 */
class SortedChanges {
  /** Whether there is a sorted list to change: the findings of the table's first check are sorted all at once. */
  private recording = false;
  /** Of the sorted list, those to take out. */
  private readonly removed = new Set<Finding>();
  /** Not in the sorted list, those to put in. */
  private readonly added = new Set<Finding>();

  /** A list of findings replaced by another (which may keep some of the same objects: a duty's findings kept per duty). */
  change(before: readonly Finding[], after: readonly Finding[]): void {
    if (!this.recording) return;
    const stays = new Set(after);
    const was = new Set(before);
    // A finding added since the list was made, then removed, was never in it; one taken out, then given back, stays.
    for (const f of before) if (!stays.has(f) && !this.added.delete(f)) this.removed.add(f);
    for (const f of after) if (!was.has(f) && !this.removed.delete(f)) this.added.add(f);
  }

  any(): boolean {
    return this.removed.size > 0 || this.added.size > 0;
  }

  /** The sorted list with the changes applied, and the log emptied. */
  apply(sorted: readonly Finding[]): Finding[] {
    let kept = sorted;
    if (this.removed.size > 0) {
      const places = this.removed.size <= FEW_REMOVED ? this.placesIn(sorted) : undefined;
      if (places) {
        // A copy, then a few splices: both move the list's elements in bulk, not one by one.
        const copy = sorted.slice();
        for (const i of [...places].sort((a, b) => b - a)) copy.splice(i, 1);
        kept = copy;
      } else kept = sorted.filter((f) => !this.removed.has(f));
    }
    const merged = mergeSorted(kept, [...this.added].sort(byPosition));
    this.start();
    return merged;
  }

  /**
   * Where the few removed findings are in the sorted list, found by their lines (a keystroke in
   * an indicator replaces one group's finding or two), or undefined when one is not where its line
   * says: a finding on a node an edit took out does not move with the lines after it.
   */
  private placesIn(sorted: readonly Finding[]): Set<number> | undefined {
    const places = new Set<number>();
    for (const f of this.removed) {
      const line = f.range.start.line;
      let i = firstStartingOnOrAfter(sorted, line);
      while (i < sorted.length && sorted[i] !== f && sorted[i]!.range.start.line === line) i++;
      if (sorted[i] !== f) return undefined;
      places.add(i);
    }
    return places;
  }

  /** A sorted list was made of all the findings: from now on, what changes is recorded. */
  start(): void {
    this.removed.clear();
    this.added.clear();
    this.recording = true;
  }
}

class GroupState {
  private readonly members = new Map<string, Indicator[]>();
  /** The keys of two members or more: only they are checked. */
  private readonly shared = new Set<string>();
  private readonly findings = new Map<string, Finding[]>();

  constructor(
    private readonly rule: Rule,
    private readonly dirty: DirtyLines,
    private readonly changes: SortedChanges,
  ) {}

  private get check() {
    return this.rule.groups!;
  }

  /** From scratch, over every indicator of the table. */
  rebuild(table: Table): void {
    this.members.clear();
    this.shared.clear();
    this.findings.clear();
    for (const { indicator } of indicatorsOf(table)) {
      const key = this.check.key(indicator);
      if (key === undefined) continue;
      const list = this.members.get(key);
      if (list) list.push(indicator);
      else this.members.set(key, [indicator]);
    }
    for (const [key, list] of this.members) if (list.length > 1) this.shared.add(key);
    for (const key of this.shared) this.recheck(key);
  }

  /**
   * Indicators replaced. A group is checked again when it lost or gained a member; one whose
   * members moved keeps its findings, which lie on the members' own ranges and name the first
   * member's (GroupCheck), so they moved with them.
   */
  update(removed: Iterable<Indicator>, added: Iterable<Indicator>): void {
    const touched = new Set<string>();
    for (const indicator of removed) {
      const key = this.check.key(indicator);
      const list = key === undefined ? undefined : this.members.get(key);
      if (!list) continue;
      const i = list.indexOf(indicator);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.members.delete(key!);
      if (list.length < 2) this.shared.delete(key!);
      touched.add(key!);
    }
    for (const indicator of added) {
      const key = this.check.key(indicator);
      if (key === undefined) continue;
      const list = this.members.get(key);
      if (list) list.splice(firstStartingOnOrAfter(list, indicator.range.start.line + 1), 0, indicator);
      else this.members.set(key, [indicator]);
      if (list) this.shared.add(key);
      touched.add(key);
    }
    for (const key of touched) this.recheck(key);
  }

  private recheck(key: string): void {
    const members = this.members.get(key);
    const out: Finding[] = [];
    if (members && members.length > 1) this.check.check(members, reporter(this.rule, out), this.rule.messages);
    const before = this.findings.get(key) ?? [];
    // The findings the two share at both ends stay the same objects; the same finding on a new node
    // (a member the edit parsed again) is a new one, and the part holding the old one is put together again.
    const { head, tail } = sharedEndsBy(before, out, sameOnTheSameNodes);
    if (head + tail >= before.length && head + tail >= out.length) return;
    const gone = before.slice(head, before.length - tail);
    const fresh = out.slice(head, out.length - tail);
    for (const f of gone) this.dirty.push(f.range.start.line);
    for (const f of fresh) this.dirty.push(f.range.start.line);
    this.changes.change(gone, fresh);
    const next = [...before.slice(0, head), ...fresh, ...before.slice(before.length - tail)];
    if (next.length === 0) this.findings.delete(key);
    else this.findings.set(key, next);
  }

  all(into: Finding[]): void {
    for (const list of this.findings.values()) for (const f of list) into.push(f);
  }
}

/** How many indicators count as each value, for one tally rule. */
class Tally {
  readonly totals = new Map<string, number>();

  add(value: string | undefined, by: number): void {
    if (value === undefined) return;
    const n = (this.totals.get(value) ?? 0) + by;
    if (n === 0) this.totals.delete(value);
    else this.totals.set(value, n);
  }
}

export const GROUP_RULES: readonly Rule[] = TABLE_RULES.filter((r) => r.groups) as Rule[];
export const TALLY_RULES: readonly Rule[] = TABLE_RULES.filter((r) => r.tally) as Rule[];
const DUTY_LINE_RULES: readonly Rule[] = TABLE_RULES.filter((r) => r.duties) as Rule[];
const WHOLE_TABLE_RULES: readonly Rule[] = TABLE_RULES.filter((r) => r.whole) as Rule[];
const SUMMARY_RULES: readonly Rule[] = TABLE_RULES.filter((r) => r.summary) as Rule[];

/** How many 事项's summaries are combined into one part of their duty's (a keystroke combines one chunk again, and the chunks). */
const ITEM_CHUNK = 16;

/** A duty's summaries (one per summary rule) and what they were combined from, for summarizing the duty that replaces it. */
interface DutySummaries {
  /** What the duty's 事项 inherited from it. */
  fromDuty: readonly (readonly Field[])[];
  items: readonly Item[];
  /** Each 事项's summaries. */
  perItem: readonly unknown[][];
  /** Each chunk of ITEM_CHUNK 事项's summaries, combined. */
  chunks: readonly unknown[][];
  whole: unknown[];
}

/** The table rules' state for one tree, kept current by `update` as the tree is edited. */
export class TableState {
  /** Lines where the findings changed since `takeDirtyLines`. */
  private dirty: DirtyLines = [];
  private readonly changes = new SortedChanges();
  private readonly groups = GROUP_RULES.map((rule) => new GroupState(rule, this.dirty, this.changes));
  readonly tallies = TALLY_RULES.map(() => new Tally());
  private dutyFindings: Finding[] = [];
  private totalsFindings: Finding[] = [];
  /** The sorted findings of the table rules (rebuilt when one of them changed). */
  private sorted: Finding[] | undefined;

  /**
   * @param counts what an indicator counts as, per tally rule (validate.ts keeps it with the
   *   indicator's own findings).
   */
  constructor(
    public table: Table,
    private readonly counts: (indicator: Indicator) => readonly (string | undefined)[],
    private readonly rc: RuleContext,
  ) {
    for (const g of this.groups) g.rebuild(table);
    for (const { indicator } of indicatorsOf(table)) this.count(indicator, 1);
    this.checkDuties(table.duties);
  }

  /** Blocks replaced in the tree, now `table`; the lines below them moved (`moved`; undefined: none did). */
  update(table: Table, removed: readonly Block[], added: readonly Block[], dutiesChanged: boolean, moved: LineMove | undefined): void {
    const linesMoved = moved !== undefined;
    this.table = table;
    for (const indicator of indicatorsIn(removed)) this.count(indicator, -1);
    for (const indicator of indicatorsIn(added)) this.count(indicator, 1);
    for (const g of this.groups) g.update(indicatorsIn(removed), indicatorsIn(added));
    if (dutiesChanged || linesMoved) this.checkDuties(table.duties);
    // Their findings hold positions, and line numbers in their data.
    if (linesMoved) this.perDutyFindings = new WeakMap();
  }

  /** Each duty's summaries, one per summary rule, and what they were made of (a block the tree no longer holds is forgotten with it). */
  private readonly dutySummaries = new WeakMap<Duty, DutySummaries>();
  private readonly runSummaries = new RunMemo<{ context: readonly (readonly Field[])[]; summaries: unknown[] }>();
  /** Each 事项's summaries, with the fields it inherited from its duty when they were made. */
  private readonly itemSummaries = new WeakMap<Item, { fromDuty: readonly (readonly Field[])[]; summaries: unknown[] }>();

  /** The summaries of the last validation, per rule in the duties' order: a duty still at its place keeps its own without a lookup. */
  private lastSummaries: { duties: readonly Duty[]; lists: unknown[][] } | undefined;

  /** Per summary rule, each duty's summary in order. */
  private summaries(): unknown[][] {
    const duties = this.table.duties;
    const last = this.lastSummaries;
    if (last?.duties === duties) return last.lists;
    const lists: unknown[][] = SUMMARY_RULES.map(() => new Array<unknown>(duties.length));
    const samePlaces = last !== undefined && last.duties.length === duties.length;
    for (let k = 0; k < duties.length; k++) {
      const duty = duties[k]!;
      if (samePlaces && last.duties[k] === duty) {
        for (let i = 0; i < lists.length; i++) lists[i]![k] = last.lists[i]![k];
        continue;
      }
      let summaries = this.dutySummaries.get(duty);
      // A duty an edit replaced is summarized from the one at its place before (as many duties: a keystroke replaces one).
      if (!summaries) this.dutySummaries.set(duty, (summaries = this.summarizeDuty(duty, samePlaces ? this.dutySummaries.get(last.duties[k]!) : undefined)));
      for (let i = 0; i < lists.length; i++) lists[i]![k] = summaries.whole[i];
    }
    this.lastSummaries = { duties, lists };
    return lists;
  }

  /**
   * A duty's summaries: its own objectives' and each 事项's, combined by chunks of ITEM_CHUNK 事项.
   * Made from those of the duty it replaced (`base`): the 事项 the two share at both ends keep their
   * summaries without a lookup, and the chunks wholly among them their combination, so a keystroke
   * in a duty of hundreds of 事项 summarizes the one it is in and combines a chunk and the chunks.
   * A 事项 in between keeps its summaries while the 事项 object and what it inherits from the duty
   * are the same.
   */
  private summarizeDuty(duty: Duty, base: DutySummaries | undefined): DutySummaries {
    const fromDuty = inheritedContext(duty, undefined);
    const items = duty.items;
    const n = items.length;
    const kept = base && sameInheritedContext(base.fromDuty, fromDuty) ? base : undefined;
    this.runSummaries.begin();
    const own = this.summarizeRuns(duty, undefined, fromDuty);
    const { results: perItem, head, tail } = resultsReusingEnds(items, kept && { items: kept.items, results: kept.perItem }, (item) => {
      const known = this.itemSummaries.get(item);
      if (known && sameInheritedContext(known.fromDuty, fromDuty)) return known.summaries;
      const summaries = this.summarizeRuns(duty, item, inheritedContext(duty, item));
      this.itemSummaries.set(item, { fromDuty, summaries });
      return summaries;
    });
    this.runSummaries.end();
    const chunks: unknown[][] = [];
    for (let from = 0, c = 0; from < n; from += ITEM_CHUNK, c++) {
      const to = Math.min(n, from + ITEM_CHUNK);
      // A chunk of 事项 all kept at the start, or at the end when the chunks fall at the same places, is the same chunk.
      if (kept && (to <= head || (n === kept.items.length && from >= n - tail))) chunks.push(kept.chunks[c]!);
      else chunks.push(SUMMARY_RULES.map((rule, i) => rule.summary!.combine(perItem.slice(from, to).map((s) => s[i]))));
    }
    const whole = SUMMARY_RULES.map((rule, i) => rule.summary!.combine([own[i], ...chunks.map((chunk) => chunk[i])]));
    return { fromDuty, items, perItem, chunks, whole };
  }

  /** The summaries of one parent's objectives (the duty's own, or a 事项's) from their runs', each kept while the run holds the same objectives and what they inherit is the same. */
  private summarizeRuns(duty: Duty, item: Item | undefined, context: readonly (readonly Field[])[]): unknown[] {
    const memo = this.runSummaries;
    const parts: unknown[][] = SUMMARY_RULES.map(() => []);
    forEachRunOf(item, item ? item.objectives : duty.objectives, (run) => {
      const kept = memo.kept(run);
      const fresh = !kept || !sameInheritedContext(kept.context, context);
      const entry = fresh ? { context, summaries: SUMMARY_RULES.map((rule) => rule.summary!.combine(run.list.slice(run.from, run.to).map((objective) => rule.summary!.ofObjective({ duty, item, objective })))) } : kept;
      memo.put(run, entry, fresh);
      for (let i = 0; i < parts.length; i++) parts[i]!.push(entry.summaries[i]);
    });
    return SUMMARY_RULES.map((rule, i) => rule.summary!.combine(parts[i]!));
  }

  /** How many indicators the table has, and how many of them have a quantified target (the status bar's share). */
  indicators = 0;
  quantified = 0;

  private count(indicator: Indicator, by: number): void {
    this.indicators += by;
    if (hasQuantifiedTarget(indicator)) this.quantified += by;
    const values = this.counts(indicator);
    this.tallies.forEach((tally, i) => tally.add(values[i], by));
  }

  private checkDuties(duties: readonly Duty[]): void {
    const out: Finding[] = [];
    for (const rule of DUTY_LINE_RULES) rule.duties!(duties, reporter(rule, out), rule.messages);
    if (sameFindings(this.dutyFindings, out)) return;
    markChanged(this.dirty, this.dutyFindings, out);
    const owned = out.map(ownPositions);
    this.changes.change(this.dutyFindings, owned);
    this.dutyFindings = owned;
  }

  /** Per duty summary (of one rule), the findings of its perDuty check: the same objects while the summary is, so comparing them is cheap. */
  private perDutyFindings = new WeakMap<object, Finding[]>();

  private dutyFindingsOf(rule: Rule, summary: unknown): Finding[] {
    let found = this.perDutyFindings.get(summary as object);
    if (!found) {
      const out: Finding[] = [];
      rule.summary!.perDuty!.check(summary, reporter(rule, out), rule.messages);
      this.perDutyFindings.set(summary as object, (found = out.map(ownPositions)));
    }
    return found;
  }

  /** The table rules' findings, sorted, before settings: the same array while none changed. */
  findings(): Finding[] {
    const totals: Finding[] = [];
    TALLY_RULES.forEach((rule, i) => rule.tally!.check(this.tallies[i]!.totals, this.table, reporter(rule, totals), rule.messages));
    const summaries = this.summaries();
    SUMMARY_RULES.forEach((rule, i) => rule.summary!.check?.(summaries[i]!, this.table, reporter(rule, totals), rule.messages, this.rc));
    for (const rule of WHOLE_TABLE_RULES) rule.whole!(this.table, reporter(rule, totals), rule.messages, this.rc);
    const next = totals.map(ownPositions);
    SUMMARY_RULES.forEach((rule, i) => {
      const perDuty = rule.summary!.perDuty;
      if (perDuty?.when(rule.summary!.combine(summaries[i]!))) for (const summary of summaries[i]!) for (const f of this.dutyFindingsOf(rule, summary)) next.push(f);
    });
    if (!sameFindings(this.totalsFindings, next)) {
      markChanged(this.dirty, this.totalsFindings, next);
      this.changes.change(this.totalsFindings, next);
      this.totalsFindings = next;
    }
    if (!this.sorted) {
      const all: Finding[] = [...this.dutyFindings, ...this.totalsFindings];
      for (const g of this.groups) g.all(all);
      this.sorted = all.sort(byPosition);
      this.changes.start();
    } else if (this.changes.any()) this.sorted = this.changes.apply(this.sorted);
    return this.sorted;
  }

  /** The lines whose findings changed since the last call. */
  takeDirtyLines(): number[] {
    return this.dirty.splice(0);
  }
}
