/**
 * What the server and the extension say to each other beyond LSP: the names
 * of the notifications and their payloads. The client imports this file, so
 * both sides agree by construction.
 */

/** Sent after each validation of an open document: what the status bar shows. */
export const TABLE_STATS_NOTIFICATION = 'targetTable/tableStats';

export interface TableStats {
  uri: string;
  indicators: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Benchmark-only, sent with `--timing` after each validation of a change. */
export const TIMING_NOTIFICATION = '$/targetTable/timing';

export interface WorkTiming {
  uri: string;
  version: number;
  parseMs: number;
  validateMs: number;
  /** The server's work for the change: reparse, validation, diagnostics built and written (not the waits between). */
  workMs: number;
  /** Whether diagnostics were sent (false: they had not changed, nothing was sent or "unchanged" was answered). */
  sent: boolean;
  heapUsedMiB: number;
}
