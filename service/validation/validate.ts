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
 * re-validates the indicators it touched, re-assembles the run of objectives that
 * holds them, and splices that run's findings into the table's list.
 * Indicator, objective and duty findings own their positions and are moved in
 * place with their block when lines are added above it; a duty an edit only
 * moved is its last part with its findings moved (or, the first time, a part
 * put together at once from them, without a walk by runs), and so is a run of
 * objectives below the edit in its own duty. Table rules keep their state up to
 * date from the replaced blocks (tableState.ts), and so do the disable
 * comments. Without a cache, everything is computed once, the same way.
 */
import type { Duty, Indicator, Item, Objective, ParseResult, Position, Range, ReparseResult, Table } from '../../grammar/src/index';
import { defaultUnitCatalog, dutyObjectives, type UnitCatalog } from '../../grammar/src/index';
import type { ServiceSettings } from '../context';
import { DEFAULT_SETTINGS } from '../context';
import { DEFAULT_SCORING } from '../scoringSettings';
import { forEachRunOf, RunMemo } from '../objectiveMemo';
import { sameList, sharedEnds } from '../sharedEnds';
import { firstStartingOnOrAfter } from '../ranges';
import type { RuleContext } from './define';
import { indicatorFacts } from './facts';
import { byPosition, findingsOnLines, mergeSorted, mostSevere, moveInPlace, ownPositions, SEVERITY_RANK, type Finding } from './findings';
import { DUTY_RULES, INDICATOR_RULES } from './registry';
import { applySettings, DisableComments, type Suppressions } from './suppressions';
import { reporter, sameFindings, TableState, TALLY_RULES } from './tableState';

/** The duty rules' parts on one objective's lines (see DutyRule.objective). */
const OBJECTIVE_CHECKS = DUTY_RULES.filter((rule) => rule.objective !== undefined);

export interface ValidateOptions {
  settings?: ServiceSettings;
  /** The catalog the table was parsed with; TT104 offers its nearest units. */
  units?: UnitCatalog;
  /**
   * Results kept across versions of one document (see ValidationCache), so an edit re-validates
   * only what it touched. Tell it of every incremental reparse (`changed`). The list returned is
   * then the cache's own, updated in place by its next validation (a copy of 16,000 findings cost
   * more than the rest of a keystroke): read it before validating again, copy what must outlive that.
   */
  cache?: ValidationCache;
}

/**
 * A block's findings, whose positions are their own, kept where the block is. They are moved in place
 * (moveInPlace) when the block moved: by their block's entry when asked for, or with their whole duty
 * (a moved duty's part moves the ones it holds). So no line is kept to say where they are: the first
 * finding says it, against the block's first line now.
 */
interface Placed {
  /** The block the findings are on. */
  block: { range: Range };
  /** Sorted, before settings. */
  findings: Finding[];
  /** How many of them, from the first, are the block's own (an objective's list goes on with its indicators'). */
  own: number;
  /** The first one's line less the block's first line. */
  offset: number;
}

function placed(block: { range: Range }, findings: Finding[], own = findings.length): Placed {
  return { block, findings, own, offset: own > 0 ? findings[0]!.range.start.line - block.range.start.line : 0 };
}

/** Moves a block's own findings to where the block is now, if it moved since. */
function keepPlaced(p: Placed): void {
  const delta = p.own === 0 ? 0 : p.block.range.start.line + p.offset - p.findings[0]!.range.start.line;
  if (delta !== 0) moveAll(p.findings, delta, p.own);
}

/**
 * The findings of a duty's or a run's blocks, moved together by as many lines as the duty or run:
 * their positions in one list (none, for blocks without findings). Moving block by block
 * (keepPlaced) reads each block and its first finding, scattered in the heap: at 50,000 indicators,
 * 20 ms of each line-adding edit. A list of positions is moved without waiting on one read for the
 * next (the tree moves its blocks the same way).
 */
class PlacedMoves {
  private readonly positions: Position[] = [];
  /** The line of the first position when the list last moved it. */
  private at: number;

  constructor(blocks: readonly Placed[]) {
    for (const p of blocks) {
      for (let i = 0; i < p.own; i++) {
        const f = p.findings[i]!;
        // ownPositions gave each finding its own range objects, start and end apart.
        this.positions.push(f.range.start, f.range.end);
        if (f.related) for (const r of f.related) this.positions.push(r.range.start, r.range.end);
      }
    }
    this.at = this.positions[0]?.line ?? 0;
  }

  /**
   * Whether the findings are where the list last put them: no block of them was moved by its own
   * entry since (then the list would move it twice). Checked on the first, which needs no block read.
   */
  get inPlace(): boolean {
    return this.positions.length === 0 || this.positions[0]!.line === this.at;
  }

  move(lineDelta: number): void {
    const positions = this.positions;
    if (positions.length === 0) return;
    for (let i = 0; i < positions.length; i++) positions[i]!.line += lineDelta;
    this.at = positions[0]!.line;
  }
}

/** Adds an objective's entry and its indicators' to a list of blocks whose findings move together, those that have any. */
function placedOf(results: ObjectiveResults, blocks: Placed[]): void {
  if (results.own > 0) blocks.push(results);
  for (const indicator of results.indicators) if (indicator.own > 0) blocks.push(indicator);
}

/** What one indicator gives: its findings and what it counts as for each tally rule. */
interface IndicatorResults extends Placed {
  counts: (string | undefined)[];
}

