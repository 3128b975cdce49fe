/**
 * How often a crashed language server is started again: at most `maxRestarts` times within
 * `windowMs`; past that the server stays stopped until the user restarts it, so a server that
 * crashes on every start gives one notification instead of a storm.
 */
export class RestartBudget {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts: number,
    readonly windowMs: number,
  ) {}

  /** Records a crash at `now`; true when the server may be started again. */
  allowRestart(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get recentCrashes(): number {
    return this.crashes.length;
  }

  reset(): void {
    this.crashes = [];
  }
}
