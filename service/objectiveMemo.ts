/**
 * Results kept per objective, for walking the objectives of a duty an edit changed. The edit
 * copied the duty and kept all but a few of its objectives (grammar/src/incremental.ts), so each
 * objective is first compared, by position, with the duty walked last — a reference compare —
 * and only then looked up by object: a duty of 5,000 indicators holds about a thousand
 * objectives, and a lookup for each, in each of the walks an edit makes (validation, the table
 * rules' summaries, the index), was most of a keystroke's work there.
 */
import type { Objective } from '../grammar/src/index';

interface Walk<R> {
  objectives: Objective[];
  results: R[];
}

export class ObjectiveMemo<R> {
  private readonly byObjective = new WeakMap<Objective, R>();
  private previous: Walk<R> = { objectives: [], results: [] };
  private current: Walk<R> = { objectives: [], results: [] };

  /** Begins a walk over the objectives of one duty, in written order. */
  begin(): void {
    this.current = { objectives: [], results: [] };
  }

  /** What was kept for the walk's next objective (the caller checks it still holds). */
  kept(objective: Objective): R | undefined {
    const k = this.current.objectives.length;
    return this.previous.objectives[k] === objective ? this.previous.results[k] : this.byObjective.get(objective);
  }

  /** The walk's next objective and its result; `fresh`: just made (so kept for the objective too). */
  put(objective: Objective, result: R, fresh: boolean): void {
    if (fresh) this.byObjective.set(objective, result);
    this.current.objectives.push(objective);
    this.current.results.push(result);
  }

  /** Ends the walk: the next compares with it. */
  end(): void {
    this.previous = this.current;
  }
}