/** What an objective gives: its own findings, then its indicators' (theirs are placed by their own entries). */
interface ObjectiveResults extends Placed {
  indicators: IndicatorResults[];
}

/** What validation reuses between versions of a document, keyed by AST objects. */
export class ValidationCache {
  private indicators = new WeakMap<Indicator, IndicatorResults>();
  /** The findings of each duty's duty rules (on the duty's and 事项's own lines). */
  private duties = new WeakMap<Duty, Placed>();
  /** The findings of each objective and its indicators, in order. */
  private objectives = new WeakMap<Objective, ObjectiveResults>();
  /** Each objective's findings after the settings and disable comments of `shownKey`. */
  private shown = new WeakMap<Finding[], readonly Finding[]>();
  /**
   * Each run of objectives' part (its findings on its lines, shown) of the last validation that put
   * its duty together: kept while the run, its lines, syntax errors and table findings are the same.
   */
  private runs = new RunMemo<Part>();
  /** Each 事项's leaves in its duty's part (its runs' and the lines between them), kept with the 事项 object while its lines and findings are the same. */
  private itemLeaves = new WeakMap<Item, { from: number; to: number; leaves: Part[]; errors: readonly Finding[] }>();
  private shownKey = '';
  /** The table rules' state and the disable comments, for one tree (updated along with it by `changed`). */
  private tree: { table: TableState; disable: DisableComments } | undefined;
  private rc: RuleContext | undefined;
  /** The last findings put together, by part, so the next validation re-assembles only the parts that changed. */
  private assembly: Assembly | undefined;
  /** The list the last validation returned. */
  private returned: Finding[] | undefined;
  /** An edit added or removed lines since the last validation (so blocks moved, and their parts' lines with them). */
  private linesMoved = true;
  /**
   * How often the table-wide state was built from scratch and kept up to date from an edit, how many
   * duties' parts were made by moving their last ones, how many of those were the last part itself,
   * moved, and how many runs of objectives were their last part, moved (tests check these happen).
   */
  readonly stats = { built: 0, updated: 0, movedParts: 0, movedAsTheyWere: 0, movedRuns: 0 };

  /** A reparse of the tree this cache has seen: keep the table-wide state up to date from what it replaced. */
  changed(result: ReparseResult): void {
    const change = result.change;
    if (!this.tree || !change || this.tree.table.table !== change.previous) {
      this.tree = undefined;
      return;
    }
    // What follows the reparsed lines moved (in place) by lineDelta.
    this.tree.table.update(result.ast, change.removed, change.added, change.kind === 'duty', result.lineDelta !== 0 ? { from: change.to, delta: result.lineDelta } : undefined);
    if (result.lineDelta !== 0) this.linesMoved = true;
    this.tree.disable.update(change.removedComments, change.addedComments);
    this.stats.updated++;
  }

  validate(parsed: ParseResult, rc: RuleContext, settings: ServiceSettings): Finding[] {
    if (!this.rc || this.rc.units !== rc.units || this.rc.historyFactor !== rc.historyFactor || this.rc.scoring !== rc.scoring) {
      // The rules' results depend on the catalog, the history factor and the scoring settings: start anew.
      this.indicators = new WeakMap();
      this.duties = new WeakMap();
      this.objectives = new WeakMap();
      this.shown = new WeakMap();
      this.runs = new RunMemo();
      this.itemLeaves = new WeakMap();
      this.tree = undefined;
    }
    // The same in what the results depend on; its comments are this version's.
    this.rc = rc;
    const table: Table = parsed.ast;
    if (!this.tree || this.tree.table.table !== table) {
      this.tree = { table: new TableState(table, (indicator) => this.indicator(indicator).counts, rc), disable: new DisableComments(table.comments) };
      this.assembly = undefined;
      // Its parts were checked against the old state's changes: none is kept.
      this.runs = new RunMemo();
      this.itemLeaves = new WeakMap();
      this.stats.built++;
    }
    const tableFindings = this.tree.table.findings();
    const dirtyLines = this.tree.table.takeDirtyLines();
    const silence = this.tree.disable.suppressions(table.comments);
    // What decides which findings are shown: when it changes, every part is filtered again.
    const key = JSON.stringify([settings.rules, [...(silence.file === 'all' ? ['all'] : silence.file)], [...silence.lines].map(([line, codes]) => [line, codes === 'all' ? 'all' : [...codes]])]);
    const previous = this.assembly?.key === key ? this.assembly : undefined;
    const dirty = new Set<number>();
    for (const line of dirtyLines) dirty.add(lastAtOrBefore(table.duties, line) + 1);
    const sortedDirtyLines = dirtyLines.sort((a, b) => a - b);

    // One part per duty (the header's before them): its syntax errors, its findings, the table findings on its lines.
    // The duties an edit kept are at both ends of the list: their parts are kept while their lines are.
    const duties = table.duties;
    const oldDuties = previous?.duties ?? [];
    const { head, tail } = sharedEnds(duties, oldDuties);
    const lines: LineFindings = { errors: parsed.errors, table: tableFindings, settings, silence, dirtyLines: sortedDirtyLines };
    // The part at index i (0: the header's, i: duty i - 1's): `old`, while its lines are the same and no table finding there changed.
    // `base`: the part of the duty it replaced, at its place, to make the new one from.
    const partAt = (i: number, old: Part | undefined, base?: Part): Part => {
      const duty = i === 0 ? null : duties[i - 1]!;
      const line = duty ? duty.range.start.line : 0;
      const end = i < duties.length ? duties[i]!.range.start.line : table.range.end.line + 1;
      if (old && old.line === line && old.end === end && !dirty.has(i) && (i > 0 || old.owner === table.fields)) return old;
      if (duty && old?.owner === duty && old.line !== line && old.end - old.line === end - line) return this.movedDutyPart(duty, line, end, lines, old);
      return duty ? this.dutyPart(duty, line, end, lines, key, base) : new Part(table.fields, line, end, allOnLines(lines, line, end, NO_FINDINGS));
    };
    let parts: Part[];
    if (previous && !this.linesMoved) {
      // No line moved since: the parts at both ends are where they were (the last one before the edit may end elsewhere),
      // and only the middle and the parts whose table findings changed are made again — the rest is not even read.
      parts = previous.parts.slice(0, head + 1);
      parts[head] = partAt(head, parts[head]);
      // The header parsed again with no duty (an edit in it): its part is made again, the duties' kept.
      if (head > 0) parts[0] = partAt(0, parts[0]);
      // As many duties as before (a keystroke replaces one): each new one is made from the one at its place.
      const samePlaces = duties.length === oldDuties.length;
      for (let i = head + 1; i <= duties.length - tail; i++) parts.push(partAt(i, undefined, samePlaces ? previous.parts[i] : undefined));
      for (let k = previous.parts.length - tail; k < previous.parts.length; k++) parts.push(previous.parts[k]!);
      for (const i of dirty) if (i <= head || (i > duties.length - tail && i < parts.length)) parts[i] = partAt(i, parts[i]);
    } else {
      parts = [];
      for (let i = 0; i <= duties.length; i++) {
        const oldIndex = i === 0 || i - 1 < head ? i : i - 1 >= duties.length - tail ? i + oldDuties.length - duties.length : -1;
        parts.push(partAt(i, oldIndex >= 0 ? previous?.parts[oldIndex] : undefined));
      }
    }
    this.linesMoved = false;
    this.assembly = assemble(duties, parts, previous, key);
    this.returned = this.assembly.list;
    return this.returned;
  }

