/**
 * Results kept per run of objectives, for walking the objectives of a duty an edit changed. A
 * duty of 5,000 indicators holds about a thousand objectives, and each walk an edit made over
 * all of them (validation, the table rules' summaries) was most of a keystroke's work there:
 * the edit copied the duty and kept all but a few of its objectives (grammar/src/incremental.ts),
 * so the walk goes by runs of up to RUN_LENGTH objectives of one parent, and a run holding the
 * same objectives as the run at its place in the duty walked last (a compare of references, not
 * a read of each objective) keeps its result; a run that moved is found by its first objective.
 */
import type { Duty, Item, Objective } from '../grammar/src/index';

export const RUN_LENGTH = 32;

/** A run: objectives [from, to) of one parent's list (the duty's own, or a 事项's). */
export interface ObjectiveRun {
  item: Item | undefined;
  list: readonly Objective[];
  from: number;
  to: number;
}

/** The duty's objectives in runs, in written order. */
export function forEachRun(duty: Duty, visit: (run: ObjectiveRun) => void): void {
  forEachRunOf(undefined, duty.objectives, visit);
  for (const item of duty.items) forEachRunOf(item, item.objectives, visit);
}

/** One parent's objectives in runs: the duty's own (`item` undefined) or a 事项's. */
export function forEachRunOf(item: Item | undefined, list: readonly Objective[], visit: (run: ObjectiveRun) => void): void {
  for (let from = 0; from < list.length; from += RUN_LENGTH) visit({ item, list, from, to: Math.min(list.length, from + RUN_LENGTH) });
}

interface Kept<R> {
  /** The 事项 the run was of, and where in its list: a 事项 object an edit kept has the same objectives. */
  item: Item | undefined;
  from: number;
  objectives: readonly Objective[];
  result: R;
}

function holds(kept: Kept<unknown> | undefined, run: ObjectiveRun): boolean {
  if (!kept || kept.objectives.length !== run.to - run.from) return false;
  // A 事项 is copied when anything in it changes (grammar/src/incremental.ts): the same object holds the same objectives.
  if (run.item !== undefined && kept.item === run.item && kept.from === run.from) return true;
  for (let i = 0; i < kept.objectives.length; i++) if (kept.objectives[i] !== run.list[run.from + i]) return false;
  return true;
}

export class RunMemo<R> {
  private readonly byFirst = new WeakMap<Objective, Kept<R>>();
  private previous: Kept<R>[] = [];
  private current: Kept<R>[] = [];
  private found: Kept<R> | undefined;

  /** Begins a walk over the runs of one duty, in written order. */
  begin(): void {
    this.current = [];
  }

  /** What was kept for the walk's next run, if it holds the same objectives (the caller checks the rest still holds). */
  kept(run: ObjectiveRun): R | undefined {
    const atPlace = this.previous[this.current.length];
    this.found = holds(atPlace, run) ? atPlace : this.byFirst.get(run.list[run.from]!);
    if (!holds(this.found, run)) this.found = undefined;
    return this.found?.result;
  }

  /** The walk's next run's result: the one `kept` gave, or a new one (`fresh`). */
  put(run: ObjectiveRun, result: R, fresh: boolean): void {
    const kept = fresh || !this.found ? { item: run.item, from: run.from, objectives: run.list.slice(run.from, run.to), result } : this.found;
    if (kept !== this.found) this.byFirst.set(run.list[run.from]!, kept);
    this.current.push(kept);
  }

  /** Forgets what was kept for a duty's runs: its lines and findings changed without a walk over it. */
  forget(duty: Duty): void {
    forEachRun(duty, (run) => this.byFirst.delete(run.list[run.from]!));
    this.previous = [];
  }

  /** Ends the walk: the next compares with it. */
  end(): void {
    this.previous = this.current;
  }
}
