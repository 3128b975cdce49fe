/**
 * When open documents are validated: after a pause in typing (debounced per
 * document), at once on open and after a settings change. A run validates the
 * version current when it runs, so a superseded version is never published.
 * It also keeps, per document, when the change being validated arrived and
 * how long its reparse took, for `--timing`.
 */
export interface PendingWork {
  receivedAt: number;
  parseMs: number;
}

export class ValidationScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Map<string, PendingWork>();

  constructor(
    private readonly validationDelay: number,
    private readonly validate: (uri: string) => void,
  ) {}

  /** A change arrived at `receivedAt` and took `parseMs` to reparse: validate after the debounce. */
  changed(uri: string, receivedAt: number, parseMs: number): void {
    const previous = this.pending.get(uri);
    // Changes that arrive before validation add their parsing to the work of that validation.
    this.pending.set(uri, { receivedAt: previous?.receivedAt ?? receivedAt, parseMs: (previous?.parseMs ?? 0) + parseMs });
    this.schedule(uri, this.validationDelay);
  }

  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validate(uri);
      }, delay),
    );
  }

  /** The work behind the validation now running (taken: the next change starts anew). */
  takePending(uri: string): PendingWork | undefined {
    const work = this.pending.get(uri);
    this.pending.delete(uri);
    return work;
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