  /** How many indicators the table has and how many findings of each severity, without counting them again. */
  summary(findings: readonly Finding[]): { indicators: number; quantified: number; errors: number; warnings: number; infos: number } {
    let counts = [0, 0, 0];
    if (findings === this.returned && this.assembly) counts = this.assembly.counts;
    else for (const f of findings) counts[SEVERITY_RANK[f.severity]]!++;
    return { indicators: this.tree?.table.indicators ?? 0, quantified: this.tree?.table.quantified ?? 0, errors: counts[0]!, warnings: counts[1]!, infos: counts[2]! };
  }

  /**
   * At most `max` of the findings, the most severe first chosen, kept in document order — what
   * mostSevere gives, but for the findings of the last validation without reading every one of
   * them: each part counts its own.
   */
  mostSevere(findings: readonly Finding[], max: number): readonly Finding[] {
    if (findings !== this.returned || !this.assembly) return mostSevere(findings, max);
    const parts = this.assembly.parts;
    const counts = this.assembly.counts;
    if (counts[0]! + counts[1]! + counts[2]! <= max) return findings;
    // The least severe rank still shown, and how many of that rank fit.
    let rank = 0;
    let room = max;
    while (rank < 2 && counts[rank]! < room) room -= counts[rank++]!;
    const out: Finding[] = [];
    const pick = (part: Part) => {
      // Once the rank is full, a part with nothing more severe is passed over without reading it or its leaves.
      if (room === 0 && !part.hasMoreSevereThan(rank)) return;
      if (part.leaves) for (const leaf of part.leaves) pick(leaf);
      else if (room === 0) for (const f of part.moreSevereThan(rank)) out.push(f);
      else if (part.counts[rank]! <= room) {
        // All of the part's findings of the rank fit: those as severe or more, kept with the part, without
        // reading the others (at 50,000 indicators the first 1,000 errors lie among 30,000 warnings).
        for (const f of part.moreSevereThan(rank + 1)) out.push(f);
        room -= part.counts[rank]!;
      } else {
        for (const f of part.findings) {
          const r = SEVERITY_RANK[f.severity];
          if (r < rank) out.push(f);
          else if (r === rank && room > 0) {
            out.push(f);
            room--;
          }
        }
      }
    };
    for (const part of parts) pick(part);
    return out;
  }

