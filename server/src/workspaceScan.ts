/**
 * Keeps the workspace index current: every `.ttab` of the workspace folders,
 * open or not. Files are scanned in the background, one at a time with a
 * yield between them, so requests are never held up; file events and folder
 * changes update it; open documents are indexed from the editor's text
 * instead (the file on disk is read again when the editor closes them).
 * While a scan runs, the client is told how far it is (INDEXING_NOTIFICATION):
 * at the start, at most every PROGRESS_INTERVAL_MS, and once done.
 */
import { FileChangeType, type FileEvent, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { parse } from '../../grammar/src/index';
import type { WorkspaceIndex } from '../../service/index';
import type { ServerConfiguration } from './configuration';
import { MAX_DOCUMENT_CHARS, type DocumentStore } from './documents';
import type { ServerHost } from './host';
import type { IndexingProgress } from './protocol';
import type { SafeRunner } from './runner';

const PROGRESS_INTERVAL_MS = 100;

export class WorkspaceScanner {
  /** The scans under way (folders may be added while one runs), counted together. */
  private readonly progress = { scans: 0, indexed: 0, total: 0, reportedAt: 0 };

  constructor(
    private readonly host: ServerHost,
    private readonly index: WorkspaceIndex,
    private readonly store: DocumentStore,
    private readonly config: ServerConfiguration,
    private readonly runner: SafeRunner,
    private readonly onProgress: (progress: IndexingProgress) => void = () => undefined,
  ) {}

  /** Index the file behind `uri` from disk, unless an editor has it open (or it is gone, or too large). */
  async indexFromDisk(uri: string): Promise<void> {
    if (this.store.get(uri)) return; // open documents are indexed from the editor's text
    const file = this.host.uriToPath(uri);
    if (!file) return;
    try {
      const size = await this.host.fileSize(file);
      if (size === undefined) {
        this.index.remove(uri);
        return;
      }
      if (size > MAX_DOCUMENT_CHARS * 3) return;
      const text = await this.host.readFile(file);
      if (this.store.get(uri)) return;
      this.index.update(uri, parse(text, { units: this.config.catalogs.units }).ast);
    } catch (e) {
      this.runner.failed('index', e);
      this.index.remove(uri);
    }
  }

  /** Scan folders file by file, yielding between files; the tables are listed first, so progress has a total. */
  async scan(roots: readonly string[]): Promise<void> {
    const progress = this.progress;
    progress.scans++;
    try {
      const files: string[] = [];
      for (const root of roots) {
        try {
          for await (const file of this.host.listTables(root)) files.push(file);
        } catch (e) {
          this.runner.failed('workspace scan', e);
        }
      }
      progress.total += files.length;
      this.report(true);
      for (const file of files) {
        await this.indexFromDisk(this.host.pathToUri(file));
        progress.indexed++;
        this.report(false);
        await new Promise<void>((resolve) => this.host.defer(resolve));
      }
    } finally {
      progress.scans--;
      if (progress.scans === 0) {
        this.report(true);
        progress.indexed = progress.total = 0;
      }
    }
  }

  private report(always: boolean): void {
    const { scans, indexed, total, reportedAt } = this.progress;
    const now = Date.now();
    if (!always && now - reportedAt < PROGRESS_INTERVAL_MS) return;
    this.progress.reportedAt = now;
    this.runner.run('indexing progress', undefined, undefined, () => this.onProgress({ indexed, total, done: scans === 0 }));
  }

  /** File events: tables are indexed again or dropped; returns whether a catalog file changed. */
  filesChanged(changes: readonly FileEvent[]): boolean {
    let catalogsChanged = false;
    for (const change of changes) {
      if (this.config.isCatalogFile(change.uri)) {
        catalogsChanged = true;
        continue;
      }
      if (!change.uri.endsWith('.ttab')) continue;
      if (change.type === FileChangeType.Deleted) {
        if (!this.store.get(change.uri)) this.index.remove(change.uri);
      } else {
        void this.indexFromDisk(change.uri);
      }
    }
    return catalogsChanged;
  }

  /** Folders added or removed: their tables come and go; the roots follow. */
  foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    for (const removed of event.removed) {
      const prefix = removed.uri.endsWith('/') ? removed.uri : `${removed.uri}/`;
      for (const uri of this.index.uris()) if (uri.startsWith(prefix)) this.index.remove(uri);
    }
    const added = event.added.map((f) => this.host.uriToPath(f.uri)).filter((p): p is string => p !== null);
    const removed = new Set(event.removed.map((f) => this.host.uriToPath(f.uri)));
    this.config.roots = [...this.config.roots.filter((r) => !removed.has(r)), ...added];
    void this.scan(added);
  }
}
