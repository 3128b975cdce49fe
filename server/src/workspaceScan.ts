/**
 * Keeps the workspace index current: every `.ttab` of the workspace folders,
 * open or not, and, when the workspace's problems are shown, their findings
 * (workspaceProblems.ts). Files are scanned in the background, one at a time
 * with a yield between them, so requests are never held up, and only once
 * the first open table has its diagnostics (opening a table is not slowed by
 * reading the others); file events and folder changes update it; open
 * documents are indexed from the editor's text instead (the file on disk is
 * read again when the editor closes them). While a scan runs, the client is
 * told how far it is (INDEXING_NOTIFICATION): at the start, at most every
 * PROGRESS_INTERVAL_MS, and once done.
 */
import { FileChangeType, type FileEvent, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import { parse } from '../../grammar/src/index';
import { localize, type WorkspaceIndex } from '../../service/index';
import type { ServerConfiguration } from './configuration';
import { MAX_DOCUMENT_CHARS, type DocumentStore } from './documents';
import type { ServerHost } from './host';
import type { IndexingProgress } from './protocol';
import type { Logger, SafeRunner } from './runner';
import type { WorkspaceProblems } from './workspaceProblems';

/** How long the scan waits for the first open table's diagnostics before it starts anyway. */
const SCAN_DELAY_MS = 1500;

const PROGRESS_INTERVAL_MS = 100;

export class WorkspaceScanner {
  /** The scans under way (folders may be added while one runs), counted together. */
  private readonly progress = { scans: 0, indexed: 0, total: 0, reportedAt: 0 };
  /** Files the index skips, each said once in the log (a file watcher may report it again and again). */
  private readonly skippedFiles = new Set<string>();

  constructor(
    private readonly host: ServerHost,
    private readonly index: WorkspaceIndex,
    private readonly store: DocumentStore,
    private readonly config: ServerConfiguration,
    private readonly runner: SafeRunner,
    private readonly log: Logger,
    private readonly problems: WorkspaceProblems,
    /** Settles when the first open table has its diagnostics. */
    private readonly firstDiagnostics: Promise<void>,
    private readonly onProgress: (progress: IndexingProgress) => void = () => undefined,
  ) {}

  /** Index the file behind `uri` from disk, unless an editor has it open (or it is gone, or too large). */
  async indexFromDisk(uri: string): Promise<void> {
    if (this.store.get(uri)) return; // open documents are indexed from the editor's text
    const file = this.host.uriToPath(uri);
    if (!file) {
      // an untitled document closed: nothing on disk stands for it any more
      this.index.remove(uri);
      this.problems.forget(uri);
      return;
    }
    try {
      // The TT005 limit: a document over MAX_DOCUMENT_CHARS is not served; UTF-8 takes up to 3 bytes a character.
      const read = await this.host.readTable(file, MAX_DOCUMENT_CHARS * 3);
      if ('text' in read && read.text.length <= MAX_DOCUMENT_CHARS) {
        this.skippedFiles.delete(uri);
        if (this.store.get(uri)) return;
        const parsed = parse(read.text, { units: this.config.catalogs.units });
        this.index.update(uri, parsed.ast);
        this.problems.read(uri, parsed);
        return;
      }
      this.index.remove(uri);
      this.problems.forget(uri);
      const reason = 'text' in read ? 'tooLarge' : read.skipped;
      if (reason === 'missing' || this.skippedFiles.has(uri)) return;
      this.skippedFiles.add(uri);
      const limit = MAX_DOCUMENT_CHARS / 1024 / 1024;
      this.log.warn(
        localize(
          reason === 'notAFile'
            ? { zh: `索引：${file} 不是普通文件（设备、FIFO 或指向它们的链接），未读取`, en: `index: ${file} is not a regular file (a device, a FIFO or a link to one); not read` }
            : { zh: `索引：${file} 超过表格的大小上限 ${limit} MB（TT005），未读取`, en: `index: ${file} is over the ${limit} MB a table may have (TT005); not read` },
          this.config.locale,
        ),
      );
    } catch (e) {
      this.runner.failed('index', e);
      this.index.remove(uri);
      this.problems.forget(uri);
    }
  }

  /** Which scan of the whole workspace is the current one (a new one stops the one before). */
  private latestScan = 0;

  /** Scan the whole workspace file by file, yielding between files, once the first open table has its diagnostics. */
  async scan(roots: readonly string[]): Promise<void> {
    const scan = ++this.latestScan;
    await Promise.race([this.firstDiagnostics, new Promise<void>((resolve) => setTimeout(resolve, SCAN_DELAY_MS))]);
    if (scan === this.latestScan) await this.scanFolders(roots, () => scan === this.latestScan);
  }

  /** Scan folders file by file, yielding between files, while `current()` says so; the tables are listed first, so progress has a total. */
  private async scanFolders(roots: readonly string[], current: () => boolean = () => true): Promise<void> {
    const progress = this.progress;
    progress.scans++;
    /** Files listed and not indexed yet: a scan stopped by a newer one leaves them to it. */
    let left = 0;
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
      left = files.length;
      this.report(true);
      for (const file of files) {
        if (!current()) return;
        await this.indexFromDisk(this.host.pathToUri(file));
        progress.indexed++;
        left--;
        this.report(false);
        await new Promise<void>((resolve) => this.host.defer(resolve));
      }
    } finally {
      progress.total -= left;
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
        this.problems.forget(change.uri);
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
      for (const uri of this.index.uris()) {
        if (!uri.startsWith(prefix)) continue;
        this.index.remove(uri);
        this.problems.forget(uri);
      }
    }
    const added = event.added.map((f) => this.host.uriToPath(f.uri)).filter((p): p is string => p !== null);
    const removed = new Set(event.removed.map((f) => this.host.uriToPath(f.uri)));
    this.config.roots = [...this.config.roots.filter((r) => !removed.has(r)), ...added];
    void this.scanFolders(added);
  }
}
