/**
 * What the server needs from the machine it runs on: the files of the
 * workspace and its catalogs. The Node implementation is node/host.ts; the
 * server itself never touches a file system or a Node API directly.
 */
import type { UnitCatalog } from '../../grammar/src/index';
import type { ServiceSettings } from '../../service/index';

/** Where the editor's settings say the catalogs are (targetTable.unitsFile / sourcesFile), relative to the root. */
export interface CatalogPaths {
  unitsFile?: string;
  sourcesFile?: string;
}

export interface Catalogs {
  units: UnitCatalog;
  sources: readonly string[];
  settings: ServiceSettings;
  /** Problems reading the catalog files, to show the user once each. */
  problems: string[];
}

export type TableRead = { text: string } | { skipped: 'missing' | 'notAFile' } | { skipped: 'tooLarge'; size: number };

export interface ServerHost {
  /** Every `*.ttab` file under a folder (absolute paths), lazily. */
  listTables(folder: string): AsyncIterable<string>;
  /** A table's text, unless it is missing, not a regular file or over `maxBytes` (then it is not read at all). */
  readTable(file: string, maxBytes: number): Promise<TableRead>;
  /** Catalogs and rule settings of a workspace root (`.ttab/*.json`, or the catalog paths the editor sets). */
  loadCatalogs(root: string | null, paths?: CatalogPaths): Catalogs;
  /** The catalog files the editor's settings name, as absolute paths (to notice their changes). */
  catalogFiles(root: string, paths: CatalogPaths): string[];
  uriToPath(uri: string): string | null;
  pathToUri(file: string): string;
  /** Run `work` after pending I/O and messages (a yield between files of a scan). */
  defer(work: () => void): void;
  /** The heap in use, for `--timing`. */
  heapUsedMiB(): number;
}
