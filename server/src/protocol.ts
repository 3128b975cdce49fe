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
  /** Indicators whose target is a number (or numbers): the share the status bar shows. */
  quantified: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * Sent while the server indexes the workspace's tables in the background (what completion,
 * references and the hover on a name need): at the start, as it goes, and once done.
 */
export const INDEXING_NOTIFICATION = 'targetTable/indexing';

export interface IndexingProgress {
  /** Tables indexed so far, of `total` found. */
  indexed: number;
  total: number;
  done: boolean;
}

/** Benchmark-only, sent with `--timing` after each validation of a change. */
export const TIMING_NOTIFICATION = '$/targetTable/timing';

export interface WorkTiming {
  uri: string;
  version: number;
  parseMs: number;
  validateMs: number;
  /** Receipt of the change to diagnostics written, minus the debounce wait. */
  workMs: number;
  heapUsedMiB: number;
}