  /**
   * A duty's part, made of its runs of objectives' (runs of up to RUN_LENGTH objectives of one
   * parent, each part with the findings on its lines: its indicators', the duty rules' on its
   * objectives' titles, syntax errors and table findings) and of the lines between them (the
   * duty's and 事项's own lines …). A run's part is kept while the run holds the same objectives,
   * its lines, syntax errors and table findings are the same, or moved when only its lines moved
   * (movedRun) — so a keystroke or an Enter in a duty of 5,000 indicators re-reads the run it
   * touched, and the rest is copying. When no line moved, the duty
   * an edit replaced (`base`, the part at its place) gives the leaves of the 事项 the two share at
   * both ends at once, where nothing on their lines changed: the walk reads the 事项 in between.
   */
  private dutyPart(duty: Duty, line: number, end: number, lines: LineFindings, key: string, base: Part | undefined): Part {
    if (this.shownKey !== key) {
      this.shown = new WeakMap();
      this.runs = new RunMemo();
      this.itemLeaves = new WeakMap();
      this.shownKey = key;
    }
    const own = applySettings(this.dutyOwn(duty).findings, lines.settings, lines.silence);
    // The findings of each kind on the lines of each block in turn: one bisection per duty, then forward.
    const errors = new LineCursor(lines.errors, line);
    const owns = new LineCursor(own, line);
    const tables = new LineCursor(lines.table, line);
    const leaves: Part[] = [];
    const counts = [0, 0, 0];
    const add = (leaf: Part) => {
      leaves.push(leaf);
      for (let r = 0; r < 3; r++) counts[r]! += leaf.counts[r]!;
    };
    const items = duty.items;
    const marks: ItemMarks = { items, objectives: duty.objectives, own, errors: findingsOnLines(lines.errors, line, end - 1), leaves: [], at: [], counts: [] };
    let at = line;
    const gap = (to: number) => {
      if (at >= to) return;
      const e = errors.take(to);
      const o = owns.take(to);
      const t = tables.take(to);
      if (e.length + o.length + t.length > 0) add(new Part(duty, at, to, onLines(lines, e, o, t)));
    };
    const walk = (item: Item | undefined, list: readonly Objective[]) =>
      forEachRunOf(item, list, (run) => {
        const from = run.list[run.from]!.range.start.line;
        const to = run.list[run.to - 1]!.range.end.line + 1;
        gap(from);
        let part = this.runs.kept(run);
        const kept = part && !anyIn(lines.dirtyLines, from, to) && (part.line === from ? part.end === to && errors.skipSame(to, part.errors) : this.movedRun(part, from, to, errors));
        if (!kept) {
          const indicators: Finding[] = [];
          const blocks: Placed[] = [];
          for (let i = run.from; i < run.to; i++) {
            const results = this.objective(run.list[i]!);
            for (const f of this.shownOf(results, lines)) indicators.push(f);
            placedOf(results, blocks);
          }
          const runErrors = errors.take(to);
          part = new Part(run.list[run.from]!, from, to, onLines(lines, runErrors, mergeSorted(owns.take(to), indicators), tables.take(to)), undefined, runErrors, undefined, undefined, new PlacedMoves(blocks));
        } else {
          owns.skip(to);
          tables.skip(to);
        }
        this.runs.put(run, part!, !kept);
        add(part!);
        at = to;
      });
    const mark = () => {
      marks.leaves.push(leaves.length);
      marks.at.push(at);
      marks.counts.push(counts[0]!, counts[1]!, counts[2]!);
    };
    /**
     * Takes the base's leaves between two of its marks (-1: its start; 'end': its end) if nothing on
     * their lines [at, spanEnd) changed since: no table finding, the same syntax errors, the same
     * findings of the duty rules.
     */
    const reuse = (old: Part, fromMark: number, toMark: number | 'end', spanEnd: number): boolean => {
      const kept = old.marks!;
      if (!sameOnLines(lines, marks, kept, at, spanEnd)) return false;
      errors.skip(spanEnd);
      owns.skip(spanEnd);
      tables.skip(spanEnd);
      const fromLeaf = fromMark < 0 ? 0 : kept.leaves[fromMark]!;
      const toLeaf = toMark === 'end' ? old.leaves!.length : kept.leaves[toMark]!;
      for (let i = fromLeaf; i < toLeaf; i++) leaves.push(old.leaves![i]!);
      for (let r = 0; r < 3; r++) counts[r]! += (toMark === 'end' ? old.counts[r]! : kept.counts[3 * toMark + r]!) - (fromMark < 0 ? 0 : kept.counts[3 * fromMark + r]!);
      at = spanEnd;
      return true;
    };
    // What a base shares: its 事项 at both ends, and its own objectives before them (the walk goes by lines, so only when none moved).
    const kept = base?.marks && !this.linesMoved && base.line === line && base.end === end && sameList(base.marks.objectives, duty.objectives) ? base : undefined;
    const baseMarks = kept?.marks;
    let { head, tail } = baseMarks ? sharedEnds(baseMarks.items, items) : { head: 0, tail: 0 };
    this.runs.begin();
    if (head > 0 && reuse(kept!, -1, head, baseMarks!.at[head]!)) for (let k = 0; k < head; k++) copyMark(marks, baseMarks!, k, 0, NO_COUNTS);
    else {
      head = 0;
      walk(undefined, duty.objectives);
    }
    const n = items.length;
    const oldN = baseMarks ? baseMarks.items.length : 0;
    for (let k = head; k < n; k++) {
      mark();
      // The 事项 shared at the end, all at once, when the walk reached them where the base's did; the marks after move with the leaves before.
      if (k === n - tail && baseMarks!.at[oldN - tail] === at) {
        const leavesBefore = leaves.length;
        const countsBefore = counts.slice();
        if (reuse(kept!, oldN - tail, 'end', end)) {
          const shift = countsBefore.map((c, r) => c - baseMarks!.counts[3 * (oldN - tail) + r]!);
          for (let j = oldN - tail + 1; j <= oldN; j++) copyMark(marks, baseMarks!, j, leavesBefore - baseMarks!.leaves[oldN - tail]!, shift);
          this.runs.end();
          return new Part(duty, line, end, undefined, counts, NO_FINDINGS, leaves, marks);
        }
      }
      const item = items[k]!;
      const objectives = item.objectives;
      if (objectives.length === 0) continue;
      // A 事项 an edit kept (the same object) whose lines and findings are the same keeps its leaves without reading its runs;
      // when no line moved since the last validation, it is where it was (its lines are not even read).
      const keptItem = this.itemLeaves.get(item);
      const from = keptItem && !this.linesMoved ? keptItem.from : objectives[0]!.range.start.line;
      const to = keptItem && !this.linesMoved ? keptItem.to : objectives[objectives.length - 1]!.range.end.line + 1;
      gap(from);
      if (keptItem && keptItem.from === from && keptItem.to === to && !owns.anyBefore(to) && !anyIn(lines.dirtyLines, from, to) && errors.skipSame(to, keptItem.errors)) {
        tables.skip(to);
        for (const leaf of keptItem.leaves) add(leaf);
        at = to;
        continue;
      }
      const first = leaves.length;
      walk(item, objectives);
      this.itemLeaves.set(item, { from, to, leaves: leaves.slice(first), errors: findingsOnLines(lines.errors, from, to - 1) });
    }
    mark();
    gap(end);
    this.runs.end();
    return new Part(duty, line, end, undefined, counts, NO_FINDINGS, leaves, marks);
  }

