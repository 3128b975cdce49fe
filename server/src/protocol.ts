/**
 * What the server and the extension say to each other beyond LSP: the names
 * of the notifications and their payloads, and how the Node server is
 * started. The client imports this file, so both sides agree by construction.
 */

/**
 * The V8 flags the Node server is started with: they take effect only when the process starts
 * (v8.setFlagsFromString is too late for them). The extension, the tests' client and the bench all
 * pass them, so what is measured is what runs in the editor.
 *
 * A young generation of 32 MB semi-spaces (V8's default grows to 16 MB): opening a large table
 * allocates millions of short-lived tokens and nodes beside the document's text and model, which
 * stay alive; with half as many scavenges, opening 50,000 indicators to its first diagnostics went
 * from 1.20× the time of `ttab check` on the same file to 1.05× (paired runs; `npm run bench`:
 * lsp, "open ÷ check"). `ttab check` gains nothing from it. It costs about 5% of peak memory on a
 * 10,000-indicator table, nothing on a small one.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

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

/**
 * Sent once per open document and feature when its outline or folding ranges were cut at
 * targetTable.maxItemsComputed (or the editor's own limit of folding ranges): the extension shows
 * the message with a way to the setting.
 */
export const RESULT_LIMIT_NOTIFICATION = 'targetTable/resultLimitReached';

export interface ResultLimitReached {
  uri: string;
  feature: 'outline' | 'folding';
  limit: number;
  /** In the user's language. */
  message: string;
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

/**
 * Server → client, for a server that cannot read the workspace itself (the browser's, in a web
 * worker): the extension answers through VS Code's file system (client/src/workspaceFiles.ts).
 * Every `*.ttab` under a folder (URIs), leaving out the folders below.
 */
export const LIST_TABLES_REQUEST = 'targetTable/listTables';
/** A file's size in bytes; null when it cannot be read. */
export const FILE_SIZE_REQUEST = 'targetTable/fileSize';
/** A file's text (UTF-8); null when it does not exist. */
export const READ_FILE_REQUEST = 'targetTable/readFile';

export interface ListTablesParams {
  folder: string;
}

export interface FileParams {
  uri: string;
}

/** Folders whose tables are not the workspace's (dependencies, build output, VS Code test copies). */
export const SCAN_SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', 'dist', 'out', '.vscode-test'];

/** The client's Generate Report… command: a code lens on a table in its self-evaluation (or monitoring) runs it with `{ kind }`. */
export const GENERATE_REPORT_COMMAND = 'targetTable.generateReport';
