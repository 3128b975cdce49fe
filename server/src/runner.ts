/**
 * The one safe runner every request handler goes through: a cancelled request
 * gets its fallback without doing the work, an exception becomes the fallback
 * and is logged once (per handler and message), so a failing feature never
 * takes the server down or floods the log.
 */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class SafeRunner {
  private readonly reported = new Set<string>();

  constructor(private readonly log: Logger) {}

  run<T>(name: string, token: CancellationLike | undefined, fallback: T, work: () => T): T {
    if (token?.isCancellationRequested) return fallback;
    try {
      const result = work();
      return token?.isCancellationRequested ? fallback : result;
    } catch (e) {
      this.failed(name, e);
      return fallback;
    }
  }

  /** Log a failure once per handler and message. */
  failed(name: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const key = `${name}\u0000${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.error(`${name} failed: ${e instanceof Error && e.stack ? e.stack : message}`);
  }
}