  /**
   * The part of a duty an edit moved without touching it (the same object, as many lines). When
   * nothing on its lines changed but their number (no syntax error there, no table finding that
   * changed; the settings and disable comments are the same, or no part is kept), it is its last part
   * moved: its blocks' findings moved in place from the lists of their positions its part, or its
   * runs' parts, keep (what is shown of them lies on the same ranges), the same list of findings — a
   * line-adding edit reads no objective below it, and a duty a walk made (all of them, once the table
   * is open) is moved as cheaply as one made this way. Else its own findings and its objectives'
   * (moved with them) are put together with the syntax errors and table findings on its lines,
   * without a walk by runs. What a walk over it kept holds its former lines and table findings, so it
   * is forgotten: the next edit in the duty walks it anew.
   */
  private movedDutyPart(duty: Duty, line: number, end: number, lines: LineFindings, old: Part): Part {
    this.stats.movedParts++;
    // Its blocks' findings are where its last part put them: only the validation and the table rules' counts (of the
    // indicators an edit added) ask for a block, and neither for one of a duty no edit touched. (Checked, on one per list.)
    if (old.movable && !anyIn(lines.dirtyLines, line, end) && !anyOnLines(lines.errors, line, end)) {
      old.moveBy(line - old.line);
      // The duty rules' findings, which a walked part's leaves hold without a list, move with their entry (moved already, else).
      this.dutyOwn(duty);
      this.stats.movedAsTheyWere++;
      // The same object: the list of all findings keeps it where it was (see assemble).
      return old;
    }
    this.runs.forget(duty);
    for (const item of duty.items) this.itemLeaves.delete(item);
    const dutyOwn = this.dutyOwn(duty);
    // The blocks whose findings the part holds, to move them with it next time.
    const blocks: Placed[] = dutyOwn.own > 0 ? [dutyOwn] : [];
    const objectives: Finding[] = [];
    for (const { objective } of dutyObjectives(duty)) {
      const results = this.objective(objective);
      for (const f of this.shownOf(results, lines)) objectives.push(f);
      placedOf(results, blocks);
    }
    const own = mergeSorted(applySettings(dutyOwn.findings, lines.settings, lines.silence), objectives);
    return new Part(duty, line, end, allOnLines(lines, line, end, own), undefined, NO_FINDINGS, undefined, undefined, new PlacedMoves(blocks));
  }

  /**
   * Whether a run's last part, whose lines an edit above it moved (as many of them), is that part
   * moved: no syntax error on its lines then or now, its blocks' findings where it put them. It
   * moves them from its list, as a moved duty's part does (the table findings on its lines moved
   * with the tree, the duty rules have none there), so an Enter in a duty of 5,000 indicators reads
   * no objective below it.
   */
  private movedRun(part: Part, from: number, to: number, errors: LineCursor): boolean {
    if (!part.moves || !part.movable || part.end - part.line !== to - from || part.errors.length > 0 || errors.anyBefore(to)) return false;
    part.moveBy(from - part.line);
    this.stats.movedRuns++;
    return true;
  }

  /** An objective's findings after settings, filtered once per objective findings list. */
  private shownOf(results: ObjectiveResults, lines: LineFindings): readonly Finding[] {
    const { findings } = results;
    let shown = this.shown.get(findings);
    if (!shown) this.shown.set(findings, (shown = applySettings(findings, lines.settings, lines.silence)));
    return shown;
  }

  /** The findings of the duty rules on the duty's and 事项's own lines (the objectives' are with them), computed once per duty object. */
  private dutyOwn(duty: Duty): Placed {
    const cached = this.duties.get(duty);
    if (cached) {
      keepPlaced(cached);
      return cached;
    }
    const findings: Finding[] = [];
    for (const rule of DUTY_RULES) rule.check(duty, reporter(rule, findings), rule.messages, this.rc!);
    const results = placed(duty, findings.sort(byPosition).map(ownPositions));
    this.duties.set(duty, results);
    return results;
  }

