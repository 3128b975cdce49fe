/**
 * What the server needs from the machine it runs on: the files of the
 * workspace and its catalogs. The Node implementation (node/host.ts) reads
 * the disk; the browser's (browser/host.ts) asks the extension, which reads
 * them through VS Code's file system. The server itself never touches a file
 * system or a Node API directly.
 *
 * A `file` or `folder` is the host's own name for it: a path on Node, the URI
 * itself in the browser. `uriToPath` and `pathToUri` translate.
 */
import type { CatalogPaths, WorkspaceCatalogs } from '../../service/index';

export type { CatalogPaths };

export type Catalogs = WorkspaceCatalogs;

export type TableRead = { text: string } | { skipped: 'missing' | 'notAFile' } | { skipped: 'tooLarge'; size: number };

export interface ServerHost {
  /** Every `*.ttab` file under a folder, lazily. */
  listTables(folder: string): AsyncIterable<string>;
  /** A table's text, unless it is missing, not a regular file or over `maxBytes` (then it is not read at all). */
  readTable(file: string, maxBytes: number): Promise<TableRead>;
  /**
   * Catalogs and rule settings of a workspace root (`.ttab/*.json`, or the catalog paths the
   * editor sets); never rejects (problems are in the result). Asked for once the client is
   * initialized: the browser's host reads the files through the client.
   */
  loadCatalogs(root: string | null, paths?: CatalogPaths): Promise<Catalogs>;
  /** The catalog files the editor's settings name, as the host names files (to notice their changes). */
  catalogFiles(root: string, paths: CatalogPaths): string[];
  /** The host's name for the file behind a URI; null when it has none (e.g. an untitled document). */
  uriToPath(uri: string): string | null;
  pathToUri(file: string): string;
  /** Run `work` after pending I/O and messages (a yield between files of a scan). */
  defer(work: () => void): void;
  /** The heap in use, for `--timing`. */
  heapUsedMiB(): number;
}