  /** The findings of an objective (its own lines', then its indicators'), in order, before settings: the same array while the objective is. */
  private objective(objective: Objective): ObjectiveResults {
    const cached = this.objectives.get(objective);
    if (cached) {
      // The same objective and indicators, so the same findings, moved with them if an edit above moved them.
      // What is shown of them (copies, where the settings change a severity) lies on the same ranges.
      keepPlaced(cached);
      for (const indicator of cached.indicators) keepPlaced(indicator);
      return cached;
    }
    let findings: Finding[] = [];
    for (const rule of OBJECTIVE_CHECKS) rule.objective!(objective, reporter(rule, findings), rule.messages);
    // On the objective's own lines, which come before its indicators'.
    if (findings.length > 0) findings = findings.sort(byPosition).map(ownPositions);
    const own = findings.length;
    const indicators = objective.indicators.map((indicator) => this.indicator(indicator));
    for (const indicator of indicators) for (const f of indicator.findings) findings.push(f);
    const results = { ...placed(objective, findings, own), indicators };
    this.objectives.set(objective, results);
    return results;
  }

  /** The indicator's results, computed once per indicator object and moved along with it. */
  private indicator(indicator: Indicator): IndicatorResults {
    const cached = this.indicators.get(indicator);
    if (cached) {
      keepPlaced(cached);
      return cached;
    }
    const results = this.computeIndicator(indicator);
    this.indicators.set(indicator, results);
    return results;
  }

  private computeIndicator(indicator: Indicator): IndicatorResults {
    const out: Finding[] = [];
    const facts = indicatorFacts(indicator, this.rc!);
    for (const rule of INDICATOR_RULES) rule.check(facts, reporter(rule, out), rule.messages);
    const counts = TALLY_RULES.map((rule) => rule.tally!.count(indicator, reporter(rule, out), rule.messages));
    return { ...placed(indicator, out.sort(byPosition).map(ownPositions)), counts };
  }
}

/** The findings of the header (owner: its fields) or of one duty, on lines [line, end), in order, after settings. */
class Part {
  /** How many findings of each severity: error, warning, info. */
  readonly counts: number[] = [0, 0, 0];
  private readonly severe: Finding[][] = [];
  private list: Finding[] | undefined;

  /**
   * @param findings the part's findings, or, for a duty's part, none: its `leaves` (its runs' parts and the
   *   lines between them that have findings) hold them, and are put together only when asked for.
   */
  constructor(
    readonly owner: object,
    public line: number,
    public end: number,
    findings: Finding[] | undefined,
    /** How many findings of each severity, when the caller counted them (a duty's, from its leaves). */
    counts?: number[],
    /** A run's: the syntax errors on its lines (kept while they are the same). */
    readonly errors: readonly Finding[] = NO_FINDINGS,
    readonly leaves?: readonly Part[],
    /** A duty's: where its 事项 begin among its leaves, to make the part of the duty that replaces it. */
    readonly marks?: ItemMarks,
    /** A moved duty's or a run's: how to move the findings of its blocks with it (see movedDutyPart, movedRun). */
    readonly moves?: PlacedMoves,
  ) {
    this.list = findings;
    if (counts) this.counts = counts;
    else for (const f of this.findings) this.counts[SEVERITY_RANK[f.severity]]!++;
  }

  /**
   * Whether the part can be moved as it is: the findings of its blocks where its lists last put
   * them. A run's part and one put together at once keep a list; a duty's part made by a walk is its
   * leaves (runs' parts, and the lines between them, whose findings are the duty rules', moved with
   * their entry, and the table's, moved with the tree).
   */
  get movable(): boolean {
    if (this.moves && !this.moves.inPlace) return false;
    if (this.leaves) for (const leaf of this.leaves) if (!leaf.movable) return false;
    return true;
  }

  /** Moves the part `lineDelta` lines down, with the findings of its blocks (see movable). */
  moveBy(lineDelta: number): void {
    this.moves?.move(lineDelta);
    if (this.leaves) for (const leaf of this.leaves) leaf.moveBy(lineDelta);
    if (this.marks) for (let i = 0; i < this.marks.at.length; i++) this.marks.at[i]! += lineDelta;
    this.line += lineDelta;
    this.end += lineDelta;
  }

  /** The findings, in order. */
  get findings(): Finding[] {
    return (this.list ??= this.leaves!.flatMap((leaf) => leaf.findings));
  }

  /** The findings more severe than a rank (0: none, 1: errors, 2: errors and warnings, 3: all). */
  moreSevereThan(rank: number): Finding[] {
    if (!this.hasMoreSevereThan(rank)) return [];
    if (rank >= 3) return this.findings;
    return (this.severe[rank] ??= this.findings.filter((f) => SEVERITY_RANK[f.severity] < rank));
  }

  hasMoreSevereThan(rank: number): boolean {
    for (let r = 0; r < rank; r++) if (this.counts[r]! > 0) return true;
    return false;
  }
}

interface Assembly {
  /** Settings and disable comments the parts were filtered with. */
  key: string;
  /** The duties the parts (after the header's) belong to. */
  duties: readonly Duty[];
  parts: Part[];
  /** Every part's findings, in order. */
  list: Finding[];
  /** Where each part's findings start in the list (and, last, the list's length). */
  offsets: number[];
  /** How many findings of each severity the list holds. */
  counts: number[];
}

/** The parts' findings in one list: the previous list with the parts that changed spliced in. */
function assemble(duties: readonly Duty[], parts: Part[], previous: Assembly | undefined, key: string): Assembly {
  if (!previous) {
    const offsets = [0];
    const counts = [0, 0, 0];
    for (const p of parts) {
      offsets.push(offsets[offsets.length - 1]! + p.findings.length);
      for (let r = 0; r < 3; r++) counts[r]! += p.counts[r]!;
    }
    return { key, duties, parts, list: parts.flatMap((p) => p.findings), offsets, counts };
  }
  // The parts kept at both ends are where they were; what lies between is put together again.
  const old = previous.parts;
  const { head, tail } = sharedEnds(parts, old);
  const few = parts.length === old.length ? fewChanged(parts, old, head, tail) : undefined;
  if (few) return spliceEach(parts, previous, few, key, duties);
  let from = previous.offsets[head]!;
  let removed = previous.offsets[old.length - tail]! - from;
  const counts = previous.counts.slice();
  for (let i = head; i < old.length - tail; i++) for (let r = 0; r < 3; r++) counts[r]! -= old[i]!.counts[r]!;
  for (let i = head; i < parts.length - tail; i++) for (let r = 0; r < 3; r++) counts[r]! += parts[i]!.counts[r]!;
  let middle: Finding[];
  const inner = old.length - tail - head === 1 && parts.length - tail - head === 1 ? changedLeaves(old[head]!, parts[head]!) : undefined;
  if (inner) {
    // One duty put together again: only its leaves that changed go into the list.
    from += inner.from;
    removed = inner.removed;
    middle = inner.middle;
  } else {
    middle = [];
    for (let i = head; i < parts.length - tail; i++) for (const f of parts[i]!.findings) middle.push(f);
  }
  const offsets = previous.offsets.slice(0, head + 1);
  for (let i = head; i < parts.length - tail; i++) offsets.push(offsets[offsets.length - 1]! + size(parts[i]!));
  const delta = offsets[offsets.length - 1]! - previous.offsets[old.length - tail]!;
  for (let k = old.length - tail + 1; k <= old.length; k++) offsets.push(previous.offsets[k]! + delta);
  const list = previous.list;
  if (middle.length >= SPREAD_LIMIT) return { key, duties, parts, list: [...list.slice(0, from), ...middle, ...list.slice(from + removed)], offsets, counts };
  list.splice(from, removed, ...middle);
  return { key, duties, parts, list, offsets, counts };
}

/**
 * As many parts as before, and between the ends they share only a few others: the places of those
 * few, else undefined. An edit's duty and the duty the last edit walked (a part of its own made
 * again when it moves) are two, far apart: what lies between them is mostly duties moved as they were.
 */
function fewChanged(parts: readonly Part[], old: readonly Part[], head: number, tail: number): number[] | undefined {
  const changed: number[] = [];
  for (let i = head; i < parts.length - tail; i++) {
    if (parts[i] === old[i]) continue;
    if (changed.length === FEW_CHANGED || size(parts[i]!) >= SPREAD_LIMIT) return undefined;
    changed.push(i);
  }
  return changed.length > 1 ? changed : undefined;
}

const FEW_CHANGED = 8;

/** Findings from this many on are copied into the list, not spread into a splice's arguments (which go on the stack). */
const SPREAD_LIMIT = 10_000;

/** How many findings a part holds (counted, not read: a duty's are put together only when asked for). */
function size(part: Part): number {
  return part.counts[0]! + part.counts[1]! + part.counts[2]!;
}

/** The previous list with the findings of each of a few parts put in place of the old part's, last first (the earlier offsets stay true). */
function spliceEach(parts: Part[], previous: Assembly, changed: readonly number[], key: string, duties: readonly Duty[]): Assembly {
  const list = previous.list;
  const counts = previous.counts.slice();
  for (let c = changed.length - 1; c >= 0; c--) {
    const i = changed[c]!;
    const before = previous.parts[i]!;
    const after = parts[i]!;
    const findings = after.findings;
    list.splice(previous.offsets[i]!, previous.offsets[i + 1]! - previous.offsets[i]!, ...findings);
    for (let r = 0; r < 3; r++) counts[r]! += after.counts[r]! - before.counts[r]!;
  }
  const offsets = previous.offsets.slice(0, changed[0]! + 1);
  for (let i = changed[0]!; i < parts.length; i++) offsets.push(offsets[i]! + size(parts[i]!));
  return { key, duties, parts, list, offsets, counts };
}

/** Between a duty's old and new part, the leaves that changed: where their findings start in the part, how many there were, and the new ones. */
function changedLeaves(old: Part, part: Part): { from: number; removed: number; middle: Finding[] } | undefined {
  const a = old.leaves;
  const b = part.leaves;
  if (!a || !b) return undefined;
  const { head, tail } = sharedEnds(a, b);
  let from = 0;
  for (let i = 0; i < head; i++) from += a[i]!.findings.length;
  let removed = 0;
  for (let i = head; i < a.length - tail; i++) removed += a[i]!.findings.length;
  const middle: Finding[] = [];
  for (let i = head; i < b.length - tail; i++) for (const f of b[i]!.findings) middle.push(f);
  return { from, removed, middle };
}

/** What the findings on some lines are made of, besides the blocks' own: the parse's, the table rules', and what is shown of them. */
interface LineFindings {
  errors: readonly Finding[];
  table: readonly Finding[];
  settings: ServiceSettings;
  silence: Suppressions;
  /** Lines where the table findings changed, sorted. */
  dirtyLines: readonly number[];
}

/** The findings on some lines, in order: the syntax errors, the blocks' own (shown), and the table rules' after settings. */
function onLines(lines: LineFindings, errors: readonly Finding[], own: readonly Finding[], table: readonly Finding[]): Finding[] {
  return mergeSorted(mergeSorted(errors, own), applySettings(table, lines.settings, lines.silence));
}

/** The findings on lines [line, end), in order: the syntax errors and table findings there with `own` (shown), the blocks' own on those lines. */
function allOnLines(lines: LineFindings, line: number, end: number, own: readonly Finding[]): Finding[] {
  return onLines(lines, findingsOnLines(lines.errors, line, end - 1), own, findingsOnLines(lines.table, line, end - 1));
}

const NO_FINDINGS: readonly Finding[] = [];
const NO_COUNTS: readonly number[] = [0, 0, 0];

/** Where each 事项 of a duty begins in the walk that made the duty's part (its marks; the last, after them all: the duty's end). */
interface ItemMarks {
  items: readonly Item[];
  objectives: readonly Objective[];
  /** The duty rules' findings, shown, and the syntax errors on the duty's lines, when the part was made. */
  own: readonly Finding[];
  errors: readonly Finding[];
  /** Per mark: how many leaves came before it, the line the walk was at, and the findings of each severity before it (three numbers). */
  leaves: number[];
  at: number[];
  counts: number[];
}

/** Appends the base's mark k, with as many more leaves and findings before it as given. */
function copyMark(marks: ItemMarks, base: ItemMarks, k: number, leaves: number, counts: readonly number[]): void {
  marks.leaves.push(base.leaves[k]! + leaves);
  marks.at.push(base.at[k]!);
  for (let r = 0; r < 3; r++) marks.counts.push(base.counts[3 * k + r]! + counts[r]!);
}

/** Whether nothing on lines [from, to) changed between the base's walk and this one: no table finding, the same syntax errors (the same objects), the same duty findings. */
function sameOnLines(lines: LineFindings, now: ItemMarks, base: ItemMarks, from: number, to: number): boolean {
  if (anyIn(lines.dirtyLines, from, to)) return false;
  if (!sameList(findingsOnLines(now.errors, from, to - 1), findingsOnLines(base.errors, from, to - 1))) return false;
  return sameFindings(findingsOnLines(now.own, from, to - 1), findingsOnLines(base.own, from, to - 1));
}

/**
 * Walks a list sorted by line forward: the items on the lines of each next block, in turn. The
 * line of the next item is kept as a number: a duty's walk asks at each of its hundreds of runs,
 * and mostly there is nothing there (reading it from the finding each time cost more than the rest).
 */
class LineCursor {
  private i: number;
  private nextLine = Infinity;

  constructor(
    private readonly list: readonly Finding[],
    from: number,
  ) {
    this.i = firstStartingOnOrAfter(list, from);
    this.moveTo(this.i);
  }

  /** The items not taken yet on lines before `to`. */
  take(to: number): readonly Finding[] {
    const from = this.i;
    this.skip(to);
    return from === this.i ? NO_FINDINGS : this.list.slice(from, this.i);
  }

  /** Galloping: a walk over a duty's runs skips a few findings at a time, and its end the rest at once. */
  skip(to: number): void {
    if (this.nextLine >= to) return;
    const list = this.list;
    // list[lo] is before `to`; find the first at or after it in (lo, hi].
    let lo = this.i;
    let step = 1;
    while (lo + step < list.length && list[lo + step]!.range.start.line < to) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo + step, list.length);
    lo++;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.range.start.line < to) lo = mid + 1;
      else hi = mid;
    }
    this.moveTo(lo);
  }

  /** Skips the items on lines before `to` if they are `expected` (the same objects); else takes nothing and says so. */
  skipSame(to: number, expected: readonly Finding[]): boolean {
    if (this.nextLine >= to) return expected.length === 0;
    let k = 0;
    while (this.i + k < this.list.length && this.list[this.i + k]!.range.start.line < to) {
      if (this.list[this.i + k] !== expected[k]) return false;
      k++;
    }
    if (k !== expected.length) return false;
    this.moveTo(this.i + k);
    return true;
  }

  /** Whether an item not taken yet is on a line before `to`. */
  anyBefore(to: number): boolean {
    return this.nextLine < to;
  }

  private moveTo(i: number): void {
    this.i = i;
    this.nextLine = i < this.list.length ? this.list[i]!.range.start.line : Infinity;
  }
}

/** Whether a list sorted by position has an item starting on lines [from, to). */
function anyOnLines(sorted: readonly { range: Range }[], from: number, to: number): boolean {
  const i = firstStartingOnOrAfter(sorted, from);
  return i < sorted.length && sorted[i]!.range.start.line < to;
}

/** Whether a sorted list of lines has one in [from, to). */
function anyIn(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < to;
}

/** Index of the last duty starting at or before `line`, or -1. */
function lastAtOrBefore(duties: readonly Duty[], line: number): number {
  return firstStartingOnOrAfter(duties, line + 1) - 1;
}

/** Moves findings whose positions are their own by whole lines, in place (see moveInPlace). */
function moveAll(findings: readonly Finding[], lineDelta: number, count = findings.length): void {
  for (let i = 0; i < count; i++) moveInPlace(findings[i]!, lineDelta);
}

export function validate(parsed: ParseResult, options: ValidateOptions = {}): Finding[] {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rc: RuleContext = { units: options.units ?? defaultUnitCatalog, historyFactor: settings.historyFactor, scoring: settings.scoring ?? DEFAULT_SCORING, comments: parsed.ast.comments };
  return (options.cache ?? new ValidationCache()).validate(parsed, rc, settings);
}
